//! Speaker identity after import: the user's corrections and names given in two scripts.
//!
//! The importer groups labels that name one person (`labels::cluster_labels`);
//! [`SpeakerEdit`]s (rename, merge, split, set role) are the user's corrections, saved in the
//! sidecar and re-applied after every parse. [`translation_aliases`] offers speakers who may
//! be one person named in two scripts.

use super::kinds::assign_kinds;
use super::model::{Role, Speaker, SpeakerId, Transcript, Warning};
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

/// Speakers who may be one person named in two scripts, as an article that prints an exchange
/// and then its translation names them (`Musk` … `马斯克`): the speakers labelled in Han
/// characters are paired, in order of first appearance, with those labelled in Latin letters
/// who play the same role. Only a suggestion (`(han label, latin label)`): names are never
/// merged on such evidence without the user.
pub fn translation_aliases(t: &Transcript) -> Vec<(String, String)> {
    let han = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| crate::text::is_han(c) || c == '·' || c == '・')
    };
    let mut order: Vec<SpeakerId> = Vec::new();
    for turn in &t.turns {
        if !order.contains(&turn.speaker) {
            order.push(turn.speaker);
        }
    }
    let speakers: Vec<&Speaker> = order.iter().filter_map(|&id| t.speaker(id)).collect();
    let (chinese, latin): (Vec<&Speaker>, Vec<&Speaker>) =
        speakers.into_iter().partition(|s| han(&s.name));
    let latin: Vec<&Speaker> = latin
        .into_iter()
        .filter(|s| s.name.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    if chinese.is_empty() || latin.is_empty() {
        return Vec::new();
    }
    let mut used = vec![false; latin.len()];
    let mut out = Vec::new();
    for c in chinese {
        if let Some(k) = (0..latin.len()).find(|&k| !used[k] && latin[k].role == c.role) {
            used[k] = true;
            out.push((c.name.clone(), latin[k].name.clone()));
        }
    }
    out
}

impl Transcript {
    /// Applies one speaker correction. Ids are renumbered when a merge removes a speaker.
    pub fn apply_speaker_edit(&mut self, edit: &SpeakerEdit) -> Result<(), SpeakerEditError> {
        let find = |t: &Transcript, label: &str| {
            t.speaker_by_label(label)
                .map(|s| s.id)
                .ok_or_else(|| SpeakerEditError::UnknownLabel(label.to_owned()))
        };
        match edit {
            SpeakerEdit::Rename { label, name } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(SpeakerEditError::EmptyName);
                }
                let id = find(self, label)?;
                let s = &mut self.speakers[id.0 as usize];
                if s.name != name {
                    let old = std::mem::replace(&mut s.name, name.to_owned());
                    s.aliases.retain(|a| a != name);
                    if !s.aliases.contains(&old) {
                        s.aliases.push(old);
                    }
                }
            }
            SpeakerEdit::Merge { from, into } => {
                let (a, b) = (find(self, from)?, find(self, into)?);
                if a == b {
                    return Err(SpeakerEditError::SameSpeaker(from.clone(), into.clone()));
                }
                let gone = self.speakers.remove(a.0 as usize);
                let b = if b.0 > a.0 { SpeakerId(b.0 - 1) } else { b };
                let target = &mut self.speakers[b.0 as usize];
                for l in gone.labels() {
                    if l != target.name && !target.aliases.iter().any(|x| x == l) {
                        target.aliases.push(l.to_owned());
                    }
                }
                let role = target.role;
                for t in &mut self.turns {
                    if t.speaker == a {
                        t.speaker = b;
                        t.role = role;
                    } else if t.speaker.0 > a.0 {
                        t.speaker.0 -= 1;
                    }
                }
                self.renumber_speakers();
            }
            SpeakerEdit::Split { label } => {
                let id = find(self, label)?;
                let s = &mut self.speakers[id.0 as usize];
                if s.aliases.is_empty() {
                    return Err(SpeakerEditError::OnlyLabel(label.clone()));
                }
                let exact = s
                    .labels()
                    .find(|l| l.eq_ignore_ascii_case(label.trim()))
                    .unwrap_or(label)
                    .to_owned();
                if s.name == exact {
                    // Splitting off the display name: the first alias becomes the name.
                    let first = s.aliases.remove(0);
                    s.name = first;
                } else {
                    s.aliases.retain(|a| a != &exact);
                }
                let role = s.role;
                let new_id = SpeakerId(self.speakers.len() as u32);
                self.speakers.push(Speaker {
                    id: new_id,
                    name: exact.clone(),
                    role,
                    aliases: Vec::new(),
                });
                for t in &mut self.turns {
                    if t.speaker == id && *t.label == *exact {
                        t.speaker = new_id;
                    }
                }
            }
            SpeakerEdit::SetRole { label, role } => {
                let id = find(self, label)?;
                self.speakers[id.0 as usize].role = *role;
                for t in self.turns.iter_mut().filter(|t| t.speaker == id) {
                    t.role = *role;
                }
                assign_kinds(self);
            }
        }
        Ok(())
    }

    fn renumber_speakers(&mut self) {
        for (i, s) in self.speakers.iter_mut().enumerate() {
            s.id = SpeakerId(i as u32);
        }
    }

    /// Applies saved corrections in order; the ones that no longer fit (the source changed)
    /// become warnings instead of errors, so that the rest still apply.
    pub fn apply_speaker_edits(&mut self, edits: &[SpeakerEdit]) {
        for e in edits {
            if let Err(err) = self.apply_speaker_edit(e) {
                self.warnings.push(Warning {
                    loc: None,
                    message: format!("saved speaker edit not applied: {err}"),
                });
            }
        }
    }
}
