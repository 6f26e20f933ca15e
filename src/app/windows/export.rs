//! File > Export excerpts…: format, filters, cite prefix, context, and where to write.
//! The export itself is `PartlyApp::export_to` (`exporting.rs`), with these settings.

use crate::app::{Action, Snapshot};
use crate::export::ExportFormat;

/// The export window's settings.
#[derive(Debug)]
pub struct ExportWindow {
    pub open: bool,
    pub format: ExportFormat,
    pub tags: Vec<String>,
    pub speaker: Option<String>,
    pub only_selected: bool,
    pub include_question: bool,
    pub context: usize,
    pub prefix: String,
    pub path: String,
    /// The chosen file exists: ask before replacing it.
    pub confirm_replace: bool,
}

impl Default for ExportWindow {
    fn default() -> Self {
        ExportWindow {
            open: false,
            format: ExportFormat::Markdown,
            tags: Vec::new(),
            speaker: None,
            only_selected: false,
            include_question: true,
            context: 0,
            prefix: "Tr.".into(),
            path: String::new(),
            confirm_replace: false,
        }
    }
}

impl ExportWindow {
    /// File > Export excerpts…: format, filters, cite prefix, context, and where to write.
    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let Some(d) = snap.session else { return };
        let e = &mut *self;
        let mut open = true;
        egui::Window::new("Export excerpts")
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    for f in crate::export::ExportFormat::ALL {
                        if ui.radio(e.format == f, f.label()).clicked() {
                            e.format = f;
                            if let Some(dot) = e.path.rfind('.') {
                                e.path = format!("{}.{}", &e.path[..dot], f.extension());
                            }
                        }
                    }
                });
                ui.label("Tags (none ticked: all annotations)");
                ui.horizontal_wrapped(|ui| {
                    for tag in &d.doc.sidecar.tags.tags {
                        let mut on = e.tags.contains(&tag.name);
                        if ui.checkbox(&mut on, &tag.name).changed() {
                            if on {
                                e.tags.push(tag.name.clone());
                            } else {
                                e.tags.retain(|t| t != &tag.name);
                            }
                        }
                    }
                });
                egui::ComboBox::new("export speaker", "speaker")
                    .selected_text(e.speaker.clone().unwrap_or_else(|| "Any speaker".into()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut e.speaker, None, "Any speaker");
                        for s in &d.doc.transcript.speakers {
                            ui.selectable_value(&mut e.speaker, Some(s.name.clone()), &s.name);
                        }
                    });
                ui.checkbox(&mut e.only_selected, "Only the selection's annotations");
                ui.checkbox(
                    &mut e.include_question,
                    "Include the question each answer answers",
                );
                ui.add(egui::Slider::new(&mut e.context, 0..=5).text("turns of context"));
                ui.horizontal(|ui| {
                    let label = ui.label("Cite prefix");
                    ui.add(egui::TextEdit::singleline(&mut e.prefix).desired_width(120.0))
                        .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Save to");
                    ui.add(egui::TextEdit::singleline(&mut e.path).desired_width(320.0))
                        .labelled_by(label.id);
                    if ui.button("Choose…").clicked()
                        && let Some(p) = rfd::FileDialog::new()
                            .add_filter(e.format.label(), &[e.format.extension()])
                            .save_file()
                    {
                        e.path = p.display().to_string();
                    }
                });
                if e.confirm_replace {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("{} exists.", e.path));
                    ui.horizontal(|ui| {
                        if ui.button("Replace it").clicked() {
                            actions.push(Action::ExportTo {
                                path: e.path.trim().into(),
                                replace: true,
                            });
                        }
                        if ui.button("Keep it").clicked() {
                            e.confirm_replace = false;
                        }
                    });
                } else if ui.button("Export").clicked() {
                    actions.push(Action::ExportTo {
                        path: e.path.trim().into(),
                        replace: false,
                    });
                }
            });
        self.open &= open;
    }
}
