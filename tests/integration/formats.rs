//! `check --format`: every format for the same findings, the same exit code.

use crate::{rectrack, run};
use insta::assert_snapshot;
use quick_xml::Reader;
use quick_xml::events::Event;

const FIXTURE: &str = "tests/fixtures/several-problems.yaml";

fn check(format: &str, extra: &[&str]) -> (i32, String) {
    let (code, stdout, _) = run(rectrack()
        .args([
            "check",
            "--today",
            "2022-01-01",
            "--format",
            format,
            FIXTURE,
        ])
        .args(extra));
    (code, stdout)
}

/// (tests, failures) of a JUnit document, read with an XML parser.
pub fn junit_counts(xml: &str) -> (usize, usize) {
    let mut reader = Reader::from_str(xml);
    let (mut tests, mut failures) = (0, 0);
    let mut depth_ok = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "testsuites" => depth_ok = true,
                "testcase" => tests += 1,
                "failure" => failures += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(depth_ok, "a <testsuites> root");
    (tests, failures)
}

#[test]
fn every_format_exits_like_human() {
    for format in ["human", "json", "github", "junit", "sarif"] {
        assert_eq!(check(format, &[]).0, 1, "{format}");
    }
    let warn_only = "tests/fixtures/rules/unused-source.yaml";
    for format in ["human", "json", "github", "junit", "sarif"] {
        let (code, _, _) = run(rectrack().args([
            "check",
            "--today",
            "2022-01-01",
            "--format",
            format,
            warn_only,
        ]));
        assert_eq!(code, 0, "{format}");
        let (code, _, _) = run(rectrack().args([
            "check",
            "--today",
            "2022-01-01",
            "--deny-warnings",
            "--format",
            format,
            warn_only,
        ]));
        assert_eq!(code, 1, "{format} with --deny-warnings");
    }
}

#[test]
fn json_golden() {
    let (_, out) = check("json", &[]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["errors"], 7);
    assert_eq!(doc["files"][0]["diagnostics"][0]["line"], 14);
    assert_snapshot!(crate::conventions::redact_build(&out));
}

#[test]
fn github_golden() {
    assert_snapshot!(check("github", &[]).1);
}

#[test]
fn sarif_golden() {
    let (_, out) = check("sarif", &[]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(doc["runs"][0]["results"].as_array().unwrap().len(), 7);
    assert_snapshot!(crate::conventions::redact_build(&out));
}

#[test]
fn junit_golden_and_well_formed() {
    let (_, out) = check("junit", &[]);
    let rules = rectrack::check::rules::RULES
        .iter()
        .filter(|r| r.scope == rectrack::check::rules::Scope::File)
        .count();
    let (tests, failures) = junit_counts(&out);
    assert_eq!(tests, rules, "one test case per file and rule");
    assert_eq!(
        failures, 5,
        "schema, unknown-source, status-mismatch, missing-step, unknown-step"
    );
    assert_snapshot!(crate::conventions::redact_build(&out));
}

#[test]
fn github_commands_escape_percent_newlines_and_colons() {
    let (_dir, trackers) = crate::sandbox();
    let file = trackers.join("odd: 100%, really.yaml");
    let text = crate::read(crate::SHIPPED).replacen(
        "title: Dialogue",
        "\"50% done: a, b\": 1\ntitle: Dialogue",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let (code, out, _) = run(rectrack().args(["check", "--format", "github"]).arg(&file));
    assert_eq!(code, 1);
    let line = out.lines().find(|l| l.contains("unknown key")).unwrap();
    assert!(
        line.contains("odd%3A 100%25%2C really.yaml,line=12,col=1,"),
        "file property escaped: {line}"
    );
    assert!(
        line.contains("::unknown key `50%25 done: a, b` in the tracker%0Ahelp: "),
        "message escaped: {line}"
    );
    assert_eq!(
        out.lines().count(),
        1,
        "one command per finding, each on one line:\n{out}"
    );
}

#[test]
fn github_annotations_come_for_free_in_actions() {
    let (_, out, _) = run(rectrack().env("GITHUB_ACTIONS", "true").args([
        "check",
        "--today",
        "2022-01-01",
        FIXTURE,
    ]));
    assert!(out.contains("error[schema]"), "human output first");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::error ")).count(),
        7,
        "{out}"
    );
    let (_, out, _) = run(rectrack().env("GITHUB_ACTIONS", "true").args([
        "check",
        "--today",
        "2022-01-01",
        "--format",
        "json",
        FIXTURE,
    ]));
    assert!(
        !out.contains("::error"),
        "an explicit format is taken at its word"
    );
}

#[test]
fn machine_formats_are_never_coloured_and_junit_stays_well_formed() {
    // A key holding a bell and a colour escape, with colour forced both ways.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ctl.yaml");
    std::fs::write(&path, b"schema_version: 1\n\"k\\x07ey\\e[31m\": 1\n").unwrap();
    for format in ["json", "github", "junit", "sarif"] {
        let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
        cmd.env("CLICOLOR_FORCE", "1")
            .args(["--color", "always", "check", "--format", format])
            .arg(&path);
        let (code, out, _) = run(&mut cmd);
        assert_eq!(code, 1, "{out}");
        assert!(
            !out.contains('\u{1b}'),
            "{format}: no escape reaches the output: {out:?}"
        );
        assert!(!out.contains('\u{7}'), "{format}: {out:?}");
        match format {
            "junit" => {
                let mut reader = Reader::from_str(&out);
                loop {
                    match reader.read_event() {
                        Ok(Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => panic!("not well-formed XML: {e}\n{out}"),
                    }
                }
                // quick-xml does not check characters: XML 1.0 allows no control
                // character but tab and line breaks.
                assert!(
                    !out.chars()
                        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
                    "{out:?}"
                );
                assert!(out.contains("`k\\u{7}ey\\u{1b}[31m`"), "{out}");
            }
            "github" => {}
            _ => {
                serde_json::from_str::<serde_json::Value>(&out).expect("JSON parses");
            }
        }
    }
}
