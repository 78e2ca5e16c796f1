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
    // Read by hand once the shape is right: chrono's format-string parser was ~2% of
    // a check (every entry has a date). The shape check above is what `%Y-%m-%d`
    // would also have enforced here (four, two and two digits), and
    // `from_ymd_opt` refuses the same days it does.
    let b = text.as_bytes();
    let number = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(number(0..4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).filter(|d| d.year() >= 1)
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

    #[test]
    fn reading_by_hand_accepts_exactly_what_chrono_did() {
        // The format-string parse this replaced, on every month and day number a
        // shaped text can hold, around leap years and the ends of the calendar.
        let chrono = |s: &str| {
            parse_date_shape(s)?;
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .filter(|d| d.year() >= 1)
        };
        for year in [
            "0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999",
        ] {
            for month in 0..=99 {
                for day in [0, 1, 9, 10, 28, 29, 30, 31, 32, 99] {
                    let text = format!("{year}-{month:02}-{day:02}");
                    assert_eq!(parse_date(&text), chrono(&text), "{text}");
                }
            }
        }
        for text in [
            "2021-01-0a",
            "2021-0101-",
            "+021-01-01",
            "2021-01-01 ",
            "２０２１-01-01",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn impossible_days_say_why() {
        let why = |s: &str| no_such_day(s).unwrap_or_default();
        assert_eq!(why("2022-02-30"), "2022 has no February 30");
        assert_eq!(why("2021-04-31"), "2021 has no April 31");
        assert_eq!(
            why("2021-02-29"),
            "2021 has no February 29 (2021 is not a leap year)"
        );
        assert_eq!(
            why("2100-02-29"),
            "2100 has no February 29 (2100 is not a leap year)"
        );
        assert_eq!(
            why("2022-13-01"),
            "there is no month 13 (months run from 01 to 12)"
        );
        assert_eq!(
            why("2022-00-10"),
            "there is no month 0 (months run from 01 to 12)"
        );
        assert_eq!(why("2022-01-00"), "January has no day 0 (days start at 01)");
        assert!(why("0000-01-01").starts_with("there is no year 0"));
        assert_eq!(why("2022-12-99"), "2022 has no December 99");
        // Real dates and other shapes are not this function's to explain.
        assert_eq!(no_such_day("2020-02-29"), None);
        assert_eq!(no_such_day("2022-2-30"), None);
        assert_eq!(no_such_day("soon"), None);
    }
}
