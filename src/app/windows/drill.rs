//! View > Drill…: pick an examination; partly hides its marks there; label each question's
//! form (or each answer's class) into a practice file of your own; "Check my answers" against
//! partly's reading or a teacher's annotation file, item by item with the reasons.

use crate::analysis::study::drill::DrillKind;
use crate::app::{Action, Snapshot};
use egui::RichText;

#[derive(Debug)]
pub struct DrillWindow {
    pub open: bool,
    pub examination: usize,
    pub kind: DrillKind,
    /// A teacher's annotation file to check against (empty: partly's reading).
    pub teacher: String,
    /// The examinations to choose from (label, questions), worked out once per change of the
    /// document rather than every frame.
    examinations: Option<((u64, u64), Vec<Choice>)>,
}

/// An examination to drill: its label (title, witness, start, questions) and how many
/// questions it has.
type Choice = (String, usize);

impl Default for DrillWindow {
    fn default() -> Self {
        DrillWindow {
            open: false,
            examination: 0,
            kind: DrillKind::QuestionForm,
            teacher: String::new(),
            examinations: None,
        }
    }
}

impl DrillWindow {
    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let Some(d) = snap.session else { return };
        let mut open = true;
        egui::Window::new("Drill")
            .open(&mut open)
            .default_width(620.0)
            .default_pos([340.0, 60.0])
            .show(ctx, |ui| match &snap.view.drill {
                None => self.setup(ui, d, actions),
                Some(dr) => {
                    let t = &d.doc.transcript;
                    ui.label(format!(
                        "{} — your answers are saved to {}",
                        dr.practice.examination,
                        dr.path.display()
                    ));
                    let choices = dr.practice.kind.choices();
                    egui::ScrollArea::vertical()
                        .max_height(360.0)
                        .show(ui, |ui| {
                            for &turn in &dr.items {
                                let x = &t.turns[turn];
                                ui.horizontal_wrapped(|ui| {
                                    if ui.link(x.start.to_string()).clicked() {
                                        actions.push(Action::SelectTurn {
                                            turn,
                                            extend: false,
                                        });
                                    }
                                    ui.label(crate::text::chars::shorten(&x.text, 110));
                                });
                                ui.horizontal_wrapped(|ui| {
                                    let mine = dr.practice.answers.get(&turn);
                                    for c in &choices {
                                        let on = mine == Some(c);
                                        let name = format!("{c} for {}", x.start);
                                        let r = ui.selectable_label(on, c);
                                        r.widget_info(|| {
                                            egui::WidgetInfo::labeled(
                                                egui::Role::Button,
                                                true,
                                                &name,
                                            )
                                        });
                                        if r.clicked() {
                                            actions.push(Action::DrillAnswer {
                                                turn,
                                                label: c.clone(),
                                            });
                                        }
                                    }
                                });
                                if let Some(s) = &dr.score
                                    && let Some(item) = s.items.iter().find(|i| i.turn == turn)
                                {
                                    let (mark, colour) = match (&item.key, item.right) {
                                        (None, _) => {
                                            ("no key".to_owned(), ui.visuals().weak_text_color())
                                        }
                                        (Some(k), true) => (
                                            format!("Right: {k}"),
                                            egui::Color32::from_rgb(90, 170, 90),
                                        ),
                                        (Some(k), false) => (
                                            format!("Wrong: the key says {k}"),
                                            ui.visuals().warn_fg_color,
                                        ),
                                    };
                                    ui.label(RichText::new(mark).color(colour))
                                        .on_hover_text(item.reasons.join("\n"));
                                    for r in item.reasons.iter().take(2) {
                                        ui.label(RichText::new(format!("  + {r}")).small().weak());
                                    }
                                }
                                ui.separator();
                            }
                        });
                    if let Some(s) = &dr.score {
                        ui.label(
                            RichText::new(format!(
                                "Score: {} of {} right{}",
                                s.right,
                                s.out_of,
                                s.kappa.map_or_else(String::new, |k| format!(
                                    " (kappa with the key {k:.2})"
                                ))
                            ))
                            .strong(),
                        );
                    }
                    let label = ui
                        .label("Teacher's annotation file (empty: check against partly's reading)");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.teacher)
                            .id(egui::Id::unique("teacher path field"))
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                    ui.horizontal(|ui| {
                        if ui.button("Check my answers").clicked() {
                            let teacher = self.teacher.trim();
                            actions.push(Action::CheckDrill {
                                teacher: (!teacher.is_empty()).then(|| teacher.into()),
                            });
                        }
                        if ui.button("End drill").clicked() {
                            actions.push(Action::EndDrill);
                        }
                    });
                }
            });
        if !open {
            self.open = false;
            if snap.view.drill.is_some() {
                actions.push(Action::EndDrill);
            }
        }
    }

    fn setup(&mut self, ui: &mut egui::Ui, d: &crate::app::Session, actions: &mut Vec<Action>) {
        if self
            .examinations
            .as_ref()
            .is_none_or(|(r, _)| *r != d.revision())
        {
            let list = d
                .study_or_work_out()
                .examinations
                .iter()
                .map(|e| {
                    // Titles repeat (a DIRECT EXAMINATION of each witness): who answers and
                    // where it starts tell them apart.
                    let n = e.questions.len();
                    let who = if e.witness.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", e.witness)
                    };
                    let s = if n == 1 { "" } else { "s" };
                    (
                        format!("{}{who}, {} ({n} question{s})", e.title, e.start),
                        n,
                    )
                })
                .collect();
            self.examinations = Some((d.revision(), list));
        }
        let count = self.examinations.as_ref().map_or(0, |(_, l)| l.len());
        if count == 0 {
            ui.label("This transcript has no examiner questions to drill.");
            return;
        }
        ui.label("Examination");
        for (i, (label, _)) in self
            .examinations
            .iter()
            .flat_map(|(_, l)| l.iter())
            .enumerate()
        {
            ui.radio_value(&mut self.examination, i, label.as_str());
        }
        ui.label("What to label");
        ui.radio_value(
            &mut self.kind,
            DrillKind::QuestionForm,
            "Each question's form",
        );
        ui.radio_value(
            &mut self.kind,
            DrillKind::AnswerClass,
            "Each answer's evasion class",
        );
        if ui.button("Start drill").clicked() {
            actions.push(Action::StartDrill {
                examination: self.examination.min(count - 1),
                kind: self.kind,
            });
        }
    }
}
