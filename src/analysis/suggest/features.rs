//! What the learned model reads of an answer: every rule that fired (with the words that fired
//! it), the answer's own words and word pairs, its opening, its length, how the question starts,
//! how much of the question the answer takes up, and whether the examiner followed up (what
//! the follow-up says counts through the rules: a pin, a repeated question; its other words
//! are mostly the next question's and said nothing in testing). Each feature is
//! present or not, and carries the words that make it present, so that an explanation can say
//! "+ words: 'standard practice'".

use super::classify::{hand_scores, rule_reasons};
use super::taxonomy::Label9;
use crate::text::words::{content, last_question, words};

/// A feature that is present in one answer, with the words that make it so.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// `rule:general_subject`, `w:practice`, `b:standard practice`, `len:1`…: the key the
    /// model's weights are stored under.
    pub name: String,
    /// The words or fact behind it, as shown to the user.
    pub evidence: String,
    /// How strongly it is present: 1 for words and rules; the hand-weighted rules' share
    /// for `hand:` features.
    pub value: f64,
}

/// Words of a long answer the model reads: its start and its end (where answers say yes or
/// no, or turn away), not the middle of a long speech.
const HEAD_WORDS: usize = 40;
const TAIL_WORDS: usize = 15;

/// Every feature present in this answer to this question, each once.
pub fn features(question: &str, answer: &str, follow_up: Option<&str>) -> Vec<Feature> {
    let mut out: Vec<Feature> = Vec::new();
    let reasons = rule_reasons(question, answer, follow_up);
    // The hand-weighted rules' verdict, as a share per sub-class: what the rules say together.
    let hand = hand_scores(&reasons);
    let max = hand.iter().copied().fold(f32::MIN, f32::max);
    let exp: Vec<f64> = hand
        .iter()
        .map(|s| f64::from((s - max) * 1.5).exp())
        .collect();
    let total: f64 = exp.iter().sum();
    for (k, e) in exp.iter().enumerate() {
        let share = e / total;
        if share >= 0.05 {
            let label = Label9::ALL[k];
            out.push(Feature {
                name: format!("hand:{}", label.name()),
                evidence: format!("the rules lean {} ({:.0}%)", label.tag(), share * 100.0),
                value: share,
            });
        }
    }
    let mut push = |name: String, evidence: String| {
        if !out.iter().any(|f| f.name == name) {
            out.push(Feature {
                name,
                evidence,
                value: 1.0,
            });
        }
    };
    for r in reasons {
        if r.rule != "default_reply" {
            push(format!("rule:{}", r.rule), r.evidence);
        }
    }
    let a = words(answer);
    let read: Vec<&String> = if a.len() > HEAD_WORDS + TAIL_WORDS {
        a[..HEAD_WORDS]
            .iter()
            .chain(&a[a.len() - TAIL_WORDS..])
            .collect()
    } else {
        a.iter().collect()
    };
    // Words that carry meaning on their own; "it" and "the" say nothing alone (they still
    // count in word pairs: "i don't", "not sure"). Negations, yes/no, "all", "know" and
    // "think" are kept: they are what evasion is made of.
    for w in read
        .iter()
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
    {
        push(format!("w:{w}"), (*w).clone());
    }
    for pair in read.windows(2) {
        let two = format!("{} {}", pair[0], pair[1]);
        push(format!("b:{two}"), two);
    }
    if let Some(first) = a.first() {
        push(format!("start:{first}"), first.clone());
    }
    let n = crate::text::words::word_count(answer);
    let bucket = match n {
        0 => "0",
        1 => "1",
        2..=3 => "2-3",
        4..=9 => "4-9",
        10..=29 => "10-29",
        _ => "30+",
    };
    push(format!("len:{bucket}"), format!("{n} words"));
    let q = last_question(question);
    if let Some(first) = words(q).first() {
        push(
            format!("qstart:{first}"),
            format!("the question starts \"{first}\""),
        );
    }
    let (qc, ac) = (content(q), content(answer));
    let shared: Vec<&String> = qc.intersection(&ac).collect();
    let share = if qc.is_empty() {
        0.0
    } else {
        shared.len() as f64 / qc.len() as f64
    };
    let overlap = if shared.is_empty() {
        "none"
    } else if share < 0.5 {
        "some"
    } else {
        "most"
    };
    let said = if shared.is_empty() {
        "no word of the question".to_owned()
    } else {
        let list: Vec<&str> = shared.iter().take(4).map(|s| s.as_str()).collect();
        format!("shares \"{}\"", list.join("\", \""))
    };
    push(format!("overlap:{overlap}"), said);
    if follow_up.is_none_or(|f| f.trim().is_empty()) {
        push("f:none".into(), "no follow-up".into());
    }
    out
}

/// Words that say nothing on their own: articles, prepositions, pronouns, forms of "be".
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
    "into", "that", "this", "these", "those", "it", "its", "it's", "is", "are", "was", "were",
    "be", "been", "being", "am", "i", "me", "my", "we", "our", "us", "you", "your", "he", "she",
    "him", "her", "his", "they", "them", "their", "there", "mr", "ms", "mrs", "dr", "sir",
];

/// What kind of evidence a feature is, as an explanation names it.
pub fn kind(name: &str) -> &str {
    match name.split_once(':') {
        Some(("rule", rule)) => rule,
        Some(("hand", _)) => "the rules together",
        Some(("w" | "b", _)) => "words",
        Some(("start", _)) => "opening words",
        Some(("len", _)) => "length",
        Some(("qstart", _)) => "question",
        Some(("overlap", _)) => "overlap with the question",
        Some(("f", _)) => "follow-up",
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_words_and_shape_are_features_with_their_evidence() {
        let f = features(
            "Has xAI done that with OpenAI?",
            "Generally all the AI companies do that.",
            Some("So that's a yes."),
        );
        let has = |n: &str| f.iter().find(|x| x.name == n);
        assert!(has("w:generally").is_some(), "{f:#?}");
        assert_eq!(
            has("b:ai companies").map(|x| x.evidence.as_str()),
            Some("ai companies")
        );
        assert!(has("start:generally").is_some());
        assert!(has("len:4-9").is_some());
        assert!(has("qstart:has").is_some());
        assert!(has("f:none").is_none());
        assert!(f.iter().any(|x| x.name.starts_with("rule:")), "{f:#?}");
        // Each feature once.
        let mut names: Vec<&str> = f.iter().map(|x| x.name.as_str()).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
        assert_eq!(kind("b:ai companies"), "words");
        assert_eq!(kind("rule:examiner_pins_down"), "examiner_pins_down");
    }
}
