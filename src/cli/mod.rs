//! The command line: what the user asked for → the pipeline → an exit status.
//!
//! Enters: the process's arguments. Leaves: output on stdout (or a file, written
//! atomically), errors on stderr, and an [`Exit`] status. Each command has its own
//! file, holding its arguments and its body; `inputs.rs` is what the commands over
//! trackers share (finding files, checking them, keeping the valid ones), `edit.rs`
//! what the writing commands share (reading one tracker, checking the proposed text,
//! writing it), `entry.rs` their arguments and `prompt.rs` their questions.
//! `config/` fills in what neither the command line nor a `RECTRACK_*` variable set
//! from the project's `rectrack.toml` (as it is at the base, for a comparison).
//!
//! Exit codes follow ripgrep and most linters: 0 when every tracker is valid (warnings
//! allowed), 1 when a finding fails the run, 2 when rectrack could not do its job
//! (bad usage, unreadable path, a directory with no trackers). A usage or I/O problem
//! outranks findings: a CI job whose input went missing must not look like a mere
//! validation failure.

mod args;
mod catalog;
mod check;
mod completions;
mod config;
mod correct;
mod diff;
mod edit;
mod entry;
mod exit;
mod explain;
mod init;
mod inputs;
mod man;
mod prompt;
mod record;
mod report;
mod schema;
mod source;
mod status;
mod sync;

pub use exit::Exit;

use crate::present::text::escape;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use exit::CliError;
use std::io::Write;
use std::path::PathBuf;

/// Check recommendation trackers and report how far each recommendation has been
/// carried out.
///
/// A tracker is a YAML file that records, for every step of the recommendation
/// catalog, its status and the dated, sourced history that led there.
#[derive(Debug, Parser)]
#[command(
    name = "rectrack",
    version,
    long_version = crate::present::version::LONG,
    max_term_width = 100
)]
pub struct Cli {
    /// When to colour output: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    /// Read the settings from FILE instead of the rectrack.toml found from the current
    /// folder up to the top of the checkout.
    #[arg(long, value_name = "FILE", global = true, env = "RECTRACK_CONFIG")]
    config: Option<PathBuf>,
    /// Read no settings file: only the command line, RECTRACK_* variables and the
    /// built-in defaults.
    #[arg(long, global = true)]
    no_config: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate trackers: structure (JSON Schema) and meaning (rectrack's rules).
    ///
    /// Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.
    Check(check::CheckArgs),
    /// Show the status of every step: a table, Markdown, CSV or JSON.
    Status(status::StatusArgs),
    /// Write the periodic report: status at the period's end, what changed, progress,
    /// what needs attention, and (in HTML) a timeline.
    ///
    /// Exit status: 0 report written, 1 a tracker is invalid (no report), 2 usage or
    /// I/O error.
    Report(report::ReportArgs),
    /// List the catalog's recommendations and steps, with where each comes from.
    Catalog(catalog::CatalogArgs),
    /// Print the JSON Schema for tracker files (generated from the catalog).
    Schema(schema::SchemaArgs),
    /// Write a new tracker with every step at `unknown`. Never overwrites without --force.
    Init(init::InitArgs),
    /// Explain a rule: what it checks, a failing and a fixed example. Without RULE, list all.
    Explain(explain::ExplainArgs),
    /// Say what a change does to the record since a git revision: what `check --base`
    /// refuses, moved and removed trackers, new, changed and removed entries, sources.
    Diff(diff::DiffArgs),
    /// Record a development: append one dated entry to a step's history, make its
    /// status the step's, and move `as_of` forward. Nothing is written unless the
    /// result passes `check`.
    Record(Box<record::RecordArgs>),
    /// Amend a recorded entry and add its `correction` dated today, as `check --base`
    /// asks of any change to recorded history.
    Correct(correct::CorrectArgs),
    /// Bring a tracker in line with its catalog: add new steps as `unknown`, rename
    /// keys the catalog lists in `renamed_from`, drop steps it no longer has where
    /// they have no history. Nothing is written unless the result passes `check`.
    Sync(sync::SyncArgs),
    /// Manage the tracker's sources.
    #[command(subcommand_required = true)]
    Source(source::SourceArgs),
    /// Print the shell completion script for bash, zsh, fish, PowerShell or Elvish.
    Completions(completions::CompletionsArgs),
    /// Print the man page of rectrack or of one command, or write them all with
    /// --output-dir.
    Man(man::ManArgs),
}

/// Runs rectrack with the process's arguments and returns its exit status.
pub fn main() -> std::process::ExitCode {
    let mut cmd = Cli::command();
    let parsed = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (mut cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            // A bad RECTRACK_* value is named as the variable, not as an option the
            // user never typed.
            if matches!(
                e.kind(),
                clap::error::ErrorKind::InvalidValue | clap::error::ErrorKind::ValueValidation
            ) && let Some(why) = config::env::bad_variable(&mut cmd)
            {
                let _ = writeln!(anstream::stderr(), "rectrack: error: {why}");
                return Exit::Trouble.into();
            }
            // clap prints help and version on stdout with status 0, errors on stderr
            // with 2.
            e.exit()
        }
    };
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    let exit = match config::apply(&mut cli, &matches).and_then(|()| run(cli.command)) {
        Ok(exit) | Err(CliError::Reported(exit)) => exit,
        // `rectrack status | head -1`: the reader has what it wanted.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success,
        Err(e) => {
            // Errors name paths and quote git; one line each, nothing obeyed.
            let _ = writeln!(
                anstream::stderr(),
                "rectrack: error: {}",
                escape::human(&e.to_string())
            );
            Exit::Trouble
        }
    };
    exit.into()
}

fn run(command: Command) -> Result<Exit, CliError> {
    match command {
        Command::Check(args) => check::check(args),
        Command::Status(args) => status::status(args),
        Command::Report(args) => report::report(args),
        Command::Catalog(args) => catalog::catalog(args),
        Command::Schema(args) => schema::schema(args),
        Command::Init(args) => init::init(args),
        Command::Explain(args) => explain::explain(args),
        Command::Diff(args) => diff::diff(args),
        Command::Record(args) => record::record(*args),
        Command::Correct(args) => correct::correct(args),
        Command::Source(args) => source::source(args),
        Command::Sync(args) => sync::sync(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => man::man(args),
    }
}
