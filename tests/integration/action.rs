//! The composite GitHub Action (action.yml at the root): its shell steps,
//! scripts/action.sh, run locally against a scratch repository with a local `origin`,
//! as the runner would (GITHUB_ACTION_PATH the repository, GITHUB_STEP_SUMMARY and
//! GITHUB_OUTPUT temporary files, HOME a scratch folder), hostile inputs included; and
//! action.yml itself, parsed, so its shell text never holds an expression.

use crate::ci::{FakeCargo, PullRequest, append, crate_version, rewrite, runs, sh_in, yaml};
use crate::history::git_in;
use crate::{read, root, skip_or_fail};
use rectrack::syntax::document::Node;
use std::path::{Path, PathBuf};

/// A runner: a scratch HOME and job files beside a pull request's checkout.
struct Runner {
    pr: PullRequest,
    home: tempfile::TempDir,
}

/// What one phase did: exit code, log, job summary.
struct Ran {
    code: i32,
    log: String,
    summary: String,
}

impl Runner {
    fn new(change: impl Fn(&str) -> String) -> Self {
        Runner {
            pr: PullRequest::new(change),
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// The install folder the script uses under HOME.
    fn install_root(&self) -> PathBuf {
        self.home.path().join(".cache/rectrack-action")
    }

    /// Puts the binary under test where the install step would (a cache hit).
    fn installed(self) -> Self {
        let bin = self.install_root().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::copy(
            assert_cmd::cargo::cargo_bin("rectrack"),
            bin.join("rectrack"),
        )
        .unwrap();
        self
    }

    /// Runs `scripts/action.sh PHASE` from the checkout, with `inputs` as action.yml
    /// passes them (environment variables), `path` first on PATH.
    fn phase(&self, phase: &str, inputs: &[(&str, &str)], path: &[PathBuf]) -> Ran {
        let summary = self.pr.outside().join("summary.md");
        std::fs::write(&summary, "").unwrap();
        let mut env: Vec<(&str, String)> = vec![
            ("GITHUB_ACTION_PATH", root().display().to_string()),
            ("GITHUB_BASE_REF", "main".into()),
            ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
            (
                "GITHUB_OUTPUT",
                self.pr.outside().join("output").display().to_string(),
            ),
            ("HOME", self.home.path().display().to_string()),
            (
                "GITHUB_PATH",
                self.pr.outside().join("github_path").display().to_string(),
            ),
        ];
        env.extend(inputs.iter().map(|(k, v)| (*k, (*v).to_string())));
        let script = format!("\"$GITHUB_ACTION_PATH/scripts/action.sh\" {phase}");
        let (code, log) = self.pr.sh_on(&script, &env, path);
        Ran {
            code,
            log,
            summary: std::fs::read_to_string(summary).unwrap(),
        }
    }

    fn check(&self, inputs: &[(&str, &str)]) -> Ran {
        self.phase("check", inputs, &[])
    }
}

/// Every file and folder under `dir`, `.git` aside, relative to it.
fn tree(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    found.sort();
    found
}

#[test]
fn action_yml_only_calls_the_script_and_passes_inputs_through_env() {
    let doc = yaml("action.yml");
    let inputs = doc.get("inputs").and_then(Node::as_map).unwrap();
    let names: Vec<&str> = inputs.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(names, ["base", "paths"]);
    assert_eq!(
        doc.get("runs")
            .and_then(|r| r.get("using"))
            .and_then(Node::as_str),
        Some("composite")
    );
    let steps = doc
        .get("runs")
        .and_then(|r| r.get("steps"))
        .and_then(Node::as_seq)
        .unwrap();
    let script_call =
        regex::Regex::new(r#"^"\$GITHUB_ACTION_PATH/scripts/action\.sh" (prepare|install|check)$"#)
            .unwrap();
    let whole_input = regex::Regex::new(r"^\$\{\{ inputs\.[a-z]+ \}\}$").unwrap();
    let mut phases = Vec::new();
    for (name, run) in runs(steps) {
        assert!(
            script_call.is_match(&run),
            "{name}: a run step only calls scripts/action.sh: {run:?}"
        );
        assert!(!run.contains("${{"), "{name}: an expression in shell text");
        phases.push(run.rsplit(' ').next().unwrap().to_string());
    }
    assert_eq!(phases, ["prepare", "install", "check"]);
    for step in steps {
        if step.get("run").is_some() {
            assert_eq!(step.get("shell").and_then(Node::as_str), Some("bash"));
        }
        // Inputs reach the script as environment variables, each whole.
        for pair in step.get("env").and_then(Node::as_map).unwrap_or_default() {
            let value = pair.value.as_str().unwrap();
            assert!(whole_input.is_match(value), "{}: {value}", pair.key);
        }
    }
    let check = steps.last().unwrap();
    let env: Vec<(String, String)> = check
        .get("env")
        .and_then(Node::as_map)
        .unwrap()
        .iter()
        .map(|p| (p.key.to_string(), p.value.as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        env,
        [
            ("INPUT_BASE".into(), "${{ inputs.base }}".into()),
            ("INPUT_PATHS".into(), "${{ inputs.paths }}".into())
        ]
    );
    // The cache step restores what the install step builds, keyed as prepare says.
    let cache = steps
        .iter()
        .find(|s| s.get("uses").and_then(Node::as_str) == Some("actions/cache@v4"))
        .unwrap();
    let with = cache.get("with").unwrap();
    assert_eq!(
        with.get("path").and_then(Node::as_str),
        Some("${{ steps.prepare.outputs.root }}")
    );
    assert_eq!(
        with.get("key").and_then(Node::as_str),
        Some("${{ steps.prepare.outputs.key }}")
    );
    let install = &steps[2];
    assert_eq!(
        install.get("if").and_then(Node::as_str),
        Some("steps.cache.outputs.cache-hit != 'true'")
    );
    assert!(read("docs/ci.md").contains("scripts/action.sh"));
}

#[test]
fn the_action_builds_once_from_its_own_checkout_and_passes_an_append() {
    let runner = Runner::new(append);
    let prepared = runner.phase("prepare", &[], &[]);
    assert_eq!(prepared.code, 0, "{}", prepared.log);
    let output = std::fs::read_to_string(runner.pr.outside().join("output")).unwrap();
    let root_line = format!("root={}", runner.install_root().display());
    assert!(output.lines().any(|l| l == root_line), "{output}");
    let key = output.lines().find_map(|l| l.strip_prefix("key=")).unwrap();
    assert!(
        key.starts_with(&format!("rectrack-action-{}-", crate_version())),
        "{key}"
    );
    let github_path = std::fs::read_to_string(runner.pr.outside().join("github_path")).unwrap();
    assert_eq!(
        github_path,
        format!("{}\n", runner.install_root().join("bin").display()),
        "later steps find rectrack on PATH"
    );
    // The same files give the same key: the cache is found on the next run.
    let again = runner.phase("prepare", &[], &[]);
    let output = std::fs::read_to_string(runner.pr.outside().join("output")).unwrap();
    assert_eq!(again.code, 0);
    assert_eq!(
        output
            .lines()
            .filter(|l| *l == format!("key={key}"))
            .count(),
        2,
        "{output}"
    );

    let cargo = FakeCargo::new();
    let installed = runner.phase("install", &[], &[cargo.dir()]);
    assert_eq!(installed.code, 0, "{}", installed.log);
    let root_arg = runner.install_root().display().to_string();
    let path_arg = root().display().to_string();
    assert_eq!(
        cargo.calls(),
        [[
            "install", "--locked", "--root", &root_arg, "--path", &path_arg, "rectrack"
        ]
        .map(String::from)
        .to_vec()]
    );

    let ran = runner.check(&[]);
    assert_eq!(ran.code, 0, "{}", ran.log);
    assert!(!ran.log.contains("::error"), "{}", ran.log);
    assert!(
        ran.summary
            .contains("Test entry appended in a pull request."),
        "{}",
        ran.summary
    );
}

#[test]
fn a_rewrite_fails_the_action_with_an_annotation_and_a_summary() {
    let runner = Runner::new(rewrite).installed();
    let ran = runner.check(&[("INPUT_PATHS", "tracker\n")]);
    assert_eq!(ran.code, 1, "{}", ran.log);
    assert!(
        ran.log
            .contains("::error file=tracker/mali-jnim-dialogue.yaml,line="),
        "{}",
        ran.log
    );
    assert!(
        ran.log.contains("title=rectrack history-rewritten::"),
        "{}",
        ran.log
    );
    assert!(ran.summary.contains("⛔ **changed**"), "{}", ran.summary);
    assert!(ran.summary.contains("history-rewritten"), "{}", ran.summary);

    // An explicit base, and no job summary file: the summary goes to the log.
    let summary_less = runner.pr.sh_on(
        "\"$GITHUB_ACTION_PATH/scripts/action.sh\" check",
        &[
            ("GITHUB_ACTION_PATH", root().display().to_string()),
            ("HOME", runner.home.path().display().to_string()),
            ("INPUT_BASE", "origin/main".into()),
        ],
        &[],
    );
    assert_eq!(summary_less.0, 1, "{}", summary_less.1);
    assert!(
        summary_less
            .1
            .contains("Job summary (GITHUB_STEP_SUMMARY is not set):"),
        "{}",
        summary_less.1
    );
    assert!(
        summary_less.1.contains("⛔ **changed**"),
        "{}",
        summary_less.1
    );
}

#[test]
fn several_paths_one_per_line_with_spaces() {
    // The pull request rewrites history in tracker/ and adds a broken tracker in a
    // folder whose name has a space: both are reported, so both paths were checked.
    let runner = Runner::new(rewrite).installed();
    let checkout = runner.pr.path();
    std::fs::create_dir_all(checkout.join("more trackers")).unwrap();
    let example = read("examples/fictional-river-accord/tracker/verdant-river-accord.yaml");
    std::fs::write(
        checkout.join("more trackers/river accord.yaml"),
        example.replacen("status: achieved", "status: done", 1),
    )
    .unwrap();
    std::fs::copy(
        root().join("examples/fictional-river-accord/catalog.yaml"),
        checkout.join("catalog.yaml"),
    )
    .unwrap();
    git_in(&checkout, &["add", "-A"]);
    git_in(&checkout, &["commit", "-q", "-m", "more"]);
    let ran = runner.check(&[(
        "INPUT_PATHS",
        "  tracker  \n\nmore trackers/river accord.yaml\r\n",
    )]);
    assert_eq!(ran.code, 1, "{}", ran.log);
    assert!(
        ran.log
            .contains("::error file=more trackers/river accord.yaml,line=36,"),
        "{}",
        ran.log
    );
    assert!(
        ran.log
            .contains("::error file=tracker/mali-jnim-dialogue.yaml,"),
        "{}",
        ran.log
    );
    assert!(
        ran.summary.contains("more trackers/river accord.yaml"),
        "both paths are summarised:\n{}",
        ran.summary
    );
    assert!(
        ran.summary.contains("mali-jnim-dialogue"),
        "{}",
        ran.summary
    );
}

#[test]
fn hostile_inputs_run_nothing_and_write_nothing() {
    let runner = Runner::new(append).installed();
    let checkout = runner.pr.path();
    let before = tree(&checkout);
    let outside = tree(runner.pr.outside());
    let cases: &[(&str, &str)] = &[
        ("INPUT_PATHS", "$(touch pwned)"),
        ("INPUT_PATHS", "`touch pwned`"),
        ("INPUT_PATHS", "tracker; touch pwned"),
        ("INPUT_PATHS", "tracker\n$(touch pwned)"),
        ("INPUT_PATHS", "tracker/*"),
        ("INPUT_PATHS", "--output=pwned"),
        ("INPUT_PATHS", "-o\npwned"),
        ("INPUT_PATHS", "${HOME}"),
        ("INPUT_BASE", "--output=pwned"),
        ("INPUT_BASE", "-o"),
        ("INPUT_BASE", "$(touch pwned)"),
        ("INPUT_BASE", "main; touch pwned"),
        ("INPUT_BASE", "main\n::error::forged"),
        ("INPUT_BASE", "origin/main --output=pwned"),
    ];
    for (input, value) in cases {
        let ran = runner.check(&[(input, value)]);
        assert_eq!(
            ran.code, 2,
            "{input}={value:?} is refused (no such file or revision):\n{}",
            ran.log
        );
        assert_eq!(
            tree(&checkout),
            before,
            "{input}={value:?} wrote in the checkout"
        );
        let mut now = tree(runner.pr.outside());
        now.retain(|f| f != "summary.md");
        let mut was = outside.clone();
        was.retain(|f| f != "summary.md");
        assert_eq!(now, was, "{input}={value:?} wrote beside the checkout");
        assert!(
            !root().join("pwned").exists() && !runner.home.path().join("pwned").exists(),
            "{input}={value:?}"
        );
        assert!(!ran.log.contains("::error::forged"), "{}", ran.log);
        assert!(
            ran.log.contains("::error title=rectrack action::"),
            "an annotation says why the step failed:\n{}",
            ran.log
        );
        assert!(
            ran.log
                .lines()
                .all(|l| !l.starts_with("::") || l.starts_with("::error ")),
            "only rectrack's own annotations:\n{}",
            ran.log
        );
        assert!(
            !ran.summary.is_empty(),
            "{input}={value:?}: a summary is written"
        );
    }
}

#[test]
fn a_shallow_clone_is_told_to_fetch_the_history() {
    let runner = Runner::new(append).installed();
    let shallow = runner.pr.outside().join("shallow");
    // A clone of the pull request's branch only, one commit deep, as actions/checkout
    // makes it by default.
    let source = format!("file://{}", runner.pr.path().display());
    git_in(
        runner.pr.outside(),
        &[
            "clone", "-q", "--depth", "1", "--branch", "change", &source, "shallow",
        ],
    );
    let ran = sh_in(
        &shallow,
        "\"$GITHUB_ACTION_PATH/scripts/action.sh\" check",
        &[
            ("GITHUB_ACTION_PATH", root().display().to_string()),
            ("HOME", runner.home.path().display().to_string()),
            ("INPUT_BASE", "main".into()),
        ],
        &[],
    );
    assert_eq!(ran.0, 2, "{}", ran.1);
    assert!(
        ran.1
            .contains("::error title=rectrack action::the checkout is shallow")
            && ran.1.contains("fetch-depth: 0"),
        "{}",
        ran.1
    );
}

#[test]
fn outside_a_pull_request_the_base_must_be_given() {
    let runner = Runner::new(append).installed();
    let ran = runner.pr.sh_on(
        "\"$GITHUB_ACTION_PATH/scripts/action.sh\" check",
        &[
            ("GITHUB_ACTION_PATH", root().display().to_string()),
            ("HOME", runner.home.path().display().to_string()),
        ],
        &[],
    );
    assert_eq!(ran.0, 2, "{}", ran.1);
    assert!(
        ran.1.contains("set the action's `base:` input"),
        "{}",
        ran.1
    );
}

/// ShellCheck, which `./scripts/test` installs and points RECTRACK_SHELLCHECK at.
fn shellcheck() -> Option<PathBuf> {
    match std::env::var("RECTRACK_SHELLCHECK") {
        Ok(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => {
            skip_or_fail("RECTRACK_SHELLCHECK is not set (./scripts/test sets it)");
            None
        }
    }
}

/// Runs ShellCheck on `file` as bash: its findings, empty when clean.
fn lint(shellcheck: &Path, file: &Path) -> String {
    let out = std::process::Command::new(shellcheck)
        .args(["--shell=bash", "--format=gcc"])
        .arg(file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.success(), text.is_empty(), "{text}");
    text
}

#[test]
fn the_shell_steps_pass_shellcheck() {
    let Some(shellcheck) = shellcheck() else {
        return;
    };
    assert_eq!(lint(&shellcheck, &root().join("scripts/action.sh")), "");

    // Each recipe's shell text, as the runner would hand it to bash.
    let dir = tempfile::tempdir().unwrap();
    let github = yaml("docs/ci/github-workflow.yml");
    let steps = github
        .get("jobs")
        .and_then(|j| j.get("rectrack"))
        .and_then(|j| j.get("steps"))
        .and_then(Node::as_seq)
        .unwrap();
    let gitlab = yaml("docs/ci/gitlab-ci.yml");
    let job = gitlab.get("rectrack").unwrap();
    let mut scripts: Vec<(String, String)> = runs(steps);
    let lines = |key: &str| -> String {
        job.get(key)
            .and_then(Node::as_seq)
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    scripts.push((
        "gitlab".into(),
        format!("{}\n{}", lines("before_script"), lines("script")),
    ));
    assert_eq!(scripts.len(), 5, "four GitHub steps and the GitLab job");
    for (i, (name, text)) in scripts.iter().enumerate() {
        let file = dir.path().join(format!("{i}.sh"));
        std::fs::write(&file, format!("#!/usr/bin/env bash\n{text}\n")).unwrap();
        assert_eq!(lint(&shellcheck, &file), "", "{name}:\n{text}");
    }

    // It does find what it is for: an unquoted input.
    let file = dir.path().join("bad.sh");
    std::fs::write(
        &file,
        "#!/usr/bin/env bash\nrectrack check -- $INPUT_PATHS\n",
    )
    .unwrap();
    assert!(lint(&shellcheck, &file).contains("SC2086"));
}
