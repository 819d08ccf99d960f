//! The word diff under the revision diff, made in two levels as `git diff
//! --word-diff` makes it: lines first, then words inside the lines that
//! differ.
//!
//! Lines (in transcripts, paragraphs) equal in both texts are matched as
//! wholes by `similar`'s patience diff over line ids, so text that did not
//! change costs one comparison per line. Inside each stretch of lines that
//! differ the words are compared: the stretch is split at the words found
//! exactly once on each side of it, in the same order on both (recursively,
//! each piece taking its own words found once, as a patience diff does),
//! and the small pieces left are diffed word by word with `similar`'s Myers
//! diff. A large piece with no such word in common shares only words said
//! over and over ("the", "and"): it is one replacement, not a match of those
//! words scattered over two unrelated passages.
//!
//! Whatever it matches, the result is a word diff: its steps tile both texts
//! in order and the words it calls equal are equal, so the new text is the
//! old one with the steps applied.

use std::ops::Range;
use std::time::Instant;

use rustc_hash::FxHashMap;

use crate::core::compare::revision::RevisionOp;

/// A piece of at most this many word pairs (old words × new words) is
/// diffed word by word at once, rather than split further.
const LEAF_CELLS: usize = 64;

/// A piece with no word found once on each side is still diffed word by
/// word up to this many word pairs (10 × 10 words): a short edit among
/// repeated words. Larger, it is replaced whole: what such pieces share is
/// words said everywhere, and matching them is slow and shows nothing.
const UNANCHORED_CELLS: usize = 100;

/// Words looked at per word of the two texts while splitting pieces, after
/// which (or after the deadline) the pieces left are diffed as if no word
/// were found once: small ones word by word, others replaced whole (so text
/// built to defeat the splitting cannot take quadratic time).
const WORK_PER_WORD: usize = 48;

/// Word ids as small numbers (renumbered 0, 1, 2, … in order of first
/// appearance unless they are already small), so the diff can count words
/// in arrays instead of hash maps.
#[derive(Debug, Clone)]
pub(super) struct DenseIds {
    /// The old text's words.
    pub(super) old: Vec<u32>,
    /// The new text's words.
    pub(super) new: Vec<u32>,
    /// A bound on the ids: every one is below it.
    pub(super) distinct: u32,
}

impl DenseIds {
    /// The two texts' words renumbered; kept as they are when they are
    /// already small numbers (the phrase index's ids of two speeches are).
    pub(super) fn of(old: &[u32], new: &[u32]) -> DenseIds {
        let words = old.len() + new.len();
        let max = old.iter().chain(new).max().map_or(0, |&m| m as usize);
        if max < 2 * words + 1024 {
            return DenseIds { old: old.to_vec(), new: new.to_vec(), distinct: max as u32 + 1 };
        }
        let mut map: FxHashMap<u32, u32> = FxHashMap::default();
        map.reserve((old.len() + new.len()) / 4);
        let mut renumber = |ids: &[u32]| -> Vec<u32> {
            ids.iter()
                .map(|&w| {
                    let next = map.len() as u32;
                    *map.entry(w).or_insert(next)
                })
                .collect()
        };
        let (old, new) = (renumber(old), renumber(new));
        DenseIds { old, new, distinct: map.len() as u32 }
    }
}

/// The word diff of two texts given as dense word ids (every id below
/// `distinct`), with the changes of a piece kept apart by the caller.
pub(super) struct Differ<'a> {
    old: &'a [u32],
    new: &'a [u32],
    /// Per word id, how often it occurs in the old and new side of the
    /// piece being split (zero between pieces), and where it last did.
    count_old: Vec<u32>,
    count_new: Vec<u32>,
    at_old: Vec<u32>,
    at_new: Vec<u32>,
    /// Words still to be looked at while splitting (see [`WORK_PER_WORD`]).
    work_left: usize,
    deadline: Option<Instant>,
    out: Steps,
}

/// A piece of work: diff two stretches, or emit words already matched.
enum Task {
    Diff(Range<usize>, Range<usize>),
    Equal(usize, usize, usize),
}

impl<'a> Differ<'a> {
    /// A differ for `old` against `new`, every id below `distinct`.
    /// Past `deadline` pieces are no longer split (see [`WORK_PER_WORD`]).
    pub(super) fn new(old: &'a [u32], new: &'a [u32], distinct: u32, deadline: Option<Instant>) -> Differ<'a> {
        let n = distinct as usize;
        Differ {
            old,
            new,
            count_old: vec![0; n],
            count_new: vec![0; n],
            at_old: vec![0; n],
            at_new: vec![0; n],
            work_left: WORK_PER_WORD.saturating_mul(old.len() + new.len()).max(1 << 16),
            deadline,
            out: Steps::default(),
        }
    }

    /// The diff of the whole texts, lines first: `old_lines` and
    /// `new_lines` are the words that start a line in each (in increasing
    /// order; empty for text without line breaks, which is diffed word by
    /// word).
    pub(super) fn diff_lines(mut self, old_lines: &[u32], new_lines: &[u32]) -> Vec<RevisionOp> {
        let (old_spans, new_spans) = (spans(old_lines, self.old.len()), spans(new_lines, self.new.len()));
        if old_spans.len() <= 1 && new_spans.len() <= 1 {
            self.words(0..self.old.len(), 0..self.new.len());
            return self.out.0;
        }
        // The lines diffed as words are: split at lines found once on each
        // side, equal runs of lines around them matched whole.
        let (old_keys, new_keys, distinct) = line_ids(self.old, &old_spans, self.new, &new_spans);
        let line_ops =
            Differ::new(&old_keys, &new_keys, distinct, self.deadline).diff_range(0..old_keys.len(), 0..new_keys.len());
        // The words of lines `lines` (for none, the gap point: the start of
        // the line there, or the text's end).
        let words_of = |spans: &[Range<usize>], total: usize, lines: &Range<u32>| -> Range<usize> {
            let start = spans.get(lines.start as usize).map_or(total, |s| s.start);
            if lines.is_empty() {
                return start..start;
            }
            start..spans.get(lines.end as usize - 1).map_or(total, |s| s.end)
        };
        let (old_words, new_words) = (self.old.len(), self.new.len());
        let mut at = (0u32, 0u32);
        for op in line_ops {
            let (lines_old, lines_new, equal) = match op {
                RevisionOp::Equal { old, new } => (old, new, true),
                RevisionOp::Replace { old, new } => (old, new, false),
                RevisionOp::Delete { old } => (old, at.1..at.1, false),
                RevisionOp::Insert { new } => (at.0..at.0, new, false),
                RevisionOp::MovedFrom { .. } | RevisionOp::MovedTo { .. } => continue,
            };
            at = (lines_old.end, lines_new.end);
            let o = words_of(&old_spans, old_words, &lines_old);
            let n = words_of(&new_spans, new_words, &lines_new);
            if equal {
                self.out.equal(o.start, n.start, o.len());
            } else {
                self.words(o, n);
            }
        }
        self.out.0
    }

    /// The word diff of `old` against `new` (word indices of the whole
    /// texts, which the steps keep).
    pub(super) fn diff_range(&mut self, old: Range<usize>, new: Range<usize>) -> Vec<RevisionOp> {
        self.words(old, new);
        std::mem::take(&mut self.out).0
    }

    /// Diffs two stretches word by word, splitting them at words found once
    /// on each side (see the module's documentation).
    fn words(&mut self, old: Range<usize>, new: Range<usize>) {
        let mut tasks = vec![Task::Diff(old, new)];
        let mut looked = 0u32;
        while let Some(task) = tasks.pop() {
            // Past the deadline, pieces are no longer split (looked at now
            // and then: reading the clock costs more than most pieces).
            looked = looked.wrapping_add(1);
            if looked.is_multiple_of(64) && self.deadline.is_some_and(|d| Instant::now() >= d) {
                self.work_left = 0;
            }
            let (mut o, mut n) = match task {
                Task::Equal(o, n, len) => {
                    self.out.equal(o, n, len);
                    continue;
                }
                Task::Diff(o, n) => (o, n),
            };
            let prefix = common_prefix(&self.old[o.clone()], &self.new[n.clone()]);
            self.out.equal(o.start, n.start, prefix);
            o.start += prefix;
            n.start += prefix;
            let suffix = common_suffix(&self.old[o.clone()], &self.new[n.clone()]);
            o.end -= suffix;
            n.end -= suffix;
            if suffix > 0 {
                tasks.push(Task::Equal(o.end, n.end, suffix));
            }
            let cells = o.len().saturating_mul(n.len());
            if cells == 0 || cells <= LEAF_CELLS {
                self.leaf(o, n);
                continue;
            }
            let anchors = if self.work_left > 0 { self.anchors(o.clone(), n.clone()) } else { Vec::new() };
            if anchors.is_empty() {
                if cells <= UNANCHORED_CELLS {
                    self.leaf(o, n);
                } else {
                    self.out.change(o, n);
                }
                continue;
            }
            // The pieces between anchors, last first (the stack gives them
            // back in text order).
            let (mut o_end, mut n_end) = (o.end, n.end);
            for &(i, j) in anchors.iter().rev() {
                let (i, j) = (i as usize, j as usize);
                tasks.push(Task::Diff(i + 1..o_end, j + 1..n_end));
                tasks.push(Task::Equal(i, j, 1));
                (o_end, n_end) = (i, j);
            }
            tasks.push(Task::Diff(o.start..o_end, n.start..n_end));
        }
    }

    /// The words found exactly once in `old` and once in `new`, as (old,
    /// new) positions, the longest chain of them in the same order in both.
    fn anchors(&mut self, old: Range<usize>, new: Range<usize>) -> Vec<(u32, u32)> {
        self.work_left = self.work_left.saturating_sub(2 * (old.len() + new.len()));
        for i in old.clone() {
            let w = self.old[i] as usize;
            self.count_old[w] += 1;
            self.at_old[w] = i as u32;
        }
        for j in new.clone() {
            let w = self.new[j] as usize;
            self.count_new[w] += 1;
            self.at_new[w] = j as u32;
        }
        // In new-text order, each with its old position.
        let pairs: Vec<(u32, u32)> = self.new[new.clone()]
            .iter()
            .filter(|&&w| self.count_old[w as usize] == 1 && self.count_new[w as usize] == 1)
            .map(|&w| (self.at_old[w as usize], self.at_new[w as usize]))
            .collect();
        for &w in &self.old[old] {
            self.count_old[w as usize] = 0;
        }
        for &w in &self.new[new] {
            self.count_new[w as usize] = 0;
        }
        increasing_chain(&pairs)
    }

    /// A small piece diffed word by word: by `similar`'s Myers diff, unless
    /// one side is a single word (found on the other side or not).
    fn leaf(&mut self, old: Range<usize>, new: Range<usize>) {
        if old.is_empty() || new.is_empty() {
            self.out.change(old, new);
        } else if old.len() == 1 || new.len() == 1 {
            let (word, other, at) = if old.len() == 1 {
                (self.old[old.start], &self.new[new.clone()], new.start)
            } else {
                (self.new[new.start], &self.old[old.clone()], old.start)
            };
            match other.iter().position(|&w| w == word) {
                Some(k) if old.len() == 1 => {
                    self.out.change(old.start..old.start, new.start..at + k);
                    self.out.equal(old.start, at + k, 1);
                    self.out.change(old.end..old.end, at + k + 1..new.end);
                }
                Some(k) => {
                    self.out.change(old.start..at + k, new.start..new.start);
                    self.out.equal(at + k, new.start, 1);
                    self.out.change(at + k + 1..old.end, new.end..new.end);
                }
                None => self.out.change(old, new),
            }
        } else {
            // A leaf is small enough to need no deadline.
            let Ok(()) = similar::algorithms::myers::diff(&mut self.out, self.old, old, self.new, new);
        }
    }
}

/// The steps of a diff as they are found, adjacent equal steps joined and
/// adjacent changes made one; `similar`'s diffs write into it directly.
#[derive(Debug, Default)]
struct Steps(Vec<RevisionOp>);

impl Steps {
    /// Appends equal words, joining them to equal words just before.
    fn equal(&mut self, old: usize, new: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(RevisionOp::Equal { old: o, new: n }) = self.0.last_mut()
            && o.end as usize == old
            && n.end as usize == new
        {
            o.end += len as u32;
            n.end += len as u32;
            return;
        }
        self.0.push(RevisionOp::Equal { old: r(old..old + len), new: r(new..new + len) });
    }

    /// Appends a change (a deletion, an insertion or a replacement),
    /// joining it to a change just before: together they are one.
    fn change(&mut self, old: Range<usize>, new: Range<usize>) {
        if old.is_empty() && new.is_empty() {
            return;
        }
        let (mut old, mut new) = (r(old), r(new));
        match self.0.last() {
            Some(RevisionOp::Delete { old: o }) => old.start = o.start,
            Some(RevisionOp::Insert { new: n }) => new.start = n.start,
            Some(RevisionOp::Replace { old: o, new: n }) => {
                old.start = o.start;
                new.start = n.start;
            }
            _ => {}
        }
        if matches!(
            self.0.last(),
            Some(RevisionOp::Delete { .. } | RevisionOp::Insert { .. } | RevisionOp::Replace { .. })
        ) {
            self.0.pop();
        }
        self.0.push(match (old.is_empty(), new.is_empty()) {
            (false, true) => RevisionOp::Delete { old },
            (true, false) => RevisionOp::Insert { new },
            _ => RevisionOp::Replace { old, new },
        });
    }
}

impl similar::algorithms::DiffHook for Steps {
    type Error = std::convert::Infallible;

    fn equal(&mut self, old_index: usize, new_index: usize, len: usize) -> Result<(), Self::Error> {
        Steps::equal(self, old_index, new_index, len);
        Ok(())
    }

    fn delete(&mut self, old_index: usize, old_len: usize, new_index: usize) -> Result<(), Self::Error> {
        self.change(old_index..old_index + old_len, new_index..new_index);
        Ok(())
    }

    fn insert(&mut self, old_index: usize, new_index: usize, new_len: usize) -> Result<(), Self::Error> {
        self.change(old_index..old_index, new_index..new_index + new_len);
        Ok(())
    }
}

fn r(range: Range<usize>) -> Range<u32> {
    range.start as u32..range.end as u32
}

fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &[u32], b: &[u32]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// The word ranges of a text's lines, from the words that start one (the
/// first line starts at word 0 whether listed or not; lines without words
/// do not exist).
fn spans(starts: &[u32], len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(starts.len() + 1);
    let mut start = 0;
    for &s in starts {
        let s = s as usize;
        if s > start && s < len {
            out.push(start..s);
            start = s;
        }
    }
    if start < len {
        out.push(start..len);
    }
    out
}

/// One id per line, equal for two lines exactly when their words are, and
/// how many distinct lines there are.
fn line_ids(
    old: &[u32],
    old_spans: &[Range<usize>],
    new: &[u32],
    new_spans: &[Range<usize>],
) -> (Vec<u32>, Vec<u32>, u32) {
    fn of<'t>(ids: &mut FxHashMap<&'t [u32], u32>, words: &'t [u32], spans: &[Range<usize>]) -> Vec<u32> {
        spans
            .iter()
            .map(|s| {
                let next = ids.len() as u32;
                *ids.entry(&words[s.clone()]).or_insert(next)
            })
            .collect()
    }
    let mut ids: FxHashMap<&[u32], u32> = FxHashMap::default();
    ids.reserve(old_spans.len() + new_spans.len());
    let old_ids = of(&mut ids, old, old_spans);
    let new_ids = of(&mut ids, new, new_spans);
    let distinct = ids.len() as u32;
    (old_ids, new_ids, distinct)
}

/// The longest subsequence of `pairs` (given in increasing second
/// position) whose first positions increase too: patience sorting, in
/// O(k log k).
fn increasing_chain(pairs: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // tails[l]: the pair ending the best chain of length l + 1 so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before = vec![usize::MAX; pairs.len()];
    for (k, &(i, _)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].0 < i);
        if at > 0 {
            before[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        chain.push(pairs[k]);
        at = (before[k] != usize::MAX).then_some(before[k]);
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ops` applied to `old`: the new text (checking that equal steps are
    /// equal and that the steps tile both texts in order).
    fn apply(ops: &[RevisionOp], old: &[u32], new: &[u32]) -> Vec<u32> {
        let (mut at_old, mut at_new) = (0u32, 0u32);
        let mut out = Vec::new();
        for op in ops {
            let (o, n) = match op {
                RevisionOp::Equal { old: o, new: n } => {
                    assert_eq!(old[o.start as usize..o.end as usize], new[n.start as usize..n.end as usize]);
                    out.extend_from_slice(&old[o.start as usize..o.end as usize]);
                    (o.clone(), n.clone())
                }
                RevisionOp::Delete { old: o } => (o.clone(), at_new..at_new),
                RevisionOp::Insert { new: n } => {
                    out.extend_from_slice(&new[n.start as usize..n.end as usize]);
                    (at_old..at_old, n.clone())
                }
                RevisionOp::Replace { old: o, new: n } => {
                    out.extend_from_slice(&new[n.start as usize..n.end as usize]);
                    (o.clone(), n.clone())
                }
                other => panic!("no moves at this level: {other:?}"),
            };
            assert_eq!((o.start, n.start), (at_old, at_new), "{ops:?}");
            (at_old, at_new) = (o.end, n.end);
        }
        assert_eq!((at_old as usize, at_new as usize), (old.len(), new.len()));
        out
    }

    fn diff(old: &[u32], old_lines: &[u32], new: &[u32], new_lines: &[u32]) -> Vec<RevisionOp> {
        let d = DenseIds::of(old, new);
        let ops = Differ::new(&d.old, &d.new, d.distinct, None).diff_lines(old_lines, new_lines);
        assert_eq!(apply(&ops, old, new), new);
        ops
    }

    #[test]
    fn equal_lines_are_matched_whole_and_changed_ones_word_by_word() {
        // Three lines; the middle one has one word changed.
        let old = [1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22];
        let new = [1, 2, 3, 4, 10, 11, 99, 13, 14, 20, 21, 22];
        let ops = diff(&old, &[4, 9], &new, &[4, 9]);
        assert_eq!(
            ops,
            [
                RevisionOp::Equal { old: 0..6, new: 0..6 },
                RevisionOp::Replace { old: 6..7, new: 6..7 },
                RevisionOp::Equal { old: 7..12, new: 7..12 },
            ]
        );
        // A line inserted, one deleted.
        let new = [1, 2, 3, 4, 50, 51, 10, 11, 12, 13, 14];
        let ops = diff(&old, &[4, 9], &new, &[4, 6]);
        assert_eq!(
            ops,
            [
                RevisionOp::Equal { old: 0..4, new: 0..4 },
                RevisionOp::Insert { new: 4..6 },
                RevisionOp::Equal { old: 4..9, new: 6..11 },
                RevisionOp::Delete { old: 9..12 },
            ]
        );
    }

    #[test]
    fn a_large_stretch_splits_at_words_found_once() {
        // Repeated filler with rare words in it; the rare words anchor.
        let filler = |k: u32| (0..40).map(move |i| 1000 + (i * 7 + k) % 5);
        let mut old = Vec::new();
        let mut new = Vec::new();
        for rare in 0..20u32 {
            old.extend(filler(rare));
            old.push(rare);
            new.extend(filler(rare + 1));
            new.push(rare);
        }
        let ops = diff(&old, &[], &new, &[]);
        let equal_rare = ops
            .iter()
            .filter_map(|op| match op {
                RevisionOp::Equal { old: o, .. } => Some(o.clone()),
                _ => None,
            })
            .flatten()
            .filter(|&i| old[i as usize] < 20)
            .count();
        assert_eq!(equal_rare, 20, "every rare word is matched");
    }

    #[test]
    fn unrelated_large_stretches_are_one_replacement() {
        // Only frequent words in common, in different orders.
        let old: Vec<u32> = (0..400).map(|i| i % 3).collect();
        let new: Vec<u32> = (0..300).map(|i| (i * 2 + 1) % 3).collect();
        let ops = diff(&old, &[], &new, &[]);
        assert!(ops.len() <= 3, "{ops:?}");
    }

    #[test]
    fn texts_at_the_edges() {
        diff(&[], &[], &[], &[]);
        assert_eq!(diff(&[], &[], &[1, 2], &[1]), [RevisionOp::Insert { new: 0..2 }]);
        assert_eq!(diff(&[1, 2], &[1], &[], &[]), [RevisionOp::Delete { old: 0..2 }]);
        // Line starts out of range or repeated are ignored.
        diff(&[1, 2, 3], &[0, 0, 3, 7], &[1, 3], &[1, 1, 9]);
        // Ids of any size.
        diff(&[u32::MAX, 0, 5], &[2], &[5, u32::MAX], &[1]);
    }

    #[test]
    fn the_longest_increasing_chain() {
        let pairs = [(5, 0), (1, 1), (2, 2), (9, 3), (3, 4), (4, 5)];
        assert_eq!(increasing_chain(&pairs), [(1, 1), (2, 2), (3, 4), (4, 5)]);
        assert!(increasing_chain(&[]).is_empty());
    }
}
