//! The window: the egui layer only, in rooms (the code map in ARCHITECTURE.md lists them).
//! Panels and windows read a [`Snapshot`] and push [`Action`]s; [`PartlyApp::apply`]
//! (`apply.rs`) is the one place that changes anything, so menus, shortcuts, clicks and tests
//! share a door. Document edits are [`crate::annotation::Edit`]s from the library, applied
//! through the session's undo history.

mod action;
mod apply;
pub mod command;
mod commands;
mod editing;
mod exporting;
pub mod fonts;
mod index;
mod input;
mod loading;
mod opening;
mod panels;
pub mod prefs;
mod root;
mod saving;
mod screenshot;
mod session;
pub mod theme;
mod title;
mod view;
mod view_state;
mod windows;

use crate::transcript::Format;
pub use action::{Action, Dir};
pub use command::{Command, CommandState};
pub use loading::{Handoff, Loaded, Loading, Stage};
pub use panels::Panels;
pub use prefs::Prefs;
pub use root::Snapshot;
pub use saving::AUTOSAVE_AFTER;
pub use session::{STUDY_IN_BACKGROUND_FROM, Session};
use std::path::PathBuf;
use std::process::ExitCode;
pub use view::TranscriptView;
pub use view_state::{FindState, Selection, ViewState};
pub use windows::Windows;

/// The exchange partly is named after, bundled so that `partly` alone shows something real.
pub const SAMPLE_NAME: &str = "distillation_exchange.txt";
pub const SAMPLE_TEXT: &str = include_str!("../../sample_transcripts/distillation_exchange.txt");

/// The application.
pub struct PartlyApp {
    pub prefs: Prefs,
    /// The open document's session.
    pub doc: Option<Session>,
    /// How the open document is looked at (made afresh for each document opened).
    pub view: ViewState,
    /// The transcript view's rows and scroll requests (made afresh for each document).
    pub transcript_view: TranscriptView,
    /// The panels' own state (filters, note being typed, find field focus).
    pub panels: Panels,
    /// The windows, each with its own state.
    pub windows: Windows,
    /// A problem to show in the window (failed open, failed save...).
    pub error: Option<String>,
    /// The last thing that happened, for the status bar.
    pub status: String,
    /// The last text put on the clipboard (tests read it).
    pub copied: Option<String>,
    /// Where the bundled sample is copied so that its annotations can be saved.
    pub data_dir: Option<PathBuf>,
    pending: Vec<Action>,
    now: f64,
    title: String,
    /// Widgets whose focus must not stop plain-key shortcuts (the read-only turn texts).
    pub(crate) turn_text_ids: std::collections::HashSet<egui::Id>,
    pub(crate) screenshot: Option<screenshot::Pending>,
    fonts_installed: bool,
    /// Text to hand to the system clipboard at the end of the frame.
    clipboard: Vec<String>,
    /// A transcript being opened off the UI thread.
    pub loading: Option<Loading>,
    opens: u64,
    /// Set once the window has drawn: lets a finished background open wake it.
    ctx: Option<egui::Context>,
}

impl PartlyApp {
    /// A window state with `file` open (the bundled sample when `None`). `data_dir` holds the
    /// sample's working copy; tests point it at a temporary folder.
    ///
    /// The file is read on this thread (tests, benchmarks and scripts rely on that); the
    /// window itself uses [`PartlyApp::new_in_background`].
    pub fn new(file: Option<PathBuf>, format: Option<Format>, data_dir: Option<PathBuf>) -> Self {
        let mut app = PartlyApp::empty(data_dir);
        match file {
            Some(path) => app.open_now(&path, format),
            None => app.open_sample(true),
        }
        app
    }

    /// Like [`PartlyApp::new`], but a file is read off the UI thread: the window appears at
    /// once and shows the progress until the transcript is ready.
    pub fn new_in_background(
        file: Option<PathBuf>,
        format: Option<Format>,
        data_dir: Option<PathBuf>,
    ) -> Self {
        let mut app = PartlyApp::empty(data_dir);
        match file {
            Some(path) => app.open(&path, format),
            // Small: no need to wait for a frame.
            None => app.open_sample(true),
        }
        app
    }

    fn empty(data_dir: Option<PathBuf>) -> Self {
        PartlyApp {
            prefs: Prefs::default(),
            doc: None,
            view: ViewState::default(),
            transcript_view: TranscriptView::default(),
            panels: Panels::default(),
            windows: Windows::default(),
            error: None,
            status: String::new(),
            copied: None,
            data_dir,
            pending: Vec::new(),
            now: 0.0,
            title: String::new(),
            turn_text_ids: Default::default(),
            screenshot: None,
            fonts_installed: false,
            clipboard: Vec::new(),
            loading: None,
            opens: 0,
            ctx: None,
        }
    }

    /// Queues an action for the end of the frame.
    pub fn push(&mut self, action: Action) {
        self.pending.push(action);
    }

    /// Applies every queued action, in order.
    pub fn apply_pending(&mut self) {
        let actions = std::mem::take(&mut self.pending);
        for a in actions {
            self.apply(a);
        }
    }

    /// Which turns the transcript shows, after filters.
    pub fn visible_turns(&self) -> Vec<usize> {
        self.doc
            .as_ref()
            .map_or_else(Vec::new, |d| self.view.visible_turns(d))
    }
}

impl eframe::App for PartlyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if ui.ctx().input(|i| i.viewport().close_requested()) && !self.close_requested() {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        self.ui_root(ui);
        screenshot::step(self, ui.ctx());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(30)
    }
}

/// Runs the window until it is closed. `screenshot` renders one frame to a PNG and exits.
pub fn run(
    file: Option<PathBuf>,
    format: Option<Format>,
    screenshot: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let size = if screenshot.is_some() {
        [1280.0, 800.0]
    } else {
        [1200.0, 800.0]
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("partly")
            .with_inner_size(size)
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: screenshot.is_none(),
        ..Default::default()
    };
    let data_dir = eframe::storage_dir("partly");
    eframe::run_native(
        "partly",
        options,
        Box::new(move |cc| {
            let mut app = PartlyApp::new_in_background(file, format, data_dir);
            if let Some(storage) = cc.storage
                && screenshot.is_none()
            {
                app.prefs = eframe::get_value(storage, eframe::APP_KEY).unwrap_or_default();
            }
            app.screenshot = screenshot.map(screenshot::Pending::new);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
