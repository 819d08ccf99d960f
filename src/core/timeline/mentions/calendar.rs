//! The calendar arithmetic the rules count with: counting back from the
//! speech date (`three years ago`), the month a relative month name means
//! (`last June`). All of it is checked: counting past either end of
//! chrono's calendar gives nothing rather than a panic.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::core::text::transcript::DatePrecision;

/// Earliest and latest years taken for years written as bare numbers
/// (`in 2014`); outside, `in 1500 towns` is a
/// count, not a year.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1600..=2100;

/// 1 `m` `y`, if it exists.
pub(super) fn first_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// 1 January `y`, if it exists.
pub(super) fn first_of_year(y: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, 1, 1)
}

/// A reference resolved against the speech date, before it is checked
/// against the anchor's precision.
pub(super) struct Resolved {
    /// First day of the period referred to.
    pub date: NaiveDate,
    /// Its precision.
    pub precision: DatePrecision,
}

/// The unit counted in `three years ago` and its translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

/// `n` units before `anchor`: days and weeks to the day, months to the
/// month, years, decades and centuries to the year.
pub(super) fn ago(anchor: NaiveDate, n: u32, unit: Unit) -> Option<Resolved> {
    let years = |k: u32| first_of_year(anchor.year() - i32::try_from(k).ok()?);
    let (date, precision) = match unit {
        Unit::Day => (anchor.checked_sub_signed(Duration::days(i64::from(n)))?, DatePrecision::Day),
        Unit::Week => (anchor.checked_sub_signed(Duration::weeks(i64::from(n)))?, DatePrecision::Day),
        Unit::Month => {
            let d = anchor.checked_sub_months(Months::new(n))?;
            (first_of_month(d.year(), d.month())?, DatePrecision::Month)
        }
        Unit::Year => (years(n)?, DatePrecision::Year),
        Unit::Decade => (years(n.checked_mul(10)?)?, DatePrecision::Year),
        Unit::Century => (years(n.checked_mul(100)?)?, DatePrecision::Year),
    };
    Some(Resolved { date, precision })
}

/// The day `k` days from `anchor` (`yesterday` is -1).
pub(super) fn days_from(anchor: NaiveDate, k: i64) -> Option<Resolved> {
    Some(Resolved { date: anchor.checked_add_signed(Duration::days(k))?, precision: DatePrecision::Day })
}

/// The month `k` months from `anchor`'s (`last month` is -1).
pub(super) fn months_from(anchor: NaiveDate, k: i32) -> Option<Resolved> {
    let d = if k < 0 {
        anchor.checked_sub_months(Months::new(k.unsigned_abs()))?
    } else {
        anchor.checked_add_months(Months::new(k.unsigned_abs()))?
    };
    Some(Resolved { date: first_of_month(d.year(), d.month())?, precision: DatePrecision::Month })
}

/// The year `k` years from `anchor`'s (`last year` is -1).
pub(super) fn years_from(anchor: NaiveDate, k: i32) -> Option<Resolved> {
    Some(Resolved { date: first_of_year(anchor.year().checked_add(k)?)?, precision: DatePrecision::Year })
}

/// Which occurrence of a month or season a relative form means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    /// The most recent one before the anchor's month (`last June`).
    Last,
    /// The first one after the anchor's month (`next March`).
    Next,
    /// The one of the anchor's year (`this May`).
    This,
    /// The most recent one, the anchor's own month included (`in
    /// September`, `since March`).
    In,
    /// The one of the year `k` years from the anchor's (`in June last
    /// year` is -1).
    OfYear(i32),
}

/// `month` as `which` means it, seen from `anchor`.
pub(super) fn relative_month(anchor: NaiveDate, month: u32, which: Which) -> Option<NaiveDate> {
    let (y, m) = (anchor.year(), anchor.month());
    match which {
        Which::OfYear(k) => first_of_month(y.checked_add(k)?, month),
        Which::Last => first_of_month(if month < m { y } else { y - 1 }, month),
        Which::Next => first_of_month(if month > m { y } else { y + 1 }, month),
        Which::This => first_of_month(y, month),
        Which::In => first_of_month(if month <= m { y } else { y - 1 }, month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn counting_past_the_calendar_gives_nothing() {
        assert!(ago(NaiveDate::MIN, 3, Unit::Day).is_none());
        assert!(ago(NaiveDate::MIN, 3, Unit::Century).is_none());
        assert!(years_from(NaiveDate::MAX, 1).is_none());
        assert_eq!(relative_month(NaiveDate::MAX, 1, Which::Next), None);
    }
}
