//! Calendar dates: parsing the forms bureaus write, and month arithmetic.
//!
//! Dates are [`chrono::NaiveDate`] (4 bytes). Nothing here reads the clock: every computation
//! takes its "as of" date as an argument.

use chrono::{Datelike, NaiveDate};

/// A calendar date without time zone.
pub type Date = NaiveDate;

/// The earliest date read from a file or an argument: 1900-01-01.
pub const MIN_DATE_TEXT: &str = "1900-01-01";
/// The latest date read: 9999-12-31 (what registries write for "no end").
pub const MAX_DATE_TEXT: &str = "9999-12-31";

/// The earliest date read ([`MIN_DATE_TEXT`]).
pub fn min_date() -> Date {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date")
}

/// The latest date read ([`MAX_DATE_TEXT`]).
pub fn max_date() -> Date {
    NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date")
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in a known form (or an impossible one, such as 2023-02-30).
    Form,
    /// A date in a known form, outside [`MIN_DATE_TEXT`]–[`MAX_DATE_TEXT`].
    Range,
}

/// Parses a date written as `2023-01-05`, `2023/1/5`, `2023.01.05`, `20230105` or
/// `2023年1月5日`, optionally followed by a time (` 12:00:00` or `T12:00`), which is ignored.
/// Returns `None` for anything else, including impossible dates such as `2023-02-30` and
/// dates outside [`MIN_DATE_TEXT`]–[`MAX_DATE_TEXT`] (see [`parse_date_checked`]).
pub fn parse_date(text: &str) -> Option<Date> {
    parse_date_checked(text).ok()
}

/// [`parse_date`], saying why a text is not a date. Every written form has the same range:
/// [`MIN_DATE_TEXT`]–[`MAX_DATE_TEXT`] (years have four digits).
pub fn parse_date_checked(text: &str) -> Result<Date, DateError> {
    let (y, m, d) = date_parts(text).ok_or(DateError::Form)?;
    let date = NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::Form)?;
    if y < 1900 {
        return Err(DateError::Range);
    }
    Ok(date)
}

/// Year, month and day of a date in one of the written forms (not yet checked).
fn date_parts(text: &str) -> Option<(u32, u32, u32)> {
    let b = text.as_bytes();
    // Fast path: exactly YYYY-MM-DD.
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (num(&b[0..4]), num(&b[5..7]), num(&b[8..10])) {
            return Some((y, m, d));
        }
    }
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return Some((num(&b[0..4])?, num(&b[4..6])?, num(&b[6..8])?));
    }
    // Split off a time part.
    let date_part = t
        .split([' ', 'T'])
        .next()
        .unwrap_or(t)
        .trim_end_matches('日');
    let mut parts = date_part.split(['-', '/', '.', '年', '月']);
    let y = parts.next()?;
    let (m, d) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Some((num(y.as_bytes())?, num(m.as_bytes())?, num(d.as_bytes())?))
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    let mut n = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (c - b'0') as u32;
    }
    Some(n)
}

/// The first year of a date a caller may give the toolkit (an as-of date, the start of a
/// deadline, a policy's dates): 1900. Record dates are read as written (years 1000–9999);
/// dates given to compute *from* are held to 1900–2200, so every period the policy allows
/// (at most 1200 months, 3650 working days) stays far inside the dates the program can
/// represent.
pub const MIN_YEAR: i32 = 1900;
/// The last year of a date a caller may give the toolkit: 2200 (see [`MIN_YEAR`]).
pub const MAX_YEAR: i32 = 2200;

/// Whether `d` lies in the years a caller may give, [`MIN_YEAR`]–[`MAX_YEAR`].
pub fn in_range(d: Date) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&d.year())
}

/// An argument outside its documented range: which argument, the value given, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{argument}: {message}")]
pub struct ArgumentError {
    /// The argument's name, as the caller wrote it (`from`, `months`, `asOf`, …).
    pub argument: &'static str,
    /// The value given, as text.
    pub value: String,
    /// What is wrong, with the allowed range.
    pub message: String,
}

/// `d` when it lies in [`MIN_YEAR`]–[`MAX_YEAR`], otherwise an [`ArgumentError`] naming
/// `argument`.
pub fn check_in_range(argument: &'static str, d: Date) -> Result<Date, ArgumentError> {
    if in_range(d) {
        Ok(d)
    } else {
        Err(ArgumentError {
            argument,
            value: format_date(d),
            message: format!("the date must lie in the years {MIN_YEAR}–{MAX_YEAR}"),
        })
    }
}

/// The date `months` months after `date` (before, when negative), or `None` when it lies
/// outside the dates the program can represent. When the target month is shorter, the result
/// is its last day: 2024-01-31 + 1 month = 2024-02-29.
pub fn checked_add_months(date: Date, months: i32) -> Option<Date> {
    let total = i64::from(date.year()) * 12 + i64::from(date.month0()) + i64::from(months);
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = total.rem_euclid(12) as u32 + 1;
    NaiveDate::from_ymd_opt(y, m, 1)?;
    // At most three steps back (31 → 28): the month exists, so its 28th does.
    (28..=date.day().max(28))
        .rev()
        .find_map(|day| NaiveDate::from_ymd_opt(y, m, day.min(date.day())))
}

/// The date `months` months after `date` (before, when negative). When the target month is
/// shorter, the result is its last day: 2024-01-31 + 1 month = 2024-02-29. Total: a result
/// beyond the dates the program can represent is the first or last such date (callers bound
/// their months; see [`checked_add_months`]).
pub fn add_months(date: Date, months: i32) -> Date {
    checked_add_months(date, months).unwrap_or(if months < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    (to - from).num_days()
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_the_usual_forms() {
        for t in [
            "2023-01-05",
            "2023/1/5",
            "2023.01.05",
            "20230105",
            "2023年1月5日",
            "2023-01-05 13:45:00",
            "2023-01-05T13:45",
            " 2023/01/05 ",
        ] {
            assert_eq!(parse_date(t), Some(d(2023, 1, 5)), "{t}");
        }
    }

    #[test]
    fn rejects_impossible_and_garbage() {
        for t in [
            "2023-02-30",
            "2023-13-01",
            "",
            "abc",
            "23-1-5",
            "2023-01",
            "2023-01-05-07",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn one_range_for_every_written_form() {
        for t in [
            "00000101",
            "0000-01-01",
            "0000/1/1",
            "0999.01.01",
            "1899年12月31日",
            "18991231",
        ] {
            assert_eq!(parse_date_checked(t), Err(DateError::Range), "{t}");
        }
        for t in ["19000101", "1900-01-01", "1900/1/1", "1900年1月1日"] {
            assert_eq!(parse_date(t), Some(d(1900, 1, 1)), "{t}");
        }
        for t in ["99991231", "9999-12-31", "9999/12/31", "9999年12月31日"] {
            assert_eq!(parse_date(t), Some(d(9999, 12, 31)), "{t}");
        }
        for t in [
            "10000-01-01",
            "+10000-01-01",
            "100000101",
            "10000/1/1",
            "202-01-01",
        ] {
            assert_eq!(parse_date_checked(t), Err(DateError::Form), "{t}");
        }
        assert_eq!(format_date(max_date()), MAX_DATE_TEXT);
        assert_eq!(format_date(min_date()), MIN_DATE_TEXT);
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(add_months(d(2024, 1, 31), 1), d(2024, 2, 29));
        assert_eq!(add_months(d(2023, 1, 31), 1), d(2023, 2, 28));
        assert_eq!(add_months(d(2023, 3, 15), -3), d(2022, 12, 15));
        assert_eq!(add_months(d(2021, 12, 25), 36), d(2024, 12, 25));
        assert_eq!(days_between(d(2024, 2, 28), d(2024, 3, 1)), 2);
    }

    #[test]
    fn month_arithmetic_beyond_the_representable_dates_ends_instead_of_looping() {
        // Year 2026 - 300,000: chrono has no such year. This looped (day counting down past
        // every day of a month that does not exist) or overflowed before.
        let start = d(2026, 11, 28);
        assert_eq!(checked_add_months(start, -12 * 300_000), None);
        assert_eq!(add_months(start, -12 * 300_000), NaiveDate::MIN);
        assert_eq!(add_months(start, i32::MAX), NaiveDate::MAX);
        assert_eq!(add_months(start, i32::MIN), NaiveDate::MIN);
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(checked_add_months(d(2024, 3, 31), -1), Some(d(2024, 2, 29)));
        assert!(check_in_range("from", d(9999, 12, 31)).is_err());
        assert_eq!(check_in_range("from", start), Ok(start));
        assert_eq!(
            check_in_range("from", d(1899, 12, 31))
                .unwrap_err()
                .argument,
            "from"
        );
    }
}
