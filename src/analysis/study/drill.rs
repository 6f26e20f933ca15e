//! Drills: a student labels each question's form (or each answer's evasion class) of one
//! examination into a practice file of their own, then checks the answers against a key —
//! partly's own reading or a teacher's annotation file — item by item with the reasons.
//!
//! A practice file sits beside the transcript (`X.txt.practice.ron`) and never touches the
//! real annotations.

use super::exams::Study;
use crate::analysis::agreement::alpha::cohen_kappa;
use crate::analysis::{Label9, Verdict};
use crate::annotation::Sidecar;
use crate::transcript::{Transcript, TurnKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What is drilled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrillKind {
    /// Each question: leading, closed or open.
    QuestionForm,
    /// Each answer: one of the nine evasion classes.
    AnswerClass,
}

impl DrillKind {
    /// The labels a student chooses from.
    pub fn choices(self) -> Vec<String> {
        match self {
            DrillKind::QuestionForm => super::Form::ALL
                .iter()
                .map(|f| f.name().to_owned())
                .collect(),
            DrillKind::AnswerClass => Label9::ALL.iter().map(|l| l.tag().to_owned()).collect(),
        }
    }
}

/// A student's practice on one examination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Practice {
    /// The transcript's file name and fingerprint, as a sidecar keeps them.
    pub file_name: String,
    pub fingerprint: String,
    /// The examination's title and first turn, to find it again.
    pub examination: String,
    pub first_turn: usize,
    pub kind: DrillKind,
    /// Turn (0-based) → the student's label.
    pub answers: BTreeMap<usize, String>,
}

/// `X.txt` → `X.txt.practice.ron`.
pub fn practice_path(source: &Path) -> PathBuf {
    let mut name = source.as_os_str().to_owned();
    name.push(".practice.ron");
    PathBuf::from(name)
}

/// Why a practice file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
    #[error("{}: not a practice file ({message})", path.display())]
    Parse { path: PathBuf, message: String },
}

impl Practice {
    /// Reads a practice file; `Ok(None)` when there is none.
    pub fn load(path: &Path) -> Result<Option<Practice>, PracticeError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(PracticeError::Io {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                });
            }
        };
        ron::from_str(&text)
            .map(Some)
            .map_err(|e| PracticeError::Parse {
                path: path.to_path_buf(),
                message: e.to_string(),
            })
    }

    /// Writes the practice file atomically (a temporary file renamed over it).
    pub fn save(&self, path: &Path) -> Result<(), PracticeError> {
        let io = |e: &dyn std::fmt::Display| PracticeError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| io(&e))?;
        crate::annotation::sidecar::write_file_atomically(
            path,
            text.as_bytes(),
            ".partly-practice-",
            true,
        )
        .map_err(|e| io(&e))
    }
}

/// The items of a drill on examination `e`: its question turns, or the answers to them.
pub fn items(t: &Transcript, study: &Study, e: usize, kind: DrillKind) -> Vec<usize> {
    let Some(ex) = study.examinations.get(e) else {
        return Vec::new();
    };
    match kind {
        DrillKind::QuestionForm => ex.questions.clone(),
        DrillKind::AnswerClass => (ex.first_turn..=ex.last_turn)
            .filter(|&k| {
                let x = &t.turns[k];
                x.kind == TurnKind::Answer
                    && x.answers
                        .is_some_and(|q| ex.questions.binary_search(&q).is_ok())
            })
            .collect(),
    }
}

/// What the answers are checked against.
pub enum Key<'a> {
    /// partly's own reading: question forms and evasion suggestions.
    Partly {
        study: &'a Study,
        verdicts: &'a [Verdict],
    },
    /// A teacher's annotation file of the same transcript: the tags on each item.
    Teacher(&'a Sidecar),
}

/// One item checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub turn: usize,
    pub yours: Option<String>,
    /// The key's label (None when the key has none for this item).
    pub key: Option<String>,
    pub right: bool,
    /// Why the key says so (partly's rules and words; a teacher's note).
    pub reasons: Vec<String>,
}

/// The whole check: items, the score and Cohen's kappa between student and key.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub items: Vec<Checked>,
    pub right: usize,
    /// Items the key labels.
    pub out_of: usize,
    pub kappa: Option<f64>,
}

/// Checks a practice against a key.
pub fn check(t: &Transcript, practice: &Practice, items: &[usize], key: &Key) -> Score {
    let choices = practice.kind.choices();
    let key_of = |turn: usize| -> (Option<String>, Vec<String>) {
        match key {
            Key::Partly { study, verdicts } => match practice.kind {
                DrillKind::QuestionForm => study.questions.iter().find(|q| q.turn == turn).map_or(
                    (None, Vec::new()),
                    |q| {
                        (
                            Some(q.form.form.name().to_owned()),
                            q.form
                                .reasons
                                .iter()
                                .map(|r| format!("{}: {}", r.rule, r.evidence))
                                .collect(),
                        )
                    },
                ),
                DrillKind::AnswerClass => {
                    let Some(v) = verdicts.iter().find(|v| v.turn == turn) else {
                        return (None, Vec::new());
                    };
                    let reasons = crate::analysis::suggestion_for(t, turn)
                        .map(|s| {
                            s.classification
                                .reasons
                                .iter()
                                .map(|r| format!("{}: {}", r.rule, r.evidence))
                                .collect()
                        })
                        .unwrap_or_default();
                    (Some(v.label9.tag().to_owned()), reasons)
                }
            },
            Key::Teacher(sidecar) => {
                let on: Vec<&crate::annotation::Annotation> = sidecar
                    .annotations
                    .iter()
                    .filter(|a| a.anchor.start_turn <= turn && turn <= a.anchor.end_turn)
                    .collect();
                // A form's tag is "Leading question"; a class's tag is its own name.
                let label = on.iter().flat_map(|a| a.tags.iter()).find_map(|tag| {
                    choices
                        .iter()
                        .find(|c| {
                            let c = c.to_lowercase();
                            let t = tag.to_lowercase();
                            t == c || t == format!("{c} question")
                        })
                        .cloned()
                });
                let notes = on.iter().filter_map(|a| a.note.clone()).collect();
                (label, notes)
            }
        }
    };
    let mut out = Vec::new();
    let (mut right, mut out_of) = (0, 0);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for &turn in items {
        let yours = practice.answers.get(&turn).cloned();
        let (key, reasons) = key_of(turn);
        let ok = key.is_some()
            && yours.as_deref().map(str::to_lowercase) == key.as_deref().map(str::to_lowercase);
        if key.is_some() {
            out_of += 1;
            if ok {
                right += 1;
            }
        }
        let index = |l: &Option<String>| {
            l.as_ref()
                .and_then(|l| choices.iter().position(|c| c.eq_ignore_ascii_case(l)))
        };
        a.push(index(&yours));
        b.push(index(&key));
        out.push(Checked {
            turn,
            yours,
            key,
            right: ok,
            reasons,
        });
    }
    Score {
        items: out,
        right,
        out_of,
        kappa: cohen_kappa(&a, &b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::{annotation, doc};

    #[test]
    fn a_drill_is_saved_apart_and_checked_against_partly_or_a_teacher() {
        let (dir, d) = doc();
        let t = &d.transcript;
        let study = super::super::study(t, &[]);
        assert_eq!(study.examinations.len(), 1);
        let questions = items(t, &study, 0, DrillKind::QuestionForm);
        assert_eq!(questions, [0, 2]);
        let mut p = Practice {
            file_name: "x.txt".into(),
            fingerprint: "sha256:…".into(),
            examination: study.examinations[0].title.clone(),
            first_turn: 0,
            kind: DrillKind::QuestionForm,
            answers: BTreeMap::new(),
        };
        // "Has xAI done that?" is closed; "So that's a yes." pins the answer: leading.
        p.answers.insert(0, "closed".into());
        p.answers.insert(2, "open".into());
        let path = practice_path(&dir.path().join("x.txt"));
        assert!(path.ends_with("x.txt.practice.ron"));
        p.save(&path).unwrap();
        assert_eq!(Practice::load(&path).unwrap(), Some(p.clone()));
        let s = check(
            t,
            &p,
            &questions,
            &Key::Partly {
                study: &study,
                verdicts: &[],
            },
        );
        assert_eq!((s.right, s.out_of), (1, 2));
        assert!(s.items[0].right);
        assert_eq!(s.items[1].key.as_deref(), Some("leading"));
        assert!(
            s.items[1].reasons[0].contains("pins_the_answer"),
            "{:?}",
            s.items[1]
        );
        // A teacher who tagged the second question "Leading question" agrees with partly.
        let mut teacher = d.sidecar.clone();
        teacher.annotations = vec![annotation(&d, 2, "Leading question")];
        let s = check(t, &p, &questions, &Key::Teacher(&teacher));
        assert_eq!((s.right, s.out_of), (0, 1), "{s:?}");
        assert_eq!(s.items[0].key, None, "the teacher left the first alone");
        // The real annotations were never touched.
        assert!(d.sidecar.annotations.is_empty());
        assert!(
            Practice::load(&dir.path().join("none.ron"))
                .unwrap()
                .is_none()
        );
    }
}
