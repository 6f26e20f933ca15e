//! Learning the evasion model from hand-labelled answers: multinomial logistic regression with
//! L2, class-balanced, trained by full-batch gradient descent from zero (deterministic: the
//! same examples give the same file, byte for byte), then a temperature fitted on
//! leave-one-source-out predictions so that the confidence is a calibrated probability.
//! `cargo run --release --example train_evasion` runs it on `tests/data/evasion/pairs.json`.

use super::model::{CLASSES, Model, class_probability, softmax};
use super::taxonomy::Label9;
use std::collections::{BTreeMap, BTreeSet};

/// One labelled answer, as features.
#[derive(Debug, Clone)]
pub struct Example {
    /// The features present ([`super::features`]): name and value.
    pub features: Vec<(String, f64)>,
    pub label: Label9,
    /// The case or event it comes from: cross-validation leaves whole sources out.
    pub source: String,
}

/// How to train. [`TrainOptions::default`] is what the shipped model was trained with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    /// L2 penalty on the weights (not the biases).
    pub l2: f64,
    pub iterations: usize,
    pub learning_rate: f64,
    /// A feature must occur in this many training answers to get weights.
    pub min_count: usize,
    /// Class weights are (n / (9 · n_class))^balance: 0 ignores imbalance, 1 evens it out.
    pub balance: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            l2: 0.005,
            iterations: 300,
            learning_rate: 1.0,
            min_count: 2,
            balance: 0.75,
        }
    }
}

fn class_index(l: Label9) -> usize {
    CLASSES.iter().position(|c| *c == l).unwrap_or(0)
}

/// Trains a model on `examples` (temperature 1; see [`fit_temperature`]).
pub fn train(examples: &[Example], opts: &TrainOptions) -> Model {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        let unique: BTreeSet<&str> = e.features.iter().map(|(f, _)| f.as_str()).collect();
        for f in unique {
            *counts.entry(f).or_default() += 1;
        }
    }
    let vocab: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n >= opts.min_count)
        .map(|(f, _)| *f)
        .collect();
    let index: BTreeMap<&str, usize> = vocab.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let rows: Vec<Vec<(usize, f64)>> = examples
        .iter()
        .map(|e| {
            let set: BTreeMap<usize, f64> = e
                .features
                .iter()
                .filter_map(|(f, v)| index.get(f.as_str()).map(|j| (*j, *v)))
                .collect();
            set.into_iter().collect()
        })
        .collect();
    let labels: Vec<usize> = examples.iter().map(|e| class_index(e.label)).collect();
    let mut per_class = [0usize; 9];
    for &y in &labels {
        per_class[y] += 1;
    }
    let n = examples.len().max(1) as f64;
    let class_weight: Vec<f64> = per_class
        .iter()
        .map(|&c| {
            if c == 0 {
                0.0
            } else {
                (n / (9.0 * c as f64)).powf(opts.balance)
            }
        })
        .collect();
    let total_weight: f64 = labels
        .iter()
        .map(|&y| class_weight[y])
        .sum::<f64>()
        .max(1e-9);

    let d = vocab.len();
    let mut w = vec![0.0f64; d * 9];
    let mut b = [0.0f64; 9];
    // Nesterov momentum over the full batch: few features per answer, so each step is cheap.
    let (mut vw, mut vb) = (vec![0.0f64; d * 9], [0.0f64; 9]);
    let momentum = 0.9;
    for _ in 0..opts.iterations {
        let look_w: Vec<f64> = w.iter().zip(&vw).map(|(x, v)| x + momentum * v).collect();
        let mut look_b = b;
        for k in 0..9 {
            look_b[k] += momentum * vb[k];
        }
        let mut gw = vec![0.0f64; d * 9];
        let mut gb = [0.0f64; 9];
        for (row, &y) in rows.iter().zip(&labels) {
            let mut z = look_b;
            for &(j, x) in row {
                for k in 0..9 {
                    z[k] += look_w[j * 9 + k] * x;
                }
            }
            let p = softmax(&z, 1.0);
            let cw = class_weight[y] / total_weight;
            for k in 0..9 {
                let g = cw * (p[k] - if k == y { 1.0 } else { 0.0 });
                gb[k] += g;
                for &(j, x) in row {
                    gw[j * 9 + k] += g * x;
                }
            }
        }
        for (g, x) in gw.iter_mut().zip(&look_w) {
            *g += opts.l2 * x;
        }
        for (i, g) in gw.iter().enumerate() {
            vw[i] = momentum * vw[i] - opts.learning_rate * g;
            w[i] += vw[i];
        }
        for k in 0..9 {
            vb[k] = momentum * vb[k] - opts.learning_rate * gb[k];
            b[k] += vb[k];
        }
    }
    let round = |x: f64| (x * 1_000.0).round() / 1_000.0;
    let weights: BTreeMap<String, Vec<f64>> = vocab
        .iter()
        .enumerate()
        .filter_map(|(j, f)| {
            let ws: Vec<f64> = (0..9).map(|k| round(w[j * 9 + k])).collect();
            // A feature whose weights are (nearly) the same for every sub-class favours none:
            // not kept.
            let mean = ws.iter().sum::<f64>() / 9.0;
            ws.iter()
                .any(|x| (x - mean).abs() >= 0.01)
                .then(|| ((*f).to_owned(), ws))
        })
        .collect();
    // Balanced training shifted the scores by -balance·ln(frequency); the confidence adds it
    // back (centred, so it only moves the classes against each other).
    let log_freq: Vec<f64> = per_class
        .iter()
        .map(|&c| (c.max(1) as f64 / n).ln() * opts.balance)
        .collect();
    let mean_log = log_freq.iter().sum::<f64>() / 9.0;
    Model {
        scaling: [1.0, 0.0],
        class_offsets: [0.0; 3],
        prior: log_freq.iter().map(|x| round(x - mean_log)).collect(),
        trained_on: format!(
            "{} answers; multinomial logistic regression, L2 {}, {} iterations, features seen at least {} times, class balance {}",
            examples.len(),
            opts.l2,
            opts.iterations,
            opts.min_count,
            opts.balance
        ),
        temperature: 1.0,
        bias: b.iter().map(|x| round(*x)).collect(),
        weights,
    }
}

/// Each example's scores from a model trained without its source (leave one source out), in
/// the order of `examples`: the honest way to see how the model does on testimony it has not
/// seen, and what the temperature is fitted on.
pub fn out_of_source_scores(examples: &[Example], opts: &TrainOptions) -> Vec<[f64; 9]> {
    let sources: BTreeSet<&str> = examples.iter().map(|e| e.source.as_str()).collect();
    let mut out = vec![[0.0; 9]; examples.len()];
    for s in sources {
        let train_on: Vec<Example> = examples.iter().filter(|e| e.source != s).cloned().collect();
        let m = train(&train_on, opts);
        for (i, e) in examples.iter().enumerate() {
            if e.source == s {
                let feats: Vec<super::features::Feature> = e
                    .features
                    .iter()
                    .map(|(f, v)| super::features::Feature {
                        name: f.clone(),
                        evidence: String::new(),
                        value: *v,
                    })
                    .collect();
                out[i] = m.scores(&feats);
            }
        }
    }
    out
}

/// The temperature (0.25–5, in steps of 0.05) that gives the scores (with the model's prior
/// already added) the lowest negative log-likelihood of the true clarity class: the
/// confidence shown is that class's probability, so that is what must be calibrated.
pub fn fit_temperature(scores: &[[f64; 9]], labels: &[Label9]) -> f64 {
    let nll = |t: f64| -> f64 {
        scores
            .iter()
            .zip(labels)
            .map(|(z, l)| {
                -class_probability(&softmax(z, t), l.label3())
                    .max(1e-12)
                    .ln()
            })
            .sum()
    };
    (5..=100)
        .map(|i| f64::from(i) * 0.05)
        .min_by(|a, b| nll(*a).total_cmp(&nll(*b)))
        .unwrap_or(1.0)
}

/// Platt scaling `[a, b]` fitted to (raw confidence, was it right) pairs by gradient descent
/// on the log loss (deterministic; starts from no scaling).
pub fn fit_scaling(raw_and_right: &[(f64, bool)]) -> [f64; 2] {
    let (mut a, mut b) = (1.0f64, 0.0f64);
    let n = raw_and_right.len().max(1) as f64;
    for _ in 0..2000 {
        let (mut ga, mut gb) = (0.0, 0.0);
        for &(p, right) in raw_and_right {
            let p = p.clamp(1e-6, 1.0 - 1e-6);
            let x = (p / (1.0 - p)).ln();
            let q = 1.0 / (1.0 + (-(a * x + b)).exp());
            let y = if right { 1.0 } else { 0.0 };
            ga += (q - y) * x;
            gb += q - y;
        }
        a -= 0.5 * ga / n;
        b -= 0.5 * gb / n;
    }
    let round = |x: f64| (x * 1_000.0).round() / 1_000.0;
    [round(a), round(b)]
}

/// Expected calibration error of the shown confidence (the chosen sub-class's probability)
/// over `bins` equal-width bins, and the reliability table: per bin, (count, mean
/// confidence, accuracy).
pub fn calibration(
    confidence_and_right: &[(f64, bool)],
    bins: usize,
) -> (f64, Vec<(usize, f64, f64)>) {
    let mut table = vec![(0usize, 0.0f64, 0.0f64); bins];
    for &(c, right) in confidence_and_right {
        let i = ((c * bins as f64) as usize).min(bins - 1);
        table[i].0 += 1;
        table[i].1 += c;
        table[i].2 += if right { 1.0 } else { 0.0 };
    }
    let n = confidence_and_right.len().max(1) as f64;
    let mut ece = 0.0;
    for row in &mut table {
        if row.0 > 0 {
            row.1 /= row.0 as f64;
            row.2 /= row.0 as f64;
            ece += row.0 as f64 / n * (row.1 - row.2).abs();
        }
    }
    (ece, table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(features: &[&str], label: Label9, source: &str) -> Example {
        Example {
            features: features.iter().map(|s| ((*s).to_owned(), 1.0)).collect(),
            label,
            source: source.into(),
        }
    }

    #[test]
    fn training_learns_separable_classes_deterministically() {
        let mut data = Vec::new();
        for i in 0..6 {
            let s = format!("s{}", i % 3);
            data.push(ex(&["w:yes", "len:1"], Label9::Explicit, &s));
            data.push(ex(&["w:recall", "w:don't"], Label9::ClaimsIgnorance, &s));
            data.push(ex(
                &["w:sorry", "rule:answer_is_a_question"],
                Label9::Clarification,
                &s,
            ));
        }
        let opts = TrainOptions::default();
        let m = train(&data, &opts);
        assert_eq!(m, train(&data, &opts), "same data, same model");
        let f = |names: &[&str]| {
            names
                .iter()
                .map(|n| super::super::features::Feature {
                    name: (*n).into(),
                    evidence: String::new(),
                    value: 1.0,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            m.classify(&f(&["w:recall"])).label9,
            Label9::ClaimsIgnorance
        );
        assert_eq!(m.classify(&f(&["w:yes"])).label9, Label9::Explicit);
        let oos = out_of_source_scores(&data, &opts);
        let labels: Vec<Label9> = data.iter().map(|e| e.label).collect();
        let t = fit_temperature(&oos, &labels);
        assert!((0.25..=5.0).contains(&t));
    }

    #[test]
    fn calibration_error_is_zero_when_confidence_matches_accuracy() {
        let data = [(0.75, true), (0.75, true), (0.75, true), (0.75, false)];
        let (ece, table) = calibration(&data, 10);
        assert!(ece.abs() < 1e-9, "{ece}");
        assert_eq!(table[7].0, 4);
        let (ece, _) = calibration(&[(0.9, false), (0.9, false)], 10);
        assert!((ece - 0.9).abs() < 1e-9);
    }
}
