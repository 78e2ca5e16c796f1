//! How a run ends: the exit status, and the errors that end a command early.

use crate::check::rules::schema::SchemaError;
use crate::model::catalog::CatalogError;
use crate::model::period;
use crate::present::i18n;
use crate::sys::git::GitError;
use crate::sys::write::WriteError;

/// The process's exit status. A usage or I/O problem outranks findings: a CI job whose
/// input went missing must not look like a mere validation failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: every tracker valid (warnings allowed), or the asked output written.
    Success,
    /// 1: a finding fails the run (or, for `status` and `report`, a tracker is invalid).
    Findings,
    /// 2: rectrack could not do its job: bad usage, an unreadable path, git trouble.
    Trouble,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Trouble => 2,
        })
    }
}

/// Why a command could not run (exit 2).
#[derive(Debug, thiserror::Error)]
pub(super) enum CliError {
    /// The problem is already on stderr (unreadable files, invalid trackers): exit
    /// with this status and say nothing more.
    #[error("")]
    Reported(Exit),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{0}")]
    Usage(String),
    #[error("writing output: {0}")]
    Output(std::io::Error),
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Language(#[from] i18n::I18nError),
    #[error(transparent)]
    Period(#[from] period::PeriodError),
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}
