//! Evasion suggestions: every answer classified into the answer-clarity taxonomy (3 classes,
//! 9 sub-classes) by transparent rules, each of which says which words made it fire.
//!
//! The rules read the question's shape (yes/no, wh-, a "so that's a yes" pin), the answer's
//! opening words, phrase lists (claims of ignorance, refusals, requests for clarification,
//! hedges, generalisations, pivots), lexical overlap with the question (topic shift, a key
//! verb swapped for another), the examiner's follow-up, and length. Each rule adds weight to
//! one sub-class; the heaviest wins, and its share of the weight is the confidence. Nothing
//! matches particular sentences: the seed exchange is reached by these general rules.

use crate::text::words::{content, last_question, words};
use crate::transcript::{Role, Transcript, TurnKind};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

/// The three classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label3 {
    ClearReply,
    Ambivalent,
    ClearNonReply,
}

impl Label3 {
    pub const ALL: [Label3; 3] = [
        Label3::ClearReply,
        Label3::Ambivalent,
        Label3::ClearNonReply,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Label3::ClearReply => "clear_reply",
            Label3::Ambivalent => "ambivalent",
            Label3::ClearNonReply => "clear_non_reply",
        }
    }
}

/// The nine sub-classes; each is a tag of the default tag set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label9 {
    Explicit,
    Implicit,
    Dodging,
    General,
    Deflection,
    Partial,
    Declining,
    ClaimsIgnorance,
    Clarification,
}

impl Label9 {
    pub const ALL: [Label9; 9] = [
        Label9::Explicit,
        Label9::Implicit,
        Label9::Dodging,
        Label9::General,
        Label9::Deflection,
        Label9::Partial,
        Label9::Declining,
        Label9::ClaimsIgnorance,
        Label9::Clarification,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Label9::Explicit => "explicit",
            Label9::Implicit => "implicit",
            Label9::Dodging => "dodging",
            Label9::General => "general",
            Label9::Deflection => "deflection",
            Label9::Partial => "partial",
            Label9::Declining => "declining",
            Label9::ClaimsIgnorance => "claims_ignorance",
            Label9::Clarification => "clarification",
        }
    }

    pub fn parse(s: &str) -> Option<Label9> {
        Label9::ALL.into_iter().find(|l| l.name() == s.trim())
    }

    /// The tag of the default tag set this sub-class corresponds to.
    pub fn tag(self) -> &'static str {
        match self {
            Label9::Explicit => "Explicit",
            Label9::Implicit => "Implicit",
            Label9::Dodging => "Dodging",
            Label9::General => "General",
            Label9::Deflection => "Deflection",
            Label9::Partial => "Partial",
            Label9::Declining => "Declining",
            Label9::ClaimsIgnorance => "Claims ignorance",
            Label9::Clarification => "Clarification",
        }
    }

    pub fn label3(self) -> Label3 {
        match self {
            Label9::Explicit => Label3::ClearReply,
            Label9::Implicit
            | Label9::Dodging
            | Label9::General
            | Label9::Deflection
            | Label9::Partial => Label3::Ambivalent,
            Label9::Declining | Label9::ClaimsIgnorance | Label9::Clarification => {
                Label3::ClearNonReply
            }
        }
    }
}

/// One rule that fired, and the words that made it fire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule's name: a fixed string, not an allocation per answer (a trial has tens of
    /// thousands of answers, each with several reasons).
    pub rule: std::borrow::Cow<'static, str>,
    pub evidence: String,
    /// The sub-class the rule argues for, and how strongly.
    pub supports: Label9,
    pub weight: f32,
}

/// The verdict on one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub label9: Label9,
    /// The winner's share of the evidence (softmax over the sub-classes' weights).
    pub confidence: f32,
    /// Every rule that fired; those supporting the verdict first.
    pub reasons: Vec<Reason>,
}

impl Classification {
    pub fn label3(&self) -> Label3 {
        self.label9.label3()
    }
}

/// A classification placed in a transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The answer turn (0-based).
    pub turn: usize,
    /// The question it answers (0-based).
    pub question_turn: usize,
    pub classification: Classification,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

/// How a question asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Expects yes or no ("Has xAI done that?", "..., right?").
    YesNo,
    /// "So that's a yes.", "Yes or no?": the examiner pins the witness to yes or no.
    Pin,
    /// Asks for information ("What is...?", "Do you know what...?").
    Wh,
    /// No question mark: a statement the witness responds to.
    Statement,
}

const AUX: &[&str] = &[
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "can",
    "could",
    "will",
    "would",
    "should",
    "shall",
    "may",
    "might",
    "must",
    "am",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "don't",
    "doesn't",
    "didn't",
    "haven't",
    "hasn't",
    "won't",
    "wouldn't",
    "can't",
    "couldn't",
    "shouldn't",
];
const WH: &[&str] = &[
    "what", "why", "how", "when", "where", "who", "whom", "which", "whose",
];
const LEAD: &[&str] = &[
    "and", "so", "but", "well", "now", "okay", "ok", "then", "also", "or",
];

static PIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(yes or no|is that a (yes|no)|that'?s a (yes|no)|so (that'?s|that is|it'?s|your answer is) a (yes|no)|i'?ll take that (as|to be) a? ?(yes|no)|answer the question)\b",
    )
});
static INDIRECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(do|did|can|could|would|will)\s+you\s+(know|recall|remember|tell|explain|describe|say|understand)\b\s*(me|us)?\s*(what|who|where|when|why|how|which)\b",
    )
});
static TAG_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i),\s*(right|correct|true|yes|no|isn'?t (it|that)|didn'?t (you|he|she|it|they)|don'?t (you|they)|wasn'?t (it|that)|aren'?t (you|they)|is that (right|correct|true))\s*\?$",
    )
});

fn shape(question: &str) -> Shape {
    let q = last_question(question);
    if PIN.is_match(q) {
        return Shape::Pin;
    }
    if !q.ends_with('?') {
        return Shape::Statement;
    }
    if TAG_QUESTION.is_match(q) {
        return Shape::YesNo;
    }
    let w = words(q);
    let first = w.iter().find(|x| !LEAD.contains(&x.as_str()));
    let Some(first) = first else {
        return Shape::Statement;
    };
    let trimmed = q.trim_start_matches(|c: char| !c.is_alphanumeric());
    let trimmed = LEAD.iter().fold(trimmed, |s, lead| {
        s.strip_prefix(&format!("{lead} "))
            .or_else(|| s.strip_prefix(&format!("{}{} ", &lead[..1].to_uppercase(), &lead[1..])))
            .unwrap_or(s)
    });
    if INDIRECT.is_match(trimmed) || WH.contains(&first.as_str()) {
        Shape::Wh
    } else if AUX.contains(&first.as_str()) {
        Shape::YesNo
    } else {
        // A declarative sentence with a question mark ("You think he should be allowed?").
        Shape::YesNo
    }
}

/// Vocatives and fillers an answer may open with before it says yes or no.
const OPENER: &str = r"(?i)^(?:(?:well|so|um|uh|sir|ma'?am|senator|congress(?:man|woman)|chairman|chair|ranking member|your honor|mr\.? \w+|ms\.? \w+|i mean|look|oh)[,.]?\s+)*";

/// Yes/no words at the start of an answer.
static DIRECT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OPENER}(yes|yeah|yep|yup|no|nope|nah|correct|incorrect|that'?s (?:right|correct|true|not (?:right|correct|true))|that is (?:right|correct|true)|right|true|false|absolutely(?: not)?|certainly(?: not)?|definitely(?: not)?|of course(?: not)?|sure|exactly|never|not at all|(?:i|we) (?:believe|think) (?:so|not)|i don'?t (?:believe|think) so)\b"
    ))
});
/// An answer that echoes the question's auxiliary: "Did you...?" "I did not."
static DIRECT_ECHO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OPENER}(?:i|we|it|he|she|they|that)\s+(do|does|did|is|are|was|were|have|has|had|can|could|will|would|am|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|haven'?t|hasn'?t|can'?t|won'?t|wouldn'?t|couldn'?t)\b"
    ))
});

/// The auxiliary's base: "didn't" → "do", "was" → "be", "won't" → "will".
fn aux_base(w: &str) -> String {
    let w = w.to_lowercase().replace('’', "'");
    let w = w.trim_end_matches("n't").trim_end_matches('\'');
    let w = match w {
        "wo" => "will",
        "ca" => "can",
        other => other,
    };
    match w {
        "am" | "is" | "are" | "was" | "were" => "be".into(),
        "do" | "does" | "did" | "don" | "doesn" | "didn" => "do".into(),
        "have" | "has" | "had" | "haven" | "hasn" | "hadn" => "have".into(),
        "isn" | "aren" | "wasn" | "weren" => "be".into(),
        "wouldn" => "would".into(),
        "couldn" => "could".into(),
        other => other.into(),
    }
}

/// A flat denial at the start: "We have not...", "I never...", "We do not...".
static DENIAL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OPENER}(?:i|we|it|he|she|they)\s+(?:have|has|had|did|do|does|was|were|am|are|is|would|will)?\s*(?:not|never|n'?t)\b"
    ))
});
/// A sentence that is only "Yes." / "No." / "Correct." anywhere in the answer.
static BARE_YES_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[.!?]\s+)(yes|no|correct|that'?s correct|that'?s right)(?:,? (?:senator|sir|ma'?am))?[.!]",
    )
});

/// The direct yes/no in `answer`, if any, given the question: at the start, as a sentence
/// of its own, or a flat denial.
fn direct_answer(question: &str, answer: &str) -> Option<String> {
    if let Some(m) = DIRECT_WORD.find(answer) {
        return Some(m.as_str().to_owned());
    }
    if let Some(m) = BARE_YES_NO.captures(answer).and_then(|c| c.get(1)) {
        return Some(m.as_str().to_owned());
    }
    if let Some(m) = DENIAL.find(answer) {
        return Some(m.as_str().to_owned());
    }
    let c = DIRECT_ECHO.captures(answer)?;
    let q_aux = words(last_question(question))
        .into_iter()
        .find(|w| !LEAD.contains(&w.as_str()))?;
    (AUX.contains(&q_aux.as_str()) && aux_base(&q_aux) == aux_base(&c[1]))
        .then(|| c.get(0).map_or(String::new(), |m| m.as_str().to_owned()))
}

struct PhraseRule {
    name: &'static str,
    label: Label9,
    weight: f32,
    re: Regex,
}

static PHRASES: LazyLock<Vec<PhraseRule>> = LazyLock::new(|| {
    let rule = |name, label, weight, pattern: &str| PhraseRule {
        name,
        label,
        weight,
        re: re(&format!(r"(?i)\b(?:{pattern})")),
    };
    vec![
        rule(
            "claims_ignorance_phrase",
            Label9::ClaimsIgnorance,
            3.0,
            r"i (?:do not|don'?t|did not|didn'?t) (?:know|recall|remember|have (?:that|the|those|any) (?:information|number|numbers|details|data|figure)|have knowledge)|(?:i'?m|i am) not (?:sure|aware|familiar|certain)|not that i(?:'?m| am)? (?:aware|recall|know|remember)|i (?:can'?t|cannot|could not|couldn'?t) (?:recall|remember|say for sure)|i have no (?:idea|recollection|knowledge|memory)|no recollection|i(?:'?d| would) (?:have|need) to (?:check|look|go back|review|confirm)|(?:get|come) back to you|(?:have|get) (?:my|our) team (?:to )?follow up|follow up (?:with you|on that)|i'?m not the right person|i (?:haven'?t|have not|never) seen (?:any|the|that|those)|i don'?t have (?:an? )?(?:answer|visibility)|(?:cannot|can'?t|could not|couldn'?t|am not able to|'m not able to) (?:verify|confirm|speak to the (?:specifics|details|numbers))",
        ),
        rule(
            "declining_phrase",
            Label9::Declining,
            3.0,
            r"(?:i'?m|i am|we'?re|we are) not (?:going to|prepared to|able to (?:comment|discuss|share|disclose|get into)|ready to|in a position to)|i (?:won'?t|will not|refuse to|decline to|can'?t (?:comment|speak to|discuss|get into|go into|share)|cannot (?:comment|discuss|share))|(?:decline|declining) to (?:answer|comment)|on (?:the )?advice of counsel|fifth amendment|(?:that'?s|it'?s|that is) privileged|we (?:don'?t|do not) (?:disclose|share|comment)|not (?:going|able) to (?:answer|comment|speculate)|i(?:'?d| would) rather not|no comment|won'?t speculate|not going to speculate|(?:we|i) (?:very much )?look forward to (?:having |continuing |continue |further )?(?:conversations?|discussions?|discussing|working with|talking)|(?:we'?re|we are|i'?m|i am) open to (?:discussing|conversations?|talking)",
        ),
        rule(
            "asks_for_clarification",
            Label9::Clarification,
            3.0,
            r"what do you mean|could you (?:repeat|rephrase|clarify)|can you (?:repeat|rephrase|clarify)|would you (?:repeat|rephrase)|repeat (?:the|your) question|(?:i'?m|i am) not sure (?:what you mean|i understand)|i don'?t understand (?:the|your) question|what (?:are you|is it) (?:referring|asking)|are you asking (?:me )?(?:about|whether|if)|do you mean|say that again|which (?:one|document|page|exhibit) (?:are you|do you)|(?:i'?m )?sorry\?$|pardon\?",
        ),
        rule(
            "hedged_partial",
            Label9::Partial,
            2.5,
            r"partly|partially|in part\b|to some (?:extent|degree)|to a (?:certain )?(?:extent|degree)|some of (?:it|them|the)|somewhat|in some (?:cases|ways|respects|sense)|sometimes|not (?:entirely|exactly|completely|fully|necessarily|always)|kind of|sort of|more or less|a little bit|in a way|not all\b|up to a point|largely|mostly|for the most part|in principle|parts of (?:the|it|this)|with some (?:changes|modifications|exceptions)|(?:some|a few) (?:suggestions|changes|reservations)|(?:the )?(?:basic )?spirit of|over the long[- ]term|in the (?:near|short|long)[- ]term",
        ),
        rule(
            "generalising_subject",
            Label9::General,
            1.5,
            r"generally|in general|typically|usually|everyone|everybody|every (?:company|firm|platform|one of)|all (?:the |of the )?(?:\w+ )?(?:companies|firms|platforms|people|players|businesses|labs|banks)|most (?:\w+ )?(?:companies|people|firms|platforms)|the (?:whole )?industry|across the industry|many (?:companies|people)|broadly|we all\b|not the only (?:company|one|platform)|(?:these|those) are nuanced|(?:anything|anyone|everything) (?:that|who) (?:we|is|are)",
        ),
        rule(
            "normalising",
            Label9::Deflection,
            1.0,
            r"standard practice|common practice|normal practice|industry (?:standard|practice)|it'?s (?:common|normal|standard)|it is (?:common|normal|standard)|that'?s how (?:it|things) (?:works?|is done)",
        ),
        rule(
            "blame_or_praise",
            Label9::Deflection,
            2.0,
            r"we take (?:this|it|that|these|the|safety|privacy|security|\w+) (?:issue |issues )?(?:very )?seriously|(?:we|i) (?:very much |really |strongly )?(?:believe|think) (?:that )?(?:it'?s|it is|this is) (?:very |really |incredibly )?important|(?:a |our )?strong commitment|we (?:already )?(?:work|worked) (?:extensively|hard|closely)|we(?:'ve| have) (?:spent|dedicated)|we(?:'ve| have) (?:invested|built|made (?:significant|real|a lot of) (?:progress|investments?))|we(?:'re| are) (?:committed|proud|working hard|investing)|our (?:goal|mission|priority|commitment) is|i(?:'m| am) proud|(?:it was|that was|that'?s) (?:their|his|her|the government'?s) (?:fault|decision|responsibility)|the (?:real )?(?:problem|issue|question) (?:here )?is",
        ),
        rule(
            "pivot_phrase",
            Label9::Dodging,
            1.5,
            r"what i can (?:tell|say)|let me (?:just )?(?:say|tell you|be clear|put it)|the (?:important|bigger|key) (?:thing|point|question) is|i(?:'d| would) (?:just )?(?:like to )?(?:say|point out|note)|i think what'?s important|what'?s important (?:here )?is|i want to (?:emphasize|be clear|say)",
        ),
    ]
});

/// An examiner's complaint that the last answer did not answer.
static COMPLAINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:my question (?:is|was)|that'?s not (?:my question|what i asked)|you (?:didn'?t|did not|haven'?t|have not) answer(?:ed)?|(?:sounds|that'?s|is) (?:very |pretty |a little )?vague|i'?m asking (?:about|you)|let me ask (?:it|that|you) again|i'?ll ask (?:it|that) again|move to strike|non-?responsive|answer my question)\b",
    )
});

/// Questions that ask the witness to commit or take a position.
static COMMITMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:commit|support|pledge|promise|agree to|will you|would you)\b"));
/// Promises to come back later.
static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:follow up|get back to you|come back to you|look into (?:it|that))\b")
});

/// Content words (stems) of the question that name something specific: proper names and
/// other capitalised words inside the sentence ("xAI", "OpenAI", "Instagram").
fn named_subjects(question: &str) -> BTreeSet<String> {
    let q = last_question(question);
    let mut out = BTreeSet::new();
    for (k, raw) in q.split_whitespace().enumerate() {
        let w: String = raw.chars().filter(|c| c.is_alphanumeric()).collect();
        if w.is_empty() {
            continue;
        }
        let has_upper_inside = w.chars().skip(1).any(char::is_uppercase);
        let capital_not_first = k > 0 && w.chars().next().is_some_and(char::is_uppercase);
        let lower = w.to_lowercase();
        if (has_upper_inside || capital_not_first)
            && !["i", "mr", "ms", "mrs", "dr", "senator", "sir"].contains(&lower.as_str())
        {
            out.insert(crate::text::words::stem(&lower));
        }
    }
    out
}

/// Common verbs, so the "key verb swapped" rule can tell verbs from nouns without a tagger.
const VERBS: &[&str] = &[
    "use",
    "develop",
    "build",
    "train",
    "validate",
    "test",
    "sell",
    "buy",
    "pay",
    "share",
    "sign",
    "send",
    "tell",
    "know",
    "make",
    "create",
    "copy",
    "steal",
    "take",
    "give",
    "support",
    "oppose",
    "remove",
    "delete",
    "collect",
    "store",
    "track",
    "monitor",
    "protect",
    "harm",
    "hide",
    "disclose",
    "report",
    "review",
    "approve",
    "reject",
    "allow",
    "ban",
    "block",
    "censor",
    "manipulate",
    "target",
    "advertise",
    "profit",
    "earn",
    "spend",
    "invest",
    "fund",
    "donate",
    "lie",
    "mislead",
    "deceive",
    "meet",
    "speak",
    "discuss",
    "agree",
    "disagree",
    "promise",
    "commit",
    "violate",
    "break",
    "comply",
    "fix",
    "change",
    "update",
    "repeal",
    "sue",
    "prosecute",
    "investigate",
    "hire",
    "fire",
    "recommend",
    "prevent",
    "stop",
    "enforce",
    "moderate",
    "verify",
    "check",
    "evaluate",
    "measure",
    "benchmark",
    "compare",
    "access",
    "scrape",
    "license",
    "own",
    "control",
    "influence",
    "write",
    "read",
    "draft",
    "prepare",
    "submit",
    "file",
    "intend",
    "plan",
    "decide",
    "authorize",
    "acquire",
    "compete",
    "distill",
    "launch",
    "design",
    "release",
    "pass",
    "vote",
    "regulate",
    "apologize",
    "answer",
    "ask",
    "receive",
];

/// The stems of [`VERBS`], worked out once.
static VERB_STEMS: LazyLock<HashSet<String>> =
    LazyLock::new(|| VERBS.iter().map(|v| crate::text::words::stem(v)).collect());

fn verbs(text: &str) -> Vec<(String, String)> {
    words(text)
        .into_iter()
        .filter_map(|w| {
            let s = crate::text::words::stem(&w);
            VERB_STEMS.contains(&s).then_some((s, w))
        })
        .collect()
}

/// Classifies `answer` as a response to `question`; `follow_up` is the examiner's next turn,
/// which often says more about the answer than the answer does.
pub fn classify(question: &str, answer: &str, follow_up: Option<&str>) -> Classification {
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
    let n_words = words(answer_t).len();
    let direct = direct_answer(question, answer_t);
    let (q_content, a_content) = (content(q_last), content(answer_t));
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
            if !named.is_empty() && dropped.len() == named.len() && fired.contains(&Label9::General)
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
    let mut scores = [0.0f32; 9];
    for r in &reasons {
        scores[r.supports as usize] += r.weight;
    }
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
    Classification {
        label9,
        confidence,
        reasons,
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

/// The suggestion for answer turn `i`, when it is an answer linked to its question.
pub fn suggestion_for(t: &Transcript, i: usize) -> Option<Suggestion> {
    key_for(t, i).map(|k| suggestion_at(t, k))
}

/// What a suggestion depends on besides the words (which speaker corrections never change):
/// the answer, the question it answers, and the examiner's turn that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct VerdictKey {
    turn: u32,
    question_turn: u32,
    /// `u32::MAX`: none.
    follow_up: u32,
}

/// The key of answer turn `i`, when it is an answer linked to its question.
fn key_for(t: &Transcript, i: usize) -> Option<VerdictKey> {
    let turn = t.turns.get(i)?;
    let q = turn.answers.filter(|_| turn.kind == TurnKind::Answer)?;
    // The examiner's next turn, if it comes before the witness speaks again.
    let follow_up = (i + 1..t.turns.len().min(i + 5))
        .take_while(|&k| t.turns[k].role != Role::Witness)
        .find(|&k| t.turns[k].role == Role::Examiner);
    // Turn numbers fit: a transcript has at most `MAX_LINES` turns.
    Some(VerdictKey {
        turn: i as u32,
        question_turn: q as u32,
        follow_up: follow_up.map_or(u32::MAX, |f| f as u32),
    })
}

fn suggestion_at(t: &Transcript, k: VerdictKey) -> Suggestion {
    let (i, q) = (k.turn as usize, k.question_turn as usize);
    let follow_up = t.turns.get(k.follow_up as usize).map(|x| x.text.as_str());
    Suggestion {
        turn: i,
        question_turn: q,
        classification: classify(&t.turns[q].text, &t.turns[i].text, follow_up),
    }
}

/// Verdicts remembered by what they depend on, for one transcript: after a speaker
/// correction only answers whose question or follow-up changed are classified again, and
/// undoing it classifies nothing (at 10,000 pages, 0.2 s of classifying saved each time).
#[derive(Debug, Default, Clone)]
pub struct VerdictCache {
    known: HashMap<VerdictKey, Verdict>,
}

impl VerdictCache {
    /// Like [`verdicts`], classifying only what this cache has not seen. Use one cache per
    /// transcript: the words behind a key must be the same.
    pub fn verdicts(&mut self, t: &Transcript) -> Vec<Verdict> {
        let keys: Vec<VerdictKey> = (0..t.turns.len()).filter_map(|i| key_for(t, i)).collect();
        let new: Vec<VerdictKey> = keys
            .iter()
            .filter(|k| !self.known.contains_key(k))
            .copied()
            .collect();
        let classified = in_parts(new.len(), |range| {
            new[range]
                .iter()
                .map(|&k| suggestion_at(t, k).verdict())
                .collect()
        });
        self.known.extend(new.iter().copied().zip(classified));
        keys.iter()
            .filter_map(|k| self.known.get(k).copied())
            .collect()
    }

    /// How many verdicts it holds.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}

/// Suggestions for every answer in a transcript that is linked to its question, in turn
/// order.
pub fn suggest(t: &Transcript) -> Vec<Suggestion> {
    in_parts(t.turns.len(), |turns| {
        turns.filter_map(|i| suggestion_for(t, i)).collect()
    })
}

/// A suggestion without its reasons: what is kept for every answer of a long trial. A
/// 10,000-page trial has 58,000 answers with about five reasons each, 25 MB in all; the window
/// keeps these (1.4 MB) and recomputes the reasons of the answer being looked at with
/// [`suggestion_for`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// The answer turn (0-based).
    pub turn: usize,
    /// The question it answers (0-based).
    pub question_turn: usize,
    pub label9: Label9,
    pub confidence: f32,
    /// The examiner had to press for this answer: pinned the witness down ("So that's a
    /// yes.") or repeated the question. Counted in the statistics.
    pub pressed: bool,
}

impl Verdict {
    pub fn label3(&self) -> Label3 {
        self.label9.label3()
    }
}

impl Suggestion {
    pub fn verdict(&self) -> Verdict {
        let c = &self.classification;
        Verdict {
            turn: self.turn,
            question_turn: self.question_turn,
            label9: c.label9,
            confidence: c.confidence,
            pressed: c
                .reasons
                .iter()
                .any(|r| r.rule == "examiner_pins_down" || r.rule == "question_repeated"),
        }
    }
}

/// The [`Verdict`] on every answer linked to its question, in turn order. Each answer's
/// reasons are dropped as soon as it is classified.
pub fn verdicts(t: &Transcript) -> Vec<Verdict> {
    VerdictCache::default().verdicts(t)
}

/// `work` over the items `0..n`, split between the processor's cores when there are many (a
/// 10,000-page trial has 58,000 answers to classify); the results are joined in order, so
/// they are the same as from one pass.
fn in_parts<T: Send>(n: usize, work: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |c| c.get().min(8));
    if threads < 2 || n < PARALLEL_FROM {
        return work(0..n);
    }
    let chunk = n.div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| scope.spawn(move || work(start..(start + chunk).min(n))))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Below this many items, starting threads costs more than it saves.
const PARALLEL_FROM: usize = 1_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn label(q: &str, a: &str, f: Option<&str>) -> Label9 {
        classify(q, a, f).label9
    }

    #[test]
    fn seed_exchange_by_general_rules() {
        let c = classify(
            "Do you know what distillation is?",
            "It means to use one AI model to train another AI model.",
            Some("Has xAI done that with OpenAI?"),
        );
        assert_eq!(c.label9, Label9::Explicit, "{c:#?}");
        let c = classify(
            "Has xAI done that with OpenAI?",
            "Generally all the AI companies [do that].",
            Some("So that's a yes."),
        );
        assert_eq!(c.label9, Label9::General, "{c:#?}");
        assert!(c.reasons.iter().any(|r| r.evidence.contains("Generally")));
        let c = classify("So that's a yes.", "Partly.", None);
        assert_eq!(c.label9, Label9::Partial, "{c:#?}");
        let c = classify(
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
        let c = classify(
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

    #[test]
    fn verdicts_are_the_suggestions_without_their_reasons() {
        let t = crate::transcript::parse_text(
            include_str!("../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        );
        let all = suggest(&t);
        let v = verdicts(&t);
        assert_eq!(v, all.iter().map(Suggestion::verdict).collect::<Vec<_>>());
        assert_eq!(v.len(), 4);
        // Pressed: only the answer the examiner followed with "So that's a yes.".
        let pressed: Vec<&str> = v
            .iter()
            .filter(|x| x.pressed)
            .map(|x| t.turns[x.turn].text.as_str())
            .collect();
        assert_eq!(pressed, ["Generally all the AI companies [do that]."]);
        // One answer's reasons, worked out again, are the ones `suggest` gave.
        for s in &all {
            assert_eq!(suggestion_for(&t, s.turn).as_ref(), Some(s));
        }
        assert_eq!(suggestion_for(&t, all[0].question_turn), None);
        assert_eq!(suggestion_for(&t, t.turns.len()), None);
    }

    #[test]
    fn verdicts_of_a_long_transcript_are_worked_out_in_parts_with_the_same_result() {
        let seed = include_str!("../../sample_transcripts/distillation_exchange.txt");
        let t = crate::transcript::parse_text(seed.repeat(400), "UTF-8", None);
        assert!(t.turns.len() > PARALLEL_FROM, "{}", t.turns.len());
        let v = verdicts(&t);
        let one_pass: Vec<Suggestion> = (0..t.turns.len())
            .filter_map(|i| suggestion_for(&t, i))
            .collect();
        assert_eq!(suggest(&t), one_pass);
        assert_eq!(
            v,
            one_pass.iter().map(Suggestion::verdict).collect::<Vec<_>>()
        );
        assert!(v.len() >= 4 * 400, "{}", v.len());
        assert!(v.windows(2).all(|w| w[0].turn < w[1].turn));
    }

    #[test]
    fn the_cache_classifies_again_only_what_a_speaker_correction_changed() {
        use crate::transcript::SpeakerEdit;
        let mut t = crate::transcript::parse_text(
            include_str!("../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        );
        let mut cache = VerdictCache::default();
        let before = cache.verdicts(&t);
        assert_eq!(
            before,
            suggest(&t)
                .iter()
                .map(Suggestion::verdict)
                .collect::<Vec<_>>()
        );
        assert_eq!(cache.len(), before.len());
        let role = |t: &mut Transcript, role| {
            let edit = SpeakerEdit::SetRole {
                label: "Musk".into(),
                role,
            };
            t.apply_speaker_edit(&edit).expect("Musk is a speaker");
        };
        // Musk asks: the answers change, and the cache gives what a fresh pass gives.
        role(&mut t, Role::Examiner);
        let changed = cache.verdicts(&t);
        assert_ne!(changed, before);
        assert_eq!(changed, verdicts(&t));
        // Back as the witness: everything is known, nothing is classified again.
        role(&mut t, Role::Witness);
        let known = cache.len();
        assert_eq!(cache.verdicts(&t), before);
        assert_eq!(cache.len(), known);
    }
}
