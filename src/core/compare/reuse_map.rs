//! The speech × speech reuse map: for every pair of speeches, how many of
//! their words lie in phrasing they share, normalized by length, in date
//! order; and the same map in blocks of consecutive speeches or years, for
//! a corpus too large to show pair by pair.
//!
//! Everything comes from the phrase index's answer (a [`PhraseSet`]): no
//! second pass over the text.
//!
//! # What is counted
//!
//! For speeches A and B, the *words of A shared with B*
//! ([`ReuseMap::shared`]) are the words of A that lie inside a matched piece
//! of an occurrence, in A, of a phrase of the set that also occurs in B.
//! Each word of A is counted once, however many such phrases or
//! occurrences cover it (the union of their pieces); the differing words a
//! bridged occurrence spans as a gap are not counted (as
//! [`PhraseSet::recurring_words`] does not count them). A speech shares no
//! words with itself: the diagonal is 0 (repetition within a speech is
//! not reuse between speeches). The count is directed: the words of A
//! shared with B and the words of B shared with A differ (A may say a
//! passage of B twice, or B may hold several of A's passages in one place).
//!
//! Formulas (phrases found in more than the formula fraction of all
//! speeches, such as "the state of the Union") are left out unless
//! [`ReuseOptions::formulas`] is set: they would make every pair share.
//!
//! # Normalization
//!
//! The *score* of a pair ([`ReuseMap::score`]) is the share of the shorter
//! speech's words that it shares with the longer one (fewer words; on a
//! tie, the earlier speech in date order): 1.0 when the shorter speech
//! lies entirely in phrases the other also says, whatever the longer
//! one's length — so a short message repeated in a long address scores
//! high, as the overlap coefficient of two sets does. It is symmetric, 0
//! on the diagonal and for a speech without words.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::core::phrases::{DocId, PhraseIndex, PhraseSet};

/// Which phrases a reuse map counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReuseOptions {
    /// Count formulas too ([`crate::core::phrases::Phrase::formula`]);
    /// left out by default.
    pub formulas: bool,
}

/// One speech of a map, as given to [`ReuseMap::build`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReuseDoc {
    /// The speech in the phrase index.
    pub doc: DocId,
    /// Its number of words (the length of its word ranges, which the
    /// occurrences' word indices count in).
    pub words: u32,
    /// Its date, for blocks by year.
    pub date: Option<NaiveDate>,
}

/// The words each pair of speeches shares, in date order. Speeches are
/// numbered by their position in date order (`0..len()`, the map's
/// *index*); [`ReuseMap::doc`] gives the phrase index's [`DocId`] of each,
/// to open the pair.
#[derive(Debug, Clone, Default)]
pub struct ReuseMap {
    /// The speeches, in date order (the phrase set's chronological rank).
    docs: Vec<ReuseDoc>,
    /// `shared[i * n + j]`: words of speech `i` shared with speech `j`.
    shared: Vec<u32>,
}

/// One pair of speeches of a map, with what a click needs to open it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReusePair {
    /// The earlier speech's index in the map (date order).
    pub a: usize,
    /// The later speech's index in the map.
    pub b: usize,
    /// The earlier speech in the phrase index.
    pub doc_a: DocId,
    /// The later speech in the phrase index.
    pub doc_b: DocId,
    /// Words of `a` shared with `b`.
    pub shared_a: u32,
    /// Words of `b` shared with `a`.
    pub shared_b: u32,
    /// The pair's score ([`ReuseMap::score`]).
    pub score: f32,
}

/// One cell of a [`ReuseBlocks`]: the pairs of speeches with one speech in
/// each of two groups (two different speeches of one group on the diagonal).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BlockCell {
    /// The highest score of its pairs (0 with no pairs).
    pub max: f32,
    /// The mean score of its pairs (0 with no pairs).
    pub mean: f32,
    /// The pair giving `max` (the earliest such pair in date order), to go
    /// down to; `None` for a group of one speech on the diagonal.
    pub pair: Option<ReusePair>,
    /// Number of pairs of speeches in the cell.
    pub pairs: u32,
}

/// A [`ReuseMap`] aggregated: speeches in groups of consecutive ones (in
/// date order), and a cell per pair of groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReuseBlocks {
    /// Each group's speeches, as a range of map indices, in order.
    pub groups: Vec<Range<usize>>,
    /// `cells[g * groups.len() + h]`: the pairs between groups `g` and `h`
    /// (symmetric).
    pub cells: Vec<BlockCell>,
}

impl ReuseBlocks {
    /// The cell of groups `g` and `h`.
    pub fn cell(&self, g: usize, h: usize) -> Option<&BlockCell> {
        let n = self.groups.len();
        if g < n && h < n { self.cells.get(g * n + h) } else { None }
    }
}

impl ReuseMap {
    /// The map of every live document of `index`, from `set` (its answer).
    pub fn of_index(index: &PhraseIndex, set: &PhraseSet, options: ReuseOptions) -> ReuseMap {
        let docs: Vec<ReuseDoc> = index
            .doc_ids()
            .filter_map(|id| {
                let d = index.doc(id)?;
                Some(ReuseDoc { doc: id, words: d.words.len() as u32, date: d.date })
            })
            .collect();
        ReuseMap::build(set, &docs, options)
    }

    /// The map of the speeches `docs` (in any order; put in date order by
    /// the set's rank) from the phrases of `set`.
    ///
    /// Each speech's row is one sweep over the matched pieces of the
    /// phrases in it, in text order: a piece starting adds one, for each
    /// other speech its phrase occurs in, to that speech's count of pieces
    /// covering the current word; the words between a count leaving 0 and
    /// coming back to 0 are shared with that speech. Rows are made in
    /// parallel.
    pub fn build(set: &PhraseSet, docs: &[ReuseDoc], options: ReuseOptions) -> ReuseMap {
        let mut docs = docs.to_vec();
        docs.sort_by_key(|d| (set.rank(d.doc), d.doc));
        docs.dedup_by_key(|d| d.doc);
        let n = docs.len();
        let slots = docs.iter().map(|d| d.doc as usize + 1).max().unwrap_or(0);
        let mut index_of = vec![u32::MAX; slots];
        for (i, d) in docs.iter().enumerate() {
            index_of[d.doc as usize] = i as u32;
        }
        let at = |doc: DocId| index_of.get(doc as usize).copied().filter(|&i| i != u32::MAX);
        let counted = |p: &crate::core::phrases::Phrase| options.formulas || !p.formula;

        // Per phrase, the map indices of the speeches it occurs in, once
        // each (its occurrences in one speech are next to each other).
        let mut phrase_starts = Vec::with_capacity(set.phrases.len() + 1);
        let mut phrase_docs: Vec<u32> = Vec::new();
        phrase_starts.push(0u32);
        for p in &set.phrases {
            if counted(p) {
                let mut last = None;
                for i in p.occurrences.iter().filter_map(|o| at(o.doc)) {
                    if last != Some(i) {
                        phrase_docs.push(i);
                        last = Some(i);
                    }
                }
            }
            phrase_starts.push(phrase_docs.len() as u32);
        }

        // Per speech, the matched pieces of the phrases shared with another
        // speech: counted, then placed (a counting sort by speech).
        let shared_phrase = |pi: usize| phrase_starts[pi + 1] - phrase_starts[pi] >= 2;
        let mut piece_starts = vec![0u32; n + 1];
        for (pi, p) in set.phrases.iter().enumerate() {
            if !shared_phrase(pi) {
                continue;
            }
            for o in p.occurrences.iter() {
                if let Some(i) = at(o.doc) {
                    piece_starts[i as usize + 1] += set.pieces(o).len() as u32;
                }
            }
        }
        for i in 1..piece_starts.len() {
            piece_starts[i] += piece_starts[i - 1];
        }
        let mut fill = piece_starts.clone();
        let mut pieces = vec![(0u32, 0u32, 0u32); piece_starts[n] as usize];
        for (pi, p) in set.phrases.iter().enumerate() {
            if !shared_phrase(pi) {
                continue;
            }
            for o in p.occurrences.iter() {
                let Some(i) = at(o.doc) else { continue };
                for r in set.pieces(o) {
                    let slot = &mut fill[i as usize];
                    pieces[*slot as usize] = (r.start, r.end, pi as u32);
                    *slot += 1;
                }
            }
        }

        let mut shared = vec![0u32; n * n];
        shared.par_chunks_mut(n.max(1)).enumerate().for_each_init(
            || (vec![0u32; n], vec![0u32; n], Vec::new(), Vec::new()),
            |(count, open, starts, ends), (i, row)| {
                let mine = &pieces[piece_starts[i] as usize..piece_starts[i + 1] as usize];
                starts.clear();
                starts.extend(mine.iter().map(|&(s, _, p)| (s, p)));
                starts.sort_unstable();
                ends.clear();
                ends.extend(mine.iter().map(|&(_, e, p)| (e, p)));
                ends.sort_unstable();
                let others =
                    |p: u32| &phrase_docs[phrase_starts[p as usize] as usize..phrase_starts[p as usize + 1] as usize];
                let (mut s, mut e) = (0, 0);
                while e < ends.len() {
                    // Starts at a word first: a piece ending where another
                    // starts leaves the words shared without a break.
                    if s < starts.len() && starts[s].0 <= ends[e].0 {
                        let (at, p) = starts[s];
                        for &j in others(p) {
                            let j = j as usize;
                            if count[j] == 0 {
                                open[j] = at;
                            }
                            count[j] += 1;
                        }
                        s += 1;
                    } else {
                        let (at, p) = ends[e];
                        for &j in others(p) {
                            let j = j as usize;
                            count[j] -= 1;
                            if count[j] == 0 {
                                row[j] += at - open[j];
                            }
                        }
                        e += 1;
                    }
                }
                row[i] = 0;
            },
        );
        ReuseMap { docs, shared }
    }

    /// Number of speeches.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True for a map of no speeches.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The speeches, in date order (position = map index).
    pub fn docs(&self) -> &[ReuseDoc] {
        &self.docs
    }

    /// The phrase index's id of the speech at map index `i`.
    pub fn doc(&self, i: usize) -> Option<DocId> {
        self.docs.get(i).map(|d| d.doc)
    }

    /// The map index of document `doc`, if it is in the map.
    pub fn index_of(&self, doc: DocId) -> Option<usize> {
        self.docs.iter().position(|d| d.doc == doc)
    }

    /// Words of speech `i` shared with speech `j` (see the module's
    /// definition); 0 for `i == j` or an index out of the map.
    pub fn shared(&self, i: usize, j: usize) -> u32 {
        let n = self.len();
        if i < n && j < n { self.shared[i * n + j] } else { 0 }
    }

    /// Row `i` of the matrix: the words of speech `i` shared with each
    /// speech in date order (empty for an index out of the map).
    pub fn shared_row(&self, i: usize) -> &[u32] {
        let n = self.len();
        self.shared.get(i * n..(i + 1) * n).unwrap_or(&[])
    }

    /// The score of the pair `i`, `j`: the share of the shorter speech's
    /// words shared with the other (see the module's definition), in 0..=1.
    pub fn score(&self, i: usize, j: usize) -> f32 {
        let (Some(a), Some(b)) = (self.docs.get(i), self.docs.get(j)) else { return 0.0 };
        if i == j {
            return 0.0;
        }
        let (short, long, words) =
            if a.words < b.words || (a.words == b.words && i < j) { (i, j, a.words) } else { (j, i, b.words) };
        if words == 0 { 0.0 } else { self.shared(short, long) as f32 / words as f32 }
    }

    /// The pair `i`, `j` (in either order) with its counts and score;
    /// `None` when an index is out of the map or both are the same.
    pub fn pair(&self, i: usize, j: usize) -> Option<ReusePair> {
        let (a, b) = (i.min(j), i.max(j));
        if a == b || b >= self.len() {
            return None;
        }
        Some(ReusePair {
            a,
            b,
            doc_a: self.docs[a].doc,
            doc_b: self.docs[b].doc,
            shared_a: self.shared(a, b),
            shared_b: self.shared(b, a),
            score: self.score(a, b),
        })
    }

    /// The `k` pairs with the highest scores, highest first (ties: earlier
    /// pairs in date order first); pairs sharing nothing are left out.
    pub fn top_pairs(&self, k: usize) -> Vec<ReusePair> {
        let n = self.len();
        let mut best: Vec<(f32, usize, usize)> = (0..n)
            .into_par_iter()
            .flat_map_iter(|a| {
                (a + 1..n).filter_map(move |b| Some((self.score(a, b), a, b)).filter(|&(s, _, _)| s > 0.0))
            })
            .collect();
        let order =
            |x: &(f32, usize, usize), y: &(f32, usize, usize)| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2)));
        if best.len() > k && k > 0 {
            best.select_nth_unstable_by(k - 1, order);
        }
        best.truncate(k);
        best.sort_unstable_by(order);
        best.into_iter().filter_map(|(_, a, b)| self.pair(a, b)).collect()
    }

    /// Groups of `size` consecutive speeches in date order (the last one
    /// may be smaller).
    pub fn groups_of(&self, size: usize) -> Vec<Range<usize>> {
        let size = size.max(1);
        (0..self.len()).step_by(size).map(|s| s..(s + size).min(self.len())).collect()
    }

    /// Groups of the speeches of `years` consecutive calendar years each,
    /// counted from the first dated speech's year (a span with no speech
    /// gives no group); undated speeches (last in date order) in a group
    /// of their own.
    pub fn groups_by_year(&self, years: u32) -> Vec<Range<usize>> {
        let years = years.max(1) as i32;
        let first = self.docs.iter().find_map(|d| d.date).map_or(0, |d| d.year());
        let key = |d: &ReuseDoc| d.date.map(|d| (d.year() - first).div_euclid(years));
        let mut groups: Vec<Range<usize>> = Vec::new();
        for i in 0..self.len() {
            match groups.last_mut() {
                Some(g) if key(&self.docs[g.start]) == key(&self.docs[i]) => g.end = i + 1,
                _ => groups.push(i..i + 1),
            }
        }
        groups
    }

    /// The map aggregated into `groups` (ranges of map indices, such as
    /// [`ReuseMap::groups_of`] or [`ReuseMap::groups_by_year`] give): per
    /// pair of groups the highest and the mean score of the pairs of
    /// speeches between them, and the pair giving the highest.
    pub fn blocks(&self, groups: Vec<Range<usize>>) -> ReuseBlocks {
        let n = self.len();
        let groups: Vec<Range<usize>> = groups.into_iter().map(|g| g.start.min(n)..g.end.min(n)).collect();
        let g = groups.len();
        let cells: Vec<BlockCell> = (0..g * g)
            .into_par_iter()
            .map(|c| {
                let (x, y) = (c / g, c % g);
                let (gx, gy) = (&groups[x.min(y)], &groups[x.max(y)]);
                let (mut max, mut sum, mut pairs, mut at) = (0.0f32, 0.0f64, 0u32, None);
                for a in gx.clone() {
                    for b in gy.clone() {
                        if a == b || (x == y && b < a) {
                            continue;
                        }
                        let s = self.score(a, b);
                        sum += f64::from(s);
                        pairs += 1;
                        if at.is_none() || s > max {
                            max = s;
                            at = Some((a, b));
                        }
                    }
                }
                BlockCell {
                    max,
                    mean: if pairs == 0 { 0.0 } else { (sum / f64::from(pairs)) as f32 },
                    pair: at.and_then(|(a, b)| self.pair(a, b)),
                    pairs,
                }
            })
            .collect();
        ReuseBlocks { groups, cells }
    }
}
