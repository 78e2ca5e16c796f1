//! The ready-made integrations, run for real: the GitHub Actions workflow and the
//! GitLab CI job from docs/ci/ (the files docs/ci.md shows), against a scratch
//! repository with a local `origin`, and the pre-commit hook definition.

use crate::history::{Scratch, git_in};
use crate::{read, root};
use rectrack::syntax::document::Node;
use rectrack::syntax::{Limits, parse};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A pull request: `origin` holds `main` as Scratch made it; `pr` is a clone on a
/// branch with `change` applied and committed.
pub struct PullRequest {
    _origin: Scratch,
    dir: tempfile::TempDir,
}

impl PullRequest {
    pub fn new(change: impl Fn(&str) -> String) -> Self {
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

    /// The checkout.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("pr")
    }

    /// A folder beside the checkout (outside it), for the job's scratch files.
    pub fn outside(&self) -> &Path {
        self.dir.path()
    }

    /// Runs a shell script as CI would (`bash -e`), with the binary under test first on
    /// PATH; returns its exit code and output.
    fn sh(&self, script: &str, env: &[(&str, String)]) -> (i32, String) {
        let bin = assert_cmd::cargo::cargo_bin("rectrack");
        self.sh_on(script, env, &[bin.parent().unwrap().to_path_buf()])
    }

    /// Runs a shell script as CI would (`bash -e`), with `path` before the system's PATH
    /// (and not the binary under test: the script must find or install it itself).
    pub fn sh_on(&self, script: &str, env: &[(&str, String)], path: &[PathBuf]) -> (i32, String) {
        sh_in(&self.path(), script, env, path)
    }
}

/// [`PullRequest::sh_on`] in another folder.
pub fn sh_in(dir: &Path, script: &str, env: &[(&str, String)], path: &[PathBuf]) -> (i32, String) {
    {
        let mut dirs = path.to_vec();
        dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap()));
        let out = Command::new("bash")
            .args(["-e", "-o", "pipefail", "-c", script])
            .current_dir(dir)
            .env("PATH", std::env::join_paths(dirs).unwrap())
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

/// A folder holding a stand-in `cargo`: `cargo install ... --root DIR ...` records its
/// arguments (one per line, then `--`) in `log` and copies the binary under test to
/// DIR/bin/rectrack, as the real install would put the built one. The recipes' install
/// steps then run as written, without a network or a compile.
pub struct FakeCargo {
    dir: tempfile::TempDir,
}

impl FakeCargo {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let bin = assert_cmd::cargo::cargo_bin("rectrack");
        let script = format!(
            r#"#!/usr/bin/env bash
set -eu
printf '%s\n' "$@" -- >>'{log}'
root=
while [ $# -gt 0 ]; do
  case $1 in --root) root=$2; shift ;; esac
  shift
done
[ -n "$root" ] || {{ echo "fake cargo: no --root" >&2; exit 101; }}
mkdir -p "$root/bin"
cp '{bin}' "$root/bin/rectrack"
"#,
            log = dir.path().join("log").display(),
            bin = bin.display()
        );
        let cargo = dir.path().join("cargo");
        std::fs::write(&cargo, script).unwrap();
        let mut perms = std::fs::metadata(&cargo).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&cargo, perms).unwrap();
        FakeCargo { dir }
    }

    /// The folder to put first on PATH.
    pub fn dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// The argument lists of every `cargo` call so far.
    pub fn calls(&self) -> Vec<Vec<String>> {
        let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
        let mut calls = vec![Vec::new()];
        for line in log.lines() {
            if line == "--" {
                calls.push(Vec::new());
            } else {
                calls.last_mut().unwrap().push(line.to_string());
            }
        }
        calls.pop();
        calls
    }
}

/// The `run:` of every step in `steps`, with the step's name; for the tests that no
/// step interpolates an expression into shell text.
pub fn runs(steps: &[Node]) -> Vec<(String, String)> {
    steps
        .iter()
        .filter_map(|s| {
            let run = s.get("run")?.as_str()?.to_string();
            let name = s
                .get("name")
                .and_then(Node::as_str)
                .unwrap_or("?")
                .to_string();
            Some((name, run))
        })
        .collect()
}

pub fn yaml(path: &str) -> Node {
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
pub fn append(text: &str) -> String {
    text.replacen(
        "      jnim-team:",
        "          - date: 2021-12-10\n            status: not-started\n            note: Test entry appended in a pull request.\n            evidence:\n              - source: icg-306\n                locator: Executive Summary, second measure\n      jnim-team:",
        1,
    )
}

/// A rewrite of recorded history.
pub fn rewrite(text: &str) -> String {
    text.replacen(
        "ICG reports that JNIM has not said who",
        "ICG reports that JNIM has never said who",
        1,
    )
}

/// Where the recipes' tests pretend the organisation keeps rectrack (never fetched: the
/// install runs a stand-in `cargo`).
const GIT_URL: &str = "https://git.example.org/monitoring/rectrack.git";

/// The version in Cargo.toml: the recipes pin the release they are shipped with.
pub fn crate_version() -> String {
    read("Cargo.toml")
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap()
        .to_string()
}

/// A mapping's pairs as (key, text) pairs; every value must be text.
fn text_pairs(node: Option<&Node>) -> Vec<(String, String)> {
    node.and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .map(|p| (p.key.to_string(), p.value.as_str().unwrap().to_string()))
        .collect()
}

/// A step's `env:` as the runner would set it: the only expression allowed is the
/// repository variable naming where rectrack is kept.
fn step_env(step: &Node) -> Vec<(String, String)> {
    text_pairs(step.get("env"))
        .into_iter()
        .map(|(k, v)| {
            let v = v.replace("${{ vars.RECTRACK_GIT_URL }}", GIT_URL);
            assert!(
                !v.contains("${{"),
                "an unexpected expression in env {k}: {v}"
            );
            (k, v)
        })
        .collect()
}

fn github_steps(doc: &Node) -> &[Node] {
    doc.get("jobs")
        .and_then(|j| j.get("rectrack"))
        .and_then(|j| j.get("steps"))
        .and_then(Node::as_seq)
        .unwrap()
}

/// Runs the workflow's steps as the runner would, with the install step's `cargo`
/// replaced by `cargo` and `home` as the runner's home folder (what actions/cache
/// restores on a hit lives there, so keeping `home` between runs is the cache): the
/// `uses:` steps are the checkout (the pull request's own) and the cache; `if:` is
/// evaluated (`cache_hit` answers the cache step); `$GITHUB_PATH` is honoured.
/// Returns each run step's name and exit code, the log and the job summary.
fn run_github(
    pr: &PullRequest,
    home: &Path,
    cargo: &FakeCargo,
    cache_hit: bool,
) -> (Vec<(String, i32)>, String, String) {
    let doc = yaml("docs/ci/github-workflow.yml");
    let summary = pr.outside().join("summary.md");
    let github_path = pr.outside().join("github_path");
    std::fs::write(&summary, "").unwrap();
    std::fs::write(&github_path, "").unwrap();
    let mut env = vec![
        ("GITHUB_BASE_REF".to_string(), "main".to_string()),
        ("GITHUB_STEP_SUMMARY".into(), summary.display().to_string()),
        ("GITHUB_PATH".into(), github_path.display().to_string()),
        ("HOME".into(), home.display().to_string()),
    ];
    env.extend(text_pairs(doc.get("env")));
    let (mut codes, mut log) = (Vec::new(), String::new());
    let mut failed = false;
    for step in github_steps(&doc) {
        let Some(run) = step.get("run").and_then(Node::as_str) else {
            continue;
        };
        let name = step.get("name").and_then(Node::as_str).unwrap().to_string();
        let runs = match step.get("if").and_then(Node::as_str) {
            None => !failed,
            Some("always()") => true,
            Some("steps.rectrack-cache.outputs.cache-hit != 'true'") => !failed && !cache_hit,
            Some(other) => panic!("a condition this test does not know: {other}"),
        };
        if !runs {
            continue;
        }
        let mut step_env_all = env.clone();
        step_env_all.extend(step_env(step));
        let step_env_all: Vec<(&str, String)> = step_env_all
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        // Each line of $GITHUB_PATH goes before PATH for the later steps, the last first.
        let mut path: Vec<PathBuf> = std::fs::read_to_string(&github_path)
            .unwrap()
            .lines()
            .rev()
            .map(PathBuf::from)
            .collect();
        path.push(cargo.dir());
        let (code, out) = pr.sh_on(run, &step_env_all, &path);
        failed |= code != 0;
        codes.push((name.clone(), code));
        log.push_str(&format!("## {name}\n{out}"));
    }
    (codes, log, std::fs::read_to_string(summary).unwrap())
}

fn names_and_codes(codes: &[(String, i32)]) -> Vec<(&str, i32)> {
    codes.iter().map(|(n, c)| (n.as_str(), *c)).collect()
}

#[test]
fn the_github_workflow_installs_a_pinned_version_once_and_caches_it() {
    docs_show("docs/ci/github-workflow.yml");
    let doc = yaml("docs/ci/github-workflow.yml");
    let version = doc.get("env").and_then(|e| e.get("RECTRACK_VERSION"));
    assert_eq!(
        version.and_then(Node::as_str),
        Some(crate_version().as_str()),
        "the workflow pins the version it ships with, in one variable at the top"
    );
    // The line for when the package is published: the same version, marked as not yet.
    let docs = read("docs/ci.md");
    let pipx = format!(
        "pipx install rectrack=={0}   # or: pip install rectrack=={0}",
        crate_version()
    );
    let at = docs.find(&pipx).expect("docs/ci.md shows the pipx line");
    assert!(
        docs[..at].ends_with("# NOT AVAILABLE YET: for when a release is published on PyPI.\n"),
        "the pipx line is marked as not available today"
    );
    let steps = github_steps(&doc);
    let cache = steps
        .iter()
        .find(|s| s.get("uses").and_then(Node::as_str) == Some("actions/cache@v4"))
        .expect("a cache step");
    assert_eq!(
        cache.get("id").and_then(Node::as_str),
        Some("rectrack-cache")
    );
    let with = cache.get("with").unwrap();
    assert_eq!(with.get("path").and_then(Node::as_str), Some("~/.rectrack"));
    let key = with.get("key").and_then(Node::as_str).unwrap();
    for part in ["${{ env.RECTRACK_VERSION }}", "${{ runner.os }}"] {
        assert!(key.contains(part), "the cache key names {part}: {key}");
    }
    for (name, run) in runs(steps) {
        assert!(
            !run.contains("${{"),
            "{name}: an expression in shell text: {run}"
        );
    }

    let home = tempfile::tempdir().unwrap();
    let cargo = FakeCargo::new();
    let good = PullRequest::new(append);
    let (codes, log, summary) = run_github(&good, home.path(), &cargo, false);
    assert_eq!(
        names_and_codes(&codes),
        [
            ("Install rectrack", 0),
            ("Put rectrack on PATH", 0),
            ("Check trackers against the base branch", 0),
            ("Summarise the change", 0)
        ],
        "{log}"
    );
    let root = home.path().join(".rectrack").display().to_string();
    let expected: Vec<String> = [
        "install",
        "--locked",
        "--root",
        &root,
        "--git",
        GIT_URL,
        "--tag",
        &format!("v{}", crate_version()),
        "rectrack",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        cargo.calls(),
        [expected],
        "one pinned, locked install into the cached folder"
    );
    assert!(summary.contains("| `appoint-teams/government-team` | 2021-12-10 | still not-started | Test entry appended in a pull request. | icg-306 (Executive Summary, second measure) |"), "{summary}");

    // The next run finds the cached folder: no install, the same binary.
    let again = PullRequest::new(append);
    let (codes, log, _) = run_github(&again, home.path(), &cargo, true);
    assert_eq!(codes.len(), 3, "{log}");
    assert!(codes.iter().all(|(_, c)| *c == 0), "{log}");
    assert_eq!(cargo.calls().len(), 1, "a cache hit compiles nothing");
}

#[test]
fn the_github_workflow_blocks_a_rewrite_and_passes_an_append() {
    let home = tempfile::tempdir().unwrap();
    let cargo = FakeCargo::new();
    let good = PullRequest::new(append);
    let (codes, log, _) = run_github(&good, home.path(), &cargo, false);
    assert!(codes.iter().all(|(_, c)| *c == 0), "{log}");

    let bad = PullRequest::new(rewrite);
    let (codes, log, summary) = run_github(&bad, home.path(), &cargo, true);
    assert_eq!(
        names_and_codes(&codes),
        [
            ("Put rectrack on PATH", 0),
            ("Check trackers against the base branch", 1),
            ("Summarise the change", 0)
        ],
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

/// Copies what GitLab's cache would restore: `.rectrack/` from one checkout to another.
fn restore_cache(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join(".rectrack/bin")).unwrap();
    std::fs::copy(
        from.join(".rectrack/bin/rectrack"),
        to.join(".rectrack/bin/rectrack"),
    )
    .unwrap();
}

#[test]
fn the_gitlab_job_writes_a_junit_report_that_fails_a_rewrite() {
    docs_show("docs/ci/gitlab-ci.yml");
    let doc = yaml("docs/ci/gitlab-ci.yml");
    let job = doc.get("rectrack").unwrap();
    let lines = |key: &str| -> Vec<String> {
        job.get(key)
            .and_then(Node::as_seq)
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    };
    let variables = text_pairs(job.get("variables"));
    assert!(
        variables.contains(&("RECTRACK_VERSION".to_string(), crate_version())),
        "the job pins the version it ships with, in one variable: {variables:?}"
    );
    let cache = job.get("cache").unwrap();
    let key = cache.get("key").and_then(Node::as_str).unwrap();
    assert!(
        key.contains("$RECTRACK_VERSION"),
        "the cache key names the version: {key}"
    );
    let cached: Vec<&str> = cache
        .get("paths")
        .and_then(Node::as_seq)
        .unwrap()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    assert_eq!(
        cached,
        [".rectrack/"],
        "the --root folder, inside the project"
    );
    let script = [lines("before_script"), lines("script")]
        .concat()
        .join("\n");
    let report = job
        .get("artifacts")
        .and_then(|a| a.get("reports"))
        .and_then(|r| r.get("junit"))
        .and_then(Node::as_str)
        .unwrap();
    let mut env: Vec<(&str, String)> = variables
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    env.push(("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main".to_string()));
    env.push(("RECTRACK_GIT_URL", GIT_URL.to_string()));
    let cargo = FakeCargo::new();

    let good = PullRequest::new(append);
    let (code, log) = good.sh_on(&script, &env, &[cargo.dir()]);
    assert_eq!(code, 0, "{log}");
    let tag = format!("v{}", crate_version());
    assert_eq!(
        cargo.calls(),
        [[
            "install",
            "--locked",
            "--root",
            ".rectrack",
            "--git",
            GIT_URL,
            "--tag",
            &tag,
            "rectrack"
        ]
        .map(String::from)
        .to_vec()],
        "one pinned, locked install into the cached folder"
    );
    let xml = std::fs::read_to_string(good.path().join(report)).unwrap();
    let (tests, failures) = crate::formats::junit_counts(&xml);
    assert!(tests > 0);
    assert_eq!(failures, 0, "{xml}");

    let bad = PullRequest::new(rewrite);
    restore_cache(&good.path(), &bad.path());
    let (code, log) = bad.sh_on(&script, &env, &[cargo.dir()]);
    assert_eq!(code, 1, "{log}");
    assert_eq!(cargo.calls().len(), 1, "a restored cache compiles nothing");
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
