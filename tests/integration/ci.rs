//! The ready-made integrations, run for real: the GitHub Actions workflow and the
//! GitLab CI job from docs/ci/ (the files docs/ci.md shows), against a scratch
//! repository with a local `origin`, and the pre-commit hook definition.

use crate::history::{Scratch, git_in};
use crate::{read, root};
use rectrack::syntax::document::Node;
use rectrack::syntax::{Limits, parse};
use std::path::PathBuf;
use std::process::Command;

/// A pull request: `origin` holds `main` as Scratch made it; `pr` is a clone on a
/// branch with `change` applied and committed.
struct PullRequest {
    _origin: Scratch,
    dir: tempfile::TempDir,
}

impl PullRequest {
    fn new(change: impl Fn(&str) -> String) -> Self {
        let origin = Scratch::new();
        let dir = tempfile::tempdir().unwrap();
        git_in(
            dir.path(),
            &["clone", "-q", origin.path().to_str().unwrap(), "pr"],
        );
        let pr = dir.path().join("pr");
        git_in(&pr, &["checkout", "-q", "-b", "change"]);
        let file = pr.join("tracker/mali-jnim-dialogue.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, change(&text)).unwrap();
        git_in(&pr, &["commit", "-q", "-am", "change"]);
        PullRequest {
            _origin: origin,
            dir,
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("pr")
    }

    /// Runs a shell script as CI would (`bash -e`), with the binary under test first on
    /// PATH; returns its exit code and output.
    fn sh(&self, script: &str, env: &[(&str, String)]) -> (i32, String) {
        let bin = assert_cmd::cargo::cargo_bin("rectrack");
        let path = format!(
            "{}:{}",
            bin.parent().unwrap().display(),
            std::env::var("PATH").unwrap()
        );
        let out = Command::new("bash")
            .args(["-e", "-o", "pipefail", "-c", script])
            .current_dir(self.path())
            .env("PATH", path)
            .env_remove("GITHUB_ACTIONS")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    }
}

fn yaml(path: &str) -> Node {
    parse(&read(path), &Limits::default()).expect("the CI file is YAML")
}

fn docs_show(path: &str) {
    let shown = read("docs/ci.md");
    assert!(
        shown.contains(read(path).trim_end()),
        "docs/ci.md shows {path} as it is"
    );
}

/// A valid change: one entry appended.
fn append(text: &str) -> String {
    text.replacen(
        "      jnim-team:",
        "          - date: 2021-12-10\n            status: not-started\n            note: Test entry appended in a pull request.\n            evidence:\n              - source: icg-306\n                locator: Executive Summary, second measure\n      jnim-team:",
        1,
    )
}

/// A rewrite of recorded history.
fn rewrite(text: &str) -> String {
    text.replacen(
        "ICG reports that JNIM has not said who",
        "ICG reports that JNIM has never said who",
        1,
    )
}

/// The GitHub workflow's steps that run commands, without the install step.
fn github_steps() -> Vec<(String, String, bool)> {
    let doc = yaml("docs/ci/github-workflow.yml");
    let steps = doc
        .get("jobs")
        .and_then(|j| j.get("rectrack"))
        .and_then(|j| j.get("steps"))
        .and_then(Node::as_seq)
        .unwrap();
    steps
        .iter()
        .filter_map(|s| {
            let run = s.get("run")?.as_str()?.to_string();
            let name = s.get("name")?.as_str()?.to_string();
            let always = s.get("if").and_then(Node::as_str) == Some("always()");
            (!name.starts_with("Install")).then_some((name, run, always))
        })
        .collect()
}

fn run_github(pr: &PullRequest) -> (Vec<i32>, String, String) {
    let summary = pr.dir.path().join("summary.md");
    std::fs::write(&summary, "").unwrap();
    let env = [
        ("GITHUB_BASE_REF", "main".to_string()),
        ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
    ];
    let (mut codes, mut log) = (Vec::new(), String::new());
    let mut failed = false;
    for (name, run, always) in github_steps() {
        if failed && !always {
            continue;
        }
        let (code, out) = pr.sh(&run, &env);
        failed |= code != 0;
        codes.push(code);
        log.push_str(&format!("## {name}\n{out}"));
    }
    (codes, log, std::fs::read_to_string(summary).unwrap())
}

#[test]
fn the_github_workflow_blocks_a_rewrite_and_passes_an_append() {
    docs_show("docs/ci/github-workflow.yml");
    assert_eq!(github_steps().len(), 2, "check and summary steps");

    let good = PullRequest::new(append);
    let (codes, log, summary) = run_github(&good);
    assert_eq!(codes, [0, 0], "{log}");
    assert!(summary.contains("| `appoint-teams/government-team` | 2021-12-10 | still not-started | Test entry appended in a pull request. | icg-306 (Executive Summary, second measure) |"), "{summary}");

    let bad = PullRequest::new(rewrite);
    let (codes, log, summary) = run_github(&bad);
    assert_eq!(
        codes,
        [1, 0],
        "the check fails, the summary still runs:\n{log}"
    );
    let line = rewrite(&read(crate::SHIPPED))
        .lines()
        .position(|l| l.contains("has never said"))
        .unwrap()
        - 1;
    assert!(
        log.contains(&format!(
            "::error file=tracker/mali-jnim-dialogue.yaml,line={line},col=13,"
        )),
        "an annotation on the rewritten entry's line {line}:\n{log}"
    );
    assert!(log.contains("title=rectrack history-rewritten::"), "{log}");
    assert!(summary.contains("⛔ **changed**"), "{summary}");
}

#[test]
fn the_gitlab_job_writes_a_junit_report_that_fails_a_rewrite() {
    docs_show("docs/ci/gitlab-ci.yml");
    let doc = yaml("docs/ci/gitlab-ci.yml");
    let job = doc.get("rectrack").unwrap();
    let script: Vec<&str> = job
        .get("script")
        .and_then(Node::as_seq)
        .unwrap()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    let report = job
        .get("artifacts")
        .and_then(|a| a.get("reports"))
        .and_then(|r| r.get("junit"))
        .and_then(Node::as_str)
        .unwrap();
    let env = [("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main".to_string())];

    let good = PullRequest::new(append);
    let (code, log) = good.sh(&script.join("\n"), &env);
    assert_eq!(code, 0, "{log}");
    let xml = std::fs::read_to_string(good.path().join(report)).unwrap();
    let (tests, failures) = crate::formats::junit_counts(&xml);
    assert!(tests > 0);
    assert_eq!(failures, 0, "{xml}");

    let bad = PullRequest::new(rewrite);
    let (code, log) = bad.sh(&script.join("\n"), &env);
    assert_eq!(code, 1, "{log}");
    let xml = std::fs::read_to_string(bad.path().join(report)).unwrap();
    assert_eq!(crate::formats::junit_counts(&xml).1, 1, "{xml}");
    assert!(
        xml.contains("<failure message=\"1 finding(s): `appoint-teams/jnim-team`&apos;s entry dated 2021-12-10"),
        "{xml}"
    );
}

#[test]
fn the_pre_commit_hooks_check_tracker_files() {
    let doc = yaml(".pre-commit-hooks.yaml");
    let hooks = doc.as_seq().unwrap();
    let ids: Vec<_> = hooks
        .iter()
        .map(|h| {
            (
                h.get("id").and_then(Node::as_str),
                h.get("language").and_then(Node::as_str),
            )
        })
        .collect();
    // pip installs rectrack for the first (no Rust hook language: pre-commit would
    // build without the lock file); the second runs the rectrack already on PATH.
    assert_eq!(
        ids,
        [
            (Some("rectrack-check"), Some("python")),
            (Some("rectrack-check-system"), Some("system"))
        ]
    );
    for hook in hooks {
        let entry = hook.get("entry").and_then(Node::as_str).unwrap();
        assert_eq!(entry, "rectrack check");
        let types: Vec<_> = hook
            .get("types")
            .and_then(Node::as_seq)
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(types, ["yaml"]);
        let files = regex::Regex::new(hook.get("files").and_then(Node::as_str).unwrap()).unwrap();
        let staged = [
            "tracker/mali-jnim-dialogue.yaml",
            "tracker/other.yml",
            "schema/tracker.schema.json",
            "README.md",
            "docs/tracker/x.yaml",
        ];
        let matched: Vec<_> = staged.iter().filter(|f| files.is_match(f)).collect();
        assert_eq!(
            matched,
            [&"tracker/mali-jnim-dialogue.yaml", &"tracker/other.yml"]
        );

        // pre-commit runs `entry FILES...` in the repository.
        let bad = PullRequest::new(rewrite);
        let (code, _) = bad.sh(&format!("{entry} tracker/mali-jnim-dialogue.yaml"), &[]);
        assert_eq!(
            code, 0,
            "a reworded note is valid on its own (only --base sees the rewrite)"
        );
        let broken =
            PullRequest::new(|t| t.replacen("status: not-started", "status: not_started", 1));
        let (code, out) = broken.sh(&format!("{entry} tracker/mali-jnim-dialogue.yaml"), &[]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("error[schema]"), "{out}");
    }
    docs_show(".pre-commit-hooks.yaml");
    let _ = root();
}
