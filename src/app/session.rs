//! One open document and everything worked out from it: its undo history, whether it is
//! saved (and a save running in the background), the lookups drawing needs and the evasion
//! suggestions. How the user looks at it (selection, find, filters, scrolling) is view state
//! (`view_state.rs`), and each window keeps its own settings; a session knows nothing of them.

use super::index::Index;
use crate::analysis::stats::SpeakerStats;
use crate::analysis::{Verdict, VerdictCache};
use crate::annotation::{Annotation, Conflict, Document, History, ListFilter, SaveDone};
use crate::transcript::{Role, Transcript, TurnKind};
use std::sync::atomic::{AtomicU64, Ordering};

/// Tells sessions apart, so that what a panel cached for one is never shown for another.
static SESSIONS: AtomicU64 = AtomicU64::new(0);

/// An open transcript with its annotations, history and derived lookups.
pub struct Session {
    pub doc: Document,
    pub history: History,
    /// Edits not yet on disk.
    pub dirty: bool,
    /// When the last edit happened (seconds, egui time).
    pub edited_at: f64,
    pub save_error: Option<String>,
    /// The last save was refused because the annotation file changed on disk: offer merge
    /// or reload.
    pub disk_conflict: bool,
    /// What the last merge could not settle on its own (ours kept), for the user to review.
    pub conflicts: Vec<Conflict>,
    /// Evasion suggestions for the answers, recomputed when speakers or roles change.
    pub suggestions: Vec<Verdict>,
    /// What suggestions were computed from: each turn's role, kind and the question it answers.
    suggested_from: Vec<(Role, TurnKind, Option<usize>)>,
    /// Verdicts already worked out for this transcript, so that a speaker correction and its
    /// undo classify only what changed.
    verdict_cache: VerdictCache,
    /// Lookups for drawing, rebuilt on every change.
    pub(crate) index: Index,
    /// Which session this is (see [`Session::revision`]).
    id: u64,
    /// Counts changes, so views can cache what they derive from the document.
    pub(crate) generation: u64,
    /// An autosave being written on a worker thread.
    pub(super) saving: Option<BackgroundSave>,
    /// Other annotators' files compared with this one (File > Compare with another
    /// annotator…), kept up to date with every edit.
    pub comparison: Option<crate::analysis::agreement::Comparison>,
    /// The study of the examinations (View > Study view), kept up to date while shown.
    pub study: Option<crate::analysis::study::Study>,
    /// The study being worked out on a worker thread (a long transcript), while the view
    /// is on and `study` is not ready.
    study_job: Option<StudyJob>,
}

/// A study worked out on a worker thread. A change to what the study reads (a speaker
/// correction, a reload) starts a new one in its place, so the one here is always of the
/// document as it is.
struct StudyJob {
    done: std::sync::mpsc::Receiver<crate::analysis::study::Study>,
}

/// From this many question turns the study is worked out on a worker thread, so that the
/// window keeps drawing (10,000 pages, 60,000 questions, take about a second); below it,
/// at once (a 300-page deposition takes a tenth of that).
pub const STUDY_IN_BACKGROUND_FROM: usize = 5_000;

/// A save running on a worker thread ([`Document::begin_save`]), and the change count it
/// saved: edits made after it began keep the document unsaved.
pub(super) struct BackgroundSave {
    pub(super) generation: u64,
    pub(super) done: std::sync::mpsc::Receiver<SaveDone>,
}

/// The inputs of [`crate::analysis::suggest`] that edits can change (speaker corrections
/// change roles, kinds and question links; the words never change).
fn suggest_inputs(t: &Transcript) -> Vec<(Role, TurnKind, Option<usize>)> {
    t.turns
        .iter()
        .map(|x| (x.role, x.kind, x.answers))
        .collect()
}

impl Session {
    pub fn new(doc: Document, suggestions: Vec<Verdict>, verdict_cache: VerdictCache) -> Self {
        // Re-anchored annotations (new places, placements, fingerprint) are not on disk yet.
        let dirty = doc.reanchored.is_some();
        Session {
            suggested_from: suggest_inputs(&doc.transcript),
            verdict_cache,
            index: Index::new(&doc),
            doc,
            history: History::default(),
            dirty,
            edited_at: 0.0,
            save_error: None,
            disk_conflict: false,
            conflicts: Vec::new(),
            suggestions,
            id: SESSIONS.fetch_add(1, Ordering::Relaxed),
            generation: 0,
            saving: None,
            comparison: None,
            study: None,
            study_job: None,
        }
    }

    /// Which session and which change of it: what panels key their caches on.
    pub fn revision(&self) -> (u64, u64) {
        (self.id, self.generation)
    }

    /// Starts saving the annotations as they are now on a worker thread. The window looks
    /// for the result every `SAVE_POLL` seconds meanwhile (see `PartlyApp::autosave_at`).
    pub(super) fn start_save(&mut self) -> Result<(), String> {
        let job = self.doc.begin_save().map_err(|e| e.to_string())?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("partly-save".into())
            // The window may have gone: then nobody wants the result.
            .spawn(move || drop(tx.send(job.run())))
            .map_err(|e| format!("could not start saving: {e}"))?;
        self.saving = Some(BackgroundSave {
            generation: self.generation,
            done: rx,
        });
        Ok(())
    }

    /// How well the transcript was read, as the status bar and import report show it.
    pub fn health(&self) -> Option<&crate::transcript::health::Health> {
        self.index.health.as_ref()
    }

    /// Whether a save is being written in the background.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// The colour to write tag `name` in; grey for a tag the set does not know.
    pub(crate) fn tag_text_colour(&self, name: &str, dark: bool) -> egui::Color32 {
        self.doc
            .sidecar
            .tags
            .find(name)
            .map_or(egui::Color32::GRAY, |t| {
                super::theme::tag_text(t.colour, dark)
            })
    }

    /// The suggestion for answer turn `i` that is still open: not dismissed, and not already
    /// a tag the user put on that turn.
    pub fn open_suggestion(&self, i: usize) -> Option<&Verdict> {
        let k = self.suggestions.binary_search_by_key(&i, |s| s.turn).ok()?;
        let s = &self.suggestions[k];
        let label = s.label9;
        let dismissed = self.index.is_dismissed(i, label.name());
        let tagged = self.annotations_on(i).any(|a| a.has_tag(label.tag()));
        (!dismissed && !tagged).then_some(s)
    }

    /// After any change to the document: unsaved, and lookups brought up to date.
    /// Suggestions are recomputed only when what they depend on changed (a speaker
    /// correction), not for tags and notes.
    pub(super) fn changed(&mut self, now: f64) {
        let t = &self.doc.transcript;
        let same = self.suggested_from.len() == t.turns.len()
            && (t.turns.iter().zip(&self.suggested_from))
                .all(|(x, s)| (x.role, x.kind, x.answers) == *s);
        if !same {
            self.suggestions = self.verdict_cache.verdicts(t);
            self.suggested_from = suggest_inputs(t);
        }
        self.index.update(&self.doc, !same);
        if let Some(c) = &mut self.comparison {
            c.refresh(&self.doc.transcript, &self.doc.sidecar);
        }
        if self.study_shown() && !same {
            self.show_study();
        }
        self.generation += 1;
        self.dirty = true;
        self.edited_at = now;
    }

    /// After the sidecar was merged with or replaced by the one on disk, which may have
    /// re-read the transcript: everything derived from the document is worked out again.
    pub(super) fn reloaded(&mut self, now: f64) {
        // The transcript may have been read again, and changed.
        self.suggested_from.clear();
        self.verdict_cache = VerdictCache::default();
        self.changed(now);
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.index.annotation(&self.doc, id)
    }

    /// Annotations that touch turn `i` (orphans and those awaiting review point nowhere).
    pub fn annotations_on(&self, i: usize) -> impl Iterator<Item = &Annotation> {
        self.index
            .on_turn(i)
            .filter_map(|k| self.doc.sidecar.annotations.get(k))
    }

    /// The annotations panel's list: the placed annotations (as indices into the sidecar's
    /// list, in its order) that the library's [`ListFilter`] shows for `needle` and `tag`.
    /// The panel keeps it until the revision or the filter changes.
    pub fn filter_annotations(&self, needle: &str, tag: Option<&str>) -> Vec<usize> {
        let t = &self.doc.transcript;
        let anns = &self.doc.sidecar.annotations;
        let filter = ListFilter::new(needle, tag);
        self.index
            .placed
            .iter()
            .copied()
            .filter(|&k| filter.matches(t, &anns[k]))
            .collect()
    }

    /// Per-speaker statistics (the statistics window keeps them until the next change).
    pub fn stats(&self) -> Vec<SpeakerStats> {
        crate::analysis::stats::stats(
            &self.doc.transcript,
            &self.suggestions,
            &self.doc.sidecar.annotations,
        )
    }
}

impl Session {
    /// Examinations, chapters and question forms of this transcript, with the suggestions
    /// for the runaway-witness count.
    pub fn work_out_study(&self) -> crate::analysis::study::Study {
        crate::analysis::study::study(&self.doc.transcript, &self.suggestions)
    }

    /// Whether the Study view is on (its study may still be being worked out).
    pub fn study_shown(&self) -> bool {
        self.study.is_some() || self.study_job.is_some()
    }

    /// Whether the Study view waits for its study from a worker thread.
    pub fn study_pending(&self) -> bool {
        self.study_job.is_some()
    }

    /// Turns the Study view on (or brings it up to date): the study at once for a short
    /// transcript, on a worker thread for a long one ([`STUDY_IN_BACKGROUND_FROM`]).
    pub fn show_study(&mut self) {
        let questions = self
            .doc
            .transcript
            .turns
            .iter()
            .filter(|x| x.kind == TurnKind::Question)
            .count();
        if questions < STUDY_IN_BACKGROUND_FROM {
            self.study = Some(self.work_out_study());
            self.study_job = None;
            return;
        }
        let (send, done) = std::sync::mpsc::channel();
        let transcript = self.doc.transcript.clone();
        let suggestions = self.suggestions.clone();
        std::thread::spawn(move || {
            // The window may have gone, or asked again: then nobody listens.
            let _ = send.send(crate::analysis::study::study(&transcript, &suggestions));
        });
        self.study = None;
        self.study_job = Some(StudyJob { done });
    }

    /// Turns the Study view off.
    pub fn hide_study(&mut self) {
        self.study = None;
        self.study_job = None;
    }

    /// Takes in a study worked out on a worker thread once it is ready. Returns whether one
    /// is still being worked out.
    pub fn poll_study(&mut self) -> bool {
        let Some(job) = &self.study_job else {
            return false;
        };
        let got = match job.done.try_recv() {
            Ok(s) => Some(s),
            Err(std::sync::mpsc::TryRecvError::Empty) => return true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        self.study_job = None;
        match got {
            Some(s) => self.study = Some(s),
            // The worker failed: once more, on this thread.
            None => self.study = Some(self.work_out_study()),
        }
        false
    }

    /// The study: the one the study view keeps, or worked out now (for a drill or its check).
    pub fn study_or_work_out(&self) -> std::borrow::Cow<'_, crate::analysis::study::Study> {
        match &self.study {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(self.work_out_study()),
        }
    }

    /// The study's reading of question turn `turn`, while the study view is on.
    pub fn study_question(&self, turn: usize) -> Option<&crate::analysis::study::StudyQuestion> {
        let s = self.study.as_ref()?;
        let k = s.questions.binary_search_by_key(&turn, |q| q.turn).ok()?;
        s.questions.get(k)
    }
}
