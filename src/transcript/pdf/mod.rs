//! PDF transcripts: the positioned text of each page ([`extract`]), read by geometry into
//! lines that carry their page:line ([`geometry`]), written as a reporter's page:line text
//! (`00012:05 Q. Did you…`) that the text importer reads like any other, so tags, cites,
//! search, suggestions and re-anchoring work unchanged.
//!
//! The PDF library is pure Rust (`pdf_oxide`), and untrusted: it runs on its own thread,
//! behind `catch_unwind`, with a deadline and a bound on the text it may return.

pub mod geometry;

use geometry::{Page, Reading, Run};
use std::time::Duration;

/// Why a PDF could not be read. Shown after the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("this PDF has no text layer (a scan?); run OCR on it first")]
    NoTextLayer,
    #[error("this PDF is protected by a password; save an unprotected copy and open that")]
    Encrypted,
    #[error("is not a readable PDF ({0})")]
    Malformed(String),
    #[error("reading this PDF took longer than {0} s; it may be damaged")]
    TooSlow(u64),
    #[error("this PDF has more than {MAX_PAGES} pages")]
    TooManyPages,
    #[error("the PDF reader failed on this file ({0}); it may be damaged")]
    Crashed(String),
}

/// The most pages read: a 10,000-page trial is far more than any single PDF a court sends.
pub const MAX_PAGES: usize = 20_000;
/// The most words kept from one PDF (a 10,000-page transcript has about 3 million).
const MAX_WORDS: usize = 8_000_000;
/// How long the PDF library may take.
const DEADLINE: Duration = Duration::from_secs(60);

/// Whether these bytes are a PDF: `%PDF-` in the first kilobyte (some writers put junk
/// before it, which readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// A PDF read into page:line text, with what the import report says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    /// One line per transcript line, `PPPPP:LL words` (the reporter's ASCII-export form).
    pub text: String,
    pub reading: Reading,
    /// What was understood, for the import report: "PDF, 92 pages, line numbers in the
    /// margin".
    pub summary: String,
    /// What was not: pages without text, rotated text left out.
    pub notes: Vec<String>,
}

/// Reads a PDF's bytes into page:line text.
pub fn read(bytes: Vec<u8>) -> Result<PdfText, PdfError> {
    let (pages, mut notes) = extract_guarded(bytes, DEADLINE)?;
    let words: usize = pages.iter().map(|p| p.runs.len()).sum();
    if words == 0 {
        return Err(PdfError::NoTextLayer);
    }
    let reading = geometry::read(&pages);
    drop(pages);
    if reading.lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(PdfError::NoTextLayer);
    }
    let mut text = String::with_capacity(reading.lines.iter().map(|l| l.text.len() + 12).sum());
    for l in &reading.lines {
        use std::fmt::Write;
        let _ = write!(text, "{:05}:{:02} ", l.page, l.line);
        text.extend(std::iter::repeat_n(' ', l.indent));
        text.push_str(&l.text);
        text.push('\n');
    }
    let summary = summary(&reading);
    if reading.empty_sheets > 0 {
        notes.push(format!(
            "{} page(s) of the PDF have no text (scanned pages or blank ones): not read",
            reading.empty_sheets
        ));
    }
    if reading.index_sheets > 0 {
        notes.push(format!(
            "left out the word index at the end ({} page(s))",
            reading.index_sheets
        ));
    }
    if reading.furniture_lines > 0 {
        notes.push(format!(
            "left out {} running header, footer and page-number line(s)",
            reading.furniture_lines
        ));
    }
    Ok(PdfText {
        text,
        reading,
        summary,
        notes,
    })
}

/// "PDF, 92 pages, line numbers in the margin, 4 pages per sheet".
fn summary(r: &Reading) -> String {
    let mut parts = vec![format!("PDF, {} page(s)", r.sheets)];
    if r.pages_per_sheet > 1 {
        parts.push(format!(
            "{} pages per sheet ({} transcript pages)",
            r.pages_per_sheet, r.pages
        ));
    }
    if r.numbered_pages == r.pages {
        parts.push("line numbers in the margin".into());
    } else if r.numbered_pages == 0 {
        parts.push("no line numbers: cited by page and line on the page".into());
    } else {
        parts.push(format!(
            "line numbers in the margin on {} of {} pages (the others cited by line on the page)",
            r.numbered_pages, r.pages
        ));
    }
    parts.push(if r.printed_page_numbers {
        "the printed page numbers".into()
    } else {
        "pages numbered in PDF order (no printed page numbers found)".into()
    });
    parts.join(", ")
}

/// The positioned words of every page (for inspecting what the geometry reads).
pub fn pages(bytes: Vec<u8>) -> Result<Vec<Page>, PdfError> {
    extract_guarded(bytes, DEADLINE).map(|(pages, _)| pages)
}

/// Runs the PDF library on its own thread: a panic becomes [`PdfError::Crashed`], and a
/// file that takes longer than `deadline` becomes [`PdfError::TooSlow`] (the thread is left to
/// finish on its own; its result is dropped).
fn extract_guarded(
    bytes: Vec<u8>,
    deadline: Duration,
) -> Result<(Vec<Page>, Vec<String>), PdfError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf".into())
        .spawn(move || {
            let result = std::panic::catch_unwind(move || extract(bytes));
            let _ = tx.send(result);
        });
    if spawned.is_err() {
        return Err(PdfError::Crashed("could not start a thread".into()));
    }
    match rx.recv_timeout(deadline) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic".into());
            Err(PdfError::Crashed(crate::text::chars::shorten(&what, 120)))
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            Err(PdfError::TooSlow(deadline.as_secs()))
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(PdfError::Crashed("the reader stopped".into()))
        }
    }
}

/// The positioned words of every page, top-down coordinates.
fn extract(bytes: Vec<u8>) -> Result<(Vec<Page>, Vec<String>), PdfError> {
    use pdf_oxide::PdfDocument;
    let doc = PdfDocument::from_bytes(bytes).map_err(|e| PdfError::Malformed(one_line(&e)))?;
    // An owner password only restricts printing and copying: the text opens with the empty
    // user password. A user password locks the text away.
    if doc.is_encrypted() && !doc.authenticate(b"").unwrap_or(false) {
        return Err(PdfError::Encrypted);
    }
    let count = doc
        .page_count()
        .map_err(|e| PdfError::Malformed(one_line(&e)))?;
    if count > MAX_PAGES {
        return Err(PdfError::TooManyPages);
    }
    let mut pages = Vec::with_capacity(count);
    let mut notes = Vec::new();
    let (mut words, mut rotated, mut unreadable) = (0usize, 0usize, 0usize);
    for i in 0..count {
        let (x0, y0, x1, y1) = doc
            .get_page_media_box(i)
            .unwrap_or((0.0, 0.0, 612.0, 792.0));
        let (left, top) = (x0.min(x1), y0.max(y1));
        let mut page = Page {
            width: (x1 - x0).abs(),
            height: (y1 - y0).abs(),
            runs: Vec::new(),
        };
        let chars = match doc.extract_chars(i) {
            Ok(c) => c,
            Err(_) => {
                unreadable += 1;
                pages.push(page);
                continue;
            }
        };
        // Glyphs into words: consecutive glyphs on one baseline that touch.
        let mut current: Option<Run> = None;
        for c in chars {
            let angle = c.rotation_degrees.rem_euclid(360.0);
            if angle > 1.0 && angle < 359.0 {
                rotated += 1;
                continue;
            }
            let x = c.origin_x - left;
            let y = top - c.origin_y;
            let size = if c.font_size > 0.0 {
                c.font_size
            } else {
                c.bbox.height.max(1.0)
            };
            let width = if c.advance_width > 0.0 {
                c.advance_width
            } else {
                c.bbox.width
            };
            if !(x.is_finite() && y.is_finite() && size.is_finite() && width.is_finite()) {
                continue;
            }
            if c.char.is_whitespace() || c.char.is_control() {
                if let Some(run) = current.take() {
                    page.runs.push(run);
                }
                continue;
            }
            let ch = c.char;
            match &mut current {
                Some(run)
                    if (run.y - y).abs() <= size * 0.2
                        && (x - (run.x + run.width)).abs() <= size * 0.12 =>
                {
                    run.text.push(ch);
                    run.width = (x + width - run.x).max(run.width);
                }
                _ => {
                    if let Some(run) = current.take() {
                        page.runs.push(run);
                    }
                    current = Some(Run {
                        x,
                        y,
                        width,
                        size,
                        text: ch.to_string(),
                    });
                }
            }
        }
        if let Some(run) = current.take() {
            page.runs.push(run);
        }
        words += page.runs.len();
        pages.push(page);
        if words > MAX_WORDS {
            notes.push(format!(
                "only the first {} of {count} PDF pages were read: the text is too large",
                i + 1
            ));
            break;
        }
    }
    if rotated > 0 {
        notes.push(format!(
            "left out {rotated} character(s) of rotated text (margin stamps, vertical labels)"
        ));
    }
    if unreadable > 0 {
        notes.push(format!("{unreadable} PDF page(s) could not be read"));
    }
    Ok((pages, notes))
}

/// An error message on one line, not too long.
fn one_line(e: &impl std::fmt::Display) -> String {
    let s = e.to_string();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::chars::shorten(&s, 160)
}
