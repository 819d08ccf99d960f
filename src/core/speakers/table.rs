//! The speaker × speaker table: for each ordered pair (A, B), the phrases
//! A said first that B used later, from every phrase's path
//! ([`crate::core::speakers::path`]); A = B is self-repetition (A's own
//! later speech), kept apart from borrowing.
//!
//! What counts: a phrase with a first speaker A (an origin in a dated
//! speech with a speaker) counts for (A, B) when B's first dated use comes
//! at least a day after the origin; same-day uses by another speaker are
//! not borrowing (neither can have taken it from the other). It counts for
//! (A, A) when A used it again in another speech (on any later or the same
//! day). Phrases with no dated use, or whose first use has no speaker, are
//! only counted in [`PairTable::skipped`].

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::{DocId, PhraseSet};
use crate::core::speakers::groups::{GroupId, SpeechGroups};
use crate::core::speakers::path::{PhrasePath, Seen, walk};

/// One phrase of a pair: the phrase and a pair of speeches to show it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairPhrase {
    /// Index of the phrase in the phrase set.
    pub phrase: u32,
    /// The speech the first speaker said it in first (its origin).
    pub from_doc: DocId,
    /// The other speaker's first speech using it after that (for
    /// self-repetition, the first speaker's next one).
    pub to_doc: DocId,
    /// Days from the one to the other.
    pub lag_days: i32,
}

/// One ordered pair of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct PairCell {
    /// The speaker (group) who said the phrases first.
    pub from: GroupId,
    /// The speaker who used them later (`from` itself: self-repetition).
    pub to: GroupId,
    /// How many phrases.
    pub phrases: u32,
    /// Their words, added up (each phrase's length in words).
    pub words: u64,
    /// The median lag in days (the mean of the two middle ones for an
    /// even count).
    pub median_lag_days: f64,
    /// Where its phrases are in the table's list.
    entries: Range<u32>,
}

impl PairCell {
    /// True for self-repetition (A = B), false for borrowing.
    pub fn is_self(&self) -> bool {
        self.from == self.to
    }
}

/// Phrases left out of the table, and why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Used only in undated speeches: nobody is known to be first.
    pub undated: u32,
    /// First used in a speech without a speaker (group).
    pub no_first_speaker: u32,
    /// Uses by another speaker on the origin's own day, not counted as
    /// borrowing (one per phrase and speaker).
    pub same_day: u32,
}

/// The speaker × speaker table of a phrase set.
#[derive(Debug, Clone, Default)]
pub struct PairTable {
    /// Every pair with at least one phrase, ordered by `from` then `to`.
    cells: Vec<PairCell>,
    /// The pairs' phrases, pair after pair, each pair's in phrase order.
    entries: Vec<PairPhrase>,
    /// Phrases and uses left out.
    skipped: Skipped,
}

/// Phrases per piece of work when the paths are walked in parallel.
const PHRASES_PER_TASK: usize = 2048;

/// A pair as one sortable number: `from` in the high half.
fn key(from: GroupId, to: GroupId) -> u64 {
    (u64::from(from) << 32) | u64::from(to)
}

impl PairTable {
    /// The table of `set`'s phrases for the documents' `groups` (by
    /// speaker, or by any field): one walk over each phrase's occurrences,
    /// pieces of the list in parallel.
    pub fn build(set: &PhraseSet, groups: &SpeechGroups) -> PairTable {
        let parts: Vec<(Vec<(u64, PairPhrase)>, Skipped)> = set
            .phrases
            .par_chunks(PHRASES_PER_TASK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut seen = Seen::new(groups.len());
                let mut path = PhrasePath::default();
                let mut out = Vec::new();
                let mut skipped = Skipped::default();
                for (k, p) in chunk.iter().enumerate() {
                    let phrase = (c * PHRASES_PER_TASK + k) as u32;
                    walk(p, groups, &mut seen, &mut path);
                    let Some(origin) = path.origin else {
                        skipped.undated += 1;
                        continue;
                    };
                    let Some(from) = origin.group else {
                        skipped.no_first_speaker += 1;
                        continue;
                    };
                    let entry = |s: &crate::core::speakers::path::PathStep| PairPhrase {
                        phrase,
                        from_doc: origin.doc,
                        to_doc: s.doc,
                        lag_days: s.lag_days,
                    };
                    if let Some(s) = &path.self_repeat {
                        out.push((key(from, from), entry(s)));
                    }
                    for s in &path.later {
                        if s.lag_days > 0 {
                            out.push((key(from, s.group), entry(s)));
                        } else {
                            skipped.same_day += 1;
                        }
                    }
                }
                (out, skipped)
            })
            .collect();
        let mut skipped = Skipped::default();
        let mut all = Vec::with_capacity(parts.iter().map(|(p, _)| p.len()).sum());
        for (part, s) in parts {
            skipped.undated += s.undated;
            skipped.no_first_speaker += s.no_first_speaker;
            skipped.same_day += s.same_day;
            all.extend(part);
        }
        // Stable: each pair's phrases stay in phrase order.
        all.par_sort_by_key(|&(k, _)| k);
        let mut cells = Vec::new();
        let mut lags = Vec::new();
        let mut start = 0;
        while start < all.len() {
            let k = all[start].0;
            let end = start + all[start..].iter().take_while(|(k2, _)| *k2 == k).count();
            let run = &all[start..end];
            lags.clear();
            lags.extend(run.iter().map(|(_, e)| e.lag_days));
            let words =
                run.iter().map(|(_, e)| set.phrases.get(e.phrase as usize).map_or(0, |p| u64::from(p.len))).sum();
            cells.push(PairCell {
                from: (k >> 32) as GroupId,
                to: k as GroupId,
                phrases: run.len() as u32,
                words,
                median_lag_days: median(&mut lags),
                entries: start as u32..end as u32,
            });
            start = end;
        }
        let entries = all.into_iter().map(|(_, e)| e).collect();
        PairTable { cells, entries, skipped }
    }

    /// Every pair with a phrase, ordered by first speaker then later one.
    pub fn cells(&self) -> &[PairCell] {
        &self.cells
    }

    /// The borrowing pairs (A ≠ B).
    pub fn borrowing(&self) -> impl Iterator<Item = &PairCell> {
        self.cells.iter().filter(|c| !c.is_self())
    }

    /// The self-repetition pairs (A = A).
    pub fn self_repetition(&self) -> impl Iterator<Item = &PairCell> {
        self.cells.iter().filter(|c| c.is_self())
    }

    /// The pair (`from`, `to`), when it has a phrase.
    pub fn cell(&self, from: GroupId, to: GroupId) -> Option<&PairCell> {
        self.cells.binary_search_by_key(&key(from, to), |c| key(c.from, c.to)).ok().and_then(|i| self.cells.get(i))
    }

    /// The phrases of a pair, in phrase order, each with its pair of
    /// speeches (to click through to).
    pub fn phrases(&self, cell: &PairCell) -> &[PairPhrase] {
        self.entries.get(cell.entries.start as usize..cell.entries.end as usize).unwrap_or(&[])
    }

    /// The phrases and uses left out of the table.
    pub fn skipped(&self) -> Skipped {
        self.skipped
    }
}

/// The median of `values` (reordered); 0 for none.
fn median(values: &mut [i32]) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let (_, &mut upper, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return f64::from(upper);
    }
    let lower = values[..n / 2].iter().copied().max().unwrap_or(upper);
    (f64::from(lower) + f64::from(upper)) / 2.0
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_even_and_no_values() {
        assert_eq!(median(&mut [5, 1, 3]), 3.0);
        assert_eq!(median(&mut [10, 1, 4, 3]), 3.5);
        assert_eq!(median(&mut []), 0.0);
    }
}
