//! View > Go to page:line…

use crate::app::Action;

#[derive(Debug, Default)]
pub struct GoToWindow {
    pub open: bool,
    /// What is typed: `248:15`, a page, or a line number.
    pub text: String,
}

impl GoToWindow {
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Go to")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Page:line (e.g. 248:15), a page, or a line number");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.text)
                            .id(egui::Id::unique("go to field")),
                    )
                    .labelled_by(label.id);
                r.request_focus();
                if (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                    || ui.button("Go").clicked()
                {
                    actions.push(Action::GoTo(self.text.clone()));
                }
            });
        self.open &= open;
    }
}
