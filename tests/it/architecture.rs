//! Architecture invariants from ARCHITECTURE.md, checked on the source tree.

use crate::common::repo;

/// **The model never imports the UI**: nothing outside `src/app/` and `src/main.rs` names
/// egui, eframe or rfd.
#[test]
fn model_modules_do_not_import_the_ui() {
    let mut offenders = Vec::new();
    for module in ["transcript", "annotation", "analysis", "export"] {
        let dir = repo(&format!("src/{module}"));
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for needle in [
                "egui::",
                "use egui",
                "eframe::",
                "use eframe",
                "rfd::",
                "use rfd",
            ] {
                if text.contains(needle) {
                    offenders.push(format!("{} uses {needle}", entry.path().display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
