//! How the user is looking at the open document: what is selected, which annotation the
//! editor shows, find, and the filters on the transcript. Reset when another document is
//! opened; changed only by `PartlyApp::apply`.

use super::session::Session;
use crate::annotation::{Annotation, Selection as LibSelection};
use crate::transcript::SpeakerId;
use std::ops::Range;

/// What is selected in the transcript: whole turns, or words inside one turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Turns {
        first: usize,
        last: usize,
        /// Where a shift-click range started.
        anchor: usize,
    },
    Span {
        turn: usize,
        start: usize,
        end: usize,
    },
}

impl Selection {
    pub fn turns(self) -> (usize, usize) {
        self.to_lib().turns()
    }

    /// The library's selection (without where a shift-click range started).
    pub fn to_lib(self) -> LibSelection {
        match self {
            Selection::Turns { first, last, .. } => LibSelection::Turns { first, last },
            Selection::Span { turn, start, end } => LibSelection::Span { turn, start, end },
        }
    }

    /// The window's selection showing the library's (a range of turns starts at its first).
    pub fn from_lib(sel: LibSelection) -> Self {
        match sel {
            LibSelection::Turns { first, last } => Selection::Turns {
                first,
                last,
                anchor: first,
            },
            LibSelection::Span { turn, start, end } => Selection::Span { turn, start, end },
        }
    }
}

/// Find state: the query and where it matches.
#[derive(Debug, Default, Clone)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    /// (turn, byte range in its text)
    pub hits: Vec<(usize, Range<usize>)>,
    pub current: usize,
}

/// The open document's view state.
#[derive(Debug, Default, Clone)]
pub struct ViewState {
    pub selection: Option<Selection>,
    /// The annotation shown in the editor.
    pub active: Option<String>,
    pub find: FindState,
    /// Show only this speaker's turns.
    pub speaker_filter: Option<SpeakerId>,
    /// Show only tagged turns with their questions and answers.
    pub tagged_only: bool,
}

impl ViewState {
    /// Which turns the view shows, after filters.
    pub fn visible_turns(&self, s: &Session) -> Vec<usize> {
        let t = &s.doc.transcript;
        let mut tagged = Vec::new();
        if self.tagged_only {
            tagged = vec![false; t.turns.len()];
            for i in s.index.annotated_turns() {
                tagged[i] = true;
                // The question it answers, and the answer to it.
                if let Some(q) = t.turns[i].answers {
                    tagged[q] = true;
                }
                if let Some(a) = s.index.answer_to(i) {
                    tagged[a] = true;
                }
            }
        }
        (0..t.turns.len())
            .filter(|&i| {
                self.speaker_filter
                    .is_none_or(|sp| t.turns[i].speaker == sp)
            })
            .filter(|&i| !self.tagged_only || tagged[i])
            .collect()
    }

    /// The selection as the library reads it (an `Intent`'s selection).
    pub fn selected(&self) -> Option<LibSelection> {
        self.selection.map(Selection::to_lib)
    }

    /// The annotation whose anchor is exactly the current selection.
    pub(super) fn annotation_for_selection<'a>(&self, s: &'a Session) -> Option<&'a Annotation> {
        let sel = self.selected()?;
        // Its anchor starts on the selection's first turn: the index finds it without a scan.
        s.annotations_on(sel.turns().0)
            .find(|a| sel.is_exactly(&s.doc.transcript, &a.anchor))
    }
}
