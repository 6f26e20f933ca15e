//! How the user is looking at the open document: what is selected, which annotation the
//! editor shows, find, and the filters on the transcript. Reset when another document is
//! opened; changed only by `PartlyApp::apply`.

use super::session::Session;
use crate::annotation::Annotation;
use crate::transcript::SpeakerId;
use std::ops::Range;

/// What is selected in the transcript: whole turns, or words inside one turn — the
/// library's [`Selection`](crate::annotation::Selection), which intents take as it is.
pub use crate::annotation::Selection;

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
    /// Change it with [`ViewState::select`] (or a shift-click range through `select_turn`).
    pub selection: Option<Selection>,
    /// Where a shift-click range started, when it did not start at its first turn.
    pub range_from: Option<usize>,
    /// The annotation shown in the editor.
    pub active: Option<String>,
    pub find: FindState,
    /// Show only this speaker's turns.
    pub speaker_filter: Option<SpeakerId>,
    /// Show only tagged turns with their questions and answers.
    pub tagged_only: bool,
    /// The Disagreements panel lists only units where coder 0 ("You") said the first label
    /// and coder `.0` the second (a confusion-matrix cell).
    pub disagreement_filter: Option<(usize, String, String)>,
    /// The Study view's filter: only these questions (and their answers).
    pub study_filter: Option<StudyFilter>,
    /// A drill under way: partly's marks on its turns are hidden.
    pub drill: Option<DrillState>,
}

/// A drill under way (View > Drill…): the student's practice file, the items, the check.
#[derive(Debug, Clone)]
pub struct DrillState {
    pub practice: crate::analysis::study::drill::Practice,
    pub path: std::path::PathBuf,
    pub items: Vec<usize>,
    /// The turns the drill covers (its examination): marks there are hidden.
    pub turns: std::ops::RangeInclusive<usize>,
    pub score: Option<crate::analysis::study::drill::Score>,
}

impl ViewState {
    /// Whether partly's own marks (suggestions, question forms) are hidden on turn `i`.
    pub fn hides_marks(&self, i: usize) -> bool {
        self.drill.as_ref().is_some_and(|d| d.turns.contains(&i))
    }
}

/// "Only open questions on cross": an examination (or all), a form (or all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StudyFilter {
    pub examination: Option<usize>,
    pub form: Option<crate::analysis::study::Form>,
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
        let studied = |i: usize| -> bool {
            let Some(f) = self.study_filter else {
                return true;
            };
            let q = match t.turns[i].kind {
                crate::transcript::TurnKind::Question => i,
                crate::transcript::TurnKind::Answer => match t.turns[i].answers {
                    Some(q) => q,
                    None => return false,
                },
                crate::transcript::TurnKind::Statement => return false,
            };
            s.study_question(q).is_some_and(|x| {
                f.examination.is_none_or(|e| x.examination == e)
                    && f.form.is_none_or(|form| x.form.form == form)
            })
        };
        (0..t.turns.len())
            .filter(|&i| {
                self.speaker_filter
                    .is_none_or(|sp| t.turns[i].speaker == sp)
            })
            .filter(|&i| !self.tagged_only || tagged[i])
            .filter(|&i| studied(i))
            .collect()
    }

    /// Selects `selection` (a new selection: no shift-click range in progress).
    pub fn select(&mut self, selection: Option<Selection>) {
        self.selection = selection;
        self.range_from = None;
    }

    /// The annotation whose anchor is exactly the current selection.
    pub(super) fn annotation_for_selection<'a>(&self, s: &'a Session) -> Option<&'a Annotation> {
        let sel = self.selection?;
        // Its anchor starts on the selection's first turn: the index finds it without a scan.
        s.annotations_on(sel.turns().0)
            .find(|a| sel.is_exactly(&s.doc.transcript, &a.anchor))
    }
}
