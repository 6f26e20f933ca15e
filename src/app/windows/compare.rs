//! File > Compare with another annotator…: the other coders' annotation files of this
//! transcript, picked with the system dialog or typed (there may be no dialog).

use crate::app::Action;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct CompareWindow {
    pub open: bool,
    pub text: String,
    pub files: Vec<PathBuf>,
}

impl CompareWindow {
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Compare with another annotator")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(
                    "Other annotators' files of this transcript (their .annotations.ron). \
                     Each answer anyone tagged with an evasion class is compared.",
                );
                let label = ui.label("Annotation file");
                ui.horizontal(|ui| {
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.text)
                                .id(egui::Id::unique("compare path field"))
                                .desired_width(360.0),
                        )
                        .labelled_by(label.id);
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button("Add file").clicked() || enter) && !self.text.trim().is_empty() {
                        self.files.push(self.text.trim().into());
                        self.text.clear();
                    }
                    if ui.button("Choose…").clicked()
                        && let Some(picked) = rfd::FileDialog::new()
                            .add_filter("Annotation files", &["ron"])
                            .pick_files()
                    {
                        self.files.extend(picked);
                    }
                });
                let mut remove = None;
                for (i, f) in self.files.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(f.display().to_string());
                        let name = format!("Remove {}", f.display());
                        let r = ui.small_button("Remove");
                        r.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                        });
                        if r.clicked() {
                            remove = Some(i);
                        }
                    });
                }
                if let Some(i) = remove {
                    self.files.remove(i);
                }
                if ui
                    .add_enabled(!self.files.is_empty(), egui::Button::new("Compare"))
                    .clicked()
                {
                    actions.push(Action::Compare(std::mem::take(&mut self.files)));
                    self.open = false;
                }
            });
        self.open &= open;
    }
}
