//! `rectrack source add`: declare a source under `sources:`, in place.

use super::Exit;
use super::edit::{self, Done, Mode, WriteOpts};
use super::entry::SourceFields;
use super::exit::CliError;
use crate::model::edit as editor;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct SourceArgs {
    #[command(subcommand)]
    command: SourceCommand,
}

#[derive(Debug, Subcommand)]
enum SourceCommand {
    /// Declare a source at the end of `sources:`, to cite it in entries' evidence.
    ///
    /// A source declared and not yet cited is reported as `unused-source` (a warning)
    /// until an entry cites it; `rectrack record --new-source` declares and cites in
    /// one change.
    ///
    /// Exit status: 0 written (or shown, with --dry-run), 1 refused: the result would
    /// not pass `rectrack check`, 2 usage or I/O error.
    #[command(mut_arg("title", |a| a.required(true)))]
    Add(AddArgs),
}

#[derive(Debug, Args)]
struct AddArgs {
    /// The source's id, in kebab-case (e.g. `icg-310`): what evidence cites.
    id: String,
    /// The tracker to change (default: the only tracker in `tracker/`).
    file: Option<PathBuf>,
    #[command(flatten)]
    fields: SourceFields,
    #[command(flatten)]
    write: WriteOpts,
}

pub(super) fn source(args: SourceArgs) -> Result<Exit, CliError> {
    match args.command {
        SourceCommand::Add(args) => add(args),
    }
}

fn add(args: AddArgs) -> Result<Exit, CliError> {
    let source = args.fields.source(&args.id)?;
    let opened = edit::open(edit::locate(args.file.as_deref())?, args.write.today())?;
    let text = editor::add_source(&opened.text, &opened.root, &source)
        .map_err(|e| edit::refused_edit(&opened.shown, &e))?;
    let done = Done {
        done: format!("declared source {}", source.id),
        would: format!("declare source {}", source.id),
        details: Vec::new(),
    };
    edit::finish(&opened, &text, Mode::new(args.write.dry_run, false), &done)
}
