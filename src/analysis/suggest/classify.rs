//! The rules themselves: each cue adds weight to one sub-class with a [`Reason`] naming the
//! rule and the words that fired it; the heaviest sub-class wins.

use super::cues::*;
use super::taxonomy::*;
use crate::text::words::{content, last_question, mostly_han};
use std::collections::HashSet;

/// Classifies `answer` as a response to `question` by the hand-weighted rules alone (each
/// rule's weight set by hand; the heaviest sub-class wins). The learned model
/// ([`super::classify`]) uses the same rules as features; this is its baseline.
pub fn classify_by_rules(question: &str, answer: &str, follow_up: Option<&str>) -> Classification {
    score_by_hand(rule_reasons(question, answer, follow_up))
}

/// Every rule that fires on this answer, with the words that fired it and the sub-class it
/// argues for (`follow_up` is the examiner's next turn, which often says more about the
/// answer than the answer does).
pub fn rule_reasons(question: &str, answer: &str, follow_up: Option<&str>) -> Vec<Reason> {
    let mut reasons: Vec<Reason> = Vec::new();
    let mut add = |rule: &'static str, supports: Label9, weight: f32, evidence: String| {
        reasons.push(Reason {
            rule: rule.into(),
            evidence,
            supports,
            weight,
        });
    };
    let shape = shape(question);
    let q_last = last_question(question);
    let answer_t = answer.trim();
    let n_words = crate::text::words::word_count(answer_t);
    let direct = direct_answer(question, answer_t);
    let (q_content, a_content) = (content(q_last), content(answer_t));
    // Chinese has no spaces, so its "words" are whole clauses and their overlap says nothing:
    // the rules that read overlap stay silent on it.
    let unsegmented = mostly_han(q_last) || mostly_han(answer_t);
    let shared: Vec<&String> = q_content.intersection(&a_content).collect();
    let overlap = if q_content.is_empty() {
        0.0
    } else {
        shared.len() as f32 / q_content.len() as f32
    };

    add(
        "default_reply",
        Label9::Explicit,
        0.8,
        "no sign of evasion by default".into(),
    );

    // Phrase rules.
    let mut fired: HashSet<Label9> = HashSet::new();
    for p in PHRASES.iter() {
        let hits: Vec<&str> = p.re.find_iter(answer_t).map(|m| m.as_str()).collect();
        if let Some(first) = hits.first() {
            let w = (p.weight + 0.5 * (hits.len() as f32 - 1.0)).min(p.weight + 1.0);
            let evidence = if hits.len() > 1 {
                hits.iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                format!("\"{first}\"")
            };
            add(p.name, p.label, w, evidence);
            fired.insert(p.label);
            if p.name == "normalising" {
                add("normalising", Label9::General, 0.8, format!("\"{first}\""));
            }
        }
    }
    // "We'll follow up" is a claim not to know when facts are asked for, and a refusal to
    // commit when a commitment is asked for.
    if COMMITMENT.is_match(q_last)
        && let Some(m) = PROMISE.find(answer_t)
    {
        add(
            "promise_instead_of_commitment",
            Label9::Declining,
            3.5,
            format!("asked to commit, answered \"{}\"", m.as_str()),
        );
        fired.insert(Label9::Declining);
    }
    // "Do you recall...?" — "I do not.": the witness says what he does not know.
    if KNOWLEDGE_QUESTION.is_match(q_last)
        && let Some(m) = NEGATIVE_START.find(answer_t)
        && !fired.contains(&Label9::ClaimsIgnorance)
    {
        add(
            "knowledge_question_answered_no",
            Label9::ClaimsIgnorance,
            3.0,
            format!(
                "asked what the witness knows, answered \"{}\"",
                m.as_str().trim()
            ),
        );
        fired.insert(Label9::ClaimsIgnorance);
    }
    let non_reply_phrase = fired.contains(&Label9::ClaimsIgnorance)
        || fired.contains(&Label9::Declining)
        || fired.contains(&Label9::Clarification);

    // The answer asks back.
    if answer_t.ends_with('?') && n_words <= 20 {
        add(
            "answer_is_a_question",
            Label9::Clarification,
            2.0,
            format!("\"{}\"", last_question(answer_t)),
        );
    }

    let asks_yes_no = matches!(shape, Shape::YesNo | Shape::Pin);
    match (asks_yes_no, &direct) {
        (true, Some(d)) if !non_reply_phrase => {
            add(
                "yes_no_answered_directly",
                Label9::Explicit,
                3.0,
                format!("\"{d}\""),
            );
        }
        (true, None) if !non_reply_phrase => {
            add(
                "yes_no_question_without_yes_or_no",
                Label9::Implicit,
                0.6,
                format!("\"{q_last}\" answered without yes or no"),
            );
            if n_words <= 3 && !answer_t.ends_with('?') {
                add(
                    "short_non_answer",
                    Label9::Partial,
                    1.0,
                    format!(
                        "\"{answer_t}\" ({n_words} word{})",
                        if n_words == 1 { "" } else { "s" }
                    ),
                );
            }
            if overlap >= 0.5 && fired.is_empty() {
                add(
                    "restates_the_question",
                    Label9::Implicit,
                    1.2,
                    format!("shares {}", quote_list(&shared)),
                );
            }
            if n_words >= 15 && !shared.is_empty() && overlap < 0.5 {
                add(
                    "long_answer_without_yes_or_no",
                    Label9::Deflection,
                    1.2,
                    format!(
                        "{n_words} words near the topic ({}), no yes or no",
                        quote_list(&shared)
                    ),
                );
            }
            // The question names someone specific; the answer talks about everyone else.
            let named = named_subjects(question);
            let a_words = content(answer_t);
            let dropped: Vec<&String> = named.iter().filter(|n| !a_words.contains(*n)).collect();
            if !unsegmented
                && !named.is_empty()
                && dropped.len() == named.len()
                && fired.contains(&Label9::General)
            {
                add(
                    "specific_subject_dropped",
                    Label9::General,
                    1.0,
                    format!(
                        "asked about {}, answered about others",
                        quote_list(&dropped)
                    ),
                );
            }
            // A key verb of the question is swapped for another ("develop" → "validate").
            let qv = verbs(q_last);
            let av = verbs(answer_t);
            let q_missing: Vec<&(String, String)> = qv
                .iter()
                .filter(|(s, _)| !av.iter().any(|(a, _)| a == s))
                .collect();
            let a_new: Vec<&(String, String)> = av
                .iter()
                .filter(|(s, _)| !qv.iter().any(|(q, _)| q == s))
                .collect();
            if let (Some(qm), Some(an)) = (q_missing.last(), a_new.last())
                && !shared.is_empty()
            {
                add(
                    "key_verb_swapped",
                    Label9::Deflection,
                    3.0,
                    format!("asked \"{}\", answered \"{}\"", qm.1, an.1),
                );
            }
        }
        _ => {}
    }
    if matches!(shape, Shape::Wh | Shape::Statement) && !non_reply_phrase {
        add(
            "informative_reply",
            Label9::Explicit,
            if shape == Shape::Wh { 1.0 } else { 0.6 },
            format!(
                "answers a {} with a statement",
                if shape == Shape::Wh {
                    "wh-question"
                } else {
                    "statement"
                }
            ),
        );
    }
    if shape != Shape::Statement
        && !non_reply_phrase
        && direct.is_none()
        && shared.is_empty()
        && n_words >= 6
        && !unsegmented
    {
        add(
            "off_topic",
            Label9::Dodging,
            if asks_yes_no { 2.0 } else { 1.2 },
            format!("no content word of \"{q_last}\" in the answer"),
        );
    }
    if (answer_t.ends_with("--") || answer_t.ends_with("—") || answer_t.ends_with("-"))
        && direct.is_none()
        && asks_yes_no
    {
        add(
            "cut_off_before_answering",
            Label9::Dodging,
            1.0,
            format!("\"{}\"", tail(answer_t, 40)),
        );
    }

    // The examiner's follow-up: pinning the witness down, or asking again.
    if let Some(f) = follow_up.map(str::trim).filter(|f| !f.is_empty()) {
        let pinned = PIN
            .find(f)
            .or_else(|| COMPLAINT.find(f))
            .map(|m| m.as_str().to_owned());
        let again = {
            let fc = content(last_question(f));
            !q_content.is_empty()
                && fc.intersection(&q_content).count() as f32 / q_content.len() as f32 >= 0.6
                && last_question(f).ends_with('?')
        };
        if pinned.is_some() || again {
            let why = match &pinned {
                Some(p) => format!("follow-up: \"{p}\""),
                None => format!("follow-up asks again: \"{}\"", last_question(f)),
            };
            let rule = if pinned.is_some() {
                "examiner_pins_down"
            } else {
                "question_repeated"
            };
            add(rule, Label9::Dodging, 1.2, why.clone());
            for l in [
                Label9::Implicit,
                Label9::General,
                Label9::Deflection,
                Label9::Partial,
            ] {
                add(rule, l, 1.0, why.clone());
            }
            add(rule, Label9::Explicit, -1.5, why);
        }
    }

    // Score and decide.
    reasons
}

/// The rules' hand-set weights summed per sub-class (in `Label9::ALL` order).
pub fn hand_scores(reasons: &[Reason]) -> [f32; 9] {
    let mut scores = [0.0f32; 9];
    for r in reasons {
        scores[r.supports as usize] += r.weight;
    }
    scores
}

/// The hand-set scoring: weights summed per sub-class, the heaviest wins.
fn score_by_hand(reasons: Vec<Reason>) -> Classification {
    let scores = hand_scores(&reasons);
    let (best, _) =
        scores.iter().enumerate().fold(
            (0, f32::MIN),
            |(bi, bs), (i, &s)| if s > bs { (i, s) } else { (bi, bs) },
        );
    let label9 = Label9::ALL[best];
    // Softmax with a temperature: weights of about 3 (one strong rule) give a clear lead.
    const SHARPNESS: f32 = 1.5;
    let z: f32 = scores.iter().map(|s| (s * SHARPNESS).exp()).sum();
    let confidence = ((scores[best] * SHARPNESS).exp() / z).clamp(0.0, 1.0);
    // Reasons for the verdict first, strongest first; weaker counter-signals after.
    let mut reasons: Vec<Reason> = reasons
        .into_iter()
        .filter(|r| r.weight > 0.0 && (r.rule != "default_reply" || label9 == Label9::Explicit))
        .collect();
    reasons.sort_by(|a, b| {
        (b.supports == label9)
            .cmp(&(a.supports == label9))
            .then(b.weight.total_cmp(&a.weight))
    });
    reasons.dedup_by(|a, b| a.rule == b.rule && a.supports != label9 && b.supports != label9);
    let pressed = reasons
        .iter()
        .any(|r| r.rule == "examiner_pins_down" || r.rule == "question_repeated");
    Classification {
        label9,
        confidence,
        reasons,
        pressed,
    }
}

fn quote_list(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(q: &str, a: &str, f: Option<&str>) -> Label9 {
        classify_by_rules(q, a, f).label9
    }

    #[test]
    fn seed_exchange_by_general_rules() {
        let c = classify_by_rules(
            "Do you know what distillation is?",
            "It means to use one AI model to train another AI model.",
            Some("Has xAI done that with OpenAI?"),
        );
        assert_eq!(c.label9, Label9::Explicit, "{c:#?}");
        let c = classify_by_rules(
            "Has xAI done that with OpenAI?",
            "Generally all the AI companies [do that].",
            Some("So that's a yes."),
        );
        assert_eq!(c.label9, Label9::General, "{c:#?}");
        assert!(c.reasons.iter().any(|r| r.evidence.contains("Generally")));
        let c = classify_by_rules("So that's a yes.", "Partly.", None);
        assert_eq!(c.label9, Label9::Partial, "{c:#?}");
        let c = classify_by_rules(
            "Has OpenAI technology been used in any way to develop xAI?",
            "It is standard practice to use other AIs to validate your AI.",
            None,
        );
        assert_eq!(c.label9, Label9::Deflection, "{c:#?}");
        assert!(
            c.reasons
                .iter()
                .any(|r| r.evidence.contains("develop") && r.evidence.contains("validate"))
        );
    }

    #[test]
    fn non_replies() {
        assert_eq!(
            label("Did you read the report?", "I don't recall.", None),
            Label9::ClaimsIgnorance
        );
        assert_eq!(
            label(
                "Will you support the bill?",
                "Senator, we're not prepared to support it today.",
                None
            ),
            Label9::Declining
        );
        assert_eq!(
            label(
                "Did you intend to suggest that?",
                "Could you repeat your question?",
                None
            ),
            Label9::Clarification
        );
    }

    #[test]
    fn a_no_to_what_the_witness_knows_is_a_claim_not_to_know() {
        let reasons = rule_reasons("Do you recall when you took the space?", "I do not.", None);
        assert!(
            reasons
                .iter()
                .any(|r| r.rule == "knowledge_question_answered_no"
                    && r.evidence.contains("I do not")),
            "{reasons:#?}"
        );
        // The same words deny a fact when the question asks for one.
        let reasons = rule_reasons("Did you take the space?", "I do not.", None);
        assert!(
            reasons
                .iter()
                .all(|r| r.rule != "knowledge_question_answered_no")
        );
        for (q, a, rule) in [
            (
                "He left Cisco in 2004; isn't that correct?",
                "I wouldn't know.",
                "claims_ignorance_phrase",
            ),
            (
                "Did you ever meet them?",
                "I do not have a specific recollection of that.",
                "claims_ignorance_phrase",
            ),
            (
                "Are you being sued?",
                "Senator, I cannot talk about that.",
                "declining_phrase",
            ),
            (
                "Does the name ring a bell?",
                "You may have to give me more details.",
                "asks_for_clarification",
            ),
        ] {
            let reasons = rule_reasons(q, a, None);
            assert!(reasons.iter().any(|r| r.rule == rule), "{a}: {reasons:#?}");
        }
    }

    #[test]
    fn direct_answers_are_explicit() {
        assert_eq!(label("Did you sign it?", "Yes.", None), Label9::Explicit);
        assert_eq!(
            label("Were you there?", "No, I was in Boston.", None),
            Label9::Explicit
        );
        assert_eq!(
            label(
                "What is Guo Media?",
                "It was a media channel for the movement.",
                None
            ),
            Label9::Explicit
        );
    }

    #[test]
    fn off_topic_answer_to_yes_no_question_is_dodging() {
        assert_eq!(
            label(
                "Do you support the SHIELD Act?",
                "We believe that the CyberTipline and NCMEC----",
                Some("Do you support it? Yes, or no?")
            ),
            Label9::Dodging
        );
    }

    #[test]
    fn every_reason_names_a_rule_and_evidence() {
        let c = classify_by_rules(
            "Has xAI done that with OpenAI?",
            "Generally all the AI companies [do that].",
            None,
        );
        assert!(!c.reasons.is_empty());
        for r in &c.reasons {
            assert!(!r.rule.is_empty() && !r.evidence.is_empty());
        }
        assert!(c.confidence > 0.3 && c.confidence <= 1.0);
    }
}
