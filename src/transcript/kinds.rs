//! Question, answer or statement, and which question each answer answers: decided after the
//! speakers' roles are known, and again whenever the user changes a role.

use super::model::{Format, Role, Transcript, TurnKind};

/// Whether the kinds in this format come from `Q.`/`A.` markers.
fn uses_markers(format: Format) -> bool {
    matches!(format, Format::CourtReporter | Format::Qa)
}

/// A question mark in any script (`?`, full-width `？`).
fn asks_something(text: &str) -> bool {
    text.contains(['?', '？'])
}

/// Words in a turn that is long enough to be a statement rather than a question, even with a
/// question mark somewhere in it (opening statements ask rhetorical questions).
const LONG_TURN_WORDS: usize = 150;

/// Whether `text` has at most `n` words, counting no further than needed.
fn at_most_words(text: &str, n: usize) -> bool {
    // A word and its blank take two bytes at least: a short text is short in words too.
    text.len() <= 2 * n || text.split_whitespace().take(n + 1).count() <= n
}

/// Whether a turn asks: a question mark in its last sentences, or anywhere in a short turn.
/// An opening statement that asks rhetorical questions along the way does not.
pub fn asks_at_end(text: &str) -> bool {
    if !asks_something(text) {
        return false;
    }
    if at_most_words(text, LONG_TURN_WORDS) {
        return true;
    }
    // The last 300 bytes (on a character boundary).
    let mut from = text.len().saturating_sub(300);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    asks_something(&text[from..])
}

/// An examiner's turn without a question mark that still asks, after the witness has spoken:
/// "So that's a yes." Longer ones are statements.
const SHORT_FOLLOW_UP_WORDS: usize = 25;

/// Decides question/statement/answer for turns without a marker, and links every answer to
/// the question it answers: the last examiner question before it, however much objection,
/// ruling and colloquy lies between. Re-run after a speaker's role changes.
pub fn assign_kinds(t: &mut Transcript) {
    let markers = uses_markers(t.format) && t.turns.iter().any(|x| x.marked);
    let mut pending: Option<usize> = None;
    let mut witness_spoke = false;
    let mut section = None;
    for i in 0..t.turns.len() {
        // An examiner's remark the witness replies to at once, in an exchange already under
        // way, is put to the witness ("That's a complaint about the current law, not the old
        // one." — "Well, I don't think so."), unless it is as long as a statement.
        let replied_to = t
            .turns
            .get(i + 1)
            .is_some_and(|next| next.role == Role::Witness && !next.marked);
        let turn = &mut t.turns[i];
        if turn.section != section {
            section = turn.section;
            pending = None;
            witness_spoke = false;
        }
        turn.answers = None;
        if turn.marked {
            match turn.kind {
                TurnKind::Question => pending = Some(i),
                TurnKind::Answer => {
                    turn.answers = pending;
                    witness_spoke = true;
                }
                TurnKind::Statement => {}
            }
            continue;
        }
        turn.kind = match turn.role {
            Role::Witness if pending.is_some() => {
                turn.answers = pending;
                TurnKind::Answer
            }
            Role::Examiner
                if !markers
                    && (asks_at_end(&turn.text)
                        || (witness_spoke && at_most_words(&turn.text, SHORT_FOLLOW_UP_WORDS))
                        || (witness_spoke
                            && replied_to
                            && at_most_words(&turn.text, LONG_TURN_WORDS))) =>
            {
                pending = Some(i);
                TurnKind::Question
            }
            _ => TurnKind::Statement,
        };
        if turn.role == Role::Witness {
            witness_spoke = true;
        }
    }
}
