//! The transcript view: turns with page:line in a gutter, speakers coloured by role,
//! annotations highlighted in their tag colours with brackets in the margin, find hits, and
//! only the rows in sight laid out, so long transcripts scroll smoothly.

use super::prefs::Prefs;
use super::session::Session;
use super::theme;
use super::view_state::{Selection, ViewState};
use super::{Action, Snapshot};
use crate::annotation::intent::is_whole_turns;
use crate::transcript::{Role, TurnKind};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Id, Rect, RichText, Sense, Stroke, UiBuilder, Vec2};
use std::sync::Arc;

/// Row heights: estimated for every turn when the document is first shown, then measured as
/// rows are drawn. Which turns are shown (after filters) and where each row starts are worked
/// out again only after a change, never per frame.
#[derive(Debug, Default, Clone)]
pub struct RowCache {
    valid: bool,
    /// Per turn (all turns, shown or not).
    heights: Vec<f32>,
    /// Turn indices shown, after filters, in order.
    pub visible: Vec<usize>,
    /// `tops[k]` is where row `k` starts; one more entry for the total height.
    tops: Vec<f32>,
    /// The total height as last drawn (`None`: not drawn yet).
    drawn_total: Option<f32>,
}

impl RowCache {
    /// The document or the filters changed: which turns are shown may have too.
    pub fn invalidate(&mut self) {
        self.valid = false;
    }

    fn refresh(&mut self, d: &Session, v: &ViewState, width: f32) {
        let t = &d.doc.transcript;
        if self.heights.len() != t.turns.len() {
            let chars_per_line = ((width - theme::GUTTER - 40.0) / 7.5).max(20.0);
            self.heights = t
                .turns
                .iter()
                .enumerate()
                .map(|(i, turn)| {
                    let n = turn.text.chars().count() as f32;
                    let section = d.index.section_at(i).is_some();
                    // A little under what rows measure, so that the total grows rather
                    // than shrinks as rows are measured (at the end it would spring back).
                    36.0 + (n / chars_per_line).ceil().max(1.0) * 16.0
                        + if section { 40.0 } else { 0.0 }
                })
                .collect();
            self.valid = false;
        }
        if !self.valid {
            self.visible = v.visible_turns(d);
            self.rebuild_tops();
            self.valid = true;
        }
    }

    fn rebuild_tops(&mut self) {
        self.tops.clear();
        let mut y = 0.0;
        for &i in &self.visible {
            self.tops.push(y);
            y += self.heights[i];
        }
        self.tops.push(y);
    }
}

/// The transcript view's own state: its rows, and a turn it was asked to bring into sight.
/// Made afresh for each document opened.
#[derive(Debug, Default)]
pub struct TranscriptView {
    pub(crate) rows: RowCache,
    /// Ask the view to bring this turn into sight (set by `apply`, taken when drawn).
    pub scroll_to: Option<usize>,
}

/// The open document as the rows draw it: its session and how it is looked at.
#[derive(Clone, Copy)]
struct Shown<'a> {
    s: &'a Session,
    v: &'a ViewState,
}

/// Draws the transcript. Clicks become actions; `ids` collects the turn texts' widget ids
/// (focus on them must not stop plain-key shortcuts).
pub fn transcript_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    tv: &mut TranscriptView,
    actions: &mut Vec<Action>,
    ids: &mut std::collections::HashSet<Id>,
) {
    let prefs = snap.prefs;
    let Some(s) = snap.session else {
        if snap.loading.is_some() {
            return;
        }
        ui.centered_and_justified(|ui| {
            ui.label("Open a transcript: File > Open transcript…, or drop a file here.");
        });
        return;
    };
    let d = Shown { s, v: snap.view };
    // Leave room for the scroll bar.
    let width = (ui.available_width() - 14.0).max(200.0);
    let rows = &mut tv.rows;
    rows.refresh(s, snap.view, width);
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("transcript")
        .auto_shrink(false);
    if rows.drawn_total.is_none() {
        // A document just opened starts at the top (the scroll area outlives documents).
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    // Only once the scroll area knows the height (after the first frame).
    let target = rows.drawn_total.and_then(|_| tv.scroll_to.take());
    if let Some(turn) = target
        && let k = rows.visible.partition_point(|&v| v < turn)
        && k < rows.visible.len()
    {
        // Not past the end, where the scroll area would spring back. (It knows the height
        // from the last frame; measuring rows can change it in this one.)
        let total = rows.tops.last().copied().unwrap_or(0.0);
        let drawn = rows.drawn_total.unwrap_or(total);
        let last = total.min(drawn) - ui.available_height();
        scroll = scroll.vertical_scroll_offset((rows.tops[k] - 60.0).min(last).max(0.0));
    }
    let mut new_ids = Vec::new();
    let mut remeasured = false;
    scroll.show_viewport(ui, |ui, viewport| {
        let total = rows.tops.last().copied().unwrap_or(0.0);
        rows.drawn_total = Some(total);
        ui.set_min_height(total);
        let origin = ui.min_rect().min;
        let first = rows
            .tops
            .partition_point(|&y| y <= viewport.min.y)
            .saturating_sub(1);
        for k in first..rows.visible.len() {
            let top = rows.tops[k];
            if top > viewport.max.y {
                break;
            }
            let turn = rows.visible[k];
            let rect =
                Rect::from_min_size(origin + Vec2::new(0.0, top), Vec2::new(width, 10_000.0));
            let h = ui
                .scope_builder(UiBuilder::new().max_rect(rect), |ui| {
                    row_ui(d, ui, turn, prefs, actions, &mut new_ids)
                })
                .inner;
            if (rows.heights[turn] - h).abs() > 0.5 {
                rows.heights[turn] = h;
                remeasured = true;
            }
        }
    });
    if remeasured {
        rows.rebuild_tops();
        ui.ctx().request_repaint();
        // Rows around the target had estimated heights: place it again with measured ones.
        if target.is_some() {
            tv.scroll_to = target;
        }
    }
    if tv.scroll_to.is_some() {
        ui.ctx().request_repaint();
    }
    ids.extend(new_ids);
}

/// One turn. Returns the height it took.
fn row_ui(
    d: Shown,
    ui: &mut egui::Ui,
    i: usize,
    prefs: &Prefs,
    actions: &mut Vec<Action>,
    ids: &mut Vec<Id>,
) -> f32 {
    let dark = prefs.dark;
    let t = &d.s.doc.transcript;
    let turn = &t.turns[i];
    let top = ui.cursor().min;
    let background = ui.painter().add(egui::Shape::Noop);
    if let Some(s) = d.s.index.section_at(i).and_then(|k| t.sections.get(k)) {
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            ui.add_space(theme::GUTTER);
            // A long heading wraps rather than widening the transcript past the window.
            ui.add(egui::Label::new(RichText::new(&s.title).strong().size(15.0)).wrap());
        });
        ui.separator();
    }
    let annotations: Vec<_> = d.s.annotations_on(i).collect();
    let selected = d.v.selection.is_some_and(|s| {
        let (a, b) = s.turns();
        a <= i && i <= b
    });
    let shift = ui.input(|inp| inp.modifiers.shift);
    let row = ui.horizontal_top(|ui| {
        let gutter = ui.add_sized(
            [theme::GUTTER, 18.0],
            egui::Label::new(RichText::new(turn.start.to_string()).monospace().weak())
                .sense(Sense::click()),
        );
        if gutter.clicked() {
            actions.push(Action::SelectTurn {
                turn: i,
                extend: shift,
            });
        }
        let margin = theme::BRACKET * 4.0 + 6.0;
        let margin_x = ui.cursor().min.x;
        ui.add_space(margin);
        let body = ui.vertical(|ui| {
            ui.horizontal_wrapped(|ui| {
                let name = RichText::new(t.speaker_name(turn))
                    .strong()
                    .color(theme::role_colour(turn.role, dark));
                let resp = ui
                    .add(egui::Label::new(name).sense(Sense::click()))
                    .on_hover_text(format!(
                        "{} · {} · turn {}",
                        turn.role,
                        turn.kind.name(),
                        i + 1
                    ));
                if resp.clicked() {
                    actions.push(Action::SelectTurn {
                        turn: i,
                        extend: shift,
                    });
                }
                let kind = match (turn.kind, turn.role) {
                    (TurnKind::Question, _) => "Q",
                    (TurnKind::Answer, _) => "A",
                    (_, Role::Court) => "court",
                    _ => "",
                };
                if !kind.is_empty() {
                    ui.label(RichText::new(kind).small().weak());
                }
                let hidden = d.v.hides_marks(i);
                if let Some(sg) = d.s.open_suggestion(i).filter(|v| prefs.shows(v) && !hidden) {
                    suggestion_mark(ui, &d.s.doc.transcript, sg, i, actions);
                }
                // The question's form, while the study view is on.
                if let Some(q) = d.s.study_question(i).filter(|_| !hidden) {
                    let mut text = q.form.form.name().to_owned();
                    if q.form.compound {
                        text.push_str(" · compound");
                    }
                    if q.repeats.is_some() {
                        text.push_str(" · repeats");
                    }
                    for f in &q.form.flags {
                        text.push_str(" · ");
                        text.push_str(&f.name().replace('_', " "));
                    }
                    let reasons: Vec<String> = q
                        .form
                        .reasons
                        .iter()
                        .map(|r| format!("+ {}: {}", r.rule, r.evidence))
                        .collect();
                    ui.label(
                        RichText::new(format!("question: {text}"))
                            .small()
                            .italics()
                            .weak(),
                    )
                    .on_hover_text(reasons.join("\n"));
                }
                // Where annotators differ, their labels side by side.
                if let Some(c) = &d.s.comparison
                    && let Some(x) = c.on_turn(i)
                {
                    let labels: Vec<String> = c
                        .result
                        .coders
                        .iter()
                        .zip(&x.labels)
                        .map(|(n, l)| format!("{n}: {}", l.as_deref().unwrap_or("—")))
                        .collect();
                    ui.label(
                        RichText::new(format!("differs — {}", labels.join(" · ")))
                            .small()
                            .color(ui.visuals().warn_fg_color),
                    );
                }
                for a in &annotations {
                    for tag in &a.tags {
                        let c = d.s.tag_text_colour(tag, dark);
                        let active = d.v.active.as_deref() == Some(a.id.as_str());
                        let text = RichText::new(tag).small().color(c);
                        let chip = ui.add(
                            egui::Label::new(if active {
                                text.strong().underline()
                            } else {
                                text
                            })
                            .sense(Sense::click()),
                        );
                        if chip.clicked() {
                            actions.push(Action::ActivateAnnotation(Some(a.id.clone())));
                        }
                    }
                }
            });
            text_ui(d, ui, i, dark, actions, ids, &annotations);
        });
        (margin_x, body.response.rect)
    });
    let (margin_x, body_rect) = row.inner;
    let row_rect = row
        .response
        .rect
        .union(Rect::from_min_max(top, row.response.rect.max));
    // Brackets in the margin: one per annotation on this turn, in its first tag's colour.
    for (k, a) in annotations.iter().take(4).enumerate() {
        let colour = a
            .tags
            .first()
            .map_or(Color32::GRAY, |t| d.s.tag_text_colour(t, dark));
        let x = margin_x + 2.0 + k as f32 * (theme::BRACKET + 1.0);
        let y0 = if a.anchor.start_turn == i {
            body_rect.top() + 2.0
        } else {
            row_rect.top()
        };
        let y1 = if a.anchor.end_turn == i {
            body_rect.bottom() - 2.0
        } else {
            row_rect.bottom() + 6.0
        };
        let active = d.v.active.as_deref() == Some(a.id.as_str());
        ui.painter().rect_filled(
            Rect::from_min_max(egui::pos2(x, y0), egui::pos2(x + theme::BRACKET, y1)),
            1.0,
            colour,
        );
        if active {
            ui.painter().rect_stroke(
                Rect::from_min_max(
                    egui::pos2(x - 1.0, y0 - 1.0),
                    egui::pos2(x + theme::BRACKET + 1.0, y1 + 1.0),
                ),
                1.0,
                Stroke::new(1.0, ui.visuals().strong_text_color()),
                egui::StrokeKind::Outside,
            );
        }
    }
    if selected {
        ui.painter().set(
            background,
            egui::Shape::rect_filled(
                row_rect.expand2(Vec2::new(0.0, 3.0)),
                2.0,
                theme::selection(dark),
            ),
        );
    }
    ui.add_space(8.0);
    ui.cursor().min.y - top.y
}

/// An unobtrusive mark for a suggested class: weak italics, not a tag chip. Hover for the
/// reasons; click to select the answer (then A accepts, D dismisses).
fn suggestion_mark(
    ui: &mut egui::Ui,
    t: &crate::transcript::Transcript,
    sg: &crate::analysis::Verdict,
    i: usize,
    actions: &mut Vec<Action>,
) {
    let text = RichText::new(format!(
        "suggests {} ({} {:.0}%)",
        sg.label9.tag(),
        sg.label9.label3().name().replace('_', " "),
        sg.confidence * 100.0
    ))
    .small()
    .italics()
    .weak();
    let resp = ui
        .add(egui::Label::new(text).sense(Sense::click()))
        .on_hover_ui(|ui| suggestion_details_ui(ui, t, sg));
    if resp.clicked() {
        actions.push(Action::SelectTurn {
            turn: i,
            extend: false,
        });
    }
}

/// Class, confidence and the rules that fired, with their words. The window keeps only the
/// verdict of each answer; the reasons are worked out again here, for the one being shown.
pub fn suggestion_details_ui(
    ui: &mut egui::Ui,
    t: &crate::transcript::Transcript,
    sg: &crate::analysis::Verdict,
) {
    ui.label(
        RichText::new(format!(
            "{} ({:.0}% likely) — {}",
            sg.label3().name().replace('_', " "),
            sg.confidence * 100.0,
            sg.label9.tag()
        ))
        .strong(),
    );
    let reasons = crate::analysis::suggestion_for(t, sg.turn)
        .map(|s| s.classification.reasons)
        .unwrap_or_default();
    for r in &reasons {
        let line = format!("{}: {}", r.rule.replace('_', " "), r.evidence);
        if r.supports == sg.label9 {
            ui.label(line);
        } else {
            ui.label(RichText::new(format!("{line} (for {})", r.supports.tag())).weak());
        }
    }
    ui.label(
        RichText::new("A accepts it as a tag, D dismisses it.")
            .weak()
            .small(),
    );
}

/// The turn's words: selectable (drag to select a span), highlighted where annotated or found.
fn text_ui(
    d: Shown,
    ui: &mut egui::Ui,
    i: usize,
    dark: bool,
    actions: &mut Vec<Action>,
    ids: &mut Vec<Id>,
    annotations: &[&crate::annotation::Annotation],
) {
    let turn = &d.s.doc.transcript.turns[i];
    let text = turn.text.as_str();
    // Painted ranges: annotations first, find hits on top.
    let mut paints: Vec<(usize, usize, Color32)> = Vec::new();
    for a in annotations {
        let colour = a
            .tags
            .first()
            .and_then(|t| d.s.doc.sidecar.tags.find(t))
            .map_or(Color32::TRANSPARENT, |t| theme::highlight(t.colour, dark));
        let (s, e) = if a.anchor.start_turn == a.anchor.end_turn
            && !is_whole_turns(&d.s.doc.transcript, &a.anchor)
        {
            (
                a.anchor.start_offset,
                a.anchor.start_offset + a.anchor.quote.len(),
            )
        } else {
            (0, text.len())
        };
        paints.push((s.min(text.len()), e.min(text.len()), colour));
    }
    if d.v.find.open {
        // Hits are in turn order: only this turn's.
        let from = d.v.find.hits.partition_point(|(t, _)| *t < i);
        for (k, (_, r)) in d.v.find.hits[from..]
            .iter()
            .enumerate()
            .take_while(|(_, (t, _))| *t == i)
        {
            paints.push((
                r.start,
                r.end,
                theme::find_hit(from + k == d.v.find.current),
            ));
        }
    }
    if let Some(Selection::Span { turn, start, end }) = d.v.selection
        && turn == i
    {
        paints.push((start, end, theme::selection(dark).gamma_multiply(3.0)));
    }
    let text_colour = if turn.kind == TurnKind::Question {
        ui.visuals().text_color().gamma_multiply(0.85)
    } else {
        ui.visuals().strong_text_color()
    };
    let italic = turn.kind == TurnKind::Question;
    let font = FontId::proportional(14.5);
    let mut layouter =
        move |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| -> Arc<egui::Galley> {
            let s = buf.as_str();
            let mut cuts: Vec<usize> = vec![0, s.len()];
            for (a, b, _) in &paints {
                cuts.push(*a);
                cuts.push(*b);
            }
            cuts.retain(|&c| s.is_char_boundary(c));
            cuts.sort_unstable();
            cuts.dedup();
            let mut job = LayoutJob::default();
            for w in cuts.windows(2) {
                let (a, b) = (w[0], w[1]);
                let bg = paints
                    .iter()
                    .rev()
                    .find(|(s0, e0, _)| *s0 <= a && b <= *e0 && s0 < e0)
                    .map_or(Color32::TRANSPARENT, |p| p.2);
                job.append(
                    &s[a..b],
                    0.0,
                    TextFormat {
                        font_id: font.clone(),
                        color: text_colour,
                        background: bg,
                        italics: italic,
                        ..Default::default()
                    },
                );
            }
            job.wrap.max_width = wrap;
            ui.painter().layout_job(job)
        };
    let id = Id::unique(("turn-text", i));
    ids.push(id);
    let mut buffer: &str = text;
    let out = egui::TextEdit::multiline(&mut buffer)
        .id(id)
        .frame(egui::Frame::NONE)
        .desired_width(f32::INFINITY)
        .desired_rows(1)
        .layouter(&mut layouter)
        .show(ui);
    let resp = &out.response.response;
    if let Some(range) = out.cursor_range {
        let [a, b] = range.sorted_cursors();
        let to_byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(k, _)| k);
        let (start, end) = (to_byte(a.index.0), to_byte(b.index.0));
        let dragging = ui.input(|inp| inp.pointer.any_down());
        // Only the focused field's selection counts: others keep stale cursor state.
        if start < end && !dragging && resp.has_focus() {
            let span = Some(Selection::Span {
                turn: i,
                start,
                end,
            });
            if d.v.selection != span {
                actions.push(Action::SelectSpan {
                    turn: i,
                    start,
                    end,
                });
            }
        } else if resp.clicked() {
            let shift = ui.input(|inp| inp.modifiers.shift);
            actions.push(Action::SelectTurn {
                turn: i,
                extend: shift,
            });
        }
    }
    if !annotations.is_empty() {
        resp.clone().on_hover_ui(|ui| {
            for a in annotations {
                ui.label(RichText::new(a.tags.join(", ")).strong());
                if let Some(n) = &a.note {
                    ui.label(n);
                }
            }
        });
    }
    resp.context_menu(|ui| {
        ui.label(RichText::new("Tag the selection").weak());
        for tag in &d.s.doc.sidecar.tags.tags {
            let key = tag.hotkey.map(|k| format!("  {k}")).unwrap_or_default();
            if ui
                .button(
                    RichText::new(format!("{}{key}", tag.name))
                        .color(theme::tag_text(tag.colour, dark)),
                )
                .clicked()
            {
                if d.v.selection.is_none_or(|s| {
                    let (a, b) = s.turns();
                    i < a || b < i
                }) {
                    actions.push(Action::SelectTurn {
                        turn: i,
                        extend: false,
                    });
                }
                actions.push(Action::ToggleTag(tag.name.clone()));
                ui.close();
            }
        }
    });
}
