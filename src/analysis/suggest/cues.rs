//! What the rules look for: the question's shape (yes/no, wh-, a pin), the answer's opening
//! words, phrase lists (ignorance, refusal, clarification, hedges, generalisations, pivots),
//! named subjects and key verbs.

use super::taxonomy::*;
use crate::text::words::{CHINESE_INDIRECT, CHINESE_PIN, last_question, words};
use regex::Regex;
use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

pub(super) fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

/// How a question asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Expects yes or no ("Has xAI done that?", "..., right?").
    YesNo,
    /// "So that's a yes.", "Yes or no?": the examiner pins the witness to yes or no.
    Pin,
    /// Asks for information ("What is...?", "Do you know what...?").
    Wh,
    /// No question mark: a statement the witness responds to.
    Statement,
}

pub(super) use crate::text::words::{AUXILIARIES as AUX, WH_WORDS as WH};
pub(super) const LEAD: &[&str] = &[
    "and", "so", "but", "well", "now", "okay", "ok", "then", "also", "or",
];

pub(super) static PIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(yes or no|is that a (yes|no)|that'?s a (yes|no)|so (that'?s|that is|it'?s|your answer is) a (yes|no)|i'?ll take that (as|to be) a? ?(yes|no)|answer the question)\b",
    )
});
pub(super) static INDIRECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(do|did|can|could|would|will)\s+you\s+(know|recall|remember|tell|explain|describe|say|understand)\b\s*(me|us)?\s*(what|who|where|when|why|how|which)\b",
    )
});
pub(super) static TAG_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i),\s*(right|correct|true|yes|no|isn'?t (it|that)|didn'?t (you|he|she|it|they)|don'?t (you|they)|wasn'?t (it|that)|aren'?t (you|they)|is that (right|correct|true))\s*\?$",
    )
});

pub(super) fn shape(question: &str) -> Shape {
    let q = last_question(question);
    if PIN.is_match(q) || CHINESE_PIN.is_match(q) {
        return Shape::Pin;
    }
    // Chinese marks its questions with particles and question words, not word order.
    if crate::text::words::mostly_han(q) {
        return if !q.ends_with(['?', '？']) {
            Shape::Statement
        } else if CHINESE_INDIRECT.is_match(q) {
            // 你知道什么是蒸馏吗？ "Do you know what distillation is?" asks for the facts.
            Shape::Wh
        } else if ZH_YES_NO.is_match(q) {
            Shape::YesNo
        } else if ZH_WH.is_match(q) {
            Shape::Wh
        } else {
            Shape::YesNo
        };
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

/// Yes/no particles and forms, in either script; "会否", "有否", "可否" are Hong Kong's
/// "whether or not".
static ZH_YES_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(&crate::text::either_script(
        r"(?:吗|(?:^|[^什甚怎这那多])么)[？?]\s*$|有没有|是不是|是否|会不会|能不能|对不对|对吗|是吗|(?:会|有|可|能|曾|应)否",
    ))
});
static ZH_WH: LazyLock<Regex> = LazyLock::new(|| {
    re(&crate::text::either_script(
        r"什么|怎么|怎样|如何|为什么|为何|有何|何种|何以|哪|谁|多少|几[个次年天]",
    ))
});

/// Vocatives and fillers an answer may open with before it says yes or no.
pub(super) const OPENER: &str = r"(?i)^(?:(?:well|so|um|uh|sir|ma'?am|senator|congress(?:man|woman)|chairman|chair|ranking member|your honor|mr\.? \w+|ms\.? \w+|i mean|look|oh)[,.]?\s+)*";

/// Yes/no words at the start of an answer.
pub(super) static DIRECT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OPENER}(yes|yeah|yep|yup|no|nope|nah|correct|incorrect|that'?s (?:right|correct|true|not (?:right|correct|true))|that is (?:right|correct|true)|right|true|false|absolutely(?: not)?|certainly(?: not)?|definitely(?: not)?|of course(?: not)?|sure|exactly|never|not at all|(?:i|we) (?:believe|think) (?:so|not)|i don'?t (?:believe|think) so)\b"
    ))
});
/// An answer that echoes the question's auxiliary: "Did you...?" "I did not."
pub(super) static DIRECT_ECHO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OPENER}(?:i|we|it|he|she|they|that)\s+(do|does|did|is|are|was|were|have|has|had|can|could|will|would|am|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|haven'?t|hasn'?t|can'?t|won'?t|wouldn'?t|couldn'?t)\b"
    ))
});

/// The auxiliary's base: "didn't" → "do", "was" → "be", "won't" → "will".
pub(super) fn aux_base(w: &str) -> String {
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
pub(super) static DENIAL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OPENER}(?:i|we|it|he|she|they)\s+(?:have|has|had|did|do|does|was|were|am|are|is|would|will)?\s*(?:not|never|n'?t)\b"
    ))
});
/// A sentence that is only "Yes." / "No." / "Correct." anywhere in the answer.
pub(super) static BARE_YES_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[.!?]\s+)(yes|no|correct|that'?s correct|that'?s right)(?:,? (?:senator|sir|ma'?am))?[.!]",
    )
});

/// The direct yes/no in `answer`, if any, given the question: at the start, as a sentence
/// of its own, or a flat denial.
pub(super) fn direct_answer(question: &str, answer: &str) -> Option<String> {
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

pub(super) struct PhraseRule {
    pub(super) name: &'static str,
    pub(super) label: Label9,
    pub(super) weight: f32,
    pub(super) re: Regex,
}

pub(super) static PHRASES: LazyLock<Vec<PhraseRule>> = LazyLock::new(|| {
    let rule = |name, label, weight, pattern: &str| PhraseRule {
        name,
        label,
        weight,
        re: re(&format!(r"(?i)\b(?:{pattern})")),
    };
    // In either script: simplified and traditional characters alike.
    let zh = |name, label, weight, pattern: &str| PhraseRule {
        name,
        label,
        weight,
        re: re(&crate::text::either_script(pattern)),
    };
    vec![
        rule(
            "claims_ignorance_phrase",
            Label9::ClaimsIgnorance,
            3.0,
            r"i (?:do not|don'?t|did not|didn'?t) (?:know|recall|remember|have (?:that|the|those|any) (?:information|number|numbers|details|data|figure)|have knowledge)|(?:i'?m|i am) not (?:\w+ )?(?:sure|aware|familiar|certain)|i (?:would not|wouldn'?t) (?:know|remember|recall)|no idea|(?:do not|don'?t|did not|didn'?t) have (?:a |any )?(?:specific |clear |independent |present )?(?:recollection|memory)|(?:hard|difficult) (?:for me )?to (?:remember|recall|know|say)|(?:can'?t|cannot) be (?:certain|sure)|off the top of my head|(?:need|have) to see (?:the|all|a|those)|before i can (?:confirm|say|tell)|(?:i|we) (?:can|will|'ll) follow up|not that i(?:'?m| am)? (?:aware|recall|know|remember)|i (?:can'?t|cannot|could not|couldn'?t) (?:recall|remember|say for sure)|i have no (?:idea|recollection|knowledge|memory)|no recollection|i(?:'?d| would) (?:have|need) to (?:check|look|go back|review|confirm|see)|(?:get|come) back to you|(?:have|get) (?:my|our) team (?:to )?follow up|follow up (?:with you|on that)|i'?m not the right person|i (?:haven'?t|have not|never) seen (?:any|the|that|those)|i don'?t have (?:an? )?(?:answer|visibility)|(?:cannot|can'?t|could not|couldn'?t|am not able to|'m not able to) (?:verify|confirm|speak to the (?:specifics|details|numbers))",
        ),
        rule(
            "declining_phrase",
            Label9::Declining,
            3.0,
            r"(?:i'?m|i am|we'?re|we are) not (?:going to|prepared to|able to (?:comment|discuss|share|disclose|get into)|ready to|in a position to)|i (?:won'?t|will not|refuse to|decline to|can'?t (?:comment|speak to|discuss|get into|go into|share|talk about)|cannot (?:comment|discuss|share|talk about|speak to))|(?:i'?m|i am) not (?:speaking|commenting) (?:to|on)|i(?:'ve| have) (?:already )?(?:answered (?:this|that|the question|your question)|given you my answer)|(?:decline|declining) to (?:answer|comment)|on (?:the )?advice of counsel|fifth amendment|(?:that'?s|it'?s|that is) privileged|we (?:don'?t|do not) (?:disclose|share|comment)|not (?:going|able) to (?:answer|comment|speculate)|i(?:'?d| would) rather not|no comment|won'?t speculate|not going to speculate|(?:we|i) (?:very much )?look forward to (?:having |continuing |continue |further )?(?:conversations?|discussions?|discussing|working with|talking)|(?:we'?re|we are|i'?m|i am) open to (?:discussing|conversations?|talking)",
        ),
        rule(
            "asks_for_clarification",
            Label9::Clarification,
            3.0,
            r"what do you mean|could you (?:repeat|rephrase|clarify)|can you (?:repeat|rephrase|clarify)|would you (?:repeat|rephrase)|repeat (?:the|your) question|(?:i'?m|i am) not sure (?:what you mean|i understand)|i don'?t understand (?:the|your) question|what (?:are you|is it) (?:referring|asking)|are you (?:asking|saying) (?:me )?(?:about|whether|if|that)?|(?:give|tell) me (?:a little )?more (?:specifics|details|context|information)|trying to understand (?:exactly )?what|do you mean|say that again|which (?:one|document|page|exhibit) (?:are you|do you)|(?:i'?m )?sorry\?$|pardon\?",
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
        // Chinese has no spaces between words, so these match anywhere (no word boundary);
        // the same rules by meaning, so the model reads them as it reads the English.
        zh(
            "claims_ignorance_phrase",
            Label9::ClaimsIgnorance,
            3.0,
            r"不知道|不记得|记不清|记不得|不清楚|没有印象|不了解|无法(?:确认|核实)|需要(?:核实|查一下)",
        ),
        zh(
            "declining_phrase",
            Label9::Declining,
            3.0,
            r"无可奉告|不予置评|不便(?:评论|透露|回答)|不能(?:评论|透露)|拒绝回答",
        ),
        zh(
            "asks_for_clarification",
            Label9::Clarification,
            3.0,
            r"什么意思|您是指|你是指|您是说|你是说|请(?:再说一遍|重复)|没听清",
        ),
        zh(
            "hedged_partial",
            Label9::Partial,
            2.5,
            r"部分|一定程度上|某种程度上|有时候|不完全|不全是|大体上|大部分",
        ),
        zh(
            "generalising_subject",
            Label9::General,
            1.5,
            r"一般来说|一般而言|通常|所有的?\p{Han}{0,4}(?:公司|企业|人|机构)|大家都|每个(?:公司|人)|整个行业|普遍",
        ),
        zh(
            "normalising",
            Label9::Deflection,
            1.0,
            r"(?:标准|通常|常见|普遍)的?做法|行业惯例|这很正常|很常见",
        ),
        rule(
            "pivot_phrase",
            Label9::Dodging,
            1.5,
            r"what i can (?:tell|say)|let me (?:just )?(?:say|tell you|be clear|put it)|the (?:important|bigger|key) (?:thing|point|question) is|i(?:'d| would) (?:just )?(?:like to )?(?:say|point out|note)|i think what'?s important|what'?s important (?:here )?is|i want to (?:emphasize|be clear|say)",
        ),
    ]
});

/// The phrase rules alone, as a baseline to measure the model against: the sub-class of the
/// heaviest phrase rule found in the answer, if any ("I don't recall" → claims ignorance).
pub fn first_phrase(answer: &str) -> Option<Label9> {
    PHRASES
        .iter()
        .filter(|p| p.re.is_match(answer))
        .max_by(|a, b| a.weight.total_cmp(&b.weight))
        .map(|p| p.label)
}

/// An examiner's complaint that the last answer did not answer.
pub(super) static COMPLAINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:my question (?:is|was)|that'?s not (?:my question|what i asked)|you (?:didn'?t|did not|haven'?t|have not) answer(?:ed)?|(?:sounds|that'?s|is) (?:very |pretty |a little )?vague|i'?m asking (?:about|you)|let me ask (?:it|that|you) again|i'?ll ask (?:it|that) again|move to strike|non-?responsive|answer my question)\b",
    )
});

/// Questions that ask what the witness knows or remembers: "Do you recall...?", "Are you
/// aware...?". A bare "No." to one is a claim not to know, not a denial of the facts.
pub(super) static KNOWLEDGE_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:do|did) you (?:know|recall|remember)|are you (?:aware|familiar)|do you have (?:any )?(?:idea|recollection|memory|knowledge))\b",
    )
});
/// A negative answer at the start: "No.", "I do not.", "Not that I recall".
pub(super) static NEGATIVE_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{OPENER}(?:no|nope|not (?:that i|really)|(?:i|we) (?:do not|don'?t|did not|didn'?t))\b"
    ))
});

/// Questions that ask the witness to commit or take a position.
pub(super) static COMMITMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:commit|support|pledge|promise|agree to|will you|would you)\b"));
/// Promises to come back later.
pub(super) static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:follow up|get back to you|come back to you|look into (?:it|that))\b")
});

/// Content words (stems) of the question that name something specific: proper names and
/// other capitalised words inside the sentence ("xAI", "OpenAI", "Instagram").
pub(super) fn named_subjects(question: &str) -> BTreeSet<String> {
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
pub(super) const VERBS: &[&str] = &[
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
pub(super) static VERB_STEMS: LazyLock<HashSet<String>> =
    LazyLock::new(|| VERBS.iter().map(|v| crate::text::words::stem(v)).collect());

pub(super) fn verbs(text: &str) -> Vec<(String, String)> {
    words(text)
        .into_iter()
        .filter_map(|w| {
            let s = crate::text::words::stem(&w);
            VERB_STEMS.contains(&s).then_some((s, w))
        })
        .collect()
}
