//! The window with a big transcript: opening happens off the UI thread with a progress line
//! (the open document stays usable meanwhile), a newer open supersedes an older one, going to
//! the middle of a long transcript shows it, and suggestions are not recomputed for edits
//! that cannot change them. Frame times at trial scale are measured by `benches/scale.rs`.

#[path = "../../benches/support/mod.rs"]
mod support;

use crate::common::*;
use egui_kittest::kittest::Queryable;
use partly::annotation::Edit;
use partly::app::{Action, Handoff, Loaded, PartlyApp};
use partly::transcript::{Role, SpeakerEdit};
use std::path::{Path, PathBuf};

/// Pages in the generated transcript opened in the background: enough that reading it
/// takes a good second in a debug build, so that the tests see it under way.
const PAGES: usize = 4_000;

fn big_file(dir: &Path, pages: usize) -> PathBuf {
    let path = dir.join("trial.txt");
    std::fs::write(&path, support::big_transcript(pages)).unwrap();
    path
}

/// The sample, its working copy in `dir/data` (the big file goes beside it).
fn sample_in(dir: &Path) -> PartlyApp {
    sample_app(&dir.join("data"))
}

#[test]
fn a_big_transcript_opens_off_the_ui_thread_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_file(dir.path(), PAGES);
    let mut h = harness(sample_in(dir.path()));
    menu(&mut h, "File", "Open by path…");
    h.get_by_label("Path to a transcript file").focus();
    h.run();
    h.get_by_label("Path to a transcript file")
        .type_text(big.to_str().unwrap());
    h.run();
    h.get_by_label("Open").click();
    // A frame for the click (the open starts when it ends), one that shows the progress.
    h.step();
    h.step();
    // The progress line names the file and the stage; the sample is still there.
    assert!(h.state().is_loading());
    h.get_by_label("Opening trial.txt");
    h.get_by_label("Reading…");
    assert!(h.state().window_title().contains("opening trial.txt"));
    turn(&h, "Partly.");
    run_until_opened(&mut h);
    assert!(h.query_by_label("Opening trial.txt").is_none());
    let d = session(&h);
    assert_eq!(d.doc.path, big);
    assert!(d.doc.transcript.turns.len() > 10_000);
    assert!(!d.suggestions.is_empty(), "suggestions found on the worker");
    assert_eq!(h.state().prefs.recent[0], big);
    assert!(h.state().status.starts_with("Opened"));
    let first = d.doc.transcript.turns[0].start.to_string();
    h.get_by_label(&first);
}

#[test]
fn the_open_document_stays_usable_while_another_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_file(dir.path(), PAGES);
    let mut h = harness(sample_in(dir.path()));
    h.state_mut().apply(Action::Open(big.clone()));
    // Tag an answer in the sample meanwhile: it is saved before the big one replaces it.
    turn(&h, "Partly.").click();
    h.step();
    h.key_press(egui::Key::Num6);
    h.step();
    let sidecar = dir
        .path()
        .join("data/sample/distillation_exchange.txt.annotations.ron");
    assert!(h.state().is_loading());
    let d = session(&h);
    assert!(d.doc.path.ends_with("distillation_exchange.txt"));
    assert_eq!(d.doc.sidecar.annotations.len(), 1);
    run_until_opened(&mut h);
    assert_eq!(session(&h).doc.path, big);
    assert!(
        std::fs::read_to_string(&sidecar)
            .unwrap()
            .contains("\"Partial\"")
    );
}

#[test]
fn a_newer_open_supersedes_one_under_way_and_cancel_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_file(dir.path(), PAGES);
    let mut h = harness(sample_in(dir.path()));
    // Open the big one, then change our mind: the later choice wins.
    h.state_mut().apply(Action::Open(big.clone()));
    let superseded = h.state().loading.as_ref().expect("under way").ticket;
    h.state_mut().apply(Action::Open(repo(VOCALIFE)));
    let current = h.state().loading.as_ref().expect("under way").ticket;
    assert_ne!(superseded, current);
    // The superseded open's result arrives while the newer one is still under way: only
    // its ticket tells them apart, and it is ignored (the sample stays, the wait goes on).
    let stale = Loaded::read_now(&big, None).unwrap();
    h.state_mut().apply(Action::Opened {
        ticket: superseded,
        path: big.clone(),
        result: Handoff::new(Ok(stale)),
    });
    let d = session(&h);
    assert!(
        d.doc.path.ends_with("distillation_exchange.txt"),
        "{:?}",
        d.doc.path
    );
    assert_eq!(
        h.state().loading.as_ref().map(|l| l.ticket),
        Some(current),
        "still waiting for the newer open"
    );
    run_until_opened(&mut h);
    assert_eq!(session(&h).doc.path, repo(VOCALIFE));
    h.get_by_label("247:18");
    // A result that arrives after everything settled is ignored too.
    let stale = Loaded::read_now(&big, None).unwrap();
    h.state_mut().apply(Action::Opened {
        ticket: superseded,
        path: big.clone(),
        result: Handoff::new(Ok(stale)),
    });
    h.run();
    assert_eq!(session(&h).doc.path, repo(VOCALIFE));
    // Cancel: the progress line goes, the document stays.
    h.state_mut().apply(Action::Open(big.clone()));
    h.step();
    h.get_by_label("Opening trial.txt");
    h.get_by_label("Cancel").click();
    h.step();
    assert!(!h.state().is_loading());
    h.run();
    assert!(h.query_by_label("Opening trial.txt").is_none());
    assert_eq!(session(&h).doc.path, repo(VOCALIFE));
    assert!(h.state().status.starts_with("Did not open"));
}

#[test]
fn an_unreadable_file_is_reported_in_the_banner_after_loading() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_in(dir.path()));
    let missing = dir.path().join("missing.txt");
    h.state_mut().apply(Action::Open(missing.clone()));
    run_until_opened(&mut h);
    h.get_by_label_contains("Could not open:");
    h.get_by_label_contains("missing.txt");
    turn(&h, "Partly.");
}

#[test]
fn going_to_the_middle_of_a_big_transcript_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_file(dir.path(), 1_000);
    let mut h = harness(PartlyApp::new(Some(big), None, None));
    for at in ["500:1", "1000:20"] {
        h.state_mut().apply(Action::GoTo(at.into()));
        h.run();
        let d = session(&h);
        let (first, _) = h.state().view.selection.unwrap().turns();
        let t = &d.doc.transcript.turns[first];
        assert!(t.start.page.unwrap() >= 499, "{at}: {}", t.start);
        // Its page:line is in the gutter, so the row was drawn.
        h.get_by_label(&t.start.to_string());
    }
}

#[test]
fn suggestions_are_recomputed_for_speaker_changes_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_in(dir.path()));
    let before = session(&h).suggestions.clone();
    let kept = session(&h).suggestions.as_ptr();
    // Tags and notes do not change what is suggested: the same list is kept.
    turn(&h, "Partly.").click();
    h.run();
    h.key_press(egui::Key::Num6);
    h.run();
    let d = session(&h);
    let id = d.doc.sidecar.annotations[0].id.clone();
    h.state_mut().apply(Action::EditNote {
        id,
        note: "only part".into(),
    });
    h.run();
    let d = session(&h);
    assert_eq!(d.suggestions.as_ptr(), kept);
    // A role change does: the suggestions follow the transcript.
    h.state_mut()
        .apply(Action::Edit(Edit::Speaker(SpeakerEdit::SetRole {
            label: "Musk".into(),
            role: Role::Examiner,
        })));
    h.run();
    let d = session(&h);
    assert_ne!(d.suggestions, before);
    assert_eq!(d.suggestions, partly::analysis::verdicts(&d.doc.transcript));
    // And undo brings them back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(session(&h).suggestions, before);
}

/// The study of a long transcript is worked out off the UI thread: the view says so, the
/// transcript stays usable, and the outline comes in when it is ready.
#[test]
fn the_study_of_a_long_transcript_comes_from_a_worker_thread() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_file(dir.path(), 1_000);
    let mut h = harness(PartlyApp::new(
        Some(big),
        None,
        Some(dir.path().join("data")),
    ));
    run_until_opened(&mut h);
    let questions = session(&h)
        .doc
        .transcript
        .turns
        .iter()
        .filter(|x| x.kind == partly::transcript::TurnKind::Question)
        .count();
    assert!(
        questions >= partly::app::STUDY_IN_BACKGROUND_FROM,
        "{questions}"
    );
    menu(&mut h, "View", "Study view");
    assert!(session(&h).study_pending());
    h.get_by_label("Working out the study of this long transcript…");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while session(&h).study_pending() {
        assert!(
            std::time::Instant::now() < deadline,
            "still working out the study"
        );
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    let study = session(&h).study.as_ref().expect("the study is in");
    assert_eq!(study.questions.len(), questions);
    assert!(
        h.query_by_label("Working out the study of this long transcript…")
            .is_none()
    );
    // Off again, at once.
    menu(&mut h, "View", "Study view");
    assert!(!session(&h).study_shown());
}
