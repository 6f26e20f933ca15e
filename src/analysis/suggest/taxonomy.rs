//! The answer-clarity taxonomy (3 classes, 9 sub-classes) and what a suggestion says:
//! its class, confidence and reasons, or only the verdict the window keeps per answer.

use serde::{Deserialize, Serialize};

/// The three classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label3 {
    ClearReply,
    Ambivalent,
    ClearNonReply,
}

impl Label3 {
    pub const ALL: [Label3; 3] = [
        Label3::ClearReply,
        Label3::Ambivalent,
        Label3::ClearNonReply,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Label3::ClearReply => "clear_reply",
            Label3::Ambivalent => "ambivalent",
            Label3::ClearNonReply => "clear_non_reply",
        }
    }
}

/// The nine sub-classes; each is a tag of the default tag set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label9 {
    Explicit,
    Implicit,
    Dodging,
    General,
    Deflection,
    Partial,
    Declining,
    ClaimsIgnorance,
    Clarification,
}

impl Label9 {
    pub const ALL: [Label9; 9] = [
        Label9::Explicit,
        Label9::Implicit,
        Label9::Dodging,
        Label9::General,
        Label9::Deflection,
        Label9::Partial,
        Label9::Declining,
        Label9::ClaimsIgnorance,
        Label9::Clarification,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Label9::Explicit => "explicit",
            Label9::Implicit => "implicit",
            Label9::Dodging => "dodging",
            Label9::General => "general",
            Label9::Deflection => "deflection",
            Label9::Partial => "partial",
            Label9::Declining => "declining",
            Label9::ClaimsIgnorance => "claims_ignorance",
            Label9::Clarification => "clarification",
        }
    }

    pub fn parse(s: &str) -> Option<Label9> {
        Label9::ALL.into_iter().find(|l| l.name() == s.trim())
    }

    /// The tag of the default tag set this sub-class corresponds to.
    pub fn tag(self) -> &'static str {
        match self {
            Label9::Explicit => "Explicit",
            Label9::Implicit => "Implicit",
            Label9::Dodging => "Dodging",
            Label9::General => "General",
            Label9::Deflection => "Deflection",
            Label9::Partial => "Partial",
            Label9::Declining => "Declining",
            Label9::ClaimsIgnorance => "Claims ignorance",
            Label9::Clarification => "Clarification",
        }
    }

    pub fn label3(self) -> Label3 {
        match self {
            Label9::Explicit => Label3::ClearReply,
            Label9::Implicit
            | Label9::Dodging
            | Label9::General
            | Label9::Deflection
            | Label9::Partial => Label3::Ambivalent,
            Label9::Declining | Label9::ClaimsIgnorance | Label9::Clarification => {
                Label3::ClearNonReply
            }
        }
    }
}

/// One rule that fired, and the words that made it fire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule's name: a fixed string, not an allocation per answer (a trial has tens of
    /// thousands of answers, each with several reasons).
    pub rule: std::borrow::Cow<'static, str>,
    pub evidence: String,
    /// The sub-class the rule argues for, and how strongly.
    pub supports: Label9,
    pub weight: f32,
}

/// The verdict on one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub label9: Label9,
    /// How likely the answer is of this clarity class (clear reply, ambivalent, clear
    /// non-reply): a calibrated probability for the learned model (of ten answers at 70%,
    /// about seven are of that class); the winner's share of the weights for the hand rules.
    pub confidence: f32,
    /// What pushed the verdict most, strongest first.
    pub reasons: Vec<Reason>,
    /// The examiner had to press for this answer (pinned the witness down or repeated the
    /// question).
    #[serde(default)]
    pub pressed: bool,
}

impl Classification {
    pub fn label3(&self) -> Label3 {
        self.label9.label3()
    }
}

/// A classification placed in a transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The answer turn (0-based); its last part, when an objection split the answer.
    pub turn: usize,
    /// The answer's first part: `turn` unless objections or colloquy split the answer, which
    /// is then read whole, from here to `turn`.
    pub first_turn: usize,
    /// The question it answers (0-based).
    pub question_turn: usize,
    pub classification: Classification,
}

impl Suggestion {
    pub fn verdict(&self) -> Verdict {
        let c = &self.classification;
        Verdict {
            turn: self.turn,
            question_turn: self.question_turn,
            label9: c.label9,
            confidence: c.confidence,
            pressed: c.pressed,
        }
    }
}

/// A suggestion without its reasons: what is kept for every answer of a long trial. A
/// 10,000-page trial has 58,000 answers with about five reasons each, 25 MB in all; the window
/// keeps these (1.4 MB) and recomputes the reasons of the answer being looked at with
/// [`suggestion_for`](crate::analysis::suggestion_for).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// The answer turn (0-based).
    pub turn: usize,
    /// The question it answers (0-based).
    pub question_turn: usize,
    pub label9: Label9,
    pub confidence: f32,
    /// The examiner had to press for this answer: pinned the witness down ("So that's a
    /// yes.") or repeated the question. Counted in the statistics.
    pub pressed: bool,
}

impl Verdict {
    pub fn label3(&self) -> Label3 {
        self.label9.label3()
    }
}
