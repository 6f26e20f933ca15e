//! Transcripts: the model and the importers. Knows nothing of annotations or the UI.
//!
//! Import runs in fixed stages, each a pure function: [`decode`] bytes to text, [`layout`]
//! finds pages and numbered lines, [`detect`] guesses the layout, a [`grammar`] finds the
//! turns, and [`build`] settles speakers, roles and question/answer links. Import never fails
//! on messy text; only unreadable input is an error.

pub mod build;
pub mod decode;
pub mod detect;
pub mod grammar;
pub mod layout;
pub mod model;
pub mod search;
pub mod speakers;
#[cfg(test)]
mod testing;

pub use decode::{LoadError, LoadErrorKind, MAX_FILE_BYTES, MAX_LINES};
pub use model::*;
pub use speakers::{SpeakerEdit, SpeakerEditError};

use std::path::Path;

/// Parses decoded text. `format` overrides detection.
pub fn parse_text(text: String, encoding: &'static str, format: Option<Format>) -> Transcript {
    let raw = layout::raw_lines(&text);
    let (paged, layout) = layout::lay_out(&text, &raw);
    let (format, detected) = match format {
        Some(f) => (f, false),
        None => (detect::detect_lines(paged, &text, &layout.lines), true),
    };
    let parsed = match format {
        Format::CourtReporter | Format::Qa => grammar::court(&text, &layout.lines, false),
        Format::SupremeCourt => grammar::court(&text, &layout.lines, true),
        Format::Hearing => grammar::hearing(&text, &layout.lines),
        Format::NameColon => grammar::name_colon(&text, &layout.lines),
    };
    build::build(text, encoding, format, detected, layout, parsed)
}

/// Decodes and parses the bytes of a transcript file.
pub fn parse_bytes(bytes: &[u8], format: Option<Format>) -> Result<Transcript, LoadErrorKind> {
    let decoded = decode::decode(bytes)?;
    let mut t = parse_text(decoded.text, decoded.encoding, format);
    let notes = decoded
        .notes
        .into_iter()
        .map(|message| Warning { loc: None, message });
    t.warnings.splice(0..0, notes);
    Ok(t)
}

/// A transcript read from disk, with the bytes it was parsed from (for the fingerprint).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub transcript: Transcript,
    pub bytes: Vec<u8>,
}

/// Reads and parses a transcript file.
pub fn load(path: &Path, format: Option<Format>) -> Result<Loaded, LoadError> {
    let bytes = decode::read_file(path)?;
    let transcript = parse_bytes(&bytes, format).map_err(|kind| LoadError::new(path, kind))?;
    Ok(Loaded { transcript, bytes })
}
