//! Deterministic output: the same sidecar always gives the same bytes (annotations sorted
//! by position, every formatting setting spelt out, `\n` line endings), so the file diffs
//! and merges well in git.

use super::format::{Dismissal, Sidecar, SourceInfo, annotation_order};
use crate::annotation::Annotation;
use crate::annotation::tags::TagSet;
use crate::transcript::SpeakerEdit;
use serde::Serialize;

/// Pretty RON nesting shown one item per line; deeper values (page:line locations) stay on
/// one line each, which keeps the file short without hurting diffs.
const PRETTY_DEPTH: usize = 4;

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

impl Sidecar {
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
}
