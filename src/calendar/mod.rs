//! Working days (工作日) and deadline arithmetic.
//!
//! A day is a working day when it is a Monday–Friday that is not a holiday, or a weekend day
//! the State Council moved work to (调休上班). For a year without holiday data the calendar
//! falls back to Monday–Friday, and every answer touching that year lists it in
//! `uncoveredYears`.
//!
//! Boundaries, as the administrative-procedure rule has them (期间开始的当日不计算在内):
//! - "N working days after D" is the N-th working day strictly after D; D itself never counts,
//!   whether it is a working day or not. The deadline is the last day on which the act is in
//!   time (inclusive).
//! - "N months after D" is [`crate::date::add_months`]: the same day of the month N months
//!   later, or that month's last day when it is shorter (2024-01-31 + 1 month = 2024-02-29).
//!   A period of N months that starts on D counts up to, not including, that day.

mod holidays;

pub use holidays::{Holiday, HolidayYear};

use crate::date::{check_in_range, checked_add_months, format_date, ArgumentError, Date};
use chrono::{Datelike, Weekday};
use holidays::builtin;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The most working days a deadline may count: 3650 (about fourteen years). The policy's
/// working-day settings are bounded by it too.
pub const MAX_WORKING_DAYS: u32 = 3650;

/// The most months a month deadline may count, forwards or backwards: 1200 (a hundred
/// years). The policy's month settings are bounded by it too.
pub const MAX_MONTHS: u32 = 1200;

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Monday–Friday, not a holiday.
    Workday,
    /// Saturday or Sunday, not worked.
    Weekend,
    /// A day off of a State Council holiday.
    Holiday,
    /// A weekend day worked instead of a holiday (调休上班).
    SwappedWorkday,
}

/// The working-day calendar: built-in years, replaced or extended by the policy's years.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendar {
    years: BTreeMap<i32, String>,
    off: BTreeMap<Date, String>,
    work: BTreeSet<Date>,
}

/// One day, described.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayInfo {
    /// The date.
    pub date: String,
    /// Its kind.
    pub kind: DayKind,
    /// Whether it is a working day.
    pub working: bool,
    /// The holiday's name, for a holiday or a swapped working day's holiday.
    pub holiday: Option<String>,
    /// The notice the year's data comes from, or `None` when the year has no data.
    pub notice: Option<String>,
    /// Set when the year has no data: weekends only were used.
    pub warning: Option<String>,
}

/// A deadline counted in working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkingDeadline {
    /// The day counting starts after (not counted itself).
    pub from: String,
    /// The number of working days.
    pub working_days: u32,
    /// The last day that is in time (inclusive).
    pub due: String,
    /// Years crossed without holiday data (weekends only were used for them).
    pub uncovered_years: Vec<i32>,
    /// Non-working days skipped on the way (holidays, weekends), for the record.
    pub skipped_days: u32,
}

impl WorkingDeadline {
    /// The due date.
    pub fn due_date(&self) -> Date {
        crate::date::parse_date(&self.due).expect("formatted by this module")
    }
}

/// A deadline counted in months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthDeadline {
    /// The start.
    pub from: String,
    /// Months added.
    pub months: i32,
    /// `from` + months, clamped to the month's end: the first day outside a period that
    /// starts on `from`.
    pub date: String,
    /// The last day inside such a period (the day before `date`).
    pub last_day: String,
    /// Whether the day of the month was clamped to a shorter month's end.
    pub clamped: bool,
}

impl Calendar {
    /// The built-in years only.
    pub fn builtin() -> Calendar {
        Calendar::with_years(&[])
    }

    /// The built-in years, each replaced by a year of `extra` with the same number, plus the
    /// other years of `extra`.
    pub fn with_years(extra: &[HolidayYear]) -> Calendar {
        let mut by_year: BTreeMap<i32, HolidayYear> =
            builtin().into_iter().map(|y| (y.year, y)).collect();
        for y in extra {
            by_year.insert(y.year, y.clone());
        }
        let mut cal = Calendar::default();
        for (year, y) in by_year {
            cal.years.insert(year, y.notice.clone());
            for h in &y.holidays {
                let mut day = h.first;
                while day <= h.last {
                    cal.off.insert(day, h.name.clone());
                    day = day.succ_opt().expect("in range");
                }
            }
            cal.work.extend(y.workdays.iter().copied());
        }
        cal
    }

    /// The years with data, each with its notice.
    pub fn years(&self) -> impl Iterator<Item = (i32, &str)> {
        self.years.iter().map(|(y, n)| (*y, n.as_str()))
    }

    /// Whether `year` has holiday data.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The kind of a day.
    pub fn kind(&self, d: Date) -> DayKind {
        if self.work.contains(&d) {
            DayKind::SwappedWorkday
        } else if self.off.contains_key(&d) {
            DayKind::Holiday
        } else if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        }
    }

    /// Whether `d` is a working day.
    pub fn is_working_day(&self, d: Date) -> bool {
        matches!(self.kind(d), DayKind::Workday | DayKind::SwappedWorkday)
    }

    /// One day, described.
    pub fn day(&self, d: Date) -> DayInfo {
        let kind = self.kind(d);
        let holiday = match kind {
            DayKind::Holiday => self.off.get(&d).cloned(),
            DayKind::SwappedWorkday => self.nearest_holiday(d),
            _ => None,
        };
        let notice = self.years.get(&d.year()).cloned();
        DayInfo {
            date: format_date(d),
            kind,
            working: self.is_working_day(d),
            holiday,
            warning: notice.is_none().then(|| no_data_warning(d.year())),
            notice,
        }
    }

    fn nearest_holiday(&self, d: Date) -> Option<String> {
        let before = self.off.range(..d).next_back();
        let after = self.off.range(d..).next();
        match (before, after) {
            (Some((b, nb)), Some((a, na))) => Some(if (d - *b) <= (*a - d) { nb } else { na }),
            (Some((_, n)), None) | (None, Some((_, n))) => Some(n),
            (None, None) => None,
        }
        .cloned()
    }

    /// One day, described, for a date a caller gives: `date` must lie in the years
    /// [`crate::date::MIN_YEAR`]–[`crate::date::MAX_YEAR`].
    pub fn checked_day(&self, date: Date) -> Result<DayInfo, ArgumentError> {
        Ok(self.day(check_in_range("date", date)?))
    }

    /// The `n`-th working day strictly after `from`, for arguments a caller gives: `from` must
    /// lie in the years [`crate::date::MIN_YEAR`]–[`crate::date::MAX_YEAR`] and `n` be at most
    /// [`MAX_WORKING_DAYS`]; the error names the argument.
    pub fn checked_add_working_days(
        &self,
        from: Date,
        n: u32,
    ) -> Result<WorkingDeadline, ArgumentError> {
        check_in_range("from", from)?;
        if n > MAX_WORKING_DAYS {
            return Err(ArgumentError {
                argument: "n",
                value: n.to_string(),
                message: format!("at most {MAX_WORKING_DAYS} working days"),
            });
        }
        Ok(self.add_working_days(from, n))
    }

    /// The `n`-th working day strictly after `from` (`n` = 0: `from` itself). For the rules'
    /// own deadlines, whose `n` the policy bounds; arguments from a caller go through
    /// [`Calendar::checked_add_working_days`]. Never panics: counting stops at the last date
    /// the program can represent.
    pub fn add_working_days(&self, from: Date, n: u32) -> WorkingDeadline {
        let mut day = from;
        let mut left = n;
        let mut skipped = 0;
        let mut uncovered = BTreeSet::new();
        if !self.covers(from.year()) {
            uncovered.insert(from.year());
        }
        while left > 0 {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if !self.covers(day.year()) {
                uncovered.insert(day.year());
            }
            if self.is_working_day(day) {
                left -= 1;
            } else {
                skipped += 1;
            }
        }
        WorkingDeadline {
            from: format_date(from),
            working_days: n,
            due: format_date(day),
            uncovered_years: uncovered.into_iter().collect(),
            skipped_days: skipped,
        }
    }

    /// Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`).
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        let mut n = 0;
        let mut day = from;
        while day < to {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }
}

/// `from` + `months` months with the end-of-month rule, described. `from` must lie in the
/// years [`crate::date::MIN_YEAR`]–[`crate::date::MAX_YEAR`] and `months` within
/// ±[`MAX_MONTHS`]; the error names the argument.
pub fn months_after(from: Date, months: i32) -> Result<MonthDeadline, ArgumentError> {
    check_in_range("from", from)?;
    if months.unsigned_abs() > MAX_MONTHS {
        return Err(ArgumentError {
            argument: "months",
            value: months.to_string(),
            message: format!("at most {MAX_MONTHS} months either way"),
        });
    }
    // In range: from 1900–2200 ± 100 years, and the day before it, are dates.
    let date = checked_add_months(from, months).expect("bounded above");
    Ok(MonthDeadline {
        from: format_date(from),
        months,
        date: format_date(date),
        last_day: format_date(date.pred_opt().expect("bounded above")),
        clamped: date.day() != from.day(),
    })
}

/// The warning given for a year without holiday data.
pub fn no_data_warning(year: i32) -> String {
    format!("{year}年无国务院节假日安排数据，仅按周末计算工作日 (no holiday data for {year}: weekends only)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    #[test]
    fn national_day_2025_with_swapped_weekends() {
        let c = Calendar::builtin();
        assert_eq!(c.kind(d("2025-09-28")), DayKind::SwappedWorkday);
        assert_eq!(c.kind(d("2025-10-01")), DayKind::Holiday);
        assert_eq!(c.kind(d("2025-10-08")), DayKind::Holiday);
        assert_eq!(c.kind(d("2025-10-11")), DayKind::SwappedWorkday);
        assert_eq!(c.kind(d("2025-10-12")), DayKind::Weekend);
        assert_eq!(
            c.day(d("2025-10-11")).holiday.as_deref(),
            Some("国庆节、中秋节")
        );
        // Tue 30 Sep + 1 working day: 1–8 Oct off, Thu 9 Oct.
        assert_eq!(c.add_working_days(d("2025-09-30"), 1).due, "2025-10-09");
        // Fri 26 Sep + 1: Sun 28 Sep is worked.
        assert_eq!(c.add_working_days(d("2025-09-26"), 1).due, "2025-09-28");
        // Fri 10 Oct + 1: Sat 11 Oct is worked.
        assert_eq!(c.add_working_days(d("2025-10-10"), 1).due, "2025-10-11");
        assert!(c
            .add_working_days(d("2025-09-30"), 5)
            .uncovered_years
            .is_empty());
    }

    #[test]
    fn zero_days_and_from_not_counted() {
        let c = Calendar::builtin();
        assert_eq!(c.add_working_days(d("2025-10-04"), 0).due, "2025-10-04");
        // A holiday start day is not counted either.
        assert_eq!(c.add_working_days(d("2025-10-04"), 1).due, "2025-10-09");
        assert_eq!(c.working_days_between(d("2025-09-30"), d("2025-10-09")), 1);
    }

    #[test]
    fn unknown_year_falls_back_to_weekends_and_says_so() {
        let c = Calendar::builtin();
        let w = c.add_working_days(d("2027-09-30"), 5);
        assert_eq!(w.due, "2027-10-07"); // Thu 30 Sep 2027 → Thu 7 Oct, weekends only
        assert_eq!(w.uncovered_years, [2027]);
        assert!(c.day(d("2027-10-01")).warning.is_some());
        let w = c.add_working_days(d("2026-12-30"), 3);
        assert_eq!(w.uncovered_years, [2027]);
    }

    #[test]
    fn policy_years_replace_and_extend() {
        let y = HolidayYear {
            year: 2027,
            notice: "test".into(),
            holidays: vec![super::Holiday {
                name: "国庆节".into(),
                first: d("2027-10-01"),
                last: d("2027-10-07"),
            }],
            workdays: vec![],
        };
        let c = Calendar::with_years(&[y]);
        assert!(c.covers(2027));
        assert_eq!(c.add_working_days(d("2027-09-30"), 1).due, "2027-10-08");
    }

    #[test]
    fn months_clamp_at_month_end() {
        let m = months_after(d("2024-01-31"), 1).unwrap();
        assert_eq!(
            (m.date.as_str(), m.last_day.as_str(), m.clamped),
            ("2024-02-29", "2024-02-28", true)
        );
        let m = months_after(d("2023-03-01"), 36).unwrap();
        assert_eq!(
            (m.date.as_str(), m.last_day.as_str()),
            ("2026-03-01", "2026-02-28")
        );
    }

    #[test]
    fn arguments_out_of_range_are_errors_naming_them() {
        let c = Calendar::builtin();
        // These panicked ("date in range") or ran for minutes before.
        let e = c.checked_add_working_days(d("9999-12-31"), 1).unwrap_err();
        assert_eq!((e.argument, e.value.as_str()), ("from", "9999-12-31"));
        let e = c
            .checked_add_working_days(d("2026-01-05"), u32::MAX)
            .unwrap_err();
        assert_eq!(e.argument, "n");
        assert!(c
            .checked_add_working_days(d("2026-01-05"), MAX_WORKING_DAYS)
            .is_ok());
        // The unchecked form stops at the last date instead of panicking.
        let last = chrono::NaiveDate::MAX;
        assert_eq!(c.add_working_days(last, 3).due, format_date(last));
        // Millions of months looped forever (the year left the dates chrono has).
        let e = months_after(d("2026-11-28"), 5_000_000).unwrap_err();
        assert_eq!((e.argument, e.value.as_str()), ("months", "5000000"));
        assert_eq!(
            months_after(d("2026-11-28"), i32::MIN)
                .unwrap_err()
                .argument,
            "months"
        );
        assert!(months_after(d("2026-11-28"), -1200).is_ok());
        assert_eq!(
            months_after(Date::from_ymd_opt(1000, 1, 1).unwrap(), 1)
                .unwrap_err()
                .argument,
            "from"
        );
        assert_eq!(c.checked_day(d("9999-12-31")).unwrap_err().argument, "date");
    }
}
