//! `partly check-article`: every quotation in an article checked against the record.

use super::inspect::loc_json;
use partly::quote::article::ArticleQuote;
use serde_json::{Value, json};
use std::fmt::Write;

fn diff_text(d: &[partly::quote::DiffOp]) -> String {
    use partly::quote::DiffOp;
    d.iter()
        .map(|op| match op {
            DiffOp::Same(s) => s.clone(),
            DiffOp::Missing(s) => format!("[-{s}-]"),
            DiffOp::Extra(s) => format!("{{+{s}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The JSON contract of `check-article --json`.
pub fn article_json(article: &str, transcript: &str, quotes: &[ArticleQuote]) -> Value {
    json!({
        "article": article,
        "transcript": transcript,
        "quotes": quotes.iter().map(|q| json!({
            "text": q.text,
            "said_by": q.said_by,
            "article_line": q.article_line,
            "status": q.status.name(),
            "flags": q.flags.iter().map(|f| json!({"flag": f.flag, "reason": f.reason})).collect::<Vec<_>>(),
            "match": q.record.as_ref().map(|m| json!({
                "speaker": m.passage.speaker,
                "start": loc_json(m.passage.start),
                "end": loc_json(m.passage.end),
                "cite": partly::export::cite("Tr.", m.passage.start, m.passage.end),
                "text": m.passage.text,
                "similarity": (m.similarity * 1000.0).round() / 1000.0,
                "diff": m.diff,
            })),
        })).collect::<Vec<_>>(),
    })
}

/// One block per quote: status, who the article names, the record and its cite, the diff.
pub fn article_text(quotes: &[ArticleQuote]) -> String {
    let mut out = String::new();
    if quotes.is_empty() {
        let _ = writeln!(out, "No quotations found in the article.");
    }
    for q in quotes {
        let _ = writeln!(
            out,
            "line {}: {} \"{}\"{}",
            q.article_line,
            q.status.name(),
            partly::text::chars::shorten(&q.text, 100),
            q.said_by
                .as_ref()
                .map_or_else(String::new, |s| format!(" — attributed to {s}"))
        );
        if let Some(m) = &q.record {
            let _ = writeln!(
                out,
                "    record: {} ({}): \"{}\"",
                m.passage.speaker,
                partly::export::cite("Tr.", m.passage.start, m.passage.end),
                partly::text::chars::shorten(&m.passage.text, 100)
            );
            if !m.diff.is_empty() {
                let _ = writeln!(
                    out,
                    "    similarity {:.0}%: {}",
                    m.similarity * 100.0,
                    diff_text(&m.diff)
                );
            }
        }
        for f in &q.flags {
            let _ = writeln!(out, "    {}: {}", f.flag, f.reason);
        }
    }
    out
}
