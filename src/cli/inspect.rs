//! `partly inspect`: the parsed structure, as JSON for scripts or a short summary for people.

use partly::transcript::{Loc, Transcript, TurnKind, health};
use serde_json::{Value, json};
use std::fmt::Write;

/// `{"page": 12, "line": 3}`; `page` is null for unpaged text.
pub fn loc_json(loc: Loc) -> Value {
    json!({ "page": loc.page, "line": loc.line })
}

/// The JSON contract of `inspect --json`. Turn and speaker numbers are 1-based.
pub fn to_json(t: &Transcript, source: &str) -> Value {
    let speakers: Vec<Value> = t
        .speakers
        .iter()
        .map(|s| {
            json!({
                "id": s.id.0 + 1,
                "name": s.name,
                "role": s.role.name(),
                "aliases": s.aliases,
                "turns": t.turns.iter().filter(|x| x.speaker == s.id).count(),
            })
        })
        .collect();
    let turns: Vec<Value> = t
        .turns
        .iter()
        .enumerate()
        .map(|(i, turn)| {
            json!({
                "index": i + 1,
                "speaker": turn.speaker.0 + 1,
                "speaker_name": t.speaker_name(turn),
                "role": turn.role.name(),
                "kind": turn.kind.name(),
                "text": turn.text,
                "start": loc_json(turn.start),
                "end": loc_json(turn.end),
                "answers": turn.answers.map(|q| q + 1),
                "label": &*turn.label,
                "section": turn.section.and_then(|s| t.sections.get(s)).map(|s| &s.title),
                "bytes": [turn.bytes.start, turn.bytes.end],
            })
        })
        .collect();
    json!({
        "source": source,
        "health": health_json(&health::assess(t)),
        "translation_aliases": partly::transcript::speakers::translation_aliases(t)
            .into_iter()
            .map(|(name, same_as)| json!({"name": name, "same_as": same_as}))
            .collect::<Vec<_>>(),
        "format": t.format.name(),
        "format_detected": t.format_detected,
        "encoding": t.encoding,
        "origin": t.origin,
        "pages": t.pages.map(|(first, last)| json!({"first": first, "last": last})),
        "speakers": speakers,
        "turns": turns,
        "sections": t.sections.iter().map(|s| json!({
            "title": s.title,
            "start": loc_json(s.loc),
            "first_turn": s.first_turn + 1,
        })).collect::<Vec<_>>(),
        "warnings": t.warnings.iter().map(|w| json!({
            "page": w.loc.and_then(|l| l.page),
            "line": w.loc.map(|l| l.line),
            "message": w.message,
        })).collect::<Vec<_>>(),
    })
}

/// `"health"` in `inspect --json`: how well partly thinks it read the file.
pub fn health_json(h: &health::Health) -> Value {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    json!({
        "verdict": h.verdict.name(),
        "lines": h.lines,
        "lines_in_turns": round(h.lines_in_turns),
        "marker_lines": h.marker_lines,
        "marker_lines_read": round(h.marker_lines_read),
        "qa_alternation": h.qa_alternation.map(round),
        "answers_without_question": h.answers_without_question,
        "turns_with_inner_markers": h.turns_with_inner_markers,
        "dropped_lines": h.dropped_lines,
        "worst": h.worst.iter().map(|p| json!({
            "start": loc_json(p.start),
            "why": p.why,
        })).collect::<Vec<_>>(),
        "advice": h.advice,
    })
}

/// A summary a person can read at a glance; `with_turns` lists every turn too.
pub fn summary(t: &Transcript, source: &str, with_turns: bool) -> String {
    let mut out = String::new();
    let how = if t.format_detected {
        "detected"
    } else {
        "as given"
    };
    let _ = writeln!(out, "{source}");
    let _ = writeln!(
        out,
        "  layout:   {} — {} ({how}), {}",
        t.format.name(),
        t.format.describe(),
        t.encoding
    );
    if let Some(origin) = &t.origin {
        let _ = writeln!(out, "  read:     {origin}");
    }
    let _ = match t.pages {
        Some((a, b)) => writeln!(out, "  pages:    {a}–{b} (cited page:line)"),
        None => writeln!(out, "  pages:    none (cited by line in the file)"),
    };
    let count = |k: TurnKind| t.turns.iter().filter(|x| x.kind == k).count();
    let _ = writeln!(
        out,
        "  turns:    {} ({} questions, {} answers, {} statements)",
        t.turns.len(),
        count(TurnKind::Question),
        count(TurnKind::Answer),
        count(TurnKind::Statement)
    );
    let h = health::assess(t);
    let _ = writeln!(out, "  health:   {}", h.verdict.name());
    for a in &h.advice {
        let _ = writeln!(out, "    {a}");
    }
    for p in &h.worst {
        let _ = writeln!(out, "    {}: {}", p.start, p.why);
    }
    let _ = writeln!(out, "  speakers: {}", t.speakers.len());
    for s in &t.speakers {
        let n = t.turns.iter().filter(|x| x.speaker == s.id).count();
        let aliases = if s.aliases.is_empty() {
            String::new()
        } else {
            format!("  (also: {})", s.aliases.join(", "))
        };
        let _ = writeln!(
            out,
            "    {:>3}. {} — {}, {n} turn(s){aliases}",
            s.id.0 + 1,
            s.name,
            s.role
        );
    }
    if !t.sections.is_empty() {
        let _ = writeln!(out, "  sections: {}", t.sections.len());
        for s in &t.sections {
            let _ = writeln!(out, "    {} {}", s.loc, s.title);
        }
    }
    let _ = writeln!(out, "  warnings: {}", t.warnings.len());
    for w in &t.warnings {
        let _ = writeln!(out, "    {w}");
    }
    if with_turns {
        for (i, turn) in t.turns.iter().enumerate() {
            let answers = turn
                .answers
                .map(|q| format!(" → #{}", q + 1))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "#{} [{}] {} ({}, {}{answers}): {}",
                i + 1,
                turn.start,
                t.speaker_name(turn),
                turn.role,
                turn.kind.name(),
                turn.text
            );
        }
    }
    out
}
