//! Which source labels name the same person. Labels vary within one text: a title and full
//! name first ("OpenAI Lawyer William Savitt"), the surname later ("Savitt"), a typo now and
//! then ("Savit"). [`cluster_labels`] groups them for the grammars and for `build`; it knows
//! nothing of turns or of the user's corrections (those are in `speakers`).

use std::collections::HashMap;

/// Words that describe a person's office or form of address rather than who they are.
const TITLES: [&str; 22] = [
    "mr",
    "ms",
    "mrs",
    "miss",
    "dr",
    "the",
    "hon",
    "senator",
    "chair",
    "chairman",
    "chairwoman",
    "ranking",
    "member",
    "representative",
    "congressman",
    "congresswoman",
    "vice",
    "by",
    "esq",
    "sir",
    "madam",
    "prof",
];

fn gender(word: &str) -> Option<char> {
    match word {
        "mr" | "sir" | "congressman" | "chairman" => Some('m'),
        "ms" | "mrs" | "miss" | "madam" | "congresswoman" | "chairwoman" => Some('f'),
        _ => None,
    }
}

/// A label reduced to what identifies the person: lower-case words without titles.
#[derive(Debug, Clone)]
struct Key {
    words: Vec<String>,
    gender: Option<char>,
}

fn key(label: &str) -> Key {
    let all: Vec<String> = label
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let gender = all.iter().find_map(|w| gender(w));
    let words: Vec<String> = all
        .iter()
        .filter(|w| !TITLES.contains(&w.as_str()))
        .cloned()
        .collect();
    Key {
        words: if words.is_empty() { all } else { words },
        gender,
    }
}

/// Two words are the same name: equal, or one typo apart when long enough to be sure.
fn word_matches(a: &str, b: &str, typos: &mut u32) -> bool {
    if a == b {
        return true;
    }
    // In Chinese a character is a syllable of the name: 何俊賢 and 何俊仁 are two people.
    let han = |w: &str| w.chars().any(crate::text::is_han);
    if !han(a)
        && !han(b)
        && a.chars().count() >= 5
        && b.chars().count() >= 5
        && strsim::damerau_levenshtein(a, b) == 1
        && *typos == 0
    {
        *typos += 1;
        return true;
    }
    false
}

/// Whether two labels name the same person: one is the trailing part of the other
/// ("Savitt" / "OpenAI Lawyer William Savitt"), they share first and last name, or they are
/// one typo apart ("Savit" / "Savitt"). "MR. SMITH" and "MS. SMITH" stay apart.
pub fn same_person(a: &str, b: &str) -> bool {
    same_key(&key(a), &key(b))
}

fn same_key(ka: &Key, kb: &Key) -> bool {
    if let (Some(ga), Some(gb)) = (ka.gender, kb.gender)
        && ga != gb
    {
        return false;
    }
    let mut typos = 0;
    let common = ka
        .words
        .iter()
        .rev()
        .zip(kb.words.iter().rev())
        .take_while(|(x, y)| word_matches(x, y, &mut typos))
        .count();
    common > 0 && (common == ka.words.len().min(kb.words.len()) || common >= 2)
}

/// Matching every label against every other is quadratic; beyond this many distinct labels
/// (real transcripts have dozens) only labels equal but for case are read as one speaker.
pub const MAX_FUZZY_LABELS: usize = 1000;

/// Groups labels that name the same person. Returns a cluster number per label (numbered in
/// order of first label) and a message for each label that could belong to several people
/// (those are kept apart for the user to merge). `placeholders` marks labels such as
/// `Witness` that stand for an unnamed person and must only match themselves.
pub fn cluster_labels(labels: &[String], placeholders: &[bool]) -> (Vec<usize>, Vec<String>) {
    let is_placeholder = |i: usize| placeholders.get(i).copied().unwrap_or(false);
    let fuzzy = labels.len() <= MAX_FUZZY_LABELS;
    let keys: Vec<Key> = if fuzzy {
        labels.iter().map(|l| key(l)).collect()
    } else {
        Vec::new()
    };
    // Longest labels first, so that "Savitt" joins "OpenAI Lawyer William Savitt".
    let mut order: Vec<usize> = (0..labels.len()).collect();
    if fuzzy {
        order.sort_by_key(|&i| (std::cmp::Reverse(keys[i].words.len()), i));
    }
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut cluster = vec![usize::MAX; labels.len()];
    let mut messages = Vec::new();
    // Without fuzzy matching: the cluster of each label, lower-cased.
    let mut exact: HashMap<String, usize> = HashMap::new();
    if !fuzzy {
        messages.push(format!(
            "{} different speaker labels, more than {MAX_FUZZY_LABELS}: only labels that differ \
             in case alone were read as one speaker",
            labels.len()
        ));
    }
    for &i in &order {
        let matches: Vec<usize> = if is_placeholder(i) {
            Vec::new()
        } else if !fuzzy {
            exact
                .get(&labels[i].to_ascii_lowercase())
                .copied()
                .into_iter()
                .collect()
        } else {
            (0..members.len())
                .filter(|&c| {
                    members[c].iter().any(|&j| {
                        !is_placeholder(j)
                            && (labels[j].eq_ignore_ascii_case(&labels[i])
                                || same_key(&keys[j], &keys[i]))
                    })
                })
                .collect()
        };
        if !fuzzy && !is_placeholder(i) && matches.is_empty() {
            exact.insert(labels[i].to_ascii_lowercase(), members.len());
        }
        match matches.as_slice() {
            [c] => {
                members[*c].push(i);
                cluster[i] = *c;
            }
            _ => {
                if matches.len() > 1 {
                    let names: Vec<&str> = matches
                        .iter()
                        .map(|&c| labels[members[c][0]].as_str())
                        .collect();
                    messages.push(format!(
                        "speaker label \"{}\" could be any of {}; kept as a separate speaker",
                        labels[i],
                        names.join(", ")
                    ));
                }
                cluster[i] = members.len();
                members.push(vec![i]);
            }
        }
    }
    // Renumber clusters in order of their first label.
    let mut renumber = vec![usize::MAX; members.len()];
    let mut next = 0;
    for c in cluster.iter_mut() {
        if renumber[*c] == usize::MAX {
            renumber[*c] = next;
            next += 1;
        }
        *c = renumber[*c];
    }
    (cluster, messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(labels: &[&str]) -> Vec<usize> {
        let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        cluster_labels(&labels, &[]).0
    }

    #[test]
    fn savitt_surname_merges_into_full_title() {
        assert_eq!(
            clusters(&["OpenAI Lawyer William Savitt", "Musk", "Savitt"]),
            vec![0, 1, 0]
        );
    }

    #[test]
    fn one_typo_merges_short_names_do_not() {
        assert_eq!(clusters(&["Savitt", "Savit", "Musk"]), vec![0, 0, 1]);
        assert_eq!(clusters(&["Musk", "Mask"]), vec![0, 1]);
        // One character apart in Chinese is another name (two Legislative Council members).
        assert_eq!(clusters(&["何俊賢議員", "何俊仁議員"]), vec![0, 1]);
    }

    #[test]
    fn misspelt_surname_after_title_merges() {
        assert_eq!(
            clusters(&["OpenAI attorney William Savitt", "Savit", "Musk"]),
            vec![0, 0, 1]
        );
    }

    #[test]
    fn mr_and_ms_with_one_surname_stay_apart() {
        assert_eq!(clusters(&["MR. SMITH", "MS. SMITH"]), vec![0, 1]);
    }

    #[test]
    fn chair_and_senator_titles_name_one_person() {
        assert_eq!(
            clusters(&["Chair Durbin", "Senator Graham", "Senator Durbin"]),
            vec![0, 1, 0]
        );
    }

    #[test]
    fn ambiguous_surname_is_kept_apart_with_a_message() {
        let labels: Vec<String> = ["Elon Musk", "Kimbal Musk", "Musk"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (c, msgs) = cluster_labels(&labels, &[]);
        assert_eq!(c, vec![0, 1, 2]);
        assert_eq!(msgs.len(), 1);
    }

    #[test]
    fn beyond_the_limit_only_case_is_ignored() {
        let mut labels: Vec<String> = (0..MAX_FUZZY_LABELS).map(|i| format!("Name{i}x")).collect();
        labels.extend(["SAVITT".into(), "Savitt".into(), "Savit".into()]);
        let (c, msgs) = cluster_labels(&labels, &[]);
        let n = labels.len();
        assert_eq!(c[n - 3], c[n - 2]);
        assert_ne!(c[n - 2], c[n - 1]);
        assert_ne!(c[0], c[1]);
        assert!(msgs[0].contains("different speaker labels"), "{msgs:?}");
    }

    #[test]
    fn placeholders_never_merge() {
        let labels: Vec<String> = ["Witness", "MR. WITNESS"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(cluster_labels(&labels, &[true, false]).0, vec![0, 1]);
    }
}
