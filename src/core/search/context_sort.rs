//! Search results sorted by their context, as a concordancer sorts
//! keyword-in-context lines (AntConc's "sort by 1L, 2L, 3L" or "1R, 2R,
//! 3R"): the matches followed (or preceded) by the same words come
//! together, which shows the patterns a word is used in.
//!
//! The key of a match is the words next to it on one side, nearest first,
//! each as its search key (case- and accent-folded, normalized as the
//! phrase engine does, for the transcript's language). Keys compare word by
//! word; a match with fewer words on that side (at the start or end of a
//! speech) sorts before one with more that agree so far. Equal keys keep
//! the results' order (date order, then text order).

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::Range;

use serde::Serialize;

use super::SearchResults;
use super::dispersion::first_word;
use super::fold::search_key;
use crate::core::text::Language;
use crate::core::text::transcript::Transcript;

/// Which context a sort reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContextSide {
    /// The words before the match, the nearest first (1L, 2L, 3L).
    Left,
    /// The words after the match, the nearest first (1R, 2R, 3R).
    Right,
}

/// How to sort matches by their context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ContextSort {
    /// The side read.
    pub side: ContextSide,
    /// How many words of it are compared (at least 1).
    pub depth: usize,
}

impl ContextSort {
    /// The usual concordance sort: three words on `side`.
    pub fn new(side: ContextSide) -> ContextSort {
        ContextSort { side, depth: 3 }
    }
}

/// The key of the match `m` in `t`: the search keys of the `sort.depth`
/// words next to it on the sort's side, nearest first.
pub fn context_key(t: &Transcript, m: &Range<usize>, sort: ContextSort) -> Vec<String> {
    let ranges = t.word_ranges();
    let language = Language::from_tags(&t.languages);
    let depth = sort.depth.max(1);
    let words: Vec<usize> = match sort.side {
        // The first word starting at or after the match's end, and on.
        ContextSide::Right => {
            let from = first_word(&ranges, |(start, _)| start as usize >= m.end);
            (from..ranges.len()).take(depth).collect()
        }
        // The last word ending at or before the match's start, and back.
        ContextSide::Left => {
            let to = first_word(&ranges, |(_, end)| end as usize > m.start);
            (0..to).rev().take(depth).collect()
        }
    };
    let (mut scratch, mut key) = (String::new(), String::new());
    words
        .into_iter()
        .filter_map(|w| {
            let (s, e) = ranges.get(w)?;
            let word = t.body.get(s as usize..e as usize)?;
            key.clear();
            search_key(word, language, &mut scratch, &mut key);
            Some(key.clone())
        })
        .collect()
}

/// A match: its transcript's index and its byte range in the body.
pub type Hit = (usize, Range<usize>);

/// Every match of `results` as (transcript, byte range), sorted by its
/// context as `sort` says (equal keys in the results' order).
pub fn sort_by_context<T: Borrow<Transcript>>(
    transcripts: &[T],
    results: &SearchResults,
    sort: ContextSort,
) -> Vec<Hit> {
    sort_hits_by_context(transcripts, results.flat(), sort)
}

/// `hits` (transcript, byte range; in the results' order) sorted by their
/// context as `sort` says, equal keys in the order given: what
/// [`sort_by_context`] does for hits walked from elsewhere.
pub fn sort_hits_by_context<T: Borrow<Transcript>>(
    transcripts: &[T],
    hits: impl IntoIterator<Item = Hit>,
    sort: ContextSort,
) -> Vec<Hit> {
    let mut keyed: Vec<(Vec<String>, Hit)> = hits
        .into_iter()
        .map(|(doc, m)| {
            let key = transcripts.get(doc).map_or_else(Vec::new, |t| context_key(t.borrow(), &m, sort));
            (key, (doc, m))
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, hit)| hit).collect()
}

/// The first `n` of `hits` (transcript, byte range; in the results'
/// order) as [`sort_by_context`] would sort them all, keeping the keys of
/// at most `n + 1` hits at a time: a table that prints `n` lines does not
/// hold a key for every match.
pub fn first_by_context<T: Borrow<Transcript>>(
    transcripts: &[T],
    hits: impl IntoIterator<Item = Hit>,
    sort: ContextSort,
    n: usize,
) -> Vec<Hit> {
    if n == 0 {
        return Vec::new();
    }
    // The n smallest (key, position) so far; the largest on top, dropped
    // when one more comes. The position keeps equal keys in the results'
    // order.
    let mut kept: BinaryHeap<Keyed> = BinaryHeap::new();
    for (at, (doc, m)) in hits.into_iter().enumerate() {
        let key = transcripts.get(doc).map_or_else(Vec::new, |t| context_key(t.borrow(), &m, sort));
        if kept.len() == n && kept.peek().is_some_and(|top| (&key, at) >= (&top.key, top.at)) {
            continue;
        }
        kept.push(Keyed { key, at, hit: (doc, m) });
        if kept.len() > n {
            kept.pop();
        }
    }
    kept.into_sorted_vec().into_iter().map(|k| k.hit).collect()
}

/// A hit with its sort key and its position in the results.
struct Keyed {
    key: Vec<String>,
    at: usize,
    hit: Hit,
}

impl PartialEq for Keyed {
    fn eq(&self, other: &Self) -> bool {
        (&self.key, self.at) == (&other.key, other.at)
    }
}

impl Eq for Keyed {}

impl PartialOrd for Keyed {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Keyed {
    fn cmp(&self, other: &Self) -> Ordering {
        (&self.key, self.at).cmp(&(&other.key, other.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::{Query, SearchIndex, SearchOptions};

    #[test]
    fn matches_sort_by_the_nearest_words_folded() {
        let ts = vec![Transcript::from_text(
            "a",
            "a",
            "Zeal for peace Bold. Also peace, able men. alpha peace Able women. peace",
        )];
        let index = SearchIndex::build(&ts);
        let r = index.search(&ts, &Query::parse("peace", SearchOptions::default()).unwrap());
        let starts = |sort| sort_by_context(&ts, &r, sort).into_iter().map(|(_, m)| m.start).collect::<Vec<_>>();
        let at = |s: &str| ts[0].body.find(s).unwrap();
        // Right: (end) < "able men" < "able women" < "bold also".
        let right = starts(ContextSort::new(ContextSide::Right));
        assert_eq!(right, [ts[0].body.rfind("peace").unwrap(), at("peace,"), at("peace Able"), at("peace Bold")]);
        // Left, one word: "alpha" < "also" < "for" < "women".
        let left = starts(ContextSort { side: ContextSide::Left, depth: 1 });
        assert_eq!(left, [at("peace Able"), at("peace,"), at("peace Bold"), ts[0].body.rfind("peace").unwrap()]);
    }

    #[test]
    fn the_first_n_are_those_of_the_whole_sort() {
        let ts = vec![
            Transcript::from_text("a", "a", "peace now. Peace now! peace later, and peace now; war then peace"),
            Transcript::from_text("b", "b", "peace peace peace. Now peace. peace, now"),
        ];
        let r = SearchIndex::build(&ts).search(&ts, &Query::parse("peace", SearchOptions::default()).unwrap());
        for sort in [ContextSort::new(ContextSide::Right), ContextSort { side: ContextSide::Left, depth: 1 }] {
            let all = sort_by_context(&ts, &r, sort);
            for n in 0..=all.len() + 1 {
                assert_eq!(first_by_context(&ts, r.flat(), sort, n), all[..n.min(all.len())], "{sort:?} {n}");
            }
        }
    }
}
