//! Peak memory of opening a long trial, as the window does, stays within 5× the file: the
//! target of the issue "Fast at trial scale" (`cargo bench --bench memory` measures 10,000
//! pages; this checks 1,000 in every test run). A binary of its own, with a counting
//! allocator: no other test may allocate while it measures.

#[path = "../benches/support/counting.rs"]
mod counting;
#[path = "../benches/support/mod.rs"]
mod support;

use counting::{Counting, in_use, peak, reset_peak};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn opening_a_1000_page_trial_with_its_annotations_takes_under_5x_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("trial.txt");
    let text = support::big_transcript(1_000);
    let size = text.len();
    std::fs::write(&file, &text).expect("write");
    drop(text);
    {
        let mut doc = partly::annotation::Document::open(&file, None).expect("opens");
        doc.sidecar.annotations = support::annotations(&doc.transcript, 1_000);
        doc.save().expect("saves");
        // The rules' regexes are compiled once per process, on first use, and keep a search
        // cache for each of up to 8 slots that threads are spread over: a few megabytes that
        // do not grow with the file, and would be a third of this small one's share. Each
        // pass runs on fresh threads: four passes fill the slots.
        for _ in 0..4 {
            partly::analysis::verdicts(&doc.transcript);
        }
    }
    let base = reset_peak();
    let doc = partly::annotation::Document::open(&file, None).expect("opens");
    let mut cache = partly::analysis::VerdictCache::default();
    let verdicts = cache.verdicts(&doc.transcript);
    let (top, held) = (peak() - base, in_use() - base);
    assert_eq!(doc.sidecar.annotations.len(), 1_000);
    assert!(verdicts.len() > 5_000, "{}", verdicts.len());
    let ratio = |b: usize| b as f64 / size as f64;
    eprintln!(
        "file {size} B: peak {top} B ({:.2}×), held {held} B ({:.2}×)",
        ratio(top),
        ratio(held)
    );
    assert!(top <= 5 * size, "peak {:.2}× the file", ratio(top));
    assert!(held < top);
}
