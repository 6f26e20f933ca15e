//! Peak memory of opening a 10,000-page transcript as the window does (the document with its
//! annotations, and the evasion suggestions it keeps), measured by counting every allocation.
//! `cargo bench --bench memory`. Prints the figure; fails if it is over 5× the file's size.

#[path = "support/mod.rs"]
mod support;

#[path = "support/counting.rs"]
mod counting;

use counting::{Counting, in_use, peak, reset_peak};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run either way.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("trial.txt");
    let text = support::big_transcript(10_000);
    let size = text.len();
    std::fs::write(&file, &text).expect("write");
    // Annotations as a user would have them, saved beside it.
    {
        let t = partly::transcript::parse_bytes(text.as_bytes(), None).expect("parses");
        let mut doc = partly::annotation::Document::open(&file, None).expect("opens");
        doc.sidecar.annotations = support::annotations(&t, 10_000);
        doc.save().expect("saves");
    }
    drop(text);
    let base = reset_peak();
    let doc = partly::annotation::Document::open(&file, None).expect("opens");
    let after_open = (peak() - base, in_use() - base);
    // The window keeps the verdicts and what they were worked out from.
    let mut cache = partly::analysis::VerdictCache::default();
    let suggestions = cache.verdicts(&doc.transcript);
    let top = peak() - base;
    let held = in_use() - base;
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "open_10k_pages: file {:.1} MB, {} turns, {} annotations, {} suggestions",
        mb(size),
        doc.transcript.turns.len(),
        doc.sidecar.annotations.len(),
        suggestions.len()
    );
    println!(
        "open_10k_pages: peak heap {:.1} MB ({:.2}× the file), held after opening {:.1} MB ({:.2}×)",
        mb(top),
        top as f64 / size as f64,
        mb(held),
        held as f64 / size as f64
    );
    println!(
        "open_10k_pages: of which the document alone: peak {:.1} MB, held {:.1} MB",
        mb(after_open.0),
        mb(after_open.1)
    );
    drop(cache);
    if top > 5 * size {
        eprintln!("over the target: peak memory must stay within 5× the file's size");
        std::process::exit(1);
    }
}
