//! Guessing the layout from the text, so that users never have to say what they pasted.

use super::grammar::{HEARING, bare_marker, colloquy, qa_marker};
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
        // A bare `Q ` before a capital is a retyped or press-briefing question.
        if qa_marker(s).is_some() || bare_marker(s) == Some(true) {
            e.qa += 1;
        }
        if let Some((label, _)) = colloquy(s) {
            e.colloquy += 1;
            if label.contains("JUSTICE") {
                e.justices += 1;
            }
        }
        // Hearing labels start with a capital (`Senator`, `Mr.`, `The Chairman`).
        if (l.indent >= 2 || l.after_blank)
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && HEARING.is_match(s)
        {
            e.hearing += 1;
        }
        if let Some(colon) = first_colon(s) {
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

/// Where the first `:` or full-width `：` is: `s.find([':', '：'])`, but as two searches for
/// one character, which skip through the line a word at a time instead of a character at a time.
fn first_colon(s: &str) -> Option<usize> {
    let ascii = s.find(':');
    s[..ascii.unwrap_or(s.len())].find('：').or(ascii)
}

/// The most likely layout of these lines: [`detect`] on their [`evidence`], with less work for
/// numbered pages. Those are a Supreme Court argument or a court reporter's transcript, which
/// only the `Q.`/`A.` markers and the justices' labels tell apart, and three markers settle it.
pub fn detect_lines(paged: bool, text: &str, lines: &[ContentLine]) -> Format {
    if !paged {
        return detect(false, evidence(text, lines));
    }
    let mut e = Evidence::default();
    for l in lines {
        let s = &text[l.range.clone()];
        if qa_marker(s).is_some() {
            e.qa += 1;
            if e.qa >= 3 {
                break;
            }
        }
        if colloquy(s).is_some_and(|(label, _)| label.contains("JUSTICE")) {
            e.justices += 1;
        }
    }
    detect(true, e)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_colon_is_find_by_characters() {
        for s in [
            "",
            ":",
            "：",
            "MR. RE: Yes",
            "马斯克：你好: x",
            "a\u{FF1B}b：c",
            "\u{FF1B}\u{FF1A}",
            "café: é",
            "no colon at all",
            "\u{EFBC}：",
        ] {
            assert_eq!(first_colon(s), s.find([':', '：']), "{s:?}");
        }
    }

    #[test]
    fn detecting_from_lines_is_detecting_from_all_the_evidence() {
        use crate::transcript::layout::{lay_out, paged, raw_lines, unpaged};
        let root = env!("CARGO_MANIFEST_DIR");
        let mut texts: Vec<String> = ["sample_transcripts", "tests/data"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(format!("{root}/{dir}")).expect("sample folder"))
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        // Justices and markers around the thresholds, on numbered lines.
        for (justices, markers) in [(0, 0), (2, 0), (2, 2), (2, 3), (5, 2), (1, 4), (3, 9)] {
            let mut text = String::new();
            for n in 1..=25 {
                let words = if n <= justices {
                    "JUSTICE KAGAN:  Why?"
                } else if n <= justices + markers {
                    "Q.  Why?"
                } else {
                    "MR. LONG:  Because."
                };
                text.push_str(&format!("{n:>2}  {words}\n"));
            }
            texts.push(text);
        }
        let mut paged_texts = 0;
        for text in &texts {
            let raw = raw_lines(text);
            paged_texts += usize::from(lay_out(text, &raw).0);
            for layout in [paged(text, &raw), unpaged(text, &raw)] {
                for is_paged in [true, false] {
                    assert_eq!(
                        detect_lines(is_paged, text, &layout.lines),
                        detect(is_paged, evidence(text, &layout.lines))
                    );
                }
            }
        }
        assert!(paged_texts >= 5, "{paged_texts}");
    }
}
