//! Verdicts remembered by what they depend on, so that a speaker correction reclassifies
//! only the answers it changed.

use super::answers::{VerdictKey, key_for, suggestion_at};
use super::taxonomy::*;
use crate::analysis::parallel::in_parts;
use crate::transcript::Transcript;
use std::collections::HashMap;

/// Verdicts remembered by what they depend on, for one transcript: after a speaker
/// correction only answers whose question or follow-up changed are classified again, and
/// undoing it classifies nothing (at 10,000 pages, 0.2 s of classifying saved each time).
#[derive(Debug, Default, Clone)]
pub struct VerdictCache {
    known: HashMap<VerdictKey, Verdict>,
}

impl VerdictCache {
    /// Like [`verdicts`], classifying only what this cache has not seen. Use one cache per
    /// transcript: the words behind a key must be the same.
    pub fn verdicts(&mut self, t: &Transcript) -> Vec<Verdict> {
        let keys: Vec<VerdictKey> = (0..t.turns.len()).filter_map(|i| key_for(t, i)).collect();
        let new: Vec<VerdictKey> = keys
            .iter()
            .filter(|k| !self.known.contains_key(k))
            .copied()
            .collect();
        let classified = in_parts(new.len(), |range| {
            new[range]
                .iter()
                .map(|&k| suggestion_at(t, k).verdict())
                .collect()
        });
        self.known.extend(new.iter().copied().zip(classified));
        keys.iter()
            .filter_map(|k| self.known.get(k).copied())
            .collect()
    }

    /// How many verdicts it holds.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}

/// The [`Verdict`] on every answer linked to its question, in turn order. Each answer's
/// reasons are dropped as soon as it is classified.
pub fn verdicts(t: &Transcript) -> Vec<Verdict> {
    VerdictCache::default().verdicts(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::parallel::PARALLEL_FROM;
    use crate::analysis::suggest::answers::{suggest, suggestion_for};
    use crate::transcript::Role;

    #[test]
    fn verdicts_are_the_suggestions_without_their_reasons() {
        let t = crate::transcript::parse_text(
            include_str!("../../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        );
        let all = suggest(&t);
        let v = verdicts(&t);
        assert_eq!(v, all.iter().map(Suggestion::verdict).collect::<Vec<_>>());
        assert_eq!(v.len(), 4);
        // Pressed: only the answer the examiner followed with "So that's a yes.".
        let pressed: Vec<&str> = v
            .iter()
            .filter(|x| x.pressed)
            .map(|x| t.turns[x.turn].text.as_str())
            .collect();
        assert_eq!(pressed, ["Generally all the AI companies [do that]."]);
        // One answer's reasons, worked out again, are the ones `suggest` gave.
        for s in &all {
            assert_eq!(suggestion_for(&t, s.turn).as_ref(), Some(s));
        }
        assert_eq!(suggestion_for(&t, all[0].question_turn), None);
        assert_eq!(suggestion_for(&t, t.turns.len()), None);
    }

    #[test]
    fn verdicts_of_a_long_transcript_are_worked_out_in_parts_with_the_same_result() {
        let seed = include_str!("../../../sample_transcripts/distillation_exchange.txt");
        let t = crate::transcript::parse_text(seed.repeat(400), "UTF-8", None);
        assert!(t.turns.len() > PARALLEL_FROM, "{}", t.turns.len());
        let v = verdicts(&t);
        let one_pass: Vec<Suggestion> = (0..t.turns.len())
            .filter_map(|i| suggestion_for(&t, i))
            .collect();
        assert_eq!(suggest(&t), one_pass);
        assert_eq!(
            v,
            one_pass.iter().map(Suggestion::verdict).collect::<Vec<_>>()
        );
        assert!(v.len() >= 4 * 400, "{}", v.len());
        assert!(v.windows(2).all(|w| w[0].turn < w[1].turn));
    }

    #[test]
    fn the_cache_classifies_again_only_what_a_speaker_correction_changed() {
        use crate::transcript::SpeakerEdit;
        let mut t = crate::transcript::parse_text(
            include_str!("../../../sample_transcripts/distillation_exchange.txt").to_owned(),
            "UTF-8",
            None,
        );
        let mut cache = VerdictCache::default();
        let before = cache.verdicts(&t);
        assert_eq!(
            before,
            suggest(&t)
                .iter()
                .map(Suggestion::verdict)
                .collect::<Vec<_>>()
        );
        assert_eq!(cache.len(), before.len());
        let role = |t: &mut Transcript, role| {
            let edit = SpeakerEdit::SetRole {
                label: "Musk".into(),
                role,
            };
            t.apply_speaker_edit(&edit).expect("Musk is a speaker");
        };
        // Musk asks: the answers change, and the cache gives what a fresh pass gives.
        role(&mut t, Role::Examiner);
        let changed = cache.verdicts(&t);
        assert_ne!(changed, before);
        assert_eq!(changed, verdicts(&t));
        // Back as the witness: everything is known, nothing is classified again.
        role(&mut t, Role::Witness);
        let known = cache.len();
        assert_eq!(cache.verdicts(&t), before);
        assert_eq!(cache.len(), known);
    }

    #[test]
    fn an_answer_split_by_an_objection_gets_one_suggestion_read_whole() {
        let t = crate::transcript::parse_text(
            "Q. When did you sign the lease?\nA. I don't recall the exact date --\nMR. KAY: Objection. Form.\nTHE COURT: Overruled. You may finish.\nA. -- but it was in the spring.\nQ. Where?\nA. In Ohio.\n"
                .to_owned(),
            "UTF-8",
            Some(crate::transcript::Format::Qa),
        );
        let at = |s: &str| t.turns.iter().position(|x| x.text == s).expect(s);
        let (cut, rest) = (
            at("I don't recall the exact date --"),
            at("-- but it was in the spring."),
        );
        let all = suggest(&t);
        let turns: Vec<(usize, usize)> = all.iter().map(|s| (s.first_turn, s.turn)).collect();
        let ohio = at("In Ohio.");
        assert_eq!(turns, [(cut, rest), (ohio, ohio)]);
        // The first part's words count: the witness says he does not recall.
        let split = &all[0];
        assert_eq!(split.question_turn, at("When did you sign the lease?"));
        assert!(
            split
                .classification
                .reasons
                .iter()
                .any(|r| r.evidence.contains("don't recall")),
            "{:#?}",
            split.classification
        );
        assert_eq!(
            suggestion_for(&t, cut),
            None,
            "one suggestion, on the last part"
        );
        assert_eq!(suggestion_for(&t, rest).as_ref(), Some(split));
    }
}
