//! The JSON fast path against the YAML path, through the binary: the JSON twin of
//! every fixture tracker and catalog (and of the shipped tracker and the example's),
//! written pretty and on one line, and malformed JSON of every kind the fast path
//! leaves to the YAML path, checked once with the fast path and once with it switched
//! off (`RECTRACK_NO_JSON_FAST_PATH=1`): the outputs are the same, byte for byte.
//!
//! The twins are written from the YAML path's tree (`parse_yaml`), not from the files'
//! text, and sit beside copies of the fixtures, so a tracker's `catalog:` path still
//! names its catalog.

use crate::{SHIPPED, TODAY, read, rectrack, root, run};
use rectrack::syntax::{Limits, parse_json, parse_yaml};
use std::path::{Path, PathBuf};

/// Every `*.yaml` under `dir`, relative to the root.
fn yaml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(root().join(dir)).unwrap() {
        let path = dir.join(entry.unwrap().file_name());
        if root().join(&path).is_dir() {
            yaml_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            found.push(path);
        }
    }
}

/// Copies `rel` from the root into `to`, keeping its place.
fn copy(rel: &Path, to: &Path) {
    let dest = to.join(rel);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::copy(root().join(rel), dest).unwrap();
}

/// `rectrack check` in `dir` on `files`, with the fast path on and then off: the two
/// (exit code, stdout) pairs, which must be equal.
fn both_paths(dir: &Path, format: &str, files: &[String]) -> (i32, String) {
    let mut outputs = Vec::new();
    for switch in ["0", "1"] {
        let (code, out, err) = run(rectrack()
            .current_dir(dir)
            .env("RECTRACK_NO_JSON_FAST_PATH", switch)
            .args(["check", "--format", format, "--today", TODAY])
            .args(files));
        assert!(err.is_empty() || code == 1, "{err}");
        outputs.push((code, out));
    }
    let slow = outputs.pop().unwrap();
    let fast = outputs.pop().unwrap();
    if fast != slow {
        let first = fast
            .1
            .lines()
            .zip(slow.1.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{format}: the fast path says (exit {}) at line {first}:\n{}\nthe YAML path (exit {}):\n{}",
            fast.0,
            fast.1
                .lines()
                .skip(first)
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
            slow.0,
            slow.1
                .lines()
                .skip(first)
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    fast
}

#[test]
fn json_twins_of_every_fixture_are_checked_alike_by_both_paths() {
    let dir = tempfile::tempdir().unwrap();
    let mut sources = Vec::new();
    yaml_files(Path::new("tests/fixtures"), &mut sources);
    yaml_files(Path::new("examples/fictional-river-accord"), &mut sources);
    sources.push(PathBuf::from(SHIPPED));
    copy(Path::new("schema/tracker.schema.json"), dir.path());
    let mut twins = Vec::new();
    for source in &sources {
        copy(source, dir.path());
        let text = std::fs::read_to_string(root().join(source)).unwrap();
        // A fixture that is not YAML has no JSON twin: the malformed JSON is below.
        let Ok(tree) = parse_yaml(&text, &Limits::default()) else {
            continue;
        };
        let value = tree.to_json();
        for (suffix, written) in [
            ("pretty", serde_json::to_string_pretty(&value).unwrap()),
            ("line", serde_json::to_string(&value).unwrap()),
        ] {
            assert!(
                parse_json(&written, &Limits::default()).is_some(),
                "the fast path declines the twin of {}",
                source.display()
            );
            let twin = source.with_extension(format!("{suffix}.json"));
            std::fs::write(dir.path().join(&twin), written + "\n").unwrap();
            twins.push(twin.display().to_string());
        }
    }
    assert!(twins.len() > 80, "{} twins", twins.len());
    let (code, json) = both_paths(dir.path(), "json", &twins);
    assert_eq!(code, 1, "the rule fixtures have findings");
    // Not a vacuous comparison: schema and rule findings deep in the files, placed.
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rules: std::collections::BTreeSet<(String, bool)> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() > 3 && d["column"].as_u64().unwrap() > 1,
            )
        })
        .collect();
    for rule in ["schema", "status-mismatch", "unknown-step", "history-order"] {
        assert!(
            rules.contains(&(rule.to_string(), true)),
            "{rule} placed inside a file: {rules:?}"
        );
    }
    both_paths(dir.path(), "human", &twins);
}

#[test]
fn malformed_json_gets_the_yaml_paths_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = parse_yaml(&read(SHIPPED), &Limits::default())
        .unwrap()
        .to_json();
    let pretty = serde_json::to_string_pretty(&shipped).unwrap();
    let title = "\"title\": ";
    let cases = [
        ("trailing-comma", pretty.replacen("\n}", ",\n}", 1)),
        (
            "duplicate-key",
            pretty.replacen(
                "\"schema_version\": 1",
                "\"schema_version\": 1,\n  \"schema_version\": 1",
                1,
            ),
        ),
        (
            "lone-surrogate",
            pretty.replacen(title, "\"title\": \"\\ud83c \" ,\"t\": ", 1),
        ),
        (
            "tab-after-colon",
            pretty.replacen("\"schema_version\": 1", "\"schema_version\":\t1", 1),
        ),
        ("truncated", pretty[..pretty.len() / 2].to_string()),
        ("comment", pretty.clone() + "# a comment\n"),
        ("two-documents", pretty.clone() + "---\n{}\n"),
        (
            "yaml-escape",
            pretty.replacen(title, "\"title\": \"\\x41\", \"t\": ", 1),
        ),
        ("single-quotes", pretty.replacen(title, "'title': ", 1)),
        (
            "long-key",
            pretty.replacen(
                title,
                &format!("\"{}\": 1,\n  {title}", "k".repeat(1100)),
                1,
            ),
        ),
        (
            "deep",
            pretty.replacen(
                title,
                &format!(
                    "\"deep\": {}1{},\n  {title}",
                    "[".repeat(70),
                    "]".repeat(70)
                ),
                1,
            ),
        ),
        (
            "raw-newline",
            pretty.replacen(title, "\"title\": \"a\nb\", \"t\": ", 1),
        ),
        (
            "leading-zero",
            pretty.replacen("\"schema_version\": 1", "\"schema_version\": 01", 1),
        ),
    ];
    let mut files = Vec::new();
    for (name, text) in &cases {
        assert!(
            parse_json(text, &Limits::default()).is_none(),
            "{name}: declined by the fast path"
        );
        let file = format!("{name}.json");
        std::fs::write(dir.path().join(&file), text).unwrap();
        files.push(file);
    }
    let (code, json) = both_paths(dir.path(), "json", &files);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut refused: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["rule"] == "yaml")
        })
        .map(|f| f["path"].as_str().unwrap().trim_end_matches(".json"))
        .collect();
    refused.sort_unstable();
    // Refused by the YAML path as it always was; the rest is YAML it reads (a trailing
    // comma, `\x41`, single quotes, a folded line, `01`), and the schema and rules
    // judge it then.
    assert_eq!(
        refused,
        [
            "comment",
            "deep",
            "duplicate-key",
            "lone-surrogate",
            "long-key",
            "tab-after-colon",
            "truncated",
            "two-documents"
        ],
        "{json}"
    );
    both_paths(dir.path(), "human", &files);
}
