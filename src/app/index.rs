//! What the window looks up while drawing, worked out once per document change (see
//! `OpenDoc::changed`) instead of once per frame: which annotations touch each turn, the
//! dismissed suggestions, counts per tag, section headings and the answer to each question.
//! A frame then costs the same on a 10,000-page transcript as on a 10-page one.

use crate::annotation::{Annotation, Dismissed, Document, Placement};
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub struct Index {
    /// (turn, annotation) for every placed annotation and every turn it covers, sorted; the
    /// annotation is its index in the sidecar's list.
    by_turn: Vec<(usize, usize)>,
    /// Placed annotations (not orphaned, not awaiting review), in the sidecar's order.
    pub placed: Vec<usize>,
    /// Annotations awaiting review, and orphans.
    pub review: Vec<usize>,
    pub orphans: Vec<usize>,
    /// Placed annotations per tag, and all annotations per tag (lower-cased tag names).
    placed_per_tag: HashMap<String, usize>,
    all_per_tag: HashMap<String, usize>,
    /// Annotation id → index in the sidecar's list.
    by_id: HashMap<String, usize>,
    /// Dismissed suggestions.
    dismissed: Dismissed,
    /// Turn → the section heading just before it (index into `Transcript::sections`).
    sections: HashMap<usize, usize>,
    /// For each turn, the first later turn that answers it.
    answer: Vec<Option<usize>>,
    /// How well the transcript was read (recomputed when a speaker correction changes it).
    pub health: Option<crate::transcript::health::Health>,
    /// Speakers that may be one person named in two languages: (other label, label).
    pub aliases: Vec<(String, String)>,
}

impl Index {
    pub fn new(doc: &Document) -> Self {
        let mut ix = Index::default();
        ix.update(doc, true);
        ix
    }

    /// Brings the lookups up to date after a change; those on the transcript only when it
    /// changed (a speaker correction), since annotation edits cannot change them.
    pub fn update(&mut self, doc: &Document, transcript_changed: bool) {
        let t = &doc.transcript;
        let n = t.turns.len();
        if transcript_changed || self.answer.len() != n || self.health.is_none() {
            self.health = Some(crate::transcript::health::assess(t));
            self.aliases = crate::transcript::speakers::translation_aliases(t);
            self.sections = t
                .sections
                .iter()
                .enumerate()
                .rev()
                .map(|(k, s)| (s.first_turn, k))
                .collect();
            self.answer = vec![None; n];
            for (j, turn) in t.turns.iter().enumerate() {
                if let Some(q) = turn.answers
                    && q < j
                    && self.answer[q].is_none()
                {
                    self.answer[q] = Some(j);
                }
            }
        }
        self.by_turn.clear();
        self.placed.clear();
        self.review.clear();
        self.orphans.clear();
        self.by_id.clear();
        // Counted by the tag's spelling first (few distinct ones), then folded by lower case.
        let mut placed_per_tag: HashMap<&str, usize> = HashMap::new();
        let mut all_per_tag: HashMap<&str, usize> = HashMap::new();
        for (k, a) in doc.sidecar.annotations.iter().enumerate() {
            self.by_id.insert(a.id.clone(), k);
            let placed = a.placement.is_placed();
            for (j, tag) in a.tags.iter().enumerate() {
                // The same tag twice on one annotation counts once.
                if j > 0
                    && a.tags[..j]
                        .iter()
                        .any(|u| u.to_lowercase() == tag.to_lowercase())
                {
                    continue;
                }
                *all_per_tag.entry(tag).or_default() += 1;
                if placed {
                    *placed_per_tag.entry(tag).or_default() += 1;
                }
            }
            match a.placement {
                Placement::Orphaned => self.orphans.push(k),
                Placement::Review { .. } => self.review.push(k),
                _ => {
                    self.placed.push(k);
                    let last = a.anchor.end_turn.min(n.saturating_sub(1));
                    self.by_turn
                        .extend((a.anchor.start_turn..=last).map(|turn| (turn, k)));
                }
            }
        }
        self.by_turn.sort_unstable();
        let fold = |counts: HashMap<&str, usize>| {
            let mut out: HashMap<String, usize> = HashMap::new();
            for (tag, n) in counts {
                *out.entry(tag.trim().to_lowercase()).or_default() += n;
            }
            out
        };
        self.placed_per_tag = fold(placed_per_tag);
        self.all_per_tag = fold(all_per_tag);
        self.dismissed = doc.dismissed();
    }

    /// Indices (in the sidecar's list) of the placed annotations that touch turn `i`.
    pub fn on_turn(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.by_turn.partition_point(|&(t, _)| t < i);
        self.by_turn[from..]
            .iter()
            .take_while(move |&&(t, _)| t == i)
            .map(|&(_, k)| k)
    }

    /// Turns that some placed annotation touches, in order, once each.
    pub fn annotated_turns(&self) -> impl Iterator<Item = usize> + '_ {
        let b = &self.by_turn;
        (0..b.len())
            .filter(move |&j| j == 0 || b[j - 1].0 != b[j].0)
            .map(move |j| b[j].0)
    }

    pub fn annotation<'a>(&self, doc: &'a Document, id: &str) -> Option<&'a Annotation> {
        let a = doc.sidecar.annotations.get(*self.by_id.get(id)?)?;
        (a.id == id).then_some(a)
    }

    pub fn is_dismissed(&self, turn: usize, label: &str) -> bool {
        self.dismissed.contains(turn, label)
    }

    /// How many placed annotations carry `tag`.
    pub fn placed_with_tag(&self, tag: &str) -> usize {
        let key = tag.trim().to_lowercase();
        self.placed_per_tag.get(&key).copied().unwrap_or(0)
    }

    /// How many annotations (placed or not) carry `tag`.
    pub fn uses_of_tag(&self, tag: &str) -> usize {
        let key = tag.trim().to_lowercase();
        self.all_per_tag.get(&key).copied().unwrap_or(0)
    }

    /// The section heading shown above turn `i`, if one starts there.
    pub fn section_at(&self, i: usize) -> Option<usize> {
        self.sections.get(&i).copied()
    }

    /// The turn that answers question `i`.
    pub fn answer_to(&self, i: usize) -> Option<usize> {
        self.answer.get(i).copied().flatten()
    }
}
