//! What a user can ask of the window. [`Command`] lists every menu entry and shortcut (menus
//! and shortcut handling are generated from it); [`Action`] is what gets applied, by one
//! function, whether it came from a menu, a key, a click or a test.

use super::loading::{Handoff, Loaded};
use crate::annotation::Edit;
use crate::transcript::Format;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Menu entries and keyboard shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Open,
    OpenPath,
    OpenSample,
    Save,
    SaveAnnotationsAs,
    Undo,
    Redo,
    RedoAlt,
    Find,
    FindNext,
    FindPrevious,
    GoTo,
    SelectExchange,
    SelectPrevious,
    SelectNext,
    NextAnnotation,
    DeleteAnnotation,
    ClearSelection,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    ImportReport,
    TagManager,
    SpeakerManager,
    AcceptSuggestion,
    DismissSuggestion,
    ToggleSuggestions,
    Statistics,
    Export,
    CopyCitation,
    CheckQuote,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 32] = [
        Command::Open,
        Command::OpenPath,
        Command::OpenSample,
        Command::Save,
        Command::SaveAnnotationsAs,
        Command::Undo,
        Command::Redo,
        Command::RedoAlt,
        Command::Find,
        Command::FindNext,
        Command::FindPrevious,
        Command::GoTo,
        Command::SelectExchange,
        Command::SelectPrevious,
        Command::SelectNext,
        Command::NextAnnotation,
        Command::DeleteAnnotation,
        Command::ClearSelection,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::ToggleTheme,
        Command::ImportReport,
        Command::TagManager,
        Command::SpeakerManager,
        Command::AcceptSuggestion,
        Command::DismissSuggestion,
        Command::ToggleSuggestions,
        Command::Statistics,
        Command::Export,
        Command::CopyCitation,
        Command::CheckQuote,
    ];

    /// The menu label, in sentence case; `…` when a dialog follows. Also the accessible name.
    pub fn label(self) -> &'static str {
        match self {
            Command::Open => "Open transcript…",
            Command::OpenPath => "Open by path…",
            Command::OpenSample => "Open the bundled sample",
            Command::Save => "Save annotations",
            Command::SaveAnnotationsAs => "Save annotations as…",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::RedoAlt => "Redo (Ctrl+Y)",
            Command::Find => "Find…",
            Command::FindNext => "Find next",
            Command::FindPrevious => "Find previous",
            Command::GoTo => "Go to page:line…",
            Command::SelectExchange => "Select question and answer",
            Command::SelectPrevious => "Select previous turn",
            Command::SelectNext => "Select next turn",
            Command::NextAnnotation => "Cycle annotations here",
            Command::DeleteAnnotation => "Delete annotation",
            Command::ClearSelection => "Clear selection",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Reset zoom",
            Command::ToggleTheme => "Light / dark theme",
            Command::ImportReport => "Import report…",
            Command::TagManager => "Tags…",
            Command::SpeakerManager => "Speakers…",
            Command::AcceptSuggestion => "Accept suggestion",
            Command::DismissSuggestion => "Dismiss suggestion",
            Command::ToggleSuggestions => "Show evasion suggestions",
            Command::Statistics => "Statistics…",
            Command::Export => "Export excerpts…",
            Command::CopyCitation => "Copy as citation",
            Command::CheckQuote => "Check a quote…",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = |k| Some(KeyboardShortcut::new(Modifiers::COMMAND, k));
        let plain = |k| Some(KeyboardShortcut::new(Modifiers::NONE, k));
        match self {
            Command::Open => cmd(Key::O),
            Command::Save => cmd(Key::S),
            Command::Undo => cmd(Key::Z),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Command::RedoAlt => cmd(Key::Y),
            Command::Find => cmd(Key::F),
            Command::FindNext => plain(Key::F3),
            Command::FindPrevious => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::F3)),
            Command::GoTo => cmd(Key::G),
            Command::SelectExchange => plain(Key::E),
            Command::SelectPrevious => plain(Key::ArrowUp),
            Command::SelectNext => plain(Key::ArrowDown),
            Command::NextAnnotation => plain(Key::Tab),
            Command::DeleteAnnotation => plain(Key::Delete),
            Command::ClearSelection => plain(Key::Escape),
            Command::CopyCitation => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::C,
            )),
            Command::Export => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::E,
            )),
            Command::CheckQuote => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::V,
            )),
            Command::AcceptSuggestion => plain(Key::A),
            Command::DismissSuggestion => plain(Key::D),
            Command::ZoomIn => cmd(Key::Plus),
            Command::ZoomOut => cmd(Key::Minus),
            Command::ZoomReset => cmd(Key::Num0),
            _ => None,
        }
    }

    /// Shortcuts that are plain keys must not fire while the user types in a text field.
    pub fn is_plain_key(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }
}

/// Which way to move through find hits or turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Next,
    Previous,
}

/// Everything the window does to its state goes through one of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// Open a transcript. It is read off the UI thread; [`Action::Opened`] brings it back.
    Open(PathBuf),
    /// Read the open transcript again in the given layout (saved with its annotations).
    ReadAs(Format),
    /// A background open finished (`ticket` says which; a superseded one is ignored).
    Opened {
        ticket: u64,
        path: PathBuf,
        result: Handoff<Result<Loaded, String>>,
    },
    /// Stop waiting for the transcript being opened.
    CancelOpen,
    SaveAnnotationsTo(PathBuf),
    /// A change to the document (undoable).
    Edit(Edit),
    /// Typing in the note editor: merged into one undo step per annotation.
    EditNote {
        id: String,
        note: String,
    },
    SelectTurn {
        turn: usize,
        extend: bool,
    },
    SelectSpan {
        turn: usize,
        start: usize,
        end: usize,
    },
    /// Apply (or, if the selection's annotation has it, remove) a tag.
    ToggleTag(String),
    ActivateAnnotation(Option<String>),
    /// The annotation file changed on disk: merge that version into ours, then save.
    MergeFromDisk,
    /// The annotation file changed on disk: discard unsaved work and read it again.
    ReloadFromDisk,
    /// Settle merge conflict `index`: apply `edit` (taking theirs), or nothing (keeping ours).
    ResolveConflict {
        index: usize,
        edit: Option<Edit>,
    },
    /// Re-attach an orphaned annotation (or one awaiting review) to the current selection.
    AttachToSelection(String),
    RemoveTagFrom {
        id: String,
        tag: String,
    },
    SetFind(String),
    Find(Dir),
    GoTo(String),
    SetSpeakerFilter(Option<u32>),
    /// Export with the export window's settings to this file (`replace` an existing one).
    ExportTo {
        path: PathBuf,
        replace: bool,
    },
    /// Check a quote against the transcript (the "Check a quote" box).
    CheckQuote(String),
    /// Select and show a passage: turn and byte range in its text.
    ShowPassage {
        turn: usize,
        start: usize,
        end: usize,
    },
    SetTaggedOnly(bool),
    DismissError,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for c in Command::ALL {
            if let Some(s) = c.shortcut() {
                let key = (
                    s.logical_key,
                    s.modifiers.shift,
                    s.modifiers.alt,
                    s.modifiers.command,
                );
                if let Some(other) = seen.insert(key, c) {
                    panic!("{other:?} and {c:?} share a shortcut");
                }
            }
        }
    }

    #[test]
    fn every_command_has_a_label() {
        for c in Command::ALL {
            assert!(!c.label().is_empty());
        }
    }
}
