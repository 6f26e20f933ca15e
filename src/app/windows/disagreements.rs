//! The Disagreements panel: how far this document's tags agree with other annotators'
//! (alpha, kappa per pair), a confusion matrix per pair whose cells filter the list, and
//! every answer the coders labelled differently, with its cite, a jump and "Take theirs".

use crate::analysis::agreement::{Comparison, YOU, figure};
use crate::annotation::Intent;
use crate::app::{Action, Snapshot};
use egui::RichText;

/// Shows the panel while a comparison is on.
pub fn show(ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
    let Some(d) = snap.session else { return };
    let Some(c) = &d.comparison else { return };
    let mut open = true;
    egui::Window::new("Disagreements")
        .open(&mut open)
        .default_width(560.0)
        .default_pos([620.0, 60.0])
        .default_height(520.0)
        .show(ctx, |ui| {
            figures(ui, c);
            ui.separator();
            matrices(ui, c, snap.view.disagreement_filter.as_ref(), actions);
            ui.separator();
            list(ui, c, snap, actions);
        });
    if !open {
        actions.push(Action::EndComparison);
    }
}

fn figures(ui: &mut egui::Ui, c: &Comparison) {
    let a = &c.result;
    ui.label(
        RichText::new(format!(
            "Krippendorff's alpha {} · three-way {} · {} answers compared",
            figure(a.alpha, 2),
            figure(a.alpha_3way, 2),
            a.units.len()
        ))
        .strong(),
    );
    for p in &a.pairwise {
        ui.label(format!(
            "{} × {}: kappa {}, agreement {} on {} answers",
            a.coders[p.coders[0]],
            a.coders[p.coders[1]],
            figure(p.kappa, 2),
            p.agreement
                .map_or_else(|| "undefined".into(), |x| format!("{:.0}%", x * 100.0)),
            p.units
        ));
    }
    for w in &a.warnings {
        ui.label(RichText::new(w).weak());
    }
}

/// One matrix per other coder against "You": rows are your labels, columns theirs; a cell
/// off the diagonal lists its disagreements.
fn matrices(
    ui: &mut egui::Ui,
    c: &Comparison,
    filter: Option<&(usize, String, String)>,
    actions: &mut Vec<Action>,
) {
    let a = &c.result;
    for p in a.pairwise.iter().filter(|p| p.coders[0] == 0) {
        let other = p.coders[1];
        let used = p.used_labels();
        ui.label(format!("{YOU} (rows) × {} (columns)", a.coders[other]));
        egui::Grid::new(("confusion", other))
            .striped(true)
            .show(ui, |ui| {
                ui.label("");
                for &k in &used {
                    ui.label(RichText::new(&a.labels[k]).small());
                }
                ui.end_row();
                for &r in &used {
                    ui.label(RichText::new(&a.labels[r]).small());
                    for &k in &used {
                        let n = p.matrix[r][k];
                        if r == k || n == 0 {
                            // Agreements count; empty cells stay quiet.
                            ui.label(if n == 0 {
                                "·".to_owned()
                            } else {
                                n.to_string()
                            });
                            continue;
                        }
                        let cell = (other, a.labels[r].clone(), a.labels[k].clone());
                        let on = filter == Some(&cell);
                        let name = format!(
                            "{} by you, {} by {}: {n}",
                            a.labels[r], a.labels[k], a.coders[other]
                        );
                        let b = ui
                            .add(egui::Button::new(n.to_string()).selected(on))
                            .on_hover_text(&name);
                        // Screen readers (and tests) hear which cell it is, not just its count.
                        b.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                        });
                        if b.clicked() {
                            actions.push(Action::FilterDisagreements((!on).then_some(cell)));
                        }
                    }
                    ui.end_row();
                }
            });
    }
}

fn list(ui: &mut egui::Ui, c: &Comparison, snap: &Snapshot, actions: &mut Vec<Action>) {
    let a = &c.result;
    let shown: Vec<_> = match snap.view.disagreement_filter.as_ref() {
        Some((other, mine, theirs)) => a.cell(0, *other, mine, theirs),
        None => a.disagreements.iter().collect(),
    };
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} of {} disagreements",
            shown.len(),
            a.disagreements.len()
        ));
        if snap.view.disagreement_filter.is_some() && ui.button("Show all").clicked() {
            actions.push(Action::FilterDisagreements(None));
        }
    });
    let set = c.set();
    egui::ScrollArea::vertical()
        .max_height(300.0)
        .show(ui, |ui| {
            for d in shown {
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .link(format!("{}", d.start))
                        .on_hover_text("Show this answer")
                        .clicked()
                    {
                        actions.push(Action::SelectTurn {
                            turn: d.turn,
                            extend: false,
                        });
                    }
                    let labels: Vec<String> = a
                        .coders
                        .iter()
                        .zip(&d.labels)
                        .map(|(n, l)| format!("{n}: {}", l.as_deref().unwrap_or("—")))
                        .collect();
                    ui.label(RichText::new(labels.join(" · ")).strong());
                });
                ui.label(RichText::new(crate::text::chars::shorten(&d.text, 140)).weak());
                ui.horizontal_wrapped(|ui| {
                    let mine = d.labels.first().cloned().flatten();
                    for (k, theirs) in d.labels.iter().enumerate().skip(1) {
                        if theirs == &mine || theirs.is_none() {
                            continue;
                        }
                        let label = theirs.clone().filter(|l| set.contains(l));
                        let text = format!(
                            "Take theirs: {} ({})",
                            label.as_deref().unwrap_or("no tag"),
                            a.coders[k]
                        );
                        if ui.button(text).clicked() {
                            actions.push(Action::Do(Intent::TakeLabel {
                                turn: d.turn,
                                label,
                                set: set.clone(),
                            }));
                        }
                    }
                });
                ui.separator();
            }
        });
}
