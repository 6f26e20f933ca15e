//! Errors and warnings across the top of the transcript: a failed open or save, an
//! annotation file that could not be read, the file changed on disk (merge or reload), and
//! annotations found again after the transcript changed.

use crate::app::command::Command;
use crate::app::{Action, Snapshot};

pub fn show(ui: &mut egui::Ui, snap: &Snapshot, actions: &mut Vec<Action>) {
    let err = ui.visuals().error_fg_color;
    if let Some(e) = snap.error {
        let mut dismiss = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(err, e);
                dismiss = ui.button("Dismiss").clicked();
            });
        });
        if dismiss {
            actions.push(Action::DismissError);
        }
    }
    let Some(d) = snap.session else { return };
    let mut save_as = false;
    if let Some(e) = &d.doc.sidecar_error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.colored_label(
                err,
                format!("The annotation file could not be read and will not be overwritten: {e}"),
            );
            ui.horizontal(|ui| {
                ui.label("You can read the transcript and keep new annotations in a new file.");
                save_as = ui.button(Command::SaveAnnotationsAs.label()).clicked();
            });
        });
    }
    let mut disk_action = None;
    if let Some(e) = &d.save_error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.colored_label(err, format!("Not saved: {e}"));
            if d.disk_conflict {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        "Someone else saved the annotations (another window, a sync, git). Merge keeps both: yours and theirs, by annotation.",
                    );
                    if ui.button("Merge").clicked() {
                        disk_action = Some(Action::MergeFromDisk);
                    }
                    if ui.button("Reload theirs, discard mine").clicked() {
                        disk_action = Some(Action::ReloadFromDisk);
                    }
                    save_as = ui.button(Command::SaveAnnotationsAs.label()).clicked();
                });
            }
        });
    }
    if let Some(a) = disk_action {
        actions.push(a);
        return;
    }
    if let Some(r) = &d.doc.reanchored {
        let more = if r.needs_attention() > 0 {
            " The ones to review and the orphans are at the top of the annotations panel."
        } else {
            ""
        };
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "The transcript changed since the annotations were saved. Found them again: {}.{more}",
                r.describe()
            ),
        );
    }
    if save_as {
        actions.push(Action::Command(Command::SaveAnnotationsAs));
    }
}
