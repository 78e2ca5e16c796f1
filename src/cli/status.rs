//! `rectrack status`: every step's status on one date.

use super::Exit;
use super::args::{date_arg, lang_code_arg};
use super::exit::CliError;
use super::inputs::{Inputs, Loaded, load_valid};
use super::report::{build_report, interface_note_to_stderr, messages, reader};
use crate::present::Render;
use crate::present::i18n;
use crate::present::report::words;
use crate::present::report::{self, PeriodRequest};
use crate::present::status;
use crate::present::text::escape;
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
    /// Language of every word: headers, status names, parties, flags, sentences
    /// (recommendation and step ids, and the JSON's keys and codes, stay as they are):
    /// one of rectrack's or of the trackers' catalogs (rectrack's words in English where
    /// it has no translation).
    #[arg(long, value_parser = lang_code_arg, default_value = i18n::DEFAULT_LANG, value_name = "LANG", env = "RECTRACK_LANG")]
    pub(super) lang: String,
}

pub(super) fn status(args: StatusArgs) -> Result<Exit, CliError> {
    let Loaded { checker, results } = load_valid(&args.inputs, "status shown")?;
    // A one-day period on the date asked: the report's step table at the period's
    // end is exactly the status on that date.
    let request = PeriodRequest {
        to: args.as_of,
        from: None,
        shorthand: None,
        days_before: 0,
    };
    let built = build_report(&checker, &results, request)?;
    let messages = messages(&args.lang, &built)?;
    let ctx = reader(&checker, &messages);
    let text = match args.format {
        StatusFormat::Table => status::Table(ctx).render(&built),
        StatusFormat::Markdown => status::Markdown(ctx).render(&built),
        StatusFormat::Csv => report::Csv(ctx).render(&built),
        StatusFormat::Json => status::Json.render(&built),
        StatusFormat::Html => status::Html(ctx).render(&built),
    };
    anstream::stdout().lock().write_all(text.as_bytes())?;
    // The formats for scripts carry no sentences: the warning the others show goes to
    // stderr, so a spreadsheet made on a later date still says what it is.
    if matches!(args.format, StatusFormat::Csv | StatusFormat::Json) {
        if matches!(args.format, StatusFormat::Csv) {
            interface_note_to_stderr(&messages)?;
        }
        let mut err = anstream::stderr().lock();
        for (_, t) in built.trackers() {
            if let Some(w) = words::status_warning(&messages, t) {
                writeln!(
                    err,
                    "rectrack: warning: {}: {}",
                    escape::human(&t.file),
                    escape::human(&w)
                )?;
            }
        }
    }
    Ok(Exit::Success)
}
