//! One fixture per rule (at least): each breaks a tracker in one way and says, in
//! `# expect:` lines, which rules must fire where and what text stands there.
//!
//! `tests/fixtures/rules/` holds single files, checked as they are.
//! `tests/fixtures/changes/` holds changes: each file names, in a `# base:` line, the
//! tracker it was at the base revision; it is checked with `--base` in a scratch git
//! repository where that base is committed at the fixture's path and the fixture on top.
//!
//! Each fixture is a test of its own (see [`fixtures!`]), so every failing one shows.

use crate::history::git_in;
use crate::{diagnostics, read, rectrack, root, run};
use rectrack::check::rules::{RULES, Scope};
use std::collections::BTreeSet;

/// One fixture file and what it says of itself.
struct Fixture {
    path: String,
    /// The tracker at the base revision, for a change fixture.
    base: Option<String>,
    args: Vec<String>,
    expect: Vec<(String, usize, usize, String)>,
}

impl Fixture {
    fn load(path: String) -> Fixture {
        let text = read(&path);
        let header = |key: &str| text.lines().find_map(|l| l.strip_prefix(key));
        let base = header("# base: ").map(str::to_string);
        let args = header("# args: ")
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
        Fixture {
            path,
            base,
            args,
            expect,
        }
    }

    /// `rectrack check ARGS FIXTURE` plus `extra` arguments: from the root for a file,
    /// or in a scratch repository with `--base HEAD~1` for a change.
    fn check(&self, extra: &[&str]) -> (i32, String, String) {
        let Some(base) = &self.base else {
            return run(rectrack()
                .arg("check")
                .args(extra)
                .args(&self.args)
                .arg(&self.path));
        };
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path();
        git_in(repo, &["init", "-q", "-b", "main"]);
        std::fs::create_dir_all(repo.join("schema")).unwrap();
        std::fs::copy(
            root().join("schema/tracker.schema.json"),
            repo.join("schema/tracker.schema.json"),
        )
        .unwrap();
        // At the fixture's own path, so its modeline still finds the schema.
        let at = repo.join(&self.path);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(&at, read(base)).unwrap();
        git_in(repo, &["add", "-A"]);
        git_in(repo, &["commit", "-q", "-m", "base"]);
        std::fs::write(&at, read(&self.path)).unwrap();
        git_in(repo, &["commit", "-q", "-a", "-m", "change"]);
        run(rectrack()
            .current_dir(repo)
            .args(["check", "--base", "HEAD~1"])
            .args(extra)
            .args(&self.args)
            .arg(&self.path))
    }
}

/// The `.yaml` files directly in `tests/fixtures/<kind>/`, without extension, sorted.
fn files(kind: &str) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(root().join("tests/fixtures").join(kind))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    names
}

/// One `#[test]` per fixture, named after its file (`-` becomes `_`), and `LISTED`, the
/// file names, which a test compares with the folder: a fixture without a test fails.
macro_rules! fixtures {
    ($kind:literal: $($name:ident),* $(,)?) => {
        /// The fixture files that have a test here.
        pub const LISTED: &[&str] = &[$(stringify!($name)),*];

        /// The fixtures of this folder, loaded.
        pub fn all() -> Vec<super::Fixture> {
            LISTED.iter().map(|name| load(name)).collect()
        }

        fn load(name: &str) -> super::Fixture {
            super::Fixture::load(format!(
                "tests/fixtures/{}/{}.yaml",
                $kind,
                name.replace('_', "-")
            ))
        }

        #[test]
        fn every_fixture_file_has_its_test() {
            let listed: Vec<String> = LISTED.iter().map(|n| n.replace('_', "-")).collect();
            assert_eq!(
                super::files($kind),
                listed,
                "tests/fixtures/{}/ and the `fixtures!` list in tests/integration/rules.rs differ",
                $kind
            );
        }

        $(
            #[test]
            fn $name() {
                super::fails_exactly_its_rules_at_the_right_place(&load(stringify!($name)));
            }
        )*
    };
}

/// Rules fixtures: one tracker file each.
mod file {
    fixtures!("rules":
        back_to_not_started,
        date_after_as_of,
        duplicate_id,
        entry_after_close,
        future_date,
        history_order,
        missing_evidence,
        missing_evidence_empty_list,
        missing_step,
        modeline_mismatch,
        review_overdue,
        schema_bad_status,
        schema_date_format,
        schema_impossible_date,
        schema_missing_key,
        schema_missing_locator,
        schema_missing_root_key,
        schema_source_date,
        schema_unknown_key,
        stale_step,
        status_mismatch,
        status_mismatch_no_history,
        unknown_recommendation,
        unknown_source,
        unknown_step,
        unused_source,
        yaml_colon_in_text,
        yaml_duplicate_key,
        yaml_missing_dash,
        yaml_tab,
        yaml_tab_after_date,
        yaml_text_cut_by_comment,
        yaml_two_documents,
    );
}

/// Catalog fixtures: one catalog file each (`catalog_format`), checked by the catalog
/// rules (the other tests of catalogs are in `catalog_check.rs`).
mod catalog {
    fixtures!("catalogs":
        catalog_duplicate_language,
        catalog_format_2,
        catalog_missing_language,
        catalog_renamed_current,
        catalog_renamed_twice,
        catalog_step_without_from,
        catalog_unknown_document,
        catalog_unknown_language,
        catalog_unknown_party,
    );
}

/// Change fixtures: a tracker and its version at the base revision.
mod change {
    fixtures!("changes":
        as_of_backwards,
        history_inserted,
        history_rewritten,
        source_changed,
        source_removed,
        status_change_without_note,
        step_removed,
        tracker_removed,
    );
}

fn fails_exactly_its_rules_at_the_right_place(f: &Fixture) {
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
    let (code, stdout, _) = f.check(&[]);
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
        rectrack::check::rules::find(r)
            .unwrap_or_else(|| panic!("{}: `{r}` is not in the rule table", f.path))
            .severity
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

#[test]
fn every_file_rule_has_a_failing_file_fixture_and_every_change_rule_a_change_one() {
    for (kind, scope, all) in [
        ("rules", Scope::File, file::all()),
        ("changes", Scope::Change, change::all()),
        ("catalogs", Scope::Catalog, catalog::all()),
    ] {
        for rule in RULES.iter().filter(|r| r.scope == scope) {
            assert!(
                all.iter()
                    .any(|f| f.expect.iter().any(|(r, ..)| r == rule.id)),
                "no fixture in tests/fixtures/{kind} fails `{}`",
                rule.id
            );
        }
    }
}

/// The rule ids of the findings in `check --format json` output.
fn rule_ids(json: &str, what: &str) -> BTreeSet<String> {
    let out: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {json}"));
    let files = out["files"].as_array().expect("`files` is a list");
    files
        .iter()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .expect("`diagnostics` is a list")
        })
        .map(|d| d["rule"].as_str().expect("`rule` is a string").to_string())
        .collect()
}

#[test]
fn findings_name_only_table_rules_and_every_table_rule_fires() {
    // Independently of the `# expect:` lines: what the JSON output says, over every
    // fixture of both kinds.
    let mut fired = BTreeSet::new();
    for f in file::all()
        .into_iter()
        .chain(change::all())
        .chain(catalog::all())
    {
        let (_, stdout, stderr) = f.check(&["--format", "json"]);
        for id in rule_ids(&stdout, &f.path) {
            assert!(
                rectrack::check::rules::find(&id).is_some(),
                "{}: a finding carries rule `{id}`, which is not in the rule table\n{stderr}",
                f.path
            );
            fired.insert(id);
        }
    }
    let never: Vec<_> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !fired.contains(*id))
        .collect();
    assert!(
        never.is_empty(),
        "rules in the table that no fixture fires: {never:?}"
    );
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
    let rows = crate::status_rows(&["tests/fixtures/valid/edges.yaml"]);
    let has = |tail: &str| rows.iter().any(|r| r.ends_with(tail));
    assert!(
        has(",unify-ranks,jnim-consensus,jnim,in-progress,2020-03-08,2021-12-10,contested"),
        "{rows:#?}"
    );
    assert!(
        has(",unify-ranks,government-consensus,government,in-progress,2020-02-10,2021-06-13,"),
        "{rows:#?}"
    );
    assert!(
        has(",unify-ranks,foreign-partners,government,not-started,2021-12-10,,"),
        "{rows:#?}"
    );
}
