//! Calendar dates as a tracker writes them: `YYYY-MM-DD`, strictly.
//!
//! One parser for every reader of a date (the typed tracker, the schema's
//! `format: date`, the append-only rules, `--as-of` and the other date arguments), so
//! a date one of them accepts is a date all of them accept.

use chrono::{Datelike, NaiveDate};

/// Parses `YYYY-MM-DD` strictly: four-digit year, two-digit month and day, a real date.
///
/// Year 0000 is refused: the calendar has no year 0, and other validators (Python's
/// `date.fromisoformat`, behind check-jsonschema) refuse it, so a date one tool
/// rejects must not pass here. The schema's `format: date` uses this function too.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_date_shape(text)?;
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| d.year() >= 1)
}

/// `Some(())` when `text` is shaped `YYYY-MM-DD` (digits and hyphens), real date or not.
pub fn parse_date_shape(text: &str) -> Option<()> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped.then_some(())
}

/// English month names, for messages.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why `text`, shaped `YYYY-MM-DD`, names no day of the calendar ("2022 has no
/// February 30", "there is no month 13"), or `None` when it is a real date or not
/// shaped like one: a monitor who wrote the shape right deserves to hear which part
/// is wrong, not that the shape is.
pub fn no_such_day(text: &str) -> Option<String> {
    parse_date_shape(text)?;
    if parse_date(text).is_some() {
        return None;
    }
    // The shape guarantees digits at these places.
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let reason = if year == 0 {
        "there is no year 0 (the calendar goes from 1 BC to AD 1)".to_string()
    } else if !(1..=12).contains(&month) {
        format!("there is no month {month} (months run from 01 to 12)")
    } else {
        let name = MONTHS.get(month as usize - 1)?;
        if day == 0 {
            format!("{name} has no day 0 (days start at 01)")
        } else if month == 2 && day == 29 {
            format!("{year} has no February 29 ({year} is not a leap year)")
        } else {
            format!("{year} has no {name} {day}")
        }
    };
    Some(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_zero_padded() {
        assert!(parse_date("2021-12-10").is_some());
        assert!(parse_date("2020-02-29").is_some());
        assert!(parse_date("2021-02-29").is_none());
        assert!(parse_date("2021-02-30").is_none());
        assert!(parse_date("2021-1-05").is_none());
        assert!(parse_date("21-01-05").is_none());
        assert!(parse_date("2021-01-05T00:00").is_none());
        assert!(parse_date("0001-01-01").is_some());
        assert!(parse_date("0000-01-01").is_none(), "there is no year 0");
        assert!(parse_date("2100-02-29").is_none());
    }
}
