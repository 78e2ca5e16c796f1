//! `rectrack check` on catalog files: the built-in catalog and the fictional example
//! pass; a broken catalog gets spanned findings of the catalog rules in every output
//! format; hostile catalogs (a bomb, deep nesting, 10 MB) end with a finding, not a
//! hang; commands over trackers pass over catalogs; check-jsonschema accepts the
//! catalog schema and agrees with rectrack on the catalog fixtures' shape.
//!
//! One fixture per catalog rule is in `tests/fixtures/catalogs/`, checked like the
//! trackers' rule fixtures by `rules.rs` (`# expect:` lines).

use crate::{diagnostics, read, rectrack, root, run};
use rectrack::check::rules::{RULES, Scope};
use std::time::Duration;

const EXAMPLE: &str = "examples/fictional-river-accord";
const BUILTIN: &str = "schema/recommendations.yaml";
const UNKNOWN_PARTY: &str = "tests/fixtures/catalogs/catalog-unknown-party.yaml";

/// The catalog fixtures, with their `# peer:` verdicts.
fn fixtures() -> Vec<(std::path::PathBuf, bool)> {
    let mut out: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/catalogs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let text = read(&p);
            let peer = text
                .lines()
                .find_map(|l| l.strip_prefix("# peer: "))
                .unwrap_or_else(|| panic!("{}: no `# peer:` line", p.display()))
                .starts_with("pass");
            (p, peer)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 9, "{out:?}");
    out
}

#[test]
fn the_builtin_catalog_and_the_example_pass() {
    let (code, stdout, stderr) = run(rectrack().args(["check", BUILTIN, EXAMPLE]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stdout.contains("error["), "{stdout}");
    assert!(stdout.contains("checked 3 files"), "{stdout}");
    for catalog in [BUILTIN, &format!("{EXAMPLE}/catalog.yaml")] {
        let (code, stdout, _) = run(rectrack().args(["check", catalog]));
        assert_eq!(code, 0, "{stdout}");
        assert!(
            stdout.ends_with("checked 1 file: no problems\n"),
            "{catalog}: {stdout}"
        );
    }
}

#[test]
fn every_catalog_rule_is_explained() {
    let catalog_rules: Vec<_> = RULES.iter().filter(|r| r.scope == Scope::Catalog).collect();
    assert_eq!(catalog_rules.len(), 6);
    for rule in catalog_rules {
        let (code, stdout, _) = run(rectrack().args(["explain", rule.id]));
        assert_eq!(code, 0);
        assert!(
            stdout.starts_with(&format!("{} (error): ", rule.id)),
            "{stdout}"
        );
    }
    let (_, stdout, _) = run(rectrack().args(["explain", "schema"]));
    assert!(stdout.contains("schema/catalog.schema.json"), "{stdout}");
}

#[test]
fn a_catalog_s_findings_go_through_every_format() {
    // Line 33, column 25: `lowlands` in `party: [upland, lowlands]`.
    let (code, human, _) = run(rectrack().args(["check", UNKNOWN_PARTY]));
    assert_eq!(code, 1);
    assert_eq!(
        diagnostics(&human),
        [("catalog-unknown-party".to_string(), 33, 25)]
    );
    assert!(human.contains("did you mean `lowland`?"), "{human}");

    let format = |name: &str| {
        let (code, out, err) = run(rectrack().args(["check", "--format", name, UNKNOWN_PARTY]));
        assert_eq!(code, 1, "{name}: {out}{err}");
        out
    };
    let json: serde_json::Value = serde_json::from_str(&format("json")).unwrap();
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "catalog-unknown-party", "{json}");
    assert_eq!(json["files"][0]["diagnostics"].as_array().unwrap().len(), 1);
    assert!(json.to_string().contains("33"), "{json}");

    let github = format("github");
    assert!(
        github.contains("line=33,col=25") && github.contains("catalog-unknown-party"),
        "{github}"
    );

    let sarif: serde_json::Value = serde_json::from_str(&format("sarif")).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "catalog-unknown-party");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(33), Some(25))
    );

    // A catalog is tested against the rules a catalog can break, not the trackers'.
    let junit = format("junit");
    let cases = junit.matches("<testcase ").count();
    let catalog_rules = RULES.iter().filter(|r| r.scope == Scope::Catalog).count();
    assert_eq!(
        cases,
        catalog_rules + 2,
        "yaml, schema and the catalog rules: {junit}"
    );
    assert!(junit.contains("failures=\"1\""), "{junit}");
    assert!(!junit.contains("name=\"missing-step\""), "{junit}");
}

#[test]
fn a_tracker_and_a_catalog_in_one_run_each_get_their_own_junit_cases() {
    let (code, junit, _) = run(rectrack().args([
        "check",
        "--format",
        "junit",
        "--today",
        crate::TODAY,
        crate::SHIPPED,
        BUILTIN,
    ]));
    assert_eq!(code, 0, "{junit}");
    let tracker_rules = RULES.iter().filter(|r| r.scope == Scope::File).count();
    let catalog_rules = RULES.iter().filter(|r| r.scope == Scope::Catalog).count();
    assert_eq!(
        junit.matches("<testcase ").count(),
        tracker_rules + catalog_rules + 2,
        "{junit}"
    );
}

#[test]
fn catalog_text_is_escaped_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.yaml");
    let text = read(UNKNOWN_PARTY).replace("lowlands", "\"\\e[31mred\\e[0m\"");
    std::fs::write(&path, text).unwrap();
    for format in ["human", "github", "json", "sarif", "junit"] {
        let (code, out, _) = run(rectrack().args(["check", "--format", format]).arg(&path));
        assert_eq!(code, 1, "{format}: {out}");
        assert!(!out.contains('\u{1b}'), "{format}: a raw escape: {out:?}");
    }
}

#[test]
fn hostile_catalogs_end_with_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let head = "catalog_format: 1\nid: hostile\nlanguages: [en]\n";
    // "Billion laughs" under a catalog's title.
    let mut bomb = String::from(head);
    bomb.push_str("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            [prev.as_str(); 10].join(", ")
        ));
    }
    bomb.push_str("title: *a9\n");
    // Nesting far past the limit, as a text.
    let deep = format!(
        "{head}title: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    for (name, text) in [("bomb.yaml", bomb), ("deep.yaml", deep)] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let m = crate::measure(
            &["check", path.to_str().unwrap()],
            Some(Duration::from_secs(60)),
        );
        assert_eq!(m.code, 1, "{name}: {}{}", m.stdout, m.stderr);
        assert!(m.stdout.contains("error[yaml]"), "{name}: {}", m.stdout);
    }
}

#[test]
fn a_10_mb_catalog_is_checked_in_one_pass() {
    // 10 MB of recommendations, each step naming a party the catalog lacks: every
    // finding is made, the first at its place, in bounded time.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let mut text = String::from(
        "catalog_format: 1\nid: big\ntitle: Big\nlanguages: [en]\ndocuments:\n  doc: {title: D}\n\
parties:\n  gov: Government\nrecommendations:\n",
    );
    let mut n = 0;
    while text.len() < 10 << 20 {
        text.push_str(&format!(
            "  rec-{n}:\n    title: Recommendation {n}\n    description: What it asks.\n    \
from: [{{document: doc, locator: \"paragraph {n}\"}}]\n    steps:\n      step-{n}:\n        \
party: nobody\n        title: Step\n        description: What counts.\n        \
from: [{{document: doc, locator: \"paragraph {n}\"}}]\n"
        ));
        n += 1;
    }
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let m = crate::measure(
        &["check", "--max-diagnostics", "3", path.to_str().unwrap()],
        Some(Duration::from_secs(120)),
    );
    assert_eq!(m.code, 1, "{}", m.stderr);
    let found = diagnostics(&m.stdout);
    assert_eq!(found.len(), 3, "{}", m.stdout);
    // The first step's `party: nobody` is on line 16, its value at column 16.
    assert_eq!(found[0], ("catalog-unknown-party".to_string(), 16, 16));
    assert!(
        m.stdout.contains(&format!("checked 1 file: {n} errors")),
        "{n} steps: {}",
        m.stdout.lines().last().unwrap_or_default()
    );
}

#[test]
fn commands_over_trackers_pass_over_catalogs() {
    for args in [
        vec!["status", EXAMPLE],
        vec!["status", "--format", "json", EXAMPLE],
        vec!["report", EXAMPLE],
        vec!["report", "--lang", "fr", EXAMPLE],
    ] {
        let (code, stdout, stderr) = run(rectrack().args(&args));
        assert_eq!(code, 0, "{args:?}: {stdout}{stderr}");
        assert!(!stderr.contains("invalid"), "{args:?}: {stderr}");
        assert!(
            stdout.contains("verdant-river-accord"),
            "{args:?}: {stdout}"
        );
    }
    // A broken catalog beside a valid tracker is `check`'s to report, not status's.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(UNKNOWN_PARTY), dir.path().join("catalog.yaml")).unwrap();
    std::fs::copy(root().join(crate::SHIPPED), dir.path().join("tracker.yaml")).unwrap();
    let (code, stdout, stderr) = run(rectrack()
        .args(["status", "--format", "json", "--today", crate::TODAY])
        .arg(dir.path()));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["trackers"].as_array().unwrap().len(), 1, "{doc}");
}

#[test]
fn diff_and_check_base_pass_over_a_changed_catalog() {
    // A catalog's `id:` and `recommendations:` read like a tracker's: taken for one,
    // a renamed recommendation was "steps removed, with their history".
    let repo = crate::history::Scratch::new();
    let catalog = repo.path().join("tracker/catalog.yaml");
    let example = format!("{EXAMPLE}/catalog.yaml");
    std::fs::copy(root().join(&example), &catalog).unwrap();
    repo.commit("a catalog beside the tracker");
    let changed = read(&example).replace("  dispute-settlement:", "  disputes:");
    assert_ne!(changed, read(&example));
    std::fs::write(&catalog, changed).unwrap();
    let (code, stdout, stderr) =
        run(rectrack()
            .current_dir(repo.path())
            .args(["diff", "HEAD", "--today", crate::TODAY]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "no tracker changes since HEAD\n", "{stderr}");
    let (code, stdout, stderr) = run(rectrack().current_dir(repo.path()).args([
        "check",
        "--base",
        "HEAD",
        "--today",
        crate::TODAY,
    ]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stdout.contains("step-removed"), "{stdout}");
}

#[test]
fn check_jsonschema_accepts_the_catalog_schema_and_agrees_on_shape() {
    let Some(validator) = crate::check_jsonschema("the catalog schema's peer check") else {
        eprintln!("skipped: RECTRACK_CHECK_JSONSCHEMA is not set (./scripts/test sets it)");
        return;
    };
    let status = |args: &[&str], file: Option<&std::path::Path>| {
        let mut cmd = std::process::Command::new(&validator);
        cmd.current_dir(root()).args(args);
        if let Some(f) = file {
            cmd.arg(f);
        }
        cmd.output()
            .expect("check-jsonschema runs")
            .status
            .success()
    };
    assert!(
        status(&["--check-metaschema", "schema/catalog.schema.json"], None),
        "the metaschema check refuses schema/catalog.schema.json"
    );
    let schema = ["--schemafile", "schema/catalog.schema.json"];
    for catalog in [BUILTIN, &format!("{EXAMPLE}/catalog.yaml")] {
        assert!(status(&schema, Some(&root().join(catalog))), "{catalog}");
    }
    for (path, passes) in fixtures() {
        assert_eq!(
            status(&schema, Some(&path)),
            passes,
            "{}: check-jsonschema should {}",
            path.display(),
            if passes { "accept it" } else { "reject it" }
        );
    }
}
