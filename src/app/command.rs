//! What a user can ask of the window from a menu or a key: [`Command`] lists every menu entry
//! and shortcut (menus and shortcut handling are generated from it). Running one is an
//! [`super::Action::Command`], applied like every other action.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Menu entries and keyboard shortcuts: the registry (in the style of rerun's `UICommand`).
/// Each command knows its label, its shortcuts (several allowed) and, given a
/// [`CommandState`], whether it is enabled and whether it shows a tick. The menus
/// (`panels::menu_bar`) and the keyboard handling (`input.rs`) are generated from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Open,
    OpenPath,
    OpenSample,
    Save,
    SaveAnnotationsAs,
    Undo,
    Redo,
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
    ToggleAnnotationsPanel,
    ToggleSuggestions,
    Statistics,
    Export,
    CopyCitation,
    CheckQuote,
    CompareAnnotators,
    StudyView,
    Drill,
    CheckArticle,
}

/// What decides whether a command is enabled or ticked, read from the window's state each
/// frame (so that menus need no access to the application).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommandState {
    pub has_document: bool,
    pub show_annotations: bool,
    pub show_suggestions: bool,
    pub show_study: bool,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 36] = [
        Command::Open,
        Command::OpenPath,
        Command::OpenSample,
        Command::Save,
        Command::SaveAnnotationsAs,
        Command::Undo,
        Command::Redo,
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
        Command::ToggleAnnotationsPanel,
        Command::ToggleSuggestions,
        Command::Statistics,
        Command::Export,
        Command::CopyCitation,
        Command::CheckQuote,
        Command::CompareAnnotators,
        Command::StudyView,
        Command::Drill,
        Command::CheckArticle,
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
            Command::ToggleAnnotationsPanel => "Annotations panel",
            Command::ToggleSuggestions => "Show evasion suggestions",
            Command::Statistics => "Statistics…",
            Command::Export => "Export excerpts…",
            Command::CopyCitation => "Copy as citation",
            Command::CheckQuote => "Check a quote…",
            Command::CompareAnnotators => "Compare with another annotator…",
            Command::StudyView => "Study view",
            Command::Drill => "Drill…",
            Command::CheckArticle => "Check an article…",
        }
    }

    /// Every shortcut that runs the command; the first is the one menus show.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        let plain = |k| KeyboardShortcut::new(Modifiers::NONE, k);
        match self {
            Command::Open => vec![cmd(Key::O)],
            Command::Save => vec![cmd(Key::S)],
            Command::Undo => vec![cmd(Key::Z)],
            Command::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Command::Find => vec![cmd(Key::F)],
            Command::FindNext => vec![plain(Key::F3)],
            Command::FindPrevious => vec![KeyboardShortcut::new(Modifiers::SHIFT, Key::F3)],
            Command::GoTo => vec![cmd(Key::G)],
            Command::SelectExchange => vec![plain(Key::E)],
            Command::SelectPrevious => vec![plain(Key::ArrowUp)],
            Command::SelectNext => vec![plain(Key::ArrowDown)],
            Command::NextAnnotation => vec![plain(Key::Tab)],
            Command::DeleteAnnotation => vec![plain(Key::Delete)],
            Command::ClearSelection => vec![plain(Key::Escape)],
            Command::CopyCitation => vec![cmd_shift(Key::C)],
            Command::Export => vec![cmd_shift(Key::E)],
            Command::CheckQuote => vec![cmd_shift(Key::V)],
            Command::AcceptSuggestion => vec![plain(Key::A)],
            Command::DismissSuggestion => vec![plain(Key::D)],
            Command::ZoomIn => vec![cmd(Key::Plus)],
            Command::ZoomOut => vec![cmd(Key::Minus)],
            Command::ZoomReset => vec![cmd(Key::Num0)],
            Command::OpenPath
            | Command::OpenSample
            | Command::SaveAnnotationsAs
            | Command::ToggleTheme
            | Command::ImportReport
            | Command::TagManager
            | Command::SpeakerManager
            | Command::ToggleAnnotationsPanel
            | Command::ToggleSuggestions
            | Command::Statistics
            | Command::CompareAnnotators
            | Command::StudyView
            | Command::Drill
            | Command::CheckArticle => Vec::new(),
        }
    }

    /// Whether the command can do anything now. Those that act on the open document's
    /// selection, history or find hits do nothing without one, so they are greyed out then.
    pub fn enabled(self, state: &CommandState) -> bool {
        match self {
            Command::Save
            | Command::Undo
            | Command::Redo
            | Command::Find
            | Command::FindNext
            | Command::FindPrevious
            | Command::SelectExchange
            | Command::SelectPrevious
            | Command::SelectNext
            | Command::NextAnnotation
            | Command::DeleteAnnotation
            | Command::ClearSelection
            | Command::AcceptSuggestion
            | Command::DismissSuggestion
            | Command::CopyCitation
            | Command::CompareAnnotators
            | Command::StudyView
            | Command::Drill
            | Command::CheckArticle => state.has_document,
            _ => true,
        }
    }

    /// `Some(on)` for a command shown as a checkbox (a setting that is on or off).
    pub fn checked(self, state: &CommandState) -> Option<bool> {
        match self {
            Command::ToggleAnnotationsPanel => Some(state.show_annotations),
            Command::ToggleSuggestions => Some(state.show_suggestions),
            Command::StudyView => Some(state.show_study),
            _ => None,
        }
    }

    /// Shortcuts that are plain keys must not fire while the user types in a text field.
    pub fn is_plain_key(shortcut: &KeyboardShortcut) -> bool {
        shortcut.modifiers.is_none()
    }
}

/// The plain number key that toggles the tag bound to hotkey `n` (1–9, see
/// [`crate::annotation::TagSet::by_hotkey`]); `None` outside that range.
pub fn tag_hotkey(n: u8) -> Option<KeyboardShortcut> {
    let key = match n {
        1 => Key::Num1,
        2 => Key::Num2,
        3 => Key::Num3,
        4 => Key::Num4,
        5 => Key::Num5,
        6 => Key::Num6,
        7 => Key::Num7,
        8 => Key::Num8,
        9 => Key::Num9,
        _ => return None,
    };
    Some(KeyboardShortcut::new(Modifiers::NONE, key))
}

/// Every hotkey a tag set may bind (the tag set refuses others).
pub const TAG_HOTKEYS: std::ops::RangeInclusive<u8> = 1..=9;

#[cfg(test)]
mod tests {
    use super::*;

    /// What a shortcut is told apart by.
    fn key(s: &KeyboardShortcut) -> (Key, bool, bool, bool) {
        (
            s.logical_key,
            s.modifiers.shift,
            s.modifiers.alt,
            s.modifiers.command || s.modifiers.ctrl,
        )
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        // The tag hotkeys 1–9 are shortcuts too: a command on a number key would steal one.
        let mut seen = std::collections::HashMap::new();
        for n in TAG_HOTKEYS {
            let s = tag_hotkey(n).expect("every allowed hotkey has a key");
            assert!(seen.insert(key(&s), format!("tag hotkey {n}")).is_none());
        }
        for c in Command::ALL {
            for s in c.shortcuts() {
                if let Some(other) = seen.insert(key(&s), format!("{c:?}")) {
                    panic!("{other} and {c:?} share a shortcut");
                }
            }
        }
    }

    #[test]
    fn the_default_tag_set_uses_only_hotkeys_the_window_knows() {
        let tags = crate::annotation::TagSet::default_set();
        for t in &tags.tags {
            if let Some(n) = t.hotkey {
                assert!(
                    TAG_HOTKEYS.contains(&n) && tag_hotkey(n).is_some(),
                    "{}",
                    t.name
                );
            }
        }
        assert!(tags.tags.iter().any(|t| t.hotkey.is_some()));
    }

    #[test]
    fn redo_has_both_shortcuts() {
        let redo: Vec<_> = Command::Redo.shortcuts().iter().map(key).collect();
        assert_eq!(
            redo,
            [(Key::Z, true, false, true), (Key::Y, false, false, true)]
        );
    }

    #[test]
    fn every_command_has_a_label() {
        for c in Command::ALL {
            assert!(!c.label().is_empty());
        }
    }
}
