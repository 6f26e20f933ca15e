//! Guessing the layout from the text, so that users never have to say what they pasted.

use super::grammar::{COLLOQUY, HEARING, QA};
use super::layout::ContentLine;
use super::model::Format;

/// How strongly the text shows each layout's markers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    pub qa: usize,
    pub colloquy: usize,
    pub justices: usize,
    pub hearing: usize,
    pub name_colon: usize,
}

pub fn evidence(text: &str, lines: &[ContentLine]) -> Evidence {
    let mut e = Evidence::default();
    for l in lines {
        let s = &text[l.range.clone()];
        if QA.is_match(s) {
            e.qa += 1;
        }
        if let Some(c) = COLLOQUY.captures(s) {
            e.colloquy += 1;
            if c["label"].contains("JUSTICE") {
                e.justices += 1;
            }
        }
        if HEARING.is_match(s) && (l.indent >= 2 || l.after_blank) {
            e.hearing += 1;
        }
        if let Some(colon) = s.find([':', '：']) {
            let head = &s[..colon];
            if colon > 0
                && head
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c > '\u{2E80}')
                && head.split_whitespace().count() <= 6
                && head.chars().any(char::is_lowercase)
                || head.chars().all(|c| c > '\u{2E80}') && !head.is_empty()
            {
                e.name_colon += 1;
            }
        }
    }
    e
}

/// The most likely layout, given whether the text has numbered lines.
pub fn detect(paged: bool, e: Evidence) -> Format {
    if paged {
        if e.justices >= 2 && e.qa < 3 {
            Format::SupremeCourt
        } else {
            Format::CourtReporter
        }
    } else if e.qa >= 3 && e.qa >= e.hearing {
        Format::Qa
    } else if e.hearing >= 3 && e.hearing >= e.name_colon / 2 {
        Format::Hearing
    } else if e.justices >= 2 && e.justices * 2 >= e.colloquy {
        Format::SupremeCourt
    } else if e.colloquy >= 3 && e.colloquy > e.name_colon {
        Format::Qa
    } else {
        Format::NameColon
    }
}
