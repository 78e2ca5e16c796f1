//! `rectrack report`: the periodic report, in any format and language.

use super::Exit;
use super::args::{date_arg, lang_code_arg, output_format, period_arg};
use super::exit::CliError;
use super::inputs::{FileResult, Inputs, Loaded, load_valid};
use crate::check::checker::Checker;
use crate::model::period::{self, Period};
use crate::present::Render;
use crate::present::i18n::{self, Messages};
use crate::present::report::{self, Grouped, PeriodRequest, Reader};
use crate::present::text::escape;
use crate::sys::write::write_atomic;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ReportFormat {
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
pub(super) struct ReportArgs {
    #[command(flatten)]
    pub(super) inputs: Inputs,
    /// First day of the period (default: 90 days before --to).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "period")]
    pub(super) from: Option<NaiveDate>,
    /// Last day of the period (default: each tracker's as_of).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "period")]
    pub(super) to: Option<NaiveDate>,
    /// A whole year, month or quarter: 2022, 2022-03, 2022-Q1.
    #[arg(long, value_parser = period_arg, value_name = "PERIOD")]
    pub(super) period: Option<Period>,
    /// Output format (default: the one the -o file's extension names, .md .html .htm
    /// .json .csv .svg; else markdown).
    #[arg(long, value_enum)]
    pub(super) format: Option<ReportFormat>,
    /// With --format csv: the whole history in long format (one row per entry).
    #[arg(long)]
    pub(super) long: bool,
    /// Language of the report (every heading, label and sentence): one of rectrack's
    /// or of the trackers' catalogs (rectrack's words in English where it has no
    /// translation).
    #[arg(long, value_parser = lang_code_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG", env = "RECTRACK_LANG")]
    pub(super) lang: String,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    pub(super) force: bool,
}

/// The extensions `-o` names a format by.
const EXTENSIONS: &[(&str, ReportFormat)] = &[
    ("md", ReportFormat::Markdown),
    ("markdown", ReportFormat::Markdown),
    ("html", ReportFormat::Html),
    ("htm", ReportFormat::Html),
    ("json", ReportFormat::Json),
    ("csv", ReportFormat::Csv),
    ("svg", ReportFormat::Svg),
];

pub(super) fn report(args: ReportArgs) -> Result<Exit, CliError> {
    let format = output_format(
        args.format,
        args.output.as_deref(),
        EXTENSIONS,
        ReportFormat::Markdown,
    )?;
    if args.long && format != ReportFormat::Csv {
        return Err(CliError::Usage(
            "--long is the long CSV format: use it with --format csv".into(),
        ));
    }
    let Loaded { checker, results } = load_valid(&args.inputs, "report written")?;
    let request = PeriodRequest {
        from: args.from,
        to: args.to,
        shorthand: args.period,
        days_before: period::DEFAULT_DAYS,
    };
    let built = build_report(&checker, &results, request)?;
    let messages = messages(&args.lang, &built)?;
    let ctx = reader(&checker, &messages);
    let text = match format {
        ReportFormat::Markdown => report::Markdown(ctx).render(&built),
        ReportFormat::Html => report::Html(ctx).render(&built),
        ReportFormat::Json => report::Json(ctx).render(&built),
        ReportFormat::Svg => report::Svg(ctx).render(&built),
        ReportFormat::Csv if args.long => report::CsvLong.render(&built),
        ReportFormat::Csv => report::Csv(ctx).render(&built),
    };
    // The CSV table and the picture have no place for a sentence: the note that
    // rectrack's words are in English goes to stderr (the long CSV has no words).
    if matches!(format, ReportFormat::Svg) || (format == ReportFormat::Csv && !args.long) {
        interface_note_to_stderr(&messages)?;
    }
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes(), args.force)?;
        }
        None => anstream::stdout().write_all(text.as_bytes())?,
    }
    Ok(Exit::Success)
}

/// The report on the valid trackers `load_valid` kept, grouped by the catalog each
/// was checked against.
pub(super) fn build_report(
    checker: &Checker,
    results: &[FileResult],
    request: PeriodRequest,
) -> Result<Grouped, CliError> {
    let inputs: Vec<(report::Input<'_>, Arc<_>)> = results
        .iter()
        .filter_map(|r| {
            let input = report::Input {
                file: &r.shown,
                tracker: r.checked.tracker.as_ref()?,
            };
            let catalog = r
                .checked
                .catalog
                .clone()
                .unwrap_or_else(|| Arc::clone(checker.default_catalog()));
            Some((input, catalog))
        })
        .collect();
    Ok(Grouped::build(
        &inputs,
        checker.default_catalog(),
        request,
        checker.context.stale_days,
    )?)
}

/// The words for `--lang`, now that the catalogs in play are known: any language of
/// rectrack's or of those catalogs, else a usage error naming them.
pub(super) fn messages(lang: &str, built: &Grouped) -> Result<Messages, CliError> {
    Ok(Messages::for_catalogs(
        lang,
        built.groups.iter().map(|g| &*g.catalog),
    )?)
}

/// What every report format needs besides the reports: the words and the staleness
/// window the trackers were checked with (each group brings its catalog).
pub(super) fn reader<'a>(checker: &Checker, messages: &'a Messages) -> Reader<'a> {
    Reader {
        m: messages,
        stale_days: checker.context.stale_days,
    }
}

/// The note that rectrack's words are in English, on stderr, for the outputs with no
/// room for a sentence.
pub(super) fn interface_note_to_stderr(messages: &Messages) -> Result<(), CliError> {
    if let Some(note) = messages.interface_note() {
        writeln!(
            anstream::stderr().lock(),
            "rectrack: {}",
            escape::human(&note)
        )?;
    }
    Ok(())
}
