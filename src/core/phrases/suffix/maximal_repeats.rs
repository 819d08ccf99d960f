//! The maximal repeats of an indexed text: one bottom-up pass over the LCP
//! intervals of the suffix array, in parallel parts when it is long.

use rayon::prelude::*;

use crate::core::phrases::suffix::SuffixIndex;

/// Suffix arrays at least this long are searched for repeats in parallel
/// parts; below it one pass is faster than sharing it out.
const PARALLEL_SUFFIXES: usize = 1 << 16;
/// How many suffixes ahead [`SuffixIndex::maximal_repeats`] asks for the
/// word before a suffix.
const PREFETCH_AHEAD: usize = 32;

/// A repeat found in the text: its length in words and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// Length in words.
    pub len: u32,
    /// Start positions in the text, in suffix-array order.
    pub starts: Vec<u32>,
}

impl SuffixIndex {
    /// What precedes the suffix at `sa[k]`: a word, or a boundary (the text's
    /// start or a boundary value), which differs from everything.
    #[inline]
    fn before(&self, k: usize) -> Before {
        let p = self.sa[k] as usize;
        match p.checked_sub(1).map(|q| self.text.at(q)) {
            Some(w) if w < self.boundary => Before::Word(w),
            _ => Before::Mixed,
        }
    }

    /// Calls a `keep` for every repeat of at least `min_len` words that is
    /// maximal: its occurrences cannot all be extended by the same word on
    /// the right (true of every LCP interval) nor on the left. `keep` sees the
    /// start positions and may reject the repeat (too few documents); each
    /// part of the suffix array searched in parallel makes its own with
    /// `make_keep`. The repeats come in the same order as from one pass.
    pub fn maximal_repeats<K: FnMut(u32, &[u32]) -> bool>(
        &self,
        min_len: u32,
        make_keep: impl Fn() -> K + Sync,
    ) -> Vec<Repeat> {
        let parts = if self.sa.len() < PARALLEL_SUFFIXES { 1 } else { rayon::current_num_threads() * 4 };
        self.repeats_in_parts(min_len, parts, make_keep)
    }

    /// [`SuffixIndex::maximal_repeats`] over about `parts` parts of the
    /// suffix array. A repeat of `min_len` words or more is an LCP interval
    /// whose inner prefix lengths are all `min_len` or more, so it lies
    /// between two places where the length is below `min_len`: the parts
    /// are cut at such places, and each is searched on its own.
    fn repeats_in_parts<K: FnMut(u32, &[u32]) -> bool>(
        &self,
        min_len: u32,
        parts: usize,
        make_keep: impl Fn() -> K + Sync,
    ) -> Vec<Repeat> {
        let n = self.sa.len();
        let mut cuts = vec![0];
        for k in 1..parts.max(1) {
            let mut at = (n * k / parts).max(cuts.last().map_or(0, |&c| c + 1));
            while at < n && self.lcp(at) >= min_len as i32 {
                at += 1;
            }
            if at < n {
                cuts.push(at);
            }
        }
        // Each cut is past the one before and below n: the parts never overlap.
        cuts.push(n);
        let ranges: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
        let found: Vec<Vec<Repeat>> =
            ranges.into_par_iter().map(|(s, e)| self.repeats_in(s, e, min_len, &mut make_keep())).collect();
        found.into_iter().flatten().collect()
    }

    /// The maximal repeats among suffixes `sa[s..e]`, the prefix lengths at
    /// `s` and `e` taken as 0. One bottom-up pass over the LCP intervals;
    /// what precedes the occurrences of an interval is merged up from its
    /// children, so each suffix is looked at once.
    fn repeats_in(&self, s: usize, e: usize, min_len: u32, keep: &mut impl FnMut(u32, &[u32]) -> bool) -> Vec<Repeat> {
        let mut out = Vec::new();
        if e < s + 2 {
            return out;
        }
        // Open intervals: (lcp value, left bound, what precedes them so far).
        let mut stack: Vec<(i32, usize, Before)> = vec![(0, s, Before::Nothing)];
        let mut starts: Vec<u32> = Vec::new();
        for i in s + 1..=e {
            // What precedes a suffix is read from anywhere in the text: it
            // is asked for a few dozen suffixes ahead, so that it has
            // arrived when it is needed.
            if let Some(&ahead) = self.sa.get(i + PREFETCH_AHEAD) {
                self.text.prefetch((ahead as usize).wrapping_sub(1));
            }
            let cur = if i < e { self.lcp(i) } else { 0 };
            let mut lb = i - 1;
            // The last suffix seen, or the intervals closed below, go into
            // the innermost interval still open.
            let mut child = self.before(i - 1);
            while let Some(&(top_lcp, top_lb, top_before)) = stack.last() {
                if cur >= top_lcp {
                    break;
                }
                stack.pop();
                let before = top_before.merge(child);
                lb = top_lb;
                if top_lcp as u32 >= min_len && before == Before::Mixed {
                    starts.clear();
                    starts.extend(self.sa[top_lb..i].iter().map(|&p| p as u32));
                    if keep(top_lcp as u32, &starts) {
                        out.push(Repeat { len: top_lcp as u32, starts: starts.clone() });
                    }
                }
                child = before;
            }
            match stack.last_mut() {
                Some(top) if top.0 == cur => top.2 = top.2.merge(child),
                _ => stack.push((cur, lb, child)),
            }
        }
        out
    }
}

/// What precedes the occurrences of a repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Nothing seen yet.
    Nothing,
    /// The same word everywhere.
    Word(u32),
    /// Different words, or a boundary: the repeat is left-maximal.
    Mixed,
}

impl Before {
    fn merge(self, other: Before) -> Before {
        match (self, other) {
            (Before::Nothing, x) | (x, Before::Nothing) => x,
            (Before::Word(a), Before::Word(b)) if a == b => self,
            _ => Before::Mixed,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::phrases::suffix::SuffixIndex;
    use crate::core::phrases::suffix::testing::{random_docs, repeats};

    #[test]
    fn finds_left_and_right_maximal_repeats() {
        // a b c d | x a b c d y | a b c z   (separators 10, 11, 12)
        let text = [0, 1, 2, 3, 10, 5, 0, 1, 2, 3, 6, 11, 0, 1, 2, 7, 12];
        let r = repeats(&text, 13, 10, 3);
        assert_eq!(r, vec![(3, vec![0, 6, 12]), (4, vec![0, 6])]);
        assert!(repeats(&text, 13, 10, 5).is_empty());
        // The same with a 32-bit alphabet.
        let wide: Vec<u32> = text.iter().map(|&t| if t >= 10 { t + 70_000 } else { t }).collect();
        assert_eq!(repeats(&wide, 70_013, 70_010, 3), r);
    }

    #[test]
    fn repeats_searched_in_parts_are_those_of_one_pass_in_the_same_order() {
        // Documents each followed by the same boundary value.
        let text = random_docs(7, 40, 300, 5, |_| 9);
        let idx = SuffixIndex::build(text.clone(), 10, 9).unwrap();
        // A `keep` with state, as the phrase index's: every third repeat.
        let make_keep = || {
            let mut seen = 0;
            move |_: u32, _: &[u32]| {
                seen += 1;
                seen % 3 != 0
            }
        };
        for min_len in [1, 2, 3, 6] {
            let whole = idx.repeats_in(0, idx.sa.len(), min_len, &mut |_, _| true);
            assert!(whole.len() > 20, "min {min_len}: {} repeats", whole.len());
            for parts in [1, 2, 3, 7, 64, 5000] {
                let got = idx.repeats_in_parts(min_len, parts, || |_, _| true);
                assert_eq!(got, whole, "min {min_len}, {parts} parts");
            }
            // Each part's own `keep` starts afresh, so only a single part
            // keeps exactly what one pass keeps.
            let one = idx.repeats_in_parts(min_len, 1, make_keep);
            assert_eq!(one, idx.repeats_in(0, idx.sa.len(), min_len, &mut make_keep()));
        }
    }

    #[test]
    fn one_boundary_value_used_many_times_still_separates() {
        // a b c | a b c | a b d |   (boundary 9 each time): "a b c" twice,
        // "a b" three times; nothing reaches across a boundary.
        let text = [0, 1, 2, 9, 0, 1, 2, 9, 0, 1, 3, 9];
        assert_eq!(repeats(&text, 10, 9, 2), vec![(2, vec![0, 4, 8]), (3, vec![0, 4])]);
        // Identical stretches do not merge across their boundaries.
        let text = [0, 1, 9, 0, 1, 9, 0, 1, 9];
        assert_eq!(repeats(&text, 10, 9, 2), vec![(2, vec![0, 3, 6])]);
        assert!(repeats(&text, 10, 9, 3).is_empty());
        // A boundary before an occurrence makes it differ on the left.
        let text = [5, 0, 1, 2, 9, 0, 1, 2, 9];
        assert_eq!(repeats(&text, 10, 9, 3), vec![(3, vec![1, 5])]);
    }

    #[test]
    fn repeats_never_cross_separators() {
        let text = [0, 1, 5, 0, 1, 6];
        assert_eq!(repeats(&text, 7, 5, 2), vec![(2, vec![0, 3])]);
        assert!(repeats(&text, 7, 5, 3).is_empty());
    }
}
