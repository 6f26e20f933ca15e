//! Saving: on demand, to another file, automatically a moment after the last edit (on a
//! worker thread; whatever else touches the file settles that save first), before the
//! document goes away, and what to do when the file changed on disk (merge or reload).

use super::PartlyApp;
use crate::annotation::History;
use std::path::Path;

/// Seconds after the last edit before annotations are saved by themselves.
pub const AUTOSAVE_AFTER: f64 = 1.5;

/// Seconds between looks at a save running in the background.
const SAVE_POLL: f64 = 0.05;

impl PartlyApp {
    /// Takes in a background save once it has finished (`wait`: waits for it). Whatever
    /// reads or writes the annotation file settles the save first, so the two never overlap.
    pub(super) fn settle_save(&mut self, wait: bool) {
        let Some(d) = &mut self.doc else { return };
        let Some(s) = &d.saving else { return };
        let done = if wait {
            s.done.recv().ok()
        } else {
            match s.done.try_recv() {
                Ok(done) => Some(done),
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            }
        };
        let generation = s.generation;
        d.saving = None;
        let result = match done {
            Some(done) => d.doc.finish_save(done).map_err(|e| {
                d.disk_conflict = e.is_changed_on_disk();
                e.to_string()
            }),
            None => Err("saving stopped unexpectedly; nothing was written".to_owned()),
        };
        match result {
            Ok(()) => {
                // Edits made while it was written are not in the file yet.
                d.dirty = d.generation != generation;
                d.save_error = None;
                d.disk_conflict = false;
                self.status = format!("Saved {}", d.doc.sidecar_path().display());
            }
            Err(e) => d.save_error = Some(e),
        }
    }

    /// Waits for a save running in the background, and takes in its result.
    pub fn wait_for_save(&mut self) {
        self.settle_save(true);
    }

    /// Saves now. Errors are shown, and the edits stay marked unsaved.
    pub fn save(&mut self) -> bool {
        self.settle_save(true);
        let Some(d) = &mut self.doc else {
            return true;
        };
        match d.doc.save() {
            Ok(()) => {
                d.dirty = false;
                d.save_error = None;
                d.disk_conflict = false;
                self.status = format!("Saved {}", d.doc.sidecar_path().display());
                true
            }
            Err(e) => {
                d.disk_conflict = e.is_changed_on_disk();
                d.save_error = Some(e.to_string());
                false
            }
        }
    }

    /// Saves the annotations to a new file (File > Save annotations as…).
    pub(super) fn save_annotations_to(&mut self, path: &Path) {
        self.settle_save(true);
        if let Some(d) = &mut self.doc {
            match d.doc.save_as(path) {
                Ok(()) => {
                    d.dirty = false;
                    d.save_error = None;
                    self.windows.save_as.open = false;
                    self.status = format!("Saved annotations to {}", path.display());
                }
                Err(e) => d.save_error = Some(e.to_string()),
            }
        }
    }

    /// Saves unsaved work before the document goes away. False (and an error shown) when it
    /// could not be saved: the caller must then keep the document open.
    pub(super) fn flush_before_leaving(&mut self) -> bool {
        self.settle_save(true);
        let Some(d) = &mut self.doc else {
            return true;
        };
        if !d.dirty {
            return true;
        }
        match d.doc.save() {
            Ok(()) => {
                d.dirty = false;
                true
            }
            Err(e) => {
                d.disk_conflict = e.is_changed_on_disk();
                self.error = Some(if d.disk_conflict {
                    format!(
                        "Unsaved annotations could not be saved, so the transcript stays open: {e}. Merge or reload first."
                    )
                } else {
                    format!(
                        "Unsaved annotations could not be saved, so the transcript stays open: {e}. Use File > Save annotations as… to keep them."
                    )
                });
                false
            }
        }
    }

    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if let Some(wait) = self.autosave_at(self.now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait + 0.05));
        }
    }

    /// Starts saving in the background if the last edit is [`AUTOSAVE_AFTER`] seconds old at
    /// time `now`, and takes in a background save that has finished. Returns how long to
    /// wait before looking again; `None` when there is nothing to do (saved, or no file to
    /// save to).
    pub fn autosave_at(&mut self, now: f64) -> Option<f64> {
        self.settle_save(false);
        let d = self.doc.as_mut()?;
        if d.saving.is_some() {
            return Some(SAVE_POLL);
        }
        if !d.dirty || !d.doc.can_save() || d.save_error.is_some() {
            return None;
        }
        let due = d.edited_at + AUTOSAVE_AFTER;
        if now < due {
            return Some(due - now);
        }
        match d.start_save() {
            Ok(()) => Some(SAVE_POLL),
            Err(e) => {
                d.save_error = Some(e);
                None
            }
        }
    }

    /// The annotation file changed on disk: merge that version into ours, then save.
    pub(super) fn merge_from_disk(&mut self) {
        self.settle_save(true);
        let Some(d) = &mut self.doc else { return };
        match d.doc.merge_from_disk() {
            Ok(conflicts) => {
                d.history.seal();
                d.save_error = None;
                d.disk_conflict = false;
                let n = conflicts.len();
                d.conflicts = conflicts;
                self.reloaded();
                if self.save() {
                    self.status = format!(
                        "Merged with the version on disk and saved; {n} conflict{}",
                        if n == 1 { "" } else { "s" }
                    );
                }
            }
            Err(e) => self.error = Some(format!("Could not merge: {e}")),
        }
    }

    /// The annotation file changed on disk: discard unsaved work and read it again.
    pub(super) fn reload_from_disk(&mut self) {
        self.settle_save(true);
        let Some(d) = &mut self.doc else { return };
        match d.doc.reload_from_disk() {
            Ok(()) => {
                d.history = History::default();
                self.reloaded();
                let Some(d) = &mut self.doc else { return };
                d.dirty = d.doc.reanchored.is_some();
                d.save_error = None;
                d.disk_conflict = false;
                d.conflicts.clear();
                self.view.select(None);
                self.status = "Reloaded the annotations from disk".into();
            }
            Err(e) => self.error = Some(format!("Could not reload: {e}")),
        }
    }

    /// Whether the window may close now. Unsaved work is saved first; when that fails the
    /// window stays open and asks what to do (save elsewhere, keep working, or discard).
    pub fn close_requested(&mut self) -> bool {
        if self.windows.unsaved.close_anyway || self.flush_before_leaving() {
            return true;
        }
        self.windows.unsaved.blocked = true;
        false
    }
}
