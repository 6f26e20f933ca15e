//! What the last merge could not settle: ours was kept; the user may take theirs instead.
//! Open while there are conflicts; it has no state of its own.

use crate::annotation::{Annotation, Conflict};
use crate::app::panels::shorten;
use crate::app::{Action, Snapshot};

/// What the last merge could not settle: ours was kept; the user may take theirs instead.
pub fn show(ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
    let Some(d) = snap.session else { return };
    if d.conflicts.is_empty() {
        return;
    }
    let summary = |a: &Annotation| {
        let note = a
            .note
            .as_deref()
            .map_or(String::new(), |n| format!(" — {n}"));
        format!(
            "[{}] “{}”{note}",
            a.tags.join(", "),
            shorten(&a.anchor.quote, 80)
        )
    };
    egui::Window::new("Merge conflicts")
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label("Both versions changed these. Yours was kept; you can take theirs.");
            for (index, c) in d.conflicts.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(c.describe());
                    let (take, take_label) = match c {
                        Conflict::Annotation { ours, theirs } => {
                            ui.label(format!("Yours: {}", summary(ours)));
                            ui.label(format!("Theirs: {}", summary(theirs)));
                            (true, "Take theirs")
                        }
                        Conflict::DeletedAndChanged { kept, .. } => {
                            ui.label(summary(kept));
                            (true, "Delete it")
                        }
                        Conflict::Tag { .. } | Conflict::SpeakerEdits => (false, ""),
                    };
                    ui.horizontal(|ui| {
                        if take && ui.button(take_label).clicked() {
                            actions.push(Action::ResolveConflict { index, take: true });
                        }
                        if ui.button("Keep mine").clicked() {
                            actions.push(Action::ResolveConflict { index, take: false });
                        }
                    });
                });
            }
        });
}
