//! View > Import report…: how the transcript was read (layout, pages, health, advice, the
//! worst places), another layout to read it in, and every import note.

use crate::app::{Action, Snapshot};
use crate::transcript::Format;
use crate::transcript::health::Verdict;
use egui::RichText;

#[derive(Debug, Default)]
pub struct ImportReportWindow {
    pub open: bool,
}

impl ImportReportWindow {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
        let Some(d) = snap.session.filter(|_| self.open) else {
            return;
        };
        let mut open = true;
        egui::Window::new("Import report")
            .open(&mut open)
            .show(ctx, |ui| {
                let t = &d.doc.transcript;
                ui.label(format!("{}", d.doc.path.display()));
                if let Some(origin) = &t.origin {
                    ui.label(RichText::new(format!("Read from {origin}")).strong());
                }
                ui.label(format!(
                    "Layout: {} ({}), {}",
                    t.format.describe(),
                    if t.format_detected {
                        "detected"
                    } else {
                        "as chosen"
                    },
                    t.encoding
                ));
                ui.label(match t.pages {
                    Some((a, b)) => format!("Pages {a}–{b}"),
                    None => "No page numbers: cited by line".into(),
                });
                ui.label(format!(
                    "{} turns, {} speakers",
                    t.turns.len(),
                    t.speakers.len()
                ));
                if let Some(h) = &d.index.health {
                    ui.separator();
                    let colour = match h.verdict {
                        Verdict::Good => ui.visuals().text_color(),
                        Verdict::Doubtful => ui.visuals().warn_fg_color,
                        Verdict::Poor => ui.visuals().error_fg_color,
                    };
                    ui.label(
                        RichText::new(format!("Reading: {}", h.verdict.name()))
                            .strong()
                            .color(colour),
                    );
                    let plural = |n: u32, one: &str, many: &str| {
                        format!("{n} {}", if n == 1 { one } else { many })
                    };
                    ui.label(format!(
                        "{:.0}% of lines in turns · {} without a question · {} holding another",
                        h.lines_in_turns * 100.0,
                        plural(h.answers_without_question, "answer", "answers"),
                        plural(h.turns_with_inner_markers, "turn", "turns"),
                    ));
                    for a in &h.advice {
                        ui.label(format!("• {a}"));
                    }
                    for p in &h.worst {
                        ui.label(RichText::new(format!("{}: {}", p.start, p.why)).weak());
                    }
                }
                // What to try: read the file in another layout (kept with the annotations).
                ui.horizontal_wrapped(|ui| {
                    ui.label("Read as:");
                    for f in Format::ALL {
                        let chosen = f == t.format;
                        let suggested = t.better_format == Some(f);
                        let text = if suggested {
                            RichText::new(f.name())
                                .strong()
                                .color(ui.visuals().hyperlink_color)
                        } else {
                            RichText::new(f.name())
                        };
                        let button = ui
                            .add_enabled(!chosen, egui::Button::new(text).selected(chosen))
                            .on_hover_text(f.describe());
                        if button.clicked() {
                            actions.push(Action::ReadAs(f));
                        }
                    }
                });
                ui.separator();
                if t.warnings.is_empty() {
                    ui.label("Nothing was skipped or guessed.");
                }
                // One line each, so only the ones in sight are laid out.
                let line = ui.text_style_height(&egui::TextStyle::Body);
                egui::ScrollArea::vertical().max_height(300.0).show_rows(
                    ui,
                    line,
                    t.warnings.len(),
                    |ui, range| {
                        for w in &t.warnings[range] {
                            ui.add(egui::Label::new(w.to_string()).truncate())
                                .on_hover_text(w.to_string());
                        }
                    },
                );
            });
        self.open &= open;
    }
}
