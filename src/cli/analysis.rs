//! `partly suggest` and `partly stats`: evasion suggestions with reasons, and per-speaker
//! statistics, for scripts (JSON) and people (text).

use super::inspect::loc_json;
use partly::analysis::stats::SpeakerStats;
use partly::analysis::{Label9, Suggestion};
use partly::annotation::{Dismissed, Document};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write;

fn dismissed(dismissed: &Dismissed, s: &Suggestion) -> bool {
    dismissed.contains(s.turn, s.classification.label9.name())
}

/// One entry per answer turn. Turn numbers are 1-based, as in `inspect`.
pub fn suggest_json(doc: &Document, suggestions: &[Suggestion]) -> Value {
    let t = &doc.transcript;
    let done = doc.dismissed();
    let list: Vec<Value> = suggestions
        .iter()
        .map(|s| {
            let c = &s.classification;
            let turn = &t.turns[s.turn];
            json!({
                "turn": s.turn + 1,
                "question_turn": s.question_turn + 1,
                "first_turn": s.first_turn + 1,
                "label3": c.label3().name(),
                "label9": c.label9.name(),
                "tag": c.label9.tag(),
                "confidence": (c.confidence * 100.0).round() / 100.0,
                "reasons": c.reasons.iter().map(|r| json!({
                    "rule": r.rule,
                    "evidence": r.evidence,
                    "supports": r.supports.name(),
                })).collect::<Vec<_>>(),
                "text": turn.text,
                "speaker": t.speaker_name(turn),
                "start": loc_json(turn.start),
                "dismissed": dismissed(&done, s),
            })
        })
        .collect();
    Value::Array(list)
}

pub fn suggest_text(doc: &Document, suggestions: &[Suggestion]) -> String {
    let t = &doc.transcript;
    let done = doc.dismissed();
    let mut out = String::new();
    for s in suggestions {
        let c = &s.classification;
        let turn = &t.turns[s.turn];
        let _ = writeln!(
            out,
            "#{} [{}] {} — {} / {} ({:.0}%){}",
            s.turn + 1,
            turn.start,
            t.speaker_name(turn),
            c.label3().name(),
            c.label9.name(),
            c.confidence * 100.0,
            if dismissed(&done, s) {
                " — dismissed"
            } else {
                ""
            }
        );
        let _ = writeln!(
            out,
            "    Q #{}: {}",
            s.question_turn + 1,
            t.turns[s.question_turn].text
        );
        let _ = writeln!(out, "    A: {}", turn.text);
        for r in c.reasons.iter().filter(|r| r.supports == c.label9) {
            let _ = writeln!(out, "    + {}: {}", r.rule, r.evidence);
        }
    }
    out
}

fn counts(m: &BTreeMap<Label9, usize>) -> Value {
    let mut o = serde_json::Map::new();
    for l in Label9::ALL {
        o.insert(l.name().to_owned(), json!(m.get(&l).copied().unwrap_or(0)));
    }
    Value::Object(o)
}

pub fn stats_json(stats: &[SpeakerStats]) -> Value {
    json!({
        "speakers": stats.iter().map(|s| json!({
            "id": s.speaker.0 + 1,
            "name": s.name,
            "role": s.role.name(),
            "questions": s.questions,
            "answers": s.answers,
            "suggested": counts(&s.suggested),
            "tagged": counts(&s.tagged),
            "longest_evasive_run": s.longest_evasive_run.map(|r| json!({
                "length": r.length,
                "first_turn": r.first_turn + 1,
                "last_turn": r.last_turn + 1,
                "start": loc_json(r.start),
                "end": loc_json(r.end),
            })),
            "repeated_questions": s.repeated_questions,
        })).collect::<Vec<_>>()
    })
}

pub fn stats_text(stats: &[SpeakerStats]) -> String {
    let mut out = String::new();
    for s in stats {
        let _ = writeln!(
            out,
            "{} ({}): {} questions, {} answers, {} repeated or pinned down",
            s.name, s.role, s.questions, s.answers, s.repeated_questions
        );
        let list = |m: &BTreeMap<Label9, usize>| {
            let v: Vec<String> = m.iter().map(|(l, n)| format!("{} {n}", l.name())).collect();
            if v.is_empty() {
                "none".to_owned()
            } else {
                v.join(", ")
            }
        };
        let _ = writeln!(out, "    suggested: {}", list(&s.suggested));
        let _ = writeln!(out, "    tagged:    {}", list(&s.tagged));
        if let Some(r) = s.longest_evasive_run {
            let _ = writeln!(
                out,
                "    longest evasive run: {} answers, {}–{} (turns {}–{})",
                r.length,
                r.start,
                r.end,
                r.first_turn + 1,
                r.last_turn + 1
            );
        }
    }
    out
}

fn passage_json(p: &partly::quote::Passage) -> Value {
    json!({
        "text": p.text,
        "speaker": p.speaker,
        "turn": p.turn + 1,
        "start": loc_json(p.start),
        "end": loc_json(p.end),
        "cite": partly::export::cite("", p.start, p.end),
    })
}

/// `{"verbatim", "matches": [...], "closest": {"text", "similarity", "speaker", "start", "end",
/// "diff"}, "notes"}`.
pub fn verify_json(v: &partly::quote::Verification) -> Value {
    json!({
        "verbatim": v.verbatim,
        "matches": v.matches.iter().map(passage_json).collect::<Vec<_>>(),
        "closest": v.closest.as_ref().map(|c| {
            let mut o = passage_json(&c.passage);
            o["similarity"] = json!((c.similarity * 1000.0).round() / 1000.0);
            o["diff"] = serde_json::to_value(&c.diff).unwrap_or(Value::Null);
            o
        }),
        "notes": v.notes,
    })
}

pub fn verify_text(v: &partly::quote::Verification) -> String {
    use partly::quote::DiffOp;
    let mut out = String::new();
    if v.verbatim {
        let _ = writeln!(
            out,
            "verbatim: {} match{}",
            v.matches.len(),
            if v.matches.len() == 1 { "" } else { "es" }
        );
        for m in &v.matches {
            let _ = writeln!(
                out,
                "  {} — {}: {}",
                partly::export::cite("", m.start, m.end),
                m.speaker,
                m.text
            );
        }
    } else {
        let _ = writeln!(out, "not verbatim");
    }
    for n in &v.notes {
        let _ = writeln!(out, "  note: {n}");
    }
    if let Some(c) = &v.closest {
        let _ = writeln!(
            out,
            "closest ({:.0}% similar), {} — {}: {}",
            c.similarity * 100.0,
            partly::export::cite("", c.passage.start, c.passage.end),
            c.passage.speaker,
            c.passage.text
        );
        let diff: Vec<String> = c
            .diff
            .iter()
            .map(|op| match op {
                DiffOp::Same(w) => w.clone(),
                DiffOp::Missing(w) => format!("{{+{w}+}}"),
                DiffOp::Extra(w) => format!("[-{w}-]"),
            })
            .collect();
        let _ = writeln!(
            out,
            "  diff (record {{+…+}}, quote [-…-]): {}",
            diff.join(" ")
        );
    }
    out
}
