//! Architecture invariants from ARCHITECTURE.md, checked on the source tree.
//!
//! The checks read every `.rs` file under `src/`, recursively; no folder is listed by hand
//! except the layer table itself, and a folder or file that is not in it fails the test. Each
//! check is also run on small made-up trees, so it is known to fail when the rule is broken.

use crate::common::repo;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The library's layers, lowest first. A module may use its own layer's and lower layers'
/// modules, never a higher one. The two front ends share the top layer and never use each
/// other; `lib.rs` only declares the modules and `main.rs` (the binary) may use everything.
const LAYERS: &[(&str, usize)] = &[
    ("text", 0),
    ("transcript", 1),
    ("quote", 2),
    ("annotation", 3),
    ("analysis", 4),
    ("export", 5),
    ("cli", 6),
    ("app", 6),
];

/// Top-level modules that belong to the binary (`src/main.rs` declares them), where `crate::`
/// means the binary and the library is reached as `partly::`.
const BINARY: &[&str] = &["cli"];

/// Where the UI crates may be named.
const UI_HOMES: &[&str] = &["app"];

fn layer(top: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == top).map(|(_, l)| *l)
}

/// One source file: its module path (`["transcript", "grammar", "court"]`), whether it is
/// in the binary crate, and its text without line comments.
struct Source {
    file: PathBuf,
    module: Vec<String>,
    binary: bool,
    code: String,
}

/// Every `.rs` file under `src`, or the problems that stop the check (unknown top-level
/// entries, missing layers).
fn sources(src: &Path) -> Result<Vec<Source>, Vec<String>> {
    let mut problems = Vec::new();
    let mut tops = BTreeSet::new();
    for entry in std::fs::read_dir(src).map_err(|e| vec![format!("{}: {e}", src.display())])? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".rs").unwrap_or(&name).to_owned();
        if name == "lib.rs" || name == "main.rs" {
            continue;
        }
        if layer(&stem).is_none() {
            problems.push(format!(
                "src/{name} is in no layer: add it to LAYERS in tests/it/architecture.rs \
                 and to ARCHITECTURE.md"
            ));
        }
        tops.insert(stem);
    }
    for (m, _) in LAYERS {
        if !tops.contains(*m) {
            problems.push(format!("layer `{m}` has no src/{m}/ or src/{m}.rs"));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            problems.push(format!("{}: unreadable folder", dir.display()));
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = p.strip_prefix(src).unwrap_or(&p);
            let mut module: Vec<String> = rel
                .iter()
                .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            if module.last().is_some_and(|s| s == "mod") {
                module.pop();
            }
            if module == ["lib"] || module == ["main"] {
                module.clear();
            }
            let binary = rel == Path::new("main.rs")
                || module.first().is_some_and(|t| BINARY.contains(&t.as_str()));
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            out.push(Source {
                file: p,
                module,
                binary,
                code: strip_comments(&text),
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The text without `//` comments (doc comments name paths in links, which are not imports).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A path a file names, resolved to the crate it is in: `(library?, segments)`.
type Reference = (bool, Vec<String>);

static PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(crate::|partly::|(?:super::)+)(\{|[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)?)")
        .expect("valid regex")
});
static INLINE_MOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{")
        .expect("valid regex")
});

/// Every crate path a file names (`crate::x`, `super::super::x`, `partly::x`, with
/// `{a::b, c}` groups), resolved against the file's module. Code after an inline
/// `mod tests {` resolves `super` from inside that module.
fn references(s: &Source) -> Vec<Reference> {
    let inline_at = INLINE_MOD
        .captures(&s.code)
        .and_then(|c| c.get(0).map(|m| (m.end(), c[1].to_owned())));
    let mut out = Vec::new();
    for c in PATH.captures_iter(&s.code) {
        let (Some(head), Some(rest), Some(whole)) = (c.get(1), c.get(2), c.get(0)) else {
            continue;
        };
        let mut module = s.module.clone();
        if let Some((at, name)) = &inline_at
            && whole.start() >= *at
        {
            module.push(name.clone());
        }
        let (library, base) = match head.as_str() {
            "crate::" => (!s.binary, Vec::new()),
            "partly::" => (true, Vec::new()),
            supers => {
                let up = supers.matches("super").count();
                if up > module.len() {
                    continue;
                }
                (!s.binary, module[..module.len() - up].to_vec())
            }
        };
        let firsts: Vec<&str> = if rest.as_str() == "{" {
            top_level_items(braced(&s.code[rest.end()..]))
        } else {
            vec![rest.as_str()]
        };
        for item in firsts {
            let mut path = base.clone();
            path.extend(
                item.split("::")
                    .map(str::trim)
                    .take_while(|seg| {
                        !seg.is_empty() && seg.chars().all(|c| c.is_alphanumeric() || c == '_')
                    })
                    .map(str::to_owned),
            );
            if !path.is_empty() && path[0] != "self" {
                out.push((library, path));
            }
        }
    }
    out
}

/// The text up to the `}` that closes a group whose `{` came just before it.
fn braced(after: &str) -> &str {
    let mut depth = 1usize;
    for (i, ch) in after.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &after[..i];
                }
            }
            _ => {}
        }
    }
    after
}

/// `a::b, c::{d, e}, f` → `["a::b", "c::", "f"]` (the start of each top-level item).
fn top_level_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, ch) in group.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(group[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(group[start..].trim());
    items.retain(|s| !s.is_empty());
    items
}

/// Every broken layering rule in the tree under `src`: unknown or missing top-level modules,
/// a module using a higher layer, a front end using the other, the UI named outside the front
/// ends, and import cycles between the files or folders of one layer.
fn violations(src: &Path) -> Vec<String> {
    let files = match sources(src) {
        Ok(f) => f,
        Err(problems) => return problems,
    };
    let mut out = Vec::new();
    let ui =
        Regex::new(r"\b(?:egui|eframe|rfd|egui_kittest|winit)::|\buse\s+(?:egui|eframe|rfd)\b")
            .expect("valid regex");
    // Edges between the children of each top-level module: transcript::grammar → transcript::build.
    let mut edges: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for s in &files {
        let shown = s
            .file
            .strip_prefix(src)
            .unwrap_or(&s.file)
            .display()
            .to_string();
        let top = s.module.first().map(String::as_str);
        let may_name_ui =
            top.is_some_and(|t| UI_HOMES.contains(&t)) || s.module.is_empty() && s.binary;
        if !may_name_ui && let Some(m) = ui.find(&s.code) {
            out.push(format!("src/{shown} names the UI ({})", m.as_str()));
        }
        let Some(top) = top else { continue };
        let own = layer(top).unwrap_or(usize::MAX);
        for (library, path) in references(s) {
            let target = path[0].as_str();
            // In the binary, `crate::` names the binary's own modules.
            let Some(theirs) = (if library || target == "cli" {
                layer(target)
            } else {
                None
            }) else {
                continue;
            };
            if theirs > own {
                out.push(format!(
                    "src/{shown} ({top}, layer {own}) uses {} (layer {theirs})",
                    path.join("::")
                ));
            } else if theirs == own && target != top {
                out.push(format!(
                    "src/{shown} ({top}) uses the other front end: {}",
                    path.join("::")
                ));
            } else if target == top
                && let (Some(from), Some(to)) = (s.module.get(1), path.get(1))
                && from != to
            {
                edges
                    .entry(top.to_owned())
                    .or_default()
                    .entry(from.clone())
                    .or_default()
                    .insert(to.clone());
            }
        }
    }
    for (top, graph) in &edges {
        if let Some(cycle) = find_cycle(graph) {
            out.push(format!("import cycle inside {top}: {}", cycle.join(" → ")));
        }
    }
    out
}

/// A cycle in a directed graph, as the list of nodes around it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = path.iter().position(|p| p == n).unwrap_or(0);
                let mut cycle = path[at..].to_vec();
                cycle.push(n.to_owned());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(n.to_owned(), 1);
        path.push(n.to_owned());
        for next in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(next, graph, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut state, &mut Vec::new()))
}

/// **Layers import downward**, over every file under `src/`: see [`violations`].
#[test]
fn layers_import_only_downward_and_every_file_is_in_a_layer() {
    let v = violations(&repo("src"));
    assert!(v.is_empty(), "{v:#?}");
}

/// The checker itself fails on each kind of broken rule (on made-up trees).
#[test]
fn the_layer_check_catches_upward_imports_unknown_folders_ui_and_cycles() {
    fn tree(extra: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = dir.path().join("src");
        let mut files: Vec<(String, String)> = LAYERS
            .iter()
            .map(|(m, _)| (format!("{m}/mod.rs"), String::new()))
            .collect();
        files.push(("lib.rs".into(), String::new()));
        files.push(("main.rs".into(), "use partly::app::run;\nmod cli;\n".into()));
        files.extend(
            extra
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned())),
        );
        for (p, t) in files {
            let path = src.join(p);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, t).expect("write");
        }
        dir
    }
    let check = |extra: &[(&str, &str)]| violations(&tree(extra).path().join("src"));

    assert_eq!(check(&[]), Vec::<String>::new(), "a clean tree passes");
    assert_eq!(
        check(&[(
            "annotation/reanchor.rs",
            "use crate::quote::verify;\nuse super::tags::Tag;\n"
        )]),
        Vec::<String>::new(),
        "downward and sibling imports pass"
    );
    let up = check(&[(
        "annotation/reanchor.rs",
        "use crate::{transcript::Loc, analysis::verify};\n",
    )]);
    assert!(
        up.iter()
            .any(|v| v.contains("crate::analysis") || v.contains("analysis::verify")),
        "{up:?}"
    );
    let deep_up = check(&[(
        "transcript/grammar/court.rs",
        "use super::super::super::export::cite;\n",
    )]);
    assert!(
        deep_up.iter().any(|v| v.contains("export::cite")),
        "{deep_up:?}"
    );
    let cli_to_app = check(&[("cli/mod.rs", "use partly::app::PartlyApp;\n")]);
    assert!(
        cli_to_app.iter().any(|v| v.contains("other front end")),
        "{cli_to_app:?}"
    );
    let test_module_up = check(&[(
        "text/words.rs",
        "pub fn words() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::transcript::Turn;\n}\n",
    )]);
    assert!(
        test_module_up
            .iter()
            .any(|v| v.contains("transcript::Turn")),
        "{test_module_up:?}"
    );
    let unknown = check(&[("pdf/mod.rs", "")]);
    assert!(
        unknown.iter().any(|v| v.contains("src/pdf is in no layer")),
        "{unknown:?}"
    );
    let ui = check(&[("export/html.rs", "fn f(ui: &mut egui::Ui) {}\n")]);
    assert!(ui.iter().any(|v| v.contains("names the UI")), "{ui:?}");
    let cycle = check(&[
        ("transcript/build.rs", "use super::speakers::cluster;\n"),
        (
            "transcript/speakers.rs",
            "use crate::transcript::grammar::labels;\n",
        ),
        ("transcript/grammar/mod.rs", "use super::build::Builder;\n"),
    ]);
    assert!(
        cycle
            .iter()
            .any(|v| v.contains("import cycle inside transcript")),
        "{cycle:?}"
    );
}

/// **Panels, windows and the transcript view only read and ask**: they draw from a read-only
/// `Snapshot` and push `Action`s, so nothing under `src/app/panels/`, `src/app/windows/` or
/// `src/app/view.rs` names the application (`PartlyApp`) they could change directly.
#[test]
fn panels_windows_and_the_view_never_reach_the_application() {
    let mut offenders = Vec::new();
    let mut stack = vec![
        repo("src/app/panels"),
        repo("src/app/windows"),
        repo("src/app/view.rs"),
    ];
    let mut seen = 0;
    let app = Regex::new(r"\bPartlyApp\b").expect("valid regex");
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            let entries = std::fs::read_dir(&p).expect("readable folder");
            stack.extend(entries.flatten().map(|e| e.path()));
            continue;
        }
        seen += 1;
        let code = strip_comments(&std::fs::read_to_string(&p).expect("readable file"));
        if app.is_match(&code) {
            offenders.push(p.display().to_string());
        }
    }
    assert!(seen >= 10, "found only {seen} panel, window and view files");
    assert!(
        offenders.is_empty(),
        "these reach the application: {offenders:#?}"
    );
}

/// **The model never imports the UI**: nothing outside `src/app/` and `src/main.rs` names
/// egui, eframe or rfd — part of [`violations`], kept under its old name for the README.
#[test]
fn model_modules_do_not_import_the_ui() {
    let v: Vec<String> = violations(&repo("src"))
        .into_iter()
        .filter(|v| v.contains("names the UI"))
        .collect();
    assert!(v.is_empty(), "{v:#?}");
}

/// Every promise in the README's "What partly promises" names the tests that check it; each
/// named test must exist as a test (`#[test]` right above its `fn`, or inside a `proptest!`
/// block), so a promise cannot silently lose its test.
#[test]
fn every_promise_in_the_readme_names_tests_that_exist() {
    let readme = std::fs::read_to_string(repo("README.md")).expect("README.md");
    let section = readme
        .split("## What partly promises")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a \"What partly promises\" section");
    let mut tests = BTreeSet::new();
    let mut stack = vec![repo("src"), repo("tests")];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable folder").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                tests.extend(test_names(&std::fs::read_to_string(&p).unwrap_or_default()));
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
            if !tests.contains(name) {
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

/// The names of the tests in a source file: functions with `#[test]` among the attributes
/// right above them, and the functions of `proptest!` blocks.
fn test_names(code: &str) -> BTreeSet<String> {
    let fn_name = Regex::new(r"^\s*(?:pub\s+)?(?:async\s+)?fn\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")
        .expect("valid regex");
    let mut names = BTreeSet::new();
    let mut attrs_test = false;
    let mut proptest_depth: Option<i64> = None;
    let mut depth: i64 = 0;
    for line in code.lines() {
        let t = line.trim();
        if t.starts_with("proptest!") && proptest_depth.is_none() {
            proptest_depth = Some(depth);
        }
        if t.starts_with("#[") {
            attrs_test |= t == "#[test]" || t.starts_with("#[test]");
        } else if let Some(c) = fn_name.captures(line) {
            if attrs_test || proptest_depth.is_some() {
                names.insert(c[1].to_owned());
            }
            attrs_test = false;
        } else if !t.is_empty() && !t.starts_with("//") {
            attrs_test = false;
        }
        depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
        if proptest_depth.is_some_and(|d| depth <= d && t.contains('}')) {
            proptest_depth = None;
        }
    }
    names
}

#[test]
fn test_names_are_only_functions_marked_as_tests() {
    let code = "#[test]\nfn a_real_test() {}\n\nfn helper_named_like_a_test() {}\n\
                #[test]\n#[ignore = \"slow\"]\nfn ignored_but_a_test() {}\n\
                proptest! {\n    #[test]\n    fn by_proptest(x in 0..3u8) { let _ = x; }\n}\n\
                fn after() {}\n";
    let names = test_names(code);
    assert!(names.contains("a_real_test"));
    assert!(names.contains("ignored_but_a_test"));
    assert!(names.contains("by_proptest"));
    assert!(!names.contains("helper_named_like_a_test"));
    assert!(!names.contains("after"));
}
