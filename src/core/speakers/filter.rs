//! Phrases filtered by speaker and date range, as `refrain phrases
//! --speaker NAME --from DATE --to DATE` and the app filter them.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::core::phrases::{Phrase, PhraseSet};
use crate::core::speakers::groups::{GroupId, SpeechGroups};
use crate::core::text::dates::{DayOrder, parse_date_value};
use crate::core::text::transcript::DatePrecision;

/// A range of dates, each end included and either open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    /// The first day included.
    pub from: Option<NaiveDate>,
    /// The last day included.
    pub to: Option<NaiveDate>,
}

/// Why a date a user gave for a range cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateRangeError {
    /// Not a date Refrain reads.
    #[error("“{0}” is not a date (write 1990, 1990-05 or 1990-05-01)")]
    NotADate(String),
    /// A numeric date that reads two ways (`07/11/2018`).
    #[error("“{0}” could be day or month first (write 2018-07-11 or 11 July 2018)")]
    Ambiguous(String),
    /// The end comes before the start.
    #[error("the range ends ({to}) before it starts ({from})")]
    Reversed {
        /// The start given.
        from: NaiveDate,
        /// The end given.
        to: NaiveDate,
    },
}

impl DateRange {
    /// The range a user wrote: each end a date as the importer reads them
    /// (`1990`, `1990-05`, `1990-05-01`, `May 1, 1990`). A year or month
    /// given as the end means its last day (`--to 1990` includes all of
    /// 1990).
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<DateRange, DateRangeError> {
        let read = |s: &str, end: bool| -> Result<NaiveDate, DateRangeError> {
            let found = parse_date_value(s, DayOrder::Unknown).ok_or_else(|| DateRangeError::NotADate(s.into()))?;
            if found.alternative.is_some() {
                return Err(DateRangeError::Ambiguous(s.into()));
            }
            let d = found.date;
            Ok(match (end, found.precision) {
                (false, _) | (true, DatePrecision::Day) => d,
                (true, DatePrecision::Month) => last_day_of_month(d),
                (true, DatePrecision::Year) => NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
            })
        };
        let range =
            DateRange { from: from.map(|s| read(s, false)).transpose()?, to: to.map(|s| read(s, true)).transpose()? };
        match (range.from, range.to) {
            (Some(from), Some(to)) if to < from => Err(DateRangeError::Reversed { from, to }),
            _ => Ok(range),
        }
    }

    /// True when neither end is set.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// True when `date` lies in the range. An undated speech lies only in
    /// the open range.
    pub fn contains(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => self.is_open(),
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }
}

/// The last day of `d`'s month.
fn last_day_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// Which uses of a phrase a filter looks at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Uses {
    /// Any use: the phrases a speaker used (in the range).
    #[default]
    Any,
    /// Only its first use (the first in the phrase set's order): the
    /// phrases a speaker introduced (in the range).
    First,
}

/// A filter of phrases by speaker (or any group) and date range.
///
/// A phrase passes when one of its uses (of those [`Uses`] says) is in a
/// speech by one of `speakers` (any speech when `None`) dated within
/// `range`. Speeches without a speaker match no speaker; undated speeches
/// match only an open range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseFilter {
    /// The speakers (groups of a [`SpeechGroups`]); `None`: anyone.
    pub speakers: Option<Vec<GroupId>>,
    /// The dates.
    pub range: DateRange,
    /// Which uses count.
    pub uses: Uses,
}

impl PhraseFilter {
    /// True when the filter keeps every phrase.
    pub fn keeps_all(&self) -> bool {
        self.speakers.is_none() && self.range.is_open()
    }

    /// True when phrase `p` passes (see [`PhraseFilter`]).
    pub fn matches(&self, p: &Phrase, groups: &SpeechGroups) -> bool {
        let speech_matches = |doc| {
            self.range.contains(groups.date_of(doc))
                && self.speakers.as_ref().is_none_or(|s| groups.group_of(doc).is_some_and(|g| s.contains(&g)))
        };
        match self.uses {
            Uses::Any => p.occurrences.iter().any(|o| speech_matches(o.doc)),
            Uses::First => speech_matches(p.first),
        }
    }

    /// The indices of the phrases of `set` that pass, in order.
    pub fn apply(&self, set: &PhraseSet, groups: &SpeechGroups) -> Vec<u32> {
        if self.keeps_all() {
            return (0..set.phrases.len() as u32).collect();
        }
        set.phrases.par_iter().enumerate().filter(|(_, p)| self.matches(p, groups)).map(|(k, _)| k as u32).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ranges_read_years_and_months_to_their_last_day() {
        let r = DateRange::parse(Some("1990"), Some("1991-02")).unwrap();
        assert_eq!((r.from, r.to), (Some(day(1990, 1, 1)), Some(day(1991, 2, 28))));
        let r = DateRange::parse(None, Some("1800")).unwrap();
        assert_eq!(r.to, Some(day(1800, 12, 31)));
        let r = DateRange::parse(Some("May 1, 1990"), Some("1990-12")).unwrap();
        assert_eq!((r.from, r.to), (Some(day(1990, 5, 1)), Some(day(1990, 12, 31))));
        assert!(r.contains(Some(day(1990, 12, 31))) && !r.contains(Some(day(1991, 1, 1))));
        assert!(!r.contains(None), "an undated speech is in no bounded range");
        assert!(DateRange::default().contains(None));
        assert_eq!(DateRange::parse(Some("soon"), None), Err(DateRangeError::NotADate("soon".into())));
        assert!(matches!(DateRange::parse(Some("07/11/2018"), None), Err(DateRangeError::Ambiguous(_))));
        let reversed = DateRange::parse(Some("2000"), Some("1999")).unwrap_err();
        assert_eq!(reversed.to_string(), "the range ends (1999-12-31) before it starts (2000-01-01)");
    }
}
