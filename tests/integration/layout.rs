//! The house keeps the shape the README's "Architecture" section describes: `src/` is
//! the pipeline's folders, imports only go down the pipeline, no file grows past 500
//! lines, and each folder says what enters and what leaves.

use std::path::{Path, PathBuf};

/// The pipeline, from the bottom up: a module may use its own layer and those before.
const LAYERS: [&str; 6] = ["sys", "syntax", "model", "check", "present", "cli"];

/// Longest file allowed under `src/` (unit-test files excepted).
const MAX_LINES: usize = 500;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    assert!(
        files.len() > 20,
        "found only {} files under src/",
        files.len()
    );
    files
}

/// The layer a file belongs to: its first folder under `src/`.
fn layer_of(path: &Path) -> Option<usize> {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?;
    LAYERS.iter().position(|l| *l == first)
}

fn is_test_file(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s == "tests")
}

#[test]
fn src_holds_the_pipeline_folders_and_two_files() {
    let mut entries: Vec<String> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    let mut expected: Vec<String> = LAYERS.iter().map(|l| (*l).to_string()).collect();
    expected.extend(["lib.rs".to_string(), "main.rs".to_string()]);
    expected.sort();
    assert_eq!(entries, expected);
    assert!(entries.len() <= 8);
}

#[test]
fn imports_only_go_down_the_pipeline() {
    let pattern = regex::Regex::new(r"crate::(\w+)").unwrap();
    let mut upward = Vec::new();
    for path in all_files() {
        let Some(layer) = layer_of(&path) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for cap in pattern.captures_iter(line) {
                let Some(target) = LAYERS.iter().position(|l| *l == &cap[1]) else {
                    continue;
                };
                if target > layer {
                    upward.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports up the pipeline ({}):\n{}",
        LAYERS.join(" → "),
        upward.join("\n")
    );
}

#[test]
fn no_source_file_is_over_the_limit() {
    let long: Vec<String> = all_files()
        .into_iter()
        .filter(|p| !is_test_file(p))
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn every_layer_says_what_enters_and_what_leaves() {
    for layer in LAYERS {
        let text = std::fs::read_to_string(src().join(layer).join("mod.rs")).unwrap();
        let doc: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            doc.contains("Enters") && doc.contains("Leaves"),
            "src/{layer}/mod.rs's module doc must say what enters and what leaves:\n{doc}"
        );
    }
}
