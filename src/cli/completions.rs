//! `rectrack completions SHELL`: the shell's completion script on stdout (clap_complete
//! writes it from the same definition as `--help`, so it never lags behind a new option).

use super::exit::CliError;
use super::{Cli, Exit};
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub(super) fn completions(args: CompletionsArgs) -> Result<Exit, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "rectrack", &mut script);
    anstream::stdout().write_all(&script)?;
    Ok(Exit::Success)
}
