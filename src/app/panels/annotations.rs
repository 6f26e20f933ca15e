//! The annotations panel on the right: the tag buttons and note editor for the selection
//! (`note_editor.rs`), annotations to review (`attention.rs`), counts per tag (click one to
//! filter by it), a text filter and the list of annotations.

use super::{attention, note_editor, shorten};
use crate::annotation::{Annotation, Placement};
use crate::app::session::Session;
use crate::app::{Action, Snapshot, theme};
use egui::{Color32, RichText};

/// The panel's own state: its filters, the note being typed, and the list as last filtered.
#[derive(Debug, Default)]
pub struct AnnotationsPanel {
    /// Text the list is filtered by (quote, note, speaker or tags).
    pub filter: String,
    /// The tag the list is filtered by.
    pub tag_filter: Option<String>,
    /// (annotation id, note being typed for it).
    pub note_buffer: (String, String),
    /// The filtered list (indices into the sidecar's list), and what it was filtered for.
    listed: Option<(ListKey, Vec<usize>)>,
}

/// (session revision, text filter, tag filter)
type ListKey = ((u64, u64), String, Option<String>);

impl AnnotationsPanel {
    /// The list for the current filters, worked out again only after a change.
    fn listed(&mut self, d: &Session) -> &[usize] {
        let key = (d.revision(), self.filter.clone(), self.tag_filter.clone());
        if self.listed.as_ref().is_none_or(|(k, _)| *k != key) {
            let list = d.filter_annotations(&key.1, key.2.as_deref());
            self.listed = Some((key, list));
        }
        self.listed.as_ref().map_or(&[], |(_, l)| l)
    }
}

pub fn show(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    panel: &mut AnnotationsPanel,
    actions: &mut Vec<Action>,
) {
    egui::Panel::right("annotations")
        .default_size(340.0)
        .resizable(true)
        .show(ui, |ui| {
            note_editor::show(ui, snap, &mut panel.note_buffer, actions);
            ui.separator();
            list_ui(ui, snap, panel, actions);
        });
}

fn list_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    panel: &mut AnnotationsPanel,
    actions: &mut Vec<Action>,
) {
    let dark = snap.prefs.dark;
    let Some(d) = snap.session else { return };
    attention::show(ui, d, snap.view, actions);
    ui.heading(format!("Annotations ({})", d.index.placed.len()));
    // Counts per tag; click one to filter by it.
    ui.horizontal_wrapped(|ui| {
        for tag in &d.doc.sidecar.tags.tags {
            let n = d.index.placed_with_tag(&tag.name);
            if n == 0 {
                continue;
            }
            let on = panel.tag_filter.as_deref() == Some(tag.name.as_str());
            let text =
                RichText::new(format!("{} {n}", tag.name)).color(theme::tag_text(tag.colour, dark));
            if ui.selectable_label(on, text).clicked() {
                panel.tag_filter = if on { None } else { Some(tag.name.clone()) };
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut panel.filter)
                .id(egui::Id::unique("annotation filter"))
                .hint_text("text, note or speaker"),
        )
        .labelled_by(label.id);
    });
    let active = snap.view.active.as_deref();
    // Every entry is three lines high, so only the ones in sight are laid out.
    let line = ui
        .text_style_height(&egui::TextStyle::Body)
        .max(ui.spacing().interact_size.y);
    let height = 3.0 * line + 2.0 * ui.spacing().item_spacing.y + 2.0 * CARD_MARGIN;
    let list = panel.listed(d);
    egui::ScrollArea::vertical()
        .id_salt("annotation list")
        .auto_shrink([false, true])
        .show_rows(ui, height, list.len(), |ui, range| {
            for &k in &list[range] {
                let a = &d.doc.sidecar.annotations[k];
                let is_active = active == Some(a.id.as_str());
                if list_entry(d, ui, a, height, (dark, is_active)).clicked() {
                    actions.push(Action::ActivateAnnotation(Some(a.id.clone())));
                }
            }
        });
}

const CARD_MARGIN: f32 = 6.0;

/// One entry of the annotations list, exactly `height` high: where and who, tags, the quote
/// and the note, each on one line (hover for all of it).
fn list_entry(
    d: &Session,
    ui: &mut egui::Ui,
    a: &Annotation,
    height: f32,
    (dark, active): (bool, bool),
) -> egui::Response {
    let speaker = a.speaker(&d.doc.transcript).unwrap_or("?");
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let visuals = ui.visuals();
    ui.painter().rect(
        rect,
        visuals.widgets.noninteractive.corner_radius,
        if active {
            theme::selection(dark)
        } else {
            Color32::TRANSPARENT
        },
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let inner = rect.shrink(CARD_MARGIN);
    let mut card = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(inner)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    card.set_clip_rect(inner.intersect(ui.clip_rect()));
    card.horizontal(|ui| {
        ui.strong(format!("{} {}", a.anchor.start, speaker));
        for tag in &a.tags {
            let c = d.tag_text_colour(tag, dark);
            ui.label(RichText::new(tag).color(c).small());
        }
        if a.placement != Placement::Anchored {
            ui.label(
                RichText::new(a.placement.name())
                    .color(ui.visuals().warn_fg_color)
                    .small(),
            );
        }
    });
    card.add(egui::Label::new(shorten(&a.anchor.quote, 140)).truncate());
    let second = match (&a.placement, &a.note) {
        (Placement::Changed { old_quote }, _) => {
            RichText::new(format!("was: {}", shorten(old_quote, 140))).strikethrough()
        }
        (_, Some(n)) => RichText::new(shorten(n, 140)),
        (_, None) => RichText::new(""),
    };
    card.add(egui::Label::new(second.weak()).truncate());
    ui.interact(
        rect,
        egui::Id::unique(("annotation", &a.id)),
        egui::Sense::click(),
    )
    .on_hover_ui(|ui| {
        ui.label(format!("“{}”", shorten(&a.anchor.quote, 600)));
        if let Placement::Changed { old_quote } = &a.placement {
            ui.label(
                RichText::new(format!("was: {}", shorten(old_quote, 600)))
                    .weak()
                    .strikethrough(),
            );
        }
        if let Some(n) = &a.note {
            ui.label(RichText::new(shorten(n, 600)).weak());
        }
    })
}
