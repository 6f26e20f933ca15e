//! Characters: which scripts write words without spaces, typographic marks and their plain
//! forms, and whitespace. One definition each, so that the importer, the quote checker and
//! re-anchoring agree on what a character is.

/// Scripts written without spaces between words: each character counts as a word, and any
/// character boundary is a word boundary.
///
/// The ranges are the ideographic and syllabic blocks of Chinese and Japanese: CJK and Kangxi
/// radicals (`U+2E80–2FDF`), Hiragana and Katakana (`U+3040–30FF`), Bopomofo (`U+3100–312F`),
/// Kanbun and the Katakana extensions (`U+3190–31FF`), CJK extension A (`U+3400–4DBF`), the
/// unified ideographs (`U+4E00–9FFF`), the compatibility ideographs (`U+F900–FAFF`) and the
/// supplementary ideographic planes (`U+20000–3FFFF`). Not punctuation (see
/// [`is_cjk_punct`]: a full-width comma is not a letter), and not Hangul: Korean puts spaces
/// between its words.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'   // CJK radicals, Kangxi radicals
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3100}'..='\u{312F}' // Bopomofo
        | '\u{3190}'..='\u{31FF}' // Kanbun, Katakana extensions...
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}')
}

/// Full-width and CJK punctuation (`，。？！：「」`...): CJK symbols and punctuation
/// (`U+3000–303F`) and the half- and full-width forms (`U+FF00–FFEF`), but not the
/// ideographic space. A word of its own, like a Han character, so that a diff can show a
/// changed comma.
#[inline]
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}') && !c.is_whitespace()
}

/// Hangul syllables (`U+AC00–D7AF`).
#[inline]
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7AF}').contains(&c)
}

/// Whether a line break between a line ending in `c` and one starting with a character of
/// the same kind is read without a space when the lines are joined into turn text: Chinese
/// and Japanese ([`is_cjk`]), their punctuation and the ideographic space
/// ([`is_cjk_punct`], `U+3000`), as they use no spaces. Hangul is included because the
/// importer always has joined it so: Korean does space its words, but changing this would
/// change the turn text (and so the anchors) of Korean transcripts already annotated; no
/// Korean transcript is in the corpus to decide it on.
#[inline]
pub fn joins_without_space(c: char) -> bool {
    is_cjk(c) || is_cjk_punct(c) || c == '\u{3000}' || is_hangul(c)
}

/// A Han character (Chinese, or Japanese kanji; `U+3400–9FFF`, `U+F900–FAFF`): the scripts
/// whose names and labels the importers treat apart from Latin ones. Narrower than
/// [`is_cjk`] on purpose: kana and Bopomofo are not names' characters in the labels it
/// judges.
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// Typographic quotation marks and apostrophes as their straight forms: a quote set in
/// another typeface says the same. Primes are left alone (see
/// [`straighten_with_primes`]).
#[inline]
pub fn straighten(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' => '\'',
        '“' | '”' | '„' | '‟' => '"',
        c => c,
    }
}

/// [`straighten`], and primes (`′`, `″`) too: anchoring compares text loosely, and a PDF
/// converter may set an apostrophe or inch mark as a prime. The quote checker does not, as a
/// quote with a prime where the record has a quotation mark was never verbatim there.
#[inline]
pub fn straighten_with_primes(c: char) -> char {
    match c {
        '\u{2032}' => '\'',
        '\u{2033}' => '"',
        c => straighten(c),
    }
}

/// Runs of whitespace as one space, none at either end.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first `n` characters of `s` (all of it if shorter).
#[inline]
pub fn head_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// `s` cut to `n` characters, with an ellipsis if it was longer.
pub fn shorten(s: &str, n: usize) -> String {
    let head = head_chars(s, n);
    if head.len() < s.len() {
        format!("{head}…")
    } else {
        head.to_string()
    }
}

/// Simplified Chinese characters of the question and evasion patterns, with their traditional
/// forms (Hong Kong, Taiwan and most older or overseas transcripts write 嗎, 甚麼, 為何, 記得).
const TRADITIONAL: &[(char, char)] = &[
    ('吗', '嗎'),
    ('么', '麼'),
    ('为', '為'),
    ('谁', '誰'),
    ('几', '幾'),
    ('会', '會'),
    ('还', '還'),
    ('对', '對'),
    ('请', '請'),
    ('释', '釋'),
    ('说', '說'),
    ('谈', '談'),
    ('绍', '紹'),
    ('诉', '訴'),
    ('们', '們'),
    ('记', '記'),
    ('没', '沒'),
    ('错', '錯'),
    ('样', '樣'),
    ('问', '問'),
    ('无', '無'),
    ('来', '來'),
    ('标', '標'),
    ('准', '準'),
    ('确', '確'),
    ('认', '認'),
    ('评', '評'),
    ('论', '論'),
    ('绝', '絕'),
    ('复', '複'),
    ('听', '聽'),
    ('实', '實'),
    ('体', '體'),
    ('业', '業'),
    ('构', '構'),
    ('惯', '慣'),
    ('见', '見'),
    ('这', '這'),
    ('个', '個'),
    ('难', '難'),
    ('应', '應'),
    ('时', '時'),
    ('处', '處'),
    ('据', '據'),
    ('报', '報'),
];

/// A regex pattern written in simplified Chinese that also matches the same words written in
/// traditional characters: each character with a traditional form becomes a class of both
/// (inside a class, both are listed), and 什么 also matches 甚麼.
pub fn either_script(pattern: &str) -> String {
    let pattern = pattern.replace("什么", "(?:什|甚)么");
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut in_class = false;
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            _ => {}
        }
        match TRADITIONAL.iter().find(|(s, _)| *s == c) {
            Some((s, t)) if in_class => {
                out.push(*s);
                out.push(*t);
            }
            Some((s, t)) => {
                out.push('[');
                out.push(*s);
                out.push(*t);
                out.push(']');
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_patterns_match_in_either_script() {
        let re = regex::Regex::new(&either_script(r"[吗么][？?]$|什么|记得|几[个次]")).unwrap();
        for s in [
            "做过吗？",
            "做過嗎？",
            "什么",
            "甚麼",
            "什麼",
            "记得",
            "記得",
            "几个",
            "幾個",
        ] {
            assert!(re.is_match(s), "{s}");
        }
        assert!(!re.is_match("甚至"), "甚 alone is not 什么");
        assert_eq!(
            either_script(r"\d+"),
            r"\d+",
            "escapes and other text unchanged"
        );
    }

    #[test]
    fn cjk_letters_punctuation_and_line_joins_are_told_apart() {
        for c in ['所', '有', 'あ', 'カ', 'ㄅ', '⺀', '\u{20000}'] {
            assert!(is_cjk(c), "{c}");
            assert!(joins_without_space(c), "{c}");
        }
        for c in ['，', '。', '「', '？', 'Ａ'] {
            assert!(!is_cjk(c) && is_cjk_punct(c), "{c}");
            assert!(joins_without_space(c), "{c}");
        }
        assert!(!is_cjk_punct('\u{3000}') && joins_without_space('\u{3000}'));
        assert!(!is_cjk('한') && joins_without_space('한'));
        for c in ['a', 'é', ' ', '.', '1'] {
            assert!(
                !is_cjk(c) && !is_cjk_punct(c) && !joins_without_space(c),
                "{c}"
            );
        }
        assert!(is_han('所') && !is_han('あ') && !is_han('a'));
    }

    #[test]
    fn quotation_marks_straighten_and_primes_only_when_asked() {
        assert_eq!(straighten('’'), '\'');
        assert_eq!(straighten('„'), '"');
        assert_eq!(straighten('′'), '′');
        assert_eq!(straighten_with_primes('′'), '\'');
        assert_eq!(straighten_with_primes('″'), '"');
        assert_eq!(straighten_with_primes('“'), '"');
        assert_eq!(straighten_with_primes('x'), 'x');
    }

    #[test]
    fn squeeze_and_shorten() {
        assert_eq!(squeeze("  a \t b\n\nc  "), "a b c");
        assert_eq!(squeeze(" \n "), "");
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("所有AI公司", 2), "所有…");
        assert_eq!(head_chars("所有AI", 3), "所有A");
    }
}
