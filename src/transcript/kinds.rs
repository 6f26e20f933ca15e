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

/// How many turns of objection, ruling and colloquy may lie between two parts of one answer.
const MAX_INTERRUPTION: usize = 20;

/// The first and last turn of the answer that turn `i` is part of. An objection, a ruling or
/// colloquy may cut a witness off ("A. Well, I —" / "MR. KAY: Objection." / "THE COURT:
/// Overruled." / "A. I met him once."); the parts answer one question and are read as one
/// answer. Parts are joined only across turns of other speakers (counsel, the court, the
/// reporter): an examiner's remark in between starts a new exchange. `None` when turn `i`
/// is not an answer.
pub fn answer_parts(t: &Transcript, i: usize) -> Option<(usize, usize)> {
    let turn = t.turns.get(i)?;
    let q = turn.answers.filter(|_| turn.kind == TurnKind::Answer)?;
    let part_of = |k: usize| {
        let x = &t.turns[k];
        x.kind == TurnKind::Answer && x.answers == Some(q)
    };
    let between = |k: usize| matches!(t.turns[k].role, Role::Court | Role::Counsel | Role::Other);
    let mut first = i;
    let mut k = i;
    while k > 0 && i - k <= MAX_INTERRUPTION {
        k -= 1;
        if part_of(k) {
            first = k;
        } else if !between(k) {
            break;
        }
    }
    let mut last = i;
    let mut k = i + 1;
    while k < t.turns.len() && k - i <= MAX_INTERRUPTION {
        if part_of(k) {
            last = k;
        } else if !between(k) {
            break;
        }
        k += 1;
    }
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{Format, parse_text};

    fn parse(s: &str) -> Transcript {
        parse_text(s.to_owned(), "utf-8", Some(Format::Qa))
    }

    #[test]
    fn an_answer_cut_off_by_an_objection_is_one_answer_in_parts() {
        let t = parse(
            "Q. Did you meet him?\nA. Well, I --\nMR. KAY: Objection. Form.\nTHE COURT: Overruled.\nA. I met him once.\nQ. Where?\nA. In Ohio.\n",
        );
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        let at = |s: &str| texts.iter().position(|x| *x == s).expect(s);
        let (cut, rest) = (at("Well, I --"), at("I met him once."));
        assert_eq!(answer_parts(&t, cut), Some((cut, rest)), "{:#?}", t.turns);
        assert_eq!(answer_parts(&t, rest), Some((cut, rest)));
        let ohio = at("In Ohio.");
        assert_eq!(answer_parts(&t, ohio), Some((ohio, ohio)));
        // Not answers.
        assert_eq!(answer_parts(&t, at("Objection. Form.")), None);
        assert_eq!(answer_parts(&t, at("Where?")), None);
        assert_eq!(answer_parts(&t, 999), None);
    }

    #[test]
    fn an_examiner_remark_between_two_witness_turns_keeps_them_apart() {
        let t = parse(
            "Q. Did you meet him?\nA. I did.\nQ. I see. Let me show you Exhibit 4.\nA. All right.\n",
        );
        // The examiner's turn is a question or a statement; either way the witness's two
        // turns are not parts of one answer.
        let first = t
            .turns
            .iter()
            .position(|x| x.text == "I did.")
            .expect("answer");
        assert_eq!(answer_parts(&t, first), Some((first, first)));
    }
}
