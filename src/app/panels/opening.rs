//! A transcript being opened: its name, what is happening, and a way to stop waiting.

use crate::app::{Action, Snapshot};
use egui::RichText;

pub fn show(ui: &mut egui::Ui, snap: &Snapshot, actions: &mut Vec<Action>) {
    let Some(l) = snap.loading else { return };
    let has_doc = snap.session.is_some();
    let mut cancel = false;
    let mut progress = |ui: &mut egui::Ui| {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.strong(format!("Opening {}", l.name()));
                ui.label(l.stage().describe());
                let seconds = l.started.elapsed().as_secs();
                ui.label(RichText::new(format!("{seconds} s")).weak());
                cancel = ui.button("Cancel").clicked();
            });
            if has_doc {
                ui.label(
                    RichText::new(
                        "You can keep working here; it replaces this transcript when ready.",
                    )
                    .weak(),
                );
            }
        });
    };
    if has_doc {
        progress(ui);
    } else {
        // Nothing else to show yet: in the middle of the window.
        egui::Area::new(egui::Id::unique("opening"))
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), progress);
    }
    if cancel {
        actions.push(Action::CancelOpen);
    }
}
