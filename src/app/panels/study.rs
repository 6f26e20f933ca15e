//! View > Study view: beside the transcript, the examinations and their chapters, and each
//! examination's scorecard; every number filters the transcript to its questions, every
//! chapter jumps to its start.

use crate::analysis::study::{Examination, Form};
use crate::app::view_state::StudyFilter;
use crate::app::{Action, Snapshot};
use egui::RichText;

/// Shows the panel while the study view is on.
pub fn show(ui: &mut egui::Ui, snap: &Snapshot, actions: &mut Vec<Action>) {
    let Some(d) = snap.session else { return };
    if d.study_pending() {
        egui::Panel::left("study")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                ui.heading("Study");
                // No spinner: it would ask for a frame at every frame; the window looks
                // again every tenth of a second until the study is in.
                ui.label("Working out the study of this long transcript…");
            });
        return;
    }
    let Some(study) = &d.study else { return };
    // Never wider than about half the window, whatever a title holds: the transcript
    // stays in view.
    let widest = (ui.available_width() * 0.45).max(240.0);
    egui::Panel::left("study")
        .resizable(true)
        .default_size(320.0_f32.min(widest))
        .max_size(widest)
        .show(ui, |ui| {
            ui.heading("Study");
            for w in study.warnings() {
                ui.colored_label(ui.visuals().warn_fg_color, w);
            }
            if study.examinations.is_empty() {
                ui.label("No examiner questions were found.");
                return;
            }
            let filter = snap.view.study_filter;
            if filter.is_some() && ui.button("Show every turn").clicked() {
                actions.push(Action::SetStudyFilter(None));
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (i, e) in study.examinations.iter().enumerate() {
                    egui::CollapsingHeader::new(RichText::new(short(&e.title, 44)).strong())
                        .id_salt(("examination", i))
                        .default_open(true)
                        .show(ui, |ui| scorecard(ui, i, e, filter, actions))
                        .header_response
                        .on_hover_text(&e.title);
                }
            });
        });
}

fn scorecard(
    ui: &mut egui::Ui,
    i: usize,
    e: &Examination,
    filter: Option<StudyFilter>,
    actions: &mut Vec<Action>,
) {
    ui.label(format!(
        "{} → {} · {}–{}",
        e.examiner,
        if e.witness.is_empty() {
            "—"
        } else {
            &e.witness
        },
        e.start,
        e.end
    ));
    let n = e.questions.len().max(1);
    let mut link = |ui: &mut egui::Ui, text: String, form: Option<Form>| {
        let f = StudyFilter {
            examination: Some(i),
            form,
        };
        let on = filter == Some(f);
        if ui.selectable_label(on, text).clicked() {
            actions.push(Action::SetStudyFilter((!on).then_some(f)));
        }
    };
    ui.horizontal_wrapped(|ui| {
        link(ui, format!("{} questions", e.questions.len()), None);
        for (form, list) in [
            (Form::Leading, &e.leading),
            (Form::Open, &e.open),
            (Form::Closed, &e.closed),
        ] {
            link(
                ui,
                format!(
                    "{} {} ({:.0}%)",
                    list.len(),
                    form.name(),
                    list.len() as f64 * 100.0 / n as f64
                ),
                Some(form),
            );
        }
    });
    ui.label(format!(
        "{} compound · {} repeated · words per question: median {}{}",
        e.compound.len(),
        e.repeats.len(),
        e.median_words,
        e.longest_question
            .map_or_else(String::new, |(_, w)| format!(", longest {w}"))
    ));
    ui.horizontal_wrapped(|ui| {
        let n = e.nonresponsive.len();
        ui.label(format!(
            "Runaway witness: {n} yes/no question{} the witness did not answer",
            if n == 1 { "" } else { "s" }
        ));
        if let Some(&first) = e.nonresponsive.first()
            && ui.link("first").clicked()
        {
            actions.push(Action::SelectTurn {
                turn: first,
                extend: false,
            });
        }
    });
    if let Some((turn, w)) = e.longest_answer
        && ui
            .link(format!(
                "Longest answer: {w} word{}",
                if w == 1 { "" } else { "s" }
            ))
            .clicked()
    {
        actions.push(Action::SelectTurn {
            turn,
            extend: false,
        });
    }
    for c in &e.chapters {
        let title = if c.title.is_empty() {
            "(chapter)"
        } else {
            &c.title
        };
        if ui
            .link(format!("· {title}  {}–{}", c.start, c.end))
            .on_hover_text("Go to the chapter's first question")
            .clicked()
        {
            actions.push(Action::SelectTurn {
                turn: c.first_turn,
                extend: false,
            });
        }
    }
}

/// `s` cut to at most `n` characters, with "…" where it was cut.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let cut: String = s.chars().take(n.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
