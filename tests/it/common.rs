//! Paths to the real transcripts the tests run against, and small helpers.

use partly::transcript::{self, Transcript, Turn};
use std::path::PathBuf;

pub fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub const SEED: &str = "sample_transcripts/distillation_exchange.txt";
pub const VOCALIFE: &str =
    "sample_transcripts/vocalife_v_amazon_2020-10-01_li_cross_examination.txt";
pub const GUO: &str = "sample_transcripts/us_v_guo_sdny_2024-05-28_zhou_direct_sidebar.txt";
pub const HEARING: &str =
    "sample_transcripts/senate_judiciary_2024-01-31_big_tech_csam_hearing.txt";
pub const SCOTUS: &str = "tests/data/scotus_hhs_v_florida_2012-03-26.txt";

pub fn load(rel: &str) -> Transcript {
    transcript::load(&repo(rel), None)
        .unwrap_or_else(|e| panic!("{e}"))
        .transcript
}

/// The first turn whose text contains `needle`.
pub fn turn_with<'a>(t: &'a Transcript, needle: &str) -> (usize, &'a Turn) {
    t.turns
        .iter()
        .enumerate()
        .find(|(_, x)| x.text.contains(needle))
        .unwrap_or_else(|| panic!("no turn contains {needle:?}"))
}

/// `page:line` or `l. N` of a turn's first and last line.
pub fn cite(turn: &Turn) -> (String, String) {
    (turn.start.to_string(), turn.end.to_string())
}

// ---- GUI helpers (gui.rs, gui_safety.rs, gui_scale.rs) ----

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use partly::app::PartlyApp;
use std::path::Path;

/// The window, headless, after its first frames.
pub fn harness(app: PartlyApp) -> Harness<'static, PartlyApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        // Simulated time runs 0.25 s a frame, so autosaves start during tests; one finishing
        // on its worker thread changes the title, which takes a frame more to settle.
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut PartlyApp| app.ui_root(ui), app);
    h.run();
    h
}

/// Runs the window until the transcript being opened (off the UI thread, see `Action::Open`)
/// is shown, or the reason it could not be opened.
pub fn run_until_opened(h: &mut Harness<'static, PartlyApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while h.state().is_loading() {
        assert!(std::time::Instant::now() < deadline, "still opening");
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
}

/// A turn's text, found by its words (the read-only text field that shows them).
pub fn turn<'a>(h: &'a Harness<'static, PartlyApp>, text: &'a str) -> egui_kittest::Node<'a> {
    h.get(
        egui_kittest::kittest::By::new()
            .value(text)
            .role(egui::accesskit::Role::MultilineTextInput),
    )
}

/// The window on the bundled sample, its working copy kept in `data_dir`.
pub fn sample_app(data_dir: &Path) -> PartlyApp {
    PartlyApp::new(None, None, Some(data_dir.to_path_buf()))
}

/// Clicks the turn that reads `text` and presses the tag hotkey `key` (on the sample,
/// "Partly." and 6 = Partial), as a user tags an answer.
pub fn tag_turn(h: &mut Harness<'static, PartlyApp>, text: &str, key: egui::Key) {
    turn(h, text).click();
    h.run();
    h.key_press(key);
    h.run();
}

/// Opens the menu `menu` and clicks its entry `entry`, both found by their labels.
pub fn menu(h: &mut Harness<'static, PartlyApp>, menu: &str, entry: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(entry).click();
    h.run();
}

/// The open document (tests open one before they look).
pub fn session<'h>(h: &'h Harness<'static, PartlyApp>) -> &'h partly::app::Session {
    h.state().doc.as_ref().expect("a document is open")
}

/// The open document's annotations, in the sidecar's order.
pub fn annotations<'h>(h: &'h Harness<'static, PartlyApp>) -> &'h [partly::annotation::Annotation] {
    &session(h).doc.sidecar.annotations
}

/// A copy of a file of the repository in a fresh folder (so its sidecar lands there).
pub fn copy_of(rel: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = repo(rel);
    let file = dir.path().join(src.file_name().expect("a file name"));
    std::fs::copy(&src, &file).expect("copy");
    (dir, file)
}

/// Where the open document's annotations are saved.
pub fn sidecar_of(app: &PartlyApp) -> PathBuf {
    app.doc.as_ref().expect("a document").doc.sidecar_path()
}
