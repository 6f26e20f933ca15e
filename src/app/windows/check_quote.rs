//! Edit > Check a quote…: is it verbatim? Every match, or the closest passage with a diff.

use crate::app::Action;
use egui::{Color32, RichText};

/// The "Check a quote" box.
#[derive(Debug, Default)]
pub struct CheckQuoteWindow {
    pub open: bool,
    pub text: String,
    pub result: Option<crate::quote::Verification>,
}

impl CheckQuoteWindow {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    /// Edit > Check a quote…: is it verbatim? Every match, or the closest passage with a diff.
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let q = &mut *self;
        let mut open = true;
        egui::Window::new("Check a quote")
            .open(&mut open)
            .default_width(480.0)
            .show(ctx, |ui| {
                let label = ui.label("Quote to check");
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut q.text)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                let enter = r.has_focus()
                    && ui.input(|i| i.key_pressed(egui::Key::Enter) && i.modifiers.command);
                if ui.button("Check").clicked() || enter {
                    actions.push(Action::CheckQuote(q.text.clone()));
                }
                let Some(v) = &q.result else { return };
                ui.separator();
                let good = Color32::from_rgb(0x2e, 0x9d, 0x4f);
                if v.verbatim {
                    ui.colored_label(
                        good,
                        format!(
                            "Verbatim: {} match{}",
                            v.matches.len(),
                            if v.matches.len() == 1 { "" } else { "es" }
                        ),
                    );
                } else {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "Not verbatim in this transcript",
                    );
                }
                for n in &v.notes {
                    ui.label(RichText::new(n).weak());
                }
                for m in &v.matches {
                    ui.horizontal(|ui| {
                        ui.label(format!(
                            "{} — {}",
                            crate::export::cite("", m.start, m.end),
                            m.speaker
                        ));
                        if ui
                            .button(format!("Show {}", crate::export::cite("", m.start, m.end)))
                            .clicked()
                        {
                            actions.push(Action::ShowPassage {
                                turn: m.turn,
                                start: m.start_offset,
                                end: m.end_offset,
                            });
                        }
                    });
                }
                if let Some(c) = &v.closest {
                    ui.label(format!(
                        "Closest passage ({:.0}% similar): {} — {}",
                        c.similarity * 100.0,
                        crate::export::cite("", c.passage.start, c.passage.end),
                        c.passage.speaker
                    ));
                    ui.horizontal_wrapped(|ui| {
                        ui.spacing_mut().item_spacing.x = 4.0;
                        for op in &c.diff {
                            use crate::quote::DiffOp;
                            match op {
                                DiffOp::Same(w) => {
                                    ui.label(w);
                                }
                                DiffOp::Missing(w) => {
                                    ui.label(
                                        RichText::new(format!("record: {w}"))
                                            .color(good)
                                            .underline(),
                                    );
                                }
                                DiffOp::Extra(w) => {
                                    ui.label(
                                        RichText::new(format!("quote: {w}"))
                                            .color(ui.visuals().error_fg_color)
                                            .strikethrough(),
                                    );
                                }
                            }
                        }
                    });
                    if ui.button("Show the passage").clicked() {
                        actions.push(Action::ShowPassage {
                            turn: c.passage.turn,
                            start: c.passage.start_offset,
                            end: c.passage.end_offset,
                        });
                    }
                }
            });
        self.open &= open;
    }
}
