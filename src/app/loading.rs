//! Opening a transcript off the UI thread. Reading, parsing and re-anchoring a 10,000-page
//! transcript, then finding evasion suggestions in it, takes a third of a second here and
//! more on a slow disk or machine: a worker thread does it while the window keeps drawing (the current document stays usable) and shows what
//! stage it is at. The result comes back as [`super::Action::Opened`], applied like any
//! other action; a newer open supersedes an older one, whose result is then ignored.

use crate::analysis::{Verdict, VerdictCache};
use crate::annotation::Document;
use crate::transcript::Format;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A document read and analysed, ready to show.
#[derive(Debug)]
pub struct Loaded {
    pub doc: Document,
    pub suggestions: Vec<Verdict>,
    /// What the suggestions were worked out from, kept for after speaker corrections.
    pub cache: VerdictCache,
}

impl Loaded {
    /// Everything opening a document takes: read it (parse, annotations, re-anchoring), then
    /// suggest. `stage` is told when suggesting starts; `cancelled` stops before it.
    fn read(
        path: &Path,
        format: Option<Format>,
        stage: &AtomicU8,
        cancelled: &AtomicBool,
    ) -> Result<Option<Loaded>, String> {
        let doc = Document::open(path, format).map_err(|e| e.to_string())?;
        if cancelled.load(Ordering::Relaxed) {
            return Ok(None);
        }
        stage.store(Stage::Suggesting as u8, Ordering::Relaxed);
        let mut cache = VerdictCache::default();
        let suggestions = cache.verdicts(&doc.transcript);
        Ok(Some(Loaded {
            doc,
            suggestions,
            cache,
        }))
    }

    /// The same, on this thread.
    pub fn read_now(path: &Path, format: Option<Format>) -> Result<Loaded, String> {
        let never = AtomicBool::new(false);
        Loaded::read(path, format, &AtomicU8::new(0), &never).map(|l| l.expect("not cancelled"))
    }
}

/// What a background open is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stage {
    Reading = 0,
    Suggesting = 1,
}

impl Stage {
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Reading => "Reading…",
            Stage::Suggesting => "Finding evasion suggestions…",
        }
    }
}

/// An open in progress.
pub struct Loading {
    pub path: PathBuf,
    /// Which open this is; [`super::Action::Opened`] carries it back.
    pub ticket: u64,
    pub started: Instant,
    stage: Arc<AtomicU8>,
    cancelled: Arc<AtomicBool>,
    rx: Receiver<Result<Loaded, String>>,
}

impl Loading {
    /// Starts reading `path` on a worker thread. `ctx` (when there is a window) is asked to
    /// repaint when the result is ready.
    pub fn start(
        path: PathBuf,
        format: Option<Format>,
        ticket: u64,
        ctx: Option<egui::Context>,
    ) -> Loading {
        let (tx, rx) = mpsc::channel();
        let stage = Arc::new(AtomicU8::new(Stage::Reading as u8));
        let cancelled = Arc::new(AtomicBool::new(false));
        let (p, s, c) = (path.clone(), stage.clone(), cancelled.clone());
        let spawned = std::thread::Builder::new()
            .name("partly-open".into())
            .spawn(move || {
                let result = Loaded::read(&p, format, &s, &c);
                if c.load(Ordering::Relaxed) {
                    return;
                }
                if let Some(result) = result.transpose() {
                    let _ = tx.send(result);
                }
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        let rx = match spawned {
            Ok(_) => rx,
            Err(e) => {
                // No thread (resource limits): report it like any failed open.
                let (tx, rx) = mpsc::channel();
                let _ = tx.send(Err(format!("could not start reading: {e}")));
                rx
            }
        };
        Loading {
            path,
            ticket,
            started: Instant::now(),
            stage,
            cancelled,
            rx,
        }
    }

    pub fn stage(&self) -> Stage {
        if self.stage.load(Ordering::Relaxed) == Stage::Suggesting as u8 {
            Stage::Suggesting
        } else {
            Stage::Reading
        }
    }

    /// Tells the worker its result is no longer wanted (it stops at the next stage).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// The result, if the worker has finished.
    pub fn poll(&self) -> Option<Result<Loaded, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err("reading the file stopped unexpectedly".into()))
            }
        }
    }

    /// Waits for the result.
    pub fn wait(&self) -> Result<Loaded, String> {
        self.rx
            .recv()
            .unwrap_or_else(|_| Err("reading the file stopped unexpectedly".into()))
    }

    /// The file name, for the progress line.
    pub fn name(&self) -> String {
        crate::annotation::display_name(&self.path)
    }
}

/// A value handed from the worker to [`super::PartlyApp::apply`] inside an action. Actions
/// are `Clone` and `PartialEq`; clones share the value, which is taken once.
pub struct Handoff<T>(Arc<Mutex<Option<T>>>);

impl<T> Clone for Handoff<T> {
    fn clone(&self) -> Self {
        Handoff(self.0.clone())
    }
}

impl<T> Handoff<T> {
    pub fn new(value: T) -> Self {
        Handoff(Arc::new(Mutex::new(Some(value))))
    }

    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.take()
    }
}

impl<T> PartialEq for Handoff<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::fmt::Debug for Handoff<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handoff(..)")
    }
}
