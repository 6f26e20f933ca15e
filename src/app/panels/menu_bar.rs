//! The menu bar: File, Edit and View, generated from the command registry (label, first
//! shortcut, enabled, ticked), with the recent files and the transcript's filters.

use crate::app::command::Command;
use crate::app::{Action, Snapshot};
use egui::RichText;

const FILE_OPEN: [Command; 3] = [Command::Open, Command::OpenPath, Command::OpenSample];
const FILE_SAVE: [Command; 5] = [
    Command::Save,
    Command::SaveAnnotationsAs,
    Command::Export,
    Command::CompareAnnotators,
    Command::CheckArticle,
];
const EDIT: [Command; 10] = [
    Command::Undo,
    Command::Redo,
    Command::CopyCitation,
    Command::CheckQuote,
    Command::SelectExchange,
    Command::NextAnnotation,
    Command::DeleteAnnotation,
    Command::ClearSelection,
    Command::TagManager,
    Command::SpeakerManager,
];
const VIEW: [Command; 12] = [
    Command::Find,
    Command::GoTo,
    Command::ZoomIn,
    Command::ZoomOut,
    Command::ZoomReset,
    Command::ToggleTheme,
    Command::ImportReport,
    Command::ToggleAnnotationsPanel,
    Command::ToggleSuggestions,
    Command::Statistics,
    Command::StudyView,
    Command::Drill,
];

/// One menu entry: a checkbox for a setting, otherwise a button with its shortcut.
fn command_button(ui: &mut egui::Ui, snap: &Snapshot, c: Command, actions: &mut Vec<Action>) {
    if let Some(mut on) = c.checked(&snap.commands) {
        if ui.checkbox(&mut on, c.label()).clicked() {
            actions.push(Action::Command(c));
        }
        return;
    }
    let mut button = egui::Button::new(c.label());
    if let Some(s) = c.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    if ui.add_enabled(c.enabled(&snap.commands), button).clicked() {
        actions.push(Action::Command(c));
        ui.close();
    }
}

pub fn show(ui: &mut egui::Ui, snap: &Snapshot, actions: &mut Vec<Action>) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in FILE_OPEN {
                    command_button(ui, snap, c, actions);
                }
                ui.menu_button("Open recent", |ui| {
                    if snap.prefs.recent.is_empty() {
                        ui.label(RichText::new("Nothing yet").weak());
                    }
                    for p in &snap.prefs.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            actions.push(Action::Open(p.clone()));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for c in FILE_SAVE {
                    command_button(ui, snap, c, actions);
                }
            });
            ui.menu_button("Edit", |ui| {
                for c in EDIT {
                    command_button(ui, snap, c, actions);
                }
            });
            ui.menu_button("View", |ui| {
                for c in VIEW {
                    command_button(ui, snap, c, actions);
                    if c == Command::ToggleSuggestions {
                        min_confidence_slider(ui, snap, actions);
                    }
                }
            });
            if let Some(d) = snap.session {
                ui.separator();
                let v = snap.view;
                let mut filter = v.speaker_filter.map(|s| s.0);
                let name = filter
                    .and_then(|s| d.doc.transcript.speakers.get(s as usize))
                    .map_or("All speakers".to_owned(), |s| s.name.clone());
                egui::ComboBox::new("speaker filter", "Speaker")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut filter, None, "All speakers");
                        for s in &d.doc.transcript.speakers {
                            ui.selectable_value(&mut filter, Some(s.id.0), &s.name);
                        }
                    });
                if filter != v.speaker_filter.map(|s| s.0) {
                    actions.push(Action::SetSpeakerFilter(filter));
                }
                let mut tagged = v.tagged_only;
                if ui.checkbox(&mut tagged, "Tagged exchanges only").changed() {
                    actions.push(Action::SetTaggedOnly(tagged));
                }
            }
        });
    });
}

/// View › "Hide suggestions below": the least confidence a suggestion needs to be shown.
fn min_confidence_slider(ui: &mut egui::Ui, snap: &Snapshot, actions: &mut Vec<Action>) {
    let mut value = snap.prefs.min_confidence;
    let label = ui.label("Hide suggestions below");
    let r = ui
        .add_enabled(
            snap.prefs.show_suggestions,
            egui::Slider::new(&mut value, 0.0..=0.9)
                .step_by(0.05)
                .custom_formatter(|v, _| format!("{:.0}%", v * 100.0)),
        )
        .labelled_by(label.id)
        .on_hover_text("Suggestions less likely than this to be right are not marked");
    if r.changed() {
        actions.push(Action::SetMinConfidence(value));
    }
}
