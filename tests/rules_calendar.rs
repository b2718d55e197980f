//! Working days and months: the scenario tables of `rules_cases`, natively.

mod rules_cases;

use credit_supervision::calendar::{months_after, Calendar};
use credit_supervision::date::parse_date;
use credit_supervision::law::Regime;
use rules_cases::*;

fn d(s: &str) -> credit_supervision::date::Date {
    parse_date(s).unwrap()
}

#[test]
fn working_day_deadlines() {
    let c = Calendar::builtin();
    for &(from, n, due, uncovered) in WORKING_DAYS {
        let w = c.add_working_days(d(from), n);
        assert_eq!(w.due, due, "{from} + {n} working days");
        assert_eq!(w.uncovered_years, uncovered, "{from} + {n}");
    }
}

#[test]
fn day_kinds() {
    let c = Calendar::builtin();
    for &(date, kind, working) in DAYS {
        let info = c.day(d(date));
        let k = serde_json::to_value(info.kind).unwrap();
        assert_eq!(
            (k.as_str().unwrap(), info.working),
            (kind, working),
            "{date}"
        );
        assert!(info.notice.is_some() && info.warning.is_none(), "{date}");
    }
}

#[test]
fn built_in_years_name_their_notices() {
    let c = Calendar::builtin();
    let years: Vec<i32> = c.years().map(|(y, _)| y).collect();
    assert_eq!(years, (2020..=2026).collect::<Vec<_>>());
    for (y, notice) in c.years() {
        assert!(
            notice.contains(&format!("关于{y}年部分节假日安排的通知")),
            "{notice}"
        );
    }
}

#[test]
fn months_with_end_of_month_rule() {
    for (from, m, date, last) in [
        ("2024-01-31", 1, "2024-02-29", "2024-02-28"),
        ("2023-01-31", 1, "2023-02-28", "2023-02-27"),
        ("2024-02-29", 12, "2025-02-28", "2025-02-27"),
        ("2024-03-01", 36, "2027-03-01", "2027-02-28"),
        ("2024-05-31", -3, "2024-02-29", "2024-02-28"),
    ] {
        let x = months_after(d(from), m).unwrap();
        assert_eq!(
            (x.date.as_str(), x.last_day.as_str()),
            (date, last),
            "{from} {m}"
        );
    }
}

#[test]
fn regime_by_date() {
    let eff = d("2025-12-25");
    assert_eq!(Regime::on(d("2025-12-24"), eff), Regime::Rules2021);
    assert_eq!(Regime::on(d("2025-12-25"), eff), Regime::Order107);
}
