//! Passages two speeches share, wherever each one sits in either text
//! (moved paragraphs are found as well as passages in place).

use std::ops::Range;

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

/// Work allowed per word of the two texts when finding shared passages
/// (each place of a shared n-gram looked at, each word a passage is
/// extended by, counts one): ordinary speeches take a few units a word;
/// a text repeating itself would take the product of the two lengths.
pub const WORK_PER_WORD: usize = 64;

/// The passages found, and whether the search looked at everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPassages {
    /// In the order they appear in the second text.
    pub passages: Vec<SharedPassage>,
    /// False when the search stopped at its work limit: the passages are
    /// those found up to there (in the second text's order), the rest of
    /// the second text was not searched.
    pub complete: bool,
}

/// All maximal runs of at least `min_words` equal words shared by `a` and
/// `b`, in the order they appear in `b`. A run repeated inside one text is
/// reported once per pair of places. Order-independent: passages are found
/// however the texts were rearranged. On text repeating itself (a word
/// said a million times in both) the pairs of places are the product of
/// the lengths: the search stops after [`WORK_PER_WORD`] units of work per
/// word and returns what it found (see [`shared_passages_bounded`]).
pub fn shared_passages(a: &[u32], b: &[u32], min_words: usize) -> Vec<SharedPassage> {
    shared_passages_bounded(a, b, min_words, WORK_PER_WORD.saturating_mul(a.len() + b.len()).max(1 << 20)).passages
}

/// [`shared_passages`] stopping once `budget` units of work are spent (a
/// place looked at or a word extended is one), saying whether it finished.
pub fn shared_passages_bounded(a: &[u32], b: &[u32], min_words: usize, budget: usize) -> SharedPassages {
    let n = min_words.max(1);
    if a.len() < n || b.len() < n {
        return SharedPassages { passages: Vec::new(), complete: true };
    }
    let mut work = 0usize;
    // Positions of the n-grams of `a` by their hash, as linked lists through
    // arrays (no allocation per n-gram, no hash map): `head[bucket]` is the
    // last start whose hash falls in that bucket; `chain[i]` holds the high
    // half of the hash of the n-gram at `i` (to pass over the others of its
    // bucket) and the start before `i` in the same bucket, side by side so
    // that following the list reads one place per start. Twice as many
    // buckets as n-grams keep the lists short.
    let grams = a.len() - n + 1;
    let bits = (2 * grams).next_power_of_two().trailing_zeros().max(1);
    let bucket = |h: u64| (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
    let tag = |h: u64| (h >> 32) as u32;
    let mut head = vec![u32::MAX; 1 << bits];
    let mut chain: Vec<(u32, u32)> = Vec::with_capacity(grams);
    for i in 0..grams {
        let h = gram_hash(&a[i..i + n]);
        let slot = &mut head[bucket(h)];
        chain.push((tag(h), *slot));
        *slot = i as u32;
    }
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for j in 0..=b.len() - n {
        let h = gram_hash(&b[j..j + n]);
        let mut at = head[bucket(h)];
        // The starts with this hash, last first.
        starts.clear();
        while let Some(&(t, before)) = chain.get(at as usize) {
            if t == tag(h) {
                starts.push(at);
            }
            at = before;
        }
        if starts.is_empty() {
            continue;
        }
        work += starts.len();
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
            work += len;
            out.push(SharedPassage { a: i as u32..(i + len) as u32, b: j as u32..(j + len) as u32 });
            if work > budget {
                return SharedPassages { passages: out, complete: false };
            }
        }
        if work > budget {
            return SharedPassages { passages: out, complete: false };
        }
    }
    SharedPassages { passages: out, complete: true }
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

    #[test]
    fn a_word_repeated_in_both_texts_stops_at_the_work_limit() {
        // 20,000 times the same word in each: 400 million pairs of places.
        let a = vec![7u32; 20_000];
        let mut b = vec![7u32; 20_000];
        b[0] = 1;
        let budget = WORK_PER_WORD * (a.len() + b.len());
        let found = shared_passages_bounded(&a, &b, 5, budget);
        assert!(!found.complete);
        // What was found is right: the first passages, at the start of b.
        assert!(!found.passages.is_empty());
        for p in &found.passages {
            assert_eq!(a[p.a.start as usize..p.a.end as usize], b[p.b.start as usize..p.b.end as usize]);
            assert!(p.b.start <= 200, "{p:?}");
        }
        // Ordinary text finishes well inside the limit.
        let text: Vec<u32> = (0..20_000).map(|k| k % 997 + (k / 997) * 1000).collect();
        let found = shared_passages_bounded(&text, &text, 5, WORK_PER_WORD * 2 * text.len());
        assert!(found.complete);
        assert_eq!(found.passages, vec![SharedPassage { a: 0..20_000, b: 0..20_000 }]);
    }
}
