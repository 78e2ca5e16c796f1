//! What the commands over trackers share: finding the files, checking them, and
//! keeping only valid trackers for a table or a report.

use super::Exit;
use super::args::{date_arg, jobs_arg};
use super::exit::CliError;
use crate::check::checker::{Checked, Checker};
use crate::check::finding::Severity;
use crate::check::rules::{self, semantic::Context};
use crate::check::runner;
use crate::model::catalog::Catalog;
use crate::present::findings::{self, CheckedFile, Unreadable};
use crate::present::text::{escape, plural};
use crate::syntax::{self, Limits};
use crate::sys::discover::discover;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct Inputs {
    /// Tracker files, or directories to search for *.yaml and *.yml (default: `paths`
    /// in rectrack.toml, else tracker).
    #[arg(default_value = super::config::template::DEFAULT_PATH)]
    pub(super) paths: Vec<PathBuf>,
    /// The date to treat as today for `future-date` (YYYY-MM-DD; default: the system date).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) today: Option<NaiveDate>,
    /// Days without news after which an in-progress or stalled step is stale.
    #[arg(long, default_value_t = rules::semantic::DEFAULT_STALE_DAYS, value_name = "DAYS", env = "RECTRACK_STALE_DAYS")]
    pub(super) stale_days: u32,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = syntax::MAX_FILE_BYTES, value_name = "BYTES", env = "RECTRACK_MAX_FILE_SIZE")]
    pub(super) max_file_size: u64,
    /// Threads checking files, 1 to 256 (default: one per core). Output order never
    /// depends on it.
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs_arg(), env = "RECTRACK_JOBS")]
    pub(super) jobs: Option<usize>,
    /// Show at most this many diagnostics per file (0: all). Counts stay complete.
    #[arg(long, default_value_t = super::config::template::DEFAULT_MAX_DIAGNOSTICS, value_name = "N", env = "RECTRACK_MAX_DIAGNOSTICS")]
    pub(super) max_diagnostics: usize,
}

/// One checked file, kept for a table.
pub(super) struct FileResult {
    pub(super) shown: String,
    pub(super) checked: Checked,
}

pub(super) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Everything a run over trackers needs, before any file is read.
pub(super) struct Prepared {
    pub(super) checker: Checker,
    pub(super) files: Vec<crate::sys::read::Found>,
    pub(super) unreadable: Vec<Unreadable>,
}

/// Builds the checker (schema compiled once) and finds the files.
pub(super) fn prepare(inputs: &Inputs) -> Result<Prepared, CliError> {
    let context = Context {
        today: inputs.today.unwrap_or_else(today),
        stale_days: inputs.stale_days,
    };
    let limits = Limits {
        max_file_bytes: inputs.max_file_size,
        ..Limits::default()
    };
    let checker = Checker::new(Catalog::builtin()?, context, limits)?;
    let found = discover(&inputs.paths);
    let unreadable = unreadable_paths(&found.errors);
    Ok(Prepared {
        checker,
        files: found.files,
        unreadable,
    })
}

/// Paths the search could not use, as reported unreadable.
pub(super) fn unreadable_paths(errors: &[crate::sys::discover::DiscoverError]) -> Vec<Unreadable> {
    errors
        .iter()
        .map(|e| Unreadable {
            path: e.path(),
            message: e.to_string(),
        })
        .collect()
}

pub(super) fn unreadable_file(
    path: &std::path::Path,
    e: &crate::sys::read::ReadError,
) -> Unreadable {
    let shown = path.display().to_string();
    Unreadable {
        message: format!("{shown}: {e}"),
        path: shown,
    }
}

/// Writes a machine format to the process's own stdout, past anstream.
pub(super) fn machine(styled: impl Write, text: &str) -> Result<(), CliError> {
    drop(styled);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Paths that could not be read, on stderr, for the formats people read.
pub(super) fn report_unreadable(unreadable: &[Unreadable]) -> Result<(), CliError> {
    let mut err = anstream::stderr().lock();
    for u in unreadable {
        writeln!(err, "rectrack: error: {}", escape::human(&u.message))?;
    }
    Ok(())
}

/// Valid trackers, ready for a table or a report.
pub(super) struct Loaded {
    pub(super) checker: Checker,
    pub(super) results: Vec<FileResult>,
}

/// Checks every tracker and keeps them if all are valid (catalog files found among
/// them are skipped: they are not trackers). Otherwise the run ends
/// (`CliError::Reported`): exit 2 after an unreadable path, 1 after printing the errors, since a table or
/// report drawn from an invalid tracker would look authoritative and be wrong.
pub(super) fn load_valid(inputs: &Inputs, what: &str) -> Result<Loaded, CliError> {
    let Prepared {
        checker,
        files,
        mut unreadable,
    } = prepare(inputs)?;
    // Trackers are kept for the tables; a file's text only when its errors are shown.
    let mut results: Vec<FileResult> = Vec::new();
    let jobs = inputs.jobs.unwrap_or_else(runner::default_jobs);
    runner::check_all(&checker, &files, None, jobs, |path, result| {
        match result {
            // A catalog beside the trackers is not one: its own errors are `check`'s
            // to report, and a tracker that names a broken one says so.
            Ok(checked) if checked.is_catalog => {}
            Ok(mut checked) => {
                if checked.count(Severity::Error) == 0 {
                    checked.text = String::new();
                }
                results.push(FileResult {
                    shown: path.display().to_string(),
                    checked,
                });
            }
            Err(e) => unreadable.push(unreadable_file(path, &e)),
        }
        Ok::<(), CliError>(())
    })?;
    if !unreadable.is_empty() {
        report_unreadable(&unreadable)?;
        return Err(CliError::Reported(Exit::Trouble));
    }
    let invalid: Vec<_> = results
        .iter()
        .filter(|r| r.checked.count(Severity::Error) > 0)
        .collect();
    if !invalid.is_empty() {
        let mut err = anstream::stderr().lock();
        let human = findings::Human {
            max_diagnostics: inputs.max_diagnostics,
        };
        for r in &invalid {
            let errors: Vec<_> = r
                .checked
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .cloned()
                .collect();
            let file = CheckedFile {
                path: &r.shown,
                text: &r.checked.text,
                findings: &errors,
                gone: false,
                catalog: false,
            };
            err.write_all(human.file(&file).as_bytes())?;
        }
        writeln!(
            err,
            "rectrack: no {what}: {} of {} invalid (run `rectrack check` for details)",
            invalid.len(),
            plural::count(results.len(), "tracker", "trackers")
        )?;
        return Err(CliError::Reported(Exit::Findings));
    }
    Ok(Loaded { checker, results })
}
