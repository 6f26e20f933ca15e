//! Keyboard and dropped files → [`Action`]s. Shortcuts come from the command registry;
//! the number keys 1–9 toggle the tags bound to them.

use super::command::{self, Command, CommandState};
use super::{Action, PartlyApp};
use std::path::PathBuf;

impl PartlyApp {
    pub(super) fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.push(Action::Open(p));
        }
        let focused = ctx.memory(|m| m.focused());
        let typing = ctx.egui_wants_keyboard_input()
            && !focused.is_some_and(|id| self.turn_text_ids.contains(&id));
        // Shortcuts with more modifiers first: egui matches Ctrl+Z on Ctrl+Shift+Z too.
        let state = self.command_state();
        let mut shortcuts: Vec<(Command, egui::KeyboardShortcut)> = Command::ALL
            .into_iter()
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        shortcuts.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        for (c, s) in shortcuts {
            if typing && Command::is_plain_key(&s) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&s)) && c.enabled(&state) {
                self.push(Action::Command(c));
            }
        }
        if !typing && let Some(d) = &self.doc {
            let mut tags = Vec::new();
            for n in command::TAG_HOTKEYS {
                if let Some(s) = command::tag_hotkey(n)
                    && ctx.input_mut(|i| i.consume_shortcut(&s))
                    && let Some(tag) = d.doc.sidecar.tags.by_hotkey(n)
                {
                    tags.push(tag.name.clone());
                }
            }
            for t in tags {
                self.push(Action::ToggleTag(t));
            }
        }
    }

    /// What menus and shortcuts need to know to enable and tick commands.
    pub fn command_state(&self) -> CommandState {
        CommandState {
            has_document: self.doc.is_some(),
            show_annotations: self.prefs.show_annotations,
            show_suggestions: self.prefs.show_suggestions,
            show_study: self.doc.as_ref().is_some_and(|d| d.study_shown()),
        }
    }
}
