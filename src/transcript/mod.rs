//! Transcripts: the model and the importers. Knows nothing of annotations or the UI.
//!
//! Import runs in fixed stages, each a pure function: [`decode`] bytes to text, [`layout`]
//! finds pages and numbered lines, [`detect`] guesses the layout, a [`grammar`] finds the
//! turns, and [`build`] settles speakers (grouping labels with [`labels`]), roles and, with
//! [`kinds`], question/answer links. Import never fails on messy text; only unreadable input
//! is an error. Within this folder the files import each other one way only (`model` from
//! none of them).

pub mod build;
pub mod decode;
pub mod detect;
pub mod docx;
pub mod grammar;
pub mod health;
pub mod html;
pub mod kinds;
pub mod labels;
pub mod layout;
pub mod markup;
pub mod model;
pub mod pdf;
pub mod search;
pub mod speakers;
#[cfg(test)]
mod testing;

pub use decode::{LoadError, LoadErrorKind, MAX_FILE_BYTES, MAX_LINES};
pub use model::*;
pub use speakers::{SpeakerEdit, SpeakerEditError};

use std::path::Path;

/// Parses decoded text. `format` overrides detection.
pub fn parse_text(mut text: String, encoding: &'static str, format: Option<Format>) -> Transcript {
    // Offsets into the text are `u32`. No file gets near it (`MAX_FILE_BYTES`), but a caller
    // could pass more: the rest is cut, and said so.
    let cut = text.len() > MAX_TEXT_BYTES;
    if cut {
        let end = (0..=MAX_TEXT_BYTES)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        text.truncate(end);
    }
    let mut t = parse_within_limit(text, encoding, format);
    if cut {
        t.warnings.insert(
            0,
            Warning {
                loc: None,
                message: format!("only the first {MAX_TEXT_BYTES} bytes of the text were read"),
            },
        );
    }
    t
}

fn parse_within_limit(text: String, encoding: &'static str, format: Option<Format>) -> Transcript {
    let raw = layout::raw_lines(&text);
    let (paged, layout) = layout::lay_out(&text, &raw);
    // Every later stage reads the laid-out lines; on a long trial the raw ones are 13 MB.
    drop(raw);
    parse_laid_out(text, encoding, format, paged, layout, true)
}

/// Reads a PDF: its geometry gave every line its page:line, so no layout is guessed.
fn parse_pdf(bytes: Vec<u8>, format: Option<Format>) -> Result<Transcript, LoadErrorKind> {
    let read = pdf::read(bytes).map_err(LoadErrorKind::Pdf)?;
    let raw = layout::raw_lines(&read.text);
    let laid_out = layout::prefixed_known(&read.text, &raw);
    drop(raw);
    // Pages without line numbers may hold any layout (a hearing, an article): every reading
    // is weighed, as for text without page numbers.
    let numbered = read.reading.numbered_pages > 0;
    // A PDF read by its line numbers is not re-read as plain text to look for a better
    // layout (the geometry numbered its lines); one without them is read in every layout
    // anyway, and may be offered the best of those readings.
    let mut t = parse_laid_out(read.text, "PDF", format, numbered, laid_out, false);
    let notes = read
        .notes
        .into_iter()
        .map(|message| Warning { loc: None, message });
    t.warnings.splice(0..0, notes);
    t.origin = Some(read.summary);
    Ok(t)
}

/// Reads laid-out lines. `suggest`: whether a doubtful single reading is read again in the
/// other layouts to find one to offer (not for a PDF, whose lines the geometry numbered).
fn parse_laid_out(
    text: String,
    encoding: &'static str,
    format: Option<Format>,
    paged: bool,
    layout: layout::Layout,
    suggest: bool,
) -> Transcript {
    let (format, detected) = match format {
        Some(f) => (f, false),
        None => (detect::detect_lines(paged, &text, &layout.lines), true),
    };
    let layout::Layout {
        lines,
        pages,
        warnings,
    } = layout;
    // Text without numbered pages can be many things; the guess from marker counts is checked
    // against the other readings, and the one that explains the text best is kept.
    let alternatives: &[Format] = if detected && !paged && text.len() <= MAX_TRIAL_BYTES {
        &Format::ALL
    } else {
        &[]
    };
    if alternatives.is_empty() {
        // One reading: the lines are freed before the turns are built (on a long trial they
        // are 12 MB).
        let (parsed, counts) = read_lines(&text, &lines, format);
        drop(lines);
        let mut t = build::build(&text, encoding, format, detected, pages, warnings, parsed);
        t.lines = counts;
        if suggest {
            t.better_format = better_format(&text, encoding, &t);
        }
        return t;
    }
    // Every layout, the guess first; each reading judged once.
    let order =
        std::iter::once(format).chain(alternatives.iter().copied().filter(|&f| f != format));
    let mut readings: Vec<Judged> = Vec::with_capacity(alternatives.len());
    let mut best = 0;
    for f in order {
        let mut r = judge(read_as(
            &text,
            &lines,
            encoding,
            f,
            detected,
            pages,
            warnings.clone(),
        ));
        // Another layout must explain the text clearly better than the guess, with turns.
        // Only the best reading so far is kept whole.
        if let Some(b) = readings.get(best)
            && !(r.has_turns && clearly_better(r.score, b.score))
        {
            r.reading = None;
            readings.push(r);
            continue;
        }
        if let Some(b) = readings.get_mut(best) {
            b.reading = None;
        }
        best = readings.len();
        readings.push(r);
    }
    let chosen = readings.remove(best);
    let mut t = chosen.reading.expect("the chosen reading is kept");
    // What to suggest instead, from the readings already made (the guess first, as above).
    if text.len() <= MAX_ALTERNATIVE_BYTES {
        let others = readings
            .iter()
            .map(|r| (r.format, r.verdict, r.score, r.has_turns));
        t.better_format = choose_better(chosen.verdict, others);
    }
    t
}

/// A reading and how it was judged.
struct Judged {
    format: Format,
    verdict: health::Verdict,
    score: f64,
    has_turns: bool,
    reading: Option<Transcript>,
}

fn judge(t: Transcript) -> Judged {
    let h = health::assess(&t);
    Judged {
        format: t.format,
        verdict: h.verdict,
        score: explained(&t, &h),
        has_turns: !t.turns.is_empty(),
        reading: Some(t),
    }
}

/// Whether a reading scoring `score` explains the text clearly better than one scoring `than`.
fn clearly_better(score: f64, than: f64) -> bool {
    score > than + (than.abs() * 0.25).max(2.0)
}

/// Among other readings (in order of preference), one judged better than `now`: the best
/// verdict, then clearly the best score.
fn choose_better(
    now: health::Verdict,
    others: impl Iterator<Item = (Format, health::Verdict, f64, bool)>,
) -> Option<Format> {
    let mut best: Option<(health::Verdict, f64, Format)> = None;
    for (format, verdict, score, has_turns) in others {
        let better_than_best =
            best.is_none_or(|(v, s, _)| verdict < v || (verdict == v && clearly_better(score, s)));
        if verdict < now && has_turns && better_than_best {
            best = Some((verdict, score, format));
        }
    }
    best.map(|(_, _, f)| f)
}

/// A layout that reads the text clearly better than the one it was read as, when that reading
/// is doubtful or poor: what the import report and `inspect` suggest trying.
fn better_format(text: &str, encoding: &'static str, t: &Transcript) -> Option<Format> {
    // Judging a long trial's reading takes a quarter of the time of reading it: past this
    // size the user is offered every layout under "Read as" without a suggestion.
    if text.len() > MAX_ALTERNATIVE_BYTES {
        return None;
    }
    let now = health::assess(t).verdict;
    if now == health::Verdict::Good {
        return None;
    }
    let raw = layout::raw_lines(text);
    let (paged, layout) = layout::lay_out(text, &raw);
    drop(raw);
    // What detection would pick first, then the rest: a tie goes to the usual guess.
    let guess = detect::detect_lines(paged, text, &layout.lines);
    let order = std::iter::once(guess).chain(Format::ALL.into_iter().filter(|&f| f != guess));
    let others = order.filter(|&f| f != t.format).map(|f| {
        let r = judge(read_as(
            text,
            &layout.lines,
            encoding,
            f,
            false,
            layout.pages,
            Vec::new(),
        ));
        (r.format, r.verdict, r.score, r.has_turns)
    });
    choose_better(now, others)
}

/// Texts up to this size are read in the other layouts when their reading is in doubt.
const MAX_ALTERNATIVE_BYTES: usize = 4 << 20;

/// Texts without page numbers up to this size are read in every layout to pick the best one
/// (a few milliseconds a layout for a long hearing); longer ones are read as detected.
const MAX_TRIAL_BYTES: usize = 4 << 20;

fn read_as(
    text: &str,
    lines: &[layout::ContentLine],
    encoding: &'static str,
    format: Format,
    detected: bool,
    pages: Option<(u32, u32)>,
    warnings: Vec<Warning>,
) -> Transcript {
    let (parsed, counts) = read_lines(text, lines, format);
    let mut t = build::build(text, encoding, format, detected, pages, warnings, parsed);
    t.lines = counts;
    t
}

/// The grammar's reading of the lines, and what the health needs counted of them.
fn read_lines(
    text: &str,
    lines: &[layout::ContentLine],
    format: Format,
) -> (grammar::Parsed, LineCounts) {
    let parsed = match format {
        Format::CourtReporter | Format::Qa => grammar::court(text, lines, false),
        Format::SupremeCourt => grammar::court(text, lines, true),
        Format::Hearing => grammar::hearing(text, lines),
        Format::NameColon => grammar::name_colon(text, lines),
    };
    let counts = health::count_lines(text, lines, &parsed);
    (parsed, counts)
}

/// How much of the text a reading explains: lines in turns, more for questions and answers
/// found, less for the signs of a misreading (turns glued together, Q/A lines not read,
/// testimony-looking lines left out).
fn explained(t: &Transcript, h: &health::Health) -> f64 {
    let qa = t
        .turns
        .iter()
        .filter(|x| matches!(x.kind, TurnKind::Question | TurnKind::Answer))
        .count() as f64;
    let missed_markers = f64::from(h.marker_lines) * (1.0 - h.marker_lines_read);
    f64::from(t.lines.in_turns) + 2.0 * qa
        - 5.0 * f64::from(h.turns_with_inner_markers)
        - 3.0 * missed_markers
        - 2.0 * f64::from(h.dropped_lines)
}

/// Decodes and parses the bytes of a transcript file (text, HTML or PDF).
pub fn parse_bytes(bytes: &[u8], format: Option<Format>) -> Result<Transcript, LoadErrorKind> {
    if pdf::is_pdf(bytes) {
        return parse_pdf(bytes.to_vec(), format);
    }
    if docx::is_docx(bytes) {
        return parse_word(bytes, format);
    }
    Ok(parse_decoded(decode::decode(bytes)?, format))
}

/// [`parse_bytes`] on bytes it may keep (a file just read).
fn parse_owned(bytes: Vec<u8>, format: Option<Format>) -> Result<Transcript, LoadErrorKind> {
    if pdf::is_pdf(&bytes) {
        return parse_pdf(bytes, format);
    }
    if docx::is_docx(&bytes) {
        return parse_word(&bytes, format);
    }
    Ok(parse_decoded(decode::decode_owned(bytes)?, format))
}

/// A Word document's paragraphs, a line each, read as text.
fn parse_word(bytes: &[u8], format: Option<Format>) -> Result<Transcript, LoadErrorKind> {
    let text = docx::to_text(bytes).map_err(LoadErrorKind::Word)?;
    if text.trim().is_empty() {
        return Err(LoadErrorKind::Blank);
    }
    let mut t = parse_text(text, "Word document", format);
    t.warnings.insert(
        0,
        Warning {
            loc: None,
            message: "read as a Word document: a paragraph a line, lines counted in its text"
                .into(),
        },
    );
    Ok(t)
}

fn parse_decoded(decoded: decode::Decoded, format: Option<Format>) -> Transcript {
    let mut notes = decoded.notes;
    let text = if html::looks_like_html(&decoded.text) {
        notes.push(
            "read as a web page: tags removed, lines counted in the text the page shows".into(),
        );
        html::to_text(&decoded.text)
    } else {
        decoded.text
    };
    let text = match markup::without_label_emphasis(&text) {
        Some(plain) => {
            notes.push(
                "speaker names set in bold or italics (Markdown) read without the marks".into(),
            );
            plain
        }
        None => text,
    };
    let mut t = parse_text(text, decoded.encoding, format);
    let notes = notes
        .into_iter()
        .map(|message| Warning { loc: None, message });
    t.warnings.splice(0..0, notes);
    t
}

/// A transcript read from disk, with the fingerprint of the bytes it was parsed from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub transcript: Transcript,
    /// [`fingerprint`] of the file's bytes.
    pub fingerprint: String,
}

/// Reads and parses a transcript file. The bytes are fingerprinted, then become the text
/// without a copy (for UTF-8), so a big file is held once, not twice, while it is parsed.
pub fn load(path: &Path, format: Option<Format>) -> Result<Loaded, LoadError> {
    let bytes = decode::read_file(path)?;
    let fingerprint = fingerprint(&bytes);
    let transcript = parse_owned(bytes, format).map_err(|kind| LoadError::new(path, kind))?;
    Ok(Loaded {
        transcript,
        fingerprint,
    })
}

/// Reads and parses a transcript file without fingerprinting it: for reading only (the
/// fingerprint is what ties annotations to the text; hashing a 15 MB trial takes 10 ms).
pub fn read(path: &Path, format: Option<Format>) -> Result<Transcript, LoadError> {
    parse_owned(decode::read_file(path)?, format).map_err(|kind| LoadError::new(path, kind))
}

/// `sha256:<hex>` of a source file's raw bytes (before decoding), so that any change to the
/// transcript, even one the decoder would hide, is noticed.
pub fn fingerprint(bytes: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(bytes))
}

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{b:02x}");
    }
    hex
}
