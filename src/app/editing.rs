//! Changes to the document: every one is an [`Edit`] applied through the session's undo
//! history, after which what is derived from the document (and the view's rows and active
//! annotation) is brought up to date. Also what a tag press means for the selection.

use super::PartlyApp;
use crate::annotation::{Edit, Intent, IntentError, plan};

impl PartlyApp {
    /// Applies `edit` as one undo step (`merging`: merged into the last step, as typing is).
    pub(super) fn edit(&mut self, edit: Edit, merging: bool) {
        let Some(d) = &mut self.doc else { return };
        let result = if merging {
            d.history.apply_merging(&mut d.doc, edit)
        } else {
            d.history.seal();
            d.history.apply(&mut d.doc, edit)
        };
        match result {
            Ok(()) => self.document_changed(),
            Err(e) => self.status = format!("Not done: {e}"),
        }
    }

    /// Typing in the note editor: merged into one undo step per annotation.
    pub(super) fn edit_note(&mut self, id: String, note: String) {
        self.act(Intent::Note { id, note }, true);
    }

    /// After any change to the document: the session brings its lookups up to date, the
    /// view's rows follow when filters could hide or show turns, and the active annotation
    /// is dropped if the change removed it.
    pub(super) fn document_changed(&mut self) {
        let Some(d) = &mut self.doc else { return };
        d.changed(self.now);
        self.after_change();
    }

    /// After the sidecar was merged with or replaced by the one on disk: everything derived
    /// from the document is worked out again.
    pub(super) fn reloaded(&mut self) {
        let Some(d) = &mut self.doc else { return };
        d.reloaded(self.now);
        self.transcript_view.rows.invalidate();
        self.after_change();
    }

    fn after_change(&mut self) {
        let Some(d) = &self.doc else { return };
        // Without filters every turn is shown, whatever the change.
        if self.view.tagged_only || self.view.speaker_filter.is_some() {
            self.transcript_view.rows.invalidate();
        }
        if let Some(id) = &self.view.active
            && d.annotation(id).is_none()
        {
            self.view.active = None;
        }
    }

    /// A tag press: the library decides whether it adds the tag to the selection's
    /// annotation, takes it off, or makes a new annotation ([`plan`]).
    pub(super) fn toggle_tag(&mut self, tag: &str) {
        let Some(d) = &self.doc else { return };
        let shown = d.doc.resolve_tag(tag).unwrap_or_else(|_| tag.to_owned());
        let intent = Intent::ToggleTag {
            tag: tag.to_owned(),
            selection: self.view.selection,
            active: self.view.active.clone(),
        };
        match plan(&d.doc, intent) {
            Ok(edit) => {
                let added = edit.added_id().map(str::to_owned);
                self.edit(edit, false);
                if let Some(id) = added
                    && self
                        .doc
                        .as_ref()
                        .is_some_and(|d| d.annotation(&id).is_some())
                {
                    self.view.active = Some(id);
                    self.status = format!("Tagged {shown}");
                }
            }
            Err(IntentError::UnknownTag { .. }) => self.status = format!("No tag \"{tag}\""),
            Err(e) => self.status = format!("Not tagged: {e}"),
        }
    }

    /// Removes `tag` from annotation `id`; the library deletes one left without tags.
    pub(super) fn remove_tag_from(&mut self, id: String, tag: &str) {
        let Some(d) = &self.doc else { return };
        let tag = tag.to_owned();
        // An annotation already gone (removed elsewhere, undone) leaves nothing to do.
        if let Ok(edit) = plan(&d.doc, Intent::Untag { id, tag }) {
            self.edit(edit, false);
        }
    }

    /// Settles merge conflict `index`: takes their version (`take`, as the library plans
    /// it), or keeps ours; either way the conflict is settled.
    pub(super) fn resolve_conflict(&mut self, index: usize, take: bool) {
        let Some(conflict) = self
            .doc
            .as_ref()
            .and_then(|d| d.conflicts.get(index))
            .cloned()
        else {
            return;
        };
        if take {
            self.act(Intent::TakeTheirs(Box::new(conflict)), false);
        }
        if let Some(d) = &mut self.doc
            && index < d.conflicts.len()
        {
            d.conflicts.remove(index);
        }
    }

    /// Re-attaches an orphaned annotation (or one awaiting review) to the selection.
    pub(super) fn attach_to_selection(&mut self, id: String) {
        let Some(d) = &self.doc else { return };
        let intent = Intent::AttachTo {
            id: id.clone(),
            selection: self.view.selection,
        };
        match plan(&d.doc, intent) {
            Ok(edit) => {
                self.edit(edit, false);
                if self.doc.is_some() {
                    self.view.active = Some(id);
                }
                self.status = "Re-attached the annotation to the selection".into();
            }
            Err(e) => self.status = format!("Not re-attached: {e}"),
        }
    }

    /// Plans `intent` and applies it as one undo step; a plan that cannot be made is said
    /// in the status line. Whether it was planned.
    pub(super) fn act(&mut self, intent: Intent, merging: bool) -> bool {
        let Some(d) = &self.doc else { return false };
        match plan(&d.doc, intent) {
            Ok(edit) => {
                self.edit(edit, merging);
                true
            }
            Err(e) => {
                self.status = format!("Not done: {e}");
                false
            }
        }
    }
}
