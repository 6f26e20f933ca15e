//! The one door: [`PartlyApp::apply`] is the only place that changes the window's state.
//! It dispatches each [`Action`] to a focused method: commands (`commands.rs`), opening
//! (`opening.rs`), saving (`saving.rs`), document edits (`editing.rs`), exports
//! (`exporting.rs`), and here the selection, find, go to and the transcript's filters.

use super::view_state::Selection;
use super::{Action, Dir, PartlyApp};
use crate::annotation::Placement;
use crate::transcript::{Loc, SpeakerId};

impl PartlyApp {
    /// Applies one action. The only place that changes the window's state.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Command(c) => self.run_command(c),
            Action::Open(path) => self.open(&path, None),
            Action::ReadAs(format) => self.read_as(format),
            Action::Opened {
                ticket,
                path,
                result,
            } => self.take_opened(ticket, &path, result),
            Action::CancelOpen => self.cancel_open(),
            Action::SaveAnnotationsTo(path) => self.save_annotations_to(&path),
            Action::SetMinConfidence(v) => {
                self.prefs.min_confidence = v.clamp(0.0, 0.9);
                self.status = format!(
                    "Suggestions below {:.0}% confidence are hidden",
                    self.prefs.min_confidence * 100.0
                );
            }
            Action::Do(intent) => {
                self.act(intent, false);
            }
            Action::Edit(edit) => self.edit(edit, false),
            Action::EditNote { id, note } => self.edit_note(id, note),
            Action::SelectTurn { turn, extend } => self.select_turn(turn, extend),
            Action::SelectSpan { turn, start, end } => self.select_span(turn, start, end),
            Action::ToggleTag(tag) => self.toggle_tag(&tag),
            Action::MergeFromDisk => self.merge_from_disk(),
            Action::ReloadFromDisk => self.reload_from_disk(),
            Action::ResolveConflict { index, take } => self.resolve_conflict(index, take),
            Action::AttachToSelection(id) => self.attach_to_selection(id),
            Action::ActivateAnnotation(id) => self.activate_annotation(id),
            Action::RemoveTagFrom { id, tag } => self.remove_tag_from(id, &tag),
            Action::SetFind(query) => self.set_find(query),
            Action::CloseFind => self.view.find.open = false,
            Action::Find(dir) => self.find_step(dir),
            Action::GoTo(text) => self.go_to(&text),
            Action::SetSpeakerFilter(s) => {
                if self.doc.is_some() {
                    self.view.speaker_filter = s.map(SpeakerId);
                    self.transcript_view.rows.invalidate();
                }
            }
            Action::SetTaggedOnly(on) => {
                if self.doc.is_some() {
                    self.view.tagged_only = on;
                    self.transcript_view.rows.invalidate();
                }
            }
            Action::DismissError => self.error = None,
            Action::Compare(paths) => self.compare_with(paths),
            Action::EndComparison => {
                if let Some(d) = &mut self.doc {
                    d.comparison = None;
                }
                self.view.disagreement_filter = None;
                self.transcript_view.rows.invalidate();
            }
            Action::FilterDisagreements(f) => self.view.disagreement_filter = f,
            Action::StartDrill { examination, kind } => self.start_drill(examination, kind),
            Action::DrillAnswer { turn, label } => self.drill_answer(turn, label),
            Action::CheckDrill { teacher } => self.check_drill(teacher),
            Action::CheckArticle { name, text } => {
                if let Some(d) = &self.doc {
                    let quotes = crate::quote::article::check_article(&d.doc.transcript, &text);
                    self.status = format!("Checked {} quotations of {name}", quotes.len());
                    self.windows.article.results = Some((name, quotes));
                }
            }
            Action::CheckArticleFile(path) => {
                let text = std::fs::read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|b| {
                        crate::quote::article::article_text(&b).map_err(|e| e.to_string())
                    });
                match text {
                    Ok(text) => self.apply(Action::CheckArticle {
                        name: path.display().to_string(),
                        text,
                    }),
                    Err(e) => self.error = Some(format!("{}: {e}", path.display())),
                }
            }
            Action::SaveArticleReport(path) => {
                use crate::export::article::{ReportFormat, report};
                if let (Some(d), Some((name, quotes))) = (&self.doc, &self.windows.article.results)
                {
                    let body = report(
                        quotes,
                        name,
                        &d.doc.path.display().to_string(),
                        ReportFormat::from_path(&path),
                    );
                    match crate::export::save(&path, body.as_bytes(), false) {
                        Ok(()) => self.status = format!("Saved the report to {}", path.display()),
                        Err(e) => self.error = Some(e.to_string()),
                    }
                }
            }
            Action::EndDrill => {
                self.view.drill = None;
                self.transcript_view.rows.invalidate();
            }
            Action::SetStudyFilter(f) => {
                self.view.study_filter = f;
                self.transcript_view.rows.invalidate();
            }
            Action::ExportTo { path, replace } => self.export_to(&path, replace),
            Action::CheckQuote(q) => {
                if let Some(d) = &self.doc {
                    let w = &mut self.windows.check_quote;
                    w.result = Some(crate::quote::verify(&d.doc.transcript, &q));
                    w.text = q;
                }
            }
            Action::ShowPassage { turn, start, end } => {
                self.select_span(turn, start, end);
                if self.doc.is_some() {
                    self.transcript_view.scroll_to = Some(turn);
                }
            }
        }
    }

    /// Selects turn `turn`, or (`extend`) the turns from where a range started to it.
    pub(super) fn select_turn(&mut self, turn: usize, extend: bool) {
        let Some(d) = &mut self.doc else { return };
        let v = &mut self.view;
        let from = match (extend, v.selection) {
            (true, Some(Selection::Turns { first, .. })) => v.range_from.unwrap_or(first),
            (true, Some(Selection::Span { turn, .. })) => turn,
            _ => turn,
        };
        v.selection = Some(Selection::Turns {
            first: from.min(turn),
            last: from.max(turn),
        });
        v.range_from = Some(from);
        d.history.seal();
        v.active = v
            .annotation_for_selection(d)
            .or_else(|| d.annotations_on(turn).next())
            .map(|a| a.id.clone());
    }

    fn select_span(&mut self, turn: usize, start: usize, end: usize) {
        let Some(d) = &mut self.doc else { return };
        let v = &mut self.view;
        v.select(Some(Selection::Span { turn, start, end }));
        d.history.seal();
        v.active = v.annotation_for_selection(d).map(|a| a.id.clone());
    }

    /// Shows annotation `id` in the editor and selects (and scrolls to) where it is.
    fn activate_annotation(&mut self, id: Option<String>) {
        let Some(d) = &mut self.doc else { return };
        d.history.seal();
        let shown = id.as_deref().and_then(|id| d.doc.sidecar.annotation(id));
        // An orphan points nowhere; one under review is shown at its candidate place.
        let anchor = shown.and_then(|a| match &a.placement {
            Placement::Orphaned => None,
            Placement::Review { candidate, .. } => Some(candidate.as_ref()),
            _ => Some(&a.anchor),
        });
        if let Some(an) = anchor {
            self.view
                .select(Some(Selection::of_anchor(&d.doc.transcript, an)));
            self.transcript_view.scroll_to = Some(an.start_turn);
        }
        self.view.active = id;
    }

    fn set_find(&mut self, query: String) {
        let Some(d) = &self.doc else { return };
        let f = &mut self.view.find;
        f.hits = crate::transcript::search::find(&d.doc.transcript, &query);
        f.query = query;
        f.current = 0;
        if let Some((turn, _)) = f.hits.first() {
            self.transcript_view.scroll_to = Some(*turn);
        }
    }

    pub(super) fn find_step(&mut self, dir: Dir) {
        if self.doc.is_none() {
            return;
        }
        let f = &mut self.view.find;
        let n = f.hits.len();
        if n > 0 {
            f.current = match dir {
                Dir::Next => (f.current + 1) % n,
                Dir::Previous => (f.current + n - 1) % n,
            };
            self.transcript_view.scroll_to = Some(f.hits[f.current].0);
        }
    }

    fn go_to(&mut self, text: &str) {
        let Some(d) = &self.doc else { return };
        let t = &d.doc.transcript;
        match Loc::parse(text, t.is_paged())
            .map_err(|e| e.to_string())
            .and_then(|loc| t.turn_at(loc).ok_or_else(|| format!("nothing at {loc}")))
        {
            Ok(turn) => {
                self.view.select(Some(Selection::Turns {
                    first: turn,
                    last: turn,
                }));
                self.transcript_view.scroll_to = Some(turn);
                self.windows.go_to.open = false;
                self.status = format!("Went to {}", d.doc.transcript.turns[turn].start);
            }
            Err(e) => self.status = format!("Go to: {e}"),
        }
    }
}

impl PartlyApp {
    /// Starts comparing with other annotators' files of this transcript; a file that cannot
    /// be read is named, and nothing is compared.
    fn compare_with(&mut self, paths: Vec<std::path::PathBuf>) {
        use crate::analysis::agreement::{Coder, Comparison, Options};
        let Some(d) = &mut self.doc else { return };
        let mut others = Vec::new();
        for p in &paths {
            match other_annotation_file(p) {
                Ok(sidecar) => others.push(Coder {
                    name: p
                        .file_name()
                        .and_then(|n| p.parent().and_then(|d| d.file_name()).map(|dir| (dir, n)))
                        .map_or_else(
                            || p.display().to_string(),
                            |(dir, n)| format!("{}/{}", dir.to_string_lossy(), n.to_string_lossy()),
                        ),
                    sidecar,
                }),
                Err(e) => {
                    self.error = Some(e);
                    return;
                }
            }
        }
        let c = Comparison::new(
            &d.doc.transcript,
            &d.doc.sidecar,
            others,
            Options::default(),
        );
        self.status = format!(
            "Compared with {} other annotator(s): {} disagreements",
            paths.len(),
            c.result.disagreements.len()
        );
        d.comparison = Some(c);
        self.view.disagreement_filter = None;
        self.transcript_view.rows.invalidate();
    }
}

impl PartlyApp {
    /// Starts a drill: the examination's items, and the practice file beside the transcript
    /// (read again if it is this drill's, so a student can stop and come back).
    fn start_drill(&mut self, e: usize, kind: crate::analysis::study::drill::DrillKind) {
        use crate::analysis::study::drill::{Practice, items, practice_path};
        let Some(d) = &self.doc else { return };
        let study = d.study_or_work_out();
        let Some(ex) = study.examinations.get(e) else {
            return;
        };
        let path = practice_path(&d.doc.path);
        let fresh = Practice {
            file_name: crate::annotation::display_name(&d.doc.path),
            fingerprint: d.doc.sidecar.source.fingerprint.clone(),
            examination: ex.title.clone(),
            first_turn: ex.first_turn,
            kind,
            answers: Default::default(),
        };
        let practice = match Practice::load(&path) {
            Ok(Some(p))
                if p.first_turn == fresh.first_turn
                    && p.kind == kind
                    && p.fingerprint == fresh.fingerprint =>
            {
                p
            }
            Ok(_) => fresh,
            Err(err) => {
                self.error = Some(err.to_string());
                return;
            }
        };
        let items = items(&d.doc.transcript, &study, e, kind);
        self.status = format!(
            "Drill on {}: {} items; your answers go to {}",
            ex.title,
            items.len(),
            path.display()
        );
        self.view.drill = Some(crate::app::view_state::DrillState {
            practice,
            path,
            items,
            turns: ex.first_turn..=ex.last_turn,
            score: None,
        });
        self.transcript_view.rows.invalidate();
    }

    /// Records one answer and saves the practice file at once.
    fn drill_answer(&mut self, turn: usize, label: String) {
        let Some(dr) = &mut self.view.drill else {
            return;
        };
        dr.practice.answers.insert(turn, label);
        dr.score = None;
        if let Err(e) = dr.practice.save(&dr.path) {
            self.error = Some(e.to_string());
        }
    }

    /// Checks the drill against partly's reading or a teacher's annotation file.
    fn check_drill(&mut self, teacher: Option<std::path::PathBuf>) {
        use crate::analysis::study::drill::{Key, check};
        let Some(d) = &self.doc else { return };
        let Some(dr) = &mut self.view.drill else {
            return;
        };
        let score = match teacher {
            Some(p) => match other_annotation_file(&p) {
                Ok(sidecar) => check(
                    &d.doc.transcript,
                    &dr.practice,
                    &dr.items,
                    &Key::Teacher(&sidecar),
                ),
                Err(e) => {
                    self.error = Some(e);
                    return;
                }
            },
            None => {
                let study = d.study_or_work_out();
                check(
                    &d.doc.transcript,
                    &dr.practice,
                    &dr.items,
                    &Key::Partly {
                        study: &study,
                        verdicts: &d.suggestions,
                    },
                )
            }
        };
        self.status = format!("Drill checked: {} of {} right", score.right, score.out_of);
        dr.score = Some(score);
    }
}

/// Someone else's annotation file (another annotator's, a teacher's), or why it cannot be read.
fn other_annotation_file(p: &std::path::Path) -> Result<crate::annotation::Sidecar, String> {
    match crate::annotation::sidecar::load_file(p) {
        Ok(Some(l)) => Ok(l.sidecar),
        Ok(None) => Err(format!("{}: no such annotation file", p.display())),
        Err(e) => Err(e.to_string()),
    }
}
