//! What a search found: the matches of each transcript, in date order, and
//! the counts the views show (in all, per transcript, per year).

use std::borrow::Borrow;
use std::ops::Range;

use chrono::Datelike;

use crate::core::text::transcript::Transcript;
use crate::core::text::{YearCount, per_year};

/// The matches in one transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocHits {
    /// The transcript's position in the searched slice.
    pub doc: usize,
    /// Byte ranges of the matches in its body, in order.
    pub matches: Vec<Range<usize>>,
}

/// What a search found: the transcripts with matches, in date order
/// (undated last).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// One entry per transcript with at least one match.
    pub docs: Vec<DocHits>,
}

impl SearchResults {
    /// Number of matches in all transcripts.
    pub fn total(&self) -> usize {
        self.docs.iter().map(|d| d.matches.len()).sum()
    }

    /// The matches of one transcript (empty when it has none).
    pub fn matches_in(&self, doc: usize) -> &[Range<usize>] {
        self.docs.iter().find(|d| d.doc == doc).map_or(&[], |d| d.matches.as_slice())
    }

    /// Matches per year, for transcripts with a date, in year order.
    pub fn per_year<T: Borrow<Transcript>>(&self, transcripts: &[T]) -> Vec<YearCount> {
        per_year(self.docs.iter().filter_map(|d| {
            let date = transcripts.get(d.doc)?.borrow().date?;
            Some((date.date.year(), d.matches.len() as u32))
        }))
    }

    /// Every match as (transcript, byte range), in date order, then in text
    /// order: the order Enter walks through.
    pub fn flat(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        self.docs.iter().flat_map(|d| d.matches.iter().map(move |m| (d.doc, m.clone())))
    }
}

/// The positions of `transcripts` in date order (undated last), as search
/// results list them.
pub(super) fn date_order<T: Borrow<Transcript>>(transcripts: &[T]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..transcripts.len()).collect();
    order.sort_by(|&a, &b| {
        transcripts[a].borrow().chronological_key().cmp(&transcripts[b].borrow().chronological_key())
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::{Query, SearchIndex, SearchOptions};

    fn doc(path: &str, text: &str) -> Transcript {
        Transcript::from_text(path, path, text)
    }

    #[test]
    fn results_are_in_date_order_with_years() {
        let mut late = doc("late", "peace now");
        late.date = Some(crate::core::text::transcript::SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(2001, 1, 1).unwrap(),
            precision: crate::core::text::transcript::DatePrecision::Day,
            source: crate::core::text::transcript::DateSource::Text,
        });
        let mut early = doc("early", "peace, peace");
        early.date = Some(crate::core::text::transcript::SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
            ..late.date.unwrap()
        });
        let undated = doc("undated", "peace");
        let ts = vec![undated, late, early];
        let index = SearchIndex::build(&ts);
        let r = index.search(&ts, &Query::parse("peace", SearchOptions::default()).unwrap());
        assert_eq!(r.docs.iter().map(|d| d.doc).collect::<Vec<_>>(), vec![2, 1, 0]);
        assert_eq!(r.total(), 4);
        assert_eq!(r.per_year(&ts), [YearCount { year: 1990, count: 2 }, YearCount { year: 2001, count: 1 }]);
    }
}
