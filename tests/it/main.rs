//! One integration-test binary (so the GUI stack links once): importers on real excerpts,
//! the CLI run as a built binary, and architecture invariants.

mod agree;
mod architecture;
mod article;
mod cli;
mod common;
mod corpus;
mod crash;
mod evaluation;
mod fonts;
mod fuzz;
mod gui;
mod gui_safety;
mod gui_scale;
mod import;
mod pdf;
mod reanchor;
mod study;
mod study_eval;
