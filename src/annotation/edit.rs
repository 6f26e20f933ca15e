//! Every change a user makes to a document, as data: [`Edit`]. Applying an edit returns its
//! inverse, so undo and redo are two stacks of edits ([`History`]). The window's menus,
//! hotkeys and tests, and the CLI, all change documents through [`Document::apply`].

use super::anchor::Anchor;
use super::document::{Document, DocumentError};
use super::tags::{Colour, Tag, TagSet};
use super::{Annotation, Dismissal, Placement, TagSetError};
use crate::transcript::{Role, Speaker, SpeakerEdit, SpeakerId, TurnKind};

/// One undoable change to a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    AddAnnotation(Box<Annotation>),
    RemoveAnnotation(String),
    SetTags {
        id: String,
        tags: Vec<String>,
    },
    SetNote {
        id: String,
        note: Option<String>,
    },
    AddTag(Tag),
    RenameTag {
        old: String,
        new: String,
    },
    SetTagColour {
        name: String,
        colour: Colour,
    },
    SetTagHotkey {
        name: String,
        hotkey: Option<u8>,
    },
    /// Deletes a tag and takes it off every annotation; annotations left without a tag are
    /// deleted too. (The window asks first when the tag is in use.)
    DeleteTag(String),
    Speaker(SpeakerEdit),
    /// Remembers that the user dismissed a suggestion.
    Dismiss(Dismissal),
    /// Forgets a dismissal (the inverse of [`Edit::Dismiss`]).
    Undismiss(Dismissal),
    /// Points an annotation at a new place and records how it got there: accepting a
    /// re-anchoring candidate under review, re-attaching an orphan to a passage by hand, or
    /// rejecting a candidate (the old anchor, [`Placement::Orphaned`]).
    Reattach {
        id: String,
        anchor: Box<Anchor>,
        placement: Placement,
    },
    /// Replaces an annotation (same id) with another version of it: taking "theirs" after a
    /// merge conflict.
    ReplaceAnnotation(Box<Annotation>),
    /// Puts back an earlier state: the inverse of edits that are not simply reversible.
    Restore(Box<Snapshot>),
}

/// The parts of a document that edits change, for [`Edit::Restore`].
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    tags: TagSet,
    annotations: Vec<Annotation>,
    speaker_edits: Vec<SpeakerEdit>,
    speakers: Vec<Speaker>,
    /// Per turn: speaker, role, kind and the question it answers.
    turns: Vec<(SpeakerId, Role, TurnKind, Option<usize>)>,
}

impl Document {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            tags: self.sidecar.tags.clone(),
            annotations: self.sidecar.annotations.clone(),
            speaker_edits: self.sidecar.speaker_edits.clone(),
            speakers: self.transcript.speakers.clone(),
            turns: self
                .transcript
                .turns
                .iter()
                .map(|t| (t.speaker, t.role, t.kind, t.answers))
                .collect(),
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.sidecar.tags = s.tags;
        self.sidecar.annotations = s.annotations;
        self.sidecar.speaker_edits = s.speaker_edits;
        self.transcript.speakers = s.speakers;
        for (t, (speaker, role, kind, answers)) in self.transcript.turns.iter_mut().zip(s.turns) {
            (t.speaker, t.role, t.kind, t.answers) = (speaker, role, kind, answers);
        }
    }

    fn annotation_or_err(&mut self, id: &str) -> Result<&mut Annotation, DocumentError> {
        self.sidecar
            .annotation_mut(id)
            .ok_or_else(|| DocumentError::NoSuchAnnotation(id.to_owned()))
    }

    /// Applies an edit and returns the edit that undoes it. On error nothing has changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, DocumentError> {
        Ok(match edit {
            Edit::AddAnnotation(a) => {
                let id = a.id.clone();
                self.sidecar.add_annotation(*a)?;
                self.sidecar.sort_annotations();
                Edit::RemoveAnnotation(id)
            }
            Edit::RemoveAnnotation(id) => {
                let a = self
                    .sidecar
                    .remove_annotation(&id)
                    .ok_or(DocumentError::NoSuchAnnotation(id))?;
                Edit::AddAnnotation(Box::new(a))
            }
            Edit::SetTags { id, tags } => {
                let tags = tags
                    .iter()
                    .map(|t| self.resolve_tag(t))
                    .collect::<Result<Vec<_>, _>>()?;
                let a = self.annotation_or_err(&id)?;
                let old = a.tags.clone();
                a.set_tags(tags)?;
                Edit::SetTags { id, tags: old }
            }
            Edit::SetNote { id, note } => {
                let a = self.annotation_or_err(&id)?;
                let old = a.note.clone();
                a.set_note(note);
                Edit::SetNote { id, note: old }
            }
            Edit::ReplaceAnnotation(next) => {
                let known = |t: &String| self.sidecar.tags.find(t).is_some();
                if let Some(tag) = next.tags.iter().find(|t| !known(t)) {
                    return Err(DocumentError::UnknownTag {
                        tag: tag.clone(),
                        known: String::new(),
                    });
                }
                let a = self.annotation_or_err(&next.id)?;
                let old = std::mem::replace(a, *next);
                self.sidecar.sort_annotations();
                Edit::ReplaceAnnotation(Box::new(old))
            }
            Edit::Reattach {
                id,
                anchor,
                placement,
            } => {
                let a = self.annotation_or_err(&id)?;
                let old_anchor = std::mem::replace(&mut a.anchor, *anchor);
                let old_placement = std::mem::replace(&mut a.placement, placement);
                self.sidecar.sort_annotations();
                Edit::Reattach {
                    id,
                    anchor: Box::new(old_anchor),
                    placement: old_placement,
                }
            }
            Edit::AddTag(tag) => {
                let name = tag.name.trim().to_owned();
                self.sidecar.tags.add(tag)?;
                Edit::DeleteTag(name)
            }
            Edit::RenameTag { old, new } => {
                let old_name = self.resolve_tag(&old)?;
                self.sidecar.rename_tag(&old_name, &new)?;
                Edit::RenameTag {
                    old: new.trim().to_owned(),
                    new: old_name,
                }
            }
            Edit::SetTagColour { name, colour } => {
                let old = self
                    .sidecar
                    .tags
                    .find(&name)
                    .map(|t| t.colour)
                    .ok_or_else(|| TagSetError::UnknownTag(name.clone()))?;
                self.sidecar.tags.set_colour(&name, colour)?;
                Edit::SetTagColour { name, colour: old }
            }
            Edit::SetTagHotkey { name, hotkey } => {
                let old = self
                    .sidecar
                    .tags
                    .find(&name)
                    .map(|t| t.hotkey)
                    .ok_or_else(|| TagSetError::UnknownTag(name.clone()))?;
                self.sidecar.tags.set_hotkey(&name, hotkey)?;
                Edit::SetTagHotkey { name, hotkey: old }
            }
            Edit::DeleteTag(name) => {
                let name = self.resolve_tag(&name)?;
                let before = self.snapshot();
                for a in &mut self.sidecar.annotations {
                    if a.has_tag(&name) {
                        a.tags = a.tags_without(&name).unwrap_or_default();
                        a.touch();
                    }
                }
                // Left without a tag: deleted (see `Annotation::tags_without`).
                self.sidecar.annotations.retain(|a| !a.tags.is_empty());
                self.sidecar.tags.remove(&name)?;
                Edit::Restore(Box::new(before))
            }
            Edit::Speaker(e) => {
                let before = self.snapshot();
                self.transcript.apply_speaker_edit(&e)?;
                self.sidecar.speaker_edits.push(e);
                Edit::Restore(Box::new(before))
            }
            Edit::Dismiss(d) => {
                let list = &mut self.sidecar.dismissed;
                if let Err(at) = list.binary_search(&d) {
                    list.insert(at, d.clone());
                }
                Edit::Undismiss(d)
            }
            Edit::Undismiss(d) => {
                self.sidecar.dismissed.retain(|x| *x != d);
                Edit::Dismiss(d)
            }
            Edit::Restore(s) => {
                let before = self.snapshot();
                self.restore(*s);
                Edit::Restore(Box::new(before))
            }
        })
    }
}

/// Undo and redo stacks. A new edit clears the redo stack, as everywhere.
#[derive(Debug, Default, Clone)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Undo entries below this index are closed to merging.
    sealed: usize,
}

impl History {
    /// Applies `edit` to `doc` and remembers how to undo it.
    pub fn apply(&mut self, doc: &mut Document, edit: Edit) -> Result<(), DocumentError> {
        let inverse = doc.apply(edit)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Like [`History::apply`], but typing in a note is one undo step: a note edit right
    /// after another on the same annotation keeps the first one's inverse.
    pub fn apply_merging(&mut self, doc: &mut Document, edit: Edit) -> Result<(), DocumentError> {
        let open = self.undo.len() > self.sealed;
        let same_note = match (&edit, self.undo.last()) {
            (Edit::SetNote { id, .. }, Some(Edit::SetNote { id: last, .. })) => open && id == last,
            _ => false,
        };
        if !same_note {
            return self.apply(doc, edit);
        }
        doc.apply(edit)?;
        self.redo.clear();
        Ok(())
    }

    /// Ends a run of merged edits, so the next note edit is its own undo step.
    pub fn seal(&mut self) {
        self.sealed = self.undo.len();
    }

    /// Undoes the last edit; `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, doc: &mut Document) -> Result<bool, DocumentError> {
        let Some(edit) = self.undo.pop() else {
            return Ok(false);
        };
        self.sealed = self.sealed.min(self.undo.len());
        match doc.apply(edit.clone()) {
            Ok(inverse) => {
                self.redo.push(inverse);
                Ok(true)
            }
            Err(e) => {
                self.undo.push(edit);
                Err(e)
            }
        }
    }

    /// Redoes the last undone edit; `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, doc: &mut Document) -> Result<bool, DocumentError> {
        let Some(edit) = self.redo.pop() else {
            return Ok(false);
        };
        match doc.apply(edit.clone()) {
            Ok(inverse) => {
                self.undo.push(inverse);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(edit);
                Err(e)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::{annotation, doc};

    /// Every kind of edit, numbered. A new variant does not compile here until it gets a
    /// number (and [`KINDS`] grows), and then
    /// [`every_edit_undoes_and_redoes_to_the_same_state`] fails until it runs one.
    fn kind(e: &Edit) -> usize {
        match e {
            Edit::AddAnnotation(_) => 0,
            Edit::RemoveAnnotation(_) => 1,
            Edit::SetTags { .. } => 2,
            Edit::SetNote { .. } => 3,
            Edit::AddTag(_) => 4,
            Edit::RenameTag { .. } => 5,
            Edit::SetTagColour { .. } => 6,
            Edit::SetTagHotkey { .. } => 7,
            Edit::DeleteTag(_) => 8,
            Edit::Speaker(_) => 9,
            Edit::Dismiss(_) => 10,
            Edit::Undismiss(_) => 11,
            Edit::Reattach { .. } => 12,
            Edit::ReplaceAnnotation(_) => 13,
            Edit::Restore(_) => 14,
        }
    }
    const KINDS: usize = 15;

    /// Everything an edit can change: the sidecar as it would be saved (tags, annotations
    /// with their anchors and placements, speaker corrections, dismissals) and the
    /// transcript's speakers and each turn's speaker, role, kind and question (the snapshot,
    /// which also keeps the annotations' order in memory). `modified` moves on every edit,
    /// an undo included, so it is left out.
    fn state(d: &Document) -> (String, Snapshot) {
        let mut sidecar = d.sidecar.clone();
        let mut snapshot = d.snapshot();
        for a in sidecar
            .annotations
            .iter_mut()
            .chain(snapshot.annotations.iter_mut())
        {
            a.modified.clear();
        }
        (sidecar.to_ron(), snapshot)
    }

    #[test]
    fn every_edit_undoes_and_redoes_to_the_same_state() {
        let (_dir, mut d) = doc();
        let mut h = History::default();
        let mut states = vec![state(&d)];
        let mut kinds = std::collections::BTreeSet::new();
        let mut step = |d: &mut Document, e: Edit| {
            kinds.insert(kind(&e));
            h.apply(d, e).unwrap();
            states.push(state(d));
        };
        let a = annotation(&d, 3, "Partial");
        let id = a.id.clone();
        step(&mut d, Edit::AddAnnotation(Box::new(a)));
        step(
            &mut d,
            Edit::SetNote {
                id: id.clone(),
                note: Some("pinned down".into()),
            },
        );
        step(
            &mut d,
            Edit::SetTags {
                id: id.clone(),
                tags: vec!["partial".into(), "Quote".into()],
            },
        );
        let earlier = Box::new(d.snapshot());
        step(
            &mut d,
            Edit::AddTag(Tag::new("Later", "Extra", Colour::new(9, 9, 9))),
        );
        step(
            &mut d,
            Edit::RenameTag {
                old: "Quote".into(),
                new: "Key quote".into(),
            },
        );
        step(
            &mut d,
            Edit::SetTagColour {
                name: "Partial".into(),
                colour: Colour::new(1, 2, 3),
            },
        );
        step(
            &mut d,
            Edit::SetTagHotkey {
                name: "Partial".into(),
                hotkey: None,
            },
        );
        let dismissal = |turn: usize, label: &str| Dismissal {
            turn,
            label: label.into(),
            answer: d.transcript.turns[turn].text.clone(),
        };
        let (general, partial) = (dismissal(1, "general"), dismissal(3, "partial"));
        step(&mut d, Edit::Dismiss(general.clone()));
        step(&mut d, Edit::Dismiss(partial));
        step(&mut d, Edit::Undismiss(general));
        let anchor = Anchor::for_turns(&d.transcript, 1, 1).unwrap();
        step(
            &mut d,
            Edit::Reattach {
                id: id.clone(),
                anchor: Box::new(anchor),
                placement: Placement::Moved,
            },
        );
        let mut theirs = d.sidecar.annotation(&id).unwrap().clone();
        theirs.note = Some("theirs".into());
        step(&mut d, Edit::ReplaceAnnotation(Box::new(theirs)));
        step(
            &mut d,
            Edit::Speaker(SpeakerEdit::Split {
                label: "Savit".into(),
            }),
        );
        let b = annotation(&d, 0, "Later");
        let b_id = b.id.clone();
        step(&mut d, Edit::AddAnnotation(Box::new(b)));
        step(&mut d, Edit::RemoveAnnotation(b_id));
        step(&mut d, Edit::DeleteTag("Key quote".into()));
        assert_eq!(d.transcript.speakers.len(), 3);
        assert_eq!(d.sidecar.annotations[0].tags, ["Partial"]);
        assert_eq!(d.sidecar.dismissed.len(), 1);
        step(&mut d, Edit::Restore(earlier));
        assert_eq!(d.transcript.speakers.len(), 2);
        assert_eq!(kinds, (0..KINDS).collect(), "every kind of edit runs");

        // Each undo gives back exactly the state before its edit…
        for (k, want) in states.iter().enumerate().rev().skip(1) {
            assert!(h.undo(&mut d).unwrap());
            assert_eq!(&state(&d), want, "undoing edit {}", k + 1);
        }
        assert!(!h.undo(&mut d).unwrap());
        // …and each redo exactly the state after it.
        for (k, want) in states.iter().enumerate().skip(1) {
            assert!(h.redo(&mut d).unwrap());
            assert_eq!(&state(&d), want, "redoing edit {k}");
        }
        assert!(!h.redo(&mut d).unwrap());
    }

    #[test]
    fn failed_edit_changes_nothing_and_records_nothing() {
        let (_dir, mut d) = doc();
        let mut h = History::default();
        let err = h.apply(
            &mut d,
            Edit::SetNote {
                id: "a-nope".into(),
                note: None,
            },
        );
        assert!(err.is_err());
        assert!(!h.can_undo());
        let clash = Edit::SetTagHotkey {
            name: "Quote".into(),
            hotkey: Some(6),
        };
        assert!(h.apply(&mut d, clash).is_err());
        assert_eq!(d.sidecar.tags.find("Quote").unwrap().hotkey, None);
    }

    #[test]
    fn typing_a_note_is_one_undo_step() {
        let (_dir, mut d) = doc();
        let mut h = History::default();
        let a = annotation(&d, 3, "Partial");
        let id = a.id.clone();
        h.apply(&mut d, Edit::AddAnnotation(Box::new(a))).unwrap();
        h.seal();
        for note in ["P", "Pi", "Pin", "Pinned"] {
            let e = Edit::SetNote {
                id: id.clone(),
                note: Some(note.into()),
            };
            h.apply_merging(&mut d, e).unwrap();
        }
        assert_eq!(d.sidecar.annotations[0].note.as_deref(), Some("Pinned"));
        h.undo(&mut d).unwrap();
        assert_eq!(d.sidecar.annotations[0].note, None);
        h.undo(&mut d).unwrap();
        assert!(d.sidecar.annotations.is_empty());
    }

    #[test]
    fn deleting_a_tag_in_use_drops_annotations_left_untagged() {
        let (_dir, mut d) = doc();
        let mut h = History::default();
        let a = annotation(&d, 3, "Partial");
        h.apply(&mut d, Edit::AddAnnotation(Box::new(a))).unwrap();
        h.apply(&mut d, Edit::DeleteTag("partial".into())).unwrap();
        assert!(d.sidecar.annotations.is_empty());
        h.undo(&mut d).unwrap();
        assert_eq!(d.sidecar.annotations.len(), 1);
        assert!(d.sidecar.tags.find("Partial").is_some());
    }
}
