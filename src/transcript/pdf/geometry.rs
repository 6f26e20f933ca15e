//! From positioned text on PDF pages to numbered transcript lines, by geometry alone.
//!
//! A court reporter's page prints its line numbers (1–25, 1–28…) in a column in the left
//! margin, each on the baseline of its line; a condensed transcript puts two or four such
//! pages on one sheet, each with its own column and its own "Page 12" above it. So the line
//! numbers are found as columns of small integers that count up down the page, each run of
//! them is one transcript page, and every word is given the number printed on its baseline.
//! Pages without such a column (GPO hearings, articles) are cited by page and the line's
//! place on the page. Running headers and footers (the same text at the top or foot of most
//! pages) are page furniture, as is a reporter's word index at the end.

use std::collections::BTreeMap;

/// A piece of text the PDF draws at one place: a word, a span or a single glyph, depending
/// on the PDF and the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Left edge, in points from the page's left.
    pub x: f32,
    /// Baseline, in points from the page's top (down is larger).
    pub y: f32,
    /// Width in points (0 when unknown: estimated from the font size).
    pub width: f32,
    /// Font size in points.
    pub size: f32,
    pub text: String,
}

/// One physical page (a sheet, for condensed transcripts).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub runs: Vec<Run>,
}

/// A transcript line with the page and line number it is cited by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub page: u32,
    pub line: u32,
    /// Spaces before the words, from the words' distance to the page's text margin: layouts
    /// such as GPO hearings mark paragraphs by indentation.
    pub indent: usize,
    pub text: String,
}

/// What the geometry showed, for the import report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    pub lines: Vec<Line>,
    /// Physical pages (sheets).
    pub sheets: usize,
    /// Transcript pages found on them.
    pub pages: usize,
    /// Transcript pages whose lines were numbered in the margin.
    pub numbered_pages: usize,
    /// The most transcript pages on one sheet (4 for a condensed transcript).
    pub pages_per_sheet: usize,
    /// The page numbers are the ones printed on the pages (not the PDF's own page order).
    pub printed_page_numbers: bool,
    /// Sheets at the end read as a word index and left out.
    pub index_sheets: usize,
    /// Lines left out as running headers and footers.
    pub furniture_lines: usize,
    /// Sheets with no text at all.
    pub empty_sheets: usize,
}

/// A word with its box, as the line finder sees it.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    x: f32,
    right: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Words on one baseline, left to right.
#[derive(Debug, Clone, PartialEq)]
struct TextLine {
    y: f32,
    size: f32,
    words: Vec<Word>,
}

impl TextLine {
    fn x(&self) -> f32 {
        self.words.first().map_or(0.0, |w| w.x)
    }

    /// The words from `from` on, joined as they are spaced on the page.
    fn text_from(&self, from: usize) -> String {
        join_words(&self.words[from.min(self.words.len())..])
    }
}

/// Words of a run, each with an estimated box (a run may be a whole line: "1 Q. Did you").
fn words_of(run: &Run) -> Vec<Word> {
    let chars: Vec<char> = run.text.chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    let size = if run.size > 0.0 { run.size } else { 10.0 };
    let width = if run.width > 0.0 {
        run.width
    } else {
        size * 0.5 * chars.len() as f32
    };
    let per_char = width / chars.len() as f32;
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Word {
                    x: run.x + per_char * s as f32,
                    right: run.x + per_char * i as f32,
                    y: run.y,
                    size,
                    text: chars[s..i].iter().collect(),
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Joins words left to right, with a space where the page leaves a gap (glyph-by-glyph PDFs
/// draw each letter as its own run).
fn join_words(words: &[Word]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Word> = None;
    for w in words {
        if let Some(p) = prev {
            let gap = w.x - p.right;
            if gap > p.size.min(w.size) * 0.12 {
                out.push(' ');
            }
        }
        out.push_str(&w.text);
        prev = Some(w);
    }
    out
}

/// Groups a page's words into lines by baseline, top to bottom; glyphs that touch are one word.
fn text_lines(page: &Page) -> Vec<TextLine> {
    let mut words: Vec<Word> = page.runs.iter().flat_map(words_of).collect();
    words.retain(|w| w.y.is_finite() && w.x.is_finite());
    words.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<TextLine> = Vec::new();
    for w in words {
        let tolerance = w.size * 0.35;
        match lines.last_mut() {
            Some(l) if (w.y - l.y).abs() <= tolerance => l.words.push(w),
            _ => lines.push(TextLine {
                y: w.y,
                size: w.size,
                words: vec![w],
            }),
        }
    }
    for l in &mut lines {
        l.words.sort_by(|a, b| a.x.total_cmp(&b.x));
        merge_touching(&mut l.words);
        l.size = median(l.words.iter().map(|w| w.size)).unwrap_or(l.size);
    }
    lines
}

/// Merges glyphs drawn one by one into words.
fn merge_touching(words: &mut Vec<Word>) {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for w in words.drain(..) {
        match out.last_mut() {
            Some(p) if w.x - p.right <= p.size.min(w.size) * 0.12 && w.x >= p.x => {
                p.text.push_str(&w.text);
                p.right = p.right.max(w.right);
            }
            _ => out.push(w),
        }
    }
    *words = out;
}

fn median(values: impl Iterator<Item = f32>) -> Option<f32> {
    let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

/// A line number in the margin: a small integer that starts its line.
fn line_number(w: &Word) -> Option<u32> {
    let t = w.text.as_str();
    if t.is_empty() || t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|n| (1..=60).contains(n))
}

/// A realtime timestamp in the margin: `10:15:32`, `10:15`, `10:15:32AM`.
fn is_timestamp(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let parts: Vec<&str> = t.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// One transcript page found on a sheet: a run of line numbers counting up in one column.
#[derive(Debug, Clone)]
struct Block {
    /// The column's left edge, and the next column's (or the sheet's right edge).
    left: f32,
    right: f32,
    /// Baselines of its first and last numbered line.
    top: f32,
    bottom: f32,
    /// For each numbered line: the text line, the line-number word in it, the number.
    numbered: Vec<(usize, usize, u32)>,
    printed_page: Option<u32>,
}

/// The fewest numbered lines that make a column of line numbers.
const MIN_NUMBERED: usize = 5;

/// Finds the blocks (numbered transcript pages) on a sheet.
fn blocks(lines: &[TextLine], page_width: f32) -> Vec<Block> {
    // Candidates: each line's first word when it is a small integer followed by text or
    // standing alone (a blank numbered line).
    let mut candidates: Vec<(f32, usize, usize, u32)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        // A condensed sheet has two columns side by side: a line may hold two numbers.
        for (k, w) in l.words.iter().enumerate() {
            let Some(n) = line_number(w) else { continue };
            // First on its line (after a realtime timestamp, if any), or after a wide gap:
            // the second column of a condensed sheet.
            let starts_column = l.words[..k].iter().all(|p| is_timestamp(&p.text))
                || l.words[k - 1].right + l.size * 3.0 < w.x;
            if starts_column {
                candidates.push((w.x, i, k, n));
            }
        }
    }
    // Columns: numbers whose left edges line up (right-aligned numbers "9" and "10" differ
    // by a digit's width, so the column is matched on a tolerance of two digits).
    let mut columns: Vec<Vec<(f32, usize, usize, u32)>> = Vec::new();
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
    for c in candidates {
        let size = lines[c.1].size;
        match columns.last_mut() {
            Some(col) if (c.0 - col[col.len() - 1].0).abs() <= size * 1.2 => col.push(c),
            _ => columns.push(vec![c]),
        }
    }
    let mut out: Vec<Block> = Vec::new();
    let mut lefts: Vec<f32> = Vec::new();
    for mut col in columns {
        col.sort_by_key(|c| c.1);
        // Runs of numbers counting up by one, top to bottom.
        let mut runs: Vec<Vec<(usize, usize, u32)>> = Vec::new();
        for &(_, i, k, n) in &col {
            match runs.last_mut() {
                Some(r) if r.last().is_some_and(|&(_, _, m)| n == m + 1) => r.push((i, k, n)),
                _ => runs.push(vec![(i, k, n)]),
            }
        }
        let left = col.iter().map(|c| c.0).fold(f32::MAX, f32::min);
        // A page's numbers start at 1 and sit on evenly spaced baselines (a blank line keeps
        // its number); numbers in an index or a table do neither.
        let even = |r: &Vec<(usize, usize, u32)>| {
            let gaps: Vec<f32> = r
                .windows(2)
                .map(|w| lines[w[1].0].y - lines[w[0].0].y)
                .collect();
            median(gaps.iter().copied())
                .is_some_and(|m| m > 0.0 && gaps.iter().all(|g| *g >= m * 0.6 && *g <= m * 1.6))
        };
        for r in runs
            .into_iter()
            .filter(|r| r.len() >= MIN_NUMBERED && r[0].2 == 1 && even(r))
        {
            lefts.push(left);
            let top = lines[r[0].0].y;
            let bottom = lines[r[r.len() - 1].0].y;
            out.push(Block {
                left,
                right: page_width.max(left + 1.0),
                top,
                bottom,
                numbered: r,
                printed_page: None,
            });
        }
    }
    // Each block reaches right to the next column to its right.
    lefts.sort_by(f32::total_cmp);
    lefts.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    for b in &mut out {
        if let Some(next) = lefts.iter().find(|&&l| l > b.left + 1.0) {
            b.right = *next;
        }
    }
    // Reading order: left column first (top block, then bottom), then the right column;
    // the printed page numbers, when every block has one, decide instead.
    out.sort_by(|a, b| a.left.total_cmp(&b.left).then(a.top.total_cmp(&b.top)));
    for b in &mut out {
        b.printed_page = block_page_number(lines, b);
    }
    if out.iter().all(|b| b.printed_page.is_some()) {
        out.sort_by_key(|b| b.printed_page);
    }
    out
}

/// A page number as printed: "12", "Page 12", "- 12 -", "Page 12 of 90".
fn page_number(text: &str) -> Option<u32> {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let lower = t.to_lowercase();
    let rest = lower
        .strip_prefix("page")
        .map(str::trim_start)
        .unwrap_or(&lower);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].trim();
    let tail_ok = after.is_empty() || after.starts_with("of ");
    if digits.is_empty() || digits.len() > 5 || !tail_ok {
        return None;
    }
    digits.parse().ok()
}

/// A key for text that repeats from page to page, whatever its numbers.
fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word index line: words followed by page:line references ("abandon 12:5 23:7").
fn looks_like_index(text: &str) -> bool {
    let refs = text
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches([',', ';']);
            w.split_once(':').is_some_and(|(p, l)| {
                !p.is_empty()
                    && !l.is_empty()
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && l.bytes().all(|b| b.is_ascii_digit())
            })
        })
        .count();
    refs >= 2
}

/// A sheet read: its lines, and the transcript pages found on it.
struct Sheet {
    lines: Vec<TextLine>,
    blocks: Vec<Block>,
}

/// Reads the sheets into numbered transcript lines.
pub fn read(pages: &[Page]) -> Reading {
    let mut reading = Reading {
        sheets: pages.len(),
        ..Reading::default()
    };
    let sheets: Vec<Sheet> = pages
        .iter()
        .map(|p| {
            let lines = text_lines(p);
            let blocks = blocks(&lines, p.width);
            Sheet { lines, blocks }
        })
        .collect();
    reading.empty_sheets = sheets.iter().filter(|s| s.lines.is_empty()).count();
    // A word index at the end: trailing sheets without numbered lines whose lines are mostly
    // page:line references.
    let mut end = sheets.len();
    while end > 0 {
        let s = &sheets[end - 1];
        if !s.blocks.is_empty() || s.lines.is_empty() {
            break;
        }
        let refs = s
            .lines
            .iter()
            .filter(|l| looks_like_index(&l.text_from(0)))
            .count();
        if refs * 3 < s.lines.len() {
            break;
        }
        end -= 1;
    }
    // An index that shares the last numbered sheet's reporter layout is also common: only
    // whole sheets are left out.
    if end < sheets.len() && sheets[..end].iter().any(|s| !s.blocks.is_empty()) {
        reading.index_sheets = sheets.len() - end;
    } else {
        end = sheets.len();
    }
    let sheets = &sheets[..end];
    let furniture = running_furniture(sheets);
    // Transcript pages in order: each block of a numbered sheet, or the whole sheet.
    struct Unit<'a> {
        sheet: &'a Sheet,
        block: Option<&'a Block>,
        printed: Option<u32>,
    }
    let mut units: Vec<Unit> = Vec::new();
    for s in sheets {
        if s.blocks.is_empty() {
            if !s.lines.is_empty() {
                let printed = unblocked_page_number(s, &furniture);
                units.push(Unit {
                    sheet: s,
                    block: None,
                    printed,
                });
            }
            continue;
        }
        reading.pages_per_sheet = reading.pages_per_sheet.max(s.blocks.len());
        for b in &s.blocks {
            units.push(Unit {
                sheet: s,
                block: Some(b),
                printed: b.printed_page,
            });
        }
    }
    let ordinal_pages: Vec<u32> = (1..=units.len() as u32).collect();
    let printed: Vec<Option<u32>> = units.iter().map(|u| u.printed).collect();
    let numbers = consistent_page_numbers(&printed).unwrap_or(ordinal_pages);
    reading.printed_page_numbers = printed.iter().any(Option::is_some)
        && numbers
            .iter()
            .zip(&printed)
            .all(|(n, p)| p.is_none_or(|p| p == *n));
    reading.pages = units.len();
    for (u, page) in units.iter().zip(numbers) {
        match u.block {
            Some(b) => {
                reading.numbered_pages += 1;
                let margin = text_margin(u.sheet, b);
                let column = timestamp_column(u.sheet, b);
                for &(i, k, n) in &b.numbered {
                    let l = &u.sheet.lines[i];
                    // The words right of the number, up to the next column.
                    let mut words: Vec<Word> = l.words[k + 1..]
                        .iter()
                        .filter(|w| w.x < b.right - 0.5)
                        .cloned()
                        .collect();
                    // A timestamp in the page's column of them goes however close the
                    // words run up to it.
                    if let Some(x) = column
                        && words.len() >= 2
                        && words
                            .last()
                            .is_some_and(|w| is_timestamp(&w.text) && (w.x - x).abs() <= w.size)
                    {
                        words.pop();
                    }
                    drop_margin_timestamps(&mut words, margin, b.right);
                    let text = join_words(&words);
                    let indent = words.first().map_or(0, |w| indent_of(w.x - margin, l.size));
                    reading.lines.push(Line {
                        page,
                        line: n,
                        indent,
                        text,
                    });
                }
            }
            None => {
                let margin = u
                    .sheet
                    .lines
                    .iter()
                    .map(TextLine::x)
                    .fold(f32::MAX, f32::min);
                let mut n = 0;
                let count = u.sheet.lines.len();
                for (i, l) in u.sheet.lines.iter().enumerate() {
                    let text = l.text_from(0);
                    let at_edge = i < EDGE_LINES || i + EDGE_LINES >= count;
                    if at_edge
                        && (furniture.contains(&furniture_key(&text))
                            || is_page_number_line(l, u.sheet))
                    {
                        reading.furniture_lines += 1;
                        continue;
                    }
                    // Lines count from the first line of text under the running head.
                    n += 1;
                    reading.lines.push(Line {
                        page,
                        line: n,
                        indent: indent_of(l.x() - margin, l.size),
                        text,
                    });
                }
            }
        }
    }
    reading
}

/// Where a page prints video timestamps in a column of their own ("…question.  01:17" on
/// line after line): the left edge shared by the timestamps that end at least
/// [`MIN_NUMBERED`] of its numbered lines, in the right half of the block.
fn timestamp_column(sheet: &Sheet, b: &Block) -> Option<f32> {
    let mut xs: Vec<f32> = b
        .numbered
        .iter()
        .filter_map(|&(i, k, _)| {
            let words = &sheet.lines[i].words;
            let last = words.last().filter(|_| words.len() > k + 2)?;
            (is_timestamp(&last.text) && last.x > (b.left + b.right) / 2.0).then_some(last.x)
        })
        .collect();
    if xs.len() < MIN_NUMBERED {
        return None;
    }
    xs.sort_by(f32::total_cmp);
    let median = xs[xs.len() / 2];
    let near = xs.iter().filter(|&&x| (x - median).abs() <= 1.0).count();
    (near >= MIN_NUMBERED).then_some(median)
}

/// Drops video timestamps printed in a page's right margin ("Sure.      01:24"): a
/// timestamp that ends the line, in the right quarter of the column, after a wide gap.
fn drop_margin_timestamps(words: &mut Vec<Word>, margin: f32, right: f32) {
    let width = right - margin;
    while words.len() >= 2 {
        let n = words.len();
        let (last, before) = (&words[n - 1], &words[n - 2]);
        let far_right = width > 0.0 && last.x > margin + width * 0.75;
        let gap = last.x - before.right > last.size * 2.0;
        if is_timestamp(&last.text) && far_right && gap {
            words.pop();
        } else {
            break;
        }
    }
    // A line holding nothing but the timestamp.
    if words.len() == 1 && is_timestamp(&words[0].text) && words[0].x > margin + width * 0.75 {
        words.clear();
    }
}

/// Spaces for a distance from the margin: a monospaced character is about half the size.
fn indent_of(dx: f32, size: f32) -> usize {
    if !dx.is_finite() || dx <= 0.0 {
        return 0;
    }
    ((dx / (size.max(1.0) * 0.5)).round() as usize).min(40)
}

/// Where a numbered page's text starts: the leftmost first word after the line number.
fn text_margin(s: &Sheet, b: &Block) -> f32 {
    let mut margin = f32::MAX;
    for &(i, k, _) in &b.numbered {
        if let Some(w) = s.lines[i].words.get(k + 1).filter(|w| w.x < b.right) {
            margin = margin.min(w.x);
        }
    }
    margin
}

/// The page number printed for a block: a number alone (or "Page N") on a line just above
/// its first numbered line or just below its last, within its column.
fn block_page_number(lines: &[TextLine], b: &Block) -> Option<u32> {
    let numbered: Vec<usize> = b.numbered.iter().map(|&(i, _, _)| i).collect();
    let gap = lines[*numbered.first()?].size * 4.0;
    let mut best: Option<(f32, u32)> = None;
    for (i, l) in lines.iter().enumerate() {
        if numbered.contains(&i) {
            continue;
        }
        let above = l.y < b.top && b.top - l.y <= gap;
        let below = l.y > b.bottom && l.y - b.bottom <= gap;
        if !(above || below) {
            continue;
        }
        // Only the words within the block's columns.
        let words: Vec<Word> = l
            .words
            .iter()
            .filter(|w| w.x >= b.left - l.size && w.x < b.right)
            .cloned()
            .collect();
        if let Some(n) = page_number(&join_words(&words)) {
            let d = if above { b.top - l.y } else { l.y - b.bottom };
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, n));
            }
        }
    }
    best.map(|(_, n)| n)
}

/// The page number of a sheet without numbered lines: a number alone at its top or foot.
fn unblocked_page_number(s: &Sheet, _furniture: &[String]) -> Option<u32> {
    let first = s.lines.first()?;
    let last = s.lines.last()?;
    [first, last]
        .into_iter()
        .find_map(|l| page_number(&l.text_from(0)))
}

/// Whether a line of an unnumbered sheet is its page number.
fn is_page_number_line(l: &TextLine, s: &Sheet) -> bool {
    let at_edge =
        s.lines.first().is_some_and(|f| f.y == l.y) || s.lines.last().is_some_and(|f| f.y == l.y);
    at_edge && page_number(&l.text_from(0)).is_some()
}

/// How many lines at a sheet's top and foot may be running heads, feet and page numbers.
const EDGE_LINES: usize = 2;

/// Lines of unnumbered sheets that repeat at the top or foot of many sheets: running heads.
fn running_furniture(sheets: &[Sheet]) -> Vec<String> {
    // Sheets long enough to have a body between their head and foot.
    let plain: Vec<&Sheet> = sheets
        .iter()
        .filter(|s| s.blocks.is_empty() && s.lines.len() >= 6)
        .collect();
    if plain.len() < 3 {
        return Vec::new();
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for s in &plain {
        let n = s.lines.len();
        let edge = s
            .lines
            .iter()
            .take(EDGE_LINES)
            .chain(s.lines.iter().skip(n.saturating_sub(EDGE_LINES)));
        let mut seen: Vec<String> = edge.map(|l| furniture_key(&l.text_from(0))).collect();
        seen.sort();
        seen.dedup();
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(k, c)| *c * 2 >= plain.len() && !k.is_empty())
        .map(|(k, _)| k)
        .collect()
}

/// Page numbers that run in order: the printed ones, with gaps filled from their
/// neighbours, when every printed number fits; `None` when they do not (the PDF's order is
/// used instead).
fn consistent_page_numbers(printed: &[Option<u32>]) -> Option<Vec<u32>> {
    let known: Vec<(usize, u32)> = printed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p)))
        .collect();
    if known.len() * 2 < printed.len() || known.is_empty() {
        return None;
    }
    // Most printed numbers must be their neighbour's plus one.
    let steady = known
        .windows(2)
        .filter(|w| w[1].1 as i64 - w[0].1 as i64 == (w[1].0 - w[0].0) as i64)
        .count();
    if known.len() > 1 && steady * 10 < (known.len() - 1) * 9 {
        return None;
    }
    let (i0, p0) = known[0];
    let base = p0 as i64 - i0 as i64;
    let out: Vec<u32> = (0..printed.len())
        .map(|i| (base + i as i64).max(1) as u32)
        .collect();
    Some(out)
}

/// Each line of a page as the geometry groups it: baseline, left edge, size and text.
pub fn lines_of(page: &Page) -> Vec<(f32, f32, f32, String)> {
    text_lines(page)
        .iter()
        .map(|l| (l.y, l.x(), l.size, l.text_from(0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A court-reporter page: line numbers at x 40, text at x 72, 12-point Courier, lines
    /// 24 points apart, the page number at the top right.
    fn reporter_page(page: u32, lines: &[&str], x0: f32, y0: f32) -> Vec<Run> {
        let mut runs = vec![Run {
            x: x0 + 300.0,
            y: y0 - 30.0,
            width: 0.0,
            size: 12.0,
            text: format!("{page}"),
        }];
        for (i, text) in lines.iter().enumerate() {
            let y = y0 + 24.0 * i as f32;
            let n = format!("{}", i + 1);
            runs.push(Run {
                x: x0 + if n.len() == 1 { 7.2 } else { 0.0 },
                y,
                width: 7.2 * n.len() as f32,
                size: 12.0,
                text: n,
            });
            if !text.is_empty() {
                runs.push(Run {
                    x: x0 + 32.0,
                    y,
                    width: 7.2 * text.chars().count() as f32,
                    size: 12.0,
                    text: (*text).to_owned(),
                });
            }
        }
        runs
    }

    fn page(runs: Vec<Run>) -> Page {
        Page {
            width: 612.0,
            height: 792.0,
            runs,
        }
    }

    fn lines_of(n: usize, tag: &str) -> Vec<String> {
        (1..=n).map(|i| format!("{tag} line {i}")).collect()
    }

    #[test]
    fn numbered_lines_are_cited_by_the_printed_page_and_the_margin_number() {
        let text: Vec<String> = lines_of(25, "p");
        let mut texts: Vec<&str> = text.iter().map(String::as_str).collect();
        texts[3] = "";
        texts[4] = "Q. Did you meet him?";
        let pages = vec![
            page(reporter_page(12, &texts, 40.0, 80.0)),
            page(reporter_page(13, &texts, 40.0, 80.0)),
        ];
        let r = read(&pages);
        assert_eq!(
            (r.sheets, r.pages, r.numbered_pages, r.pages_per_sheet),
            (2, 2, 2, 1)
        );
        assert!(r.printed_page_numbers);
        assert_eq!(r.lines.len(), 50);
        let q = &r.lines[4];
        assert_eq!(
            (q.page, q.line, q.text.as_str()),
            (12, 5, "Q. Did you meet him?")
        );
        assert_eq!(
            r.lines[3].text, "",
            "a blank numbered line keeps its number"
        );
        let last = &r.lines[49];
        assert_eq!(
            (last.page, last.line, last.text.as_str()),
            (13, 25, "p line 25")
        );
    }

    #[test]
    fn four_pages_on_a_sheet_are_read_in_page_order_each_with_its_lines() {
        // Min-U-Script: pages 5 and 6 on the left (top, bottom), 7 and 8 on the right.
        let mut runs = Vec::new();
        for (page, x0, y0) in [
            (5, 20.0, 60.0),
            (6, 20.0, 420.0),
            (7, 320.0, 60.0),
            (8, 320.0, 420.0),
        ] {
            let text = lines_of(12, &format!("page {page}"));
            let texts: Vec<&str> = text.iter().map(String::as_str).collect();
            let mut r = reporter_page(page, &texts, x0, y0);
            // Condensed pages head each mini-page "Page N", and use a smaller font.
            r[0].text = format!("Page {page}");
            r[0].x = x0 + 100.0;
            for run in &mut r {
                run.y = y0 + (run.y - y0) * 0.5;
                run.size = 6.0;
                run.width *= 0.5;
                run.x = x0 + (run.x - x0) * 0.5;
            }
            runs.extend(r);
        }
        let r = read(&[page(runs)]);
        assert_eq!((r.pages, r.pages_per_sheet), (4, 4), "{r:#?}");
        let cites: Vec<(u32, u32, &str)> = r
            .lines
            .iter()
            .map(|l| (l.page, l.line, l.text.as_str()))
            .collect();
        assert_eq!(cites.len(), 48);
        assert_eq!(cites[0], (5, 1, "page 5 line 1"));
        assert_eq!(cites[12], (6, 1, "page 6 line 1"));
        assert_eq!(cites[25], (7, 2, "page 7 line 2"));
        assert_eq!(cites[47], (8, 12, "page 8 line 12"));
    }

    #[test]
    fn pages_without_line_numbers_are_cited_by_their_lines_and_lose_their_running_heads() {
        let mut pages = Vec::new();
        for p in 1..=4u32 {
            let mut runs = vec![Run {
                x: 100.0,
                y: 40.0,
                width: 0.0,
                size: 10.0,
                text: "HEARING ON SAFETY".into(),
            }];
            for i in 0..8 {
                runs.push(Run {
                    x: if i == 0 { 120.0 } else { 100.0 },
                    y: 80.0 + 14.0 * i as f32,
                    width: 0.0,
                    size: 10.0,
                    text: format!(
                        "Senator {} said thing {i}.",
                        ["Smith", "Jones", "Brown", "Green"][p as usize - 1]
                    ),
                });
            }
            runs.push(Run {
                x: 300.0,
                y: 760.0,
                width: 0.0,
                size: 10.0,
                text: format!("{}", p + 40),
            });
            pages.push(page(runs));
        }
        let r = read(&pages);
        assert_eq!(r.numbered_pages, 0);
        assert!(r.printed_page_numbers, "{r:#?}");
        let cites: Vec<(u32, u32, usize)> =
            r.lines.iter().map(|l| (l.page, l.line, l.indent)).collect();
        assert_eq!(cites[..3], [(41, 1, 4), (41, 2, 0), (41, 3, 0)]);
        assert!(r.lines.iter().all(|l| !l.text.contains("HEARING")));
        assert_eq!(r.furniture_lines, 8);
    }

    #[test]
    fn a_word_index_at_the_end_is_left_out() {
        let text = lines_of(25, "testimony");
        let texts: Vec<&str> = text.iter().map(String::as_str).collect();
        let mut index = Vec::new();
        for i in 0..30 {
            index.push(Run {
                x: 50.0,
                y: 50.0 + 20.0 * i as f32,
                width: 0.0,
                size: 10.0,
                text: format!("word{i} 12:5 13:{}", i % 25 + 1),
            });
        }
        let r = read(&[page(reporter_page(1, &texts, 40.0, 80.0)), page(index)]);
        assert_eq!(r.index_sheets, 1);
        assert_eq!(r.lines.len(), 25);
    }

    #[test]
    fn glyphs_drawn_one_by_one_become_words() {
        let mut runs = Vec::new();
        let mut x = 100.0;
        for c in "Yes, sir.".chars() {
            if c != ' ' {
                runs.push(Run {
                    x,
                    y: 100.0,
                    width: 6.0,
                    size: 10.0,
                    text: c.to_string(),
                });
            }
            x += 6.0;
        }
        let lines = text_lines(&page(runs));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text_from(0), "Yes, sir.");
    }

    /// A reporter's page of 25 lines cycling through `lines`, with a video timestamp at the
    /// right of every line.
    fn timestamped_page(lines: &[&str]) -> Vec<Run> {
        let mut runs = reporter_page(
            3,
            &lines.iter().cycle().take(25).copied().collect::<Vec<_>>(),
            40.0,
            80.0,
        );
        for i in 0..25 {
            runs.push(Run {
                x: 560.0,
                y: 80.0 + 24.0 * i as f32,
                width: 30.0,
                size: 12.0,
                text: format!("01:{:02}", 20 + i),
            });
        }
        runs
    }

    #[test]
    fn video_timestamps_in_the_right_margin_are_not_testimony() {
        let lines = ["Q. Where were you?", "A. Sure.", "in the morning"];
        let r = read(&[page(timestamped_page(&lines))]);
        assert_eq!(r.lines.len(), 25);
        assert!(
            r.lines.iter().all(|l| !l.text.contains("01:")),
            "{:#?}",
            r.lines
        );
        assert_eq!(r.lines[1].text, "A. Sure.");
    }

    /// A video deposition prints its timestamps in a column of their own; a line of words
    /// may run right up to it, and its timestamp is still not testimony.
    #[test]
    fn a_timestamp_column_is_left_out_however_close_the_words_run() {
        let long = "wait for your answer to end before I ask another question of you.";
        let r = read(&[page(timestamped_page(&[
            "Q. Where were you?",
            long,
            "in the morning",
        ]))]);
        assert_eq!(r.lines[1].text, long, "{:#?}", r.lines);
        assert!(r.lines.iter().all(|l| !l.text.contains("01:")));
    }

    #[test]
    fn page_numbers_and_timestamps_are_recognised() {
        assert_eq!(page_number("Page 12"), Some(12));
        assert_eq!(page_number("- 7 -"), Some(7));
        assert_eq!(page_number("Page 3 of 90"), Some(3));
        assert_eq!(page_number("12 Angry Men"), None);
        assert!(is_timestamp("10:15:32"));
        assert!(is_timestamp("9:05AM"));
        assert!(!is_timestamp("12:5:1:2"));
        assert!(looks_like_index("abandon 12:5 23:7"));
        assert!(!looks_like_index("at 10:15 we met"));
    }
}
