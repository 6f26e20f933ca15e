//! Press style: `Name: text` turns, one a line, inline in an article's paragraphs, or under a
//! name on a line of its own.

use super::front_matter::{FrontMatter, surname_of};
use super::*;

/// `Q173 ` before a UK select-committee question's label.
static UK_QUESTION: LazyLock<Regex> = LazyLock::new(|| re(r"^Q\d{1,5}[ \t]+"));

/// `Name:` labels: words starting with a capital (`OpenAI Lawyer William Savitt:`), or a short
/// run of Han characters, followed by an ASCII or full-width colon.
static NAME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // A label starts a word (`xAI. Savitt:` is `Savitt`, not `I. Savitt`); after its first
    // word it may hold a title in lower case or in Chinese (`OpenAI attorney William
    // Savitt:`, `OpenAI 律师 William Savitt：`), and ends in a name. News-wire transcripts
    // describe the speaker in capitals after a comma (`BIANNA GOLODRYGA, CNN ANCHOR:`): the
    // description is kept out of the name.
    re(
        r"(?:^|[\s\x22“(\[—–])(?P<label>\p{Lu}[\p{L}\p{M}\p{N}'’.\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|\p{Han}{1,6}|de|van|von|der|da|di|bin|al|la|le|attorney|lawyer|counsel|prosecutor|judge|senator|representative|witness|defendant|plaintiff|chairman|chairwoman|president|secretary|minister|spokesman|spokeswoman|spokesperson|host|anchor|correspondent|reporter|moderator|interviewer|professor|director|official|member|lead)){0,5}|\p{Han}{1,8})(?:[ \t]*\((?P<paren>[^()\n]{1,40})\))?(?P<desc>(?:,[ \t]+\p{Lu}[\p{Lu}\p{N}'’.\-]*(?:[ \t]+(?:\p{Lu}[\p{Lu}\p{N}'’.\-]*|OF|AND|FOR|THE|D\.C\.)){0,6}){1,3})?[ \t]*[:：][ \t]*",
    )
});

/// Words that show a line is the speaker talking (first or second person), not an article
/// talking about them.
const SPEECH_WORDS: [&str; 14] = [
    "i", "i'm", "i've", "i'd", "i'll", "me", "my", "we", "we're", "our", "us", "you", "your",
    "you're",
];
/// Words that show narration: the article reporting what was said.
const NARRATION_WORDS: [&str; 14] = [
    "said",
    "says",
    "asked",
    "asks",
    "told",
    "testified",
    "replied",
    "responded",
    "answered",
    "explained",
    "added",
    "wrote",
    "according",
    "reported",
];

/// A name on a line of its own: two to five capitalised words or initials (a suffix such as
/// `Jr.` allowed), maybe a timestamp, and no sentence. Only names that head three turns or
/// more in the text count, so a byline or a heading is not taken for a speaker.
fn name_lines(text: &str, lines: &[ContentLine]) -> Vec<NameCandidate> {
    static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?P<name>\p{Lu}[\p{L}'’\-]*\.?(?:[ ]+(?:\p{Lu}[\p{L}'’\-]*\.?|de|van|von|der|da|di|del|la|le)){1,4}(?:,[ ]+(?:Jr|Sr|II|III|IV)\.?)?)[ ]*(?:\(?\d{1,2}:\d{2}(?::\d{2})?\)?)?[ ]*:?$",
        )
    });
    let mut found: Vec<NameCandidate> = Vec::new();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        let s = text[l.range.clone()].trim_end();
        // A name line stands above words of its own.
        if i + 1 >= lines.len() {
            continue;
        }
        // A name ends in a name, an initial or a suffix, not a sentence (`Ms. Flint.`).
        let sentence_end = s.ends_with('.')
            && !s
                .split_whitespace()
                .last()
                .is_some_and(|w| w.len() <= 2 || ["Jr.", "Sr."].contains(&w));
        if !sentence_end
            && let Some(c) = NAME_LINE.captures(s)
            && let Some(name) = c.name("name")
            && s.split_whitespace().count() <= 7
            && !is_upper_line(name.as_str())
        {
            *counts.entry(name.as_str()).or_default() += 1;
            found.push(NameCandidate {
                line: i,
                range: l.range.start..l.range.start + s.len(),
                label: name.as_str().to_owned(),
                at_line_start: true,
            });
        }
    }
    // Three names that each head three turns make the layout; then a name heading fewer
    // (a justice who asks once) is a speaker too.
    let recurring = counts.values().filter(|&&n| n >= 3).count();
    if recurring < 2 {
        found.retain(|c| counts.get(c.label.as_str()).copied().unwrap_or(0) >= 3);
    }
    found
}

/// Page furniture in text printed from a browser: `1 of 48   22/08/2025, 00:01`, a URL line.
fn is_page_furniture(s: &str) -> bool {
    static FURNITURE: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(?:\d{1,4}[ ]+of[ ]+\d{1,4}\b|\S*https?://\S+$)|https?://\S+[ ]*$"));
    FURNITURE.is_match(s.trim())
}

/// Verbs of saying that Chinese reports put after a name before the colon.
const SPEECH_VERBS: [&str; 20] = [
    "回答说",
    "回答說",
    "回答",
    "答道",
    "反问",
    "反問",
    "追问",
    "追問",
    "问道",
    "問道",
    "表示",
    "反驳",
    "反駁",
    "回应",
    "回應",
    "说",
    "說",
    "问",
    "問",
    "答",
];

/// `馬斯克回答` → `馬斯克`; other labels as they are.
fn strip_speech_verb(label: &str) -> &str {
    if !label.chars().all(crate::text::is_han) {
        return label;
    }
    SPEECH_VERBS
        .iter()
        .find_map(|v| label.strip_suffix(v))
        .unwrap_or(label)
}

/// A line that is only a bracketed or parenthesised note: a timestamp, `(LAUGHTER)`.
fn is_stage_note(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with('[') && s.ends_with(']')) || (s.starts_with('(') && s.ends_with(')'))
}

/// A short line that ends no sentence: a headline, a caption, page furniture.
fn is_title(s: &str) -> bool {
    let s = s.trim();
    let ends = s
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '」', '』'])
        .ends_with(['.', '?', '!', '。', '？', '！', '…', '-', '—']);
    let short = s.split_whitespace().count() < 12 && s.chars().count() < 60;
    !ends && short
}

/// Whether a line narrates (an article reporting what was said) rather than speaks.
fn narrates(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| NARRATION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether an unlabelled line right after a turn still reads as that speaker talking: it
/// speaks in the first or second person and does not narrate. Article prose after a quoted
/// exchange ("Distillation is a technique in which…") does neither.
fn reads_as_speech(s: &str) -> bool {
    if s.chars().any(crate::text::is_han) {
        return (s.contains('我') || s.contains('你')) && !s.contains('说') && !s.contains('問');
    }
    let words: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    words.iter().any(|w| SPEECH_WORDS.contains(&w.as_str()))
        && !words.iter().any(|w| NARRATION_WORDS.contains(&w.as_str()))
}
/// Labels that are not people.
const NOT_NAMES: [&str; 36] = [
    "tel",
    "fax",
    "e-mail",
    "email",
    "phone",
    "telephone",
    "web",
    "www",
    "by",
    "and",
    "attn",
    "cell",
    "note",
    "source",
    "sources",
    "photo",
    "updated",
    "published",
    "editor's note",
    "related",
    "read more",
    "subscribe",
    "advertisement",
    "transcript",
    "date",
    "time",
    "location",
    "subject",
    "from",
    "to",
    "re",
    "cc",
    "update",
    "correction",
    "warning",
    "q",
];

#[derive(Debug, Clone)]
struct NameCandidate {
    line: usize,
    /// Byte range of the label (name and colon) in the text.
    range: Range<usize>,
    label: String,
    at_line_start: bool,
}

fn boundary_before(prefix: &str) -> bool {
    match prefix.trim_end().chars().last() {
        None => true,
        Some(c) => {
            prefix.ends_with(char::is_whitespace)
                && matches!(
                    c,
                    '.' | '?'
                        | '!'
                        | ':'
                        | ';'
                        | '"'
                        | '”'
                        | '’'
                        | ')'
                        | ']'
                        | '…'
                        | '。'
                        | '？'
                        | '！'
                        | '」'
                        | '』'
                        | '—'
                )
        }
    }
}

/// Press style: `Name: text` turns, one per line or several inline in a paragraph.
/// Inline labels count only when the same speaker is labelled more than once, so that
/// "Washington: ..." in running prose does not become a speaker.
pub fn name_colon(text: &str, lines: &[ContentLine]) -> Parsed {
    let mut candidates = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        for c in NAME_LABEL.captures_iter(s) {
            let (Some(m), Some(label)) = (c.get(0), c.name("label")) else {
                continue;
            };
            // The match may begin with the blank before the label.
            let m_start = label.start();
            // Chinese reports put the verb of saying in the label (`馬斯克回答：`, `巴倫問：`):
            // the speaker is the name before it.
            let name = strip_speech_verb(label.as_str().trim());
            if name.is_empty() {
                continue;
            }
            let lower = name.to_lowercase();
            let single_letter = name.chars().count() == 1;
            let is_sentence = name.split_whitespace().count() > 1
                && name.split_whitespace().all(|w| w.len() <= 3)
                && !name.contains('.');
            if NOT_NAMES.contains(&lower.as_str())
                || single_letter
                || is_sentence
                || m.end() == s.len()
            {
                continue;
            }
            let at_line_start = m_start == 0;
            if !at_line_start && !boundary_before(&s[..m_start]) {
                continue;
            }
            candidates.push(NameCandidate {
                line: i,
                range: l.range.start + m_start..l.range.start + m.end(),
                label: name.to_owned(),
                at_line_start,
            });
        }
    }
    // Transcripts printed from web players put each speaker's name on a line of its own
    // (`John G. Roberts, Jr.`, `Tacy F. Flint`, `Jane Doe (00:01:12):`) above the words.
    let name_lines = name_lines(text, lines);
    let mut speaker_lines = name_lines.iter().peekable();
    let mut merged = Vec::with_capacity(candidates.len() + name_lines.len());
    for c in candidates {
        while let Some(n) = speaker_lines.next_if(|n| n.line < c.line) {
            merged.push(n.clone());
        }
        if speaker_lines.peek().is_some_and(|n| n.line == c.line) {
            speaker_lines.next();
        }
        merged.push(c);
    }
    merged.extend(speaker_lines.cloned());
    let mut candidates = merged;
    let by_name_lines = name_lines.len() >= 3;
    // Keep line-start labels, and inline labels whose speaker is labelled at least twice.
    let labels: Vec<String> = candidates.iter().map(|c| c.label.clone()).collect();
    let mut distinct: Vec<String> = labels.clone();
    distinct.sort();
    distinct.dedup();
    let (clusters, _) = cluster_labels(&distinct, &[]);
    let cluster_of = |label: &str| {
        distinct
            .binary_search_by(|d| d.as_str().cmp(label))
            .ok()
            .map(|i| clusters[i])
    };
    let mut per_cluster: HashMap<usize, usize> = HashMap::new();
    for l in &labels {
        if let Some(c) = cluster_of(l) {
            *per_cluster.entry(c).or_default() += 1;
        }
    }
    let mut warnings = Vec::new();
    candidates.retain(|c| {
        let keep = c.at_line_start
            || cluster_of(&c.label).is_some_and(|k| per_cluster.get(&k).copied().unwrap_or(0) >= 2);
        if !keep {
            warnings.push(Warning {
                loc: Some(lines[c.line].loc),
                message: format!(
                    "\"{}:\" inside prose looks like a label but names no other turn; read as text",
                    c.label
                ),
            });
        }
        keep
    });

    // The front matter's lists of members and witnesses, before the first turn.
    let first_turn = candidates.first().map_or(lines.len(), |c| c.line);
    let front = FrontMatter::read(text, &lines[..first_turn]);
    let mut b = Builder::new(text, lines);
    // A transcript (most paragraphs labelled) continues a speaker in unlabelled paragraphs;
    // an article (most paragraphs prose) does not.
    let paragraphs = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.after_blank)
        .count();
    let labelled_paragraphs = candidates
        .iter()
        .filter(|c| c.at_line_start && (c.line == 0 || lines[c.line].after_blank))
        .count();
    let transcript_like = labelled_paragraphs * 2 >= paragraphs;
    let mut next = candidates.iter().peekable();
    // Whether the text wraps its lines inside sentences (then an unlabelled line continues
    // the turn) or gives each paragraph a line of its own (then it may be article prose).
    let mut prev_ends_sentence = true;
    for (i, l) in lines.iter().enumerate() {
        let mut pos = l.range.start;
        let mut labelled_here = false;
        let s = &text[l.range.clone()];
        // `[11:30:00]`, `(LAUGHTER)`, a browser's page header: neither words of the turn nor
        // the end of it.
        if next.peek().is_none_or(|c| c.line != i)
            && (is_stage_note(s) || (by_name_lines && is_page_furniture(s)))
        {
            continue;
        }
        let sentence_before = std::mem::replace(&mut prev_ends_sentence, ends_sentence(s));
        let continues = if by_name_lines {
            // The speaker goes on until the next name line; page furniture aside.
            !is_page_furniture(s)
        } else if l.after_blank {
            !is_title(s) && (reads_as_speech(s) || (transcript_like && !narrates(s)))
        } else {
            // One paragraph a line with no blank between: only speech continues a turn
            // (a news report puts its prose on the next line).
            !sentence_before || reads_as_speech(s)
        };
        while let Some(c) = next.next_if(|c| c.line == i) {
            // Text before the first label of a line: continuation or prose.
            if c.range.start > pos {
                let before = pos..c.range.start;
                if labelled_here || (b.open && continues) {
                    b.piece(i, trim_range(text, before));
                } else if !text[before].trim().is_empty() {
                    b.close();
                    b.stray(l.loc);
                }
            }
            // `Q173       Chair:`: a numbered question of UK select-committee evidence.
            let (label, numbered) = match UK_QUESTION.find(&c.label) {
                Some(m) => (c.label[m.end()..].to_owned(), true),
                None => (c.label.clone(), false),
            };
            let role = if numbered {
                RoleHint::Fixed(Role::Examiner)
            } else {
                match front.role_of(&surname_of(&label)) {
                    Some(r) => RoleHint::Fixed(r),
                    None => RoleHint::Infer,
                }
            };
            let kind = numbered.then_some(TurnKind::Question);
            b.start(label, false, role, kind, c.range.start);
            pos = c.range.end;
            labelled_here = true;
        }
        let rest = pos..l.range.end;
        if labelled_here || (b.open && continues) {
            b.piece(i, trim_range(text, rest));
        } else {
            b.close();
            b.stray(l.loc);
        }
    }
    let mut parsed = b.finish();
    parsed.warnings.splice(0..0, warnings);
    parsed
}
