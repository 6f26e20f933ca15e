//! The window, driven headless with egui_kittest by accessible labels.

use crate::common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use partly::app::PartlyApp;

#[test]
fn window_opens_the_bundled_sample_with_musks_answer() {
    let mut harness = Harness::new_ui_state(
        |ui, app: &mut PartlyApp| app.ui_root(ui),
        PartlyApp::new(None, None),
    );
    harness.run();
    harness.get_by_label("Partly.");
    harness.get_by_label("distillation_exchange.txt");
}

#[test]
fn window_shows_a_file_error_instead_of_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = Harness::new_ui_state(
        |ui, app: &mut PartlyApp| app.ui_root(ui),
        PartlyApp::new(Some(dir.path().to_path_buf()), None),
    );
    harness.run();
    let label = format!(
        "{}: is a directory, not a transcript file",
        dir.path().display()
    );
    harness.get_by_label(&label);
}

#[test]
fn window_opens_a_paged_transcript_with_page_line_gutter() {
    let mut harness = Harness::new_ui_state(
        |ui, app: &mut PartlyApp| app.ui_root(ui),
        PartlyApp::new(Some(repo(VOCALIFE)), None),
    );
    harness.run();
    harness.get_by_label("247:18");
    harness.get_by_label("Did you intend anything else?");
}
