//! `partly agree`: agreement between annotators, for scripts (JSON) and people (text).

use super::inspect::loc_json;
use partly::analysis::agreement::Agreement;
use partly::analysis::agreement::figure;
use serde_json::{Value, json};
use std::fmt::Write;

fn round(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |v| json!((v * 1000.0).round() / 1000.0))
}

/// The JSON contract of `agree --json`. Turn numbers are 1-based, as in `inspect`.
pub fn agree_json(a: &Agreement) -> Value {
    let name = |i: usize| a.coders.get(i).cloned().unwrap_or_default();
    json!({
        "units": a.units.len(),
        "coders": a.coders,
        "alpha": round(a.alpha),
        "alpha_3way": round(a.alpha_3way),
        "pairwise": a.pairwise.iter().map(|p| json!({
            "coders": [name(p.coders[0]), name(p.coders[1])],
            "kappa": round(p.kappa),
            "agreement": round(p.agreement),
            "units": p.units,
        })).collect::<Vec<_>>(),
        "per_tag": a.per_tag.iter().map(|t| json!({
            "tag": t.tag, "alpha": round(t.alpha), "units": t.units,
        })).collect::<Vec<_>>(),
        "confusion": a.pairwise.iter().map(|p| json!({
            "coders": [name(p.coders[0]), name(p.coders[1])],
            "labels": a.labels,
            "matrix": p.matrix,
        })).collect::<Vec<_>>(),
        "disagreements": a.disagreements.iter().map(|d| {
            let labels: serde_json::Map<String, Value> = a
                .coders
                .iter()
                .zip(&d.labels)
                .map(|(c, l)| (c.clone(), l.as_ref().map_or(Value::Null, |s| json!(s))))
                .collect();
            json!({
                "turn": d.turn + 1,
                "start": loc_json(d.start),
                "end": loc_json(d.end),
                "text": d.text,
                "labels": labels,
            })
        }).collect::<Vec<_>>(),
        "warnings": a.warnings,
    })
}

/// The figures, a confusion matrix per pair, and the disagreements with cites.
pub fn agree_text(a: &Agreement) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} units (turns some coder labelled), {} coders",
        a.units.len(),
        a.coders.len()
    );
    for (i, c) in a.coders.iter().enumerate() {
        let _ = writeln!(out, "  {}. {c}", i + 1);
    }
    let _ = writeln!(
        out,
        "Krippendorff's alpha (nominal): {}; over the three clarity classes: {}",
        figure(a.alpha, 3),
        figure(a.alpha_3way, 3)
    );
    if a.alpha.is_none() {
        let _ = writeln!(
            out,
            "  (undefined: fewer than two coders labelled a unit, or every label is the same)"
        );
    }
    for p in &a.pairwise {
        let _ = writeln!(
            out,
            "\n{} × {}: Cohen's kappa {}, raw agreement {} on {} shared units",
            a.coders[p.coders[0]],
            a.coders[p.coders[1]],
            figure(p.kappa, 3),
            p.agreement
                .map_or_else(|| "undefined".into(), |x| format!("{:.0}%", x * 100.0)),
            p.units
        );
        // Only the labels this pair used.
        let used = p.used_labels();
        let width = used
            .iter()
            .map(|&k| a.labels[k].len())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = write!(out, "  {:width$}", "");
        for &k in &used {
            let _ = write!(out, " {:>width$}", a.labels[k]);
        }
        let _ = writeln!(out);
        for &r in &used {
            let _ = write!(out, "  {:width$}", a.labels[r]);
            for &k in &used {
                let _ = write!(out, " {:>width$}", p.matrix[r][k]);
            }
            let _ = writeln!(out);
        }
    }
    if !a.per_tag.is_empty() {
        let _ = writeln!(out, "\nPer tag (one against the rest):");
        for t in &a.per_tag {
            let _ = writeln!(
                out,
                "  {:20} alpha {}  ({} units)",
                t.tag,
                figure(t.alpha, 3),
                t.units
            );
        }
    }
    let _ = writeln!(out, "\n{} disagreements:", a.disagreements.len());
    for d in &a.disagreements {
        let labels: Vec<String> = a
            .coders
            .iter()
            .zip(&d.labels)
            .map(|(c, l)| format!("{c}: {}", l.as_deref().unwrap_or("—")))
            .collect();
        let _ = writeln!(
            out,
            "  #{} [{}–{}] {}\n      {}",
            d.turn + 1,
            d.start,
            d.end,
            labels.join(" · "),
            partly::text::chars::shorten(&d.text, 110)
        );
    }
    for w in &a.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}
