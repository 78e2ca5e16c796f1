//! The `check` command's output. Enters: each checked file's findings (and its text,
//! for snippets) and the paths that could not be read, as one [`CheckRun`]; leaves:
//! that run rendered for people (`human`), for scripts (`json`), for GitHub Actions
//! annotations (`github`), for CI test reports (`junit`) and for code-scanning
//! dashboards (`sarif`). Every format renders the same run, so the exit code never
//! depends on the format.

mod github;
mod human;
mod json;
mod junit;
mod sarif;
pub mod snippet;

pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use junit::Junit;
pub use sarif::{SCHEMA_URI, Sarif};

use crate::check::exit::Exit;
use crate::check::finding::{Finding, Severity};

/// One checked file.
#[derive(Debug, Clone, Copy)]
pub struct CheckedFile<'a> {
    /// The path as given or found.
    pub path: &'a str,
    /// Its text (for snippets); empty for a tracker that is gone.
    pub text: &'a str,
    /// Its findings, sorted.
    pub findings: &'a [Finding],
    /// A tracker of the base that is in no file now: the path is where it was.
    pub gone: bool,
    /// The file is a catalog (checked by the catalog rules, not the tracker rules).
    pub catalog: bool,
}

/// A path that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The path.
    pub path: String,
    /// Why, in the OS's or walker's words.
    pub message: String,
}

/// Everything a run found.
#[derive(Debug, Clone)]
pub struct CheckRun<'a> {
    /// Checked files, in a stable order.
    pub files: Vec<CheckedFile<'a>>,
    /// Paths that could not be read.
    pub unreadable: &'a [Unreadable],
    /// Whether warnings fail the run.
    pub deny_warnings: bool,
}

impl CheckRun<'_> {
    /// Files checked (not counting trackers that are gone).
    pub fn checked(&self) -> usize {
        self.files.iter().filter(|f| !f.gone).count()
    }

    fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| f.findings)
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Errors in all files.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Warnings in all files.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Whether a finding fails the run (as opposed to an unreadable path, exit 2).
    pub fn fails(&self, f: &Finding) -> bool {
        f.severity == Severity::Error || self.deny_warnings
    }

    /// Whether any finding fails the run.
    fn fails_any(&self) -> bool {
        self.files
            .iter()
            .flat_map(|f| f.findings)
            .any(|f| self.fails(f))
    }

    /// How the run ends: 2 when a path could not be read, 1 when a finding fails the
    /// run, 0 otherwise. The process exits with it and the JSON output reports it.
    pub fn exit(&self) -> Exit {
        if !self.unreadable.is_empty() {
            Exit::Trouble
        } else if self.fails_any() {
            Exit::Findings
        } else {
            Exit::Success
        }
    }
}
