//! The root of the window: each frame, input becomes actions, the panels, the transcript and
//! the windows are drawn from a read-only [`Snapshot`] (pushing actions), then the actions
//! are applied, the clipboard filled, autosave looked after and the title kept up to date.

use super::command::CommandState;
use super::loading::Loading;
use super::prefs::Prefs;
use super::session::Session;
use super::view_state::ViewState;
use super::{PartlyApp, fonts, panels, view};

/// What panels, windows and the transcript view read while drawing: never the application
/// itself, so that the only way for them to change anything is to push an action.
pub struct Snapshot<'a> {
    pub prefs: &'a Prefs,
    /// The open document, if any.
    pub session: Option<&'a Session>,
    pub view: &'a ViewState,
    /// A transcript being opened off the UI thread.
    pub loading: Option<&'a Loading>,
    /// A problem to show (failed open, failed save...).
    pub error: Option<&'a str>,
    /// The last thing that happened.
    pub status: &'a str,
    pub commands: CommandState,
}

impl PartlyApp {
    /// Draws the window and handles input; actions are applied at the end of the frame.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            fonts::install(&ctx);
            self.fonts_installed = true;
        }
        self.now = ctx.input(|i| i.time);
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.poll_loading(&ctx);
        if let Some(d) = &mut self.doc
            && d.poll_study()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        if (ctx.zoom_factor() - self.prefs.zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.prefs.zoom);
        }
        ctx.set_visuals(if self.prefs.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        self.handle_input(&ctx);
        self.draw(ui, &ctx);
        self.apply_pending();
        for text in self.clipboard.drain(..) {
            ctx.copy_text(text);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    /// The layout: menu bar, status bar, annotations panel, then the transcript with the
    /// progress of an open, banners and the find bar above it; windows on top.
    fn draw(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let commands = self.command_state();
        let PartlyApp {
            prefs,
            doc,
            view: view_state,
            loading,
            error,
            status,
            panels: p,
            windows,
            transcript_view,
            pending,
            turn_text_ids,
            ..
        } = self;
        let snap = Snapshot {
            prefs,
            session: doc.as_ref(),
            view: view_state,
            loading: loading.as_ref(),
            error: error.as_deref(),
            status,
            commands,
        };
        panels::menu_bar::show(ui, &snap, pending);
        panels::status_bar::show(ui, &snap, pending);
        if snap.prefs.show_annotations && snap.session.is_some() {
            panels::annotations::show(ui, &snap, &mut p.annotations, pending);
        }
        panels::study::show(ui, &snap, pending);
        egui::CentralPanel::default().show(ui, |ui| {
            panels::opening::show(ui, &snap, pending);
            panels::banners::show(ui, &snap, pending);
            panels::find_bar::show(ui, &snap, &mut p.find_bar, pending);
            view::transcript_ui(ui, &snap, transcript_view, pending, turn_text_ids);
        });
        windows.show(ctx, &snap, pending);
    }
}
