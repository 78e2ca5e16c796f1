//! Integration tests: they drive the real `rectrack` binary, as a monitor or CI would.

mod ci;
mod commands;
mod evasion;
mod formats;
mod history;
mod hostile_memory;
mod mutations;
mod peer;
mod report;
mod robustness;
mod rules;
mod snapshots;

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
