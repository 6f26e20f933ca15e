//! Taking text out of the window: exporting excerpts with the export window's settings,
//! and copying the selection as a citation.

use super::PartlyApp;
use super::view_state::Selection;
use crate::export::ExportOptions;
use std::path::Path;

impl PartlyApp {
    /// Opens (or closes) the export window, proposing a file beside the transcript.
    pub(super) fn show_export(&mut self) {
        let e = &mut self.windows.export;
        if let Some(d) = &self.doc
            && e.path.is_empty()
        {
            let stem = d.doc.path.with_extension("");
            e.path = format!("{}.excerpts.{}", stem.display(), e.format.extension());
        }
        e.open = !e.open;
    }

    /// Exports with the export window's settings.
    pub(super) fn export_to(&mut self, path: &Path, replace: bool) {
        let Some(d) = &self.doc else { return };
        let e = &self.windows.export;
        let ids = e.only_selected.then(|| {
            crate::export::selected_ids(
                &d.doc,
                self.view.selection.map(Selection::turns),
                self.view.active.as_deref(),
            )
        });
        let opts = ExportOptions {
            tags: e.tags.clone(),
            speaker: e.speaker.clone(),
            ids,
            cite_prefix: e.prefix.clone(),
            include_question: e.include_question,
            context_before: e.context,
            context_after: e.context,
        };
        let source = crate::annotation::display_name(&d.doc.path);
        let result = crate::export::excerpts(&d.doc, &opts).and_then(|ex| {
            let bytes = crate::export::write(e.format, &source, &ex)?;
            crate::export::save(path, &bytes, replace)?;
            Ok(ex.len())
        });
        match result {
            Ok(n) => {
                self.status = format!("Exported {n} excerpt(s) to {}", path.display());
                self.windows.export.confirm_replace = false;
                self.windows.export.open = false;
            }
            Err(crate::export::ExportError::Exists(_)) => {
                self.windows.export.confirm_replace = true
            }
            Err(err) => self.error = Some(format!("Export failed: {err}")),
        }
    }

    /// Puts the selection, its speaker and its cite on the clipboard.
    pub(super) fn copy_citation(&mut self) {
        let Some(d) = &self.doc else { return };
        let Some(sel) = self.view.selection else {
            self.status = "Select turns or words to copy as a citation".into();
            return;
        };
        let prefix = &self.windows.export.prefix;
        let text = match sel {
            Selection::Turns { first, last, .. } => {
                crate::export::citation(&d.doc, first, last, None, prefix)
            }
            Selection::Span { turn, start, end } => {
                crate::export::citation(&d.doc, turn, turn, Some((start, end)), prefix)
            }
        };
        if let Some(text) = text {
            self.clipboard.push(text.clone());
            self.status = format!("Copied: {text}");
            self.copied = Some(text);
        }
    }
}
