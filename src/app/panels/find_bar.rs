//! The find bar: the query, how many hits, previous / next, close.

use crate::app::{Action, Dir, Snapshot};

/// The find bar's own state.
#[derive(Debug, Default)]
pub struct FindBar {
    /// Put the cursor in the find field when next drawn (Find… was chosen).
    pub focus: bool,
}

pub fn show(ui: &mut egui::Ui, snap: &Snapshot, bar: &mut FindBar, actions: &mut Vec<Action>) {
    let find = &snap.view.find;
    if snap.session.is_none() || !find.open {
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let mut q = find.query.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut q)
                    .id(egui::Id::unique("find field"))
                    .hint_text("words in the testimony"),
            )
            .labelled_by(label.id);
        if bar.focus {
            edit.request_focus();
            bar.focus = false;
        }
        if edit.changed() {
            actions.push(Action::SetFind(q));
        }
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let dir = if ui.input(|i| i.modifiers.shift) {
                Dir::Previous
            } else {
                Dir::Next
            };
            actions.push(Action::Find(dir));
            edit.request_focus();
        }
        let n = find.hits.len();
        let count = if find.query.trim().is_empty() {
            String::new()
        } else if n == 0 {
            "no matches".into()
        } else {
            format!("{} of {n}", find.current + 1)
        };
        ui.label(count);
        if ui.button("Previous").clicked() {
            actions.push(Action::Find(Dir::Previous));
        }
        if ui.button("Next").clicked() {
            actions.push(Action::Find(Dir::Next));
        }
        if ui.button("Close find").clicked() {
            actions.push(Action::CloseFind);
        }
    });
}
