//! How a run ends: the exit status, and the errors that end a command early.

use crate::check::rules::schema::SchemaError;
use crate::model::catalog::CatalogError;
use crate::model::period;
use crate::present::i18n;
use crate::sys::config::ConfigReadError;
use crate::sys::git::GitError;
use crate::sys::write::WriteError;

pub use crate::check::exit::Exit;

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
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
    #[error(transparent)]
    Config(#[from] ConfigReadError),
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}
