//! Passages two speeches share, wherever each one sits in either text
//! (moved paragraphs are found as well as passages in place).

use std::ops::Range;

use rustc_hash::FxHashMap;

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
    // A multiply-rotate mix per word: cheap, and collisions are checked.
    words.iter().fold(0x9E37_79B9_7F4A_7C15u64, |h, &w| (h ^ w as u64).wrapping_mul(0x100_0000_01B3).rotate_left(23))
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
    // Positions of each n-gram of `a`, as linked lists through one array
    // (no allocation per n-gram): head[gram] is its last start, next[i] the
    // start before i with the same gram.
    let mut head: FxHashMap<u64, u32> = FxHashMap::default();
    head.reserve(a.len());
    let mut next = vec![u32::MAX; a.len()];
    for i in 0..=a.len() - n {
        let h = gram_hash(&a[i..i + n]);
        if let Some(prev) = head.insert(h, i as u32) {
            next[i] = prev;
        }
    }
    let mut out = Vec::new();
    for j in 0..=b.len() - n {
        let Some(&last) = head.get(&gram_hash(&b[j..j + n])) else { continue };
        let mut at = last;
        let mut starts = Vec::new();
        while at != u32::MAX {
            starts.push(at);
            at = next[at as usize];
        }
        // Report in the order the starts appear in `a`.
        for &i in starts.iter().rev() {
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
