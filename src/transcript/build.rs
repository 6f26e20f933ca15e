//! From raw turns to a [`Transcript`]: turn text, speakers, roles, and question/answer links.
//!
//! Grammars say where turns are; this module decides who the speakers are (merging labels
//! that name one person), who asks and who answers, and which question each answer answers —
//! across objections, rulings and colloquy in between.

use super::grammar::{Parsed, RawTurn, RoleHint};
use super::layout::{ContentLine, Layout};
use super::model::*;
use super::speakers::cluster_labels;
use std::collections::HashMap;

/// Whether the kinds in this format come from `Q.`/`A.` markers.
fn uses_markers(format: Format) -> bool {
    matches!(format, Format::CourtReporter | Format::Qa)
}

/// A question mark in any script (`?`, full-width `？`).
fn asks_something(text: &str) -> bool {
    text.contains(['?', '？'])
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

/// Appends a line's words to turn text: layout padding squeezed to one space, and no space
/// added between two lines of Chinese or Japanese, which use none.
fn append_words(out: &mut String, words: &str) {
    let first = words.chars().next();
    if let (Some(prev), Some(next)) = (out.chars().last(), first)
        && !(is_cjk(prev) && is_cjk(next))
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

fn turn_text(text: &str, lines: &[ContentLine], raw: &RawTurn) -> (String, Vec<Segment>) {
    let mut out = String::new();
    let mut segments = Vec::new();
    for (line, range) in &raw.pieces {
        let words = text[range.clone()].trim();
        if words.is_empty() {
            continue;
        }
        let before = out.len();
        append_words(&mut out, words);
        let offset = before + usize::from(before > 0 && out.as_bytes().get(before) == Some(&b' '));
        segments.push(Segment {
            text_offset: offset,
            loc: lines[*line].loc,
            source: range.clone(),
        });
    }
    (out, segments)
}

/// Builds the transcript. `warnings` already holds the decoder's and the layout's.
pub fn build(
    text: String,
    encoding: &'static str,
    format: Format,
    format_detected: bool,
    layout: Layout,
    parsed: Parsed,
) -> Transcript {
    let Layout {
        lines,
        pages,
        warnings: layout_warnings,
    } = layout;
    let mut warnings = layout_warnings;
    warnings.extend(parsed.warnings);

    // Turn text; empty turns (a bare `Q.`) are dropped and reported.
    let mut kept: Vec<(RawTurn, String, Vec<Segment>)> = Vec::new();
    let mut new_index: Vec<usize> = Vec::with_capacity(parsed.turns.len());
    for raw in parsed.turns {
        new_index.push(kept.len());
        let (t, segs) = turn_text(&text, &lines, &raw);
        if segs.is_empty() {
            // The last line starting at or before the label (lines are in file order).
            let before = lines.partition_point(|l| l.range.start <= raw.label_start);
            let loc = before.checked_sub(1).map(|i| lines[i].loc);
            warnings.push(Warning {
                loc,
                message: format!("empty turn by {} skipped", raw.label),
            });
            continue;
        }
        kept.push((raw, t, segs));
    }
    new_index.push(kept.len());

    // Speakers: distinct labels in order of appearance, clustered.
    let mut labels: Vec<String> = Vec::new();
    let mut placeholders: Vec<bool> = Vec::new();
    let mut label_index: HashMap<String, usize> = HashMap::new();
    let mut counts: Vec<usize> = Vec::new();
    for (raw, _, _) in &kept {
        let i = *label_index.entry(raw.label.clone()).or_insert_with(|| {
            labels.push(raw.label.clone());
            placeholders.push(raw.placeholder);
            counts.push(0);
            labels.len() - 1
        });
        counts[i] += 1;
    }
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
    let mut first_seen: Vec<Option<(usize, Loc)>> = vec![None; labels.len()];
    for (k, (raw, _, segs)) in kept.iter().enumerate() {
        let slot = &mut first_seen[label_index[raw.label.as_str()]];
        if slot.is_none() {
            *slot = segs.first().map(|seg| (k, seg.loc));
        }
    }
    for s in &speakers {
        if s.aliases.is_empty() {
            continue;
        }
        let first_alias = s
            .aliases
            .iter()
            .filter_map(|a| first_seen[label_index[a.as_str()]])
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

    // Inferred roles: a speaker who mostly asks is an examiner, one who answers a witness.
    let mut asks = vec![(0usize, 0usize); n_speakers];
    for (raw, t, _) in &kept {
        if raw.role == RoleHint::Infer {
            let c = cluster[label_index[raw.label.as_str()]];
            asks[c].1 += 1;
            asks[c].0 += usize::from(asks_something(t));
        }
    }
    let best_ratio = asks
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(q, n)| q as f64 / n as f64)
        .fold(0.0, f64::max);
    let inferred = |c: usize, label: &str| -> Role {
        let lower = label.to_lowercase();
        if lower.starts_with("judge") || lower == "the court" || lower.starts_with("justice") {
            return Role::Court;
        }
        let (q, n) = asks[c];
        let ratio = if n == 0 { 0.0 } else { q as f64 / n as f64 };
        if ratio >= 0.5 || (q > 0 && ratio >= best_ratio) {
            Role::Examiner
        } else {
            Role::Witness
        }
    };

    let mut turns: Vec<Turn> = Vec::with_capacity(kept.len());
    for (raw, t, segments) in kept {
        let c = cluster[label_index[raw.label.as_str()]];
        let role = match raw.role {
            RoleHint::Fixed(r) => r,
            RoleHint::Infer => inferred(c, &speakers[c].name),
        };
        let start = segments.first().map_or(Loc::new(None, 1), |s| s.loc);
        let end = segments.last().map_or(start, |s| s.loc);
        let bytes = raw.label_start..segments.last().map_or(raw.label_start, |s| s.source.end);
        turns.push(Turn {
            speaker: SpeakerId(c as u32),
            role,
            kind: raw.kind.unwrap_or(TurnKind::Statement),
            marked: raw.kind.is_some(),
            text: t,
            label: raw.label,
            bytes,
            start,
            end,
            answers: None,
            section: raw.section,
            segments,
        });
    }

    // A speaker's role is the one they play most.
    let mut tallies: Vec<HashMap<Role, usize>> = vec![HashMap::new(); speakers.len()];
    for t in &turns {
        *tallies[t.speaker.0 as usize].entry(t.role).or_default() += 1;
    }
    for (s, tally) in speakers.iter_mut().zip(tallies) {
        s.role = tally
            .into_iter()
            .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))
            .map_or(Role::Other, |(r, _)| r);
    }

    let sections = parsed
        .sections
        .into_iter()
        .map(|s| Section {
            title: s.title,
            loc: s.loc,
            first_turn: new_index[s.first_turn.min(new_index.len() - 1)],
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
        text,
        format,
        format_detected,
        encoding,
        speakers,
        turns,
        sections,
        pages,
        warnings,
    };
    assign_kinds(&mut transcript);
    transcript
}

/// Decides question/statement/answer for turns without a marker, and links every answer to
/// the question it answers: the last examiner question before it, however much objection,
/// ruling and colloquy lies between. Re-run after a speaker's role changes.
pub fn assign_kinds(t: &mut Transcript) {
    let markers = uses_markers(t.format);
    let mut pending: Option<usize> = None;
    let mut witness_spoke = false;
    let mut section = None;
    for i in 0..t.turns.len() {
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
            Role::Examiner if !markers && (asks_something(&turn.text) || witness_spoke) => {
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
