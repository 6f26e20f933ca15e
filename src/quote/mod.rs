//! Quote verification: is a quotation verbatim in the transcript, and where it is not, which
//! passage of the record comes closest and how the two differ, word by word.
//!
//! This module owns the rules for what a quotation may honestly change (typographic quotation
//! marks, whitespace, the case of its first letter, editorial `[brackets]`, omissions marked
//! `...`/`…`, and the final `.`/`,` that American style puts inside the closing quotation
//! mark) and the search for exact matches and near misses. It reads the transcript model
//! only; it must not know about the command line, the JSON layout beyond the serde derives,
//! annotations or the UI.

//!
//! The files, in the order a quote goes through them: `parse` reads the quote (enclosing
//! quotation marks, `[brackets]`, omissions, a final `.` or `,`); `exact` finds verbatim
//! matches with a regular expression and the checks it cannot make; `closest` finds the
//! passage most like a quote that is not verbatim; `diff` holds both texts' words and the
//! word-level LCS diff between them.

pub mod article;
mod closest;
mod diff;
mod exact;
mod parse;

use crate::transcript::{Loc, Transcript, Turn};
use closest::closest;
use exact::{Pattern, find_matches};
use parse::{Piece, Quote};
use serde::Serialize;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::parse_text;

    pub(super) fn seed() -> Transcript {
        parse_text(
            include_str!("../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        )
    }

    pub(super) fn chinese() -> Transcript {
        parse_text(
            include_str!("../../tests/data/seed_chinese.txt").to_owned(),
            "UTF-8",
            None,
        )
    }

    pub(super) fn vocalife() -> Transcript {
        parse_text(
            include_str!(
                "../../sample_transcripts/vocalife_v_amazon_2020-10-01_li_cross_examination.txt"
            )
            .to_owned(),
            "UTF-8",
            None,
        )
    }

    pub(super) fn scotus() -> Transcript {
        parse_text(
            include_str!("../../tests/data/scotus_hhs_v_florida_2012-03-26.txt").to_owned(),
            "UTF-8",
            None,
        )
    }

    /// A small `Name: text` transcript.
    pub(super) fn press(text: &str) -> Transcript {
        parse_text(text.to_owned(), "UTF-8", None)
    }

    pub(super) fn same(s: &str) -> DiffOp {
        DiffOp::Same(s.to_owned())
    }

    pub(super) fn missing(s: &str) -> DiffOp {
        DiffOp::Missing(s.to_owned())
    }

    pub(super) fn extra(s: &str) -> DiffOp {
        DiffOp::Extra(s.to_owned())
    }

    pub(super) fn closest_of(v: &Verification) -> &Closest {
        assert!(!v.verbatim, "{v:#?}");
        v.closest.as_ref().expect("a closest passage")
    }

    pub(super) fn has_note(v: &Verification, part: &str) -> bool {
        v.notes.iter().any(|n| n.contains(part))
    }

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
}
