//! Evasion suggestions: every answer classified into the answer-clarity taxonomy (3 classes,
//! 9 sub-classes) by transparent rules, each of which says which words made it fire.
//!
//! The rules read the question's shape (yes/no, wh-, a "so that's a yes" pin), the answer's
//! opening words, phrase lists (claims of ignorance, refusals, requests for clarification,
//! hedges, generalisations, pivots), lexical overlap with the question (topic shift, a key
//! verb swapped for another), the examiner's follow-up, and length. Each rule adds weight to
//! one sub-class; the heaviest wins, and its share of the weight is the confidence. Nothing
//! matches particular sentences: the seed exchange is reached by these general rules.
//!
//! The files: `taxonomy` (classes and what a suggestion says), `cues` (what the rules look
//! for), `classify` (the rules), `answers` (which turns, and the whole transcript) and
//! `cache` (verdicts remembered across speaker corrections).

mod answers;
mod cache;
mod classify;
mod cues;
pub mod features;
pub mod learn;
pub mod model;
mod taxonomy;

pub use answers::{suggest, suggestion_for};
pub use cache::{VerdictCache, verdicts};
pub use classify::{classify_by_rules, rule_reasons};
pub use cues::first_phrase;
pub use model::{Model, classify};
pub use taxonomy::{Classification, Label3, Label9, Reason, Suggestion, Verdict};
