//! Annotations the last re-anchoring could not place for certain: candidates the user must
//! confirm, and orphans to re-attach by hand. Shown above the annotations list until none
//! are left.

use super::shorten;
use crate::annotation::{Annotation, Intent, Placement};
use crate::app::Action;
use crate::app::session::Session;
use crate::app::view_state::ViewState;
use egui::RichText;

/// How many annotations to review (and orphans) are shown at once.
const ATTENTION_SHOWN: usize = 10;

/// Annotations the last re-anchoring could not place for certain: candidates the user must
/// confirm, and orphans to re-attach by hand. Shown above the list until none are left.
pub fn show(ui: &mut egui::Ui, d: &Session, v: &ViewState, actions: &mut Vec<Action>) {
    if d.index.review.is_empty() && d.index.orphans.is_empty() {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("attention")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| attention_cards(d, v, ui, actions));
    ui.separator();
}

fn attention_cards(d: &Session, v: &ViewState, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let anns = &d.doc.sidecar.annotations;
    let review: Vec<&Annotation> = d.index.review.iter().map(|&k| &anns[k]).collect();
    let orphans: Vec<&Annotation> = d.index.orphans.iter().map(|&k| &anns[k]).collect();
    // The first few of each: a transcript rewritten from end to end can leave thousands.
    let more = |ui: &mut egui::Ui, n: usize| {
        if n > ATTENTION_SHOWN {
            ui.label(
                RichText::new(format!(
                    "…and {} more, shown here as these are settled",
                    n - ATTENTION_SHOWN
                ))
                .weak(),
            );
        }
    };
    let warn = ui.visuals().warn_fg_color;
    let card = |ui: &mut egui::Ui, a: &Annotation, body: &mut dyn FnMut(&mut egui::Ui)| {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("was at {}", a.anchor.start));
                ui.label(RichText::new(a.tags.join(", ")).small());
            });
            ui.label(format!("“{}”", shorten(&a.anchor.quote, 140)));
            if let Some(n) = &a.note {
                ui.label(RichText::new(shorten(n, 140)).weak());
            }
            body(ui);
        });
    };
    if !review.is_empty() {
        ui.heading(RichText::new(format!("To review ({})", review.len())).color(warn));
        ui.label("The transcript changed; these may have moved. Confirm or reject each.");
        let n = review.len();
        for a in review.into_iter().take(ATTENTION_SHOWN) {
            let Placement::Review {
                candidate,
                similarity,
            } = &a.placement
            else {
                continue;
            };
            card(ui, a, &mut |ui| {
                ui.label(format!(
                    "now at {}, {similarity}% alike: “{}”",
                    candidate.start,
                    shorten(&candidate.quote, 140)
                ));
                ui.horizontal(|ui| {
                    if ui.button("Show").clicked() {
                        actions.push(Action::ActivateAnnotation(Some(a.id.clone())));
                    }
                    if ui.button("Accept move").clicked() {
                        actions.push(Action::Do(Intent::AcceptMove { id: a.id.clone() }));
                    }
                    if ui.button("Reject").clicked() {
                        actions.push(Action::Do(Intent::RejectMove { id: a.id.clone() }));
                    }
                });
            });
        }
        more(ui, n);
    }
    if !orphans.is_empty() {
        ui.heading(RichText::new(format!("Orphaned ({})", orphans.len())).color(warn));
        ui.label("Not found in the transcript. Select the passage, then attach.");
        let n = orphans.len();
        for a in orphans.into_iter().take(ATTENTION_SHOWN) {
            card(ui, a, &mut |ui| {
                let can = v.selection.is_some();
                if ui
                    .add_enabled(can, egui::Button::new("Attach to selection"))
                    .clicked()
                {
                    actions.push(Action::AttachToSelection(a.id.clone()));
                }
            });
        }
        more(ui, n);
    }
}
