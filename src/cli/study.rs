//! `partly study`: examinations, chapters, question forms and scorecards, for scripts (JSON)
//! and people (text).

use super::inspect::loc_json;
use partly::analysis::study::Study;
use partly::transcript::Transcript;
use serde_json::{Value, json};
use std::fmt::Write;

/// Turn numbers are 1-based, as in `inspect`.
fn turns(list: &[usize]) -> Vec<usize> {
    list.iter().map(|k| k + 1).collect()
}

/// The JSON contract of `study --json`.
pub fn study_json(t: &Transcript, s: &Study) -> Value {
    let examinations: Vec<Value> = s
        .examinations
        .iter()
        .map(|e| {
            json!({
                "title": e.title,
                "examiner": e.examiner,
                "witness": e.witness,
                "start": loc_json(e.start),
                "end": loc_json(e.end),
                "questions": e.questions.len(),
                "leading": e.leading.len(),
                "open": e.open.len(),
                "closed": e.closed.len(),
                "compound": e.compound.len(),
                "repeats": e.repeats.len(),
                "words_per_question": {
                    "median": e.median_words,
                    "longest": e.longest_question.map(|(_, n)| n),
                    "longest_turn": e.longest_question.map(|(k, _)| k + 1),
                },
                "nonresponsive": e.nonresponsive.len(),
                "longest_answer": e.longest_answer.map(|(k, n)| json!({"turn": k + 1, "words": n})),
                "turns": {
                    "questions": turns(&e.questions),
                    "leading": turns(&e.leading),
                    "open": turns(&e.open),
                    "closed": turns(&e.closed),
                    "compound": turns(&e.compound),
                    "repeats": turns(&e.repeats),
                    "nonresponsive": turns(&e.nonresponsive),
                },
                "chapters": e.chapters.iter().map(|c| json!({
                    "title": c.title,
                    "start": loc_json(c.start),
                    "end": loc_json(c.end),
                    "first_turn": c.first_turn + 1,
                    "last_turn": c.last_turn + 1,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let questions: Vec<Value> = s
        .questions
        .iter()
        .map(|q| {
            let turn = &t.turns[q.turn];
            json!({
                "turn": q.turn + 1,
                "examination": q.examination + 1,
                "form": q.form.form.name(),
                "compound": q.form.compound,
                "repeats": q.repeats.map(|k| k + 1),
                "flags": q.form.flags.iter().map(|f| f.name()).collect::<Vec<_>>(),
                "reasons": q.form.reasons.iter().map(|r| json!({
                    "rule": r.rule, "evidence": r.evidence,
                })).collect::<Vec<_>>(),
                "text": turn.text,
                "start": loc_json(turn.start),
            })
        })
        .collect();
    json!({ "examinations": examinations, "questions": questions, "warnings": s.warnings() })
}

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / of as f64)
    }
}

/// The outline and scorecards.
pub fn study_text(t: &Transcript, s: &Study) -> String {
    let mut out = String::new();
    for w in s.warnings() {
        let _ = writeln!(out, "warning: {w}");
    }
    if s.examinations.is_empty() {
        let _ = writeln!(out, "No examiner questions were found.");
    }
    for (i, e) in s.examinations.iter().enumerate() {
        let n = e.questions.len();
        let _ = writeln!(
            out,
            "{}. {} [{}–{}] — asked by {}; answered by {}",
            i + 1,
            e.title,
            e.start,
            e.end,
            e.examiner,
            if e.witness.is_empty() {
                "—"
            } else {
                &e.witness
            }
        );
        let _ = writeln!(
            out,
            "   {n} question{}: {} leading, {} open, {} closed; {} compound; {} repeated",
            if n == 1 { "" } else { "s" },
            pct(e.leading.len(), n),
            pct(e.open.len(), n),
            pct(e.closed.len(), n),
            e.compound.len(),
            e.repeats.len()
        );
        let longest = e
            .longest_question
            .map_or_else(String::new, |(k, w)| format!(", longest {w} (#{})", k + 1));
        let _ = writeln!(
            out,
            "   words per question: median {}{longest}",
            e.median_words
        );
        let answer = e.longest_answer.map_or_else(String::new, |(k, w)| {
            format!(
                "; longest answer {w} word{} (#{}, {})",
                if w == 1 { "" } else { "s" },
                k + 1,
                t.turns[k].start
            )
        });
        let n = e.nonresponsive.len();
        let _ = writeln!(
            out,
            "   runaway witness: {n} yes/no question{} the witness did not answer{answer}",
            if n == 1 { "" } else { "s" }
        );
        for c in &e.chapters {
            let title = if c.title.is_empty() {
                "(chapter)"
            } else {
                &c.title
            };
            let _ = writeln!(out, "   · {title} [{}–{}]", c.start, c.end);
        }
    }
    out
}
