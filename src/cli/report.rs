//! `rectrack report`: the periodic report, in any format and language.

use super::Exit;
use super::args::{date_arg, lang_arg, output_format, period_arg};
use super::exit::CliError;
use super::inputs::{FileResult, Inputs, Loaded, load_valid};
use crate::check::checker::Checker;
use crate::model::period::{self, Period};
use crate::present::Render;
use crate::present::i18n::{self, Messages};
use crate::present::report::{self, PeriodRequest, Report};
use crate::sys::write::write_atomic;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

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
    /// Language of the report (every heading, label and sentence).
    #[arg(long, value_parser = lang_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG")]
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
    let messages = Messages::new(&args.lang)?;
    let Loaded { checker, results } = load_valid(&args.inputs, "report written")?;
    let request = PeriodRequest {
        from: args.from,
        to: args.to,
        shorthand: args.period,
        days_before: period::DEFAULT_DAYS,
    };
    let built = build_report(&checker, &results, request)?;
    let ctx = context(&checker, &messages);
    let text = match format {
        ReportFormat::Markdown => report::Markdown(ctx).render(&built),
        ReportFormat::Html => report::Html(ctx).render(&built),
        ReportFormat::Json => report::Json(ctx).render(&built),
        ReportFormat::Svg => report::Svg(ctx).render(&built),
        ReportFormat::Csv if args.long => report::CsvLong.render(&built),
        ReportFormat::Csv => report::Csv(ctx).render(&built),
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes(), args.force)?;
        }
        None => anstream::stdout().write_all(text.as_bytes())?,
    }
    Ok(Exit::Success)
}

/// The report on the valid trackers `load_valid` kept.
pub(super) fn build_report(
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

/// What every report format needs besides the report: the catalog, the words and
/// the staleness window the trackers were checked with.
pub(super) fn context<'a>(checker: &'a Checker, messages: &'a Messages) -> report::Ctx<'a> {
    report::Ctx {
        catalog: &checker.catalog,
        m: messages,
        stale_days: checker.context.stale_days,
    }
}
