//! Physical layout: lines, pages and line numbers, before anyone asks who is speaking.
//!
//! Court-reporter pages number their lines (1–25, sometimes up to 28) and print the page number
//! at the top or the foot, with running headers, footers, timestamps and blank lines between
//! numbered lines. This module turns the decoded text into [`ContentLine`]s that carry their
//! page:line and the byte range of their words, and drops everything that is page furniture.

use super::decode::count_byte;
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
    // One line per `\n` in most files: no copying as the list grows.
    let mut out = Vec::with_capacity(count_byte(bytes, b'\n') + 1);
    let (mut start, mut file_line, mut page_break) = (0usize, 1u32, false);
    let mut i = 0;
    while let Some(next) = next_break(bytes, i) {
        i = next;
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

/// Where the next `\n`, `\r` or form feed is, from `i`. Skips eight bytes at a time while none
/// of them is below 14 (those three, tab and rarer control characters), which is most of a
/// line; then looks byte by byte.
fn next_break(bytes: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().expect("eight bytes"));
        // Sets a byte's high bit if some byte is below 14 (the bit-twiddling "has less").
        if word.wrapping_sub(ONES * 14) & !word & (ONES * 0x80) != 0 {
            break;
        }
        i += 8;
    }
    let k = bytes
        .get(i..)?
        .iter()
        .position(|b| matches!(b, b'\n' | b'\r' | b'\x0C'))?;
    Some(i + k)
}

/// `  5  text`, `05:01:40    5   text`, `5` (a blank numbered line).
///
/// Every line of the file is tested against this and [`PAGE_NUMBER`], so both are matched by
/// hand ([`numbered_parts`], [`page_number_digits`]); the regexes are the reference (see the
/// tests) and decide the rare lines with a non-ASCII digit where the patterns test for `\d`.
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

/// A hand-written matcher met a non-ASCII digit-like character where its regex tests for `\d`
/// (any Unicode decimal digit): the regex decides.
#[derive(Debug)]
struct AskTheRegex;

/// The number of ASCII digits from `i`.
fn digits(s: &str, i: usize) -> Result<usize, AskTheRegex> {
    let b = s.as_bytes();
    let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    match b.get(i + n) {
        Some(c) if !c.is_ascii() && s[i + n..].starts_with(char::is_numeric) => Err(AskTheRegex),
        _ => Ok(n),
    }
}

/// The number of spaces and tabs from `i`.
fn blanks(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count()
}

/// `\d{1,2}:\d{2}(:\d{2})?[ \t]+` from `i` (the seconds required if `seconds`): where the
/// blanks after it end.
fn clock(s: &str, i: usize, seconds: bool) -> Result<Option<usize>, AskTheRegex> {
    let b = s.as_bytes();
    let h = digits(s, i)?;
    if !(1..=2).contains(&h) || b.get(i + h) != Some(&b':') || digits(s, i + h + 1)? != 2 {
        return Ok(None);
    }
    let mut end = i + h + 3;
    if b.get(end) == Some(&b':') {
        if digits(s, end + 1)? != 2 {
            return Ok(None);
        }
        end += 3;
    } else if seconds {
        return Ok(None);
    }
    let k = blanks(b, end);
    Ok((k > 0).then_some(end + k))
}

/// The groups of [`NUMBERED`], as byte ranges of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NumberedParts {
    pre: Range<usize>,
    n: Range<usize>,
    gap: Option<Range<usize>>,
    rest: Option<Range<usize>>,
}

/// [`NUMBERED`] by hand: indentation, maybe a timestamp, a one- or two-digit number, and then
/// nothing, or blanks and the words (trailing blanks left out).
fn numbered_parts(line: &str) -> Result<Option<NumberedParts>, AskTheRegex> {
    let b = line.as_bytes();
    // A number followed by `:` can only be the timestamp, so once that fails nothing matches.
    let mut start = blanks(b, 0);
    if let Some(end) = clock(line, start, false)? {
        start = end;
    }
    let d = digits(line, start)?;
    if !(1..=2).contains(&d) {
        return Ok(None);
    }
    let n = start..start + d;
    let (gap, rest) = match b.get(n.end) {
        None => (None, None),
        Some(b' ' | b'\t') => {
            let words = n.end + blanks(b, n.end);
            let trailing = b[words..]
                .iter()
                .rev()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
            (Some(n.end..words), Some(words..b.len() - trailing))
        }
        Some(_) => return Ok(None),
    };
    Ok(Some(NumberedParts {
        pre: 0..n.start,
        n,
        gap,
        rest,
    }))
}

fn numbered_parts_by_regex(line: &str) -> Option<NumberedParts> {
    let c = NUMBERED.captures(line)?;
    Some(NumberedParts {
        pre: c.name("pre")?.range(),
        n: c.name("n")?.range(),
        gap: c.name("gap").map(|m| m.range()),
        rest: c.name("rest").map(|m| m.range()),
    })
}

/// Where [`TIMESTAMP`] ends at the start of `s`.
fn timestamp_end(s: &str) -> Option<usize> {
    clock(s, 0, true).unwrap_or_else(|AskTheRegex| TIMESTAMP.find(s).map(|m| m.end()))
}

struct Numbered {
    n: u32,
    /// Byte range of the words, relative to the line start.
    words: Range<usize>,
    indent: usize,
}

fn numbered(line: &str) -> Option<Numbered> {
    let c = numbered_parts(line).unwrap_or_else(|AskTheRegex| numbered_parts_by_regex(line))?;
    let pre = &line[c.pre];
    // A line number sits at the margin; a number far to the right with nothing after it is a
    // page number. (Converted PDFs indent the whole page, line numbers with it.)
    if indent_of(pre) > 8 && !pre.contains(':') && c.rest.as_ref().is_none_or(|r| r.is_empty()) {
        return None;
    }
    let n: u32 = line[c.n].parse().ok()?;
    if n == 0 || n > MAX_LINE_NUMBER {
        return None;
    }
    let (mut words, indent) = match (c.gap, c.rest) {
        (Some(gap), Some(rest)) => (rest, indent_of(&line[gap])),
        _ => (line.len()..line.len(), 0),
    };
    if let Some(end) = timestamp_end(&line[words.clone()]) {
        words.start += end;
    }
    Some(Numbered { n, words, indent })
}

/// [`PAGE_NUMBER`] by hand: the range of the number's digits.
fn page_number_digits(line: &str) -> Result<Option<Range<usize>>, AskTheRegex> {
    let b = line.as_bytes();
    let lead = blanks(b, 0);
    let only_blanks_from = |i: usize| i + blanks(b, i) == b.len();
    // The three forms start differently: a digit, `page` in any case, or `-`.
    let number = |i: usize| -> Result<Option<Range<usize>>, AskTheRegex> {
        let d = digits(line, i)?;
        Ok((1..=5).contains(&d).then_some(i..i + d))
    };
    if b.len() >= lead + 4 && b[lead..lead + 4].eq_ignore_ascii_case(b"page") {
        let k = blanks(b, lead + 4);
        let Some(n) = number(lead + 4 + k)?.filter(|_| k > 0) else {
            return Ok(None);
        };
        if only_blanks_from(n.end) {
            return Ok(Some(n));
        }
        // `Page 12 of 300`
        let k1 = blanks(b, n.end);
        let of = n.end + k1;
        if k1 == 0 || !b[of..].starts_with(b"of") {
            return Ok(None);
        }
        let k2 = blanks(b, of + 2);
        let total = digits(line, of + 2 + k2)?;
        Ok((k2 > 0 && total > 0 && only_blanks_from(of + 2 + k2 + total)).then_some(n))
    } else if b.get(lead) == Some(&b'-') {
        let Some(n) = number(lead + 1 + blanks(b, lead + 1))? else {
            return Ok(None);
        };
        let dash = n.end + blanks(b, n.end);
        Ok((b.get(dash) == Some(&b'-') && only_blanks_from(dash + 1)).then_some(n))
    } else {
        let n = number(lead)?;
        Ok(n.filter(|n| lead >= 8 && only_blanks_from(n.end)))
    }
}

fn page_number_digits_by_regex(line: &str) -> Option<Range<usize>> {
    let c = PAGE_NUMBER.captures(line)?;
    Some(c.name("a").or(c.name("b")).or(c.name("c"))?.range())
}

fn page_number(line: &str) -> Option<u32> {
    let digits =
        page_number_digits(line).unwrap_or_else(|AskTheRegex| page_number_digits_by_regex(line))?;
    line[digits].parse().ok()
}

/// How a page number was printed, surest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// On a line of its own.
    OwnLine,
    /// At the end of a running header or footer, after a gap.
    Trailing,
    /// In a court's filing stamp at the top of the page (`Page 113 of 129`), which counts
    /// the filing's pages: used only where the transcript prints no number of its own.
    Stamp,
}

/// `Smith - Direct      45`: a number of up to four digits after a gap of three blanks or
/// more, at the end of a line that has words before it.
fn trailing_page_number(s: &str) -> Option<u32> {
    let t = s.trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let before = &t[..t.len() - digits];
    let gap = before.len() - before.trim_end_matches([' ', '\t']).len();
    let words = before.trim();
    (gap >= 3 && words.chars().any(char::is_alphabetic))
        .then(|| t[t.len() - digits..].parse().ok())
        .flatten()
}

/// `Case 2:14-cv-00033 Document 523 Filed 03/20/16 Page 113 of 129 PageID #: 61398`.
fn filing_stamp_page(s: &str) -> Option<u32> {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bDocument\b.*\bPage[ \t]+(\d{1,5})[ \t]+of[ \t]+\d{1,5}\b")
            .expect("static regex")
    });
    STAMP.captures(s)?.get(1)?.as_str().parse().ok()
}

/// Whether the text is laid out in numbered lines (court-reporter pages).
pub fn looks_paged(text: &str, lines: &[RawLine]) -> bool {
    paged_with_evidence(text, lines).1.looks_paged()
}

/// Lays out a paged (numbered-line) transcript.
pub fn paged(text: &str, lines: &[RawLine]) -> Layout {
    paged_with_evidence(text, lines).0
}

/// Lays the text out in pages if it looks paged, otherwise in plain lines, and says which. The
/// one pass over the lines that lays out the pages also counts the evidence for them.
pub fn lay_out(text: &str, lines: &[RawLine]) -> (bool, Layout) {
    // Reporters' ASCII exports carry each line's page and line in front of it.
    if let Some(mut layout) = prefixed(text, lines, false) {
        layout.lines.shrink_to_fit();
        return (true, layout);
    }
    let (mut layout, evidence) = paged_with_evidence(text, lines);
    let paged = evidence.looks_paged();
    if !paged {
        drop(layout);
        layout = unpaged(text, lines);
    }
    // The list is held through the rest of the import: without its spare room (it was
    // collected in place from larger items, or grew by doubling).
    layout.lines.shrink_to_fit();
    (paged, layout)
}

/// `00012:05 Q. Did you…`: a reporter's ASCII export, every line prefixed with its page (zero
/// padded, three digits or more) and line.
static PAGE_LINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?P<page>\d{3,5}):(?P<line>\d{1,2})(?:[ \t]+(?P<words>.*?))?[ \t]*$")
        .expect("static regex")
});

/// Lays out text that partly wrote itself with every line's page:line in front (a PDF read by
/// geometry): no evidence is weighed, the prefixes are the layout.
pub fn prefixed_known(text: &str, lines: &[RawLine]) -> Layout {
    let mut layout = prefixed(text, lines, true).unwrap_or_default();
    layout.lines.shrink_to_fit();
    layout
}

/// Lays out a text whose lines carry their own page:line, when most of them do (and their
/// line numbers run in order) or when `known`; lines without the prefix are page furniture.
fn prefixed(text: &str, lines: &[RawLine], known: bool) -> Option<Layout> {
    // A quick look first: most files have no such line at all.
    let sample = lines.iter().take(200).filter(|l| {
        let s = &text[l.range.clone()];
        s.trim_start()
            .as_bytes()
            .get(3..6)
            .is_some_and(|b| b.contains(&b':'))
            && PAGE_LINE_PREFIX.is_match(s)
    });
    if !known && sample.count() < 10 {
        return None;
    }
    let mut out = Vec::new();
    let (mut nonblank, mut prefixed, mut in_order) = (0usize, 0usize, 0usize);
    let mut prev: Option<(u32, u32)> = None;
    let mut after_blank = false;
    let mut skipped = 0usize;
    let (mut first, mut last) = (None, None);
    for l in lines {
        let s = &text[l.range.clone()];
        if s.trim().is_empty() {
            after_blank = true;
            continue;
        }
        nonblank += 1;
        let Some(c) = PAGE_LINE_PREFIX.captures(s) else {
            skipped += 1;
            continue;
        };
        let (Ok(page), Ok(line)) = (c["page"].parse::<u32>(), c["line"].parse::<u32>()) else {
            continue;
        };
        prefixed += 1;
        if prev.is_none_or(|(p, n)| (page == p && line > n) || page > p) {
            in_order += 1;
        }
        prev = Some((page, line));
        first.get_or_insert(page);
        last = Some(page);
        let Some(words) = c.name("words").filter(|w| !w.as_str().trim().is_empty()) else {
            after_blank = true;
            continue;
        };
        let gap = &s[c.name("line").map_or(0, |m| m.end())..words.start()];
        out.push(ContentLine {
            loc: Loc::new(Some(page), line),
            file_line: l.file_line,
            range: l.range.start + words.start()..l.range.start + words.end(),
            indent: indent_of(gap),
            after_blank,
        });
        after_blank = false;
    }
    if !known && (prefixed * 2 < nonblank || in_order * 10 < prefixed * 9) {
        return None;
    }
    let mut warnings = Vec::new();
    if skipped > 0 {
        warnings.push(Warning {
            loc: None,
            message: format!(
                "skipped {skipped} line(s) without a page:line prefix: headers and footers"
            ),
        });
    }
    Some(Layout {
        lines: out,
        pages: first.zip(last),
        warnings,
    })
}

/// What tells numbered pages from other text with numbers in it.
#[derive(Debug, Default)]
struct PagedEvidence {
    /// Lines with words, other than page numbers.
    nonblank: usize,
    numbered: usize,
    /// Numbered lines that follow the one before, or start a page after a long one.
    in_sequence: usize,
    /// Numbered lines with words after the number.
    with_words: usize,
    prev: u32,
}

impl PagedEvidence {
    fn numbered_line(&mut self, n: u32) {
        self.nonblank += 1;
        self.numbered += 1;
        if n == self.prev + 1 || (n == 1 && self.prev >= 10) {
            self.in_sequence += 1;
        }
        self.prev = n;
    }

    fn looks_paged(&self) -> bool {
        // Numbers must carry the words: an OCR'd page whose line numbers came out in a run of
        // their own, away from the text, is not laid out in numbered lines.
        self.numbered >= 10
            && self.numbered * 2 >= self.nonblank
            && self.in_sequence * 10 >= self.numbered * 7
            && self.with_words * 3 >= self.nonblank
    }
}

fn paged_with_evidence(text: &str, lines: &[RawLine]) -> (Layout, PagedEvidence) {
    struct Page {
        number: Option<u32>,
        file_line: u32,
    }
    let mut pages: Vec<Page> = Vec::new();
    let mut out: Vec<(usize, u32, ContentLine)> = Vec::new(); // (page index, line number, line)
    // Page-number candidates: (number, page index current when seen, form-feed block, how
    // sure).
    let mut candidates: Vec<(u32, Option<usize>, usize, Strength)> = Vec::new();
    let mut block_page: Vec<Option<usize>> = vec![None];
    let (mut block, mut last_n, mut break_pending) = (0usize, 0u32, false);
    let mut skipped = 0usize;
    let mut after_blank = false;
    let mut any_form_feed = false;
    let mut evidence = PagedEvidence::default();
    for l in lines {
        if l.page_break {
            any_form_feed = true;
            block += 1;
            block_page.push(None);
            break_pending = true;
        }
        let s = &text[l.range.clone()];
        if let Some(num) = numbered(s) {
            // A bare number far enough in is a page number too; as such it is no evidence.
            if !(num.words.is_empty() && page_number(s).is_some()) {
                evidence.numbered_line(num.n);
                evidence.with_words += usize::from(!num.words.is_empty());
            }
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
            candidates.push((p, pages.len().checked_sub(1), block, Strength::OwnLine));
        } else if !s.trim().is_empty() {
            evidence.nonblank += 1;
            skipped += 1;
            // A running header may carry the page number at its end (`Smith - Direct    45`),
            // or a court's filing stamp (`… Page 113 of 129 PageID #: 61398`) may.
            if let Some(p) = trailing_page_number(s) {
                candidates.push((p, pages.len().checked_sub(1), block, Strength::Trailing));
            } else if let Some(p) = filing_stamp_page(s) {
                candidates.push((p, pages.len().checked_sub(1), block, Strength::Stamp));
            }
        }
    }
    let mut warnings = Vec::new();
    // Assign page numbers: by form-feed block when the file has form feeds, otherwise by
    // position, deciding once whether numbers are printed at the top or the foot.
    let header_style = candidates
        .iter()
        .any(|c| c.1.is_none() && c.3 != Strength::Stamp);
    // The page's own number first; a filing stamp's only where the page prints none.
    candidates.sort_by_key(|c| c.3);
    for &(number, current, blk, strength) in &candidates {
        let target = if any_form_feed {
            block_page.get(blk).copied().flatten()
        } else if header_style || strength == Strength::Stamp {
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
    let layout = Layout {
        lines,
        pages: first.zip(last),
        warnings,
    };
    (layout, evidence)
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

    // The hand-written matchers against the regexes they replace. Lines have no line breaks,
    // as raw lines never do.

    const PIECES: [&str; 40] = [
        "",
        " ",
        "  ",
        "\t",
        "        ",
        "         ",
        "0",
        "1",
        "5",
        "12",
        "30",
        "31",
        "123",
        "99999",
        "123456",
        ":",
        "05:01:40",
        "5:01",
        "12:34:5",
        "1:2",
        "12:345",
        "10:03:15 ",
        "Page",
        "page",
        "PAGE",
        "pAgE",
        "of",
        "-",
        "Q.",
        "text",
        "x y",
        "é",
        "٣",
        "１２",
        "०",
        "²",
        ".",
        "\u{A0}",
        "\u{3000}",
        "\x0B",
    ];

    fn tricky_lines() -> Vec<String> {
        crate::transcript::testing::sequences(&PIECES, 3, 30_000)
    }

    #[test]
    fn numbered_lines_are_matched_as_the_regex_does() {
        let (mut matched, mut asked) = (0, 0);
        for line in tricky_lines() {
            let expected = numbered_parts_by_regex(&line);
            match numbered_parts(&line) {
                Ok(parts) => assert_eq!(parts, expected, "{line:?}"),
                Err(AskTheRegex) => {
                    assert!(line.chars().any(|c| !c.is_ascii() && c.is_numeric()));
                    asked += 1;
                }
            }
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 1000 && asked > 100, "{matched} {asked}");
    }

    #[test]
    fn page_numbers_are_matched_as_the_regex_does() {
        let (mut matched, mut asked) = (0, 0);
        for line in tricky_lines() {
            let expected = page_number_digits_by_regex(&line);
            match page_number_digits(&line) {
                Ok(digits) => assert_eq!(digits, expected, "{line:?}"),
                Err(AskTheRegex) => {
                    assert!(line.chars().any(|c| !c.is_ascii() && c.is_numeric()));
                    asked += 1;
                }
            }
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 500 && asked > 100, "{matched} {asked}");
    }

    #[test]
    fn timestamps_after_the_number_are_matched_as_the_regex_does() {
        let mut matched = 0;
        for line in tricky_lines() {
            let expected = TIMESTAMP.find(&line).map(|m| m.end());
            assert_eq!(timestamp_end(&line), expected, "{line:?}");
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 100, "{matched}");
    }

    #[test]
    fn page_in_any_case_is_ascii_only() {
        // `(?i:page)` folds case the Unicode way; no other character folds to these letters.
        let re = Regex::new("^(?i:p|a|g|e)$").expect("regex");
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                re.is_match(c.encode_utf8(&mut buf)),
                "pagePAGE".contains(c),
                "{c:?}"
            );
        }
    }

    /// `raw_lines` as it was, byte by byte.
    fn raw_lines_reference(text: &str) -> Vec<RawLine> {
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

    #[test]
    fn raw_lines_skip_ahead_without_missing_a_break() {
        let pieces = [
            "a",
            "abcdefg",
            "abcdefghijklmnop",
            "\n",
            "\r",
            "\r\n",
            "\x0C",
            "\t",
            "\x0B",
            " ",
            "é",
            "\x0D\x0D",
        ];
        for text in crate::transcript::testing::sequences(&pieces, 4, 20_000) {
            assert_eq!(raw_lines(&text), raw_lines_reference(&text), "{text:?}");
        }
    }

    /// `looks_paged` as it was: its own pass over the lines.
    fn looks_paged_reference(text: &str, lines: &[RawLine]) -> bool {
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
        numbered_count >= 10
            && numbered_count * 2 >= nonblank
            && in_sequence * 10 >= numbered_count * 7
    }

    #[test]
    fn the_layout_pass_counts_the_evidence_for_pages_as_before() {
        // Pages of numbered lines with more or less noise: prose, bare numbers deep in (page
        // numbers and blank numbered lines at once), other page numbers, lines out of order.
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let (mut paged_count, mut total) = (0, 0);
        for case in 0..1_500 {
            let noise = case % 12;
            let mut text = String::new();
            for page in 1..=3 {
                for n in 1..=(5 + next(24)) {
                    let n = if next(20) == 0 { next(40) } else { n };
                    let line = match (next(12) < noise, next(8)) {
                        (true, 0 | 1) => "Some prose.".to_owned(),
                        (true, 2) => format!("{:>9}", n),
                        (true, 3) => format!("        {n}"),
                        (true, 4) => format!("- {page} -"),
                        (true, 5) => format!("Page {page}"),
                        (true, 6) => "\x0C".to_owned(),
                        (true, _) => String::new(),
                        (false, 0) => format!("{n:>3}"),
                        (false, 1) => format!("05:01:40   {n:>2}   A. There."),
                        (false, _) => format!("{n:>3}   Q. Where?"),
                    };
                    text.push_str(&line);
                    text.push('\n');
                }
            }
            let lines = raw_lines(&text);
            let expected = looks_paged_reference(&text, &lines);
            assert_eq!(looks_paged(&text, &lines), expected, "{text:?}");
            let (is_paged, layout) = lay_out(&text, &lines);
            assert_eq!(is_paged, expected, "{text:?}");
            let other = if expected {
                paged(&text, &lines)
            } else {
                unpaged(&text, &lines)
            };
            assert_eq!(format!("{layout:?}"), format!("{other:?}"));
            paged_count += usize::from(expected);
            total += 1;
        }
        assert!(
            paged_count > 100 && total - paged_count > 100,
            "{paged_count} of {total}"
        );
    }
}
