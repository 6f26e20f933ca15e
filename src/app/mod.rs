//! The window: the egui layer only. Panels read state and push [`Action`]s; [`PartlyApp::apply`]
//! is the one place that changes anything, so menus, shortcuts, clicks and tests share a door.
//! Document edits are [`Edit`]s from the library, applied through its undo [`History`].

pub mod command;
pub mod fonts;
mod index;
mod loading;
mod panels;
pub mod theme;
mod view;

use crate::analysis::{Verdict, VerdictCache};
use crate::annotation::{
    Anchor, Annotation, Conflict, Dismissal, Document, Edit, History, Placement, SaveDone,
};
use crate::export::{ExportFormat, ExportOptions};
use crate::transcript::{Format, Loc, Role, SpeakerId, Transcript, TurnKind};
pub use command::{Action, Command, Dir};
pub use loading::{Handoff, Loaded, Loading, Stage};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exchange partly is named after, bundled so that `partly` alone shows something real.
pub const SAMPLE_NAME: &str = "distillation_exchange.txt";
pub const SAMPLE_TEXT: &str = include_str!("../../sample_transcripts/distillation_exchange.txt");

/// Seconds after the last edit before annotations are saved by themselves.
pub const AUTOSAVE_AFTER: f64 = 1.5;

/// Seconds between looks at a save running in the background.
const SAVE_POLL: f64 = 0.05;
const MAX_RECENT: usize = 10;

/// Preferences kept between runs (eframe storage; never mixed with annotations).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub zoom: f32,
    pub show_annotations: bool,
    pub show_suggestions: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            dark: true,
            zoom: 1.0,
            show_annotations: true,
            show_suggestions: true,
        }
    }
}

/// What is selected in the transcript: whole turns, or words inside one turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Turns {
        first: usize,
        last: usize,
        /// Where a shift-click range started.
        anchor: usize,
    },
    Span {
        turn: usize,
        start: usize,
        end: usize,
    },
}

impl Selection {
    pub fn turns(self) -> (usize, usize) {
        match self {
            Selection::Turns { first, last, .. } => (first, last),
            Selection::Span { turn, .. } => (turn, turn),
        }
    }
}

/// Find state: the query and where it matches.
#[derive(Debug, Default, Clone)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    /// (turn, byte range in its text)
    pub hits: Vec<(usize, Range<usize>)>,
    pub current: usize,
    pub focus: bool,
}

/// An open transcript with everything the window keeps about it.
pub struct OpenDoc {
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
    pub selection: Option<Selection>,
    /// The annotation shown in the editor.
    pub active: Option<String>,
    pub find: FindState,
    /// Show only this speaker's turns.
    pub speaker_filter: Option<SpeakerId>,
    /// Show only tagged turns with their questions and answers.
    pub tagged_only: bool,
    /// Ask the view to bring this turn into sight.
    pub scroll_to: Option<usize>,
    /// Evasion suggestions for the answers, recomputed when speakers or roles change.
    pub suggestions: Vec<Verdict>,
    /// What suggestions were computed from: each turn's role, kind and the question it answers.
    suggested_from: Vec<(Role, TurnKind, Option<usize>)>,
    /// Verdicts already worked out for this transcript, so that a speaker correction and its
    /// undo classify only what changed.
    verdict_cache: VerdictCache,
    /// Lookups for drawing, rebuilt on every change.
    pub(crate) index: index::Index,
    /// Counts changes, so views can cache what they derive from the document.
    pub(crate) generation: u64,
    pub(crate) rows: view::RowCache,
    /// The annotations panel's filtered list, and what it was filtered for.
    listed: Option<(ListKey, Vec<usize>)>,
    stats: Option<(u64, Vec<crate::analysis::stats::SpeakerStats>)>,
    /// An autosave being written on a worker thread.
    saving: Option<BackgroundSave>,
}

/// A save running on a worker thread ([`Document::begin_save`]), and the change count it
/// saved: edits made after it began keep the document unsaved.
struct BackgroundSave {
    generation: u64,
    done: std::sync::mpsc::Receiver<SaveDone>,
}

/// (generation, text filter, tag filter)
type ListKey = (u64, String, Option<String>);

/// The inputs of [`crate::analysis::suggest`] that edits can change (speaker corrections
/// change roles, kinds and question links; the words never change).
fn suggest_inputs(t: &Transcript) -> Vec<(Role, TurnKind, Option<usize>)> {
    t.turns
        .iter()
        .map(|x| (x.role, x.kind, x.answers))
        .collect()
}

impl OpenDoc {
    fn new(doc: Document, suggestions: Vec<Verdict>, verdict_cache: VerdictCache) -> Self {
        // Re-anchored annotations (new places, placements, fingerprint) are not on disk yet.
        let dirty = doc.reanchored.is_some();
        OpenDoc {
            suggested_from: suggest_inputs(&doc.transcript),
            verdict_cache,
            index: index::Index::new(&doc),
            doc,
            history: History::default(),
            dirty,
            edited_at: 0.0,
            save_error: None,
            disk_conflict: false,
            conflicts: Vec::new(),
            selection: None,
            active: None,
            find: FindState::default(),
            speaker_filter: None,
            tagged_only: false,
            scroll_to: None,
            suggestions,
            generation: 0,
            rows: view::RowCache::default(),
            listed: None,
            stats: None,
            saving: None,
        }
    }

    /// Starts saving the annotations as they are now on a worker thread. The window looks
    /// for the result every [`SAVE_POLL`] seconds meanwhile (see [`PartlyApp::autosave_at`]).
    fn start_save(&mut self) -> Result<(), String> {
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

    /// Whether a save is being written in the background.
    /// How well the transcript was read, as the status bar and import report show it.
    pub fn health(&self) -> Option<&crate::transcript::health::Health> {
        self.index.health.as_ref()
    }

    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// The colour to write tag `name` in; grey for a tag the set does not know.
    pub(crate) fn tag_text_colour(&self, name: &str, dark: bool) -> egui::Color32 {
        self.doc
            .sidecar
            .tags
            .find(name)
            .map_or(egui::Color32::GRAY, |t| theme::tag_text(t.colour, dark))
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

    /// After any change to the document: unsaved, lookups and the view's rows brought up to
    /// date, and the active annotation dropped if the change removed it. Suggestions are
    /// recomputed only when what they depend on changed (a speaker correction), not for tags
    /// and notes.
    fn changed(&mut self, now: f64) {
        let t = &self.doc.transcript;
        let same = self.suggested_from.len() == t.turns.len()
            && (t.turns.iter().zip(&self.suggested_from))
                .all(|(x, s)| (x.role, x.kind, x.answers) == *s);
        if !same {
            self.suggestions = self.verdict_cache.verdicts(t);
            self.suggested_from = suggest_inputs(t);
        }
        self.index.update(&self.doc, !same);
        self.generation += 1;
        self.dirty = true;
        self.edited_at = now;
        // Without filters every turn is shown, whatever the change.
        if self.tagged_only || self.speaker_filter.is_some() {
            self.rows.invalidate();
        }
        if let Some(id) = &self.active
            && self.annotation(id).is_none()
        {
            self.active = None;
        }
    }

    /// After the sidecar was merged with or replaced by the one on disk, which may have
    /// re-read the transcript: everything derived from the document is worked out again.
    fn reloaded(&mut self, now: f64) {
        // The transcript may have been read again, and changed.
        self.suggested_from.clear();
        self.verdict_cache = VerdictCache::default();
        self.rows.invalidate();
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

    /// The annotations panel's list, as last filtered: indices into the sidecar's list.
    pub fn listed(&self) -> &[usize] {
        self.listed.as_ref().map_or(&[], |(_, l)| l)
    }

    /// Filters the annotations panel's list: placed annotations (in the sidecar's order) with
    /// tag `tag` (if given) whose quote, note, speaker or tags contain `needle` (lower case;
    /// empty: all). Kept until the document or the filter changes.
    fn filter_list(&mut self, needle: &str, tag: Option<&str>) {
        let key = (self.generation, needle.to_owned(), tag.map(str::to_owned));
        if self.listed.as_ref().is_none_or(|(k, _)| *k != key) {
            let t = &self.doc.transcript;
            let anns = &self.doc.sidecar.annotations;
            let list = self
                .index
                .placed
                .iter()
                .copied()
                .filter(|&k| {
                    let a = &anns[k];
                    if tag.is_some_and(|f| !a.has_tag(f)) {
                        return false;
                    }
                    if needle.is_empty() {
                        return true;
                    }
                    let speaker = t
                        .turns
                        .get(a.anchor.start_turn)
                        .map_or("?", |x| t.speaker_name(x));
                    format!(
                        "{} {} {} {}",
                        a.anchor.quote,
                        a.note.as_deref().unwrap_or(""),
                        speaker,
                        a.tags.join(" ")
                    )
                    .to_lowercase()
                    .contains(needle)
                })
                .collect();
            self.listed = Some((key, list));
        }
    }

    /// Per-speaker statistics, computed again only after a change.
    pub fn stats(&mut self) -> &[crate::analysis::stats::SpeakerStats] {
        if self
            .stats
            .as_ref()
            .is_none_or(|(g, _)| *g != self.generation)
        {
            let s = crate::analysis::stats::stats(
                &self.doc.transcript,
                &self.suggestions,
                &self.doc.sidecar.annotations,
            );
            self.stats = Some((self.generation, s));
        }
        self.stats.as_ref().map_or(&[], |(_, s)| s)
    }

    /// An anchor on the current selection.
    fn selection_anchor(&self) -> Result<Anchor, String> {
        let sel = self.selection.ok_or("Select a turn or some words first")?;
        match sel {
            Selection::Turns { first, last, .. } => {
                Anchor::for_turns(&self.doc.transcript, first, last)
            }
            Selection::Span { turn, start, end } => {
                Anchor::for_span(&self.doc.transcript, turn, start..end)
            }
        }
        .map_err(|e| e.to_string())
    }

    /// The annotation whose anchor is exactly the current selection.
    fn annotation_for_selection(&self) -> Option<&Annotation> {
        let sel = self.selection?;
        // Its anchor starts on the selection's first turn.
        self.annotations_on(sel.turns().0).find(|a| {
            let an = &a.anchor;
            match sel {
                Selection::Turns { first, last, .. } => {
                    an.start_turn == first
                        && an.end_turn == last
                        && an.start_offset == 0
                        && is_whole_turns(&self.doc, an)
                }
                Selection::Span { turn, start, end } => {
                    an.start_turn == turn
                        && an.end_turn == turn
                        && an.start_offset == start
                        && an.start_offset + an.quote.len() == end
                }
            }
        })
    }

    /// Which turns the view shows, after filters.
    pub fn visible_turns(&self) -> Vec<usize> {
        let t = &self.doc.transcript;
        let mut tagged = Vec::new();
        if self.tagged_only {
            tagged = vec![false; t.turns.len()];
            for i in self.index.annotated_turns() {
                tagged[i] = true;
                // The question it answers, and the answer to it.
                if let Some(q) = t.turns[i].answers {
                    tagged[q] = true;
                }
                if let Some(a) = self.index.answer_to(i) {
                    tagged[a] = true;
                }
            }
        }
        (0..t.turns.len())
            .filter(|&i| self.speaker_filter.is_none_or(|s| t.turns[i].speaker == s))
            .filter(|&i| !self.tagged_only || tagged[i])
            .collect()
    }
}

fn is_whole_turns(doc: &Document, an: &Anchor) -> bool {
    let t = &doc.transcript.turns;
    let joined: Vec<&str> = (an.start_turn..=an.end_turn)
        .filter_map(|i| t.get(i).map(|x| x.text.as_str()))
        .collect();
    joined.join("\n") == an.quote
}

/// Windows and one-off UI state that are not part of a document.
#[derive(Debug, Default)]
pub struct UiState {
    pub goto_open: bool,
    pub goto_text: String,
    pub open_path_open: bool,
    pub open_path_text: String,
    pub save_as_open: bool,
    pub save_as_text: String,
    pub report_open: bool,
    pub tags_open: bool,
    pub speakers_open: bool,
    pub confirm_delete_tag: Option<String>,
    pub new_tag_name: String,
    pub rename_buffers: std::collections::HashMap<String, String>,
    pub merge_from: Option<u32>,
    pub merge_into: Option<u32>,
    pub annotation_filter: String,
    pub tag_filter: Option<String>,
    pub note_buffer: (String, String),
    /// Closing was refused because unsaved work could not be saved: ask what to do.
    pub close_blocked: bool,
    /// The user chose to close without saving.
    pub close_anyway: bool,
    pub stats_open: bool,
    pub export: ExportUi,
    pub quote: QuoteUi,
    /// The last text put on the clipboard (shown in the status bar; tests read it).
    pub copied: Option<String>,
}

/// The export window's settings.
#[derive(Debug)]
pub struct ExportUi {
    pub open: bool,
    pub format: ExportFormat,
    pub tags: Vec<String>,
    pub speaker: Option<String>,
    pub only_selected: bool,
    pub include_question: bool,
    pub context: usize,
    pub prefix: String,
    pub path: String,
    /// The chosen file exists: ask before replacing it.
    pub confirm_replace: bool,
}

impl Default for ExportUi {
    fn default() -> Self {
        ExportUi {
            open: false,
            format: ExportFormat::Markdown,
            tags: Vec::new(),
            speaker: None,
            only_selected: false,
            include_question: true,
            context: 0,
            prefix: "Tr.".into(),
            path: String::new(),
            confirm_replace: false,
        }
    }
}

/// The "Check a quote" box.
#[derive(Debug, Default)]
pub struct QuoteUi {
    pub open: bool,
    pub text: String,
    pub result: Option<crate::analysis::verify::Verification>,
}

/// The application.
pub struct PartlyApp {
    pub prefs: Prefs,
    pub doc: Option<OpenDoc>,
    /// A problem to show in the window (failed open, failed save...).
    pub error: Option<String>,
    /// The last thing that happened, for the status bar.
    pub status: String,
    pub ui: UiState,
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

mod screenshot;

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
            error: None,
            status: String::new(),
            ui: UiState::default(),
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

    /// Starts opening `path` off the UI thread (see [`loading`]); [`Action::Opened`] brings
    /// the result. Unsaved work is saved first; an open already under way is superseded.
    fn open(&mut self, path: &Path, format: Option<Format>) {
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
    fn open_now(&mut self, path: &Path, format: Option<Format>) {
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
    fn open_sample(&mut self, now: bool) {
        match self.sample_path() {
            Ok(p) if now => self.open_now(&p, None),
            Ok(p) => self.open(&p, None),
            Err(e) => self.error = Some(format!("Could not open the bundled sample: {e}")),
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
                self.doc = Some(OpenDoc::new(doc, suggestions, cache));
                self.error = None;
                self.prefs.recent.retain(|p| p != path);
                self.prefs.recent.insert(0, path.to_path_buf());
                self.prefs.recent.truncate(MAX_RECENT);
            }
            Err(e) => {
                self.status.clear();
                self.error = Some(format!("Could not open: {e}"));
            }
        }
    }

    /// Looks for the result of a background open; it is applied with the frame's actions.
    fn poll_loading(&mut self, ctx: &egui::Context) {
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

    /// Saves unsaved work before the document goes away. False (and an error shown) when it
    /// could not be saved: the caller must then keep the document open.
    fn flush_before_leaving(&mut self) -> bool {
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

    /// Takes in a background save once it has finished (`wait`: waits for it). Whatever
    /// reads or writes the annotation file settles the save first, so the two never overlap.
    fn settle_save(&mut self, wait: bool) {
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

    /// Applies one action. The only place that changes the window's state.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Command(c) => self.run_command(c),
            Action::Open(path) => self.open(&path, None),
            Action::ReadAs(format) => {
                if let Some(path) = self.doc.as_ref().map(|d| d.doc.path.clone()) {
                    self.open(&path, Some(format));
                }
            }
            Action::Opened {
                ticket,
                path,
                result,
            } => {
                // A superseded or cancelled open: nothing to show.
                if self.loading.as_ref().is_none_or(|l| l.ticket != ticket) {
                    return;
                }
                self.loading = None;
                if let Some(result) = result.take() {
                    self.opened(&path, result);
                }
            }
            Action::CancelOpen => {
                if let Some(l) = self.loading.take() {
                    l.cancel();
                    self.status = format!("Did not open {}", l.path.display());
                }
            }
            Action::SaveAnnotationsTo(path) => {
                self.settle_save(true);
                if let Some(d) = &mut self.doc {
                    match d.doc.save_as(&path) {
                        Ok(()) => {
                            d.dirty = false;
                            d.save_error = None;
                            self.ui.save_as_open = false;
                            self.status = format!("Saved annotations to {}", path.display());
                        }
                        Err(e) => d.save_error = Some(e.to_string()),
                    }
                }
            }
            Action::Edit(edit) => self.edit(edit, false),
            Action::EditNote { id, note } => {
                let note = (!note.trim().is_empty()).then_some(note);
                self.edit(Edit::SetNote { id, note }, true)
            }
            Action::SelectTurn { turn, extend } => {
                let Some(d) = &mut self.doc else { return };
                let anchor = match (extend, d.selection) {
                    (true, Some(Selection::Turns { anchor, .. })) => anchor,
                    (true, Some(Selection::Span { turn, .. })) => turn,
                    _ => turn,
                };
                d.selection = Some(Selection::Turns {
                    first: anchor.min(turn),
                    last: anchor.max(turn),
                    anchor,
                });
                d.history.seal();
                d.active = d
                    .annotation_for_selection()
                    .or_else(|| d.annotations_on(turn).next())
                    .map(|a| a.id.clone());
            }
            Action::SelectSpan { turn, start, end } => {
                let Some(d) = &mut self.doc else { return };
                d.selection = Some(Selection::Span { turn, start, end });
                d.history.seal();
                d.active = d.annotation_for_selection().map(|a| a.id.clone());
            }
            Action::ToggleTag(tag) => self.toggle_tag(&tag),
            Action::MergeFromDisk => {
                self.settle_save(true);
                let Some(d) = &mut self.doc else { return };
                match d.doc.merge_from_disk() {
                    Ok(conflicts) => {
                        d.history.seal();
                        d.reloaded(self.now);
                        d.save_error = None;
                        d.disk_conflict = false;
                        let n = conflicts.len();
                        d.conflicts = conflicts;
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
            Action::ReloadFromDisk => {
                self.settle_save(true);
                let Some(d) = &mut self.doc else { return };
                match d.doc.reload_from_disk() {
                    Ok(()) => {
                        d.history = History::default();
                        d.reloaded(self.now);
                        d.dirty = d.doc.reanchored.is_some();
                        d.save_error = None;
                        d.disk_conflict = false;
                        d.conflicts.clear();
                        d.selection = None;
                        self.status = "Reloaded the annotations from disk".into();
                    }
                    Err(e) => self.error = Some(format!("Could not reload: {e}")),
                }
            }
            Action::ResolveConflict { index, edit } => {
                if let Some(e) = edit {
                    self.edit(e, false);
                }
                if let Some(d) = &mut self.doc
                    && index < d.conflicts.len()
                {
                    d.conflicts.remove(index);
                }
            }
            Action::AttachToSelection(id) => {
                let Some(d) = &self.doc else { return };
                match d.selection_anchor() {
                    Ok(anchor) => {
                        self.edit(
                            Edit::Reattach {
                                id: id.clone(),
                                anchor: Box::new(anchor),
                                placement: Placement::Anchored,
                            },
                            false,
                        );
                        if let Some(d) = &mut self.doc {
                            d.active = Some(id);
                        }
                        self.status = "Re-attached the annotation to the selection".into();
                    }
                    Err(e) => self.status = format!("Not re-attached: {e}"),
                }
            }
            Action::ActivateAnnotation(id) => {
                let Some(d) = &mut self.doc else { return };
                d.history.seal();
                let shown = id.as_deref().and_then(|id| d.doc.sidecar.annotation(id));
                // An orphan points nowhere; one under review is shown at its candidate place.
                let anchor = shown.and_then(|a| match &a.placement {
                    Placement::Orphaned => None,
                    Placement::Review { candidate, .. } => Some(candidate.as_ref()),
                    _ => Some(&a.anchor),
                });
                if let Some(an) = anchor {
                    d.selection = Some(if is_whole_turns(&d.doc, an) {
                        Selection::Turns {
                            first: an.start_turn,
                            last: an.end_turn,
                            anchor: an.start_turn,
                        }
                    } else {
                        Selection::Span {
                            turn: an.start_turn,
                            start: an.start_offset,
                            end: an.start_offset + an.quote.len(),
                        }
                    });
                    d.scroll_to = Some(an.start_turn);
                }
                d.active = id;
            }
            Action::RemoveTagFrom { id, tag } => {
                let Some(d) = &self.doc else { return };
                let Some(a) = d.annotation(&id) else {
                    return;
                };
                let rest: Vec<String> = a.tags.iter().filter(|t| **t != tag).cloned().collect();
                if rest.is_empty() {
                    self.edit(Edit::RemoveAnnotation(id), false);
                } else {
                    self.edit(Edit::SetTags { id, tags: rest }, false);
                }
            }
            Action::SetFind(query) => {
                let Some(d) = &mut self.doc else { return };
                d.find.hits = crate::transcript::search::find(&d.doc.transcript, &query);
                d.find.query = query;
                d.find.current = 0;
                if let Some((turn, _)) = d.find.hits.first() {
                    d.scroll_to = Some(*turn);
                }
            }
            Action::Find(dir) => {
                let Some(d) = &mut self.doc else { return };
                let n = d.find.hits.len();
                if n > 0 {
                    d.find.current = match dir {
                        Dir::Next => (d.find.current + 1) % n,
                        Dir::Previous => (d.find.current + n - 1) % n,
                    };
                    d.scroll_to = Some(d.find.hits[d.find.current].0);
                }
            }
            Action::GoTo(text) => {
                let Some(d) = &mut self.doc else { return };
                match parse_loc(&text, d.doc.transcript.is_paged())
                    .and_then(|loc| turn_at(&d.doc, loc).ok_or_else(|| format!("nothing at {loc}")))
                {
                    Ok(turn) => {
                        d.selection = Some(Selection::Turns {
                            first: turn,
                            last: turn,
                            anchor: turn,
                        });
                        d.scroll_to = Some(turn);
                        self.ui.goto_open = false;
                        self.status = format!("Went to {}", d.doc.transcript.turns[turn].start);
                    }
                    Err(e) => self.status = format!("Go to: {e}"),
                }
            }
            Action::SetSpeakerFilter(s) => {
                if let Some(d) = &mut self.doc {
                    d.speaker_filter = s.map(SpeakerId);
                    d.rows.invalidate();
                }
            }
            Action::SetTaggedOnly(on) => {
                if let Some(d) = &mut self.doc {
                    d.tagged_only = on;
                    d.rows.invalidate();
                }
            }
            Action::DismissError => self.error = None,
            Action::ExportTo { path, replace } => self.export_to(&path, replace),
            Action::CheckQuote(q) => {
                if let Some(d) = &self.doc {
                    self.ui.quote.result =
                        Some(crate::analysis::verify::verify(&d.doc.transcript, &q));
                    self.ui.quote.text = q;
                }
            }
            Action::ShowPassage { turn, start, end } => {
                self.apply(Action::SelectSpan { turn, start, end });
                if let Some(d) = &mut self.doc {
                    d.scroll_to = Some(turn);
                }
            }
        }
    }

    /// Exports with the export window's settings.
    fn export_to(&mut self, path: &Path, replace: bool) {
        let Some(d) = &self.doc else { return };
        let e = &self.ui.export;
        let ids = if e.only_selected {
            let chosen: Vec<String> = match d.selection.map(Selection::turns) {
                Some((a, b)) => d
                    .doc
                    .sidecar
                    .annotations
                    .iter()
                    .filter(|x| x.anchor.start_turn <= b && a <= x.anchor.end_turn)
                    .map(|x| x.id.clone())
                    .collect(),
                None => d.active.iter().cloned().collect(),
            };
            Some(chosen)
        } else {
            None
        };
        let opts = ExportOptions {
            tags: e.tags.clone(),
            speaker: e.speaker.clone(),
            ids,
            cite_prefix: e.prefix.clone(),
            include_question: e.include_question,
            context_before: e.context,
            context_after: e.context,
        };
        let source = d.doc.path.file_name().map_or_else(
            || d.doc.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let result = crate::export::excerpts(&d.doc, &opts).and_then(|ex| {
            let bytes = crate::export::write(e.format, &source, &ex)?;
            crate::export::save(path, &bytes, replace)?;
            Ok(ex.len())
        });
        match result {
            Ok(n) => {
                self.status = format!("Exported {n} excerpt(s) to {}", path.display());
                self.ui.export.confirm_replace = false;
                self.ui.export.open = false;
            }
            Err(crate::export::ExportError::Exists(_)) => self.ui.export.confirm_replace = true,
            Err(err) => self.error = Some(format!("Export failed: {err}")),
        }
    }

    fn edit(&mut self, edit: Edit, merging: bool) {
        let Some(d) = &mut self.doc else { return };
        let result = if merging {
            d.history.apply_merging(&mut d.doc, edit)
        } else {
            d.history.seal();
            d.history.apply(&mut d.doc, edit)
        };
        match result {
            Ok(()) => d.changed(self.now),
            Err(e) => self.status = format!("Not done: {e}"),
        }
    }

    /// Applies a tag to the selection: toggles it on the selection's annotation, or makes a
    /// new annotation with it.
    fn toggle_tag(&mut self, tag: &str) {
        let Some(d) = &self.doc else { return };
        let Ok(tag) = d.doc.resolve_tag(tag) else {
            self.status = format!("No tag \"{tag}\"");
            return;
        };
        let target = d
            .annotation_for_selection()
            .or_else(|| {
                d.selection
                    .is_none()
                    .then(|| d.active.as_deref().and_then(|id| d.annotation(id)))
                    .flatten()
            })
            .map(|a| (a.id.clone(), a.tags.clone()));
        if let Some((id, tags)) = target {
            if tags.contains(&tag) {
                self.apply(Action::RemoveTagFrom { id, tag });
            } else {
                let mut tags = tags;
                tags.push(tag);
                self.edit(Edit::SetTags { id, tags }, false);
            }
            return;
        }
        let made = d
            .selection_anchor()
            .and_then(|a| Annotation::new(a, vec![tag.clone()], None).map_err(|e| e.to_string()));
        match made {
            Ok(a) => {
                let id = a.id.clone();
                self.edit(Edit::AddAnnotation(Box::new(a)), false);
                if let Some(d) = &mut self.doc
                    && d.annotation(&id).is_some()
                {
                    d.active = Some(id);
                    self.status = format!("Tagged {tag}");
                }
            }
            Err(e) => self.status = format!("Not tagged: {e}"),
        }
    }

    fn run_command(&mut self, c: Command) {
        match c {
            Command::Open => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Transcripts", &["txt", "text", "md"])
                    .pick_file();
                match picked {
                    Some(p) => self.open(&p, None),
                    // No native dialog here (no portal running): offer the path field.
                    None => self.ui.open_path_open = true,
                }
            }
            Command::OpenPath => self.ui.open_path_open = true,
            Command::OpenSample => self.open_sample(false),
            Command::Save => {
                self.save();
            }
            Command::SaveAnnotationsAs => {
                if let Some(d) = &self.doc {
                    self.ui.save_as_text = d
                        .doc
                        .path
                        .with_extension("annotations.ron")
                        .display()
                        .to_string();
                }
                self.ui.save_as_open = true;
            }
            Command::Undo | Command::Redo => {
                let Some(d) = &mut self.doc else { return };
                d.history.seal();
                let r = if c == Command::Undo {
                    d.history.undo(&mut d.doc)
                } else {
                    d.history.redo(&mut d.doc)
                };
                match r {
                    Ok(true) => d.changed(self.now),
                    Ok(false) => self.status = "Nothing to undo or redo".into(),
                    Err(e) => self.status = format!("Could not undo: {e}"),
                }
            }
            Command::Find => {
                if let Some(d) = &mut self.doc {
                    d.find.open = true;
                    d.find.focus = true;
                }
            }
            Command::FindNext => self.apply(Action::Find(Dir::Next)),
            Command::FindPrevious => self.apply(Action::Find(Dir::Previous)),
            Command::GoTo => self.ui.goto_open = true,
            Command::SelectExchange => self.select_exchange(),
            Command::SelectPrevious | Command::SelectNext => {
                let Some(d) = &self.doc else { return };
                let visible = d.visible_turns();
                let current = d.selection.map(|s| s.turns().0);
                let pos = current.and_then(|c| visible.iter().position(|&v| v == c));
                let next = match (c, pos) {
                    (Command::SelectNext, Some(p)) => visible.get(p + 1).copied(),
                    (Command::SelectPrevious, Some(p)) => {
                        p.checked_sub(1).and_then(|p| visible.get(p).copied())
                    }
                    _ => visible.first().copied(),
                };
                if let Some(turn) = next {
                    self.apply(Action::SelectTurn {
                        turn,
                        extend: false,
                    });
                    if let Some(d) = &mut self.doc {
                        d.scroll_to = Some(turn);
                    }
                }
            }
            Command::NextAnnotation => {
                let Some(d) = &self.doc else { return };
                let Some((first, _)) = d.selection.map(Selection::turns) else {
                    return;
                };
                let here: Vec<String> = d.annotations_on(first).map(|a| a.id.clone()).collect();
                if here.is_empty() {
                    return;
                }
                let pos = d
                    .active
                    .as_ref()
                    .and_then(|a| here.iter().position(|h| h == a));
                let next = here[pos.map_or(0, |p| (p + 1) % here.len())].clone();
                if let Some(d) = &mut self.doc {
                    d.active = Some(next);
                }
            }
            Command::DeleteAnnotation => {
                if let Some(id) = self.doc.as_ref().and_then(|d| d.active.clone()) {
                    self.edit(Edit::RemoveAnnotation(id), false);
                }
            }
            Command::ClearSelection => {
                if let Some(d) = &mut self.doc {
                    if d.find.open {
                        d.find.open = false;
                    } else {
                        d.selection = None;
                        d.active = None;
                    }
                }
            }
            Command::ZoomIn => self.prefs.zoom = (self.prefs.zoom + 0.1).min(3.0),
            Command::ZoomOut => self.prefs.zoom = (self.prefs.zoom - 0.1).max(0.5),
            Command::ZoomReset => self.prefs.zoom = 1.0,
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ImportReport => self.ui.report_open = !self.ui.report_open,
            Command::Export => {
                if let Some(d) = &self.doc
                    && self.ui.export.path.is_empty()
                {
                    let stem = d.doc.path.with_extension("");
                    self.ui.export.path = format!(
                        "{}.excerpts.{}",
                        stem.display(),
                        self.ui.export.format.extension()
                    );
                }
                self.ui.export.open = !self.ui.export.open;
            }
            Command::CheckQuote => self.ui.quote.open = !self.ui.quote.open,
            Command::CopyCitation => {
                let Some(d) = &self.doc else { return };
                let Some(sel) = d.selection else {
                    self.status = "Select turns or words to copy as a citation".into();
                    return;
                };
                let text = match sel {
                    Selection::Turns { first, last, .. } => {
                        crate::export::citation(&d.doc, first, last, None, &self.ui.export.prefix)
                    }
                    Selection::Span { turn, start, end } => crate::export::citation(
                        &d.doc,
                        turn,
                        turn,
                        Some((start, end)),
                        &self.ui.export.prefix,
                    ),
                };
                if let Some(text) = text {
                    self.clipboard.push(text.clone());
                    self.status = format!("Copied: {text}");
                    self.ui.copied = Some(text);
                }
            }
            Command::ToggleSuggestions => {
                self.prefs.show_suggestions = !self.prefs.show_suggestions
            }
            Command::ToggleAnnotationsPanel => {
                self.prefs.show_annotations = !self.prefs.show_annotations
            }
            Command::Statistics => self.ui.stats_open = !self.ui.stats_open,
            Command::AcceptSuggestion | Command::DismissSuggestion => {
                let Some(d) = &self.doc else { return };
                let Some((turn, _)) = d.selection.map(Selection::turns) else {
                    self.status = "Select an answer with a suggestion first".into();
                    return;
                };
                let Some(s) = d
                    .open_suggestion(turn)
                    .filter(|_| self.prefs.show_suggestions)
                else {
                    self.status = "No open suggestion on the selected turn".into();
                    return;
                };
                let label = s.label9;
                if c == Command::DismissSuggestion {
                    let dismissal = Dismissal {
                        turn,
                        label: label.name().to_owned(),
                        answer: d.doc.transcript.turns[turn].text.clone(),
                    };
                    self.edit(Edit::Dismiss(dismissal), false);
                    self.status = format!("Dismissed the {} suggestion", label.tag());
                } else {
                    // A real annotation on the whole answer, with the suggested class's tag.
                    // Adds the tag to the turn's own annotation if it has one.
                    self.apply(Action::SelectTurn {
                        turn,
                        extend: false,
                    });
                    self.toggle_tag(label.tag());
                }
            }
            Command::TagManager => self.ui.tags_open = !self.ui.tags_open,
            Command::SpeakerManager => self.ui.speakers_open = !self.ui.speakers_open,
        }
    }

    /// Selects the question and its answer around the selected turn; the cite then runs from
    /// the question's first line to the answer's last.
    fn select_exchange(&mut self) {
        let Some(d) = &self.doc else { return };
        let Some((first, _)) = d.selection.map(Selection::turns) else {
            self.status = "Select a question or an answer first".into();
            return;
        };
        let turns = &d.doc.transcript.turns;
        let (q, a) = if let Some(q) = turns[first].answers {
            (q, first)
        } else if let Some(a) = d.index.answer_to(first) {
            (first, a)
        } else {
            self.status = "That turn is not part of a question and answer".into();
            return;
        };
        if let Some(d) = &mut self.doc {
            d.selection = Some(Selection::Turns {
                first: q,
                last: a,
                anchor: q,
            });
            d.active = d.annotation_for_selection().map(|x| x.id.clone());
            let t = &d.doc.transcript.turns;
            self.status = format!("Selected {}–{}", t[q].start, t[a].end);
        }
    }

    /// Draws the window and handles input; actions are applied at the end of the frame.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            fonts::install(&ctx);
            self.fonts_installed = true;
        }
        self.now = ctx.input(|i| i.time);
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.poll_loading(&ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        if (ctx.zoom_factor() - self.prefs.zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.prefs.zoom);
        }
        ctx.set_visuals(if self.prefs.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        self.handle_input(&ctx);
        panels::menu_bar(self, ui);
        panels::status_bar(self, ui);
        if self.prefs.show_annotations && self.doc.is_some() {
            panels::side_panel(self, ui);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            panels::loading(self, ui);
            panels::banners(self, ui);
            panels::find_bar(self, ui);
            view::transcript_ui(self, ui);
        });
        panels::windows(self, &ctx);
        self.apply_pending();
        for text in self.clipboard.drain(..) {
            ctx.copy_text(text);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.push(Action::Open(p));
        }
        let focused = ctx.memory(|m| m.focused());
        let typing = ctx.egui_wants_keyboard_input()
            && !focused.is_some_and(|id| self.turn_text_ids.contains(&id));
        // Shortcuts with more modifiers first: egui matches Ctrl+Z on Ctrl+Shift+Z too.
        let state = self.command_state();
        let mut shortcuts: Vec<(Command, egui::KeyboardShortcut)> = Command::ALL
            .into_iter()
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        shortcuts.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        for (c, s) in shortcuts {
            if typing && Command::is_plain_key(&s) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&s)) && c.enabled(&state) {
                self.push(Action::Command(c));
            }
        }
        if !typing && let Some(d) = &self.doc {
            let mut tags = Vec::new();
            for n in command::TAG_HOTKEYS {
                if let Some(s) = command::tag_hotkey(n)
                    && ctx.input_mut(|i| i.consume_shortcut(&s))
                    && let Some(tag) = d.doc.sidecar.tags.by_hotkey(n)
                {
                    tags.push(tag.name.clone());
                }
            }
            for t in tags {
                self.push(Action::ToggleTag(t));
            }
        }
    }

    /// What menus and shortcuts need to know to enable and tick commands.
    pub fn command_state(&self) -> command::CommandState {
        command::CommandState {
            has_document: self.doc.is_some(),
            show_annotations: self.prefs.show_annotations,
            show_suggestions: self.prefs.show_suggestions,
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
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

    /// `partly — file.txt • unsaved`, and `(opening other.txt…)` while another is read.
    pub fn window_title(&self) -> String {
        let title = match &self.doc {
            None => "partly".into(),
            Some(d) => {
                let name = d.doc.path.file_name().map_or_else(
                    || d.doc.path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                let state = if d.dirty { " • unsaved" } else { "" };
                format!("partly — {name}{state}")
            }
        };
        match &self.loading {
            Some(l) => format!("{title} (opening {}…)", l.name()),
            None => title,
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Whether the window may close now. Unsaved work is saved first; when that fails the
    /// window stays open and asks what to do (save elsewhere, keep working, or discard).
    pub fn close_requested(&mut self) -> bool {
        if self.ui.close_anyway || self.flush_before_leaving() {
            return true;
        }
        self.ui.close_blocked = true;
        false
    }
}

/// `12:3`, `12` (a page), or a line number for unpaged text.
fn parse_loc(text: &str, paged: bool) -> Result<Loc, String> {
    let t = text.trim().trim_start_matches("l.").trim();
    let num = |s: &str| {
        s.trim()
            .parse::<u32>()
            .map_err(|_| format!("\"{text}\" is not page:line"))
    };
    match t.split_once(':') {
        Some((p, l)) => Ok(Loc::new(Some(num(p)?), num(l)?)),
        None if paged => Ok(Loc::new(Some(num(t)?), 1)),
        None => Ok(Loc::new(None, num(t)?)),
    }
}

/// The turn at or after a page:line.
fn turn_at(doc: &Document, loc: Loc) -> Option<usize> {
    let turns = &doc.transcript.turns;
    let key = |l: Loc| (l.page.unwrap_or(0), l.line);
    turns
        .iter()
        .position(|t| key(t.start) <= key(loc) && key(loc) <= key(t.end))
        .or_else(|| turns.iter().position(|t| key(t.start) >= key(loc)))
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
