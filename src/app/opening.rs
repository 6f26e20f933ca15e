//! Opening transcripts: off the UI thread in the window (`loading.rs` runs the worker), on
//! this thread for tests and scripts; the bundled sample from its working copy; and taking
//! in a finished open, unless a newer one superseded it.

use super::loading::{Handoff, Loaded, Loading};
use super::session::Session;
use super::view::TranscriptView;
use super::view_state::ViewState;
use super::{Action, PartlyApp, SAMPLE_NAME, SAMPLE_TEXT};
use crate::transcript::Format;
use std::path::{Path, PathBuf};

impl PartlyApp {
    /// Starts opening `path` off the UI thread (see [`super::loading`]); [`Action::Opened`]
    /// brings the result. Unsaved work is saved first; an open already under way is
    /// superseded.
    pub(super) fn open(&mut self, path: &Path, format: Option<Format>) {
        if !self.flush_before_leaving() {
            return;
        }
        if let Some(l) = self.loading.take() {
            l.cancel();
        }
        self.opens += 1;
        self.loading = Some(Loading::start(
            path.to_path_buf(),
            format,
            self.opens,
            self.ctx.clone(),
        ));
        self.status = format!("Opening {}…", path.display());
    }

    /// Opens `path` on this thread.
    pub(super) fn open_now(&mut self, path: &Path, format: Option<Format>) {
        if !self.flush_before_leaving() {
            return;
        }
        if let Some(l) = self.loading.take() {
            l.cancel();
        }
        let result = Loaded::read_now(path, format);
        self.opened(path, result);
    }

    /// The bundled sample, from its working copy: `now` on this thread.
    pub(super) fn open_sample(&mut self, now: bool) {
        match self.sample_path() {
            Ok(p) if now => self.open_now(&p, None),
            Ok(p) => self.open(&p, None),
            Err(e) => self.error = Some(format!("Could not open the bundled sample: {e}")),
        }
    }

    /// Reads the open transcript again in another layout.
    pub(super) fn read_as(&mut self, format: Format) {
        if let Some(path) = self.doc.as_ref().map(|d| d.doc.path.clone()) {
            self.open(&path, Some(format));
        }
    }

    /// Blocks until the open under way (if any) has finished, and shows its result. For
    /// tests and scripts; the window polls instead.
    pub fn wait_for_open(&mut self) {
        if let Some(l) = &self.loading {
            let (ticket, path) = (l.ticket, l.path.clone());
            let result = Handoff::new(l.wait());
            self.apply(Action::Opened {
                ticket,
                path,
                result,
            });
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// A background open finished. Only the open under way counts: the result of one that
    /// was superseded or cancelled is dropped.
    pub(super) fn take_opened(
        &mut self,
        ticket: u64,
        path: &Path,
        result: Handoff<Result<Loaded, String>>,
    ) {
        if self.loading.as_ref().is_none_or(|l| l.ticket != ticket) {
            return;
        }
        self.loading = None;
        if let Some(result) = result.take() {
            self.opened(path, result);
        }
    }

    /// Stops waiting for the transcript being opened.
    pub(super) fn cancel_open(&mut self) {
        if let Some(l) = self.loading.take() {
            l.cancel();
            self.status = format!("Did not open {}", l.path.display());
        }
    }

    /// Shows a freshly opened document, or why it could not be opened.
    fn opened(&mut self, path: &Path, result: Result<Loaded, String>) {
        match result {
            Ok(Loaded {
                doc,
                suggestions,
                cache,
            }) => {
                // Work done on the old document while this one was loading.
                if !self.flush_before_leaving() {
                    return;
                }
                self.status = format!(
                    "Opened {} — {} turns, {} annotations",
                    path.display(),
                    doc.transcript.turns.len(),
                    doc.sidecar.annotations.len()
                );
                self.doc = Some(Session::new(doc, suggestions, cache));
                self.view = ViewState::default();
                self.transcript_view = TranscriptView::default();
                self.error = None;
                self.prefs.remember(path);
            }
            Err(e) => {
                self.status.clear();
                self.error = Some(format!("Could not open: {e}"));
            }
        }
    }

    /// Looks for the result of a background open; it is applied with the frame's actions.
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(l) = &self.loading else { return };
        match l.poll() {
            Some(result) => {
                let (ticket, path) = (l.ticket, l.path.clone());
                self.push(Action::Opened {
                    ticket,
                    path,
                    result: Handoff::new(result),
                });
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }

    fn sample_path(&self) -> Result<PathBuf, String> {
        let dir = self
            .data_dir
            .clone()
            .ok_or("no folder to keep the sample's annotations in")?
            .join("sample");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join(SAMPLE_NAME);
        if !path.exists() {
            std::fs::write(&path, SAMPLE_TEXT).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(path)
    }
}
