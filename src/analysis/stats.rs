//! Per-speaker statistics: for each witness and examiner, how many answers of each class
//! (suggested by the rules and tagged by the user, kept apart), the longest run of evasive
//! answers, and how often a question had to be repeated.

use super::suggest::{Label3, Label9, Verdict};
use crate::annotation::Annotation;
use crate::transcript::{Loc, Role, SpeakerId, Transcript};
use std::collections::BTreeMap;

/// A run of consecutive evasive answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub length: usize,
    pub first_turn: usize,
    pub last_turn: usize,
    pub start: Loc,
    pub end: Loc,
}

/// One speaker's figures. For a witness they count the answers they gave; for an examiner,
/// the answers their questions received.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerStats {
    pub speaker: SpeakerId,
    pub name: String,
    pub role: Role,
    /// Questions asked (examiners) or answered (witnesses).
    pub questions: usize,
    pub answers: usize,
    pub suggested: BTreeMap<Label9, usize>,
    /// Answers the user tagged with an evasion class (one count per tag).
    pub tagged: BTreeMap<Label9, usize>,
    /// The longest run of consecutive answers judged evasive: the user's evasion tag where
    /// there is one, the suggestion otherwise.
    pub longest_evasive_run: Option<Run>,
    /// Questions the examiner had to repeat or pin down ("So that's a yes.").
    pub repeated_questions: usize,
}

impl SpeakerStats {
    /// How many answers the rules suggested are evasive (any class but a clear reply): the
    /// statistics window's "Evasive (suggested)" column.
    pub fn evasive_suggested(&self) -> usize {
        evasive(&self.suggested)
    }

    /// How many evasion tags the user put on answers (any class but a clear reply): the
    /// "Evasive (tagged)" column.
    pub fn evasive_tagged(&self) -> usize {
        evasive(&self.tagged)
    }
}

/// The counts of every class that is not a clear reply.
fn evasive(counts: &BTreeMap<Label9, usize>) -> usize {
    counts
        .iter()
        .filter(|(l, _)| l.label3() != Label3::ClearReply)
        .map(|(_, n)| n)
        .sum()
}

/// The evasion classes the user tagged on each answer in `verdicts` (sorted by turn), by
/// position in `verdicts`. Orphaned annotations and those waiting for review point at an old
/// version of the transcript, so they do not count. Each annotation visits only the answers
/// it covers: a trial has 58,000 answers and may have 10,000 annotations, and looking at
/// every annotation for every answer took over a second.
fn tagged_labels(annotations: &[Annotation], verdicts: &[Verdict]) -> Vec<Vec<Label9>> {
    let mut out: Vec<Vec<Label9>> = vec![Vec::new(); verdicts.len()];
    for a in annotations.iter().filter(|a| a.placement.is_placed()) {
        let labels: Vec<Label9> = a
            .tags
            .iter()
            .filter_map(|t| {
                Label9::ALL
                    .into_iter()
                    .find(|l| l.tag().eq_ignore_ascii_case(t))
            })
            .collect();
        if labels.is_empty() {
            continue;
        }
        let first = verdicts.partition_point(|v| v.turn < a.anchor.start_turn);
        let last = verdicts.partition_point(|v| v.turn <= a.anchor.end_turn);
        for on in &mut out[first..last.max(first)] {
            on.extend(&labels);
        }
    }
    for labels in &mut out {
        labels.sort();
        labels.dedup();
    }
    out
}

/// Statistics for every witness and examiner with at least one answered question. `verdicts`
/// in turn order, as [`super::verdicts`] gives them.
pub fn stats(
    t: &Transcript,
    verdicts: &[Verdict],
    annotations: &[Annotation],
) -> Vec<SpeakerStats> {
    let mut out: Vec<SpeakerStats> = Vec::new();
    let mut index: BTreeMap<SpeakerId, usize> = BTreeMap::new();
    // Running evasive streak per speaker: (length, first turn).
    let mut streak: BTreeMap<SpeakerId, (usize, usize)> = BTreeMap::new();
    debug_assert!(verdicts.windows(2).all(|w| w[0].turn < w[1].turn));
    let tagged_on = tagged_labels(annotations, verdicts);
    for (s, tagged) in verdicts.iter().zip(tagged_on) {
        let (Some(answer), Some(question)) = (t.turns.get(s.turn), t.turns.get(s.question_turn))
        else {
            continue;
        };
        let effective = tagged.first().copied().unwrap_or(s.label9);
        let evasive = effective.label3() != Label3::ClearReply;
        for (who, is_witness) in [(answer.speaker, true), (question.speaker, false)] {
            let k = *index.entry(who).or_insert_with(|| {
                let sp = t.speaker(who);
                out.push(SpeakerStats {
                    speaker: who,
                    name: sp.map_or_else(|| "?".into(), |x| x.name.clone()),
                    role: sp.map_or(Role::Other, |x| x.role),
                    questions: 0,
                    answers: 0,
                    suggested: BTreeMap::new(),
                    tagged: BTreeMap::new(),
                    longest_evasive_run: None,
                    repeated_questions: 0,
                });
                out.len() - 1
            });
            let st = &mut out[k];
            st.questions += 1;
            if is_witness {
                st.answers += 1;
            }
            if !is_witness && answer.speaker == question.speaker {
                continue;
            }
            if !is_witness {
                st.answers += 1;
            }
            *st.suggested.entry(s.label9).or_default() += 1;
            for l in &tagged {
                *st.tagged.entry(*l).or_default() += 1;
            }
            if s.pressed {
                st.repeated_questions += 1;
            }
            let run = streak.entry(who).or_insert((0, s.turn));
            if evasive {
                if run.0 == 0 {
                    run.1 = s.turn;
                }
                run.0 += 1;
                let (len, first) = *run;
                if st.longest_evasive_run.is_none_or(|r| len > r.length) {
                    st.longest_evasive_run = Some(Run {
                        length: len,
                        first_turn: first,
                        last_turn: s.turn,
                        start: t.turns[first].start,
                        end: answer.end,
                    });
                }
            } else {
                *run = (0, s.turn);
            }
        }
    }
    // Witnesses first, then examiners; by name within each.
    out.sort_by(|a, b| (a.role != Role::Witness, &a.name).cmp(&(b.role != Role::Witness, &b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::verdicts;
    use crate::transcript::parse_text;

    #[test]
    fn seed_exchange_stats() {
        let t = parse_text(
            include_str!("../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        );
        // The verdicts are given, so this tests the counting, not the classifier: Musk's
        // four answers read as a clear reply and three evasions.
        let labels = [
            Label9::Explicit,
            Label9::General,
            Label9::Partial,
            Label9::Deflection,
        ];
        let mut v = verdicts(&t);
        assert_eq!(v.len(), 4);
        for (x, l) in v.iter_mut().zip(labels) {
            x.label9 = l;
        }
        let st = stats(&t, &v, &[]);
        let musk = st.iter().find(|x| x.name == "Musk").unwrap();
        assert_eq!(musk.answers, 4);
        assert_eq!(musk.suggested.get(&Label9::Explicit), Some(&1));
        // Four answers, one of them a clear reply: three evasive.
        assert_eq!(musk.evasive_suggested(), 3);
        assert_eq!(musk.evasive_tagged(), 0);
        let run = musk.longest_evasive_run.unwrap();
        assert_eq!((run.length, run.first_turn, run.last_turn), (3, 3, 7));
        assert_eq!(musk.repeated_questions, 1, "So that's a yes.");
        let savitt = st.iter().find(|x| x.name == "Savitt").unwrap();
        assert_eq!((savitt.questions, savitt.answers), (4, 4));
        assert_eq!(savitt.repeated_questions, 1);
    }

    #[test]
    fn tags_count_on_every_answer_an_annotation_covers_unless_it_is_orphaned() {
        use crate::annotation::{Anchor, Placement};
        let t = parse_text(
            include_str!("../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        );
        let v = verdicts(&t);
        let note = |first, last, tag: &str| {
            let anchor = Anchor::for_turns(&t, first, last).expect("turns exist");
            Annotation::new(anchor, vec![tag.into()], None).expect("valid")
        };
        // Turns 2–5: two of Musk's answers (3 and 5); a tag that is no class does not count.
        let mut orphan = note(7, 7, "General");
        orphan.placement = Placement::Orphaned;
        let annotations = [note(2, 5, "partial"), note(1, 1, "Quote"), orphan];
        let st = stats(&t, &v, &annotations);
        let musk = st.iter().find(|x| x.name == "Musk").expect("Musk");
        assert_eq!(musk.tagged.get(&Label9::Partial), Some(&2));
        assert_eq!(musk.tagged.get(&Label9::General), None);
        assert_eq!(musk.tagged.len(), 1);
        assert_eq!(musk.evasive_tagged(), 2);
    }
}
