//! File > Check an article…: every quotation of an article (a file, or pasted text) against
//! the open transcript: a status chip, the article's words beside the record's with the diff,
//! a jump to the passage, "Tag as Quote" on a verbatim one, and a fact-check report.

use crate::annotation::Intent;
use crate::app::{Action, Snapshot};
use crate::quote::DiffOp;
use crate::quote::article::{ArticleQuote, Status};
use egui::{Color32, RichText};

#[derive(Debug, Default)]
pub struct ArticleWindow {
    pub open: bool,
    /// An article file to read.
    pub path: String,
    /// Or its text, pasted.
    pub pasted: String,
    /// What the last check found, and the article's name.
    pub results: Option<(String, Vec<ArticleQuote>)>,
    /// Where to save the report (.md or .html).
    pub report: String,
}

fn chip(status: Status) -> RichText {
    let colour = match status {
        Status::Verbatim => Color32::from_rgb(46, 125, 50),
        Status::Altered => Color32::from_rgb(178, 106, 0),
        Status::Misattributed => Color32::from_rgb(142, 36, 170),
        Status::NotFound => Color32::from_rgb(198, 40, 40),
    };
    RichText::new(format!(" {} ", status.name().replace('_', " ")))
        .color(Color32::WHITE)
        .background_color(colour)
        .small()
}

impl ArticleWindow {
    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
        if !self.open || snap.session.is_none() {
            return;
        }
        let mut open = true;
        egui::Window::new("Check an article")
            .open(&mut open)
            .default_width(720.0)
            .default_pos([300.0, 60.0])
            .show(ctx, |ui| {
                let label = ui.label("Article file (text, Markdown or HTML)");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.path)
                            .id(egui::Id::unique("article path field"))
                            .desired_width(440.0),
                    )
                    .labelled_by(label.id);
                    if ui.button("Check file").clicked() && !self.path.trim().is_empty() {
                        actions.push(Action::CheckArticleFile(self.path.trim().into()));
                    }
                });
                let label = ui.label("Or paste the article");
                ui.add(
                    egui::TextEdit::multiline(&mut self.pasted)
                        .id(egui::Id::unique("article text field"))
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                if ui.button("Check pasted text").clicked() && !self.pasted.trim().is_empty() {
                    actions.push(Action::CheckArticle {
                        name: "pasted article".into(),
                        text: self.pasted.clone(),
                    });
                }
                let Some((name, quotes)) = &self.results else {
                    return;
                };
                ui.separator();
                let n = |s: Status| quotes.iter().filter(|q| q.status == s).count();
                ui.label(
                    RichText::new(format!(
                        "{name}: {} quotations — {} verbatim, {} altered, {} misattributed, {} not found",
                        quotes.len(),
                        n(Status::Verbatim),
                        n(Status::Altered),
                        n(Status::Misattributed),
                        n(Status::NotFound)
                    ))
                    .strong(),
                );
                egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
                    for (k, q) in quotes.iter().enumerate() {
                        quote_row(ui, k, q, actions);
                        ui.separator();
                    }
                });
                let label = ui.label("Save a fact-check report to (.md or .html)");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.report)
                            .id(egui::Id::unique("article report field"))
                            .desired_width(440.0),
                    )
                    .labelled_by(label.id);
                    if ui.button("Save report").clicked() && !self.report.trim().is_empty() {
                        actions.push(Action::SaveArticleReport(self.report.trim().into()));
                    }
                });
            });
        self.open &= open;
    }
}

fn quote_row(ui: &mut egui::Ui, k: usize, q: &ArticleQuote, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(chip(q.status));
        ui.label(format!("line {}", q.article_line));
        if let Some(s) = &q.said_by {
            ui.label(format!("attributed to {s}"));
        }
        for f in &q.flags {
            ui.label(RichText::new(f.flag.replace('_', " ")).small().italics())
                .on_hover_text(&f.reason);
        }
    });
    ui.columns(2, |cols| {
        cols[0].label(RichText::new("Article").weak().small());
        cols[0].label(format!("“{}”", q.text));
        cols[1].label(RichText::new("Record").weak().small());
        match &q.record {
            Some(m) => {
                cols[1].label(format!(
                    "{} ({}–{}): “{}”",
                    m.passage.speaker, m.passage.start, m.passage.end, m.passage.text
                ));
            }
            None => {
                cols[1].label("Not found in the record.");
            }
        }
    });
    if let Some(m) = &q.record {
        if !m.diff.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{:.0}% alike:", m.similarity * 100.0)).small());
                for op in &m.diff {
                    let t = match op {
                        DiffOp::Same(s) => RichText::new(s),
                        DiffOp::Missing(s) => RichText::new(s)
                            .strikethrough()
                            .color(ui.visuals().warn_fg_color),
                        DiffOp::Extra(s) => RichText::new(s)
                            .underline()
                            .color(ui.visuals().hyperlink_color),
                    };
                    ui.label(t.small());
                }
            });
        }
        ui.horizontal(|ui| {
            let show = ui.button("Show in transcript");
            show.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Show quote {} in transcript", k + 1),
                )
            });
            if show.clicked() {
                actions.push(Action::ShowPassage {
                    turn: m.passage.turn,
                    start: m.passage.start_offset,
                    end: m.passage.end_offset,
                });
            }
            if q.status == Status::Verbatim {
                let tag = ui.button("Tag as Quote");
                tag.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Tag quote {} as Quote", k + 1),
                    )
                });
                if tag.clicked() {
                    actions.push(Action::Do(Intent::Annotate {
                        turn: m.passage.turn,
                        tags: vec!["Quote".into()],
                        note: None,
                        quote: Some(m.passage.text.clone()),
                    }));
                }
            }
        });
    }
}
