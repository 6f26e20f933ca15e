//! Merging two versions of a sidecar that both changed since a common one: this window's
//! unsaved work ("ours") and the file someone else saved meanwhile ("theirs": another window,
//! a sync tool, a `git pull`, a script running `partly annotate`).
//!
//! Annotations merge by id, three ways against the version both started from ("base"): a
//! change made on one side only is taken; the same change on both sides is taken once; two
//! different changes to one annotation are a [`Conflict`] in which ours is kept and theirs is
//! reported. Nothing is dropped to settle a conflict: an annotation one side deleted and the
//! other changed is kept. Tags, speaker corrections and dismissals merge the same way.

use super::Annotation;
use super::sidecar::{Dismissal, Sidecar};
use super::tags::Tag;
use std::collections::{BTreeMap, BTreeSet};

/// Something both sides changed differently. Ours was kept; the user can take theirs.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// Both changed this annotation (tags, note or place) in different ways.
    Annotation {
        ours: Box<Annotation>,
        theirs: Box<Annotation>,
    },
    /// One side deleted this annotation while the other changed it; the changed one is kept.
    DeletedAndChanged {
        kept: Box<Annotation>,
        deleted_by_us: bool,
    },
    /// Both changed this tag's colour, group, description or key differently.
    Tag { ours: Tag, theirs: Tag },
    /// Both added speaker corrections; ours are applied after theirs.
    SpeakerEdits,
}

impl Conflict {
    /// One line for a warning or a list.
    pub fn describe(&self) -> String {
        match self {
            Conflict::Annotation { ours, .. } => format!(
                "annotation {} at {} was changed here and in the file; kept this version",
                ours.id, ours.anchor.start
            ),
            Conflict::DeletedAndChanged {
                kept,
                deleted_by_us,
            } => format!(
                "annotation {} at {} was deleted {} but changed {}; kept it",
                kept.id,
                kept.anchor.start,
                if *deleted_by_us {
                    "here"
                } else {
                    "in the file"
                },
                if *deleted_by_us {
                    "in the file"
                } else {
                    "here"
                },
            ),
            Conflict::Tag { ours, .. } => format!(
                "tag \"{}\" was changed here and in the file; kept this version",
                ours.name
            ),
            Conflict::SpeakerEdits => {
                "speaker corrections were made here and in the file; applied both, these last"
                    .to_string()
            }
        }
    }
}

/// The merged sidecar and what could not be merged cleanly.
#[derive(Debug, Clone)]
pub struct Merged {
    pub sidecar: Sidecar,
    pub conflicts: Vec<Conflict>,
}

/// Three-way merge of one item: `Some(value)` to keep, `None` when deleted on both or
/// deleted on one side and untouched on the other.
fn three_way<T: Clone + PartialEq>(
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
) -> (Option<T>, Option<Side>) {
    match (base, ours, theirs) {
        (_, Some(o), Some(t)) if o == t => (Some(o.clone()), None),
        (Some(b), Some(o), Some(t)) if o == b => (Some(t.clone()), None),
        (Some(b), Some(o), Some(t)) if t == b => (Some(o.clone()), None),
        (_, Some(o), Some(_)) => (Some(o.clone()), Some(Side::Both)),
        (Some(b), Some(o), None) if o == b => (None, None),
        (Some(_), Some(o), None) => (Some(o.clone()), Some(Side::DeletedByThem)),
        (Some(b), None, Some(t)) if t == b => (None, None),
        (Some(_), None, Some(t)) => (Some(t.clone()), Some(Side::DeletedByUs)),
        (None, Some(o), None) => (Some(o.clone()), None),
        (None, None, Some(t)) => (Some(t.clone()), None),
        (_, None, None) => (None, None),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Both,
    DeletedByUs,
    DeletedByThem,
}

/// Merges `ours` and `theirs`, which both started from `base`. The result keeps our source
/// information (we know the transcript as it is open here).
pub fn merge(base: &Sidecar, ours: &Sidecar, theirs: &Sidecar) -> Merged {
    let mut conflicts = Vec::new();
    let mut merged = ours.clone();

    // Annotations, by id, in our order followed by theirs.
    let by_id = |s: &Sidecar| -> BTreeMap<String, Annotation> {
        s.annotations
            .iter()
            .map(|a| (a.id.clone(), a.clone()))
            .collect()
    };
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    let mut ids: Vec<&String> = ours.annotations.iter().map(|a| &a.id).collect();
    ids.extend(theirs.annotations.iter().map(|a| &a.id));
    ids.extend(base.annotations.iter().map(|a| &a.id));
    let mut seen = BTreeSet::new();
    let mut annotations = Vec::new();
    for id in ids {
        if !seen.insert(id) {
            continue;
        }
        let (ba, oa, ta) = (b.get(id), o.get(id), t.get(id));
        let (kept, side) = three_way(ba, oa, ta);
        match (side, &kept) {
            (Some(Side::Both), Some(k)) => conflicts.push(Conflict::Annotation {
                ours: Box::new(k.clone()),
                theirs: Box::new(ta.cloned().unwrap_or_else(|| k.clone())),
            }),
            (Some(s @ (Side::DeletedByUs | Side::DeletedByThem)), Some(k)) => {
                conflicts.push(Conflict::DeletedAndChanged {
                    kept: Box::new(k.clone()),
                    deleted_by_us: s == Side::DeletedByUs,
                })
            }
            _ => {}
        }
        annotations.extend(kept);
    }
    merged.annotations = annotations;

    // Tags, by name: ours in our order, then the ones only they added.
    let tag_key = |t: &Tag| t.name.to_lowercase();
    let tag_map = |s: &Sidecar| -> BTreeMap<String, Tag> {
        s.tags
            .tags
            .iter()
            .map(|t| (tag_key(t), t.clone()))
            .collect()
    };
    let (bt, ot, tt) = (tag_map(base), tag_map(ours), tag_map(theirs));
    let mut names: Vec<String> = ours.tags.tags.iter().map(tag_key).collect();
    names.extend(theirs.tags.tags.iter().map(tag_key));
    let mut seen = BTreeSet::new();
    let mut tags = Vec::new();
    for name in names {
        if !seen.insert(name.clone()) {
            continue;
        }
        let (kept, side) = three_way(bt.get(&name), ot.get(&name), tt.get(&name));
        if let (Some(Side::Both), Some(o), Some(t)) = (side, ot.get(&name), tt.get(&name)) {
            conflicts.push(Conflict::Tag {
                ours: o.clone(),
                theirs: t.clone(),
            });
        }
        tags.extend(kept);
    }
    // A tag still in use is never dropped, whoever deleted it.
    for a in &merged.annotations {
        for name in &a.tags {
            let key = name.to_lowercase();
            if !tags.iter().any(|t| tag_key(t) == key)
                && let Some(t) = ot.get(&key).or(tt.get(&key)).or(bt.get(&key))
            {
                tags.push(t.clone());
            }
        }
    }
    // Two tags may now claim one hotkey: the first keeps it.
    let mut keys = BTreeSet::new();
    for t in &mut tags {
        if let Some(k) = t.hotkey
            && !keys.insert(k)
        {
            t.hotkey = None;
        }
    }
    merged.tags.tags = tags;

    // Speaker corrections are applied in order: keep theirs, then the ones we added.
    merged.speaker_edits = if ours.speaker_edits == base.speaker_edits {
        theirs.speaker_edits.clone()
    } else if theirs.speaker_edits == base.speaker_edits
        || theirs.speaker_edits == ours.speaker_edits
    {
        ours.speaker_edits.clone()
    } else {
        let ours_new = ours
            .speaker_edits
            .strip_prefix(base.speaker_edits.as_slice())
            .unwrap_or(&ours.speaker_edits);
        let mut edits = theirs.speaker_edits.clone();
        edits.extend(
            ours_new
                .iter()
                .filter(|e| !theirs.speaker_edits.contains(e))
                .cloned(),
        );
        conflicts.push(Conflict::SpeakerEdits);
        edits
    };

    // Dismissals are a set: one is kept unless a side that had it removed it.
    let set = |s: &Sidecar| -> BTreeSet<Dismissal> { s.dismissed.iter().cloned().collect() };
    let (bd, od, td) = (set(base), set(ours), set(theirs));
    merged.dismissed = od
        .union(&td)
        .filter(|d| !bd.contains(*d) || (od.contains(*d) && td.contains(*d)))
        .cloned()
        .collect();

    Merged {
        sidecar: merged,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::anchor::Anchor;
    use crate::transcript::Loc;

    fn ann(id: &str, tag: &str, note: Option<&str>) -> Annotation {
        let loc = Loc {
            page: None,
            line: 1,
        };
        let anchor = Anchor {
            start_turn: 0,
            end_turn: 0,
            quote: "Partly.".into(),
            prefix: String::new(),
            suffix: String::new(),
            start_offset: 0,
            start: loc,
            end: loc,
        };
        let mut a =
            Annotation::new(anchor, vec![tag.into()], note.map(String::from)).expect("annotation");
        a.id = id.into();
        a
    }

    fn with(annotations: Vec<Annotation>) -> Sidecar {
        let mut s = Sidecar::new("a.txt", "sha256:00");
        s.annotations = annotations;
        s
    }

    fn ids(s: &Sidecar) -> Vec<&str> {
        let mut v: Vec<&str> = s.annotations.iter().map(|a| a.id.as_str()).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn additions_and_one_sided_changes_from_both_sides_are_kept() {
        let base = with(vec![ann("a", "Partial", None), ann("b", "General", None)]);
        let ours = with(vec![
            ann("a", "Partial", Some("mine")),
            ann("b", "General", None),
            ann("c", "Dodging", None),
        ]);
        let theirs = with(vec![
            ann("a", "Partial", None),
            ann("b", "Deflection", None),
            ann("d", "Explicit", None),
        ]);
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(ids(&m.sidecar), ["a", "b", "c", "d"]);
        let get = |id: &str| m.sidecar.annotation(id).expect("kept").clone();
        assert_eq!(get("a").note.as_deref(), Some("mine"));
        assert_eq!(get("b").tags, ["Deflection"]);
        assert!(m.sidecar.validate().is_ok());
    }

    #[test]
    fn deletions_apply_only_to_untouched_annotations() {
        let base = with(vec![ann("a", "Partial", None), ann("b", "General", None)]);
        // We deleted a; they deleted b but we changed b.
        let ours = with(vec![ann("b", "General", Some("changed"))]);
        let theirs = with(vec![ann("a", "Partial", None)]);
        let m = merge(&base, &ours, &theirs);
        assert_eq!(ids(&m.sidecar), ["b"]);
        assert!(matches!(
            &m.conflicts[..],
            [Conflict::DeletedAndChanged {
                deleted_by_us: false,
                ..
            }]
        ));
    }

    #[test]
    fn different_changes_to_one_annotation_keep_ours_and_report_theirs() {
        let base = with(vec![ann("a", "Partial", None)]);
        let ours = with(vec![ann("a", "Partial", Some("mine"))]);
        let theirs = with(vec![ann("a", "Partial", Some("theirs"))]);
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.sidecar.annotations[0].note.as_deref(), Some("mine"));
        match &m.conflicts[..] {
            [Conflict::Annotation { theirs, .. }] => {
                assert_eq!(theirs.note.as_deref(), Some("theirs"))
            }
            other => panic!("{other:?}"),
        }
        assert!(m.conflicts[0].describe().contains("kept this version"));
    }

    #[test]
    fn a_tag_deleted_by_one_side_stays_while_the_other_uses_it() {
        let mut base = with(vec![]);
        base.tags
            .add(Tag::new(
                "Dodgy",
                "Mine",
                crate::annotation::Colour { r: 1, g: 2, b: 3 },
            ))
            .expect("tag");
        let mut theirs = base.clone();
        theirs.tags.tags.retain(|t| t.name != "Dodgy");
        let mut ours = base.clone();
        ours.annotations.push(ann("a", "Dodgy", None));
        let m = merge(&base, &ours, &theirs);
        assert!(m.sidecar.tags.find("Dodgy").is_some());
        assert!(m.sidecar.validate().is_ok());
    }

    #[test]
    fn dismissals_merge_as_a_set() {
        let d = |turn| Dismissal {
            turn,
            label: "general".into(),
            answer: "x".into(),
        };
        let mut base = with(vec![]);
        base.dismissed = vec![d(1), d(2)];
        let mut ours = base.clone();
        ours.dismissed = vec![d(1), d(3)]; // undismissed 2, dismissed 3
        let mut theirs = base.clone();
        theirs.dismissed = vec![d(1), d(2), d(4)];
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.sidecar.dismissed, vec![d(1), d(3), d(4)]);
    }
}
