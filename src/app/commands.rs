//! What each [`Command`] does: [`PartlyApp::run_command`] dispatches to a focused method.
//! Labels, shortcuts and when a command is enabled are in the registry (`command.rs`).

use super::view_state::Selection;
use super::{Action, Command, Dir, PartlyApp};
use crate::annotation::Intent;

impl PartlyApp {
    pub(super) fn run_command(&mut self, c: Command) {
        match c {
            Command::Open => self.pick_and_open(),
            Command::OpenPath => self.windows.open_path.open = true,
            Command::OpenSample => self.open_sample(false),
            Command::Save => {
                self.save();
            }
            Command::SaveAnnotationsAs => self.show_save_as(),
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::Find => {
                if self.doc.is_some() {
                    self.view.find.open = true;
                    self.panels.find_bar.focus = true;
                }
            }
            Command::FindNext => self.find_step(Dir::Next),
            Command::FindPrevious => self.find_step(Dir::Previous),
            Command::GoTo => self.windows.go_to.open = true,
            Command::SelectExchange => self.select_exchange(),
            Command::SelectPrevious => self.step_selection(false),
            Command::SelectNext => self.step_selection(true),
            Command::NextAnnotation => self.cycle_annotations(),
            Command::DeleteAnnotation => {
                if self.doc.is_some()
                    && let Some(id) = self.view.active.clone()
                {
                    let _ = self.act(Intent::Delete { id }, false);
                }
            }
            Command::ClearSelection => {
                if self.doc.is_some() {
                    let v = &mut self.view;
                    if v.find.open {
                        v.find.open = false;
                    } else {
                        v.select(None);
                        v.active = None;
                    }
                }
            }
            Command::ZoomIn => self.prefs.zoom = (self.prefs.zoom + 0.1).min(3.0),
            Command::ZoomOut => self.prefs.zoom = (self.prefs.zoom - 0.1).max(0.5),
            Command::ZoomReset => self.prefs.zoom = 1.0,
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ImportReport => self.windows.import_report.toggle(),
            Command::Export => self.show_export(),
            Command::CheckQuote => self.windows.check_quote.toggle(),
            Command::CopyCitation => self.copy_citation(),
            Command::ToggleSuggestions => {
                self.prefs.show_suggestions = !self.prefs.show_suggestions
            }
            Command::ToggleAnnotationsPanel => {
                self.prefs.show_annotations = !self.prefs.show_annotations
            }
            Command::Statistics => self.windows.statistics.toggle(),
            Command::CompareAnnotators => self.windows.compare.open = true,
            Command::Drill => self.windows.drill.open = true,
            Command::CheckArticle => self.windows.article.open = true,
            Command::StudyView => {
                if let Some(d) = &mut self.doc {
                    if d.study_shown() {
                        d.hide_study();
                    } else {
                        d.show_study();
                    }
                    self.view.study_filter = None;
                    self.transcript_view.rows.invalidate();
                }
            }
            Command::AcceptSuggestion => self.settle_suggestion(true),
            Command::DismissSuggestion => self.settle_suggestion(false),
            Command::TagManager => self.windows.tags.toggle(),
            Command::SpeakerManager => self.windows.speakers.toggle(),
        }
    }

    /// The system's file dialog; without one (no portal running), the path field.
    fn pick_and_open(&mut self) {
        let picked = rfd::FileDialog::new()
            .add_filter(
                "Transcripts",
                &["txt", "text", "md", "pdf", "html", "htm", "docx"],
            )
            .pick_file();
        match picked {
            Some(p) => self.open(&p, None),
            None => self.windows.open_path.open = true,
        }
    }

    fn show_save_as(&mut self) {
        if let Some(d) = &self.doc {
            self.windows.save_as.text = d
                .doc
                .path
                .with_extension("annotations.ron")
                .display()
                .to_string();
        }
        self.windows.save_as.open = true;
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(d) = &mut self.doc else { return };
        d.history.seal();
        let r = if undo {
            d.history.undo(&mut d.doc)
        } else {
            d.history.redo(&mut d.doc)
        };
        match r {
            Ok(true) => self.document_changed(),
            Ok(false) => self.status = "Nothing to undo or redo".into(),
            Err(e) => self.status = format!("Could not undo: {e}"),
        }
    }

    /// Selects the next (or previous) turn shown, and brings it into sight.
    fn step_selection(&mut self, next: bool) {
        let Some(d) = &self.doc else { return };
        let visible = self.view.visible_turns(d);
        let current = self.view.selection.map(|s| s.turns().0);
        let pos = current.and_then(|c| visible.iter().position(|&v| v == c));
        let turn = match (next, pos) {
            (true, Some(p)) => visible.get(p + 1).copied(),
            (false, Some(p)) => p.checked_sub(1).and_then(|p| visible.get(p).copied()),
            _ => visible.first().copied(),
        };
        if let Some(turn) = turn {
            self.select_turn(turn, false);
            if self.doc.is_some() {
                self.transcript_view.scroll_to = Some(turn);
            }
        }
    }

    /// Makes the next annotation on the selected turn the active one.
    fn cycle_annotations(&mut self) {
        let Some(d) = &self.doc else { return };
        let Some((first, _)) = self.view.selection.map(Selection::turns) else {
            return;
        };
        let here: Vec<String> = d.annotations_on(first).map(|a| a.id.clone()).collect();
        if here.is_empty() {
            return;
        }
        let pos = self
            .view
            .active
            .as_ref()
            .and_then(|a| here.iter().position(|h| h == a));
        self.view.active = Some(here[pos.map_or(0, |p| (p + 1) % here.len())].clone());
    }

    /// Accepts (as a tag on the whole answer) or dismisses the selected answer's suggestion.
    fn settle_suggestion(&mut self, accept: bool) {
        let Some(d) = &self.doc else { return };
        let Some((turn, _)) = self.view.selection.map(Selection::turns) else {
            self.status = "Select an answer with a suggestion first".into();
            return;
        };
        // A question, while the study view is on: its form's tag (and Compound question).
        if let Some(q) = d.study_question(turn) {
            if !accept {
                self.status = "Question forms are not dismissed; leave the tag off instead".into();
                return;
            }
            let mut tags: Vec<&str> = q.form.form.tag().into_iter().collect();
            if q.form.compound {
                tags.push("Compound question");
            }
            if tags.is_empty() {
                self.status = "A closed question has no tag of its own".into();
                return;
            }
            self.apply(Action::SelectTurn {
                turn,
                extend: false,
            });
            let shown = tags.join(" + ");
            let intent = Intent::AddTags {
                turn,
                tags: tags.into_iter().map(str::to_owned).collect(),
            };
            if self.act(intent, false) {
                self.status = format!("Tagged {shown}");
            }
            return;
        }
        let Some(s) = d.open_suggestion(turn).filter(|v| self.prefs.shows(v)) else {
            self.status = "No open suggestion on the selected turn".into();
            return;
        };
        let label = s.label9;
        if !accept {
            let label_name = label.name().to_owned();
            let dismiss = Intent::Dismiss {
                turn,
                label: label_name,
            };
            if self.act(dismiss, false) {
                self.status = format!("Dismissed the {} suggestion", label.tag());
            }
        } else {
            // A real annotation on the whole answer, with the suggested class's tag.
            // Adds the tag to the turn's own annotation if it has one.
            self.apply(Action::SelectTurn {
                turn,
                extend: false,
            });
            self.toggle_tag(label.tag());
        }
    }

    /// Selects the question and its answer around the selected turn; the cite then runs from
    /// the question's first line to the answer's last.
    fn select_exchange(&mut self) {
        let Some(d) = &self.doc else { return };
        let Some((first, _)) = self.view.selection.map(Selection::turns) else {
            self.status = "Select a question or an answer first".into();
            return;
        };
        let turns = &d.doc.transcript.turns;
        let (q, a) = if let Some(q) = turns[first].answers {
            (q, first)
        } else if let Some(a) = d.index.answer_to(first) {
            (first, a)
        } else {
            self.status = "That turn is not part of a question and answer".into();
            return;
        };
        let v = &mut self.view;
        v.select(Some(Selection::Turns { first: q, last: a }));
        v.active = v.annotation_for_selection(d).map(|x| x.id.clone());
        self.status = format!("Selected {}–{}", turns[q].start, turns[a].end);
    }
}
