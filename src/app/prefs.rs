//! Preferences kept between runs (eframe storage, as RON; never mixed with annotations):
//! recent files, theme, zoom and which panels show.

use std::path::{Path, PathBuf};

/// How many recent files File > Open recent lists.
const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub zoom: f32,
    pub show_annotations: bool,
    pub show_suggestions: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            dark: true,
            zoom: 1.0,
            show_annotations: true,
            show_suggestions: true,
        }
    }
}

impl Prefs {
    /// Puts `path` first in the recent files, once.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}
