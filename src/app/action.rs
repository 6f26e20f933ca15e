//! What gets applied: [`Action`] is every change the window makes to its state, applied by
//! one function (`PartlyApp::apply`, `apply.rs`), whether it came from a menu, a key, a
//! click, a worker thread or a test.

use super::command::Command;
use super::loading::{Handoff, Loaded};
use crate::annotation::{Edit, Intent};
use crate::transcript::Format;
use std::path::PathBuf;

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
    /// A change to the document as the user means it, planned by the library
    /// ([`crate::annotation::plan`]) into an undoable edit.
    Do(Intent),
    /// A change to the document that needs no planning (the tag set's edits), undoable.
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
    /// Show only suggestions at least this likely to be right (0–0.9).
    SetMinConfidence(f32),
    /// Settle merge conflict `index`: take their version (`take`), or keep ours.
    ResolveConflict {
        index: usize,
        take: bool,
    },
    /// Re-attach an orphaned annotation (or one awaiting review) to the current selection.
    AttachToSelection(String),
    RemoveTagFrom {
        id: String,
        tag: String,
    },
    SetFind(String),
    /// Close the find bar (its hits stop being painted).
    CloseFind,
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
    /// Compare this document's annotations with other annotators' files.
    Compare(Vec<PathBuf>),
    /// Stop comparing.
    EndComparison,
    /// List only the disagreements of one confusion-matrix cell (None: all).
    FilterDisagreements(Option<(usize, String, String)>),
    /// Show only these questions and their answers (None: every turn).
    SetStudyFilter(Option<super::view_state::StudyFilter>),
    /// Start a drill on an examination (its practice file is read if there is one).
    StartDrill {
        examination: usize,
        kind: crate::analysis::study::drill::DrillKind,
    },
    /// The student's label for one drill item (saved to the practice file at once).
    DrillAnswer {
        turn: usize,
        label: String,
    },
    /// Check the drill against partly's reading, or a teacher's annotation file.
    CheckDrill {
        teacher: Option<PathBuf>,
    },
    EndDrill,
    /// Check every quotation of an article against the open transcript.
    CheckArticle {
        name: String,
        text: String,
    },
    /// The same, reading the article from a file.
    CheckArticleFile(PathBuf),
    /// Save the last article check as a fact-check report (Markdown or HTML by extension).
    SaveArticleReport(PathBuf),
}
