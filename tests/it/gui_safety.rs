//! The window's side of "never lose an annotation": reviewing re-anchored annotations,
//! re-attaching orphans, and merging or reloading when the annotation file changed on disk.
//! Driven headless by accessible labels, checked against the sidecar on disk.

use crate::common::{SEED, VOCALIFE, copy_of, harness, tag_turn, turn};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use partly::annotation::{Document, Placement, sidecar};
use partly::app::PartlyApp;
use std::fs;
use std::path::Path;

fn app_on(file: &Path, data: &Path) -> PartlyApp {
    PartlyApp::new(Some(file.to_path_buf()), None, Some(data.to_path_buf()))
}

fn on_disk(file: &Path) -> partly::annotation::Sidecar {
    sidecar::load(file)
        .expect("readable sidecar")
        .expect("a sidecar")
        .sidecar
}

fn placement(app: &PartlyApp, id: &str) -> Placement {
    app.doc
        .as_ref()
        .and_then(|d| d.doc.sidecar.annotation(id))
        .map(|a| a.placement.clone())
        .expect("annotation kept")
}

#[test]
fn review_accept_and_reattach_an_orphan_to_a_selected_turn() {
    let (dir, file) = copy_of(VOCALIFE);
    let mut doc = Document::open(&file, None).expect("open");
    let reworded = doc
        .annotate(
            0,
            &["Dodging".into()],
            Some("broadening".into()),
            Some("the proposal of this reissue application is to make the claim broader"),
        )
        .expect("annotate");
    let yes_turn = doc
        .transcript
        .turns
        .iter()
        .position(|t| t.text == "Yes.")
        .expect("a Yes.");
    let yes = doc
        .annotate(yes_turn, &["Explicit".into()], Some("admits".into()), None)
        .expect("annotate");
    doc.save().expect("save");
    let text = fs::read_to_string(&file).expect("read");
    let text = text
        .replace(
            "box was not checked, but the proposal of this reissue\n\n05:02:00    5   application is to make the claim broader.",
            "box was not checked, but the purpose of the reissue\n\n05:02:00    5   filing was to make claims broader.",
        )
        .replacen("05:02:43   13   A.   Yes.\n", "05:02:43   13   \n", 1);
    fs::write(&file, text).expect("write");

    let mut h = harness(app_on(&file, dir.path()));
    h.get_by_label_contains("Found them again");
    h.get_by_label("To review (1)");
    h.get_by_label("Orphaned (1)");
    assert!(matches!(
        placement(h.state(), &reworded),
        Placement::Review { .. }
    ));
    assert_eq!(placement(h.state(), &yes), Placement::Orphaned);

    h.get_by_label("Accept move").click();
    h.run();
    assert_eq!(placement(h.state(), &reworded), Placement::Moved);
    let quote = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.doc.sidecar.annotation(&reworded))
        .map(|a| a.anchor.quote.clone());
    assert_eq!(
        quote.as_deref(),
        Some("the purpose of the reissue filing was to make claims broader")
    );
    assert!(h.query_by_label("To review (1)").is_none());

    // The orphan: select the answer it belongs to now, then attach.
    turn(&h, "That's it.").click();
    h.run();
    h.get_by_label("Attach to selection").click();
    h.run();
    assert_eq!(placement(h.state(), &yes), Placement::Anchored);
    assert!(h.query_by_label("Orphaned (1)").is_none());
    // Undo brings the orphan back; redo re-attaches it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(placement(h.state(), &yes), Placement::Orphaned);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(placement(h.state(), &yes), Placement::Anchored);

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = on_disk(&file);
    let a = saved.annotation(&yes).expect("saved");
    assert_eq!(a.placement, Placement::Anchored);
    assert_eq!(a.anchor.quote, "That's it.");
    assert_eq!(a.note.as_deref(), Some("admits"));
    assert_eq!(
        saved.annotation(&reworded).map(|a| a.placement.clone()),
        Some(Placement::Moved)
    );
}

/// Another writer (a second window, a sync, `partly annotate`) saves while this window has
/// unsaved work: the save is refused, nothing on disk is touched, and Merge keeps both.
#[test]
fn a_save_over_changes_made_elsewhere_is_refused_then_merged() {
    let (dir, file) = copy_of(SEED);
    let mut h = harness(app_on(&file, dir.path()));
    // Theirs: an annotation on the first answer, saved by another process.
    let mut other = Document::open(&file, None).expect("open");
    let theirs = other
        .annotate(1, &["Explicit".into()], Some("theirs".into()), None)
        .expect("annotate");
    other.save().expect("save");
    let their_bytes = fs::read(sidecar::sidecar_path(&file)).expect("read");

    // Ours: tag "Partly." in the window and save.
    tag_turn(&mut h, "Partly.", Key::Num6);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        fs::read(sidecar::sidecar_path(&file)).expect("read"),
        their_bytes,
        "the other writer's file is untouched"
    );
    h.get_by_label_contains("Someone else saved the annotations");
    h.get_by_label("Merge").click();
    h.run();
    let saved = on_disk(&file);
    assert_eq!(saved.annotations.len(), 2);
    assert!(saved.annotation(&theirs).is_some());
    assert!(saved.annotations.iter().any(|a| a.tags == ["Partial"]));
    assert!(!h.state().doc.as_ref().expect("doc").dirty);
    assert!(h.query_by_label("Merge conflicts").is_none());
}

#[test]
fn conflicting_notes_are_shown_and_theirs_can_be_taken_or_everything_reloaded() {
    let (dir, file) = copy_of(SEED);
    let mut doc = Document::open(&file, None).expect("open");
    let id = doc
        .annotate(5, &["Partial".into()], Some("base".into()), None)
        .expect("annotate");
    doc.save().expect("save");

    let mut h = harness(app_on(&file, dir.path()));
    // They change the note and save.
    let mut other = Document::open(&file, None).expect("open");
    other
        .apply(partly::annotation::Edit::SetNote {
            id: id.clone(),
            note: Some("their note".into()),
        })
        .expect("note");
    other.save().expect("save");
    // We change it too, in the window.
    h.state_mut().apply(partly::app::Action::EditNote {
        id: id.clone(),
        note: "my note".into(),
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    h.run();
    h.get_by_label("Merge conflicts");
    h.get_by_label_contains("Theirs: [Partial]");
    assert_eq!(
        on_disk(&file)
            .annotation(&id)
            .and_then(|a| a.note.clone())
            .as_deref(),
        Some("my note"),
        "ours is kept until the user chooses"
    );
    h.get_by_label("Take theirs").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        on_disk(&file)
            .annotation(&id)
            .and_then(|a| a.note.clone())
            .as_deref(),
        Some("their note")
    );
    assert!(h.query_by_label("Merge conflicts").is_none());

    // Reload: someone saves again; our unsaved change is dropped for theirs, on request.
    let mut other = Document::open(&file, None).expect("open");
    other
        .apply(partly::annotation::Edit::SetNote {
            id: id.clone(),
            note: Some("third".into()),
        })
        .expect("note");
    other.save().expect("save");
    h.state_mut().apply(partly::app::Action::EditNote {
        id: id.clone(),
        note: "discard me".into(),
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Reload theirs, discard mine").click();
    h.run();
    let d = h.state().doc.as_ref().expect("doc");
    assert_eq!(
        d.doc
            .sidecar
            .annotation(&id)
            .and_then(|a| a.note.clone())
            .as_deref(),
        Some("third")
    );
    assert!(!d.dirty && !d.disk_conflict);
}
