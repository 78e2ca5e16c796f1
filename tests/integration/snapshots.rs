//! Whole outputs, reviewed once and kept: a change to what a monitor or reader sees
//! shows up as a snapshot diff in review. (`cargo insta review` after an intended change.)

use crate::{rectrack, run};
use insta::assert_snapshot;

fn stdout_of(args: &[&str]) -> String {
    let (_, stdout, _) = run(rectrack().args(args));
    stdout
}

#[test]
fn check_human_output() {
    let (code, stdout, _) = run(rectrack().args([
        "check",
        "--today",
        "2022-01-01",
        "tests/fixtures/several-problems.yaml",
    ]));
    assert_eq!(code, 1);
    assert_snapshot!(stdout);
}

#[test]
fn status_table() {
    assert_snapshot!(stdout_of(&["status"]));
}

#[test]
fn status_markdown() {
    assert_snapshot!(stdout_of(&["status", "--format", "markdown"]));
}

#[test]
fn status_csv() {
    assert_snapshot!(stdout_of(&["status", "--format", "csv"]));
}

#[test]
fn status_json() {
    assert_snapshot!(stdout_of(&["status", "--format", "json"]));
}

#[test]
fn status_as_of_2020() {
    assert_snapshot!(stdout_of(&["status", "--as-of", "2020-06-01"]));
}

#[test]
fn explain_status_mismatch() {
    assert_snapshot!(stdout_of(&["explain", "status-mismatch"]));
}

#[test]
fn explain_list() {
    assert_snapshot!(stdout_of(&["explain"]));
}

#[test]
fn catalog_table() {
    assert_snapshot!(stdout_of(&["catalog"]));
}

#[test]
fn init_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tracker.yaml");
    let (code, _, _) = run(rectrack().arg("init").arg(&file).args([
        "--as-of",
        "2022-01-01",
        "--title",
        "Dialogue: Mopti \"cercle\"",
    ]));
    assert_eq!(code, 0);
    assert_snapshot!(std::fs::read_to_string(file).unwrap());
}
