//! File > Save annotations as…: a new file (an existing one is never overwritten).

use crate::app::Action;

#[derive(Debug, Default)]
pub struct SaveAsWindow {
    pub open: bool,
    pub text: String,
}

impl SaveAsWindow {
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Save annotations as")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("A new file for the annotations (an existing file is never overwritten)");
                ui.add(
                    egui::TextEdit::singleline(&mut self.text)
                        .id(egui::Id::unique("save as field"))
                        .desired_width(420.0),
                );
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        actions.push(Action::SaveAnnotationsTo(self.text.trim().into()));
                    }
                    if ui.button("Choose…").clicked()
                        && let Some(p) = rfd::FileDialog::new()
                            .set_file_name("annotations.ron")
                            .save_file()
                    {
                        actions.push(Action::SaveAnnotationsTo(p));
                    }
                });
            });
        self.open &= open;
    }
}
