//! `rectrack.toml`: found from the current folder up to the top of the checkout, the
//! command line over `RECTRACK_*` over the file over the defaults, its problems shown
//! like a tracker's, read like any file a pull request brings, and, in a comparison
//! with a base, read as it is at the base.

use crate::history::git_in;
use crate::{read, root};
use std::path::PathBuf;

/// A tracker with in-progress steps that are stale on 2023-01-01 with the default
/// window (warnings only) and not with `stale-days = 400`.
fn stale_tracker() -> String {
    read("tests/fixtures/rules/stale-step.yaml").replace(
        "$schema=../../../schema/tracker.schema.json",
        "$schema=../schema/tracker.schema.json",
    )
}

/// A scratch checkout: `.git` (a real repository when `git` is asked for), the schema,
/// `tracker/stale.yaml`, and `sub/deep/` to run from.
struct Repo {
    _dir: tempfile::TempDir,
    top: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("repo");
        for sub in [".git", "schema", "tracker", "sub/deep"] {
            std::fs::create_dir_all(top.join(sub)).unwrap();
        }
        std::fs::copy(
            root().join("schema/tracker.schema.json"),
            top.join("schema/tracker.schema.json"),
        )
        .unwrap();
        std::fs::write(top.join("tracker/stale.yaml"), stale_tracker()).unwrap();
        Repo { _dir: dir, top }
    }

    /// The same, as a git repository with one commit on `main`.
    fn git() -> Repo {
        let r = Repo::new();
        std::fs::remove_dir(r.top.join(".git")).unwrap();
        r.git_(&["init", "-q", "-b", "main"]);
        r.commit("base");
        r
    }

    fn git_(&self, args: &[&str]) -> String {
        git_in(&self.top, args)
    }

    fn commit(&self, message: &str) {
        self.git_(&["add", "-A"]);
        self.git_(&["commit", "-q", "-m", message]);
    }

    fn write(&self, path: &str, text: impl AsRef<[u8]>) {
        std::fs::write(self.top.join(path), text).unwrap();
    }

    fn config(&self, text: &str) {
        self.write("rectrack.toml", text);
    }

    /// `rectrack ARGS` in `dir` (from the top) with `env`: (exit code, stdout, stderr).
    fn run_in(&self, dir: &str, env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
        let mut cmd = crate::rectrack();
        cmd.current_dir(self.top.join(dir));
        for (k, v) in env {
            cmd.env(k, v);
        }
        crate::run(cmd.args(args))
    }

    /// `rectrack check --today 2023-01-01 ARGS` at the top with `env`.
    fn check(&self, env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
        let mut all = vec!["check", "--today", "2023-01-01"];
        all.extend_from_slice(args);
        self.run_in("", env, &all)
    }
}

/// Whether a check's output holds a stale-step warning.
fn stale(stdout: &str) -> bool {
    stdout.contains("warning[stale-step]")
}

#[test]
fn found_from_a_subfolder_with_paths_from_its_own_folder() {
    let r = Repo::new();
    r.config("paths = [\"tracker\"]\nstale-days = 10\n");
    let (code, stdout, stderr) = r.run_in("sub/deep", &[], &["check", "--today", "2023-01-01"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stale(&stdout), "{stdout}");
    // Shown as typed from where the command ran.
    assert!(stdout.contains("--> ../../tracker/stale.yaml:"), "{stdout}");
    // Without the file, `tracker` is looked for where the command runs.
    let (code, _, stderr) = r.run_in(
        "sub/deep",
        &[],
        &["--no-config", "check", "--today", "2023-01-01"],
    );
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn discovery_stops_at_the_top_of_the_checkout() {
    let r = Repo::new();
    // Above the top: never read (it would be an error if it were).
    std::fs::write(
        r.top.parent().unwrap().join("rectrack.toml"),
        "nonsense = 1\n",
    )
    .unwrap();
    let (code, stdout, stderr) = r.check(&[], &[]);
    assert_eq!((code, stale(&stdout)), (0, true), "{stdout}{stderr}");
    // Outside any checkout, only the current folder: not its parent.
    std::fs::remove_dir(r.top.join(".git")).unwrap();
    r.config("nonsense = 1\n");
    let (code, _, stderr) = r.run_in(
        "sub",
        &[],
        &["check", "--today", "2023-01-01", "../tracker"],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = r.check(&[], &[]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn the_command_line_beats_the_environment_beats_the_file_beats_the_default() {
    let r = Repo::new();
    let days = |env: &[(&str, &str)], args: &[&str]| stale(&r.check(env, args).1);
    // The default window: stale.
    assert!(days(&[], &[]));
    r.config("stale-days = 400\n");
    // The file beats the default.
    assert!(!days(&[], &[]));
    // The environment beats the file.
    assert!(days(&[("RECTRACK_STALE_DAYS", "10")], &[]));
    // The command line beats the file...
    r.config("stale-days = 10\n");
    assert!(!days(&[], &["--stale-days", "400"]));
    // ... and the environment.
    assert!(!days(
        &[("RECTRACK_STALE_DAYS", "10")],
        &["--stale-days", "400"]
    ));
    assert!(days(
        &[("RECTRACK_STALE_DAYS", "400")],
        &["--stale-days", "10"]
    ));
    // A flag: deny-warnings from the file fails the run on the warnings...
    r.config("deny-warnings = true\n");
    assert_eq!(r.check(&[], &[]).0, 1);
    // ... the environment can turn it off, and the command line back on.
    assert_eq!(r.check(&[("RECTRACK_DENY_WARNINGS", "false")], &[]).0, 0);
    let on = r.check(&[("RECTRACK_DENY_WARNINGS", "false")], &["--deny-warnings"]);
    assert_eq!(on.0, 1);
    assert_eq!(
        r.check(&[("RECTRACK_DENY_WARNINGS", "1")], &["--no-config"])
            .0,
        1
    );
    // --no-config: the file is not read at all, nor RECTRACK_CONFIG's.
    r.config("deny-warnings = true\nnonsense = 1\n");
    assert_eq!(r.check(&[], &["--no-config"]).0, 0);
    assert_eq!(
        r.check(&[("RECTRACK_CONFIG", "rectrack.toml")], &["--no-config"])
            .0,
        0
    );
    let (code, _, stderr) = r.check(&[], &["--no-config", "--config", "rectrack.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("contradict"), "{stderr}");
    // --config FILE: that file instead (its paths from its own folder).
    r.write(
        "sub/other.toml",
        "paths = [\"../tracker\"]\ndeny-warnings = true\n",
    );
    let (code, _, stderr) = r.run_in(
        "sub/deep",
        &[],
        &[
            "--config",
            "../other.toml",
            "check",
            "--today",
            "2023-01-01",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    let (code, _, stderr) = r.run_in(
        "sub/deep",
        &[("RECTRACK_CONFIG", "../other.toml")],
        &["check", "--today", "2023-01-01"],
    );
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn the_language_and_limits_come_from_the_file_too() {
    let r = Repo::new();
    r.config("lang = \"fr\"\nmax-diagnostics = 1\njobs = 1\n");
    let (code, stdout, stderr) = r.run_in("", &[], &["status", "--format", "markdown"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, english, _) = r.run_in("", &[], &["--no-config", "status", "--format", "markdown"]);
    assert_ne!(stdout, english, "lang = fr changed nothing");
    let (_, english_again, _) = r.run_in(
        "",
        &[("RECTRACK_LANG", "en")],
        &["status", "--format", "markdown"],
    );
    assert_eq!(english_again, english);
    r.config("max-file-size = 10\n");
    let (code, stdout, _) = r.check(&[], &[]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(r.check(&[], &["--max-file-size", "100000"]).0, 0);
}

#[test]
fn an_unknown_key_is_shown_at_its_place_with_a_suggestion() {
    let r = Repo::new();
    r.config("# Shared settings\nstale_days = 30\ndeny-warnings = true\n");
    let (code, stdout, stderr) = r.check(&[], &[]);
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(stdout, "");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_wrong_type_is_an_error_at_the_value() {
    let r = Repo::new();
    r.config("stale-days = \"ten\"\ndeny-warnings = \"yes\"\n");
    let (code, _, stderr) = r.check(&[], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--> rectrack.toml:1:14\n"), "{stderr}");
    assert!(stderr.contains("--> rectrack.toml:2:17\n"), "{stderr}");
    assert!(stderr.contains("`stale-days` must be a whole number, 0 or more, not a string"));
    assert!(stderr.contains("settings not read (2 errors)"), "{stderr}");
    // What the command line's own parsers refuse, the file may not say either.
    r.config("lang = \"not a language\"\njobs = 0\n");
    let (code, _, stderr) = r.run_in("", &[], &["status"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--> rectrack.toml:1:8\n"), "{stderr}");
    assert!(stderr.contains("--> rectrack.toml:2:8\n"), "{stderr}");
    // Broken TOML: one error at its place.
    r.config("stale-days = 1\nstale-days = 2\n");
    let (code, _, stderr) = r.check(&[], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--> rectrack.toml:2:"), "{stderr}");
}

#[test]
fn a_bad_variable_is_a_usage_error_that_names_it() {
    let r = Repo::new();
    for (var, value) in [
        ("RECTRACK_STALE_DAYS", "ten"),
        ("RECTRACK_MAX_FILE_SIZE", "-1"),
        ("RECTRACK_DENY_WARNINGS", "maybe"),
        ("RECTRACK_JOBS", "0"),
        ("RECTRACK_MAX_DIAGNOSTICS", "x"),
    ] {
        let (code, stdout, stderr) = r.check(&[(var, value)], &[]);
        assert_eq!(code, 2, "{var}: {stdout}");
        assert!(
            stderr.starts_with(&format!(
                "rectrack: error: environment variable {var}=`{value}`"
            )),
            "{var}: {stderr}"
        );
    }
    let (code, _, stderr) = r.run_in("", &[("RECTRACK_LANG", "not a language")], &["status"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("RECTRACK_LANG"), "{stderr}");
    // The variables the test suite and other tools use are none of rectrack's business.
    let others = [
        ("RECTRACK_CHECK_JSONSCHEMA", "/nowhere"),
        ("RECTRACK_NO_JSON_FAST_PATH", "1"),
        ("RECTRACK_SOMETHING_ELSE", "x"),
    ];
    assert_eq!(r.check(&others, &[]).0, 0);
    // A value escapes the terminal no more than a file does.
    let (_, _, stderr) = r.check(&[("RECTRACK_STALE_DAYS", "\u{1b}]0;x\u{7}")], &[]);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[cfg(unix)]
#[test]
fn hostile_settings_files_are_refused_unread() {
    let r = Repo::new();
    let name = r.top.join("rectrack.toml");
    let refused = |what: &str, expect: &str| {
        let (code, stdout, stderr) = r.check(&[], &[]);
        assert_eq!(code, 2, "{what}: {stdout}{stderr}");
        assert!(stderr.contains(expect), "{what}: {stderr}");
        assert!(!stderr.contains("root:"), "{what}: {stderr}");
    };
    std::os::unix::fs::symlink("/etc/passwd", &name).unwrap();
    refused("a link out", "a symbolic link leading outside");
    std::fs::remove_file(&name).unwrap();
    let fifo = std::ffi::CString::new(name.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let m = crate::measure_in(&r.top, &["check"], Some(std::time::Duration::from_secs(20)));
    assert_eq!(m.code, 2, "{}", m.stderr);
    assert!(m.stderr.contains("not a regular file"), "{}", m.stderr);
    std::fs::remove_file(&name).unwrap();
    r.config(&format!("# {}\n", "x".repeat(70_000)));
    refused("huge", "larger than 65536 bytes");
    r.write("rectrack.toml", b"lang = \"\xff\"\n");
    refused("not UTF-8", "not UTF-8 text");
    // Escape sequences in a key: shown, never obeyed.
    r.config("\"\\u001b]0;pwned\\u0007\\u001b[2J\" = 1\n\"a\\nerror: forged\" = 2\n");
    let (code, _, stderr) = r.check(&[], &[]);
    assert_eq!(code, 2);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(
        !stderr.lines().any(|l| l.starts_with("error: forged")),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn paths_cannot_lead_out_of_the_checkout() {
    let r = Repo::new();
    let outside = r.top.parent().unwrap().join("secrets");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("hosts.yml"), "oauth_token: gho_secret\n").unwrap();
    for paths in ["\"/etc\"", "\"../secrets\"", "\"tracker/../../secrets\""] {
        r.config(&format!("paths = [{paths}]\n"));
        let (code, stdout, stderr) = r.check(&[], &[]);
        assert_eq!(code, 2, "{paths}: {stdout}{stderr}");
        assert!(stderr.contains("`paths` holds"), "{paths}: {stderr}");
        assert!(!format!("{stdout}{stderr}").contains("gho_secret"));
    }
    std::os::unix::fs::symlink(&outside, r.top.join("linked")).unwrap();
    r.config("paths = [\"linked\"]\n");
    let (code, stdout, stderr) = r.check(&[], &[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("leads outside the checkout"), "{stderr}");
    assert!(!format!("{stdout}{stderr}").contains("gho_secret"));
    // Up and back in: inside, fine.
    r.config("paths = [\"sub/../tracker\"]\n");
    let (code, stdout, stderr) = r.check(&[], &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn init_writes_a_file_that_reads_back() {
    let r = Repo::new();
    let (code, stdout, stderr) = r.run_in("", &[], &["init", "--write-config", "--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("+stale-days = "), "{stdout}");
    assert!(!r.top.join("rectrack.toml").exists());
    let (code, stdout, stderr) = r.run_in("", &[], &["init", "--write-config"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("wrote rectrack.toml"), "{stdout}");
    let written = std::fs::read_to_string(r.top.join("rectrack.toml")).unwrap();
    // Every setting at its default: the run is the run without it.
    assert_eq!(r.check(&[], &[]), r.check(&[], &["--no-config"]));
    // Uncommented, the examples read too.
    let on = written
        .replace("# base = ", "base = ")
        .replace("# jobs = ", "jobs = ");
    assert_ne!(on, written);
    r.config(&on.replace("\"origin/main\"", "\"HEAD\""));
    let (code, stdout, stderr) = r.run_in("", &[], &["--config", "rectrack.toml", "status"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // Never over a file without --force.
    let (code, _, stderr) = r.run_in("", &[], &["init", "--write-config"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("exists"), "{stderr}");
    assert_eq!(
        r.run_in("", &[], &["init", "--write-config", "--force"]).0,
        0
    );
    assert_eq!(
        std::fs::read_to_string(r.top.join("rectrack.toml")).unwrap(),
        written
    );
    // --config FILE names where it goes.
    let (code, _, stderr) = r.run_in(
        "",
        &[],
        &["--config", "sub/team.toml", "init", "--write-config"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(r.top.join("sub/team.toml").exists());
}

/// A comparison reads the file as it is at the base.
#[test]
fn a_change_cannot_weaken_the_check_that_judges_it() {
    let r = Repo::git();
    r.config("paths = [\"tracker\"]\ndeny-warnings = true\nstale-days = 10\n");
    r.commit("settings");
    r.git_(&["checkout", "-q", "-b", "pr"]);
    // The change drops deny-warnings and widens the window: the base's settings hold.
    r.config("paths = [\"tracker\"]\ndeny-warnings = false\nstale-days = 4000\n");
    r.commit("weaker");
    let (code, stdout, stderr) = r.check(&[], &["--base", "main"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stale(&stdout), "{stdout}");
    assert!(
        stderr.contains("rectrack.toml differs from its version at main ("),
        "{stderr}"
    );
    assert!(
        stderr.contains("the new ones apply once the change is merged"),
        "{stderr}"
    );
    // Found at the base as today's is found: from the current folder's path upward.
    let (code, stdout, stderr) = r.run_in(
        "sub/deep",
        &[],
        &["check", "--today", "2023-01-01", "--base", "main"],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("--> ../../tracker/stale.yaml:"), "{stdout}");
    // Without a base, today's file is the one.
    assert_eq!(r.check(&[], &[]).0, 0);
    // The change deletes the file: the base's still holds.
    std::fs::remove_file(r.top.join("rectrack.toml")).unwrap();
    assert_eq!(r.check(&[], &["--base", "main"]).0, 1);
    // The command line still wins: CI's own choice, not the change's.
    assert_eq!(
        r.check(&[], &["--base", "main", "--stale-days", "4000"]).0,
        0
    );
    // So does a --config FILE outside the checkout: the job's own, read from disk.
    let outside = r.top.parent().unwrap().join("ci.toml");
    std::fs::write(&outside, "paths = [\"repo/tracker\"]\nstale-days = 4000\n").unwrap();
    let outside = outside.to_str().unwrap();
    let (code, stdout, stderr) = r.check(&[], &["--base", "main", "--config", outside]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stale(&stdout), "{stdout}");
    // A --config FILE inside the checkout is the change's: read at the base, where it
    // is not (the defaults apply).
    r.write("sub/ci.toml", "stale-days = 4000\n");
    r.commit("ci settings");
    let (code, stdout, stderr) = r.check(&[], &["--base", "main", "--config", "sub/ci.toml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stale(&stdout), "{stdout}");
    assert!(
        stderr.contains("sub/ci.toml differs from its version at main"),
        "{stderr}"
    );
}

#[test]
fn a_change_cannot_hide_a_removed_tracker_behind_paths() {
    let r = Repo::git();
    r.git_(&["checkout", "-q", "-b", "pr"]);
    std::fs::remove_file(r.top.join("tracker/stale.yaml")).unwrap();
    r.write(
        "tracker/other.yaml",
        stale_tracker().replace("id: mali-jnim-dialogue", "id: other"),
    );
    std::fs::create_dir(r.top.join("elsewhere")).unwrap();
    r.write("elsewhere/empty.yaml", "");
    r.config("paths = [\"elsewhere\"]\n");
    r.commit("hide");
    let (code, stdout, stderr) = r.check(&[], &["--base", "main"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("error[tracker-removed]"), "{stdout}");
    assert!(
        stderr.contains("differs from its version at main"),
        "{stderr}"
    );
    // A file the base does not have: the defaults apply, as they did there.
    let (code, stdout, _) = r.run_in("", &[], &["diff", "main"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("stale.yaml"), "{stdout}");
}

#[test]
fn the_base_setting_is_a_default_ci_overrides() {
    let r = Repo::git();
    r.git_(&["checkout", "-q", "-b", "pr"]);
    // `base = "HEAD"` would compare the change with itself; CI names its base.
    r.config("base = \"HEAD\"\n");
    std::fs::remove_file(r.top.join("tracker/stale.yaml")).unwrap();
    r.write(
        "tracker/other.yaml",
        stale_tracker().replace("id: mali-jnim-dialogue", "id: other"),
    );
    r.commit("self");
    let (code, stdout, _) = r.check(&[], &["--base", "main"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("error[tracker-removed]"), "{stdout}");
    let (code, stdout, _) = r.check(&[("RECTRACK_BASE", "main")], &[]);
    assert_eq!(code, 1, "{stdout}");
    // The file's base, for a monitor's own runs: plain `check` compares with it, and
    // `diff` needs no REV.
    r.config("base = \"main\"\n");
    let (code, stdout, _) = r.check(&[], &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("error[tracker-removed]"), "{stdout}");
    let (code, stdout, stderr) = r.run_in("", &[], &["diff"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("mali-jnim-dialogue"), "{stdout}");
    // --no-base: no comparison, whatever the file or the environment say.
    assert_eq!(r.check(&[("RECTRACK_BASE", "main")], &["--no-base"]).0, 0);
    assert_eq!(r.check(&[], &["--no-base", "--base", "main"]).0, 2);
    let (code, _, stderr) = r.run_in("", &[], &["--no-config", "diff"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("diff needs a revision"), "{stderr}");
}

#[test]
fn a_broken_file_at_the_base_leaves_the_defaults() {
    let r = Repo::git();
    r.config("deny-warnings = true\nnonsense = 1\n");
    r.commit("broken");
    r.git_(&["checkout", "-q", "-b", "pr"]);
    r.config("deny-warnings = true\n");
    r.commit("fix");
    let (code, stdout, stderr) = r.check(&[], &["--base", "main"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("is not valid (1 problems"), "{stderr}");
    assert!(stderr.contains("the built-in defaults apply"), "{stderr}");
}

#[test]
fn a_link_at_the_base_is_followed_inside_the_checkout_only() {
    let r = Repo::git();
    r.write("settings.toml", "deny-warnings = true\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("settings.toml", r.top.join("rectrack.toml")).unwrap();
    r.commit("linked");
    r.git_(&["checkout", "-q", "-b", "pr"]);
    std::fs::remove_file(r.top.join("rectrack.toml")).unwrap();
    r.commit("unlinked");
    assert_eq!(r.check(&[], &["--base", "main"]).0, 1);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_checkout_at_the_base_is_refused() {
    let r = Repo::git();
    std::os::unix::fs::symlink("/etc/passwd", r.top.join("rectrack.toml")).unwrap();
    r.commit("linked out");
    r.git_(&["checkout", "-q", "-b", "pr"]);
    std::fs::remove_file(r.top.join("rectrack.toml")).unwrap();
    r.commit("unlinked");
    let (code, stdout, stderr) = r.check(&[], &["--base", "main"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("rectrack.toml (at "), "{stderr}");
    assert!(!stderr.contains("root:"), "{stderr}");
}

#[test]
fn the_documentation_names_every_key_its_variable_and_its_default() {
    let doc = read("docs/config.md");
    let written = {
        let r = Repo::new();
        let (code, _, stderr) = r.run_in("", &[], &["init", "--write-config"]);
        assert_eq!(code, 0, "{stderr}");
        std::fs::read_to_string(r.top.join("rectrack.toml")).unwrap()
    };
    for key in rectrack::model::config::KEYS {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", key.name)))
            .unwrap_or_else(|| panic!("no row for {} in docs/config.md", key.name));
        let env = if key.env.is_empty() { "none" } else { key.env };
        assert!(
            row.contains(&format!(" {env} |")) || row.contains(&format!("`{env}`")),
            "{row}"
        );
        // The default the table says is the one `init --write-config` writes.
        if let Some(line) = written
            .lines()
            .find(|l| l.starts_with(&format!("{} = ", key.name)))
        {
            let value = line.split_once(" = ").unwrap().1;
            assert!(row.contains(&format!("`{value}`")), "{row} lacks `{value}`");
        }
    }
}

#[test]
fn a_change_cannot_raise_the_size_limit_for_itself() {
    let r = Repo::git();
    r.config("max-file-size = 20000\n");
    r.commit("limit");
    r.git_(&["checkout", "-q", "-b", "pr"]);
    r.config("max-file-size = 100000000\n");
    let padded = format!("{}{}", stale_tracker(), "# padding\n".repeat(3000));
    r.write("tracker/stale.yaml", padded);
    r.commit("large");
    let (code, stdout, stderr) = r.check(&[], &["--base", "main"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("larger than the limit of 20000 bytes"),
        "{stdout}"
    );
    // Once merged, the new limit holds.
    assert_eq!(r.check(&[], &[]).0, 0);
}
