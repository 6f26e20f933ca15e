//! Anchors: where in a transcript an annotation points, recorded so it can be found again.
//!
//! This module owns [`Anchor`] (turn range, exact quote, context before and after, byte
//! offset, page:line) and [`AnchorStatus`], the check of whether an anchor still fits a
//! (possibly re-parsed, possibly edited) transcript, exact words only. It reads the transcript
//! model but knows nothing about tags, files or the UI. Finding a moved or edited quote again,
//! with its context, fuzzy matching and review, is `reanchor`'s job; the documents,
//! the CLI and the window use that, and [`Anchor::status`] is only the quick exact check.
//!
//! All offsets are byte offsets into `Turn::text` and every slice is taken on a char boundary,
//! so Chinese, Cyrillic or emoji text never panics.

use crate::text::{head_chars, shorten, straighten_with_primes};
use crate::transcript::{Loc, Transcript};
use serde::{Deserialize, Serialize};

/// How many characters (not bytes) of context are kept before and after a quote. Enough to
/// tell two occurrences of a short quote ("No.") apart, small enough to keep the file readable.
pub const CONTEXT_CHARS: usize = 40;

/// How many characters of a turn's text an error message quotes.
const ERROR_TEXT_CHARS: usize = 80;

/// Where an annotation points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// First and last turn (indices into `Transcript::turns`, inclusive).
    pub start_turn: usize,
    pub end_turn: usize,
    /// The exact annotated text, as it was in the transcript. For a range of whole turns, their
    /// texts joined with `"\n"`.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters just before and after the quote, to find the right
    /// occurrence again after the transcript changed.
    pub prefix: String,
    pub suffix: String,
    /// Byte offset of the quote in `turns[start_turn].text` (in the joined text of the range for
    /// a multi-turn anchor, where it is 0).
    pub start_offset: usize,
    /// Page:line of the quote's first and last character, for citing it.
    pub start: Loc,
    pub end: Loc,
}

/// Whether an anchor still fits a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorStatus {
    /// The quote is exactly where the anchor says.
    Anchored,
    /// The quote is no longer at its place, but the exact text occurs elsewhere.
    Moved,
    /// The exact quote occurs nowhere in the transcript.
    Missing,
}

impl AnchorStatus {
    pub fn name(self) -> &'static str {
        match self {
            AnchorStatus::Anchored => "anchored",
            AnchorStatus::Moved => "moved",
            AnchorStatus::Missing => "missing",
        }
    }
}

/// Why an anchor could not be made. Turn numbers are indices into `Transcript::turns`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    #[error("turn {turn} does not exist: the transcript has {count} turn(s)")]
    TurnOutOfRange { turn: usize, count: usize },
    #[error("the turn range {start}..={end} is backwards")]
    BadRange { start: usize, end: usize },
    #[error("the quote is empty")]
    EmptyQuote,
    #[error("\"{quote}\" was not found in turn {turn}, which reads: \"{text}\"")]
    QuoteNotFound {
        turn: usize,
        quote: String,
        /// The turn's text, shortened.
        text: String,
    },
}

impl Anchor {
    /// An anchor on whole turns `start_turn..=end_turn`, e.g. a question and its answer.
    pub fn for_turns(
        transcript: &Transcript,
        start_turn: usize,
        end_turn: usize,
    ) -> Result<Anchor, AnchorError> {
        let turns = &transcript.turns;
        let count = turns.len();
        if start_turn > end_turn {
            return Err(AnchorError::BadRange {
                start: start_turn,
                end: end_turn,
            });
        }
        for turn in [start_turn, end_turn] {
            if turn >= count {
                return Err(AnchorError::TurnOutOfRange { turn, count });
            }
        }
        let quote = join_turns(transcript, start_turn, end_turn);
        if quote.trim().is_empty() {
            return Err(AnchorError::EmptyQuote);
        }
        let prefix = start_turn
            .checked_sub(1)
            .and_then(|i| turns.get(i))
            .map_or("", |t| tail_chars(&t.text, CONTEXT_CHARS));
        let suffix = turns
            .get(end_turn + 1)
            .map_or("", |t| head_chars(&t.text, CONTEXT_CHARS));
        Ok(Anchor {
            start_turn,
            end_turn,
            quote,
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            start_offset: 0,
            start: turns[start_turn].start,
            end: turns[end_turn].end,
        })
    }

    /// An anchor on a passage inside turn `turn`.
    ///
    /// Looks for `quote` verbatim first; failing that, ignoring case, runs of whitespace and
    /// the difference between straight and curly quotes (people type `don't` for `don’t`, and
    /// copy text with line breaks in it). Either way the stored quote is the text exactly as it
    /// is in the turn, so that [`Anchor::status`] can compare bytes.
    pub fn for_quote(
        transcript: &Transcript,
        turn: usize,
        quote: &str,
    ) -> Result<Anchor, AnchorError> {
        let count = transcript.turns.len();
        let t = transcript
            .turns
            .get(turn)
            .ok_or(AnchorError::TurnOutOfRange { turn, count })?;
        if quote.trim().is_empty() {
            return Err(AnchorError::EmptyQuote);
        }
        let text = t.text.as_str();
        let (start, end) = match text.find(quote) {
            Some(i) => (i, i + quote.len()),
            None => find_loosely(text, quote).ok_or_else(|| AnchorError::QuoteNotFound {
                turn,
                quote: quote.to_string(),
                text: shorten(text, ERROR_TEXT_CHARS),
            })?,
        };
        Anchor::for_span(transcript, turn, start..end)
    }

    /// An anchor on the exact byte range `span` of turn `turn`'s text (what a drag selects:
    /// the same words may occur twice in a turn, so the position matters, not just the words).
    /// The range is trimmed of surrounding whitespace and must lie on character boundaries.
    pub fn for_span(
        transcript: &Transcript,
        turn: usize,
        span: std::ops::Range<usize>,
    ) -> Result<Anchor, AnchorError> {
        let count = transcript.turns.len();
        let t = transcript
            .turns
            .get(turn)
            .ok_or(AnchorError::TurnOutOfRange { turn, count })?;
        let text = t.text.as_str();
        let raw = text.get(span.clone()).ok_or(AnchorError::BadRange {
            start: span.start,
            end: span.end,
        })?;
        let start = span.start + (raw.len() - raw.trim_start().len());
        let end = start + raw.trim().len();
        if start == end {
            return Err(AnchorError::EmptyQuote);
        }
        let found = &text[start..end];
        // The last character's first byte: `loc_at` maps any byte of it to the same line, but
        // this keeps the offset meaningful on its own.
        let last = found
            .char_indices()
            .last()
            .map_or(start, |(i, _)| start + i);
        Ok(Anchor {
            start_turn: turn,
            end_turn: turn,
            quote: found.to_string(),
            prefix: tail_chars(&text[..start], CONTEXT_CHARS).to_string(),
            suffix: head_chars(&text[end..], CONTEXT_CHARS).to_string(),
            start_offset: start,
            start: t.loc_at(start),
            end: t.loc_at(last),
        })
    }

    /// Whether the quote is still where the anchor says ([`AnchorStatus::Anchored`]), somewhere
    /// else ([`AnchorStatus::Moved`]) or gone ([`AnchorStatus::Missing`]).
    ///
    /// The anchored case costs one comparison; the others scan the transcript, so call this
    /// when a transcript is (re)loaded, not on every frame.
    pub fn status(&self, transcript: &Transcript) -> AnchorStatus {
        if self.quote.is_empty() {
            return AnchorStatus::Missing;
        }
        let turns = &transcript.turns;
        let in_range = self.start_turn <= self.end_turn && self.end_turn < turns.len();
        if in_range {
            let at_place = |text: &str| {
                text.get(self.start_offset..)
                    .is_some_and(|rest| rest.starts_with(&self.quote))
            };
            let anchored = if self.start_turn == self.end_turn {
                at_place(&turns[self.start_turn].text)
            } else {
                at_place(&join_turns(transcript, self.start_turn, self.end_turn))
            };
            if anchored {
                return AnchorStatus::Anchored;
            }
        }
        if turns.iter().any(|t| t.text.contains(&self.quote))
            || (self.quote.contains('\n')
                && join_turns(transcript, 0, turns.len().saturating_sub(1)).contains(&self.quote))
        {
            AnchorStatus::Moved
        } else {
            AnchorStatus::Missing
        }
    }
}

/// The texts of turns `start..=end` joined with `"\n"` (the turns that exist).
fn join_turns(transcript: &Transcript, start: usize, end: usize) -> String {
    let turns = transcript.turns.get(start..=end).unwrap_or_default();
    let texts: Vec<&str> = turns.iter().map(|t| t.text.as_str()).collect();
    texts.join("\n")
}

/// The last `n` characters of `s` (all of it if shorter).
fn tail_chars(s: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    s.char_indices()
        .rev()
        .nth(n - 1)
        .map_or(s, |(i, _)| &s[i..])
}

/// Text folded for loose matching, remembering where each folded char came from.
struct Folded {
    text: String,
    /// One entry per char of `text`, in order: (byte offset in `text`, byte range in the
    /// original as start and end). A collapsed whitespace run is one entry spanning the run;
    /// a char whose lower case is several chars gives several entries with the same range.
    map: Vec<(usize, usize, usize)>,
}

fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if c.is_whitespace() {
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            map.push((text.len(), i, end));
            text.push(' ');
            continue;
        }
        for lower in straighten_with_primes(c).to_lowercase() {
            map.push((text.len(), i, end));
            text.push(lower);
        }
    }
    Folded { text, map }
}

/// Finds `quote` in `text` ignoring case, whitespace runs and quote styles; returns the byte
/// range in `text` (on char boundaries) of the first match.
fn find_loosely(text: &str, quote: &str) -> Option<(usize, usize)> {
    let needle = fold(quote.trim()).text;
    if needle.is_empty() {
        return None;
    }
    let hay = fold(text);
    let at = hay.text.find(&needle)?;
    let until = at + needle.len();
    let first = hay.map.partition_point(|m| m.0 <= at).checked_sub(1)?;
    let last = hay.map.partition_point(|m| m.0 < until).checked_sub(1)?;
    Some((hay.map[first].1, hay.map[last].2))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::transcript::{Format, Role, Segment, SpeakerId, Turn, TurnKind};

    /// A turn whose text is `lines` joined with spaces, one segment per line on `page`,
    /// lines numbered from `first_line`. All construction of model types goes through here so
    /// new model fields only need adding in one place.
    pub(crate) fn turn(kind: TurnKind, page: u32, first_line: u32, lines: &[&str]) -> Turn {
        let mut text = String::new();
        let mut segments = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            segments.push(Segment {
                text_offset: text.len() as u32,
                loc: Loc::new(Some(page), first_line + i as u32),
                source: 0..0,
            });
            text.push_str(line);
        }
        let last = first_line + lines.len().saturating_sub(1) as u32;
        Turn {
            speaker: SpeakerId(0),
            role: if kind == TurnKind::Question {
                Role::Examiner
            } else {
                Role::Witness
            },
            kind,
            marked: true,
            text,
            label: if kind == TurnKind::Question {
                "Q."
            } else {
                "A."
            }
            .into(),
            bytes: 0..0,
            start: Loc::new(Some(page), first_line),
            end: Loc::new(Some(page), last),
            answers: None,
            section: None,
            segments,
        }
    }

    pub(crate) fn transcript(turns: Vec<Turn>) -> Transcript {
        Transcript {
            format: Format::CourtReporter,
            format_detected: true,
            encoding: "UTF-8",
            speakers: Vec::new(),
            turns,
            sections: Vec::new(),
            pages: Some((1, 1)),
            warnings: Vec::new(),
            lines: Default::default(),
            better_format: None,
            origin: None,
        }
    }

    /// Three turns: a question, a two-line answer with curly quotes, and a follow-up.
    pub(crate) fn sample() -> Transcript {
        transcript(vec![
            turn(
                TurnKind::Question,
                12,
                1,
                &["Did you read the memo before the board meeting?"],
            ),
            turn(
                TurnKind::Answer,
                12,
                3,
                &[
                    "I don\u{2019}t recall reading it. I may have",
                    "skimmed it,   but I couldn\u{2019}t say \u{201C}read\u{201D}.",
                ],
            ),
            turn(TurnKind::Question, 12, 5, &["So you skimmed it?"]),
        ])
    }

    #[test]
    fn for_quote_exact() {
        let t = sample();
        let a = Anchor::for_quote(&t, 1, "I may have skimmed it").unwrap();
        assert_eq!(a.quote, "I may have skimmed it");
        assert_eq!(a.start_turn, 1);
        assert_eq!(a.end_turn, 1);
        assert_eq!(&t.turns[1].text[a.start_offset..][..a.quote.len()], a.quote);
        assert_eq!(a.prefix, "I don\u{2019}t recall reading it. ");
        assert_eq!(
            a.suffix,
            ",   but I couldn\u{2019}t say \u{201C}read\u{201D}."
        );
        // The quote starts on line 3 and ends on line 4 of page 12.
        assert_eq!(a.start, Loc::new(Some(12), 3));
        assert_eq!(a.end, Loc::new(Some(12), 4));
        assert_eq!(a.status(&t), AnchorStatus::Anchored);
    }

    #[test]
    fn for_quote_tolerates_case_whitespace_and_curly_quotes() {
        let t = sample();
        let a = Anchor::for_quote(&t, 1, "  i DON'T recall\nreading it ").unwrap();
        assert_eq!(a.quote, "I don\u{2019}t recall reading it");
        assert_eq!(a.start_offset, 0);
        assert_eq!(a.prefix, "");

        let b = Anchor::for_quote(&t, 1, "skimmed it, but I couldn't say \"read\"").unwrap();
        assert_eq!(
            b.quote,
            "skimmed it,   but I couldn\u{2019}t say \u{201C}read\u{201D}"
        );
        assert_eq!(b.suffix, ".");
        assert_eq!(b.start, Loc::new(Some(12), 4));
        assert_eq!(b.end, Loc::new(Some(12), 4));
        assert_eq!(b.status(&t), AnchorStatus::Anchored);
    }

    #[test]
    fn for_quote_errors() {
        let t = sample();
        let err = Anchor::for_quote(&t, 1, "I read it carefully").unwrap_err();
        assert!(matches!(err, AnchorError::QuoteNotFound { turn: 1, .. }));
        let msg = err.to_string();
        assert!(
            msg.contains("\"I read it carefully\" was not found in turn 1"),
            "{msg}"
        );
        assert!(msg.contains("I don\u{2019}t recall"), "{msg}");
        assert_eq!(
            Anchor::for_quote(&t, 3, "x"),
            Err(AnchorError::TurnOutOfRange { turn: 3, count: 3 })
        );
        assert!(
            AnchorError::TurnOutOfRange { turn: 3, count: 3 }
                .to_string()
                .contains("has 3 turn(s)")
        );
        assert_eq!(
            Anchor::for_quote(&t, 1, " \n "),
            Err(AnchorError::EmptyQuote)
        );
        // The error shortens long turns on a char boundary.
        let long = transcript(vec![turn(TurnKind::Answer, 1, 1, &[&"长".repeat(200)])]);
        let AnchorError::QuoteNotFound { text, .. } =
            Anchor::for_quote(&long, 0, "短").unwrap_err()
        else {
            panic!("expected QuoteNotFound");
        };
        assert_eq!(text.chars().count(), ERROR_TEXT_CHARS + 1);
        assert!(text.ends_with('…'));
    }

    #[test]
    fn cjk_text_is_sliced_on_char_boundaries() {
        let before = "我们在二零一九年三月召开了董事会会议，会上讨论了很多问题，包括预算、人事和未来的发展方向。";
        let t = transcript(vec![
            turn(TurnKind::Question, 3, 1, &["你读过那份备忘录吗？"]),
            turn(
                TurnKind::Answer,
                3,
                2,
                &[
                    before,
                    "我不记得读过它。",
                    "也许我浏览过，但是说不上“读过”。",
                ],
            ),
            turn(TurnKind::Question, 3, 5, &["所以你浏览过？"]),
        ]);
        let a = Anchor::for_quote(&t, 1, "我不记得读过它").unwrap();
        assert_eq!(a.quote, "我不记得读过它");
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert!(format!("{before} ").ends_with(&a.prefix));
        assert!(a.suffix.starts_with("。 也许我浏览过"));
        assert_eq!(a.suffix.chars().count(), 19);
        assert_eq!(a.start, Loc::new(Some(3), 3));
        assert_eq!(a.end, Loc::new(Some(3), 3));
        assert_eq!(a.status(&t), AnchorStatus::Anchored);

        // Loose match with a straight quote against the CJK curly quotes, across lines.
        let b = Anchor::for_quote(&t, 1, "它。\n也许我浏览过，但是说不上\"读过\"").unwrap();
        assert_eq!(b.quote, "它。 也许我浏览过，但是说不上“读过”");
        assert_eq!(b.start, Loc::new(Some(3), 3));
        assert_eq!(b.end, Loc::new(Some(3), 4));

        // Whole-turn anchors cut the neighbours' context on char boundaries too.
        let c = Anchor::for_turns(&t, 1, 2).unwrap();
        assert_eq!(c.prefix, "你读过那份备忘录吗？");
        assert_eq!(c.suffix, "");
        let d = Anchor::for_turns(&t, 0, 0).unwrap();
        assert_eq!(d.suffix.chars().count(), CONTEXT_CHARS);
        assert!(before.starts_with(&d.suffix));
    }

    #[test]
    fn for_turns_joins_texts() {
        let t = sample();
        let a = Anchor::for_turns(&t, 0, 1).unwrap();
        assert_eq!(a.quote, format!("{}\n{}", t.turns[0].text, t.turns[1].text));
        assert_eq!(a.start_offset, 0);
        assert_eq!(a.prefix, "");
        assert_eq!(a.suffix, "So you skimmed it?");
        assert_eq!(a.start, Loc::new(Some(12), 1));
        assert_eq!(a.end, Loc::new(Some(12), 4));
        assert_eq!(a.status(&t), AnchorStatus::Anchored);

        let b = Anchor::for_turns(&t, 2, 2).unwrap();
        assert_eq!(b.prefix, tail_chars(&t.turns[1].text, CONTEXT_CHARS));
        assert_eq!(b.prefix.chars().count(), CONTEXT_CHARS);

        assert_eq!(
            Anchor::for_turns(&t, 2, 1),
            Err(AnchorError::BadRange { start: 2, end: 1 })
        );
        assert_eq!(
            Anchor::for_turns(&t, 1, 5),
            Err(AnchorError::TurnOutOfRange { turn: 5, count: 3 })
        );
    }

    #[test]
    fn status_anchored_moved_missing() {
        let t = sample();
        let a = Anchor::for_quote(&t, 2, "skimmed it").unwrap();
        assert_eq!(a.status(&t), AnchorStatus::Anchored);

        // A turn inserted before: the quote is now in turn 3, not 2.
        let mut shifted = t.clone();
        shifted
            .turns
            .insert(0, turn(TurnKind::Statement, 11, 20, &["(Recess.)"]));
        assert_eq!(a.status(&shifted), AnchorStatus::Moved);

        // Same turn, text changed before the quote: offset no longer matches.
        let mut edited = t.clone();
        edited.turns[2].text = "So, you skimmed it?".to_string();
        assert_eq!(a.status(&edited), AnchorStatus::Moved);

        // The words are gone.
        let mut gone = t.clone();
        gone.turns[2].text = "So you read it?".to_string();
        gone.turns[1].text = "No.".to_string();
        assert_eq!(a.status(&gone), AnchorStatus::Missing);

        // A multi-turn anchor moves when a turn is inserted, and is missing when one changes.
        let whole = Anchor::for_turns(&t, 1, 2).unwrap();
        assert_eq!(whole.status(&shifted), AnchorStatus::Moved);
        assert_eq!(whole.status(&gone), AnchorStatus::Missing);

        // An anchor past the end of a shorter transcript does not panic.
        let mut short = t.clone();
        short.turns.truncate(1);
        assert_eq!(a.status(&short), AnchorStatus::Missing);
        // Offsets inside a multi-byte char or past the end do not panic either.
        let mut odd = a.clone();
        (odd.start_turn, odd.end_turn, odd.start_offset) = (1, 1, 6); // inside the 3-byte ’
        assert_eq!(odd.status(&t), AnchorStatus::Moved);
        odd.start_offset = 500;
        assert_eq!(odd.status(&t), AnchorStatus::Moved);
    }

    #[test]
    fn status_serialises_snake_case() {
        assert_eq!(ron::to_string(&AnchorStatus::Moved).unwrap(), "moved");
        assert_eq!(
            serde_json::to_string(&AnchorStatus::Anchored).unwrap(),
            "\"anchored\""
        );
        assert_eq!(AnchorStatus::Missing.name(), "missing");
    }

    #[test]
    fn loose_find_maps_back_to_original_bytes() {
        assert_eq!(find_loosely("Hello   World", "hello world"), Some((0, 13)));
        assert_eq!(
            find_loosely("Say \u{201C}no\u{201D}.", "\"NO\""),
            Some((4, 12))
        );
        assert_eq!(find_loosely("abc", "abd"), None);
        assert_eq!(find_loosely("abc", "   "), None);
        // A char whose lower case is longer (İ → i̇) still maps to whole chars.
        let (s, e) = find_loosely("XİSTANBUL", "İstanbul").unwrap();
        assert_eq!(&"XİSTANBUL"[s..e], "İSTANBUL");
    }
}
