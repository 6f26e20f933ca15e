//! The words of the quote and of the record, compared by the verbatim rules, and the
//! word-level diff: a longest-common-subsequence alignment turned into runs of same,
//! missing and extra words.

use super::DiffOp;
use super::parse::ellipsis_len;
use crate::text::{is_cjk, is_cjk_punct, straighten};
use std::collections::HashMap;
use std::ops::Range;

/// An id no quote word has.
pub(super) const NONE: u32 = u32::MAX;

/// A word of a text: a run of non-space characters, or one Han character or full-width
/// punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Whether whitespace came before it, to join words back the way they were written.
    pub(super) space_before: bool,
}

pub(super) fn split_words(s: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    let mut space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || is_cjk(c) || is_cjk_punct(c) {
            if let Some((start, sp)) = current.take() {
                words.push(Word {
                    start,
                    end: i,
                    space_before: sp,
                });
                space = false;
            }
            if c.is_whitespace() {
                space = true;
            } else {
                words.push(Word {
                    start: i,
                    end: i + c.len_utf8(),
                    space_before: space,
                });
                space = false;
            }
        } else if current.is_none() {
            current = Some((i, space));
            space = false;
        }
    }
    if let Some((start, sp)) = current {
        words.push(Word {
            start,
            end: s.len(),
            space_before: sp,
        });
    }
    words
}

/// A word's comparison key: straightened quotation marks, lower-cased if asked.
pub(super) fn key_into(buf: &mut String, w: &str, lower: bool) {
    buf.clear();
    for c in w.chars().map(straighten) {
        if lower {
            buf.extend(c.to_lowercase());
        } else {
            buf.push(c);
        }
    }
}

/// A quote word for the near-miss search.
#[derive(Debug, Clone)]
pub(super) struct QWord {
    pub(super) text: String,
    pub(super) space_before: bool,
    /// Compared without case: the quote's first word and the first after an omission.
    pub(super) fold: bool,
    pub(super) exact: u32,
    pub(super) lower: u32,
}

/// The quote's words and their ids. Record words are looked up here, so a record word that
/// is no quote word costs one hash lookup and compares equal to nothing.
pub(super) struct QuoteWords {
    pub(super) words: Vec<QWord>,
    pub(super) exact: HashMap<String, u32>,
    pub(super) lower: HashMap<String, u32>,
}

impl QuoteWords {
    /// The body's words, omissions left out (they cannot be compared) but brackets kept as
    /// written: the diff should show the reporter's `[do this]` against the record.
    pub(super) fn new(body: &str) -> QuoteWords {
        let mut words = Vec::new();
        let mut exact = HashMap::new();
        let mut lower = HashMap::new();
        let mut buf = String::new();
        let mut segment_start = 0;
        let mut after_gap = false;
        let mut i = 0;
        let mut segments = Vec::new();
        while let Some(rest) = body.get(i..) {
            let Some(c) = rest.chars().next() else {
                break;
            };
            let gap = ellipsis_len(rest);
            if gap > 0 {
                segments.push((segment_start, i, after_gap));
                after_gap = true;
                i += gap;
                segment_start = i;
            } else {
                i += c.len_utf8();
            }
        }
        segments.push((segment_start, body.len(), after_gap));
        for (start, end, after_gap) in segments {
            let seg = &body[start..end];
            for (j, w) in split_words(seg).into_iter().enumerate() {
                let text = seg[w.start..w.end].to_owned();
                key_into(&mut buf, &text, false);
                let n = exact.len() as u32;
                let e = *exact.entry(buf.clone()).or_insert(n);
                key_into(&mut buf, &text, true);
                let n = lower.len() as u32;
                let l = *lower.entry(buf.clone()).or_insert(n);
                let first = j == 0 && (words.is_empty() || after_gap);
                words.push(QWord {
                    text,
                    space_before: w.space_before || (j == 0 && after_gap),
                    fold: first,
                    exact: e,
                    lower: l,
                });
            }
        }
        QuoteWords {
            words,
            exact,
            lower,
        }
    }

    /// The ids of a record text's words: (exact, lower-cased), [`NONE`] for words the quote
    /// does not have.
    pub(super) fn ids(&self, text: &str, words: &[Word], buf: &mut String) -> (Vec<u32>, Vec<u32>) {
        let mut exact = Vec::with_capacity(words.len());
        let mut lower = Vec::with_capacity(words.len());
        for w in words {
            let s = &text[w.start..w.end];
            key_into(buf, s, true);
            let l = self.lower.get(buf.as_str()).copied().unwrap_or(NONE);
            lower.push(l);
            if l == NONE {
                exact.push(NONE);
            } else {
                key_into(buf, s, false);
                exact.push(self.exact.get(buf.as_str()).copied().unwrap_or(NONE));
            }
        }
        (exact, lower)
    }
}

/// Record words with their ids, for comparing against the quote.
pub(super) struct RecordWords<'a> {
    pub(super) words: Vec<Word>,
    pub(super) exact: Vec<u32>,
    pub(super) lower: Vec<u32>,
    pub(super) text: &'a str,
}

impl<'a> RecordWords<'a> {
    /// A turn's text split into words and numbered by the quote's vocabulary `qw`.
    pub(super) fn of(text: &'a str, qw: &QuoteWords, buf: &mut String) -> Self {
        let words = split_words(text);
        let (exact, lower) = qw.ids(text, &words, buf);
        RecordWords {
            words,
            exact,
            lower,
            text,
        }
    }
}

/// Whether quote word `q` and record word `j` are the same by the verbatim rules.
pub(super) fn same(q: &QWord, r: &RecordWords, j: usize) -> bool {
    if q.fold {
        q.lower == r.lower[j]
    } else {
        q.exact == r.exact[j]
    }
}

/// One step of an alignment of the quote with record words: record word `j`, quote word `i`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Step {
    Same(usize),
    Missing(usize),
    Extra(usize),
}

/// A longest-common-subsequence alignment of the quote with record words `window`, by the
/// verbatim rules.
pub(super) fn align(quote: &[QWord], r: &RecordWords, window: Range<usize>) -> Vec<Step> {
    let n = quote.len();
    let m = window.len();
    let at = |j: usize| window.start + j;
    // lcs[i][j]: LCS of quote[i..] and record window[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if same(&quote[i], r, at(j)) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && same(&quote[i], r, at(j)) && lcs[i][j] == lcs[i + 1][j + 1] + 1 {
            steps.push(Step::Same(at(j)));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            steps.push(Step::Missing(at(j)));
            j += 1;
        } else {
            steps.push(Step::Extra(i));
            i += 1;
        }
    }
    steps
}

/// The word diff of an alignment. Within a run of differences the record's words come
/// first, then the quote's.
pub(super) fn diff(quote: &[QWord], r: &RecordWords, steps: &[Step]) -> Vec<DiffOp> {
    let record_text = |js: &[usize]| {
        join(js.iter().map(|&j| {
            let w = r.words[j];
            (&r.text[w.start..w.end], w.space_before)
        }))
    };
    let quote_text = |is: &[usize]| {
        join(
            is.iter()
                .map(|&i| (quote[i].text.as_str(), quote[i].space_before)),
        )
    };
    let mut ops = Vec::new();
    let (mut same_run, mut missing, mut extra) = (Vec::new(), Vec::new(), Vec::new());
    let flush_same = |ops: &mut Vec<DiffOp>, same_run: &mut Vec<usize>| {
        if !same_run.is_empty() {
            ops.push(DiffOp::Same(record_text(same_run)));
            same_run.clear();
        }
    };
    let flush_change = |ops: &mut Vec<DiffOp>, missing: &mut Vec<usize>, extra: &mut Vec<usize>| {
        if !missing.is_empty() {
            ops.push(DiffOp::Missing(record_text(missing)));
            missing.clear();
        }
        if !extra.is_empty() {
            ops.push(DiffOp::Extra(quote_text(extra)));
            extra.clear();
        }
    };
    for &step in steps {
        match step {
            Step::Same(j) => {
                flush_change(&mut ops, &mut missing, &mut extra);
                same_run.push(j);
            }
            Step::Missing(j) => {
                flush_same(&mut ops, &mut same_run);
                missing.push(j);
            }
            Step::Extra(i) => {
                flush_same(&mut ops, &mut same_run);
                extra.push(i);
            }
        }
    }
    flush_same(&mut ops, &mut same_run);
    flush_change(&mut ops, &mut missing, &mut extra);
    ops
}

/// Joins words with a space where the text had whitespace.
fn join<'a>(words: impl Iterator<Item = (&'a str, bool)>) -> String {
    let mut out = String::new();
    for (i, (w, space)) in words.enumerate() {
        if i > 0 && space {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_spaces_and_around_han_characters() {
        let s = "所有AI公司， all the [do that].";
        let words: Vec<(&str, bool)> = split_words(s)
            .iter()
            .map(|w| (&s[w.start..w.end], w.space_before))
            .collect();
        assert_eq!(
            words,
            vec![
                ("所", false),
                ("有", false),
                ("AI", false),
                ("公", false),
                ("司", false),
                ("，", false),
                ("all", true),
                ("the", true),
                ("[do", true),
                ("that].", true),
            ]
        );
    }
}
