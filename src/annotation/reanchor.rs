//! Re-anchoring: finding each annotation again after its transcript changed (a certified copy
//! replacing the rough draft, a re-export with other line breaks, pages inserted, a corrected
//! word, a deleted passage).
//!
//! A wrong move is worse than an orphan: an annotation attached to a lookalike passage carries
//! someone's note to words that were never said there. So every candidate is scored on the
//! quote *and* on the text around it; exact matches need their context to agree unless the quote
//! is long enough to be unmistakable; fuzzy matches below a floor are rejected outright, and
//! middling ones wait for the user ([`Placement::Review`]). A short quote whose passage is gone
//! ("Yes, sir.") is orphaned, never moved to another "Yes, sir.".

use super::anchor::Anchor;
use crate::text::squeeze;
use crate::transcript::Transcript;
use serde::{Deserialize, Serialize};

/// Where an annotation stands after the transcript was last checked against it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// At its place.
    #[default]
    Anchored,
    /// The exact words were found at another place (pages inserted, lines rewrapped).
    Moved,
    /// Found with small edits; `old_quote` is what was annotated.
    Changed { old_quote: String },
    /// A candidate was found but is not certain enough to move to without the user.
    /// `similarity` is in percent.
    Review {
        candidate: Box<Anchor>,
        similarity: u8,
    },
    /// Not found. The annotation keeps its quote and note, and can be re-attached by hand.
    Orphaned,
}

impl Placement {
    pub fn name(&self) -> &'static str {
        match self {
            Placement::Anchored => "anchored",
            Placement::Moved => "moved",
            Placement::Changed { .. } => "changed",
            Placement::Review { .. } => "review",
            Placement::Orphaned => "orphaned",
        }
    }

    /// Whether the anchor points at the annotated words in the current transcript.
    pub fn is_placed(&self) -> bool {
        matches!(
            self,
            Placement::Anchored | Placement::Moved | Placement::Changed { .. }
        )
    }
}

/// The result of re-anchoring one annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub placement: Placement,
    /// The anchor to use from now on (the old one when orphaned or in review).
    pub anchor: Anchor,
}

/// Minimum similarity of the text around a candidate for an exact match to be accepted.
const CONTEXT_FLOOR: f64 = 0.5;
/// Quotes at least this long (in characters) are unmistakable when they occur once.
const DISTINCTIVE_CHARS: usize = 40;
/// A fuzzy candidate at or above this similarity moves the annotation ("changed").
const CHANGED_FLOOR: f64 = 0.85;
/// With surroundings at least [`SAME_CONTEXT`] alike, this similarity is enough to move.
const CHANGED_FLOOR_IN_SAME_CONTEXT: f64 = 0.75;
const SAME_CONTEXT: f64 = 0.9;
/// Between this and [`CHANGED_FLOOR`], the candidate waits for review; below, it is rejected.
const REVIEW_FLOOR: f64 = 0.6;

/// Similarity of two short context strings, compared from the side that touches the quote.
fn context_similarity(old: &str, new: &str, before: bool) -> f64 {
    let (old, new) = (squeeze(old), squeeze(new));
    if old.is_empty() && new.is_empty() {
        return 1.0;
    }
    if old.is_empty() || new.is_empty() {
        return 0.0;
    }
    let n = old.chars().count().min(new.chars().count());
    let take = |s: &str| -> String {
        let c: Vec<char> = s.chars().collect();
        if before {
            c[c.len() - n..].iter().collect()
        } else {
            c[..n].iter().collect()
        }
    };
    strsim::normalized_levenshtein(&take(&old), &take(&new))
}

/// How well the text around a candidate agrees with the old anchor's context (0..=1).
fn context_score(old: &Anchor, new: &Anchor) -> f64 {
    let p = context_similarity(&old.prefix, &new.prefix, true);
    let s = context_similarity(&old.suffix, &new.suffix, false);
    (p + s) / 2.0
}

/// Whether the anchor was made on whole turns ([`Anchor::for_turns`]) rather than on words
/// inside one ([`Anchor::for_span`]), which decides what its context means: the neighbouring
/// turns' text, or the text around the words in the same turn.
///
/// The anchor does not say, so it is read off the anchor: a range of turns is whole; a span
/// starting past a turn's first byte is not; a span at the start of a turn has nothing before
/// it in that turn, while a whole turn after the first has the previous turn's words as its
/// prefix. On the first turn, a span's suffix is the rest of its turn, which begins with the
/// space or punctuation the span was trimmed at, never a new turn's first word.
fn whole_turns(a: &Anchor) -> bool {
    if a.end_turn > a.start_turn {
        return true;
    }
    if a.start_offset != 0 || a.quote.contains('\n') {
        return false;
    }
    if a.start_turn > 0 {
        return !a.prefix.is_empty();
    }
    !a.suffix.is_empty()
        && !a
            .suffix
            .starts_with(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
}

/// Every place the old quote occurs exactly (whitespace-insensitive), as new anchors.
fn exact_candidates(old: &Anchor, t: &Transcript, whole: bool) -> Vec<Anchor> {
    let mut out = Vec::new();
    if whole {
        let lines: Vec<String> = old.quote.lines().map(squeeze).collect();
        let n = lines.len();
        if n == 0 || n > t.turns.len() {
            return out;
        }
        for first in 0..=t.turns.len() - n {
            if (0..n).all(|k| squeeze(&t.turns[first + k].text) == lines[k])
                && let Ok(a) = Anchor::for_turns(t, first, first + n - 1)
            {
                out.push(a);
            }
        }
    } else {
        let q = squeeze(&old.quote);
        if q.is_empty() {
            return out;
        }
        for (i, turn) in t.turns.iter().enumerate() {
            // Turn text is already whitespace-normalised by the importer.
            let mut from = 0;
            while let Some(k) = turn.text[from..].find(&q) {
                let start = from + k;
                if let Ok(a) = Anchor::for_span(t, i, start..start + q.len()) {
                    out.push(a);
                }
                from = start + q.len().max(1);
                while from < turn.text.len() && !turn.text.is_char_boundary(from) {
                    from += 1;
                }
                if from >= turn.text.len() {
                    break;
                }
            }
        }
    }
    out
}

/// Finds `old` again in `t`.
pub fn reanchor(old: &Anchor, t: &Transcript) -> Resolution {
    reanchor_near(old, t, old.start_turn)
}

/// Finds `old` again in `t`, expecting it near turn `expected` (where the annotations before
/// it moved to). Among exact candidates whose surroundings agree equally well (the same
/// passage repeated: a read-back, a duplicated page), the one clearly nearest the expected
/// place wins; if two are about as near, none does.
pub fn reanchor_near(old: &Anchor, t: &Transcript, expected: usize) -> Resolution {
    let keep = |placement| Resolution {
        placement,
        anchor: old.clone(),
    };
    if old.quote.trim().is_empty() || t.turns.is_empty() {
        return keep(Placement::Orphaned);
    }
    let whole = whole_turns(old);
    let n_turns = t.turns.len() as f64;
    let position =
        |a: &Anchor| 1.0 - ((a.start_turn as f64 - expected as f64).abs() / n_turns).min(1.0);
    let exact = exact_candidates(old, t, whole);
    let scored: Vec<(f64, f64, &Anchor)> = exact
        .iter()
        .map(|a| (context_score(old, a), position(a), a))
        .collect();
    // The best by context, then by nearness to the old place.
    let best = scored
        .iter()
        .max_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
    if let Some(&(ctx, _, a)) = best {
        let unique_and_distinctive =
            exact.len() == 1 && old.quote.chars().count() >= DISTINCTIVE_CHARS;
        // Distances from the expected place of the candidates as good as the best.
        let mut tied: Vec<usize> = scored
            .iter()
            .filter(|s| (s.0 - ctx).abs() < 1e-9)
            .map(|s| s.2.start_turn.abs_diff(expected))
            .collect();
        tied.sort_unstable();
        // The best is the nearest of them; with rivals it must be under half as far as the next.
        let nearest_by_far = match tied[..] {
            [_] => true,
            [d, next, ..] => d.saturating_mul(2) < next,
            [] => false,
        };
        if (ctx >= CONTEXT_FLOOR && nearest_by_far) || unique_and_distinctive {
            let same_place = a.start_turn == old.start_turn
                && a.start_offset == old.start_offset
                && a.start == old.start
                && a.end == old.end;
            return Resolution {
                placement: if same_place {
                    Placement::Anchored
                } else {
                    Placement::Moved
                },
                anchor: a.clone(),
            };
        }
    }
    // The same words with the same surroundings at several places, none clearly the one:
    // the user chooses (a fuzzy match elsewhere would only be a worse guess).
    if let Some(&(ctx, _, a)) = best
        && ctx >= CONTEXT_FLOOR
    {
        return keep(Placement::Review {
            candidate: Box::new(a.clone()),
            similarity: 100,
        });
    }
    // Fuzzy: the most similar passage, with its context.
    let Some((candidate, similarity)) = fuzzy_candidate(old, t, whole) else {
        return keep(Placement::Orphaned);
    };
    let ctx = context_score(old, &candidate);
    let short = old.quote.split_whitespace().count() < 4;
    // Identical surroundings vouch for the place, so the quote itself may differ more.
    let changed = (similarity >= CHANGED_FLOOR && ctx >= CONTEXT_FLOOR)
        || (similarity >= CHANGED_FLOOR_IN_SAME_CONTEXT && ctx >= SAME_CONTEXT);
    if changed && !short {
        Resolution {
            placement: Placement::Changed {
                old_quote: old.quote.clone(),
            },
            anchor: candidate,
        }
    } else if similarity >= REVIEW_FLOOR && !short && (ctx >= 0.3 || similarity >= CHANGED_FLOOR) {
        keep(Placement::Review {
            similarity: (similarity * 100.0).round().clamp(0.0, 100.0) as u8,
            candidate: Box::new(candidate),
        })
    } else {
        keep(Placement::Orphaned)
    }
}

/// The passage most like the old quote, and its similarity.
fn fuzzy_candidate(old: &Anchor, t: &Transcript, whole: bool) -> Option<(Anchor, f64)> {
    if whole {
        let n = old.end_turn - old.start_turn + 1;
        let target = squeeze(&old.quote.replace('\n', " "));
        let mut best: Option<(usize, f64)> = None;
        for first in 0..t.turns.len().saturating_sub(n - 1) {
            let joined = squeeze(
                &(first..first + n)
                    .map(|k| t.turns[k].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let len_ratio = joined.len().min(target.len()) as f64
                / joined.len().max(target.len()).max(1) as f64;
            if len_ratio < REVIEW_FLOOR {
                continue;
            }
            let s = similarity(&target, &joined);
            if best.is_none_or(|b| s > b.1) {
                best = Some((first, s));
            }
        }
        let (first, s) = best?;
        Anchor::for_turns(t, first, first + n - 1)
            .ok()
            .map(|a| (a, s))
    } else {
        let v = crate::quote::verify(t, &old.quote);
        let c = v.closest?;
        let p = &c.passage;
        let text = &t.turns.get(p.turn)?.text;
        let span = trim_like(&old.quote, text, p.start_offset..p.end_offset);
        let a = Anchor::for_span(t, p.turn, span).ok()?;
        // Verify scores shared words; one corrected word in a five-word quote costs a fifth
        // of them, though only a few letters changed. Take the kinder of the two measures.
        let chars = similarity(&squeeze(&old.quote), &squeeze(&a.quote));
        Some((a, c.similarity.max(chars)))
    }
}

/// `span` of `text` without the punctuation at either end that `quote` does not have there
/// (the closest passage runs to the end of a sentence; the annotation may have stopped short).
fn trim_like(quote: &str, text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let quote = quote.trim();
    let Some(found) = text.get(span.clone()) else {
        return span;
    };
    let is_punct = |c: char| c.is_ascii_punctuation() || "“”‘’…—–".contains(c);
    let mut kept = found;
    if quote.chars().next_back().is_some_and(|c| !is_punct(c)) {
        kept = kept.trim_end_matches(is_punct);
    }
    let before = kept.len();
    if quote.chars().next().is_some_and(|c| !is_punct(c)) {
        kept = kept.trim_start_matches(is_punct);
    }
    if kept.trim().is_empty() {
        return span;
    }
    let start = span.start + (before - kept.len());
    start..start + kept.len()
}

/// Character-level similarity for texts of modest length, word-level beyond.
fn similarity(a: &str, b: &str) -> f64 {
    if a.len() + b.len() <= 4000 {
        strsim::normalized_levenshtein(a, b)
    } else {
        let wa: std::collections::BTreeSet<&str> = a.split_whitespace().collect();
        let wb: std::collections::BTreeSet<&str> = b.split_whitespace().collect();
        let inter = wa.intersection(&wb).count() as f64;
        let union = wa.union(&wb).count().max(1) as f64;
        inter / union
    }
}

/// Whether an anchor still sits exactly where it says, with the same surroundings and
/// page:line: the fast path that needs no search.
pub fn still_in_place(old: &Anchor, t: &Transcript) -> bool {
    let fresh = if whole_turns(old) {
        Anchor::for_turns(t, old.start_turn, old.end_turn)
    } else {
        Anchor::for_span(
            t,
            old.start_turn,
            old.start_offset..old.start_offset + old.quote.len(),
        )
    };
    fresh.is_ok_and(|a| a == *old)
}

/// How many annotations ended in each placement after [`reanchor_all`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub anchored: usize,
    pub moved: usize,
    pub changed: usize,
    pub review: usize,
    pub orphaned: usize,
}

impl Summary {
    fn count(&mut self, p: &Placement) {
        match p {
            Placement::Anchored => self.anchored += 1,
            Placement::Moved => self.moved += 1,
            Placement::Changed { .. } => self.changed += 1,
            Placement::Review { .. } => self.review += 1,
            Placement::Orphaned => self.orphaned += 1,
        }
    }

    /// Annotations that need the user: candidates to confirm and orphans to re-attach.
    pub fn needs_attention(&self) -> usize {
        self.review + self.orphaned
    }

    /// One line for a status bar or a CLI warning.
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("{} in place", self.anchored)];
        for (n, what) in [
            (self.moved, "moved"),
            (self.changed, "found with edits"),
            (self.review, "to review"),
            (self.orphaned, "orphaned"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.join(", ")
    }
}

/// Finds every annotation again in a transcript that changed since they were placed, and
/// records each one's [`Placement`]. Annotations are never removed: an orphan keeps its old
/// anchor, quote and note. An annotation that is still exactly in place keeps the placement
/// it had (so "changed" stays visible after later, unrelated edits), unless it was waiting for
/// review or orphaned, in which case its words are back and it is anchored again.
///
/// Annotations are taken in their old order, and each is first looked for where the ones
/// before it went (an insertion or deletion shifts everything after it by the same number of
/// turns): there, the same words with the same surroundings settle it at once. Only the
/// annotations near an edit need a search of the whole transcript.
pub fn reanchor_all(annotations: &mut [super::Annotation], t: &Transcript) -> Summary {
    let mut summary = Summary::default();
    let mut order: Vec<usize> = (0..annotations.len()).collect();
    order.sort_by_key(|&i| {
        let a = &annotations[i].anchor;
        (a.start_turn, a.start_offset, a.end_turn)
    });
    // How far the annotations just handled moved, in turns.
    let mut shift: isize = 0;
    for i in order {
        let a = &mut annotations[i];
        let old_start = a.anchor.start_turn as isize;
        if still_in_place(&a.anchor, t) {
            if !a.placement.is_placed() {
                a.placement = Placement::Anchored;
            }
            shift = 0;
        } else if let Some(found) = same_surroundings_at(&a.anchor, t, old_start + shift) {
            shift = found.start_turn as isize - old_start;
            a.anchor = found;
            a.placement = Placement::Moved;
        } else {
            let expected = usize::try_from(old_start + shift).unwrap_or(0);
            let r = reanchor_near(&a.anchor, t, expected);
            if r.placement.is_placed() {
                shift = r.anchor.start_turn as isize - old_start;
            }
            a.anchor = r.anchor;
            a.placement = r.placement;
        }
        summary.count(&a.placement);
    }
    summary
}

/// The anchor for `old`'s words at turn `turn`, if they are there with exactly the same text
/// around them (whitespace aside).
fn same_surroundings_at(old: &Anchor, t: &Transcript, turn: isize) -> Option<Anchor> {
    let turn = usize::try_from(turn).ok()?;
    let same = |a: &Anchor| {
        squeeze(&a.quote) == squeeze(&old.quote)
            && squeeze(&a.prefix) == squeeze(&old.prefix)
            && squeeze(&a.suffix) == squeeze(&old.suffix)
    };
    if whole_turns(old) {
        let a = Anchor::for_turns(t, turn, turn + (old.end_turn - old.start_turn)).ok()?;
        return same(&a).then_some(a);
    }
    let text = &t.turns.get(turn)?.text;
    let q = squeeze(&old.quote);
    text.match_indices(q.as_str())
        .filter_map(|(k, m)| Anchor::for_span(t, turn, k..k + m.len()).ok())
        .find(same)
}

/// Moves dismissed suggestions to the answer with the same words nearest their old turn; a
/// dismissal whose answer is gone stays as it was (it only hides a suggestion).
pub fn relocate_dismissals(dismissed: &mut [super::Dismissal], t: &Transcript) {
    for d in dismissed.iter_mut() {
        if t.turns.get(d.turn).is_some_and(|x| x.text == d.answer) {
            continue;
        }
        let nearest = t
            .turns
            .iter()
            .enumerate()
            .filter(|(_, x)| x.text == d.answer)
            .min_by_key(|(i, _)| i.abs_diff(d.turn));
        if let Some((i, _)) = nearest {
            d.turn = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_lose_punctuation_the_quote_did_not_have() {
        let text = "so the claim is broader. Yes.";
        assert_eq!(trim_like("the claim is broader", text, 3..24), 3..23);
        assert_eq!(trim_like("the claim is broader.", text, 3..24), 3..24);
        assert_eq!(trim_like("claim", "“claim”", 0..11), 3..8);
        assert_eq!(trim_like("x", "...", 0..3), 0..3);
    }

    #[test]
    fn whole_turn_anchors_are_told_from_spans_at_a_turn_start() {
        let loc = crate::transcript::Loc {
            page: None,
            line: 1,
        };
        let anchor = |start_turn, end_turn, prefix: &str, suffix: &str| Anchor {
            start_turn,
            end_turn,
            quote: "Yes. And also about".into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
            start_offset: 0,
            start: loc,
            end: loc,
        };
        // A whole turn: the previous turn's end before it, the next turn's start after it.
        assert!(whole_turns(&anchor(3, 3, "did you not?", "Q. And then?")));
        assert!(whole_turns(&anchor(0, 0, "", "And then?")));
        assert!(whole_turns(&anchor(2, 3, "", "")));
        // Words at the start of a turn: nothing before them in it.
        assert!(!whole_turns(&anchor(3, 3, "", " -- you also went")));
        assert!(!whole_turns(&anchor(3, 3, "", "")));
        assert!(!whole_turns(&anchor(0, 0, "", ", and more")));
        assert!(!whole_turns(&anchor(0, 0, "", "")));
    }

    #[test]
    fn context_compares_from_the_quote_side() {
        assert!(context_similarity("so that is a yes. ", "that is a yes.", true) > 0.9);
        assert!(context_similarity(" and more", " and more words", false) > 0.9);
        assert_eq!(context_similarity("", "", true), 1.0);
    }
}
