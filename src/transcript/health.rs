//! Import health: partly judging its own reading of a file, so that a bad reading is said
//! out loud instead of shown as if it were right.
//!
//! A reading is judged on signs that do not depend on the layout: how much of the text ended
//! up in turns, whether the lines that start with a `Q`/`A` marker start questions and answers,
//! whether turns hold another speaker's marker after a sentence end (two turns glued into one),
//! whether answers have questions, whether questions and answers alternate, and whether the
//! speakers fall into askers and answerers at all. The thresholds are deliberately blunt: the
//! verdict is a warning light, and [`Health::worst`] says where to look.

use super::grammar::{NOT_SPEAKERS, Parsed, bare_marker, colloquy, qa_marker};
use super::layout::ContentLine;
use super::model::{Format, LineCounts, Loc, Role, Transcript, TurnKind};
use regex::Regex;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The overall judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Good,
    Doubtful,
    Poor,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Doubtful => "doubtful",
            Verdict::Poor => "poor",
        }
    }
}

/// One place that makes the reading doubtful, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub start: Loc,
    pub why: String,
}

/// How well a file was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Health {
    /// Content lines.
    pub lines: u32,
    /// Share of content lines that are in some turn (0–1).
    pub lines_in_turns: f64,
    /// Lines that begin with a `Q`/`A` marker.
    pub marker_lines: u32,
    /// Share of those that begin a question or an answer (1 when there are none).
    pub marker_lines_read: f64,
    /// Share of questions followed by an answer before the next question (`None` without
    /// questions).
    pub qa_alternation: Option<f64>,
    pub answers_without_question: u32,
    /// Turns that hold another turn's `Q`/`A` marker or speaker label after a sentence end.
    pub turns_with_inner_markers: u32,
    /// Lines that look like testimony (a marker, a speaker label) and are in no turn.
    pub dropped_lines: u32,
    pub verdict: Verdict,
    /// The places that weigh most, first: at most [`WORST`].
    pub worst: Vec<Place>,
    /// What the user could try, in words.
    pub advice: Vec<String>,
}

/// How many places [`Health::worst`] lists.
pub const WORST: usize = 8;

/// A `Q`/`A` marker or an upper-case colloquy label right after a sentence end.
static INNER_QA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"[.?!]["”’)\]]?\s+(?:\d{1,2}\s+)?(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(?:Q[.:]?\s+["“]?\p{Lu}|A[.:]\s+["“]?\p{Lu}|(?:THE (?:COURT|WITNESS)|(?:MR|MS|MRS|DR)\.? [A-Z][A-Z'’\-]+)\s?:)"#,
    )
    .expect("static regex")
});
/// A `Name:` label right after a sentence end (checked against the transcript's labels).
static INNER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"[.?!。？！]["”’)\]]?\s*(?P<label>\p{Lu}[\p{L}'’.\-]*(?:[ ]\p{Lu}[\p{L}'’.\-]*){0,3}|\p{Han}{1,8})[ ]?[:：]\s"#,
    )
    .expect("static regex")
});

/// Judges a reading. Pure: the same transcript gives the same health.
pub fn assess(t: &Transcript) -> Health {
    let c = &t.lines;
    let mut worst: Vec<(u8, Place)> = Vec::new();
    let mut advice = Vec::new();

    // Lines with a Q/A marker: which start a question or an answer.
    // Sorted lists, not sets: turns come in reading order, so they are nearly sorted already,
    // and a long trial has a hundred thousand of them.
    let sorted = |mut v: Vec<Loc>| {
        v.sort_unstable();
        v
    };
    let qa_starts = sorted(
        t.turns
            .iter()
            .filter(|x| matches!(x.kind, TurnKind::Question | TurnKind::Answer))
            .map(|x| x.start)
            .collect(),
    );
    let any_starts = sorted(t.turns.iter().map(|x| x.start).collect());
    let marker_lines = c.marked.len() as u32;
    let mut read = 0u32;
    for &loc in &c.marked {
        if qa_starts.binary_search(&loc).is_ok() {
            read += 1;
        } else {
            let why = if any_starts.binary_search(&loc).is_ok() {
                "begins with a Q/A marker but was not read as a question or an answer"
            } else {
                "begins with a Q/A marker but starts no turn"
            };
            worst.push((
                2,
                Place {
                    start: loc,
                    why: why.into(),
                },
            ));
        }
    }
    let marker_lines_read = if marker_lines == 0 {
        1.0
    } else {
        f64::from(read) / f64::from(marker_lines)
    };

    // Turns that swallowed another turn.
    let labels: HashSet<String> = t
        .speakers
        .iter()
        .flat_map(|s| s.labels().map(str::to_lowercase))
        .collect();
    let mut inner = 0u32;
    for turn in &t.turns {
        // Most turns hold neither a colon nor a `Q`/`A` after a blank: no search needed.
        let b = turn.text.as_bytes();
        let maybe = memchr::memchr(b':', b).is_some()
            || turn.text.contains('：')
            || memchr::memchr2_iter(b'Q', b'A', b).any(|i| {
                i > 0 && b[i - 1] == b' ' && matches!(b.get(i + 1), Some(b' ' | b'.' | b':'))
            });
        if !maybe {
            continue;
        }
        let qa = INNER_QA.find(&turn.text).map(|m| m.start());
        // Mixed-case labels inside a turn matter where labels are names (press, hearings);
        // court layouts' labels are capitals, which the search above covers.
        let names = matches!(t.format, Format::NameColon | Format::Hearing);
        let name = names
            .then(|| INNER_NAME.captures_iter(&turn.text))
            .into_iter()
            .flatten()
            .find_map(|m| {
                let label = m.name("label")?;
                labels
                    .contains(&label.as_str().to_lowercase())
                    .then(|| label.start())
            });
        if let Some(at) = qa.into_iter().chain(name).min() {
            inner += 1;
            let snippet: String = turn.text[at..]
                .trim_start_matches(['.', '?', '!', '"', '”', '’', ')', ']', ' '])
                .chars()
                .take(40)
                .collect();
            worst.push((
                3,
                Place {
                    start: turn.loc_at(at),
                    why: format!("another turn seems glued into this one: \"{snippet}…\""),
                },
            ));
        }
    }

    // Answers and questions.
    let questions = t
        .turns
        .iter()
        .filter(|x| x.kind == TurnKind::Question)
        .count();
    let answers = t
        .turns
        .iter()
        .filter(|x| x.kind == TurnKind::Answer)
        .count();
    let mut orphans = 0u32;
    for turn in t.turns.iter().filter(|x| x.kind == TurnKind::Answer) {
        if turn.answers.is_none() {
            orphans += 1;
            worst.push((
                1,
                Place {
                    start: turn.start,
                    why: "an answer with no question before it".into(),
                },
            ));
        }
    }
    let qa_alternation = (questions > 0).then(|| {
        let mut answered = 0usize;
        let mut open = false;
        for turn in &t.turns {
            match turn.kind {
                TurnKind::Question => {
                    open = true;
                }
                TurnKind::Answer if open => {
                    answered += 1;
                    open = false;
                }
                _ => {}
            }
        }
        answered as f64 / questions as f64
    });

    for &loc in c.dropped.iter() {
        worst.push((
            2,
            Place {
                start: loc,
                why: "looks like testimony (a Q/A marker or a speaker label) but is in no turn"
                    .into(),
            },
        ));
    }
    let dropped_lines = c.dropped.len() as u32;
    let lines_in_turns = if c.content == 0 {
        0.0
    } else {
        f64::from(c.in_turns) / f64::from(c.content)
    };

    // The verdict: the worst sign decides.
    let turns = t.turns.len();
    let frac = |n: u32, of: usize| {
        if of == 0 {
            0.0
        } else {
            f64::from(n) / of as f64
        }
    };
    let mut verdict = Verdict::Good;
    let mut flag = |v: Verdict, why: String, advice: &mut Vec<String>| {
        verdict = verdict.max(v);
        advice.push(why);
    };
    let roles: HashSet<Role> = t.speakers.iter().map(|s| s.role).collect();
    if turns == 0 {
        flag(
            Verdict::Poor,
            format!(
                "no turns were read as {}: try another --format",
                t.format.describe()
            ),
            &mut advice,
        );
    } else {
        if marker_lines >= 5 && questions + answers == 0 {
            flag(
                Verdict::Poor,
                format!(
                    "{marker_lines} lines begin with Q/A markers, yet no question or answer was read: try --format qa"
                ),
                &mut advice,
            );
        } else if marker_lines >= 5 && marker_lines_read < 0.95 {
            let v = if marker_lines_read < 0.6 {
                Verdict::Poor
            } else {
                Verdict::Doubtful
            };
            flag(
                v,
                format!(
                    "{} of {marker_lines} lines that begin with a Q/A marker do not begin a question or an answer",
                    marker_lines - read
                ),
                &mut advice,
            );
        }
        if inner > 0 {
            let f = frac(inner, turns);
            let v = if f >= 0.1 && inner >= 3 {
                Verdict::Poor
            } else if f >= 0.02 || inner >= 3 {
                Verdict::Doubtful
            } else {
                Verdict::Good
            };
            if v > Verdict::Good {
                flag(
                    v,
                    format!("{inner} turn(s) seem to hold another speaker's turn"),
                    &mut advice,
                );
            }
        }
        if answers >= 3 {
            let f = frac(orphans, answers);
            if f >= 0.5 {
                flag(
                    Verdict::Poor,
                    format!("{orphans} of {answers} answers follow no question"),
                    &mut advice,
                );
            } else if f > 0.2 {
                flag(
                    Verdict::Doubtful,
                    format!("{orphans} of {answers} answers follow no question"),
                    &mut advice,
                );
            }
        }
        if dropped_lines > 0 && (dropped_lines >= 3 || frac(dropped_lines, turns) >= 0.02) {
            flag(
                Verdict::Doubtful,
                format!("{dropped_lines} line(s) that look like testimony are in no turn"),
                &mut advice,
            );
        }
        if questions > 0 && answers == 0 && turns >= 2 {
            flag(
                Verdict::Doubtful,
                format!("{questions} question(s) but no answer was found"),
                &mut advice,
            );
        }
        if questions + answers == 0 && turns >= 4 {
            flag(
                Verdict::Doubtful,
                "no questions or answers were found, only statements: if this is an exchange, try another --format"
                    .into(),
                &mut advice,
            );
        } else if turns >= 6 && !(roles.contains(&Role::Examiner) && roles.contains(&Role::Witness))
        {
            flag(
                Verdict::Doubtful,
                "the speakers were not told apart into askers and answerers: check roles in the speaker manager"
                    .into(),
                &mut advice,
            );
        }
        if let Some(a) = qa_alternation
            && questions >= 5
            && a < 0.5
        {
            flag(
                Verdict::Doubtful,
                format!(
                    "only {:.0}% of questions are followed by an answer",
                    a * 100.0
                ),
                &mut advice,
            );
        }
        // Articles are mostly prose around a short exchange; anything else, or a long text
        // where almost no exchange was found, should be mostly turns.
        let little_read = c.content >= 50 && questions + answers < 4;
        if c.content >= 50 && turns <= 2 {
            flag(
                Verdict::Doubtful,
                format!(
                    "only {turns} turn(s) in {} lines: the layout may not be what partly took it for",
                    c.content
                ),
                &mut advice,
            );
        }
        if c.content >= 20
            && lines_in_turns < 0.25
            && (t.format != Format::NameColon || little_read)
        {
            flag(
                Verdict::Doubtful,
                format!(
                    "only {:.0}% of the text was read into turns",
                    lines_in_turns * 100.0
                ),
                &mut advice,
            );
        }
    }

    if verdict > Verdict::Good
        && let Some(f) = t.better_format
    {
        advice.push(format!(
            "read as {} it looks better: choose it under \"Read as\" in the import report, or `--format {}`",
            f.describe(),
            f.name()
        ));
    }
    worst.sort_by_key(|(weight, p)| (std::cmp::Reverse(*weight), p.start));
    worst.dedup_by(|a, b| a.1.start == b.1.start);
    worst.truncate(WORST);
    if verdict == Verdict::Good {
        worst.clear();
    }
    Health {
        lines: c.content,
        lines_in_turns,
        marker_lines,
        marker_lines_read,
        qa_alternation,
        answers_without_question: orphans,
        turns_with_inner_markers: inner,
        dropped_lines,
        verdict,
        worst: worst.into_iter().map(|(_, p)| p).collect(),
        advice,
    }
}

/// The words after a line number and a realtime timestamp, if the line starts with them.
fn strip_margin(s: &str) -> &str {
    let mut rest = s;
    for _ in 0..3 {
        let t = rest.trim_start();
        let digits = t.len()
            - t.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
                .len();
        if digits == 0 || digits > 8 || !t[digits..].starts_with([' ', '\t']) {
            break;
        }
        rest = &t[digits..];
    }
    rest.trim_start()
}

/// Counts what [`assess`] needs of the lines, once the grammar has read them.
pub fn count_lines(text: &str, lines: &[ContentLine], parsed: &Parsed) -> LineCounts {
    let bare_questions = lines
        .iter()
        .filter(|l| bare_marker(&text[l.range.clone()]) == Some(true))
        .take(3)
        .count();
    // Which lines gave words to a turn: pieces and lines both come in the text's order, so
    // one walk through both finds them (by byte offset, which is unique where page:line may
    // repeat).
    let mut used = vec![false; lines.len()];
    let mut p = 0;
    for (i, l) in lines.iter().enumerate() {
        let pieces = &parsed.pieces;
        while p < pieces.len() && (pieces[p].range.start as usize) < l.range.start {
            p += 1;
        }
        used[i] = pieces
            .get(p)
            .is_some_and(|piece| (piece.range.start as usize) < l.range.end.max(l.range.start + 1));
    }
    let mut counts = LineCounts {
        content: lines.len() as u32,
        in_turns: used.iter().filter(|&&u| u).count() as u32,
        ..LineCounts::default()
    };
    // Testimony-looking lines are only counted as lost once testimony has begun: the front
    // matter's `APPEARANCES:` and the like come before.
    let mut begun = false;
    for (l, &in_turn) in lines.iter().zip(&used) {
        let s = &text[l.range.clone()];
        // In text read without pages, a line number or a timestamp may still stand before
        // the marker (`12 Q. Did you…`, `10:03:15 A. Yes`): the marker counts all the same.
        let s = if l.loc.page.is_none() {
            strip_margin(s)
        } else {
            s
        };
        let marked = qa_marker(s).is_some() || (bare_questions >= 3 && bare_marker(s).is_some());
        if marked {
            counts.marked.push(l.loc);
        }
        begun |= in_turn;
        let labelled = colloquy(s).is_some_and(|(label, _)| !NOT_SPEAKERS.contains(&label));
        if begun && (marked || labelled) && !in_turn {
            counts.dropped.push(l.loc);
        }
    }
    counts
}
