//! Annotations: what the user marked in a transcript, with which tags, and how it is stored.
//!
//! This module owns the [`Annotation`] type, the tag vocabulary ([`tags`]), the anchors that
//! tie an annotation to the text ([`anchor`]) and the RON sidecar file beside the source
//! ([`sidecar`]). It reads the transcript model but must not know how transcripts are parsed,
//! and it knows nothing of the UI: no egui here, and no dialogs; errors are returned with the
//! path for the caller to show.

pub mod anchor;
pub mod document;
pub mod edit;
pub mod intent;
pub mod merge;
pub mod query;
pub mod reanchor;
pub mod sidecar;
pub mod tags;

pub use anchor::{Anchor, AnchorError, AnchorStatus};
pub use document::{Document, DocumentError, SaveDone, SaveJob, display_name};
pub use edit::{Edit, History};
pub use intent::{ActError, Intent, IntentError, Selection, plan};
pub use merge::{Conflict, Merged};
pub use query::{Dismissed, ListFilter};
pub use reanchor::{Placement, Resolution, Summary as ReanchorSummary};
pub use sidecar::{
    DiskState, Dismissal, InvalidSidecar, Loaded, SCHEMA_VERSION, Sidecar, SidecarError, SourceInfo,
};
pub use tags::{Colour, ColourError, Tag, TagSet, TagSetError};

use crate::transcript::Transcript;
use serde::{Deserialize, Serialize};
use std::time::SystemTime;

/// One marked passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// `a-` and 12 hex digits from a random UUID: stable across edits and re-anchoring, and
    /// random rather than sequential so that two people annotating copies of the same file
    /// do not produce clashing ids when their sidecars are merged in git.
    pub id: String,
    /// Tag names, at least one. Names rather than indices so hand edits and merges stay
    /// meaningful; they must exist in the sidecar's tag set.
    pub tags: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// RFC 3339 UTC to the second (`2025-03-01T14:02:11Z`): sortable as text and readable.
    pub created: String,
    pub modified: String,
    pub anchor: Anchor,
    /// Whether the anchor was found again after the transcript changed (schema 3).
    #[serde(default)]
    pub placement: Placement,
}

/// Why an annotation could not be made or changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnnotationError {
    #[error("an annotation needs at least one tag")]
    NoTags,
}

/// Now, as RFC 3339 UTC to the second.
fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// Trims tag names and drops empty ones and repeats (ignoring case), keeping the first spelling.
fn clean_tags(tags: Vec<String>) -> Result<Vec<String>, AnnotationError> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim();
        if !tag.is_empty() && !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag.to_string());
        }
    }
    if out.is_empty() {
        Err(AnnotationError::NoTags)
    } else {
        Ok(out)
    }
}

/// A note that is only whitespace is no note.
fn clean_note(note: Option<String>) -> Option<String> {
    note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
}

impl Annotation {
    /// A new annotation with a fresh id and both timestamps set to now.
    ///
    /// Tags are trimmed and de-duplicated; none left is an error, because an untagged
    /// annotation cannot be listed, coloured or counted. Whether the tags exist in a tag set
    /// is checked by [`Sidecar::add_annotation`] and on load.
    pub fn new(
        anchor: Anchor,
        tags: Vec<String>,
        note: Option<String>,
    ) -> Result<Annotation, AnnotationError> {
        let tags = clean_tags(tags)?;
        let simple = uuid::Uuid::new_v4().simple().to_string();
        let created = now();
        Ok(Annotation {
            id: format!("a-{}", simple.get(..12).unwrap_or(&simple)),
            tags,
            note: clean_note(note),
            modified: created.clone(),
            created,
            anchor,
            placement: Placement::Anchored,
        })
    }

    /// Replaces the tags (same cleaning and rule as [`Annotation::new`]) and updates `modified`.
    pub fn set_tags(&mut self, tags: Vec<String>) -> Result<(), AnnotationError> {
        self.tags = clean_tags(tags)?;
        self.touch();
        Ok(())
    }

    /// Replaces the note and updates `modified`.
    pub fn set_note(&mut self, note: Option<String>) {
        self.note = clean_note(note);
        self.touch();
    }

    /// Marks the annotation as modified now.
    pub fn touch(&mut self) {
        self.modified = now();
    }

    /// Whether the annotation carries this tag (ignoring case).
    pub fn has_tag(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        self.tags.iter().any(|t| t.to_lowercase() == name)
    }

    /// The tags left after taking `tag` (this exact spelling) off; `None` when none would be
    /// left. The one home of the rule "an annotation left without a tag is deleted": an
    /// untagged annotation cannot be listed, coloured or counted, so taking its last tag off
    /// (a tag press, the × on a tag, deleting the tag from the set) deletes it.
    pub fn tags_without(&self, tag: &str) -> Option<Vec<String>> {
        let rest: Vec<String> = self.tags.iter().filter(|t| *t != tag).cloned().collect();
        (!rest.is_empty()).then_some(rest)
    }

    /// Who said the annotated words: the speaker of its first turn. `None` for an orphan or
    /// an annotation awaiting review (its turn number is where it was; whoever speaks there
    /// now did not say it) and for a turn that does not exist. Lists show `?` for `None`.
    pub fn speaker<'t>(&self, t: &'t Transcript) -> Option<&'t str> {
        t.turns
            .get(self.anchor.start_turn)
            .filter(|_| self.placement.is_placed())
            .map(|turn| t.speaker_name(turn))
    }

    /// Where the annotated words are, as lists show it: `12:3`, or `12:3–13:2` for a range
    /// (full page:line at both ends, unlike a cite, so a list entry reads on its own).
    pub fn range(&self) -> String {
        let (start, end) = (self.anchor.start, self.anchor.end);
        if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        }
    }
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor() -> Anchor {
        Anchor::for_quote(&anchor::tests::sample(), 1, "I may have").unwrap()
    }

    #[test]
    fn new_annotation_has_id_tags_and_timestamps() {
        let a = Annotation::new(
            anchor(),
            vec![
                " Partial ".into(),
                "partial".into(),
                "".into(),
                "Quote".into(),
            ],
            Some("  ".into()),
        )
        .unwrap();
        assert!(a.id.starts_with("a-"));
        assert_eq!(a.id.len(), 14);
        assert!(a.id[2..].bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a.tags, ["Partial", "Quote"]);
        assert_eq!(a.note, None);
        assert_eq!(a.created, a.modified);
        // 2025-03-01T14:02:11Z
        assert_eq!(a.created.len(), 20, "{}", a.created);
        assert!(a.created.ends_with('Z'));
        assert!(humantime::parse_rfc3339(&a.created).is_ok());
        assert!(a.has_tag("QUOTE"));

        let b = Annotation::new(anchor(), vec!["Quote".into()], Some(" why ".into())).unwrap();
        assert_ne!(a.id, b.id);
        assert_eq!(b.note.as_deref(), Some("why"));
    }

    #[test]
    fn empty_tags_are_refused() {
        assert_eq!(
            Annotation::new(anchor(), vec![], None),
            Err(AnnotationError::NoTags)
        );
        assert_eq!(
            Annotation::new(anchor(), vec![" ".into()], None),
            Err(AnnotationError::NoTags)
        );
        let mut a = Annotation::new(anchor(), vec!["Quote".into()], None).unwrap();
        assert_eq!(a.set_tags(vec![]), Err(AnnotationError::NoTags));
        assert_eq!(a.tags, ["Quote"]);
        a.set_tags(vec!["Admission".into()]).unwrap();
        a.set_note(Some("later".into()));
        assert_eq!(a.tags, ["Admission"]);
        assert_eq!(a.note.as_deref(), Some("later"));
    }

    #[test]
    fn speaker_range_and_what_is_left_without_a_tag() {
        let (_dir, d) = testing::doc();
        let mut a = testing::annotation(&d, 1, "Partial");
        assert_eq!(a.speaker(&d.transcript), Some("Musk"));
        assert_eq!(a.range(), "l. 2");
        a.anchor = Anchor::for_turns(&d.transcript, 1, 3).unwrap();
        assert_eq!(a.range(), "l. 2–l. 4");
        a.placement = Placement::Orphaned;
        assert_eq!(
            a.speaker(&d.transcript),
            None,
            "an orphan's turn is someone else's"
        );
        a.tags = vec!["Partial".into(), "Quote".into()];
        assert_eq!(a.tags_without("Quote"), Some(vec!["Partial".into()]));
        assert_eq!(
            a.tags_without("quote").map(|t| t.len()),
            Some(2),
            "exact spelling"
        );
        a.tags.truncate(1);
        assert_eq!(a.tags_without("Partial"), None);
    }
}
