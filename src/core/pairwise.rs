//! Passages two speeches share, wherever each one sits in either text
//! (moved paragraphs are found as well as passages in place).

use std::hash::{Hash, Hasher};
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

/// A run of words found in both texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPassage {
    /// Word indices in the first text.
    pub a: Range<u32>,
    /// Word indices in the second text.
    pub b: Range<u32>,
}

impl SharedPassage {
    /// Length in words.
    pub fn len(&self) -> usize {
        self.a.len()
    }

    /// True for an empty passage (never returned by [`shared_passages`]).
    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }
}

fn gram_hash(words: &[u32]) -> u64 {
    let mut h = FxHasher::default();
    words.hash(&mut h);
    h.finish()
}

/// All maximal runs of at least `min_words` equal words shared by `a` and
/// `b`, in the order they appear in `b`. A run repeated inside one text is
/// reported once per pair of places. Order-independent: passages are found
/// however the texts were rearranged.
pub fn shared_passages(a: &[u32], b: &[u32], min_words: usize) -> Vec<SharedPassage> {
    let n = min_words.max(1);
    if a.len() < n || b.len() < n {
        return Vec::new();
    }
    let mut grams: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    grams.reserve(a.len());
    for i in 0..=a.len() - n {
        grams.entry(gram_hash(&a[i..i + n])).or_default().push(i as u32);
    }
    let mut out = Vec::new();
    for j in 0..=b.len() - n {
        let Some(starts) = grams.get(&gram_hash(&b[j..j + n])) else { continue };
        for &i in starts {
            let i = i as usize;
            // Only maximal runs: skip when the run extends to the left.
            if i > 0 && j > 0 && a[i - 1] == b[j - 1] {
                continue;
            }
            if a[i..i + n] != b[j..j + n] {
                continue; // hash collision
            }
            let mut len = n;
            while i + len < a.len() && j + len < b.len() && a[i + len] == b[j + len] {
                len += 1;
            }
            out.push(SharedPassage { a: i as u32..(i + len) as u32, b: j as u32..(j + len) as u32 });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_and_in_place_passages() {
        //            0  1  2  3  4  5  6  7  8  9
        let a = [1, 2, 3, 4, 9, 9, 5, 6, 7, 8];
        let b = [5, 6, 7, 8, 0, 1, 2, 3, 4];
        let found = shared_passages(&a, &b, 3);
        assert_eq!(found, vec![SharedPassage { a: 6..10, b: 0..4 }, SharedPassage { a: 0..4, b: 5..9 }]);
        assert!(shared_passages(&a, &b, 5).is_empty());
        assert!(shared_passages(&a, &[], 1).is_empty());
    }
}
