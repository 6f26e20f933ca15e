//! Analyses of a transcript: evasion suggestions with their reasons, and per-speaker
//! statistics. Pure functions over the transcript model and annotations; no UI.

pub mod agreement;
pub mod parallel;
pub mod stats;
pub mod study;
pub mod suggest;

pub use suggest::{
    Classification, Label3, Label9, Model, Reason, Suggestion, Verdict, VerdictCache, classify,
    classify_by_rules, first_phrase, suggest, suggestion_for, verdicts,
};
