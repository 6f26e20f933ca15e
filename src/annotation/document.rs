//! An open transcript with its annotations: what the CLI and the window both work on.
//!
//! Opening reads the sidecar first (it may record the layout the user chose), then the
//! transcript, and re-applies the saved speaker corrections. A sidecar that cannot be read
//! does not stop the transcript from opening: it is kept as [`Document::sidecar_error`], and
//! the document refuses to save over it ([`DocumentError::SidecarUnreadable`]).

use super::anchor::AnchorError;
use super::merge::{self, Conflict, Merged};
use super::reanchor::{self, Summary as ReanchorSummary};
use super::sidecar::{self, DiskState, Sidecar, SidecarError};
use super::{Annotation, AnnotationError, InvalidSidecar, TagSetError};
use crate::transcript::{self, Format, LoadError, SpeakerEditError, Transcript};
use std::path::{Path, PathBuf};

/// A file as people name it: its file name, or the whole path when it has none (`/`, `..`).
/// Titles, export sources and new sidecars all name a transcript this way.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Why an operation on a document failed. One line each, naming the file where there is one.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Sidecar(#[from] SidecarError),
    #[error("{0} (the annotation file is left untouched; nothing was saved)")]
    SidecarUnreadable(String),
    #[error("unknown tag \"{tag}\"; the tags are: {known}")]
    UnknownTag { tag: String, known: String },
    #[error(transparent)]
    Anchor(#[from] AnchorError),
    #[error(transparent)]
    Annotation(#[from] AnnotationError),
    #[error("{0}")]
    Invalid(#[from] InvalidSidecar),
    #[error(transparent)]
    Tags(#[from] TagSetError),
    #[error(transparent)]
    Speaker(#[from] SpeakerEditError),
    #[error("no annotation has the id {0}")]
    NoSuchAnnotation(String),
}

impl DocumentError {
    /// Whether a save was refused because someone else changed the file since it was read
    /// (the caller can then offer [`Document::merge_from_disk`] or a reload).
    pub fn is_changed_on_disk(&self) -> bool {
        matches!(
            self,
            DocumentError::Sidecar(SidecarError::ChangedOnDisk { .. })
        )
    }
}

/// The sidecar beside transcript `path`, if there is one and it can be read; why it cannot
/// be read; and the layout it records (which the transcript is then parsed in).
fn saved_beside(
    path: &Path,
) -> (
    Option<sidecar::Loaded>,
    Option<SidecarError>,
    Option<Format>,
) {
    let (saved, error) = match sidecar::load(path) {
        Ok(loaded) => (loaded, None),
        Err(e) => (None, Some(e)),
    };
    let format = saved.as_ref().and_then(|l| l.sidecar.source.format);
    (saved, error, format)
}

/// The annotations as they were when a save began, with where they go. `Send`: it runs on a
/// worker thread.
#[derive(Debug)]
pub struct SaveJob {
    file: PathBuf,
    sidecar: Sidecar,
    expected: DiskState,
}

impl SaveJob {
    /// Writes the file (atomically, with a backup; refused if it changed on disk since it was
    /// read). Blocking: run it where waiting does not matter.
    pub fn run(self) -> SaveDone {
        let result = sidecar::save_file(&self.file, &self.sidecar, &self.expected);
        SaveDone {
            file: self.file,
            sidecar: self.sidecar,
            result,
        }
    }
}

/// What a [`SaveJob`] did, for [`Document::finish_save`].
#[derive(Debug)]
pub struct SaveDone {
    file: PathBuf,
    sidecar: Sidecar,
    result: Result<DiskState, SidecarError>,
}

/// A transcript file, parsed, with its sidecar.
#[derive(Debug)]
pub struct Document {
    /// The transcript file.
    pub path: PathBuf,
    pub transcript: Transcript,
    /// The annotations and per-transcript settings (a fresh one when there is no file yet).
    pub sidecar: Sidecar,
    /// Where annotations are saved: beside the transcript, unless the user chose another
    /// file because that one could not be read.
    sidecar_file: PathBuf,
    /// The sidecar file as we last saw it; `None` when it could not be read.
    disk: Option<DiskState>,
    /// The sidecar as last read from or written to the file: the common ancestor when the
    /// file changed on disk and the two versions are merged.
    base: Sidecar,
    /// The `--format` override this document was opened with, for re-reading it.
    format: Option<Format>,
    /// Why the sidecar beside the transcript could not be read, if it could not.
    pub sidecar_error: Option<SidecarError>,
    /// The transcript's bytes differ from the ones the annotations were last saved against.
    pub source_changed: bool,
    /// When the transcript changed: where each annotation was found again. The sidecar then
    /// differs from the file (new anchors, placements and fingerprint) until it is saved.
    pub reanchored: Option<ReanchorSummary>,
}

impl Document {
    /// Opens a transcript and its sidecar. `format` overrides both detection and the layout
    /// saved in the sidecar. Only an unreadable transcript is an error.
    pub fn open(path: &Path, format: Option<Format>) -> Result<Document, DocumentError> {
        let (saved, sidecar_error, saved_format) = saved_beside(path);
        let loaded = transcript::load(path, format.or(saved_format))?;
        let file_name = display_name(path);
        let print = loaded.fingerprint;
        let mut t = loaded.transcript;
        let (sidecar, disk, source_changed) = match saved {
            Some(mut l) => {
                // Older schemas load as they are and are written back as the current one.
                l.sidecar.schema = sidecar::SCHEMA_VERSION;
                let changed = l.sidecar.source.fingerprint != print;
                t.apply_speaker_edits(&l.sidecar.speaker_edits);
                (l.sidecar, Some(l.disk), changed)
            }
            None => {
                let disk = sidecar_error.is_none().then_some(DiskState::Absent);
                (Sidecar::new(file_name, print.clone()), disk, false)
            }
        };
        let mut doc = Document {
            path: path.to_path_buf(),
            sidecar_file: sidecar::sidecar_path(path),
            transcript: t,
            base: sidecar.clone(),
            format,
            sidecar,
            disk,
            sidecar_error,
            source_changed,
            reanchored: None,
        };
        if source_changed {
            doc.reanchored = Some(doc.reanchor(print));
        }
        if let Some(f) = format {
            doc.sidecar.source.format = Some(f);
        }
        Ok(doc)
    }

    /// The transcript as a document shows it (in the layout saved beside it, with the saved
    /// speaker corrections), without the annotations: neither fingerprinted nor re-anchored,
    /// so quicker, for showing it rather than annotating it. Also returns why the sidecar
    /// could not be read, if it could not (the corrections are then not applied).
    pub fn read_transcript(
        path: &Path,
        format: Option<Format>,
    ) -> Result<(Transcript, Option<SidecarError>), DocumentError> {
        let (saved, sidecar_error, saved_format) = saved_beside(path);
        let mut t = transcript::read(path, format.or(saved_format))?;
        if let Some(l) = saved {
            t.apply_speaker_edits(&l.sidecar.speaker_edits);
        }
        Ok((t, sidecar_error))
    }

    /// Finds every annotation again after the transcript changed (see [`reanchor`]) and
    /// records the new fingerprint, so the next save stores where they are now.
    fn reanchor(&mut self, fingerprint: String) -> ReanchorSummary {
        let summary = reanchor::reanchor_all(&mut self.sidecar.annotations, &self.transcript);
        reanchor::relocate_dismissals(&mut self.sidecar.dismissed, &self.transcript);
        self.sidecar.dismissed.sort();
        self.sidecar.dismissed.dedup();
        self.sidecar.sort_annotations();
        self.sidecar.source.fingerprint = fingerprint;
        summary
    }

    /// Annotations that point at the transcript as it is (not orphaned, not waiting for review).
    pub fn placed_annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.sidecar
            .annotations
            .iter()
            .filter(|a| a.placement.is_placed())
    }

    /// Where the annotations are saved: `X.txt.annotations.ron` beside `X.txt`, or the file
    /// chosen with [`Document::save_as`].
    pub fn sidecar_path(&self) -> PathBuf {
        self.sidecar_file.clone()
    }

    /// Whether [`Document::save`] can write (false while the sidecar is unreadable and no
    /// other file was chosen).
    pub fn can_save(&self) -> bool {
        self.disk.is_some()
    }

    /// Saves the sidecar beside the transcript, atomically, keeping a backup. Refuses when the
    /// existing file could not be read or was changed by someone else since it was read.
    pub fn save(&mut self) -> Result<(), DocumentError> {
        let job = self.begin_save()?;
        self.finish_save(job.run())
    }

    /// A save of the annotations as they are now, to [`SaveJob::run`] on another thread and
    /// hand back to [`Document::finish_save`]: the window stays responsive while a long
    /// trial's annotations are serialised, written and synced (about 70 ms for 10,000, more
    /// on a slow disk). Edits made meanwhile are not in it. Refused, like [`Document::save`],
    /// when the file on disk could not be read.
    pub fn begin_save(&self) -> Result<SaveJob, DocumentError> {
        let Some(disk) = &self.disk else {
            let why = self.sidecar_error.as_ref().map_or_else(
                || "the annotation file could not be read".into(),
                |e| e.to_string(),
            );
            return Err(DocumentError::SidecarUnreadable(why));
        };
        Ok(SaveJob {
            file: self.sidecar_file.clone(),
            sidecar: self.sidecar.clone(),
            expected: disk.clone(),
        })
    }

    /// Takes in what a [`SaveJob`] did: on success the file's new state, and the saved
    /// annotations as the common ancestor for a later merge. A save of a file this document
    /// no longer saves to (it was saved elsewhere meanwhile) changes nothing here.
    pub fn finish_save(&mut self, done: SaveDone) -> Result<(), DocumentError> {
        let state = done.result?;
        if done.file == self.sidecar_file {
            self.disk = Some(state);
            self.base = done.sidecar;
        }
        Ok(())
    }

    /// Like [`Document::save`], but when the file changed on disk since it was read, merges
    /// the two versions ([`Document::merge_from_disk`]) and saves the result. Returns what
    /// could not be merged cleanly (ours was kept in each case). The CLI saves this way.
    pub fn save_merging(&mut self) -> Result<Vec<Conflict>, DocumentError> {
        let mut conflicts = Vec::new();
        // Another writer may slip in between our merge and our save; try a few times.
        for _ in 0..5 {
            match self.save() {
                Err(DocumentError::Sidecar(SidecarError::ChangedOnDisk { .. })) => {
                    conflicts.extend(self.merge_from_disk()?);
                }
                other => return other.map(|()| conflicts),
            }
        }
        self.save().map(|()| conflicts)
    }

    /// Merges the sidecar as it is now on disk into this document (see [`merge`]): unsaved
    /// work here is kept, changes made there are taken, and conflicts are returned. After
    /// this, [`Document::save`] writes the merged version. A file that was deleted meanwhile
    /// merges as nothing changed there (our annotations are all kept).
    pub fn merge_from_disk(&mut self) -> Result<Vec<Conflict>, DocumentError> {
        let Some(loaded) = sidecar::load_file(&self.sidecar_file)? else {
            self.disk = Some(DiskState::Absent);
            return Ok(Vec::new());
        };
        let theirs = loaded.sidecar;
        let Merged {
            sidecar: mut merged,
            conflicts,
        } = merge::merge(&self.base, &self.sidecar, &theirs);
        merged.schema = sidecar::SCHEMA_VERSION;
        self.adopt(
            merged,
            theirs.source.fingerprint != self.sidecar.source.fingerprint,
        )?;
        self.base = theirs;
        self.disk = Some(loaded.disk);
        Ok(conflicts)
    }

    /// Discards unsaved work and reads the sidecar again as it is on disk.
    pub fn reload_from_disk(&mut self) -> Result<(), DocumentError> {
        let Some(loaded) = sidecar::load_file(&self.sidecar_file)? else {
            return Ok(());
        };
        let mut theirs = loaded.sidecar;
        theirs.schema = sidecar::SCHEMA_VERSION;
        let changed = theirs.source.fingerprint != self.sidecar.source.fingerprint;
        self.base = theirs.clone();
        self.adopt(theirs, changed)?;
        self.disk = Some(loaded.disk);
        Ok(())
    }

    /// Takes `next` as this document's sidecar: re-reads the transcript when the speaker
    /// corrections differ (they are applied to a fresh parse), and re-anchors annotations
    /// when `next` holds some placed against other transcript bytes.
    fn adopt(&mut self, next: Sidecar, reanchor: bool) -> Result<(), DocumentError> {
        let print = self.sidecar.source.fingerprint.clone();
        if next.speaker_edits != self.sidecar.speaker_edits {
            let loaded = transcript::load(&self.path, self.format.or(next.source.format))?;
            let mut t = loaded.transcript;
            t.apply_speaker_edits(&next.speaker_edits);
            self.transcript = t;
        }
        self.sidecar = next;
        self.sidecar.source.fingerprint = print.clone();
        if reanchor {
            self.reanchored = Some(self.reanchor(print));
        }
        Ok(())
    }

    /// Saves the annotations to a new file the user chose (never over an existing one), for
    /// when the sidecar beside the transcript cannot be used. Later saves go to that file;
    /// the unreadable one is never touched.
    pub fn save_as(&mut self, target: &Path) -> Result<(), DocumentError> {
        let state = sidecar::save_as(target, &self.sidecar)?;
        self.sidecar_file = target.to_path_buf();
        self.disk = Some(state);
        Ok(())
    }

    /// The tag set's spelling of a tag name, or an error listing the tags.
    pub fn resolve_tag(&self, name: &str) -> Result<String, DocumentError> {
        self.sidecar
            .tags
            .find(name)
            .map(|t| t.name.clone())
            .ok_or_else(|| DocumentError::UnknownTag {
                tag: name.to_owned(),
                known: self.tag_names(),
            })
    }

    /// The tag set's names, comma-separated, for messages about an unknown tag.
    pub fn tag_names(&self) -> String {
        let names: Vec<&str> = self
            .sidecar
            .tags
            .tags
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        names.join(", ")
    }
}
