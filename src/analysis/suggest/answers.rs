//! Which turns are answers to classify (linked to their question, with the examiner's
//! follow-up), and suggestions over a whole transcript, split between cores when long.

use super::model::classify;
use super::taxonomy::*;
use crate::analysis::parallel::in_parts;
use crate::transcript::Role;
use crate::transcript::Transcript;
use crate::transcript::kinds::answer_parts;

/// The suggestion for answer turn `i`, when it is an answer linked to its question.
pub fn suggestion_for(t: &Transcript, i: usize) -> Option<Suggestion> {
    key_for(t, i).map(|k| suggestion_at(t, k))
}

/// What a suggestion depends on besides the words (which speaker corrections never change):
/// the answer (its parts, when an objection split it), the question it answers, and the
/// examiner's turn that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct VerdictKey {
    /// The answer's first part.
    first: u32,
    /// Its last part, where the suggestion is shown.
    turn: u32,
    question_turn: u32,
    /// `u32::MAX`: none.
    follow_up: u32,
}

/// The key of answer turn `i`, when it is an answer linked to its question and the last part
/// of it (an answer split by an objection gets one suggestion, on its last part, read whole).
pub(super) fn key_for(t: &Transcript, i: usize) -> Option<VerdictKey> {
    let q = t.turns.get(i)?.answers?;
    let (first, last) = answer_parts(t, i)?;
    if last != i {
        return None;
    }
    // The examiner's next turn, if it comes before the witness speaks again.
    let follow_up = (i + 1..t.turns.len().min(i + 5))
        .take_while(|&k| t.turns[k].role != Role::Witness)
        .find(|&k| t.turns[k].role == Role::Examiner);
    // Turn numbers fit: a transcript has at most `MAX_LINES` turns.
    Some(VerdictKey {
        first: first as u32,
        turn: i as u32,
        question_turn: q as u32,
        follow_up: follow_up.map_or(u32::MAX, |f| f as u32),
    })
}

pub(super) fn suggestion_at(t: &Transcript, k: VerdictKey) -> Suggestion {
    let (i, q) = (k.turn as usize, k.question_turn as usize);
    let follow_up = t.turns.get(k.follow_up as usize).map(|x| x.text.as_str());
    let first = k.first as usize;
    let classification = if first == i {
        classify(&t.turns[q].text, &t.turns[i].text, follow_up)
    } else {
        let answer: Vec<&str> = t.turns[first..=i]
            .iter()
            .filter(|x| x.answers == Some(q))
            .map(|x| x.text.as_str())
            .collect();
        classify(&t.turns[q].text, &answer.join(" "), follow_up)
    };
    Suggestion {
        turn: i,
        first_turn: first,
        question_turn: q,
        classification,
    }
}

/// Suggestions for every answer in a transcript that is linked to its question, in turn
/// order.
pub fn suggest(t: &Transcript) -> Vec<Suggestion> {
    in_parts(t.turns.len(), |turns| {
        turns.filter_map(|i| suggestion_for(t, i)).collect()
    })
}
