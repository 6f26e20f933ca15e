//! The file format: what a sidecar holds ([`Sidecar`], [`SCHEMA_VERSION`] and its history),
//! the checks a sidecar must pass to be loaded or saved, and reading it from RON text (a
//! newer schema refused with a clear message; older ones read through `#[serde(default)]`).

use super::error::SidecarError;
use crate::annotation::Annotation;
use crate::annotation::tags::{Tag, TagSet, TagSetError};
use crate::transcript::{Format, SpeakerEdit, fingerprint};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The sidecar format version this build writes and the newest it reads.
///
/// Unknown fields are ignored on load (and so dropped on the next save). A change whose loss
/// would matter to the user (a new field holding their work) must therefore bump this number,
/// so that older builds refuse the file with [`SidecarError::NewerSchema`] instead of silently
/// discarding part of it. Purely additive, optional fields read by `#[serde(default)]` may
/// stay at the same version only if losing them is harmless.
///
/// History: 1 — tags, speaker edits, annotations. 2 — adds `dismissed` (evasion suggestions
/// the user dismissed). 3 — adds each annotation's `placement` (anchored, moved, changed,
/// review, orphaned), found by re-anchoring when the transcript changed; an older build would
/// drop it and show orphans as if they were in place. Older files load unchanged (every
/// annotation `anchored`) and are written back as the current version.
pub const SCHEMA_VERSION: u32 = 3;

/// Which transcript a sidecar belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The source's file name (no folder: the pair may be moved together).
    pub file_name: String,
    /// [`fingerprint`] of the source bytes the annotations were made on.
    pub fingerprint: String,
    /// The user's `--format` override, if any, so the transcript is read the same way again.
    #[serde(default)]
    pub format: Option<Format>,
}

/// Everything saved about one transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sidecar {
    pub schema: u32,
    pub source: SourceInfo,
    /// This transcript's own copy of the tags, so editing them never affects other transcripts.
    #[serde(default = "TagSet::default_set")]
    pub tags: TagSet,
    /// The user's speaker corrections, in the order they are applied.
    #[serde(default)]
    pub speaker_edits: Vec<SpeakerEdit>,
    /// In any order in memory; written sorted by position (see [`Sidecar::to_ron`]).
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Evasion suggestions the user dismissed, so they stay dismissed (schema 2). Kept sorted.
    #[serde(default)]
    pub dismissed: Vec<Dismissal>,
}

/// A dismissed suggestion: which answer, and which suggested class. The answer's text is
/// kept so the dismissal can be matched again if the transcript changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Dismissal {
    /// The answer turn (0-based).
    pub turn: usize,
    /// The suggested sub-class (`general`, `deflection`...).
    pub label: String,
    pub answer: String,
}

/// Reads only the version, so that a newer file is refused with a clear message before its
/// (possibly unknown) contents produce a confusing parse error. Named like [`Sidecar`] so a
/// hand-written `Sidecar(...)` struct name is accepted too.
#[derive(Deserialize)]
#[serde(rename = "Sidecar")]
struct SchemaProbe {
    schema: u32,
}

/// Annotations in file order: by position (start turn, offset, end turn), then id.
pub(super) fn annotation_order(a: &Annotation, b: &Annotation) -> std::cmp::Ordering {
    let key = |x: &Annotation| {
        (
            x.anchor.start_turn,
            x.anchor.start_offset,
            x.anchor.end_turn,
        )
    };
    key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
}

/// What is wrong with a sidecar that parsed. Also checked before saving, so partly never
/// writes a file it would refuse to load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidSidecar {
    #[error("schema {0} is not a version partly has ever written")]
    BadSchema(u32),
    #[error("tag set: {0}")]
    Tags(#[from] TagSetError),
    #[error("an annotation has an empty id")]
    EmptyId,
    #[error("two annotations have the id {0:?}")]
    DuplicateId(String),
    #[error("annotation {0:?} has no tags")]
    NoTags(String),
    #[error("annotation {id:?} uses the tag {tag:?}, which is not in the tag set")]
    UnknownTag { id: String, tag: String },
    #[error("annotation {id:?} ends at turn {end}, before it starts (turn {start})")]
    BadTurnRange {
        id: String,
        start: usize,
        end: usize,
    },
}

impl Sidecar {
    /// An empty sidecar for a source, with the default tag set.
    pub fn new(file_name: impl Into<String>, fingerprint: impl Into<String>) -> Sidecar {
        Sidecar {
            schema: SCHEMA_VERSION,
            source: SourceInfo {
                file_name: file_name.into(),
                fingerprint: fingerprint.into(),
                format: None,
            },
            tags: TagSet::default_set(),
            speaker_edits: Vec::new(),
            annotations: Vec::new(),
            dismissed: Vec::new(),
        }
    }

    /// Whether the source's bytes are still the ones the annotations were made on.
    pub fn matches_source(&self, source_bytes: &[u8]) -> bool {
        self.source.fingerprint == fingerprint(source_bytes)
    }

    /// Checks what the types cannot: a valid tag set, annotations with unique non-empty ids and
    /// at least one tag, every tag in the set, turn ranges the right way round.
    pub fn validate(&self) -> Result<(), InvalidSidecar> {
        if self.schema == 0 || self.schema > SCHEMA_VERSION {
            return Err(InvalidSidecar::BadSchema(self.schema));
        }
        self.tags.validate()?;
        let mut ids: Vec<&str> = Vec::with_capacity(self.annotations.len());
        for a in &self.annotations {
            if a.id.trim().is_empty() {
                return Err(InvalidSidecar::EmptyId);
            }
            ids.push(&a.id);
            if a.tags.is_empty() {
                return Err(InvalidSidecar::NoTags(a.id.clone()));
            }
            if let Some(tag) = a.tags.iter().find(|t| self.tags.find(t).is_none()) {
                return Err(InvalidSidecar::UnknownTag {
                    id: a.id.clone(),
                    tag: tag.clone(),
                });
            }
            if a.anchor.start_turn > a.anchor.end_turn {
                return Err(InvalidSidecar::BadTurnRange {
                    id: a.id.clone(),
                    start: a.anchor.start_turn,
                    end: a.anchor.end_turn,
                });
            }
        }
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(InvalidSidecar::DuplicateId(w[0].to_string()));
        }
        Ok(())
    }

    /// Adds an annotation after checking its tags exist (their spelling is normalised to the
    /// tag set's) and its id is new.
    pub fn add_annotation(&mut self, mut annotation: Annotation) -> Result<(), InvalidSidecar> {
        if annotation.tags.is_empty() {
            return Err(InvalidSidecar::NoTags(annotation.id));
        }
        for tag in &mut annotation.tags {
            match self.tags.find(tag) {
                Some(t) => t.name.clone_into(tag),
                None => {
                    return Err(InvalidSidecar::UnknownTag {
                        id: annotation.id,
                        tag: tag.clone(),
                    });
                }
            }
        }
        if self.annotation(&annotation.id).is_some() {
            return Err(InvalidSidecar::DuplicateId(annotation.id));
        }
        self.annotations.push(annotation);
        Ok(())
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    pub fn annotation_mut(&mut self, id: &str) -> Option<&mut Annotation> {
        self.annotations.iter_mut().find(|a| a.id == id)
    }

    pub fn remove_annotation(&mut self, id: &str) -> Option<Annotation> {
        let i = self.annotations.iter().position(|a| a.id == id)?;
        Some(self.annotations.remove(i))
    }

    /// Renames a tag in the set and in every annotation that uses it, so the file stays
    /// valid. Annotations' `modified` times are left alone: their content did not change.
    pub fn rename_tag(&mut self, old: &str, new: &str) -> Result<(), TagSetError> {
        let old_name = self
            .tags
            .find(old)
            .map(|t| t.name.clone())
            .ok_or_else(|| TagSetError::UnknownTag(old.to_string()))?;
        self.tags.rename(&old_name, new)?;
        let new_name = new.trim().to_string();
        let old_lower = old_name.to_lowercase();
        for a in &mut self.annotations {
            for t in &mut a.tags {
                if t.to_lowercase() == old_lower {
                    t.clone_from(&new_name);
                }
            }
        }
        Ok(())
    }

    /// Removes a tag from the set, refusing while annotations use it: deleting it would leave
    /// them pointing at nothing, or untagged.
    pub fn remove_tag(&mut self, name: &str) -> Result<Tag, TagSetError> {
        let count = self.annotations.iter().filter(|a| a.has_tag(name)).count();
        if count > 0 {
            let name = self.tags.find(name).map_or(name, |t| &t.name).to_string();
            return Err(TagSetError::InUse { name, count });
        }
        self.tags.remove(name)
    }

    /// Puts the annotations in document order: start turn, offset, end turn, then id (a
    /// total order, since ids are unique). This is the order they are written in.
    pub fn sort_annotations(&mut self) {
        self.annotations.sort_by(annotation_order);
    }

    /// Parses a sidecar's text. `path` is only used in errors.
    ///
    /// Checks, in order: not empty ([`SidecarError::Truncated`]), the schema version
    /// ([`SidecarError::NewerSchema`]), RON syntax and types ([`SidecarError::Parse`], with
    /// the position), then [`Sidecar::validate`] ([`SidecarError::Invalid`]).
    pub fn from_ron(text: &str, path: &Path) -> Result<Sidecar, SidecarError> {
        // A BOM from an editor is harmless; tolerate it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(SidecarError::Truncated {
                path: path.to_path_buf(),
            });
        }
        let parse_err = |e: ron::error::SpannedError| SidecarError::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        };
        let newer = |found| SidecarError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        };
        // One parse in the usual case. A file from a newer partly may not parse as this
        // version's format; then its schema number, read on its own, explains why.
        let sidecar: Sidecar = match ron::from_str(text) {
            Ok(s) => s,
            Err(e) => {
                return Err(match ron::from_str::<SchemaProbe>(text) {
                    Ok(probe) if probe.schema > SCHEMA_VERSION => newer(probe.schema),
                    _ => parse_err(e),
                });
            }
        };
        if sidecar.schema > SCHEMA_VERSION {
            return Err(newer(sidecar.schema));
        }
        sidecar.validate().map_err(|e| SidecarError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(sidecar)
    }
}
