//! The revision diff of two versions of one speech (a draft and the
//! delivered text): a word-level diff in which a passage deleted in one place
//! and inserted in another is reported as moved, with the changes inside it.

use std::ops::Range;
use std::time::Duration;

use crate::core::compare::pairwise::shared_passages;
use crate::core::compare::two_level::{DenseIds, Differ};

/// Settings for a revision diff. Every setter documents its default.
///
/// The `ignore_*` settings say which differences between two words are no
/// change; [`revision_diff`] compares word ids, and
/// [`word_keys`](super::word_keys::word_keys) makes the ids that carry them
/// out. By default two versions are compared as the phrase index matches
/// words: case, punctuation and white space ignored, numbers compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionOptions {
    min_move_words: usize,
    deadline: Duration,
    pub(super) ignore_case: bool,
    pub(super) ignore_punctuation: bool,
    pub(super) ignore_whitespace: bool,
    pub(super) ignore_numbers: bool,
}

impl Default for RevisionOptions {
    fn default() -> Self {
        RevisionOptions {
            min_move_words: 5,
            deadline: Duration::from_millis(500),
            ignore_case: true,
            ignore_punctuation: true,
            ignore_whitespace: true,
            ignore_numbers: false,
        }
    }
}

impl RevisionOptions {
    /// Fewest shared words for a deleted and an inserted passage to count as
    /// one moved passage (default 5).
    pub fn min_move_words(mut self, n: usize) -> Self {
        self.min_move_words = n.max(1);
        self
    }
    /// Time after which the diff settles for a less minimal answer, so a
    /// pathological pair cannot hang (default 500 ms).
    pub fn deadline(mut self, d: Duration) -> Self {
        self.deadline = d;
        self
    }
    /// Whether words differing only in letter case ("War" / "war") are the
    /// same word (default true). Off, such a word is a change.
    pub fn ignore_case(mut self, ignore: bool) -> Self {
        self.ignore_case = ignore;
        self
    }
    /// Whether punctuation and symbols are no change (default true): the
    /// marks between words ("end." / "end,"), and inside a word the kind of
    /// apostrophe or hyphen ("Nation’s" / "Nation's"). Off, a word whose
    /// marks differ, or whose following marks do, is a change.
    pub fn ignore_punctuation(mut self, ignore: bool) -> Self {
        self.ignore_punctuation = ignore;
        self
    }
    /// Whether the white space between words is no change (default true).
    /// Off, a word followed by different white space (a paragraph or line
    /// break where the other has a space, two spaces where it has one) is
    /// a change; words never split or join over it either way.
    pub fn ignore_whitespace(mut self, ignore: bool) -> Self {
        self.ignore_whitespace = ignore;
        self
    }
    /// Whether one number in place of another ("1944" / "1945", "3.5" /
    /// "4") is no change (default false: numbers are compared). A number
    /// is a word of digits and number punctuation only; "70th" is a word.
    pub fn ignore_numbers(mut self, ignore: bool) -> Self {
        self.ignore_numbers = ignore;
        self
    }
    /// True when the settings compare words exactly as the phrase index's
    /// normalized word ids do (the default), so those ids can be diffed
    /// as they are.
    pub fn compares_normalized_words(&self) -> bool {
        self.ignore_case && self.ignore_punctuation && self.ignore_whitespace && !self.ignore_numbers
    }
}

/// One step of a revision diff, in word indices of the old and new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevisionOp {
    /// The same words in both.
    Equal {
        /// Old words.
        old: Range<u32>,
        /// New words.
        new: Range<u32>,
    },
    /// Words only in the old text.
    Delete {
        /// Old words.
        old: Range<u32>,
    },
    /// Words only in the new text.
    Insert {
        /// New words.
        new: Range<u32>,
    },
    /// Old words replaced by new ones in the same place.
    Replace {
        /// Old words.
        old: Range<u32>,
        /// New words.
        new: Range<u32>,
    },
    /// Old words that moved: they reappear at `to` in the new text.
    MovedFrom {
        /// Old words.
        old: Range<u32>,
        /// Where they went in the new text.
        to: Range<u32>,
    },
    /// New words that came from elsewhere in the old text, with the
    /// word-level changes between the two places.
    MovedTo {
        /// New words.
        new: Range<u32>,
        /// Where they came from in the old text.
        from: Range<u32>,
        /// Diff of `from` against `new`, indices relative to the whole texts.
        changes: Vec<RevisionOp>,
    },
}

fn r(start: usize, len: usize) -> Range<u32> {
    start as u32..(start + len) as u32
}

/// A passage found in both texts out of order, with the words between its
/// exact pieces (the edits made while moving it).
#[derive(Debug, Clone)]
struct MovedBlock {
    old: Range<usize>,
    new: Range<usize>,
}

/// Finds passages of at least `min_words` words that moved: exact shared
/// runs are made disjoint (longest first), the longest chain of runs in the
/// same order in both texts stays in place, and the rest are moved. Moved
/// runs close to each other in both texts join into one block.
fn moved_blocks(old: &[u32], new: &[u32], min_words: usize) -> Vec<MovedBlock> {
    let mut passages = shared_passages(old, new, min_words);
    passages.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut kept: Vec<(usize, usize, usize)> = Vec::new(); // (old start, new start, len)
    for p in passages {
        let (a, b) = (p.a.start as usize..p.a.end as usize, p.b.start as usize..p.b.end as usize);
        if old_used[a.clone()].iter().any(|&u| u) || new_used[b.clone()].iter().any(|&u| u) {
            continue;
        }
        old_used[a.clone()].iter_mut().for_each(|u| *u = true);
        new_used[b.clone()].iter_mut().for_each(|u| *u = true);
        kept.push((a.start, b.start, a.len()));
    }
    kept.sort_unstable();
    // Heaviest chain increasing in both texts (O(k²) over the few runs left).
    let k = kept.len();
    let mut best = vec![0usize; k];
    let mut prev = vec![usize::MAX; k];
    for i in 0..k {
        best[i] = kept[i].2;
        for j in 0..i {
            if kept[j].1 + kept[j].2 <= kept[i].1 && best[j] + kept[i].2 > best[i] {
                best[i] = best[j] + kept[i].2;
                prev[i] = j;
            }
        }
    }
    let mut in_order = vec![false; k];
    let mut at = (0..k).max_by_key(|&i| best[i]);
    while let Some(i) = at {
        in_order[i] = true;
        at = (prev[i] != usize::MAX).then_some(prev[i]);
    }
    let gap = min_words.saturating_sub(1);
    let mut blocks: Vec<MovedBlock> = Vec::new();
    for (i, &(o, n, len)) in kept.iter().enumerate() {
        if in_order[i] {
            continue;
        }
        match blocks.last_mut() {
            Some(b) if o >= b.old.end && o - b.old.end <= gap && n >= b.new.end && n - b.new.end <= gap => {
                b.old.end = o + len;
                b.new.end = n + len;
            }
            _ => blocks.push(MovedBlock { old: o..o + len, new: n..n + len }),
        }
    }
    blocks
}

/// Diffs two word-id sequences and recognizes moved passages: text deleted
/// in one place and inserted in another (possibly edited on the way)
/// becomes a [`RevisionOp::MovedFrom`] / [`RevisionOp::MovedTo`] pair, the
/// latter with the word-level changes inside it. Without line breaks to go
/// by, the words are diffed in one level (see [`revision_diff_in_lines`]).
pub fn revision_diff(old: &[u32], new: &[u32], options: &RevisionOptions) -> Vec<RevisionOp> {
    revision_diff_in_lines(old, &[], new, &[], options)
}

/// [`revision_diff`] of two texts whose lines (in a transcript, its
/// paragraphs) are known: `old_lines` and `new_lines` are the indices of
/// the words that start a line, in increasing order. Lines equal in both
/// are matched whole and words are compared only inside the lines that
/// differ, as `git diff --word-diff` does; the result is the same kind of
/// word diff, found in a fraction of the time on long texts.
pub fn revision_diff_in_lines(
    old: &[u32],
    old_lines: &[u32],
    new: &[u32],
    new_lines: &[u32],
    options: &RevisionOptions,
) -> Vec<RevisionOp> {
    let until = std::time::Instant::now().checked_add(options.deadline);
    let dense = DenseIds::of(old, new);
    let (old, new) = (dense.old.as_slice(), dense.new.as_slice());
    let blocks = moved_blocks(old, new, options.min_move_words);
    if blocks.is_empty() {
        return Differ::new(old, new, dense.distinct, until).diff_lines(old_lines, new_lines);
    }
    // Moved words become unique placeholders (ids past every word's) so the
    // in-place diff cannot match them; they come out as deletions and
    // insertions.
    let mut old_masked = old.to_vec();
    let mut new_masked = new.to_vec();
    let mut old_block = vec![usize::MAX; old.len()];
    let mut new_block = vec![usize::MAX; new.len()];
    let mut placeholder = dense.distinct;
    for (bi, b) in blocks.iter().enumerate() {
        for w in b.old.clone() {
            old_masked[w] = placeholder;
            old_block[w] = bi;
            placeholder += 1;
        }
        for w in b.new.clone() {
            new_masked[w] = placeholder;
            new_block[w] = bi;
            placeholder += 1;
        }
    }
    let ops = Differ::new(&old_masked, &new_masked, placeholder, until).diff_lines(old_lines, new_lines);
    // The changes inside moved passages, between the words as they are.
    let mut inside = Differ::new(old, new, dense.distinct, until);
    let mut emitted_from = vec![false; blocks.len()];
    let mut emitted_to = vec![false; blocks.len()];
    let mut out = Vec::with_capacity(ops.len() + 2 * blocks.len());
    for op in ops {
        let (old_part, new_part) = match &op {
            RevisionOp::Delete { old } => (Some(old.clone()), None),
            RevisionOp::Insert { new } => (None, Some(new.clone())),
            RevisionOp::Replace { old, new } => (Some(old.clone()), Some(new.clone())),
            _ => {
                out.push(op);
                continue;
            }
        };
        // Split each side into runs inside and outside moved blocks, in
        // text order.
        let mut old_side: Vec<RevisionOp> = Vec::new();
        for (block, run) in old_part.map(|o| runs(o, &old_block)).unwrap_or_default() {
            match block {
                Some(bi) if !emitted_from[bi] => {
                    emitted_from[bi] = true;
                    let b = &blocks[bi];
                    old_side.push(RevisionOp::MovedFrom {
                        old: r(b.old.start, b.old.len()),
                        to: r(b.new.start, b.new.len()),
                    });
                }
                Some(_) => {}
                None => old_side.push(RevisionOp::Delete { old: run }),
            }
        }
        let mut new_side: Vec<RevisionOp> = Vec::new();
        for (block, run) in new_part.map(|n| runs(n, &new_block)).unwrap_or_default() {
            match block {
                Some(bi) if !emitted_to[bi] => {
                    emitted_to[bi] = true;
                    let b = &blocks[bi];
                    let changes = inside.diff_range(b.old.clone(), b.new.clone());
                    new_side.push(RevisionOp::MovedTo {
                        new: r(b.new.start, b.new.len()),
                        from: r(b.old.start, b.old.len()),
                        changes,
                    });
                }
                Some(_) => {}
                None => new_side.push(RevisionOp::Insert { new: run }),
            }
        }
        // A lone deletion facing a lone insertion is still a replacement.
        match (old_side.as_slice(), new_side.as_slice()) {
            ([RevisionOp::Delete { old }], [RevisionOp::Insert { new }]) => {
                out.push(RevisionOp::Replace { old: old.clone(), new: new.clone() })
            }
            _ => {
                out.extend(old_side);
                out.extend(new_side);
            }
        }
    }
    out
}

/// Splits `range` into maximal runs of words with the same block (or none).
fn runs(range: Range<u32>, block_of: &[usize]) -> Vec<(Option<usize>, Range<u32>)> {
    let mut out: Vec<(Option<usize>, Range<u32>)> = Vec::new();
    for w in range {
        let b = block_of.get(w as usize).copied().filter(|&b| b != usize::MAX);
        match out.last_mut() {
            Some((last, run)) if *last == b => run.end = w + 1,
            _ => out.push((b, w..w + 1)),
        }
    }
    out
}

/// The old and new word ranges each op covers, for checking that a diff
/// accounts for both texts (every old word once, every new word once).
pub fn covered(ops: &[RevisionOp]) -> (Vec<Range<u32>>, Vec<Range<u32>>) {
    let mut old = Vec::new();
    let mut new = Vec::new();
    for op in ops {
        match op {
            RevisionOp::Equal { old: o, new: n } | RevisionOp::Replace { old: o, new: n } => {
                old.push(o.clone());
                new.push(n.clone());
            }
            RevisionOp::Delete { old: o } | RevisionOp::MovedFrom { old: o, .. } => old.push(o.clone()),
            RevisionOp::Insert { new: n } | RevisionOp::MovedTo { new: n, .. } => new.push(n.clone()),
        }
    }
    (old, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<u32> {
        s.split_whitespace().map(|w| w.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))).collect()
    }

    #[test]
    fn edits_and_a_moved_paragraph() {
        let old = ids("one two three four five six seven eight nine ten alpha beta gamma delta epsilon zeta eta end");
        let new = ids("alpha beta gamma DELTA epsilon zeta eta one two three four five six seven EIGHT nine ten end");
        let ops = revision_diff(&old, &new, &RevisionOptions::default().min_move_words(3));
        let moved: Vec<&RevisionOp> = ops.iter().filter(|o| matches!(o, RevisionOp::MovedTo { .. })).collect();
        assert_eq!(moved.len(), 1, "{ops:?}");
        if let RevisionOp::MovedTo { changes, .. } = moved[0] {
            assert!(changes.iter().any(|c| matches!(c, RevisionOp::Replace { .. })), "{changes:?}");
        }
        assert!(ops.iter().any(|o| matches!(o, RevisionOp::MovedFrom { .. })));
        let (o, n) = covered(&ops);
        assert_eq!(o.iter().map(|r| r.len()).sum::<usize>(), old.len());
        assert_eq!(n.iter().map(|r| r.len()).sum::<usize>(), new.len());
    }
}
