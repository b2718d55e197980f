//! Normalising the values bureaus write: full-width characters, dates in many forms and as
//! Excel serials, amounts with separators and units.

use crate::date::{parse_date_checked, Date, DateError};
use crate::text::halfwidth;

/// The date of an Excel serial number (1900 date system: 1 = 1900-01-01, with Excel's
/// phantom 1900-02-29, so serials from 61 on count from 1899-12-30). Fractions (times) are
/// ignored. Only serials of 1 January 1950 to 31 December 2100 are taken as dates.
pub fn excel_serial_date(serial: f64) -> Option<Date> {
    if !(18264.0..=73415.0).contains(&serial) {
        return None;
    }
    let base = Date::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.trunc() as u64))
}

/// Parses a date in any accepted written form (within [`crate::date::MIN_DATE_TEXT`] –
/// [`crate::date::MAX_DATE_TEXT`], the same range for every form), or as an Excel serial (a
/// plain number of 1950–2100, see [`excel_serial_date`]). Says why a text is not a date.
pub fn parse_date_value(text: &str) -> Result<Date, DateError> {
    let t = halfwidth(text);
    let t = t.trim();
    let e = match parse_date_checked(t) {
        Ok(d) => return Ok(d),
        Err(e) => e,
    };
    // A plain number of 5 digits (possibly with a fraction) is an Excel serial.
    if e == DateError::Form
        && t.len() >= 5
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.as_bytes()[..5].iter().all(u8::is_ascii_digit)
    {
        return t
            .parse::<f64>()
            .ok()
            .and_then(excel_serial_date)
            .ok_or(DateError::Form);
    }
    Err(e)
}

/// The largest amount read, in yuan: 10^15 元 (1,000 万亿元; 10^11 万元), far above any
/// registered capital or fine, and small enough that sums of amounts stay exact to the fen.
pub const MAX_AMOUNT_YUAN: f64 = 1e15;
/// [`MAX_AMOUNT_YUAN`] as written in messages.
pub const MAX_AMOUNT_TEXT: &str = "10^15 (1,000,000,000,000,000)";

/// The unit an amount column is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 元.
    Yuan,
    /// 万元.
    TenThousandYuan,
}

/// Why an amount could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number.
    NotANumber,
    /// Negative.
    Negative,
    /// Larger than [`MAX_AMOUNT_YUAN`].
    TooLarge,
}

/// Parses an amount such as `1,234.5`, `¥1,234`, `5000元`, `5万元`, `５０００` into `unit`.
/// A value without a unit is taken to be in `unit` already. Amounts above
/// [`MAX_AMOUNT_YUAN`] are refused (so `1e308万` is not stored as infinity).
pub fn parse_amount(text: &str, unit: Unit) -> Result<f64, AmountError> {
    let t = halfwidth(text);
    let mut s = t.trim().trim_start_matches(['¥', '￥']).trim();
    let mut factor = 1.0;
    if let Some(rest) = s.strip_suffix("万元").or_else(|| s.strip_suffix('万')) {
        s = rest;
        factor = if unit == Unit::Yuan { 10_000.0 } else { 1.0 };
    } else if let Some(rest) = s.strip_suffix("元").or_else(|| s.strip_suffix("人民币")) {
        s = rest;
        factor = if unit == Unit::TenThousandYuan {
            1.0 / 10_000.0
        } else {
            1.0
        };
    }
    let cleaned: String = s
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let v: f64 = cleaned.parse().map_err(|_| AmountError::NotANumber)?;
    if !v.is_finite() {
        return Err(AmountError::NotANumber);
    }
    if v < 0.0 {
        return Err(AmountError::Negative);
    }
    let amount = v * factor;
    let yuan = if unit == Unit::TenThousandYuan {
        amount * 10_000.0
    } else {
        amount
    };
    if yuan.is_nan() || yuan > MAX_AMOUNT_YUAN {
        return Err(AmountError::TooLarge);
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    #[test]
    fn dates_in_every_form() {
        for t in [
            "2023-01-05",
            "2023/1/5",
            "2023.01.05",
            "20230105",
            "2023年1月5日",
            "2023-01-05 08:00:00",
            "２０２３－０１－０５",
            "44931",
            "44931.75",
        ] {
            assert_eq!(parse_date_value(t), Ok(d("2023-01-05")), "{t}");
        }
        assert_eq!(
            parse_date_value("61"),
            Err(DateError::Form),
            "serials before 1950 are not dates"
        );
        assert_eq!(excel_serial_date(60.0), None);
        assert_eq!(parse_date_value("12345678901"), Err(DateError::Form));
        for t in ["00000101", "0000-01-01", "０００００１０１"] {
            assert_eq!(parse_date_value(t), Err(DateError::Range), "{t}");
        }
    }

    #[test]
    fn amounts_with_separators_and_units() {
        assert_eq!(parse_amount("1,234.5", Unit::Yuan), Ok(1234.5));
        assert_eq!(parse_amount("¥5000", Unit::Yuan), Ok(5000.0));
        assert_eq!(parse_amount("5000元", Unit::Yuan), Ok(5000.0));
        assert_eq!(parse_amount("5万元", Unit::Yuan), Ok(50000.0));
        assert_eq!(parse_amount("５０００", Unit::Yuan), Ok(5000.0));
        assert_eq!(parse_amount("500万元", Unit::TenThousandYuan), Ok(500.0));
        assert_eq!(parse_amount("5000000元", Unit::TenThousandYuan), Ok(500.0));
        assert_eq!(parse_amount("-1", Unit::Yuan), Err(AmountError::Negative));
        assert_eq!(
            parse_amount("abc", Unit::Yuan),
            Err(AmountError::NotANumber)
        );
        assert_eq!(
            parse_amount("NaN", Unit::Yuan),
            Err(AmountError::NotANumber)
        );
        for t in [
            "1e308万",
            "1e308万元",
            "1e300",
            "2e15",
            "1,000,000,000,000,001",
        ] {
            assert_eq!(
                parse_amount(t, Unit::Yuan),
                Err(AmountError::TooLarge),
                "{t}"
            );
        }
        assert_eq!(
            parse_amount("1e12万元", Unit::TenThousandYuan),
            Err(AmountError::TooLarge)
        );
        assert_eq!(parse_amount("1e15", Unit::Yuan), Ok(1e15));
        assert_eq!(parse_amount("1e11", Unit::TenThousandYuan), Ok(1e11));
    }
}
