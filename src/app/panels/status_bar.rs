//! The status bar: saved or not, the transcript's layout and counts, import notes, a
//! doubtful reading, and the last thing that happened.

use crate::app::command::Command;
use crate::app::{Action, Snapshot};
use crate::transcript::health::Verdict;
use egui::RichText;

pub fn show(ui: &mut egui::Ui, snap: &Snapshot, actions: &mut Vec<Action>) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let mut open_report = false;
            if let Some(d) = snap.session {
                let (text, colour) = if d.save_error.is_some() {
                    ("Not saved", ui.visuals().error_fg_color)
                } else if d.is_saving() {
                    ("Saving…", ui.visuals().weak_text_color())
                } else if d.dirty {
                    ("Unsaved changes", ui.visuals().warn_fg_color)
                } else {
                    ("Saved", ui.visuals().weak_text_color())
                };
                ui.label(RichText::new(text).color(colour));
                ui.separator();
                let t = &d.doc.transcript;
                ui.label(format!(
                    "{} · {} turns · {} annotations",
                    t.format.describe(),
                    t.turns.len(),
                    d.doc.sidecar.annotations.len()
                ));
                if !t.warnings.is_empty()
                    && ui
                        .link(match t.warnings.len() {
                            1 => "1 import note".to_owned(),
                            n => format!("{n} import notes"),
                        })
                        .clicked()
                {
                    open_report = true;
                }
                if let Some(h) = d.health().filter(|h| h.verdict != Verdict::Good) {
                    let colour = if h.verdict == Verdict::Poor {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().warn_fg_color
                    };
                    let text = format!("Read: {} — what went wrong?", h.verdict.name());
                    if ui
                        .link(RichText::new(text).color(colour))
                        .on_hover_text(h.advice.join("\n"))
                        .clicked()
                    {
                        open_report = true;
                    }
                }
                ui.separator();
            }
            if open_report {
                actions.push(Action::Command(Command::ImportReport));
            }
            ui.label(RichText::new(snap.status).weak());
        });
    });
}
