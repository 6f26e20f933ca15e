//! The small windows, one file each. Each is a struct owning its own state (whether it is
//! open, what is typed in it); it reads a [`super::Snapshot`] and pushes
//! [`super::Action`]s, never changing the document or the view directly.

pub mod article;
pub mod check_quote;
pub mod compare;
pub mod conflicts;
pub mod disagreements;
pub mod drill;
pub mod export;
pub mod go_to;
pub mod import_report;
pub mod open_path;
pub mod save_as;
pub mod speakers;
pub mod statistics;
pub mod tags;
pub mod unsaved;

use super::{Action, Snapshot};

/// Every window's state.
#[derive(Debug, Default)]
pub struct Windows {
    pub go_to: go_to::GoToWindow,
    pub open_path: open_path::OpenPathWindow,
    pub save_as: save_as::SaveAsWindow,
    pub import_report: import_report::ImportReportWindow,
    pub unsaved: unsaved::UnsavedWindow,
    pub statistics: statistics::StatisticsWindow,
    pub export: export::ExportWindow,
    pub check_quote: check_quote::CheckQuoteWindow,
    pub tags: tags::TagsWindow,
    pub speakers: speakers::SpeakersWindow,
    pub compare: compare::CompareWindow,
    pub drill: drill::DrillWindow,
    pub article: article::ArticleWindow,
}

impl Windows {
    /// Draws the open windows.
    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
        conflicts::show(ctx, snap, actions);
        self.go_to.show(ctx, actions);
        self.open_path.show(ctx, actions);
        self.save_as.show(ctx, actions);
        self.import_report.show(ctx, snap, actions);
        self.unsaved.show(ctx, actions);
        self.statistics.show(ctx, snap);
        self.export.show(ctx, snap, actions);
        self.check_quote.show(ctx, actions);
        self.tags.show(ctx, snap, actions);
        self.speakers.show(ctx, snap, actions);
        self.compare.show(ctx, actions);
        disagreements::show(ctx, snap, actions);
        self.drill.show(ctx, snap, actions);
        self.article.show(ctx, snap, actions);
    }
}
