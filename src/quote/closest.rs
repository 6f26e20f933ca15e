//! The passage most like a quote that is not verbatim: turns ranked by the quote words
//! they share, windows compared by word LCS within a budget of table cells, and, when no
//! word is shared, by spelling.

use super::diff::{NONE, QuoteWords, RecordWords, Step, align, diff, key_into, same, split_words};
use super::parse::Quote;
use super::{Closest, passage, push_note};
use crate::transcript::Transcript;
use std::collections::HashMap;
use std::ops::Range;

/// How many words a candidate window may be shorter or longer than the quote.
const WINDOW_SLACK: usize = 2;
/// Quotes longer than this that share no word with the record get no closest passage: a
/// spelling comparison of long texts that share nothing would only find noise.
const SPELLING_MAX_WORDS: usize = 12;
/// Likewise for letters: a quote of a few enormous "words" is not a misspelling.
const SPELLING_MAX_CHARS: usize = 300;
/// Longer quotes get no closest passage: the word alignment is quadratic in the quote's
/// length (a 100 KB quote would need gigabytes), and a quote this long that is not verbatim
/// is better checked in parts.
const CLOSEST_MAX_WORDS: usize = 1_000;
/// How many cells of word-alignment tables the search for the closest passage may fill (a
/// fraction of a second in a release build). A long quote against a long turn that repeats
/// its words could otherwise take hours; when the budget runs out, the closest passage found
/// so far is given, with a note.
const CLOSEST_MAX_CELLS: usize = 100_000_000;
/// A record word must be this much like a quote word, letter by letter, to seed a window in
/// the spelling comparison.
const SPELLING_ANCHOR: f64 = 0.5;
const EPS: f64 = 1e-9;

/// The best window found so far.
#[derive(Debug, Clone, Copy)]
struct Best {
    similarity: f64,
    turn: usize,
    start: usize,
    len: usize,
}

/// Whether a window is better than the best so far: more similar, then earlier.
fn better(sim: f64, turn: usize, start: usize, best: Option<&Best>) -> bool {
    match best {
        None => sim > EPS,
        Some(b) => {
            sim > b.similarity + EPS
                || (sim > b.similarity - EPS && (turn, start) < (b.turn, b.start))
        }
    }
}

/// The shortest and longest window for a quote of `n` words: the quote's length give or
/// take [`WINDOW_SLACK`]; longer when the quote omits words, since the record then has
/// them.
fn window_bounds(n: usize, gaps: bool) -> (usize, usize) {
    let lo = n.saturating_sub(WINDOW_SLACK).max(1);
    let hi = if gaps {
        (n + WINDOW_SLACK).max(3 * n)
    } else {
        n + WINDOW_SLACK
    };
    (lo, hi)
}

/// Finds the passage most like the quote. Turns are ranked by how many of the quote's words
/// they contain, which bounds the similarity any window of theirs can reach; turns are
/// examined best bound first and the search stops when no remaining bound can beat the best
/// window. Within a turn, windows start only where a quote word stands (a window starting
/// with a foreign word is never better than the one starting a word later) and one LCS table
/// serves every length from the same start.
pub(super) fn closest(t: &Transcript, q: &Quote, notes: &mut Vec<String>) -> Option<Closest> {
    let qw = QuoteWords::new(&q.body);
    let n = qw.words.len();
    if n == 0 {
        return None;
    }
    if n > CLOSEST_MAX_WORDS {
        push_note(
            notes,
            format!(
                "the quote is too long ({n} words) to look for the closest passage; the limit is \
                 {CLOSEST_MAX_WORDS} words"
            ),
        );
        return None;
    }
    let (lo, hi) = window_bounds(n, q.has_gaps());
    let mut buf = String::new();

    // Rank the turns.
    let mut ranked: Vec<(f64, usize)> = Vec::new();
    for (idx, turn) in t.turns.iter().enumerate() {
        let words = split_words(&turn.text);
        let mut shared = 0;
        for w in &words {
            key_into(&mut buf, &turn.text[w.start..w.end], true);
            if qw.lower.contains_key(buf.as_str()) {
                shared += 1;
            }
        }
        if shared > 0 {
            let shortest = lo.min(words.len());
            ranked.push((ratio(shared.min(n), n, shortest), idx));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    let mut best: Option<Best> = None;
    let mut cells = CLOSEST_MAX_CELLS;
    for &(bound, idx) in &ranked {
        if best.is_some_and(|b| bound < b.similarity - EPS) {
            break;
        }
        if cells == 0 {
            break;
        }
        let r = RecordWords::of(t.turns[idx].text.as_str(), &qw, &mut buf);
        best_window(&qw, &r, idx, lo, hi, &mut best, &mut cells);
    }
    if cells == 0 {
        push_note(
            notes,
            "the record is too long to compare all of it with this quote; the closest passage \
             is the closest in the part compared"
                .to_owned(),
        );
    }

    let (best, by_spelling) = match best {
        Some(b) => (Some(b), false),
        None if n <= SPELLING_MAX_WORDS => (closest_by_spelling(t, &qw, lo, hi), true),
        None => (None, false),
    };
    let Some(b) = best else {
        push_note(
            notes,
            "no passage of the record resembles the quote".to_owned(),
        );
        return None;
    };
    if by_spelling {
        push_note(
            notes,
            "no word of the quote is in the record as written; the closest passage was found by spelling"
                .to_owned(),
        );
    }
    let turn = &t.turns[b.turn];
    let text = turn.text.as_str();
    let r = RecordWords::of(text, &qw, &mut buf);
    let mut window = b.start..b.start + b.len;
    let mut similarity = b.similarity;
    let mut steps = align(&qw.words, &r, window.clone());
    if let Some(wider) = widen(&steps, &window, r.words.len()) {
        steps = align(&qw.words, &r, wider.clone());
        let common = steps.iter().filter(|s| matches!(s, Step::Same(_))).count();
        similarity = ratio(common, n, wider.len());
        window = wider;
    }
    let diff = diff(&qw.words, &r, &steps);
    let start = r.words[window.start].start;
    let end = r.words[window.end - 1].end;
    Some(Closest {
        passage: passage(t, b.turn, turn, start, end),
        similarity,
        diff,
    })
}

/// The most similar window leaves out record words that stand where the quote's unmatched
/// first or last words are ("... companies (do this)" against "... companies [do that]."):
/// the reporter needs to see what the record says there, so the window takes in as many
/// record words on that side as the quote has unmatched ones. `None` when it need not grow.
fn widen(steps: &[Step], window: &Range<usize>, turn_words: usize) -> Option<Range<usize>> {
    if !steps.iter().any(|s| matches!(s, Step::Same(_))) {
        return None;
    }
    let unmatched = |edge: &mut dyn Iterator<Item = &Step>| {
        let (mut extra, mut missing) = (0usize, 0usize);
        for s in edge.take_while(|s| !matches!(s, Step::Same(_))) {
            match s {
                Step::Extra(_) => extra += 1,
                _ => missing += 1,
            }
        }
        extra.saturating_sub(missing)
    };
    let left = unmatched(&mut steps.iter()).min(window.start);
    let right = unmatched(&mut steps.iter().rev()).min(turn_words - window.end);
    (left + right > 0).then(|| window.start - left..window.end + right)
}

/// `2·common / (a + b)`.
fn ratio(common: usize, a: usize, b: usize) -> f64 {
    if a + b == 0 {
        0.0
    } else {
        2.0 * common as f64 / (a + b) as f64
    }
}

/// Examines every window of one turn and updates `best`, filling at most `cells` table
/// cells (the count is decreased; it is 0 when the turn could not be examined to its end).
fn best_window(
    qw: &QuoteWords,
    r: &RecordWords,
    idx: usize,
    lo: usize,
    hi: usize,
    best: &mut Option<Best>,
    cells: &mut usize,
) {
    let n = qw.words.len();
    let m = r.words.len();
    if m == 0 {
        return;
    }
    let lo = lo.min(m);
    let hi = hi.min(m);
    let mut shared_before = Vec::with_capacity(m + 1);
    shared_before.push(0usize);
    for &l in &r.lower {
        let last = shared_before.last().copied().unwrap_or(0);
        shared_before.push(last + usize::from(l != NONE));
    }
    let mut prev = vec![0u32; hi + 1];
    let mut cur = vec![0u32; hi + 1];
    for s in 0..=(m - lo) {
        // A window starting with a word the quote lacks is never better than the one a word
        // shorter or a word later, except the last shortest one, which can do neither.
        if r.lower[s] == NONE && s + lo < m {
            continue;
        }
        let w = hi.min(m - s);
        let shared = shared_before[s + w] - shared_before[s];
        let bound = ratio(shared.min(n), n, lo);
        if shared == 0 || best.as_ref().is_some_and(|b| bound < b.similarity - EPS) {
            continue;
        }
        let Some(left) = cells.checked_sub(n * w) else {
            *cells = 0;
            return;
        };
        *cells = left;
        // LCS of the quote against record words s..s+w; the last row gives every length.
        prev[..=w].fill(0);
        for q in &qw.words {
            cur[0] = 0;
            for j in 1..=w {
                cur[j] = if same(q, r, s + j - 1) {
                    prev[j - 1] + 1
                } else {
                    prev[j].max(cur[j - 1])
                };
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        for (len, &common) in prev.iter().enumerate().take(w + 1).skip(lo) {
            let sim = ratio(common as usize, n, len);
            if better(sim, idx, s, best.as_ref()) {
                *best = Some(Best {
                    similarity: sim,
                    turn: idx,
                    start: s,
                    len,
                });
            }
        }
    }
}

/// The near-miss search when the quote shares no word with the record ("partially" against
/// "Partly."): windows around record words spelt like a quote word, compared letter by
/// letter.
fn closest_by_spelling(t: &Transcript, qw: &QuoteWords, lo: usize, hi: usize) -> Option<Best> {
    let mut buf = String::new();
    let quote_lower: Vec<Vec<char>> = qw
        .words
        .iter()
        .map(|w| {
            key_into(&mut buf, &w.text, true);
            buf.chars().collect()
        })
        .collect();
    let quote_chars = join_chars(quote_lower.iter().map(Vec::as_slice));
    if quote_chars.len() > SPELLING_MAX_CHARS {
        return None;
    }
    // Whether a record word (lower-cased) is spelt like a quote word, by word: a transcript
    // repeats its words, so each is compared once.
    let mut anchor: HashMap<String, bool> = HashMap::new();
    let mut best: Option<Best> = None;
    for (idx, turn) in t.turns.iter().enumerate() {
        let words = split_words(&turn.text);
        let mut anchors = Vec::new();
        for (p, w) in words.iter().enumerate() {
            key_into(&mut buf, &turn.text[w.start..w.end], true);
            let is_anchor = match anchor.get(buf.as_str()) {
                Some(&a) => a,
                None => {
                    let chars: Vec<char> = buf.chars().collect();
                    // Words more than three times as long as each other cannot be half alike.
                    let a = quote_lower.iter().any(|q| {
                        q.len().max(chars.len()) <= 3 * q.len().min(chars.len())
                            && char_ratio(q, &chars) >= SPELLING_ANCHOR
                    });
                    anchor.insert(buf.clone(), a);
                    a
                }
            };
            if is_anchor {
                anchors.push(p);
            }
        }
        if anchors.is_empty() {
            continue;
        }
        let lower: Vec<Vec<char>> = words
            .iter()
            .map(|w| {
                key_into(&mut buf, &turn.text[w.start..w.end], true);
                buf.chars().collect()
            })
            .collect();
        let m = words.len();
        let (lo, hi) = (lo.min(m), hi.min(m));
        let mut seen = std::collections::HashSet::new();
        for p in anchors {
            for len in lo..=hi {
                let first = (p + 1).saturating_sub(len);
                for s in first..=p.min(m - len) {
                    if !seen.insert((s, len)) {
                        continue;
                    }
                    // A window three times as long as the quote is not even half like it.
                    let chars = lower[s..s + len].iter().map(Vec::len).sum::<usize>() + len - 1;
                    if chars > 3 * quote_chars.len() {
                        continue;
                    }
                    let window = join_chars(lower[s..s + len].iter().map(Vec::as_slice));
                    let sim = char_ratio(&quote_chars, &window);
                    if better(sim, idx, s, best.as_ref()) {
                        best = Some(Best {
                            similarity: sim,
                            turn: idx,
                            start: s,
                            len,
                        });
                    }
                }
            }
        }
    }
    best
}

fn join_chars<'a>(words: impl Iterator<Item = &'a [char]>) -> Vec<char> {
    let mut out = Vec::new();
    for (i, w) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.extend_from_slice(w);
    }
    out
}

/// `2·LCS / (|a| + |b|)` over characters.
fn char_ratio(a: &[char], b: &[char]) -> f64 {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    ratio(prev[b.len()], a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use crate::quote::tests::{chinese, closest_of, extra, has_note, missing, same, scotus, seed};
    use crate::quote::verify;
    use crate::transcript::Loc;

    #[test]
    fn case_counts_except_at_the_start() {
        let t = seed();
        let v = verify(&t, "It means to use one ai model");
        let c = closest_of(&v);
        assert_eq!(c.passage.turn, 1);
        assert!(c.diff.contains(&missing("AI")), "{:?}", c.diff);
        assert!(c.diff.contains(&extra("ai")), "{:?}", c.diff);
        // The start may change case, in both directions.
        assert!(verify(&t, "partly").verbatim);
        assert!(verify(&t, "Generally all the AI companies").verbatim);
        assert!(verify(&t, "generally all the AI companies").verbatim);
    }

    #[test]
    fn a_retyped_copy_with_parentheses_is_not_verbatim_and_the_diff_shows_why() {
        let t = seed();
        let v = verify(&t, "Generally all AI companies (do this)");
        let c = closest_of(&v);
        assert_eq!(c.passage.turn, 3);
        assert_eq!(c.passage.speaker, "Musk");
        assert_eq!(c.passage.text, "Generally all the AI companies [do that].");
        assert_eq!(
            c.diff,
            vec![
                same("Generally all"),
                missing("the"),
                same("AI companies"),
                missing("[do that]."),
                extra("(do this)"),
            ]
        );
        assert!(c.similarity > 0.5 && c.similarity < 1.0, "{}", c.similarity);
    }

    #[test]
    fn partially_is_not_partly() {
        let t = seed();
        let v = verify(&t, "partially");
        let c = closest_of(&v);
        assert_eq!(c.passage.text, "Partly.");
        assert_eq!(c.passage.speaker, "Musk");
        assert_eq!(c.passage.start, Loc::new(None, 6));
        assert!(c.similarity > 0.5 && c.similarity < 1.0, "{}", c.similarity);
        assert_eq!(c.diff, vec![missing("Partly."), extra("partially")]);
        assert!(has_note(&v, "by spelling"), "{:?}", v.notes);
    }

    #[test]
    fn a_changed_word_gives_the_closest_passage_and_the_change() {
        let t = seed();
        let v = verify(
            &t,
            "It is common practice to use other AIs to validate your AI.",
        );
        let c = closest_of(&v);
        assert_eq!(c.passage.turn, 7);
        assert_eq!(c.passage.speaker, "Musk");
        assert_eq!(c.passage.start, Loc::new(None, 9));
        assert!(c.similarity > 0.7 && c.similarity < 1.0, "{}", c.similarity);
        assert_eq!(
            c.diff,
            vec![
                same("It is"),
                missing("standard"),
                extra("common"),
                same("practice to use other AIs to validate your AI."),
            ]
        );
    }

    #[test]
    fn a_near_miss_in_a_supreme_court_argument() {
        let t = scotus();
        let v = verify(
            &t,
            "a principle that ousters of jurisdiction are narrowly construed",
        );
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].start, Loc::new(Some(18), 25));
        assert_eq!(v.matches[0].end, Loc::new(Some(19), 1));

        let started = std::time::Instant::now();
        let v = verify(
            &t,
            "I thought we had a principle that ousters of jurisdiction are narrowly construed",
        );
        eprintln!(
            "near miss over {} turns: {:?}",
            t.turns.len(),
            started.elapsed()
        );
        let c = closest_of(&v);
        assert!(
            c.passage.speaker.contains("SCALIA"),
            "{}",
            c.passage.speaker
        );
        assert!(c.similarity > 0.8, "{}", c.similarity);
        assert!(c.diff.contains(&missing("that")), "{:?}", c.diff);
        assert!(
            c.diff.contains(&missing("a --")) || c.diff.contains(&missing("-- a")),
            "{:?}",
            c.diff
        );
        // The quote's last word lacks the record's semicolon: the passage takes it in.
        assert!(c.passage.text.ends_with("construed;"), "{}", c.passage.text);
        assert_eq!(
            &c.diff[c.diff.len() - 2..],
            &[missing("construed;"), extra("construed")]
        );
    }

    #[test]
    fn a_chinese_near_miss_is_diffed_character_by_character() {
        let t = chinese();
        let v = verify(&t, "一般来说，所有的AI公司都这样做。");
        let c = closest_of(&v);
        assert_eq!(c.passage.turn, 3);
        assert_eq!(c.passage.text, "一般来说，所有AI公司都这样做。");
        assert!(c.similarity > 0.9 && c.similarity < 1.0, "{}", c.similarity);
        assert_eq!(
            c.diff,
            vec![
                same("一般来说，所有"),
                extra("的"),
                same("AI公司都这样做。")
            ]
        );

        let v = verify(&t, "部分地。");
        let c = closest_of(&v);
        assert_eq!(c.passage.text, "部分是。");
        assert_eq!(
            c.diff,
            vec![same("部分"), missing("是"), extra("地"), same("。")]
        );
    }
}
