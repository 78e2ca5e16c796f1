//! Integration tests: they drive the real `rectrack` binary, as a monitor or CI would.

// A failed unwrap is a failed test: the helpers below are test code too (clippy.toml's
// allow-unwrap-in-tests only covers `#[test]` functions). libc is called directly to
// measure and signal children (wait4, waitid, kill) and to make special files (mkfifo,
// mknod), each block with its SAFETY comment.
#![allow(clippy::unwrap_used, unsafe_code)]
// Test arithmetic on sizes and exit statuses of a 64-bit test machine.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

mod action;
mod catalog_check;
mod catalogs;
mod catalogs_out;
mod ci;
mod commands;
mod config;
mod conventions;
mod differential;
mod editor;
mod evasion;
mod formats;
mod frictions;
mod history;
mod hostile_files;
mod hostile_memory;
mod hostile_output;
mod hostile_yaml;
mod json_path;
mod layout;
mod locales;
mod lsp;
mod messages;
mod mutations;
mod packaging;
mod peer;
mod record;
mod record_styles;
mod report;
mod robustness;
mod rules;
mod snapshots;
mod sync;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `rectrack` with colour off and a fixed "today", run from the repository root.
pub fn rectrack() -> Command {
    let mut cmd = Command::cargo_bin("rectrack").expect("binary built by cargo");
    cmd.current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .arg("--color")
        .arg("never");
    cmd
}

/// A fixed "today" for runs over the shipped tracker: after every date it holds (its
/// corrections are dated 2026-12-03), so that none trips `future-date`.
pub const TODAY: &str = "2027-01-01";

/// The shipped tracker's path, relative to the root.
pub const SHIPPED: &str = "tracker/mali-jnim-dialogue.yaml";

/// Text of a file under the root.
pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(root().join(path)).expect("fixture readable")
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("rectrack runs");
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// (rule, line, column) of every diagnostic in human output.
pub fn diagnostics(output: &str) -> Vec<(String, usize, usize)> {
    let mut found = Vec::new();
    let mut lines = output.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        else {
            continue;
        };
        let rule = rest.split(']').next().unwrap_or_default().to_string();
        let arrow = lines.next().expect("a --> line follows the title");
        let pos = arrow.trim().strip_prefix("--> ").expect("--> line");
        let mut parts = pos.rsplitn(3, ':');
        let col = parts.next().unwrap().parse().unwrap();
        let line_no = parts.next().unwrap().parse().unwrap();
        found.push((rule, line_no, col));
    }
    found
}

/// A scratch monitoring repository: `schema/tracker.schema.json` as rectrack prints
/// it and an empty `tracker/`, so copies of the shipped tracker keep a valid modeline.
pub fn sandbox() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir(dir.path().join("schema")).unwrap();
    std::fs::copy(
        root().join("schema/tracker.schema.json"),
        dir.path().join("schema/tracker.schema.json"),
    )
    .unwrap();
    let trackers = dir.path().join("tracker");
    std::fs::create_dir(&trackers).unwrap();
    (dir, trackers)
}

/// A scratch checkout `repo/` in a temporary folder, with a `tracker/` folder; a
/// `.git` folder makes it a git work tree, which bounds the catalog paths its trackers
/// may name. The temporary folder around it is outside the checkout.
pub struct Checkout {
    _dir: tempfile::TempDir,
    /// The checkout's top.
    pub repo: PathBuf,
}

impl Default for Checkout {
    fn default() -> Self {
        Checkout::new()
    }
}

impl Checkout {
    /// An empty checkout.
    pub fn new() -> Checkout {
        let dir = tempfile::tempdir().expect("temporary directory");
        let repo = dir.path().join("repo");
        for sub in [".git", "tracker"] {
            std::fs::create_dir_all(repo.join(sub)).unwrap();
        }
        Checkout { _dir: dir, repo }
    }

    /// Writes `path`, relative to the checkout's top.
    pub fn write(&self, path: &str, text: &str) {
        std::fs::write(self.repo.join(path), text).unwrap();
    }

    /// `rectrack ARGS` from the checkout's top: (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let m = measure_in(&self.repo, args, Some(std::time::Duration::from_secs(60)));
        (m.code, m.stdout, m.stderr)
    }
}

/// The fictional example's tracker, naming `catalog` and with id `id`.
pub fn example_tracker(catalog: &str, id: &str) -> String {
    let text = read("examples/fictional-river-accord/tracker/verdant-river-accord.yaml")
        .replace("catalog: ../catalog.yaml ", &format!("catalog: {catalog} "))
        .replace("\nid: verdant-river-accord\n", &format!("\nid: {id}\n"));
    assert!(text.contains(&format!("catalog: {catalog} ")));
    assert!(text.contains(&format!("\nid: {id}\n")));
    text
}

/// What one run of the binary did, measured.
pub struct Measured {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Peak resident set of this child alone, in KiB.
    pub max_rss_kib: u64,
}

/// Whether the tests run under CI (`CI` set, as CI services set it, and not `false` or
/// `0`): there a test whose tool is missing fails instead of skipping, so a green run
/// means the test ran.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "false" | "0"))
}

/// A test that cannot run here: skipped with `reason` on stderr, or failed under CI.
pub fn skip_or_fail(reason: &str) {
    assert!(!under_ci(), "CI must run this test, but {reason}");
    eprintln!("skipped: {reason}");
}

/// The path of check-jsonschema, the independent validator `./scripts/test` installs
/// and points RECTRACK_CHECK_JSONSCHEMA at; `None` skips the comparison locally, but
/// under CI (`CI` set) a missing validator fails `purpose`.
pub fn check_jsonschema(purpose: &str) -> Option<String> {
    match std::env::var("RECTRACK_CHECK_JSONSCHEMA") {
        Ok(path) if !path.is_empty() => Some(path),
        _ if under_ci() => {
            panic!("CI must run {purpose}: set RECTRACK_CHECK_JSONSCHEMA (./scripts/test does)")
        }
        _ => None,
    }
}

/// Resident memory of this (test) process now, in KiB.
fn own_rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    // SAFETY: sysconf has no preconditions.
    let page = u64::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap();
    pages * page / 1024
}

/// Runs `rectrack ARGS` (colour off, from the root) and measures that child's own peak
/// memory with `wait4`: RUSAGE_CHILDREN would mix in every child of the tests running
/// alongside. Killed after `timeout`, if given (a hang detector).
///
/// The child is forked, not vforked (`pre_exec` makes std fork): a vforked child's
/// `ru_maxrss` starts at this process's *peak*, a forked one's at its *current* size,
/// which is subtracted.
pub fn measure(args: &[&str], timeout: Option<std::time::Duration>) -> Measured {
    measure_in(&root(), args, timeout)
}

/// [`measure`], run from `dir` (a scratch git repository, for `--base`).
pub fn measure_in(dir: &Path, args: &[&str], timeout: Option<std::time::Duration>) -> Measured {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    use std::sync::atomic::{AtomicBool, Ordering};
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("rectrack"));
    // SAFETY: the hook does nothing; it is there to make std fork instead of vfork.
    unsafe {
        cmd.pre_exec(|| Ok(()));
    }
    let inherited = own_rss_kib();
    // Reaped by wait4 below, which also reads its rusage (Child::wait would not).
    #[allow(clippy::zombie_processes)]
    let mut child = cmd
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .args(["--color", "never"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rectrack starts");
    // Both pipes are drained while the child runs, so it never blocks on a full one.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).map(|_| s)
    });
    let stderr = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).map(|_| s)
    });
    let pid = child.id() as libc::pid_t;
    let exited = std::sync::Arc::new(AtomicBool::new(false));
    let watchdog = timeout.map(|limit| {
        let exited = exited.clone();
        std::thread::spawn(move || {
            let start = std::time::Instant::now();
            while !exited.load(Ordering::SeqCst) {
                if start.elapsed() > limit {
                    // SAFETY: the child is not reaped until `exited` is set (waitid
                    // below leaves it a zombie), so `pid` is still ours.
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return true;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            false
        })
    });
    // Wait for the exit without reaping, so the watchdog can never signal a reused pid.
    // SAFETY: an all-zero siginfo_t is a valid value of the plain C struct.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child; `info` is valid for writes.
    let rc = unsafe {
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &raw mut info,
            libc::WEXITED | libc::WNOWAIT,
        )
    };
    assert_eq!(rc, 0, "waitid");
    exited.store(true, Ordering::SeqCst);
    let killed = watchdog.is_some_and(|w| w.join().unwrap());
    assert!(!killed, "rectrack {args:?} ran longer than {timeout:?}");
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value of the plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own exited child, not yet reaped (`child` is never waited
    // on); `status` and `usage` are valid for writes.
    let reaped = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    assert_eq!(reaped, pid, "wait4 reaped the child");
    assert!(libc::WIFEXITED(status), "exited, not killed: {status}");
    Measured {
        code: libc::WEXITSTATUS(status),
        stdout: stdout.join().unwrap().expect("stdout is UTF-8"),
        stderr: stderr.join().unwrap().expect("stderr is UTF-8"),
        // ru_maxrss is in KiB on Linux; what the fork shared with this process before
        // exec is not the child's (an over-estimate of it is: this process may have
        // shrunk, or grown, since).
        max_rss_kib: u64::try_from(usage.ru_maxrss)
            .unwrap()
            .saturating_sub(inherited),
    }
}

/// `rectrack status --format json` with `args`, each step as one line of ids:
/// `tracker,date,recommendation,step,party,status,since,last_evidence,flags` (flags
/// joined by `;`), so a test can name a row the way the JSON's codes say it.
pub fn status_rows(args: &[&str]) -> Vec<String> {
    let mut all = vec!["status", "--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(rectrack().args(&all));
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let mut rows = Vec::new();
    for t in doc["trackers"].as_array().unwrap() {
        for s in t["steps"].as_array().unwrap() {
            let flags: Vec<String> = s["flags"].as_array().unwrap().iter().map(text).collect();
            rows.push(
                [
                    text(&t["id"]),
                    text(&t["date"]),
                    text(&s["recommendation"]),
                    text(&s["step"]),
                    text(&s["party"]),
                    text(&s["status"]),
                    text(&s["since"]),
                    text(&s["last_evidence"]),
                    flags.join(";"),
                ]
                .join(","),
            );
        }
    }
    rows
}
