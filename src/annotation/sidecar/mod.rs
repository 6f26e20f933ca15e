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
//!
//! The files: `format` (what a sidecar holds, its schema history, validation, reading RON),
//! `write` (deterministic output), `disk` (paths, loading, the [`DiskState`] guard), `save`
//! (atomic save with backup, folder lock, stale temporary files) and `error`.

mod disk;
mod error;
mod format;
mod save;
mod write;

pub use crate::transcript::{fingerprint, sha256_hex};
pub use disk::{DiskState, Loaded, backup_path, load, load_file, sidecar_path};
pub use error::SidecarError;
pub use format::{Dismissal, InvalidSidecar, SCHEMA_VERSION, Sidecar, SourceInfo};
pub use save::{keep_permissions, save, save_as, save_file, temp_file_in, write_file_atomically};

#[cfg(test)]
mod tests {
    use super::disk::backup_of;
    use super::*;
    use crate::annotation::anchor::tests::sample;
    use crate::annotation::tags::{TagSet, TagSetError};
    use crate::annotation::{Anchor, Annotation, AnnotationError};
    use crate::transcript::{Format, Role, SpeakerEdit};
    use std::fs;
    use std::path::{Path, PathBuf};

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
