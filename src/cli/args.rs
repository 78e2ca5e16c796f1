//! Argument parsers the commands share: dates, periods, languages, thread counts.

use crate::check::runner;
use crate::model::date::parse_date;
use crate::model::period::Period;
use crate::present::i18n;
use chrono::NaiveDate;

pub(super) fn period_arg(s: &str) -> Result<Period, String> {
    Period::parse_shorthand(s).map_err(|e| e.to_string())
}

pub(super) fn lang_arg(s: &str) -> Result<String, String> {
    if i18n::available().contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "no translation for `{s}`; available: {}",
            i18n::available().join(", ")
        ))
    }
}

/// `--jobs`: a number of threads within [`runner::MAX_JOBS`], else a usage error.
pub(super) fn jobs_arg() -> clap::builder::RangedU64ValueParser<usize> {
    // `MAX_JOBS` is a small constant: widening it to u64 cannot truncate.
    clap::builder::RangedU64ValueParser::<usize>::new().range(1..=runner::MAX_JOBS as u64)
}

pub(super) fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD"))
}
