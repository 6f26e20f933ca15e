//! How the user is looking at the open document: what is selected, which annotation the
//! editor shows, find, and the filters on the transcript. Reset when another document is
//! opened; changed only by `PartlyApp::apply`.

use super::session::Session;
use crate::annotation::{Anchor, Annotation, Document};
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
        match self {
            Selection::Turns { first, last, .. } => (first, last),
            Selection::Span { turn, .. } => (turn, turn),
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

    /// An anchor on the current selection.
    pub(super) fn selection_anchor(&self, s: &Session) -> Result<Anchor, String> {
        let sel = self.selection.ok_or("Select a turn or some words first")?;
        match sel {
            Selection::Turns { first, last, .. } => {
                Anchor::for_turns(&s.doc.transcript, first, last)
            }
            Selection::Span { turn, start, end } => {
                Anchor::for_span(&s.doc.transcript, turn, start..end)
            }
        }
        .map_err(|e| e.to_string())
    }

    /// The annotation whose anchor is exactly the current selection.
    pub(super) fn annotation_for_selection<'a>(&self, s: &'a Session) -> Option<&'a Annotation> {
        let sel = self.selection?;
        // Its anchor starts on the selection's first turn.
        s.annotations_on(sel.turns().0).find(|a| {
            let an = &a.anchor;
            match sel {
                Selection::Turns { first, last, .. } => {
                    an.start_turn == first
                        && an.end_turn == last
                        && an.start_offset == 0
                        && is_whole_turns(&s.doc, an)
                }
                Selection::Span { turn, start, end } => {
                    an.start_turn == turn
                        && an.end_turn == turn
                        && an.start_offset == start
                        && an.start_offset + an.quote.len() == end
                }
            }
        })
    }
}

/// Whether an anchor quotes whole turns (then the whole turns are painted and selected).
pub(super) fn is_whole_turns(doc: &Document, an: &Anchor) -> bool {
    let t = &doc.transcript.turns;
    let joined: Vec<&str> = (an.start_turn..=an.end_turn)
        .filter_map(|i| t.get(i).map(|x| x.text.as_str()))
        .collect();
    joined.join("\n") == an.quote
}
