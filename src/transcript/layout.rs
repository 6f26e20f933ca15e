//! Physical layout: lines, pages and line numbers, before anyone asks who is speaking.
//!
//! Court-reporter pages number their lines (1–25, sometimes up to 28) and print the page number
//! at the top or the foot, with running headers, footers, timestamps and blank lines between
//! numbered lines. This module turns the decoded text into [`ContentLine`]s that carry their
//! page:line and the byte range of their words, and drops everything that is page furniture.

use super::model::{Loc, Warning};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A line of the file, before any interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLine {
    /// 1-based line number in the file (form feeds do not start a new line number).
    pub file_line: u32,
    /// Byte range in the text, without the line terminator or form feed.
    pub range: Range<usize>,
    /// A form feed came right before this line.
    pub page_break: bool,
}

/// A line that may hold testimony, with its place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    pub loc: Loc,
    pub file_line: u32,
    /// The byte range of the line's words (line number, timestamp and margin removed).
    pub range: Range<usize>,
    /// Leading spaces before the words in the source line (tabs count 4); layouts such as
    /// GPO hearings mark paragraph starts by indentation.
    pub indent: usize,
    /// A blank line came right before this one (paragraph start in press and hearing text).
    pub after_blank: bool,
}

/// The result of the layout pass.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lines: Vec<ContentLine>,
    /// First and last page number, when the source numbers its lines per page.
    pub pages: Option<(u32, u32)>,
    pub warnings: Vec<Warning>,
}

/// Splits text into lines at `\n`, `\r\n`, lone `\r` and form feeds.
pub fn raw_lines(text: &str) -> Vec<RawLine> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut file_line, mut page_break) = (0usize, 1u32, false);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                out.push(RawLine {
                    file_line,
                    range: start..i,
                    page_break,
                });
                page_break = false;
                file_line += 1;
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            b'\x0C' => {
                if !text[start..i].trim().is_empty() {
                    out.push(RawLine {
                        file_line,
                        range: start..i,
                        page_break,
                    });
                }
                page_break = true;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(RawLine {
            file_line,
            range: start..bytes.len(),
            page_break,
        });
    }
    out
}

/// `  5  text`, `05:01:40    5   text`, `5` (a blank numbered line).
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>[ \t]*(?:\d{1,2}:\d{2}(?::\d{2})?[ \t]+)?)(?P<n>\d{1,2})(?:(?P<gap>[ \t]+)(?P<rest>.*?))?[ \t]*$")
        .expect("static regex")
});
/// A realtime timestamp right after the line number (`12  10:03:15  Q. ...`).
static TIMESTAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}:\d{2}:\d{2}[ \t]+").expect("static regex"));
/// A page number on a line of its own: deeply indented, `Page 12`, `- 12 -`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[ \t]{8,}(?P<a>\d{1,5})|[ \t]*(?i:page)[ \t]+(?P<b>\d{1,5})(?:[ \t]+of[ \t]+\d+)?|[ \t]*-[ \t]*(?P<c>\d{1,5})[ \t]*-)[ \t]*$")
        .expect("static regex")
});
/// GPO page markers: `[[Page 12]]`.
static GPO_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*\[\[Page (\d{1,5})\]\][ \t]*$").expect("static regex"));

const MAX_LINE_NUMBER: u32 = 30;

fn indent_of(s: &str) -> usize {
    s.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

struct Numbered {
    n: u32,
    /// Byte range of the words, relative to the line start.
    words: Range<usize>,
    indent: usize,
}

fn numbered(line: &str) -> Option<Numbered> {
    let c = NUMBERED.captures(line)?;
    let pre = c.name("pre")?;
    // A line number sits at the margin; a number far to the right is a page number.
    if indent_of(pre.as_str()) > 8 && !pre.as_str().contains(':') {
        return None;
    }
    let n: u32 = c.name("n")?.as_str().parse().ok()?;
    if n == 0 || n > MAX_LINE_NUMBER {
        return None;
    }
    let (mut words, indent) = match (c.name("gap"), c.name("rest")) {
        (Some(gap), Some(rest)) => (rest.range(), indent_of(gap.as_str())),
        _ => (line.len()..line.len(), 0),
    };
    if let Some(ts) = TIMESTAMP.find(&line[words.clone()]) {
        words.start += ts.end();
    }
    Some(Numbered { n, words, indent })
}

fn page_number(line: &str) -> Option<u32> {
    let c = PAGE_NUMBER.captures(line)?;
    c.name("a")
        .or(c.name("b"))
        .or(c.name("c"))?
        .as_str()
        .parse()
        .ok()
}

/// Whether the text is laid out in numbered lines (court-reporter pages).
pub fn looks_paged(text: &str, lines: &[RawLine]) -> bool {
    let (mut nonblank, mut numbered_count, mut in_sequence, mut prev) = (0, 0, 0, 0u32);
    for l in lines {
        let s = &text[l.range.clone()];
        if s.trim().is_empty() || page_number(s).is_some() {
            continue;
        }
        nonblank += 1;
        if let Some(n) = numbered(s) {
            numbered_count += 1;
            if n.n == prev + 1 || (n.n == 1 && prev >= 10) {
                in_sequence += 1;
            }
            prev = n.n;
        }
    }
    numbered_count >= 10 && numbered_count * 2 >= nonblank && in_sequence * 10 >= numbered_count * 7
}

/// Lays out a paged (numbered-line) transcript.
pub fn paged(text: &str, lines: &[RawLine]) -> Layout {
    struct Page {
        number: Option<u32>,
        file_line: u32,
    }
    let mut pages: Vec<Page> = Vec::new();
    let mut out: Vec<(usize, u32, ContentLine)> = Vec::new(); // (page index, line number, line)
    // Page-number candidates: (number, page index current when seen, form-feed block).
    let mut candidates: Vec<(u32, Option<usize>, usize)> = Vec::new();
    let mut block_page: Vec<Option<usize>> = vec![None];
    let (mut block, mut last_n, mut break_pending) = (0usize, 0u32, false);
    let mut skipped = 0usize;
    let mut after_blank = false;
    let any_form_feed = lines.iter().any(|l| l.page_break);
    for l in lines {
        if l.page_break {
            block += 1;
            block_page.push(None);
            break_pending = true;
        }
        let s = &text[l.range.clone()];
        if let Some(num) = numbered(s) {
            if pages.is_empty() || num.n <= last_n || break_pending {
                pages.push(Page {
                    number: None,
                    file_line: l.file_line,
                });
            }
            break_pending = false;
            last_n = num.n;
            let page_idx = pages.len() - 1;
            block_page[block].get_or_insert(page_idx);
            if num.words.is_empty() {
                after_blank = true;
                continue;
            }
            let range = l.range.start + num.words.start..l.range.start + num.words.end;
            out.push((
                page_idx,
                num.n,
                ContentLine {
                    loc: Loc::new(None, num.n),
                    file_line: l.file_line,
                    range,
                    indent: num.indent,
                    after_blank,
                },
            ));
            after_blank = false;
        } else if let Some(p) = page_number(s) {
            candidates.push((p, pages.len().checked_sub(1), block));
        } else if !s.trim().is_empty() {
            skipped += 1;
        }
    }
    let mut warnings = Vec::new();
    // Assign page numbers: by form-feed block when the file has form feeds, otherwise by
    // position, deciding once whether numbers are printed at the top or the foot.
    let header_style = candidates.iter().any(|c| c.1.is_none());
    for &(number, current, blk) in &candidates {
        let target = if any_form_feed {
            block_page.get(blk).copied().flatten()
        } else if header_style {
            Some(current.map_or(0, |c| c + 1))
        } else {
            current
        };
        if let Some(page) = target.and_then(|t| pages.get_mut(t)) {
            page.number.get_or_insert(number);
        }
    }
    let mut guessed = 0;
    for i in 0..pages.len() {
        if pages[i].number.is_none() {
            guessed += 1;
            // Numbered after the page before, or (the first page) before the first known one.
            // Only the first page looks ahead: a search from every page would be quadratic.
            let next_known = || {
                pages[i..]
                    .iter()
                    .enumerate()
                    .find_map(|(k, p)| p.number.map(|n| (k, n)))
            };
            pages[i].number = Some(match i.checked_sub(1) {
                Some(prev) => pages[prev].number.unwrap_or(0) + 1,
                None => match next_known() {
                    Some((k, n)) if n as usize > k => n - k as u32,
                    _ => 1,
                },
            });
        } else if let Some(prev) = i.checked_sub(1) {
            let (a, b) = (
                pages[prev].number.unwrap_or(0),
                pages[i].number.unwrap_or(0),
            );
            if b != a + 1 {
                warnings.push(Warning {
                    loc: Some(Loc::new(Some(b), 1)),
                    message: format!(
                        "page numbers jump from {a} to {b} (file line {})",
                        pages[i].file_line
                    ),
                });
            }
        }
    }
    if guessed == pages.len() && !pages.is_empty() {
        warnings.push(Warning {
            loc: None,
            message: format!(
                "no page numbers found; the {} pages are numbered from 1 in order",
                pages.len()
            ),
        });
    } else if guessed > 0 {
        warnings.push(Warning {
            loc: None,
            message: format!(
                "page number missing on {guessed} page(s); numbered from the neighbouring pages"
            ),
        });
    }
    if skipped > 0 {
        warnings.push(Warning {
            loc: None,
            message: format!(
                "skipped {skipped} unnumbered line(s): running headers, footers, word index"
            ),
        });
    }
    let lines = out
        .into_iter()
        .map(|(page_idx, n, mut cl)| {
            cl.loc = Loc::new(pages[page_idx].number, n);
            cl
        })
        .collect::<Vec<_>>();
    let first = pages.first().and_then(|p| p.number);
    let last = pages.last().and_then(|p| p.number);
    Layout {
        lines,
        pages: first.zip(last),
        warnings,
    }
}

/// Lays out text without line numbers: every non-blank line is content, cited by its line in
/// the file, or by page and line on the page when the text carries `[[Page N]]` markers.
pub fn unpaged(text: &str, lines: &[RawLine]) -> Layout {
    let mut out = Vec::new();
    let mut page: Option<(u32, u32)> = None; // (page, file line of the marker)
    let (mut first_page, mut last_page) = (None, None);
    let mut after_blank = true;
    for l in lines {
        let s = &text[l.range.clone()];
        if let Some(c) = GPO_PAGE.captures(s) {
            if let Ok(p) = c[1].parse::<u32>() {
                page = Some((p, l.file_line));
                first_page.get_or_insert(p);
                last_page = Some(p);
            }
            continue;
        }
        let trimmed_start = s.len() - s.trim_start().len();
        let words = s.trim();
        if words.is_empty() {
            after_blank = true;
            continue;
        }
        let start = l.range.start + trimmed_start;
        let loc = match page {
            // Line 1 at the least: a form feed can put text on the marker's own file line.
            Some((p, marker)) => Loc::new(Some(p), (l.file_line - marker).max(1)),
            None => Loc::new(None, l.file_line),
        };
        out.push(ContentLine {
            loc,
            file_line: l.file_line,
            range: start..start + words.len(),
            indent: indent_of(s),
            after_blank: after_blank || l.page_break,
        });
        after_blank = false;
    }
    Layout {
        lines: out,
        pages: first_page.zip(last_page),
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, layout: &Layout) -> Vec<(String, &'a str)> {
        layout
            .lines
            .iter()
            .map(|l| (l.loc.to_string(), &text[l.range.clone()]))
            .collect()
    }

    #[test]
    fn raw_lines_handle_crlf_cr_and_form_feeds() {
        let text = "a\r\nb\rc\n\x0Cd\ne";
        let lines = raw_lines(text);
        let got: Vec<_> = lines
            .iter()
            .map(|l| (l.file_line, &text[l.range.clone()], l.page_break))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "a", false),
                (2, "b", false),
                (3, "c", false),
                (4, "d", true),
                (5, "e", false)
            ]
        );
    }

    #[test]
    fn footer_page_numbers_with_form_feeds() {
        let mut text = String::new();
        for page in 7..=8 {
            text.push_str("\x0C      Official - Subject to Final Review\n\n");
            for n in 1..=25 {
                text.push_str(&format!("{n:>2}   words {page}-{n}\n\n"));
            }
            text.push_str(&format!(
                "                    {page}\n\n   Alderson Reporting\n"
            ));
        }
        let lines = raw_lines(&text);
        assert!(looks_paged(&text, &lines));
        let layout = paged(&text, &lines);
        assert_eq!(layout.pages, Some((7, 8)));
        let t = texts(&text, &layout);
        assert_eq!(t[0], ("7:1".into(), "words 7-1"));
        assert_eq!(t[49], ("8:25".into(), "words 8-25"));
    }

    #[test]
    fn header_page_numbers_and_timestamps_without_form_feeds() {
        let mut text = String::new();
        for page in 247..=248 {
            text.push_str(&format!(
                "   Case 2:19-cv-00123 Document 329 Page {page} of 300\n{:>40}\n\n",
                page
            ));
            for n in 1..=25 {
                text.push_str(&format!("05:01:{n:02}   {n:>2}   Q.   line {page}-{n}\n\n"));
            }
        }
        let lines = raw_lines(&text);
        assert!(looks_paged(&text, &lines));
        let layout = paged(&text, &lines);
        assert_eq!(layout.pages, Some((247, 248)));
        let t = texts(&text, &layout);
        assert_eq!(t[0], ("247:1".into(), "Q.   line 247-1"));
        assert_eq!(t[26], ("248:2".into(), "Q.   line 248-2"));
    }

    #[test]
    fn missing_page_numbers_are_counted_and_warned() {
        let mut text = String::new();
        for _ in 0..3 {
            for n in 1..=25 {
                text.push_str(&format!("{n} A. x\n"));
            }
        }
        let lines = raw_lines(&text);
        let layout = paged(&text, &lines);
        assert_eq!(layout.pages, Some((1, 3)));
        assert!(layout.warnings[0].message.contains("no page numbers"));
    }

    #[test]
    fn unpaged_uses_file_lines_and_gpo_markers() {
        let text = "Intro\n\n[[Page 12]]\n\n    Senator X. Hi?\n";
        let layout = unpaged(text, &raw_lines(text));
        let t = texts(text, &layout);
        assert_eq!(
            t,
            vec![("l. 1".into(), "Intro"), ("12:2".into(), "Senator X. Hi?")]
        );
        assert_eq!(layout.lines[1].indent, 4);
    }

    #[test]
    fn prose_with_numbers_is_not_paged() {
        let text = "Savitt: Do you know?\nMusk: 2 things.\n1 apple\n";
        assert!(!looks_paged(text, &raw_lines(text)));
    }
}
