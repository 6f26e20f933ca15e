//! One door for every edit: what a user means ([`Intent`]: tag this selection, untag, annotate
//! a turn, dismiss a suggestion, correct a speaker…) becomes the [`Edit`] that does it, here
//! and nowhere else. The window and the CLI both call [`plan`] and apply the result through
//! [`Document::apply`] (the window through its `History`, so it can be undone), so a tag
//! press and `partly annotate` cannot drift apart.
//!
//! Planning is pure: it reads the document and changes nothing, so every decision here is
//! unit-tested without a window.

use super::anchor::{Anchor, AnchorError};
use super::document::{Document, DocumentError};
use super::edit::Edit;
use super::merge::Conflict;
use super::{Annotation, AnnotationError, Dismissal, Placement};
use crate::transcript::kinds::answer_parts;
use crate::transcript::{SpeakerEdit, Transcript};

/// What the user selected in a transcript: whole turns, or words inside one turn (a byte
/// range of its text). Turn numbers are indices into `Transcript::turns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Turns {
        first: usize,
        last: usize,
    },
    Span {
        turn: usize,
        start: usize,
        end: usize,
    },
}

impl Selection {
    /// The first and last turn the selection touches.
    pub fn turns(self) -> (usize, usize) {
        match self {
            Selection::Turns { first, last } => (first, last),
            Selection::Span { turn, .. } => (turn, turn),
        }
    }

    /// An anchor on exactly the selected turns or words.
    pub fn anchor(self, t: &Transcript) -> Result<Anchor, AnchorError> {
        match self {
            Selection::Turns { first, last } => Anchor::for_turns(t, first, last),
            Selection::Span { turn, start, end } => Anchor::for_span(t, turn, start..end),
        }
    }

    /// The selection that shows `an`: its turns when it is on whole turns, else its words.
    pub fn of_anchor(t: &Transcript, an: &Anchor) -> Selection {
        if is_whole_turns(t, an) {
            Selection::Turns {
                first: an.start_turn,
                last: an.end_turn,
            }
        } else {
            Selection::Span {
                turn: an.start_turn,
                start: an.start_offset,
                end: an.start_offset + an.quote.len(),
            }
        }
    }

    /// Whether `an` is on exactly this selection: the same whole turns, or the same words.
    pub fn is_exactly(self, t: &Transcript, an: &Anchor) -> bool {
        match self {
            Selection::Turns { first, last } => {
                an.start_turn == first
                    && an.end_turn == last
                    && an.start_offset == 0
                    && is_whole_turns(t, an)
            }
            Selection::Span { turn, start, end } => {
                an.start_turn == turn
                    && an.end_turn == turn
                    && an.start_offset == start
                    && an.start_offset + an.quote.len() == end
            }
        }
    }

    /// The first placed annotation (in the sidecar's order) that is on exactly this
    /// selection: the one a tag press adds to or takes from.
    pub fn annotation(self, doc: &Document) -> Option<&Annotation> {
        let t = &doc.transcript;
        doc.placed_annotations()
            .find(|a| self.is_exactly(t, &a.anchor))
    }
}

/// Whether an anchor's quote is its turns' whole text (rather than words inside them).
pub fn is_whole_turns(t: &Transcript, an: &Anchor) -> bool {
    let joined: Vec<&str> = (an.start_turn..=an.end_turn)
        .filter_map(|i| t.turns.get(i).map(|x| x.text.as_str()))
        .collect();
    joined.join("\n") == an.quote
}

/// A change a user asks for, before it is worked out as an [`Edit`].
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// A tag press (button or number key): takes `tag` off the annotation that is exactly
    /// the selection when it has it, adds it when it has not; with no such annotation, makes
    /// a new one on the selection. With nothing selected, acts on the `active` annotation
    /// (the one shown in the editor).
    ToggleTag {
        tag: String,
        selection: Option<Selection>,
        active: Option<String>,
    },
    /// Takes a tag (this exact spelling) off an annotation; one left without a tag is
    /// deleted ([`Annotation::tags_without`]).
    Untag { id: String, tag: String },
    /// A new annotation on turn `turn`, or on the words `quote` inside it (`partly annotate`).
    Annotate {
        turn: usize,
        tags: Vec<String>,
        note: Option<String>,
        quote: Option<String>,
    },
    /// Replaces an annotation's note; only whitespace is no note.
    Note { id: String, note: String },
    /// Deletes an annotation.
    Delete { id: String },
    /// Points an annotation at the selection by hand (re-attaching an orphan, or correcting
    /// where it was found again).
    AttachTo {
        id: String,
        selection: Option<Selection>,
    },
    /// Accepts an evasion suggestion: the suggested class's tag on the whole answer turn (from
    /// its first part, when objections split the answer), added to the turn's own annotation
    /// if it has one (a tag press on that turn).
    AcceptSuggestion { turn: usize, tag: String },
    /// Puts every tag of `tags` on turn `turn` in one edit (one undo step): added to the turn's
    /// own annotation where it lacks them, or a new annotation with them all. Accepting a
    /// question's form ("Open question" and "Compound question") goes through here.
    AddTags { turn: usize, tags: Vec<String> },
    /// Dismisses the suggestion `label` (a sub-class name, `general`…) on answer `turn`.
    Dismiss { turn: usize, label: String },
    /// A speaker correction: rename, merge, split, role.
    Speaker(SpeakerEdit),
    /// Confirms that an annotation awaiting review moved to the place re-anchoring found.
    AcceptMove { id: String },
    /// Rejects the place re-anchoring found: the annotation is orphaned, its old anchor kept
    /// (to be re-attached by hand).
    RejectMove { id: String },
    /// Settles a merge conflict by taking the other side's version: their annotation
    /// replaces ours, or one they deleted (and we changed) is deleted. Conflicts over a tag
    /// or speaker corrections have nothing to take ([`IntentError::NothingToTake`]).
    TakeTheirs(Box<Conflict>),
    /// Takes another annotator's label for answer `turn`: the tags of `set` come off this
    /// document's annotation on the turn, and `label` goes on (a new annotation if there was
    /// none; the annotation goes if nothing is left on it).
    TakeLabel {
        turn: usize,
        label: Option<String>,
        set: Vec<String>,
    },
}

/// Why an intent cannot be carried out. Nothing has changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntentError {
    #[error("unknown tag \"{tag}\"; the tags are: {known}")]
    UnknownTag { tag: String, known: String },
    /// `turn` is numbered from 1 here, as the CLI shows turns.
    #[error("turn {turn} does not exist; the transcript has {count} turns (numbered from 1)")]
    NoSuchTurn { turn: usize, count: usize },
    #[error("Select a turn or some words first")]
    NoSelection,
    #[error("no annotation has the id {0}")]
    NoSuchAnnotation(String),
    #[error("annotation {0} is not waiting for review")]
    NotUnderReview(String),
    #[error("this conflict has no other version to take; yours is kept")]
    NothingToTake,
    #[error("the turn already has these tags")]
    AlreadyTagged,
    /// The label on a turn comes from an annotation over several turns: changing it would
    /// change the others too. Turns are numbered from 1.
    #[error(
        "the label on this turn comes from an annotation over turns {first}–{last}; change it by hand"
    )]
    SpansTurns { first: usize, last: usize },
    #[error(transparent)]
    Anchor(#[from] AnchorError),
    #[error(transparent)]
    Annotation(#[from] AnnotationError),
}

/// Why a shorthand that plans and applies an edit ([`Document::annotate`],
/// [`Document::edit_speaker`]) failed: the intent could not be planned, or the edit not applied.
#[derive(Debug, thiserror::Error)]
pub enum ActError {
    #[error(transparent)]
    Intent(#[from] IntentError),
    #[error(transparent)]
    Document(#[from] DocumentError),
}

/// The tag set's spelling of `name`, or an error listing the tags.
fn resolve_tag(doc: &Document, name: &str) -> Result<String, IntentError> {
    doc.resolve_tag(name).map_err(|_| IntentError::UnknownTag {
        tag: name.to_owned(),
        known: doc.tag_names(),
    })
}

fn annotation<'d>(doc: &'d Document, id: &str) -> Result<&'d Annotation, IntentError> {
    doc.sidecar
        .annotation(id)
        .ok_or_else(|| IntentError::NoSuchAnnotation(id.to_owned()))
}

fn check_turn(doc: &Document, turn: usize) -> Result<(), IntentError> {
    let count = doc.transcript.turns.len();
    if turn < count {
        Ok(())
    } else {
        Err(IntentError::NoSuchTurn {
            turn: turn + 1,
            count,
        })
    }
}

/// Taking `tag` off annotation `a`: fewer tags, or the annotation deleted when none is left.
fn untag(a: &Annotation, tag: &str) -> Edit {
    match a.tags_without(tag) {
        Some(tags) => Edit::SetTags {
            id: a.id.clone(),
            tags,
        },
        None => Edit::RemoveAnnotation(a.id.clone()),
    }
}

/// The edit that carries out `intent` on `doc`. Pure: apply the result with
/// [`Document::apply`] (or a `History`). A new annotation's id is [`Edit::added_id`].
pub fn plan(doc: &Document, intent: Intent) -> Result<Edit, IntentError> {
    Ok(match intent {
        Intent::ToggleTag {
            tag,
            selection,
            active,
        } => {
            let tag = resolve_tag(doc, &tag)?;
            let target = match selection {
                Some(sel) => sel.annotation(doc),
                None => active.as_deref().and_then(|id| doc.sidecar.annotation(id)),
            };
            if let Some(a) = target {
                if a.tags.contains(&tag) {
                    untag(a, &tag)
                } else {
                    let mut tags = a.tags.clone();
                    tags.push(tag);
                    Edit::SetTags {
                        id: a.id.clone(),
                        tags,
                    }
                }
            } else {
                let anchor = selection
                    .ok_or(IntentError::NoSelection)?
                    .anchor(&doc.transcript)?;
                Edit::AddAnnotation(Box::new(Annotation::new(anchor, vec![tag], None)?))
            }
        }
        Intent::Untag { id, tag } => untag(annotation(doc, &id)?, &tag),
        Intent::Annotate {
            turn,
            tags,
            note,
            quote,
        } => {
            check_turn(doc, turn)?;
            let tags = tags
                .iter()
                .map(|t| resolve_tag(doc, t))
                .collect::<Result<Vec<_>, _>>()?;
            let t = &doc.transcript;
            let anchor = match quote {
                Some(q) => Anchor::for_quote(t, turn, &q)?,
                None => Anchor::for_turns(t, turn, turn)?,
            };
            let note = note.filter(|n| !n.trim().is_empty());
            Edit::AddAnnotation(Box::new(Annotation::new(anchor, tags, note)?))
        }
        Intent::Note { id, note } => Edit::SetNote {
            id,
            note: (!note.trim().is_empty()).then_some(note),
        },
        Intent::Delete { id } => Edit::RemoveAnnotation(id),
        Intent::AttachTo { id, selection } => Edit::Reattach {
            anchor: Box::new(
                selection
                    .ok_or(IntentError::NoSelection)?
                    .anchor(&doc.transcript)?,
            ),
            id,
            placement: Placement::Anchored,
        },
        Intent::AcceptSuggestion { turn, tag } => {
            // An answer an objection split is tagged whole, from its first part.
            let first = answer_parts(&doc.transcript, turn).map_or(turn, |(first, _)| first);
            plan(
                doc,
                Intent::ToggleTag {
                    tag,
                    selection: Some(Selection::Turns { first, last: turn }),
                    active: None,
                },
            )?
        }
        Intent::AddTags { turn, tags } => {
            check_turn(doc, turn)?;
            let tags = tags
                .iter()
                .map(|t| resolve_tag(doc, t))
                .collect::<Result<Vec<_>, _>>()?;
            let here = Selection::Turns {
                first: turn,
                last: turn,
            };
            match here.annotation(doc) {
                Some(a) => {
                    let mut all = a.tags.clone();
                    for t in tags {
                        if !all.contains(&t) {
                            all.push(t);
                        }
                    }
                    if all.len() == a.tags.len() {
                        return Err(IntentError::AlreadyTagged);
                    }
                    Edit::SetTags {
                        id: a.id.clone(),
                        tags: all,
                    }
                }
                None => Edit::AddAnnotation(Box::new(Annotation::new(
                    here.anchor(&doc.transcript)?,
                    tags,
                    None,
                )?)),
            }
        }
        Intent::TakeLabel { turn, label, set } => {
            check_turn(doc, turn)?;
            let in_set = |tag: &str| {
                set.iter()
                    .any(|s| s.trim().eq_ignore_ascii_case(tag.trim()))
            };
            let covering: Vec<&Annotation> = doc
                .placed_annotations()
                .filter(|a| a.anchor.start_turn <= turn && turn <= a.anchor.end_turn)
                .filter(|a| a.tags.iter().any(|t| in_set(t)))
                .collect();
            match (covering.as_slice(), label) {
                ([], None) => return Err(IntentError::NothingToTake),
                ([], Some(tag)) => plan(
                    doc,
                    Intent::ToggleTag {
                        tag,
                        selection: Some(Selection::Turns {
                            first: turn,
                            last: turn,
                        }),
                        active: None,
                    },
                )?,
                ([a], label) if a.anchor.start_turn == a.anchor.end_turn => {
                    let mut tags: Vec<String> =
                        a.tags.iter().filter(|t| !in_set(t)).cloned().collect();
                    if let Some(l) = label {
                        tags.push(doc.resolve_tag(&l).map_err(|_| IntentError::UnknownTag {
                            tag: l.clone(),
                            known: doc.tag_names(),
                        })?);
                    }
                    if tags.is_empty() {
                        Edit::RemoveAnnotation(a.id.clone())
                    } else {
                        Edit::SetTags {
                            id: a.id.clone(),
                            tags,
                        }
                    }
                }
                (list, _) => {
                    let first = list
                        .iter()
                        .map(|a| a.anchor.start_turn)
                        .min()
                        .unwrap_or(turn);
                    let last = list.iter().map(|a| a.anchor.end_turn).max().unwrap_or(turn);
                    return Err(IntentError::SpansTurns {
                        first: first + 1,
                        last: last + 1,
                    });
                }
            }
        }
        Intent::Dismiss { turn, label } => {
            check_turn(doc, turn)?;
            Edit::Dismiss(Dismissal {
                turn,
                label,
                answer: doc.transcript.turns[turn].text.clone(),
            })
        }
        Intent::Speaker(e) => Edit::Speaker(e),
        Intent::AcceptMove { id } => {
            let a = annotation(doc, &id)?;
            let Placement::Review { candidate, .. } = &a.placement else {
                return Err(IntentError::NotUnderReview(id));
            };
            Edit::Reattach {
                anchor: candidate.clone(),
                id,
                placement: Placement::Moved,
            }
        }
        Intent::RejectMove { id } => {
            let a = annotation(doc, &id)?;
            if !matches!(a.placement, Placement::Review { .. }) {
                return Err(IntentError::NotUnderReview(id));
            }
            Edit::Reattach {
                anchor: Box::new(a.anchor.clone()),
                id,
                placement: Placement::Orphaned,
            }
        }
        Intent::TakeTheirs(conflict) => match *conflict {
            Conflict::Annotation { theirs, .. } => Edit::ReplaceAnnotation(theirs),
            Conflict::DeletedAndChanged { kept, .. } => Edit::RemoveAnnotation(kept.id),
            Conflict::Tag { .. } | Conflict::SpeakerEdits => {
                return Err(IntentError::NothingToTake);
            }
        },
    })
}

impl Edit {
    /// The id of the annotation this edit adds, if it adds one (to show it once applied).
    pub fn added_id(&self) -> Option<&str> {
        match self {
            Edit::AddAnnotation(a) => Some(&a.id),
            _ => None,
        }
    }
}

impl Document {
    /// Annotates turn `turn` (0-based), or the `quote` inside it, through [`plan`] and
    /// [`Document::apply`] like every other edit. Returns the new id.
    pub fn annotate(
        &mut self,
        turn: usize,
        tags: &[String],
        note: Option<String>,
        quote: Option<&str>,
    ) -> Result<String, ActError> {
        let edit = plan(
            self,
            Intent::Annotate {
                turn,
                tags: tags.to_vec(),
                note,
                quote: quote.map(str::to_owned),
            },
        )?;
        let id = edit.added_id().map(str::to_owned).unwrap_or_default();
        self.apply(edit)?;
        Ok(id)
    }

    /// Applies a speaker correction and records it so it is re-applied on the next open
    /// (an [`Edit::Speaker`] through [`Document::apply`]).
    pub fn edit_speaker(&mut self, edit: SpeakerEdit) -> Result<(), ActError> {
        self.apply(plan(self, Intent::Speaker(edit))?)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::{annotation, doc};

    fn press(d: &mut Document, tag: &str, selection: Option<Selection>, active: Option<&str>) {
        let intent = Intent::ToggleTag {
            tag: tag.into(),
            selection,
            active: active.map(str::to_owned),
        };
        let edit = plan(d, intent).unwrap();
        d.apply(edit).unwrap();
    }

    const TURN_3: Selection = Selection::Turns { first: 3, last: 3 };

    #[test]
    fn a_tag_press_makes_adds_to_and_takes_from_the_selections_annotation() {
        let (_dir, mut d) = doc();
        // Nothing there yet: a new annotation on the whole turn, in the tag set's spelling.
        let edit = plan(
            &d,
            Intent::ToggleTag {
                tag: "partial".into(),
                selection: Some(TURN_3),
                active: None,
            },
        )
        .unwrap();
        let id = edit.added_id().unwrap().to_owned();
        d.apply(edit).unwrap();
        let a = d.sidecar.annotation(&id).unwrap();
        assert_eq!(a.tags, ["Partial"]);
        assert_eq!(a.anchor.quote, "Partly.");
        // Another tag joins the same annotation; pressing the first again takes it off.
        press(&mut d, "Quote", Some(TURN_3), None);
        press(&mut d, "Partial", Some(TURN_3), None);
        assert_eq!(d.sidecar.annotations.len(), 1);
        assert_eq!(d.sidecar.annotation(&id).unwrap().tags, ["Quote"]);
        // Its last tag off: the annotation goes.
        press(&mut d, "Quote", Some(TURN_3), None);
        assert!(d.sidecar.annotations.is_empty());
    }

    #[test]
    fn words_and_whole_turns_are_different_selections() {
        let (_dir, mut d) = doc();
        let words = Selection::Span {
            turn: 1,
            start: 0,
            end: 9,
        };
        press(&mut d, "Quote", Some(words), None);
        press(
            &mut d,
            "Quote",
            Some(Selection::Turns { first: 1, last: 1 }),
            None,
        );
        assert_eq!(d.sidecar.annotations.len(), 2, "the turn is not the words");
        let span = d
            .sidecar
            .annotations
            .iter()
            .find(|a| a.anchor.quote == "Generally")
            .unwrap();
        assert_eq!(Selection::of_anchor(&d.transcript, &span.anchor), words);
        assert!(words.is_exactly(&d.transcript, &span.anchor));
        assert_eq!(words.annotation(&d).map(|a| &a.id), Some(&span.id));
    }

    #[test]
    fn with_nothing_selected_a_tag_press_acts_on_the_active_annotation() {
        let (_dir, mut d) = doc();
        press(&mut d, "Partial", Some(TURN_3), None);
        let id = d.sidecar.annotations[0].id.clone();
        press(&mut d, "Quote", None, Some(&id));
        assert_eq!(d.sidecar.annotations[0].tags, ["Partial", "Quote"]);
        let none = Intent::ToggleTag {
            tag: "Quote".into(),
            selection: None,
            active: None,
        };
        assert_eq!(plan(&d, none), Err(IntentError::NoSelection));
        assert_eq!(
            IntentError::NoSelection.to_string(),
            "Select a turn or some words first"
        );
        let unknown = Intent::ToggleTag {
            tag: "Nope".into(),
            selection: Some(TURN_3),
            active: None,
        };
        assert!(matches!(
            plan(&d, unknown),
            Err(IntentError::UnknownTag { tag, .. }) if tag == "Nope"
        ));
    }

    #[test]
    fn untag_keeps_the_rest_or_deletes_an_annotation_left_untagged() {
        let (_dir, mut d) = doc();
        press(&mut d, "Partial", Some(TURN_3), None);
        press(&mut d, "Quote", Some(TURN_3), None);
        let id = d.sidecar.annotations[0].id.clone();
        let untag = |tag: &str| Intent::Untag {
            id: id.clone(),
            tag: tag.into(),
        };
        assert_eq!(
            plan(&d, untag("Partial")),
            Ok(Edit::SetTags {
                id: id.clone(),
                tags: vec!["Quote".into()]
            })
        );
        d.apply(plan(&d, untag("Partial")).unwrap()).unwrap();
        assert_eq!(
            plan(&d, untag("Quote")),
            Ok(Edit::RemoveAnnotation(id.clone()))
        );
        let gone = Intent::Untag {
            id: "a-nope".into(),
            tag: "Quote".into(),
        };
        assert_eq!(
            plan(&d, gone),
            Err(IntentError::NoSuchAnnotation("a-nope".into()))
        );
    }

    #[test]
    fn annotate_checks_the_turn_and_tags_and_finds_the_quote() {
        let (_dir, mut d) = doc();
        let annotate = |turn, tag: &str, quote: Option<&str>| Intent::Annotate {
            turn,
            tags: vec![tag.into()],
            note: Some("  ".into()),
            quote: quote.map(str::to_owned),
        };
        let err = plan(&d, annotate(4, "Quote", None)).unwrap_err();
        assert_eq!(err, IntentError::NoSuchTurn { turn: 5, count: 4 });
        assert!(err.to_string().contains("4 turns"));
        let err = plan(&d, annotate(1, "Nope", None)).unwrap_err();
        assert!(err.to_string().contains("the tags are: "), "{err}");
        assert!(err.to_string().contains("Partial"), "{err}");
        let id = d
            .annotate(1, &["quote".into()], None, Some("all do"))
            .unwrap();
        let a = d.sidecar.annotation(&id).unwrap();
        assert_eq!((a.anchor.quote.as_str(), a.note.as_ref()), ("all do", None));
        assert_eq!(a.tags, ["Quote"]);
    }

    #[test]
    fn taking_another_annotators_label_changes_only_that_turns_label() {
        let (_dir, mut d) = doc();
        let set: Vec<String> = ["General", "Deflection", "Partial"]
            .map(String::from)
            .to_vec();
        let take = |turn, label: Option<&str>| Intent::TakeLabel {
            turn,
            label: label.map(String::from),
            set: set.clone(),
        };
        let id = d
            .annotate(1, &["General".into(), "Quote".into()], None, None)
            .unwrap();
        // Theirs replaces ours; other tags stay.
        d.apply(plan(&d, take(1, Some("Deflection"))).unwrap())
            .unwrap();
        assert_eq!(
            d.sidecar.annotation(&id).unwrap().tags,
            ["Quote", "Deflection"]
        );
        // Where we had nothing, theirs is added.
        let before = d.sidecar.annotations.len();
        d.apply(plan(&d, take(3, Some("Partial"))).unwrap())
            .unwrap();
        assert_eq!(d.sidecar.annotations.len(), before + 1);
        // "Untagged" takes ours off; an annotation left without tags goes.
        let partial = d
            .sidecar
            .annotations
            .iter()
            .find(|a| a.has_tag("Partial"))
            .unwrap()
            .id
            .clone();
        assert_eq!(plan(&d, take(3, None)), Ok(Edit::RemoveAnnotation(partial)));
        assert_eq!(plan(&d, take(0, None)), Err(IntentError::NothingToTake));
        // A range annotation is not changed for one of its turns.
        let wide = Annotation::new(
            crate::annotation::Anchor::for_turns(&d.transcript, 0, 3).unwrap(),
            vec!["General".into()],
            None,
        )
        .unwrap();
        d.apply(Edit::AddAnnotation(Box::new(wide))).unwrap();
        assert!(matches!(
            plan(&d, take(0, Some("Partial"))),
            Err(IntentError::SpansTurns { .. })
        ));
    }

    #[test]
    fn accepting_a_suggestion_on_an_answer_split_by_an_objection_tags_all_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("split.txt");
        std::fs::write(
            &path,
            "Q. When did you sign the lease?\nA. I don't recall the exact date --\nMR. KAY: Objection. Form.\nTHE COURT: Overruled.\nA. -- but it was in the spring.\n",
        )
        .unwrap();
        let mut d = Document::open(&path, None).unwrap();
        let last = d.transcript.turns.len() - 1;
        let accept = Intent::AcceptSuggestion {
            turn: last,
            tag: "Claims ignorance".into(),
        };
        d.apply(plan(&d, accept).unwrap()).unwrap();
        let a = &d.sidecar.annotations[0];
        assert_eq!(
            (a.anchor.start_turn, a.anchor.end_turn),
            (1, last),
            "{a:#?}"
        );
    }

    #[test]
    fn accepting_and_dismissing_a_suggestion() {
        let (_dir, mut d) = doc();
        press(&mut d, "Quote", Some(TURN_3), None);
        let accept = Intent::AcceptSuggestion {
            turn: 3,
            tag: "Partial".into(),
        };
        d.apply(plan(&d, accept).unwrap()).unwrap();
        assert_eq!(d.sidecar.annotations.len(), 1, "added to the turn's own");
        assert_eq!(d.sidecar.annotations[0].tags, ["Quote", "Partial"]);
        let dismiss = |turn| Intent::Dismiss {
            turn,
            label: "partial".into(),
        };
        assert_eq!(
            plan(&d, dismiss(3)),
            Ok(Edit::Dismiss(Dismissal {
                turn: 3,
                label: "partial".into(),
                answer: "Partly.".into(),
            }))
        );
        assert!(matches!(
            plan(&d, dismiss(9)),
            Err(IntentError::NoSuchTurn { .. })
        ));
    }

    #[test]
    fn adding_several_tags_is_one_edit() {
        let (_dir, mut d) = doc();
        let add = |tags: &[&str]| Intent::AddTags {
            turn: 3,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        };
        // No annotation on the turn: a new one with both tags.
        let edit = plan(&d, add(&["Open question", "Compound question"])).unwrap();
        assert!(
            matches!(&edit, Edit::AddAnnotation(a) if a.tags == ["Open question", "Compound question"])
        );
        d.apply(edit).unwrap();
        // The turn's own annotation gains only what it lacks, and nothing to add is said.
        let edit = plan(&d, add(&["Compound question", "Quote"])).unwrap();
        assert!(
            matches!(&edit, Edit::SetTags { tags, .. } if tags == &["Open question", "Compound question", "Quote"])
        );
        d.apply(edit).unwrap();
        assert_eq!(plan(&d, add(&["Quote"])), Err(IntentError::AlreadyTagged));
        assert!(matches!(
            plan(&d, add(&["No such tag"])),
            Err(IntentError::UnknownTag { .. })
        ));
    }

    #[test]
    fn attach_notes_delete_and_speakers_are_edits_too() {
        let (_dir, mut d) = doc();
        press(&mut d, "Quote", Some(TURN_3), None);
        let id = d.sidecar.annotations[0].id.clone();
        let attach = |selection| Intent::AttachTo {
            id: id.clone(),
            selection,
        };
        assert_eq!(plan(&d, attach(None)), Err(IntentError::NoSelection));
        let Ok(Edit::Reattach { anchor, .. }) =
            plan(&d, attach(Some(Selection::Turns { first: 1, last: 1 })))
        else {
            panic!("a re-attach")
        };
        assert_eq!(anchor.start_turn, 1);
        let note = |n: &str| Intent::Note {
            id: id.clone(),
            note: n.into(),
        };
        assert_eq!(
            plan(&d, note(" ")),
            Ok(Edit::SetNote {
                id: id.clone(),
                note: None
            })
        );
        assert_eq!(
            plan(&d, Intent::Delete { id: id.clone() }),
            Ok(Edit::RemoveAnnotation(id.clone()))
        );
        d.edit_speaker(SpeakerEdit::Split {
            label: "Savit".into(),
        })
        .unwrap();
        assert_eq!(d.transcript.speakers.len(), 3);
        assert_eq!(d.sidecar.speaker_edits.len(), 1);
    }

    #[test]
    fn a_move_under_review_is_accepted_to_its_candidate_or_rejected_to_an_orphan() {
        let (_dir, mut d) = doc();
        press(&mut d, "Quote", Some(TURN_3), None);
        let id = d.sidecar.annotations[0].id.clone();
        let accept = Intent::AcceptMove { id: id.clone() };
        let reject = Intent::RejectMove { id: id.clone() };
        // Not under review: nothing to accept or reject.
        assert_eq!(
            plan(&d, accept.clone()),
            Err(IntentError::NotUnderReview(id.clone()))
        );
        assert_eq!(
            plan(&d, reject.clone()),
            Err(IntentError::NotUnderReview(id.clone()))
        );
        let old = d.sidecar.annotations[0].anchor.clone();
        let candidate = Box::new(Anchor::for_turns(&d.transcript, 1, 1).expect("turn 1"));
        d.sidecar.annotations[0].placement = Placement::Review {
            candidate: candidate.clone(),
            similarity: 60,
        };
        assert_eq!(
            plan(&d, accept),
            Ok(Edit::Reattach {
                id: id.clone(),
                anchor: candidate,
                placement: Placement::Moved,
            })
        );
        assert_eq!(
            plan(&d, reject),
            Ok(Edit::Reattach {
                id,
                anchor: Box::new(old),
                placement: Placement::Orphaned,
            })
        );
    }

    #[test]
    fn taking_theirs_replaces_ours_or_deletes_what_they_deleted() {
        let (_dir, d) = doc();
        let ours = annotation(&d, 1, "Quote");
        let mut theirs = ours.clone();
        theirs.set_note(Some("their note".into()));
        let both = Conflict::Annotation {
            ours: Box::new(ours.clone()),
            theirs: Box::new(theirs.clone()),
        };
        assert_eq!(
            plan(&d, Intent::TakeTheirs(Box::new(both))),
            Ok(Edit::ReplaceAnnotation(Box::new(theirs)))
        );
        let deleted = Conflict::DeletedAndChanged {
            kept: Box::new(ours.clone()),
            deleted_by_us: false,
        };
        assert_eq!(
            plan(&d, Intent::TakeTheirs(Box::new(deleted))),
            Ok(Edit::RemoveAnnotation(ours.id))
        );
        assert_eq!(
            plan(&d, Intent::TakeTheirs(Box::new(Conflict::SpeakerEdits))),
            Err(IntentError::NothingToTake)
        );
    }
}
