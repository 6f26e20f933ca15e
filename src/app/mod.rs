//! The window. The egui layer only: it shows the transcript and (from the next issue on)
//! turns input into actions; everything it shows comes from the library below it.

use crate::transcript::{self, Format, Role, Transcript, TurnKind};
use std::path::PathBuf;
use std::process::ExitCode;

/// The exchange partly is named after, bundled so that `partly` alone shows something real.
pub const SAMPLE_NAME: &str = "distillation_exchange.txt";
pub const SAMPLE_TEXT: &str = include_str!("../../sample_transcripts/distillation_exchange.txt");

/// What the window shows: a parsed transcript, or why one could not be opened.
pub struct PartlyApp {
    title: String,
    transcript: Option<Transcript>,
    error: Option<String>,
}

impl PartlyApp {
    /// Opens `file`, or the bundled sample when there is none. A file that cannot be read
    /// still opens the window, with the error in it.
    pub fn new(file: Option<PathBuf>, format: Option<Format>) -> Self {
        match file {
            None => PartlyApp {
                title: SAMPLE_NAME.to_owned(),
                transcript: Some(transcript::parse_text(
                    SAMPLE_TEXT.to_owned(),
                    "UTF-8",
                    format,
                )),
                error: None,
            },
            Some(path) => {
                let title = path.display().to_string();
                match transcript::load(&path, format) {
                    Ok(l) => PartlyApp {
                        title,
                        transcript: Some(l.transcript),
                        error: None,
                    },
                    Err(e) => PartlyApp {
                        title,
                        transcript: None,
                        error: Some(e.to_string()),
                    },
                }
            }
        }
    }

    /// Draws the whole window into `ui`.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("header").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(&self.title);
                if let Some(t) = &self.transcript {
                    ui.label(format!(
                        "{} · {} turns · {} speakers",
                        t.format.describe(),
                        t.turns.len(),
                        t.speakers.len()
                    ));
                }
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(e) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            let Some(t) = &self.transcript else {
                return;
            };
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    for turn in &t.turns {
                        ui.horizontal_top(|ui| {
                            ui.add_sized(
                                [64.0, 16.0],
                                egui::Label::new(
                                    egui::RichText::new(turn.start.to_string())
                                        .monospace()
                                        .weak(),
                                ),
                            );
                            ui.vertical(|ui| {
                                let colour = match turn.role {
                                    Role::Examiner => egui::Color32::from_rgb(0x3b, 0x82, 0xc4),
                                    Role::Witness => egui::Color32::from_rgb(0xd0, 0x6a, 0x2f),
                                    _ => ui.visuals().weak_text_color(),
                                };
                                ui.label(
                                    egui::RichText::new(t.speaker_name(turn))
                                        .strong()
                                        .color(colour),
                                );
                                let text = egui::RichText::new(&turn.text);
                                ui.label(if turn.kind == TurnKind::Question {
                                    text.italics()
                                } else {
                                    text
                                });
                            });
                        });
                        ui.add_space(4.0);
                    }
                });
        });
    }
}

impl eframe::App for PartlyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }
}

/// Runs the window until it is closed.
pub fn run(file: Option<PathBuf>, format: Option<Format>) -> anyhow::Result<ExitCode> {
    let app = PartlyApp::new(file, format);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("partly — {}", app.title))
            .with_inner_size([1000.0, 700.0]),
        ..Default::default()
    };
    eframe::run_native("partly", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
