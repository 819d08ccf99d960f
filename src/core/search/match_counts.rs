//! A search's answer kept small, for output that shows some matches and
//! counts the rest: how many matches each transcript has, in date order,
//! with the matches themselves found again when they are walked.
//!
//! A regular expression such as `.` matches every character of a text:
//! keeping each match's byte range takes 16 bytes a character, and its
//! context a line, many times the text. [`MatchCounts`] of a regular
//! expression keeps only a count per transcript and runs the expression
//! again over the bodies whose matches are walked, stopping where the
//! walker stops. A word query matches at most once a word; its matches are
//! kept as the [`SearchIndex`] gives them.

use std::borrow::Borrow;
use std::ops::Range;

use chrono::Datelike;
use rayon::prelude::*;

use super::index::SearchIndex;
use super::matching::regex_match_iter;
use super::query::Query;
use super::results::{SearchResults, date_order};
use crate::core::text::transcript::Transcript;
use crate::core::text::{YearCount, per_year};

/// How many matches each transcript has, in date order; the matches are
/// walked with [`MatchCounts::matches`] or [`MatchCounts::flat`].
#[derive(Debug)]
pub struct MatchCounts {
    /// (transcript position, number of matches) for each transcript with
    /// at least one match, in date order (undated last).
    pub docs: Vec<(usize, usize)>,
    found: Found,
}

/// Where the matches come from when walked.
#[derive(Debug)]
enum Found {
    /// Run again over the body.
    Regex(regex::Regex),
    /// Kept: one entry per entry of `docs`, in the same order.
    Kept(SearchResults),
}

impl MatchCounts {
    /// Searches `transcripts` for `query`. A regular expression is run over
    /// every body (in parallel) and its non-empty matches counted, not
    /// kept, and no index is built for it; a word query runs on a
    /// [`SearchIndex`] built here.
    pub fn search<T: Borrow<Transcript> + Sync>(transcripts: &[T], query: &Query) -> MatchCounts {
        match &query.regex {
            Some(re) => {
                let docs = date_order(transcripts)
                    .into_par_iter()
                    .map(|d| (d, regex_match_iter(re, &transcripts[d].borrow().body).count()))
                    .filter(|&(_, n)| n > 0)
                    .collect();
                MatchCounts { docs, found: Found::Regex(re.clone()) }
            }
            None => MatchCounts::of(SearchIndex::build(transcripts).search(transcripts, query)),
        }
    }

    /// The counts of results already found (kept as they are).
    pub fn of(results: SearchResults) -> MatchCounts {
        let docs = results.docs.iter().map(|d| (d.doc, d.matches.len())).collect();
        MatchCounts { docs, found: Found::Kept(results) }
    }

    /// Number of matches in all transcripts.
    pub fn total(&self) -> usize {
        self.docs.iter().map(|&(_, n)| n).sum()
    }

    /// Matches per year, for transcripts with a date, in year order.
    pub fn per_year<T: Borrow<Transcript>>(&self, transcripts: &[T]) -> Vec<YearCount> {
        per_year(self.docs.iter().filter_map(|&(d, n)| {
            let date = transcripts.get(d)?.borrow().date?;
            Some((date.date.year(), u32::try_from(n).unwrap_or(u32::MAX)))
        }))
    }

    /// The matches of the `k`-th entry of [`MatchCounts::docs`], in text
    /// order, found as they are walked; `body` is that transcript's body.
    pub fn matches<'a>(&'a self, k: usize, body: &'a str) -> Box<dyn Iterator<Item = Range<usize>> + 'a> {
        match &self.found {
            Found::Regex(re) => Box::new(regex_match_iter(re, body)),
            Found::Kept(results) => match results.docs.get(k) {
                Some(d) => Box::new(d.matches.iter().cloned()),
                None => Box::new(std::iter::empty()),
            },
        }
    }

    /// Every match as (transcript position, byte range), in date order,
    /// then in text order, found as it is walked; `transcripts` are the
    /// ones searched.
    pub fn flat<'a, T: Borrow<Transcript>>(
        &'a self,
        transcripts: &'a [T],
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 'a {
        self.docs.iter().enumerate().flat_map(move |(k, &(d, _))| {
            let body = transcripts.get(d).map_or("", |t| t.borrow().body.as_str());
            self.matches(k, body).map(move |m| (d, m))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::SearchOptions;

    fn dated(path: &str, text: &str, year: i32) -> Transcript {
        let mut t = Transcript::from_text(path, path, text);
        t.date = Some(crate::core::text::transcript::SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
            precision: crate::core::text::transcript::DatePrecision::Day,
            source: crate::core::text::transcript::DateSource::Text,
        });
        t
    }

    #[test]
    fn counts_and_walks_agree_with_the_kept_results() {
        let ts = vec![
            Transcript::from_text("undated", "undated", "peace, Peace and war"),
            dated("late", "war and peace; peaceful", 2001),
            dated("early", "no match here", 1990),
            dated("first", "PEACE", 1980),
        ];
        for (q, regex) in [("peace", false), ("peace\\w*", true), ("a*", true), (".", true), ("p|e", true)] {
            let query = Query::parse(q, SearchOptions { regex, ..Default::default() }).unwrap();
            let kept = SearchIndex::build(&ts).search(&ts, &query);
            let counts = MatchCounts::search(&ts, &query);
            assert_eq!(counts.docs, kept.docs.iter().map(|d| (d.doc, d.matches.len())).collect::<Vec<_>>(), "{q}");
            assert_eq!(counts.total(), kept.total(), "{q}");
            assert_eq!(counts.per_year(&ts), kept.per_year(&ts), "{q}");
            assert_eq!(counts.flat(&ts).collect::<Vec<_>>(), kept.flat().collect::<Vec<_>>(), "{q}");
            let of = MatchCounts::of(kept.clone());
            assert_eq!(of.flat(&ts).collect::<Vec<_>>(), kept.flat().collect::<Vec<_>>(), "{q}");
        }
        // Date order, undated last; an empty-matching pattern finds nothing.
        let any = Query::parse("e", SearchOptions { regex: true, ..Default::default() }).unwrap();
        assert_eq!(MatchCounts::search(&ts, &any).docs.iter().map(|d| d.0).collect::<Vec<_>>(), [3, 2, 1, 0]);
        let empty = Query::parse("x*", SearchOptions { regex: true, ..Default::default() }).unwrap();
        assert_eq!(MatchCounts::search(&ts, &empty).total(), 0);
    }
}
