//! View > Statistics…: per-witness and per-examiner figures, with a bar chart of the
//! suggested answer classes.

use crate::analysis::stats::SpeakerStats;
use crate::app::session::Session;
use crate::app::{Snapshot, theme};
use egui::Color32;

#[derive(Debug, Default)]
pub struct StatisticsWindow {
    pub open: bool,
    /// The figures and the session revision they were worked out for.
    cache: Option<((u64, u64), Vec<SpeakerStats>)>,
}

impl StatisticsWindow {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    /// Per-speaker statistics, worked out again only after a change.
    fn stats(&mut self, d: &Session) -> Vec<SpeakerStats> {
        if self.cache.as_ref().is_none_or(|(r, _)| *r != d.revision()) {
            self.cache = Some((d.revision(), d.stats()));
        }
        self.cache
            .as_ref()
            .map_or_else(Vec::new, |(_, s)| s.clone())
    }

    /// Per-witness and per-examiner figures, with a bar chart of answer classes.
    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot) {
        if !self.open {
            return;
        }
        let Some(d) = snap.session else { return };
        let stats = self.stats(d);
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
                        ui.label(&s.name);
                        ui.label(s.role.name());
                        ui.label(s.questions.to_string());
                        ui.label(s.answers.to_string());
                        ui.label(s.evasive_suggested().to_string());
                        ui.label(s.evasive_tagged().to_string());
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
        self.open &= open;
    }
}
