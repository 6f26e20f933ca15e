//! Paths to the real transcripts the tests run against, and small helpers.

use partly::transcript::{self, Transcript, Turn};
use std::path::PathBuf;

pub fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub const SEED: &str = "sample_transcripts/distillation_exchange.txt";
pub const VOCALIFE: &str =
    "sample_transcripts/vocalife_v_amazon_2020-10-01_li_cross_examination.txt";
pub const GUO: &str = "sample_transcripts/us_v_guo_sdny_2024-05-28_zhou_direct_sidebar.txt";
pub const HEARING: &str =
    "sample_transcripts/senate_judiciary_2024-01-31_big_tech_csam_hearing.txt";
pub const SCOTUS: &str = "tests/data/scotus_hhs_v_florida_2012-03-26.txt";

pub fn load(rel: &str) -> Transcript {
    transcript::load(&repo(rel), None)
        .unwrap_or_else(|e| panic!("{e}"))
        .transcript
}

/// The first turn whose text contains `needle`.
pub fn turn_with<'a>(t: &'a Transcript, needle: &str) -> (usize, &'a Turn) {
    t.turns
        .iter()
        .enumerate()
        .find(|(_, x)| x.text.contains(needle))
        .unwrap_or_else(|| panic!("no turn contains {needle:?}"))
}

/// `page:line` or `l. N` of a turn's first and last line.
pub fn cite(turn: &Turn) -> (String, String) {
    (turn.start.to_string(), turn.end.to_string())
}
