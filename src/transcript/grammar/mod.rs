//! Turn grammars: who speaks where, for each family of layouts.
//!
//! Each grammar reads [`ContentLine`]s and returns [`RawTurn`]s: a speaker label, what the
//! layout's markers say about role and kind, and the pieces of text that belong to the turn.
//! Turning those into speakers, roles and question/answer links is `build`'s job. Grammars
//! tolerate mess: anything they cannot place is skipped and reported, never fatal.

use super::labels::cluster_labels;
use super::layout::ContentLine;
use super::model::{Loc, Role, TurnKind, Warning};
use crate::text::squeeze;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

mod court;
mod front_matter;
mod hearing;
mod name_colon;

pub use court::court;
pub use hearing::{HEARING, hearing};
pub use name_colon::name_colon;

/// What the layout says about a turn's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleHint {
    Fixed(Role),
    /// Decided per speaker from how they talk (who asks, who answers).
    Infer,
}

/// A turn as the grammar found it. A trial has a hundred thousand of them, so they are kept
/// small: the label is an index, and the words are pieces in one shared list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTurn {
    /// The speaker label it is attributed to (`MR. SAVITT`, `Savitt`, `Witness`): an index
    /// into [`Parsed::labels`].
    pub label: u32,
    /// A placeholder label (`Examiner`, `Witness`) that must not be fuzzily merged.
    pub placeholder: bool,
    pub role: RoleHint,
    /// Set when a marker (`Q.`/`A.`) says what the turn is.
    pub kind: Option<TurnKind>,
    /// Where the label starts in the text (the turn's byte range starts there).
    pub label_start: u32,
    /// This turn's pieces: a range of [`Parsed::pieces`].
    pub pieces: Range<u32>,
    pub section: Option<u32>,
}

/// A section heading, pointing at the first raw turn after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSection {
    pub title: String,
    pub loc: Loc,
    pub first_turn: usize,
}

/// Some of a turn's words, from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The line's place, carried here so that the lines can be freed before the turns are
    /// built.
    pub loc: Loc,
    /// The words' bytes in the text; never blank. (`u32`: see
    /// [`MAX_TEXT_BYTES`](super::model::MAX_TEXT_BYTES).)
    pub range: Range<u32>,
}

/// What a grammar found. Every turn has at least one piece: turns left without words (a bare
/// `Q.`) are dropped and reported.
#[derive(Debug, Default)]
pub struct Parsed {
    pub turns: Vec<RawTurn>,
    /// The distinct labels, in order of first appearance.
    pub labels: Vec<String>,
    /// The pieces of all turns, in order. One list rather than one per turn saves an
    /// allocation for each of a long transcript's hundred thousand turns.
    pub pieces: Vec<Piece>,
    pub sections: Vec<RawSection>,
    pub warnings: Vec<Warning>,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

/// `Q.`, `A:`, `Q  ` (two spaces or a tab), `Question:`, `Answer:`. Matched by hand in
/// [`qa_marker`]; the regex is its reference in the tests.
pub static QA: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?P<m>Q|A|QUESTION|ANSWER|Question|Answer)(?:[.:][ \t]*|[ \t]{2,}|\t[ \t]*|[.:]?$)")
});

/// A `Q.`/`A.` marker at the start of the line ([`QA`]): whether it is a question, and where
/// the marker and the blanks after it end.
pub fn qa_marker(s: &str) -> Option<(bool, usize)> {
    const MARKERS: [(&str, bool); 6] = [
        ("Q", true),
        ("A", false),
        ("QUESTION", true),
        ("ANSWER", false),
        ("Question", true),
        ("Answer", false),
    ];
    let b = s.as_bytes();
    let blanks = |i: usize| {
        b[i..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count()
    };
    // At most one marker can be followed by what the regex allows after it.
    MARKERS.iter().find_map(|&(word, question)| {
        let k = word.len();
        if !b.starts_with(word.as_bytes()) {
            return None;
        }
        let end = match b.get(k) {
            None => k,
            Some(b'.' | b':') => k + 1 + blanks(k + 1),
            // Two blanks, or a tab: `Q  What` but not `A word`.
            Some(b'\t') => k + blanks(k),
            Some(b' ') if blanks(k) >= 2 => k + blanks(k),
            Some(_) => return None,
        };
        Some((question, end))
    })
}

/// A bare `Q ` or `A ` before a capital, a digit or a quote (`Q Now, you recall…`, `A Yes,
/// sir.`): a marker in retyped transcripts, but also how English prose can start ("A Senate
/// panel…"), so it counts only where the text has several bare `Q ` lines.
pub fn bare_marker(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    let question = match b.first()? {
        b'Q' => true,
        b'A' => false,
        _ => return None,
    };
    if b.get(1) != Some(&b' ') {
        return None;
    }
    let next = s[2..].trim_start_matches(' ').chars().next()?;
    (next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '(' | '\''))
        .then_some(question)
}

/// Upper-case colloquy labels: `THE COURT:`, `MR. SMITH:`, `JUSTICE KAGAN:`, `GENERAL VERRILLI:`.
/// Use [`colloquy`], which skips most lines before running it.
pub static COLLOQUY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<label>THE[ \t]+(?:COURT|WITNESS|CLERK|REPORTER|COURT[ \t]+REPORTER|VIDEOGRAPHER|BAILIFF|INTERPRETER|DEPONENT|MARSHAL|DEPUTY|FOREPERSON|JUROR|DEFENDANT|PLAINTIFF|CHAIRMAN|CHAIR)|(?:(?:CHIEF[ \t]+)?JUSTICE|JUDGE|MR|MS|MRS|MISS|DR|GENERAL|SENATOR|REPRESENTATIVE|CHAIRMAN|CHAIRWOMAN|COMMISSIONER|SPECIAL[ \t]+MASTER|JUROR|UNIDENTIFIED|AUDIO|VIDEO)\.?[ \t]+(?:Mc|Mac|De|Di|La|Le|Van|Von)?[A-Z][A-Z'’.\-]*(?:[ \t]+[A-Z][A-Z'’.\-]*){0,2}|[A-Z]{2,}[ \t]+NO\.[ \t]+\d+|[A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’.\-]*){0,3})[ \t]*:[ \t]*",
    )
});
/// A colloquy label at the start of the line ([`COLLOQUY`]): the label, and where the colon and
/// the blanks after it end.
pub fn colloquy(s: &str) -> Option<(&str, usize)> {
    // Every label starts with a capital A-Z and has a colon after it.
    if !s.as_bytes().first().is_some_and(u8::is_ascii_uppercase) || !s.contains(':') {
        return None;
    }
    // The label never ends in a blank or a colon, so it is the match without `[ \t]*:[ \t]*`:
    // the plain search finds it, without the slower search for capture groups.
    let end = COLLOQUY.find(s)?.end();
    let label = s[..end]
        .trim_end_matches([' ', '\t'])
        .strip_suffix(':')?
        .trim_end_matches([' ', '\t']);
    // Upper-case words before a colon are a speaker unless they read as a form's field or a
    // list's heading (`FOR THE PLAINTIFF:`, `SENATORS PRESENT:`, `NOTE:`). A title settles it
    // (`MR. RE:` is Mr. Re).
    let titled = label
        .split([' ', '\t', '.'])
        .next()
        .is_some_and(|w| TITLES.contains(&w));
    if !titled
        && label
            .split([' ', '\t'])
            .any(|w| NOT_LABEL_WORDS.contains(&w.trim_end_matches(['.', ','])))
    {
        return None;
    }
    Some((label, end))
}

/// Titles that begin a speaker label.
const TITLES: [&str; 14] = [
    "MR",
    "MS",
    "MRS",
    "MISS",
    "DR",
    "THE",
    "JUSTICE",
    "CHIEF",
    "JUDGE",
    "SENATOR",
    "GENERAL",
    "REPRESENTATIVE",
    "COMMISSIONER",
    "JUROR",
];

/// Words that never occur in a speaker label: a line of capitals with one of them before a
/// colon is a heading or a field of the front matter.
const NOT_LABEL_WORDS: [&str; 40] = [
    "FOR",
    "PRESENT",
    "APPEARANCES",
    "APPEARING",
    "ALSO",
    "INDEX",
    "EXHIBIT",
    "EXHIBITS",
    "WITNESSES",
    "PAGE",
    "NOTE",
    "RE",
    "SUBJECT",
    "DATE",
    "TIME",
    "PLACE",
    "LOCATION",
    "REPORTED",
    "TAKEN",
    "BEFORE",
    "ON",
    "AT",
    "IN",
    "OF",
    "TO",
    "AND",
    "BY",
    "HELD",
    "CASE",
    "DOCKET",
    // Contact lines and notices of the front matter (`TEL: (215) 555-0100`).
    "TEL",
    "TELEPHONE",
    "FAX",
    "FACSIMILE",
    "EMAIL",
    "E-MAIL",
    "PHONE",
    "DISCLAIMER",
    "WEBSITE",
    // `CASE NAME:`, `WITNESS NAME:`.
    "NAME",
];

/// Labels that describe what happens rather than who speaks.
pub(crate) const NOT_SPEAKERS: [&str; 4] = [
    "AUDIO DESCRIPTION",
    "VIDEO DESCRIPTION",
    "VIDEO PLAYED",
    "AUDIO PLAYED",
];
/// Headings: upper-case lines with one of these words.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"EXAMINATION|ARGUMENT|CERTIFICATE|INDEX|EXHIBITS?\b|PROCEEDINGS|P R O C E E D I N G S|SESSION|APPEARANCES|C O N T E N T S|CONTENTS|STIPULATION|ERRATA|STATEMENT OF|TESTIMONY OF|WITNESSES|JURAT|SIGNATURE|OPENING STATEMENT|CLOSING ARGUMENT",
    )
});
fn heading(s: &str) -> bool {
    // In a transcript printed all in capitals every line is upper-case: a question or a
    // speaker's words that name an "argument" or an "exhibit" are not headings.
    s.len() <= 120
        && is_upper_line(s)
        && HEADING.is_match(s)
        && !s.trim_end().ends_with('?')
        && qa_marker(s).is_none()
        && colloquy(s).is_none()
}

/// A line with letters and none of them lower-case.
fn is_upper_line(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Per line, whether its text recurs verbatim (running headers such as
/// `O5S1GUO1 Le Zhou - Direct`): 12 characters or more, on three lines or more. Each line's
/// text is hashed once.
fn repeated_lines(text: &str, lines: &[ContentLine]) -> Vec<bool> {
    // Each distinct text gets a slot that counts its lines.
    let mut slots: HashMap<&str, usize> = HashMap::with_capacity(lines.len());
    let mut counts: Vec<usize> = Vec::new();
    let mut slot_of: Vec<Option<usize>> = Vec::with_capacity(lines.len());
    // Numbered lines are keyed by line number and text.
    let mut numbered: HashMap<(u32, &str), usize> = HashMap::new();
    let pages: std::collections::HashSet<u32> = lines.iter().filter_map(|l| l.loc.page).collect();
    let numbered_needs = 3.max(pages.len() / 2);
    for l in lines {
        let s = text[l.range.clone()].trim();
        // On numbered pages the running headers and footers are mostly the unnumbered lines,
        // which the layout already set aside; a numbered line is testimony, however often its
        // words recur in a long trial ("Objection, Your Honor." on every other page), unless
        // it recurs at the same line number of page after page (a header numbered as line 1).
        if s.chars().count() < 12 || qa_marker(s).is_some() || colloquy(s).is_some() {
            slot_of.push(None);
            continue;
        }
        if l.loc.page.is_some() {
            // Only the first lines of a page can be a numbered header; looking at the others
            // would cost a long trial a megabyte for nothing.
            if l.loc.line > 2 {
                slot_of.push(None);
                continue;
            }
            let slot = *numbered.entry((l.loc.line, s)).or_insert(counts.len());
            if slot == counts.len() {
                counts.push(0);
            }
            counts[slot] += 1;
            slot_of.push(Some(slot));
            continue;
        }
        let slot = *slots.entry(s).or_insert(counts.len());
        if slot == counts.len() {
            counts.push(0);
        }
        counts[slot] += 1;
        slot_of.push(Some(slot));
    }
    slot_of
        .into_iter()
        .zip(lines)
        .map(|(slot, l)| {
            let needs = if l.loc.page.is_some() {
                numbered_needs
            } else {
                3
            };
            slot.is_some_and(|k| counts[k] >= needs)
        })
        .collect()
}

/// Counts skipped lines and reports each run of them once.
#[derive(Default)]
struct Skipped {
    run: Option<(Loc, Loc, usize)>,
    warnings: Vec<Warning>,
}

impl Skipped {
    fn add(&mut self, loc: Loc) {
        match &mut self.run {
            Some((_, end, n)) => {
                *end = loc;
                *n += 1;
            }
            None => self.run = Some((loc, loc, 1)),
        }
    }
    fn flush(&mut self, what: &str) {
        if let Some((start, end, n)) = self.run.take() {
            let span = if start == end {
                String::new()
            } else {
                format!(" to {end}")
            };
            self.warnings.push(Warning {
                loc: Some(start),
                message: format!("skipped {n} line(s){span} of {what} outside any turn"),
            });
        }
    }
}

/// Builds turns and keeps sections tidy (a heading with no turn after it is dropped).
struct Builder<'a> {
    text: &'a str,
    lines: &'a [ContentLine],
    parsed: Parsed,
    label_ids: HashMap<String, u32>,
    open: bool,
    section: Option<usize>,
    skipped: Skipped,
    seen_turn: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, lines: &'a [ContentLine]) -> Self {
        Builder {
            text,
            lines,
            parsed: Parsed::default(),
            label_ids: HashMap::new(),
            open: false,
            section: None,
            skipped: Skipped::default(),
            seen_turn: false,
        }
    }
    fn start(
        &mut self,
        label: String,
        placeholder: bool,
        role: RoleHint,
        kind: Option<TurnKind>,
        label_start: usize,
    ) {
        self.seal();
        self.skipped.flush("non-testimony text");
        let next = self.parsed.labels.len() as u32;
        let label = match self.label_ids.get(label.as_str()) {
            Some(&id) => id,
            None => {
                self.parsed.labels.push(label.clone());
                self.label_ids.insert(label, next);
                next
            }
        };
        let here = self.parsed.pieces.len() as u32;
        self.parsed.turns.push(RawTurn {
            label,
            placeholder,
            role,
            kind,
            label_start: label_start as u32,
            pieces: here..here,
            section: self.section.map(|s| s as u32),
        });
        self.open = true;
        self.seen_turn = true;
    }
    fn piece(&mut self, line: usize, range: Range<usize>) {
        if range.is_empty() || self.text[range.clone()].trim().is_empty() {
            return;
        }
        // Only the last turn is ever open, so each turn's pieces are contiguous.
        if let Some(t) = self.parsed.turns.last_mut().filter(|_| self.open) {
            self.parsed.pieces.push(Piece {
                loc: self.lines[line].loc,
                range: range.start as u32..range.end as u32,
            });
            t.pieces.end = self.parsed.pieces.len() as u32;
        }
    }
    /// The last turn can take no more words: dropped, with a warning, if it has none.
    fn seal(&mut self) {
        let Some(last) = self.parsed.turns.last().filter(|t| t.pieces.is_empty()) else {
            return;
        };
        // The last line starting at or before the label (lines are in file order).
        let before = self
            .lines
            .partition_point(|l| l.range.start <= last.label_start as usize);
        let loc = before.checked_sub(1).map(|i| self.lines[i].loc);
        let label = &self.parsed.labels[last.label as usize];
        self.parsed.warnings.push(Warning {
            loc,
            message: format!("empty turn by {label} skipped"),
        });
        self.parsed.turns.pop();
    }
    /// Text that belongs to no turn: skipped, and reported once the run ends.
    fn stray(&mut self, loc: Loc) {
        if self.open {
            return;
        }
        if self.seen_turn {
            self.skipped.add(loc);
        }
    }
    fn close(&mut self) {
        self.open = false;
        self.seal();
    }
    fn section(&mut self, title: &str, loc: Loc) {
        self.close();
        let first_turn = self.parsed.turns.len();
        if let Some(last) = self.parsed.sections.last()
            && last.first_turn == first_turn
        {
            self.parsed.sections.pop();
        }
        self.section = Some(self.parsed.sections.len());
        self.parsed.sections.push(RawSection {
            // "CROSS-EXAMINATION BY MR. COCHRAN:" is titled without its colon.
            title: squeeze(title.trim_end().trim_end_matches(':')),
            loc,
            first_turn,
        });
    }
    /// A heading that is not a section (`P R O C E E D I N G S`, `CERTIFICATE`) ends the one
    /// before it.
    fn end_section(&mut self) {
        self.close();
        if let Some(last) = self.parsed.sections.last()
            && last.first_turn == self.parsed.turns.len()
        {
            self.parsed.sections.pop();
        }
        self.section = None;
    }
    fn finish(mut self) -> Parsed {
        self.close();
        self.skipped.flush("non-testimony text");
        if let Some(last) = self.parsed.sections.last()
            && last.first_turn == self.parsed.turns.len()
        {
            self.parsed.sections.pop();
        }
        self.parsed.warnings.append(&mut self.skipped.warnings);
        // The lists grew by doubling; on a long trial the spare room is megabytes, held
        // while the transcript is built from them.
        self.parsed.turns.shrink_to_fit();
        self.parsed.pieces.shrink_to_fit();
        self.parsed
    }
}

/// Whether a line's words end a sentence (so a bare marker on the next line starts a turn).
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
        .ends_with(['.', '?', '!', ':', '-', '—'])
}

/// Says which lines were skipped as running headers: in text without page and line numbers
/// a recurring line is taken for one, and a line of testimony that happens to recur would
/// be lost without a word.
fn report_headers(warnings: &mut Vec<Warning>, headers: HashMap<&str, (usize, Loc)>) {
    const LISTED: usize = 10;
    let mut headers: Vec<(&str, usize, Loc)> = headers
        .into_iter()
        .map(|(s, (n, loc))| (s, n, loc))
        .collect();
    headers.sort_by_key(|&(_, _, loc)| (loc.page, loc.line));
    for &(s, n, loc) in headers.iter().take(LISTED) {
        warnings.push(Warning {
            loc: Some(loc),
            message: format!("skipped {n} lines reading {s:?} as a running header"),
        });
    }
    if headers.len() > LISTED {
        let rest: usize = headers[LISTED..].iter().map(|&(_, n, _)| n).sum();
        warnings.push(Warning {
            loc: headers.get(LISTED).map(|&(_, _, loc)| loc),
            message: format!(
                "skipped {rest} more lines, {} other recurring texts, as running headers",
                headers.len() - LISTED
            ),
        });
    }
}

/// `MR.  SAVITT` → `MR. SAVITT`; keeps the label's own case.
fn normalise_label(s: &str) -> String {
    squeeze(s.trim().trim_end_matches(':'))
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::testing::sequences;

    /// A transcript printed all in capitals (as many court reporters' are): a question or a
    /// speaker's words naming an "argument" or an "examination" are testimony, not headings.
    #[test]
    fn in_an_all_capitals_transcript_only_real_headings_are_sections() {
        let t = crate::transcript::parse_text(
            "DIRECT EXAMINATION\n\
             BY MR. DARDEN:\n\
             Q: WHAT WAS THE SUBJECT MATTER OF THE ARGUMENT?\n\
             A: EARRINGS.\n\
             THE COURT: SUSTAINED. IT IS ARGUMENTATIVE. REPHRASE THE EXAMINATION.\n\
             Q: DID YOU HEAR THE ARGUMENT?\n\
             A: YES.\n\
             CROSS-EXAMINATION\n\
             BY MR. COCHRAN:\n\
             Q: YOU NEVER SAW THE EXHIBITS, DID YOU?\n\
             A: NO.\n"
                .to_owned(),
            "UTF-8",
            None,
        );
        let titles: Vec<&str> = t.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["DIRECT EXAMINATION", "CROSS-EXAMINATION"]);
        let questions = t
            .turns
            .iter()
            .filter(|x| x.kind == crate::transcript::TurnKind::Question)
            .count();
        assert_eq!(questions, 3);
    }

    #[test]
    fn qa_markers_are_matched_as_the_regex_does() {
        let pieces = [
            "Q", "A", "QUESTION", "ANSWER", "Question", "Answer", "Qu", "a", ".", ":", " ", "  ",
            "\t", "x", "Yes", "é",
        ];
        let mut matched = 0;
        for line in sequences(&pieces, 4, 20_000) {
            let expected = QA
                .captures(&line)
                .map(|c| (c["m"].starts_with('Q'), c.get(0).map_or(0, |m| m.end())));
            assert_eq!(qa_marker(&line), expected, "{line:?}");
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn colloquy_labels_are_found_as_the_regex_captures_them() {
        let pieces = [
            "THE COURT",
            "THE  WITNESS",
            "MR. SMITH",
            "MR SMITH",
            "MS.\tO'NEIL",
            "JUSTICE KAGAN",
            "CHIEF JUSTICE D’ARC",
            "JUROR NO. 5",
            "JUROR NO. ٣",
            "AUDIO DESCRIPTION",
            "THE",
            "MR.",
            " ",
            "  ",
            "\t",
            ":",
            " :",
            ":  ",
            "x",
            "Yes",
            ".",
            "-",
        ];
        let mut matched = 0;
        for line in sequences(&pieces, 3, 40_000) {
            let expected = COLLOQUY
                .captures(&line)
                .map(|c| (c.name("label").map_or("", |m| m.as_str()), c[0].len()));
            assert_eq!(colloquy(&line), expected, "{line:?}");
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn repeated_lines_are_lines_of_twelve_characters_seen_three_times() {
        let words = [
            "O5S1GUO1 Le Zhou - Direct",
            "  O5S1GUO1 Le Zhou - Direct ",
            "short",
            "twelve chars",
            "eleven char",
            "你好你好你好你好你好你好",
            "你好你好你好你好你好",
        ];
        let text: String = (0..40).map(|i| words[i * 7 % 5 + i % 3]).collect();
        let mut lines = Vec::new();
        let mut start = 0;
        for i in 0..40 {
            let w = words[i * 7 % 5 + i % 3];
            lines.push(ContentLine {
                loc: Loc::new(None, i as u32 + 1),
                file_line: i as u32 + 1,
                range: start..start + w.len(),
                indent: 0,
                after_blank: false,
            });
            start += w.len();
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for l in &lines {
            *counts.entry(text[l.range.clone()].trim()).or_default() += 1;
        }
        let expected: Vec<bool> = lines
            .iter()
            .map(|l| {
                let s = text[l.range.clone()].trim();
                s.chars().count() >= 12 && counts[s] >= 3
            })
            .collect();
        assert_eq!(repeated_lines(&text, &lines), expected);
        assert!(expected.contains(&true) && expected.contains(&false));
    }

    #[test]
    fn running_headers_are_reported_ten_by_name_then_together() {
        let texts: Vec<String> = (0..12).map(|k| format!("HEADER NUMBER {k:02}")).collect();
        let headers: HashMap<&str, (usize, Loc)> = texts
            .iter()
            .enumerate()
            .map(|(k, s)| (s.as_str(), (3 + k, Loc::new(None, k as u32 + 1))))
            .collect();
        let mut warnings = Vec::new();
        report_headers(&mut warnings, headers);
        assert_eq!(warnings.len(), 11);
        assert_eq!(
            warnings[0].message,
            "skipped 3 lines reading \"HEADER NUMBER 00\" as a running header"
        );
        assert_eq!(warnings[0].loc, Some(Loc::new(None, 1)));
        assert_eq!(
            warnings[10].message,
            "skipped 27 more lines, 2 other recurring texts, as running headers"
        );
    }
}
