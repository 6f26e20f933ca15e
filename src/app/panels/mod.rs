//! The panels around the transcript, one file each. Each gets a read-only
//! [`super::Snapshot`] (and its own state, if it has any) and pushes [`super::Action`]s;
//! none changes the document or the view directly.

pub mod annotations;
pub mod attention;
pub mod banners;
pub mod find_bar;
pub mod menu_bar;
pub mod note_editor;
pub mod opening;
pub mod status_bar;
pub mod study;

/// The panels' own state.
#[derive(Debug, Default)]
pub struct Panels {
    pub annotations: annotations::AnnotationsPanel,
    pub find_bar: find_bar::FindBar,
}

pub(crate) use crate::text::shorten;
