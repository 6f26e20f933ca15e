//! From raw turns to a [`Transcript`]: turn text, speakers, roles, and question/answer links.
//!
//! Grammars say where turns are; this module decides who the speakers are (merging labels
//! that name one person), who asks and who answers, and which question each answer answers —
//! across objections, rulings and colloquy in between.

use super::grammar::{Parsed, Piece, RoleHint};
use super::kinds::{asks_at_end, assign_kinds};
use super::labels::cluster_labels;
use super::model::*;
use crate::text::joins_without_space;
use std::collections::HashMap;
use std::sync::Arc;

/// Appends a line's words to turn text: layout padding squeezed to one space, and no space
/// added between two lines of Chinese or Japanese, which use none.
fn append_words(out: &mut String, words: &str) {
    let first = words.chars().next();
    if let (Some(prev), Some(next)) = (out.chars().last(), first)
        && !(joins_without_space(prev) && joins_without_space(next))
    {
        out.push(' ');
    }
    // Runs of blanks become one space (none at the start of the text or after the words). The
    // words are copied a stretch at a time: single spaces between them stay as they are.
    let inner = words.trim_matches([' ', '\t']);
    if inner.is_empty() {
        return;
    }
    if words.starts_with([' ', '\t']) && !out.is_empty() {
        out.push(' ');
    }
    let b = inner.as_bytes();
    // Most lines have no more than single spaces: checked without a branch per byte (so the
    // compiler can vectorise it) and then copied whole.
    let squeezable = b.iter().zip(&b[1..]).fold(false, |any, (&x, &y)| {
        any | (x == b'\t') | ((x == b' ') & ((y == b' ') | (y == b'\t')))
    });
    if !squeezable {
        out.push_str(inner);
        return;
    }
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        // `inner` ends in a word, so a blank always has a byte after it.
        if b[i] == b'\t' || (b[i] == b' ' && matches!(b[i + 1], b' ' | b'\t')) {
            out.push_str(&inner[start..i]);
            out.push(' ');
            while matches!(b[i], b' ' | b'\t') {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&inner[start..]);
}

fn turn_text(text: &str, pieces: &[Piece]) -> (String, Vec<Segment>) {
    // Squeezing only shortens the words; one space between lines at most.
    let mut out = String::with_capacity(pieces.iter().map(|p| p.range.len() + 1).sum());
    let mut segments = Vec::with_capacity(pieces.len());
    for p in pieces {
        let words = text[p.range.start as usize..p.range.end as usize].trim();
        if words.is_empty() {
            continue;
        }
        let before = out.len();
        append_words(&mut out, words);
        let offset = before + usize::from(before > 0 && out.as_bytes().get(before) == Some(&b' '));
        segments.push(Segment {
            text_offset: offset as u32,
            loc: p.loc,
            source: p.range.clone(),
        });
    }
    (out, segments)
}

/// Builds the transcript from what the grammar found in `text` (the lines are no longer
/// needed: each piece carries its place). `warnings` holds the decoder's and the layout's.
pub fn build(
    text: &str,
    encoding: &'static str,
    format: Format,
    format_detected: bool,
    pages: Option<(u32, u32)>,
    mut warnings: Vec<Warning>,
    parsed: Parsed,
) -> Transcript {
    warnings.extend(parsed.warnings);

    // Turns, each made once and completed in place (the grammar dropped those without words).
    // Speakers: distinct labels in order of appearance, to be clustered.
    let mut turns: Vec<Turn> = Vec::with_capacity(parsed.turns.len());
    // Per turn: its label (an index into `labels`) and what the grammar said of its role.
    let mut turn_labels: Vec<(usize, RoleHint)> = Vec::with_capacity(parsed.turns.len());
    let mut labels: Vec<String> = Vec::new();
    // Each label once, shared by its turns.
    let mut shared: Vec<Arc<str>> = Vec::new();
    let mut placeholders: Vec<bool> = Vec::new();
    // The grammar's label numbers to these (the grammar may know labels of dropped turns).
    let mut label_of: Vec<Option<usize>> = vec![None; parsed.labels.len()];
    let mut label_index: HashMap<String, usize> = HashMap::new();
    let mut counts: Vec<usize> = Vec::new();
    // Per label: the first turn that has it, and where.
    let mut first_seen: Vec<(usize, Loc)> = Vec::new();
    for raw in parsed.turns {
        let pieces = &parsed.pieces[raw.pieces.start as usize..raw.pieces.end as usize];
        let (t, segments) = turn_text(text, pieces);
        let start = segments.first().map_or(Loc::new(None, 1), |s| s.loc);
        let end = segments.last().map_or(start, |s| s.loc);
        let name = &parsed.labels[raw.label as usize];
        let label = match label_of[raw.label as usize] {
            Some(i) => i,
            None => {
                labels.push(name.clone());
                shared.push(Arc::from(name.as_str()));
                placeholders.push(raw.placeholder);
                counts.push(0);
                first_seen.push((turns.len(), start));
                label_index.insert(name.clone(), labels.len() - 1);
                label_of[raw.label as usize] = Some(labels.len() - 1);
                labels.len() - 1
            }
        };
        counts[label] += 1;
        turn_labels.push((label, raw.role));
        let label_start = raw.label_start as usize;
        let bytes = label_start
            ..segments
                .last()
                .map_or(label_start, |s| s.source.end as usize);
        turns.push(Turn {
            // Speaker and role are settled below, once the labels are clustered.
            speaker: SpeakerId(0),
            role: Role::Other,
            kind: raw.kind.unwrap_or(TurnKind::Statement),
            marked: raw.kind.is_some(),
            text: t,
            label: Arc::clone(&shared[label]),
            bytes,
            start,
            end,
            answers: None,
            section: raw.section.map(|s| s as usize),
            segments,
        });
    }
    // The pieces' words are all in the turns now.
    drop(parsed.pieces);

    let (cluster, messages) = cluster_labels(&labels, &placeholders);
    warnings.extend(
        messages
            .into_iter()
            .map(|message| Warning { loc: None, message }),
    );
    let n_speakers = cluster.iter().max().map_or(0, |m| m + 1);
    let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); n_speakers];
    for (i, &c) in cluster.iter().enumerate() {
        members_of[c].push(i);
    }
    let mut speakers: Vec<Speaker> = members_of
        .into_iter()
        .enumerate()
        .map(|(c, members)| {
            let name_i = members
                .iter()
                .copied()
                .max_by_key(|&i| (counts[i], labels[i].len(), std::cmp::Reverse(i)))
                .unwrap_or(members[0]);
            Speaker {
                id: SpeakerId(c as u32),
                name: labels[name_i].clone(),
                role: Role::Other,
                aliases: members
                    .iter()
                    .filter(|&&i| i != name_i)
                    .map(|&i| labels[i].clone())
                    .collect(),
            }
        })
        .collect();

    // Merging labels is a guess: say so, where the first alias appears.
    for s in &speakers {
        if s.aliases.is_empty() {
            continue;
        }
        let first_alias = s
            .aliases
            .iter()
            .map(|a| first_seen[label_index[a.as_str()]])
            .min_by_key(|&(k, _)| k)
            .map(|(_, loc)| loc);
        warnings.push(Warning {
            loc: first_alias,
            message: format!(
                "labels {} read as one speaker, \"{}\" (undo with `partly speaker FILE split LABEL`)",
                s.aliases
                    .iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                s.name
            ),
        });
    }

    // Inferred roles, from what each speaker does across the whole text: one who asks more
    // often than they reply to someone else's question examines; one who mostly replies is
    // a witness, even if they ask a question back now and then.
    let mut asks = vec![0usize; n_speakers];
    let mut replies = vec![0usize; n_speakers];
    let mut turns_of = vec![0usize; n_speakers];
    let mut prev: Option<(usize, bool)> = None;
    for (turn, &(label, _)) in turns.iter().zip(&turn_labels) {
        let c = cluster[label];
        let asking = turn.kind == TurnKind::Question || asks_at_end(&turn.text);
        turns_of[c] += 1;
        asks[c] += usize::from(asking);
        if let Some((p, p_asked)) = prev
            && p != c
            && p_asked
        {
            replies[c] += 1;
        }
        prev = Some((c, asking));
    }
    let inferred = |c: usize, label: &str| -> Role {
        let lower = label.to_lowercase();
        // The bench, in English or Chinese (法官 judge, 审判长 presiding judge, 庭长), and
        // the presiding officer of a Chinese-language legislature (主席), who calls on
        // members and rules, but neither asks nor answers.
        let bench = [
            "法官",
            "审判长",
            "審判長",
            "庭长",
            "庭長",
            "审判员",
            "審判員",
            "主席",
        ];
        if lower.starts_with("judge")
            || lower == "the court"
            || lower.starts_with("justice")
            || bench.iter().any(|b| label.ends_with(b))
        {
            return Role::Court;
        }
        if asks[c] > replies[c] {
            Role::Examiner
        } else if replies[c] > 0 || asks[c] == 0 {
            Role::Witness
        } else {
            Role::Examiner
        }
    };
    let mut inferred: Vec<Role> = (0..n_speakers)
        .map(|c| inferred(c, &speakers[c].name))
        .collect();
    // Then who they talk with: examiners take turns with witnesses, rarely with each other
    // (a justice who asks once, in a statement, still speaks between the advocate's answers).
    // Speakers whose roles the layout fixed anchor the vote.
    let mut fixed: Vec<Option<Role>> = vec![None; n_speakers];
    let mut inferred_speaker = vec![false; n_speakers];
    for &(label, hint) in &turn_labels {
        match hint {
            RoleHint::Fixed(r) => {
                fixed[cluster[label]].get_or_insert(r);
            }
            RoleHint::Infer => inferred_speaker[cluster[label]] = true,
        }
    }
    // Only speakers with little evidence of their own are decided by the company they keep:
    // in a panel, witnesses follow one another, and that says nothing of a witness who has
    // answered twenty questions.
    let weak = |c: usize| turns_of[c] <= 3 || asks[c] == replies[c];
    let mut next_to: Vec<Vec<usize>> = vec![Vec::new(); n_speakers];
    for pair in turn_labels.windows(2) {
        let (a, b) = (cluster[pair[0].0], cluster[pair[1].0]);
        if a != b && (weak(a) || weak(b)) {
            next_to[a].push(b);
            next_to[b].push(a);
        }
    }
    for _ in 0..3 {
        let current = inferred.clone();
        let role_of = |d: usize| fixed[d].unwrap_or(current[d]);
        let mut changed = false;
        for c in (0..n_speakers).filter(|&c| inferred_speaker[c] && fixed[c].is_none() && weak(c)) {
            if inferred[c] == Role::Court {
                continue;
            }
            let (mut with_witnesses, mut with_examiners) = (0usize, 0usize);
            for &d in &next_to[c] {
                match role_of(d) {
                    Role::Witness => with_witnesses += 1,
                    Role::Examiner => with_examiners += 1,
                    _ => {}
                }
            }
            // Someone who never asks is made an examiner by company only when it is nearly
            // all witnesses, and often (a justice who argues in statements).
            let company = if asks[c] > 0 {
                with_witnesses >= with_examiners + 2
            } else {
                with_witnesses >= 4 && with_witnesses >= 3 * with_examiners
            };
            let vote = if company {
                Role::Examiner
            } else if with_examiners >= with_witnesses + 2 {
                Role::Witness
            } else {
                inferred[c]
            };
            changed |= vote != inferred[c];
            inferred[c] = vote;
        }
        if !changed {
            break;
        }
    }

    // Each turn's speaker and role; a speaker's role is the one they play most.
    let mut tallies = vec![[0usize; Role::ALL.len()]; speakers.len()];
    for (turn, &(label, role)) in turns.iter_mut().zip(&turn_labels) {
        let c = cluster[label];
        turn.speaker = SpeakerId(c as u32);
        turn.role = match role {
            RoleHint::Fixed(r) => r,
            RoleHint::Infer => inferred[c],
        };
        tallies[c][turn.role as usize] += 1;
    }
    for (s, tally) in speakers.iter_mut().zip(tallies) {
        s.role = Role::ALL
            .into_iter()
            .zip(tally)
            .filter(|&(_, n)| n > 0)
            .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))
            .map_or(Role::Other, |(r, _)| r);
    }

    let sections = parsed
        .sections
        .into_iter()
        .map(|s| Section {
            title: s.title,
            loc: s.loc,
            first_turn: s.first_turn.min(turns.len().saturating_sub(1)),
        })
        .collect();

    if turns.is_empty() {
        warnings.push(Warning {
            loc: None,
            message: format!(
                "no speaker turns recognised as {}; try another --format",
                format.describe()
            ),
        });
    }

    // Whole-file notes first, then in reading order.
    warnings.sort_by_key(|w| w.loc.map(|l| (l.page, l.line)));

    let mut transcript = Transcript {
        format,
        format_detected,
        encoding,
        speakers,
        turns,
        sections,
        pages,
        warnings,
        lines: Default::default(),
        better_format: None,
        origin: None,
    };
    assign_kinds(&mut transcript);
    transcript
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::testing::sequences;

    /// `append_words` as it was, a character at a time.
    fn append_words_reference(out: &mut String, words: &str) {
        let first = words.chars().next();
        if let (Some(prev), Some(next)) = (out.chars().last(), first)
            && !(joins_without_space(prev) && joins_without_space(next))
        {
            out.push(' ');
        }
        let mut space = false;
        for c in words.chars() {
            if c == ' ' || c == '\t' {
                space = true;
            } else {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }

    #[test]
    fn words_are_squeezed_as_before() {
        let pieces = [
            " ", "  ", "\t", "a", "word", "你", "好", "é", "x y", "\u{A0}", ".",
        ];
        for words in sequences(&pieces, 4, 20_000) {
            for before in ["", "x", "你", "a "] {
                let (mut got, mut expected) = (before.to_owned(), before.to_owned());
                append_words(&mut got, &words);
                append_words_reference(&mut expected, &words);
                assert_eq!(got, expected, "{before:?} + {words:?}");
            }
        }
    }

    #[test]
    fn roles_index_their_list() {
        for (i, r) in Role::ALL.into_iter().enumerate() {
            assert_eq!(r as usize, i);
        }
    }
}
