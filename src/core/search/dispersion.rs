//! Dispersion: where in each speech a phrase or a search's matches occur,
//! as positions along the speech, one row per speech in date order — the
//! dispersion plot of concordancers (AntConc's, Voyant's), which shows
//! whether a phrase opens speeches, closes them or runs through them.
//!
//! A position is counted in words: the index of the hit's first word over
//! the speech's number of words, so 0.0 is the first word and every
//! position is below 1.0. Words are the transcript's word ranges, as the
//! phrase and search indexes count them.

use std::borrow::Borrow;
use std::ops::Range;

use serde::Serialize;

use super::SearchResults;
use crate::core::phrases::{DocId, Phrase, PhraseIndex};
use crate::core::text::WordRanges;
use crate::core::text::transcript::Transcript;

/// The hits in one speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DispersionRow {
    /// The speech: its [`crate::core::phrases::DocId`] for a phrase's
    /// dispersion, its position in the searched slice for a search's.
    pub doc: usize,
    /// Its number of words.
    pub words: u32,
    /// The index of each hit's first word, in text order (to scroll to it).
    pub hits: Vec<u32>,
    /// Each hit's position along the speech, `hits[k] / words`, in 0..1.
    pub positions: Vec<f32>,
}

impl DispersionRow {
    fn new(doc: usize, words: u32, hits: Vec<u32>) -> DispersionRow {
        let positions =
            hits.iter().map(|&w| if words == 0 { 0.0 } else { (f64::from(w) / f64::from(words)) as f32 }).collect();
        DispersionRow { doc, words, hits, positions }
    }
}

/// Where `phrase` occurs in each speech it is used in, from its occurrences
/// (already in date order), with the speeches' lengths from `index`; a
/// speech no longer in the index is left out. Several occurrences starting
/// at one word count once.
pub fn phrase_dispersion(index: &PhraseIndex, phrase: &Phrase) -> Vec<DispersionRow> {
    phrase_dispersion_by(phrase, |doc| index.doc(doc).map(|d| d.words.len() as u32))
}

/// [`phrase_dispersion`] with each speech's number of words from
/// `words_of` (`None` leaves the speech out): for the app, whose phrase
/// index lives on its worker thread and whose transcripts know their words.
pub fn phrase_dispersion_by(phrase: &Phrase, words_of: impl Fn(DocId) -> Option<u32>) -> Vec<DispersionRow> {
    phrase
        .occurrences
        .chunk_by(|a, b| a.doc == b.doc)
        .filter_map(|in_doc| {
            let doc = in_doc.first()?.doc;
            let words = words_of(doc)?;
            Some(row_of(doc as usize, words, in_doc.iter().map(|o| o.words.start).collect()))
        })
        .collect()
}

fn row_of(doc: usize, words: u32, mut hits: Vec<u32>) -> DispersionRow {
    hits.sort_unstable();
    hits.dedup();
    DispersionRow::new(doc, words, hits)
}

/// Where a search's matches are in each speech with matches, in the
/// results' order (date order): each match's position is that of the
/// first word ending after its start (the word it starts in).
pub fn search_dispersion<T: Borrow<Transcript>>(transcripts: &[T], results: &SearchResults) -> Vec<DispersionRow> {
    results
        .docs
        .iter()
        .filter_map(|d| {
            let t = transcripts.get(d.doc)?.borrow();
            let ranges = t.word_ranges();
            let hits = d.matches.iter().map(|m| word_at(&ranges, m)).collect();
            Some(row_of(d.doc, ranges.len() as u32, hits))
        })
        .collect()
}

/// The index of the first word ending after `m.start` (the word a match
/// starts in, or the next one when it starts between words); the number
/// of words when none does.
pub(super) fn word_at(ranges: &WordRanges, m: &Range<usize>) -> u32 {
    first_word(ranges, |(_, end)| end as usize > m.start) as u32
}

/// The first word index for which `after` holds (it must hold for every
/// word after it), by bisection; the number of words when it holds for none.
pub(super) fn first_word(ranges: &WordRanges, after: impl Fn((u32, u32)) -> bool) -> usize {
    let (mut lo, mut hi) = (0, ranges.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if ranges.get(mid).is_some_and(&after) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::{Query, SearchIndex, SearchOptions};

    #[test]
    fn matches_are_placed_by_their_first_word() {
        let ts = vec![
            Transcript::from_text("a", "a", "peace now and then war and peace"),
            Transcript::from_text("b", "b", "nothing here"),
        ];
        let index = SearchIndex::build(&ts);
        let r = index.search(&ts, &Query::parse("peace", SearchOptions::default()).unwrap());
        let rows = search_dispersion(&ts, &r);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].doc, rows[0].words), (0, 7));
        assert_eq!(rows[0].hits, [0, 6]);
        assert_eq!(rows[0].positions, [0.0, 6.0 / 7.0]);
    }
}
