//! The command line: argument parsing, running a command, exit codes.
//!
//! Exit codes follow ripgrep and most linters: 0 when every tracker is valid (warnings
//! allowed), 1 when a finding fails the run, 2 when rectrack could not do its job
//! (bad usage, unreadable path, a directory with no trackers). A usage or I/O problem
//! outranks findings: a CI job whose input went missing must not look like a mere
//! validation failure.

pub mod init;

use crate::check::base::Baseline;
use crate::check::checker::BaseCheck;
use crate::check::checker::{Checked, Checker};
use crate::check::finding::Severity;
use crate::check::rules::append_only::{self, BaseInfo};
use crate::check::rules::{self, RULES, semantic::Context};
use crate::check::runner;
use crate::check::schema::{self, SchemaError};
use crate::check::suggest::did_you_mean;
use crate::model::catalog::{Catalog, CatalogError};
use crate::model::change::TrackerChange;
use crate::model::date::parse_date;
use crate::model::period::{self, Period};
use crate::present::escape;
use crate::present::findings::{self, FileReport, Format, RunReport, Unreadable};
use crate::present::i18n::{self, Messages};
use crate::present::report::{self, PeriodRequest, Report};
use crate::present::status::{self as status_view, StatusTable};
use crate::syntax::{self, Limits};
use crate::sys::discover::discover;
use crate::sys::git::{Base, GitError};
use crate::sys::write::{WriteError, write_atomic};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use init::InitOptions;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check recommendation trackers and report how far each recommendation has been
/// carried out.
///
/// A tracker is a YAML file that records, for every step of the recommendation
/// catalog, its status and the dated, sourced history that led there.
#[derive(Debug, Parser)]
#[command(name = "rectrack", version, max_term_width = 100)]
pub struct Cli {
    /// When to colour output: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
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
    Check(CheckArgs),
    /// Show the status of every step: a table, Markdown, CSV or JSON.
    Status(StatusArgs),
    /// Write the periodic report: status at the period's end, what changed, progress,
    /// what needs attention, and (in HTML) a timeline.
    ///
    /// Exit status: 0 report written, 1 a tracker is invalid (no report), 2 usage or
    /// I/O error.
    Report(ReportArgs),
    /// List the catalog's recommendations and steps, with where each comes from.
    Catalog(CatalogArgs),
    /// Print the JSON Schema for tracker files (generated from the catalog).
    Schema,
    /// Write a new tracker with every step at `unknown`. Never overwrites without --force.
    Init(InitArgs),
    /// Explain a rule: what it checks, a failing and a fixed example. Without RULE, list all.
    Explain(ExplainArgs),
    /// Say what a change does to the record since a git revision: what `check --base`
    /// refuses, moved and removed trackers, new, changed and removed entries, sources.
    Diff(DiffArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The git revision to compare with (a branch, tag or commit); the change is taken
    /// from the merge base of REV and HEAD, as a pull request shows it.
    rev: String,
    /// Tracker files, or directories to search for *.yaml and *.yml.
    #[arg(default_value = "tracker")]
    paths: Vec<PathBuf>,
    /// Output format: text, markdown (for a pull-request comment), json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// The date to treat as today when judging corrections (default: the system date).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
struct Inputs {
    /// Tracker files, or directories to search for *.yaml and *.yml.
    #[arg(default_value = "tracker")]
    paths: Vec<PathBuf>,
    /// The date to treat as today for `future-date` (YYYY-MM-DD; default: the system date).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    today: Option<NaiveDate>,
    /// Days without news after which an in-progress or stalled step is stale.
    #[arg(long, default_value_t = rules::semantic::DEFAULT_STALE_DAYS, value_name = "DAYS")]
    stale_days: u32,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = syntax::MAX_FILE_BYTES, value_name = "BYTES")]
    max_file_size: u64,
    /// Threads checking files, 1 to 256 (default: one per core). Output order never
    /// depends on it.
    #[arg(long, short = 'j', value_name = "N", value_parser = jobs_arg())]
    jobs: Option<usize>,
    /// Show at most this many diagnostics per file (0: all). Counts stay complete.
    #[arg(long, default_value_t = 100, value_name = "N")]
    max_diagnostics: usize,
}

/// One checked file, kept for a table.
struct FileResult {
    shown: String,
    checked: Checked,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Also compare with the base of the change: the merge base of REV and HEAD, as a
    /// pull request shows it. Trackers are matched by id wherever their files now live;
    /// recorded history may only grow (a changed entry needs a new correction), trackers,
    /// steps and cited sources stay, as_of never goes back.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Output format: human (default), json, github (workflow commands), junit, sarif.
    ///
    /// With no --format in GitHub Actions (GITHUB_ACTIONS=true), github annotations
    /// follow the human output.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<CheckFormat>,
    /// Only read and parse the files (a benchmark's floor; no schema, no rules).
    #[arg(long, hide = true)]
    parse_only: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Github,
    Junit,
    Sarif,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StatusFormat {
    Table,
    Markdown,
    Csv,
    Json,
    /// One self-contained page: the table and the timeline.
    Html,
}

#[derive(Debug, Args)]
struct StatusArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// Show each step's status on this date, from its history (default: the tracker's as_of).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    format: StatusFormat,
    /// Language of the HTML page (the other formats are for the terminal and scripts).
    #[arg(long, value_parser = lang_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG")]
    lang: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Renders on GitHub and with pandoc.
    Markdown,
    /// One self-contained page with the timeline; prints to PDF.
    Html,
    /// For scripts; shape in docs/report-json.md.
    Json,
    /// The step table; with --long, the whole history, one row per entry.
    Csv,
    /// The timeline picture alone.
    Svg,
}

#[derive(Debug, Args)]
struct ReportArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// First day of the period (default: 90 days before --to).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "period")]
    from: Option<NaiveDate>,
    /// Last day of the period (default: each tracker's as_of).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "period")]
    to: Option<NaiveDate>,
    /// A whole year, month or quarter: 2022, 2022-03, 2022-Q1.
    #[arg(long, value_parser = period_arg, value_name = "PERIOD")]
    period: Option<Period>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    format: ReportFormat,
    /// With --format csv: the whole history in long format (one row per entry).
    #[arg(long)]
    long: bool,
    /// Language of the report (every heading, label and sentence).
    #[arg(long, value_parser = lang_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG")]
    lang: String,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    force: bool,
}

fn period_arg(s: &str) -> Result<Period, String> {
    Period::parse_shorthand(s).map_err(|e| e.to_string())
}

fn lang_arg(s: &str) -> Result<String, String> {
    if i18n::available().contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "no translation for `{s}`; available: {}",
            i18n::available().join(", ")
        ))
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CatalogFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
struct CatalogArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Table)]
    format: CatalogFormat,
    /// Language of titles and descriptions.
    #[arg(long, value_parser = lang_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG")]
    lang: String,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The tracker file to create.
    file: PathBuf,
    /// Tracker id (default: from the file name, in kebab-case).
    #[arg(long)]
    id: Option<String>,
    /// Tracker title: one line of text, not blank.
    #[arg(long)]
    title: Option<String>,
    /// The tracker's as_of date, not after today (default: today).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    /// Schema path for the editor's yaml-language-server modeline (one word: no
    /// spaces or control characters).
    #[arg(long, default_value = init::DEFAULT_SCHEMA_REF, value_name = "PATH")]
    schema_ref: String,
    /// Replace FILE if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// A rule id, such as status-mismatch.
    rule: Option<String>,
}

/// `--jobs`: a number of threads within [`runner::MAX_JOBS`], else a usage error.
fn jobs_arg() -> clap::builder::RangedU64ValueParser<usize> {
    // `MAX_JOBS` is a small constant: widening it to u64 cannot truncate.
    clap::builder::RangedU64ValueParser::<usize>::new().range(1..=runner::MAX_JOBS as u64)
}

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD"))
}

/// Why a command could not run (exit 2).
#[derive(Debug, thiserror::Error)]
enum CliError {
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

/// Runs rectrack with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap prints help and version on stdout with status 0, errors on stderr with 2.
        Err(e) => e.exit(),
    };
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        // `rectrack status | head -1`: the reader has what it wanted.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // Errors name paths and quote git; one line each, nothing obeyed.
            let _ = writeln!(
                anstream::stderr(),
                "rectrack: error: {}",
                escape::human(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<u8, CliError> {
    match command {
        Command::Check(args) => check(args),
        Command::Status(args) => status(args),
        Command::Report(args) => report(args),
        Command::Catalog(args) => catalog(args),
        Command::Schema => {
            let text = schema::to_file_text(&schema::generate(&Catalog::builtin()?));
            anstream::stdout().write_all(text.as_bytes())?;
            Ok(0)
        }
        Command::Init(args) => init(args),
        Command::Explain(args) => explain(args),
        Command::Diff(args) => diff(args),
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Everything a run over trackers needs, before any file is read.
struct Prepared {
    checker: Checker,
    files: Vec<crate::sys::read::Found>,
    unreadable: Vec<Unreadable>,
}

/// Builds the checker (schema compiled once) and finds the files.
fn prepare(inputs: &Inputs) -> Result<Prepared, CliError> {
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
fn unreadable_paths(errors: &[crate::sys::discover::DiscoverError]) -> Vec<Unreadable> {
    errors
        .iter()
        .map(|e| Unreadable {
            path: e.path(),
            message: e.to_string(),
        })
        .collect()
}

fn unreadable_file(path: &std::path::Path, e: &crate::sys::read::ReadError) -> Unreadable {
    let shown = path.display().to_string();
    Unreadable {
        message: format!("{shown}: {e}"),
        path: shown,
    }
}

/// One checked file, kept until the end of a run for the formats that are one
/// document (only its findings) or whose verdict waits on other files (its text too).
struct Kept {
    shown: String,
    findings: Vec<crate::check::finding::Finding>,
    /// Set for a file held back: its text, and the id of the base's tracker it replaced.
    held: Option<(String, String)>,
    /// Its `id`, where it stands.
    id: Option<crate::model::tracker::Spanned<String>>,
    gone: bool,
}

fn check(args: CheckArgs) -> Result<u8, CliError> {
    // Resolve the base first: an unknown revision is a usage error before any work.
    let base = match &args.base {
        Some(rev) => {
            let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            Some(Base::resolve(&here, rev)?)
        }
        None => None,
    };
    let Prepared {
        mut checker,
        files,
        mut unreadable,
    } = prepare(&args.inputs)?;
    checker.parse_only = args.parse_only;
    let baseline = match base {
        Some(base) => Some(Baseline::load(
            base,
            &args.inputs.paths,
            &files,
            checker.limits,
        )?),
        None => None,
    };
    let base_check = baseline.as_ref().map(|b| BaseCheck {
        baseline: b,
        info: BaseInfo {
            rev: &b.base.rev,
            commit: b.base.short(),
            today: checker.context.today,
        },
    });
    let human = findings::Human {
        max_diagnostics: args.inputs.max_diagnostics,
    };
    let streaming = matches!(args.format, None | Some(CheckFormat::Human));
    if streaming {
        report_unreadable(&unreadable)?;
    }
    // Human output goes out file by file as batches finish; the other formats are one
    // document and keep only paths and findings (never the files' text) until the end.
    // A file whose id differs from the base's tracker at its path is held back: whether
    // that tracker lives on elsewhere is known only once every file is read.
    let mut kept: Vec<Kept> = Vec::new();
    // Ids seen so far, with the first file that had each: a later file with the same
    // id is a duplicate, told where the first one is.
    let mut ids: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut not_parsed: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out = anstream::stdout().lock();
    let jobs = args.inputs.jobs.unwrap_or_else(runner::default_jobs);
    runner::check_all(
        &checker,
        &files,
        base_check.as_ref(),
        jobs,
        |path, result| {
            match result {
                Ok(mut checked) => {
                    let shown = path.display().to_string();
                    let id = checked.tracker.as_ref().and_then(|t| t.id.clone());
                    match &id {
                        Some(id) => match ids.get(&id.value) {
                            Some(first) => checked
                                .findings
                                .push(rules::semantic::duplicate_id(&id.value, id.span, first)),
                            None => {
                                ids.insert(id.value.clone(), shown.clone());
                            }
                        },
                        None => {
                            if let Some(p) = &checked.repo_path {
                                not_parsed.insert(p.clone());
                            }
                        }
                    }
                    crate::check::finding::tidy(&mut checked.findings);
                    let held = checked
                        .replaces
                        .take()
                        .map(|old| (std::mem::take(&mut checked.source), old));
                    if streaming && held.is_none() {
                        let file = FileReport {
                            path: &shown,
                            source: &checked.source,
                            findings: &checked.findings,
                            gone: false,
                        };
                        out.write_all(human.file(&file).as_bytes())?;
                    }
                    kept.push(Kept {
                        shown,
                        findings: checked.findings,
                        held,
                        id,
                        gone: false,
                    });
                }
                Err(e) => {
                    let u = unreadable_file(path, &e);
                    if streaming {
                        report_unreadable(std::slice::from_ref(&u))?;
                    }
                    unreadable.push(u);
                }
            }
            Ok::<(), CliError>(())
        },
    )?;
    if let Some(b) = &base_check {
        let ids_now = ids.into_keys().collect();
        settle_removed(&mut kept, b, &ids_now, &not_parsed);
    }
    if streaming {
        for k in kept.iter().filter(|k| k.held.is_some() || k.gone) {
            let source = k.held.as_ref().map_or("", |(text, _)| text.as_str());
            let file = FileReport {
                path: &k.shown,
                source,
                findings: &k.findings,
                gone: k.gone,
            };
            out.write_all(human.file(&file).as_bytes())?;
        }
    }
    let run = RunReport {
        files: kept
            .iter()
            .map(|k| FileReport {
                path: &k.shown,
                source: "",
                findings: &k.findings,
                gone: k.gone,
            })
            .collect(),
        unreadable: &unreadable,
        deny_warnings: args.deny_warnings,
    };
    match args.format {
        None | Some(CheckFormat::Human) => {
            out.write_all(human.summary(&run).as_bytes())?;
            // In GitHub Actions, annotations come for free, as yamllint does it; an
            // explicit --format is taken at its word.
            if args.format.is_none() && std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true") {
                out.write_all(findings::Github.render(&run).as_bytes())?;
            }
        }
        // Machine formats go to the plain stdout: never coloured, whatever --color or
        // CLICOLOR_FORCE say, and never with escapes stripped or added on the way.
        Some(CheckFormat::Json) => machine(out, &findings::Json.render(&run))?,
        Some(CheckFormat::Github) => machine(out, &findings::Github.render(&run))?,
        Some(CheckFormat::Junit) => {
            let junit = findings::Junit {
                with_base: base_check.is_some(),
            };
            machine(out, &junit.render(&run))?;
        }
        Some(CheckFormat::Sarif) => machine(out, &findings::Sarif.render(&run))?,
    }
    Ok(run.exit_code())
}

/// Once every file is read: the base's trackers whose id is in no checked file now are
/// `tracker-removed`, said in the file that now holds another id at their path (at its
/// id), or at the old path when the file is gone.
fn settle_removed(
    kept: &mut Vec<Kept>,
    b: &BaseCheck<'_>,
    ids_now: &std::collections::HashSet<String>,
    not_parsed: &std::collections::HashSet<String>,
) {
    let removed = b.baseline.removed(ids_now, not_parsed);
    for k in kept.iter_mut() {
        let Some((_, old_id)) = &k.held else { continue };
        if removed.iter().any(|t| t.id.as_ref() == Some(old_id)) {
            let now = k.id.as_ref().map(|i| (i.value.as_str(), i.span));
            let finding = append_only::removed_finding(old_id, &k.shown, now, &b.info);
            k.findings.push(finding);
            crate::check::finding::tidy(&mut k.findings);
        }
    }
    let held_ids: Vec<String> = kept
        .iter()
        .filter_map(|k| Some(k.held.as_ref()?.1.clone()))
        .collect();
    for t in removed {
        let Some(id) = &t.id else { continue };
        if held_ids.contains(id) {
            continue;
        }
        kept.push(Kept {
            shown: t.shown.clone(),
            findings: vec![append_only::removed_finding(id, &t.shown, None, &b.info)],
            held: None,
            id: None,
            gone: true,
        });
    }
}

/// Writes a machine format to the process's own stdout, past anstream.
fn machine(styled: impl Write, text: &str) -> Result<(), CliError> {
    drop(styled);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Paths that could not be read, on stderr, for the formats people read.
fn report_unreadable(unreadable: &[Unreadable]) -> Result<(), CliError> {
    let mut err = anstream::stderr().lock();
    for u in unreadable {
        writeln!(err, "rectrack: error: {}", escape::human(&u.message))?;
    }
    Ok(())
}

/// Valid trackers, ready for a table or a report.
struct Loaded {
    checker: Checker,
    results: Vec<FileResult>,
}

/// Checks every tracker and keeps them if all are valid. Otherwise the exit code is
/// returned: 2 after an unreadable path, 1 after printing the errors, since a table or
/// report drawn from an invalid tracker would look authoritative and be wrong.
fn load_valid(inputs: &Inputs, what: &str) -> Result<Result<Loaded, u8>, CliError> {
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
            Ok(mut checked) => {
                if checked.count(Severity::Error) == 0 {
                    checked.source = String::new();
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
        return Ok(Err(2));
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
            let file = FileReport {
                path: &r.shown,
                source: &r.checked.source,
                findings: &errors,
                gone: false,
            };
            err.write_all(human.file(&file).as_bytes())?;
        }
        writeln!(
            err,
            "rectrack: no {what}: {} of {} tracker{} invalid (run `rectrack check` for details)",
            invalid.len(),
            results.len(),
            if results.len() == 1 { "" } else { "s" }
        )?;
        return Ok(Err(1));
    }
    Ok(Ok(Loaded { checker, results }))
}

fn status(args: StatusArgs) -> Result<u8, CliError> {
    let Loaded { checker, results } = match load_valid(&args.inputs, "status shown")? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let tables: Vec<StatusTable> = results
        .iter()
        .filter_map(|r| {
            let tracker = r.checked.tracker.as_ref()?;
            Some(StatusTable::new(
                &r.shown,
                tracker,
                &checker.catalog,
                args.as_of,
                checker.context.stale_days,
            ))
        })
        .collect();
    let mut out = anstream::stdout().lock();
    match args.format {
        StatusFormat::Html => {
            out.write_all(status_html(&checker, &results, &args)?.as_bytes())?;
        }
        StatusFormat::Table => {
            let texts: Vec<_> = tables.iter().map(StatusTable::to_table).collect();
            out.write_all(texts.join("\n").as_bytes())?;
        }
        StatusFormat::Markdown => {
            let texts: Vec<_> = tables.iter().map(StatusTable::to_markdown).collect();
            out.write_all(texts.join("\n").as_bytes())?;
        }
        StatusFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let csv_err = |e: csv::Error| CliError::Output(std::io::Error::other(e));
            w.write_record(StatusTable::CSV_HEADER).map_err(csv_err)?;
            for t in &tables {
                t.write_csv(&mut w).map_err(csv_err)?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| CliError::Output(e.into_error()))?;
            out.write_all(&bytes)?;
        }
        StatusFormat::Json => {
            let doc = serde_json::json!({
                "version": status_view::JSON_VERSION,
                "rectrack": env!("CARGO_PKG_VERSION"),
                "trackers": tables.iter().map(StatusTable::to_json).collect::<Vec<_>>(),
            });
            writeln!(
                out,
                "{}",
                escape::json(&serde_json::to_string_pretty(&doc).unwrap_or_default())
            )?;
        }
    }
    Ok(0)
}

fn report(args: ReportArgs) -> Result<u8, CliError> {
    if args.long && args.format != ReportFormat::Csv {
        return Err(CliError::Usage(
            "--long is the long CSV format: use it with --format csv".into(),
        ));
    }
    let messages = Messages::new(&args.lang)?;
    let Loaded { checker, results } = match load_valid(&args.inputs, "report written")? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let request = PeriodRequest {
        from: args.from,
        to: args.to,
        shorthand: args.period,
        days_before: period::DEFAULT_DAYS,
    };
    let built = build_report(&checker, &results, request)?;
    let ctx = report::Ctx {
        catalog: &checker.catalog,
        m: &messages,
        stale_days: checker.context.stale_days,
    };
    let csv_err = |e: csv::Error| CliError::Output(std::io::Error::other(e));
    let text = match args.format {
        ReportFormat::Markdown => report::markdown::render(&built, &ctx),
        ReportFormat::Html => report::html::render(&built, &ctx),
        ReportFormat::Json => report::json::render(&built, &ctx),
        ReportFormat::Svg => report::svg::render(&built, &ctx),
        ReportFormat::Csv if args.long => report::csv::long(&built).map_err(csv_err)?,
        ReportFormat::Csv => report::csv::steps(&built, &ctx).map_err(csv_err)?,
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes(), args.force)?;
        }
        None => anstream::stdout().write_all(text.as_bytes())?,
    }
    Ok(0)
}

/// The report on the valid trackers `load_valid` kept.
fn build_report(
    checker: &Checker,
    results: &[FileResult],
    request: PeriodRequest,
) -> Result<Report, CliError> {
    let inputs: Vec<report::Input<'_>> = results
        .iter()
        .filter_map(|r| {
            Some(report::Input {
                file: &r.shown,
                tracker: r.checked.tracker.as_ref()?,
            })
        })
        .collect();
    Ok(Report::build(
        &inputs,
        &checker.catalog,
        request,
        checker.context.stale_days,
    )?)
}

/// `status --format html`: the report's status table and timeline on one date.
fn status_html(
    checker: &Checker,
    results: &[FileResult],
    args: &StatusArgs,
) -> Result<String, CliError> {
    let messages = Messages::new(&args.lang)?;
    // A one-day period on the date asked: the report's status table and timeline
    // are exactly the status on that date.
    let request = PeriodRequest {
        to: args.as_of,
        from: None,
        shorthand: None,
        days_before: 0,
    };
    let built = build_report(checker, results, request)?;
    let ctx = report::Ctx {
        catalog: &checker.catalog,
        m: &messages,
        stale_days: checker.context.stale_days,
    };
    Ok(report::html::status_page(&built, &ctx))
}

fn catalog(args: CatalogArgs) -> Result<u8, CliError> {
    let catalog = Catalog::builtin()?;
    let m = Messages::new(&args.lang)?;
    let text = match args.format {
        CatalogFormat::Table => crate::present::catalog::table(&catalog, &m),
        CatalogFormat::Markdown => crate::present::catalog::markdown(&catalog, &m),
        CatalogFormat::Json => crate::present::catalog::json(&catalog, &m),
    };
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(0)
}

fn init(args: InitArgs) -> Result<u8, CliError> {
    let catalog = Catalog::builtin()?;
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = args.id.unwrap_or_else(|| init::id_from_stem(&stem));
    let opts = InitOptions {
        title: args
            .title
            .unwrap_or_else(|| format!("Recommendation tracker {id}")),
        id,
        as_of: args.as_of.unwrap_or_else(today),
        schema_ref: args.schema_ref,
    };
    // What init writes must pass `check`, and no argument may add a line to it.
    init::validate(&opts, today()).map_err(|e| CliError::Usage(e.to_string()))?;
    let text = init::scaffold(&catalog, &opts);
    write_atomic(&args.file, text.as_bytes(), args.force)?;
    writeln!(
        anstream::stdout(),
        "wrote {} ({} steps at `unknown`); next: record what the sources say, then `rectrack check {}`",
        escape::human(&args.file.display().to_string()),
        catalog.steps().count(),
        escape::human(&args.file.display().to_string())
    )?;
    Ok(0)
}

fn explain(args: ExplainArgs) -> Result<u8, CliError> {
    let mut out = anstream::stdout().lock();
    let Some(id) = args.rule else {
        out.write_all(crate::check::rules::table().as_bytes())?;
        return Ok(0);
    };
    let Some(rule) = rules::find(&id) else {
        return Err(CliError::Usage(format!(
            "unknown rule `{id}`{}; `rectrack explain` lists them all",
            did_you_mean(&id, RULES.iter().map(|r| r.id))
        )));
    };
    out.write_all(crate::check::rules::explain(rule).as_bytes())?;
    Ok(0)
}

fn diff(args: DiffArgs) -> Result<u8, CliError> {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let base = Base::resolve(&here, &args.rev)?;
    let found = discover(&args.paths);
    let unreadable = unreadable_paths(&found.errors);
    report_unreadable(&unreadable)?;
    let limits = Limits::default();
    let baseline = Baseline::load(base, &args.paths, &found.files, limits)?;
    let info = BaseInfo {
        rev: &baseline.base.rev,
        commit: baseline.base.short(),
        today: args.today.unwrap_or_else(today),
    };
    let mut changes = Vec::new();
    let mut broken = false;
    let mut ids = std::collections::HashSet::new();
    let mut not_parsed = std::collections::HashSet::new();
    // Files whose id differs from the base's tracker at their path: (old id, the
    // change it belongs to, the new id and where it stands).
    let mut replaced: Vec<(String, usize, String, crate::syntax::span::Span)> = Vec::new();
    let mut err = anstream::stderr();
    for file in &found.files {
        let path = &file.path;
        let shown = path.display().to_string();
        let said = escape::human(&shown);
        let repo_path = baseline.base.path_in_repo(path);
        let new = match crate::sys::read::read_tracker(file, limits.max_file_bytes) {
            Ok(Some(bytes)) => syntax::document(&bytes, &limits).ok(),
            Ok(None) => None,
            Err(e) => {
                writeln!(
                    err,
                    "rectrack: error: {said}: {}",
                    escape::human(&e.to_string())
                )?;
                return Ok(2);
            }
        };
        let Some(new) = new else {
            broken = true;
            not_parsed.extend(repo_path);
            writeln!(
                err,
                "rectrack: {said}: not a well-formed tracker; `rectrack check {said}` says why"
            )?;
            continue;
        };
        let id = new
            .get("id")
            .and_then(|n| Some((n.as_str()?.to_string(), n.span)));
        match &id {
            Some((id, _)) => {
                ids.insert(id.clone());
            }
            None => not_parsed.extend(repo_path.clone()),
        }
        let change = baseline.change_for(repo_path.as_deref(), &shown, &new, None, &info);
        let id_now = id.as_ref().map(|(i, _)| i.as_str());
        let old_id = baseline
            .replaced_at(repo_path.as_deref(), id_now)
            .map(str::to_string);
        let index = changes.len();
        let change = change.unwrap_or_else(|| TrackerChange {
            file: Some(shown.clone()),
            old_file: Some(shown.clone()),
            ..TrackerChange::default()
        });
        if let (Some(old), Some((now, span))) = (old_id, &id) {
            replaced.push((old, index, now.clone(), *span));
        }
        changes.push(change);
    }
    for t in baseline.removed(&ids, &not_parsed) {
        let Some(id) = &t.id else { continue };
        match replaced.iter().find(|(old, ..)| old == id) {
            Some((_, index, now, span)) => {
                let shown = changes[*index].file.clone().unwrap_or_default();
                let f = append_only::removed_finding(id, &shown, Some((now, *span)), &info);
                changes[*index].findings.push(f);
            }
            None => {
                let mut gone = TrackerChange::removed(id, &t.title, t.shown.clone());
                gone.findings
                    .push(append_only::removed_finding(id, &t.shown, None, &info));
                changes.push(gone);
            }
        }
    }
    let text = match args.format {
        DiffFormat::Text => crate::present::diff::to_text(&changes, &info),
        DiffFormat::Markdown => crate::present::diff::to_markdown(&changes, &info),
        DiffFormat::Json => crate::present::diff::to_json(&changes, &info),
    };
    anstream::stdout().write_all(text.as_bytes())?;
    Ok(if !unreadable.is_empty() {
        2
    } else {
        u8::from(broken)
    })
}
