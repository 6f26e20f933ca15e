//! `partly annotate`, `partly list` and `partly speaker`: annotations and speaker fixes
//! from the command line, through the same [`Document`] the window uses.

use super::inspect::loc_json;
use partly::annotation::{Annotation, Document, Placement};
use serde_json::{Value, json};
use std::fmt::Write;

/// One annotation as `list --json` prints it. Turn numbers are 1-based.
pub fn annotation_json(doc: &Document, a: &Annotation) -> Value {
    // An orphan's turn number is where it was; whoever speaks there now did not say it.
    let speaker = a.speaker(&doc.transcript);
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
        "status": a.placement.name(),
        "old_quote": match &a.placement {
            Placement::Changed { old_quote } => Some(old_quote),
            _ => None,
        },
        "candidate": match &a.placement {
            Placement::Review { candidate, similarity } => Some(json!({
                "quote": candidate.quote,
                "turn": candidate.start_turn + 1,
                "end_turn": candidate.end_turn + 1,
                "start": loc_json(candidate.start),
                "end": loc_json(candidate.end),
                "similarity": f64::from(*similarity) / 100.0,
            })),
            _ => None,
        },
        "created": a.created,
        "modified": a.modified,
    })
}

pub fn list_json(doc: &Document) -> Value {
    json!({
        "source": doc.path.display().to_string(),
        "sidecar": doc.sidecar_path().display().to_string(),
        "source_changed": doc.source_changed,
        "reanchored": doc.reanchored.map(|r| json!({
            "anchored": r.anchored,
            "moved": r.moved,
            "changed": r.changed,
            "review": r.review,
            "orphaned": r.orphaned,
        })),
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
        let cite = a.range();
        let where_ = if a.placement.is_placed() {
            let speaker = a.speaker(&doc.transcript).unwrap_or("?");
            format!("turn {} ({cite}), {speaker}", a.anchor.start_turn + 1)
        } else {
            format!("was turn {} ({cite})", a.anchor.start_turn + 1)
        };
        let _ = writeln!(
            out,
            "{}  [{}]  {where_}  — {}",
            a.id,
            a.tags.join(", "),
            a.placement.name()
        );
        let _ = writeln!(out, "    \"{}\"", a.anchor.quote);
        match &a.placement {
            Placement::Changed { old_quote } => {
                let _ = writeln!(out, "    was: \"{old_quote}\"");
            }
            Placement::Review {
                candidate,
                similarity,
            } => {
                let _ = writeln!(
                    out,
                    "    candidate ({similarity}% alike) at turn {} ({}): \"{}\"",
                    candidate.start_turn + 1,
                    candidate.start,
                    candidate.quote
                );
            }
            Placement::Orphaned => {
                let _ = writeln!(
                    out,
                    "    not found in the transcript; re-attach it in the window"
                );
            }
            Placement::Anchored | Placement::Moved => {}
        }
        if let Some(note) = &a.note {
            let _ = writeln!(out, "    note: {note}");
        }
    }
    out
}
