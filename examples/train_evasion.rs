//! Trains the evasion model on the dev split of the hand-labelled set and writes it to
//! `assets/evasion_model.ron`. Deterministic: the same labels give the same file.
//!
//! `cargo run --release --example train_evasion` (a few seconds). The held-out split is never
//! read here; `cargo test evaluation` measures the written model on it.

use anyhow::{Context, Result};
use partly::analysis::Label9;
use partly::analysis::suggest::features::features;
use partly::analysis::suggest::learn::{
    Example, TrainOptions, calibration, fit_scaling, fit_temperature, out_of_source_scores, train,
};
use partly::analysis::suggest::model::{decide, decide_with, platt, softmax};
use std::path::Path;

#[derive(serde::Deserialize)]
struct Pair {
    source: String,
    question: String,
    answer: String,
    follow_up: String,
    label9: String,
    split: String,
}

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("tests/data/evasion/pairs.json");
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let pairs: Vec<Pair> = serde_json::from_str(&text).context("pairs.json")?;
    let mut examples = Vec::new();
    for p in pairs.iter().filter(|p| p.split == "dev") {
        let label =
            Label9::parse(&p.label9).with_context(|| format!("unknown label {:?}", p.label9))?;
        let follow_up = (!p.follow_up.trim().is_empty()).then_some(p.follow_up.as_str());
        examples.push(Example {
            features: features(&p.question, &p.answer, follow_up)
                .into_iter()
                .map(|f| (f.name, f.value))
                .collect(),
            label,
            source: p.source.clone(),
        });
    }
    if let Some(out) = std::env::args().skip_while(|a| a != "--dump").nth(1) {
        // The dev features, one object per answer, for experiments outside Rust.
        let rows: Vec<serde_json::Value> = examples
            .iter()
            .map(|e| {
                serde_json::json!({
                    "source": e.source,
                    "label9": format!("{:?}", e.label),
                    "features": e.features.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
                })
            })
            .collect();
        std::fs::write(&out, serde_json::to_string(&rows)?)?;
        return Ok(());
    }
    if std::env::args().any(|a| a == "--tune") {
        // Options compared by leave-one-source-out on dev only (held-out is never read).
        for l2 in [0.002, 0.005, 0.01, 0.02] {
            for balance in [0.0, 0.5, 0.75, 1.0] {
                for min_count in [2, 3] {
                    let opts = TrainOptions {
                        l2,
                        balance,
                        min_count,
                        ..TrainOptions::default()
                    };
                    let oos = out_of_source_scores(&examples, &opts);
                    let (f3, acc9) = figures(&oos, &examples);
                    println!(
                        "l2 {l2} balance {balance} min_count {min_count}: 3-way macro-F1 {f3:.3}, 9-way accuracy {acc9:.3}"
                    );
                }
            }
        }
        return Ok(());
    }
    let opts = TrainOptions::default();
    let oos = out_of_source_scores(&examples, &opts);
    let labels: Vec<Label9> = examples.iter().map(|e| e.label).collect();
    let mut model = train(&examples, &opts);
    // The temperature is fitted on scores of answers each model did not train on, with the
    // real class frequencies put back.
    let with_prior: Vec<[f64; 9]> = oos.iter().map(|z| model.with_prior(z)).collect();
    let temperature = fit_temperature(&with_prior, &labels);
    model.temperature = temperature;
    // Where the line between the clarity classes falls: the offsets (ambivalent, non-reply
    // against clear reply) with the best leave-one-source-out 3-way macro-F1.
    let mut best = (f64::MIN, [0.0; 3]);
    for i in -10..=10 {
        for j in -10..=10 {
            let offsets = [0.0, f64::from(i) / 10.0, f64::from(j) / 10.0];
            let pred: Vec<Label9> = oos
                .iter()
                .map(|z| decide_with(&softmax(z, 1.0), &offsets))
                .collect();
            let f3 = macro_f1_3(&pred, &labels);
            if f3 > best.0 + 1e-9 {
                best = (f3, offsets);
            }
        }
    }
    model.class_offsets = best.1;
    println!(
        "class offsets {:?}: leave-one-source-out 3-way macro-F1 {:.3}",
        best.1, best.0
    );
    let f3 = macro_f1_3(
        &oos.iter().map(|z| model.decide(z)).collect::<Vec<_>>(),
        &labels,
    );
    let conf: Vec<(f64, bool)> = oos
        .iter()
        .zip(&labels)
        .map(|(z, l)| {
            let (label, class) = model.decide_with_confidence(z);
            (class, label.label3() == l.label3())
        })
        .collect();
    let (raw_ece, _) = calibration(&conf, 10);
    model.scaling = fit_scaling(&conf);
    let scaled: Vec<(f64, bool)> = conf
        .iter()
        .map(|&(c, r)| (platt(c, model.scaling), r))
        .collect();
    let (ece, _) = calibration(&scaled, 10);
    println!(
        "calibration error before scaling {raw_ece:.3}, after {ece:.3} (scaling {:?})",
        model.scaling
    );
    let right9 = oos
        .iter()
        .zip(&labels)
        .filter(|(z, l)| model.decide(z) == **l)
        .count();
    let right3 = oos
        .iter()
        .zip(&labels)
        .filter(|(z, l)| model.decide(z).label3() == l.label3())
        .count();
    let n = examples.len();
    let sources: std::collections::BTreeSet<&str> =
        examples.iter().map(|e| e.source.as_str()).collect();
    println!(
        "dev: {n} answers from {} sources; leave-one-source-out 3-way macro-F1 {f3:.3}, accuracy 9-way {:.3}, 3-way {:.3}; temperature {temperature:.2}; calibration error {ece:.3}",
        sources.len(),
        right9 as f64 / n as f64,
        right3 as f64 / n as f64
    );
    model.trained_on = format!(
        "tests/data/evasion/pairs.json, split dev ({} sources): {}; temperature fitted on leave-one-source-out scores",
        sources.len(),
        model.trained_on
    );
    let out = root.join("assets/evasion_model.ron");
    let text = ron::ser::to_string_pretty(
        &model,
        ron::ser::PrettyConfig::default().compact_arrays(true),
    )?;
    std::fs::write(&out, text + "\n").with_context(|| out.display().to_string())?;
    println!("wrote {} ({} features)", out.display(), model.weights.len());
    Ok(())
}

/// Leave-one-source-out 3-way macro-F1 and 9-way accuracy (temperature 1: it does not change
/// which class is most likely).
fn figures(oos: &[[f64; 9]], examples: &[Example]) -> (f64, f64) {
    let pred: Vec<Label9> = oos.iter().map(|z| decide(&softmax(z, 1.0))).collect();
    let gold: Vec<Label9> = examples.iter().map(|e| e.label).collect();
    let acc =
        pred.iter().zip(&gold).filter(|(p, g)| p == g).count() as f64 / gold.len().max(1) as f64;
    (macro_f1_3(&pred, &gold), acc)
}

/// 3-way macro-F1 of sub-class predictions.
fn macro_f1_3(pred: &[Label9], gold: &[Label9]) -> f64 {
    let mut f1s = Vec::new();
    for c in [
        partly::analysis::Label3::ClearReply,
        partly::analysis::Label3::Ambivalent,
        partly::analysis::Label3::ClearNonReply,
    ] {
        let tp = pred
            .iter()
            .zip(gold)
            .filter(|(p, g)| p.label3() == c && g.label3() == c)
            .count() as f64;
        let fp = pred
            .iter()
            .zip(gold)
            .filter(|(p, g)| p.label3() == c && g.label3() != c)
            .count() as f64;
        let fn_ = pred
            .iter()
            .zip(gold)
            .filter(|(p, g)| p.label3() != c && g.label3() == c)
            .count() as f64;
        let f = if tp > 0.0 {
            2.0 * tp / (2.0 * tp + fp + fn_)
        } else {
            0.0
        };
        f1s.push(f);
    }
    f1s.iter().sum::<f64>() / 3.0
}
