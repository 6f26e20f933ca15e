//! Verbatim matches: the quote as a regular expression over each turn's text (whitespace,
//! quotation marks and first-letter case forgiven; a bracket's alternatives; omissions as
//! lazy groups), then the word-boundary checks the expression cannot make, and notes on
//! how each bracket and the final punctuation were read.

use super::parse::{Piece, Quote};
use super::{Passage, passage, push_note};
use crate::text::{is_cjk, is_cjk_punct, straighten};
use crate::transcript::Transcript;
use regex::{Captures, Regex, RegexBuilder};

/// How many record words a bracket may stand for.
const MAX_BRACKET_WORDS: usize = 6;
/// How many times the record's length the exact search may re-read after rejected matches
/// (see [`find_matches`]).
const RESCAN_FACTOR: usize = 8;
/// How many characters a bracket glued to a word (`[T]he`, `Musk['s]`) may stand for.
const MAX_GLUED_CHARS: usize = 40;

/// The quote as a regular expression over a turn's text, with a capture group per bracket
/// and omission so that a match can be checked and explained.
pub(super) struct Pattern {
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
    pub(super) fn build(q: &Quote) -> Result<Pattern, regex::Error> {
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
pub(super) fn find_matches(
    t: &Transcript,
    q: &Quote,
    p: &Pattern,
    notes: &mut Vec<String>,
) -> Vec<Passage> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::tests::{has_note, press, seed};
    use crate::quote::verify;

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
