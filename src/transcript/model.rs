//! The transcript model: what a parsed transcript *is*, independent of the layout it came from.
//!
//! A [`Transcript`] owns the decoded source text and a sequence of [`Turn`]s. Every turn keeps
//! the byte range it came from and its page:line [`Loc`]ations, so that annotations can cite it
//! and find it again. This module knows nothing about parsing or about the UI.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// Which layout a transcript was read as. The importer guesses it; `--format` overrides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Court-reporter pages with numbered lines, `Q.`/`A.` and upper-case colloquy labels.
    CourtReporter,
    /// A U.S. Supreme Court oral argument: numbered lines, `JUSTICE X:` / `MR. Y:` labels.
    SupremeCourt,
    /// A legislative hearing as printed by the GPO: `Senator Durbin.` / `Mr. Zuckerberg.`.
    Hearing,
    /// `Q:`/`A:` (or `Question:`/`Answer:`) without page and line numbers.
    Qa,
    /// `Name: text` turns, one per line or several inline in a paragraph of prose.
    NameColon,
}

impl Format {
    /// Every format, in the order detection reports them.
    pub const ALL: [Format; 5] = [
        Format::CourtReporter,
        Format::SupremeCourt,
        Format::Hearing,
        Format::Qa,
        Format::NameColon,
    ];

    /// The stable, machine-readable name (used by `--format` and in JSON).
    pub fn name(self) -> &'static str {
        match self {
            Format::CourtReporter => "court_reporter",
            Format::SupremeCourt => "supreme_court",
            Format::Hearing => "hearing",
            Format::Qa => "qa",
            Format::NameColon => "name_colon",
        }
    }

    /// A human description for summaries and the window.
    pub fn describe(self) -> &'static str {
        match self {
            Format::CourtReporter => "court-reporter transcript (page:line, Q./A.)",
            Format::SupremeCourt => "Supreme Court oral argument (page:line)",
            Format::Hearing => "legislative hearing (GPO style)",
            Format::Qa => "plain Q/A transcript",
            Format::NameColon => "\"Name: text\" turns (press style)",
        }
    }

    /// Parses a `--format` value; accepts the names above and a few obvious aliases.
    pub fn parse(s: &str) -> Option<Format> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Some(match s.as_str() {
            "court_reporter" | "court" | "deposition" | "trial" => Format::CourtReporter,
            "supreme_court" | "scotus" | "argument" => Format::SupremeCourt,
            "hearing" | "gpo" | "congress" => Format::Hearing,
            "qa" | "q_a" => Format::Qa,
            "name_colon" | "name" | "press" | "news" => Format::NameColon,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What part a speaker plays. Analyses and exports key on it, so it is kept coarse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Asks the questions (the examining lawyer, a member of a committee, a justice).
    Examiner,
    /// Answers them (the deponent, the witness, the advocate before the Court).
    Witness,
    /// The judge or presiding officer speaking as the court.
    Court,
    /// Other counsel: objections and colloquy.
    Counsel,
    /// Anyone else (videographer, reporter, clerk, interpreter...).
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Examiner,
        Role::Witness,
        Role::Court,
        Role::Counsel,
        Role::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Examiner => "examiner",
            Role::Witness => "witness",
            Role::Court => "court",
            Role::Counsel => "counsel",
            Role::Other => "other",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a turn does in the exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnKind {
    Question,
    Answer,
    Statement,
}

impl TurnKind {
    pub fn name(self) -> &'static str {
        match self {
            TurnKind::Question => "question",
            TurnKind::Answer => "answer",
            TurnKind::Statement => "statement",
        }
    }
}

/// Where a line sits in the source. `page` is `Some` only when the source numbers its pages
/// (court-reporter pages, `[[Page N]]` markers); then `line` is the line on that page.
/// Otherwise `line` is the 1-based line number in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Loc {
    pub page: Option<u32>,
    pub line: u32,
}

impl Loc {
    pub fn new(page: Option<u32>, line: u32) -> Self {
        Loc { page, line }
    }

    /// What a person types to go somewhere: `12:3`, `12` (a page, its first line) in a paged
    /// transcript, or a line number (`42`, `l. 42`) in an unpaged one.
    pub fn parse(text: &str, paged: bool) -> Result<Loc, LocParseError> {
        let t = text.trim().trim_start_matches("l.").trim();
        let num = |s: &str| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| LocParseError(text.to_owned()))
        };
        match t.split_once(':') {
            Some((p, l)) => Ok(Loc::new(Some(num(p)?), num(l)?)),
            None if paged => Ok(Loc::new(Some(num(t)?), 1)),
            None => Ok(Loc::new(None, num(t)?)),
        }
    }
}

/// Text that [`Loc::parse`] cannot read as a place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not page:line")]
pub struct LocParseError(pub String);

impl fmt::Display for Loc {
    /// `12:3` for paged sources, `l. 42` for unpaged ones.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.page {
            Some(p) => write!(f, "{p}:{}", self.line),
            None => write!(f, "l. {}", self.line),
        }
    }
}

/// Index of a speaker in [`Transcript::speakers`], stable for one parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SpeakerId(pub u32);

/// One person. Several labels in the source ("OpenAI Lawyer William Savitt", "Savitt", "Savit")
/// may name the same person; they are kept as aliases so the merge can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub id: SpeakerId,
    /// The display name.
    pub name: String,
    pub role: Role,
    /// Every source label that was attributed to this speaker, other than `name`.
    pub aliases: Vec<String>,
}

impl Speaker {
    /// The name and all aliases.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A piece of a turn's text that came from one source line. Turn text is the lines' content
/// joined and with layout padding squeezed out; segments map it back to page:line and bytes.
///
/// Offsets are `u32`: a text is at most [`MAX_TEXT_BYTES`], and a 10,000-page trial has a
/// quarter of a million segments, so half-size offsets save 4 MB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset in [`Turn::text`] where this line's contribution starts.
    pub text_offset: u32,
    pub loc: Loc,
    /// The byte range of the line's content in the decoded source text.
    pub source: Range<u32>,
}

/// The longest text the importer reads: offsets into it must fit in a `u32`. Files are refused
/// long before (`MAX_FILE_BYTES`, 100 MB, decodes to at most 300 MB).
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

impl Segment {
    /// [`Segment::text_offset`] as an index.
    pub fn offset(&self) -> usize {
        self.text_offset as usize
    }

    /// [`Segment::source`] as a range of indices.
    pub fn source_range(&self) -> Range<usize> {
        self.source.start as usize..self.source.end as usize
    }
}

/// One speaker's uninterrupted contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: SpeakerId,
    /// The role in this turn (a lawyer examines in one section and objects in another).
    pub role: Role,
    pub kind: TurnKind,
    /// The kind comes from a `Q.`/`A.` marker in the source, not from inference.
    pub marked: bool,
    /// The words spoken, labels and line numbers removed, whitespace normalised.
    pub text: String,
    /// The source label the turn is attributed to (`MR. SAVITT` for his `Q.` lines, `Savitt`),
    /// kept so that a speaker can be split again by label. Shared by the label's turns.
    pub label: std::sync::Arc<str>,
    /// Byte range in the decoded source text from the label to the end of the last line.
    pub bytes: Range<usize>,
    pub start: Loc,
    pub end: Loc,
    /// For an answer: the question it answers (across objections and colloquy).
    pub answers: Option<usize>,
    /// The examination or argument section this turn belongs to, if any.
    pub section: Option<usize>,
    pub segments: Vec<Segment>,
}

impl Turn {
    /// The page:line at a byte offset inside [`Turn::text`].
    pub fn loc_at(&self, offset: usize) -> Loc {
        let i = self
            .segments
            .partition_point(|s| s.offset() <= offset)
            .saturating_sub(1);
        self.segments.get(i).map_or(self.start, |s| s.loc)
    }
}

/// A heading that starts a part of the proceedings (`CROSS-EXAMINATION`, `ORAL ARGUMENT OF ...`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub loc: Loc,
    /// The first turn after the heading.
    pub first_turn: usize,
}

/// Something the importer skipped, guessed or could not make sense of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Where, when it concerns one place.
    pub loc: Option<Loc>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.loc {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A parsed transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub format: Format,
    /// Whether the layout was guessed (`true`) or given by the user.
    pub format_detected: bool,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`...).
    pub encoding: &'static str,
    pub speakers: Vec<Speaker>,
    pub turns: Vec<Turn>,
    pub sections: Vec<Section>,
    /// Numbered pages found, as (first, last), when the source is paged.
    pub pages: Option<(u32, u32)>,
    pub warnings: Vec<Warning>,
    /// What the importer counted of the lines, for `health::assess`.
    pub lines: LineCounts,
    /// When the reading is in doubt: a layout that reads this text clearly better.
    pub better_format: Option<Format>,
    /// How the file was read when it is not text: "PDF, 92 page(s), line numbers in the
    /// margin, the printed page numbers". The import report leads with it.
    pub origin: Option<String>,
}

impl Transcript {
    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(id.0 as usize)
    }

    /// The turn at `loc` (the first whose lines include it), else the first turn after it:
    /// where "go to 12:3" lands. `None` past the last turn.
    pub fn turn_at(&self, loc: Loc) -> Option<usize> {
        let key = |l: Loc| (l.page.unwrap_or(0), l.line);
        self.turns
            .iter()
            .position(|t| key(t.start) <= key(loc) && key(loc) <= key(t.end))
            .or_else(|| self.turns.iter().position(|t| key(t.start) >= key(loc)))
    }

    /// The display name of a turn's speaker.
    pub fn speaker_name(&self, turn: &Turn) -> &str {
        self.speaker(turn.speaker).map_or("?", |s| s.name.as_str())
    }

    /// Finds a speaker by any of its labels, case-insensitively.
    pub fn speaker_by_label(&self, label: &str) -> Option<&Speaker> {
        let label = label.trim();
        self.speakers
            .iter()
            .find(|s| s.labels().any(|l| l.eq_ignore_ascii_case(label)))
    }

    /// Whether the source numbers its pages and lines.
    pub fn is_paged(&self) -> bool {
        self.pages.is_some()
    }
}

/// What the importer counted of the file's lines while reading it; `health::assess` judges the
/// reading from these and from the turns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineCounts {
    /// Lines with words, after page furniture (line numbers, headers) was set aside.
    pub content: u32,
    /// Content lines that gave words to some turn.
    pub in_turns: u32,
    /// Where content lines begin with a `Q`/`A` marker (`Q.`, `A:`, `Q  `, or a bare `Q ` /
    /// `A ` before a capital in text that has bare `Q ` lines).
    pub marked: Vec<Loc>,
    /// Marked lines and speaker-label lines that gave words to no turn at all: testimony lost.
    pub dropped: Vec<Loc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_people_type() {
        let paged = |s| Loc::parse(s, true);
        assert_eq!(paged(" 12:3 "), Ok(Loc::new(Some(12), 3)));
        assert_eq!(paged("12"), Ok(Loc::new(Some(12), 1)));
        assert_eq!(Loc::parse("l. 42", false), Ok(Loc::new(None, 42)));
        assert_eq!(Loc::parse("7:2", false), Ok(Loc::new(Some(7), 2)));
        let err = paged("12:x").unwrap_err();
        assert_eq!(err.to_string(), "\"12:x\" is not page:line");
        assert!(paged("").is_err());
    }

    #[test]
    fn the_turn_at_a_place_or_the_next_one() {
        let t = crate::transcript::parse_text(
            "Savitt: Has xAI done that?\nMusk: Generally all do.\n\nSavitt: So?\n".into(),
            "UTF-8",
            None,
        );
        let at = |line| t.turn_at(Loc::new(None, line));
        assert_eq!(
            (at(1), at(2), at(3), at(4)),
            (Some(0), Some(1), Some(2), Some(2))
        );
        assert_eq!(at(9), None);
    }
}
