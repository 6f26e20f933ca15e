//! Changes to the document: every one is an [`Edit`] applied through the session's undo
//! history, after which what is derived from the document (and the view's rows and active
//! annotation) is brought up to date. Also what a tag press means for the selection.

use super::{Action, PartlyApp};
use crate::annotation::{Annotation, Edit, Placement};

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
        let note = (!note.trim().is_empty()).then_some(note);
        self.edit(Edit::SetNote { id, note }, true)
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

    /// Applies a tag to the selection: toggles it on the selection's annotation, or makes a
    /// new annotation with it.
    pub(super) fn toggle_tag(&mut self, tag: &str) {
        let Some(d) = &self.doc else { return };
        let Ok(tag) = d.doc.resolve_tag(tag) else {
            self.status = format!("No tag \"{tag}\"");
            return;
        };
        let v = &self.view;
        let target = v
            .annotation_for_selection(d)
            .or_else(|| {
                v.selection
                    .is_none()
                    .then(|| v.active.as_deref().and_then(|id| d.annotation(id)))
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
        let made = v
            .selection_anchor(d)
            .and_then(|a| Annotation::new(a, vec![tag.clone()], None).map_err(|e| e.to_string()));
        match made {
            Ok(a) => {
                let id = a.id.clone();
                self.edit(Edit::AddAnnotation(Box::new(a)), false);
                if let Some(d) = &self.doc
                    && d.annotation(&id).is_some()
                {
                    self.view.active = Some(id);
                    self.status = format!("Tagged {tag}");
                }
            }
            Err(e) => self.status = format!("Not tagged: {e}"),
        }
    }

    /// Removes `tag` from annotation `id`; an annotation left without tags is deleted.
    pub(super) fn remove_tag_from(&mut self, id: String, tag: &str) {
        let Some(d) = &self.doc else { return };
        let Some(a) = d.annotation(&id) else {
            return;
        };
        let rest: Vec<String> = a.tags.iter().filter(|t| *t != tag).cloned().collect();
        if rest.is_empty() {
            self.edit(Edit::RemoveAnnotation(id), false);
        } else {
            self.edit(Edit::SetTags { id, tags: rest }, false);
        }
    }

    /// Settles merge conflict `index`: applies `edit` (taking theirs), or nothing (keeping
    /// ours).
    pub(super) fn resolve_conflict(&mut self, index: usize, edit: Option<Edit>) {
        if let Some(e) = edit {
            self.edit(e, false);
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
        match self.view.selection_anchor(d) {
            Ok(anchor) => {
                self.edit(
                    Edit::Reattach {
                        id: id.clone(),
                        anchor: Box::new(anchor),
                        placement: Placement::Anchored,
                    },
                    false,
                );
                if self.doc.is_some() {
                    self.view.active = Some(id);
                }
                self.status = "Re-attached the annotation to the selection".into();
            }
            Err(e) => self.status = format!("Not re-attached: {e}"),
        }
    }
}
