//! Words for the analysis rules: lower-cased words, stems, content words, sentences.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

/// Lower-cased words with straight apostrophes (`don’t` → `don't`), in order.
/// How many words `s` has, for length rules: Chinese is written without spaces, so each Han
/// character counts as one (a Chinese word is one or two characters), not a whole clause.
pub fn word_count(s: &str) -> usize {
    words(s)
        .iter()
        .map(|w| w.chars().filter(|c| super::is_han(*c)).count().max(1))
        .sum()
}

/// Whether `s` is written mostly in Chinese, to be read by Chinese rules: its Han characters
/// outweigh its Latin letters (a Han character is about a word, a Latin word about four
/// letters), so an English question naming "Mr. 王" stays English.
pub fn mostly_han(s: &str) -> bool {
    let han = s.chars().filter(|c| super::is_han(*c)).count();
    let latin = s.chars().filter(char::is_ascii_alphabetic).count();
    han > 0 && han * 4 >= latin
}

pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            // One allocation per word in the usual case: this runs on every word of a trial.
            let lower = if w.contains('’') {
                w.replace('’', "'").to_lowercase()
            } else {
                w.to_lowercase()
            };
            match lower.trim_matches('\'') {
                t if t.len() == lower.len() => lower,
                t => t.to_owned(),
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words too common to say what a sentence is about.
const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "into", "about", "that", "this", "these", "those", "it", "its", "it's", "is",
    "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing",
    "have", "has", "had", "having", "i", "i'm", "i've", "i'd", "i'll", "me", "my", "we", "we're",
    "we've", "our", "us", "you", "you're", "your", "he", "she", "him", "her", "his", "they",
    "them", "their", "there", "what", "which", "who", "whom", "when", "where", "why", "how", "so",
    "not", "no", "yes", "any", "all", "some", "can", "could", "would", "should", "will", "shall",
    "may", "might", "must", "just", "very", "also", "then", "than", "too", "that's", "there's",
    "mr", "ms", "mrs", "dr", "senator", "sir", "well", "okay", "ok", "now", "way", "one", "thing",
    "things", "get", "got", "go", "going", "say", "said", "know", "think", "really", "right",
    "because", "whether", "again", "up", "out", "over", "don't", "didn't", "doesn't", "isn't",
    "wasn't", "aren't", "weren't", "haven't", "hasn't", "can't", "won't", "wouldn't", "couldn't",
    "let", "let's", "here", "other", "another", "such", "more", "most", "only", "own", "same",
];

/// [`STOP`] as a set: every word of every answer of a trial is looked up.
static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());

pub fn is_stop(w: &str) -> bool {
    STOP_SET.contains(w)
}

/// A crude stem: irregular verbs mapped to their base, common endings removed, so that
/// "used"/"use"/"using" and "done"/"do" compare equal.
pub fn stem(w: &str) -> String {
    let base = match w {
        "done" => "do",
        "did" => "do",
        "does" => "do",
        "doing" => "do",
        "has" => "have",
        "had" => "have",
        "is" => "be",
        "are" => "be",
        "was" => "be",
        "were" => "be",
        "been" => "be",
        "went" => "go",
        "gone" => "go",
        "said" => "say",
        "made" => "make",
        "knew" => "know",
        "known" => "know",
        "thought" => "think",
        "took" => "take",
        "taken" => "take",
        "gave" => "give",
        "given" => "give",
        "got" => "get",
        "gotten" => "get",
        "saw" => "see",
        "seen" => "see",
        "told" => "tell",
        "paid" => "pay",
        "sent" => "send",
        "met" => "meet",
        "built" => "build",
        "sold" => "sell",
        "bought" => "buy",
        "brought" => "bring",
        "wrote" => "write",
        "written" => "write",
        "spoke" => "speak",
        "spoken" => "speak",
        "read" => "read",
        "left" => "leave",
        "kept" => "keep",
        "held" => "hold",
        "ran" => "run",
        "companies" => "company",
        "people" => "person",
        _ => "",
    };
    if !base.is_empty() {
        return base.to_owned();
    }
    let w = w.trim_end_matches("'s");
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        let min = if suffix == "ing" || suffix == "ed" {
            2
        } else {
            3
        };
        if let Some(root) = w.strip_suffix(suffix)
            && root.chars().count() >= min
        {
            // "used" → "us" would lose the e: keep a trailing e form comparable.
            return root.trim_end_matches('e').to_owned();
        }
    }
    w.trim_end_matches('e').to_owned()
}

/// Content-word stems of a text.
pub fn content(s: &str) -> BTreeSet<String> {
    words(s)
        .iter()
        .filter(|w| !is_stop(w) && w.chars().count() > 1 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stem(w))
        .collect()
}

/// Chinese function characters (particles, pronouns, "one", "is", "not"…), in either script:
/// a pair with one of them says nothing about the subject, as "the" or "of" would not.
const HAN_FUNCTION: &str = "的了是在我你您他她它们們这這那有不一个個也就都而及与與或把被对對为為从從以之其于於和吗嗎呢吧啊所会會能要可将將已没沒很还還再又些此如若即但并並却卻则則请請问問";

/// What a turn is about, for chapters and repeats: its content words; Chinese, written
/// without spaces, by its pairs of characters ("横额", "宣传"), the usual way to index it, so
/// that two questions on the same subject share words as English ones do.
pub fn subject_words(text: &str) -> BTreeSet<String> {
    let han = super::chars::is_han;
    let mut out = BTreeSet::new();
    for w in content(text) {
        if !w.chars().any(han) {
            out.insert(w);
            continue;
        }
        // Runs of Han characters by pairs; other letters in between as words ("banner").
        let chars: Vec<char> = w.chars().collect();
        for run in chars.chunk_by(|a, b| han(*a) == han(*b)) {
            if run.iter().all(|&c| han(c)) {
                out.extend(
                    run.windows(2)
                        .filter(|p| !p.iter().any(|c| HAN_FUNCTION.contains(*c)))
                        .map(|p| p.iter().collect::<String>()),
                );
            } else if run.len() > 1 {
                out.insert(run.iter().collect());
            }
        }
    }
    out
}

/// The last sentence that ends in a question mark (`?` or full-width `？`), or the last
/// sentence.
pub fn last_question(s: &str) -> &str {
    let s = s.trim();
    let is_q = |c: char| c == '?' || c == '？';
    let is_end = |c: char| matches!(c, '.' | '?' | '!' | ';' | '。' | '？' | '！');
    let end = s
        .char_indices()
        .rev()
        .find(|(_, c)| is_q(*c))
        .map_or(s.len(), |(i, c)| i + c.len_utf8());
    let body = &s[..end];
    let last_char = body.char_indices().last().map_or(0, |(i, _)| i);
    let start = body[..last_char]
        .char_indices()
        .rev()
        .find(|(_, c)| is_end(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    body[start..].trim()
}

/// Auxiliary verbs a yes/no question starts with ("Did you…?", "Isn't it…?").
pub const AUXILIARIES: &[&str] = &[
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
/// Words a wh-question starts with.
/// "所以答案是肯定的" ("So the answer is yes."): a Chinese pin, for the evasion rules and the
/// question forms alike.
pub static CHINESE_PIN: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&super::chars::either_script(
        r"所以(?:答案|你的回答|您的回答)?(?:是|就是)(?:肯定|否定|对|是|不是)",
    ))
    .expect("static regex")
});
/// "你知道什么是蒸馏吗？" ("Do you know what distillation is?"), "可否解释一下？" ("Could you
/// explain?"): a Chinese question that asks for the facts though it is put as a yes/no.
pub static CHINESE_INDIRECT: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&super::chars::either_script(
        r"(?:知道|记得|告诉|解释|说明|描述|介绍)[^，。？?]*?(?:什么|怎么|怎样|如何|为什么|为何|哪|谁|多少)|(?:可否|能否|可不可以|能不能|请|麻烦)\p{Han}{0,4}?(?:解释|说明|提供|列出|介绍|交代|详述|阐述)",
    ))
    .expect("static regex")
});

pub const WH_WORDS: &[&str] = &[
    "what", "why", "how", "when", "where", "who", "whom", "which", "whose",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_match_across_forms() {
        assert_eq!(stem("used"), stem("use"));
        assert_eq!(stem("using"), stem("use"));
        assert_eq!(stem("done"), "do");
        assert_eq!(stem("companies"), "company");
        assert_ne!(stem("develop"), stem("validate"));
    }

    #[test]
    fn chinese_words_are_counted_by_character() {
        assert_eq!(word_count("I do not recall."), 4);
        assert_eq!(word_count("部分是。"), 3);
        assert_eq!(word_count("一般来说，所有AI公司都这样做。"), 12);
        assert!(mostly_han("xAI对OpenAI这样做过吗？"));
        assert!(!mostly_han("What did Mr. 王 say to you?"));
    }

    #[test]
    fn last_question_takes_the_asking_sentence() {
        assert_eq!(
            last_question("Thank you. Mr. Citron, you said so. Do you agree with that?"),
            "Do you agree with that?"
        );
        assert_eq!(last_question("So that's a yes."), "So that's a yes.");
    }

    #[test]
    fn last_question_handles_full_width_question_marks() {
        assert_eq!(
            last_question("据报道。你知道什么是蒸馏吗？"),
            "你知道什么是蒸馏吗？"
        );
        assert_eq!(last_question("部分是。"), "部分是。");
    }
}
