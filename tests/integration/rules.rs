//! One fixture per rule (at least): each breaks the shipped tracker in one way and
//! says, in `# expect:` lines, which rules must fire where and what text stands there.

use crate::{diagnostics, read, rectrack, root, run};
use rectrack::check::rules::RULES;

struct Fixture {
    path: String,
    args: Vec<String>,
    expect: Vec<(String, usize, usize, String)>,
}

fn fixtures() -> Vec<Fixture> {
    let dir = root().join("tests/fixtures/rules");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = format!("tests/fixtures/rules/{name}");
            let text = read(&path);
            let args = text
                .lines()
                .find_map(|l| l.strip_prefix("# args: "))
                .unwrap_or("--today 2022-01-01")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let expect = text
                .lines()
                .filter_map(|l| l.strip_prefix("# expect: "))
                .map(|l| {
                    let mut w = l.split_whitespace();
                    let rule = w.next().unwrap().to_string();
                    let (line, col) = w.next().unwrap().split_once(':').unwrap();
                    let token = w.next().unwrap_or_default().to_string();
                    (rule, line.parse().unwrap(), col.parse().unwrap(), token)
                })
                .collect();
            Fixture { path, args, expect }
        })
        .collect()
}

#[test]
fn every_rule_has_a_failing_fixture() {
    let all = fixtures();
    // Rules about a change need a git history: tests/integration/history.rs has them.
    for rule in RULES
        .iter()
        .filter(|r| r.scope == rectrack::check::rules::Scope::File)
    {
        assert!(
            all.iter()
                .any(|f| f.expect.iter().any(|(r, ..)| r == rule.id)),
            "no fixture in tests/fixtures/rules fails `{}`",
            rule.id
        );
    }
}

#[test]
fn each_fixture_fails_exactly_its_rules_at_the_right_place() {
    for f in fixtures() {
        assert!(!f.expect.is_empty(), "{}: no `# expect:` line", f.path);
        let text = read(&f.path);
        // The expectations are checked against the file itself first, so a wrong
        // line:column in a fixture cannot pass unnoticed.
        for (rule, line, col, token) in &f.expect {
            let at: String = text
                .lines()
                .nth(line - 1)
                .unwrap_or_else(|| panic!("{}: no line {line}", f.path))
                .chars()
                .skip(col - 1)
                .collect();
            let token = token.replace("\\t", "\t");
            assert!(
                at.starts_with(&token),
                "{}: expectation {rule} {line}:{col} says `{token}` stands there, found `{at}`",
                f.path
            );
        }
        let (code, stdout, _) = run(rectrack().arg("check").args(&f.args).arg(&f.path));
        let mut got = diagnostics(&stdout);
        let mut want: Vec<_> = f
            .expect
            .iter()
            .map(|(r, l, c, _)| (r.clone(), *l, *c))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}:\n{stdout}", f.path);
        let has_error = f.expect.iter().any(|(r, ..)| {
            rectrack::check::rules::find(r).unwrap().severity
                == rectrack::check::finding::Severity::Error
        });
        assert_eq!(
            code,
            i32::from(has_error),
            "{}: exit code\n{stdout}",
            f.path
        );
        for (rule, ..) in &f.expect {
            assert!(
                stdout.contains(&format!("[{rule}]: ")),
                "{}: rule id shown",
                f.path
            );
        }
        assert!(
            stdout.contains("= help: "),
            "{}: every diagnostic says what to do",
            f.path
        );
    }
}

#[test]
fn warnings_pass_unless_denied() {
    let path = "tests/fixtures/rules/unused-source.yaml";
    let (code, stdout, _) = run(rectrack().args(["check", "--today", "2022-01-01", path]));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("checked 1 file: 1 warning"), "{stdout}");
    let (code, _, _) =
        run(rectrack().args(["check", "--today", "2022-01-01", "--deny-warnings", path]));
    assert_eq!(code, 1);
}

#[test]
fn stale_window_is_configurable() {
    let path = "tests/fixtures/rules/stale-step.yaml";
    let (_, stdout, _) = run(rectrack().args([
        "check",
        "--today",
        "2023-01-01",
        "--stale-days",
        "400",
        path,
    ]));
    assert!(diagnostics(&stdout).is_empty(), "{stdout}");
}

#[test]
fn all_problems_of_all_files_are_reported_in_one_run() {
    let (code, stdout, _) = run(rectrack().args([
        "check",
        "--today",
        "2022-01-01",
        "tests/fixtures/rules/status-mismatch.yaml",
        "tests/fixtures/rules/unknown-step.yaml",
        "tests/fixtures/rules/yaml-tab.yaml",
    ]));
    assert_eq!(code, 1);
    let rules: Vec<_> = diagnostics(&stdout).into_iter().map(|d| d.0).collect();
    assert_eq!(
        rules,
        [
            "status-mismatch",
            "duplicate-id",
            "missing-step",
            "unknown-step",
            "yaml"
        ]
    );
    assert!(stdout.ends_with("checked 3 files: 5 errors\n"), "{stdout}");
}

#[test]
fn valid_fixtures_on_the_edge_of_every_rule_pass() {
    let dir = root().join("tests/fixtures/valid");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let (code, stdout, stderr) = run(rectrack()
            .args(["check", "--today", "2021-12-10"])
            .arg(&path));
        assert_eq!(code, 0, "{}: {stdout}{stderr}", path.display());
        assert!(
            stdout.ends_with("checked 1 file: no problems\n"),
            "{}: {stdout}",
            path.display()
        );
        count += 1;
    }
    assert!(count > 0);
}

#[test]
fn contested_and_aliased_entries_show_in_status() {
    let (code, stdout, _) = run(rectrack().args([
        "status",
        "--format",
        "csv",
        "tests/fixtures/valid/edges.yaml",
    ]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains(
            ",unify-ranks,jnim-consensus,jnim,in-progress,2020-03-08,2021-12-10,contested\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            ",unify-ranks,government-consensus,government,in-progress,2020-02-10,2021-06-13,\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(",unify-ranks,foreign-partners,government,not-started,2021-12-10,,\n"),
        "{stdout}"
    );
}
