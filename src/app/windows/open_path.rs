//! File > Open by path… (also when there is no system file dialog).

use crate::app::Action;

#[derive(Debug, Default)]
pub struct OpenPathWindow {
    pub open: bool,
    pub text: String,
}

impl OpenPathWindow {
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Open by path")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Path to a transcript file");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.text)
                            .id(egui::Id::unique("open path field"))
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                if (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                    || ui.button("Open").clicked()
                {
                    actions.push(Action::Open(self.text.trim().into()));
                    self.open = false;
                }
            });
        self.open &= open;
    }
}
