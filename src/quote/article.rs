//! Checking a whole article against the record: every quotation in it found (double, single
//! and typographic quotes told apart from apostrophes, guillemets, block quotes, exchange
//! lines), who the article says said it, and whether the record bears it out.

use super::{Passage, verify};
use crate::transcript::{Transcript, TurnKind};
use serde::Serialize;
use std::sync::LazyLock;

/// What the record says of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Verbatim,
    Altered,
    Misattributed,
    NotFound,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Verbatim => "verbatim",
            Status::Altered => "altered",
            Status::Misattributed => "misattributed",
            Status::NotFound => "not_found",
        }
    }
}

/// Something to look at, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// `ellipsis_drops_negation`, `spans_turns`, `fragment`, `context_question`.
    pub flag: &'static str,
    pub reason: String,
}

/// The record's passage for a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordMatch {
    pub passage: Passage,
    pub similarity: f64,
    pub diff: Vec<super::DiffOp>,
}

/// One quotation in the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleQuote {
    pub text: String,
    /// Who the article says said it, as the article names them.
    pub said_by: Option<String>,
    /// 1-based line of the article.
    pub article_line: usize,
    pub status: Status,
    pub flags: Vec<Flag>,
    #[serde(rename = "match")]
    pub record: Option<RecordMatch>,
}

/// A quote's words before checking: text, line, attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    text: String,
    line: usize,
    said_by: Option<String>,
}

/// Similarity at which a passage counts as the quote, altered.
const ALTERED_FROM: f64 = 0.6;
/// At most this many words, common ones, a quote is a fragment (scare quotes).
const FRAGMENT_WORDS: usize = 2;

/// Checks every quotation in `article` against `t`.
/// An article file's text: a Word document's paragraphs, or text in any encoding the
/// transcript importer reads (UTF-8, UTF-16, Windows-1252), so that a curly quote or a dash
/// is the character the writer typed; HTML stays HTML for [`check_article`].
pub fn article_text(bytes: &[u8]) -> Result<String, crate::transcript::LoadErrorKind> {
    use crate::transcript::{LoadErrorKind, decode, docx};
    if docx::is_docx(bytes) {
        return docx::to_text(bytes).map_err(LoadErrorKind::Word);
    }
    decode::decode(bytes).map(|d| d.text)
}

pub fn check_article(t: &Transcript, article: &str) -> Vec<ArticleQuote> {
    let text = if crate::transcript::html::looks_like_html(article) {
        crate::transcript::html::to_text(article)
    } else {
        article.to_owned()
    };
    let found = find_quotes(&text);
    found.into_iter().map(|f| check_one(t, &text, f)).collect()
}

fn check_one(t: &Transcript, article: &str, f: Found) -> ArticleQuote {
    let mut flags = Vec::new();
    let words: Vec<String> = crate::text::words::words(&f.text);
    if words.len() <= FRAGMENT_WORDS {
        flags.push(Flag {
            flag: "fragment",
            reason: format!("{} word(s)", words.len()),
        });
    }
    let v = verify(t, &f.text);
    // Of several verbatim places (a short phrase said more than once), the one by the speaker
    // the article names.
    let named = f.said_by.as_deref().and_then(|n| speaker_named(t, n));
    let best = v
        .matches
        .iter()
        .find(|p| named.as_deref() == Some(p.speaker.as_str()))
        .or_else(|| v.matches.first());
    let (mut status, record) = if let Some(p) = best {
        (
            Status::Verbatim,
            Some(RecordMatch {
                passage: p.clone(),
                similarity: 1.0,
                diff: Vec::new(),
            }),
        )
    } else if let Some(c) = v.closest.filter(|c| c.similarity >= ALTERED_FROM) {
        (
            Status::Altered,
            Some(RecordMatch {
                passage: c.passage,
                similarity: c.similarity,
                diff: c.diff,
            }),
        )
    } else {
        (Status::NotFound, None)
    };
    // Two turns joined into one quote: each sentence verbatim, in different turns.
    if status != Status::Verbatim {
        let parts = sentences(&f.text);
        if parts.len() >= 2 {
            let found: Vec<Option<Passage>> = parts
                .iter()
                .map(|p| verify(t, p).matches.into_iter().next())
                .collect();
            if found.iter().all(Option::is_some) {
                let turns: Vec<usize> = found.iter().flatten().map(|p| p.turn).collect();
                if turns.windows(2).any(|w| w[0] != w[1]) {
                    let speakers: Vec<&str> =
                        found.iter().flatten().map(|p| p.speaker.as_str()).collect();
                    flags.push(Flag {
                        flag: "spans_turns",
                        reason: format!(
                            "joins turns {} ({})",
                            turns
                                .iter()
                                .map(|k| (k + 1).to_string())
                                .collect::<Vec<_>>()
                                .join(" and "),
                            speakers.join(", ")
                        ),
                    });
                }
            }
        }
    }
    if let Some(m) = &record {
        // An ellipsis that leaves out a negation changes the meaning.
        if (f.text.contains("...") || f.text.contains('…')) && status == Status::Verbatim {
            let quoted: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            let dropped: Vec<String> = crate::text::words::words(&m.passage.text)
                .into_iter()
                .filter(|w| !quoted.contains(&w.to_lowercase()))
                .filter(|w| is_negation(w))
                .collect();
            if !dropped.is_empty() {
                flags.push(Flag {
                    flag: "ellipsis_drops_negation",
                    reason: format!("the omission holds \"{}\"", dropped.join("\", \"")),
                });
            }
        }
        // Who said it, against who the article says did.
        if let Some(name) = &f.said_by
            && let Some(named) = &named
            && *named != m.passage.speaker
        {
            status = Status::Misattributed;
            flags.push(Flag {
                flag: "misattributed",
                reason: format!(
                    "the article says {name}; the record says {}",
                    m.passage.speaker
                ),
            });
        }
        // A bare yes or no, quoted without the question it answered.
        let turn = &t.turns[m.passage.turn];
        if turn.kind == TurnKind::Answer
            && words.len() <= 3
            && words.first().is_some_and(|w| {
                matches!(w.to_lowercase().as_str(), "yes" | "no" | "yeah" | "correct")
            })
            && let Some(q) = turn.answers
        {
            let question = crate::text::words::content(&t.turns[q].text);
            let article_words = crate::text::words::content(article);
            let shared = question.intersection(&article_words).count();
            if question.is_empty() || shared * 2 < question.len() {
                flags.push(Flag {
                    flag: "context_question",
                    reason: format!(
                        "answers \"{}\" ({}), which the article does not give",
                        crate::text::chars::shorten(&t.turns[q].text, 80),
                        t.turns[q].start
                    ),
                });
            }
        }
    }
    ArticleQuote {
        text: f.text,
        said_by: f.said_by,
        article_line: f.line,
        status,
        flags,
        record,
    }
}

fn is_negation(w: &str) -> bool {
    let w = w.to_lowercase().replace('’', "'");
    matches!(
        w.as_str(),
        "not" | "never" | "no" | "nothing" | "none" | "neither" | "nor" | "nobody" | "without"
    ) || w.ends_with("n't")
}

/// The transcript speaker the article's name refers to: by full name, surname or alias,
/// forgiving a misspelling.
fn speaker_named(t: &Transcript, name: &str) -> Option<String> {
    let key = |s: &str| {
        s.split_whitespace()
            .last()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let wanted = key(name);
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(f64, String)> = None;
    for s in &t.speakers {
        for label in std::iter::once(&s.name).chain(s.aliases.iter()) {
            let score = strsim::jaro_winkler(&key(label), &wanted);
            if score >= 0.9 && best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, s.name.clone()));
            }
        }
    }
    best.map(|(_, n)| n)
}

/// Sentences of a quote (for quotes that join two turns).
fn sentences(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if matches!(c, '.' | '?' | '!') {
            let piece = cur.trim().to_owned();
            if !crate::text::words::words(&piece).is_empty() {
                out.push(piece);
            }
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_owned());
    }
    out
}

/// Verbs that attribute a quote to a speaker.
const SAYS: &str = r"said|says|replied|replies|asked|asks|told|tells|pressed|presses|responded|responds|insisted|insists|conceded|concedes|added|adds|testified|testifies|answered|answers|explained|explains|countered|counters|acknowledged|acknowledges|admitted|admits|wrote|writes|shot back|continued";

/// A name: one to three capitalised words ("Musk", "Elon Musk", "Mr. Savitt").
const NAME: &str = r"(?:(?:Mr|Ms|Mrs|Dr|Sen|Senator|Rep|Judge|Justice)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}";

static AFTER: LazyLock<regex::Regex> = LazyLock::new(|| {
    // `"…," Musk said` / `"…," said Musk`
    regex::Regex::new(&format!(
        r"^[\s,.;:—–-]*(?:(?P<a>{NAME})\s+(?:{SAYS})\b|(?:{SAYS})\s+(?P<b>{NAME}))"
    ))
    .expect("static regex")
});
static BEFORE: LazyLock<regex::Regex> = LazyLock::new(|| {
    // `Musk replied, "…"` / `Musk told the jury: "…"`
    regex::Regex::new(&format!(
        r"(?P<n>{NAME})\s+(?:{SAYS})\b[^.!?\x22“”«»]{{0,60}}[,:]?\s*$"
    ))
    .expect("static regex")
});
static EXCHANGE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^\s*(?P<n>[A-Z][\w.'’ -]{0,40}?)\s*[:：]\s+(?P<t>\S.*)$")
        .expect("static regex")
});

/// Every quotation in the article, in order.
fn find_quotes(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let trimmed = line.trim_start();
        // A block quote: a Markdown `>` line.
        if let Some(rest) = trimmed.strip_prefix('>') {
            let q = rest.trim();
            if !q.is_empty() {
                out.push(Found {
                    text: q.to_owned(),
                    line: n,
                    said_by: None,
                });
            }
            continue;
        }
        // An exchange line: `Savitt: Has xAI done that?` (no quotation marks in it).
        // A label names someone, with a title at most ("OpenAI attorney William Savitt:");
        // "Alito to Verrilli:" is a headline.
        if let Some(c) = EXCHANGE.captures(line)
            && !line.contains(['"', '“', '”'])
            && c["n"].split_whitespace().count() <= 5
            && c["n"]
                .split_whitespace()
                .last()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !c["n"].split_whitespace().any(|w| LINKING.contains(&w))
        {
            out.push(Found {
                text: c["t"].trim().to_owned(),
                line: n,
                said_by: Some(c["n"].trim().to_owned()),
            });
            continue;
        }
        for (start, end) in spans(line) {
            let q = line[start..end].trim();
            // The quote's own marks are gone; quotes inside it stay.
            let inner = q
                .trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '«' | '»' | '‘' | '’' | '\''))
                .trim();
            if inner.is_empty() {
                continue;
            }
            let after = &line[end..];
            let before = &line[..start];
            // `Savitt pressed: "…"` names the speaker of the quote it introduces; `"…," Musk
            // said` the one before it — unless it introduces the next quote (`Musk said: "…"`).
            let introduced = introduced_by(before);
            let trailing = AFTER.captures(after).filter(|c| {
                let end = c.get(0).map_or(0, |m| m.end());
                !after[end..].trim_start().starts_with(':')
            });
            let said_by = introduced
                .or_else(|| {
                    trailing
                        .as_ref()
                        .and_then(|c| c.name("a").or_else(|| c.name("b")))
                })
                .map(|m| m.as_str().to_owned())
                .filter(|n| {
                    !matches!(n.as_str(), "He" | "She" | "They" | "It" | "I" | "We")
                        && !NOT_NAMES.contains(&n.split_whitespace().next().unwrap_or(""))
                });
            out.push(Found {
                text: inner.to_owned(),
                line: n,
                said_by,
            });
        }
    }
    out
}

/// Words that join names in a headline ("Alito to Verrilli"), never inside one label.
const LINKING: &[&str] = &[
    "to", "and", "or", "of", "for", "the", "a", "on", "in", "at", "with", "vs", "v.",
];

/// Capitalised words that start sentences, not names ("When pressed, Musk said: …").
const NOT_NAMES: &[&str] = &[
    "When", "While", "After", "Before", "Asked", "Pressed", "Then", "But", "And", "So", "Later",
    "Earlier", "The", "This", "That", "In", "On", "At", "As", "If", "Once", "Again", "Still",
];

/// The speaker named by an attribution that ends right before a quote (`Musk said: "…"`):
/// the last one, skipping sentence openers taken for names.
fn introduced_by(before: &str) -> Option<regex::Match<'_>> {
    let mut from = 0;
    while from < before.len() {
        let c = BEFORE.captures(&before[from..])?;
        let n = c.name("n")?;
        let first = n.as_str().split_whitespace().next().unwrap_or("");
        if !NOT_NAMES.contains(&first) {
            // Offsets back into `before`.
            return BEFORE.captures_at(before, from).and_then(|c| c.name("n"));
        }
        from += n.end();
    }
    None
}

/// Byte ranges of the outermost quotations on a line, marks included.
fn spans(line: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let close: Option<&[char]> = match c {
            '"' => Some(&['"']),
            '“' => Some(&['”', '"']),
            '«' => Some(&['»']),
            '‘' | '\'' if opens_single(&chars, k) => Some(&['’', '\'']),
            _ => None,
        };
        let Some(close) = close else {
            k += 1;
            continue;
        };
        // The matching close: for single quotes, one that is not an apostrophe.
        let mut j = k + 1;
        let mut found = None;
        while j < chars.len() {
            let (_, d) = chars[j];
            if close.contains(&d) && (!matches!(d, '’' | '\'') || closes_single(&chars, j)) {
                found = Some(j);
                break;
            }
            j += 1;
        }
        match found {
            Some(j) => {
                let end = chars[j].0 + chars[j].1.len_utf8();
                out.push((i, end));
                k = j + 1;
            }
            None => k += 1,
        }
    }
    out
}

/// A single quote that opens a quotation: at the start or after a space or an opening
/// bracket, and before a letter ("that's" and "Musk's" are apostrophes).
fn opens_single(chars: &[(usize, char)], k: usize) -> bool {
    let before = k.checked_sub(1).map(|p| chars[p].1);
    let after = chars.get(k + 1).map(|c| c.1);
    before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '"' | '“' | '—'))
        && after.is_some_and(char::is_alphanumeric)
}

/// A single quote that closes a quotation: after a letter or punctuation, and before a space,
/// punctuation or the end ("don't" is an apostrophe).
fn closes_single(chars: &[(usize, char)], k: usize) -> bool {
    let before = chars.get(k.wrapping_sub(1)).map(|c| c.1);
    let after = chars.get(k + 1).map(|c| c.1);
    before.is_some_and(|b| !b.is_whitespace())
        && after.is_none_or(|a| {
            a.is_whitespace() || matches!(a, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '"' | '”')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Transcript {
        crate::transcript::parse_text(
            include_str!("../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        )
    }

    #[test]
    fn quotes_are_found_and_told_apart_from_apostrophes() {
        let found = find_quotes(
            "Musk's lawyer asked: \"Has xAI done that with OpenAI?\" It's a 'partly' kind of day.\n\
             “Generally all the AI companies do that,” Musk said, and «that's it».\n\
             > It is standard practice to use other AIs to validate your AI.\n\
             Savitt: So that's a yes.\n",
        );
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Has xAI done that with OpenAI?",
                "partly",
                "Generally all the AI companies do that,",
                "that's it",
                "It is standard practice to use other AIs to validate your AI.",
                "So that's a yes."
            ]
        );
        // "Musk's lawyer" names nobody by a name.
        assert_eq!(found[0].said_by, None);
        assert_eq!(found[2].said_by.as_deref(), Some("Musk"));
        assert_eq!(found[5].said_by.as_deref(), Some("Savitt"));
        assert_eq!(found[4].line, 3);
    }

    #[test]
    fn every_status_and_flag() {
        let t = seed();
        // The record has "Generally all the AI companies [do that]." (the write-up's own
        // brackets), so a quote without them is altered, not verbatim.
        let article = "\u{201c}It is standard practice to use other AIs to validate your AI,\u{201d} Musk said.\n\
             \u{201c}Generally all AI companies do this,\u{201d} Musk added.\n\
             \u{201c}Has xAI done that with OpenAI?\u{201d} Musk asked.\n\
             \u{201c}We never trained on anything,\u{201d} Musk insisted.\n\
             Asked about it, Musk said \u{201c}Partly.\u{201d}\n\
             \u{201c}Has xAI done that with OpenAI? So that's a yes.\u{201d}\n\
             It was, he said, \u{201c}standard practice.\u{201d}\n";
        let q = check_article(&t, article);
        let status: Vec<&str> = q.iter().map(|x| x.status.name()).collect();
        assert_eq!(
            status,
            [
                "verbatim",
                "altered",
                "misattributed",
                "not_found",
                "verbatim",
                "altered",
                "verbatim"
            ],
            "{q:#?}"
        );
        assert_eq!(
            q[0].record.as_ref().map(|m| m.passage.speaker.as_str()),
            Some("Musk")
        );
        assert!(
            q[1].record
                .as_ref()
                .is_some_and(|m| m.similarity < 1.0 && !m.diff.is_empty())
        );
        assert!(
            q[2].flags
                .iter()
                .any(|f| f.flag == "misattributed" && f.reason.contains("Savitt")),
            "{:?}",
            q[2].flags
        );
        assert!(
            q[5].flags.iter().any(|f| f.flag == "spans_turns"),
            "{:?}",
            q[5].flags
        );
        assert!(q[6].flags.iter().any(|f| f.flag == "fragment"));
    }

    #[test]
    fn an_ellipsis_over_a_negation_and_a_bare_yes_are_flagged() {
        let t = crate::transcript::parse_text(
            "Q. Did you read the report?\nA. I did not read the whole report, but I read the summary.\nQ. Did you destroy the documents?\nA. Yes.\n"
                .to_owned(),
            "UTF-8",
            Some(crate::transcript::Format::Qa),
        );
        let q = check_article(
            &t,
            "The witness said \"I did ... read the whole report.\"\nAsked again, she said \"Yes.\"\n",
        );
        assert_eq!(q[0].status, Status::Verbatim, "{q:#?}");
        assert!(
            q[0].flags
                .iter()
                .any(|f| f.flag == "ellipsis_drops_negation" && f.reason.contains("not")),
            "{:?}",
            q[0].flags
        );
        assert!(
            q[1].flags
                .iter()
                .any(|f| f.flag == "context_question" && f.reason.contains("destroy")),
            "{:?}",
            q[1].flags
        );
    }

    #[test]
    fn an_attribution_belongs_to_the_quote_it_introduces_or_follows() {
        let found = find_quotes(
            "\"Generally all AI companies do this,\" Musk said. Savitt pressed: \"So that's a yes.\" Musk insisted: \"I never used it.\"",
        );
        let by: Vec<Option<&str>> = found.iter().map(|f| f.said_by.as_deref()).collect();
        assert_eq!(by, [Some("Musk"), Some("Savitt"), Some("Musk")]);
    }

    #[test]
    fn a_quote_inside_a_quote_stays_inside_it() {
        let found = find_quotes(
            "Musk said, \u{201c}I told them \u{2018}no comment\u{2019} and left.\u{201d} Then: \"They asked 'why?' twice.\"",
        );
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "I told them \u{2018}no comment\u{2019} and left.",
                "They asked 'why?' twice."
            ]
        );
        assert_eq!(found[0].said_by.as_deref(), Some("Musk"));
    }
}
