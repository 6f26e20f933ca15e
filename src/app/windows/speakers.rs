//! Edit > Speakers…: rename, set the role of, split and merge speakers; names that may be
//! one person in two languages are offered for merging, never merged silently.

use crate::annotation::Intent;
use crate::app::{Action, Snapshot};
use crate::transcript::{Role, SpeakerEdit};

#[derive(Debug, Default)]
pub struct SpeakersWindow {
    pub open: bool,
    /// Names being typed, by the speaker's current name.
    pub rename_buffers: std::collections::HashMap<String, String>,
    pub merge_from: Option<u32>,
    pub merge_into: Option<u32>,
}

impl SpeakersWindow {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let Some(d) = snap.session else { return };
        let t = &d.doc.transcript;
        let mut open = true;
        egui::Window::new("Speakers")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                // The same person named in two languages: offered, never merged silently.
                for (other, name) in &d.index.aliases {
                    ui.horizontal(|ui| {
                        ui.label(format!("\"{other}\" = \"{name}\"?"));
                        if ui
                            .button(format!("Merge {other} into {name}"))
                            .on_hover_text("The same person, named in another language")
                            .clicked()
                        {
                            actions.push(Action::Do(Intent::Speaker(SpeakerEdit::Merge {
                                from: other.clone(),
                                into: name.clone(),
                            })));
                        }
                    });
                }
                if !d.index.aliases.is_empty() {
                    ui.separator();
                }
                egui::Grid::new("speaker grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for s in &t.speakers {
                            let key = format!("speaker:{}", s.name);
                            let buf = self
                                .rename_buffers
                                .entry(key)
                                .or_insert_with(|| s.name.clone());
                            let r = ui
                                .add(egui::TextEdit::singleline(buf).desired_width(160.0))
                                .on_hover_text(
                                    "Speaker name (press Enter or click away to rename)",
                                );
                            if r.lost_focus() && buf.trim() != s.name && !buf.trim().is_empty() {
                                actions.push(Action::Do(Intent::Speaker(SpeakerEdit::Rename {
                                    label: s.name.clone(),
                                    name: buf.trim().to_owned(),
                                })));
                            }
                            let mut role = s.role;
                            egui::ComboBox::new(("role", s.id.0), "role")
                                .selected_text(role.name())
                                .show_ui(ui, |ui| {
                                    for r in Role::ALL {
                                        ui.selectable_value(&mut role, r, r.name());
                                    }
                                });
                            if role != s.role {
                                actions.push(Action::Do(Intent::Speaker(SpeakerEdit::SetRole {
                                    label: s.name.clone(),
                                    role,
                                })));
                            }
                            ui.vertical(|ui| {
                                for alias in &s.aliases {
                                    ui.horizontal(|ui| {
                                        ui.label(alias);
                                        if ui.small_button(format!("Split off {alias}")).clicked() {
                                            actions.push(Action::Do(Intent::Speaker(
                                                SpeakerEdit::Split {
                                                    label: alias.clone(),
                                                },
                                            )));
                                        }
                                    });
                                }
                            });
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    let name = |id: Option<u32>| {
                        id.and_then(|i| t.speakers.get(i as usize))
                            .map_or("…".to_owned(), |s| s.name.clone())
                    };
                    egui::ComboBox::new("merge from", "merge")
                        .selected_text(name(self.merge_from))
                        .show_ui(ui, |ui| {
                            for s in &t.speakers {
                                ui.selectable_value(&mut self.merge_from, Some(s.id.0), &s.name);
                            }
                        });
                    egui::ComboBox::new("merge into", "into")
                        .selected_text(name(self.merge_into))
                        .show_ui(ui, |ui| {
                            for s in &t.speakers {
                                ui.selectable_value(&mut self.merge_into, Some(s.id.0), &s.name);
                            }
                        });
                    if ui.button("Merge speakers").clicked()
                        && let (Some(a), Some(b)) = (self.merge_from, self.merge_into)
                        && let (Some(from), Some(into)) =
                            (t.speakers.get(a as usize), t.speakers.get(b as usize))
                    {
                        actions.push(Action::Do(Intent::Speaker(SpeakerEdit::Merge {
                            from: from.name.clone(),
                            into: into.name.clone(),
                        })));
                        self.merge_from = None;
                        self.merge_into = None;
                    }
                });
            });
        self.open &= open;
    }
}
