//! Examinations, chapters and the scorecard.
//!
//! An examination is a heading's section (DIRECT / CROSS … BY MR. X, ORAL ARGUMENT OF …) or,
//! without headings, a run of questions by one examiner (a member's round in a hearing).
//! Chapters are where the subject changes: the words of the questions before a point share
//! nothing with the words of the questions after it. The scorecard counts forms, compound
//! questions, repeats, question length, and the witness's answers that did not answer a
//! yes/no question (the "runaway witness", from the evasion suggestions).

use super::form::{Form, QuestionForm, classify_question, classify_unmarked_question, unmarked};
use crate::analysis::parallel::in_parts;
use crate::analysis::{Label3, Verdict};
use crate::text::words::{stem, subject_words, word_count, words};
use crate::transcript::{Loc, Transcript, TurnKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One examiner question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyQuestion {
    pub turn: usize,
    /// Index into [`Study::examinations`].
    pub examination: usize,
    pub form: QuestionForm,
    /// The earlier question of the same examination this one substantially repeats.
    pub repeats: Option<usize>,
    pub words: usize,
}

/// A stretch of one examination on one subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// A few key words.
    pub title: String,
    pub first_turn: usize,
    pub last_turn: usize,
    pub start: Loc,
    pub end: Loc,
}

/// One examination, with its scorecard. Turn lists make every number a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Examination {
    pub title: String,
    pub examiner: String,
    pub witness: String,
    pub first_turn: usize,
    pub last_turn: usize,
    pub start: Loc,
    pub end: Loc,
    /// Question turns, in order.
    pub questions: Vec<usize>,
    pub leading: Vec<usize>,
    pub open: Vec<usize>,
    pub closed: Vec<usize>,
    pub compound: Vec<usize>,
    pub repeats: Vec<usize>,
    pub median_words: f64,
    /// The longest question (turn, words).
    pub longest_question: Option<(usize, usize)>,
    /// Answers to yes/no (leading or closed) questions that the suggestions read as not a
    /// clear reply.
    pub nonresponsive: Vec<usize>,
    /// The longest witness answer (turn, words).
    pub longest_answer: Option<(usize, usize)>,
    pub chapters: Vec<Chapter>,
}

/// The study of a transcript.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Study {
    pub examinations: Vec<Examination>,
    pub questions: Vec<StudyQuestion>,
    /// The examiner's turns have (almost) no question marks, so questions were recognised
    /// by their word order ([`super::form::unmarked`]): the forms are less sure, and the
    /// user is told.
    pub unmarked: bool,
}

impl Study {
    /// What the user should know about how well the transcript could be read.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.unmarked {
            out.push(
                "The examiner's questions have almost no question marks (an OCR or a rough \
                 draft?): questions were recognised by their word order, and their forms are \
                 less sure."
                    .to_owned(),
            );
        }
        out
    }
}

/// How much of the shorter question's words the other must hold to ask it again, and how
/// alike the two must be overall (shared / all).
const REPEAT_COVERAGE: f64 = 0.8;
const REPEAT_SIMILARITY: f64 = 0.4;
/// Questions a chapter has at least, before the subject may change.
const MIN_CHAPTER: usize = 4;
/// Questions on each side compared when looking for a change of subject.
const WINDOW: usize = 3;

/// Examinations, chapters, question forms and scorecards of `t`. `verdicts` are the evasion
/// suggestions (for the nonresponsive count).
pub fn study(t: &Transcript, verdicts: &[Verdict]) -> Study {
    let verdict: HashMap<usize, &Verdict> = verdicts.iter().map(|v| (v.turn, v)).collect();
    // Examinations: by section when the transcript has headings, else by examiner.
    let question_turns: Vec<usize> = t
        .turns
        .iter()
        .enumerate()
        .filter(|(_, x)| x.kind == TurnKind::Question)
        .map(|(i, _)| i)
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut key: Option<(Option<usize>, Option<u32>)> = None;
    let by_section = !t.sections.is_empty();
    for &q in &question_turns {
        let turn = &t.turns[q];
        let k = if by_section {
            (turn.section, None)
        } else {
            (None, Some(turn.speaker.0))
        };
        if key != Some(k) {
            groups.push(Vec::new());
            key = Some(k);
        }
        if let Some(g) = groups.last_mut() {
            g.push(q);
        }
    }
    let mut study = Study {
        unmarked: unmarked(question_turns.iter().map(|&q| t.turns[q].text.as_str())),
        ..Study::default()
    };
    let classify = if study.unmarked {
        classify_unmarked_question
    } else {
        classify_question
    };
    // Each question read on its own, split between the cores (a 10,000-page trial has
    // 60,000 questions).
    let mut reads: Vec<Option<Read>> = in_parts(question_turns.len(), |range| {
        range
            .map(|i| Some(read(t, classify, question_turns[i])))
            .collect()
    });
    for qs in groups {
        let e = study.examinations.len();
        let first = qs[0];
        let last_q = qs[qs.len() - 1];
        // The examination runs to the last answer to its last question.
        let last = (last_q + 1..t.turns.len())
            .take_while(|&k| t.turns[k].kind != TurnKind::Question)
            .filter(|&k| t.turns[k].answers == Some(last_q))
            .last()
            .unwrap_or(last_q);
        let answers: Vec<usize> = (first..=last)
            .filter(|&k| {
                let x = &t.turns[k];
                x.kind == TurnKind::Answer
                    && x.answers.is_some_and(|q| qs.binary_search(&q).is_ok())
            })
            .collect();
        let examiner = most_frequent(t, &qs);
        let witness = most_frequent(t, &answers);
        let title = match t.turns[first].section.and_then(|s| t.sections.get(s)) {
            Some(s) if by_section => s.title.clone(),
            _ => format!("Questions by {examiner}"),
        };
        // Questions, forms, repeats.
        // One index per form: a question asks again only what was asked in its form ("What
        // is a training officer?" does not repeat "You were a training officer?").
        let mut seen: [Asked; 3] = Default::default();
        let mut exam = Examination {
            title,
            examiner,
            witness,
            first_turn: first,
            last_turn: last,
            start: t.turns[first].start,
            end: t.turns[last].end,
            questions: qs.clone(),
            leading: Vec::new(),
            open: Vec::new(),
            closed: Vec::new(),
            compound: Vec::new(),
            repeats: Vec::new(),
            median_words: 0.0,
            longest_question: None,
            nonresponsive: Vec::new(),
            longest_answer: None,
            chapters: Vec::new(),
        };
        let mut lengths = Vec::new();
        // The turn after the answers to question `q`: the next question's, or the end.
        let next_question = |q: usize| {
            let k = qs.partition_point(|&x| x <= q);
            qs.get(k).copied().unwrap_or(usize::MAX)
        };
        let mut bags = Vec::with_capacity(qs.len());
        for &q in &qs {
            let Read {
                form,
                words,
                n,
                bag,
            } = reads
                .get_mut(question_turns.partition_point(|&x| x < q))
                .and_then(Option::take)
                .unwrap_or_else(|| read(t, classify, q));
            bags.push(bag);
            lengths.push(n);
            if exam.longest_question.is_none_or(|(_, m)| n > m) {
                exam.longest_question = Some((q, n));
            }
            match form.form {
                Form::Leading => exam.leading.push(q),
                Form::Open => exam.open.push(q),
                Form::Closed => exam.closed.push(q),
            }
            if form.compound {
                exam.compound.push(q);
            }
            let index = &mut seen[Form::ALL.iter().position(|f| *f == form.form).unwrap_or(0)];
            let text = &t.turns[q].text;
            let repeats = index
                .ask(q, &words)
                .filter(|&k| !narrative_step(text) && !other_numbers(text, &t.turns[k].text));
            if repeats.is_some() {
                exam.repeats.push(q);
            }
            if form.form != Form::Open {
                // The answers to `q` follow it (answers are in turn order).
                let from = answers.partition_point(|&a| a < q);
                let to = answers.partition_point(|&a| a < next_question(q));
                for &a in answers[from..to]
                    .iter()
                    .filter(|&&a| t.turns[a].answers == Some(q))
                {
                    if verdict
                        .get(&a)
                        .is_some_and(|v| v.label9.label3() != Label3::ClearReply)
                    {
                        exam.nonresponsive.push(a);
                    }
                }
            }
            study.questions.push(StudyQuestion {
                turn: q,
                examination: e,
                form,
                repeats,
                words: n,
            });
        }
        exam.nonresponsive.dedup();
        lengths.sort_unstable();
        exam.median_words = median(&lengths);
        for &a in &answers {
            let n = word_count(&t.turns[a].text);
            if exam.longest_answer.is_none_or(|(_, m)| n > m) {
                exam.longest_answer = Some((a, n));
            }
        }
        exam.chapters = chapters(t, &qs, last, bags);
        study.examinations.push(exam);
    }
    study
}

/// Whether a question moves a story on ("What happened next?", "Did he say anything at
/// that time?"): asked again in the same words, it asks about a new moment, not the same
/// thing.
fn narrative_step(text: &str) -> bool {
    let w = words(text);
    w.iter()
        .any(|x| matches!(x.as_str(), "next" | "then" | "afterwards" | "later"))
        || w.windows(2).any(|p| {
            matches!(p[0].as_str(), "that" | "this")
                && matches!(p[1].as_str(), "time" | "point" | "moment")
        })
}

/// Whether two questions name different numbers ("Is People's 3 a photograph of her?",
/// "Is People's 4…?"; "in 1989", "in 1994"): then they ask about different things.
fn other_numbers(a: &str, b: &str) -> bool {
    let numbers = |s: &str| -> BTreeSet<String> {
        words(s)
            .into_iter()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .collect()
    };
    let (x, y) = (numbers(a), numbers(b));
    !x.is_empty() && !y.is_empty() && x != y
}

/// What is worked out for one question turn on its own: its form, its content words and
/// their number, and the content words of the question with its answers (for chapters).
struct Read {
    form: QuestionForm,
    words: BTreeSet<String>,
    n: usize,
    bag: BTreeSet<String>,
}

fn read(t: &Transcript, classify: fn(&str) -> QuestionForm, q: usize) -> Read {
    let text = &t.turns[q].text;
    let words = subject_words(text);
    // The bag for chapters: not "10th" or "2019", since a number names a moment, not a
    // subject. Its answers come before the next question.
    let subject = |w: &String| !w.chars().any(|c| c.is_ascii_digit());
    let mut bag: BTreeSet<String> = words.iter().filter(|w| subject(w)).cloned().collect();
    for x in t.turns[q + 1..]
        .iter()
        .take_while(|x| x.kind != TurnKind::Question)
    {
        if x.answers == Some(q) {
            bag.extend(subject_words(&x.text).into_iter().filter(subject));
        }
    }
    Read {
        form: classify(text),
        words,
        n: word_count(text),
        bag,
    }
}

fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

/// Whether a question asks again what an earlier one asked: the shorter one's content
/// words are (nearly) all in the other, and the two are not mostly different. `shared` of
/// sets of `a` and `b` words.
fn asks_again(a: usize, b: usize, shared: usize) -> bool {
    let smaller = a.min(b);
    if smaller < 2 {
        return false;
    }
    let union = (a + b - shared) as f64;
    let shared = shared as f64;
    shared / smaller as f64 >= REPEAT_COVERAGE && shared / union >= REPEAT_SIMILARITY
}

/// The questions of one examination so far, indexed by their words, to find the one a new
/// question asks again without comparing it with every earlier one (an examination of
/// thousands of questions would take seconds): a question that repeats another shares at
/// least `need` of its words with it, so it shares one of its `len - need + 1` rarest words
/// ("prefix filtering"), and only the questions holding those are compared.
#[derive(Default)]
struct Asked {
    ids: HashMap<String, u32>,
    /// Per word id, the earlier questions (indices into `words`) that hold it.
    postings: Vec<Vec<u32>>,
    /// Per earlier question: its turn and its word ids, sorted.
    words: Vec<(usize, Vec<u32>)>,
}

impl Asked {
    /// The latest earlier question that question `turn` (with these content words) asks
    /// again; then `turn` is remembered.
    fn ask(&mut self, turn: usize, words: &BTreeSet<String>) -> Option<usize> {
        let mut mine: Vec<u32> = Vec::with_capacity(words.len());
        for w in words {
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(w.clone()).or_insert(next);
            if id as usize == self.postings.len() {
                self.postings.push(Vec::new());
            }
            mine.push(id);
        }
        mine.sort_unstable();
        // At least 2 shared, and 40% of the union, which is at least 40% of this one.
        let need = ((mine.len() as f64 * REPEAT_SIMILARITY).ceil() as usize).max(2);
        let mut found = None;
        if mine.len() >= need {
            let mut rare = mine.clone();
            rare.sort_by_key(|&w| self.postings[w as usize].len());
            let mut candidates: Vec<u32> = rare[..mine.len() - need + 1]
                .iter()
                .flat_map(|&w| self.postings[w as usize].iter().copied())
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            found = candidates.iter().rev().find_map(|&c| {
                let (k, theirs) = &self.words[c as usize];
                asks_again(theirs.len(), mine.len(), shared(theirs, &mine)).then_some(*k)
            });
        }
        let at = self.words.len() as u32;
        for &w in &mine {
            self.postings[w as usize].push(at);
        }
        self.words.push((turn, mine));
        found
    }
}

/// How many ids two sorted lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Who spoke these turns: the one speaker of most of them, or "A and N others" when several
/// share them (a bench of justices).
fn most_frequent(t: &Transcript, turns: &[usize]) -> String {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for &k in turns {
        *counts.entry(t.turns[k].speaker.0).or_default() += 1;
    }
    let others = counts.len().saturating_sub(1);
    let Some((id, n)) = counts
        .into_iter()
        .max_by_key(|(id, n)| (*n, std::cmp::Reverse(*id)))
    else {
        return String::new();
    };
    let name = t
        .speaker(crate::transcript::SpeakerId(id))
        .map_or_else(String::new, |s| s.name.clone());
    if others > 0 && n * 10 < turns.len() * 6 {
        format!(
            "{name} and {others} other{}",
            if others == 1 { "" } else { "s" }
        )
    } else {
        name
    }
}

/// Chapters of one examination: a new one where the words of the next questions (with their
/// answers) share none with the words of the last ones.
/// `bags` holds each question's words, with its answers'.
fn chapters(
    t: &Transcript,
    qs: &[usize],
    last: usize,
    bags: Vec<BTreeSet<String>>,
) -> Vec<Chapter> {
    // Words in nearly every question (the witness's name, "document") say nothing about
    // the subject.
    let mut df: BTreeMap<&String, usize> = BTreeMap::new();
    for b in &bags {
        for w in b {
            *df.entry(w).or_default() += 1;
        }
    }
    let common =
        |w: &String| bags.len() >= 5 && df.get(w).copied().unwrap_or(0) * 10 > bags.len() * 8;
    let mut starts = vec![0usize];
    for i in 1..qs.len() {
        let since = i - starts[starts.len() - 1];
        if since < MIN_CHAPTER || qs.len() - i < MIN_CHAPTER {
            continue;
        }
        let before: BTreeSet<&String> = bags[i.saturating_sub(WINDOW)..i]
            .iter()
            .flatten()
            .filter(|w| !common(w))
            .collect();
        let after: BTreeSet<&String> = bags[i..(i + WINDOW).min(bags.len())]
            .iter()
            .flatten()
            .filter(|w| !common(w))
            .collect();
        if !before.is_empty() && !after.is_empty() && before.is_disjoint(&after) {
            starts.push(i);
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(c, &s)| {
            let e = starts.get(c + 1).map_or(qs.len(), |&n| n);
            let first_turn = qs[s];
            let last_turn = if e == qs.len() { last } else { qs[e] - 1 };
            let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
            for b in &bags[s..e] {
                // Short words say little, but a pair of Chinese characters is a word.
                let long_enough =
                    |w: &String| w.chars().count() > 2 || w.chars().all(crate::text::is_han);
                for w in b.iter().filter(|w| !common(w) && long_enough(w)) {
                    *counts.entry(w).or_default() += 1;
                }
            }
            let mut top: Vec<(&String, usize)> = counts.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            // Titles in the transcript's words, not stems: the first word seen for each, in
            // the questions or their answers.
            let mut surface: BTreeMap<String, String> = BTreeMap::new();
            for x in &t.turns[first_turn..=last_turn] {
                for w in words(&x.text) {
                    surface.entry(stem(&w)).or_insert(w);
                }
            }
            let title = top
                .iter()
                .take(3)
                .map(|(w, _)| surface.get(*w).map_or(w.as_str(), String::as_str))
                .collect::<Vec<_>>()
                .join(", ");
            Chapter {
                title,
                first_turn,
                last_turn,
                start: t.turns[first_turn].start,
                end: t.turns[last_turn].end,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Transcript {
        crate::transcript::parse_text(s.to_owned(), "UTF-8", Some(crate::transcript::Format::Qa))
    }

    /// Chinese, written without spaces, is read by pairs of characters without function
    /// characters, so chapters get words for titles and a question asked again is found.
    #[test]
    fn chinese_turns_are_read_by_pairs_of_characters() {
        let w = subject_words("即使是我在大埔的立法會議員官方banner位置");
        for pair in ["大埔", "立法", "議員", "官方", "位置", "banner"] {
            assert!(w.contains(pair), "{pair}: {w:?}");
        }
        assert!(!w.contains("是我") && !w.contains("的立"), "{w:?}");
        let t = crate::transcript::parse_text(
            "黃議員：局長會否拆除那些非法橫額？\n局長：我們會處理。\n\
             黃議員：局長會否拆除非法橫額？\n局長：會。\n"
                .to_owned(),
            "UTF-8",
            None,
        );
        let s = study(&t, &crate::analysis::verdicts(&t));
        assert_eq!(s.examinations[0].repeats, [2], "{:?}", s.examinations[0]);
    }

    proptest::proptest! {
        /// The index finds what comparing with every earlier question finds.
        #[test]
        fn the_index_finds_the_same_repeats_as_comparing_every_pair(
            questions in proptest::collection::vec(
                proptest::collection::btree_set(0u8..12, 0..7), 0..40)
        ) {
            let sets: Vec<BTreeSet<String>> = questions
                .iter()
                .map(|q| q.iter().map(|w| format!("w{w}")).collect())
                .collect();
            let mut asked = Asked::default();
            for (i, q) in sets.iter().enumerate() {
                let every = (0..i).rev().find(|&j| {
                    let shared = sets[j].intersection(q).count();
                    asks_again(sets[j].len(), q.len(), shared)
                });
                proptest::prop_assert_eq!(asked.ask(i, q), every);
            }
        }
    }

    #[test]
    fn a_hand_counted_examination() {
        let t = parse(
            "Q. You signed the lease in May, correct?\nA. Yes.\n\
             Q. Did you read the lease?\nA. Well, everyone signs those without reading.\n\
             Q. Did you read the lease before you signed it?\nA. Not all of it.\n\
             Q. What did the lease say about the deposit?\nA. It said two months.\n\
             Q. Did you pay the deposit and did you get a receipt?\nA. Yes.\n\
             Q. Why did you leave the apartment?\nA. The heating broke in January and the landlord never came to fix it despite many calls.\n",
        );
        let verdicts = crate::analysis::verdicts(&t);
        let s = study(&t, &verdicts);
        assert_eq!(s.examinations.len(), 1);
        let e = &s.examinations[0];
        assert_eq!(e.questions.len(), 6);
        assert_eq!(e.leading.len(), 1);
        assert_eq!(e.open.len(), 2);
        assert_eq!(e.closed.len(), 3);
        assert_eq!(
            e.compound,
            [t.turns
                .iter()
                .position(|x| x.text.contains("receipt"))
                .unwrap()]
        );
        // "Did you read the lease before you signed it?" asks again.
        let again = t
            .turns
            .iter()
            .position(|x| x.text.contains("before you signed"))
            .unwrap();
        assert_eq!(e.repeats, [again]);
        // Not asked again: a step in the story, the same words in another form, other
        // numbers.
        let t2 = parse(
            "Q. Did you knock at the door?\nA. I went to the door.\n\
             Q. What happened next?\nA. He opened it.\n\
             Q. And what happened next?\nA. He shouted.\n\
             Q. You were a training officer?\nA. Yes.\n\
             Q. What is a training officer?\nA. One who trains recruits.\n\
             Q. Is Exhibit 3 a photograph of the house?\nA. Yes.\n\
             Q. Is Exhibit 4 a photograph of the house?\nA. Yes.\n\
             Q. But did you knock at the door?\nA. I said I did.\n",
        );
        let s2 = study(&t2, &crate::analysis::verdicts(&t2));
        let knocked = t2
            .turns
            .iter()
            .position(|x| x.text.starts_with("But did"))
            .unwrap();
        assert_eq!(s2.examinations[0].repeats, [knocked]);
        let q = s.questions.iter().find(|q| q.turn == again).unwrap();
        assert_eq!(q.repeats, Some(2));
        // Question lengths: 7, 5, 9, 8, 11, 6 words → median (7 + 8) / 2.
        assert_eq!(e.median_words, 7.5);
        assert_eq!(e.longest_question.map(|(_, n)| n), Some(11));
        // The longest answer is the heating story.
        let heating = t
            .turns
            .iter()
            .position(|x| x.text.starts_with("The heating"))
            .unwrap();
        assert_eq!(e.longest_answer.map(|(k, _)| k), Some(heating));
        // The generalising answer to a yes/no question did not answer it.
        let everyone = t
            .turns
            .iter()
            .position(|x| x.text.starts_with("Well, everyone"))
            .unwrap();
        assert!(e.nonresponsive.contains(&everyone), "{:?}", e.nonresponsive);
    }

    #[test]
    fn a_change_of_subject_starts_a_chapter_and_examiners_split_examinations() {
        let mut s = String::new();
        for i in 0..5 {
            s.push_str(&format!(
                "Q. Did the invoice number {i} list the shipping charges?\nA. Yes, shipping was on the invoice.\n"
            ));
        }
        for i in 0..5 {
            s.push_str(&format!(
                "Q. Was the warehouse alarm {i} armed that weekend?\nA. The alarm was armed.\n"
            ));
        }
        let t = parse(&s);
        let st = study(&t, &[]);
        let e = &st.examinations[0];
        assert_eq!(e.chapters.len(), 2, "{:#?}", e.chapters);
        assert!(
            e.chapters[0].title.contains("invoice"),
            "{}",
            e.chapters[0].title
        );
        assert!(
            e.chapters[1].title.contains("alarm"),
            "{}",
            e.chapters[1].title
        );
        assert_eq!(e.chapters[1].first_turn, 10);
        // A hearing: two members, one round each.
        let t = crate::transcript::parse_text(
            "Senator Smith: Did you approve the budget?\nMr. Jones: I did.\nSenator Smith: When?\nMr. Jones: In May.\nSenator Lee: Who else signed it?\nMr. Jones: The board.\n"
                .to_owned(),
            "UTF-8",
            None,
        );
        let st = study(&t, &[]);
        let names: Vec<&str> = st
            .examinations
            .iter()
            .map(|e| e.examiner.as_str())
            .collect();
        assert_eq!(
            names,
            ["Senator Smith", "Senator Lee"],
            "{:#?}",
            st.examinations
        );
        assert_eq!(st.examinations[0].witness, "Mr. Jones");
    }
}
