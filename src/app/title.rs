//! The window title: the file, whether its annotations are saved, and what is being opened.

use super::PartlyApp;

impl PartlyApp {
    /// `partly — file.txt • unsaved`, and `(opening other.txt…)` while another is read.
    pub fn window_title(&self) -> String {
        let title = match &self.doc {
            None => "partly".into(),
            Some(d) => {
                let name = crate::annotation::display_name(&d.doc.path);
                let state = if d.dirty { " • unsaved" } else { "" };
                format!("partly — {name}{state}")
            }
        };
        match &self.loading {
            Some(l) => format!("{title} (opening {}…)", l.name()),
            None => title,
        }
    }

    /// Tells the window system about a new title (only when it changed).
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
