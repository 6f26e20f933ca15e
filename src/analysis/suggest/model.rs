//! The learned evasion model: one weight per feature and sub-class (multinomial logistic
//! regression over [`super::features`]), learned from hand-labelled testimony by
//! [`super::learn::train`] and shipped as `assets/evasion_model.ron`, a readable file compiled
//! into the program (nothing is downloaded or read from disk at run time).
//!
//! Why learned: the hand-set weights of the rules reached their ceiling; the rules are good
//! evidence, and a model trained on labelled answers weighs them (and the answer's words)
//! better. Why still explainable: every suggestion lists the features that pushed it most,
//! with the words behind them.

use super::features::{Feature, features, kind};
use super::taxonomy::{Classification, Label3, Label9, Reason};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// Sub-classes in the order of every weight vector.
pub const CLASSES: [Label9; 9] = Label9::ALL;

/// How many features an explanation lists at most.
const EXPLAINED: usize = 6;

/// A trained model, as stored in `assets/evasion_model.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// What it was trained on and how, for whoever reads the file.
    pub trained_on: String,
    /// Divides every score before the softmax, so the probability shown means what it says
    /// (fitted on answers the model did not train on).
    pub temperature: f64,
    /// One per sub-class, in [`CLASSES`] order.
    pub bias: Vec<f64>,
    /// Added to the scores for the confidence only (one per sub-class): training weighs the
    /// rare sub-classes up so that they get decided at all, and this takes the real
    /// frequencies back into the probability shown.
    #[serde(default)]
    pub prior: Vec<f64>,
    /// Platt scaling of the confidence, `[a, b]`: the shown probability is
    /// `sigmoid(a · logit(p) + b)`, fitted on how often the clarity class was right for answers
    /// each model did not train on. `[1, 0]` leaves it as it is.
    #[serde(default = "no_scaling")]
    pub scaling: [f64; 2],
    /// Where the line between the clarity classes falls ([`decide_with`]), fitted to the
    /// three-way macro-F1 of answers each model did not train on.
    #[serde(default)]
    pub class_offsets: [f64; 3],
    /// A feature's name → one weight per sub-class.
    pub weights: BTreeMap<String, Vec<f64>>,
}

fn no_scaling() -> [f64; 2] {
    [1.0, 0.0]
}

/// `sigmoid(a · logit(p) + b)`.
pub fn platt(p: f64, [a, b]: [f64; 2]) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    let logit = (p / (1.0 - p)).ln();
    1.0 / (1.0 + (-(a * logit + b)).exp())
}

/// The shipped model, parsed once.
static SHIPPED: LazyLock<Model> = LazyLock::new(|| {
    ron::from_str(include_str!("../../../assets/evasion_model.ron"))
        .expect("assets/evasion_model.ron is checked by the test suite")
});

/// The model's weights indexed for look-up by feature name.
static INDEX: LazyLock<HashMap<&'static str, &'static [f64]>> = LazyLock::new(|| {
    SHIPPED
        .weights
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect()
});

impl Model {
    /// The model compiled into partly.
    pub fn shipped() -> &'static Model {
        &SHIPPED
    }

    /// The raw scores (before temperature) of each sub-class for these features.
    pub fn scores(&self, features: &[Feature]) -> [f64; 9] {
        let mut z = [0.0; 9];
        for (k, b) in self.bias.iter().enumerate().take(9) {
            z[k] = *b;
        }
        for f in features {
            if let Some(w) = self.weights_of(&f.name) {
                for (k, x) in w.iter().enumerate().take(9) {
                    z[k] += x * f.value;
                }
            }
        }
        z
    }

    /// A feature's weights (through the prebuilt index for the shipped model).
    fn weights_of(&self, name: &str) -> Option<&[f64]> {
        if std::ptr::eq(self, Model::shipped()) {
            INDEX.get(name).copied()
        } else {
            self.weights.get(name).map(Vec::as_slice)
        }
    }

    /// The sub-class these scores decide ([`decide_with`] the model's class offsets).
    pub fn decide(&self, z: &[f64; 9]) -> Label9 {
        decide_with(&softmax(z, 1.0), &self.class_offsets)
    }

    /// The calibrated probability of each sub-class for these features.
    pub fn probabilities(&self, features: &[Feature]) -> [f64; 9] {
        self.calibrated(&self.scores(features))
    }

    /// Scores with the real class frequencies put back ([`Model::prior`]).
    pub fn with_prior(&self, z: &[f64; 9]) -> [f64; 9] {
        let mut z = *z;
        for (x, p) in z.iter_mut().zip(&self.prior) {
            *x += p;
        }
        z
    }

    /// Scores → calibrated probabilities (real class frequencies, fitted temperature).
    pub fn calibrated(&self, z: &[f64; 9]) -> [f64; 9] {
        softmax(&self.with_prior(z), self.temperature)
    }

    /// The sub-class these scores decide, and the probability of its clarity class before
    /// Platt scaling (what [`Model::scaling`] is fitted on).
    pub fn decide_with_confidence(&self, z: &[f64; 9]) -> (Label9, f64) {
        let label9 = self.decide(z);
        // The probability of the clarity class: the sub-classes of one class share their
        // evidence; which of them is meant is the harder, softer call.
        (
            label9,
            class_probability(&self.calibrated(z), label9.label3()),
        )
    }

    /// The verdict on one answer: the most likely clarity class (clear reply, ambivalent,
    /// clear non-reply: its sub-classes' probabilities summed, classes weighed evenly), its
    /// most likely sub-class, the calibrated probability of that clarity class as the
    /// confidence, and the features that pushed it most.
    pub fn classify(&self, features: &[Feature]) -> Classification {
        let z = self.scores(features);
        let (mut label9, confidence) = self.decide_with_confidence(&z);
        let mut confidence = platt(confidence, self.scaling).clamp(0.0, 1.0) as f32;
        // A bare qualifier ("Partly.", "Somewhat.", "To some extent.") with no yes or no is a
        // part-way answer by the guidelines' definition of partial. Real answers this short
        // that are only a hedge are too rare for the model to learn (one in 1,269 dev pairs),
        // and the word count pulls it to "explicit" with the bare yeses and noes, so the
        // definition decides, with the confidence of a rule rather than the model's.
        let bare_hedge = features.iter().any(|f| f.name == "rule:hedged_partial")
            && features
                .iter()
                .any(|f| f.name == "len:1" || f.name == "len:2-3")
            && !features.iter().any(|f| {
                matches!(
                    f.name.as_str(),
                    "w:yes" | "w:no" | "w:yeah" | "w:correct" | "w:right" | "w:true"
                    // "How often…?" — "Sometimes." answers a wh-question in full.
                    | "qstart:how" | "qstart:what" | "qstart:when" | "qstart:where"
                    | "qstart:who" | "qstart:which" | "qstart:why"
                )
            });
        if bare_hedge && label9 != Label9::Partial {
            label9 = Label9::Partial;
            confidence = BARE_HEDGE_CONFIDENCE;
        }
        let k = CLASSES.iter().position(|c| *c == label9).unwrap_or(0);
        let mut reasons: Vec<Reason> = features
            .iter()
            .filter_map(|f| {
                let w = self.weights_of(&f.name)?;
                let mean = w.iter().sum::<f64>() / w.len().max(1) as f64;
                let push = (w.get(k)? - mean) * f.value;
                (push > 0.0).then(|| Reason {
                    rule: kind(&f.name).to_owned().into(),
                    evidence: f.evidence.clone(),
                    supports: label9,
                    weight: push as f32,
                })
            })
            .collect();
        reasons.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        reasons.truncate(EXPLAINED);
        let pressed = features
            .iter()
            .any(|f| f.name == "rule:examiner_pins_down" || f.name == "rule:question_repeated");
        if bare_hedge && let Some(f) = features.iter().find(|f| f.name == "rule:hedged_partial") {
            reasons.insert(
                0,
                Reason {
                    rule: "bare_hedge".into(),
                    evidence: format!("{} (a qualifier, with no yes or no)", f.evidence),
                    supports: Label9::Partial,
                    weight: f32::MAX,
                },
            );
            reasons.truncate(EXPLAINED);
        }
        Classification {
            label9,
            confidence,
            reasons,
            pressed,
        }
    }
}

/// The sub-class decided from the probabilities: the most likely clarity class first (so the
/// three-way verdict uses all its sub-classes' evidence), then its most likely sub-class.
pub fn decide(p: &[f64; 9]) -> Label9 {
    decide_with(p, &[0.0; 3])
}

/// [`decide`], with `offsets` (in `Label3::ALL` order) added to each clarity class's log
/// probability: where the line between the classes falls.
pub fn decide_with(p: &[f64; 9], offsets: &[f64; 3]) -> Label9 {
    let score = |l: Label3, offset: f64| class_probability(p, l).max(1e-12).ln() + offset;
    let best3 = Label3::ALL
        .iter()
        .zip(offsets)
        .max_by(|a, b| score(*a.0, *a.1).total_cmp(&score(*b.0, *b.1)))
        .map(|(l, _)| *l)
        .unwrap_or(Label3::ClearReply);
    CLASSES
        .iter()
        .zip(p)
        .filter(|(c, _)| c.label3() == best3)
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(c, _)| *c)
        .unwrap_or(Label9::Explicit)
}

/// The probability of clarity class `class`: its sub-classes' probabilities summed.
pub fn class_probability(p: &[f64; 9], class: Label3) -> f64 {
    CLASSES
        .iter()
        .zip(p)
        .filter(|(c, _)| c.label3() == class)
        .map(|(_, x)| x)
        .sum()
}

/// Softmax of `z / temperature`.
pub fn softmax(z: &[f64; 9], temperature: f64) -> [f64; 9] {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let max = z.iter().copied().fold(f64::MIN, f64::max);
    let mut p = [0.0; 9];
    let mut sum = 0.0;
    for (k, x) in z.iter().enumerate() {
        p[k] = ((x - max) / t).exp();
        sum += p[k];
    }
    for x in &mut p {
        *x /= sum;
    }
    p
}

/// The confidence shown for a bare qualifier read as partial by definition (see
/// [`Model::classify`]): a rule's, below certainty because a qualifier can also be a full
/// answer to a question put as a statement.
const BARE_HEDGE_CONFIDENCE: f32 = 0.8;

/// Classifies `answer` as a response to `question` with the shipped model; `follow_up` is the
/// examiner's next turn, which often says more about the answer than the answer does.
pub fn classify(question: &str, answer: &str, follow_up: Option<&str>) -> Classification {
    Model::shipped().classify(&features(question, answer, follow_up))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_qualifier_is_partial_by_definition() {
        for (q, a) in [
            ("Has xAI done that with OpenAI?", "Partly."),
            ("Did the change fix the problem?", "Somewhat."),
            ("Was the report accurate?", "Not entirely."),
            ("Do you support the bill?", "To some extent."),
        ] {
            let c = classify(q, a, None);
            assert_eq!(c.label9, Label9::Partial, "{a}");
            assert_eq!(c.reasons[0].rule, "bare_hedge", "{a}");
        }
        // A qualifier with a yes, or the full answer to "how often", is left to the model.
        for (q, a) in [
            ("Did you read it?", "A little bit. Yes."),
            ("How often do you go there?", "Sometimes."),
        ] {
            assert!(
                classify(q, a, None)
                    .reasons
                    .iter()
                    .all(|r| r.rule != "bare_hedge"),
                "{a}"
            );
        }
    }

    #[test]
    fn the_shipped_model_reads_and_covers_every_sub_class() {
        let m = Model::shipped();
        assert_eq!(m.bias.len(), 9);
        assert!(m.weights.values().all(|w| w.len() == 9));
        assert!(m.temperature > 0.0);
        assert!(m.weights.len() > 100, "{} features", m.weights.len());
    }

    #[test]
    fn a_suggestion_is_a_probability_and_names_what_pushed_it() {
        let c = classify(
            "Do you know what distillation is?",
            "I don't recall. I'd have to check.",
            None,
        );
        assert!((0.0..=1.0).contains(&c.confidence));
        assert!(!c.reasons.is_empty(), "{c:#?}");
        assert!(
            c.reasons
                .iter()
                .all(|r| r.supports == c.label9 && r.weight > 0.0)
        );
        let p = Model::shipped().probabilities(&features("Q?", "Yes.", None));
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_three_way_class_comes_first() {
        // Ambivalent sub-classes together outweigh a single clear reply.
        let mut p = [0.0; 9];
        p[0] = 0.4;
        p[1] = 0.25;
        p[2] = 0.2;
        p[3] = 0.15;
        assert_eq!(decide(&p).label3(), Label3::Ambivalent);
        assert_eq!(decide(&p), CLASSES[1]);
    }
}
