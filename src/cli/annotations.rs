//! `partly annotate`, `partly list` and `partly speaker`: annotations and speaker fixes
//! from the command line, through the same [`Document`] the window uses.

use super::inspect::loc_json;
use partly::annotation::{Annotation, Document};
use serde_json::{Value, json};
use std::fmt::Write;

/// One annotation as `list --json` prints it. Turn numbers are 1-based.
pub fn annotation_json(doc: &Document, a: &Annotation) -> Value {
    let t = &doc.transcript;
    let speaker = t
        .turns
        .get(a.anchor.start_turn)
        .map(|turn| t.speaker_name(turn).to_owned());
    json!({
        "id": a.id,
        "tags": a.tags,
        "note": a.note,
        "quote": a.anchor.quote,
        "turn": a.anchor.start_turn + 1,
        "end_turn": a.anchor.end_turn + 1,
        "speaker": speaker,
        "start": loc_json(a.anchor.start),
        "end": loc_json(a.anchor.end),
        "status": a.anchor.status(t).name(),
        "created": a.created,
        "modified": a.modified,
    })
}

pub fn list_json(doc: &Document) -> Value {
    json!({
        "source": doc.path.display().to_string(),
        "sidecar": doc.sidecar_path().display().to_string(),
        "source_changed": doc.source_changed,
        "annotations": doc.sidecar.annotations.iter().map(|a| annotation_json(doc, a)).collect::<Vec<_>>(),
    })
}

/// A readable listing: one block per annotation.
pub fn list_text(doc: &Document) -> String {
    let mut out = String::new();
    let n = doc.sidecar.annotations.len();
    let _ = writeln!(
        out,
        "{}: {n} annotation{}",
        doc.path.display(),
        if n == 1 { "" } else { "s" }
    );
    for a in &doc.sidecar.annotations {
        let status = a.anchor.status(&doc.transcript);
        let cite = if a.anchor.start == a.anchor.end {
            a.anchor.start.to_string()
        } else {
            format!("{}–{}", a.anchor.start, a.anchor.end)
        };
        let speaker = doc
            .transcript
            .turns
            .get(a.anchor.start_turn)
            .map_or("?", |t| doc.transcript.speaker_name(t));
        let _ = writeln!(
            out,
            "{}  [{}]  turn {} ({cite}), {speaker}  — {}",
            a.id,
            a.tags.join(", "),
            a.anchor.start_turn + 1,
            status.name()
        );
        let _ = writeln!(out, "    \"{}\"", a.anchor.quote);
        if let Some(note) = &a.note {
            let _ = writeln!(out, "    note: {note}");
        }
    }
    out
}
