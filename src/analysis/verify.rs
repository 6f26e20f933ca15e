//! Quote verification: is a quotation verbatim in the transcript, and where it is not, which
//! passage of the record comes closest and how the two differ, word by word.
//!
//! This module owns the rules for what a quotation may honestly change (typographic quotation
//! marks, whitespace, the case of its first letter, editorial `[brackets]`, omissions marked
//! `...`/`…`, and the final `.`/`,` that American style puts inside the closing quotation
//! mark) and the search for exact matches and near misses. It reads the transcript model
//! only; it must not know about the command line, the JSON layout beyond the serde derives,
//! annotations or the UI.

use crate::text::{is_cjk, is_cjk_punct, straighten};
use crate::transcript::{Loc, Transcript, Turn};
use regex::{Captures, Regex, RegexBuilder};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// A stretch of one turn's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// 0-based index into [`Transcript::turns`].
    pub turn: usize,
    /// Byte range in the turn's [`Turn::text`].
    pub start_offset: usize,
    pub end_offset: usize,
    /// The record's exact text of the passage (its quotation marks, its case), so that a
    /// reporter can copy the record rather than their own version.
    pub text: String,
    pub speaker: String,
    /// Where the passage's first and last characters sit in the source.
    pub start: Loc,
    pub end: Loc,
}

/// One step of a word diff from the quote to the record. Consecutive words of one kind are
/// joined with the spacing they had (a space between Latin words, none between Han
/// characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum DiffOp {
    /// Words both have (in the record's form).
    Same(String),
    /// Words in the record that the quote lacks or changed.
    Missing(String),
    /// Words in the quote that the record does not have there.
    Extra(String),
}

/// The passage most like a quote that is not verbatim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closest {
    pub passage: Passage,
    /// 0..=1: the share of words the two have in common, `2·common / (quote + passage)`,
    /// compared by the same rules as verbatim matching. When no word of the quote occurs in
    /// the record at all, it is the same ratio over letters (see the notes).
    pub similarity: f64,
    pub diff: Vec<DiffOp>,
}

/// The answer to "is this quote in the record?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    pub verbatim: bool,
    /// Every exact match, in transcript order.
    pub matches: Vec<Passage>,
    /// Only when there is no exact match.
    pub closest: Option<Closest>,
    /// What was normalised or read as editorial, so that a "verbatim" is never a surprise.
    pub notes: Vec<String>,
}

/// Checks a quotation against the record.
///
/// A match lies within one turn: words run together from two speakers are not anyone's
/// testimony. The quote must start and end on word boundaries (Han, kana and similar scripts
/// do not mark word boundaries, so any character boundary will do there).
///
/// Allowed differences, on both sides: straight and typographic quotation marks and
/// apostrophes; any run of whitespace; the case of the quote's first letter and of the first
/// letter after an omission; enclosing quotation marks around the whole quote. A
/// `[bracketed]` part is editorial: it matches the record's own bracketed text if the record
/// has the same, otherwise it stands for up to six words of the record, or none. An ellipsis
/// stands for any stretch of the same turn. A final `.` or `,` may be the quoting sentence's
/// own punctuation: it may be absent from the record or stand for the record's `.`, `,`, `;`
/// or `:`. A quote may of course stop before the record's punctuation. Nothing else: a
/// changed, added or dropped word or punctuation mark is not verbatim.
pub fn verify(t: &Transcript, quote: &str) -> Verification {
    let mut notes = Vec::new();
    let Some(q) = Quote::parse(quote, &mut notes) else {
        push_note(&mut notes, "the quote is empty".to_owned());
        return Verification {
            verbatim: false,
            matches: Vec::new(),
            closest: None,
            notes,
        };
    };
    let matches = match Pattern::build(&q) {
        Ok(p) => find_matches(t, &q, &p, &mut notes),
        Err(e) => {
            push_note(
                &mut notes,
                format!("the quote could not be searched for: {e}"),
            );
            Vec::new()
        }
    };
    if !matches.is_empty() {
        return Verification {
            verbatim: true,
            matches,
            closest: None,
            notes,
        };
    }
    for piece in &q.pieces {
        if let Piece::Bracket(b) = piece {
            push_note(&mut notes, format!("{b} treated as an editorial insertion"));
        }
    }
    let closest = closest(t, &q, &mut notes);
    Verification {
        verbatim: false,
        matches,
        closest,
        notes,
    }
}

/// Adds a note unless it is already there (several matches report the same thing).
fn push_note(notes: &mut Vec<String>, note: String) {
    if !notes.contains(&note) {
        notes.push(note);
    }
}

// ---------------------------------------------------------------------------------------------
// Characters

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether byte offset `i` of `text` lies between words: a quote may start or end there.
/// An apostrophe between letters (`Musk's`, `don't`) is inside a word, so "Musk" is not
/// found in "Musk's".
fn is_boundary(text: &str, i: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..i), text.get(i..)) else {
        return true;
    };
    let mut before = before.chars().rev();
    let mut after = after.chars();
    let (Some(p), Some(n)) = (before.next(), after.next()) else {
        return true;
    };
    if is_cjk(p) || is_cjk(n) {
        return true;
    }
    let apostrophe = |c: char| c == '\'' || c == '’';
    if is_word_char(p) && is_word_char(n) {
        return false;
    }
    if is_word_char(p) && apostrophe(n) {
        return !after.next().is_some_and(is_word_char);
    }
    if apostrophe(p) && is_word_char(n) {
        return !before.next().is_some_and(is_word_char);
    }
    true
}

/// The byte length of an ellipsis at the start of `s` (`...`, `…`, `. . .`), or 0.
fn ellipsis_len(s: &str) -> usize {
    if s.starts_with('…') {
        return s.len() - s.trim_start_matches('…').len();
    }
    if s.starts_with("...") {
        return s.len() - s.trim_start_matches('.').len();
    }
    // `. . .`, the legal style: a dot followed by at least two ` .`.
    let mut len = 0;
    let mut dots = 0;
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b'.') {
        len = 1;
        dots = 1;
        while bytes.get(len) == Some(&b' ') && bytes.get(len + 1) == Some(&b'.') {
            len += 2;
            dots += 1;
        }
    }
    if dots >= 3 { len } else { 0 }
}

// ---------------------------------------------------------------------------------------------
// The quote

/// A part of the quote as the matcher sees it.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Text that must be in the record as written (up to the allowed normalisation).
    Lit(String),
    /// An editorial `[...]`, brackets included.
    Bracket(String),
    /// An omission, in the form written.
    Gap(String),
}

/// A quote read into pieces.
#[derive(Debug, Clone, PartialEq)]
struct Quote {
    /// The quote without enclosing quotation marks: the near-miss search compares its words.
    body: String,
    pieces: Vec<Piece>,
    /// The final `.` or `,`, taken off the last piece because it may be the quoting
    /// sentence's own punctuation.
    tail: Option<char>,
}

impl Quote {
    /// Reads a quote; `None` when nothing is left to look for.
    fn parse(raw: &str, notes: &mut Vec<String>) -> Option<Quote> {
        let body = strip_enclosing_quotes(raw.trim(), notes).to_owned();
        if body.is_empty() {
            return None;
        }
        let mut pieces = scan(&body);
        let gaps: Vec<String> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Gap(g) => Some(g.clone()),
                _ => None,
            })
            .collect();
        for g in gaps {
            push_note(notes, format!("\"{g}\" treated as an omission"));
        }
        tidy(&mut pieces, notes);
        let has_text = |pieces: &[Piece]| {
            pieces
                .iter()
                .any(|p| matches!(p, Piece::Lit(s) if !s.trim().is_empty()))
        };
        if !has_text(&pieces) {
            // Only brackets: a wildcard alone would match anything, so read them as text.
            pieces = pieces
                .into_iter()
                .map(|p| match p {
                    Piece::Bracket(b) => Piece::Lit(b),
                    p => p,
                })
                .collect();
            tidy(&mut pieces, notes);
            if !has_text(&pieces) {
                return None;
            }
        }
        let mut tail = None;
        if let Some(Piece::Lit(last)) = pieces.last_mut()
            && let Some(c) = last.chars().last().filter(|c| matches!(c, '.' | ','))
        {
            let kept = last[..last.len() - c.len_utf8()].trim_end();
            if !kept.is_empty() {
                *last = kept.to_owned();
                tail = Some(c);
            }
        }
        Some(Quote { body, pieces, tail })
    }

    fn has_gaps(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Gap(_)))
    }
}

/// Removes one pair of quotation marks around the whole quote: people paste the quote with
/// the marks it was printed in.
fn strip_enclosing_quotes<'a>(s: &'a str, notes: &mut Vec<String>) -> &'a str {
    const PAIRS: &[(char, char)] = &[
        ('"', '"'),
        ('“', '”'),
        ('“', '"'),
        ('"', '”'),
        ('„', '“'),
        ('”', '”'),
        ('\'', '\''),
        ('‘', '’'),
        ('«', '»'),
        ('»', '«'),
        ('「', '」'),
        ('『', '』'),
    ];
    let mut chars = s.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return s;
    };
    let inner = &s[first.len_utf8()..s.len() - last.len_utf8()];
    // `"yes" and "no"` starts and ends with a mark but is not enclosed by one pair.
    let doubles = inner
        .chars()
        .filter(|c| matches!(c, '"' | '“' | '”'))
        .count();
    if PAIRS.contains(&(first, last)) && doubles % 2 == 0 {
        push_note(
            notes,
            "the enclosing quotation marks are not part of the quote".to_owned(),
        );
        return inner.trim();
    }
    s
}

/// Splits a quote into text, brackets and omissions.
fn scan(body: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while let Some(rest) = body.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        let gap = ellipsis_len(rest);
        if gap > 0 {
            pieces.push(Piece::Lit(std::mem::take(&mut lit)));
            pieces.push(Piece::Gap(rest[..gap].to_owned()));
            i += gap;
            continue;
        }
        if c == '['
            && let Some(close) = rest[1..].find(['[', ']'])
            && rest[1 + close..].starts_with(']')
        {
            let len = close + 2;
            pieces.push(Piece::Lit(std::mem::take(&mut lit)));
            pieces.push(Piece::Bracket(rest[..len].to_owned()));
            i += len;
            continue;
        }
        lit.push(c);
        i += c.len_utf8();
    }
    pieces.push(Piece::Lit(lit));
    pieces
}

/// Puts the pieces in the shape the pattern expects: no empty text, no omission at either
/// end or next to another, no whitespace around an omission, no bracket next to an
/// omission (the omission already covers whatever it replaced).
fn tidy(pieces: &mut Vec<Piece>, notes: &mut Vec<String>) {
    let blank = |p: &Piece| matches!(p, Piece::Lit(s) if s.trim().is_empty());
    // Brackets next to an omission, looking past blank text.
    let mut i = 0;
    while i < pieces.len() {
        if let Piece::Bracket(b) = &pieces[i] {
            let prev = pieces[..i].iter().rev().find(|p| !blank(p));
            let next = pieces[i + 1..].iter().find(|p| !blank(p));
            let by_gap = |p: Option<&Piece>| matches!(p, Some(Piece::Gap(_)));
            if by_gap(prev) || by_gap(next) {
                push_note(notes, format!("{b} treated as an editorial insertion"));
                pieces.remove(i);
                continue;
            }
        }
        i += 1;
    }
    // Merge neighbours of one kind.
    let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces.drain(..) {
        match (merged.last_mut(), p) {
            (Some(Piece::Lit(a)), Piece::Lit(b)) => a.push_str(&b),
            (Some(Piece::Gap(_)), Piece::Gap(_)) => {}
            (_, p) => merged.push(p),
        }
    }
    // Trim around omissions and at the ends; drop what is left empty.
    let n = merged.len();
    for i in 0..n {
        let gap_before = i == 0 || matches!(merged[i - 1], Piece::Gap(_));
        let gap_after = i + 1 == n || matches!(merged[i + 1], Piece::Gap(_));
        if let Piece::Lit(s) = &mut merged[i] {
            let mut t: &str = s;
            if gap_before {
                t = t.trim_start();
            }
            if gap_after {
                t = t.trim_end();
            }
            *s = t.to_owned();
        }
    }
    merged.retain(|p| !matches!(p, Piece::Lit(s) if s.is_empty()));
    while matches!(merged.first(), Some(Piece::Gap(_))) {
        merged.remove(0);
    }
    while matches!(merged.last(), Some(Piece::Gap(_))) {
        merged.pop();
    }
    // Dropping an edge omission may leave a blank text at the edge.
    if let Some(Piece::Lit(s)) = merged.first_mut() {
        *s = s.trim_start().to_owned();
    }
    if let Some(Piece::Lit(s)) = merged.last_mut() {
        *s = s.trim_end().to_owned();
    }
    merged.retain(|p| !matches!(p, Piece::Lit(s) if s.is_empty()));
    *pieces = merged;
}

// ---------------------------------------------------------------------------------------------
// Exact matching

/// How many record words a bracket may stand for.
const MAX_BRACKET_WORDS: usize = 6;
/// How many times the record's length the exact search may re-read after rejected matches
/// (see [`find_matches`]).
const RESCAN_FACTOR: usize = 8;
/// How many characters a bracket glued to a word (`[T]he`, `Musk['s]`) may stand for.
const MAX_GLUED_CHARS: usize = 40;

/// The quote as a regular expression over a turn's text, with a capture group per bracket
/// and omission so that a match can be checked and explained.
struct Pattern {
    re: Regex,
    /// The text of each bracket, by its group number.
    brackets: Vec<String>,
    gaps: usize,
}

impl Pattern {
    /// The expression: each text piece with its whitespace as `\s+`, quotation marks as a
    /// class of their forms and the first letter (of the quote, after an omission) in either
    /// case. Alternatives are listed in order of preference, which the regex engine honours
    /// among matches starting at the same place: a bracket matches the record's own brackets
    /// first, then as many words as it holds, then none, then up to six.
    fn build(q: &Quote) -> Result<Pattern, regex::Error> {
        // Word-boundary hints make the engine skip starts inside words; they are wrong where
        // Han characters border Latin ones, so such quotes rely on the check afterwards.
        let hints = !q.body.chars().any(|c| is_cjk(c) || is_cjk_punct(c));
        let pieces = trimmed_for_brackets(&q.pieces);
        let n = pieces.len();
        let mut re = String::new();
        let mut brackets = Vec::new();
        let mut gaps = 0;
        for (i, piece) in pieces.iter().enumerate() {
            let after_gap = i > 0 && matches!(pieces[i - 1], Piece::Gap(_));
            let before_gap = matches!(pieces.get(i + 1), Some(Piece::Gap(_)));
            match piece {
                Piece::Lit(s) => {
                    // The quote's start: its first piece, or the first after an insertion
                    // that stands at the very start ("[Elon Musk:] generally...").
                    let start = i == 0
                        || (i == 1
                            && matches!(pieces[0], Piece::Bracket(_))
                            && !glued_to_word(&q.pieces, 0));
                    let first_is_word = s.chars().next().is_some_and(is_word_char);
                    if hints && first_is_word && (i == 0 || after_gap) {
                        re.push_str(r"\b");
                    }
                    push_lit(&mut re, s, start || after_gap);
                    let last_is_word = s.chars().last().is_some_and(is_word_char);
                    if hints && last_is_word && (i + 1 == n || before_gap) {
                        re.push_str(r"\b");
                    }
                }
                Piece::Gap(_) => {
                    re.push_str(&format!("(?P<g{gaps}>(?s:.*?))"));
                    gaps += 1;
                }
                Piece::Bracket(b) => {
                    push_bracket(&mut re, brackets.len(), &q.pieces, i);
                    brackets.push(b.clone());
                }
            }
        }
        if q.tail.is_some() {
            re.push_str("(?P<tp>[.,;:])?");
        }
        let re = RegexBuilder::new(&re).size_limit(64 << 20).build()?;
        Ok(Pattern { re, brackets, gaps })
    }
}

/// Text next to a bracket that stands for whole words loses its whitespace there: the
/// bracket's alternatives carry it, so that "all [the] companies" also matches "all
/// companies" with a single space.
fn trimmed_for_brackets(pieces: &[Piece]) -> Vec<Piece> {
    let mut out = pieces.to_vec();
    for i in 0..pieces.len() {
        if !matches!(pieces[i], Piece::Bracket(_)) || glued_to_word(pieces, i) {
            continue;
        }
        if i > 0
            && let Piece::Lit(s) = &mut out[i - 1]
        {
            *s = s.trim_end().to_owned();
        }
        if let Some(Piece::Lit(s)) = out.get_mut(i + 1) {
            *s = s.trim_start().to_owned();
        }
    }
    out
}

/// The character of text piece `j` that touches piece `i` (its last if `j` comes before).
fn touching(pieces: &[Piece], i: usize, j: Option<usize>) -> Option<char> {
    let j = j?;
    let Piece::Lit(s) = pieces.get(j)? else {
        return None;
    };
    if j < i {
        s.chars().last()
    } else {
        s.chars().next()
    }
}

/// Whether the bracket at `i` touches a letter or digit (`[T]he`, `Musk['s]`): it then
/// changes part of a word rather than standing for words.
fn glued_to_word(pieces: &[Piece], i: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    word(touching(pieces, i, i.checked_sub(1))) || word(touching(pieces, i, Some(i + 1)))
}

/// Appends text as it must appear in the record.
fn push_lit(re: &mut String, s: &str, fold_first: bool) {
    let mut folding = fold_first;
    let mut in_space = false;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                re.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match straighten(c) {
            '\'' => re.push_str("['‘’‚‛]"),
            '"' => re.push_str("[\"“”„‟]"),
            c if folding && c.is_alphabetic() => {
                re.push_str("(?i:");
                re.push_str(&regex::escape(c.encode_utf8(&mut buf)));
                re.push(')');
                folding = false;
            }
            c => {
                // A letter or digit ends the quote's "start"; leading punctuation does not.
                if c.is_alphanumeric() {
                    folding = false;
                }
                re.push_str(&regex::escape(c.encode_utf8(&mut buf)));
            }
        }
    }
}

/// Appends the alternatives for the bracket at `i` of the quote's `pieces`, the `k`th
/// bracket (see [`Pattern::build`]). `pieces` are as written, with their whitespace.
fn push_bracket(re: &mut String, k: usize, pieces: &[Piece], i: usize) {
    let Some(Piece::Bracket(b)) = pieces.get(i) else {
        return;
    };
    let mut lit = String::new();
    push_lit(&mut lit, b, false);
    if glued_to_word(pieces, i) {
        re.push_str(&format!(
            r"(?:(?P<l{k}>{lit})|(?P<w{k}>\S{{0,{MAX_GLUED_CHARS}}}))"
        ));
        return;
    }
    let before = i.checked_sub(1);
    let after = Some(i + 1).filter(|&j| j < pieces.len());
    let spaced = |j| touching(pieces, i, j).is_some_and(char::is_whitespace);
    let pre = if spaced(before) { r"\s+" } else { "" };
    let post = if spaced(after) { r"\s+" } else { "" };
    let zero = if spaced(before) && spaced(after) {
        r"\s+"
    } else {
        ""
    };
    let words = b
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split_whitespace()
        .count();
    re.push_str(&format!("(?:(?P<l{k}>{pre}{lit}{post})"));
    if words > 0 {
        let more = words - 1;
        re.push_str(&format!(r"|(?P<w{k}>{pre}\S+(?:\s+\S+){{{more}}}{post})"));
    }
    re.push_str(&format!("|(?P<z{k}>{zero})"));
    // Between two pieces, any number of words up to the limit; at an edge of the quote that
    // would swallow the words before or after it.
    if before.is_some() && after.is_some() {
        let max = MAX_BRACKET_WORDS - 1;
        re.push_str(&format!(r"|(?P<r{k}>{pre}\S+(?:\s+\S+){{0,{max}}}?{post})"));
    }
    re.push(')');
}

/// Every acceptable match of the pattern in every turn.
fn find_matches(t: &Transcript, q: &Quote, p: &Pattern, notes: &mut Vec<String>) -> Vec<Passage> {
    let mut found = Vec::new();
    // A rejected match sends the search back to one character after its start, so the text
    // up to its end is searched again: on a long turn where an omission runs to a word that
    // only occurs glued to another ("I ... car" against "... car's"), every start re-reads the
    // rest of the turn. The re-reading is bounded by a multiple of the record's length.
    let record: usize = t.turns.iter().map(|x| x.text.len()).sum();
    let mut rescan = RESCAN_FACTOR * record + (1 << 20);
    // Turns not searched to their end: (the first, how many).
    let mut cut: Option<(usize, usize)> = None;
    for (idx, turn) in t.turns.iter().enumerate() {
        let text = turn.text.as_str();
        let mut pos = 0;
        while pos <= text.len() {
            let Some(caps) = p.re.captures_at(text, pos) else {
                break;
            };
            let Some(m) = caps.get(0) else {
                break;
            };
            if m.end() > m.start() && acceptable(text, &caps, p) {
                explain(&caps, q, p, notes);
                found.push(passage(t, idx, turn, m.start(), m.end()));
                pos = m.end();
            } else {
                let Some(left) = rescan.checked_sub(m.end() - pos) else {
                    cut.get_or_insert((idx, 0)).1 += 1;
                    break;
                };
                rescan = left;
                // Try again one character later: a shorter or later match may still fit.
                pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    if let Some((first, n)) = cut {
        push_note(
            notes,
            format!(
                "too many near misses: {n} turn(s), from turn {}, were not searched to the end \
                 for exact matches",
                first + 1
            ),
        );
    }
    found
}

/// The checks the expression cannot make: word boundaries at both ends and around each
/// omission, by the rules of [`is_boundary`].
fn acceptable(text: &str, caps: &Captures, p: &Pattern) -> bool {
    let Some(m) = caps.get(0) else {
        return false;
    };
    if !is_boundary(text, m.start()) || !is_boundary(text, m.end()) {
        return false;
    }
    (0..p.gaps).all(|g| {
        caps.name(&format!("g{g}"))
            .is_none_or(|g| is_boundary(text, g.start()) && is_boundary(text, g.end()))
    })
}

/// Notes on how the brackets and final punctuation of a match were read.
fn explain(caps: &Captures, q: &Quote, p: &Pattern, notes: &mut Vec<String>) {
    for (k, b) in p.brackets.iter().enumerate() {
        let stood_for = ["w", "r"]
            .iter()
            .find_map(|g| caps.name(&format!("{g}{k}")))
            .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "));
        let note = if caps.name(&format!("l{k}")).is_some() {
            format!("{b} is in the record as written")
        } else {
            match stood_for.filter(|s| !s.is_empty()) {
                Some(s) => format!("{b} treated as an editorial insertion, standing for \"{s}\""),
                None => format!("{b} treated as an editorial insertion (no words of the record)"),
            }
        };
        push_note(notes, note);
    }
    if let Some(tail) = q.tail {
        match caps.name("tp").and_then(|m| m.as_str().chars().next()) {
            Some(c) if c == tail => {}
            Some(c) => push_note(
                notes,
                format!("the quote's final \"{tail}\" stands for the record's \"{c}\""),
            ),
            None => push_note(
                notes,
                format!("the quote's final \"{tail}\" is not in the record (the sentence goes on)"),
            ),
        }
    }
}

fn passage(t: &Transcript, idx: usize, turn: &Turn, start: usize, end: usize) -> Passage {
    let text = turn.text.get(start..end).unwrap_or_default();
    // The end cite is that of the last character, not of whatever follows it.
    let last = text.char_indices().last().map_or(start, |(i, _)| start + i);
    Passage {
        turn: idx,
        start_offset: start,
        end_offset: end,
        text: text.to_owned(),
        speaker: t.speaker_name(turn).to_owned(),
        start: turn.loc_at(start),
        end: turn.loc_at(last),
    }
}

// ---------------------------------------------------------------------------------------------
// The closest passage

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
/// An id no quote word has.
const NONE: u32 = u32::MAX;
const EPS: f64 = 1e-9;

/// A word of a text: a run of non-space characters, or one Han character or full-width
/// punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Word {
    start: usize,
    end: usize,
    /// Whether whitespace came before it, to join words back the way they were written.
    space_before: bool,
}

fn split_words(s: &str) -> Vec<Word> {
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
fn key_into(buf: &mut String, w: &str, lower: bool) {
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
struct QWord {
    text: String,
    space_before: bool,
    /// Compared without case: the quote's first word and the first after an omission.
    fold: bool,
    exact: u32,
    lower: u32,
}

/// The quote's words and their ids. Record words are looked up here, so a record word that
/// is no quote word costs one hash lookup and compares equal to nothing.
struct QuoteWords {
    words: Vec<QWord>,
    exact: HashMap<String, u32>,
    lower: HashMap<String, u32>,
}

impl QuoteWords {
    /// The body's words, omissions left out (they cannot be compared) but brackets kept as
    /// written: the diff should show the reporter's `[do this]` against the record.
    fn new(body: &str) -> QuoteWords {
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
    fn ids(&self, text: &str, words: &[Word], buf: &mut String) -> (Vec<u32>, Vec<u32>) {
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
struct RecordWords<'a> {
    words: Vec<Word>,
    exact: Vec<u32>,
    lower: Vec<u32>,
    text: &'a str,
}

/// Whether quote word `q` and record word `j` are the same by the verbatim rules.
fn same(q: &QWord, r: &RecordWords, j: usize) -> bool {
    if q.fold {
        q.lower == r.lower[j]
    } else {
        q.exact == r.exact[j]
    }
}

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
fn closest(t: &Transcript, q: &Quote, notes: &mut Vec<String>) -> Option<Closest> {
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
        let text = t.turns[idx].text.as_str();
        let words = split_words(text);
        let (exact, lower) = qw.ids(text, &words, &mut buf);
        let r = RecordWords {
            words,
            exact,
            lower,
            text,
        };
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
    let words = split_words(text);
    let (exact, lower) = qw.ids(text, &words, &mut buf);
    let r = RecordWords {
        words,
        exact,
        lower,
        text,
    };
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

/// One step of an alignment of the quote with record words: record word `j`, quote word `i`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Same(usize),
    Missing(usize),
    Extra(usize),
}

/// A longest-common-subsequence alignment of the quote with record words `window`, by the
/// verbatim rules.
fn align(quote: &[QWord], r: &RecordWords, window: Range<usize>) -> Vec<Step> {
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
fn diff(quote: &[QWord], r: &RecordWords, steps: &[Step]) -> Vec<DiffOp> {
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
    use crate::transcript::parse_text;

    fn seed() -> Transcript {
        parse_text(
            include_str!("../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        )
    }

    fn chinese() -> Transcript {
        parse_text(
            include_str!("../../tests/data/seed_chinese.txt").to_owned(),
            "UTF-8",
            None,
        )
    }

    fn vocalife() -> Transcript {
        parse_text(
            include_str!(
                "../../sample_transcripts/vocalife_v_amazon_2020-10-01_li_cross_examination.txt"
            )
            .to_owned(),
            "UTF-8",
            None,
        )
    }

    fn scotus() -> Transcript {
        parse_text(
            include_str!("../../tests/data/scotus_hhs_v_florida_2012-03-26.txt").to_owned(),
            "UTF-8",
            None,
        )
    }

    /// A small `Name: text` transcript.
    fn press(text: &str) -> Transcript {
        parse_text(text.to_owned(), "UTF-8", None)
    }

    fn same(s: &str) -> DiffOp {
        DiffOp::Same(s.to_owned())
    }
    fn missing(s: &str) -> DiffOp {
        DiffOp::Missing(s.to_owned())
    }
    fn extra(s: &str) -> DiffOp {
        DiffOp::Extra(s.to_owned())
    }

    fn closest_of(v: &Verification) -> &Closest {
        assert!(!v.verbatim, "{v:#?}");
        v.closest.as_ref().expect("a closest passage")
    }

    fn has_note(v: &Verification, part: &str) -> bool {
        v.notes.iter().any(|n| n.contains(part))
    }

    // --- The seed exchange -----------------------------------------------------------------

    #[test]
    fn partly_is_verbatim_once_with_speaker_and_cite() {
        let t = seed();
        let v = verify(&t, "Partly.");
        assert!(v.verbatim);
        assert_eq!(v.matches.len(), 1);
        let m = &v.matches[0];
        assert_eq!(m.speaker, "Musk");
        assert_eq!(m.text, "Partly.");
        assert_eq!(m.turn, 5);
        assert_eq!(m.start, Loc::new(None, 6));
        assert_eq!(m.end, Loc::new(None, 6));
        assert_eq!((m.start_offset, m.end_offset), (0, "Partly.".len()));
        assert!(v.closest.is_none());
        assert!(v.notes.is_empty(), "{:?}", v.notes);
    }

    #[test]
    fn typographic_quotes_case_at_the_start_and_whitespace_are_normalised() {
        let t = seed();
        let v = verify(
            &t,
            "“It means to use one AI model to train another AI model.”",
        );
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].turn, 1);
        assert_eq!(v.matches[0].speaker, "Musk");
        assert!(has_note(&v, "enclosing quotation marks"));

        let v = verify(&t, "it means to use one  AI\n model");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "It means to use one AI model");
        assert!(v.notes.is_empty(), "{:?}", v.notes);

        // A typographic apostrophe in the quote, a straight one in the record.
        let v = verify(&t, "So that’s a yes.");
        assert!(v.verbatim);
        assert_eq!(v.matches[0].speaker, "Savitt");
        assert_eq!(v.matches[0].text, "So that's a yes.");
    }

    #[test]
    fn a_straight_apostrophe_matches_a_typographic_one_in_the_record() {
        let t = press("Savitt: Did you?\nMusk: I don’t know, “maybe” he said.\n");
        let v = verify(&t, "I don't know, \"maybe\" he said");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "I don’t know, “maybe” he said");
    }

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
    fn the_records_own_brackets_match_as_written() {
        let t = seed();
        let v = verify(&t, "Generally all the AI companies [do that].");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches.len(), 1);
        assert_eq!(
            v.matches[0].text,
            "Generally all the AI companies [do that]."
        );
        assert!(
            has_note(&v, "[do that] is in the record as written"),
            "{:?}",
            v.notes
        );
    }

    #[test]
    fn a_bracket_is_an_editorial_insertion_standing_for_record_words() {
        let t = seed();
        let v = verify(&t, "Generally all the AI companies [do this].");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].speaker, "Musk");
        assert_eq!(
            v.matches[0].text,
            "Generally all the AI companies [do that]."
        );
        assert!(
            has_note(
                &v,
                "[do this] treated as an editorial insertion, standing for \"[do that]\""
            ),
            "{:?}",
            v.notes
        );

        // A bracket replacing a word of the record ("Has [Musk's company] done that").
        let v = verify(&t, "Has [Musk's company] done that with OpenAI?");
        assert!(v.verbatim, "{v:#?}");
        assert!(has_note(&v, "standing for \"xAI\""), "{:?}", v.notes);

        // A pure insertion: no word of the record stands behind it.
        let v = verify(&t, "Generally all [of] the AI companies");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "Generally all the AI companies");
        assert!(has_note(&v, "(no words of the record)"), "{:?}", v.notes);

        // At the start of the quote: it stands for as many words as it holds, or none.
        let v = verify(&t, "[He] means to use one AI model");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "It means to use one AI model");
        assert!(has_note(&v, "standing for \"It\""), "{:?}", v.notes);
        let v = verify(&t, "[Elon Musk:] generally all the AI companies");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "Generally all the AI companies");
        assert!(has_note(&v, "(no words of the record)"), "{:?}", v.notes);
    }

    #[test]
    fn a_bracket_inside_a_word_changes_part_of_it() {
        let t = seed();
        let v = verify(&t, "[i]t means to use one AI model");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "It means to use one AI model");
        let v = verify(&t, "standard practice to use other AI[s]");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "standard practice to use other AIs");
    }

    #[test]
    fn a_bracket_may_not_stand_for_more_than_six_words() {
        let t = seed();
        // "[...]" would have to stand for "one AI model to train another AI model" (8 words).
        let v = verify(&t, "It means to use [something] to validate");
        assert!(!v.verbatim);
        // "standard practice to use other AIs to validate" is eight words.
        let v = verify(&t, "It is [x] your AI.");
        assert!(!v.verbatim, "{v:#?}");
        let v = verify(&t, "It is standard practice [x] validate your AI.");
        assert!(v.verbatim, "{v:#?}");
        assert!(
            has_note(&v, "standing for \"to use other AIs to\""),
            "{:?}",
            v.notes
        );
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
    fn an_ellipsis_is_an_omission() {
        let t = seed();
        let full = "It is standard practice to use other AIs to validate your AI.";
        for q in [
            "It is standard practice ... to validate your AI.",
            "It is standard practice … to validate your AI.",
            "It is standard practice...to validate your AI.",
            "It is standard practice… to validate your AI.",
            "It is standard practice . . . to validate your AI.",
            "“It is standard practice … to validate your AI.”",
        ] {
            let v = verify(&t, q);
            assert!(v.verbatim, "{q}: {v:#?}");
            assert_eq!(v.matches.len(), 1);
            assert_eq!(v.matches[0].text, full);
            assert!(has_note(&v, "treated as an omission"), "{:?}", v.notes);
        }
        // The case of the first letter after an omission may change too.
        assert!(verify(&t, "It is standard practice ... To validate your AI.").verbatim);
        // Leading and trailing ellipses just say the sentence went on.
        let v = verify(&t, "... standard practice to use other AIs ...");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "standard practice to use other AIs");
        // The parts must still come in order, within one turn, and be whole words.
        assert!(!verify(&t, "to validate your AI ... It is standard practice").verbatim);
        assert!(!verify(&t, "It is stand... to validate your AI.").verbatim);
        assert!(!verify(&t, "Generally all the AI companies ... Partly.").verbatim);
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
    fn a_quote_spanning_two_speakers_is_not_verbatim() {
        let t = seed();
        let v = verify(&t, "So that's a yes. Partly.");
        let c = closest_of(&v);
        assert!(c.passage.turn == 4 || c.passage.turn == 5);
        assert!(!verify(&t, "Do you know what distillation is? It means").verbatim);
    }

    #[test]
    fn an_empty_quote_is_not_verbatim_and_says_so() {
        let t = seed();
        for q in ["", "   \n\t ", "\"\"", "“ ”", "...", "…", "[]"] {
            let v = verify(&t, q);
            assert!(!v.verbatim, "{q:?}");
            assert!(v.matches.is_empty());
            assert!(v.closest.is_none(), "{q:?}: {v:#?}");
            assert!(!v.notes.is_empty(), "{q:?}");
        }
        assert!(has_note(&verify(&t, ""), "empty"));
    }

    #[test]
    fn a_quote_of_brackets_only_is_read_as_text() {
        let t = seed();
        let v = verify(&t, "[do that]");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "[do that]");
        assert!(!verify(&t, "[do this]").verbatim);
    }

    // --- Punctuation and word boundaries -------------------------------------------------------

    #[test]
    fn a_quote_may_stop_before_the_records_punctuation() {
        let t = seed();
        let v = verify(&t, "Partly");
        assert!(v.verbatim);
        assert_eq!(v.matches[0].text, "Partly");
        assert!(v.notes.is_empty());
    }

    #[test]
    fn a_final_period_or_comma_may_be_the_quoting_sentences_own() {
        let t = seed();
        let v = verify(&t, "“Partly,”");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "Partly.");
        assert!(
            has_note(&v, "final \",\" stands for the record's \".\""),
            "{:?}",
            v.notes
        );

        let v = verify(&t, "It is standard practice.");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "It is standard practice");
        assert!(has_note(&v, "is not in the record"), "{:?}", v.notes);

        // A question mark or exclamation mark is the speaker's, not the reporter's.
        assert!(!verify(&t, "Partly?").verbatim);
        assert!(!verify(&t, "Partly!").verbatim);
        assert!(!verify(&t, "So that's a yes?").verbatim);
        // Punctuation inside the quote must be as in the record.
        assert!(!verify(&t, "Generally, all the AI companies").verbatim);
        assert!(!verify(&t, "It is standard practice to use other AIs, to validate").verbatim);
    }

    #[test]
    fn quotes_start_and_end_on_word_boundaries() {
        let t = seed();
        assert!(!verify(&t, "artly").verbatim);
        assert!(!verify(&t, "Part").verbatim);
        assert!(!verify(&t, "tandard practice").verbatim);
        assert!(!verify(&t, "other AI").verbatim, "AIs is another word");
        let t = press("Savitt: Musk's view is clear.\nMusk: Musk agrees.\n");
        let v = verify(&t, "Musk");
        assert_eq!(v.matches.len(), 1, "{v:#?}");
        assert_eq!(v.matches[0].turn, 1);
        assert!(verify(&t, "Musk's view").verbatim);
    }

    #[test]
    fn every_match_is_reported() {
        let t = seed();
        let v = verify(&t, "AI");
        assert!(v.verbatim);
        // "AI model" twice, "AI companies", "your AI"; not "AIs", "xAI" or "OpenAI".
        assert_eq!(v.matches.len(), 4, "{:#?}", v.matches);
        assert_eq!(
            v.matches.iter().map(|m| m.turn).collect::<Vec<_>>(),
            vec![1, 1, 3, 7]
        );
        assert!(v.matches.iter().all(|m| m.text == "AI"));
    }

    // --- A paged court transcript ---------------------------------------------------------------

    #[test]
    fn repeated_answers_are_all_found_with_page_and_line() {
        let t = vocalife();
        let v = verify(&t, "Could you repeat your question?");
        assert!(v.verbatim);
        assert_eq!(v.matches.len(), 2, "{:#?}", v.matches);
        assert_eq!(v.matches[0].start, Loc::new(Some(247), 18));
        assert_eq!(v.matches[0].end, Loc::new(Some(247), 18));
        assert_eq!(v.matches[1].start.line, 8);
        assert!(v.matches[1].start.page > Some(247));
        assert!(v.matches.iter().all(|m| m.speaker == v.matches[0].speaker));

        let v = verify(&t, "No.");
        assert!(v.verbatim);
        assert!(v.matches.len() >= 2);
    }

    #[test]
    fn a_quote_across_a_line_break_cites_both_lines() {
        let t = vocalife();
        let v = verify(&t, "I don't know why this box was not checked");
        assert!(v.verbatim, "{v:#?}");
        let m = &v.matches[0];
        assert_eq!(m.start, Loc::new(Some(247), 3));
        assert_eq!(m.end, Loc::new(Some(247), 4));

        // Across a page break, and with the line break in the quote too.
        let v = verify(&t, "was the circular microphone\narray");
        assert!(v.verbatim, "{v:#?}");
        let m = &v.matches[0];
        assert_eq!(m.start, Loc::new(Some(248), 25));
        assert_eq!(m.end, Loc::new(Some(249), 1));
        assert_eq!(m.text, "was the circular microphone array");
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

    // --- Chinese -----------------------------------------------------------------------------

    #[test]
    fn a_chinese_quote_is_verbatim() {
        let t = chinese();
        let v = verify(&t, "一般来说，所有AI公司都这样做。");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches.len(), 1);
        assert_eq!(v.matches[0].speaker, "马斯克");
        assert_eq!(v.matches[0].start, Loc::new(None, 6));
        // Han script has no spaces between words: any character boundary is a word boundary.
        let v = verify(&t, "所有AI公司");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "所有AI公司");
        let v = verify(&t, "「部分是。」");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "部分是。");
        let v = verify(&t, "一般来说……都这样做。");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "一般来说，所有AI公司都这样做。");
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

    // --- Robustness and serialisation -------------------------------------------------------------

    #[test]
    fn odd_quotes_never_panic() {
        let transcripts = [seed(), chinese(), vocalife()];
        let quotes = [
            "[",
            "]",
            "[[",
            "][",
            "a[b",
            "[a",
            "a]",
            "[]x",
            "x[]",
            "....",
            ". . .",
            ". .",
            "“",
            "”",
            "\"",
            "'",
            "’",
            "‘a’",
            "''",
            "é",
            "e\u{301}",
            "👍🏽 AI",
            "AI 👍",
            "（部分）",
            "部",
            "。",
            "…部分…",
            "[部分]是",
            "\u{a0}Partly\u{a0}",
            "\u{feff}Partly",
            "Partly.......",
            "[x] ... [y]",
            "a ... [b] ... c",
            "(?i)partly",
            "\\b",
            "$",
            "^Partly",
            "Partly .",
            ",",
            ".,",
            "[do that]. [do that].",
            "AI[ AI ]AI",
        ];
        for t in &transcripts {
            for q in quotes {
                let v = verify(t, q);
                assert_eq!(v.verbatim, !v.matches.is_empty(), "{q:?}");
                for m in &v.matches {
                    assert_eq!(
                        t.turns[m.turn].text.get(m.start_offset..m.end_offset),
                        Some(m.text.as_str())
                    );
                }
                if let Some(c) = &v.closest {
                    assert!((0.0..=1.0).contains(&c.similarity), "{q:?}");
                    let p = &c.passage;
                    assert_eq!(
                        t.turns[p.turn].text.get(p.start_offset..p.end_offset),
                        Some(p.text.as_str())
                    );
                }
            }
        }
        // Regex syntax in a quote is text.
        assert!(!verify(&seed(), "(?i)partly").verbatim);
        assert!(!verify(&seed(), "Part.y").verbatim);
    }

    #[test]
    fn an_empty_transcript_has_no_closest_passage() {
        let t = press("");
        let v = verify(&t, "Partly.");
        assert!(!v.verbatim);
        assert!(v.closest.is_none());
        assert!(has_note(&v, "no passage"), "{:?}", v.notes);
    }

    #[test]
    fn it_serialises_as_the_cli_reports_it() {
        let t = seed();
        let v = verify(&t, "partially");
        let json = serde_json::to_value(&v).expect("serialises");
        assert_eq!(json["verbatim"], false);
        assert_eq!(json["matches"], serde_json::json!([]));
        assert_eq!(json["closest"]["passage"]["text"], "Partly.");
        assert_eq!(json["closest"]["passage"]["speaker"], "Musk");
        assert_eq!(json["closest"]["passage"]["start"]["line"], 6);
        assert_eq!(
            json["closest"]["diff"][0],
            serde_json::json!({"op": "missing", "text": "Partly."})
        );
        assert!(json["closest"]["similarity"].as_f64().is_some());
        let json = serde_json::to_value(verify(&t, "Partly.")).expect("serialises");
        assert_eq!(json["verbatim"], true);
        assert_eq!(json["matches"][0]["start_offset"], 0);
        assert_eq!(json["closest"], serde_json::Value::Null);
    }

    // --- Pieces --------------------------------------------------------------------------------

    #[test]
    fn ellipses_are_recognised_in_their_forms() {
        assert_eq!(ellipsis_len("...x"), 3);
        assert_eq!(ellipsis_len("....x"), 4);
        assert_eq!(ellipsis_len("…x"), "…".len());
        assert_eq!(ellipsis_len("……x"), "……".len());
        assert_eq!(ellipsis_len(". . . x"), 5);
        assert_eq!(ellipsis_len(". . x"), 0);
        assert_eq!(ellipsis_len("..x"), 0);
        assert_eq!(ellipsis_len("x..."), 0);
    }

    #[test]
    fn quotes_are_read_into_text_brackets_and_omissions() {
        let mut notes = Vec::new();
        let q = Quote::parse("“Generally all [of] the … companies.”", &mut notes).expect("a quote");
        assert_eq!(
            q.pieces,
            vec![
                Piece::Lit("Generally all ".to_owned()),
                Piece::Bracket("[of]".to_owned()),
                Piece::Lit(" the".to_owned()),
                Piece::Gap("…".to_owned()),
                Piece::Lit("companies".to_owned()),
            ]
        );
        assert_eq!(q.tail, Some('.'));
        assert_eq!(q.body, "Generally all [of] the … companies.");
        // An unclosed bracket is text.
        let q = Quote::parse("a [b c", &mut notes).expect("a quote");
        assert_eq!(q.pieces, vec![Piece::Lit("a [b c".to_owned())]);
        // A bracket beside an omission adds nothing the omission does not cover.
        let q = Quote::parse("a … [b] c", &mut notes).expect("a quote");
        assert_eq!(
            q.pieces,
            vec![
                Piece::Lit("a".to_owned()),
                Piece::Gap("…".to_owned()),
                Piece::Lit("c".to_owned()),
            ]
        );
    }

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

    #[test]
    fn word_boundaries_know_apostrophes_and_han() {
        let s = "Musk's 'view' AI公司";
        assert!(!is_boundary(s, 4)); // Musk|'s
        assert!(is_boundary(s, 7)); // |'view'
        assert!(is_boundary(s, 8)); // '|view
        assert!(is_boundary(s, 12)); // view|'
        assert!(is_boundary(s, 16)); // AI|公
        assert!(!is_boundary(s, 15)); // A|I
        assert!(is_boundary(s, 0));
        assert!(is_boundary(s, s.len()));
    }
}
