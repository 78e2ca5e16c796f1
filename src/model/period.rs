//! Reporting periods: `--from`/`--to`, and the `--period` shorthands.
//!
//! A period is a closed range of calendar days: an entry dated on `from` or on `to` is
//! inside it. "The start of the period" therefore means the day before `from`, so an
//! entry dated on the first day counts as a change in the period, not as where it began.

use chrono::{Datelike, Days, Months, NaiveDate};
use std::fmt;

/// How many days before `to` the period starts when `--from` is not given.
pub const DEFAULT_DAYS: u64 = 90;

/// Why a period could not be formed (a usage error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// `--period` is not one of the three shapes.
    #[error("`{0}` is not a period: write a year (2022), a month (2022-03) or a quarter (2022-Q1)")]
    Shape(String),
    /// `--period` has the shape, but names no such month, quarter or year.
    #[error("`{0}` is not a period: {1}")]
    NoSuch(String, String),
    /// `--from` is after `--to`.
    #[error("the period starts on {from}, after it ends on {to}: swap --from and --to")]
    Reversed {
        /// Start given.
        from: NaiveDate,
        /// End given.
        to: NaiveDate,
    },
}

/// A closed range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day, inside the period.
    pub from: NaiveDate,
    /// Last day, inside the period.
    pub to: NaiveDate,
}

impl Period {
    /// A period from two dates; `from` after `to` is refused rather than swapped, since
    /// it is more likely a typo than a wish.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if from > to {
            return Err(PeriodError::Reversed { from, to });
        }
        Ok(Period { from, to })
    }

    /// The period a command line asks for, given the tracker's `as_of`.
    ///
    /// `--period` wins over `--from`/`--to` (clap makes them conflict). Without it, `to`
    /// defaults to `as_of` and `from` to `days_before` days before `to` (the report uses
    /// [`DEFAULT_DAYS`]; a status on one date uses 0).
    pub fn resolve(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        shorthand: Option<Period>,
        as_of: NaiveDate,
        days_before: u64,
    ) -> Result<Period, PeriodError> {
        if let Some(p) = shorthand {
            return Ok(p);
        }
        let to = to.unwrap_or(as_of);
        let from = from.unwrap_or_else(|| to - Days::new(days_before));
        Period::new(from, to)
    }

    /// Parses `2022`, `2022-03` or `2022-Q1` (also `2022-q1`).
    pub fn parse_shorthand(text: &str) -> Result<Period, PeriodError> {
        let bad = || PeriodError::Shape(text.to_string());
        let no_such = |why: String| PeriodError::NoSuch(text.to_string(), why);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let (year, rest) = match text.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (text, None),
        };
        if year.len() != 4 || !digits(year) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        if year == 0 {
            return Err(no_such("there is no year 0".into()));
        }
        let (first_month, months) = match rest {
            None => (1, 12),
            Some(r) if r.len() == 2 && (r.starts_with('Q') || r.starts_with('q')) => {
                let q: u32 = r[1..].parse().map_err(|_| bad())?;
                if !(1..=4).contains(&q) {
                    return Err(no_such(format!(
                        "there is no quarter {q}: a year has four, Q1 to Q4"
                    )));
                }
                (3 * (q - 1) + 1, 3)
            }
            Some(r) if r.len() == 2 && digits(r) => {
                let m: u32 = r.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&m) {
                    return Err(no_such(format!(
                        "there is no month {m} (months run from 01 to 12)"
                    )));
                }
                (m, 1)
            }
            Some(_) => return Err(bad()),
        };
        let from = NaiveDate::from_ymd_opt(year, first_month, 1).ok_or_else(bad)?;
        // The last day is the day before the first day of the next period, which takes
        // care of month lengths and leap years without a table.
        let to = from
            .checked_add_months(Months::new(months))
            .and_then(|d| d.pred_opt())
            .ok_or_else(bad)?;
        Ok(Period { from, to })
    }

    /// Whether `date` is inside the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The day whose status is "the start of the period": the day before `from`.
    pub fn start_date(&self) -> NaiveDate {
        self.from.pred_opt().unwrap_or(self.from)
    }

    /// Number of days in the period, both ends counted.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The shorthand this period is exactly, if any (`2021-Q4`), for headings.
    pub fn shorthand(&self) -> Option<String> {
        let f = self.from;
        if f.day() != 1 {
            return None;
        }
        [
            format!("{}", f.year()),
            format!("{}-Q{}", f.year(), (f.month() - 1) / 3 + 1),
            format!("{}-{:02}", f.year(), f.month()),
        ]
        .into_iter()
        .find(|label| Period::parse_shorthand(label).is_ok_and(|p| p == *self))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} – {}", self.from, self.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::model::date::parse_date(s).unwrap()
    }

    fn p(s: &str) -> (NaiveDate, NaiveDate) {
        let p = Period::parse_shorthand(s).unwrap();
        (p.from, p.to)
    }

    #[test]
    fn quarters_months_and_years() {
        assert_eq!(p("2022-Q1"), (d("2022-01-01"), d("2022-03-31")));
        assert_eq!(p("2022-Q2"), (d("2022-04-01"), d("2022-06-30")));
        assert_eq!(p("2022-q3"), (d("2022-07-01"), d("2022-09-30")));
        assert_eq!(p("2021-Q4"), (d("2021-10-01"), d("2021-12-31")));
        assert_eq!(p("2022-03"), (d("2022-03-01"), d("2022-03-31")));
        assert_eq!(p("2022-11"), (d("2022-11-01"), d("2022-11-30")));
        assert_eq!(p("2022-12"), (d("2022-12-01"), d("2022-12-31")));
        assert_eq!(p("2022"), (d("2022-01-01"), d("2022-12-31")));
    }

    #[test]
    fn leap_years() {
        assert_eq!(p("2024-02"), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(p("2023-02"), (d("2023-02-01"), d("2023-02-28")));
        assert_eq!(p("2000-02").1, d("2000-02-29"), "divisible by 400");
        assert_eq!(p("1900-02").1, d("1900-02-28"), "divisible by 100 only");
        assert_eq!(Period::parse_shorthand("2024-Q1").unwrap().days(), 91);
        assert_eq!(Period::parse_shorthand("2023-Q1").unwrap().days(), 90);
        assert_eq!(Period::parse_shorthand("2024").unwrap().days(), 366);
    }

    #[test]
    fn bad_shorthands_are_refused() {
        for bad in [
            "",
            "22",
            "2022-3",
            "2022-Q",
            "Q1-2022",
            "2022-03-01",
            "2022-H1",
            "+2022",
            "２０２２",
        ] {
            assert!(
                matches!(Period::parse_shorthand(bad), Err(PeriodError::Shape(_))),
                "{bad:?}"
            );
        }
        // The right shape naming nothing: said what is impossible.
        for (bad, why) in [
            ("2022-13", "there is no month 13 (months run from 01 to 12)"),
            ("2022-00", "there is no month 0 (months run from 01 to 12)"),
            (
                "2022-Q0",
                "there is no quarter 0: a year has four, Q1 to Q4",
            ),
            (
                "2022-q5",
                "there is no quarter 5: a year has four, Q1 to Q4",
            ),
            ("0000", "there is no year 0"),
        ] {
            assert_eq!(
                Period::parse_shorthand(bad),
                Err(PeriodError::NoSuch(bad.into(), why.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn defaults_and_order() {
        let as_of = d("2021-12-10");
        let p = Period::resolve(None, None, None, as_of, DEFAULT_DAYS).unwrap();
        assert_eq!((p.from, p.to), (d("2021-09-11"), as_of));
        assert_eq!(p.days(), 91, "90 days before, both ends counted");
        // Across a leap day: 90 days before 2024-03-31 is 2024-01-01.
        let p = Period::resolve(None, Some(d("2024-03-31")), None, as_of, DEFAULT_DAYS).unwrap();
        assert_eq!(p.from, d("2024-01-01"));
        let p = Period::resolve(Some(d("2021-01-01")), None, None, as_of, DEFAULT_DAYS).unwrap();
        assert_eq!((p.from, p.to), (d("2021-01-01"), as_of));
        assert_eq!(
            Period::resolve(Some(d("2022-01-01")), None, None, as_of, DEFAULT_DAYS),
            Err(PeriodError::Reversed {
                from: d("2022-01-01"),
                to: as_of
            })
        );
        let one_day = Period::new(as_of, as_of).unwrap();
        assert_eq!(one_day.days(), 1);
        assert!(one_day.contains(as_of));
        assert_eq!(one_day.start_date(), d("2021-12-09"));
    }

    #[test]
    fn shorthand_names_round_trip() {
        for s in ["2021-Q4", "2022-03", "2022", "2024-02", "2024-Q1"] {
            assert_eq!(
                Period::parse_shorthand(s).unwrap().shorthand().as_deref(),
                Some(s)
            );
        }
        let odd = Period::new(d("2021-09-11"), d("2021-12-10")).unwrap();
        assert_eq!(odd.shorthand(), None);
        let two_months = Period::new(d("2021-01-01"), d("2021-02-28")).unwrap();
        assert_eq!(two_months.shorthand(), None);
    }
}
