//! How an examiner's question is built: leading, closed or open (the form of the last question
//! in the turn, the one the witness answers), whether the turn is compound, and lower-
//! confidence flags (a "why" on cross, argumentative, assuming facts). Every verdict comes with
//! the rule and the words that fired it, as the evasion suggestions do.
//!
//! The rules follow how trial-advocacy teaching defines the forms (Pozner & Dodd; Younger):
//! a leading question states its own answer and invites assent; a closed one asks yes/no or
//! either/or without suggesting the answer; an open one asks the witness for the facts.

use crate::text::words::{content, last_question, words};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// The three forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Leading,
    Closed,
    Open,
}

impl Form {
    pub const ALL: [Form; 3] = [Form::Leading, Form::Closed, Form::Open];

    pub fn name(self) -> &'static str {
        match self {
            Form::Leading => "leading",
            Form::Closed => "closed",
            Form::Open => "open",
        }
    }

    /// The default tag a suggestion of this form is accepted as (closed questions have none).
    pub fn tag(self) -> Option<&'static str> {
        match self {
            Form::Leading => Some("Leading question"),
            Form::Open => Some("Open question"),
            Form::Closed => None,
        }
    }

    pub fn parse(s: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.name() == s.trim())
    }
}

/// A flag raised with less confidence than the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// "Why…?" — on cross, the question that lets the witness explain.
    WhyQuestion,
    /// Argues with the witness rather than asking ("You expect this jury to believe…?").
    Argumentative,
    /// Takes as given what the witness has not said ("When did you stop…?").
    AssumesFacts,
}

impl Flag {
    pub fn name(self) -> &'static str {
        match self {
            Flag::WhyQuestion => "why_question",
            Flag::Argumentative => "argumentative",
            Flag::AssumesFacts => "assumes_facts",
        }
    }
}

/// One rule that fired, with the words behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    pub rule: &'static str,
    pub evidence: String,
}

/// The reading of one examiner turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionForm {
    pub form: Form,
    pub compound: bool,
    pub flags: Vec<Flag>,
    pub reasons: Vec<Why>,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

/// "…, right?", "…; correct?", "…, didn't you?", "…, isn't that true?".
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[,;:—–-]\s*(?:(?:is that|isn't that|that's|that is|was that|wasn't that)\s+)?(?:right|correct|true|fair|accurate|yes|no|okay|ok|agreed?|isn'?t (?:it|that|he|she|there)|wasn'?t (?:it|that|he|she|there)|aren'?t (?:you|they|there)|weren'?t (?:you|they)|didn'?t (?:you|he|she|it|they|we)|don'?t (?:you|they|we)|doesn'?t (?:it|he|she)|haven'?t (?:you|they)|hasn'?t (?:it|he|she)|won'?t (?:you|they)|wouldn'?t (?:you|it|they)|couldn'?t (?:you|they)|can'?t (?:you|they)|do you agree|would you agree|is that (?:so|fair|a fair statement|a fair characterization))\s*\??\s*$",
    )
});

/// "Isn't it true that…", "Is it fair to say…", "Wouldn't you agree…", "You would agree…".
static LEADING_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:and|so|but|now|well|okay|ok|then|mr\.? \w+|ms\.? \w+|sir),?\s+)*(?:isn'?t it (?:true|a fact|correct|the case|fair to say)|is it (?:not )?(?:true|fair to say|correct|accurate to say|a fact)|is it fair|wouldn'?t you agree|won'?t you agree|you(?:'d| would| will)? agree|you(?:'d| would)? (?:admit|concede)|don'?t you (?:think|agree|know)|didn'?t you|weren'?t you|wasn'?t (?:it|that|he|she|there)|aren'?t you|haven'?t you|hasn'?t (?:it|he|she)|isn'?t (?:it|that|this|he|she|there)|doesn'?t (?:it|that|he|she)|can'?t (?:you|we)|couldn'?t (?:you|it)|wouldn'?t (?:it|that|you)|shouldn'?t (?:you|it))\b",
    )
});

/// "So that's a yes.", "Yes or no?".
static PIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:so (?:that'?s|that is|it'?s|your answer is) a (?:yes|no)|i'?ll take that (?:as|to be) a? ?(?:yes|no))\b",
    )
});
static YES_OR_NO: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\byes,? or no\b"));

/// Asks the witness to supply the facts without a wh-word: "Describe…", "Tell us…".
static TELL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:and|so|now|okay|ok|then|please|mr\.? \w+|ms\.? \w+|sir),?\s+)*(?:describe|explain|tell (?:us|me|the (?:jury|court|committee))|walk (?:us|me) through|give (?:us|me) (?:an? )?(?:example|sense|idea|description)|elaborate|identify|list|name)\b",
    )
});
/// "Do you know what…?", "Can you tell us how…?", "Could you explain…?".
static INDIRECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:and|so|now|okay|ok|then|mr\.? \w+|ms\.? \w+|sir),?\s+)*(?:do|did|can|could|would|will)\s+you\s+(?:(?:please|just)\s+)?(?:(?:know|recall|remember|tell|explain|describe|say|understand|share)\b\s*(?:(?:to )?(?:me|us|the (?:jury|court|committee))\s+)?(?:what|who|whom|where|when|why|how|which|whose)\b|(?:explain|describe|elaborate|walk us through|tell (?:us|me) about)\b)",
    )
});

use crate::text::words::{AUXILIARIES, WH_WORDS as WH};

/// The auxiliaries a yes/no question starts with, and two the evasion rules do not use.
fn is_aux(w: &str) -> bool {
    AUXILIARIES.contains(&w) || matches!(w, "hadn't" | "cannot")
}

/// Words a question may start with before its verb: "And did you…", "So what…".
const LEAD: &[&str] = &[
    "and",
    "so",
    "but",
    "well",
    "now",
    "okay",
    "ok",
    "then",
    "also",
    "or",
    "sir",
    "mr",
    "ms",
    "mrs",
    "dr",
    "senator",
    "congressman",
    "congresswoman",
    "please",
    "just",
    "again",
    "all",
    "right",
    "alright",
];

static ARGUMENTATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:you (?:expect|want) (?:this|the) (?:jury|court|committee|us) to believe|how (?:can|could|dare) you|are you (?:seriously|really) (?:telling|saying|suggesting)|do you (?:seriously|really) (?:expect|believe|think)|is that your (?:best|testimony)|you'?re (?:telling|asking) (?:this|the) (?:jury|court|committee))\b",
    )
});
static ASSUMES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:when did you (?:stop|start|first|begin|decide)|why did you (?:lie|hide|cover|destroy|conceal)|after you (?:lied|hid|destroyed))\b",
    )
});

/// The reading of one examiner turn.
pub fn classify_question(turn: &str) -> QuestionForm {
    let mut reasons = Vec::new();
    let all = sentences(turn);
    let at = all
        .iter()
        .rposition(|s| s.ends_with('?') || s.ends_with('？'))
        .unwrap_or(all.len().saturating_sub(1));
    let q = all.get(at).copied().unwrap_or(turn);
    let (form, why) = match CONFIRM.find(q.trim()) {
        // "You were there. Is that right?": the statement before it is what is confirmed.
        Some(m) if at > 0 => (
            Form::Leading,
            why("confirms_a_statement", format!("\"{}\"", m.as_str())),
        ),
        _ => form_of(q),
    };
    reasons.push(why);
    let compound = compound(turn, &mut reasons);
    let mut flags = Vec::new();
    let first = first_word(q);
    if first.as_deref() == Some("why") {
        flags.push(Flag::WhyQuestion);
        reasons.push(Why {
            rule: "why_question",
            evidence: format!("\"{}\"", head(q, 6)),
        });
    }
    if let Some(m) = ARGUMENTATIVE.find(turn) {
        flags.push(Flag::Argumentative);
        reasons.push(Why {
            rule: "argumentative",
            evidence: format!("\"{}\"", m.as_str()),
        });
    }
    if let Some(m) = ASSUMES.find(turn) {
        flags.push(Flag::AssumesFacts);
        reasons.push(Why {
            rule: "assumes_facts",
            evidence: format!("\"{}\"", m.as_str()),
        });
    }
    QuestionForm {
        form,
        compound,
        flags,
        reasons,
    }
}

/// The first word after leading fillers ("And", "So", "Mr. Smith,").
fn first_word(q: &str) -> Option<String> {
    words(q)
        .into_iter()
        .find(|w| !LEAD.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
}

fn head(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

fn why(rule: &'static str, evidence: impl Into<String>) -> Why {
    Why {
        rule,
        evidence: evidence.into(),
    }
}

/// Fillers and a vocative before a question: "Okay. Now,", "Mr. Cohen,", "Senator,".
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?i:(?:and|so|but|well|now|okay|ok|then|also|all right|alright|i mean|sir|ma'am|please)\b[,.]?\s+)|(?i:(?:yes|no|good|thank you)[,.]\s+)|(?:(?:mr|ms|mrs|dr|senator|congressman|congresswoman|chairman|judge|professor|general|justice)\.?\s+[A-Z][\w'’-]*,\s+)|(?:[A-Z][\w'’-]*,\s+))+",
    )
});
/// "Is that right?", "Is that your recollection?" after a statement: a confirmation.
static CONFIRM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:and|so)\s+)?(?:is|isn't|was|wasn't) (?:that|it|this) (?:right|correct|true|accurate|fair|so|a fair (?:statement|characterization|summary)|your (?:recollection|understanding|testimony|position)|what you(?:'re| are) (?:saying|asking|telling)[^?]*)\s*\??$",
    )
});
/// "I would like to know why…", "I want to know everything…".
static WANT_TO_KNOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^i(?:'d| would| really)? (?:like|want|need) to (?:know|understand|hear|ask you) (?:why|what|how|who|when|where|which|everything|about|more)\b",
    )
});
/// A question inside a sentence that does not start as one: "…, but have you always worked
/// with Xerox?", "… or how often would you say…?".
static EMBEDDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:[,;:—–]|--|\b(?:but|or|and|so)\b)\s*(?:(?:but|or|and|so)\s+)?((?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|what|why|how|when|where|who|which)\s+(?:you|he|she|it|they|we|there|that|this|the|anyone|anybody|i|your|his|her|their|often|many|much|long)\b)",
    )
});
const PRONOUNS: &[&str] = &["i", "you", "he", "she", "we", "they", "it"];
const HOW_ASKS: &[&str] = &[
    "many", "much", "long", "often", "far", "come", "about", "old", "soon",
];

/// The form of one question sentence, and the rule that decided it.
fn form_of(q: &str) -> (Form, Why) {
    form_within(q, 0)
}

fn form_within(q: &str, depth: usize) -> (Form, Why) {
    let mut q = q.trim();
    if let Some(m) = PIN.find(q) {
        return (
            Form::Leading,
            why("pins_the_answer", format!("\"{}\"", m.as_str())),
        );
    }
    if let Some(m) = TAG.find(q) {
        let tag = m
            .as_str()
            .trim_start_matches([',', ';', ':', '—', '–', '-', ' ']);
        return (Form::Leading, why("tag_question", format!("\"{tag}\"")));
    }
    // A preamble ending in a colon: "My first question is: is the approach…?"
    if let Some((_, after)) = q.rsplit_once(':')
        && words(after).len() >= 2
    {
        q = after.trim();
    }
    if let Some(m) = OPENING.find(q) {
        q = q[m.end()..].trim_start();
    }
    if let Some(m) = LEADING_OPENER.find(q) {
        return (
            Form::Leading,
            why("states_its_answer", format!("\"{}\"", m.as_str())),
        );
    }
    if let Some(m) = INDIRECT
        .find(q)
        .or_else(|| TELL.find(q))
        .or_else(|| WANT_TO_KNOW.find(q))
    {
        return (
            Form::Open,
            why("asks_for_the_facts", format!("\"{}\"", m.as_str())),
        );
    }
    if let Some(m) = YES_OR_NO.find(q) {
        let rest = q[..m.start()].trim_end_matches([',', ' ', '-', '—']);
        let first = first_word(rest);
        if rest.is_empty() || first.as_deref().is_some_and(is_aux) {
            return (
                Form::Closed,
                why("yes_or_no", format!("\"{}\"", m.as_str())),
            );
        }
        return (
            Form::Leading,
            why(
                "statement_put_to_the_witness",
                format!("\"{}\"", head(q, 6)),
            ),
        );
    }
    let mut w = words(q);
    // A false start ("How -- how many…") counts once.
    w.dedup();
    let Some(first) = w
        .first()
        .map(|f| f.trim_end_matches("'s").trim_end_matches("’s").to_owned())
    else {
        return (Form::Closed, why("no_words", "nothing to read"));
    };
    let second = w.get(1).map(String::as_str).unwrap_or("");
    if WH.contains(&first.as_str()) {
        let asks = is_aux(second)
            || first == "why"
            || w[0] != first
            || (first == "how" && (HOW_ASKS.contains(&second) || second.is_empty()))
            || (matches!(first.as_str(), "who" | "what" | "which" | "whose")
                && !PRONOUNS.contains(&second))
            || second.is_empty();
        if asks {
            return (
                Form::Open,
                why("wh_question", format!("\"{}\"", head(q, 3))),
            );
        }
        // "When you first met him, he was…?", "What I said is correct?": a clause, then a
        // statement put to the witness.
        if depth == 0
            && let Some((_, main)) = q.split_once(',')
            && words(main).len() >= 2
        {
            return form_within(main, depth + 1);
        }
        return (
            Form::Leading,
            why(
                "statement_put_to_the_witness",
                format!("\"{}\"", head(q, 6)),
            ),
        );
    }
    if is_aux(&first) {
        return (
            Form::Closed,
            why("yes_no_question", format!("\"{}\"", head(q, 3))),
        );
    }
    // A question after a clause: "…, but have you always worked with Xerox?"
    if depth == 0
        && let Some(c) = EMBEDDED.captures_iter(q).last()
        && let Some(m) = c.get(1)
    {
        return form_within(&q[m.start()..], depth + 1);
    }
    // A statement put to the witness, with or without a question mark: "So you met him in
    // March?", "And that was in 2012."
    (
        Form::Leading,
        why(
            "statement_put_to_the_witness",
            format!("\"{}\"", head(q, 6)),
        ),
    )
}

/// Whether the turn asks two or more things one answer cannot cleanly cover.
fn compound(turn: &str, reasons: &mut Vec<Why>) -> bool {
    // Two question sentences that ask different things.
    let questions: Vec<&str> = sentences(turn)
        .into_iter()
        .filter(|s| s.ends_with('?') && words(s).len() >= 2 && asks(s))
        .collect();
    for pair in questions.windows(2) {
        let (a, b) = (content(pair[0]), content(pair[1]));
        let shared = a.intersection(&b).count();
        let smaller = a.len().min(b.len()).max(1);
        // Asking again in other words ("Did you report it? Did you report that user?") is one
        // question; asking about other things is two.
        if (shared as f64) / (smaller as f64) < 0.5 && !a.is_empty() && !b.is_empty() {
            reasons.push(why(
                "two_questions",
                format!("\"{}\" / \"{}\"", head(pair[0], 6), head(pair[1], 6)),
            ));
            return true;
        }
    }
    // One sentence joining two questions: "Did you read it and did you sign it?"
    if let Some(q) = questions.last().copied().or(Some(last_question(turn))) {
        static JOINED: LazyLock<Regex> = LazyLock::new(|| {
            re(
                r"(?i)\w[^.?!]*?\s(?:,\s*)?and\s+(?:(?:did|do|does|were|was|have|has|had|is|are|will|would|can|could)\s+(?:you|he|she|they|it|we)|(?:who|what|when|where|why|how)\s+(?:did|do|does|were|was|is|are|have|has|many|much))\b",
            )
        });
        if let Some(m) = JOINED.find(q) {
            reasons.push(why("joined_questions", format!("\"{}\"", m.as_str())));
            return true;
        }
    }
    false
}

/// Whether the text before a full stop ends in a title or an abbreviation ("Mr", "No", "U.S").
fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let bare = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    matches!(
        bare.to_lowercase().as_str(),
        "mr" | "ms"
            | "mrs"
            | "dr"
            | "st"
            | "jr"
            | "sr"
            | "no"
            | "nos"
            | "v"
            | "vs"
            | "u.s"
            | "e.g"
            | "i.e"
            | "inc"
            | "co"
            | "corp"
            | "sen"
            | "rep"
            | "gen"
            | "prof"
            | "hon"
    ) || (bare.len() == 1 && bare.chars().all(|c| c.is_ascii_uppercase()))
}

/// Whether a sentence is put as a question of its own (it starts with a verb or a wh-word),
/// not a fragment or a statement with a question mark.
fn asks(s: &str) -> bool {
    let s = OPENING.find(s).map_or(s, |m| &s[m.end()..]);
    words(s).first().is_some_and(|w| {
        let w = w.trim_end_matches("'s");
        is_aux(w) || WH.contains(&w)
    })
}

/// Sentences, split after `.`, `?` and `!` (keeping the mark).
fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '.' && is_abbreviation(&s[start..i]) {
            continue;
        }
        if matches!(c, '.' | '?' | '!' | '？') {
            let end = i + c.len_utf8();
            let piece = s[start..end].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = end;
        }
    }
    let rest = s[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(q: &str) -> Form {
        classify_question(q).form
    }

    #[test]
    fn each_form_on_real_questions() {
        // Leading: tags, openers, statements put to the witness, pins.
        for q in [
            "And you know that those are very well-known by the time you came to Amazon in 2011, right?",
            "It's true that Metaswitch required that David Smith enter into a non-compete agreement with Metaswitch, correct?",
            "He left Cisco in 2004; isn't that correct?",
            "Isn't it true that you were appointed the CEO of TikTok on the very next day?",
            "So that's a yes.",
            "You think he should be allowed to sue you?",
            "And that was in 2012.",
            "Wouldn't you agree that the internet is a dangerous place?",
        ] {
            assert_eq!(form(q), Form::Leading, "{q}");
        }
        for q in [
            "Has xAI done that with OpenAI?",
            "Do you recall approximately when you took the space in the 401 Building?",
            "Did you ever meet any of the plaintiffs?",
            "Was it red or blue?",
            "Do you support the EARN IT Act? Yes or no?",
        ] {
            assert_eq!(form(q), Form::Closed, "{q}");
        }
        for q in [
            "Do you know what distillation is?",
            "What did mobile telephones look like in 1996?",
            "How many years did you live in Beijing?",
            "Why did you quit?",
            "Can you tell us how you process it?",
            "Describe the meeting for the jury.",
            "Could you explain to us what you are doing?",
        ] {
            assert_eq!(form(q), Form::Open, "{q}");
        }
    }

    #[test]
    fn compound_turns_ask_two_things() {
        assert!(classify_question("Did you read it and did you sign it?").compound);
        assert!(
            classify_question(
                "Thirty-seven percent of teenage girls were exposed. Who did you fire? What did you change?"
            )
            .compound
        );
        assert!(!classify_question("Did you report it? Did you report that user?").compound);
        assert!(!classify_question("Thank you. Mr. Citron, do you agree with that?").compound);
        assert!(!classify_question("Was it red or blue?").compound);
    }

    #[test]
    fn flags_and_reasons_name_their_words() {
        let c = classify_question("Why did you quit?");
        assert_eq!(c.flags, [Flag::WhyQuestion]);
        let c = classify_question("You expect this jury to believe that you never saw it?");
        assert!(c.flags.contains(&Flag::Argumentative));
        let c = classify_question("He left in 2004, didn't he?");
        assert_eq!(c.reasons[0].rule, "tag_question");
        assert!(c.reasons[0].evidence.contains("didn't he"), "{c:?}");
    }
}
