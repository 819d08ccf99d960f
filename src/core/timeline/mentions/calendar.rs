//! The calendar arithmetic every language's rules share: counting back
//! from the speech date (`three years ago`, `три года назад`, `üç yıl
//! önce`), the month a relative month name means (`last June`, `в прошлом
//! июне`, `geçen Haziran`) and the months a season covers (`осенью 2015
//! года`). All of it is checked: counting past either end of chrono's
//! calendar gives nothing rather than a panic.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::core::text::transcript::DatePrecision;

/// Earliest and latest years taken for years written as bare numbers
/// (`in 2014`, `в 2014 году`, `2014'te`); outside, `in 1500 towns` is a
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

/// A bare four-digit year in [`YEARS`] (`"2014"` → 2014).
pub(super) fn year_number(digits: &str) -> Option<i32> {
    let y: i32 = digits.parse().ok()?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && YEARS.contains(&y)).then_some(y)
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

/// The four seasons, as the months they cover (meteorological: spring is
/// March to May, winter December to February).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Winter,
    Spring,
    Summer,
    Autumn,
}

impl Season {
    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// The months a season covers: its first and its last month (each the
/// first day of that month), three months apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SeasonSpan {
    /// First day of its first month.
    pub start: NaiveDate,
    /// First day of its last month.
    pub last: NaiveDate,
}

/// The season starting in month number `index` (months counted from year
/// 0: `year * 12 + month - 1`).
fn span_from_index(index: i64) -> Option<SeasonSpan> {
    let at = |i: i64| first_of_month(i32::try_from(i.div_euclid(12)).ok()?, u32::try_from(i.rem_euclid(12)).ok()? + 1);
    Some(SeasonSpan { start: at(index)?, last: at(index + 2)? })
}

/// The season of year `y` as a date written with a year means it: the
/// spring, summer or autumn of `y`; the winter that ends in `y` (December
/// of `y - 1` to February of `y`), as `зимой 2015 года` speaks of January
/// and February 2015 and the December before them.
pub(super) fn season_of_year(season: Season, y: i32) -> Option<SeasonSpan> {
    let start_year = if season == Season::Winter { y.checked_sub(1)? } else { y };
    span_from_index(i64::from(start_year) * 12 + i64::from(season.first_month()) - 1)
}

/// `season` as `which` means it, seen from `anchor`: `Last` is the most
/// recent one that began before the season the anchor is in, `Next` the
/// first one beginning after it, `This` the one of the anchor's year (for
/// winter, the one just ended until June, the coming one from July), `In`
/// the one the anchor is in or the last one before it.
pub(super) fn relative_season(anchor: NaiveDate, season: Season, which: Which) -> Option<SeasonSpan> {
    let (y, m) = (anchor.year(), anchor.month());
    if let Which::OfYear(k) = which {
        return season_of_year(season, y.checked_add(k)?);
    }
    let month_index = i64::from(y) * 12 + i64::from(m) - 1;
    // The first month of the season the anchor is in.
    let current = month_index - i64::from(m % 3);
    let offset = i64::from(season.first_month()) - 1;
    // The latest start of `season` at or before `current`.
    let latest = current - (current - offset).rem_euclid(12);
    let index = match which {
        Which::Last => {
            if latest == current {
                latest - 12
            } else {
                latest
            }
        }
        Which::In => latest,
        Which::Next => latest + 12,
        Which::This => match season {
            Season::Winter if m <= 6 => i64::from(y - 1) * 12 + 11,
            Season::Winter => i64::from(y) * 12 + 11,
            _ => i64::from(y) * 12 + offset,
        },
        Which::OfYear(_) => return None,
    };
    span_from_index(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(s: Option<SeasonSpan>) -> (NaiveDate, NaiveDate) {
        let s = s.unwrap();
        (s.start, s.last)
    }

    #[test]
    fn seasons_of_a_year_and_relative_to_a_date() {
        assert_eq!(span(season_of_year(Season::Autumn, 2015)), (d(2015, 9, 1), d(2015, 11, 1)));
        assert_eq!(span(season_of_year(Season::Winter, 2015)), (d(2014, 12, 1), d(2015, 2, 1)));
        let nov = d(2018, 11, 7);
        assert_eq!(span(relative_season(nov, Season::Autumn, Which::Last)), (d(2017, 9, 1), d(2017, 11, 1)));
        assert_eq!(span(relative_season(nov, Season::Summer, Which::Last)), (d(2018, 6, 1), d(2018, 8, 1)));
        assert_eq!(span(relative_season(nov, Season::Winter, Which::Last)), (d(2017, 12, 1), d(2018, 2, 1)));
        assert_eq!(span(relative_season(nov, Season::Winter, Which::Next)), (d(2018, 12, 1), d(2019, 2, 1)));
        assert_eq!(span(relative_season(nov, Season::Spring, Which::Next)), (d(2019, 3, 1), d(2019, 5, 1)));
        assert_eq!(span(relative_season(nov, Season::Winter, Which::This)), (d(2018, 12, 1), d(2019, 2, 1)));
        assert_eq!(span(relative_season(nov, Season::Spring, Which::This)), (d(2018, 3, 1), d(2018, 5, 1)));
        // In January the winter going on began the December before.
        let jan = d(2018, 1, 15);
        assert_eq!(span(relative_season(jan, Season::Winter, Which::Last)), (d(2016, 12, 1), d(2017, 2, 1)));
        assert_eq!(span(relative_season(jan, Season::Winter, Which::This)), (d(2017, 12, 1), d(2018, 2, 1)));
        assert_eq!(span(relative_season(jan, Season::Autumn, Which::Last)), (d(2017, 9, 1), d(2017, 11, 1)));
        assert_eq!(span(relative_season(jan, Season::Summer, Which::OfYear(-1))), (d(2017, 6, 1), d(2017, 8, 1)));
    }

    #[test]
    fn counting_past_the_calendar_gives_nothing() {
        assert!(ago(NaiveDate::MIN, 3, Unit::Day).is_none());
        assert!(ago(NaiveDate::MIN, 3, Unit::Century).is_none());
        assert!(years_from(NaiveDate::MAX, 1).is_none());
        assert!(relative_season(NaiveDate::MAX, Season::Spring, Which::Next).is_none());
        assert_eq!(year_number("2014"), Some(2014));
        assert_eq!(year_number("1500"), None);
        assert_eq!(year_number("20145"), None);
    }
}

/// Which period a word before a year, month or season means, in Russian
/// and Turkish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Adjective {
    /// `прошлый`, `минувший`, `прошедший`; `geçen`, `geçtiğimiz`.
    Last,
    /// `позапрошлый`; `evvelki`, `evvelsi`, `önceki` (of a day: `önceki gün`).
    BeforeLast,
    /// `следующий`, `будущий`, `наступающий`, `грядущий`; `gelecek`, `önümüzdeki`.
    Next,
    /// `этот`, `текущий`, `нынешний`; `bu`.
    This,
}

impl Adjective {
    /// How many years from the speech's `прошлого года` (-1), `этого
    /// года` (0), `следующего года` (1) and `позапрошлого года` (-2) are.
    pub(super) fn years(self) -> i32 {
        match self {
            Adjective::Last => -1,
            Adjective::BeforeLast => -2,
            Adjective::Next => 1,
            Adjective::This => 0,
        }
    }

    /// The month or season it picks (`в прошлом июне`, `этим летом`); none
    /// for `позапрошлый`, which Russian does not say of months.
    pub(super) fn which(self) -> Option<Which> {
        match self {
            Adjective::Last => Some(Which::Last),
            Adjective::Next => Some(Which::Next),
            Adjective::This => Some(Which::This),
            Adjective::BeforeLast => None,
        }
    }
}
