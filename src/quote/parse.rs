//! Reading a quote: the enclosing quotation marks it was pasted with, editorial
//! `[brackets]`, omissions (`...`, `…`, `. . .`) and a final `.` or `,` that may be the
//! quoting sentence's own.

use super::push_note;

/// The byte length of an ellipsis at the start of `s` (`...`, `…`, `. . .`), or 0.
pub(super) fn ellipsis_len(s: &str) -> usize {
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

/// A part of the quote as the matcher sees it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Piece {
    /// Text that must be in the record as written (up to the allowed normalisation).
    Lit(String),
    /// An editorial `[...]`, brackets included.
    Bracket(String),
    /// An omission, in the form written.
    Gap(String),
}

/// A quote read into pieces.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Quote {
    /// The quote without enclosing quotation marks: the near-miss search compares its words.
    pub(super) body: String,
    pub(super) pieces: Vec<Piece>,
    /// The final `.` or `,`, taken off the last piece because it may be the quoting
    /// sentence's own punctuation.
    pub(super) tail: Option<char>,
}

impl Quote {
    /// Reads a quote; `None` when nothing is left to look for.
    pub(super) fn parse(raw: &str, notes: &mut Vec<String>) -> Option<Quote> {
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

    pub(super) fn has_gaps(&self) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::tests::seed;
    use crate::quote::verify;

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
    fn a_quote_of_brackets_only_is_read_as_text() {
        let t = seed();
        let v = verify(&t, "[do that]");
        assert!(v.verbatim, "{v:#?}");
        assert_eq!(v.matches[0].text, "[do that]");
        assert!(!verify(&t, "[do this]").verbatim);
    }
}
