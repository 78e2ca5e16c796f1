//! `check --base` and `diff` against a real git repository built in each test.

use crate::{SHIPPED, diagnostics, read, root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs git in `dir` as a monitor with a name and no signing; returns its output.
pub fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Monitor",
            "-c",
            "user.email=monitor@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A scratch monitoring repository: schema, one tracker, a first commit.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let s = Scratch { dir };
        s.git(&["init", "-q", "-b", "main"]);
        std::fs::create_dir_all(s.path().join("schema")).unwrap();
        std::fs::create_dir_all(s.path().join("tracker")).unwrap();
        std::fs::copy(
            root().join("schema/tracker.schema.json"),
            s.path().join("schema/tracker.schema.json"),
        )
        .unwrap();
        s.write(&read(SHIPPED));
        s.commit("base");
        s
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn tracker(&self) -> PathBuf {
        self.path().join("tracker/mali-jnim-dialogue.yaml")
    }

    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    pub fn write(&self, text: &str) {
        std::fs::write(self.tracker(), text).unwrap();
    }

    pub fn text(&self) -> String {
        std::fs::read_to_string(self.tracker()).unwrap()
    }

    pub fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// Edits the tracker with a text replacement (which must apply) and commits.
    pub fn change(&self, from: &str, to: &str) {
        let text = self.text();
        assert!(text.contains(from), "the change applies: {from}");
        self.write(&text.replacen(from, to, 1));
        self.commit("change");
    }

    /// `rectrack ARGS` run in the repository.
    pub fn rectrack(&self, args: &[&str]) -> (i32, String, String) {
        let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
        cmd.current_dir(self.path())
            .args(["--color", "never"])
            .args(args);
        crate::run(&mut cmd)
    }
}

/// An entry appended to `government-team`'s history.
const APPENDED: &str = "          - date: 2021-12-10
            status: not-started
            note: Test entry appended after the recorded ones.
            evidence:
              - source: icg-306
                locator: Executive Summary, second measure
      jnim-team:";

fn rules(stdout: &str) -> Vec<(String, usize)> {
    diagnostics(stdout)
        .into_iter()
        .map(|(r, l, _)| (r, l))
        .collect()
}

#[test]
fn appending_passes() {
    let s = Scratch::new();
    s.change("      jnim-team:", APPENDED);
    let (code, stdout, stderr) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "checked 1 file: no problems\n");
}

#[test]
fn a_rewritten_entry_fails_at_its_line_and_passes_with_a_correction() {
    let s = Scratch::new();
    let from = "            note: ICG reports that JNIM has not said who might represent it at the table.\n";
    s.change(
        from,
        "            note: ICG reports that JNIM has named nobody to represent it.\n",
    );
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 1, "{stdout}");
    let line = s
        .text()
        .lines()
        .position(|l| l.contains("named nobody"))
        .unwrap()
        - 1;
    assert_eq!(
        rules(&stdout),
        [("history-rewritten".to_string(), line)],
        "{stdout}"
    );
    assert_eq!(diagnostics(&stdout)[0].2, 13, "the entry's `- ` item");

    // The same change, declared.
    let date = s.git(&["show", "-s", "--format=%cs", "HEAD~1"]);
    s.change(
        "            note: ICG reports that JNIM has named nobody to represent it.\n",
        &format!("            note: ICG reports that JNIM has named nobody to represent it.\n            correction:\n              date: {}\n              reason: Reworded.\n", date.trim()),
    );
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~2"]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn an_entry_inserted_before_recorded_ones_fails() {
    let s = Scratch::new();
    s.change(
        "        history:\n          - date: 2020-03-08\n",
        "        history:\n          - date: 2020-03-01\n            status: in-progress\n            note: Test entry put first.\n            evidence:\n              - source: iss-today-2020\n                locator: paragraph 1\n          - date: 2020-03-08\n",
    );
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 1);
    let line = s
        .text()
        .lines()
        .position(|l| l.contains("- date: 2020-03-01"))
        .unwrap()
        + 1;
    assert_eq!(
        rules(&stdout),
        [("history-inserted".to_string(), line)],
        "{stdout}"
    );
}

#[test]
fn removing_a_step_or_a_source_fails() {
    let s = Scratch::new();
    // The whole step, from its key to the next step's.
    let text = s.text();
    let at = text.find("      debate-held:\n").unwrap();
    let end = at + text[at..].find("      positions-defined:\n").unwrap();
    s.change(&text[at..end], "");
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 1);
    let steps_line = s
        .text()
        .lines()
        .position(|l| l == "  public-debate:")
        .unwrap()
        + 2;
    assert_eq!(
        rules(&stdout),
        [
            ("missing-step".to_string(), steps_line),
            ("step-removed".to_string(), steps_line)
        ],
        "{stdout}"
    );

    // A source nothing cites yet is not part of the record: it may go.
    let s = Scratch::new();
    s.change(
        "sources:\n",
        "sources:\n  spare:\n    title: A source to cite later\n",
    );
    s.change("  spare:\n    title: A source to cite later\n", "");
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 0, "{stdout}");

    // A cited one may not.
    let s = Scratch::new();
    let text = s.text();
    let at = text.find("  iss-today-2020:\n").unwrap();
    let end = at + text[at..].find("\n\n").unwrap() + 1;
    s.write(&format!("{}{}", &text[..at], &text[end..]));
    s.commit("remove a cited source");
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 1);
    let sources_line = s.text().lines().position(|l| l == "sources:").unwrap() + 1;
    assert!(
        rules(&stdout).contains(&("source-removed".to_string(), sources_line)),
        "{stdout}"
    );
}

#[test]
fn as_of_may_not_move_back() {
    let s = Scratch::new();
    s.change("as_of: 2021-12-10", "as_of: 2021-12-20");
    s.change("as_of: 2021-12-20", "as_of: 2021-12-15");
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&stdout),
        [("as-of-backwards".to_string(), 13)],
        "{stdout}"
    );
    assert_eq!(diagnostics(&stdout)[0].2, 8, "points at the value");
}

#[test]
fn a_status_change_without_note_is_a_warning() {
    let s = Scratch::new();
    s.change(
        "      agenda:\n        status: not-started\n",
        "      agenda:\n        status: in-progress\n",
    );
    let text = s.text();
    let at = text.find("      agenda:").unwrap();
    let end = at + text[at..].find("  public-debate:").unwrap();
    let agenda = &text[at..end];
    let appended = format!(
        "{agenda}          - date: 2021-12-10\n            status: in-progress\n            evidence:\n              - source: icg-306\n                locator: Executive Summary, paragraph 4\n"
    );
    s.write(&text.replacen(agenda, &appended, 1));
    s.commit("progress");
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~2"]);
    assert_eq!(code, 0, "{stdout}");
    // The second entry of agenda's history is the new one.
    let text = s.text();
    let agenda = text.lines().position(|l| l == "      agenda:").unwrap();
    let line = text
        .lines()
        .enumerate()
        .skip(agenda)
        .filter(|(_, l)| *l == "          - date: 2021-12-10")
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert_eq!(
        rules(&stdout),
        [("status-change-without-note".to_string(), line)],
        "{stdout}"
    );
    let (code, _, _) = s.rectrack(&["check", "--base", "HEAD~2", "--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn a_tracker_new_since_the_base_has_nothing_to_compare() {
    let s = Scratch::new();
    let second = s
        .text()
        .replace("\nid: mali-jnim-dialogue\n", "\nid: second\n");
    std::fs::write(s.path().join("tracker/second.yaml"), second).unwrap();
    s.commit("second tracker");
    let (code, stdout, _) = s.rectrack(&["check", "--base", "HEAD~1"]);
    assert_eq!(code, 0, "{stdout}");
    let (_, diff, _) = s.rectrack(&["diff", "HEAD~1"]);
    assert!(diff.contains("tracker/second.yaml — Dialogue between the Malian authorities and JNIM (second), new tracker"), "{diff}");
}

#[test]
fn unknown_revisions_and_non_checkouts_are_usage_errors() {
    let s = Scratch::new();
    let (code, _, stderr) = s.rectrack(&["check", "--base", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("git does not know the revision `no-such-branch`"),
        "{stderr}"
    );
    let (code, _, stderr) = s.rectrack(&["diff", "--", "--output=/tmp/x"]);
    assert_eq!(
        code, 2,
        "an option-like revision is only a revision: {stderr}"
    );

    let plain = tempfile::tempdir().unwrap();
    std::fs::create_dir(plain.path().join("tracker")).unwrap();
    std::fs::copy(root().join(SHIPPED), plain.path().join("tracker/t.yaml")).unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
    cmd.current_dir(plain.path())
        .env("GIT_CEILING_DIRECTORIES", plain.path().parent().unwrap())
        .args(["check", "--base", "HEAD"]);
    let (code, _, stderr) = crate::run(&mut cmd);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not inside a git checkout"), "{stderr}");
}

#[test]
fn old_versions_come_from_one_git_process() {
    // Ten trackers, one `git cat-file`: counted through a git wrapper on PATH.
    let s = Scratch::new();
    let copies = 9;
    for i in 0..copies {
        let copy = s
            .text()
            .replace("\nid: mali-jnim-dialogue\n", &format!("\nid: copy-{i}\n"));
        std::fs::write(s.path().join(format!("tracker/copy{i}.yaml")), copy).unwrap();
    }
    s.commit("copies");
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("calls");
    let real_git = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let wrapper = bin.path().join("git");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real_git.trim()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
    cmd.current_dir(s.path())
        .env("PATH", path)
        .args(["check", "--base", "HEAD"]);
    let (code, stdout, _) = crate::run(&mut cmd);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains(&format!("checked {} files", copies + 1)),
        "{stdout}"
    );
    let calls = std::fs::read_to_string(log).unwrap();
    // rev-parse (the checkout), rev-parse (the revision), merge-base, ls-tree (the
    // base's rectrack.toml, of which there is none), ls-tree, cat-file: the same six for
    // one file or ten thousand.
    assert_eq!(calls.lines().count(), 6, "{calls}");
    assert_eq!(
        calls
            .lines()
            .filter(|l| l.starts_with("rev-parse --verify"))
            .count(),
        1
    );
    assert_eq!(
        calls.lines().filter(|l| l.starts_with("cat-file")).count(),
        1
    );
}

#[test]
fn diff_says_what_changed() {
    let s = Scratch::new();
    let (_, nothing, _) = s.rectrack(&["diff", "HEAD"]);
    assert_eq!(nothing, "no tracker changes since HEAD\n");
    s.change("as_of: 2021-12-10", "as_of: 2021-12-20");
    s.change(
        "      jnim-team:",
        &APPENDED.replace("2021-12-10", "2021-12-20"),
    );
    let (code, text, _) = s.rectrack(&["diff", "HEAD~2"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("  as_of: 2021-12-10 → 2021-12-20\n"),
        "{text}"
    );
    assert!(text.contains("  + appoint-teams/government-team  2021-12-20  still not-started\n      note: Test entry appended after the recorded ones.\n      sources: icg-306 (Executive Summary, second measure)\n"), "{text}");
    let (_, md, _) = s.rectrack(&["diff", "HEAD~2", "--format", "markdown"]);
    assert!(
        md.starts_with("## Tracker changes since `HEAD~2` (merge base `"),
        "{md}"
    );
    assert!(md.contains("| `appoint-teams/government-team` | 2021-12-20 | still not-started | Test entry appended after the recorded ones. | icg-306 (Executive Summary, second measure) |"), "{md}");
    let (_, json, _) = s.rectrack(&["diff", "HEAD~2", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(
        doc["trackers"][0]["as_of"],
        serde_json::json!({"from": "2021-12-10", "to": "2021-12-20", "line": 13})
    );
    let change = &doc["trackers"][0]["changes"][0];
    assert_eq!(change["kind"], "entry-appended");
    assert_eq!(change["status_from"], "not-started");
    assert_eq!(change["findings"], serde_json::json!([]));
}

#[test]
fn git_s_own_refusals_are_reported_in_git_s_words() {
    // A shallow clone whose base branch shares no fetched commit with HEAD.
    let s = Scratch::new();
    s.git(&["checkout", "-q", "-b", "pr"]);
    s.change("      jnim-team:", APPENDED);
    s.git(&["checkout", "-q", "main"]);
    s.change("as_of: 2021-12-10", "as_of: 2021-12-11");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", s.path().display());
    git_in(
        clone.path(),
        &["clone", "-q", "--depth", "1", "--branch", "pr", &url, "c"],
    );
    let c = clone.path().join("c");
    git_in(&c, &["fetch", "-q", "--depth", "1", "origin", "main:main"]);
    let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
    cmd.current_dir(&c).args(["check", "--base", "main"]);
    let (code, _, stderr) = crate::run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("git refused to find the merge base of `main` and HEAD"),
        "{stderr}"
    );
    assert!(stderr.contains("fetch-depth: 0"), "{stderr}");

    // A checkout owned by someone else: git's "dubious ownership", not "not a checkout".
    // (Only root can hand a directory to another user.)
    #[cfg(unix)]
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        let s = Scratch::new();
        let status = Command::new("chown")
            .args(["-R", "12345:12345"])
            .arg(s.path())
            .status()
            .unwrap();
        assert!(status.success());
        let mut cmd = assert_cmd::Command::cargo_bin("rectrack").unwrap();
        cmd.current_dir(s.path())
            .env("HOME", s.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(["check", "--base", "HEAD"]);
        let (code, _, stderr) = crate::run(&mut cmd);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("dubious ownership"), "{stderr}");
        assert!(!stderr.contains("not inside a git checkout"), "{stderr}");
    }
}
