//! `rectrack status`: every step's status on one date.

use super::Exit;
use super::args::{date_arg, lang_arg};
use super::exit::CliError;
use super::inputs::{FileResult, Inputs, Loaded, load_valid};
use super::report::build_report;
use crate::check::checker::Checker;
use crate::present::escape;
use crate::present::i18n::{self, Messages};
use crate::present::report::{self, PeriodRequest};
use crate::present::status::{self as status_view, StatusTable};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum StatusFormat {
    Table,
    Markdown,
    Csv,
    Json,
    /// One self-contained page: the table and the timeline.
    Html,
}

#[derive(Debug, Args)]
pub(super) struct StatusArgs {
    #[command(flatten)]
    pub(super) inputs: Inputs,
    /// Show each step's status on this date, from its history (default: the tracker's as_of).
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub(super) as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub(super) format: StatusFormat,
    /// Language of the HTML page (the other formats are for the terminal and scripts).
    #[arg(long, value_parser = lang_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG")]
    pub(super) lang: String,
}

pub(super) fn status(args: StatusArgs) -> Result<Exit, CliError> {
    let Loaded { checker, results } = load_valid(&args.inputs, "status shown")?;
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
    Ok(Exit::Success)
}

/// `status --format html`: the report's status table and timeline on one date.
pub(super) fn status_html(
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
