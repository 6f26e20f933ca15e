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
    /// Suggestions less likely than this to be right are not shown. The confidence is a
    /// calibrated probability that the answer is of the suggested clarity class (clear reply,
    /// ambivalent, non-reply): of suggestions at 40%, about four in ten are right.
    pub min_confidence: f32,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            dark: true,
            zoom: 1.0,
            show_annotations: true,
            show_suggestions: true,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }
}

/// The confidence below which suggestions are hidden unless the user picks another.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.4;

impl Prefs {
    /// Whether the window shows this suggestion: suggestions are on and it is confident
    /// enough.
    pub fn shows(&self, v: &crate::analysis::Verdict) -> bool {
        self.show_suggestions && v.confidence >= self.min_confidence
    }

    /// Puts `path` first in the recent files, once.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}
