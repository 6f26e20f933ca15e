//! Examinations, chapters and the scorecard.
//!
//! An examination is a heading's section (DIRECT / CROSS … BY MR. X, ORAL ARGUMENT OF …) or,
//! without headings, a run of questions by one examiner (a member's round in a hearing).
//! Chapters are where the subject changes: the words of the questions before a point share
//! nothing with the words of the questions after it. The scorecard counts forms, compound
//! questions, repeats, question length, and the witness's answers that did not answer a
//! yes/no question (the "runaway witness", from the evasion suggestions).

use super::form::{Form, QuestionForm, classify_question, classify_unmarked_question, unmarked};
use crate::analysis::{Label3, Verdict};
use crate::text::words::{content, stem, word_count, words};
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
        let mut seen: Vec<(usize, BTreeSet<String>)> = Vec::new();
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
        for &q in &qs {
            let text = &t.turns[q].text;
            let form = classify(text);
            let n = word_count(text);
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
            let words_of = content(text);
            let repeats = seen
                .iter()
                .rev()
                .find(|(_, w)| asks_again(w, &words_of))
                .map(|(k, _)| *k);
            if repeats.is_some() {
                exam.repeats.push(q);
            }
            seen.push((q, words_of));
            if form.form != Form::Open {
                for &a in answers.iter().filter(|&&a| t.turns[a].answers == Some(q)) {
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
        exam.chapters = chapters(t, &qs, last);
        study.examinations.push(exam);
    }
    study
}

fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

/// Whether a question asks again what an earlier one asked: the shorter one's content
/// words are (nearly) all in the other, and the two are not mostly different.
fn asks_again(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let smaller = a.len().min(b.len());
    if smaller < 2 {
        return false;
    }
    let shared = a.intersection(b).count() as f64;
    let union = a.union(b).count() as f64;
    shared / smaller as f64 >= REPEAT_COVERAGE && shared / union >= REPEAT_SIMILARITY
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
fn chapters(t: &Transcript, qs: &[usize], last: usize) -> Vec<Chapter> {
    // Each question's words, with its answers'.
    let bags: Vec<BTreeSet<String>> = qs
        .iter()
        .enumerate()
        .map(|(i, &q)| {
            let end = qs.get(i + 1).copied().unwrap_or(last + 1);
            let mut w = content(&t.turns[q].text);
            for k in q + 1..end {
                if t.turns[k].answers == Some(q) {
                    w.extend(content(&t.turns[k].text));
                }
            }
            w
        })
        .collect();
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
                for w in b.iter().filter(|w| !common(w) && w.chars().count() > 2) {
                    *counts.entry(w).or_default() += 1;
                }
            }
            let mut top: Vec<(&String, usize)> = counts.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            // Titles in the transcript's words, not stems: the first word seen for each.
            let mut surface: BTreeMap<String, String> = BTreeMap::new();
            for &q in &qs[s..e] {
                for w in words(&t.turns[q].text) {
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
