//! The window, driven headless with egui_kittest by accessible labels and values, checking
//! app state and the sidecar on disk.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use partly::app::PartlyApp;

#[test]
fn tag_partly_as_partial_with_a_note_save_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    // Select Musk's "Partly." answer and press the Partial hotkey.
    turn(&h, "Partly.").click();
    h.run();
    let partial = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .doc
        .sidecar
        .tags
        .find("Partial")
        .unwrap()
        .hotkey
        .unwrap();
    assert_eq!(partial, 6);
    h.key_press(Key::Num6);
    h.run();
    let d = session(&h);
    assert_eq!(d.doc.sidecar.annotations.len(), 1);
    let a = &d.doc.sidecar.annotations[0];
    assert_eq!(a.tags, ["Partial"]);
    assert_eq!(a.anchor.quote, "Partly.");
    // Type a note in the editor.
    let note = h.get_by_label("Note");
    note.focus();
    h.run();
    h.get_by_label("Note").type_text("Concedes only part of it");
    h.run();
    assert_eq!(
        annotations(&h)[0].note.as_deref(),
        Some("Concedes only part of it")
    );
    // Save with Ctrl+S and find it on disk.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let path = sidecar_of(h.state());
    let ron = std::fs::read_to_string(&path).unwrap();
    assert!(ron.contains("\"Partial\""), "{ron}");
    assert!(ron.contains("Concedes only part of it"), "{ron}");
    assert!(ron.contains("quote: \"Partly.\""), "{ron}");
    assert!(!session(&h).dirty);
    // Undo: the note (one step however many keystrokes), then the annotation.
    h.state_mut().apply(partly::app::Action::Command(
        partly::app::Command::ClearSelection,
    ));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(annotations(&h)[0].note, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(annotations(&h).is_empty());
    // Redo brings it back.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(annotations(&h).len(), 1);
}

#[test]
fn find_locates_distillation_and_counts_hits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("distillation");
    h.run();
    assert_eq!(h.state().view.find.hits.len(), 1);
    assert_eq!(
        h.state().view.find.hits[0].0,
        0,
        "in Savitt's first question"
    );
    h.get_by_label("1 of 1");
}

#[test]
fn exchange_key_selects_question_and_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    turn(&h, "Partly.").click();
    h.run();
    h.key_press(Key::E);
    h.run();
    assert_eq!(h.state().view.selection.map(|s| s.turns()), Some((4, 5)));
    h.key_press(Key::Num4);
    h.run();
    let a = &annotations(&h)[0];
    assert_eq!((a.anchor.start_turn, a.anchor.end_turn), (4, 5));
    assert_eq!(a.tags, ["General"]);
}

#[test]
fn go_to_page_line_selects_the_turn_there() {
    let mut h = harness(PartlyApp::new(Some(repo(VOCALIFE)), None, None));
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    h.state_mut().windows.go_to.text = "248:15".into();
    h.get_by_label("Go").click();
    h.run();
    let d = session(&h);
    let (first, _) = h.state().view.selection.unwrap().turns();
    assert_eq!(
        d.doc.transcript.turns[first].text,
        "Good afternoon, Dr. Li."
    );
}

#[test]
fn shift_click_extends_the_selection_from_where_the_range_started() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    let selected = |h: &Harness<'static, PartlyApp>| h.state().view.selection.map(|s| s.turns());
    turn(&h, "Partly.").click();
    h.run();
    assert_eq!(selected(&h), Some((5, 5)));
    turn(&h, "Has xAI done that with OpenAI?").click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(selected(&h), Some((2, 5)));
    // The range grows and shrinks from where it started ("Partly."), not from its first turn.
    turn(&h, "Do you know what distillation is?").click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(selected(&h), Some((0, 5)));
    turn(&h, "Generally all the AI companies [do that].").click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(selected(&h), Some((3, 5)));
    // A plain click starts again.
    turn(&h, "So that's a yes.").click();
    h.run();
    assert_eq!(selected(&h), Some((4, 4)));
}

#[test]
fn window_shows_a_file_error_instead_of_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    h.state_mut()
        .apply(partly::app::Action::Open(dir.path().to_path_buf()));
    run_until_opened(&mut h);
    let label = format!(
        "Could not open: {}: is a directory, not a transcript file",
        dir.path().display()
    );
    h.get_by_label(&label);
    // The sample is still open.
    turn(&h, "Partly.");
}

#[test]
fn unreadable_sidecar_is_a_banner_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.txt");
    std::fs::copy(repo(SEED), &file).unwrap();
    let sidecar = dir.path().join("x.txt.annotations.ron");
    std::fs::write(&sidecar, b"(schema: 1, garbage").unwrap();
    let mut h = harness(PartlyApp::new(Some(file.clone()), None, None));
    h.get_by_label_contains("could not be read and will not be overwritten");
    tag_turn(&mut h, "Partly.", Key::Num6);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(std::fs::read(&sidecar).unwrap(), b"(schema: 1, garbage");
    // Saving to a new file works, and later saves go there.
    let other = dir.path().join("x.mine.ron");
    h.state_mut()
        .apply(partly::app::Action::SaveAnnotationsTo(other.clone()));
    assert!(
        std::fs::read_to_string(&other)
            .unwrap()
            .contains("\"Partial\"")
    );
    assert_eq!(std::fs::read(&sidecar).unwrap(), b"(schema: 1, garbage");
}

#[test]
fn opening_another_file_saves_unsaved_work_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    tag_turn(&mut h, "Partly.", Key::Num6);
    let path = sidecar_of(h.state());
    assert!(h.state().window_title().ends_with("unsaved"));
    h.state_mut()
        .apply(partly::app::Action::Open(repo(VOCALIFE)));
    run_until_opened(&mut h);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"Partial\"")
    );
    assert_eq!(session(&h).doc.path, repo(VOCALIFE));
}

#[test]
fn window_opens_a_paged_transcript_with_page_line_gutter() {
    let h = harness(PartlyApp::new(Some(repo(VOCALIFE)), None, None));
    h.get_by_label("247:18");
    turn(&h, "Did you intend anything else?");
}

#[test]
fn dragging_over_words_tags_exactly_that_span() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    let rect = turn(&h, "Generally all the AI companies [do that].").rect();
    // Drag from the start of the answer to about the middle of it.
    let y = rect.center().y;
    // The field spans the row; the words take the first ~280 points of it.
    let (x0, x1) = (rect.left() + 1.0, rect.left() + 100.0);
    h.hover_at(egui::pos2(x0, y));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(x0, y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run();
    h.hover_at(egui::pos2(x1, y));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(x1, y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    h.run();
    let sel = h.state().view.selection;
    let Some(partly::app::Selection::Span {
        turn: 3,
        start: 0,
        end,
    }) = sel
    else {
        panic!("expected a span in Musk's answer, got {sel:?}");
    };
    assert!(end > 5 && end < 40, "{end}");
    h.key_press(Key::Num4);
    h.run();
    let a = &annotations(&h)[0];
    assert!(
        a.anchor.quote.starts_with("Generally"),
        "{}",
        a.anchor.quote
    );
    assert!(a.anchor.quote.len() < "Generally all the AI companies [do that].".len());
}

#[test]
fn tag_manager_deletes_a_tag_in_use_only_after_asking_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    tag_turn(&mut h, "Partly.", Key::Num6);
    menu(&mut h, "Edit", "Tags…");
    h.get_by_label("Delete Partial").click();
    h.run();
    // Asked first: nothing deleted yet.
    assert_eq!(annotations(&h).len(), 1);
    h.get_by_label_contains("is used by 1 annotation");
    h.get_by_label("Delete tag and its uses").click();
    h.run();
    let d = session(&h);
    assert!(d.doc.sidecar.tags.find("Partial").is_none());
    assert!(d.doc.sidecar.annotations.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let d = session(&h);
    assert!(d.doc.sidecar.tags.find("Partial").is_some());
    assert_eq!(d.doc.sidecar.annotations.len(), 1);
}

#[test]
fn speaker_manager_splits_a_merged_label_and_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inline.txt");
    std::fs::copy(repo("tests/data/seed_inline.txt"), &file).unwrap();
    let mut h = harness(PartlyApp::new(Some(file.clone()), None, None));
    menu(&mut h, "Edit", "Speakers…");
    h.get_by_label("Split off Savit").click();
    h.run();
    let names: Vec<String> = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .doc
        .transcript
        .speakers
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["Savitt", "Musk", "Savit"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let ron = std::fs::read_to_string(dir.path().join("inline.txt.annotations.ron")).unwrap();
    assert!(ron.contains("Split"), "{ron}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(session(&h).doc.transcript.speakers.len(), 2);
}

#[test]
fn annotations_panel_lists_filters_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    tag_turn(&mut h, "Partly.", Key::Num6);
    turn(
        &h,
        "It is standard practice to use other AIs to validate your AI.",
    )
    .click();
    h.run();
    h.key_press(Key::Num5);
    h.run();
    h.get_by_label("Annotations (2)");
    // Counts per tag double as filters.
    h.get_by_label("Partial 1").click();
    h.run();
    assert_eq!(
        h.state().panels.annotations.tag_filter.as_deref(),
        Some("Partial")
    );
    // Clicking the entry makes it the active annotation and selects its turn.
    h.get_by_label("l. 6 Musk").click();
    h.run();
    let d = session(&h);
    let active = h.state().view.active.clone().unwrap();
    assert_eq!(d.doc.sidecar.annotation(&active).unwrap().tags, ["Partial"]);
    assert_eq!(h.state().view.selection.map(|s| s.turns()), Some((5, 5)));
    // Tagged-only view keeps the tagged answers and their questions.
    h.get_by_label("Tagged exchanges only").click();
    h.run();
    assert_eq!(h.state().visible_turns(), [4, 5, 6, 7]);
}

#[test]
fn theme_and_zoom_commands_change_preferences() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    assert!(h.state().prefs.dark);
    menu(&mut h, "View", "Light / dark theme");
    assert!(!h.state().prefs.dark);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert!(h.state().prefs.zoom > 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().prefs.zoom, 1.0);
}

#[test]
fn chinese_transcript_renders_in_the_window() {
    // kittest panics on any glyph the fonts lack, so drawing it at all proves the fallback.
    let h = harness(PartlyApp::new(
        Some(repo("tests/data/seed_chinese.txt")),
        None,
        None,
    ));
    turn(&h, "部分是。");
    assert_eq!(h.get_all_by_label("马斯克").count(), 3);
}

#[test]
fn recent_files_list_grows_and_preferences_round_trip_through_storage_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(dir.path());
    app.apply(partly::app::Action::Open(repo(VOCALIFE)));
    app.wait_for_open();
    app.apply(partly::app::Action::Open(repo(HEARING)));
    app.wait_for_open();
    assert_eq!(app.prefs.recent[0], repo(HEARING));
    assert_eq!(app.prefs.recent[1], repo(VOCALIFE));
    assert!(app.prefs.recent[2].ends_with("distillation_exchange.txt"));
    // eframe stores preferences as RON; they come back the same.
    let text = ron::to_string(&app.prefs).unwrap();
    let back: partly::app::Prefs = ron::from_str(&text).unwrap();
    assert_eq!(back, app.prefs);
    // File > Open recent lists them, newest first.
    let recent = app.prefs.recent.clone();
    let mut h = harness(app);
    h.get_by_label("File").click();
    h.run();
    assert!(h.query_by_label("Nothing yet").is_none());
    h.get_by_label("Open recent").hover();
    h.run();
    assert!(h.query_by_label("Nothing yet").is_none());
    let tops: Vec<f32> = recent
        .iter()
        .map(|p| h.get_by_label(&p.display().to_string()).rect().top())
        .collect();
    assert!(tops.windows(2).all(|w| w[0] < w[1]), "in order: {tops:?}");
    // Choosing one opens it, and it moves to the top.
    h.get_by_label(&repo(VOCALIFE).display().to_string())
        .click();
    h.step();
    run_until_opened(&mut h);
    assert_eq!(session(&h).doc.path, repo(VOCALIFE));
    assert_eq!(h.state().prefs.recent[..2], [repo(VOCALIFE), repo(HEARING)]);
}

#[test]
fn close_request_with_unsaveable_work_keeps_the_window_and_asks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.txt");
    std::fs::copy(repo(SEED), &file).unwrap();
    std::fs::write(dir.path().join("x.txt.annotations.ron"), b"(schema: 99)").unwrap();
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    tag_turn(&mut h, "Partly.", Key::Num6);
    assert!(!h.state_mut().close_requested());
    h.run();
    h.get_by_label("Close without saving");
    h.get_by_label("Keep working").click();
    h.run();
    assert!(!h.state().windows.unsaved.blocked);
    assert_eq!(annotations(&h).len(), 1);
}

#[test]
fn edits_are_autosaved_shortly_after_the_last_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    tag_turn(&mut h, "Partly.", Key::Num6);
    let path = sidecar_of(h.state());
    let edited = session(&h).edited_at;
    assert!(session(&h).dirty);
    // Not yet: the edit is fresh.
    let wait = h
        .state_mut()
        .autosave_at(edited + 0.1)
        .expect("an autosave is pending");
    assert!(wait > 0.0);
    assert!(!path.exists() || !std::fs::read_to_string(&path).unwrap().contains("Partial"));
    // Then it saves by itself, on a worker thread.
    let due = edited + partly::app::AUTOSAVE_AFTER;
    assert!(h.state_mut().autosave_at(due).is_some(), "look again soon");
    h.state_mut().wait_for_save();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"Partial\"")
    );
    assert!(!session(&h).dirty);
    assert!(!h.state().window_title().contains("unsaved"));
    assert_eq!(
        h.state_mut().autosave_at(due + 1.0),
        None,
        "nothing left to save"
    );
}

#[test]
fn an_edit_made_while_a_save_is_written_is_saved_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    tag_turn(&mut h, "Partly.", Key::Num6);
    let path = sidecar_of(h.state());
    let due = session(&h).edited_at + partly::app::AUTOSAVE_AFTER;
    assert!(h.state_mut().autosave_at(due).is_some());
    assert!(session(&h).is_saving());
    // The status bar is drawn before the frame looks for the save's result.
    h.step();
    assert!(
        h.query_by_label("Saving…").is_some(),
        "the status bar says a save is being written"
    );
    // The window keeps working while the file is written: another tag on another answer.
    tag_turn(
        &mut h,
        "Generally all the AI companies [do that].",
        Key::Num4,
    );
    h.state_mut().wait_for_save();
    let d = session(&h);
    assert!(d.dirty, "the second edit is not in the file yet");
    assert!(d.save_error.is_none(), "{:?}", d.save_error);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"Partial\""), "{saved}");
    assert_eq!(saved.matches("quote:").count(), 1, "{saved}");
    // The next autosave writes it.
    let due = session(&h).edited_at + partly::app::AUTOSAVE_AFTER;
    assert!(h.state_mut().autosave_at(due).is_some());
    h.state_mut().wait_for_save();
    assert!(!session(&h).dirty);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved.matches("quote:").count(), 2, "{saved}");
}

#[test]
fn clicking_another_turn_after_a_span_selects_that_turn() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    h.state_mut().apply(partly::app::Action::SelectSpan {
        turn: 3,
        start: 0,
        end: 9,
    });
    h.run();
    h.get_all_by_label("Savitt").next().unwrap().click();
    h.run();
    h.run();
    assert_eq!(h.state().view.selection.map(|s| s.turns()), Some((0, 0)));
}

#[test]
fn context_menu_tags_the_turn_under_the_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    turn(&h, "Partly.").click_secondary();
    h.run();
    h.get_by_label("Claims ignorance  8").click();
    h.run();
    let a = &annotations(&h)[0];
    assert_eq!(a.tags, ["Claims ignorance"]);
    assert_eq!(a.anchor.quote, "Partly.");
}

#[test]
fn suggestions_are_marked_and_accepted_with_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    h.get_by_label_contains("suggests General").click();
    h.run();
    assert_eq!(h.state().view.selection.map(|s| s.turns()), Some((3, 3)));
    // The side panel explains it: class, confidence, the features and their words.
    h.get_by_label_contains("generalising subject: \"Generally\"");
    h.key_press(Key::A);
    h.run();
    let d = session(&h);
    assert_eq!(d.doc.sidecar.annotations.len(), 1);
    assert_eq!(d.doc.sidecar.annotations[0].tags, ["General"]);
    assert!(
        h.query_by_label_contains("suggests General").is_none(),
        "accepted: no longer a suggestion"
    );
}

#[test]
fn dismissed_suggestions_are_remembered_in_the_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    h.get_by_label_contains("suggests General").click();
    h.run();
    h.get_by_label("Dismiss suggestion").click();
    h.run();
    assert!(h.query_by_label_contains("suggests General").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let path = sidecar_of(h.state());
    let ron = std::fs::read_to_string(&path).unwrap();
    assert!(ron.contains("label: \"general\""), "{ron}");
    // Still dismissed after reopening.
    let mut h2 = harness(sample_app(dir.path()));
    h2.run();
    assert!(h2.query_by_label_contains("suggests General").is_none());
    assert!(
        h2.query_all_by_label_contains("suggests Deflection")
            .count()
            >= 1
    );
    // And undo brings it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label_contains("suggests General");
}

#[test]
fn suggestions_below_the_confidence_the_user_picks_are_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    let shown =
        |h: &Harness<'static, PartlyApp>| h.query_all_by_label_contains("suggests ").count();
    let confident = |h: &Harness<'static, PartlyApp>, min: f32| {
        session(h)
            .suggestions
            .iter()
            .filter(|v| v.confidence >= min)
            .count()
    };
    // By default the least likely suggestions are not marked.
    assert_eq!(
        shown(&h),
        confident(&h, partly::app::prefs::DEFAULT_MIN_CONFIDENCE)
    );
    h.get_by_label("View").click();
    h.run();
    let slider = egui_kittest::kittest::By::new()
        .label("Hide suggestions below")
        .role(egui::accesskit::Role::Slider);
    h.get(slider.clone()).set_value_accesskit(0.9);
    h.run();
    assert!((h.state().prefs.min_confidence - 0.9).abs() < 1e-6);
    assert_eq!(shown(&h), confident(&h, 0.9));
    assert!(
        shown(&h) < 4,
        "some of the seed's four suggestions are below 90%"
    );
    h.get(slider).set_value_accesskit(0.0);
    h.run();
    assert_eq!(shown(&h), 4, "every answer's suggestion");
}

#[test]
fn suggestions_can_be_hidden_and_statistics_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    menu(&mut h, "View", "Show evasion suggestions");
    assert!(!h.state().prefs.show_suggestions);
    assert!(h.query_by_label_contains("suggests").is_none());
    if h.query_by_label("Statistics…").is_none() {
        h.get_by_label("View").click();
        h.run();
    }
    h.get_by_label("Statistics…").click();
    h.run();
    h.get_by_label("Longest evasive run");
    // The window shows the library's figures (the run depends on the model's verdicts).
    let d = session(&h);
    let st = partly::analysis::stats::stats(&d.doc.transcript, &d.suggestions, &[]);
    let run = st
        .iter()
        .find(|s| s.name == "Musk")
        .and_then(|s| s.longest_evasive_run)
        .expect("an evasive run");
    let shown = format!("{} ({}–{})", run.length, run.start, run.end);
    assert_eq!(
        h.get_all_by_label(&shown).count(),
        2,
        "witness and examiner rows: {shown}"
    );
}

#[test]
fn copy_as_citation_puts_quote_attribution_and_cite_on_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    turn(&h, "Partly.").click();
    h.run();
    h.key_press(Key::E);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    assert_eq!(
        h.state().copied.as_deref(),
        Some("Savitt: “So that's a yes.” Musk: “Partly.” (distillation_exchange.txt, Tr. ll. 5–6)")
    );
    // A span keeps its exact words and the line they are on.
    h.state_mut().apply(partly::app::Action::SelectSpan {
        turn: 7,
        start: 6,
        end: 23,
    });
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    assert_eq!(
        h.state().copied.as_deref(),
        Some("“standard practice” — Musk (distillation_exchange.txt, Tr. l. 9)")
    );
}

#[test]
fn export_window_writes_the_chosen_format_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    tag_turn(&mut h, "Partly.", Key::Num6);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export excerpts…").click();
    h.run();
    h.get_by_label("HTML").click();
    h.run();
    let out = dir.path().join("out.html");
    h.state_mut().windows.export.path = out.display().to_string();
    h.get_by_label("Export").click();
    h.run();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Partly."), "{html}");
    assert!(html.contains("Tr. ll. 5–6"));
    // Again (by shortcut): the file exists, so the window asks.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label_contains("exists.");
    h.get_by_label("Replace it").click();
    h.run();
    assert!(!h.state().windows.export.confirm_replace);
}

#[test]
fn check_a_quote_reports_verbatim_and_the_closest_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_app(dir.path()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    h.run();
    h.get_by_label("Quote to check").focus();
    h.run();
    h.get_by_label("Quote to check")
        .type_text("Generally all AI companies (do this)");
    h.run();
    h.get_by_label("Check").click();
    h.run();
    h.get_by_label("Not verbatim in this transcript");
    h.get_by_label_contains("Closest passage");
    h.get_by_label("Show the passage").click();
    h.run();
    assert_eq!(h.state().view.selection.map(|s| s.turns()), Some((3, 3)));
    h.state_mut()
        .apply(partly::app::Action::CheckQuote("Partly.".into()));
    h.run();
    h.get_by_label("Verbatim: 1 match");
}

#[test]
fn a_doubtful_reading_is_flagged_in_the_status_bar_and_explained_in_the_import_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("glued.txt");
    // A retyped exchange whose line breaks were lost: every turn in one paragraph.
    std::fs::write(
        &file,
        "MR. SMITH: Your Honor, may I proceed? THE COURT: You may. Q. Did you sign it? \
         A. I did. Q. When? A. In May. Q. Who else was there? A. Nobody. Q. Are you sure? \
         A. Yes.\n",
    )
    .unwrap();
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    run_until_opened(&mut h);
    let verdict = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.health())
        .map(|h| h.verdict);
    assert!(
        matches!(
            verdict,
            Some(
                partly::transcript::health::Verdict::Doubtful
                    | partly::transcript::health::Verdict::Poor
            )
        ),
        "{verdict:?}"
    );
    let link = h
        .query_by_label_contains("what went wrong?")
        .expect("the status bar flags the reading");
    link.click();
    h.run();
    assert!(h.query_by_label_contains("Reading: ").is_some());
    assert!(
        h.query_by_label_contains("seem to hold another speaker")
            .is_some()
    );
}

#[test]
fn speaker_manager_offers_a_translated_name_as_the_same_person_and_merges_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bilingual.txt");
    let english = std::fs::read_to_string(repo(SEED)).unwrap();
    let chinese = std::fs::read_to_string(repo("tests/data/seed_chinese.txt")).unwrap();
    std::fs::write(&file, format!("{english}\n{chinese}")).unwrap();
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    run_until_opened(&mut h);
    let speakers = |h: &Harness<'static, PartlyApp>| session(h).doc.transcript.speakers.len();
    // Offered, never merged on its own.
    assert_eq!(speakers(&h), 4);
    menu(&mut h, "Edit", "Speakers…");
    h.get_by_label("Merge 马斯克 into Musk").click();
    h.run();
    assert_eq!(speakers(&h), 3);
    let musk = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .doc
        .transcript
        .speaker_by_label("马斯克")
        .map(|s| s.name.clone());
    assert_eq!(musk.as_deref(), Some("Musk"));
}

#[test]
fn a_file_read_in_the_wrong_layout_is_read_again_as_the_import_report_suggests() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trial.txt");
    std::fs::copy(repo(VOCALIFE), &file).unwrap();
    let mut h = harness(PartlyApp::new(
        Some(file.clone()),
        Some(partly::transcript::Format::Hearing),
        None,
    ));
    run_until_opened(&mut h);
    h.query_by_label_contains("what went wrong?")
        .expect("a hearing reading of a trial is flagged")
        .click();
    h.run();
    assert!(h.query_by_label_contains("it looks better").is_some());
    h.get_by_label("court_reporter").click();
    // Reading again happens off the UI thread, with a spinner meanwhile.
    h.step();
    run_until_opened(&mut h);
    let d = h.state().doc.as_ref().expect("reopened");
    assert_eq!(
        d.doc.transcript.format,
        partly::transcript::Format::CourtReporter
    );
    assert_eq!(
        d.health().map(|x| x.verdict),
        Some(partly::transcript::health::Verdict::Good)
    );
    // The choice is kept with the annotations, so the file opens that way next time.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let ron = std::fs::read_to_string(dir.path().join("trial.txt.annotations.ron")).unwrap();
    assert!(ron.contains("court_reporter"), "{ron}");
}
