//! `rectrack init`: write a new tracker with every step at `unknown`.

use super::Exit;
use super::args::date_arg;
use super::exit::CliError;
use super::inputs::today;
use crate::model::catalog::Catalog;
use crate::present::scaffold::{self, InitOptions};
use crate::present::text::escape;
use crate::sys::write::write_atomic;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// The tracker file to create.
    pub(super) file: PathBuf,
    /// Tracker id (default: from the file name, in kebab-case).
    #[arg(long)]
    pub(super) id: Option<String>,
    /// Tracker title: one line of text, not blank.
    #[arg(long)]
    pub(super) title: Option<String>,
    /// The tracker's as_of date, not after today (default: today).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) as_of: Option<NaiveDate>,
    /// Schema path for the editor's yaml-language-server modeline (one word: no
    /// spaces or control characters).
    #[arg(long, default_value = scaffold::DEFAULT_SCHEMA_REF, value_name = "PATH")]
    pub(super) schema_ref: String,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub(super) force: bool,
}

pub(super) fn init(args: InitArgs) -> Result<Exit, CliError> {
    let catalog = Catalog::builtin()?;
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = args.id.unwrap_or_else(|| scaffold::id_from_stem(&stem));
    let opts = InitOptions {
        title: args
            .title
            .unwrap_or_else(|| format!("Recommendation tracker {id}")),
        id,
        as_of: args.as_of.unwrap_or_else(today),
        schema_ref: args.schema_ref,
    };
    // What init writes must pass `check`, and no argument may add a line to it.
    scaffold::validate(&opts, today()).map_err(|e| CliError::Usage(e.to_string()))?;
    let text = scaffold::scaffold(&catalog, &opts);
    write_atomic(&args.file, text.as_bytes(), args.force)?;
    writeln!(
        anstream::stdout(),
        "wrote {} ({} steps at `unknown`); next: record what the sources say, then `rectrack check {}`",
        escape::human(&args.file.display().to_string()),
        catalog.steps().count(),
        escape::human(&args.file.display().to_string())
    )?;
    Ok(Exit::Success)
}
