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

use crate::core::phrases::{DocId, Phrase, PhraseIndex, PhraseSet};

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

/// What [`ReuseMap::build`] reads of a part of the phrase list, made for
/// each part in parallel: each phrase's speeches and each speech's pieces.
struct Part {
    /// Per phrase of the part, where its speeches start in `docs` (one
    /// more entry than phrases).
    doc_starts: Vec<u32>,
    /// The map indices of the speeches each phrase occurs in, once each,
    /// phrase after phrase; none for a phrase not counted (a formula) or
    /// found in fewer than two speeches of the map.
    docs: Vec<u32>,
    /// Per speech (map index), where its pieces start in `pieces` (one
    /// more entry than speeches).
    piece_starts: Vec<u32>,
    /// The matched pieces (first word, end, phrase number) of the part's
    /// counted phrases, speech after speech.
    pieces: Vec<(u32, u32, u32)>,
}

impl Part {
    /// The part `phrases` of `set`'s list, whose first phrase is number
    /// `first`, for a map of `n` speeches (`index_of`: document id → map
    /// index, or `u32::MAX` for one left out).
    fn of(
        set: &PhraseSet,
        phrases: &[Phrase],
        first: usize,
        index_of: &[u32],
        n: usize,
        options: ReuseOptions,
    ) -> Part {
        let at = |doc: DocId| index_of.get(doc as usize).copied().filter(|&i| i != u32::MAX);
        let mut doc_starts = Vec::with_capacity(phrases.len() + 1);
        doc_starts.push(0u32);
        let mut docs: Vec<u32> = Vec::new();
        let mut piece_starts = vec![0u32; n + 1];
        for p in phrases {
            let from = docs.len();
            if options.formulas || !p.formula {
                // A phrase's occurrences in one speech are next to each other.
                let mut last = None;
                for i in p.occurrences.iter().filter_map(|o| at(o.doc)) {
                    if last != Some(i) {
                        docs.push(i);
                        last = Some(i);
                    }
                }
            }
            if docs.len() - from < 2 {
                docs.truncate(from);
            } else {
                for o in p.occurrences.iter() {
                    if let Some(i) = at(o.doc) {
                        piece_starts[i as usize + 1] += set.pieces(o).len() as u32;
                    }
                }
            }
            doc_starts.push(docs.len() as u32);
        }
        for i in 1..piece_starts.len() {
            piece_starts[i] += piece_starts[i - 1];
        }
        let mut fill = piece_starts.clone();
        let mut pieces = vec![(0u32, 0u32, 0u32); piece_starts[n] as usize];
        for (k, p) in phrases.iter().enumerate() {
            if doc_starts[k] == doc_starts[k + 1] {
                continue;
            }
            for o in p.occurrences.iter() {
                let Some(i) = at(o.doc) else { continue };
                for r in set.pieces(o) {
                    let slot = &mut fill[i as usize];
                    pieces[*slot as usize] = (r.start, r.end, (first + k) as u32);
                    *slot += 1;
                }
            }
        }
        Part { doc_starts, docs, piece_starts, pieces }
    }

    /// The speeches of the part's phrase `k`.
    fn docs_of(&self, k: usize) -> &[u32] {
        match (self.doc_starts.get(k), self.doc_starts.get(k + 1)) {
            (Some(&s), Some(&e)) => &self.docs[s as usize..e as usize],
            _ => &[],
        }
    }

    /// The pieces in speech `i`.
    fn pieces_of(&self, i: usize) -> &[(u32, u32, u32)] {
        match (self.piece_starts.get(i), self.piece_starts.get(i + 1)) {
            (Some(&s), Some(&e)) => &self.pieces[s as usize..e as usize],
            _ => &[],
        }
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
    /// coming back to 0 are shared with that speech. The phrase list is
    /// read in parts, each part's speeches and pieces per speech made in
    /// parallel; then rows are made in parallel.
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
        let chunk = set.phrases.len().div_ceil(rayon::current_num_threads() * 4).max(1024);
        let parts: Vec<Part> = set
            .phrases
            .par_chunks(chunk)
            .enumerate()
            .map(|(c, phrases)| Part::of(set, phrases, c * chunk, &index_of, n, options))
            .collect();
        let others = |p: u32| {
            let (c, k) = (p as usize / chunk, p as usize % chunk);
            parts.get(c).map_or(&[][..], |part| part.docs_of(k))
        };

        let mut shared = vec![0u32; n * n];
        shared.par_chunks_mut(n.max(1)).enumerate().for_each_init(
            || (vec![[0u32; 2]; n], Vec::new()),
            |(state, events), (i, row)| {
                // Each piece's start and end as one number, in word order,
                // a start before an end at the same word (a piece ending
                // where another starts leaves the words shared without a
                // break): word << 33 | is_end << 32 | phrase.
                events.clear();
                for part in &parts {
                    for &(start, end, p) in part.pieces_of(i) {
                        events.push((u64::from(start) << 33) | u64::from(p));
                        events.push((u64::from(end) << 33) | (1 << 32) | u64::from(p));
                    }
                }
                events.sort_unstable();
                for &event in events.iter() {
                    let (at, p) = ((event >> 33) as u32, event as u32);
                    // Per speech: (pieces covering the word, where that began).
                    if event & (1 << 32) == 0 {
                        for &j in others(p) {
                            let c = &mut state[j as usize];
                            c[1] = if c[0] == 0 { at } else { c[1] };
                            c[0] += 1;
                        }
                    } else {
                        for &j in others(p) {
                            let c = &mut state[j as usize];
                            c[0] -= 1;
                            row[j as usize] += if c[0] == 0 { at - c[1] } else { 0 };
                        }
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
        let order =
            |x: &(f32, usize, usize), y: &(f32, usize, usize)| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2)));
        // The best `k` of each row, then of those: never all the pairs at once.
        let keep = |list: &mut Vec<(f32, usize, usize)>| {
            if list.len() > k && k > 0 {
                list.select_nth_unstable_by(k - 1, order);
            }
            list.truncate(k);
        };
        let mut best: Vec<(f32, usize, usize)> = (0..n)
            .into_par_iter()
            .flat_map_iter(|a| {
                let mut row: Vec<(f32, usize, usize)> =
                    (a + 1..n).map(|b| (self.score(a, b), a, b)).filter(|&(s, _, _)| s > 0.0).collect();
                keep(&mut row);
                row
            })
            .collect();
        keep(&mut best);
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
        // The cells on and above the diagonal, then mirrored.
        let upper: Vec<(usize, usize)> = (0..g).flat_map(|x| (x..g).map(move |y| (x, y))).collect();
        let made: Vec<BlockCell> = upper
            .par_iter()
            .map(|&(x, y)| {
                let (gx, gy) = (&groups[x], &groups[y]);
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
        let mut cells = vec![BlockCell::default(); g * g];
        for (&(x, y), cell) in upper.iter().zip(made) {
            cells[x * g + y] = cell;
            cells[y * g + x] = cell;
        }
        ReuseBlocks { groups, cells }
    }
}
