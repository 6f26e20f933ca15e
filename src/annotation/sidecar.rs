//! The annotation file: `X.txt.annotations.ron` beside the transcript `X.txt`.
//!
//! This module owns the file format ([`Sidecar`], [`SCHEMA_VERSION`]), its deterministic RON
//! serialisation, and loading and saving it safely. It must not know how transcripts are
//! parsed (it fingerprints the source's raw bytes and nothing more) nor anything about the UI:
//! errors carry the path and read as one line, for the caller to show as it likes.
//!
//! Safety rules, in order of importance:
//! - A sidecar that cannot be read (corrupt, truncated, from a newer schema, fails validation)
//!   is never overwritten. This holds *by construction*: the only way to write over an existing
//!   sidecar is [`save`] with a [`DiskState`] equal to the file's current contents, and the only
//!   way to get a `Present` state is a successful [`load`] or [`save`]. An unreadable file
//!   yields an error instead of a state, so it stays byte-for-byte as it was.
//! - A save never clobbers changes made by someone else since the load ([`SidecarError::ChangedOnDisk`]).
//! - Writes are atomic (temporary file in the same folder, fsynced, then rename), and the
//!   previous version is kept as `X.txt.annotations.ron.bak`. A save killed at any point leaves
//!   the old or the new file; the temporary files such a save leaves are deleted by a later one.
//! - Saves in one folder take turns between processes (a folder lock, Unix), so two writers
//!   cannot both pass the "unchanged on disk" check.
//! - The same data always gives the same bytes (sorted annotations, fixed formatting, `\n` line
//!   endings on every platform), so the file diffs and merges well in git.
//!
//! What a sidecar looks like (shortened):
//!
//! ```ron
//! (
//!     schema: 1,
//!     source: (
//!         file_name: "musk-v-openai-day3.txt",
//!         fingerprint: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
//!         format: Some(court_reporter),
//!     ),
//!     tags: [
//!         (
//!             name: "Partial",
//!             group: "Ambivalent",
//!             colour: "#ffa000",
//!             description: "Answers only part of the question (\"Partly.\").",
//!             hotkey: Some(6),
//!         ),
//!     ],
//!     speaker_edits: [
//!         Merge(
//!             from: "Savit",
//!             into: "Savitt",
//!         ),
//!     ],
//!     annotations: [
//!         (
//!             id: "a-3f2c9b1e7d40",
//!             tags: [
//!                 "Partial",
//!             ],
//!             note: Some("Concedes skimming, not reading."),
//!             created: "2025-03-01T14:02:11Z",
//!             modified: "2025-03-01T14:05:40Z",
//!             anchor: (
//!                 start_turn: 41,
//!                 end_turn: 41,
//!                 quote: "I may have skimmed it",
//!                 prefix: "I don’t recall reading it. ",
//!                 suffix: ",   but I couldn’t say “read”.",
//!                 start_offset: 29,
//!                 start: (page: Some(12), line: 3),
//!                 end: (page: Some(12), line: 4),
//!             ),
//!         ),
//!     ],
//! )
//! ```

use super::Annotation;
use super::tags::{Tag, TagSet, TagSetError};
use crate::transcript::{Format, SpeakerEdit};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// The sidecar format version this build writes and the newest it reads.
///
/// Unknown fields are ignored on load (and so dropped on the next save). A change whose loss
/// would matter to the user (a new field holding their work) must therefore bump this number,
/// so that older builds refuse the file with [`SidecarError::NewerSchema`] instead of silently
/// discarding part of it. Purely additive, optional fields read by `#[serde(default)]` may
/// stay at the same version only if losing them is harmless.
///
/// History: 1 — tags, speaker edits, annotations. 2 — adds `dismissed` (evasion suggestions
/// the user dismissed). 3 — adds each annotation's `placement` (anchored, moved, changed,
/// review, orphaned), found by re-anchoring when the transcript changed; an older build would
/// drop it and show orphans as if they were in place. Older files load unchanged (every
/// annotation `anchored`) and are written back as the current version.
pub const SCHEMA_VERSION: u32 = 3;

/// What is appended to the source file name to name its sidecar.
const SIDECAR_SUFFIX: &str = ".annotations.ron";
const BACKUP_SUFFIX: &str = ".bak";

/// Pretty RON nesting shown one item per line; deeper values (page:line locations) stay on
/// one line each, which keeps the file short without hurting diffs.
const PRETTY_DEPTH: usize = 4;

/// `X.txt` → `X.txt.annotations.ron`, in the same folder. The whole file name is kept, so
/// `X.txt` and `X.pdf.txt` never share a sidecar.
pub fn sidecar_path(source: &Path) -> PathBuf {
    let mut name = source.as_os_str().to_owned();
    name.push(SIDECAR_SUFFIX);
    PathBuf::from(name)
}

/// `X.txt` → `X.txt.annotations.ron.bak`: the sidecar as it was before the last save.
/// Takes the *source* path, like [`sidecar_path`].
pub fn backup_path(source: &Path) -> PathBuf {
    backup_of(&sidecar_path(source))
}

fn backup_of(sidecar: &Path) -> PathBuf {
    let mut name = sidecar.as_os_str().to_owned();
    name.push(BACKUP_SUFFIX);
    PathBuf::from(name)
}

pub use crate::transcript::{fingerprint, sha256_hex};

/// Which transcript a sidecar belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The source's file name (no folder: the pair may be moved together).
    pub file_name: String,
    /// [`fingerprint`] of the source bytes the annotations were made on.
    pub fingerprint: String,
    /// The user's `--format` override, if any, so the transcript is read the same way again.
    #[serde(default)]
    pub format: Option<Format>,
}

/// Everything saved about one transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sidecar {
    pub schema: u32,
    pub source: SourceInfo,
    /// This transcript's own copy of the tags, so editing them never affects other transcripts.
    #[serde(default = "TagSet::default_set")]
    pub tags: TagSet,
    /// The user's speaker corrections, in the order they are applied.
    #[serde(default)]
    pub speaker_edits: Vec<SpeakerEdit>,
    /// In any order in memory; written sorted by position (see [`Sidecar::to_ron`]).
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Evasion suggestions the user dismissed, so they stay dismissed (schema 2). Kept sorted.
    #[serde(default)]
    pub dismissed: Vec<Dismissal>,
}

/// A dismissed suggestion: which answer, and which suggested class. The answer's text is
/// kept so the dismissal can be matched again if the transcript changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Dismissal {
    /// The answer turn (0-based).
    pub turn: usize,
    /// The suggested sub-class (`general`, `deflection`...).
    pub label: String,
    pub answer: String,
}

/// Reads only the version, so that a newer file is refused with a clear message before its
/// (possibly unknown) contents produce a confusing parse error. Named like [`Sidecar`] so a
/// hand-written `Sidecar(...)` struct name is accepted too.
#[derive(Deserialize)]
#[serde(rename = "Sidecar")]
struct SchemaProbe {
    schema: u32,
}

/// A [`Sidecar`] by reference, for writing: the same fields in the same order, so the same
/// bytes.
#[derive(Serialize)]
struct SidecarView<'a> {
    schema: u32,
    source: &'a SourceInfo,
    tags: &'a TagSet,
    speaker_edits: &'a [SpeakerEdit],
    annotations: Vec<&'a Annotation>,
    dismissed: &'a [Dismissal],
}

/// Annotations in file order: by position (start turn, offset, end turn), then id.
fn annotation_order(a: &Annotation, b: &Annotation) -> std::cmp::Ordering {
    let key = |x: &Annotation| {
        (
            x.anchor.start_turn,
            x.anchor.start_offset,
            x.anchor.end_turn,
        )
    };
    key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
}

/// What is wrong with a sidecar that parsed. Also checked before saving, so partly never
/// writes a file it would refuse to load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidSidecar {
    #[error("schema {0} is not a version partly has ever written")]
    BadSchema(u32),
    #[error("tag set: {0}")]
    Tags(#[from] TagSetError),
    #[error("an annotation has an empty id")]
    EmptyId,
    #[error("two annotations have the id {0:?}")]
    DuplicateId(String),
    #[error("annotation {0:?} has no tags")]
    NoTags(String),
    #[error("annotation {id:?} uses the tag {tag:?}, which is not in the tag set")]
    UnknownTag { id: String, tag: String },
    #[error("annotation {id:?} ends at turn {end}, before it starts (turn {start})")]
    BadTurnRange {
        id: String,
        start: usize,
        end: usize,
    },
}

/// Why a sidecar could not be read or written. Every variant names the file, and displays as
/// one line starting with its path.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// Bad RON, a wrong type or a missing field; `line` and `column` are 1-based.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// An empty file: most likely an interrupted write, never "no annotations".
    #[error("{}: the file is empty (cut off while being written?); it was left as it is", path.display())]
    Truncated { path: PathBuf },
    #[error(
        "{}: written by a newer partly (schema {found}; this version reads up to {supported}); it was left as it is",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error(
        "{}: the file changed on disk since it was loaded; not overwritten (reload it, or save under another name)",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{}: the file already exists; not overwritten", path.display())]
    Exists { path: PathBuf },
}

impl SidecarError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SidecarError::Io { path, .. }
            | SidecarError::Parse { path, .. }
            | SidecarError::Truncated { path }
            | SidecarError::NewerSchema { path, .. }
            | SidecarError::Invalid { path, .. }
            | SidecarError::ChangedOnDisk { path }
            | SidecarError::Exists { path } => path,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> SidecarError + '_ {
    move |source| SidecarError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What the sidecar file held when it was last read or written by us. [`save`] refuses to
/// write unless the file still matches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskState {
    /// There was no file.
    Absent,
    /// There was a file with these bytes (hex SHA-256).
    Present { sha256: String },
}

/// A sidecar read from disk, and the state to hand back to [`save`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub sidecar: Sidecar,
    pub disk: DiskState,
}

impl Sidecar {
    /// An empty sidecar for a source, with the default tag set.
    pub fn new(file_name: impl Into<String>, fingerprint: impl Into<String>) -> Sidecar {
        Sidecar {
            schema: SCHEMA_VERSION,
            source: SourceInfo {
                file_name: file_name.into(),
                fingerprint: fingerprint.into(),
                format: None,
            },
            tags: TagSet::default_set(),
            speaker_edits: Vec::new(),
            annotations: Vec::new(),
            dismissed: Vec::new(),
        }
    }

    /// Whether the source's bytes are still the ones the annotations were made on.
    pub fn matches_source(&self, source_bytes: &[u8]) -> bool {
        self.source.fingerprint == fingerprint(source_bytes)
    }

    /// Checks what the types cannot: a valid tag set, annotations with unique non-empty ids and
    /// at least one tag, every tag in the set, turn ranges the right way round.
    pub fn validate(&self) -> Result<(), InvalidSidecar> {
        if self.schema == 0 || self.schema > SCHEMA_VERSION {
            return Err(InvalidSidecar::BadSchema(self.schema));
        }
        self.tags.validate()?;
        let mut ids: Vec<&str> = Vec::with_capacity(self.annotations.len());
        for a in &self.annotations {
            if a.id.trim().is_empty() {
                return Err(InvalidSidecar::EmptyId);
            }
            ids.push(&a.id);
            if a.tags.is_empty() {
                return Err(InvalidSidecar::NoTags(a.id.clone()));
            }
            if let Some(tag) = a.tags.iter().find(|t| self.tags.find(t).is_none()) {
                return Err(InvalidSidecar::UnknownTag {
                    id: a.id.clone(),
                    tag: tag.clone(),
                });
            }
            if a.anchor.start_turn > a.anchor.end_turn {
                return Err(InvalidSidecar::BadTurnRange {
                    id: a.id.clone(),
                    start: a.anchor.start_turn,
                    end: a.anchor.end_turn,
                });
            }
        }
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(InvalidSidecar::DuplicateId(w[0].to_string()));
        }
        Ok(())
    }

    /// Adds an annotation after checking its tags exist (their spelling is normalised to the
    /// tag set's) and its id is new.
    pub fn add_annotation(&mut self, mut annotation: Annotation) -> Result<(), InvalidSidecar> {
        if annotation.tags.is_empty() {
            return Err(InvalidSidecar::NoTags(annotation.id));
        }
        for tag in &mut annotation.tags {
            match self.tags.find(tag) {
                Some(t) => t.name.clone_into(tag),
                None => {
                    return Err(InvalidSidecar::UnknownTag {
                        id: annotation.id,
                        tag: tag.clone(),
                    });
                }
            }
        }
        if self.annotation(&annotation.id).is_some() {
            return Err(InvalidSidecar::DuplicateId(annotation.id));
        }
        self.annotations.push(annotation);
        Ok(())
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    pub fn annotation_mut(&mut self, id: &str) -> Option<&mut Annotation> {
        self.annotations.iter_mut().find(|a| a.id == id)
    }

    pub fn remove_annotation(&mut self, id: &str) -> Option<Annotation> {
        let i = self.annotations.iter().position(|a| a.id == id)?;
        Some(self.annotations.remove(i))
    }

    /// Renames a tag in the set and in every annotation that uses it, so the file stays
    /// valid. Annotations' `modified` times are left alone: their content did not change.
    pub fn rename_tag(&mut self, old: &str, new: &str) -> Result<(), TagSetError> {
        let old_name = self
            .tags
            .find(old)
            .map(|t| t.name.clone())
            .ok_or_else(|| TagSetError::UnknownTag(old.to_string()))?;
        self.tags.rename(&old_name, new)?;
        let new_name = new.trim().to_string();
        let old_lower = old_name.to_lowercase();
        for a in &mut self.annotations {
            for t in &mut a.tags {
                if t.to_lowercase() == old_lower {
                    t.clone_from(&new_name);
                }
            }
        }
        Ok(())
    }

    /// Removes a tag from the set, refusing while annotations use it: deleting it would leave
    /// them pointing at nothing, or untagged.
    pub fn remove_tag(&mut self, name: &str) -> Result<Tag, TagSetError> {
        let count = self.annotations.iter().filter(|a| a.has_tag(name)).count();
        if count > 0 {
            let name = self.tags.find(name).map_or(name, |t| &t.name).to_string();
            return Err(TagSetError::InUse { name, count });
        }
        self.tags.remove(name)
    }

    /// Puts the annotations in document order: start turn, offset, end turn, then id (a
    /// total order, since ids are unique). This is the order they are written in.
    pub fn sort_annotations(&mut self) {
        self.annotations.sort_by(annotation_order);
    }

    /// The file contents: pretty RON with fixed settings, annotations sorted by position
    /// (start turn, offset, end turn, then id), `\n` line endings and a final newline. Tags and
    /// speaker edits keep their order, which is meaningful (display order, application order).
    pub fn to_ron(&self) -> String {
        // Sorted references, not a sorted copy: a trial's annotations are megabytes.
        let mut annotations: Vec<&Annotation> = self.annotations.iter().collect();
        annotations.sort_by(|a, b| annotation_order(a, b));
        let sorted = SidecarView {
            schema: self.schema,
            source: &self.source,
            tags: &self.tags,
            speaker_edits: &self.speaker_edits,
            annotations,
            dismissed: &self.dismissed,
        };
        // Every setting that affects the bytes is spelt out, so a change of ron's defaults
        // (or of the platform's line ending) cannot change the file.
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(PRETTY_DEPTH)
            .new_line("\n")
            .indentor("    ")
            .separator(" ")
            .struct_names(false)
            .separate_tuple_members(false)
            .enumerate_arrays(false)
            .compact_arrays(false)
            .compact_structs(false)
            .compact_maps(false)
            .escape_strings(true)
            .number_suffixes(false);
        // Serialising these plain data types into a String has no failure mode (no maps with
        // non-string keys, no floats, no I/O); a failure would be a programming error.
        let mut text = ron::ser::to_string_pretty(&sorted, config)
            .expect("a Sidecar always serialises to RON");
        text.push('\n');
        text
    }

    /// Parses a sidecar's text. `path` is only used in errors.
    ///
    /// Checks, in order: not empty ([`SidecarError::Truncated`]), the schema version
    /// ([`SidecarError::NewerSchema`]), RON syntax and types ([`SidecarError::Parse`], with
    /// the position), then [`Sidecar::validate`] ([`SidecarError::Invalid`]).
    pub fn from_ron(text: &str, path: &Path) -> Result<Sidecar, SidecarError> {
        // A BOM from an editor is harmless; tolerate it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(SidecarError::Truncated {
                path: path.to_path_buf(),
            });
        }
        let parse_err = |e: ron::error::SpannedError| SidecarError::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        };
        let newer = |found| SidecarError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        };
        // One parse in the usual case. A file from a newer partly may not parse as this
        // version's format; then its schema number, read on its own, explains why.
        let sidecar: Sidecar = match ron::from_str(text) {
            Ok(s) => s,
            Err(e) => {
                return Err(match ron::from_str::<SchemaProbe>(text) {
                    Ok(probe) if probe.schema > SCHEMA_VERSION => newer(probe.schema),
                    _ => parse_err(e),
                });
            }
        };
        if sidecar.schema > SCHEMA_VERSION {
            return Err(newer(sidecar.schema));
        }
        sidecar.validate().map_err(|e| SidecarError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(sidecar)
    }
}

/// Loads the sidecar of the transcript at `source`. `Ok(None)` means there is none yet; every
/// other problem is an error and the file is left untouched.
pub fn load(source: &Path) -> Result<Option<Loaded>, SidecarError> {
    load_file(&sidecar_path(source))
}

/// Like [`load`], for a sidecar file named directly (e.g. one written with [`save_as`]).
pub fn load_file(path: &Path) -> Result<Option<Loaded>, SidecarError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path)(e)),
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = position_of(&bytes[..e.valid_up_to()]);
        SidecarError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8".to_string(),
        }
    })?;
    let sidecar = Sidecar::from_ron(text, path)?;
    Ok(Some(Loaded {
        sidecar,
        disk: DiskState::Present {
            sha256: sha256_hex(&bytes),
        },
    }))
}

/// 1-based line and column just after `valid` (which is valid UTF-8).
fn position_of(valid: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(valid);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The sidecar's current bytes, if any.
fn read_current(path: &Path) -> Result<Option<Vec<u8>>, SidecarError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path)(e)),
    }
}

fn state_of(bytes: Option<&[u8]>) -> DiskState {
    match bytes {
        None => DiskState::Absent,
        Some(b) => DiskState::Present {
            sha256: sha256_hex(b),
        },
    }
}

/// Saves the sidecar of the transcript at `source`, atomically, keeping the previous file as
/// `.bak`. Returns the new state to pass to the next save.
///
/// `expected` must be what [`load`] (or the previous `save`) returned, or
/// [`DiskState::Absent`] for a transcript that had no sidecar. If the file on disk is not in
/// that state (someone else saved, a sync tool replaced it, it appeared meanwhile) nothing is
/// written and the result is [`SidecarError::ChangedOnDisk`]. A sidecar that failed to load
/// never produced a state, so it cannot be overwritten this way. The check and the rename are
/// not one atomic step; the window is a few milliseconds.
///
/// Nothing is written either if the sidecar would not load back ([`Sidecar::validate`]).
pub fn save(
    source: &Path,
    sidecar: &Sidecar,
    expected: &DiskState,
) -> Result<DiskState, SidecarError> {
    save_file(&sidecar_path(source), sidecar, expected)
}

/// Like [`save`], for a sidecar file named directly (one read with [`load_file`] or written
/// with [`save_as`]). Same rules; the backup is `<path>.bak`.
pub fn save_file(
    path: &Path,
    sidecar: &Sidecar,
    expected: &DiskState,
) -> Result<DiskState, SidecarError> {
    let path = path.to_path_buf();
    check_valid(&path, sidecar)?;
    // From the check of what is on disk to the rename, no other partly may save here, or one
    // of two saves that both passed the check would be lost.
    let _lock = SaveLock::acquire(&path)?;
    let current = read_current(&path)?;
    if state_of(current.as_deref()) != *expected {
        return Err(SidecarError::ChangedOnDisk { path });
    }
    let text = sidecar.to_ron();
    if current.as_deref() == Some(text.as_bytes()) {
        // Nothing changed: writing would only replace the backup with a copy of the file.
        return Ok(expected.clone());
    }
    let new_file = write_temp(&path, text.as_bytes())?;
    if let Some(old) = &current {
        let backup = backup_of(&path);
        let tmp = write_temp(&backup, old)?;
        tmp.persist(&backup).map_err(|e| io_err(&backup)(e.error))?;
    }
    new_file
        .persist(&path)
        .map_err(|e| io_err(&path)(e.error))?;
    sync_dir(&path);
    remove_stale_temps(folder_of(&path));
    Ok(state_of(Some(text.as_bytes())))
}

/// An exclusive lock on the folder a sidecar is saved in, held for one save, so that saves
/// by several processes (two windows, scripts running `partly annotate`) take turns. It is the
/// folder that is locked, not the file: the file is replaced by each save, and a lock file
/// would litter the user's folder. Released when dropped, or by the system if the process
/// dies. Unix only; elsewhere saves are not serialised between processes (each still refuses
/// to overwrite a file that changed since it was read, but two saves at the same instant can
/// both pass that check).
struct SaveLock {
    #[cfg(unix)]
    _folder: Option<fs::File>,
}

/// How long a save waits for another process's save to finish before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl SaveLock {
    fn acquire(path: &Path) -> Result<SaveLock, SidecarError> {
        #[cfg(unix)]
        {
            // A folder we cannot open for locking (odd file systems) is saved to unlocked.
            let Ok(folder) = fs::File::open(folder_of(path)) else {
                return Ok(SaveLock { _folder: None });
            };
            let started = std::time::Instant::now();
            loop {
                match folder.try_lock() {
                    Ok(()) => {
                        return Ok(SaveLock {
                            _folder: Some(folder),
                        });
                    }
                    Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                    Err(fs::TryLockError::WouldBlock) => {
                        return Err(io_err(path)(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "another partly has been saving in this folder for 10 s; try again",
                        )));
                    }
                    // Locks not supported here: save as before.
                    Err(fs::TryLockError::Error(_)) => return Ok(SaveLock { _folder: None }),
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            Ok(SaveLock {})
        }
    }
}

/// Writes the sidecar to `target` (the sidecar file itself, e.g. one the user picked in a
/// "save as" dialog), atomically, refusing to replace an existing file
/// ([`SidecarError::Exists`]). Returns the state for later [`save`]s of that file.
pub fn save_as(target: &Path, sidecar: &Sidecar) -> Result<DiskState, SidecarError> {
    check_valid(target, sidecar)?;
    let exists = || SidecarError::Exists {
        path: target.to_path_buf(),
    };
    if fs::symlink_metadata(target).is_ok() {
        return Err(exists());
    }
    let _lock = SaveLock::acquire(target)?;
    let text = sidecar.to_ron();
    let tmp = write_temp(target, text.as_bytes())?;
    // `persist_noclobber` makes the no-overwrite rule hold even if the file appeared since
    // the check above.
    tmp.persist_noclobber(target).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            exists()
        } else {
            io_err(target)(e.error)
        }
    })?;
    sync_dir(target);
    remove_stale_temps(folder_of(target));
    Ok(state_of(Some(text.as_bytes())))
}

fn check_valid(path: &Path, sidecar: &Sidecar) -> Result<(), SidecarError> {
    sidecar.validate().map_err(|e| SidecarError::Invalid {
        path: path.to_path_buf(),
        message: format!("not saved: {e}"),
    })
}

/// The folder a file is in, `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Temporary files are `.partly-XXXXXX.tmp`, so that ones left behind can be recognised.
const TEMP_PREFIX: &str = ".partly-";
const TEMP_SUFFIX: &str = ".tmp";
/// How old a left-over temporary file must be before [`remove_stale_temps`] deletes it. The
/// lock is what tells a live save's file from a dead one's; the age is a margin for the
/// moment between creating the file and locking it, for file systems whose locks other
/// machines do not see, and for builds that did not lock.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Writes `bytes` to a new temporary file next to `path` (same folder, so the final rename
/// stays on one file system and is atomic) and flushes it to disk. The file is deleted if
/// dropped without being persisted; if the process is killed first it stays, locked by no
/// one, for [`remove_stale_temps`] to delete on a later save.
fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, SidecarError> {
    let err = io_err(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like a normally created file (the umask applies), not tempfile's private 0600.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(folder_of(path)).map_err(err)?;
    // Held until the file is renamed or deleted, and released by the system if the process
    // dies: a locked temporary file belongs to a save in progress. Best effort (not every file
    // system has locks); without it the file is only ever deleted by its own save.
    #[cfg(unix)]
    let _ = tmp.as_file().try_lock();
    let err = io_err(path);
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(err)?;
    // Keep the permissions of the file being replaced (e.g. group-writable in a shared
    // folder). Best effort, and after writing, in case they are read-only.
    if let Ok(meta) = fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    Ok(tmp)
}

/// Flushes the folder entry after a rename, so the new name survives a power cut. Best
/// effort: not every platform or file system allows opening a folder.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Deletes the temporary files that saves killed half way (power cut, `kill -9`, crash) left
/// in `folder`, which would otherwise pile up there for ever, each a full copy of a sidecar:
/// those no running save holds locked ([`write_temp`]) and at least [`STALE_TEMP_AGE`] old.
/// Best effort, after a successful save. Unix only: elsewhere a locked file cannot be told
/// apart as safely.
fn remove_stale_temps(folder: &Path) {
    #[cfg(unix)]
    {
        let Ok(entries) = fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
                continue;
            }
            let path = entry.path();
            // Plain files only: never a link, a folder or a pipe (which would block the open).
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let stale = meta.file_type().is_file()
                && meta
                    .modified()
                    .ok()
                    .and_then(|m| m.elapsed().ok())
                    .is_some_and(|age| age >= STALE_TEMP_AGE);
            if !stale {
                continue;
            }
            // Open for writing where possible: NFS emulates these locks with ones that need it.
            let file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)
                .or_else(|_| fs::File::open(&path));
            if let Ok(file) = file
                && file.try_lock().is_ok()
            {
                let _ = fs::remove_file(&path);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::anchor::tests::sample;
    use crate::annotation::{Anchor, AnnotationError};
    use crate::transcript::Role;

    fn annotation(turn: usize, quote: &str, tags: &[&str]) -> Annotation {
        let anchor = Anchor::for_quote(&sample(), turn, quote).unwrap();
        let tags = tags.iter().map(|t| t.to_string()).collect();
        Annotation::new(anchor, tags, None).unwrap()
    }

    fn full_sidecar() -> Sidecar {
        let mut s = Sidecar::new("day3.txt", fingerprint(b"transcript"));
        s.source.format = Some(Format::CourtReporter);
        s.speaker_edits.push(SpeakerEdit::Merge {
            from: "Savit".into(),
            into: "Savitt".into(),
        });
        s.speaker_edits.push(SpeakerEdit::SetRole {
            label: "MR. SAVITT".into(),
            role: Role::Examiner,
        });
        let mut a = annotation(1, "I may have skimmed it", &["partial", "Quote"]);
        a.note = Some("Concedes \"skimming\",\nnot reading. 不记得".into());
        s.add_annotation(a).unwrap();
        s.add_annotation(annotation(0, "the memo", &["Leading question"]))
            .unwrap();
        let whole = Anchor::for_turns(&sample(), 1, 2).unwrap();
        s.add_annotation(Annotation::new(whole, vec!["Contradiction".into()], None).unwrap())
            .unwrap();
        s
    }

    /// A source path in a fresh temporary folder (kept alive by the returned guard).
    fn source_in_tempdir() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("day3.txt");
        fs::write(&source, "transcript").unwrap();
        (dir, source)
    }

    #[test]
    fn paths_and_fingerprint() {
        let src = Path::new("/x/y/Day 3.txt");
        assert_eq!(
            sidecar_path(src),
            Path::new("/x/y/Day 3.txt.annotations.ron")
        );
        assert_eq!(
            backup_path(src),
            Path::new("/x/y/Day 3.txt.annotations.ron.bak")
        );
        assert_eq!(
            sidecar_path(Path::new("a.txt")),
            Path::new("a.txt.annotations.ron")
        );
        assert_eq!(
            fingerprint(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn new_sidecar_uses_default_tags() {
        let s = Sidecar::new("a.txt", fingerprint(b""));
        assert_eq!(s.schema, SCHEMA_VERSION);
        assert_eq!(s.tags, TagSet::default_set());
        assert!(s.matches_source(b""));
        assert!(!s.matches_source(b"x"));
        s.validate().unwrap();
    }

    #[test]
    fn ron_text_is_readable_and_ends_with_newline() {
        let text = full_sidecar().to_ron();
        assert!(text.starts_with("(\n    schema: 3,\n"), "{text}");
        assert!(text.ends_with(")\n"));
        assert!(!text.contains('\r'));
        assert!(text.contains("colour: \"#ffa000\""));
        assert!(text.contains("format: Some(court_reporter)"));
        assert!(text.contains("start: (page: Some(12), line: 3)"), "{text}");
        assert!(text.contains("不记得"), "non-ASCII must not be escaped");
        // Tag names are normalised to the set's spelling on add.
        assert!(text.contains("\"Partial\""));
        assert!(!text.contains("\"partial\""));
    }

    #[test]
    fn round_trip_through_disk() {
        let (_dir, source) = source_in_tempdir();
        assert!(load(&source).unwrap().is_none());
        let s = full_sidecar();
        let state = save(&source, &s, &DiskState::Absent).unwrap();
        let loaded = load(&source).unwrap().unwrap();
        assert_eq!(loaded.disk, state);
        // Equal, with the annotations in document order as the file normalises them.
        let mut expected = s.clone();
        expected.sort_annotations();
        assert_eq!(loaded.sidecar, expected);
        assert_eq!(loaded.sidecar.annotations.len(), 3);
        // No temporary files are left behind.
        let names: Vec<String> = fs::read_dir(source.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn output_is_deterministic() {
        let s = full_sidecar();
        assert_eq!(s.to_ron(), s.clone().to_ron());
        let mut reversed = s.clone();
        reversed.annotations.reverse();
        assert_eq!(reversed.to_ron(), s.to_ron());
        let mut rotated = s.clone();
        rotated.annotations.rotate_left(1);
        assert_eq!(rotated.to_ron(), s.to_ron());

        // Saved twice from different orders: identical bytes on disk.
        let (_d1, src1) = source_in_tempdir();
        let (_d2, src2) = source_in_tempdir();
        save(&src1, &s, &DiskState::Absent).unwrap();
        save(&src2, &reversed, &DiskState::Absent).unwrap();
        assert_eq!(
            fs::read(sidecar_path(&src1)).unwrap(),
            fs::read(sidecar_path(&src2)).unwrap()
        );
    }

    #[test]
    fn save_keeps_previous_version_as_backup() {
        let (_dir, source) = source_in_tempdir();
        let mut s = full_sidecar();
        let state1 = save(&source, &s, &DiskState::Absent).unwrap();
        assert!(!backup_path(&source).exists());
        let first = fs::read(sidecar_path(&source)).unwrap();

        s.annotations[0].set_note(Some("changed".into()));
        let state2 = save(&source, &s, &state1).unwrap();
        assert_ne!(state1, state2);
        assert_eq!(fs::read(backup_path(&source)).unwrap(), first);
        let second = fs::read(sidecar_path(&source)).unwrap();
        assert_eq!(second, s.to_ron().as_bytes());

        // Saving unchanged data writes nothing and keeps the older backup.
        let state3 = save(&source, &s, &state2).unwrap();
        assert_eq!(state3, state2);
        assert_eq!(fs::read(backup_path(&source)).unwrap(), first);

        s.annotations.pop();
        save(&source, &s, &state3).unwrap();
        assert_eq!(fs::read(backup_path(&source)).unwrap(), second);
    }

    #[test]
    fn corrupt_sidecar_reports_position_and_is_left_alone() {
        let (_dir, source) = source_in_tempdir();
        let path = sidecar_path(&source);
        let good = full_sidecar().to_ron();
        let bad = good.replacen(
            "file_name: \"day3.txt\",",
            "file_name: \"day3.txt\" oops,",
            1,
        );
        fs::write(&path, &bad).unwrap();

        let err = load(&source).unwrap_err();
        let SidecarError::Parse { line, column, .. } = &err else {
            panic!("expected a parse error, got {err:?}");
        };
        assert_eq!(*line, 4, "{err}");
        assert!(*column > 0);
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("{}:4:{column}: ", path.display())),
            "{msg}"
        );
        assert!(!msg.contains('\n'));

        // There is no DiskState for it, and neither "absent" nor any other state lets a save
        // through.
        let s = full_sidecar();
        assert!(matches!(
            save(&source, &s, &DiskState::Absent),
            Err(SidecarError::ChangedOnDisk { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), bad);
        assert!(!backup_path(&source).exists());
    }

    #[test]
    fn bad_value_reports_position() {
        let (_dir, source) = source_in_tempdir();
        let path = sidecar_path(&source);
        let bad = full_sidecar()
            .to_ron()
            .replacen("\"#ffa000\"", "\"orange\"", 1);
        fs::write(&path, &bad).unwrap();
        let err = load(&source).unwrap_err();
        assert!(
            matches!(err, SidecarError::Parse { line, column, .. } if line > 1 && column > 0),
            "{err:?}"
        );
        assert!(
            err.to_string().contains("invalid colour \"orange\""),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), bad);
    }

    #[test]
    fn truncated_sidecar_is_an_error() {
        let (_dir, source) = source_in_tempdir();
        let path = sidecar_path(&source);
        fs::write(&path, "").unwrap();
        let err = load(&source).unwrap_err();
        assert!(matches!(err, SidecarError::Truncated { .. }), "{err:?}");
        assert!(err.to_string().starts_with(&path.display().to_string()));
        assert_eq!(fs::read(&path).unwrap(), b"");

        // Cut off half way: a parse error at the end, not an empty set of annotations.
        let text = full_sidecar().to_ron();
        let half = &text[..text.len() / 2];
        fs::write(&path, half).unwrap();
        let err = load(&source).unwrap_err();
        assert!(matches!(err, SidecarError::Parse { .. }), "{err:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), half);

        // Not UTF-8.
        fs::write(&path, b"(\n    schema: 1,\xff\n").unwrap();
        let err = load(&source).unwrap_err();
        assert!(
            matches!(
                err,
                SidecarError::Parse {
                    line: 2,
                    column: 15,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn newer_schema_is_refused_and_left_alone() {
        let (_dir, source) = source_in_tempdir();
        let path = sidecar_path(&source);
        // A future file with fields this version does not know.
        let future = full_sidecar().to_ron().replacen(
            "schema: 3,",
            "schema: 99,\n    highlights_v99: [(turn: 3, rule: \"hedge\")],",
            1,
        );
        fs::write(&path, &future).unwrap();
        let err = load(&source).unwrap_err();
        assert!(
            matches!(
                err,
                SidecarError::NewerSchema {
                    found: 99,
                    supported: SCHEMA_VERSION,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("schema 99"));
        assert_eq!(fs::read_to_string(&path).unwrap(), future);

        // Schema 0 or a missing schema are errors too.
        fs::write(
            &path,
            "(schema: 0, source: (file_name: \"a\", fingerprint: \"b\"))",
        )
        .unwrap();
        assert!(matches!(load(&source), Err(SidecarError::Invalid { .. })));
        fs::write(&path, "(source: (file_name: \"a\", fingerprint: \"b\"))").unwrap();
        assert!(matches!(load(&source), Err(SidecarError::Parse { .. })));
    }

    #[test]
    fn minimal_hand_written_file_gets_defaults() {
        let s = Sidecar::from_ron(
            "(schema: 1, source: (file_name: \"a.txt\", fingerprint: \"sha256:00\"))",
            Path::new("a.txt.annotations.ron"),
        )
        .unwrap();
        assert_eq!(s.tags, TagSet::default_set());
        assert!(s.annotations.is_empty() && s.speaker_edits.is_empty());
        assert_eq!(s.source.format, None);
        // With a BOM and a struct name.
        let s2 = Sidecar::from_ron(
            "\u{feff}Sidecar(schema: 1, source: (file_name: \"a.txt\", fingerprint: \"sha256:00\"))",
            Path::new("a.txt.annotations.ron"),
        )
        .unwrap();
        assert_eq!(s, s2);
    }

    #[test]
    fn invalid_contents_are_refused_on_load_and_save() {
        let (_dir, source) = source_in_tempdir();
        let path = sidecar_path(&source);
        let mut s = full_sidecar();
        s.annotations[0].tags = vec!["No such tag".into()];
        let err = save(&source, &s, &DiskState::Absent).unwrap_err();
        assert!(matches!(err, SidecarError::Invalid { .. }), "{err:?}");
        assert!(err.to_string().contains("No such tag"), "{err}");
        assert!(!path.exists());

        // The same file written by hand is refused on load.
        fs::write(&path, s.to_ron()).unwrap();
        let err = load(&source).unwrap_err();
        assert!(matches!(err, SidecarError::Invalid { .. }), "{err:?}");

        let mut empty = full_sidecar();
        empty.annotations[1].tags.clear();
        assert!(matches!(empty.validate(), Err(InvalidSidecar::NoTags(_))));
        let mut dup = full_sidecar();
        dup.annotations[1].id = dup.annotations[0].id.clone();
        assert!(matches!(
            dup.validate(),
            Err(InvalidSidecar::DuplicateId(_))
        ));
        let mut tags = full_sidecar();
        tags.tags.tags[1].hotkey = Some(1);
        assert!(matches!(tags.validate(), Err(InvalidSidecar::Tags(_))));
    }

    #[test]
    fn stale_disk_state_is_refused() {
        let (_dir, source) = source_in_tempdir();
        let path = sidecar_path(&source);
        let mut s = full_sidecar();
        save(&source, &s, &DiskState::Absent).unwrap();
        let loaded = load(&source).unwrap().unwrap();

        // Someone else saves in between.
        let theirs = format!("{}// their edit\n", fs::read_to_string(&path).unwrap());
        fs::write(&path, &theirs).unwrap();

        s.annotations.pop();
        let err = save(&source, &s, &loaded.disk).unwrap_err();
        assert!(matches!(err, SidecarError::ChangedOnDisk { .. }), "{err:?}");
        assert!(err.to_string().starts_with(&path.display().to_string()));
        assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
        assert!(!backup_path(&source).exists());

        // Deleted in between: also a change.
        fs::remove_file(&path).unwrap();
        assert!(matches!(
            save(&source, &s, &loaded.disk),
            Err(SidecarError::ChangedOnDisk { .. })
        ));
        assert!(!path.exists());
    }

    #[test]
    fn file_that_appeared_meanwhile_is_not_overwritten() {
        let (_dir, source) = source_in_tempdir();
        let path = sidecar_path(&source);
        assert!(load(&source).unwrap().is_none());
        fs::write(&path, "whatever appeared").unwrap();
        let err = save(&source, &full_sidecar(), &DiskState::Absent).unwrap_err();
        assert!(matches!(err, SidecarError::ChangedOnDisk { .. }), "{err:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "whatever appeared");
    }

    #[test]
    fn save_as_refuses_existing_files() {
        let (dir, _source) = source_in_tempdir();
        let target = dir.path().join("copy.annotations.ron");
        let s = full_sidecar();
        let state = save_as(&target, &s).unwrap();
        let loaded = load_file(&target).unwrap().unwrap();
        assert_eq!(loaded.disk, state);
        assert_eq!(loaded.sidecar.to_ron(), s.to_ron());

        let err = save_as(&target, &Sidecar::new("x", "y")).unwrap_err();
        assert!(matches!(err, SidecarError::Exists { .. }), "{err:?}");
        assert_eq!(fs::read_to_string(&target).unwrap(), s.to_ron());

        // Later saves of that file go through save_file, with the same guard and backup.
        let mut s2 = loaded.sidecar.clone();
        s2.annotations.pop();
        let state2 = save_file(&target, &s2, &state).unwrap();
        assert_eq!(fs::read_to_string(backup_of(&target)).unwrap(), s.to_ron());
        assert!(matches!(
            save_file(&target, &s, &state),
            Err(SidecarError::ChangedOnDisk { .. })
        ));
        assert_eq!(load_file(&target).unwrap().unwrap().disk, state2);
    }

    #[test]
    fn tag_edits_keep_annotations_valid() {
        let mut s = full_sidecar();
        s.rename_tag("partial", "Half answer").unwrap();
        assert!(
            s.annotations
                .iter()
                .any(|a| a.tags.contains(&"Half answer".into()))
        );
        assert!(!s.annotations.iter().any(|a| a.has_tag("Partial")));
        s.validate().unwrap();

        assert_eq!(
            s.remove_tag("half ANSWER"),
            Err(TagSetError::InUse {
                name: "Half answer".into(),
                count: 1
            })
        );
        assert_eq!(s.remove_tag("Dodging").unwrap().name, "Dodging");
        s.validate().unwrap();

        let mut bad = annotation(0, "memo", &["Quote"]);
        bad.tags = vec!["Dodging".into()];
        assert!(matches!(
            s.add_annotation(bad),
            Err(InvalidSidecar::UnknownTag { .. })
        ));
        let dup = s.annotations[0].clone();
        assert!(matches!(
            s.add_annotation(dup),
            Err(InvalidSidecar::DuplicateId(_))
        ));
        assert_eq!(
            Annotation::new(
                Anchor::for_turns(&sample(), 0, 0).unwrap(),
                Vec::new(),
                None
            ),
            Err(AnnotationError::NoTags)
        );

        let id = s.annotations[0].id.clone();
        assert!(s.annotation_mut(&id).is_some());
        assert_eq!(s.remove_annotation(&id).unwrap().id, id);
        assert!(s.annotation(&id).is_none());
    }
}
