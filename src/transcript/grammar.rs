//! Turn grammars: who speaks where, for each family of layouts.
//!
//! Each grammar reads [`ContentLine`]s and returns [`RawTurn`]s: a speaker label, what the
//! layout's markers say about role and kind, and the pieces of text that belong to the turn.
//! Turning those into speakers, roles and question/answer links is `build`'s job. Grammars
//! tolerate mess: anything they cannot place is skipped and reported, never fatal.

use super::health::bare_marker;
use super::layout::ContentLine;
use super::model::{Loc, Role, TurnKind, Warning};
use super::speakers::cluster_labels;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

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

/// `BY MR. SAVITT:` — the examiner from here on.
static BY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\(\s*)?(?:BY|By)[ \t]+(?P<who>(?i:MR|MS|MRS|MISS|DR)\.?[ \t]+[A-Za-z][A-Za-z'’\-]*(?:[ \t]+[A-Z][A-Za-z'’\-]*)?)[ \t]*[:.)]?[ \t]*$",
    )
});
/// `(By Mr. Re)` at the start of a question.
static INLINE_BY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\(\s*(?:BY|By)[ \t]+(?P<who>(?i:MR|MS|MRS|MISS|DR)\.?[ \t]+[A-Za-z][A-Za-z'’\-]*)\s*\)[ \t]*",
    )
});
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
const NOT_LABEL_WORDS: [&str; 30] = [
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
];

/// Labels that describe what happens rather than who speaks.
pub(crate) const NOT_SPEAKERS: [&str; 4] = [
    "AUDIO DESCRIPTION",
    "VIDEO DESCRIPTION",
    "VIDEO PLAYED",
    "AUDIO PLAYED",
];
/// `LE ZHOU, called as a witness by the Government, having been duly sworn, testified:`
static SWORN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<who>[A-Z][A-Z.'’ \-]*[A-Z]\.?),[ \t]+(?:(?:[A-Z][A-Za-z]{0,3}\.?){1,3},[ \t]+)?(?i:called|having|being|a witness|was called|after|previously|recalled|plaintiff|defendant|the witness|sworn|duly)",
    )
});
/// `DORIAN JOHNSON,` alone on its line, the oath on the next.
static SWORN_NAME_ONLY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<who>[A-Z][A-Z.'’ \-]*[A-Z]\.?),$"));
/// The words of an oath: `of lawful age, having been first duly sworn`.
static OATH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:of lawful age|having been|having first|being first|being duly|called as a witness|a witness|was called|after having|duly sworn|first duly)",
    )
});
/// Headings: upper-case lines with one of these words.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"EXAMINATION|ARGUMENT|CERTIFICATE|INDEX|EXHIBITS?\b|PROCEEDINGS|P R O C E E D I N G S|SESSION|APPEARANCES|C O N T E N T S|CONTENTS|STIPULATION|ERRATA|STATEMENT OF|TESTIMONY OF|WITNESSES|JURAT|SIGNATURE|OPENING STATEMENT|CLOSING ARGUMENT",
    )
});
static SECTION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"EXAMINATION|ARGUMENT|TESTIMONY OF|STATEMENT OF|OPENING STATEMENT"));
static HEADING_BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bBY[ \t]+(?P<who>(?:MR|MS|MRS|MISS|DR)\.?[ \t]+[A-Z][A-Z'’\-]*)"));

/// A line with letters and none of them lower-case.
fn is_upper_line(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn heading(s: &str) -> bool {
    s.len() <= 120 && is_upper_line(s) && HEADING.is_match(s)
}

fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
            title: squeeze(title),
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

/// Court transcripts: `Q.`/`A.` with `BY` lines, colloquy labels, parentheticals, headings.
/// Supreme Court arguments use the same grammar with justices asking and advocates answering.
pub fn court(text: &str, lines: &[ContentLine], supreme: bool) -> Parsed {
    let mut b = Builder::new(text, lines);
    let repeated = repeated_lines(text, lines);
    // Retyped transcripts mark turns with a bare `Q ` / `A `: taken as markers when the text
    // has several bare `Q ` lines (English prose can start a line with "A Senate panel").
    let bare = lines
        .iter()
        .filter(|l| bare_marker(&text[l.range.clone()]) == Some(true))
        .take(3)
        .count()
        >= 3;
    // Without any marker (a hearing taken down by a court reporter, a press briefing with
    // capitals for names), labels do not say who asks: `build` decides from what they do.
    let marked = lines
        .iter()
        .filter(|l| {
            let s = &text[l.range.clone()];
            qa_marker(s).is_some() || (bare && bare_marker(s).is_some())
        })
        .take(3)
        .count();
    let answers_marked = lines.iter().any(|l| {
        let s = &text[l.range.clone()];
        qa_marker(s).is_some_and(|(q, _)| !q) || (bare && bare_marker(s) == Some(false))
    });
    // A file in capitals throughout has no upper-case descriptions to tell apart (only text
    // without numbered pages is looked at for them).
    let paged = lines.first().is_some_and(|l| l.loc.page.is_some());
    let mostly_upper = !paged && {
        let upper = lines
            .iter()
            .filter(|l| is_upper_line(&text[l.range.clone()]))
            .count();
        upper * 2 > lines.len()
    };
    // Where the current witness's placeholder turns begin: named once the stretch ends.
    let mut stretch = 0usize;
    let mut prev_ends_sentence = true;
    // Lines skipped as running headers, by text: how many, and the first.
    let mut headers: HashMap<&str, (usize, Loc)> = HashMap::new();
    let mut examiner: Option<String> = None;
    let mut witness = "Witness".to_owned();
    let mut warned_no_examiner = false;
    let mut in_paren = false;
    let (mut paren_page, mut paren_line) = (None, 0usize);
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        let line_start = l.range.start;
        let sentence_before = std::mem::replace(&mut prev_ends_sentence, ends_sentence(s));
        // A parenthetical that never closes (cut off, or a misread parenthesis) ends where
        // testimony plainly starts again: a marker, a label, a heading, a new page, or after
        // a few lines.
        if in_paren {
            let resumes = qa_marker(s).is_some()
                || colloquy(s).is_some()
                || heading(s)
                || l.loc.page != paren_page
                || i > paren_line + MAX_PAREN_LINES;
            if !resumes {
                in_paren = !s.contains(')');
                continue;
            }
            in_paren = false;
        }
        // `BY` lines start with `B` or `(`; most lines are out at a glance.
        if s.starts_with(['B', '('])
            && let Some(c) = BY.captures(s)
        {
            // Upper-cased, as the same lawyer's colloquy label is printed.
            examiner = Some(normalise_label(&c["who"]).to_uppercase());
            b.close();
            continue;
        }
        if s.starts_with('(') || s.starts_with('[') {
            b.close();
            in_paren = s.starts_with('(') && !s.contains(')');
            (paren_page, paren_line) = (l.loc.page, i);
            continue;
        }
        if heading(s) {
            if SECTION_HEADING.is_match(s) {
                b.section(s, l.loc);
            } else {
                b.end_section();
            }
            if let Some(c) = HEADING_BY.captures(s) {
                examiner = Some(normalise_label(&c["who"]).to_uppercase());
            }
            continue;
        }
        let marker = qa_marker(s).or_else(|| {
            let question = bare_marker(s).filter(|_| bare)?;
            // A bare marker starts a paragraph, or follows a finished sentence.
            (l.after_blank || sentence_before || l.loc.page.is_some())
                .then(|| (question, 1 + s[1..].len() - s[1..].trim_start().len()))
        });
        if let Some((question, end)) = marker {
            let mut rest = line_start + end..l.range.end;
            // `Q.   (By Mr. Re) I believe ...`: the examiner named again after colloquy.
            if question
                && text[rest.clone()].starts_with('(')
                && let Some(by) = INLINE_BY.captures(&text[rest.clone()])
            {
                examiner = Some(normalise_label(&by["who"]).to_uppercase());
                rest.start += by.get(0).map_or(0, |m| m.end());
            }
            if question {
                let (label, placeholder) = match &examiner {
                    Some(e) => (e.clone(), false),
                    None => {
                        if !warned_no_examiner && !supreme {
                            warned_no_examiner = true;
                            b.parsed.warnings.push(Warning {
                                loc: Some(l.loc),
                                message: "questions before any \"BY MR. X:\" line; the examiner is unnamed".into(),
                            });
                        }
                        ("Examiner".to_owned(), true)
                    }
                };
                b.start(
                    label,
                    placeholder,
                    RoleHint::Fixed(Role::Examiner),
                    Some(TurnKind::Question),
                    line_start,
                );
            } else {
                b.start(
                    witness.clone(),
                    witness == "Witness",
                    RoleHint::Fixed(Role::Witness),
                    Some(TurnKind::Answer),
                    line_start,
                );
            }
            b.piece(i, rest);
            continue;
        }
        if let Some((label, end)) = colloquy(s) {
            let raw = normalise_label(label);
            let rest = line_start + end..l.range.end;
            if NOT_SPEAKERS.contains(&raw.as_str()) {
                b.close();
                continue;
            }
            let (label, role, placeholder) = if raw == "THE WITNESS" || raw == "THE DEPONENT" {
                (
                    witness.clone(),
                    RoleHint::Fixed(Role::Witness),
                    witness == "Witness",
                )
            } else if marked < 3 && !supreme {
                let role = unmarked_role(&raw);
                (raw, role, false)
            } else if !answers_marked && !supreme && !is_court_label(&raw) {
                // Questions marked `Q` and answered under a name (a press briefing): who
                // answers is decided by what they do.
                (raw, RoleHint::Infer, false)
            } else {
                let role = colloquy_role(&raw, examiner.as_deref(), supreme);
                (raw, RoleHint::Fixed(role), false)
            };
            // `MR. MANN: I pass the witness.` after questions nobody was named for: he asked.
            if examiner.is_none() && !placeholder && PASS_WITNESS.is_match(&text[rest.clone()]) {
                name_examiner(&mut b, &label, l.loc);
            }
            b.start(label, placeholder, role, None, line_start);
            b.piece(i, rest);
            continue;
        }
        // The witness's name in capitals, then a comma, and the oath on the same line or the
        // next (`DORIAN JOHNSON,` / `of lawful age, having been first duly sworn…`).
        let sworn_here =
            s.starts_with(|c: char| c.is_ascii_uppercase()) && s.contains(',') && SWORN.is_match(s);
        let sworn_below = !sworn_here
            && s.ends_with(',')
            && is_upper_line(s)
            && s.split_whitespace().count() <= 5
            && lines
                .get(i + 1)
                .is_some_and(|n| OATH.is_match(&text[n.range.clone()]));
        if (sworn_here || sworn_below)
            && let Some(c) = SWORN.captures(s).or_else(|| SWORN_NAME_ONLY.captures(s))
        {
            name_witness(&mut b, stretch, &witness);
            witness = normalise_label(c["who"].trim_end_matches('.'));
            stretch = b.parsed.turns.len();
            b.close();
            continue;
        }
        // A number alone on a line of text without numbered pages: a line or page number
        // left behind by a converter, not words.
        if l.loc.page.is_none() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // Descriptions of what happens in the room, in capitals between turns
        // (`VIDEO CLIP PLAYED.`), in text without numbered lines.
        if l.loc.page.is_none()
            && l.after_blank
            && !mostly_upper
            && is_upper_line(s)
            && s.split_whitespace().count() >= 2
        {
            b.close();
            continue;
        }
        if repeated[i] {
            let (n, _) = headers.entry(s.trim()).or_insert((0, l.loc));
            *n += 1;
            continue;
        }
        if b.open {
            b.piece(i, l.range.clone());
        } else {
            b.stray(l.loc);
        }
    }
    name_witness(&mut b, stretch, &witness);
    report_headers(&mut b.parsed.warnings, headers);
    b.finish()
}

/// What the examining lawyer says when done: `I pass the witness`, `No further questions`.
static PASS_WITNESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:pass the witness|no further questions|nothing further|I'll pass|that's all I have)\b",
    )
});

/// Questions asked under the placeholder `Examiner` were asked by `label`, who now says they
/// are done with the witness.
fn name_examiner(b: &mut Builder, label: &str, loc: Loc) {
    let Some(&placeholder) = b.label_ids.get("Examiner") else {
        return;
    };
    let id = match b.label_ids.get(label) {
        Some(&id) => id,
        None => {
            let id = b.parsed.labels.len() as u32;
            b.parsed.labels.push(label.to_owned());
            b.label_ids.insert(label.to_owned(), id);
            id
        }
    };
    let mut any = false;
    for t in &mut b.parsed.turns {
        if t.label == placeholder {
            t.label = id;
            t.placeholder = false;
            any = true;
        }
    }
    if any {
        b.parsed.warnings.push(Warning {
            loc: Some(loc),
            message: format!(
                "the questions before this point are given to {label}, who passes the witness here"
            ),
        });
    }
}

/// The longest parenthetical taken as one (`(Whereupon, … was marked for identification.)`).
const MAX_PAREN_LINES: usize = 8;

fn is_court_label(label: &str) -> bool {
    label == "THE COURT" || label.starts_with("JUDGE ") || label.contains("JUSTICE")
}

/// Whether a line's words end a sentence (so a bare marker on the next line starts a turn).
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
        .ends_with(['.', '?', '!', ':', '-', '—'])
}

/// `Mr. Martyn` in `Good morning, Mr. Martyn.` or `Mr. Thomas, did you…`: a title and a
/// name said to someone.
static VOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[,;:]\s*|\.\s+)(?P<title>Mr|Ms|Mrs|Miss|Dr|Doctor|Professor|Agent|Officer|Detective|Sergeant)\.?\s+(?P<name>[A-Z][A-Za-z'’\-]+)\s*(?:[,?.!]|$)",
    )
});

/// How often one name must be said to the witness before the rest of the stretch is skipped.
const VOCATIVES_ENOUGH: usize = 60;

/// Answers given under the placeholder `Witness` since turn `from`: if the examiner keeps
/// addressing someone by name (`Good morning, Mr. Martyn.`), that is who answers. A guess,
/// so it is reported.
fn name_witness(b: &mut Builder, from: usize, witness: &str) {
    if witness != "Witness" {
        return;
    }
    let Some(&placeholder) = b.label_ids.get("Witness") else {
        return;
    };
    let turns = &b.parsed.turns[from.min(b.parsed.turns.len())..];
    if !turns.iter().any(|t| t.label == placeholder) {
        return;
    }
    // The surnames of those who speak in this stretch (a few labels, however many turns).
    let mut ids: Vec<u32> = turns.iter().map(|t| t.label).collect();
    ids.sort_unstable();
    ids.dedup();
    let speakers: Vec<String> = ids
        .iter()
        .filter_map(|&id| b.parsed.labels[id as usize].split_whitespace().last())
        .map(str::to_uppercase)
        .collect();
    drop(ids);
    // Per name: weight, label, and whether a question said it.
    let mut counts: HashMap<String, (usize, String, bool)> = HashMap::new();
    // Line by line: a name is seldom broken over two lines, and nothing is copied.
    for t in turns.iter().filter(|t| t.label != placeholder) {
        let lines = b.parsed.pieces[t.pieces.start as usize..t.pieces.end as usize]
            .iter()
            .map(|p| &b.text[p.range.start as usize..p.range.end as usize]);
        for c in lines.flat_map(|line| VOCATIVE.captures_iter(line)) {
            let name = c["name"].to_uppercase();
            // Not a lawyer or judge who speaks in this stretch.
            if speakers.contains(&name) {
                continue;
            }
            let title = c["title"].to_uppercase();
            let e = counts
                .entry(name.clone())
                .or_insert((0, String::new(), false));
            // Said in a question, it is surely to the witness; in colloquy, maybe to anyone
            // (`Mr. Goodin, could you pull up…` to the technician).
            let asked = t.kind == Some(TurnKind::Question);
            e.0 += if asked { 2 } else { 1 };
            e.2 |= asked;
            e.1 = format!("{title}. {name}").replace("DOCTOR.", "DR.");
        }
        // Enough said: a long trial need not be read to the end to know whom it addresses.
        if counts.values().any(|c| c.0 >= VOCATIVES_ENOUGH) {
            break;
        }
    }
    let mut ranked: Vec<(usize, String)> = counts
        .into_values()
        .filter(|c| c.2)
        .map(|(n, name, _)| (n, name))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let Some((n, name)) = ranked.first().cloned() else {
        return;
    };
    // Twice at least, and more than anyone else.
    if n < 2 || ranked.get(1).is_some_and(|(m, _)| *m >= n) {
        return;
    }
    let id = match b.label_ids.get(name.as_str()) {
        Some(&id) => id,
        None => {
            let id = b.parsed.labels.len() as u32;
            b.parsed.labels.push(name.clone());
            b.label_ids.insert(name.clone(), id);
            id
        }
    };
    let mut first = None;
    for t in &mut b.parsed.turns[from..] {
        if t.label == placeholder {
            t.label = id;
            t.placeholder = false;
            first.get_or_insert(t.pieces.start);
        }
    }
    let loc = first
        .and_then(|p| b.parsed.pieces.get(p as usize))
        .map(|p| p.loc);
    b.parsed.warnings.push(Warning {
        loc,
        message: format!(
            "the witness is not named here; answers are given to {name}, whom the questions address by name (correct with `partly speaker FILE rename`)"
        ),
    });
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

/// Upper-case titles of legislators: in a hearing taken down by a court reporter they ask.
const MEMBER_LABELS: [&str; 16] = [
    "SENATOR",
    "SEN.",
    "REPRESENTATIVE",
    "REP.",
    "CONGRESSMAN",
    "CONGRESSWOMAN",
    "ASSEMBLYMAN",
    "ASSEMBLYWOMAN",
    "ASSEMBLY MEMBER",
    "ASSEMBLYMEMBER",
    "COUNCILMAN",
    "COUNCILWOMAN",
    "COUNCIL MEMBER",
    "COUNCILMEMBER",
    "DELEGATE",
    "CHAIR",
];

fn is_member_label(label: &str) -> bool {
    MEMBER_LABELS.iter().any(|t| label.starts_with(t))
        || label.starts_with("THE CHAIR")
        || label.starts_with("VICE CHAIR")
}

/// The role of an upper-case label in a transcript without `Q.`/`A.` markers (a hearing
/// taken down by a court reporter): judges preside, legislators ask, the rest is decided by
/// what they do.
fn unmarked_role(label: &str) -> RoleHint {
    if label == "THE COURT" || label.starts_with("JUDGE ") {
        RoleHint::Fixed(Role::Court)
    } else if is_member_label(label) {
        RoleHint::Fixed(Role::Examiner)
    } else if label == "THE WITNESS" || label == "THE DEPONENT" {
        RoleHint::Fixed(Role::Witness)
    } else if label.starts_with("THE ") || label.starts_with("UNIDENTIFIED") {
        RoleHint::Fixed(Role::Other)
    } else {
        RoleHint::Infer
    }
}

fn colloquy_role(label: &str, examiner: Option<&str>, supreme: bool) -> Role {
    if label == "THE COURT" || label.starts_with("JUDGE ") || label == "THE CHAIRMAN" {
        Role::Court
    } else if label.contains("JUSTICE") {
        if supreme { Role::Examiner } else { Role::Court }
    } else if label.starts_with("THE ") || label.starts_with("UNIDENTIFIED") {
        Role::Other
    } else if supreme {
        Role::Witness
    } else if Some(label) == examiner {
        Role::Examiner
    } else {
        Role::Counsel
    }
}

/// `MR.  SAVITT` → `MR. SAVITT`; keeps the label's own case.
fn normalise_label(s: &str) -> String {
    squeeze(s.trim().trim_end_matches(':'))
}

/// GPO hearing labels at the start of a paragraph: `Senator Durbin.`, `Mr. Zuckerberg.`.
pub static HEARING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<label>The[ \t]+(?:Chairman|Chairwoman|Chair|Clerk|President)|Voice|(?:Senator|Chair|Chairman|Chairwoman|Vice[ \t]+Chair(?:man|woman)?|Ranking[ \t]+Member|Representative|Congressman|Congresswoman|Delegate|Mr|Ms|Mrs|Miss|Dr|Secretary|General|Admiral|Director|Commissioner|Ambassador|Governor|Judge|Leader|Speaker)\.?(?:[ \t]+(?:[A-Z][A-Za-z'’\-]+|de|van|von|del|la)){1,3}(?:[ \t]+of[ \t]+[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)?)(?:[ \t]*\[continuing\])?\.[ \t]+",
    )
});
/// Titles that make a hearing speaker a member (an examiner).
const MEMBER_TITLES: [&str; 11] = [
    "Senator",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Vice",
    "Ranking",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Delegate",
    "The",
];

/// The surname in a hearing label: `Mr. Baker of California` → `baker`,
/// `Chairman Dodd` → `dodd`.
fn hearing_surname(label: &str) -> String {
    let name = label.split(" of ").next().unwrap_or(label);
    name.split_whitespace()
        .last()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase()
}

/// What a hearing's front matter says of the people in it: the committee's roster (members,
/// who ask) and the witness list (`STATEMENT OF …`, `Mr. W. Henson Moore, Former Deputy…`).
/// Surnames, lower-cased; a surname in both lists decides nothing.
#[derive(Debug, Default)]
struct FrontMatter {
    members: std::collections::HashSet<String>,
    witnesses: std::collections::HashSet<String>,
}

/// `DANA ROHRABACHER, California` in a roster (one or two columns a line).
static ROSTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s{2,})(?:[A-Z][A-Z.'’\-]*\.?[ ](?:\([A-Za-z]+\)[ ])?){0,3}(?P<surname>(?:Mc|Mac)?[A-Z][A-Z'’\-]+)(?:,?[ ](?:Jr|Sr|II|III|IV)\.?)?,[ ](?:[A-Z][a-z]+)",
    )
});
/// A witness in the contents or a heading: `Mr. W. Henson Moore, Former…`, `Hon. Henry M.
/// Paulson, Jr., Secretary…`, `STATEMENT OF JOHN SMITH, DIRECTOR`.
static WITNESS_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:Mr|Ms|Mrs|Dr|Hon|Honorable|Prof|Professor|Adm|Gen|Admiral|General)\.?[ ]+(?:[A-Z][A-Za-z.'’\-]*[ ]+){0,3}(?P<s1>(?:Mc|Mac)?[A-Z][A-Za-z'’\-]+)|(?:STATEMENT|TESTIMONY|PREPARED STATEMENT)[ ]+OF[ ]+(?:[A-Z][A-Z.'’\-]*[ ]+){0,3}(?P<s2>(?:Mc|Mac)?[A-Z][A-Za-z'’\-]+))(?:,?[ ](?:Jr|Sr|II|III|IV)\.?)?,",
    )
});

/// `Members present: Frank Field (Chair); Heidi Allen; …`, `Witnesses: David Finch, …`.
static LISTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:(?P<members>members present|members|committee members|present)|(?P<witnesses>witnesses|examination of witnesses|witness))\s*:\s*(?P<names>.+)$",
    )
});
/// `Q173 ` before a UK select-committee question's label.
static UK_QUESTION: LazyLock<Regex> = LazyLock::new(|| re(r"^Q\d{1,5}[ \t]+"));

/// The last word of a name, lower-cased: `Victoria Todd` → `todd`.
fn surname_of(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '(')
        .filter(|w| !w.is_empty())
        .rfind(|w| w.chars().next().is_some_and(char::is_uppercase))
        .unwrap_or("")
        .trim_end_matches(['.', ',', ')'])
        .to_lowercase()
}

impl FrontMatter {
    fn read(text: &str, lines: &[ContentLine]) -> Self {
        let mut f = FrontMatter::default();
        // `Examination of witnesses` on its own, the names on the next line.
        let mut witness_names_next = false;
        for l in lines {
            let s = &text[l.range.clone()];
            if witness_names_next {
                witness_names_next = false;
                for name in s.split([',', ';']).flat_map(|p| p.split(" and ")) {
                    let name = name.split(['(', ':']).next().unwrap_or("").trim();
                    if (2..=5).contains(&name.split_whitespace().count()) {
                        f.witnesses.insert(surname_of(name));
                    }
                }
            }
            let lower = s.trim().to_lowercase();
            if lower == "examination of witnesses" || lower == "witnesses" {
                witness_names_next = true;
                continue;
            }
            if let Some(c) = LISTED.captures(s.trim()) {
                let into = if c.name("members").is_some() {
                    &mut f.members
                } else {
                    &mut f.witnesses
                };
                for name in c["names"].split([',', ';']).flat_map(|p| p.split(" and ")) {
                    let name = name.split('(').next().unwrap_or("").trim();
                    if (2..=5).contains(&name.split_whitespace().count()) {
                        into.insert(surname_of(name));
                    }
                }
                continue;
            }
            if let Some(c) = WITNESS_ENTRY.captures(s.trim_start()) {
                if let Some(m) = c.name("s1").or(c.name("s2")) {
                    f.witnesses.insert(m.as_str().to_lowercase());
                }
                continue;
            }
            for c in ROSTER.captures_iter(s) {
                f.members.insert(c["surname"].to_lowercase());
            }
        }
        f
    }

    fn role_of(&self, surname: &str) -> Option<Role> {
        match (
            self.members.contains(surname),
            self.witnesses.contains(surname),
        ) {
            (true, false) => Some(Role::Examiner),
            (false, true) => Some(Role::Witness),
            _ => None,
        }
    }
}

/// Legislative hearings: labelled paragraphs; unlabelled paragraphs continue the speaker.
pub fn hearing(text: &str, lines: &[ContentLine]) -> Parsed {
    let mut b = Builder::new(text, lines);
    // GPO indents paragraph starts; when labels are indented, only indented lines start turns.
    let labelled: Vec<&ContentLine> = lines
        .iter()
        .filter(|l| HEARING.is_match(&text[l.range.clone()]))
        .collect();
    let indented = labelled.iter().filter(|l| l.indent >= 2).count();
    let need_indent = indented * 2 > labelled.len();
    let mut skipping = false;
    let mut in_bracket = false;
    // Who is a member and who a witness, as the front matter lists them.
    let first_label = labelled.first().map_or(lines.len(), |f| {
        lines
            .iter()
            .position(|l| l.range == f.range)
            .unwrap_or(lines.len())
    });
    let front = FrontMatter::read(text, &lines[..first_label]);
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        let para_start = if need_indent {
            l.indent >= 2
        } else {
            l.after_blank || l.indent >= 2
        };
        if para_start && let Some(c) = HEARING.captures(s) {
            let label = normalise_label(&c["label"]);
            let first = label.split_whitespace().next().unwrap_or("");
            let surname = hearing_surname(&label);
            // The front matter first: a senator can be a witness before another committee.
            let role = if first == "Voice" {
                RoleHint::Fixed(Role::Other)
            } else if let Some(role) = front.role_of(&surname) {
                RoleHint::Fixed(role)
            } else if MEMBER_TITLES.contains(&first) {
                RoleHint::Fixed(Role::Examiner)
            } else {
                RoleHint::Infer
            };
            b.start(label, false, role, None, l.range.start);
            b.piece(
                i,
                l.range.start + c.get(0).map_or(0, |m| m.end())..l.range.end,
            );
            skipping = false;
            continue;
        }
        if in_bracket {
            in_bracket = !s.contains(']');
            continue;
        }
        if s.starts_with('[') {
            // A bracketed note (`[Applause.]`, `[Pages 79 - 406--The official Committee record
            // contains additional material…]`) is not testimony, however many lines it takes.
            in_bracket = !s.contains(']');
            b.close();
            if s.contains("follow") || s.contains("prepared") {
                skipping = true;
            }
            continue;
        }
        if heading(s) || (is_upper_line(s) && para_start && s.len() > 12) {
            b.close();
            skipping = true;
            continue;
        }
        if b.open && !skipping {
            b.piece(i, l.range.clone());
        } else {
            b.stray(l.loc);
        }
    }
    b.finish()
}

/// `Name:` labels: words starting with a capital (`OpenAI Lawyer William Savitt:`), or a short
/// run of Han characters, followed by an ASCII or full-width colon.
static NAME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // A label starts a word (`xAI. Savitt:` is `Savitt`, not `I. Savitt`); after its first
    // word it may hold a title in lower case or in Chinese (`OpenAI attorney William
    // Savitt:`, `OpenAI 律师 William Savitt：`), and ends in a name. News-wire transcripts
    // describe the speaker in capitals after a comma (`BIANNA GOLODRYGA, CNN ANCHOR:`): the
    // description is kept out of the name.
    re(
        r"(?:^|[\s\x22“(\[—–])(?P<label>\p{Lu}[\p{L}\p{M}\p{N}'’.\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|\p{Han}{1,6}|de|van|von|der|da|di|bin|al|la|le|attorney|lawyer|counsel|prosecutor|judge|senator|representative|witness|defendant|plaintiff|chairman|chairwoman|president|secretary|minister|spokesman|spokeswoman|spokesperson|host|anchor|correspondent|reporter|moderator|interviewer|professor|director|official|member|lead)){0,5}|\p{Han}{1,8})(?:[ \t]*\((?P<paren>[^()\n]{1,40})\))?(?P<desc>(?:,[ \t]+\p{Lu}[\p{Lu}\p{N}'’.\-]*(?:[ \t]+(?:\p{Lu}[\p{Lu}\p{N}'’.\-]*|OF|AND|FOR|THE|D\.C\.)){0,6}){1,3})?[ \t]*[:：][ \t]*",
    )
});

/// Words that show a line is the speaker talking (first or second person), not an article
/// talking about them.
const SPEECH_WORDS: [&str; 14] = [
    "i", "i'm", "i've", "i'd", "i'll", "me", "my", "we", "we're", "our", "us", "you", "your",
    "you're",
];
/// Words that show narration: the article reporting what was said.
const NARRATION_WORDS: [&str; 14] = [
    "said",
    "says",
    "asked",
    "asks",
    "told",
    "testified",
    "replied",
    "responded",
    "answered",
    "explained",
    "added",
    "wrote",
    "according",
    "reported",
];

/// A name on a line of its own: two to five capitalised words or initials (a suffix such as
/// `Jr.` allowed), maybe a timestamp, and no sentence. Only names that head three turns or
/// more in the text count, so a byline or a heading is not taken for a speaker.
fn name_lines(text: &str, lines: &[ContentLine]) -> Vec<NameCandidate> {
    static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?P<name>\p{Lu}[\p{L}'’\-]*\.?(?:[ ]+(?:\p{Lu}[\p{L}'’\-]*\.?|de|van|von|der|da|di|del|la|le)){1,4}(?:,[ ]+(?:Jr|Sr|II|III|IV)\.?)?)[ ]*(?:\(?\d{1,2}:\d{2}(?::\d{2})?\)?)?[ ]*:?$",
        )
    });
    let mut found: Vec<NameCandidate> = Vec::new();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        let s = text[l.range.clone()].trim_end();
        // A name line stands above words of its own.
        if i + 1 >= lines.len() {
            continue;
        }
        // A name ends in a name, an initial or a suffix, not a sentence (`Ms. Flint.`).
        let sentence_end = s.ends_with('.')
            && !s
                .split_whitespace()
                .last()
                .is_some_and(|w| w.len() <= 2 || ["Jr.", "Sr."].contains(&w));
        if !sentence_end
            && let Some(c) = NAME_LINE.captures(s)
            && let Some(name) = c.name("name")
            && s.split_whitespace().count() <= 7
            && !is_upper_line(name.as_str())
        {
            *counts.entry(name.as_str()).or_default() += 1;
            found.push(NameCandidate {
                line: i,
                range: l.range.start..l.range.start + s.len(),
                label: name.as_str().to_owned(),
                at_line_start: true,
            });
        }
    }
    // Three names that each head three turns make the layout; then a name heading fewer
    // (a justice who asks once) is a speaker too.
    let recurring = counts.values().filter(|&&n| n >= 3).count();
    if recurring < 2 {
        found.retain(|c| counts.get(c.label.as_str()).copied().unwrap_or(0) >= 3);
    }
    found
}

/// Page furniture in text printed from a browser: `1 of 48   22/08/2025, 00:01`, a URL line.
fn is_page_furniture(s: &str) -> bool {
    static FURNITURE: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(?:\d{1,4}[ ]+of[ ]+\d{1,4}\b|\S*https?://\S+$)|https?://\S+[ ]*$"));
    FURNITURE.is_match(s.trim())
}

/// Verbs of saying that Chinese reports put after a name before the colon.
const SPEECH_VERBS: [&str; 20] = [
    "回答说",
    "回答說",
    "回答",
    "答道",
    "反问",
    "反問",
    "追问",
    "追問",
    "问道",
    "問道",
    "表示",
    "反驳",
    "反駁",
    "回应",
    "回應",
    "说",
    "說",
    "问",
    "問",
    "答",
];

/// `馬斯克回答` → `馬斯克`; other labels as they are.
fn strip_speech_verb(label: &str) -> &str {
    if !label.chars().all(super::model::is_han) {
        return label;
    }
    SPEECH_VERBS
        .iter()
        .find_map(|v| label.strip_suffix(v))
        .unwrap_or(label)
}

/// A line that is only a bracketed or parenthesised note: a timestamp, `(LAUGHTER)`.
fn is_stage_note(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with('[') && s.ends_with(']')) || (s.starts_with('(') && s.ends_with(')'))
}

/// A short line that ends no sentence: a headline, a caption, page furniture.
fn is_title(s: &str) -> bool {
    let s = s.trim();
    let ends = s
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '」', '』'])
        .ends_with(['.', '?', '!', '。', '？', '！', '…', '-', '—']);
    let short = s.split_whitespace().count() < 12 && s.chars().count() < 60;
    !ends && short
}

/// Whether a line narrates (an article reporting what was said) rather than speaks.
fn narrates(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| NARRATION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether an unlabelled line right after a turn still reads as that speaker talking: it
/// speaks in the first or second person and does not narrate. Article prose after a quoted
/// exchange ("Distillation is a technique in which…") does neither.
fn reads_as_speech(s: &str) -> bool {
    if s.chars().any(super::model::is_han) {
        return (s.contains('我') || s.contains('你')) && !s.contains('说') && !s.contains('問');
    }
    let words: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    words.iter().any(|w| SPEECH_WORDS.contains(&w.as_str()))
        && !words.iter().any(|w| NARRATION_WORDS.contains(&w.as_str()))
}
/// Labels that are not people.
const NOT_NAMES: [&str; 36] = [
    "tel",
    "fax",
    "e-mail",
    "email",
    "phone",
    "telephone",
    "web",
    "www",
    "by",
    "and",
    "attn",
    "cell",
    "note",
    "source",
    "sources",
    "photo",
    "updated",
    "published",
    "editor's note",
    "related",
    "read more",
    "subscribe",
    "advertisement",
    "transcript",
    "date",
    "time",
    "location",
    "subject",
    "from",
    "to",
    "re",
    "cc",
    "update",
    "correction",
    "warning",
    "q",
];

#[derive(Debug, Clone)]
struct NameCandidate {
    line: usize,
    /// Byte range of the label (name and colon) in the text.
    range: Range<usize>,
    label: String,
    at_line_start: bool,
}

fn boundary_before(prefix: &str) -> bool {
    match prefix.trim_end().chars().last() {
        None => true,
        Some(c) => {
            prefix.ends_with(char::is_whitespace)
                && matches!(
                    c,
                    '.' | '?'
                        | '!'
                        | ':'
                        | ';'
                        | '"'
                        | '”'
                        | '’'
                        | ')'
                        | ']'
                        | '…'
                        | '。'
                        | '？'
                        | '！'
                        | '」'
                        | '』'
                        | '—'
                )
        }
    }
}

/// Press style: `Name: text` turns, one per line or several inline in a paragraph.
/// Inline labels count only when the same speaker is labelled more than once, so that
/// "Washington: ..." in running prose does not become a speaker.
pub fn name_colon(text: &str, lines: &[ContentLine]) -> Parsed {
    let mut candidates = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        for c in NAME_LABEL.captures_iter(s) {
            let (Some(m), Some(label)) = (c.get(0), c.name("label")) else {
                continue;
            };
            // The match may begin with the blank before the label.
            let m_start = label.start();
            // Chinese reports put the verb of saying in the label (`馬斯克回答：`, `巴倫問：`):
            // the speaker is the name before it.
            let name = strip_speech_verb(label.as_str().trim());
            if name.is_empty() {
                continue;
            }
            let lower = name.to_lowercase();
            let single_letter = name.chars().count() == 1;
            let is_sentence = name.split_whitespace().count() > 1
                && name.split_whitespace().all(|w| w.len() <= 3)
                && !name.contains('.');
            if NOT_NAMES.contains(&lower.as_str())
                || single_letter
                || is_sentence
                || m.end() == s.len()
            {
                continue;
            }
            let at_line_start = m_start == 0;
            if !at_line_start && !boundary_before(&s[..m_start]) {
                continue;
            }
            candidates.push(NameCandidate {
                line: i,
                range: l.range.start + m_start..l.range.start + m.end(),
                label: name.to_owned(),
                at_line_start,
            });
        }
    }
    // Transcripts printed from web players put each speaker's name on a line of its own
    // (`John G. Roberts, Jr.`, `Tacy F. Flint`, `Jane Doe (00:01:12):`) above the words.
    let name_lines = name_lines(text, lines);
    let mut speaker_lines = name_lines.iter().peekable();
    let mut merged = Vec::with_capacity(candidates.len() + name_lines.len());
    for c in candidates {
        while let Some(n) = speaker_lines.next_if(|n| n.line < c.line) {
            merged.push(n.clone());
        }
        if speaker_lines.peek().is_some_and(|n| n.line == c.line) {
            speaker_lines.next();
        }
        merged.push(c);
    }
    merged.extend(speaker_lines.cloned());
    let mut candidates = merged;
    let by_name_lines = name_lines.len() >= 3;
    // Keep line-start labels, and inline labels whose speaker is labelled at least twice.
    let labels: Vec<String> = candidates.iter().map(|c| c.label.clone()).collect();
    let mut distinct: Vec<String> = labels.clone();
    distinct.sort();
    distinct.dedup();
    let (clusters, _) = cluster_labels(&distinct, &[]);
    let cluster_of = |label: &str| {
        distinct
            .binary_search_by(|d| d.as_str().cmp(label))
            .ok()
            .map(|i| clusters[i])
    };
    let mut per_cluster: HashMap<usize, usize> = HashMap::new();
    for l in &labels {
        if let Some(c) = cluster_of(l) {
            *per_cluster.entry(c).or_default() += 1;
        }
    }
    let mut warnings = Vec::new();
    candidates.retain(|c| {
        let keep = c.at_line_start
            || cluster_of(&c.label).is_some_and(|k| per_cluster.get(&k).copied().unwrap_or(0) >= 2);
        if !keep {
            warnings.push(Warning {
                loc: Some(lines[c.line].loc),
                message: format!(
                    "\"{}:\" inside prose looks like a label but names no other turn; read as text",
                    c.label
                ),
            });
        }
        keep
    });

    // The front matter's lists of members and witnesses, before the first turn.
    let first_turn = candidates.first().map_or(lines.len(), |c| c.line);
    let front = FrontMatter::read(text, &lines[..first_turn]);
    let mut b = Builder::new(text, lines);
    // A transcript (most paragraphs labelled) continues a speaker in unlabelled paragraphs;
    // an article (most paragraphs prose) does not.
    let paragraphs = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.after_blank)
        .count();
    let labelled_paragraphs = candidates
        .iter()
        .filter(|c| c.at_line_start && (c.line == 0 || lines[c.line].after_blank))
        .count();
    let transcript_like = labelled_paragraphs * 2 >= paragraphs;
    let mut next = candidates.iter().peekable();
    // Whether the text wraps its lines inside sentences (then an unlabelled line continues
    // the turn) or gives each paragraph a line of its own (then it may be article prose).
    let mut prev_ends_sentence = true;
    for (i, l) in lines.iter().enumerate() {
        let mut pos = l.range.start;
        let mut labelled_here = false;
        let s = &text[l.range.clone()];
        // `[11:30:00]`, `(LAUGHTER)`, a browser's page header: neither words of the turn nor
        // the end of it.
        if next.peek().is_none_or(|c| c.line != i)
            && (is_stage_note(s) || (by_name_lines && is_page_furniture(s)))
        {
            continue;
        }
        let sentence_before = std::mem::replace(&mut prev_ends_sentence, ends_sentence(s));
        let continues = if by_name_lines {
            // The speaker goes on until the next name line; page furniture aside.
            !is_page_furniture(s)
        } else if l.after_blank {
            !is_title(s) && (reads_as_speech(s) || (transcript_like && !narrates(s)))
        } else {
            // One paragraph a line with no blank between: only speech continues a turn
            // (a news report puts its prose on the next line).
            !sentence_before || reads_as_speech(s)
        };
        while let Some(c) = next.next_if(|c| c.line == i) {
            // Text before the first label of a line: continuation or prose.
            if c.range.start > pos {
                let before = pos..c.range.start;
                if labelled_here || (b.open && continues) {
                    b.piece(i, trim_range(text, before));
                } else if !text[before].trim().is_empty() {
                    b.close();
                    b.stray(l.loc);
                }
            }
            // `Q173       Chair:`: a numbered question of UK select-committee evidence.
            let (label, numbered) = match UK_QUESTION.find(&c.label) {
                Some(m) => (c.label[m.end()..].to_owned(), true),
                None => (c.label.clone(), false),
            };
            let role = if numbered {
                RoleHint::Fixed(Role::Examiner)
            } else {
                match front.role_of(&surname_of(&label)) {
                    Some(r) => RoleHint::Fixed(r),
                    None => RoleHint::Infer,
                }
            };
            let kind = numbered.then_some(TurnKind::Question);
            b.start(label, false, role, kind, c.range.start);
            pos = c.range.end;
            labelled_here = true;
        }
        let rest = pos..l.range.end;
        if labelled_here || (b.open && continues) {
            b.piece(i, trim_range(text, rest));
        } else {
            b.close();
            b.stray(l.loc);
        }
    }
    let mut parsed = b.finish();
    parsed.warnings.splice(0..0, warnings);
    parsed
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
