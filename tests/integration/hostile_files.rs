//! What a pull request can put on disk, and what a hostile argument can ask: links out
//! of the checked folder (to `/proc/self/environ`, `/usr`, `/`), special files as the
//! modeline's target, devices, FIFOs and sockets as `-o` targets, `--jobs` beyond any
//! machine, and `init` arguments that would break or inject into the tracker.
//!
//! Every run goes through [`finish`], which kills rectrack and fails the test if it
//! has not ended within a guard: a regression that blocks on a FIFO or walks `/` must
//! fail, not hang the suite.
#![cfg(unix)]

use crate::history::{Scratch, git_in};
use crate::{SHIPPED, read, root, sandbox};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Set in every child's environment: `/proc/self/environ` then holds it.
const SECRET: &str = "s3cr3t-4f0c2e-never-print-me";
/// Longer than any honest run of these cases takes, by far.
const GUARD: Duration = Duration::from_secs(20);

/// The folder that holds `git`: the only one a child's `PATH` needs.
fn git_dir() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .find(|d| d.join("git").is_file())
        .expect("git on PATH")
}

/// `rectrack --color never ARGS` in `dir`, with the secret in its environment. The
/// environment is only that and a short `PATH` (for git), so the secret stands within
/// the first line's first few dozen characters of `/proc/self/environ`: a snippet
/// of that line would show it.
fn rectrack_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("rectrack"));
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", git_dir())
        .env("RECTRACK_TEST_SECRET", SECRET)
        .args(["--color", "never"])
        .args(args);
    cmd
}

/// Runs `cmd` to its end and returns (exit code, stdout, stderr); kills it and fails
/// when it is still running after [`GUARD`], or when a signal ended it.
fn finish(mut cmd: Command) -> (i32, String, String) {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("rectrack starts");
    // Drained on their own threads, so a chatty child never blocks on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait on rectrack") {
            break status;
        }
        if started.elapsed() > GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} was still running after {GUARD:?}: it blocked, or walked too far");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = |t: std::thread::JoinHandle<Vec<u8>>| {
        String::from_utf8_lossy(&t.join().unwrap_or_default()).into_owned()
    };
    let (stdout, stderr) = (text(out), text(err));
    let Some(code) = status.code() else {
        panic!("{cmd:?} was ended by a signal ({status}): {stderr}");
    };
    (code, stdout, stderr)
}

/// Makes a FIFO at `path`.
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path that outlives the call, and a mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn is_fifo(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

/// The shipped tracker with another id (two files with one id are `duplicate-id`).
fn shipped_as(id: &str) -> String {
    let text = read(SHIPPED);
    let renamed = text.replacen("\nid: mali-jnim-dialogue\n", &format!("\nid: {id}\n"), 1);
    assert_ne!(renamed, text, "the id is replaced");
    renamed
}

/// The shipped tracker whose modeline points at `target`.
fn with_modeline(target: &str) -> String {
    let text = shipped_as("modeline-probe");
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("# yaml-language-server: $schema="),
        "{first}"
    );
    text.replacen(
        first,
        &format!("# yaml-language-server: $schema={target}"),
        1,
    )
}

/// A pull request adds `tracker/e.yaml`, a link to `/proc/self/environ`. Before:
/// `check` printed the job's environment in the snippet of a `yaml` error. Now the
/// link is refused, unread, whatever the command or format, and the run fails.
#[test]
fn a_link_to_proc_self_environ_is_refused_and_never_printed() {
    let repo = Scratch::new();
    repo.git(&["checkout", "-q", "-b", "change"]);
    std::os::unix::fs::symlink("/proc/self/environ", repo.path().join("tracker/e.yaml")).unwrap();
    repo.commit("a link to the job's environment");
    let runs: &[&[&str]] = &[
        &["check", "tracker"],
        &["check", "tracker/e.yaml"],
        &["check", "--format", "json", "tracker"],
        &["check", "--format", "github", "tracker"],
        &["check", "--format", "junit", "tracker"],
        &["check", "--format", "sarif", "tracker"],
        &["check", "--base", "main", "tracker"],
        &["check", "--base", "main", "--format", "json", "tracker"],
        &["status", "tracker"],
        &["status", "--format", "markdown", "tracker"],
        &["status", "--format", "csv", "tracker"],
        &["status", "--format", "json", "tracker"],
        &["status", "--format", "html", "tracker"],
        &["report", "tracker"],
        &["report", "--format", "html", "tracker"],
        &["report", "--format", "json", "tracker"],
        &["report", "--format", "csv", "--long", "tracker"],
        &["report", "--format", "svg", "tracker"],
        &["diff", "main", "tracker"],
        &["diff", "main", "--format", "markdown", "tracker"],
        &["diff", "main", "--format", "json", "tracker"],
    ];
    for args in runs {
        for github in [false, true] {
            let mut cmd = rectrack_in(repo.path(), args);
            if github {
                cmd.env("GITHUB_ACTIONS", "true");
            }
            let (code, stdout, stderr) = finish(cmd);
            let all = format!("{stdout}{stderr}");
            assert!(
                !all.contains(SECRET),
                "{args:?} printed the environment:\n{all}"
            );
            assert!(
                !all.contains("RECTRACK_TEST_SECRET"),
                "{args:?} printed the environment:\n{all}"
            );
            assert_eq!(code, 2, "{args:?} must fail the job:\n{all}");
            // Every format names the file and the refusal (SARIF as a tool execution
            // notification).
            assert!(
                all.contains("tracker/e.yaml") && all.contains("refused"),
                "{args:?} says which file was refused and why:\n{all}"
            );
        }
    }
}

/// A link committed at the base and kept by the change: the base side reads links
/// from git's tree only (never on disk), and today's side refuses it.
#[test]
fn a_link_to_proc_self_environ_at_the_base_is_not_resolved_either() {
    let repo = Scratch::new();
    std::os::unix::fs::symlink("/proc/self/environ", repo.path().join("tracker/e.yaml")).unwrap();
    // `../` enough times to leave the checkout reaches /proc as well.
    std::os::unix::fs::symlink(
        "../../../../../../../../../../proc/self/environ",
        repo.path().join("tracker/up.yaml"),
    )
    .unwrap();
    repo.commit("links at the base");
    repo.git(&["checkout", "-q", "-b", "change"]);
    for args in [
        &["check", "--base", "main", "tracker"][..],
        &["diff", "main", "tracker"],
        &["diff", "main", "--format", "json", "tracker"],
    ] {
        let (code, stdout, stderr) = finish(rectrack_in(repo.path(), args));
        let all = format!("{stdout}{stderr}");
        assert!(!all.contains(SECRET), "{args:?}:\n{all}");
        assert_eq!(code, 2, "{args:?}:\n{all}");
        assert!(all.contains("tracker/up.yaml"), "{args:?}:\n{all}");
    }
}

/// A link to a tracker elsewhere in the checkout, outside the checked folder: refused
/// in a walk and when named directly, and never read (its title, a marker, is never
/// shown). A sibling folder whose name starts like the checked one is outside too.
#[test]
fn a_link_out_of_the_checked_folder_is_refused_even_to_a_tracker() {
    let (dir, tracker) = sandbox();
    let top = dir.path();
    std::fs::copy(root().join(SHIPPED), tracker.join("a.yaml")).unwrap();
    for (folder, id) in [("elsewhere", "outside-one"), ("tracker2", "outside-two")] {
        std::fs::create_dir(top.join(folder)).unwrap();
        let text =
            shipped_as(id).replacen("\ntitle: ", &format!("\ntitle: Marker {id} title. "), 1);
        std::fs::write(top.join(folder).join("t.yaml"), text).unwrap();
        std::os::unix::fs::symlink(
            format!("../{folder}/t.yaml"),
            tracker.join(format!("{id}.yaml")),
        )
        .unwrap();
    }
    // A link that stays inside is read as before (`.copies` is hidden, so only the
    // link leads there).
    std::fs::create_dir(tracker.join(".copies")).unwrap();
    std::fs::write(tracker.join(".copies/c.yaml"), shipped_as("inside-copy")).unwrap();
    std::os::unix::fs::symlink(".copies/c.yaml", tracker.join("copy.yaml")).unwrap();

    let (code, stdout, stderr) =
        finish(rectrack_in(top, &["check", "--format", "json", "tracker"]));
    assert_eq!(code, 2, "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["tracker/a.yaml", "tracker/copy.yaml"], "{stdout}");
    let refused: Vec<&str> = json["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        refused,
        ["tracker/outside-one.yaml", "tracker/outside-two.yaml"]
    );

    for args in [
        &["check", "tracker/outside-one.yaml"][..],
        &["check", "tracker/outside-two.yaml"],
        &["status", "tracker"],
    ] {
        let (code, stdout, stderr) = finish(rectrack_in(top, args));
        let all = format!("{stdout}{stderr}");
        assert_eq!(code, 2, "{args:?}:\n{all}");
        assert!(
            !all.contains("Marker"),
            "{args:?} read the file outside:\n{all}"
        );
        assert!(all.contains("refused"), "{args:?}:\n{all}");
    }
}

/// Links to `/usr` and to `/` in the checked folder: neither is walked (the run ends,
/// under the guard), nothing outside is listed, and both links are reported.
#[test]
fn links_to_usr_and_to_the_root_are_not_walked() {
    let (dir, tracker) = sandbox();
    std::fs::copy(root().join(SHIPPED), tracker.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink("/usr", tracker.join("usr")).unwrap();
    std::os::unix::fs::symlink("/", tracker.join("rootfs")).unwrap();
    let (code, stdout, stderr) = finish(rectrack_in(
        dir.path(),
        &["check", "--format", "json", "tracker"],
    ));
    assert_eq!(code, 2, "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{stdout}");
    assert_eq!(json["files"][0]["path"], "tracker/a.yaml", "{stdout}");
    let unreadable = json["unreadable"].to_string();
    assert!(
        unreadable.contains("tracker/rootfs") && unreadable.contains("tracker/usr"),
        "{unreadable}"
    );
    assert_eq!(
        json["unreadable"].as_array().unwrap().len(),
        2,
        "{unreadable}"
    );
}

/// The modeline's `$schema=` is the tracker's content. Before: a FIFO hung the run
/// forever and `/dev/zero` was read until memory ran out (here, under a 1 GiB address
/// space limit, until the read failed). Now neither is opened: a warning says so.
#[test]
fn a_fifo_or_dev_zero_as_the_modeline_target_is_not_read() {
    let (dir, tracker) = sandbox();
    let fifo = dir.path().join("schema.fifo");
    mkfifo(&fifo);
    for target in [fifo.to_str().unwrap(), "/dev/zero", "../schema"] {
        std::fs::write(tracker.join("m.yaml"), with_modeline(target)).unwrap();
        let mut cmd = rectrack_in(dir.path(), &["check", "--jobs", "1", "tracker/m.yaml"]);
        use std::os::unix::process::CommandExt;
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: 1 << 30,
                    rlim_max: 1 << 30,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &raw const limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let (code, stdout, stderr) = finish(cmd);
        assert_eq!(code, 0, "{target}: a warning only:\n{stdout}{stderr}");
        assert!(
            stdout.contains("warning[modeline-mismatch]")
                && stdout.contains("which is not a regular file (it was not read)"),
            "{target}:\n{stdout}{stderr}"
        );
    }
    assert!(is_fifo(&fifo));
}

/// `-o` onto a FIFO, a socket, a device node (made in a scratch folder, as a copy of
/// /dev/null's numbers) and a link to one, even with `--force`: refused, exit 2, and
/// the node is still what it was. Before: each was replaced by a regular file.
#[test]
fn output_never_replaces_a_fifo_socket_or_device() {
    let (dir, tracker) = sandbox();
    std::fs::copy(root().join(SHIPPED), tracker.join("a.yaml")).unwrap();
    let top = dir.path();
    let fifo = top.join("out.fifo");
    mkfifo(&fifo);
    let socket = top.join("out.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let device = top.join("null");
    let c = std::ffi::CString::new(device.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path, a mode and a device number.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) } == 0;
    std::os::unix::fs::symlink("out.fifo", top.join("link-to-fifo")).unwrap();

    let mut targets = vec![
        ("out.fifo", "a FIFO"),
        ("out.sock", "a socket"),
        ("link-to-fifo", "a FIFO"),
    ];
    if made {
        targets.push(("null", "a device"));
    } else {
        eprintln!("skipped the device-node case: mknod is not permitted here");
    }
    for (target, what) in &targets {
        for force in [false, true] {
            let mut args = vec!["report", "tracker", "-o", target];
            if force {
                args.push("--force");
            }
            let (code, stdout, stderr) = finish(rectrack_in(top, &args));
            assert_eq!(code, 2, "{args:?}:\n{stdout}{stderr}");
            assert!(
                stderr.contains(&format!("{target} is {what}, not a regular file: refused")),
                "{args:?}:\n{stderr}"
            );
        }
        // `init` writes through the same function.
        let (code, _, stderr) = finish(rectrack_in(
            top,
            &["init", target, "--force", "--as-of", "2021-12-10"],
        ));
        assert_eq!(code, 2, "init {target}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
    assert!(is_fifo(&fifo));
    assert!(
        std::fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket()
    );
    assert!(
        std::fs::symlink_metadata(top.join("link-to-fifo"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    if made {
        assert!(
            std::fs::symlink_metadata(&device)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
}

/// `/dev/null` itself. As root, a regression would replace it, so rectrack then runs
/// as `nobody` (who cannot create files in /dev: a regression fails with "Permission
/// denied" instead of damaging the machine); the refusal must be the type's.
#[test]
fn output_to_dev_null_is_refused_and_dev_null_stays() {
    let bin = assert_cmd::cargo::cargo_bin("rectrack");
    // SAFETY: geteuid has no preconditions.
    let root_user = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root_user {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    cmd.current_dir(std::env::temp_dir()).args([
        "--color",
        "never",
        "init",
        "/dev/null",
        "--force",
        "--as-of",
        "2021-12-10",
    ]);
    let (code, _, stderr) = finish(cmd);
    if root_user && (code == 127 || stderr.starts_with("setpriv")) {
        // As root the refusal could not be told from a permission error, so without
        // setpriv nothing would be tested: a skip locally, a failure under CI.
        crate::skip_or_fail(&format!("cannot run as nobody here ({stderr})"));
    } else {
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr
                .contains("/dev/null is a device, not a regular file: refused, even with --force"),
            "{stderr}"
        );
    }
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is still a device"
    );
}

/// `--jobs` beyond 1..=256 is a usage error in every command that takes it. Before:
/// 0 was taken as 1, 2^60 panicked ("chunk size must be non-zero"), 2^64-1 overflowed,
/// and with `--base` 10^11 aborted on a 64 TB allocation.
#[test]
fn jobs_beyond_the_range_are_a_usage_error() {
    let repo = Scratch::new();
    for jobs in [
        "0",
        "257",
        "100000000000",
        "1152921504606846976",
        "18446744073709551615",
    ] {
        for command in [
            &["check", "--jobs", jobs][..],
            &["check", "--base", "HEAD", "--jobs", jobs],
            &["status", "-j", jobs],
            &["report", "--jobs", jobs],
        ] {
            let (code, stdout, stderr) = finish(rectrack_in(repo.path(), command));
            assert_eq!(code, 2, "{command:?}:\n{stdout}{stderr}");
            assert!(
                stderr.contains("--jobs") && stderr.contains("1..=256"),
                "{command:?}:\n{stderr}"
            );
        }
    }
    for jobs in ["1", "256"] {
        let (code, stdout, stderr) = finish(rectrack_in(
            repo.path(),
            &["check", "--base", "HEAD", "--jobs", jobs],
        ));
        assert_eq!(code, 0, "--jobs {jobs}:\n{stdout}{stderr}");
    }
}

/// `init`'s arguments can neither break the tracker nor add to it. Before: an empty
/// or blank title, a future `--as-of` and a NEL (U+0085) in the title wrote trackers
/// that fail `check` (or read back another title), and a `--schema-ref` with a
/// newline added a key. Now they are usage errors and nothing is written; every title
/// accepted reads back exactly and the tracker passes `check`.
#[test]
fn init_refuses_what_would_break_or_inject_into_the_tracker() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    let refused: &[(&str, &str, &str)] = &[
        ("--title", "", "--title is blank"),
        ("--title", "  \t ", "--title is blank"),
        ("--title", "A\nid: injected", "U+000A"),
        ("--title", "A\r\nB", "U+000D"),
        ("--title", "A\tB", "U+0009"),
        ("--title", "A\u{85}B", "U+0085"),
        ("--title", "A\u{7f}", "U+007F"),
        ("--title", "A\u{2028}B", "U+2028"),
        ("--title", "evil\u{202E}txt.exe", "U+202E"),
        ("--title", "A\u{FEFF}", "U+FEFF"),
        ("--schema-ref", "s.json\nid: injected", "U+000A"),
        ("--schema-ref", "s.json\rid: injected", "U+000D"),
        ("--schema-ref", "my schema.json", "U+0020"),
        ("--schema-ref", "", "--schema-ref is empty"),
        ("--as-of", "2999-01-01", "--as-of 2999-01-01 is after today"),
    ];
    for (i, (flag, value, says)) in refused.iter().enumerate() {
        let file = format!("t{i}.yaml");
        let arg = format!("{flag}={value}");
        let mut args = vec!["init", &file, &arg];
        if *flag != "--as-of" {
            args.extend(["--as-of", "2021-12-10"]);
        }
        let (code, stdout, stderr) = finish(rectrack_in(top, &args));
        assert_eq!(code, 2, "{flag} {value:?}:\n{stdout}{stderr}");
        assert!(stderr.contains(says), "{flag} {value:?}:\n{stderr}");
        assert!(
            !top.join(&file).exists(),
            "{flag} {value:?}: nothing written"
        );
    }

    // Titles that look like YAML, markup or a formula are text, kept exactly.
    let titles = [
        "Mali: \"dialogue\" — 'JNIM' & the state",
        "- leading dash # and a hash",
        "*alias &anchor !!int 12 {a: [b]} | > % @",
        "---",
        "\\ backslash \\n not a newline",
        "حوار مالي 🇲🇱 ज़",
        "=HYPERLINK(\"http://x.test\")",
    ];
    for (i, title) in titles.iter().enumerate() {
        let file = format!("ok{i}.yaml");
        let (code, _, stderr) = finish(rectrack_in(
            top,
            &[
                "init",
                &file,
                // `--title=...`: a title may start with `-`.
                &format!("--title={title}"),
                "--as-of",
                "2021-12-10",
                "--schema-ref",
                "https://x.test/s.json",
            ],
        ));
        assert_eq!(code, 0, "{title:?}: {stderr}");
        let (code, stdout, stderr) = finish(rectrack_in(
            top,
            &["status", "--format", "json", "--today", "2021-12-10", &file],
        ));
        assert_eq!(code, 0, "{title:?}:\n{stdout}{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(json["trackers"][0]["title"], *title, "{stdout}");
        let (code, stdout, stderr) =
            finish(rectrack_in(top, &["check", "--today", "2021-12-10", &file]));
        assert_eq!(code, 0, "{title:?}:\n{stdout}{stderr}");
    }
}

/// The checked folder itself replaced by a link, by the change: `tracker` pointing at
/// a folder of the machine that holds YAML with a token (as `~/.config/gh/hosts.yml`
/// does). The path on the command line is the workflow's, what it is on disk the
/// pull request's: refused, whether named `tracker`, `tracker/` or left to the
/// default. Before: the folder was walked and the token printed in a snippet.
#[test]
fn the_checked_folder_replaced_by_a_link_out_is_refused() {
    let repo = Scratch::new();
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("hosts.yml"),
        format!("oauth_token: {SECRET}\nuser: monitor\n"),
    )
    .unwrap();
    repo.git(&["checkout", "-q", "-b", "change"]);
    std::fs::remove_dir_all(repo.path().join("tracker")).unwrap();
    std::os::unix::fs::symlink(config.path(), repo.path().join("tracker")).unwrap();
    repo.commit("the tracker folder is a link now");
    for args in [
        &["check"][..],
        &["check", "tracker/"],
        &["check", "--format", "json", "tracker"],
        &["check", "--base", "main"],
        &["status", "tracker"],
        &["report", "tracker"],
        &["diff", "main"],
    ] {
        let (code, stdout, stderr) = finish(rectrack_in(repo.path(), args));
        let all = format!("{stdout}{stderr}");
        assert!(!all.contains(SECRET), "{args:?} printed the token:\n{all}");
        assert!(
            !all.contains("hosts.yml"),
            "{args:?} walked the folder:\n{all}"
        );
        assert_eq!(code, 2, "{args:?}:\n{all}");
        assert!(all.contains("refused"), "{args:?}:\n{all}");
    }
    // A link that stays beside it (in the folder holding it) is still followed.
    std::fs::remove_file(repo.path().join("tracker")).unwrap();
    std::fs::create_dir(repo.path().join("real")).unwrap();
    std::fs::copy(root().join(SHIPPED), repo.path().join("real/a.yaml")).unwrap();
    std::os::unix::fs::symlink("real", repo.path().join("tracker")).unwrap();
    let (code, stdout, stderr) = finish(rectrack_in(repo.path(), &["check", "tracker"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("checked 1 file: no problems"), "{stdout}");
}

/// A link in the base's tree that leads out of the checked folder is not one of the
/// base's trackers (as it would not be one today): removing it removes no tracker,
/// and what it points at is never shown.
#[test]
fn a_link_of_the_base_out_of_the_checked_folder_is_not_a_tracker() {
    let repo = Scratch::new();
    std::fs::create_dir(repo.path().join("elsewhere")).unwrap();
    let text = shipped_as("outside-one").replacen("\ntitle: ", "\ntitle: Marker outside. ", 1);
    std::fs::write(repo.path().join("elsewhere/t.yaml"), text).unwrap();
    std::os::unix::fs::symlink("../elsewhere/t.yaml", repo.path().join("tracker/link.yaml"))
        .unwrap();
    repo.commit("a link out of tracker/");
    repo.git(&["checkout", "-q", "-b", "change"]);
    std::fs::remove_file(repo.path().join("tracker/link.yaml")).unwrap();
    repo.commit("the link removed");
    for args in [
        &["check", "--base", "main", "tracker"][..],
        &["diff", "main", "tracker"],
        &["diff", "main", "--format", "json", "tracker"],
    ] {
        let (code, stdout, stderr) = finish(rectrack_in(repo.path(), args));
        let all = format!("{stdout}{stderr}");
        assert_eq!(code, 0, "{args:?}:\n{all}");
        assert!(
            !all.contains("outside-one") && !all.contains("Marker"),
            "{args:?}:\n{all}"
        );
    }
    // The repository itself is untouched by all this.
    assert!(git_in(repo.path(), &["status", "--porcelain"]).is_empty());
}
