//! The top of the annotations panel: tag buttons for the selection, the open suggestion on
//! the selected answer (accept or dismiss), and the active annotation's tags, quote and note.

use super::shorten;
use crate::app::command::Command;
use crate::app::view_state::Selection;
use crate::app::{Action, Snapshot, theme, view};
use egui::RichText;

/// `note_buffer`: (annotation id, the note being typed for it), the panel's own state.
pub fn show(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    note_buffer: &mut (String, String),
    actions: &mut Vec<Action>,
) {
    let dark = snap.prefs.dark;
    let Some(d) = snap.session else { return };
    let v = snap.view;
    ui.heading("Tag");
    let sel = v.selection;
    ui.horizontal_wrapped(|ui| {
        for tag in &d.doc.sidecar.tags.tags {
            let key = tag.hotkey.map(|k| format!("{k} ")).unwrap_or_default();
            let text = RichText::new(format!("{key}{}", tag.name))
                .color(theme::tag_text(tag.colour, dark));
            if ui
                .add_enabled(sel.is_some() || v.active.is_some(), egui::Button::new(text))
                .on_hover_text(&tag.description)
                .clicked()
            {
                actions.push(Action::ToggleTag(tag.name.clone()));
            }
        }
    });
    if let Some((turn, _)) = sel.map(Selection::turns)
        && let Some(sg) = d.open_suggestion(turn).filter(|v| snap.prefs.shows(v))
    {
        ui.separator();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            view::suggestion_details_ui(ui, &d.doc.transcript, sg);
            ui.horizontal(|ui| {
                if ui.button(Command::AcceptSuggestion.label()).clicked() {
                    actions.push(Action::Command(Command::AcceptSuggestion));
                }
                if ui.button(Command::DismissSuggestion.label()).clicked() {
                    actions.push(Action::Command(Command::DismissSuggestion));
                }
            });
        });
    }
    let active = v.active.as_deref().and_then(|id| d.annotation(id));
    match active {
        None => {
            ui.label(
                RichText::new(if sel.is_some() {
                    "Press a tag (or its number key) to annotate the selection."
                } else {
                    "Click a turn, shift-click for a range, drag over words for a quote; E selects a question with its answer."
                })
                .weak(),
            );
        }
        Some(a) => {
            ui.separator();
            let cite = a.range();
            ui.horizontal_wrapped(|ui| {
                ui.strong(cite);
                for tag in &a.tags {
                    let c = d.tag_text_colour(tag, dark);
                    if ui
                        .button(RichText::new(format!("{tag} ×")).color(c))
                        .on_hover_text("Remove this tag")
                        .clicked()
                    {
                        actions.push(Action::RemoveTagFrom {
                            id: a.id.clone(),
                            tag: tag.clone(),
                        });
                    }
                }
            });
            ui.label(RichText::new(format!("“{}”", shorten(&a.anchor.quote, 300))).italics());
            let note_label = ui.label("Note");
            // The buffer follows the annotation; typing becomes one undoable edit.
            let (buf_id, buf) = note_buffer;
            if *buf_id != a.id {
                *buf_id = a.id.clone();
                *buf = a.note.clone().unwrap_or_default();
            } else if a.note.as_deref().unwrap_or("") != buf.as_str()
                && !ui.memory(|m| m.has_focus(egui::Id::unique("note editor")))
            {
                *buf = a.note.clone().unwrap_or_default();
            }
            let edit = ui
                .add(
                    egui::TextEdit::multiline(buf)
                        .id(egui::Id::unique("note editor"))
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("Why this matters…"),
                )
                .labelled_by(note_label.id);
            if edit.changed() {
                actions.push(Action::EditNote {
                    id: a.id.clone(),
                    note: buf.clone(),
                });
            }
            if ui.button(Command::DeleteAnnotation.label()).clicked() {
                actions.push(Action::Command(Command::DeleteAnnotation));
            }
        }
    }
}
