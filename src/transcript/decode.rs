//! Reading a file into text: size and type checks, BOMs, UTF-16, and the Windows-1252 fallback.
//!
//! Real exports come as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252, and
//! sometimes as something that is not text at all. Everything that cannot be read is a
//! [`LoadError`] naming the file; everything that can be read but needed a guess is a warning.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// Files larger than this are refused: a 10,000-page transcript is about 15 MB.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Texts with more lines than this are refused: a 10,000-page transcript has about 600,000.
/// Each line (and each turn made of it) costs a few hundred bytes in memory, so without a
/// limit a 100 MB file of short lines would need many gigabytes.
pub const MAX_LINES: usize = 2_000_000;

/// Why a transcript could not be read at all. Displays as one line naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a directory, not a transcript file")]
    IsDirectory,
    #[error("is not a regular file")]
    NotAFile,
    #[error("file is {} MB; the limit is {} MB", .size / 1_000_000, MAX_FILE_BYTES / 1_000_000)]
    TooLarge { size: u64 },
    #[error("file has {lines} lines; the limit is {MAX_LINES}")]
    TooManyLines { lines: usize },
    #[error("file is empty")]
    Empty,
    #[error("contains no text (only whitespace)")]
    Blank,
    #[error("looks like binary data, not text ({0})")]
    Binary(String),
    #[error("cannot be read: {0}")]
    Io(std::io::Error),
    #[error("{0}")]
    Pdf(super::pdf::PdfError),
    #[error("{0}")]
    Word(String),
}

impl LoadError {
    pub fn new(path: impl Into<PathBuf>, kind: LoadErrorKind) -> Self {
        LoadError {
            path: path.into(),
            kind,
        }
    }
}

/// Text decoded from bytes, with how it was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    /// Guesses the decoder had to make, for the import warnings.
    pub notes: Vec<String>,
}

/// Reads a file's raw bytes, refusing directories, huge files and unreadable ones.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let err = |kind| LoadError::new(path, kind);
    let meta = std::fs::metadata(path).map_err(|e| err(io_kind(e)))?;
    if meta.is_dir() {
        return Err(err(LoadErrorKind::IsDirectory));
    }
    if !meta.is_file() {
        return Err(err(LoadErrorKind::NotAFile));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(LoadErrorKind::TooLarge { size: meta.len() }));
    }
    std::fs::read(path).map_err(|e| err(io_kind(e)))
}

fn io_kind(e: std::io::Error) -> LoadErrorKind {
    LoadErrorKind::from_io(e)
}

impl LoadErrorKind {
    /// The user-facing kind of an I/O error.
    pub fn from_io(e: std::io::Error) -> LoadErrorKind {
        match e.kind() {
            std::io::ErrorKind::NotFound => LoadErrorKind::NotFound,
            std::io::ErrorKind::PermissionDenied => LoadErrorKind::PermissionDenied,
            std::io::ErrorKind::IsADirectory => LoadErrorKind::IsDirectory,
            _ => LoadErrorKind::Io(e),
        }
    }
}

/// Decodes transcript bytes. Never alters characters: only the BOM is removed.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadErrorKind> {
    decode_cow(Cow::Borrowed(bytes))
}

/// [`decode`], taking the bytes: UTF-8 (the usual case) becomes the text in place, so a big
/// file is in memory once rather than twice while it is parsed.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, LoadErrorKind> {
    decode_cow(Cow::Owned(bytes))
}

fn decode_cow(bytes: Cow<'_, [u8]>) -> Result<Decoded, LoadErrorKind> {
    if bytes.is_empty() {
        return Err(LoadErrorKind::Empty);
    }
    let decoded = if bytes.starts_with(b"\xEF\xBB\xBF") {
        from_utf8_or_1252(skip(bytes, 3), "UTF-8 with BOM")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, encoding_rs::UTF_16LE, "UTF-16LE", None)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, encoding_rs::UTF_16BE, "UTF-16BE", None)
    } else if let Some(guess) = utf16_without_bom(&bytes) {
        guess
    } else {
        // `contains` searches a word at a time; most files have no NUL to find the offset of.
        if bytes.contains(&0) {
            let pos = bytes.iter().position(|&b| b == 0).unwrap_or(0);
            return Err(LoadErrorKind::Binary(format!("NUL byte at offset {pos}")));
        }
        from_utf8_or_1252(bytes, "UTF-8")
    };
    let (mut sample, mut controls) = (0usize, 0usize);
    for c in decoded.text.chars().take(65_536) {
        sample += 1;
        controls += usize::from(c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C'));
    }
    let sample = sample.max(1);
    if controls * 20 > sample {
        return Err(LoadErrorKind::Binary(format!(
            "{controls} control characters in the first {sample}"
        )));
    }
    if decoded.text.trim().is_empty() {
        return Err(LoadErrorKind::Blank);
    }
    if let Some(lines) = too_many_lines(&decoded.text) {
        return Err(LoadErrorKind::TooManyLines { lines });
    }
    Ok(decoded)
}

/// The number of lines when it is more than [`MAX_LINES`], counted as the layout splits
/// them: at `\n`, `\r\n`, a lone `\r` and a form feed.
fn too_many_lines(text: &str) -> Option<usize> {
    // Every line but the last ends in at least one byte.
    if text.len() < MAX_LINES {
        return None;
    }
    let count = |c: u8| count_byte(text.as_bytes(), c);
    let cr = count(b'\r');
    let crlf = if cr == 0 {
        0
    } else {
        text.matches("\r\n").count()
    };
    let breaks = count(b'\n') + cr - crlf + count(b'\x0C');
    let lines = breaks + usize::from(!text.ends_with(['\n', '\r', '\x0C']));
    (lines > MAX_LINES).then_some(lines)
}

/// How many times `byte` occurs. Counted in a `u8` per 255 bytes, which the compiler turns into
/// wide vector compares (a `usize` count per byte is several times slower on 15 MB).
pub(super) fn count_byte(bytes: &[u8], byte: u8) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| chunk.iter().fold(0u8, |n, &b| n + u8::from(b == byte)) as usize)
        .sum()
}

/// `bytes` without its first `n`: borrowed stays borrowed, owned is shifted in place.
fn skip(bytes: Cow<'_, [u8]>, n: usize) -> Cow<'_, [u8]> {
    match bytes {
        Cow::Borrowed(b) => Cow::Borrowed(&b[n.min(b.len())..]),
        Cow::Owned(mut v) => {
            v.drain(..n.min(v.len()));
            Cow::Owned(v)
        }
    }
}

fn from_utf8_or_1252(bytes: Cow<'_, [u8]>, utf8_name: &'static str) -> Decoded {
    // Valid UTF-8 that is owned becomes the `String` without a copy.
    let utf8 = match bytes {
        Cow::Borrowed(b) => std::str::from_utf8(b)
            .map(str::to_owned)
            .map_err(|e| (Cow::Borrowed(b), e.valid_up_to())),
        Cow::Owned(v) => String::from_utf8(v).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            (Cow::Owned(e.into_bytes()), at)
        }),
    };
    match utf8 {
        Ok(text) => Decoded {
            text,
            encoding: if utf8_name == "UTF-8" {
                "UTF-8"
            } else {
                "UTF-8 (BOM)"
            },
            notes: Vec::new(),
        },
        Err((bytes, bad_at)) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            Decoded {
                text: text.into_owned(),
                encoding: "windows-1252",
                notes: vec![format!(
                    "not valid UTF-8 (first bad byte at offset {bad_at}); decoded as Windows-1252"
                )],
            }
        }
    }
}

fn utf16(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
    name: &'static str,
    note: Option<String>,
) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut notes: Vec<String> = note.into_iter().collect();
    if had_errors {
        notes.push(format!(
            "some {name} sequences were invalid and were replaced by U+FFFD"
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: name,
        notes,
    }
}

/// UTF-16 without a BOM shows as NUL in every other byte of ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len().min(4096) / 2;
    let (mut even_nul, mut odd_nul) = (0, 0);
    for pair in bytes.chunks_exact(2).take(pairs) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let note = Some("no byte-order mark; guessed UTF-16 from the NUL pattern".to_owned());
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some(utf16(bytes, encoding_rs::UTF_16LE, "UTF-16LE", note))
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some(utf16(bytes, encoding_rs::UTF_16BE, "UTF-16BE", note))
    } else {
        None
    }
}

impl fmt::Display for Decoded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} bytes)", self.encoding, self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Q. 你好?\n".as_bytes()).unwrap();
        assert_eq!(d.text, "Q. 你好?\n");
        assert_eq!(d.encoding, "UTF-8");
        let d = decode(b"\xEF\xBB\xBFA. Yes.").unwrap();
        assert_eq!(d.text, "A. Yes.");
    }

    #[test]
    fn utf16_both_orders_with_bom() {
        let text = "Q. Did you — really?\r\nA. 是的.";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn utf16_without_bom_is_guessed() {
        let text = "Q. Were you there?\nA. Yes.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!(d.text, text);
        assert!(!d.notes.is_empty());
    }

    #[test]
    fn windows_1252_fallback_keeps_curly_quotes() {
        let d = decode(b"A. \x93Partly,\x94 he said \x96 caf\xe9.").unwrap();
        assert_eq!(d.text, "A. \u{201c}Partly,\u{201d} he said \u{2013} café.");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert!(matches!(decode(b""), Err(LoadErrorKind::Empty)));
        assert!(matches!(decode(b" \n\r\n\t"), Err(LoadErrorKind::Blank)));
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x03"),
            Err(LoadErrorKind::Binary(_))
        ));
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert!(matches!(decode(png), Err(LoadErrorKind::Binary(_))));
    }

    #[test]
    fn bytes_are_counted_across_chunks() {
        let bytes: Vec<u8> = (0..2_000u32).map(|i| (i * i % 7) as u8 + b'\n').collect();
        for len in [0, 1, 254, 255, 256, 510, 511, 1_999, 2_000] {
            for byte in [b'\n', b'\r', b'\x0C', b'x'] {
                let expected = bytes[..len].iter().filter(|&&b| b == byte).count();
                assert_eq!(count_byte(&bytes[..len], byte), expected);
            }
        }
        // More than 255 in one chunk cannot happen; all 255 can.
        assert_eq!(count_byte(&[b'\n'; 1_000], b'\n'), 1_000);
    }

    #[test]
    fn too_many_lines_are_refused() {
        let ok = "a\n".repeat(MAX_LINES - 1) + "a";
        assert!(decode(ok.as_bytes()).is_ok());
        // Form feeds split lines too.
        assert!(decode("a\x0C".repeat(MAX_LINES + 1).as_bytes()).is_err());
        let lines = "a\r".repeat(MAX_LINES) + "a";
        let err = decode(lines.as_bytes()).unwrap_err();
        assert!(
            matches!(err, LoadErrorKind::TooManyLines { lines } if lines == MAX_LINES + 1),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!("file has {} lines; the limit is {MAX_LINES}", MAX_LINES + 1)
        );
        // `\r\n` is one line ending, not two.
        let crlf = "a\r\n".repeat(MAX_LINES - 1) + "a";
        assert!(decode(crlf.as_bytes()).is_ok());
    }
}
