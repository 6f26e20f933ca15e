//! How an examiner's question is built: leading, closed or open (the form of the last question
//! in the turn, the one the witness answers), whether the turn is compound, and lower-
//! confidence flags (a "why" on cross, argumentative, assuming facts). Every verdict comes with
//! the rule and the words that fired it, as the evasion suggestions do.
//!
//! The rules follow how trial-advocacy teaching defines the forms (Pozner & Dodd; Younger):
//! a leading question states its own answer and invites assent; a closed one asks yes/no or
//! either/or without suggesting the answer; an open one asks the witness for the facts.

use crate::text::words::{
    CHINESE_INDIRECT, CHINESE_PIN, last_question, subject_words, word_count, words,
};
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
        r"(?i)[,;:—–-]\s*(?:(?:is that|isn't that|that's|that is|was that|wasn't that)\s+)?(?:right|correct|true|fair|accurate|yes|no|okay|ok|agreed?|isn'?t (?:it|that|he|she|there)|wasn'?t (?:it|that|he|she|there)|aren'?t (?:you|they|there)|weren'?t (?:you|they)|didn'?t (?:you|he|she|it|they|we)|don'?t (?:you|they|we)|doesn'?t (?:it|he|she)|haven'?t (?:you|they)|hasn'?t (?:it|he|she)|won'?t (?:you|they)|wouldn'?t (?:you|it|they)|couldn'?t (?:you|they)|can'?t (?:you|they)|do you agree(?: with (?:that|me|this))?|would you agree(?: with (?:that|me|this))?|is that (?:so|fair|a fair statement|a fair characterization|your (?:recollection|understanding|testimony)(?: as well)?)|(?:is|would|wouldn'?t|isn'?t) (?:that|it|this) (?:be )?(?:fair|accurate|correct|right|true)(?: to say)?|(?:does|would) (?:that|this|it) (?:sound|seem) (?:about )?(?:right|correct|fair|accurate|reasonable|true)(?: to you)?|is that (?:a fair assessment|what you(?:'re| are) (?:saying|telling us|suggesting)))(?:,? (?:sir|ma'am|mr\.? \w+|ms\.? \w+))?\s*\??\s*$",
    )
});

/// "Isn't it true that…", "Is it fair to say…", "Wouldn't you agree…", "You would agree…", and
/// questions put in the negative, which invite a yes ("Don't you have to show…?", "Is that
/// not contemporaneous?"): every one of the 10 dev questions that opens with a negative
/// auxiliary is labelled leading.
static LEADING_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:and|so|but|now|well|okay|ok|then|mr\.? \w+|ms\.? \w+|sir),?\s+)*(?:isn'?t it (?:true|a fact|correct|the case|fair to say)|is it not (?:true|correct|a fact|the case)|is it (?:fair|accurate) to say|would it (?:not )?be (?:fair|accurate|correct|right) to say|wouldn'?t you agree|won'?t you agree|you(?:'d| would| will)? agree|you(?:'d| would)? (?:admit|concede)|(?:don|didn|weren|wasn|aren|haven|hasn|isn|doesn|can|couldn|wouldn|shouldn|won|mustn)'?t\s+\w+|(?:do|does|did|is|are|was|were|can|could|would|will|should|has|have)\s+(?:\w+\s+){1,4}?not\b|am i (?:to understand|right (?:in thinking|to say)|correct (?:in thinking|to say)|understanding correctly) that|am i (?:right|correct)(?: that|,\s*(?:you|he|she|they|it|we|the|that|there))|(?:may|can|could) (?:we|i) (?:take it|presume|assume|infer|conclude)|is that (?:right|correct|true|fair), that)\b",
    )
});

/// "So that's a yes.", "Yes or no?".
static PIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:so (?:that'?s|that is|is that|it'?s|your answer is) a (?:yes|no)|i'?ll take that (?:as|to be) a? ?(?:yes|no))\b",
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
        r"(?i)^(?:(?:and|so|now|okay|ok|then|mr\.? \w+|ms\.? \w+|sir),?\s+)*(?:(?:do|did|can|could|would|will)\s+you\s+(?:(?:please|just|now|still|even|happen to)\s+)*(?:know|recall|remember|tell|explain|describe|say|understand|share|anticipate|expect)\b\s*(?:(?:to )?(?:me|us|the (?:jury|court|committee))\s+)?(?:(?:about|approximately|roughly|exactly|generally|specifically|offhand|at|in|by)\s+)?(?:what|who|whom|where|when|why|how|which|whose)\b|(?:can|could|would|will)\s+you\s+(?:(?:please|just)\s+)?(?:explain|describe|elaborate|walk us through|tell (?:us|me) about)\b|(?:would|do|will)\s+you\s+(?:like|care|want|wish)\s+to\s+(?:comment|expand|elaborate|respond|explain|add|address|speak)\b)",
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
    classify(&turn.replace(['’', '‘'], "'"))
}

/// The reading of one examiner turn from a transcript that has lost its question marks (a
/// rough draft, an OCR, a transcript of speech): its sentences put as questions by their
/// words are read as if they ended in "?". Use it only for such a transcript: where the
/// marks are kept, a turn without one is a statement ([`unmarked`] tells them apart).
pub fn classify_unmarked_question(turn: &str) -> QuestionForm {
    let turn = turn.replace(['’', '‘'], "'");
    match marks_restored(&turn) {
        Some(marked) => classify(&marked),
        None => classify(&turn),
    }
}

/// Whether a transcript's examiner turns have lost their question marks: fewer than one in
/// ten of them has one, among at least ten turns. Real transcripts mark nearly every
/// question; OCR turns "?" into "P" or "!", and some reporters drop it.
pub fn unmarked<'a>(turns: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut n, mut marked) = (0usize, 0usize);
    for t in turns {
        n += 1;
        marked += usize::from(t.contains(['?', '？']));
    }
    n >= 10 && marked * 10 < n
}

/// [`classify_question`] on a turn whose curly apostrophes are straight.
fn classify(turn: &str) -> QuestionForm {
    let mut reasons = Vec::new();
    let all = sentences(turn);
    let at = all
        .iter()
        .rposition(|s| (s.ends_with('?') || s.ends_with('？')) && !quoted(turn, s))
        .unwrap_or(all.len().saturating_sub(1));
    let q = all.get(at).copied().unwrap_or(turn);
    let bare = OPENING
        .find(q.trim())
        .map_or(q.trim(), |m| q.trim()[m.end()..].trim_start());
    let statement_before = at > 0
        && all.get(at - 1).is_some_and(|s| {
            // A statement to confirm: not a question, not a courtesy ("Thank you.").
            (!s.ends_with('?') || !asks(s)) && words(s).len() >= 3
        });
    let (form, why) = match CONFIRM.find(bare) {
        // "You were there. Is that right?": the statement before it is what is confirmed.
        Some(m) if statement_before => (Form::Leading, said("confirms_a_statement", m.as_str())),
        _ => form_of(q),
    };
    reasons.push(why);
    let compound = compound(turn, &mut reasons);
    let mut flags = Vec::new();
    let first = first_word(q);
    static ZH_WHY: LazyLock<Regex> =
        LazyLock::new(|| re(&crate::text::either_script("为什么|为何")));
    if first.as_deref() == Some("why") || ZH_WHY.is_match(q) {
        flags.push(Flag::WhyQuestion);
        reasons.push(said("why_question", head(q, 6)));
    }
    if let Some(m) = ARGUMENTATIVE.find(turn) {
        flags.push(Flag::Argumentative);
        reasons.push(said("argumentative", m.as_str()));
    }
    if let Some(m) = ASSUMES.find(turn) {
        flags.push(Flag::AssumesFacts);
        reasons.push(said("assumes_facts", m.as_str()));
    }
    QuestionForm {
        form,
        compound,
        flags,
        reasons,
    }
}

/// A turn with no question mark with its questions marked: each sentence put as a question by
/// its words (a verb or a question word first, or a tag at its end) ends in "?" instead of
/// "." or nothing. `None` when the turn has a question mark, or no sentence reads as one.
fn marks_restored(turn: &str) -> Option<String> {
    if turn.contains(['?', '？']) || crate::text::words::mostly_han(turn) {
        return None;
    }
    // A verb before its subject ("Did you…", "Was he…"), a question word before one ("When
    // did…", "How many people were…"; not "When you met him."), or a tag ("…, right").
    let asks = |body: &str| {
        let bare = OPENING.find(body).map_or(body, |m| &body[m.end()..]);
        let w = words(bare);
        let inverted = w.first().is_some_and(|f| is_aux(f))
            || (w.first().is_some_and(|f| WH.contains(&f.as_str()))
                && !w.get(1).is_some_and(|x| {
                    matches!(
                        x.as_str(),
                        "you" | "he" | "she" | "they" | "we" | "i" | "it"
                    )
                })
                && w.iter().skip(1).take(3).any(|x| is_aux(x)));
        inverted || TAG.is_match(&format!("{body}?"))
    };
    let all = sentences(turn);
    let bodies: Vec<&str> = all
        .iter()
        .map(|s| s.trim_end_matches(['.', '!']).trim_end())
        .collect();
    if !bodies.iter().any(|b| !b.is_empty() && asks(b)) {
        return None;
    }
    let mut out = String::with_capacity(turn.len() + 4);
    for (s, body) in all.iter().zip(&bodies) {
        if !out.is_empty() {
            out.push(' ');
        }
        if !body.is_empty() && asks(body) {
            out.push_str(body);
            out.push('?');
        } else {
            out.push_str(s);
        }
    }
    Some(out)
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

/// A rule that fired on these words, quoted.
fn said(rule: &'static str, words: impl std::fmt::Display) -> Why {
    why(rule, format!("\"{words}\""))
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
        r"^(?:(?i:(?:and|so|but|well|now|okay|ok|then|also|all right|alright|i mean|sir|ma'am|please)\b[,.]?\s+)|(?i:(?:yes|no|good|thank you)[,.;]\s+)|(?:(?i:mr|ms|mrs|dr|senator|congressman|congresswoman|chairman|judge|professor|general|justice)\.?\s+[A-Z][\w'’-]*,\s+)|(?:[A-Z][\w'’-]*,\s+))+",
    )
});
/// "Is that right?", "Is that your recollection?" after a statement: a confirmation.
static CONFIRM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:and|so)\s+)?(?:(?:is|isn't|was|wasn't) (?:that|it|this)(?: (?:also|still|all))? (?:right|correct|true|accurate|fair|so|a fair (?:statement|characterization|summary)|your (?:recollection|understanding|testimony|position|view)(?:,? (?:also|too|as well))?|what you(?:'re| are) (?:saying|asking|telling)[^?]*|what your (?:position|testimony|view|argument|understanding) is)|(?:do|would) you agree(?: with (?:that|me|this|that statement))?|(?:does|would) (?:that|this|it) (?:sound|seem) (?:about )?(?:right|correct|fair|accurate|reasonable|true)(?: to you)?|(?:is|was) (?:that|this|it) (?:a )?(?:true|accurate|fair|correct) (?:statement|characterization|description|summary|assessment|conclusion)|am i (?:right|correct|wrong|mistaken)(?: (?:about|in) (?:that|this))?|(?:would|wouldn'?t) (?:that|it) be (?:fair|accurate|correct|right|true)(?: to say)?|am i (?:right|correct|understanding (?:that|this|you) (?:correctly|right)|reading (?:that|this|it) (?:correctly|right))|(?:right|correct|true|fair))(?:,? (?:sir|ma'am|mr\.? \w+|ms\.? \w+))?\s*\??$",
    )
});
/// "I would like to know why…", "I want to know everything…".
static WANT_TO_KNOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^i(?:'d| would| really)? (?:like|want|need) to (?:know|understand|hear|ask you) (?:why|what|how|who|when|where|which|everything|about|more)\b|^i(?:'m| am|'d be| was| would be)? (?:just |also )?(?:curious|wonder(?:ing|ed)?|interested)\b(?:[^?.]*?)(?:\b(?:why|what|how|who|when|where|which)\b|your (?:thoughts|views?|reaction|response|assessment|take))|^i(?:'m| am| was) (?:just |specifically |only )?asking (?:you )?(?:specifically |only )?about\b|^(?:do )?you want to (?:tell|give|explain|describe|walk)\b|^if you (?:could|would|can|will) (?:please )?(?:comment|explain|describe|tell|elaborate|speak|give|address|walk)\b|^i(?:'d| would) (?:like|love|welcome|appreciate) (?:to (?:get|have|hear) )?your (?:comments?|reaction|views?|thoughts|response|assessment|opinion|explanation)\b",
    )
});
/// "…, and I wonder why that makes sense.", "I guess my question is what is left…": a
/// question put indirectly inside a statement.
static ASKS_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bi (?:just |also |kind of |sort of |really )?wonder(?:ed)? (?:why|what|how|who|when|where|which)\b|\b(?:my|the) (?:real |only |next )?question (?:is|was)[:,]? (?:why|what|how|who|when|where|which)\b",
    )
});
static ASKS_WHETHER_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:my|the) (?:real |only |next )?question (?:is|was)[:,]? (?:whether|if)\b|\bthe question i (?:want(?:ed)?|would like) to ask[^.?]*? is (?:whether|if)\b|\bwhat i (?:asked|am asking|'m asking|was asking) (?:you )?(?:is|was) (?:whether|if)\b",
    )
});
/// "I'm curious if you're concerned…", "I wonder whether…": a yes/no put indirectly.
static WONDER_IF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^i(?:'m| am| was)? (?:just |also )?(?:curious|wonder(?:ing|ed)?)\b[^?.]*?\b(?:if|whether)\b|^i (?:ask|asked|am asking) (?:you )?(?:if|whether)\b",
    )
});
/// A question inside a sentence that does not start as one: "…, but have you always worked
/// with Xerox?", "… or how often would you say…?".
static EMBEDDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:[,;:—–]["'”]?|--|\b(?:but|or|and|so)\b)\s*(?:(?:but|or|and|so)\s+)?((?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|what|why|how|when|where|who|which)\s+(?:you|he|she|it|they|we|there|that|this|the|anyone|anybody|i|your|his|her|their|often|many|much|long)\b|why\s+\w+|(?:will|would|can|could|should|do|does|did)\s+(?:all|any|both|each|either|those|these|such|everyone|anything|somebody|someone|people|we|congress|the)\b)"#,
    )
});
/// A tag of any polarity after a statement: "…, are you not?", "…, do you?", "…, had you, sir?"
/// (the statement before the comma is checked in [`form_within`]).
static TAG_ANY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i),["”']?\s*((?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|am)(?:n'?t)?\s+(?:i|you|he|she|it|we|they|there|that)(?:\s+not)?)(?:,?\s+(?:sir|ma'am|mr\.? \w+|ms\.? \w+))?\s*\?\s*$"#,
    )
});
/// A command that asks the witness for something: "Read the first question.", "Take a look at
/// Exhibit 93.", "Take a guess." (the guidelines count these as open).
static COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:read|take a (?:look|guess|wild guess|stab)|look at|turn (?:to|back to)|go ahead|answer (?:the|my)|give (?:us|me|the \w+)|estimate|spell|state (?:your|the)|point (?:to|out)|summarize|continue|finish)\b",
    )
});
/// A yes/no question with its auxiliary dropped: "Remember the movie Wall Street?", "Know him?".
static DROPPED_AUX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:remember|recall|know|understand|see|follow|agree|heard|ever)\b"));
/// A yes/no question that asks for the facts all the same: "Would you spend a minute on why…?",
/// "Do you want to check your records and tell us how much…?".
static ASKS_FOR_FACTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:tell (?:us|me|the (?:jury|court|committee))|explain|describe|walk (?:us|me) through|elaborate|shed (?:some )?light|lay out|share (?:with (?:us|me) )?(?:the |any |some |more )?(?:details|information|specifics|outcomes?|results|views?|thoughts)|give (?:us|me) your|think of (?:any|a|an) (?:reason|explanation|example)s?|be (?:more )?specific|give (?:us|me) (?:a sense|an update|details|an idea|an example|a date|a number|a figure|an estimate|a timeline|a name|the names?|the number|a list)|(?:spend a (?:minute|moment|second)|comment|speak|talk) (?:on|about|to) (?:why|how|what))\b",
    )
});
static DESCRIBE_AS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:describe|characterize)\s+(?:\w+\s+){1,3}?as\b"));
/// "Do you have any comment on that?", "Have you given any thought to where…?": asks for the
/// comment or the facts, not whether there is one.
static ANY_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:do|did|can|could|would|will|have|has)\s+(?:you|we)\s+(?:have|had|got)\s+(?:any|an|a|some)\s+\w+\s+(?:for (?:us|me)\s+)?as to (?:what|how|why|who|where|when|which)\b|^(?:do|did|can|could|would|will|have|has)\s+(?:you|we|they|the \w+)\s+(?:\w+\s+)?(?:have|had|got|given|share|offer)?\s*(?:any|an|a|some|your)\s+(?:(?:further|more|quick|initial|specific)\s+)?(?:comments?|response|reaction|update|thoughts|thought (?:to|on|about|as to) (?:what|where|when|how|who|why|which)|idea|sense|details|explanation|information|views?|assessment|message|guidance|timeline|understanding (?:as to|of (?:what|how|why|who|where|when|which)))\b",
    )
});
/// A wh-question with its verb inverted, inside a longer sentence: "…, or how often would you
/// say…", "…, and what are their names".
static INVERTED_WH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:[,;:—–]|--|\b(?:but|or|and|so)\b)\s*((?:what|why|when|where|who|which|how(?:\s+(?:many|much|long|often|far|soon|old))?)(?:\s+\w+){0,2}?\s+(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should)\b)",
    )
});
const PRONOUNS: &[&str] = &["i", "you", "he", "she", "we", "they", "it"];
/// Where the question starts after a clause that opens the sentence, comma or not.
fn inverted_after_clause(q: &str) -> Option<usize> {
    if !q.ends_with('?') {
        return None;
    }
    INVERTED_AFTER_CLAUSE
        .find_iter(q)
        .filter(|m| words(&q[..m.start()]).len() >= 3 && !in_quotes(q, m.start()))
        .last()
        .map(|m| m.start())
}

/// Words that open a clause before the question: "When…", "Once…", "Each of the times…".
const SUBORDINATORS: &[&str] = &[
    "when", "once", "if", "after", "before", "since", "while", "each", "during", "given", "as",
    "because", "although", "though", "whenever", "on", "in", "at", "for", "from",
];
/// An auxiliary before its subject, or a question word before its verb, anywhere in a
/// sentence: "… were you looking…", "… who else was by the pool…".
static INVERTED_AFTER_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:were|was|is|are|have|has|had|can|could|would|will|should)\s+(?:you|he|she|it|they|we|there|your|his|her|their)\b|(?:did|do|does)\s+(?:you|he|she|it|they|we|there|your|his|her|their|the|mr|ms|mrs|dr|[a-z]+\s+[a-z]+\s+(?:call|say|tell|ask|know|see|meet|give|make|take|go))\b|(?:who|what|where|why|how)(?:\s+else)?\s+(?:did|do|does|were|was|is|are|have|has|can|could|would|will)\b)",
    )
});

/// The last wh-question with its verb inverted inside `q` ("…, and what are their names");
/// "…that what you do is…" is a clause, not a question.
fn inverted_wh(q: &str) -> Option<regex::Match<'_>> {
    INVERTED_WH
        .captures_iter(q)
        .filter_map(|c| c.get(1))
        // "Did McGuinness, who was then deputy First Minister, resign…?": a relative clause.
        .filter(|m| {
            let relative = matches!(first_word(m.as_str()).as_deref(), Some("who" | "which"))
                && q[..m.start()].trim_end().ends_with(',');
            !relative && !in_quotes(q, m.start())
        })
        .filter(|m| {
            // No pronoun between the question word and the verb: "how important it was" is a
            // clause.
            let w = words(m.as_str());
            w.get(1..w.len().saturating_sub(1))
                .is_none_or(|mid| !mid.iter().any(|x| PRONOUNS.contains(&x.as_str())))
        })
        .last()
}
const HOW_ASKS: &[&str] = &[
    "many", "much", "long", "often", "far", "come", "old", "soon",
];

/// The form of one question sentence, and the rule that decided it.
fn form_of(q: &str) -> (Form, Why) {
    form_within(q, 0)
}

/// "你知道什么是蒸馏吗？": Chinese marks its questions with particles and question words, not
/// word order, so it is read by its own rules.
static ZH_TAG: LazyLock<Regex> = LazyLock::new(|| {
    re(&crate::text::either_script(
        r"[，,]\s*(?:对吗|是吗|对不对|是不是|不是吗|没错吧|对吧|是吧|没错吗|对不对呢)\s*[？?]?\s*$|^(?:难道|你不是|您不是)",
    ))
});
static ZH_WH: LazyLock<Regex> = LazyLock::new(|| {
    re(&crate::text::either_script(
        r"什么|怎么|怎样|如何|为什么|为何|有何|何种|何以|哪|谁|多少|几[个次年天]|何时|何地|请(?:描述|解释|说明|谈谈|介绍)|告诉我们",
    ))
});
/// Yes/no particles and forms, in either script; "会否", "有否", "可否" are Hong Kong's
/// "whether or not".
static ZH_YES_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(&crate::text::either_script(
        r"(?:吗|(?:^|[^什甚怎这那多])么)[？?]?\s*$|有没有|是不是|是否|会不会|能不能|可不可以|知不知道|对不对|还是|(?:会|有|可|能|曾|应)否",
    ))
});

fn chinese_form(q: &str) -> Option<(Form, Why)> {
    if !crate::text::words::mostly_han(q) {
        return None;
    }
    let found = |r: &Regex| r.find(q).map(|m| m.as_str());
    if let Some(e) = found(&CHINESE_PIN) {
        return Some((Form::Leading, said("pins_the_answer", e)));
    }
    if let Some(e) = found(&ZH_TAG) {
        return Some((Form::Leading, said("tag_question", e)));
    }
    if let Some(e) = found(&CHINESE_INDIRECT) {
        return Some((Form::Open, said("asks_for_the_facts", e)));
    }
    // A question in several clauses is answered to its last one: "会否检讨；若会，详情为何；
    // 若不会，原因是什么" asks last for the reasons.
    let clauses: Vec<&str> = q
        .split(['；', ';', '，', ',', '：', ':'])
        .filter(|c| !c.trim().is_empty())
        .collect();
    if clauses.len() > 1
        && let Some(last) = clauses
            .iter()
            .rev()
            .find(|c| ZH_WH.is_match(c) || ZH_YES_NO.is_match(c))
    {
        let found = |r: &Regex| r.find(last).map(|m| m.as_str());
        if let Some(e) = found(&ZH_YES_NO) {
            return Some((Form::Closed, said("yes_no_question", e)));
        }
        if let Some(e) = found(&ZH_WH) {
            return Some((Form::Open, said("wh_question", e)));
        }
    }
    // "你做过什么吗？": a question word before 吗 is "anything", and the question is yes/no.
    if let Some(e) = found(&ZH_YES_NO) {
        return Some((Form::Closed, said("yes_no_question", e)));
    }
    if let Some(e) = found(&ZH_WH) {
        return Some((Form::Open, said("wh_question", e)));
    }
    Some((
        Form::Leading,
        said("statement_put_to_the_witness", q.trim()),
    ))
}

fn form_within(q: &str, depth: usize) -> (Form, Why) {
    if let Some(zh) = chinese_form(q) {
        return zh;
    }
    // Quotation marks and dashes left from the sentence before: "\"Yeah.\" So why…".
    let mut q = q
        .trim()
        .trim_start_matches(['"', '\'', '“', '”', '‘', '’', '-', '—', '–', ' ']);
    if let Some(m) = PIN.find(q) {
        return (Form::Leading, said("pins_the_answer", m.as_str()));
    }
    if let Some(m) = TAG.find(q) {
        let tag = m
            .as_str()
            .trim_start_matches([',', ';', ':', '—', '–', '-', ' ']);
        return (Form::Leading, said("tag_question", tag));
    }
    if let Some(c) = TAG_ANY.captures(q)
        && let Some(tag) = c.get(1)
    {
        // Only after a statement: "Did you go, did you?" is not a tag on a statement.
        let before = &q[..c.get(0).map_or(0, |m| m.start())];
        let before = OPENING.find(before).map_or(before, |m| &before[m.end()..]);
        let first = first_word(before);
        if words(before).len() >= 3
            && !first
                .as_deref()
                .is_some_and(|f| is_aux(f) || WH.contains(&f))
        {
            return (
                Form::Leading,
                why("tag_question", format!("\"{}?\"", tag.as_str())),
            );
        }
    }
    if let Some(m) = YES_OR_NO.find(q) {
        let rest = q[..m.start()].trim_end_matches([',', ' ', '-', '—']);
        let first = first_word(rest);
        if rest.is_empty() || first.as_deref().is_some_and(is_aux) {
            return (Form::Closed, said("yes_or_no", m.as_str()));
        }
        return (
            Form::Leading,
            said("statement_put_to_the_witness", head(q, 6)),
        );
    }
    // A preamble ending in a colon: "My first question is: is the approach…?"
    if let Some((_, after)) = q.rsplit_once(':')
        && words(after).len() >= 2
    {
        q = after.trim();
    }
    // "What, if anything, did you learn…?": a question word before a comma is no vocative.
    if let Some(m) = OPENING.find(q)
        && !words(m.as_str())
            .first()
            .is_some_and(|w| WH.contains(&w.as_str()))
    {
        q = q[m.end()..].trim_start();
    }
    if let Some(m) = LEADING_OPENER.find(q) {
        return (Form::Leading, said("states_its_answer", m.as_str()));
    }
    if let Some(m) = INDIRECT
        .find(q)
        .filter(|_| !DESCRIBE_AS.is_match(q))
        .or_else(|| TELL.find(q))
        .or_else(|| WANT_TO_KNOW.find(q))
    {
        return (Form::Open, said("asks_for_the_facts", m.as_str()));
    }
    if let Some(m) = WONDER_IF.find(q) {
        return (Form::Closed, said("yes_no_question", m.as_str()));
    }
    // A false start: "Can you — do you have a comment…?", "I'm curious if — how you feel…".
    if let Some((start, rest)) = q.split_once(['—', '–']).or_else(|| q.split_once("--"))
        && words(start).len() <= 4
        && first_word(rest).is_some_and(|f| is_aux(&f) || WH.contains(&f.as_str()))
    {
        q = rest.trim_start_matches(['—', '–', '-', ' ']);
        if let Some(m) = LEADING_OPENER.find(q) {
            return (Form::Leading, said("states_its_answer", m.as_str()));
        }
    }
    if let Some(m) = COMMAND.find(q) {
        return (Form::Open, said("asks_for_the_facts", m.as_str()));
    }
    if q.ends_with('?')
        && let Some(m) = DROPPED_AUX.find(q)
    {
        return (Form::Closed, said("yes_no_question", m.as_str()));
    }
    let mut w = words(q);
    // A false start ("How -- how many…") counts once; fillers ("just", "again") go.
    w.dedup();
    let fillers = w
        .iter()
        .take_while(|x| matches!(x.as_str(), "just" | "again" | "also" | "then" | "now"))
        .count();
    w.drain(..fillers.min(w.len().saturating_sub(1)));
    let Some(first) = w
        .first()
        .map(|f| f.trim_end_matches("'s").trim_end_matches("’s").to_owned())
    else {
        return (Form::Closed, why("no_words", "nothing to read"));
    };
    let second = w.get(1).map(String::as_str).unwrap_or("");
    // "In which way were you prevented…?", "To what extent…?", "At what point…?".
    if matches!(
        first.as_str(),
        "in" | "to" | "at" | "by" | "for" | "from" | "with" | "under" | "on"
    ) && WH.contains(&second)
    {
        return (Form::Open, said("wh_question", head(q, 3)));
    }
    // "Once or more than once?": the other alternatives of the question before.
    if q.ends_with('?')
        && w.len() <= 6
        && w.iter().any(|x| x == "or")
        && !WH.contains(&first.as_str())
    {
        return (Form::Closed, said("yes_or_no", q.trim()));
    }
    // "How about Donald Trump, same question?": the question before, asked again of another
    // thing (most often a yes/no in testimony); a question after the lead-in decides.
    if matches!(first.as_str(), "how" | "what") && second == "about" {
        if depth == 0
            && let Some(c) = EMBEDDED.captures_iter(q).last()
            && let Some(m) = c.get(1)
        {
            return form_within(&q[m.start()..], depth + 1);
        }
        return (Form::Closed, said("elliptical_question", head(q, 3)));
    }
    if WH.contains(&first.as_str()) {
        let asks = is_aux(second)
            || first == "why"
            || w[0] != first
            || (first == "how" && (HOW_ASKS.contains(&second) || second.is_empty()))
            // "How likely is it…?", "How serious was it…?"
            || (first == "how" && w.get(2).is_some_and(|x| is_aux(x)))
            || (matches!(first.as_str(), "who" | "what" | "which" | "whose")
                && !PRONOUNS.contains(&second))
            || second.is_empty();
        if asks {
            return (Form::Open, said("wh_question", head(q, 3)));
        }
        // "When you failed to pay…, was that out of loyalty?", "When Maxwell used the
        // words…, where were you?", "When you say us who are the us?": the question after
        // the clause, with or without a comma.
        if depth == 0 {
            let embedded = EMBEDDED
                .captures_iter(q)
                .filter_map(|c| c.get(1))
                .last()
                .map(|m| m.start());
            let inverted = inverted_wh(q).map(|m| m.start());
            let uncommaed = inverted_after_clause(q);
            if let Some(at) = embedded.into_iter().chain(inverted).chain(uncommaed).max() {
                return form_within(&q[at..], depth + 1);
            }
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
            said("statement_put_to_the_witness", head(q, 6)),
        );
    }
    if is_aux(&first) {
        // "Did you socialize with him, or how often would you say…?": the last question asked.
        if depth == 0
            && let Some(m) = inverted_wh(q)
        {
            return (Form::Open, said("wh_question", head(m.as_str(), 3)));
        }
        // A request ("Can you…", "Would you…", "Do you want to…"), not a question about a past
        // act ("Did you describe the injury to the doctor?") nor for an assurance ("Can you
        // tell us that it is not affected?").
        if second == "you"
            && (matches!(first.as_str(), "can" | "could" | "would" | "will")
                || w.get(2).is_some_and(|x| x == "want"))
            && let Some(m) = ASKS_FOR_FACTS.find(q)
            // "Would you describe us as well plugged in…?" asks a yes or no.
            && !DESCRIBE_AS.is_match(q)
            && !words(&q[m.end()..])
                .first()
                .is_some_and(|x| matches!(x.as_str(), "that" | "whether" | "if"))
        {
            return (Form::Open, said("asks_for_the_facts", m.as_str()));
        }
        if let Some(m) = ANY_COMMENT.find(q) {
            return (Form::Open, said("asks_for_the_facts", m.as_str()));
        }
        return (Form::Closed, said("yes_no_question", head(q, 3)));
    }
    // A question after a clause with no comma, as rough or garbled transcripts write it:
    // "When you would bring girls over to the house were you looking for…?".
    if depth == 0
        && SUBORDINATORS.contains(&first.as_str())
        && let Some(at) = inverted_after_clause(q)
    {
        return form_within(&q[at..], depth + 1);
    }
    // A question after a clause: "…, but have you always worked with Xerox?", "Or perhaps,
    // what would be your response…?"
    if depth == 0 {
        let embedded = EMBEDDED
            .captures_iter(q)
            .filter_map(|c| c.get(1))
            .last()
            .map(|m| m.start());
        let inverted = inverted_wh(q).map(|m| m.start());
        if let Some(at) = embedded.into_iter().chain(inverted).max() {
            return form_within(&q[at..], depth + 1);
        }
    }
    if let Some(m) = ASKS_INSIDE.find(q) {
        return (Form::Open, said("asks_for_the_facts", m.as_str()));
    }
    if let Some(m) = ASKS_WHETHER_INSIDE.find(q) {
        return (Form::Closed, said("yes_no_question", m.as_str()));
    }
    // "Anyone else?", "Or any other girl?": the question before, extended (a yes or no).
    if q.ends_with('?')
        && w.len() <= 6
        && w.iter().take(2).any(|x| {
            matches!(
                x.as_str(),
                "anyone" | "anybody" | "anything" | "any" | "someone" | "somebody" | "something"
            )
        })
    {
        return (Form::Closed, said("yes_no_question", head(q, 4)));
    }
    // "Because?": asks for the reason.
    if q.ends_with('?') && w.len() == 1 && first == "because" {
        return (Form::Open, why("wh_question", "\"Because?\""));
    }
    // A question word left in place at the end: "…by saying what?", "Of what?", "Provided
    // where?".
    if q.ends_with('?') && w.len() <= 3 && w.last().is_some_and(|x| WH.contains(&x.as_str())) {
        return (Form::Open, said("wh_question", q.trim()));
    }
    if q.ends_with('?')
        && let [.., before, last] = w.as_slice()
        && WH.contains(&last.as_str())
        && matches!(
            before.as_str(),
            "of" | "for"
                | "to"
                | "with"
                | "about"
                | "by"
                | "from"
                | "in"
                | "on"
                | "at"
                | "saying"
                | "doing"
                | "do"
                | "say"
                | "is"
                | "was"
                | "were"
                | "are"
                | "but"
                | "and"
                | "or"
                | "so"
        )
    {
        return (Form::Open, why("wh_question", format!("\"{}?\"", last)));
    }
    // A statement put to the witness, with or without a question mark: "So you met him in
    // March?", "And that was in 2012."
    (
        Form::Leading,
        said("statement_put_to_the_witness", head(q, 6)),
    )
}

/// Numbered parts of one question: "(一)…(二)…", "（1）…（2）…".
static NUMBERED_PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"[（(]\s*(?P<n>[一二三四五六七八九十]|\d{1,2})\s*[)）]"));

/// Whether the turn asks two or more things one answer cannot cleanly cover.
fn compound(turn: &str, reasons: &mut Vec<Why>) -> bool {
    // A question in numbered parts asks each of them: "政府可否告知本會：(一)…；(二)…".
    if crate::text::words::mostly_han(turn) {
        let parts: std::collections::BTreeSet<&str> = NUMBERED_PART
            .captures_iter(turn)
            .filter_map(|c| c.name("n").map(|m| m.as_str()))
            .collect();
        if parts.len() >= 2
            && let Some(m) = NUMBERED_PART.find(turn)
        {
            reasons.push(said("numbered_parts", m.as_str()));
            return true;
        }
    }
    // Two question sentences that ask different things.
    let questions: Vec<&str> = sentences(turn)
        .into_iter()
        .filter(|s| {
            // Three words, or three characters of Chinese (which has no spaces).
            s.ends_with(['?', '？']) && word_count(s) >= 3 && asks(s) && !refers_back(s)
        })
        .filter(|s| !quoted(turn, s) && !REPORTED.is_match(s))
        .collect();
    for pair in questions.windows(2) {
        let (a, b) = (subject_words(pair[0]), subject_words(pair[1]));
        let shared = a.intersection(&b).count();
        let smaller = a.len().min(b.len()).max(1);
        // Asking again in other words ("Did you report it? Did you report that user?") is one
        // question; asking about other things is two, and so is asking for the facts and
        // then a yes or no about them ("What have you done…? And are you satisfied…?").
        let open = |s: &str| form_of(s).0 == Form::Open;
        let other_kind = open(pair[0]) != open(pair[1]);
        let other_things = (shared as f64) / (smaller as f64) < 0.5;
        if (other_things || other_kind) && !a.is_empty() && !b.is_empty() {
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
                r"(?i)\w[^.?!]*?\s(?:,\s*)?and\s+(?:(?:by|in|at|on|for|from|to|with|until)\s+(?:what|which|whom)\s+(?:[a-z]+\s+)?(?:did|do|does|were|was|is|are|have|has|will|would)\s+(?:you|he|she|they|it|we|the)|(?:did|do|does|were|was|have|has|had|is|are|will|would|can|could)\s+(?:you|he|she|they|it|we)|(?:is|was|are|were)\s+(?:that|this|there)|(?:who|what|when|where|why|how)\s+(?:did|do|does|were|was|is|are|have|has|many|much)|(?:what|which|how)\s+(?:[a-z]+\s+){1,3}?(?:did|do|does|were|was|is|are|have|has|will|would)\s+(?:you|he|she|they|it|we|this|that|the))\b",
            )
        });
        // A false start ("And -- and do you…") joins nothing.
        if let Some(m) = JOINED.find(q)
            && let text = m.as_str()
            && let Some(at) = text.char_indices().rev().map(|(i, _)| i).find(|&i| {
                text[i..]
                    .get(..3)
                    .is_some_and(|t| t.eq_ignore_ascii_case("and"))
            })
            && words(&text[..at]).len() >= 3
        {
            reasons.push(said("joined_questions", m.as_str()));
            return true;
        }
    }
    false
}

/// A question someone else was asked, reported without quotation marks: "The President was
/// asked, would he do that?"
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:was|were|been|being|he|she|they|i|we|you|who|and)\s+(?:asked|wondered|said)[,:]\s+(?:do|does|did|is|are|was|were|would|will|could|can|has|have|had|what|why|how|who|when|where)\b",
    )
});

/// Whether position `at` of `s` is inside quotation marks: a question in quoted words
/// ('Did you ask him, "Why did you not…"?') is not the examiner's.
fn in_quotes(s: &str, at: usize) -> bool {
    let before = s.get(..at).unwrap_or("");
    before.matches('"').count() % 2 == 1
        || before.matches('“').count() > before.matches('”').count()
}

/// Whether sentence `s` (a slice of `turn`) is someone else's words the examiner quotes
/// ('…and say, "Can that be right? Is there not anything…?"'): an odd number of quotation
/// marks before it.
fn quoted(turn: &str, s: &str) -> bool {
    let at = (s.as_ptr() as usize).saturating_sub(turn.as_ptr() as usize);
    in_quotes(turn, at.min(turn.len()))
}

/// A question sentence that asks nothing new of its own: an elliptical lead-in ("What about
/// the name Chase?", "Could I ask you about Ukraine?") naming what the next one asks, the
/// other half of an either/or ("…? Or is it $170 billion?"), or a guess at the answer to a
/// "why" ("Why…? Is it because…?").
fn refers_back(s: &str) -> bool {
    let s = OPENING.find(s).map_or(s, |m| &s[m.end()..]);
    let w = words(s);
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    let w = match w.as_slice() {
        ["and", rest @ ..] | ["so", rest @ ..] | ["now", rest @ ..] => rest,
        all => all,
    };
    matches!(w, ["what" | "how", "about", ..])
        // "I mean, did…?", "My question is, did…?", "In other words, is…?": the same question
        // put again.
        || matches!(w, ["i", "mean", ..] | ["my", "question", ..] | ["in", "other", "words", ..])
        || matches!(w, ["can" | "could" | "may", "i", "ask" | "just", ..])
        || matches!(w, ["or", second, ..] if is_aux(second))
        || matches!(w, ["is" | "was", "it" | "that" | "this", "because", ..])
        // A hypothetical sets up the question that follows it: "What if a state prohibited
        // only…? Would that survive?"
        || matches!(w, ["what", "if", ..] | ["suppose", ..] | ["what", "happens", "if", ..])
}

/// Whether the text before a full stop ends in a title or an abbreviation ("Mr", "No", "U.S").
fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let bare = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    // Initials: "D.C", "U.K", "e.g".
    if bare.len() >= 3
        && bare
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
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
    let bare = OPENING.find(s).map_or(s, |m| &s[m.end()..]);
    let starts_as_one = words(bare).first().is_some_and(|w| {
        let w = w.trim_end_matches("'s");
        is_aux(w) || WH.contains(&w)
    });
    // "On Evan Gershkovich, has he been designated…?", "…, right?": a question all the same.
    starts_as_one
        || !matches!(
            form_of(s).1.rule,
            "statement_put_to_the_witness" | "no_words"
        )
}

/// Sentences, split after `.`, `?` and `!` (keeping the mark).
fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '.' && is_abbreviation(&s[start..i]) {
            continue;
        }
        // An ellipsis or an editor's "[...]" cut is not the end of a sentence.
        if c == '.' && (s[i + 1..].starts_with(['.', ']']) || s[..i].ends_with(['.', '['])) {
            continue;
        }
        // "$5.7 trillion", "Section 2.1": a point between digits.
        if c == '.'
            && s[..i].ends_with(|d: char| d.is_ascii_digit())
            && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())
        {
            continue;
        }
        if matches!(c, '.' | '?' | '!' | '？' | '。' | '！') {
            // A closing quotation mark or bracket right after the end belongs to this
            // sentence ('…the following week." What was…'), not to the next.
            let mut end = i + c.len_utf8();
            while let Some(q) = s[end..]
                .chars()
                .next()
                .filter(|q| matches!(q, '"' | '”' | '’' | ')' | ']' | '」' | '』'))
            {
                end += q.len_utf8();
            }
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
            "Did you ever meet any of the plaintiffs?",
            "Was it red or blue?",
            "Do you support the EARN IT Act? Yes or no?",
        ] {
            assert_eq!(form(q), Form::Closed, "{q}");
        }
        for q in [
            "Do you know what distillation is?",
            "Do you recall approximately when you took the space in the 401 Building?",
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
    fn tags_of_either_polarity_commands_and_questions_after_a_clause() {
        for q in [
            "And you're inventor of at least some of the patents at issue here today, are you not?",
            "And you don't have any of that research you say you did back in the year 2000, do you?",
            "At the time, you had not even read the '273 patent, had you, sir?",
            "Steve Waldbusser was the editor of the standards, do you agree with that?",
            "So is that a yes?",
            "So we just should overlook the failsafe language then? Is that what you're asking us to do?",
        ] {
            assert_eq!(form(q), Form::Leading, "{q}");
        }
        for q in [
            "Mr. Citron, have you ever sat with a family? Yes, or no?",
            "Remember the movie Wall Street?",
            "Okay. How about Donald Trump, same question?",
            "Did you go there, did you?",
            "Can we agree that what you do is what you believe?",
            "Do any of these books describe your invention?",
            "Did you describe the injury to the doctor?",
        ] {
            assert_eq!(form(q), Form::Closed, "{q}");
        }
        for q in [
            "Read the first question.",
            "All right. Take a look at Exhibit 93.",
            "And he replied, \"Yeah.\" So why is the President reneging on that pledge?",
            "If the debt can be used as collateral, why not allow them access directly?",
            "Did you socialize with him after that or how often would you say you saw him?",
            "Would you spend a minute on why we have jurisdiction over the May order?",
            "Do you want to check your records and tell us how much money you made on that?",
        ] {
            assert_eq!(form(q), Form::Open, "{q}");
        }
    }

    #[test]
    fn questions_put_indirectly_as_press_and_committees_do() {
        for q in [
            "There are reports he has no office. I'm curious if — how you feel about that.",
            "I just wonder how you envision her spending the next four years.",
            "The CIA prefers the lab leak theory now. I was curious to hear your thoughts on that.",
            "The Pentagon lifted a hold on the bombs. Can you — do you have a comment on that, sir?",
            "Do you have any response to the article that was written by Senator Manchin?",
            "Now that you've done your first trip, have you given any thought to where you want to go?",
            "Can you shed light on the decision to leave behind the equipment?",
            "I would like your comments on modifications others have proposed.",
            "Or perhaps, what would be your response to those people who are trapped?",
            "Why not give them more time to plan for — [...] — at least for a period of time?",
            "Mr. Sacco, state your name in full, please.",
        ] {
            assert_eq!(form(q), Form::Open, "{q}");
        }
        for q in [
            "I'm curious if you're concerned at all about any of the other nominees.",
            "I ask you if it does stand still?",
            "We don't know what they are. Can you tell us that LIHEAP is not one of those affected?",
            "Well, just is it true or not?",
        ] {
            assert_eq!(form(q), Form::Closed, "{q}");
        }
        for q in [
            "Am I to understand that you are saying that the Federal Reserve was informed?",
            "So may we take it that you put yourself in that category of people?",
            "And his ideas were published in a book called \"The Design Inference,\" were they not?",
        ] {
            assert_eq!(form(q), Form::Leading, "{q}");
        }
    }

    #[test]
    fn a_question_after_a_topic_is_a_second_question_but_an_alternative_is_not() {
        assert!(
            classify_question(
                "Thanks, Karine. On Evan Gershkovich, has he been designated as wrongfully detained? And is Roger Carstens working on his case?"
            )
            .compound
        );
        assert!(
            !classify_question("Is that what is actually owed? Or is it $170 billion?").compound
        );
        assert!(
            !classify_question(
                "Why hasn't the White House changed the definition? Is it because the numbers would look less impressive?"
            )
            .compound
        );
        assert!(
            !classify_question(
                "Could I ask you about Ukraine? Do you have any update on the call?"
            )
            .compound
        );
    }

    #[test]
    fn chinese_questions_by_their_particles_and_question_words() {
        assert_eq!(form("你知道什么是蒸馏吗？"), Form::Open);
        assert_eq!(form("xAI对OpenAI这样做过吗？"), Form::Closed);
        assert_eq!(form("萨维特：所以答案是肯定的。"), Form::Leading);
        assert_eq!(form("你当时在场，对吗？"), Form::Leading);
        assert_eq!(form("你为什么离开公司？"), Form::Open);
        assert_eq!(
            classify_question("你为什么离开公司？").flags,
            [Flag::WhyQuestion]
        );
        assert_eq!(form("你有没有见过他？"), Form::Closed);
        assert_eq!(form("你是三月见的他还是四月？"), Form::Closed);
        assert_eq!(form("你那天做过什么吗？"), Form::Closed);
        // Traditional characters, and Hong Kong's "會否" ("whether or not").
        assert_eq!(form("你知道甚麼是蒸餾嗎？"), Form::Open);
        assert_eq!(form("xAI對OpenAI這樣做過嗎？"), Form::Closed);
        assert_eq!(form("你當時在場，對嗎？"), Form::Leading);
        assert_eq!(form("局長會否拆除那些橫額？"), Form::Closed);
        // The last clause decides: "will you review it; if so, what are the details; if not,
        // why not" asks last for the reasons.
        assert_eq!(
            form("政府會否檢討該計劃；若會，詳情為何；若不會，原因是甚麼？"),
            Form::Open
        );
        assert_eq!(form("當局有何措施解決問題？"), Form::Open);
        assert_eq!(form("局長可否解釋一下？"), Form::Open);
        // A question in numbered parts is compound.
        let parts = classify_question("政府可否告知本會：(一)有否檢討；(二)會否延長計劃？");
        assert!(parts.compound, "{parts:?}");
        assert!(!classify_question("政府會否延長計劃？").compound);
        assert_eq!(
            classify_question("你為甚麼離開公司？").flags,
            [Flag::WhyQuestion]
        );
    }

    #[test]
    fn facts_then_a_yes_or_no_is_two_questions_but_quoted_questions_are_none() {
        assert!(
            classify_question(
                "What have you done to restore faith in the competence of government? And are you satisfied by the competence of your government?"
            )
            .compound
        );
        assert!(
            !classify_question(
                "Did you push back with the scientists and say, \"Can that be right? Is there not anything that can be done?\""
            )
            .compound
        );
    }

    #[test]
    fn negative_questions_indirect_asks_and_question_words_left_in_place() {
        for q in [
            "But don't you have to show that there are special circumstances here?",
            "They descend on him and it's all done in 10 seconds. Is that not contemporaneous?",
            "Mr. Steele acknowledged one more memo. Is that also accurate?",
            "And you don't know why?",
        ] {
            assert_eq!(form(q), Form::Leading, "{q}");
        }
        for q in [
            "You're devaluing the patent, and I wonder why that makes sense.",
            "I guess my question is what is left of the rule when you are done.",
            "So you're going to get around all those examples by saying what?",
            "I'm asking specifically about handguns.",
            "Do you have any understanding as to the type of professionals surveyed?",
        ] {
            assert_eq!(form(q), Form::Open, "{q}");
        }
        for q in [
            "Given all the negotiations going on, will all three of those still be covered?",
            "Are you aware that it was the process and how important it was?",
            "And the question I wanted to ask is whether every family makes him a public figure?",
        ] {
            assert_eq!(form(q), Form::Closed, "{q}");
        }
    }

    proptest::proptest! {
        /// Whatever a turn holds (quotes, dashes, Chinese, cut sentences), it is read without
        /// a panic.
        #[test]
        fn any_turn_is_read_without_panicking(
            s in "[a-zA-Z ,.?!\"“”’'—–\\-\\[\\]…吗什么为和é]{0,160}",
            t in "\\PC{0,80}",
        ) {
            let _ = classify_question(&s);
            let _ = classify_question(&t);
        }
    }

    #[test]
    fn confirmations_requests_and_fragments_from_hearings_and_arguments() {
        for q in [
            "It appears they want to keep this business to themselves. Am I wrong about that?",
            "You would prefer to do the press conference and get no money; is that what you're saying?",
            "Am I correct, you told Weisberg another of your motives was your anger?",
            "Would you as First Minister not have thought it to be important?",
        ] {
            assert_eq!(form(q), Form::Leading, "{q}");
        }
        for q in [
            "Can you give us a date?",
            "In which way were you prevented by your resources from recognizing it?",
            "Silly question, but where?",
            "Do you happen to know why there is no mitigation set out for that risk?",
            "Can you think of any reason why you didn't attend those meetings?",
            "Mr. Chairman, do you anticipate at what point in time you would have the data?",
        ] {
            assert_eq!(form(q), Form::Open, "{q}");
        }
        for q in [
            "Once or more than once?",
            "Have you given any thought to using your new authority to distinguish traders?",
        ] {
            assert_eq!(form(q), Form::Closed, "{q}");
        }
    }

    #[test]
    fn questions_after_a_clause_with_no_comma_as_rough_transcripts_write_them() {
        for q in [
            "When you would bring girls over to the house were you looking for some sort of experience?",
            "Each of the times that you met her was your conversation always fairly similar?",
            "Now, after you were dismissed, did Admiral Poindexter call you and say that?",
            "And is it true that he asked you who knew about the proceeds?",
            "Would you describe us as well plugged in or at a disadvantage?",
        ] {
            assert_eq!(form(q), Form::Closed, "{q}");
        }
        for q in [
            "When you say us who are the us?",
            "And on the three occasions that you went to the pool area who else was by the pool?",
            "What, if anything, did you learn from the livestream?",
            "How likely is it that the government will overlook the Act?",
            "Because?",
            "Provided where?",
            "Can you share with us the details and outcomes of the meeting?",
            "Do you have any prescription for us as to what we should be doing?",
        ] {
            assert_eq!(form(q), Form::Open, "{q}");
        }
        for q in [
            "Our debt stood at about $5.7 trillion. Is that your recollection?",
            "May we presume that those steps were taken?",
            "That's -- isn't that your basic claim?",
        ] {
            assert_eq!(form(q), Form::Leading, "{q}");
        }
    }

    #[test]
    fn a_lead_in_is_not_a_second_question() {
        assert!(
            !classify_question("What about the name Chase Nasca? Does that ring a bell?").compound
        );
        assert!(!classify_question("What do you mean by temporary? How long?").compound);
    }

    #[test]
    fn a_turn_without_question_marks_is_read_by_word_order_when_the_transcript_lost_them() {
        let unmarked = |q: &str| classify_unmarked_question(q);
        assert_eq!(unmarked("Did you sign it.").form, Form::Closed);
        assert_eq!(unmarked("Okay. What did you do next").form, Form::Open);
        assert_eq!(unmarked("You signed it, correct.").form, Form::Leading);
        // A clause or a statement is not a question: "When you met him." "What you are
        // saying is…".
        assert_eq!(unmarked("You signed it.").form, Form::Leading);
        assert_eq!(
            unmarked("So what you are saying is that you never saw it.").form,
            Form::Leading
        );
        let two = unmarked("Did you read it. And when did you sign it.");
        assert!(two.compound && two.form == Form::Open, "{two:?}");
        // Where the marks are kept, the last sentence with one is the question answered.
        assert_eq!(form("Did you read it? You signed it."), Form::Closed);
        assert_eq!(
            unmarked("Did you read it. You signed it.").form,
            Form::Closed
        );
        // Which transcripts lost them: fewer than one examiner turn in ten has a mark.
        let lost = ["Did you go.", "Why."].repeat(6);
        assert!(unmarked_turns(&lost));
        let kept = ["Did you go?", "You went."].repeat(6);
        assert!(!unmarked_turns(&kept));
        assert!(!unmarked_turns(&["Did you go."]), "too few turns to tell");
    }

    fn unmarked_turns(turns: &[&str]) -> bool {
        unmarked(turns.iter().copied())
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
        // A second question joined by "and", with its verb before its subject.
        assert!(
            classify_question(
                "Were you worried about the levees and what kind of warnings were you getting?"
            )
            .compound
        );
        assert!(
            classify_question("Is that a rule you knew of, and is that a rule you followed?")
                .compound
        );
        // "and have this…" is a verb and its object, not a second question.
        assert!(
            !classify_question("How long would you sit there and have this conversation?").compound
        );
        // A question after a quotation is the examiner's own: 'The note says: "There will
        // be an exercise next week." What did you understand by it? Did you attend?'
        assert!(
            classify_question(
                "The note says: \"There will be an exercise next week.\" What did you understand the exercise to involve? Did you attend it?"
            )
            .compound
        );
        // A question someone else was asked, reported, is not one of the examiner's.
        assert!(
            !classify_question(
                "The mayor was asked, would he release the files? So why has he not released them?"
            )
            .compound
        );
        // "…and by what date were you…?": a second question after a preposition.
        assert!(
            classify_question(
                "Would you have closed the schools earlier and by what date were you forced to act?"
            )
            .compound
        );
        // A hypothetical sets up the question after it.
        assert!(
            !classify_question(
                "What if the city banned only leaflets printed in red ink? Would that be valid?"
            )
            .compound
        );
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
