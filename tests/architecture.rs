//! The architecture's rules, checked on the source itself (ARCHITECTURE.md lists each
//! rule with the test that enforces it): file size, which layer may name what, and one
//! way to put text in a language.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file under `src/<dir>` (or `src` itself), with its text and its path
/// relative to `src`.
fn sources(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&p).expect("utf-8 source"))
        })
        .collect()
}

/// The code of a file without comments (doc and line comments), so rules apply to code.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            // A "//" inside a string ("http://") is rare in this code base; the rules below
            // look for paths and calls, which never follow "//" on a line.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn offenders(dir: &str, skip: &[&str], forbidden: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in sources(dir) {
        if skip.iter().any(|s| path.starts_with(s)) {
            continue;
        }
        let code = code(&text);
        for f in forbidden {
            if code.contains(f) {
                out.push(format!("{path}: {f}"));
            }
        }
    }
    out
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = sources("")
        .into_iter()
        .filter(|(_, t)| t.lines().count() > 600)
        .map(|(p, t)| format!("{p}: {} lines", t.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these files: {long:#?}");
}

#[test]
fn the_core_never_names_the_browser_or_the_layers_above_it() {
    let web = [
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "indexed_db_futures",
        "crate::ui",
        "crate::shell",
    ];
    let mut bad = offenders("domain", &[], &web);
    bad.extend(offenders("exchange", &[], &web));
    bad.extend(offenders("present", &[], &web));
    bad.extend(offenders("app", &["app/browser"], &web));
    let above = ["crate::app", "crate::present", "crate::store"];
    bad.extend(offenders("domain", &[], &above));
    bad.extend(offenders("exchange", &[], &above));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn pages_do_not_compute_figures_or_run_workflows() {
    // Figures come from present/ (built from domain figures), workflows from app/.
    let bad = offenders(
        "ui",
        &[],
        &[
            ".dashboard(",
            "scope_stats(",
            "domain::report",
            "ocop_in_scope",
            "plans::progress(",
            "exchange::read(",
            "exchange::build(",
            "merge::select(",
            "preview_import(",
            ".import(&",
            "to_csv(",
            "to_xlsx(",
            "derive_custom(",
            "apply_edit(",
            "settle(",
            "set_versions::",
            "plan_progress(",
            "plan_achieved(",
            "village_dashboard(",
            "ocop_period(",
            "result_figures(",
            "resource_totals(",
        ],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn text_is_put_in_a_language_one_way() {
    // `Text` pairs and `Lang::pick`; no matching on the language, no translation by
    // replacing words.
    let mut bad = offenders(
        "",
        &["domain/profile.rs"],
        &[
            "Lang::Vi =>",
            "Lang::En =>",
            "Lang::Vi) =>",
            "Lang::En) =>",
            "let vi = ",
        ],
    );
    for (path, text) in sources("") {
        for (n, line) in code(&text).lines().enumerate() {
            // Choosing words by comparing the language ("if lang == Lang::Vi { … }").
            if line.contains("if ") && line.contains("== Lang::") {
                bad.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
            if let Some(i) = line.find(".replace(\"") {
                let arg = &line[i + 10..];
                let word: String = arg.chars().take_while(|c| *c != '"').collect();
                if word.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
                    bad.push(format!("{path}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn every_schema_version_has_an_upgrade_test() {
    // The schema only moves forward, one step per version, each step tested in a wasm
    // test that opens the previous version ("open_at(&name, N)").
    let schema =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/schema.rs"))
            .expect("schema.rs");
    let current: u32 = schema
        .lines()
        .find_map(|l| l.trim().strip_prefix("pub const SCHEMA_VERSION: u32 = "))
        .and_then(|v| v.trim_end_matches(';').parse().ok())
        .expect("SCHEMA_VERSION");
    let tests_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut wasm_tests = String::new();
    for entry in fs::read_dir(&tests_dir).expect("tests dir") {
        let p = entry.expect("entry").path();
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if name.starts_with("wasm_") && name.ends_with(".rs") {
            wasm_tests.push_str(&fs::read_to_string(&p).expect("test source"));
        }
    }
    let missing: Vec<u32> = (1..current)
        .filter(|v| !wasm_tests.contains(&format!("open_at(&name, {v})")))
        .collect();
    assert!(
        missing.is_empty(),
        "no wasm test opens schema version(s) {missing:?} and upgrades to {current}"
    );
}

#[test]
fn links_follow_the_public_url() {
    // `<A href="/…">` is left as it is by leptos_router (only `navigate` adds the router's
    // base): under a sub-path (`--public-url /ntm/`) such a link leaves the app. Every
    // link goes through `ui::app_href`; a plain `<a>` names no app path.
    let mut bad = Vec::new();
    for (path, text) in sources("ui") {
        let code = code(&text);
        for (i, _) in code.match_indices("A href=") {
            if !code[i..].starts_with("A href=app_href(") {
                bad.push(format!("{path}: {}", &code[i..(i + 40).min(code.len())]));
            }
        }
        if code.contains("<a href=\"/") || code.contains("<a href=format!(\"/") {
            bad.push(format!("{path}: <a> with an app path"));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_report_writers_run_only_in_the_worker() {
    // XLSX writing (a zip and its compressor) is in the worker's wasm only: code reached
    // from the page would put it back into the first download.
    let bad = offenders(
        "",
        &["bin/worker.rs", "app/reports.rs", "domain/report.rs"],
        &["write_here(", "to_xlsx(", "to_csv("],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn imports_run_only_in_the_worker() {
    // Reading, checking, planning and committing a file happen in the app's worker
    // (`app::browser::WorkerImport` sends it the file): the page's main thread stays free
    // and its wasm carries no reader or planner. Only the workflows (an import; a sync,
    // which merges what it pulls as an import does and runs in the worker too), their
    // ports, the store and the worker name them.
    let bad = offenders(
        "",
        &[
            "bin/worker.rs",
            "app/import.rs",
            "app/sync.rs",
            "app/sync/",
            "app/ports.rs",
            "app/memory.rs",
            "app/browser.rs",
            "store/",
            "exchange/",
        ],
        &[
            "exchange::read(",
            "read_with_progress(",
            "preview_import(",
            "import::open(",
            "import::confirm(",
            "import::receive(",
            ".import(&",
        ],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn every_page_but_home_is_a_split_point() {
    // The first download holds the home page (with first run) only; every other route's
    // page is a `#[lazy]` module of its own (src/routes.rs, split by scripts/page-wasm.mjs).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let routes = code(&fs::read_to_string(root.join("routes.rs")).expect("src/routes.rs"));
    let mut lazy = 0;
    let mut split_points = std::collections::BTreeSet::new();
    for line in routes.lines().filter(|l| l.contains("<Route ")) {
        if line.contains("path!(\"/\")") {
            continue;
        }
        let called = line
            .split("view=|| lazy_page(")
            .nth(1)
            .and_then(|rest| rest.split('(').next())
            .unwrap_or_else(|| panic!("not a split point: {line}"));
        split_points.insert(called.to_string());
        lazy += 1;
    }
    assert!(lazy >= 11, "the routes were not found ({lazy})");
    // Each route's page comes from a split point (a list and its item may share one).
    for f in &split_points {
        assert!(
            routes.contains(&format!("#[leptos::lazy]\nfn {f}(")),
            "{f} is not a split point"
        );
    }
    assert_eq!(
        routes.matches("#[leptos::lazy]").count(),
        split_points.len()
    );
    // In the library a split point would be exported by the worker's wasm too: the only
    // others are the binary's deferred work (src/deferred.rs), one per `Deferred` field.
    assert!(offenders("", &["routes.rs", "deferred.rs"], &["leptos::lazy]"]).is_empty());
    let deferred = code(&fs::read_to_string(root.join("deferred.rs")).expect("src/deferred.rs"));
    let state = code(&fs::read_to_string(root.join("ui/state.rs")).expect("src/ui/state.rs"));
    let fields = state
        .split("pub struct Deferred {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("ui::state::Deferred")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .matches(": fn(")
        .count();
    assert!(fields >= 4, "Deferred's fields were not found ({fields})");
    // One split point for all of them (each split point multiplied the shared chunks a
    // page fetched), each field asking it for its own job.
    assert_eq!(deferred.matches("#[leptos::lazy]").count(), 1);
    assert_eq!(deferred.matches("*deferred(Box::new(Job::").count(), fields);
}
