//! Questions the front ends ask about a document's annotations, answered once here so the
//! CLI and the window agree: which annotations a list shows for a filter, and whether a
//! suggestion was dismissed.

use super::document::Document;
use super::{Annotation, Dismissal};
use crate::transcript::Transcript;

/// The annotations list's filter: a text and a tag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Lower case; empty matches everything.
    needle: String,
    tag: Option<String>,
}

impl ListFilter {
    /// Annotations with tag `tag` (if given, ignoring case) whose quote, note, speaker or tags
    /// contain `needle` (ignoring case; empty: all).
    pub fn new(needle: &str, tag: Option<&str>) -> ListFilter {
        ListFilter {
            needle: needle.to_lowercase(),
            tag: tag.map(str::to_owned),
        }
    }

    /// Whether the list shows `a`: placed (orphans and annotations awaiting review are
    /// listed apart) and matching the filter.
    pub fn matches(&self, t: &Transcript, a: &Annotation) -> bool {
        if !a.placement.is_placed() || self.tag.as_deref().is_some_and(|f| !a.has_tag(f)) {
            return false;
        }
        if self.needle.is_empty() {
            return true;
        }
        format!(
            "{} {} {} {}",
            a.anchor.quote,
            a.note.as_deref().unwrap_or(""),
            a.speaker(t).unwrap_or("?"),
            a.tags.join(" ")
        )
        .to_lowercase()
        .contains(&self.needle)
    }

    /// The annotations the list shows, as indices into the sidecar's list, in its order.
    pub fn apply(&self, doc: &Document) -> Vec<usize> {
        let t = &doc.transcript;
        doc.sidecar
            .annotations
            .iter()
            .enumerate()
            .filter(|(_, a)| self.matches(t, a))
            .map(|(k, _)| k)
            .collect()
    }
}

/// The dismissed suggestions, sorted by answer turn for quick lookups (a window asks for
/// every answer in sight, every frame). A suggestion is dismissed when a dismissal names its
/// answer turn and its sub-class label (`general`, `deflection`…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dismissed(Vec<(usize, String)>);

impl Dismissed {
    pub fn new(list: &[Dismissal]) -> Dismissed {
        let mut v: Vec<(usize, String)> = list.iter().map(|d| (d.turn, d.label.clone())).collect();
        v.sort_unstable();
        Dismissed(v)
    }

    /// Whether the suggestion `label` on answer `turn` was dismissed.
    pub fn contains(&self, turn: usize, label: &str) -> bool {
        let from = self.0.partition_point(|(t, _)| *t < turn);
        self.0[from..]
            .iter()
            .take_while(|(t, _)| *t == turn)
            .any(|(_, l)| l == label)
    }
}

impl Document {
    /// The document's dismissed suggestions, to look up (see [`Dismissed`]).
    pub fn dismissed(&self) -> Dismissed {
        Dismissed::new(&self.sidecar.dismissed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::{annotation, doc};
    use crate::annotation::{Edit, Placement};

    #[test]
    fn the_list_filter_matches_quote_note_speaker_and_tags_of_placed_annotations() {
        let (_dir, mut d) = doc();
        let mut a = annotation(&d, 1, "Partial");
        a.set_note(Some("Hedges".into()));
        let b = annotation(&d, 3, "Quote");
        let mut orphan = annotation(&d, 3, "Partial");
        orphan.placement = Placement::Orphaned;
        for x in [a, b, orphan] {
            d.apply(Edit::AddAnnotation(Box::new(x))).unwrap();
        }
        let quotes = |needle: &str, tag: Option<&str>| -> Vec<String> {
            ListFilter::new(needle, tag)
                .apply(&d)
                .into_iter()
                .map(|k| d.sidecar.annotations[k].anchor.quote.clone())
                .collect()
        };
        assert_eq!(quotes("", None).len(), 2, "the orphan is listed apart");
        assert_eq!(quotes("", Some("partial")), ["Generally all do."]);
        assert_eq!(quotes("HEDGES", None), ["Generally all do."], "note");
        assert_eq!(quotes("partly", None), ["Partly."], "quote");
        assert_eq!(quotes("musk", None).len(), 2, "speaker");
        assert_eq!(quotes("quote", None), ["Partly."], "tag");
        assert!(quotes("quote", Some("Partial")).is_empty());
    }

    #[test]
    fn a_suggestion_is_dismissed_by_turn_and_label() {
        let dismissal = |turn, label: &str| Dismissal {
            turn,
            label: label.into(),
            answer: String::new(),
        };
        let d = Dismissed::new(&[
            dismissal(7, "general"),
            dismissal(3, "partial"),
            dismissal(7, "deflection"),
        ]);
        assert!(d.contains(7, "general") && d.contains(7, "deflection"));
        assert!(d.contains(3, "partial"));
        assert!(!d.contains(3, "general") && !d.contains(4, "partial"));
        assert!(!Dismissed::default().contains(0, "general"));
    }
}
