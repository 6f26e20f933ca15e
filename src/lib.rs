//! partly: read and annotate testimony transcripts.
//!
//! The library holds everything but the window: `text` (character and word helpers),
//! `transcript` (model and importers), `quote` (is a quotation verbatim in the record),
//! `annotation` (tags, annotations, the RON sidecar), `analysis` and `export`. The `app`
//! module is the egui layer on top; nothing else imports egui.

pub mod analysis;
pub mod annotation;
pub mod app;
pub mod export;
pub mod quote;
pub mod text;
pub mod transcript;
