//! The byte ranges of a text's words, found once at import and shared by
//! the transcript and every index built from it, packed because a corpus
//! keeps one range per word for as long as it is open.

use std::ops::Range;
use std::sync::Arc;

use super::words::for_each_word;

/// The byte range of every word of a text, as [`for_each_word`] finds them,
/// in order. Shared, not copied: a transcript segments its body once at
/// import and the phrase and search indexes keep the same ranges, so a
/// corpus is segmented into words exactly once.
///
/// Stored in about 2 bytes a word instead of 8 (a corpus of 20 million
/// words keeps 42 MB instead of 160; SOTU 4.3 MB, not 6.3 as with 16-bit
/// offsets): words go in blocks of [`WordRanges::BLOCK`], each block keeps
/// its first word's start, and each word in a byte how far its start is
/// from the previous word's, and its length in another. A word's start is
/// then its block's base plus at most 31 steps, summed. A block that does
/// not fit (a word of 255 bytes or more, or 255 bytes or more between two
/// words' starts) keeps its ranges in full.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct WordRanges(Arc<PackedRanges>);

/// The storage of [`WordRanges`].
#[derive(Default, PartialEq, Eq)]
struct PackedRanges {
    len: usize,
    /// Per block, the start of its first word, or [`WIDE`] when the block
    /// is kept in full in `wide`.
    base: Box<[u32]>,
    /// Per word, its start minus the previous word's start in its block (0
    /// for a block's first word).
    step: Box<[u8]>,
    /// Per word, its length in bytes.
    length: Box<[u8]>,
    /// Blocks kept in full, by block number (ascending).
    wide: Box<[WideBlock]>,
}

/// A block of word ranges kept in full: its number and its ranges.
type WideBlock = (u32, Box<[(u32, u32)]>);

/// The base of a block kept in full (no word starts there: a word has at
/// least one byte, and its end must fit in 32 bits too).
const WIDE: u32 = u32::MAX;

/// Collects ranges in order, block by block, into a [`PackedRanges`].
#[derive(Default)]
struct RangesBuilder {
    len: usize,
    base: Vec<u32>,
    step: Vec<u8>,
    length: Vec<u8>,
    wide: Vec<WideBlock>,
    block: Vec<(u32, u32)>,
}

impl RangesBuilder {
    fn with_capacity(words: usize) -> RangesBuilder {
        RangesBuilder {
            base: Vec::with_capacity(words / WordRanges::BLOCK + 1),
            step: Vec::with_capacity(words),
            length: Vec::with_capacity(words),
            block: Vec::with_capacity(WordRanges::BLOCK),
            ..RangesBuilder::default()
        }
    }

    #[inline]
    fn push(&mut self, s: u32, e: u32) {
        self.block.push((s, e));
        self.len += 1;
        if self.block.len() == WordRanges::BLOCK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let Some(&(first, _)) = self.block.first() else { return };
        // Checked and copied without a branch per word (this runs for every
        // word of every file): a wrapped difference is too large to fit.
        let max = u32::from(u8::MAX);
        let fits = first != WIDE
            && self
                .block
                .iter()
                .zip(std::iter::once(first).chain(self.block.iter().map(|&(s, _)| s)))
                .fold(true, |fits, (&(s, e), previous)| {
                    fits & (s.wrapping_sub(previous) < max) & (e.wrapping_sub(s) < max)
                });
        if fits {
            self.base.push(first);
            self.step.push(0);
            self.step.extend(self.block.windows(2).map(|w| w[1].0.wrapping_sub(w[0].0) as u8));
            self.length.extend(self.block.iter().map(|&(s, e)| e.wrapping_sub(s) as u8));
        } else {
            self.wide.push((self.base.len() as u32, self.block.as_slice().into()));
            self.base.push(WIDE);
            self.step.extend(std::iter::repeat_n(0, self.block.len()));
            self.length.extend(std::iter::repeat_n(0, self.block.len()));
        }
        self.block.clear();
    }

    fn finish(mut self) -> WordRanges {
        self.flush();
        WordRanges(Arc::new(PackedRanges {
            len: self.len,
            base: self.base.into_boxed_slice(),
            step: self.step.into_boxed_slice(),
            length: self.length.into_boxed_slice(),
            wide: self.wide.into_boxed_slice(),
        }))
    }
}

impl WordRanges {
    /// Words per block of the packed storage.
    pub const BLOCK: usize = 32;

    /// Segments `text` into words (one pass of [`for_each_word`]).
    pub fn of(text: &str) -> WordRanges {
        // Running text has more than five bytes a word: the arrays rarely
        // grow, and the rest is given back at the end.
        let mut ranges = RangesBuilder::with_capacity(text.len() / 5 + 8);
        for_each_word(text, |s, e| ranges.push(s as u32, e as u32));
        ranges.finish()
    }

    /// Ranges given in order (tests build odd ones this way).
    #[cfg(test)]
    fn from_ranges(ranges: impl IntoIterator<Item = (u32, u32)>) -> WordRanges {
        let mut packed = RangesBuilder::with_capacity(0);
        for (s, e) in ranges {
            packed.push(s, e);
        }
        packed.finish()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.0.len
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.0.len == 0
    }

    /// The byte range `(start, end)` of word `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<(u32, u32)> {
        let p = &*self.0;
        if i >= p.len {
            return None;
        }
        let block = i / Self::BLOCK;
        let base = *p.base.get(block)?;
        if base == WIDE {
            let k = p.wide.binary_search_by_key(&(block as u32), |w| w.0).ok()?;
            return p.wide.get(k)?.1.get(i % Self::BLOCK).copied();
        }
        let steps = p.step.get(block * Self::BLOCK..=i)?;
        let s = base + steps.iter().map(|&d| u32::from(d)).sum::<u32>();
        Some((s, s + u32::from(*p.length.get(i)?)))
    }

    /// Asks the processor to fetch what [`WordRanges::get`] reads for word
    /// `i` (a hint; nothing happens past the end): for passes that read
    /// the ranges of words all over a corpus in an order known ahead.
    #[inline]
    pub fn prefetch(&self, i: usize) {
        use crate::core::prefetch::prefetch;
        let p = &*self.0;
        let block = i / Self::BLOCK;
        prefetch(&p.base, block);
        // A block's steps may straddle two cache lines.
        prefetch(&p.step, block * Self::BLOCK);
        prefetch(&p.step, i);
        prefetch(&p.length, i);
    }

    /// The bytes from the start of word `words.start` to the end of word
    /// `words.end - 1`; empty when the range is empty or past the last word.
    pub fn byte_range(&self, words: Range<usize>) -> Range<usize> {
        match (self.get(words.start), words.end.checked_sub(1).and_then(|e| self.get(e))) {
            (Some((s, _)), Some((_, e))) if words.start < words.end => s as usize..e as usize,
            _ => 0..0,
        }
    }

    /// The first word's range.
    pub fn first(&self) -> Option<(u32, u32)> {
        self.get(0)
    }

    /// The last word's range.
    pub fn last(&self) -> Option<(u32, u32)> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Every word's range, in order (one step a word, not a sum).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (u32, u32)> + '_ {
        RangesIter { ranges: self, next: 0, start: 0 }
    }

    /// The ranges as a plain vector (tests, exports).
    pub fn to_vec(&self) -> Vec<(u32, u32)> {
        self.iter().collect()
    }

    /// Bytes of memory the ranges take (tests check the packing).
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        let p = &*self.0;
        p.base.len() * 4 + p.step.len() + p.length.len() + p.wide.iter().map(|w| 16 + w.1.len() * 8).sum::<usize>()
    }

    /// True when these ranges can be the words of `text`: they end inside
    /// it, on character boundaries. A cheap check against ranges left from
    /// another text, not a proof that they are exactly its words.
    pub fn fit(&self, text: &str) -> bool {
        match (self.first(), self.last()) {
            (Some((s, _)), Some((_, e))) => {
                (e as usize) <= text.len() && text.is_char_boundary(s as usize) && text.is_char_boundary(e as usize)
            }
            _ => true,
        }
    }

    /// True when both are the same shared ranges (one allocation), as a
    /// transcript's and its indexed document's are.
    pub fn shares(&self, other: &WordRanges) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// [`WordRanges::iter`]: walks each packed block adding steps.
struct RangesIter<'a> {
    ranges: &'a WordRanges,
    next: usize,
    /// The start of the previous word in a packed block.
    start: u32,
}

impl Iterator for RangesIter<'_> {
    type Item = (u32, u32);

    #[inline]
    fn next(&mut self) -> Option<(u32, u32)> {
        let p = &*self.ranges.0;
        let i = self.next;
        if i >= p.len {
            return None;
        }
        self.next += 1;
        let base = p.base.get(i / WordRanges::BLOCK).copied().unwrap_or(WIDE);
        if base == WIDE {
            return Some(self.ranges.get(i).unwrap_or((0, 0)));
        }
        self.start = if i.is_multiple_of(WordRanges::BLOCK) { base } else { self.start };
        self.start += p.step.get(i).map_or(0, |&d| u32::from(d));
        Some((self.start, self.start + p.length.get(i).map_or(0, |&l| u32::from(l))))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.ranges.len() - self.next.min(self.ranges.len());
        (left, Some(left))
    }
}

impl ExactSizeIterator for RangesIter<'_> {}

impl std::fmt::Debug for WordRanges {
    /// The number of words only: a body's ranges would flood any debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordRanges({} words)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word ranges as `for_each_word` reports them, unpacked.
    fn plain(text: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for_each_word(text, |s, e| out.push((s as u32, e as u32)));
        out
    }

    #[test]
    fn packed_ranges_keep_long_words_and_long_gaps() {
        // A word of 300 bytes, one of exactly 255, and 70,000 bytes of
        // punctuation between two words: their blocks are kept in full,
        // the blocks around them packed.
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!("слово{i} "));
        }
        text.push_str(&"x".repeat(300));
        text.push(' ');
        text.push_str(&"y".repeat(255));
        text.push(' ');
        for i in 0..50 {
            text.push_str(&format!("kelime{i} "));
        }
        text.push_str(&"-".repeat(70_000));
        text.push_str(" İstanbul son");
        let expected = plain(&text);
        let packed = WordRanges::of(&text);
        assert_eq!(packed.len(), expected.len());
        assert_eq!(packed.to_vec(), expected);
        for (i, &r) in expected.iter().enumerate() {
            assert_eq!(packed.get(i), Some(r), "word {i}");
        }
        assert_eq!(packed.get(expected.len()), None);
        assert_eq!(packed.last(), expected.last().copied());
        // Byte ranges of runs of words, across packed and full blocks.
        let n = expected.len();
        for (a, b) in [(0, 1), (0, n), (95, 110), (n - 3, n), (5, 5), (n - 1, n + 1)] {
            let want = if a < b && b <= n { expected[a].0 as usize..expected[b - 1].1 as usize } else { 0..0 };
            assert_eq!(packed.byte_range(a..b), want, "words {a}..{b}");
        }
        assert!(!packed.0.wide.is_empty(), "the long word's block is kept in full");
        assert!(packed.0.wide.len() < packed.0.base.len(), "the other blocks are packed");
        assert_eq!(WordRanges::from_ranges(expected.iter().copied()), packed);
        assert!(WordRanges::of("").is_empty());
        assert_eq!(WordRanges::of("").first(), None);
    }

    #[test]
    fn packed_ranges_take_about_two_bytes_a_word() {
        let text = "The Congress shall have power to lay and collect taxes, duties. ".repeat(2_000);
        let packed = WordRanges::of(&text);
        assert_eq!(packed.to_vec(), plain(&text));
        assert!(
            packed.heap_bytes() <= packed.len() * 9 / 4,
            "{} bytes for {} words",
            packed.heap_bytes(),
            packed.len()
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]
        #[test]
        fn packed_ranges_are_the_segmented_ones(
            words in proptest::collection::vec((0u32..300, 1u32..400), 0..200),
        ) {
            // Arbitrary gaps and lengths, some past what a block packs.
            let mut at = 0u32;
            let ranges: Vec<(u32, u32)> = words
                .iter()
                .map(|&(gap, len)| {
                    let gap = if gap == 299 { 70_000 } else { gap };
                    let r = (at + gap, at + gap + len);
                    at = r.1;
                    r
                })
                .collect();
            let packed = WordRanges::from_ranges(ranges.iter().copied());
            proptest::prop_assert_eq!(packed.to_vec(), ranges.clone());
            for (i, &r) in ranges.iter().enumerate() {
                proptest::prop_assert_eq!(packed.get(i), Some(r));
            }
        }
    }
}
