//! Peak memory of opening a 10,000-page transcript as the window does (the document with its
//! annotations, and the evasion suggestions it keeps), measured by counting every allocation.
//! `cargo bench --bench memory`. Prints the figure; fails if it is over 5× the file's size.

#[path = "support/mod.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, keeping count of the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's layout.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's arguments.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let now = if new_size >= layout.size() {
                IN_USE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size()
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Relaxed) - (layout.size() - new_size)
            };
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
}

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
    let base = IN_USE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let doc = partly::annotation::Document::open(&file, None).expect("opens");
    let after_open = (PEAK.load(Relaxed) - base, IN_USE.load(Relaxed) - base);
    // The window keeps the verdicts and what they were worked out from.
    let mut cache = partly::analysis::VerdictCache::default();
    let suggestions = cache.verdicts(&doc.transcript);
    let peak = PEAK.load(Relaxed) - base;
    let held = IN_USE.load(Relaxed) - base;
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
        mb(peak),
        peak as f64 / size as f64,
        mb(held),
        held as f64 / size as f64
    );
    println!(
        "open_10k_pages: of which the document alone: peak {:.1} MB, held {:.1} MB",
        mb(after_open.0),
        mb(after_open.1)
    );
    drop(cache);
    if peak > 5 * size {
        eprintln!("over the target: peak memory must stay within 5× the file's size");
        std::process::exit(1);
    }
}
