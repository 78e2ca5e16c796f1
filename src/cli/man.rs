//! `rectrack man [COMMAND]`: the roff man page of rectrack or of one of its commands on
//! stdout, or with `--output-dir DIR` one page per command (rectrack.1,
//! rectrack-check.1, rectrack-source-add.1, ...), written atomically. clap_mangen
//! writes them from the same definition as `--help`.

use super::exit::CliError;
use super::{Cli, Exit};
use crate::present::text::escape;
use crate::present::version;
use crate::sys::write::{WriteError, write_atomic};
use clap::{Args, CommandFactory};
use clap_mangen::Man;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct ManArgs {
    /// The command whose page to print (`check`, `source add`); without it, rectrack's.
    #[arg(conflicts_with = "output_dir")]
    command: Vec<String>,
    /// Write every command's page into DIR (created if missing) instead of printing one.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Replace pages that already exist in DIR.
    #[arg(long, requires = "output_dir")]
    force: bool,
}

/// rectrack's command tree, built as clap shows it (`help` is not a page).
fn tree() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The page of `cmd`, its footer naming the version and the build's date.
fn page(cmd: &clap::Command) -> Result<(String, Vec<u8>), CliError> {
    let man = Man::new(cmd.clone())
        .source(format!("rectrack {}", version::SEMVER))
        .date(version::date().unwrap_or_default())
        .manual("rectrack manual");
    let mut text = Vec::new();
    man.render(&mut text)?;
    Ok((man.get_filename(), text))
}

/// Every command's page, the parent before its subcommands.
fn pages(cmd: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), CliError> {
    out.push(page(cmd)?);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages(sub, out)?;
    }
    Ok(())
}

pub(super) fn man(args: ManArgs) -> Result<Exit, CliError> {
    let root = tree();
    if let Some(dir) = args.output_dir {
        let mut all = Vec::new();
        pages(&root, &mut all)?;
        // All or nothing: a page in the way stops the run before any is written.
        if !args.force {
            for (name, _) in &all {
                let path = dir.join(name);
                if path.symlink_metadata().is_ok() {
                    return Err(WriteError::Exists(path.display().to_string()).into());
                }
            }
        }
        for (name, text) in &all {
            write_atomic(&dir.join(name), text, args.force)?;
        }
        writeln!(
            anstream::stderr(),
            "rectrack: wrote {} man pages to {}",
            all.len(),
            escape::human(&dir.display().to_string())
        )?;
        return Ok(Exit::Success);
    }
    let mut cmd = &root;
    for word in &args.command {
        cmd = cmd.find_subcommand(word).ok_or_else(|| {
            let names: Vec<_> = cmd
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(clap::Command::get_name)
                .collect();
            CliError::Usage(format!(
                "no command `{}` in `{}`: its commands are {}",
                escape::human(word),
                cmd.get_display_name().unwrap_or(cmd.get_name()),
                names.join(", ")
            ))
        })?;
    }
    anstream::stdout().write_all(&page(cmd)?.1)?;
    Ok(Exit::Success)
}
