//! Hostile input: whatever the bytes, nothing panics, hangs or eats memory without bound, and
//! what cannot be read is refused with an error that says why.
//!
//! Property tests (proptest, a few hundred cases each) feed the importers, the sidecar reader,
//! the exporters and quote verification arbitrary bytes, token soups that reach deep into the
//! grammars, and mutations of the real samples; the enormous inputs (a 20 MB line, a million
//! turns, 100,000-deep RON, 100 KB quotes) are plain tests that run once, under a deadline so
//! that a hang fails instead of stalling the run.
//!
//! For a longer run: `PARTLY_FUZZ_SCALE=20 cargo test --release --test it fuzz`.

use crate::common::{self, GUO, HEARING, SCOTUS, SEED, VOCALIFE};
use partly::annotation::{Document, Sidecar, TagSet};
use partly::export::{self, ExportError, ExportFormat, ExportOptions};
use partly::quote::{Verification, verify};
use partly::transcript::{self, Format, LoadErrorKind, Transcript, TurnKind};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

const CHINESE: &str = "tests/data/seed_chinese.txt";
const INLINE: &str = "tests/data/seed_inline.txt";
const V1_SIDECAR: &str = "tests/data/sidecar_v1/distillation_exchange.txt.annotations.ron";
/// Every real transcript, for mutation.
const SAMPLES: [&str; 13] = [
    SEED,
    VOCALIFE,
    GUO,
    HEARING,
    SCOTUS,
    CHINESE,
    INLINE,
    // Layouts added for issue 13: retyped bare Q/A, a web page, a news wire, a hearing in
    // court-reporter layout, a printed web player, UK evidence.
    "tests/corpus/dev/caughtlistening_people_v_trump_2024-04-26_pecker_cross.txt",
    "tests/corpus/dev/gpo_house_science_1996_doe_recoupment.htm",
    "tests/corpus/dev/cnn_newsroom_chauvin_trial_2021-03-30.txt",
    "tests/corpus/dev/nysenate_hearing_2020-08-25_mta_covid.txt",
    "tests/corpus/dev/oyez_print_scotus_soto_v_us_2025-04-28_flint.txt",
    "tests/corpus/dev/parliament_work_pensions_uc_rollout_2017-11-29.txt",
];
/// The small ones, opened per case (SCOTUS is 190 KB: too slow to parse hundreds of times in a
/// debug build).
const SMALL: [&str; 6] = [SEED, VOCALIFE, GUO, HEARING, CHINESE, INLINE];
/// Mutations work on at most this much of a sample.
const WINDOW: usize = 8 * 1024;

/// Few cases (times `PARTLY_FUZZ_SCALE`, for a longer run by hand) and no regression files
/// written into the source tree.
fn config(cases: u32) -> ProptestConfig {
    let scale: u32 = std::env::var("PARTLY_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let cases = cases.saturating_mul(scale.max(1));
    ProptestConfig {
        cases,
        // Some properties skip inputs that do not apply (a turn too short to change a word in).
        max_global_rejects: cases.saturating_mul(8),
        failure_persistence: None,
        max_shrink_iters: 512,
        ..ProptestConfig::default()
    }
}

/// Runs `f` on its own thread and fails if it has not finished after `secs` seconds, so that
/// a hang is reported as one instead of stalling the run.
fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(what.to_owned())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn a worker thread");
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => {
            eprintln!("{what}: {:.2?}", start.elapsed());
            v
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: still running after {secs} s (quadratic? a hang?)")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

fn sample_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(common::repo(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

static SAMPLE_BYTES: LazyLock<Vec<Vec<u8>>> =
    LazyLock::new(|| SAMPLES.iter().map(|s| sample_bytes(s)).collect());

static SMALL_TRANSCRIPTS: LazyLock<Vec<Transcript>> =
    LazyLock::new(|| SMALL.iter().map(|s| common::load(s)).collect());

static SCOTUS_TRANSCRIPT: LazyLock<Arc<Transcript>> =
    LazyLock::new(|| Arc::new(common::load(SCOTUS)));

static TAG_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    TagSet::default_set()
        .tags
        .iter()
        .map(|t| t.name.clone())
        .collect()
});

// ---------------------------------------------------------------------------------------------
// Transcript invariants

/// Byte offsets where each line of `text` starts, split as the importer splits lines (`\n`,
/// `\r\n`, lone `\r`; a form feed does not start a new line number).
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// Turn text is the line's words with runs of spaces and tabs squeezed to one space.
fn squeeze(words: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in words.chars() {
        if c == ' ' || c == '\t' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// What holds for every parsed transcript, whatever it was parsed from.
fn check_transcript(
    input: &[u8],
    t: &Transcript,
    forced: Option<Format>,
) -> Result<(), TestCaseError> {
    // The text the turns' byte ranges point into: the decoded file, or for a web page the
    // text the page shows.
    let decoded = transcript::decode::decode(input)
        .map_err(|e| TestCaseError::fail(format!("parsed, but does not decode: {e}")))?;
    let shown = transcript::html::looks_like_html(&decoded.text)
        .then(|| transcript::html::to_text(&decoded.text));
    let text = shown.as_deref().unwrap_or(decoded.text.as_str());
    match forced {
        Some(f) => prop_assert!(t.format == f && !t.format_detected),
        None => prop_assert!(t.format_detected),
    }
    prop_assert_eq!(t.encoding, decoded.encoding);
    // Valid UTF-8 is kept byte for byte (a web page, as the text it shows).
    if t.encoding == "UTF-8" && shown.is_none() {
        prop_assert!(text.as_bytes() == input, "UTF-8 text was altered");
    }
    let starts = line_starts(text);
    let file_line = |offset: usize| starts.partition_point(|&s| s <= offset) as u32;
    for (k, s) in t.speakers.iter().enumerate() {
        prop_assert_eq!(s.id.0 as usize, k);
        prop_assert!(!s.name.trim().is_empty(), "speaker {} has no name", k);
    }
    let mut prev_end = 0;
    for (i, turn) in t.turns.iter().enumerate() {
        let here = format!("turn {i} ({:?})", turn.text);
        prop_assert!(
            (turn.speaker.0 as usize) < t.speakers.len(),
            "{here}: no such speaker"
        );
        prop_assert!(!turn.text.is_empty(), "{here}: empty text");
        prop_assert!(turn.text.trim() == turn.text, "{here}: untrimmed");
        prop_assert!(
            !turn.text.contains(['\n', '\r', '\x0C']),
            "{here}: line break in turn text"
        );
        prop_assert!(!turn.segments.is_empty(), "{here}: no segments");
        prop_assert_eq!(turn.segments[0].offset(), 0);
        for (k, seg) in turn.segments.iter().enumerate() {
            let next = turn
                .segments
                .get(k + 1)
                .map_or(turn.text.len(), |s| s.offset());
            prop_assert!(
                seg.offset() < next && turn.text.is_char_boundary(seg.offset()),
                "{here}: segment {k} offset {} (next {next})",
                seg.text_offset
            );
            let Some(source) = text.get(seg.source_range()) else {
                return Err(TestCaseError::fail(format!(
                    "{here}: segment {k} source {:?} is not in the text",
                    seg.source
                )));
            };
            // The turn text maps back to the source, line by line.
            let shown = turn.text[seg.offset()..next].trim_end_matches(' ');
            prop_assert_eq!(shown, squeeze(source.trim()), "{}: segment {}", here, k);
            prop_assert!(seg.loc.line >= 1, "{here}: line 0");
            match seg.loc.page {
                None => prop_assert_eq!(
                    seg.loc.line,
                    file_line(seg.source_range().start),
                    "{}: segment {} cites the wrong line",
                    here,
                    k
                ),
                Some(_) => prop_assert!(t.pages.is_some(), "{here}: a page in an unpaged text"),
            }
            if k > 0 {
                prop_assert!(
                    turn.segments[k - 1].source.end <= seg.source.start,
                    "{here}: segments overlap"
                );
            }
        }
        let (first, last) = (&turn.segments[0], &turn.segments[turn.segments.len() - 1]);
        prop_assert_eq!(turn.start, first.loc);
        prop_assert_eq!(turn.end, last.loc);
        prop_assert!(
            turn.bytes.start <= first.source_range().start
                && turn.bytes.end == last.source_range().end,
            "{here}: bytes {:?}",
            turn.bytes
        );
        prop_assert!(
            prev_end <= turn.bytes.start,
            "{here}: overlaps the turn before"
        );
        prev_end = turn.bytes.end;
        if let Some(q) = turn.answers {
            prop_assert!(q < i, "{here}: answers turn {q}, not an earlier one");
            prop_assert_eq!(turn.kind, TurnKind::Answer);
            prop_assert_eq!(
                t.turns[q].kind,
                TurnKind::Question,
                "{}: answers a non-question",
                here
            );
            prop_assert_eq!(
                t.turns[q].section,
                turn.section,
                "{}: answers across sections",
                here
            );
        }
        if let Some(s) = turn.section {
            prop_assert!(s < t.sections.len(), "{here}: no section {s}");
        }
        // Any offset maps to a line of the turn.
        for off in [0, turn.text.len() / 2, turn.text.len(), usize::MAX] {
            let loc = turn.loc_at(off);
            prop_assert!(turn.segments.iter().any(|s| s.loc == loc));
        }
    }
    let mut prev_first = 0;
    for s in &t.sections {
        prop_assert!(s.first_turn <= t.turns.len() && s.first_turn >= prev_first);
        prop_assert!(!s.title.is_empty());
        prev_first = s.first_turn;
    }
    for w in &t.warnings {
        prop_assert!(!w.message.trim().is_empty());
        prop_assert!(
            !w.message.contains(['\n', '\r']),
            "multi-line warning {:?}",
            w.message
        );
    }
    Ok(())
}

/// Parses with detection and with `forced`; both succeed or both fail (decoding does not
/// depend on the layout), only with the errors bytes can cause, and every transcript keeps
/// the invariants.
fn import(bytes: &[u8], forced: Format) -> Result<(), TestCaseError> {
    let detected = transcript::parse_bytes(bytes, None);
    let chosen = transcript::parse_bytes(bytes, Some(forced));
    match (&detected, &chosen) {
        (Ok(a), Ok(b)) => {
            check_transcript(bytes, a, None)?;
            check_transcript(bytes, b, Some(forced))?;
        }
        (Err(a), Err(b)) => {
            prop_assert_eq!(a.to_string(), b.to_string());
            prop_assert!(
                matches!(
                    a,
                    LoadErrorKind::Empty
                        | LoadErrorKind::Blank
                        | LoadErrorKind::Binary(_)
                        | LoadErrorKind::TooManyLines { .. }
                ),
                "unexpected error for bytes: {a}"
            );
            prop_assert!(!a.to_string().contains('\n'));
        }
        _ => {
            return Err(TestCaseError::fail(format!(
                "detection and --format {forced} disagree on whether the bytes can be read: \
                 {:?} / {:?}",
                detected.as_ref().map(|_| ()),
                chosen.as_ref().map(|_| ())
            )));
        }
    }
    Ok(())
}

fn any_format() -> impl Strategy<Value = Format> {
    select(Format::ALL.to_vec())
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// Pieces of every layout the importers know, and of what breaks them.
const TOKENS: &[&str] = &[
    "Q.",
    "A.",
    "Q:",
    "A:",
    "Q  ",
    "Question:",
    "Answer:",
    "THE COURT:",
    "THE WITNESS:",
    "MR. SMITH:",
    "MS. SMITH:",
    "JUSTICE KAGAN:",
    "CHIEF JUSTICE ROBERTS:",
    "GENERAL VERRILLI:",
    "AUDIO DESCRIPTION:",
    "BY MR. SAVITT:",
    "Q. (By Mr. Re)",
    "Senator Durbin.",
    "Mr. Zuckerberg.",
    "The Chairman.",
    "Voice.",
    "[continuing].",
    "[[Page 12]]",
    "Page 3",
    "Page 2 of 300",
    "- 4 -",
    "CROSS-EXAMINATION",
    "DIRECT EXAMINATION BY MR. RE",
    "ORAL ARGUMENT OF PAUL D. CLEMENT",
    "P R O C E E D I N G S",
    "CERTIFICATE",
    "(Recess.)",
    "(Whereupon,",
    ")",
    "(",
    "[inaudible]",
    "[Laughter.]",
    "[The prepared statement follows:]",
    "LE ZHOU, called as a witness, having been duly sworn, testified:",
    "Savitt:",
    "Musk:",
    "OpenAI Lawyer William Savitt:",
    "Savit:",
    "马斯克：",
    "萨维特:",
    "Note:",
    "10:03:15",
    "05:01:40",
    "1",
    "2",
    "9",
    "12",
    "25",
    "28",
    "31",
    "99",
    "0",
    "99999",
    " ",
    "  ",
    "\t",
    "        ",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\x0C",
    "\n\n",
    "yes",
    "no",
    "Partly.",
    "What?",
    "I don't recall.",
    "你好？",
    "…",
    "...",
    ". . .",
    "\u{FEFF}",
    "\u{202E}",
    "\u{200B}",
    "\u{A0}",
    "\u{3000}",
    "\u{85}",
    "\u{2028}",
    "😀",
    "e\u{301}",
    "İ",
    "\0",
    "\x1b",
    "\x0B",
    ":",
    "：",
    ".",
    "?",
    "？",
    "\"",
    "’",
    "—",
    "O5S1GUO1 Le Zhou - Direct",
    "Official - Subject to Final Review",
];

/// Tokens that stay on one line.
static INLINE_TOKENS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    TOKENS
        .iter()
        .copied()
        .filter(|t| !t.contains(['\n', '\r', '\x0C']))
        .collect()
});

fn token_soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(TOKENS), 0..max).prop_map(|v| v.concat())
}

/// Encodes text as a file might hold it.
fn encode(text: &str, how: u8) -> Vec<u8> {
    let utf16 = |be: bool| -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    };
    match how % 6 {
        0 => text.as_bytes().to_vec(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => [b"\xFF\xFE".to_vec(), utf16(false)].concat(),
        3 => [b"\xFE\xFF".to_vec(), utf16(true)].concat(),
        4 => utf16(false),
        _ => {
            // Windows-1252: curly quotes and dashes as single bytes.
            let mut out = Vec::new();
            for c in text.chars() {
                match c {
                    '’' => out.push(0x92),
                    '—' => out.push(0x97),
                    c if c.is_ascii() => out.push(c as u8),
                    _ => out.push(0xE9),
                }
            }
            out
        }
    }
}

/// Court-reporter pages: numbered lines 1–25, page numbers at the top, the foot or nowhere,
/// form feeds or not, timestamps or not, with token soup for words.
fn paged_text() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(select(INLINE_TOKENS.clone()), 0..6);
    (
        prop::collection::vec(line, 10..90),
        any::<bool>(),
        0u8..5,
        0u32..100_000,
        any::<bool>(),
        1u32..31,
    )
        .prop_map(|(lines, form_feeds, style, first, stamps, per_page)| {
            let mut out = String::new();
            for (k, words) in lines.iter().enumerate() {
                let n = k as u32 % per_page + 1;
                let page = first + k as u32 / per_page;
                if n == 1 {
                    if form_feeds && k > 0 {
                        out.push('\x0C');
                    }
                    match style {
                        0 => out.push_str(&format!("{page:>40}\n\n")),
                        1 => out.push_str(&format!("   Case 1:19-cv-1 Page {page} of 300\n")),
                        2 => out.push_str(&format!("  - {page} -\n")),
                        _ => {}
                    }
                }
                if stamps {
                    out.push_str(&format!("10:03:{:02}   ", n % 60));
                }
                out.push_str(&format!("{n:>2}   {}\n", words.join(" ")));
                if n == per_page && style == 3 {
                    out.push_str(&format!("\n{page:>30}\n"));
                }
            }
            out
        })
}

/// Invalid UTF-8: stray continuation bytes, truncated sequences, surrogates, overlong forms,
/// code points above U+10FFFF.
const BAD_UTF8: &[&[u8]] = &[
    b"\x80",
    b"\xFF",
    b"\xC3",
    b"\xE2\x80",
    b"\xED\xA0\x80",
    b"\xC0\xAF",
    b"\xF4\x90\x80\x80",
    b"\xF0\x9F\x98",
    b"\xFE\xFF",
    b"\xFF\xFE",
];

/// A change to a real transcript's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Splice(Index, Vec<u8>),
    Overwrite(Index, Vec<u8>),
    Token(Index, &'static str),
    DropLine(Index),
    DupLine(Index, u8),
    SwapLines(Index, Index),
    Nul(Index),
    BadUtf8(Index, Index),
    FormFeed(Index),
    CrOnly,
    CrLf,
    Truncate(Index),
    /// Re-encode as UTF-16 (with or without BOM, either order), maybe with an odd byte count.
    Utf16 {
        be: bool,
        bom: bool,
        odd: bool,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Mutation::Splice(i, b)),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Mutation::Overwrite(i, b)),
        (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| Mutation::Token(i, t)),
        any::<Index>().prop_map(Mutation::DropLine),
        (any::<Index>(), 1u8..40).prop_map(|(i, n)| Mutation::DupLine(i, n)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<Index>().prop_map(Mutation::Nul),
        (any::<Index>(), any::<Index>()).prop_map(|(i, k)| Mutation::BadUtf8(i, k)),
        any::<Index>().prop_map(Mutation::FormFeed),
        Just(Mutation::CrOnly),
        Just(Mutation::CrLf),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(be, bom, odd)| Mutation::Utf16 {
            be,
            bom,
            odd
        }),
    ]
}

/// The byte range of line `k` (its `\n` included).
fn line_range(b: &[u8], k: &Index) -> Range<usize> {
    let mut starts = vec![0];
    starts.extend(
        b.iter()
            .enumerate()
            .filter(|&(_, &c)| c == b'\n')
            .map(|(i, _)| i + 1),
    );
    let i = k.index(starts.len());
    starts[i]..starts.get(i + 1).copied().unwrap_or(b.len())
}

fn apply(b: &mut Vec<u8>, m: &Mutation) {
    let at = |i: &Index, b: &Vec<u8>| i.index(b.len() + 1);
    match m {
        Mutation::Splice(i, bytes) => {
            let p = at(i, b);
            b.splice(p..p, bytes.iter().copied());
        }
        Mutation::Overwrite(i, bytes) => {
            let p = at(i, b);
            let end = (p + bytes.len()).min(b.len());
            b.splice(p..end, bytes.iter().copied());
        }
        Mutation::Token(i, t) => {
            let p = at(i, b);
            b.splice(p..p, t.bytes());
        }
        Mutation::DropLine(k) => {
            let r = line_range(b, k);
            b.drain(r);
        }
        Mutation::DupLine(k, n) => {
            let r = line_range(b, k);
            let line = b[r.clone()].to_vec();
            for _ in 0..*n {
                b.splice(r.end..r.end, line.iter().copied());
            }
        }
        Mutation::SwapLines(x, y) => {
            let (r1, r2) = (line_range(b, x), line_range(b, y));
            let (r1, r2) = if r1.start <= r2.start {
                (r1, r2)
            } else {
                (r2, r1)
            };
            if r1.end <= r2.start {
                let (l1, l2) = (b[r1.clone()].to_vec(), b[r2.clone()].to_vec());
                b.splice(r2, l1);
                b.splice(r1, l2);
            }
        }
        Mutation::Nul(i) => {
            let p = at(i, b);
            b.insert(p, 0);
        }
        Mutation::BadUtf8(i, k) => {
            let p = at(i, b);
            b.splice(p..p, BAD_UTF8[k.index(BAD_UTF8.len())].iter().copied());
        }
        Mutation::FormFeed(i) => {
            let p = at(i, b);
            b.insert(p, 0x0C);
        }
        Mutation::CrOnly => {
            let text = String::from_utf8_lossy(b)
                .replace("\r\n", "\r")
                .replace('\n', "\r");
            *b = text.into_bytes();
        }
        Mutation::CrLf => {
            let text = String::from_utf8_lossy(b).replace('\n', "\r\n");
            *b = text.into_bytes();
        }
        Mutation::Truncate(i) => {
            let p = at(i, b);
            b.truncate(p);
        }
        Mutation::Utf16 { be, bom, odd } => {
            let text = String::from_utf8_lossy(b).into_owned();
            let mut out = Vec::new();
            if *bom {
                out.extend_from_slice(if *be { b"\xFE\xFF" } else { b"\xFF\xFE" });
            }
            for u in text.encode_utf16() {
                out.extend(if *be {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            if *odd {
                if out.len() % 2 == 0 {
                    out.push(b'Q');
                } else {
                    out.pop();
                }
            }
            *b = out;
        }
    }
}

/// Up to [`WINDOW`] bytes of sample `which`, from the line at or after `start`, mutated.
fn mutated_sample(which: usize, start: &Index, mutations: &[Mutation]) -> Vec<u8> {
    let all = &SAMPLE_BYTES[which];
    let mut from = start.index(all.len().saturating_sub(WINDOW) + 1);
    while from > 0 && from < all.len() && all[from - 1] != b'\n' {
        from += 1;
    }
    let mut b = all[from.min(all.len())..(from + WINDOW).min(all.len())].to_vec();
    for m in mutations {
        apply(&mut b, m);
    }
    b
}

// ---------------------------------------------------------------------------------------------
// 1. Importers on arbitrary and mutated bytes

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn any_bytes_import_or_are_refused_cleanly(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..3000),
            // Mostly printable, so that more than the decoder's checks run.
            prop::collection::vec(
                prop_oneof![
                    8 => 0x20u8..0x7F,
                    2 => Just(b'\n'),
                    1 => Just(b'\r'),
                    1 => 0x80u8..=0xFF,
                    1 => any::<u8>(),
                ],
                0..3000,
            ),
        ],
        forced in any_format(),
    ) {
        import(&bytes, forced)?;
    }

    #[test]
    fn token_soups_import_in_every_encoding(
        text in token_soup(400),
        how in any::<u8>(),
        forced in any_format(),
    ) {
        import(&encode(&text, how), forced)?;
    }

    #[test]
    fn numbered_pages_import(text in paged_text(), how in any::<u8>(), forced in any_format()) {
        import(&encode(&text, how), forced)?;
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn mutated_samples_import(
        which in 0..SAMPLES.len(),
        start in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
        forced in any_format(),
    ) {
        import(&mutated_sample(which, &start, &mutations), forced)?;
    }
}

#[test]
fn every_sample_keeps_the_invariants_in_every_format() {
    for (rel, bytes) in SAMPLES.iter().zip(SAMPLE_BYTES.iter()) {
        for f in Format::ALL {
            import(bytes, f).unwrap_or_else(|e| panic!("{rel} as {f}: {e}"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Enormous inputs

/// Parses with detection and every format under a deadline; the invariants are checked on the
/// detected parse only (they cost as much as the parse).
fn parse_huge(what: &str, bytes: Vec<u8>, formats: &[Option<Format>]) -> Vec<Transcript> {
    let bytes = Arc::new(bytes);
    let mut out = Vec::new();
    for &f in formats {
        let b = Arc::clone(&bytes);
        let label = format!(
            "{what} as {}",
            f.map_or("detected".into(), |f| f.to_string())
        );
        let t = within(120, &label, move || transcript::parse_bytes(&b, f))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        out.push(t);
    }
    out
}

#[test]
fn a_single_20_mb_line_imports() {
    let line = "a".repeat(20 << 20);
    let t = parse_huge("a 20 MB line", line.into_bytes(), &[None]);
    assert!(t[0].turns.is_empty());
    assert_eq!(t[0].encoding, "UTF-8");
}

#[test]
fn megabyte_lines_of_one_character_or_one_pattern_import() {
    for blank in ['\t', '\u{A0}', '\u{3000}'] {
        let bytes = blank.to_string().repeat(1 << 20).into_bytes();
        assert!(matches!(
            transcript::parse_bytes(&bytes, None),
            Err(LoadErrorKind::Blank)
        ));
    }
    let nul = "\0".repeat(1 << 20).into_bytes();
    assert!(matches!(
        transcript::parse_bytes(&nul, None),
        Err(LoadErrorKind::Binary(_))
    ));
    let one_char = [
        'A', ':', '?', '.', '[', '(', ')', '1', '你', 'Q', '…', '\u{FFFD}',
    ];
    let patterns = [
        "Ab: ",
        "Q. ",
        "A ",
        "1 ",
        ". . . ",
        "MR. SMITH: ",
        "Senator Durbin. ",
        "马斯克：好。",
        "[[Page 1]]",
        "Savitt: x. Musk: y. ",
        "\u{FEFF}",
    ];
    let lines = one_char
        .iter()
        .map(|c| {
            (
                format!("{c:?}"),
                c.to_string().repeat((1 << 20) / c.len_utf8()),
            )
        })
        .chain(
            patterns
                .iter()
                .map(|p| (format!("{p:?}"), p.repeat((1 << 20) / p.len()))),
        );
    for (what, line) in lines {
        // Text is kept as it was, less a byte-order mark at the start.
        let kept = line.strip_prefix('\u{FEFF}').unwrap_or(&line);
        let decoded = transcript::decode::decode(line.as_bytes())
            .unwrap_or_else(|e| panic!("1 MB of {what}: {e}"));
        assert!(decoded.text == kept, "1 MB of {what}: the text changed");
        for t in parse_huge(
            &format!("1 MB of {what}"),
            line.clone().into_bytes(),
            &[None, Some(Format::CourtReporter)],
        ) {
            for turn in &t.turns {
                assert!(!turn.text.is_empty());
            }
        }
    }
    // The same, as a file with a second line after it.
    let two = format!(
        "Savitt: {}really?\nMusk: Partly.\n",
        "word ".repeat(200_000)
    );
    let t = parse_huge("a 1 MB turn", two.into_bytes(), &[None]);
    assert_eq!(t[0].turns.len(), 2);
    assert_eq!(t[0].turns[1].answers, Some(0));
}

#[test]
fn a_million_turns_import() {
    let pairs = 500_000;
    let text = "Q. x\nA. y\n".repeat(pairs);
    let t = parse_huge("a million Q./A. turns", text.into_bytes(), &[None]);
    let t = &t[0];
    assert_eq!(t.format, Format::Qa);
    assert_eq!(t.turns.len(), 2 * pairs);
    for (i, turn) in t.turns.iter().enumerate() {
        if i % 2 == 1 {
            assert_eq!(turn.answers, Some(i - 1), "turn {i}");
            assert_eq!(turn.start.line as usize, i + 1);
        }
    }
}

#[test]
fn many_empty_turns_import() {
    // Each empty turn is reported with its line; finding the line once searched every line.
    let empties = "Q.\nA.\n".repeat(50_000);
    let t = &parse_huge(
        "100,000 empty turns",
        empties.into_bytes(),
        &[Some(Format::Qa)],
    )[0];
    assert!(t.turns.is_empty());
    let lines: Vec<u32> = t
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("empty turn"))
        .filter_map(|w| w.loc.map(|l| l.line))
        .collect();
    assert_eq!(lines.len(), 100_000);
    assert_eq!((lines[0], lines[99_999]), (1, 100_000));
}

#[test]
fn many_pages_without_numbers_import() {
    // Pages without printed numbers are numbered from the page before; each one used to look
    // ahead through every later page for a printed number.
    let mut paged = String::new();
    for _ in 0..30_000 {
        for n in 1..=10 {
            paged.push_str(&format!("{n:>2}  A. x\n"));
        }
    }
    let t = &parse_huge("30,000 unnumbered pages", paged.into_bytes(), &[None])[0];
    assert_eq!(t.pages, Some((1, 30_000)));
    assert_eq!(t.turns.len(), 300_000);
    assert_eq!(t.turns[299_999].start.to_string(), "30000:10");
}

#[test]
fn a_hundred_thousand_speakers_import() {
    // Speaker labels are compared pairwise to merge spellings of one name: fine for dozens,
    // quadratic for this many, so beyond a limit only case is ignored.
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!("Speaker{i}x: hello?\n"));
    }
    let t = &parse_huge("100,000 speakers", text.clone().into_bytes(), &[None])[0];
    assert_eq!(t.turns.len(), 100_000);
    assert_eq!(t.speakers.len(), 100_000);
    assert!(
        t.warnings
            .iter()
            .any(|w| w.message.contains("different speaker labels")),
        "{:?}",
        &t.warnings[..t.warnings.len().min(5)]
    );
    check_transcript(text.as_bytes(), t, None).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn too_many_lines_and_too_many_bytes_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let many = dir.path().join("many lines.txt");
    let text = "A.\n".repeat(transcript::MAX_LINES + 1);
    std::fs::write(&many, &text).expect("write");
    let err = within(60, "too many lines", {
        let many = many.clone();
        move || transcript::load(&many, None).map(|_| ())
    })
    .expect_err("more lines than the limit are refused");
    let msg = err.to_string();
    assert!(msg.starts_with(&many.display().to_string()), "{msg}");
    assert!(msg.contains("lines; the limit is"), "{msg}");
    assert!(matches!(
        err.kind,
        LoadErrorKind::TooManyLines { lines } if lines == transcript::MAX_LINES + 1
    ));

    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(transcript::MAX_FILE_BYTES + 1))
        .expect("sparse file");
    for msg in [
        transcript::load(&huge, None)
            .map(|_| ())
            .expect_err("too large")
            .to_string(),
        Document::open(&huge, None)
            .map(|_| ())
            .expect_err("too large")
            .to_string(),
    ] {
        assert!(msg.starts_with(&huge.display().to_string()), "{msg}");
        assert!(msg.contains("the limit is 104 MB"), "{msg}");
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The sidecar reader

fn sidecar_path() -> &'static Path {
    Path::new("/tmp/hostile dir/x.txt.annotations.ron")
}

/// A sidecar that parses re-serialises to text that parses back to the same (sorted) value
/// and the same bytes; one that does not is an error naming the file.
fn check_sidecar(text: &str) -> Result<(), TestCaseError> {
    let path = sidecar_path();
    match Sidecar::from_ron(text, path) {
        Ok(s) => {
            let ron = s.to_ron();
            let back = match Sidecar::from_ron(&ron, path) {
                Ok(back) => back,
                Err(e) => {
                    return Err(TestCaseError::fail(format!(
                        "a sidecar that parsed does not parse after saving: {e}\n{ron}"
                    )));
                }
            };
            let mut sorted = s.clone();
            sorted.sort_annotations();
            prop_assert_eq!(&back, &sorted);
            prop_assert_eq!(back.to_ron(), ron);
        }
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(
                msg.starts_with(&path.display().to_string()),
                "error does not name the file: {msg}"
            );
            prop_assert_eq!(e.path(), path);
            // Not checked: that the message is one line. Messages quote tag names, ids and
            // colours from the file as written, so one with a line break in it spans two.
        }
    }
    Ok(())
}

/// A real sidecar: the seed transcript annotated with hostile notes, a quote and a speaker
/// edit; and the version-1 file from the tests.
static REAL_SIDECARS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut doc = Document::open(&common::repo(SEED), None).expect("open the seed transcript");
    let notes = [
        "He said \"partly\" — \\ not \u{202E}yes\u{202C}.",
        "<script>alert(1)</script>\n=HYPERLINK(\"x\")",
        "\0\x1b[31m\t😀 多",
    ];
    for (turn, note) in notes.iter().enumerate() {
        doc.annotate(turn, &[TAG_NAMES[turn].clone()], Some((*note).into()), None)
            .expect("annotate");
    }
    let quote = doc.transcript.turns[3].text.clone();
    let quote = &quote[..quote.len() / 2];
    doc.annotate(
        3,
        &[TAG_NAMES[4].clone(), TAG_NAMES[5].clone()],
        None,
        Some(quote.trim()),
    )
    .expect("annotate a quote");
    doc.edit_speaker(transcript::SpeakerEdit::Rename {
        label: "Musk".into(),
        name: "Elon \"Musk\"".into(),
    })
    .expect("rename");
    let v1 = String::from_utf8(sample_bytes(V1_SIDECAR)).expect("UTF-8 sidecar");
    vec![doc.sidecar.to_ron(), v1]
});

/// RON syntax, the sidecar's field names, and values that overflow or do not fit.
const RON_TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    " ",
    "\n",
    "schema",
    "schema: ",
    "1",
    "3",
    "4",
    "0",
    "-1",
    "18446744073709551616",
    "4294967296",
    "1e99",
    "0x1F",
    "0b1",
    "1_0",
    "source: ",
    "file_name: ",
    "\"x.txt\"",
    "fingerprint: ",
    "\"sha256:00\"",
    "format: ",
    "Some(",
    "None",
    "court_reporter",
    "tags: ",
    "annotations: ",
    "speaker_edits: ",
    "dismissed: ",
    "id: ",
    "\"a-1\"",
    "\"Partial\"",
    "\"\"",
    "note: ",
    "created: ",
    "modified: ",
    "anchor: ",
    "start_turn: ",
    "end_turn: ",
    "quote: ",
    "start_offset: ",
    "placement: ",
    "anchored",
    "Changed(old_quote: \"x\")",
    "Merge(from: \"a\", into: \"b\")",
    "Rename(",
    "label: ",
    "name: ",
    "colour: ",
    "\"#ff0000\"",
    "hotkey: ",
    "\"",
    "\\",
    "\\u{0}",
    "\\u{D800}",
    "\\u{110000}",
    "\\x",
    "r#\"",
    "\"#",
    "'",
    "'x'",
    "b\"",
    "/*",
    "*/",
    "//",
    "#![enable(implicit_some)]",
    "#![enable(unwrap_newtypes)]",
    "#![enable(unwrap_variant_newtypes)]",
    "true",
    "inf",
    "NaN",
    "Sidecar",
    "\u{FEFF}",
    "\0",
    "😀",
];

#[derive(Debug, Clone)]
enum TextEdit {
    Delete(Index, usize),
    Duplicate(Index, usize),
    Insert(Index, &'static str),
    Replace(Index, char),
    Truncate(Index),
    Number(Index, &'static str),
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        (any::<Index>(), 1usize..40).prop_map(|(i, n)| TextEdit::Delete(i, n)),
        (any::<Index>(), 1usize..200).prop_map(|(i, n)| TextEdit::Duplicate(i, n)),
        (any::<Index>(), select(RON_TOKENS)).prop_map(|(i, t)| TextEdit::Insert(i, t)),
        (any::<Index>(), any::<char>()).prop_map(|(i, c)| TextEdit::Replace(i, c)),
        any::<Index>().prop_map(TextEdit::Truncate),
        (
            any::<Index>(),
            select(
                &[
                    "99999999999999999999999",
                    "-3",
                    "4294967295",
                    "0",
                    "3.5",
                    "1e3"
                ][..]
            )
        )
            .prop_map(|(i, n)| TextEdit::Number(i, n)),
    ]
}

/// Applies an edit at a character boundary.
fn edit_text(s: &mut String, e: &TextEdit) {
    let boundaries: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let at = |i: &Index| boundaries[i.index(boundaries.len())];
    let after = |p: usize, n: usize| {
        boundaries
            .iter()
            .copied()
            .find(|&b| b >= p + n)
            .unwrap_or(s.len())
    };
    match e {
        TextEdit::Delete(i, n) => {
            let p = at(i);
            let end = after(p, *n);
            s.replace_range(p..end, "");
        }
        TextEdit::Duplicate(i, n) => {
            let p = at(i);
            let end = after(p, *n);
            let piece = s[p..end].to_owned();
            s.insert_str(end, &piece);
        }
        TextEdit::Insert(i, t) => {
            let p = at(i);
            s.insert_str(p, t);
        }
        TextEdit::Replace(i, c) => {
            let p = at(i);
            let end = after(p, 1);
            s.replace_range(p..end, c.encode_utf8(&mut [0; 4]));
        }
        TextEdit::Truncate(i) => {
            let p = at(i);
            s.truncate(p);
        }
        TextEdit::Number(i, n) => {
            // Replace the first number at or after the position.
            let p = at(i);
            if let Some(start) = s[p..].find(|c: char| c.is_ascii_digit()).map(|k| p + k) {
                let len = s[start..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(s.len() - start);
                s.replace_range(start..start + len, n);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_is_a_sidecar_or_a_clear_error(text in any::<String>()) {
        check_sidecar(&text)?;
    }

    #[test]
    fn ron_token_soups_are_a_sidecar_or_a_clear_error(
        text in prop::collection::vec(select(RON_TOKENS), 0..200).prop_map(|v| v.concat()),
        base in any::<bool>(),
        at in any::<Index>(),
    ) {
        // Alone, and spliced into a real sidecar.
        check_sidecar(&text)?;
        if base {
            let real = &REAL_SIDECARS[0];
            let p = span_of(real, &at, &at).start;
            check_sidecar(&format!("{}{text}{}", &real[..p], &real[p..]))?;
        }
    }

    #[test]
    fn mutated_real_sidecars_parse_and_round_trip_or_are_clear_errors(
        which in 0..2usize,
        edits in prop::collection::vec(text_edit(), 1..6),
    ) {
        let mut s = REAL_SIDECARS[which].clone();
        for e in &edits {
            edit_text(&mut s, e);
        }
        check_sidecar(&s)?;
    }
}

#[test]
fn real_sidecars_round_trip() {
    for s in REAL_SIDECARS.iter() {
        Sidecar::from_ron(s, sidecar_path()).expect("a real sidecar parses");
        check_sidecar(s).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn deeply_nested_ron_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 100_000;
    let openers = [
        "[", "(", "{", "Some(", "(a:", "[(", "Some([", "Merge(", "x(", "{\"k\":",
    ];
    // Where the nesting goes: the whole file, each field, an unknown field (which serde skips
    // without knowing its type), inside an annotation, and after implicit_some.
    let contexts = [
        "{}",
        "(schema: {})",
        "(schema: 3, source: {})",
        "(schema: 3, source: (file_name: \"x\", fingerprint: \"y\", format: {}))",
        "(schema: 3, extra: {})",
        "(schema: 3, source: (file_name: \"x\", fingerprint: \"y\"), tags: {})",
        "(schema: 3, source: (file_name: \"x\", fingerprint: \"y\"), speaker_edits: {})",
        "(schema: 3, source: (file_name: \"x\", fingerprint: \"y\"), annotations: [(id: {})])",
        "(schema: 3, source: (file_name: \"x\", fingerprint: \"y\"), dismissed: {})",
        "#![enable(implicit_some)]\n(schema: 3, source: (file_name: \"x\", fingerprint: \"y\", format: {}))",
    ];
    let mut cases = Vec::new();
    for open in openers {
        for ctx in contexts {
            cases.push(ctx.replace("{}", &open.repeat(DEPTH)));
        }
    }
    // Nested comments and a raw string with a deep run of hashes.
    cases.push(format!("(schema: 3, {}", "/*".repeat(DEPTH)));
    cases.push(format!("(schema: 3, note: r{}\"", "#".repeat(DEPTH)));
    let n = cases.len();
    // A quarter of the stack a test thread gets: the parser's own recursion limit must stop
    // it long before the stack runs out, with room to spare.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            for text in cases {
                let result = Sidecar::from_ron(&text, sidecar_path())
                    .map(|_| ())
                    .map_err(|e| e.to_string());
                let _ = tx.send(result);
            }
        })
        .expect("spawn");
    for k in 0..n {
        let result = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|e| panic!("case {k}: no answer ({e}): a crash or a hang"));
        let msg = result.expect_err("100,000-deep nesting is not a valid sidecar");
        assert!(
            msg.starts_with(&sidecar_path().display().to_string()),
            "{msg}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Exporters

/// Notes as users (and pasted web pages) write them.
const NOTE_TOKENS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</p>",
    "<!--",
    "-->",
    "]]>",
    "&amp;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://x\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\0",
    "\x0B",
    "\x0C",
    "\x1b[31m",
    "\u{7F}",
    "\u{85}",
    "\u{FFFE}",
    "\u{FFFF}",
    "\u{202E}",
    "\u{200F}",
    "\u{2028}",
    "\u{FEFF}",
    "😀",
    "👨‍👩‍👧",
    "e\u{301}",
    "多",
    "**bold**",
    "_x_",
    "[link](javascript:alert(1))",
    "# heading",
    "> quote",
    "|",
    "`",
    "\\",
    ",",
    ";",
    " ",
    "word",
    "Partly.",
];

fn note() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::collection::vec(select(NOTE_TOKENS), 0..12).prop_map(|v| v.concat()))
}

#[derive(Debug, Clone)]
struct AnnotationSpec {
    turn: Index,
    tags: Vec<Index>,
    note: Option<String>,
    /// A span of the turn's text to quote, when set.
    quote: Option<(Index, Index)>,
}

fn annotation_spec() -> impl Strategy<Value = AnnotationSpec> {
    (
        any::<Index>(),
        prop::collection::vec(any::<Index>(), 1..4),
        note(),
        prop::option::of((any::<Index>(), any::<Index>())),
    )
        .prop_map(|(turn, tags, note, quote)| AnnotationSpec {
            turn,
            tags,
            note,
            quote,
        })
}

#[derive(Debug, Clone)]
struct OptionsSpec {
    tags: Vec<Index>,
    unknown_tag: bool,
    speaker: Option<Index>,
    unknown_speaker: bool,
    ids: Option<Vec<Index>>,
    prefix: String,
    include_question: bool,
    before: usize,
    after: usize,
}

fn options_spec() -> impl Strategy<Value = OptionsSpec> {
    let context = prop_oneof![0usize..4, Just(usize::MAX), Just(usize::MAX / 2)];
    (
        prop::collection::vec(any::<Index>(), 0..3),
        prop::bool::weighted(0.1),
        prop::option::of(any::<Index>()),
        prop::bool::weighted(0.1),
        prop::option::of(prop::collection::vec(any::<Index>(), 0..4)),
        prop::collection::vec(select(NOTE_TOKENS), 0..3).prop_map(|v| v.concat()),
        any::<bool>(),
        context.clone(),
        context,
    )
        .prop_map(
            |(tags, unknown_tag, speaker, unknown_speaker, ids, prefix, iq, before, after)| {
                OptionsSpec {
                    tags,
                    unknown_tag,
                    speaker,
                    unknown_speaker,
                    ids,
                    prefix,
                    include_question: iq,
                    before,
                    after,
                }
            },
        )
}

/// Character boundaries of `s` picked by two indices, in order.
fn span_of(s: &str, a: &Index, b: &Index) -> Range<usize> {
    let bounds: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let (x, y) = (bounds[a.index(bounds.len())], bounds[b.index(bounds.len())]);
    x.min(y)..x.max(y)
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The Markdown writer's escaping, restated: markup characters escaped; in a multi-line text
/// each line starts trimmed, a list or heading marker there escaped, lines joined by a hard
/// break (`\` + newline).
fn md_escape(s: &str) -> String {
    let mut out = String::new();
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        let line = line.trim_start().trim_end_matches('\r');
        let mut leading_digits = true;
        for (k, c) in line.chars().enumerate() {
            if matches!(
                c,
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
            ) || (k == 0 && matches!(c, '-' | '+' | '=' | '~'))
                || (k > 0 && leading_digits && matches!(c, '.' | ')'))
            {
                out.push('\\');
            }
            out.push(c);
            leading_digits &= c.is_ascii_digit();
        }
    }
    out
}

fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Every tag the HTML writer's template uses; anything else starting with `<` is injected.
const HTML_TAGS: &[&str] = &[
    "<!DOCTYPE html>",
    "<html ",
    "</html>",
    "<head>",
    "</head>",
    "<meta ",
    "<title>",
    "</title>",
    "<style>",
    "</style>",
    "<body>",
    "</body>",
    "<h1>",
    "</h1>",
    "<p>",
    "<p ",
    "</p>",
    "<section ",
    "</section>",
    "<span ",
    "</span>",
];

/// XML 1.0 allows tab, line feed, carriage return and U+0020 upwards, less the surrogates
/// and U+FFFE/U+FFFF. Word refuses a document with anything else.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn export_case(
    which: usize,
    specs: &[AnnotationSpec],
    opts: &OptionsSpec,
) -> Result<(), TestCaseError> {
    let mut doc = Document::open(&common::repo(SMALL[which]), None).expect("open a sample");
    let t = doc.transcript.clone();
    prop_assume!(!t.turns.is_empty());
    let mut ids = Vec::new();
    for s in specs {
        let turn = s.turn.index(t.turns.len());
        let tags: Vec<String> = s
            .tags
            .iter()
            .map(|i| TAG_NAMES[i.index(TAG_NAMES.len())].clone())
            .collect();
        let quote = s
            .quote
            .as_ref()
            .map(|(a, b)| &t.turns[turn].text[span_of(&t.turns[turn].text, a, b)])
            .filter(|q| !q.trim().is_empty());
        let id = doc
            .annotate(turn, &tags, s.note.clone(), quote)
            .map_err(|e| TestCaseError::fail(format!("annotating turn {turn}: {e}")))?;
        ids.push(id);
    }
    let mut filter_tags: Vec<String> = opts
        .tags
        .iter()
        .map(|i| TAG_NAMES[i.index(TAG_NAMES.len())].to_uppercase())
        .collect();
    if opts.unknown_tag {
        filter_tags.push("No such tag <b>".into());
    }
    let speaker = opts.speaker.as_ref().map(|i| {
        if opts.unknown_speaker {
            "Nobody <i>".to_owned()
        } else {
            t.speakers[i.index(t.speakers.len())].name.clone()
        }
    });
    let chosen_ids = opts.ids.as_ref().map(|v| {
        let mut chosen: Vec<String> = v
            .iter()
            .filter(|_| !ids.is_empty())
            .map(|i| ids[i.index(ids.len())].clone())
            .collect();
        chosen.push("a-000000000000".into());
        chosen
    });
    let options = ExportOptions {
        tags: filter_tags.clone(),
        speaker: speaker.clone(),
        ids: chosen_ids.clone(),
        cite_prefix: opts.prefix.clone(),
        include_question: opts.include_question,
        context_before: opts.before,
        context_after: opts.after,
    };
    let excerpts = match export::excerpts(&doc, &options) {
        Ok(x) => x,
        Err(ExportError::UnknownTag(tag)) => {
            prop_assert!(opts.unknown_tag && tag.starts_with("No such tag"));
            return Ok(());
        }
        Err(ExportError::UnknownSpeaker(name)) => {
            prop_assert!(opts.unknown_speaker && speaker.as_deref() == Some(name.as_str()));
            return Ok(());
        }
        Err(e) => return Err(TestCaseError::fail(format!("excerpts: {e}"))),
    };
    prop_assert!(!opts.unknown_tag, "an unknown tag was accepted");
    prop_assert!(
        !(opts.unknown_speaker && speaker.is_some()),
        "an unknown speaker was accepted"
    );

    // Which annotations should be there, worked out independently.
    let speaker_id = speaker
        .as_deref()
        .and_then(|s| t.speaker_by_label(s))
        .map(|s| s.id);
    let expected: Vec<&partly::annotation::Annotation> = doc
        .sidecar
        .annotations
        .iter()
        .filter(|a| filter_tags.is_empty() || filter_tags.iter().any(|x| a.has_tag(x)))
        .filter(|a| {
            speaker_id.is_none_or(|s| {
                (a.anchor.start_turn..=a.anchor.end_turn).any(|i| t.turns[i].speaker == s)
            })
        })
        .filter(|a| chosen_ids.as_ref().is_none_or(|ids| ids.contains(&a.id)))
        .collect();
    prop_assert_eq!(excerpts.len(), expected.len());
    for e in &excerpts {
        let Some(a) = expected.iter().find(|a| a.id == e.id) else {
            return Err(TestCaseError::fail(format!("unexpected excerpt {}", e.id)));
        };
        prop_assert_eq!(&e.note, &a.note);
        prop_assert!(!e.turns.is_empty());
        for (k, x) in e.turns.iter().enumerate() {
            prop_assert!(x.index < t.turns.len());
            prop_assert_eq!(
                x.index,
                e.turns[0].index + k,
                "excerpt turns are not consecutive"
            );
            prop_assert_eq!(&x.text, &t.turns[x.index].text);
            prop_assert_eq!(
                x.annotated,
                a.anchor.start_turn <= x.index && x.index <= a.anchor.end_turn
            );
        }
        prop_assert!(e.turns.iter().any(|x| x.annotated));
        if opts.include_question
            && let Some(q) = t.turns[a.anchor.start_turn].answers
        {
            prop_assert!(e.turns[0].index <= q, "the question is missing");
        }
        let prefix = opts.prefix.trim();
        prop_assert!(prefix.is_empty() || e.cite.starts_with(prefix));
    }

    let source = doc
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for format in ExportFormat::ALL {
        let bytes = export::write(format, &source, &excerpts)
            .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
        check_export(format, &bytes, &excerpts)?;
    }

    // Copy as citation, on any turns and any span.
    if let Some(s) = specs.first() {
        let n = t.turns.len();
        let first = s.turn.index(n + 2);
        let last = s.tags[0].index(n + 2);
        let text = t.turns.get(first).map_or("", |x| x.text.as_str());
        let span = s.quote.as_ref().map(|(a, b)| {
            let r = span_of(text, a, b);
            (r.start, r.end + usize::from(r.end < text.len()))
        });
        let _ = export::citation(&doc, first, last, span, &opts.prefix);
    }
    Ok(())
}

fn check_export(
    format: ExportFormat,
    bytes: &[u8],
    excerpts: &[export::Excerpt],
) -> Result<(), TestCaseError> {
    let text = || {
        std::str::from_utf8(bytes)
            .map_err(|e| TestCaseError::fail(format!("{format:?} is not UTF-8: {e}")))
    };
    match format {
        ExportFormat::Html => {
            let html = text()?;
            for (i, _) in html.match_indices('<') {
                prop_assert!(
                    HTML_TAGS.iter().any(|tag| html[i..].starts_with(tag)),
                    "markup injected at {}: {:?}",
                    i,
                    &html[i..html.len().min(i + 40)]
                );
            }
            for e in excerpts {
                if let Some(n) = &e.note {
                    let shown = format!("Note: {}</p>", html_escape(n));
                    prop_assert!(html.contains(&shown), "note {:?} not escaped", n);
                }
                for x in &e.turns {
                    prop_assert!(html.contains(&html_escape(&x.text)));
                }
            }
        }
        ExportFormat::Markdown => {
            let md = text()?;
            for e in excerpts {
                if let Some(n) = &e.note {
                    let shown = format!("Note: {}", md_escape(n));
                    prop_assert!(md.contains(&shown), "note {:?} not escaped", n);
                }
            }
        }
        ExportFormat::Text => {
            let plain = text()?;
            for e in excerpts {
                if let Some(n) = &e.note {
                    prop_assert!(plain.contains(n.as_str()));
                }
            }
        }
        ExportFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(bytes);
            let headers = reader
                .headers()
                .map_err(|e| TestCaseError::fail(format!("CSV headers: {e}")))?
                .clone();
            prop_assert_eq!(headers.len(), 16);
            let rows: Vec<csv::StringRecord> = reader
                .records()
                .collect::<Result<_, _>>()
                .map_err(|e| TestCaseError::fail(format!("CSV does not parse back: {e}")))?;
            let expected: Vec<(&export::Excerpt, &export::ExcerptTurn)> = excerpts
                .iter()
                .flat_map(|e| e.turns.iter().map(move |x| (e, x)))
                .collect();
            prop_assert_eq!(rows.len(), expected.len());
            for (row, (e, x)) in rows.iter().zip(expected) {
                prop_assert_eq!(row.len(), 16);
                prop_assert_eq!(&row[0], e.id.as_str());
                prop_assert_eq!(&row[3], neutralised(e.note.as_deref().unwrap_or("")));
                prop_assert_eq!(&row[9], neutralised(&x.text));
                prop_assert_eq!(&row[5], (x.index + 1).to_string());
                for cell in row.iter() {
                    prop_assert!(
                        !cell.starts_with(['=', '+', '-', '@']),
                        "formula cell {:?}",
                        cell
                    );
                }
            }
        }
        ExportFormat::Docx => {
            prop_assert!(bytes.starts_with(b"PK"));
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
                .map_err(|e| TestCaseError::fail(format!("DOCX is not a zip: {e}")))?;
            let mut xml = String::new();
            zip.by_name("word/document.xml")
                .map_err(|e| TestCaseError::fail(format!("no document.xml: {e}")))?
                .read_to_string(&mut xml)
                .map_err(|e| TestCaseError::fail(format!("document.xml: {e}")))?;
            if let Some(bad) = xml.chars().find(|&c| !xml_char(c)) {
                return Err(TestCaseError::fail(format!(
                    "document.xml holds {bad:?}, which XML forbids: Word will not open it"
                )));
            }
            prop_assert!(
                !xml.contains("<script"),
                "markup injected into document.xml"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn exports_of_random_annotations_are_well_formed(
        which in 0..SMALL.len(),
        specs in prop::collection::vec(annotation_spec(), 0..6),
        opts in options_spec(),
    ) {
        export_case(which, &specs, &opts)?;
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Quote verification

fn check_verification(t: &Transcript, quote: &str, v: &Verification) -> Result<(), TestCaseError> {
    prop_assert_eq!(v.verbatim, !v.matches.is_empty(), "quote {:?}", quote);
    if v.verbatim {
        prop_assert!(v.closest.is_none());
    }
    let passages = v
        .matches
        .iter()
        .chain(v.closest.as_ref().map(|c| &c.passage));
    for p in passages {
        prop_assert!(p.turn < t.turns.len(), "no turn {}", p.turn);
        let text = &t.turns[p.turn].text;
        prop_assert!(
            p.start_offset <= p.end_offset
                && p.end_offset <= text.len()
                && text.is_char_boundary(p.start_offset)
                && text.is_char_boundary(p.end_offset),
            "passage {}..{} of turn {} ({} bytes) for quote {:?}",
            p.start_offset,
            p.end_offset,
            p.turn,
            text.len(),
            quote
        );
        prop_assert_eq!(&p.text, &text[p.start_offset..p.end_offset]);
        prop_assert_eq!(&p.speaker, t.speaker_name(&t.turns[p.turn]));
    }
    for w in v.matches.windows(2) {
        prop_assert!(
            (w[0].turn, w[0].end_offset) <= (w[1].turn, w[1].start_offset),
            "matches overlap or are out of order"
        );
    }
    if let Some(c) = &v.closest {
        prop_assert!(
            (0.0..=1.0).contains(&c.similarity),
            "similarity {}",
            c.similarity
        );
    }
    let mut notes = v.notes.clone();
    notes.sort();
    notes.dedup();
    prop_assert_eq!(notes.len(), v.notes.len(), "repeated notes");
    Ok(())
}

/// Characters that quotation treats specially, and scripts where case and width misbehave.
const QUOTE_TOKENS: &[&str] = &[
    "[",
    "]",
    "[sic]",
    "[do that]",
    "[T]",
    "...",
    "…",
    ". . .",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "«",
    "»",
    "「",
    "」",
    " ",
    "  ",
    "\n",
    "\t",
    "Partly",
    "partly",
    "yes",
    "the",
    "a",
    "I",
    "AI",
    "companies",
    "你",
    "好",
    "蒸馏",
    "。",
    "？",
    "(",
    ")",
    "\\",
    "*",
    "+",
    "?",
    "$",
    "^",
    "{",
    "}",
    "|",
    ".",
    ",",
    ";",
    ":",
    "\u{FEFF}",
    "\u{200B}",
    "\u{301}",
    "é",
    "İ",
    "ß",
    "ﬃ",
    "Σ",
    "ς",
    "\0",
    "😀",
    "-",
    "—",
];

/// Whitespace-separated words of a turn, as byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn any_quote_is_checked_without_panic(
        which in 0..SMALL.len(),
        quote in prop_oneof![
            any::<String>(),
            prop::collection::vec(select(QUOTE_TOKENS), 0..40).prop_map(|v| v.concat()),
        ],
    ) {
        let t = &SMALL_TRANSCRIPTS[which];
        let v = verify(t, &quote);
        check_verification(t, &quote, &v)?;
    }

}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn words_of_the_record_are_verbatim_in_their_turn(
        which in 0..SMALL.len(),
        turn in any::<Index>(),
        first in any::<Index>(),
        len in 1usize..12,
    ) {
        let t = &SMALL_TRANSCRIPTS[which];
        prop_assume!(!t.turns.is_empty());
        let i = turn.index(t.turns.len());
        let text = &t.turns[i].text;
        let ws = words(text);
        prop_assume!(!ws.is_empty());
        let a = first.index(ws.len());
        let b = (a + len).min(ws.len()) - 1;
        let quote = &text[ws[a].start..ws[b].end];
        // A quote of nothing but punctuation or an ellipsis has nothing to look for.
        prop_assume!(quote.chars().any(char::is_alphanumeric));
        let v = verify(t, quote);
        check_verification(t, quote, &v)?;
        prop_assert!(v.verbatim, "{:?} from turn {} is not verbatim: {:?}", quote, i, v.notes);
        prop_assert!(
            v.matches.iter().any(|m| m.turn == i),
            "{:?} not found in its turn {}: {:?}",
            quote,
            i,
            v.matches
        );
    }

}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn one_changed_word_is_not_verbatim(
        which in 0..SMALL.len(),
        turn in any::<Index>(),
        first in any::<Index>(),
        len in 3usize..12,
        changed in any::<Index>(),
    ) {
        let t = &SMALL_TRANSCRIPTS[which];
        prop_assume!(!t.turns.is_empty());
        let i = turn.index(t.turns.len());
        let text = &t.turns[i].text;
        let ws = words(text);
        prop_assume!(ws.len() >= 3);
        let a = first.index(ws.len() - 2);
        let b = (a + len).min(ws.len()) - 1;
        // A word inside the quote, made only of letters, outside any bracket or omission.
        let inner: Vec<usize> = (a + 1..b)
            .filter(|&k| text[ws[k].clone()].chars().all(char::is_alphanumeric))
            .collect();
        prop_assume!(!inner.is_empty());
        let quote_range = ws[a].start..ws[b].end;
        prop_assume!(!text[quote_range.clone()].contains(['[', ']', '…']));
        prop_assume!(!text[quote_range.clone()].contains(".."));
        let k = inner[changed.index(inner.len())];
        let nonce = "Zqxvjkw";
        prop_assume!(!t.turns.iter().any(|x| x.text.contains(nonce)));
        let quote = format!(
            "{}{nonce}{}",
            &text[quote_range.start..ws[k].start],
            &text[ws[k].end..quote_range.end]
        );
        let v = verify(t, &quote);
        check_verification(t, &quote, &v)?;
        prop_assert!(!v.verbatim, "{:?} with a changed word is verbatim", quote);
        let Some(c) = &v.closest else {
            return Err(TestCaseError::fail(format!("no closest passage for {quote:?}")));
        };
        prop_assert!(c.similarity < 1.0);
        prop_assert!(
            c.diff.iter().any(|d| matches!(d, partly::quote::DiffOp::Extra(x) if x.contains(nonce))),
            "the diff does not show the changed word: {:?}",
            c.diff
        );
    }
}

#[test]
fn huge_and_degenerate_quotes_are_checked_in_bounded_time() {
    let t = Arc::clone(&SCOTUS_TRANSCRIPT);
    let record: Vec<&str> = t.turns.iter().flat_map(|x| x.text.split(' ')).collect();
    let mut of_record = String::new();
    let mut k = 0;
    while of_record.len() < 100_000 {
        of_record.push_str(record[k % record.len()]);
        of_record.push(' ');
        k += 7;
    }
    let longest = t
        .turns
        .iter()
        .map(|x| x.text.clone())
        .max_by_key(String::len)
        .unwrap_or_default();
    let quotes: Vec<(&str, String)> = vec![
        ("100 KB of record words", of_record),
        ("a 100 KB word", "x".repeat(100_000)),
        ("a 100 KB word of the record", "the".repeat(33_000)),
        ("100 KB of brackets", "[".repeat(100_000)),
        ("100 KB of closing brackets", "]".repeat(100_000)),
        ("100 KB of bracketed words", "[the] ".repeat(16_000)),
        (
            "distinct brackets",
            (0..12_000).map(|i| format!("[b{i}] w ")).collect(),
        ),
        ("100 KB of ellipses", "...".repeat(33_000)),
        ("100 KB of spaced ellipses", ". . . ".repeat(16_000)),
        ("100 KB of whitespace", " \n\t".repeat(33_000)),
        ("100 KB of CJK", "你好".repeat(16_000)),
        ("100 KB of quotation marks", "\"“'’".repeat(10_000)),
        ("words and omissions", "the ... of ".repeat(9_000)),
        (
            "a bracket around everything",
            format!("[{}]", "word ".repeat(20_000)),
        ),
        ("the longest turn", longest),
        ("the longest turn twice", {
            let l = t
                .turns
                .iter()
                .map(|x| x.text.as_str())
                .max_by_key(|x| x.len())
                .unwrap_or_default();
            format!("{l} {l}")
        }),
    ];
    for (what, quote) in quotes {
        let t2 = Arc::clone(&t);
        let q = quote.clone();
        let v = within(120, what, move || verify(&t2, &q));
        check_verification(&t, &quote, &v).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

#[test]
fn quotes_against_a_transcript_of_huge_turns_are_checked_in_bounded_time() {
    // One enormous turn of repeated words, and one of a single enormous word.
    let text = format!(
        "Savitt: {}my car's\nMusk: {}\nSavitt: Partly?\n",
        "I said the truck was red and the sky was blue ".repeat(10_000),
        "y".repeat(200_000)
    );
    let t = Arc::new(transcript::parse_bytes(text.as_bytes(), None).expect("parses"));
    assert_eq!(t.turns.len(), 3);
    // (what, quote, a note it must get: the limits say when they cut a search short)
    let quotes = [
        ("a short quote", "the truck was green".to_owned(), ""),
        ("an omission", "I ... blue".to_owned(), ""),
        ("an omission that never ends", "I ... cars".to_owned(), ""),
        (
            "an omission that ends inside a word",
            "I ... car".to_owned(),
            "too many near misses",
        ),
        ("a bracket", "the [vehicle] was red".to_owned(), ""),
        (
            "a near miss by spelling",
            "yyyyyyyyyyyyyyyyyyyz".to_owned(),
            "",
        ),
        (
            "a long word near the long word",
            "y".repeat(5_000) + "z",
            "",
        ),
        (
            "many words",
            "the sky was red and the car was blue ".repeat(100),
            "too long to compare all of it",
        ),
        (
            "too many words",
            "the sky was red and the car was blue ".repeat(200),
            "the limit is 1000 words",
        ),
    ];
    for (what, quote, note) in quotes {
        let t2 = Arc::clone(&t);
        let q = quote.clone();
        let v = within(120, what, move || verify(&t2, &q));
        check_verification(&t, &quote, &v).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            note.is_empty() || v.notes.iter().any(|n| n.contains(note)),
            "{what}: no note {note:?} in {:?}",
            v.notes
        );
    }
}

#[test]
fn sidecar_files_that_are_not_utf8_are_clear_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source: PathBuf = dir.path().join("t.txt");
    std::fs::write(&source, "Savitt: Yes?\nMusk: Partly.\n").expect("write");
    let sidecar = partly::annotation::sidecar::sidecar_path(&source);
    for bytes in [
        b"(schema: 3, \xFF)".to_vec(),
        b"\xFF\xFE(\x00s\x00".to_vec(),
        vec![0u8; 1000],
        b"(schema: 3,\n source: \xED\xA0\x80)".to_vec(),
    ] {
        std::fs::write(&sidecar, &bytes).expect("write sidecar");
        let err = partly::annotation::sidecar::load(&source).expect_err("not a sidecar");
        let msg = err.to_string();
        assert!(msg.starts_with(&sidecar.display().to_string()), "{msg}");
        // The transcript still opens; the unreadable sidecar is reported, and left alone.
        let doc = Document::open(&source, None).expect("the transcript opens");
        assert!(doc.sidecar_error.is_some());
        assert_eq!(std::fs::read(&sidecar).expect("read"), bytes);
    }
}
