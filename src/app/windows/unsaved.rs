//! Closing was refused because unsaved work could not be saved: save elsewhere, keep
//! working, or close without saving.

use crate::app::Action;
use crate::app::command::Command;

#[derive(Debug, Default)]
pub struct UnsavedWindow {
    /// Closing was refused because unsaved work could not be saved: ask what to do.
    pub blocked: bool,
    /// The user chose to close without saving.
    pub close_anyway: bool,
}

impl UnsavedWindow {
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if !self.blocked {
            return;
        }
        egui::Window::new("Unsaved annotations")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label("Your latest annotations could not be saved, so the window stayed open.");
                ui.horizontal(|ui| {
                    if ui.button(Command::SaveAnnotationsAs.label()).clicked() {
                        self.blocked = false;
                        actions.push(Action::Command(Command::SaveAnnotationsAs));
                    }
                    if ui.button("Keep working").clicked() {
                        self.blocked = false;
                    }
                    if ui.button("Close without saving").clicked() {
                        self.close_anyway = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
            });
    }
}
