//! Re-anchoring with real edits to real transcripts: each test annotates a sample, saves,
//! changes the transcript the way a corrected copy or a re-export would, reopens it, and checks
//! where every annotation went. A wrong move is the failure these tests exist to catch.

use crate::common::{GUO, VOCALIFE, copy_of, repo};
use partly::annotation::{Document, Edit, Placement};
use partly::transcript::Loc;
use std::fs;
use std::path::Path;

fn open(file: &Path) -> Document {
    Document::open(file, None).unwrap_or_else(|e| panic!("{e}"))
}

/// The first turn (0-based) whose text contains `needle`.
fn turn_of(doc: &Document, needle: &str) -> usize {
    doc.transcript
        .turns
        .iter()
        .position(|t| t.text.contains(needle))
        .unwrap_or_else(|| panic!("no turn contains {needle:?}"))
}

/// Annotates the turn containing `needle`: the whole turn, or just `quote` in it.
fn annotate(doc: &mut Document, needle: &str, quote: Option<&str>, note: &str) -> String {
    let turn = turn_of(doc, needle);
    doc.annotate(turn, &["Dodging".into()], Some(note.into()), quote)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn placement(doc: &Document, id: &str) -> Placement {
    doc.sidecar
        .annotation(id)
        .unwrap_or_else(|| panic!("annotation {id} was dropped"))
        .placement
        .clone()
}

fn paged(page: u32, line: u32) -> Loc {
    Loc {
        page: Some(page),
        line,
    }
}

/// The Vocalife excerpt with two new pages before its first one, and every page renumbered
/// (as when the certified copy starts earlier than the rough draft). The new pages hold other
/// testimony in the same court-reporter layout.
fn with_pages_inserted(original: &str) -> String {
    let guo = fs::read_to_string(repo(GUO)).expect("Guo sample");
    let filler: Vec<&str> = guo
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("Q. ").or_else(|| l.strip_prefix("A. ")))
        .collect();
    let mut out = String::new();
    for (k, page) in [247u32, 248].iter().enumerate() {
        out.push_str(&format!(
            "   Case 2:19-cv-00123-JRG Document 329 Filed 10/09/20 Page {} of 156 PageID #: {}\n",
            120 + k,
            18581 + k
        ));
        out.push_str(&format!("{page:>87}\n\n\n\n"));
        for line in 1..=25 {
            let text = filler[(k * 25 + line) % filler.len()];
            let label = if line % 2 == 1 { "Q." } else { "A." };
            out.push_str(&format!(
                "05:00:{:02}   {line:>2}   {label}   {text}\n\n",
                line
            ));
        }
    }
    // Renumber the original pages: the right-aligned page number line after each header.
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    for i in 0..lines.len() {
        if lines[i].trim_start().starts_with("Case 2:19")
            && let Some(next) = lines.get_mut(i + 1)
            && let Ok(n) = next.trim().parse::<u32>()
        {
            *next = format!("{:>87}", n + 2);
        }
    }
    out.push_str(&lines.join("\n"));
    out.push('\n');
    out
}

#[test]
fn pages_inserted_at_the_start_move_every_annotation_with_its_new_page_line() {
    let (_dir, file) = copy_of(VOCALIFE);
    let mut doc = open(&file);
    let span = annotate(
        &mut doc,
        "I'm not an attorney",
        Some("I'm not an attorney"),
        "pleads ignorance",
    );
    let greeting = annotate(&mut doc, "Good afternoon, Dr. Li.", None, "start of cross");
    // A short answer that occurs many times: only its context tells them apart.
    let yes = {
        let q = turn_of(&doc, "Is that what you intended when you prepared");
        doc.annotate(q + 1, &["Explicit".into()], None, None)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let yes_quote = doc.sidecar.annotation(&yes).map(|a| a.anchor.quote.clone());
    assert_eq!(yes_quote.as_deref(), Some("Yes."));
    let before: Vec<(String, Loc, Loc)> = [&span, &greeting, &yes]
        .iter()
        .map(|id| {
            let a = doc.sidecar.annotation(id).expect("annotation");
            (a.anchor.quote.clone(), a.anchor.start, a.anchor.end)
        })
        .collect();
    doc.save().expect("save");

    let text = fs::read_to_string(&file).expect("read");
    fs::write(&file, with_pages_inserted(&text)).expect("write");
    let mut doc = open(&file);
    assert!(doc.source_changed);
    let summary = doc.reanchored.expect("re-anchored");
    assert_eq!(summary.moved, 3, "{summary:?}");
    for (id, (quote, start, end)) in [&span, &greeting, &yes].iter().zip(before) {
        assert_eq!(placement(&doc, id), Placement::Moved);
        let a = doc.sidecar.annotation(id).expect("annotation");
        assert_eq!(a.anchor.quote, quote);
        let shift = |l: Loc| paged(l.page.expect("paged") + 2, l.line);
        assert_eq!((a.anchor.start, a.anchor.end), (shift(start), shift(end)));
        let turn = &doc.transcript.turns[a.anchor.start_turn];
        assert!(turn.text[a.anchor.start_offset..].starts_with(&a.anchor.quote));
    }
    assert_eq!(
        doc.sidecar.annotation(&greeting).map(|a| a.anchor.start),
        Some(paged(250, 15))
    );
    // Saved with the new fingerprint, the next open finds them all in place at once.
    doc.save().expect("save");
    let doc = open(&file);
    assert!(!doc.source_changed && doc.reanchored.is_none());
    assert_eq!(placement(&doc, &span), Placement::Moved);
}

#[test]
fn a_corrected_word_inside_a_quote_is_found_with_its_old_and_new_text() {
    let (_dir, file) = copy_of(VOCALIFE);
    let mut doc = open(&file);
    let whole = annotate(&mut doc, "I'm not an attorney", None, "whole answer");
    let span = annotate(
        &mut doc,
        "I'm not an attorney",
        Some("the proposal of this reissue"),
        "span",
    );
    doc.save().expect("save");
    let text = fs::read_to_string(&file).expect("read");
    assert!(text.contains("the proposal of this reissue"));
    fs::write(
        &file,
        text.replace(
            "the proposal of this reissue",
            "the purpose of this reissue",
        ),
    )
    .expect("write");

    let doc = open(&file);
    for id in [&whole, &span] {
        let a = doc.sidecar.annotation(id).expect("kept");
        match &a.placement {
            Placement::Changed { old_quote } => {
                assert!(old_quote.contains("proposal"), "{old_quote}");
                assert!(a.anchor.quote.contains("purpose"), "{}", a.anchor.quote);
                assert!(!a.anchor.quote.contains("proposal"));
            }
            other => panic!("{id}: expected changed, got {other:?}"),
        }
    }
    let a = doc.sidecar.annotation(&span).expect("kept");
    assert_eq!(a.anchor.quote, "the purpose of this reissue");
    assert_eq!(a.note.as_deref(), Some("span"));
}

/// The Guo excerpt re-exported: lines rewrapped (each continuation line joined to the one
/// before), and CRLF line endings turned into LF. Every page:line changes; no word does.
#[test]
fn rewrapped_lines_and_changed_line_endings_keep_every_annotation() {
    let (_dir, file) = copy_of(GUO);
    let mut doc = open(&file);
    let ids = [
        annotate(&mut doc, "insignia on the top left", None, "q"),
        annotate(
            &mut doc,
            "Because there's a lot of people that need help",
            Some("a hundred million dollars, that can help a lot of people"),
            "span across a line break",
        ),
        annotate(&mut doc, "the defense just wanted to", None, "colloquy"),
    ];
    let quotes: Vec<String> = ids
        .iter()
        .map(|id| doc.sidecar.annotation(id).expect("a").anchor.quote.clone())
        .collect();
    doc.save().expect("save");

    let text = fs::read_to_string(&file).expect("read");
    assert!(text.contains("\r\n"), "the sample has CRLF line endings");
    let starts_turn = |l: &str| {
        l.is_empty()
            || l.starts_with("Q. ")
            || l.starts_with("A. ")
            || l.starts_with('(')
            || l.starts_with("O5S1")
            || l.split(':').next().is_some_and(|h| {
                !h.is_empty() && h.len() < 30 && h.chars().all(|c| !c.is_lowercase())
            })
    };
    let mut rewrapped: Vec<String> = Vec::new();
    for line in text.split("\r\n") {
        match rewrapped.last_mut() {
            Some(last) if !starts_turn(line) && !last.is_empty() => {
                last.push(' ');
                last.push_str(line);
            }
            _ => rewrapped.push(line.to_owned()),
        }
    }
    let new_text = rewrapped.join("\n");
    assert!(!new_text.contains('\r'));
    assert!(new_text.lines().count() < text.lines().count() - 50);
    fs::write(&file, new_text).expect("write");

    let doc = open(&file);
    for (k, (id, quote)) in ids.iter().zip(&quotes).enumerate() {
        let a = doc.sidecar.annotation(id).expect("kept");
        // The first is above every rewrapped line, so its page:line did not change.
        let expected = if k == 0 {
            Placement::Anchored
        } else {
            Placement::Moved
        };
        assert_eq!(a.placement, expected, "{quote}");
        let got = a.anchor.quote.split_whitespace().collect::<Vec<_>>();
        assert_eq!(got, quote.split_whitespace().collect::<Vec<_>>());
    }
    // And back to CRLF: the same words again, at the old lines.
    fs::write(&file, &text).expect("write");
    let doc = open(&file);
    for id in &ids {
        assert!(
            doc.sidecar
                .annotation(id)
                .expect("kept")
                .placement
                .is_placed()
        );
    }
}

#[test]
fn a_deleted_short_answer_is_orphaned_not_moved_to_another_yes() {
    let (_dir, file) = copy_of(GUO);
    let mut doc = open(&file);
    let q = turn_of(&doc, "if you had known that at the time, would that");
    let yes_turn = (q + 1..doc.transcript.turns.len())
        .find(|&i| doc.transcript.turns[i].text == "Yes.")
        .expect("the Yes. after the objection");
    let yes = doc
        .annotate(
            yes_turn,
            &["Explicit".into()],
            Some("the key answer".into()),
            None,
        )
        .expect("annotate");
    let kept = annotate(&mut doc, "insignia on the top left", None, "unaffected");
    doc.save().expect("save");
    let others = doc
        .transcript
        .turns
        .iter()
        .filter(|t| t.text == "Yes.")
        .count();
    assert!(
        others >= 5,
        "the excerpt has other Yes. answers to confuse it"
    );

    let text = fs::read_to_string(&file).expect("read");
    let deleted = text.replacen(
        "THE COURT: Overruled. You may answer.\r\nA. Yes.\r\n",
        "THE COURT: Overruled. You may answer.\r\n",
        1,
    );
    assert_ne!(deleted, text);
    fs::write(&file, deleted).expect("write");

    let mut doc = open(&file);
    assert_eq!(placement(&doc, &yes), Placement::Orphaned);
    assert!(placement(&doc, &kept).is_placed());
    let summary = doc.reanchored.expect("re-anchored");
    assert_eq!(summary.orphaned, 1);
    // Kept in the sidecar with its quote and note, and listed as orphaned after a save.
    doc.save().expect("save");
    let doc = open(&file);
    let a = doc.sidecar.annotation(&yes).expect("orphan kept");
    assert_eq!(a.placement, Placement::Orphaned);
    assert_eq!(a.anchor.quote, "Yes.");
    assert_eq!(a.note.as_deref(), Some("the key answer"));
    assert_eq!(doc.placed_annotations().count(), 1);
}

#[test]
fn a_heavily_reworded_passage_waits_for_review_and_can_be_accepted_or_rejected() {
    let (_dir, file) = copy_of(VOCALIFE);
    let mut doc = open(&file);
    let id = annotate(
        &mut doc,
        "I'm not an attorney",
        Some("the proposal of this reissue application is to make the claim broader"),
        "broadening",
    );
    doc.save().expect("save");
    let text = fs::read_to_string(&file).expect("read");
    let old = "box was not checked, but the proposal of this reissue\n\n05:02:00    5   application is to make the claim broader.";
    assert!(text.contains(old));
    fs::write(
        &file,
        text.replace(
            old,
            "box was not checked, but the purpose of the reissue\n\n05:02:00    5   filing was to make claims broader.",
        ),
    )
    .expect("write");

    let mut doc = open(&file);
    let Placement::Review {
        candidate,
        similarity,
    } = placement(&doc, &id)
    else {
        panic!("expected review, got {:?}", placement(&doc, &id));
    };
    assert!((60..85).contains(&similarity), "{similarity}");
    assert!(
        candidate.quote.contains("claims broader"),
        "{}",
        candidate.quote
    );
    assert_eq!(doc.placed_annotations().count(), 0);
    let old_anchor = doc.sidecar.annotation(&id).expect("a").anchor.clone();

    // Accept: the annotation moves to the candidate; undo puts it back in review.
    let undo = doc
        .apply(Edit::Reattach {
            id: id.clone(),
            anchor: candidate.clone(),
            placement: Placement::Moved,
        })
        .expect("accept");
    assert_eq!(doc.placed_annotations().count(), 1);
    assert_eq!(doc.sidecar.annotation(&id).expect("a").anchor, *candidate);
    doc.apply(undo).expect("undo");
    assert!(matches!(placement(&doc, &id), Placement::Review { .. }));
    assert_eq!(doc.sidecar.annotation(&id).expect("a").anchor, old_anchor);

    // Reject: orphaned, with its old quote; saved and reopened it stays orphaned.
    doc.apply(Edit::Reattach {
        id: id.clone(),
        anchor: Box::new(old_anchor),
        placement: Placement::Orphaned,
    })
    .expect("reject");
    doc.save().expect("save");
    let doc = open(&file);
    assert_eq!(placement(&doc, &id), Placement::Orphaned);
}

/// The same testimony twice (a read-back, a duplicated exhibit page), and pages inserted
/// before both: the words and their surroundings are identical in both copies, and the
/// inserted pages put the first copy nearer the annotations' old turn numbers than their own.
/// None may be moved to the first copy: each goes to its own or waits for review.
#[test]
fn annotations_on_a_repeated_passage_stay_on_their_copy() {
    let (_dir, file) = copy_of(VOCALIFE);
    let once = fs::read_to_string(&file).expect("read");
    let twice = format!("{once}{}", renumbered(&once, 6));
    fs::write(&file, &twice).expect("write");
    let mut doc = open(&file);
    let n = doc.transcript.turns.len();
    let second_half: Vec<usize> = (0..n)
        .filter(|&i| doc.transcript.turns[i].start.page.is_some_and(|p| p >= 253))
        .collect();
    let targets = [second_half[3], second_half[10], second_half[20]];
    let ids: Vec<String> = targets
        .iter()
        .map(|&turn| {
            doc.annotate(turn, &["Dodging".into()], None, None)
                .expect("annotate")
        })
        .collect();
    let pages: Vec<u32> = ids
        .iter()
        .map(|id| {
            doc.sidecar
                .annotation(id)
                .and_then(|a| a.anchor.start.page)
                .expect("page")
        })
        .collect();
    doc.save().expect("save");
    fs::write(&file, with_pages_inserted(&twice)).expect("write");
    let doc = open(&file);
    let mut reviews = 0;
    for (id, page) in ids.iter().zip(pages) {
        let a = doc.sidecar.annotation(id).expect("kept");
        match &a.placement {
            Placement::Moved => {
                assert_eq!(
                    a.anchor.start.page,
                    Some(page + 2),
                    "stays on the second copy"
                )
            }
            Placement::Review { similarity, .. } => {
                assert_eq!(*similarity, 100);
                reviews += 1;
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(reviews > 0, "the first one is ambiguous here");
}

/// `text` with every page number shifted by `by`.
fn renumbered(text: &str, by: u32) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for i in 0..lines.len() {
        if lines[i].trim_start().starts_with("Case 2:19")
            && let Some(next) = lines.get_mut(i + 1)
            && let Ok(n) = next.trim().parse::<u32>()
        {
            *next = format!("{:>87}", n + by);
        }
    }
    lines.join("\n") + "\n"
}

/// The layouts issue 13 made readable work with everything built on a transcript: an answer is
/// annotated and saved, exported with its question and cite, classified by the suggestions,
/// and found again after the file changes (a note put before it, line endings changed).
#[test]
fn newly_readable_layouts_annotate_export_suggest_and_reanchor() {
    for (rel, answer) in [
        (
            "tests/corpus/dev/caughtlistening_people_v_trump_2024-04-26_pecker_cross.txt",
            "That's absolutely correct.",
        ),
        (
            "tests/corpus/dev/cnn_newsroom_chauvin_trial_2021-03-30.txt",
            "So just before the trial began",
        ),
        (
            "tests/corpus/dev/gpo_house_science_1996_doe_recoupment.htm",
            "None whatsoever.",
        ),
        (
            "tests/corpus/dev/nysenate_hearing_2020-08-25_mta_covid.txt",
            "Short answer, yes.",
        ),
        (
            "tests/corpus/dev/oyez_print_scotus_labcorp_v_davis_2025-04-29_francisco.txt",
            "I think the simplest way to understand it",
        ),
        (
            "tests/corpus/dev/parliament_work_pensions_uc_rollout_2017-11-29.txt",
            "As the six-week wait has shown",
        ),
        ("tests/data/seed_retranslated.txt", "partially."),
    ] {
        let (_dir, file) = copy_of(rel);
        let mut doc = open(&file);
        let turn = turn_of(&doc, answer);
        assert_eq!(
            doc.transcript.turns[turn].kind,
            partly::transcript::TurnKind::Answer,
            "{rel}"
        );
        let id = annotate(&mut doc, answer, None, "checked against the record");
        doc.save().unwrap_or_else(|e| panic!("{rel}: {e}"));

        // Export: the answer with its question and a cite.
        let out = assert_cmd::Command::cargo_bin("partly")
            .expect("binary")
            .arg("export")
            .arg(&file)
            .args(["--format", "md"])
            .output()
            .expect("export runs");
        assert!(
            out.status.success(),
            "{rel}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let md = String::from_utf8_lossy(&out.stdout);
        let words: String = answer
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(md.contains(&words), "{rel}: {md}");
        assert!(md.contains("checked against the record"), "{rel}: {md}");

        // Suggestions classify the answer against its question.
        let suggestions = partly::analysis::suggest::suggest(&doc.transcript);
        assert!(
            suggestions.iter().any(|s| s.turn == turn),
            "{rel}: no suggestion for the annotated answer"
        );

        // A changed copy: a note before the text and CRLF line endings.
        let text = fs::read_to_string(&file).expect("read copy");
        let changed = format!("Copy received from the clerk.\n\n{text}").replace('\n', "\r\n");
        fs::write(&file, changed).expect("write changed copy");
        let reopened = open(&file);
        let p = placement(&reopened, &id);
        assert!(
            matches!(p, Placement::Anchored | Placement::Moved),
            "{rel}: {p:?}"
        );
        let a = reopened.sidecar.annotation(&id).expect("kept");
        let t = &reopened.transcript.turns[a.anchor.start_turn];
        assert!(t.text.contains(answer), "{rel}: now on {:?}", t.text);
    }
}
