//! Trial-scale inputs for the benchmarks, generated from the real samples: the Vocalife trial
//! pages repeated and renumbered up to any page count, and annotations spread over them.

#![allow(dead_code)] // each bench uses part of this

use partly::annotation::{Anchor, Annotation, Sidecar};
use partly::transcript::Transcript;

/// The real court-reporter excerpt (pages 247–252, 25 numbered lines a page).
pub fn vocalife() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample_transcripts/vocalife_v_amazon_2020-10-01_li_cross_examination.txt"
    );
    std::fs::read_to_string(path).expect("the Vocalife sample is in the repository")
}

/// A transcript of `pages` pages: the sample's six pages over and over, each renumbered
/// (page number line and the running header) so page:line cites run 1..=pages.
pub fn big_transcript(pages: usize) -> String {
    big_transcript_from(pages, 1)
}

/// Like [`big_transcript`], numbered from page `first`.
pub fn big_transcript_from(pages: usize, first: usize) -> String {
    let text = vocalife();
    // Split before each running header: one chunk per page.
    let mut sample_pages: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("Case 2:19") || sample_pages.is_empty() {
            sample_pages.push(Vec::new());
        }
        if let Some(p) = sample_pages.last_mut() {
            p.push(line);
        }
    }
    let mut out = String::with_capacity(pages * (text.len() / sample_pages.len() + 16));
    for k in 0..pages {
        let page = &sample_pages[k % sample_pages.len()];
        for (i, line) in page.iter().enumerate() {
            match i {
                0 => out.push_str(&format!(
                    "   Case 2:19-cv-00123-JRG Document 329 Filed 10/09/20 Page {} of {pages} PageID #: {}",
                    k + first,
                    18583 + k
                )),
                1 => out.push_str(&format!("{:>87}", k + first)),
                // A realtime timestamp that runs on through the day, as in a real trial: the
                // repeated pages must not have identical lines, or the importer rightly takes
                // them for running headers and skips them.
                _ if is_timestamped(line) => {
                    let seconds = 9 * 3600 + (k * 30 + i) % (14 * 3600);
                    out.push_str(&format!(
                        "{:02}:{:02}:{:02}",
                        seconds / 3600,
                        seconds / 60 % 60,
                        seconds % 60
                    ));
                    out.push_str(&line[8..]);
                }
                _ => out.push_str(line),
            }
            out.push('\n');
        }
    }
    out
}

/// Whether a line starts with a realtime `HH:MM:SS` stamp.
fn is_timestamped(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 8
        && b[2] == b':'
        && b[5] == b':'
        && [0, 1, 3, 4, 6, 7].iter().all(|&k| b[k].is_ascii_digit())
}

/// `n` annotations spread evenly over the transcript: every other one a whole turn, the rest
/// the first few words of a turn, with tags and a note like a user's.
pub fn annotations(t: &Transcript, n: usize) -> Vec<Annotation> {
    let turns = t.turns.len();
    (0..n)
        .filter_map(|i| {
            let turn = i * turns / n.max(1);
            let anchor = if i % 2 == 0 {
                Anchor::for_turns(t, turn, turn).ok()?
            } else {
                let text = &t.turns[turn].text;
                let end = text
                    .char_indices()
                    .filter(|&(_, c)| c == ' ')
                    .nth(3)
                    .map_or(text.len(), |(k, _)| k);
                Anchor::for_span(t, turn, 0..end).ok()?
            };
            let tag = ["Dodging", "Partial", "General", "Explicit"][i % 4];
            Annotation::new(anchor, vec![tag.into()], Some(format!("note {i}"))).ok()
        })
        .collect()
}

/// A sidecar holding `annotations`, as the app would save it.
pub fn sidecar_with(annotations: Vec<Annotation>) -> Sidecar {
    let mut s = Sidecar::new("big.txt", "sha256:00");
    s.annotations = annotations;
    s
}

/// One page of other real testimony (the Guo trial's questions and answers) in the same
/// court-reporter layout, numbered page 1: what a corrected copy might add at the front.
pub fn inserted_page() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample_transcripts/us_v_guo_sdny_2024-05-28_zhou_direct_sidebar.txt"
    );
    let guo = std::fs::read_to_string(path).expect("the Guo sample is in the repository");
    let qa: Vec<&str> = guo
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("Q. ") || l.starts_with("A. "))
        .collect();
    let mut out = String::from(
        "   Case 2:19-cv-00123-JRG Document 329 Filed 10/09/20 Page 0 of 0 PageID #: 18582\n",
    );
    out.push_str(&format!("{:>87}\n\n\n\n", 1));
    for line in 1..=25 {
        let (label, text) = qa[line % qa.len()].split_at(2);
        out.push_str(&format!(
            "05:00:00   {line:>2}   {label}   {}\n\n",
            text.trim()
        ));
    }
    out
}
