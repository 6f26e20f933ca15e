//! Menus, the status bar, the annotations panel and editor, banners, the find bar and the
//! small windows (go to, open by path, import report, tags, speakers). They read state and
//! push actions; none of them changes the document directly.

use super::command::{Action, Command, Dir};
use super::theme;
use super::{OpenDoc, PartlyApp};
use crate::annotation::{Annotation, Colour, Conflict, Edit, Placement, Tag};
use crate::transcript::Format;
use crate::transcript::health::Verdict;
use crate::transcript::{Role, SpeakerEdit};
use egui::{Color32, RichText};

fn command_button(app: &mut PartlyApp, ui: &mut egui::Ui, c: Command) {
    let state = app.command_state();
    if let Some(mut on) = c.checked(&state) {
        if ui.checkbox(&mut on, c.label()).clicked() {
            app.push(Action::Command(c));
        }
        return;
    }
    let mut button = egui::Button::new(c.label());
    if let Some(s) = c.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    if ui.add_enabled(c.enabled(&state), button).clicked() {
        app.push(Action::Command(c));
        ui.close();
    }
}

pub fn menu_bar(app: &mut PartlyApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [Command::Open, Command::OpenPath, Command::OpenSample] {
                    command_button(app, ui, c);
                }
                ui.menu_button("Open recent", |ui| {
                    if app.prefs.recent.is_empty() {
                        ui.label(RichText::new("Nothing yet").weak());
                    }
                    for p in app.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            app.push(Action::Open(p));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for c in [Command::Save, Command::SaveAnnotationsAs, Command::Export] {
                    command_button(app, ui, c);
                }
            });
            ui.menu_button("Edit", |ui| {
                for c in [
                    Command::Undo,
                    Command::Redo,
                    Command::CopyCitation,
                    Command::CheckQuote,
                    Command::SelectExchange,
                    Command::NextAnnotation,
                    Command::DeleteAnnotation,
                    Command::ClearSelection,
                    Command::TagManager,
                    Command::SpeakerManager,
                ] {
                    command_button(app, ui, c);
                }
            });
            ui.menu_button("View", |ui| {
                for c in [
                    Command::Find,
                    Command::GoTo,
                    Command::ZoomIn,
                    Command::ZoomOut,
                    Command::ZoomReset,
                    Command::ToggleTheme,
                    Command::ImportReport,
                ] {
                    command_button(app, ui, c);
                }
                for c in [
                    Command::ToggleAnnotationsPanel,
                    Command::ToggleSuggestions,
                    Command::Statistics,
                ] {
                    command_button(app, ui, c);
                }
            });
            if let Some(d) = &app.doc {
                ui.separator();
                let mut filter = d.speaker_filter.map(|s| s.0);
                let name = filter
                    .and_then(|s| d.doc.transcript.speakers.get(s as usize))
                    .map_or("All speakers".to_owned(), |s| s.name.clone());
                egui::ComboBox::new("speaker filter", "Speaker")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut filter, None, "All speakers");
                        for s in &d.doc.transcript.speakers {
                            ui.selectable_value(&mut filter, Some(s.id.0), &s.name);
                        }
                    });
                let mut actions = Vec::new();
                if filter != d.speaker_filter.map(|s| s.0) {
                    actions.push(Action::SetSpeakerFilter(filter));
                }
                let mut tagged = d.tagged_only;
                if ui.checkbox(&mut tagged, "Tagged exchanges only").changed() {
                    actions.push(Action::SetTaggedOnly(tagged));
                }
                for a in actions {
                    app.push(a);
                }
            }
        });
    });
}

pub fn status_bar(app: &mut PartlyApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let mut open_report = false;
            if let Some(d) = &app.doc {
                let (text, colour) = if d.save_error.is_some() {
                    ("Not saved", ui.visuals().error_fg_color)
                } else if d.is_saving() {
                    ("Saving…", ui.visuals().weak_text_color())
                } else if d.dirty {
                    ("Unsaved changes", ui.visuals().warn_fg_color)
                } else {
                    ("Saved", ui.visuals().weak_text_color())
                };
                ui.label(RichText::new(text).color(colour));
                ui.separator();
                let t = &d.doc.transcript;
                ui.label(format!(
                    "{} · {} turns · {} annotations",
                    t.format.describe(),
                    t.turns.len(),
                    d.doc.sidecar.annotations.len()
                ));
                if !t.warnings.is_empty()
                    && ui
                        .link(match t.warnings.len() {
                            1 => "1 import note".to_owned(),
                            n => format!("{n} import notes"),
                        })
                        .clicked()
                {
                    open_report = true;
                }
                if let Some(h) = d
                    .index
                    .health
                    .as_ref()
                    .filter(|h| h.verdict != Verdict::Good)
                {
                    let colour = if h.verdict == Verdict::Poor {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().warn_fg_color
                    };
                    let text = format!("Read: {} — what went wrong?", h.verdict.name());
                    if ui
                        .link(RichText::new(text).color(colour))
                        .on_hover_text(h.advice.join("\n"))
                        .clicked()
                    {
                        open_report = true;
                    }
                }
                ui.separator();
            }
            if open_report {
                app.push(Action::Command(Command::ImportReport));
            }
            ui.label(RichText::new(&app.status).weak());
        });
    });
}

/// A transcript being opened: its name, what is happening, and a way to stop waiting.
pub fn loading(app: &mut PartlyApp, ui: &mut egui::Ui) {
    let Some(l) = &app.loading else { return };
    let mut cancel = false;
    let mut progress = |ui: &mut egui::Ui| {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.strong(format!("Opening {}", l.name()));
                ui.label(l.stage().describe());
                let seconds = l.started.elapsed().as_secs();
                ui.label(RichText::new(format!("{seconds} s")).weak());
                cancel = ui.button("Cancel").clicked();
            });
            if app.doc.is_some() {
                ui.label(
                    RichText::new(
                        "You can keep working here; it replaces this transcript when ready.",
                    )
                    .weak(),
                );
            }
        });
    };
    if app.doc.is_some() {
        progress(ui);
    } else {
        // Nothing else to show yet: in the middle of the window.
        egui::Area::new(egui::Id::unique("opening"))
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), progress);
    }
    if cancel {
        app.push(Action::CancelOpen);
    }
}

/// Errors and warnings across the top of the transcript.
pub fn banners(app: &mut PartlyApp, ui: &mut egui::Ui) {
    let err = ui.visuals().error_fg_color;
    if let Some(e) = &app.error {
        let mut dismiss = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(err, e);
                dismiss = ui.button("Dismiss").clicked();
            });
        });
        if dismiss {
            app.push(Action::DismissError);
        }
    }
    let Some(d) = &app.doc else { return };
    let mut save_as = false;
    if let Some(e) = &d.doc.sidecar_error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.colored_label(
                err,
                format!("The annotation file could not be read and will not be overwritten: {e}"),
            );
            ui.horizontal(|ui| {
                ui.label("You can read the transcript and keep new annotations in a new file.");
                save_as = ui.button(Command::SaveAnnotationsAs.label()).clicked();
            });
        });
    }
    let mut disk_action = None;
    if let Some(e) = &d.save_error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.colored_label(err, format!("Not saved: {e}"));
            if d.disk_conflict {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        "Someone else saved the annotations (another window, a sync, git). Merge keeps both: yours and theirs, by annotation.",
                    );
                    if ui.button("Merge").clicked() {
                        disk_action = Some(Action::MergeFromDisk);
                    }
                    if ui.button("Reload theirs, discard mine").clicked() {
                        disk_action = Some(Action::ReloadFromDisk);
                    }
                    save_as = ui.button(Command::SaveAnnotationsAs.label()).clicked();
                });
            }
        });
    }
    if let Some(a) = disk_action {
        app.push(a);
        return;
    }
    if let Some(r) = &d.doc.reanchored {
        let more = if r.needs_attention() > 0 {
            " The ones to review and the orphans are at the top of the annotations panel."
        } else {
            ""
        };
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "The transcript changed since the annotations were saved. Found them again: {}.{more}",
                r.describe()
            ),
        );
    }
    if save_as {
        app.push(Action::Command(Command::SaveAnnotationsAs));
    }
}

pub fn find_bar(app: &mut PartlyApp, ui: &mut egui::Ui) {
    let Some(d) = &mut app.doc else { return };
    if !d.find.open {
        return;
    }
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let mut q = d.find.query.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut q)
                    .id(egui::Id::unique("find field"))
                    .hint_text("words in the testimony"),
            )
            .labelled_by(label.id);
        if d.find.focus {
            edit.request_focus();
            d.find.focus = false;
        }
        if edit.changed() {
            actions.push(Action::SetFind(q));
        }
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let dir = if ui.input(|i| i.modifiers.shift) {
                Dir::Previous
            } else {
                Dir::Next
            };
            actions.push(Action::Find(dir));
            edit.request_focus();
        }
        let n = d.find.hits.len();
        let count = if d.find.query.trim().is_empty() {
            String::new()
        } else if n == 0 {
            "no matches".into()
        } else {
            format!("{} of {n}", d.find.current + 1)
        };
        ui.label(count);
        if ui.button("Previous").clicked() {
            actions.push(Action::Find(Dir::Previous));
        }
        if ui.button("Next").clicked() {
            actions.push(Action::Find(Dir::Next));
        }
        if ui.button("Close find").clicked() {
            d.find.open = false;
        }
    });
    for a in actions {
        app.push(a);
    }
}

/// The annotations panel: editor for the active annotation, counts per tag, the list.
pub fn side_panel(app: &mut PartlyApp, ui: &mut egui::Ui) {
    egui::Panel::right("annotations")
        .default_size(340.0)
        .resizable(true)
        .show(ui, |ui| {
            editor_ui(app, ui);
            ui.separator();
            list_ui(app, ui);
        });
}

fn editor_ui(app: &mut PartlyApp, ui: &mut egui::Ui) {
    let dark = app.prefs.dark;
    let Some(d) = &app.doc else { return };
    ui.heading("Tag");
    let sel = d.selection;
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        for tag in &d.doc.sidecar.tags.tags {
            let key = tag.hotkey.map(|k| format!("{k} ")).unwrap_or_default();
            let text = RichText::new(format!("{key}{}", tag.name))
                .color(theme::tag_text(tag.colour, dark));
            if ui
                .add_enabled(sel.is_some() || d.active.is_some(), egui::Button::new(text))
                .on_hover_text(&tag.description)
                .clicked()
            {
                actions.push(Action::ToggleTag(tag.name.clone()));
            }
        }
    });
    if app.prefs.show_suggestions
        && let Some((turn, _)) = sel.map(super::Selection::turns)
        && let Some(sg) = d.open_suggestion(turn)
    {
        ui.separator();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            super::view::suggestion_details_ui(ui, &d.doc.transcript, sg);
            ui.horizontal(|ui| {
                if ui.button(Command::AcceptSuggestion.label()).clicked() {
                    actions.push(Action::Command(Command::AcceptSuggestion));
                }
                if ui.button(Command::DismissSuggestion.label()).clicked() {
                    actions.push(Action::Command(Command::DismissSuggestion));
                }
            });
        });
    }
    let active = d.active.as_deref().and_then(|id| d.annotation(id));
    match active {
        None => {
            ui.label(
                RichText::new(if sel.is_some() {
                    "Press a tag (or its number key) to annotate the selection."
                } else {
                    "Click a turn, shift-click for a range, drag over words for a quote; E selects a question with its answer."
                })
                .weak(),
            );
        }
        Some(a) => {
            ui.separator();
            let cite = if a.anchor.start == a.anchor.end {
                a.anchor.start.to_string()
            } else {
                format!("{}–{}", a.anchor.start, a.anchor.end)
            };
            ui.horizontal_wrapped(|ui| {
                ui.strong(cite);
                for tag in &a.tags {
                    let c = d.tag_text_colour(tag, dark);
                    if ui
                        .button(RichText::new(format!("{tag} ×")).color(c))
                        .on_hover_text("Remove this tag")
                        .clicked()
                    {
                        actions.push(Action::RemoveTagFrom {
                            id: a.id.clone(),
                            tag: tag.clone(),
                        });
                    }
                }
            });
            ui.label(RichText::new(format!("“{}”", shorten(&a.anchor.quote, 300))).italics());
            let note_label = ui.label("Note");
            // The buffer follows the annotation; typing becomes one undoable edit.
            let (buf_id, buf) = &mut app.ui.note_buffer;
            if *buf_id != a.id {
                *buf_id = a.id.clone();
                *buf = a.note.clone().unwrap_or_default();
            } else if a.note.as_deref().unwrap_or("") != buf.as_str()
                && !ui.memory(|m| m.has_focus(egui::Id::unique("note editor")))
            {
                *buf = a.note.clone().unwrap_or_default();
            }
            let edit = ui
                .add(
                    egui::TextEdit::multiline(buf)
                        .id(egui::Id::unique("note editor"))
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("Why this matters…"),
                )
                .labelled_by(note_label.id);
            if edit.changed() {
                actions.push(Action::EditNote {
                    id: a.id.clone(),
                    note: buf.clone(),
                });
            }
            if ui.button(Command::DeleteAnnotation.label()).clicked() {
                actions.push(Action::Command(Command::DeleteAnnotation));
            }
        }
    }
    for a in actions {
        app.push(a);
    }
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(n).collect();
        format!("{cut}…")
    }
}

fn list_ui(app: &mut PartlyApp, ui: &mut egui::Ui) {
    let dark = app.prefs.dark;
    let Some(d) = &mut app.doc else { return };
    let mut actions = Vec::new();
    attention_ui(d, ui, &mut actions);
    ui.heading(format!("Annotations ({})", d.index.placed.len()));
    // Counts per tag; click one to filter by it.
    ui.horizontal_wrapped(|ui| {
        for tag in &d.doc.sidecar.tags.tags {
            let n = d.index.placed_with_tag(&tag.name);
            if n == 0 {
                continue;
            }
            let on = app.ui.tag_filter.as_deref() == Some(tag.name.as_str());
            let text =
                RichText::new(format!("{} {n}", tag.name)).color(theme::tag_text(tag.colour, dark));
            if ui.selectable_label(on, text).clicked() {
                app.ui.tag_filter = if on { None } else { Some(tag.name.clone()) };
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.ui.annotation_filter)
                .id(egui::Id::unique("annotation filter"))
                .hint_text("text, note or speaker"),
        )
        .labelled_by(label.id);
    });
    d.filter_list(
        &app.ui.annotation_filter.to_lowercase(),
        app.ui.tag_filter.as_deref(),
    );
    let d = &*d;
    // Every entry is three lines high, so only the ones in sight are laid out.
    let line = ui
        .text_style_height(&egui::TextStyle::Body)
        .max(ui.spacing().interact_size.y);
    let height = 3.0 * line + 2.0 * ui.spacing().item_spacing.y + 2.0 * CARD_MARGIN;
    let list = d.listed();
    egui::ScrollArea::vertical()
        .id_salt("annotation list")
        .auto_shrink([false, true])
        .show_rows(ui, height, list.len(), |ui, range| {
            for &k in &list[range] {
                let a = &d.doc.sidecar.annotations[k];
                if list_entry(d, ui, a, height, dark).clicked() {
                    actions.push(Action::ActivateAnnotation(Some(a.id.clone())));
                }
            }
        });
    for a in actions {
        app.push(a);
    }
}

const CARD_MARGIN: f32 = 6.0;

/// One entry of the annotations list, exactly `height` high: where and who, tags, the quote
/// and the note, each on one line (hover for all of it).
fn list_entry(
    d: &OpenDoc,
    ui: &mut egui::Ui,
    a: &Annotation,
    height: f32,
    dark: bool,
) -> egui::Response {
    let t = &d.doc.transcript;
    let speaker = t
        .turns
        .get(a.anchor.start_turn)
        .map_or("?", |x| t.speaker_name(x));
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let active = d.active.as_deref() == Some(a.id.as_str());
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

/// How many annotations to review (and orphans) are shown at once.
const ATTENTION_SHOWN: usize = 10;

/// Annotations the last re-anchoring could not place for certain: candidates the user must
/// confirm, and orphans to re-attach by hand. Shown above the list until none are left.
fn attention_ui(d: &OpenDoc, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    if d.index.review.is_empty() && d.index.orphans.is_empty() {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("attention")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| attention_cards(d, ui, actions));
    ui.separator();
}

fn attention_cards(d: &OpenDoc, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let anns = &d.doc.sidecar.annotations;
    let review: Vec<&Annotation> = d.index.review.iter().map(|&k| &anns[k]).collect();
    let orphans: Vec<&Annotation> = d.index.orphans.iter().map(|&k| &anns[k]).collect();
    // The first few of each: a transcript rewritten from end to end can leave thousands.
    let more = |ui: &mut egui::Ui, n: usize| {
        if n > ATTENTION_SHOWN {
            ui.label(
                RichText::new(format!(
                    "…and {} more, shown here as these are settled",
                    n - ATTENTION_SHOWN
                ))
                .weak(),
            );
        }
    };
    let warn = ui.visuals().warn_fg_color;
    let card = |ui: &mut egui::Ui, a: &Annotation, body: &mut dyn FnMut(&mut egui::Ui)| {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("was at {}", a.anchor.start));
                ui.label(RichText::new(a.tags.join(", ")).small());
            });
            ui.label(format!("“{}”", shorten(&a.anchor.quote, 140)));
            if let Some(n) = &a.note {
                ui.label(RichText::new(shorten(n, 140)).weak());
            }
            body(ui);
        });
    };
    if !review.is_empty() {
        ui.heading(RichText::new(format!("To review ({})", review.len())).color(warn));
        ui.label("The transcript changed; these may have moved. Confirm or reject each.");
        let n = review.len();
        for a in review.into_iter().take(ATTENTION_SHOWN) {
            let Placement::Review {
                candidate,
                similarity,
            } = &a.placement
            else {
                continue;
            };
            card(ui, a, &mut |ui| {
                ui.label(format!(
                    "now at {}, {similarity}% alike: “{}”",
                    candidate.start,
                    shorten(&candidate.quote, 140)
                ));
                ui.horizontal(|ui| {
                    if ui.button("Show").clicked() {
                        actions.push(Action::ActivateAnnotation(Some(a.id.clone())));
                    }
                    if ui.button("Accept move").clicked() {
                        actions.push(Action::Edit(Edit::Reattach {
                            id: a.id.clone(),
                            anchor: candidate.clone(),
                            placement: Placement::Moved,
                        }));
                    }
                    if ui.button("Reject").clicked() {
                        actions.push(Action::Edit(Edit::Reattach {
                            id: a.id.clone(),
                            anchor: Box::new(a.anchor.clone()),
                            placement: Placement::Orphaned,
                        }));
                    }
                });
            });
        }
        more(ui, n);
    }
    if !orphans.is_empty() {
        ui.heading(RichText::new(format!("Orphaned ({})", orphans.len())).color(warn));
        ui.label("Not found in the transcript. Select the passage, then attach.");
        let n = orphans.len();
        for a in orphans.into_iter().take(ATTENTION_SHOWN) {
            card(ui, a, &mut |ui| {
                let can = d.selection.is_some();
                if ui
                    .add_enabled(can, egui::Button::new("Attach to selection"))
                    .clicked()
                {
                    actions.push(Action::AttachToSelection(a.id.clone()));
                }
            });
        }
        more(ui, n);
    }
}

/// What the last merge could not settle: ours was kept; the user may take theirs instead.
fn conflicts_window(app: &mut PartlyApp, ctx: &egui::Context, actions: &mut Vec<Action>) {
    let Some(d) = &app.doc else { return };
    if d.conflicts.is_empty() {
        return;
    }
    let summary = |a: &Annotation| {
        let note = a
            .note
            .as_deref()
            .map_or(String::new(), |n| format!(" — {n}"));
        format!(
            "[{}] “{}”{note}",
            a.tags.join(", "),
            shorten(&a.anchor.quote, 80)
        )
    };
    egui::Window::new("Merge conflicts")
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label("Both versions changed these. Yours was kept; you can take theirs.");
            for (index, c) in d.conflicts.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(c.describe());
                    let (take, take_label) = match c {
                        Conflict::Annotation { ours, theirs } => {
                            ui.label(format!("Yours: {}", summary(ours)));
                            ui.label(format!("Theirs: {}", summary(theirs)));
                            (Some(Edit::ReplaceAnnotation(theirs.clone())), "Take theirs")
                        }
                        Conflict::DeletedAndChanged { kept, .. } => {
                            ui.label(summary(kept));
                            (Some(Edit::RemoveAnnotation(kept.id.clone())), "Delete it")
                        }
                        Conflict::Tag { .. } | Conflict::SpeakerEdits => (None, ""),
                    };
                    ui.horizontal(|ui| {
                        if let Some(edit) = take
                            && ui.button(take_label).clicked()
                        {
                            actions.push(Action::ResolveConflict {
                                index,
                                edit: Some(edit),
                            });
                        }
                        if ui.button("Keep mine").clicked() {
                            actions.push(Action::ResolveConflict { index, edit: None });
                        }
                    });
                });
            }
        });
}

/// The small windows.
pub fn windows(app: &mut PartlyApp, ctx: &egui::Context) {
    let mut actions = Vec::new();
    conflicts_window(app, ctx, &mut actions);
    if app.ui.goto_open {
        let mut open = true;
        egui::Window::new("Go to")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Page:line (e.g. 248:15), a page, or a line number");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut app.ui.goto_text)
                            .id(egui::Id::unique("go to field")),
                    )
                    .labelled_by(label.id);
                r.request_focus();
                if (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                    || ui.button("Go").clicked()
                {
                    actions.push(Action::GoTo(app.ui.goto_text.clone()));
                }
            });
        app.ui.goto_open &= open;
    }
    if app.ui.open_path_open {
        let mut open = true;
        egui::Window::new("Open by path")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Path to a transcript file");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut app.ui.open_path_text)
                            .id(egui::Id::unique("open path field"))
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                if (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                    || ui.button("Open").clicked()
                {
                    actions.push(Action::Open(app.ui.open_path_text.trim().into()));
                    app.ui.open_path_open = false;
                }
            });
        app.ui.open_path_open &= open;
    }
    if app.ui.save_as_open {
        let mut open = true;
        egui::Window::new("Save annotations as")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("A new file for the annotations (an existing file is never overwritten)");
                ui.add(
                    egui::TextEdit::singleline(&mut app.ui.save_as_text)
                        .id(egui::Id::unique("save as field"))
                        .desired_width(420.0),
                );
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        actions.push(Action::SaveAnnotationsTo(app.ui.save_as_text.trim().into()));
                    }
                    if ui.button("Choose…").clicked()
                        && let Some(p) = rfd::FileDialog::new()
                            .set_file_name("annotations.ron")
                            .save_file()
                    {
                        actions.push(Action::SaveAnnotationsTo(p));
                    }
                });
            });
        app.ui.save_as_open &= open;
    }
    if app.ui.report_open
        && let Some(d) = &app.doc
    {
        let mut open = true;
        egui::Window::new("Import report")
            .open(&mut open)
            .show(ctx, |ui| {
                let t = &d.doc.transcript;
                ui.label(format!("{}", d.doc.path.display()));
                ui.label(format!(
                    "Layout: {} ({}), {}",
                    t.format.describe(),
                    if t.format_detected {
                        "detected"
                    } else {
                        "as chosen"
                    },
                    t.encoding
                ));
                ui.label(match t.pages {
                    Some((a, b)) => format!("Pages {a}–{b}"),
                    None => "No page numbers: cited by line".into(),
                });
                ui.label(format!(
                    "{} turns, {} speakers",
                    t.turns.len(),
                    t.speakers.len()
                ));
                if let Some(h) = &d.index.health {
                    ui.separator();
                    let colour = match h.verdict {
                        Verdict::Good => ui.visuals().text_color(),
                        Verdict::Doubtful => ui.visuals().warn_fg_color,
                        Verdict::Poor => ui.visuals().error_fg_color,
                    };
                    ui.label(
                        RichText::new(format!("Reading: {}", h.verdict.name()))
                            .strong()
                            .color(colour),
                    );
                    let plural = |n: u32, one: &str, many: &str| {
                        format!("{n} {}", if n == 1 { one } else { many })
                    };
                    ui.label(format!(
                        "{:.0}% of lines in turns · {} without a question · {} holding another",
                        h.lines_in_turns * 100.0,
                        plural(h.answers_without_question, "answer", "answers"),
                        plural(h.turns_with_inner_markers, "turn", "turns"),
                    ));
                    for a in &h.advice {
                        ui.label(format!("• {a}"));
                    }
                    for p in &h.worst {
                        ui.label(RichText::new(format!("{}: {}", p.start, p.why)).weak());
                    }
                }
                // What to try: read the file in another layout (kept with the annotations).
                ui.horizontal_wrapped(|ui| {
                    ui.label("Read as:");
                    for f in Format::ALL {
                        let chosen = f == t.format;
                        let suggested = t.better_format == Some(f);
                        let text = if suggested {
                            RichText::new(f.name())
                                .strong()
                                .color(ui.visuals().hyperlink_color)
                        } else {
                            RichText::new(f.name())
                        };
                        let button = ui
                            .add_enabled(!chosen, egui::Button::new(text).selected(chosen))
                            .on_hover_text(f.describe());
                        if button.clicked() {
                            actions.push(Action::ReadAs(f));
                        }
                    }
                });
                ui.separator();
                if t.warnings.is_empty() {
                    ui.label("Nothing was skipped or guessed.");
                }
                // One line each, so only the ones in sight are laid out.
                let line = ui.text_style_height(&egui::TextStyle::Body);
                egui::ScrollArea::vertical().max_height(300.0).show_rows(
                    ui,
                    line,
                    t.warnings.len(),
                    |ui, range| {
                        for w in &t.warnings[range] {
                            ui.add(egui::Label::new(w.to_string()).truncate())
                                .on_hover_text(w.to_string());
                        }
                    },
                );
            });
        app.ui.report_open &= open;
    }
    if app.ui.close_blocked {
        egui::Window::new("Unsaved annotations")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label("Your latest annotations could not be saved, so the window stayed open.");
                ui.horizontal(|ui| {
                    if ui.button(Command::SaveAnnotationsAs.label()).clicked() {
                        app.ui.close_blocked = false;
                        actions.push(Action::Command(Command::SaveAnnotationsAs));
                    }
                    if ui.button("Keep working").clicked() {
                        app.ui.close_blocked = false;
                    }
                    if ui.button("Close without saving").clicked() {
                        app.ui.close_anyway = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
            });
    }
    stats_window(app, ctx);
    export_window(app, ctx, &mut actions);
    quote_window(app, ctx, &mut actions);
    tag_manager(app, ctx, &mut actions);
    speaker_manager(app, ctx, &mut actions);
    for a in actions {
        app.push(a);
    }
}

fn tag_manager(app: &mut PartlyApp, ctx: &egui::Context, actions: &mut Vec<Action>) {
    if !app.ui.tags_open {
        return;
    }
    let Some(d) = &app.doc else { return };
    let mut open = true;
    egui::Window::new("Tags").open(&mut open).default_width(460.0).show(ctx, |ui| {
        egui::Grid::new("tag grid").striped(true).show(ui, |ui| {
            for tag in &d.doc.sidecar.tags.tags {
                let mut rgb = [tag.colour.r, tag.colour.g, tag.colour.b];
                if ui.color_edit_button_srgb(&mut rgb).changed() {
                    actions.push(Action::Edit(Edit::SetTagColour {
                        name: tag.name.clone(),
                        colour: Colour::new(rgb[0], rgb[1], rgb[2]),
                    }));
                }
                let buf = app.ui.rename_buffers.entry(tag.name.clone()).or_insert_with(|| tag.name.clone());
                let r = ui
                    .add(egui::TextEdit::singleline(buf).desired_width(150.0))
                    .on_hover_text("Tag name (press Enter or click away to rename)");
                if r.lost_focus() && buf.trim() != tag.name && !buf.trim().is_empty() {
                    actions.push(Action::Edit(Edit::RenameTag {
                        old: tag.name.clone(),
                        new: buf.trim().to_owned(),
                    }));
                }
                let mut key = tag.hotkey;
                egui::ComboBox::new(("hotkey", &tag.name), "key")
                    .selected_text(key.map_or("no key".into(), |k| k.to_string()))
                    .width(70.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut key, None, "no key");
                        for k in 1..=9u8 {
                            ui.selectable_value(&mut key, Some(k), k.to_string());
                        }
                    });
                if key != tag.hotkey {
                    actions.push(Action::Edit(Edit::SetTagHotkey { name: tag.name.clone(), hotkey: key }));
                }
                let used = d.index.uses_of_tag(&tag.name);
                ui.label(RichText::new(format!("{used} used")).weak());
                if ui.button(format!("Delete {}", tag.name)).clicked() {
                    if used == 0 {
                        actions.push(Action::Edit(Edit::DeleteTag(tag.name.clone())));
                    } else {
                        app.ui.confirm_delete_tag = Some(tag.name.clone());
                    }
                }
                ui.end_row();
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("New tag");
            ui.add(egui::TextEdit::singleline(&mut app.ui.new_tag_name).hint_text("name"))
                .labelled_by(label.id);
            if ui.button("Add tag").clicked() && !app.ui.new_tag_name.trim().is_empty() {
                let mut tag = Tag::new(app.ui.new_tag_name.trim(), "Custom", Colour::new(0x60, 0x7d, 0x8b));
                tag.description = "A tag added for this transcript.".into();
                actions.push(Action::Edit(Edit::AddTag(tag)));
                app.ui.new_tag_name.clear();
            }
        });
        if let Some(name) = app.ui.confirm_delete_tag.clone() {
            let used = d.index.uses_of_tag(&name);
            ui.separator();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("\"{name}\" is used by {used} annotation(s). Delete it from them too? (Undo brings it back.)"),
            );
            ui.horizontal(|ui| {
                if ui.button("Delete tag and its uses").clicked() {
                    actions.push(Action::Edit(Edit::DeleteTag(name.clone())));
                    app.ui.confirm_delete_tag = None;
                }
                if ui.button("Keep it").clicked() {
                    app.ui.confirm_delete_tag = None;
                }
            });
        }
    });
    app.ui.tags_open &= open;
}

fn speaker_manager(app: &mut PartlyApp, ctx: &egui::Context, actions: &mut Vec<Action>) {
    if !app.ui.speakers_open {
        return;
    }
    let Some(d) = &app.doc else { return };
    let t = &d.doc.transcript;
    let mut open = true;
    egui::Window::new("Speakers")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            // The same person named in two languages: offered, never merged silently.
            for (other, name) in &d.index.aliases {
                ui.horizontal(|ui| {
                    ui.label(format!("\"{other}\" = \"{name}\"?"));
                    if ui
                        .button(format!("Merge {other} into {name}"))
                        .on_hover_text("The same person, named in another language")
                        .clicked()
                    {
                        actions.push(Action::Edit(Edit::Speaker(SpeakerEdit::Merge {
                            from: other.clone(),
                            into: name.clone(),
                        })));
                    }
                });
            }
            if !d.index.aliases.is_empty() {
                ui.separator();
            }
            egui::Grid::new("speaker grid")
                .striped(true)
                .show(ui, |ui| {
                    for s in &t.speakers {
                        let key = format!("speaker:{}", s.name);
                        let buf = app
                            .ui
                            .rename_buffers
                            .entry(key)
                            .or_insert_with(|| s.name.clone());
                        let r = ui
                            .add(egui::TextEdit::singleline(buf).desired_width(160.0))
                            .on_hover_text("Speaker name (press Enter or click away to rename)");
                        if r.lost_focus() && buf.trim() != s.name && !buf.trim().is_empty() {
                            actions.push(Action::Edit(Edit::Speaker(SpeakerEdit::Rename {
                                label: s.name.clone(),
                                name: buf.trim().to_owned(),
                            })));
                        }
                        let mut role = s.role;
                        egui::ComboBox::new(("role", s.id.0), "role")
                            .selected_text(role.name())
                            .show_ui(ui, |ui| {
                                for r in Role::ALL {
                                    ui.selectable_value(&mut role, r, r.name());
                                }
                            });
                        if role != s.role {
                            actions.push(Action::Edit(Edit::Speaker(SpeakerEdit::SetRole {
                                label: s.name.clone(),
                                role,
                            })));
                        }
                        ui.vertical(|ui| {
                            for alias in &s.aliases {
                                ui.horizontal(|ui| {
                                    ui.label(alias);
                                    if ui.small_button(format!("Split off {alias}")).clicked() {
                                        actions.push(Action::Edit(Edit::Speaker(
                                            SpeakerEdit::Split {
                                                label: alias.clone(),
                                            },
                                        )));
                                    }
                                });
                            }
                        });
                        ui.end_row();
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let name = |id: Option<u32>| {
                    id.and_then(|i| t.speakers.get(i as usize))
                        .map_or("…".to_owned(), |s| s.name.clone())
                };
                egui::ComboBox::new("merge from", "merge")
                    .selected_text(name(app.ui.merge_from))
                    .show_ui(ui, |ui| {
                        for s in &t.speakers {
                            ui.selectable_value(&mut app.ui.merge_from, Some(s.id.0), &s.name);
                        }
                    });
                egui::ComboBox::new("merge into", "into")
                    .selected_text(name(app.ui.merge_into))
                    .show_ui(ui, |ui| {
                        for s in &t.speakers {
                            ui.selectable_value(&mut app.ui.merge_into, Some(s.id.0), &s.name);
                        }
                    });
                if ui.button("Merge speakers").clicked()
                    && let (Some(a), Some(b)) = (app.ui.merge_from, app.ui.merge_into)
                    && let (Some(from), Some(into)) =
                        (t.speakers.get(a as usize), t.speakers.get(b as usize))
                {
                    actions.push(Action::Edit(Edit::Speaker(SpeakerEdit::Merge {
                        from: from.name.clone(),
                        into: into.name.clone(),
                    })));
                    app.ui.merge_from = None;
                    app.ui.merge_into = None;
                }
            });
        });
    app.ui.speakers_open &= open;
}

/// Per-witness and per-examiner figures, with a bar chart of answer classes.
fn stats_window(app: &mut PartlyApp, ctx: &egui::Context) {
    if !app.ui.stats_open {
        return;
    }
    let Some(d) = &mut app.doc else { return };
    let stats = d.stats().to_vec();
    let d = &*d;
    let mut open = true;
    egui::Window::new("Statistics")
        .open(&mut open)
        .default_width(620.0)
        .show(ctx, |ui| {
            egui::Grid::new("stats grid").striped(true).show(ui, |ui| {
                for h in [
                    "Speaker",
                    "Role",
                    "Questions",
                    "Answers",
                    "Evasive (suggested)",
                    "Evasive (tagged)",
                    "Longest evasive run",
                    "Repeated",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for s in &stats {
                    let evasive =
                        |m: &std::collections::BTreeMap<crate::analysis::Label9, usize>| {
                            m.iter()
                                .filter(|(l, _)| l.label3() != crate::analysis::Label3::ClearReply)
                                .map(|(_, n)| n)
                                .sum::<usize>()
                        };
                    ui.label(&s.name);
                    ui.label(s.role.name());
                    ui.label(s.questions.to_string());
                    ui.label(s.answers.to_string());
                    ui.label(evasive(&s.suggested).to_string());
                    ui.label(evasive(&s.tagged).to_string());
                    ui.label(s.longest_evasive_run.map_or("-".to_owned(), |r| {
                        format!("{} ({}–{})", r.length, r.start, r.end)
                    }));
                    ui.label(s.repeated_questions.to_string());
                    ui.end_row();
                }
            });
            ui.separator();
            ui.label("Suggested classes of each witness's answers");
            let witnesses: Vec<_> = stats
                .iter()
                .filter(|s| s.role == crate::transcript::Role::Witness)
                .collect();
            let mut charts = Vec::new();
            let mut below: Vec<f64> = vec![0.0; witnesses.len()];
            for l in crate::analysis::Label9::ALL {
                let bars: Vec<egui_plot::Bar> = witnesses
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        let n = s.suggested.get(&l).copied().unwrap_or(0) as f64;
                        let bar = egui_plot::Bar::new(k as f64, n)
                            .base_offset(below[k])
                            .width(0.6);
                        below[k] += n;
                        bar
                    })
                    .collect();
                let colour = d
                    .doc
                    .sidecar
                    .tags
                    .find(l.tag())
                    .map_or(Color32::GRAY, |t| theme::tag_colour(t.colour));
                charts.push(egui_plot::BarChart::new(l.tag(), bars).color(colour));
            }
            let names: Vec<String> = witnesses.iter().map(|s| s.name.clone()).collect();
            egui_plot::Plot::new("class chart")
                .height(220.0)
                .legend(egui_plot::Legend::default())
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .x_axis_formatter(move |mark, _| {
                    let k = mark.value.round();
                    if (mark.value - k).abs() < 1e-6 && k >= 0.0 {
                        names.get(k as usize).cloned().unwrap_or_default()
                    } else {
                        String::new()
                    }
                })
                .show(ui, |plot| {
                    for c in charts {
                        plot.bar_chart(c);
                    }
                });
        });
    app.ui.stats_open &= open;
}

/// File > Export excerpts…: format, filters, cite prefix, context, and where to write.
fn export_window(app: &mut PartlyApp, ctx: &egui::Context, actions: &mut Vec<Action>) {
    if !app.ui.export.open {
        return;
    }
    let Some(d) = &app.doc else { return };
    let e = &mut app.ui.export;
    let mut open = true;
    egui::Window::new("Export excerpts")
        .open(&mut open)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for f in crate::export::ExportFormat::ALL {
                    if ui.radio(e.format == f, f.label()).clicked() {
                        e.format = f;
                        if let Some(dot) = e.path.rfind('.') {
                            e.path = format!("{}.{}", &e.path[..dot], f.extension());
                        }
                    }
                }
            });
            ui.label("Tags (none ticked: all annotations)");
            ui.horizontal_wrapped(|ui| {
                for tag in &d.doc.sidecar.tags.tags {
                    let mut on = e.tags.contains(&tag.name);
                    if ui.checkbox(&mut on, &tag.name).changed() {
                        if on {
                            e.tags.push(tag.name.clone());
                        } else {
                            e.tags.retain(|t| t != &tag.name);
                        }
                    }
                }
            });
            egui::ComboBox::new("export speaker", "speaker")
                .selected_text(e.speaker.clone().unwrap_or_else(|| "Any speaker".into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut e.speaker, None, "Any speaker");
                    for s in &d.doc.transcript.speakers {
                        ui.selectable_value(&mut e.speaker, Some(s.name.clone()), &s.name);
                    }
                });
            ui.checkbox(&mut e.only_selected, "Only the selection's annotations");
            ui.checkbox(
                &mut e.include_question,
                "Include the question each answer answers",
            );
            ui.add(egui::Slider::new(&mut e.context, 0..=5).text("turns of context"));
            ui.horizontal(|ui| {
                let label = ui.label("Cite prefix");
                ui.add(egui::TextEdit::singleline(&mut e.prefix).desired_width(120.0))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                let label = ui.label("Save to");
                ui.add(egui::TextEdit::singleline(&mut e.path).desired_width(320.0))
                    .labelled_by(label.id);
                if ui.button("Choose…").clicked()
                    && let Some(p) = rfd::FileDialog::new()
                        .add_filter(e.format.label(), &[e.format.extension()])
                        .save_file()
                {
                    e.path = p.display().to_string();
                }
            });
            if e.confirm_replace {
                ui.colored_label(ui.visuals().warn_fg_color, format!("{} exists.", e.path));
                ui.horizontal(|ui| {
                    if ui.button("Replace it").clicked() {
                        actions.push(Action::ExportTo {
                            path: e.path.trim().into(),
                            replace: true,
                        });
                    }
                    if ui.button("Keep it").clicked() {
                        e.confirm_replace = false;
                    }
                });
            } else if ui.button("Export").clicked() {
                actions.push(Action::ExportTo {
                    path: e.path.trim().into(),
                    replace: false,
                });
            }
        });
    app.ui.export.open &= open;
}

/// Edit > Check a quote…: is it verbatim? Every match, or the closest passage with a diff.
fn quote_window(app: &mut PartlyApp, ctx: &egui::Context, actions: &mut Vec<Action>) {
    if !app.ui.quote.open {
        return;
    }
    let q = &mut app.ui.quote;
    let mut open = true;
    egui::Window::new("Check a quote")
        .open(&mut open)
        .default_width(480.0)
        .show(ctx, |ui| {
            let label = ui.label("Quote to check");
            let r = ui
                .add(
                    egui::TextEdit::multiline(&mut q.text)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            let enter = r.has_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter) && i.modifiers.command);
            if ui.button("Check").clicked() || enter {
                actions.push(Action::CheckQuote(q.text.clone()));
            }
            let Some(v) = &q.result else { return };
            ui.separator();
            let good = Color32::from_rgb(0x2e, 0x9d, 0x4f);
            if v.verbatim {
                ui.colored_label(
                    good,
                    format!(
                        "Verbatim: {} match{}",
                        v.matches.len(),
                        if v.matches.len() == 1 { "" } else { "es" }
                    ),
                );
            } else {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Not verbatim in this transcript",
                );
            }
            for n in &v.notes {
                ui.label(RichText::new(n).weak());
            }
            for m in &v.matches {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "{} — {}",
                        crate::export::cite("", m.start, m.end),
                        m.speaker
                    ));
                    if ui
                        .button(format!("Show {}", crate::export::cite("", m.start, m.end)))
                        .clicked()
                    {
                        actions.push(Action::ShowPassage {
                            turn: m.turn,
                            start: m.start_offset,
                            end: m.end_offset,
                        });
                    }
                });
            }
            if let Some(c) = &v.closest {
                ui.label(format!(
                    "Closest passage ({:.0}% similar): {} — {}",
                    c.similarity * 100.0,
                    crate::export::cite("", c.passage.start, c.passage.end),
                    c.passage.speaker
                ));
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    for op in &c.diff {
                        use crate::analysis::verify::DiffOp;
                        match op {
                            DiffOp::Same(w) => {
                                ui.label(w);
                            }
                            DiffOp::Missing(w) => {
                                ui.label(
                                    RichText::new(format!("record: {w}"))
                                        .color(good)
                                        .underline(),
                                );
                            }
                            DiffOp::Extra(w) => {
                                ui.label(
                                    RichText::new(format!("quote: {w}"))
                                        .color(ui.visuals().error_fg_color)
                                        .strikethrough(),
                                );
                            }
                        }
                    }
                });
                if ui.button("Show the passage").clicked() {
                    actions.push(Action::ShowPassage {
                        turn: c.passage.turn,
                        start: c.passage.start_offset,
                        end: c.passage.end_offset,
                    });
                }
            }
        });
    app.ui.quote.open &= open;
}
