//! Transcripts: the model and the importers. Knows nothing of annotations or the UI.

pub mod model;
pub mod speakers;

pub use model::*;
pub use speakers::{SpeakerEdit, SpeakerEditError};
