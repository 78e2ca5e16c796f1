//! The project's settings, `rectrack.toml`, merged into a command's arguments.
//!
//! Enters: the parsed command line and clap's matches, which say where each value came
//! from (typed, a `RECTRACK_*` variable, or clap's default). Leaves: the command's
//! arguments with the file's settings filled in wherever neither the command line nor
//! the environment set them, or the file's problems on stderr, rendered like a
//! tracker's (exit 2). The order is: command line, then environment, then the file,
//! then the built-in default.
//!
//! When a run compares with a base revision (`check --base`, `diff`), the file is read
//! as it is at the base (`base.rs`): in CI the pull request writes today's file, and
//! must not be able to weaken the check that judges it.

mod base;
pub(super) mod env;
pub(super) mod template;

use super::exit::CliError;
use super::inputs::Inputs;
use super::{Cli, Command};
use crate::check::finding::{Finding, Severity};
use crate::model::config::{self, Problem, Settings};
use crate::present::findings::snippet;
use crate::present::text::escape;
use crate::sys::config::{self as file, ConfigFile};
use crate::sys::read::lexical;
use clap::ArgMatches;
use clap::parser::ValueSource;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A settings file as one run uses it (no file: every setting at its default).
#[derive(Debug, Clone, Default)]
pub(super) struct Loaded {
    /// The file read, if any.
    file: Option<ConfigFile>,
    /// What it sets.
    settings: Settings,
    /// The top of the checkout, resolved.
    top: Option<PathBuf>,
}

/// Where the settings come from: `--config FILE` (or `RECTRACK_CONFIG`), found, or none.
#[derive(Debug, Clone)]
enum Source {
    Named(PathBuf),
    Found,
    Off,
}

/// `--no-config` beats `RECTRACK_CONFIG`, but not a typed `--config`.
fn source(cli: &Cli, matches: &ArgMatches) -> Result<Source, CliError> {
    let typed = |m: &ArgMatches| m.value_source("config") == Some(ValueSource::CommandLine);
    let config_typed = typed(matches) || matches.subcommand().is_some_and(|(_, m)| typed(m));
    Ok(match (&cli.config, cli.no_config) {
        (Some(_), true) if config_typed => {
            return Err(CliError::Usage(
                "--config FILE and --no-config contradict each other: give one".into(),
            ));
        }
        (_, true) => Source::Off,
        (Some(path), false) => Source::Named(path.clone()),
        (None, false) => Source::Found,
    })
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// Fills in the invoked command's arguments from the settings file.
pub(super) fn apply(cli: &mut Cli, matches: &ArgMatches) -> Result<(), CliError> {
    let Some((_, m)) = matches.subcommand() else {
        return Ok(());
    };
    let from = source(cli, matches)?;
    match &mut cli.command {
        Command::Check(args) => {
            let today = load(&from)?;
            // `--no-base` beats the file and the environment, but not a typed `--base`.
            if args.no_base {
                if m.value_source("base") == Some(ValueSource::CommandLine) {
                    return Err(CliError::Usage(
                        "--base REV and --no-base contradict each other: give one".into(),
                    ));
                }
                args.base = None;
            } else if args.base.is_none() {
                args.base = today.settings.base.as_ref().map(|b| b.value.clone());
            }
            let layer = match &args.base {
                Some(rev) => {
                    let (layer, resolved) = base::layer(rev, today, &from)?;
                    args.resolved = Some(resolved);
                    layer
                }
                None => today,
            };
            inputs(&mut args.inputs, m, &layer);
            if unset(m, "deny_warnings")
                && let Some(d) = &layer.settings.deny_warnings
            {
                args.deny_warnings = d.value;
            }
        }
        Command::Status(args) => {
            let today = load(&from)?;
            inputs(&mut args.inputs, m, &today);
            lang(&mut args.lang, m, &today);
        }
        Command::Report(args) => {
            let today = load(&from)?;
            inputs(&mut args.inputs, m, &today);
            lang(&mut args.lang, m, &today);
        }
        Command::Catalog(args) => lang(&mut args.lang, m, &load(&from)?),
        Command::Diff(args) => {
            let today = load(&from)?;
            if args.rev.is_none() {
                args.rev = today.settings.base.as_ref().map(|b| b.value.clone());
            }
            let Some(rev) = &args.rev else {
                return Err(CliError::Usage(
                    "diff needs a revision to compare with: give REV, set RECTRACK_BASE, or set `base` in rectrack.toml".into(),
                ));
            };
            let (layer, resolved) = base::layer(rev, today, &from)?;
            args.resolved = Some(resolved);
            if unset(m, "paths")
                && let Some(paths) = layer.paths()
            {
                args.paths = paths;
            }
        }
        Command::Init(args) => {
            if let Source::Named(path) = from {
                args.config_target = Some(path);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Whether `id` was left to clap's default: neither typed nor from the environment.
fn unset(m: &ArgMatches, id: &str) -> bool {
    matches!(m.value_source(id), None | Some(ValueSource::DefaultValue))
}

fn inputs(inputs: &mut Inputs, m: &ArgMatches, layer: &Loaded) {
    let s = &layer.settings;
    if unset(m, "paths")
        && let Some(paths) = layer.paths()
    {
        inputs.paths = paths;
    }
    if unset(m, "stale_days")
        && let Some(v) = &s.stale_days
    {
        inputs.stale_days = v.value;
    }
    if unset(m, "max_file_size")
        && let Some(v) = &s.max_file_size
    {
        inputs.max_file_size = v.value;
    }
    if unset(m, "max_diagnostics")
        && let Some(v) = &s.max_diagnostics
    {
        inputs.max_diagnostics = v.value;
    }
    if unset(m, "jobs")
        && let Some(v) = &s.jobs
    {
        inputs.jobs = Some(v.value);
    }
}

fn lang(lang: &mut String, m: &ArgMatches, layer: &Loaded) {
    if unset(m, "lang")
        && let Some(v) = &layer.settings.lang
    {
        lang.clone_from(&v.value);
    }
}

impl Loaded {
    /// `paths`, each from the folder holding the file, as typed from the current folder.
    fn paths(&self) -> Option<Vec<PathBuf>> {
        let file = self.file.as_ref()?;
        let paths = self.settings.paths.as_ref()?;
        Some(
            paths
                .iter()
                .map(|p| lexical(&file.dir.join(&p.value)))
                .collect(),
        )
    }
}

/// The settings file today (in the working tree), read and checked; problems end the
/// run with exit 2.
fn load(from: &Source) -> Result<Loaded, CliError> {
    let located = match from {
        Source::Off => return Ok(Loaded::default()),
        Source::Named(path) => file::read_named(path, &cwd())?,
        Source::Found => file::discover(&cwd())?,
    };
    let Some(file) = located.file else {
        return Ok(Loaded {
            top: located.top,
            ..Loaded::default()
        });
    };
    match checked(&file, located.top.as_deref()) {
        Ok(settings) => Ok(Loaded {
            file: Some(file),
            settings,
            top: located.top,
        }),
        Err(problems) => {
            report(&file, &problems)?;
            Err(CliError::Reported(super::Exit::Trouble))
        }
    }
}

/// The file's settings, parsed, with what only the command line's parsers and the
/// file system can say: a language code's form, `jobs` within bounds, and each of
/// `paths` inside the checkout (a symbolic link out of it is refused here, as the
/// walk would refuse it, but before anything is read).
fn checked(file: &ConfigFile, top: Option<&Path>) -> Result<Settings, Vec<Problem>> {
    let settings = config::parse(&file.text)?;
    let mut problems = Vec::new();
    if let Some(l) = &settings.lang
        && let Err(why) = super::args::lang_code_arg(&l.value)
    {
        problems.push(Problem::new(l.span, why).label("not a language code"));
    }
    if let Some(j) = &settings.jobs
        && !(1..=crate::check::runner::MAX_JOBS).contains(&j.value)
    {
        problems.push(
            Problem::new(
                j.span,
                format!("`jobs` must be 1 to {}", crate::check::runner::MAX_JOBS),
            )
            .label("out of range")
            .help("leave `jobs` out for one thread per core"),
        );
    }
    let dir = std::fs::canonicalize(&file.dir).ok();
    // The checkout holding the file, or (a file outside any checkout, named with
    // --config) its own folder.
    let bound = match (top, &dir) {
        (Some(top), Some(dir)) if dir.starts_with(top) => Some(top.to_path_buf()),
        (_, dir) => dir.clone(),
    };
    for p in settings.paths.iter().flatten() {
        let full = file.dir.join(&p.value);
        let inside = |path: &Path| bound.as_ref().is_some_and(|b| path.starts_with(b));
        // `..` taken as written, then links as they are on disk (a missing path is
        // the search's to report, as a path typed).
        let stays = dir
            .as_ref()
            .is_some_and(|d| inside(&lexical(&d.join(&p.value))));
        let (out, how) = if stays {
            let linked_out = std::fs::canonicalize(&full).is_ok_and(|t| !inside(&t));
            (linked_out, "a symbolic link out of the checkout")
        } else {
            (true, "leads up out of the checkout")
        };
        if out {
            problems.push(
                Problem::new(
                    p.span,
                    format!("`paths` holds `{}`, which leads outside the checkout", p.value),
                )
                .label(how)
                .help("rectrack reads only trackers inside the checkout that holds rectrack.toml; name a folder elsewhere on the command line"),
            );
        }
    }
    if problems.is_empty() {
        Ok(settings)
    } else {
        problems.sort_by_key(|p| p.span.start);
        Err(problems)
    }
}

/// The problems of a settings file on stderr, as a tracker's are shown, and what to do.
fn report(file: &ConfigFile, problems: &[Problem]) -> Result<(), CliError> {
    let findings: Vec<Finding> = problems
        .iter()
        .map(|p| Finding {
            rule: "",
            severity: Severity::Error,
            span: p.span,
            message: p.message.clone(),
            label: p.label.clone(),
            help: p.help.clone(),
        })
        .collect();
    let mut err = anstream::stderr().lock();
    err.write_all(snippet::human(&file.shown, &file.text, &findings).as_bytes())?;
    writeln!(
        err,
        "rectrack: error: {}: settings not read ({}); fix it, or run with --no-config",
        escape::human(&file.shown),
        snippet::counts(findings.len(), 0)
    )?;
    Ok(())
}
