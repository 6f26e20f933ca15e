//! Shared test helpers for the annotation layer: a small document on disk.

use super::{Anchor, Annotation, Document};

/// Four turns (`Savitt`, `Musk`, `Savit`, `Musk`) in a temporary folder, opened as a
/// document with the default tags. Keep the folder alive as long as the document.
pub fn doc() -> (tempfile::TempDir, Document) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.txt");
    std::fs::write(
        &path,
        "Savitt: Has xAI done that?\nMusk: Generally all do.\nSavit: So that's a yes.\nMusk: Partly.\n",
    )
    .expect("write transcript");
    let d = Document::open(&path, None).expect("open");
    (dir, d)
}

/// A new annotation on turn `turn` with one tag.
pub fn annotation(d: &Document, turn: usize, tag: &str) -> Annotation {
    let anchor = Anchor::for_turns(&d.transcript, turn, turn).expect("turn exists");
    Annotation::new(anchor, vec![tag.into()], None).expect("valid")
}
