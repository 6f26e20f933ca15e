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

/// Every promise in the README's "What partly promises" names the tests that check it; each
/// named test must exist as a `fn` in the sources, so a promise cannot silently lose its test.
#[test]
fn every_promise_in_the_readme_names_tests_that_exist() {
    let readme = std::fs::read_to_string(repo("README.md")).expect("README.md");
    let section = readme
        .split("## What partly promises")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a \"What partly promises\" section");
    let mut sources = String::new();
    for dir in ["src", "tests"] {
        let mut stack = vec![repo(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("readable folder").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    sources.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
                }
            }
        }
    }
    let mut promises = 0;
    let mut missing = Vec::new();
    for promise in section.split("\n- ").skip(1) {
        promises += 1;
        let tests_part = promise
            .split_once("Test")
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("a promise without tests: {promise}"));
        let names: Vec<&str> = tests_part
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        assert!(!names.is_empty(), "a promise without tests: {promise}");
        for name in names {
            if !sources.contains(&format!("fn {name}(")) {
                missing.push(name.to_owned());
            }
        }
    }
    assert!(promises >= 8, "found {promises} promises");
    assert!(
        missing.is_empty(),
        "README names tests that do not exist: {missing:?}"
    );
}
