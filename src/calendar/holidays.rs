//! The State Council holiday calendar (国务院办公厅关于部分节假日安排的通知), as data per year:
//! the days off (放假调休) and the weekend days worked instead (调休上班).
//!
//! Built in for 2020–2026, each year with the notice it comes from. The days were copied from
//! the published notices (2026: the notice of 2025-11-04 as carried by Xinhua); the
//! document numbers (国办发明电〔…〕…号) are given where known and left empty otherwise.
//! A bureau can add or replace a year through the policy (`rules.holiday_years`); a year with
//! no data falls back to Monday–Friday and every answer that touches it says so.
//!
//! Every day off and every worked weekend day of 2020–2026 was checked again against
//! the notice's full text as republished by state media; all agreed, nothing was changed. The
//! copy each year was checked against is named above the year below.

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// One holiday of a notice: its name and first and last day off (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The holiday as the notice names it, e.g. `国庆节、中秋节`.
    pub name: String,
    /// First day off.
    pub first: Date,
    /// Last day off (inclusive).
    pub last: Date,
}

/// The holiday arrangement of one year, as one notice publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayYear {
    /// The year the notice arranges.
    pub year: i32,
    /// The notice's title and, when known, its document number.
    pub notice: String,
    /// The holidays (days off, weekends within them included).
    pub holidays: Vec<Holiday>,
    /// Weekend days that are working days (调休上班).
    pub workdays: Vec<Date>,
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).expect("built-in holiday dates are valid")
}

/// `(name, (m, d) first, (m, d) last)` in year `y`; a first month of 12 is the year before.
type Span = (&'static str, (u32, u32), (u32, u32));

fn year(y: i32, notice: &str, spans: &[Span], work: &[(u32, u32)]) -> HolidayYear {
    let at = |(m, day): (u32, u32), first_of_span: bool| {
        if first_of_span && m == 12 {
            d(y - 1, m, day)
        } else {
            d(y, m, day)
        }
    };
    HolidayYear {
        year: y,
        notice: notice.to_string(),
        holidays: spans
            .iter()
            .map(|&(name, a, b)| Holiday {
                name: name.to_string(),
                first: at(a, true),
                last: at(b, false),
            })
            .collect(),
        workdays: work.iter().map(|&(m, day)| d(y, m, day)).collect(),
    }
}

/// The years built in, oldest first.
pub fn builtin() -> Vec<HolidayYear> {
    vec![
        // Checked: 新华社 2019-11-21 via news.chengdu.cn/2019/1121/2083946.shtml; the
        // extension: 新华社 2020-01-27 (国务院办公厅关于延长2020年春节假期的通知, 2020-01-26).
        year(
            2020,
            "国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）；\
             国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）",
            &[
                ("元旦", (1, 1), (1, 1)),
                // 1-24..1-30 by the notice, extended to 2-2 (2-1 no longer worked).
                ("春节", (1, 24), (2, 2)),
                ("清明节", (4, 4), (4, 6)),
                ("劳动节", (5, 1), (5, 5)),
                ("端午节", (6, 25), (6, 27)),
                ("国庆节、中秋节", (10, 1), (10, 8)),
            ],
            &[(1, 19), (4, 26), (5, 9), (6, 28), (9, 27), (10, 10)],
        ),
        // Checked: 光明日报 2020-11-26 第3版 (epaper.gmw.cn/gmrb/html/2020-11/26/
        // nw.D110000gmrb_20201126_7-03.htm); document number as carried by cncaprc.cn.
        year(
            2021,
            "国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）",
            &[
                ("元旦", (1, 1), (1, 3)),
                ("春节", (2, 11), (2, 17)),
                ("清明节", (4, 3), (4, 5)),
                ("劳动节", (5, 1), (5, 5)),
                ("端午节", (6, 12), (6, 14)),
                ("中秋节", (9, 19), (9, 21)),
                ("国庆节", (10, 1), (10, 7)),
            ],
            &[(2, 7), (2, 20), (4, 25), (5, 8), (9, 18), (9, 26), (10, 9)],
        ),
        // Checked: 中国政府网 2021-10-25 as carried by 党报头条 (zgbyup.dangbaotoutiao.com/ttyw/
        // c_71883.html); document number as carried by cz.bendibao.com.
        year(
            2022,
            "国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）",
            &[
                ("元旦", (1, 1), (1, 3)),
                ("春节", (1, 31), (2, 6)),
                ("清明节", (4, 3), (4, 5)),
                ("劳动节", (4, 30), (5, 4)),
                ("端午节", (6, 3), (6, 5)),
                ("中秋节", (9, 10), (9, 12)),
                ("国庆节", (10, 1), (10, 7)),
            ],
            &[(1, 29), (1, 30), (4, 2), (4, 24), (5, 7), (10, 8), (10, 9)],
        ),
        // Checked: 新华社 2022-12-08 via big5.china.com.cn/gate/big5/news.china.com.cn/2022-12/
        // 09/content_85004315.htm. Document number not seen in the copies checked.
        year(
            2023,
            "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）",
            &[
                ("元旦", (12, 31), (1, 2)),
                ("春节", (1, 21), (1, 27)),
                ("清明节", (4, 5), (4, 5)),
                ("劳动节", (4, 29), (5, 3)),
                ("端午节", (6, 22), (6, 24)),
                ("中秋节、国庆节", (9, 29), (10, 6)),
            ],
            &[(1, 28), (1, 29), (4, 23), (5, 6), (6, 25), (10, 7), (10, 8)],
        ),
        // Checked: 中国政府网 2023-10-25 as carried by 西安商报 (xasb168.com/info/1001/1033.htm)
        // and 中国新闻网. Document number not seen in the copies checked.
        year(
            2024,
            "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）",
            &[
                ("元旦", (1, 1), (1, 1)),
                ("春节", (2, 10), (2, 17)),
                ("清明节", (4, 4), (4, 6)),
                ("劳动节", (5, 1), (5, 5)),
                ("端午节", (6, 10), (6, 10)),
                ("中秋节", (9, 15), (9, 17)),
                ("国庆节", (10, 1), (10, 7)),
            ],
            &[
                (2, 4),
                (2, 18),
                (4, 7),
                (4, 28),
                (5, 11),
                (9, 14),
                (9, 29),
                (10, 12),
            ],
        ),
        // Checked: 新华社 2024-11-12 via m.gmw.cn/2024-11/12/content_1303894933.htm and 央视网;
        // document number as cited by 河南省人民政府办公厅's National Day notice.
        year(
            2025,
            "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
            &[
                ("元旦", (1, 1), (1, 1)),
                ("春节", (1, 28), (2, 4)),
                ("清明节", (4, 4), (4, 6)),
                ("劳动节", (5, 1), (5, 5)),
                ("端午节", (5, 31), (6, 2)),
                ("国庆节、中秋节", (10, 1), (10, 8)),
            ],
            &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
        ),
        // Checked: 新华社 2025-11-04 via politics.gmw.cn/2025-11/04/content_38391083.htm.
        year(
            2026,
            "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
            &[
                ("元旦", (1, 1), (1, 3)),
                ("春节", (2, 15), (2, 23)),
                ("清明节", (4, 4), (4, 6)),
                ("劳动节", (5, 1), (5, 5)),
                ("端午节", (6, 19), (6, 21)),
                ("中秋节", (9, 25), (9, 27)),
                ("国庆节", (10, 1), (10, 7)),
            ],
            &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};

    #[test]
    fn built_in_years_are_consistent() {
        for y in builtin() {
            for w in &y.workdays {
                assert!(
                    matches!(w.weekday(), Weekday::Sat | Weekday::Sun),
                    "{}: workday {w} is not a weekend day",
                    y.year
                );
                assert_eq!(w.year(), y.year);
            }
            for h in &y.holidays {
                assert!(h.first <= h.last, "{} {}", y.year, h.name);
                assert!((h.last - h.first).num_days() < 10, "{} {}", y.year, h.name);
                assert!(!y.workdays.iter().any(|w| (h.first..=h.last).contains(w)));
            }
        }
    }

    #[test]
    fn national_day_2025_as_published() {
        let y = builtin().into_iter().find(|y| y.year == 2025).unwrap();
        let nd = y.holidays.iter().find(|h| h.name.contains("国庆")).unwrap();
        assert_eq!((nd.first, nd.last), (d(2025, 10, 1), d(2025, 10, 8)));
        assert!(y.workdays.contains(&d(2025, 9, 28)) && y.workdays.contains(&d(2025, 10, 11)));
    }
}
