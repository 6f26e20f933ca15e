//! Speaker identity: which source labels name the same person, and the user's corrections.
//!
//! Labels vary within one text: a title and full name first ("OpenAI Lawyer William Savitt"),
//! the surname later ("Savitt"), a typo now and then ("Savit"). [`cluster_labels`] groups them;
//! [`SpeakerEdit`]s (rename, merge, split, set role) are the user's corrections, saved in the
//! sidecar and re-applied after every parse.

use super::model::{Role, SpeakerId, Transcript};
use serde::{Deserialize, Serialize};

/// A user's correction to the importer's speakers. Edits name speakers by label, not by id,
/// because ids are only stable for one parse while labels are in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeakerEdit {
    /// Give the speaker that has `label` a new display name.
    Rename { label: String, name: String },
    /// Fold the speaker that has `from` into the speaker that has `into`.
    Merge { from: String, into: String },
    /// Take `label` (an alias) out of its speaker and make it a speaker of its own.
    Split { label: String },
    /// Set the role of the speaker that has `label`, on every one of its turns.
    SetRole { label: String, role: Role },
}

/// Why a [`SpeakerEdit`] could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpeakerEditError {
    #[error("no speaker is labelled \"{0}\"")]
    UnknownLabel(String),
    #[error("\"{0}\" and \"{1}\" are already the same speaker")]
    SameSpeaker(String, String),
    #[error("\"{0}\" is the speaker's only label; there is nothing to split off")]
    OnlyLabel(String),
    #[error("a speaker name cannot be empty")]
    EmptyName,
}
