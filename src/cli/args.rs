//! Argument parsers the commands share: dates, periods, languages, thread counts.

use super::exit::CliError;
use crate::check::runner;
use crate::model::date::{no_such_day, parse_date};
use crate::model::period::Period;
use crate::present::i18n;
use chrono::NaiveDate;
use clap::ValueEnum;
use std::path::Path;

pub(super) fn period_arg(s: &str) -> Result<Period, String> {
    Period::parse_shorthand(s).map_err(|e| e.to_string())
}

/// `--lang` as typed: a language code (`en`, `pt-BR`), checked against the languages
/// there are once the catalogs in play are known ([`i18n::Messages::for_catalogs`]).
pub(super) fn lang_code_arg(s: &str) -> Result<String, String> {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    let rest_ok =
        parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a language code (like `en`, `fr` or `pt-BR`); rectrack speaks {}, and a catalog's languages can be asked for too",
            i18n::available().join(", ")
        ))
    }
}

/// `--jobs`: a number of threads within [`runner::MAX_JOBS`], else a usage error.
pub(super) fn jobs_arg() -> clap::builder::RangedU64ValueParser<usize> {
    // `MAX_JOBS` is a small constant: widening it to u64 cannot truncate.
    clap::builder::RangedU64ValueParser::<usize>::new().range(1..=runner::MAX_JOBS as u64)
}

/// A date argument: `YYYY-MM-DD`, a real day (else which part is impossible).
pub(super) fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).ok_or_else(|| match no_such_day(s) {
        Some(why) => format!("`{s}` is not a date: {why}"),
        None => format!("`{s}` is not a date written YYYY-MM-DD"),
    })
}

/// The format a command with `-o FILE` writes: `--format` when given, else the one
/// FILE's extension names in `extensions` (case aside), else `default`. A `--format`
/// that contradicts the extension is a usage error: a Markdown report in `rep.html`
/// opens as a page of raw text.
pub(super) fn output_format<F: ValueEnum + Copy + PartialEq>(
    format: Option<F>,
    output: Option<&Path>,
    extensions: &[(&str, F)],
    default: F,
) -> Result<F, CliError> {
    let extension = output
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_lowercase());
    let named = extension.as_deref().and_then(|e| {
        extensions
            .iter()
            .find(|(ext, _)| *ext == e)
            .map(|&(_, f)| f)
    });
    let name = |f: F| {
        f.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    match (format, named) {
        (Some(asked), Some(named)) if asked != named => {
            let file = output.map(|p| p.display().to_string()).unwrap_or_default();
            let fitting = extensions
                .iter()
                .find(|&&(_, f)| f == asked)
                .map_or(String::new(), |(ext, _)| {
                    format!(", or name the file *.{ext}")
                });
            Err(CliError::Usage(format!(
                "--format {} does not match -o {file}, whose extension says {}: leave out --format (the extension decides){fitting}",
                name(asked),
                name(named),
            )))
        }
        (Some(asked), _) => Ok(asked),
        (None, Some(named)) => Ok(named),
        (None, None) => Ok(default),
    }
}
