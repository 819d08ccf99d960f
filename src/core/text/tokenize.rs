//! Splitting a transcript's body into words and normalizing them for
//! matching, so that "Russia’s" and "russia's", "İstanbul" and "istanbul",
//! "ещё" and "еще" count as the same word.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

/// One word of a body: where it is and how it compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the body (always on character boundaries).
    pub range: Range<usize>,
    /// The normalized form used for matching.
    pub norm: String,
}

/// The language rules that change how words are normalized or stemmed,
/// read from a transcript's language tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// No tag, or one without special rules: English stemming for Latin
    /// script and Russian stemming for Cyrillic words.
    #[default]
    Unknown,
    /// English.
    English,
    /// Russian.
    Russian,
    /// Turkish: dotted and dotless i are different letters.
    Turkish,
    /// Another language with a Snowball stemmer.
    Other(StemLanguage),
}

/// Languages with a Snowball stemmer besides English, Russian and Turkish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum StemLanguage {
    Arabic,
    Danish,
    Dutch,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Spanish,
    Swedish,
    Tamil,
}

impl Language {
    /// The first language tag that Refrain has rules for (`tr-TR` → Turkish).
    pub fn from_tags<S: AsRef<str>>(tags: &[S]) -> Language {
        tags.iter().map(|t| Language::from_tag(t.as_ref())).find(|l| *l != Language::Unknown).unwrap_or_default()
    }

    fn from_tag(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        use StemLanguage::*;
        match primary.as_str() {
            "en" => Language::English,
            "ru" => Language::Russian,
            "tr" => Language::Turkish,
            "ar" => Language::Other(Arabic),
            "da" => Language::Other(Danish),
            "nl" => Language::Other(Dutch),
            "fi" => Language::Other(Finnish),
            "fr" => Language::Other(French),
            "de" => Language::Other(German),
            "el" => Language::Other(Greek),
            "hu" => Language::Other(Hungarian),
            "it" => Language::Other(Italian),
            "no" | "nb" | "nn" => Language::Other(Norwegian),
            "pt" => Language::Other(Portuguese),
            "ro" => Language::Other(Romanian),
            "es" => Language::Other(Spanish),
            "sv" => Language::Other(Swedish),
            "ta" => Language::Other(Tamil),
            _ => Language::Unknown,
        }
    }

    /// The Snowball algorithm for a word of this language; for an unknown
    /// language, chosen by the word's script.
    pub fn stemmer_for(self, word: &str) -> rust_stemmers::Algorithm {
        use rust_stemmers::Algorithm as A;
        match self {
            Language::English => A::English,
            Language::Russian => A::Russian,
            Language::Turkish => A::Turkish,
            Language::Other(l) => match l {
                StemLanguage::Arabic => A::Arabic,
                StemLanguage::Danish => A::Danish,
                StemLanguage::Dutch => A::Dutch,
                StemLanguage::Finnish => A::Finnish,
                StemLanguage::French => A::French,
                StemLanguage::German => A::German,
                StemLanguage::Greek => A::Greek,
                StemLanguage::Hungarian => A::Hungarian,
                StemLanguage::Italian => A::Italian,
                StemLanguage::Norwegian => A::Norwegian,
                StemLanguage::Portuguese => A::Portuguese,
                StemLanguage::Romanian => A::Romanian,
                StemLanguage::Spanish => A::Spanish,
                StemLanguage::Swedish => A::Swedish,
                StemLanguage::Tamil => A::Tamil,
            },
            Language::Unknown => {
                if word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                    A::Russian
                } else {
                    A::English
                }
            }
        }
    }
}

/// Hyphens that join the parts of one word ("well-considered"): `-`,
/// U+2010 and U+2011, as UTF-8 (segments start and end on character
/// boundaries, so comparing bytes is comparing text).
fn is_joining_hyphen(s: &[u8]) -> bool {
    matches!(s, b"-" | b"\xE2\x80\x90" | b"\xE2\x80\x91")
}

/// The word segments of an ASCII chunk, by the rules of UAX #29 restricted
/// to ASCII (letters and digits join; `:` `.` `'` join two letters; `.` `'`
/// `,` `;` join two digits; `_` joins anything word-like), keeping those
/// with a letter or digit. Equal to unicode-segmentation's
/// `unicode_word_indices` on ASCII text (a property test checks it), and
/// several times faster.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))] // the oracle of the mask version's test there
fn ascii_words_scalar(bytes: &[u8], offset: usize, f: &mut impl FnMut(usize, usize)) {
    let n = bytes.len();
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < n {
        while i < n && !word_byte(bytes[i]) {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        let mut alnum = false;
        loop {
            let run = i;
            while i < n && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            alnum |= i > run;
            if i < n && bytes[i] == b'_' {
                i += 1;
                continue;
            }
            // A joiner between two letters or two digits (the byte before
            // it is the last one of the word so far).
            if i + 1 < n && i > start {
                let (before, mid, after) = (bytes[i - 1], bytes[i], bytes[i + 1]);
                let joins = (before.is_ascii_alphabetic()
                    && after.is_ascii_alphabetic()
                    && matches!(mid, b':' | b'.' | b'\''))
                    || (before.is_ascii_digit() && after.is_ascii_digit() && matches!(mid, b'.' | b'\'' | b',' | b';'));
                if joins {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if alnum {
            f(offset + start, offset + i);
        }
    }
}

/// The word segments of ASCII text: [`ascii_words_scalar`]'s rules, on
/// x86-64 found 64 bytes at a time from SSE2 bit masks (most branches of the
/// byte loop go, and with them its mispredictions: about 4x faster).
#[cfg(target_arch = "x86_64")]
fn ascii_words(bytes: &[u8], offset: usize, f: &mut impl FnMut(usize, usize)) {
    masks::words(bytes, offset, f);
}

/// The word segments of ASCII text (no SIMD on this target).
#[cfg(not(target_arch = "x86_64"))]
fn ascii_words(bytes: &[u8], offset: usize, f: &mut impl FnMut(usize, usize)) {
    ascii_words_scalar(bytes, offset, f);
}

/// Word segmentation of ASCII text by bit masks (bit `j` of a mask is byte
/// `j` of a 64-byte block): a byte is in a word when it is a letter, digit
/// or `_`, or a joiner between two letters (`:` `.` `'`) or two digits
/// (`.` `'` `,` `;`); a word is a run of such bytes holding a letter or
/// digit.
#[cfg(target_arch = "x86_64")]
mod masks {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// What the bytes of one block are.
    #[derive(Clone, Copy, Default)]
    struct Block {
        letter: u64,
        digit: u64,
        underscore: u64,
        joins_letters: u64,
        joins_digits: u64,
    }

    /// The masks of 16 bytes, at bit `shift` up.
    fn sixteen(chunk: &[u8; 16], shift: u32, b: &mut Block) {
        // SAFETY: SSE2 is part of every x86-64 processor, and the load reads
        // exactly the 16 bytes of `chunk`.
        let m = unsafe {
            let v: __m128i = _mm_loadu_si128(chunk.as_ptr().cast());
            let between = |v: __m128i, lo: u8, hi: u8| {
                // Signed compares: every byte here is ASCII (below 0x80),
                // or negative and then in no range.
                let above = _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1));
                let below = _mm_cmpgt_epi8(_mm_set1_epi8(hi as i8 + 1), v);
                _mm_and_si128(above, below)
            };
            let is = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let mask = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16);
            let letter = between(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
            let digit = between(v, b'0', b'9');
            let dot_or_quote = _mm_or_si128(is(b'.'), is(b'\''));
            [
                mask(letter),
                mask(digit),
                mask(is(b'_')),
                mask(_mm_or_si128(dot_or_quote, is(b':'))),
                mask(_mm_or_si128(dot_or_quote, _mm_or_si128(is(b','), is(b';')))),
            ]
        };
        b.letter |= m[0] << shift;
        b.digit |= m[1] << shift;
        b.underscore |= m[2] << shift;
        b.joins_letters |= m[3] << shift;
        b.joins_digits |= m[4] << shift;
    }

    /// The masks of up to 64 bytes (missing bytes are in no mask).
    fn block(bytes: &[u8]) -> Block {
        let mut b = Block::default();
        let mut padded = [0u8; 64];
        let full = match bytes.get(..64) {
            Some(full) => full,
            None => {
                padded[..bytes.len()].copy_from_slice(bytes);
                &padded
            }
        };
        for (k, chunk) in full.chunks_exact(16).enumerate() {
            if let Ok(chunk) = <&[u8; 16]>::try_from(chunk) {
                sixteen(chunk, 16 * k as u32, &mut b);
            }
        }
        b
    }

    /// Bits `0..k`.
    fn low(k: u32) -> u64 {
        if k >= 64 { u64::MAX } else { (1u64 << k) - 1 }
    }

    pub(super) fn words(bytes: &[u8], offset: usize, f: &mut impl FnMut(usize, usize)) {
        let mut cur = block(bytes);
        // Whether the byte before the block is in a word.
        let mut prev_word = 0u64;
        // The word going on from an earlier block: its start, has an alnum.
        let mut open: Option<(usize, bool)> = None;
        let mut base = 0;
        // The bytes of block `b` in a word, given the letter and digit bits
        // of the byte before it and the masks of the block after it.
        let word_of = |b: &Block, prev_letter: u64, prev_digit: u64, next: &Block| {
            let letter_before = b.letter << 1 | prev_letter;
            let letter_after = b.letter >> 1 | (next.letter & 1) << 63;
            let digit_before = b.digit << 1 | prev_digit;
            let digit_after = b.digit >> 1 | (next.digit & 1) << 63;
            let joined =
                (b.joins_letters & letter_before & letter_after) | (b.joins_digits & digit_before & digit_after);
            b.letter | b.digit | b.underscore | joined
        };
        let mut next = if bytes.len() > 64 { block(&bytes[64..]) } else { Block::default() };
        let mut word = word_of(&cur, 0, 0, &next);
        while base < bytes.len() {
            let after = if base + 128 < bytes.len() { block(&bytes[base + 128..]) } else { Block::default() };
            let next_word = word_of(&next, cur.letter >> 63, cur.digit >> 63, &after);
            let alnum = cur.letter | cur.digit;
            let mut starts = word & !(word << 1 | prev_word);
            let mut ends = word & !(word >> 1 | (next_word & 1) << 63);
            if let Some((start, has)) = open {
                if ends == 0 {
                    open = Some((start, has || alnum != 0));
                } else {
                    let e = ends.trailing_zeros();
                    ends &= ends - 1;
                    if has || alnum & low(e + 1) != 0 {
                        f(offset + start, offset + base + e as usize + 1);
                    }
                    open = None;
                }
            }
            while starts != 0 {
                let s = starts.trailing_zeros();
                starts &= starts - 1;
                let has = alnum >> s != 0;
                if ends == 0 {
                    open = Some((base + s as usize, has));
                    break;
                }
                let e = ends.trailing_zeros();
                ends &= ends - 1;
                if (alnum >> s) & low(e - s + 1) != 0 {
                    f(offset + base + s as usize, offset + base + e as usize + 1);
                }
            }
            prev_word = word >> 63;
            cur = next;
            next = after;
            word = next_word;
            base += 64;
        }
        if let Some((start, true)) = open {
            f(offset + start, offset + bytes.len());
        }
    }
}

/// True for the white space that separates chunks of text.
#[inline]
fn is_chunk_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r')
}

/// Calls `f` with the byte range of every word segment of `text` (Unicode
/// word segmentation; a word is a segment containing a letter or digit).
/// Segments never cross white space, so each white-space-separated chunk
/// can be segmented on its own: a chunk holding a non-ASCII character by
/// unicode-segmentation, and all the ASCII text between such chunks in one
/// go by a fast path (most transcripts are mostly ASCII).
pub fn for_each_word_segment(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut done = 0;
    while done < bytes.len() {
        let rest = &bytes[done..];
        let Some(k) = rest.iter().position(|&b| b >= 0x80) else {
            ascii_words(rest, done, &mut f);
            return;
        };
        let non_ascii = done + k;
        // The chunk around it, and the white space before the chunk, which
        // goes along: a combining mark at the chunk's start attaches to it,
        // as in the whole text.
        let chunk_start =
            bytes[done..non_ascii].iter().rposition(|&b| is_chunk_space(b)).map_or(done, |p| done + p + 1);
        let ws_start =
            bytes[done..chunk_start].iter().rposition(|&b| !is_chunk_space(b)).map_or(done, |p| done + p + 1);
        let chunk_end =
            bytes[non_ascii..].iter().position(|&b| is_chunk_space(b)).map_or(bytes.len(), |p| non_ascii + p);
        ascii_words(&bytes[done..ws_start], done, &mut f);
        if let Some(chunk) = text.get(ws_start..chunk_end) {
            for (s, w) in chunk.unicode_word_indices() {
                f(ws_start + s, ws_start + s + w.len());
            }
        }
        done = chunk_end;
    }
}

/// Calls `f` with the byte range of every word of `text`: word segments,
/// with the parts of hyphenated words joined.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize)) {
    let mut pending: Option<(usize, usize)> = None;
    for_each_word_segment(text, |s, e| match pending {
        Some((ps, pe)) if text.as_bytes().get(pe..s).is_some_and(is_joining_hyphen) => pending = Some((ps, e)),
        Some((ps, pe)) => {
            f(ps, pe);
            pending = Some((s, e));
        }
        None => pending = Some((s, e)),
    });
    if let Some((s, e)) = pending {
        f(s, e);
    }
}

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

/// Splits `body` into words with Unicode word segmentation (a word is a
/// segment containing a letter or digit), keeps hyphenated words together,
/// and normalizes each one with [`normalize`].
pub fn tokenize(body: &str, language: Language) -> Vec<Word> {
    let mut words = Vec::new();
    for_each_word(body, |s, e| {
        let mut norm = String::new();
        normalize_into(&body[s..e], language, &mut norm);
        words.push(Word { range: s..e, norm });
    });
    words
}

/// [`normalize`] into a reusable buffer (cleared first), so tokenizing a
/// corpus does not allocate a string per word.
pub fn normalize_into(word: &str, language: Language, out: &mut String) {
    out.clear();
    // Most words are ASCII: lowercase them in place, no intermediate string.
    if word.is_ascii() && !(language == Language::Turkish && word.contains('I')) {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    match normalize(word, language) {
        Cow::Borrowed(w) => out.push_str(w),
        Cow::Owned(w) => out.push_str(&w),
    }
}

/// The matching form of a word: lowercase (with Turkish İ/ı rules when the
/// language is Turkish), curly and straight apostrophes unified, ё folded
/// to е, Unicode hyphens to `-`.
pub fn normalize(word: &str, language: Language) -> Cow<'_, str> {
    let plain = word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'' || b == b'-');
    if plain {
        return Cow::Borrowed(word);
    }
    if word.is_ascii() {
        let mut s = word.to_ascii_lowercase();
        if language == Language::Turkish && word.contains('I') {
            s = word.chars().map(|c| if c == 'I' { 'ı' } else { c.to_ascii_lowercase() }).collect();
        }
        return Cow::Owned(s);
    }
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '’' | '‘' | 'ʼ' | '′' | '`' | '´' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            'ё' | 'Ё' => out.push('е'),
            // A decomposed İ (I + combining dot above) is one letter.
            'I' if chars.peek() == Some(&'\u{307}') => {
                chars.next();
                out.push('i');
            }
            'I' if language == Language::Turkish => out.push('ı'),
            'İ' => out.push('i'),
            c if c.is_lowercase() || !c.is_alphabetic() => out.push(c),
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// True for words made only of digits and number punctuation ("1790",
/// "3.5", "1,000"), which the "ignore numbers" option skips.
pub fn is_number(norm: &str) -> bool {
    norm.chars().any(|c| c.is_numeric()) && norm.chars().all(|c| c.is_numeric() || matches!(c, '.' | ',' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str, lang: Language) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn words_keep_exact_byte_ranges() {
        let text = "Foreign Minister Lavrov’s remarks — «Мы остаёмся открытыми»!";
        let words = tokenize(text, Language::Unknown);
        let originals: Vec<&str> = words.iter().map(|w| &text[w.range.clone()]).collect();
        assert_eq!(originals, vec!["Foreign", "Minister", "Lavrov’s", "remarks", "Мы", "остаёмся", "открытыми"]);
        assert_eq!(words[2].norm, "lavrov's");
        assert_eq!(words[5].norm, "остаемся");
    }

    #[test]
    fn apostrophes_quotes_and_hyphens() {
        assert_eq!(norms("Russia's Russia’s RUSSIA’S", Language::English), vec!["russia's"; 3]);
        assert_eq!(
            norms("well-considered inter‐religious „quoted“ “words”", Language::English),
            vec!["well-considered", "inter-religious", "quoted", "words"]
        );
        assert_eq!(norms("a - b", Language::English), vec!["a", "b"]);
    }

    #[test]
    fn turkish_dotted_and_dotless_i() {
        // In Turkish, I lowercases to ı and İ to i.
        assert_eq!(norms("ISPARTA İSTANBUL Işık", Language::Turkish), vec!["ısparta", "istanbul", "ışık"]);
        // Elsewhere I is i, and İ still folds to a plain i.
        assert_eq!(norms("ISPARTA İstanbul", Language::English), vec!["isparta", "istanbul"]);
        // A decomposed İ (I + U+0307) is the same word.
        assert_eq!(norms("I\u{307}stanbul", Language::Turkish), vec!["istanbul"]);
    }

    #[test]
    fn cyrillic_case_and_yo() {
        assert_eq!(norms("ЕЩЁ Ещё еще", Language::Russian), vec!["еще"; 3]);
    }

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
        fn mask_segmentation_equals_the_byte_loop(
            text in proptest::string::string_regex("[aZq7_.,;:' \n\t()-]{0,300}").unwrap(),
            shift in 0usize..70,
        ) {
            // Also with the words at every offset within a block.
            let text = format!("{}{text}", " ".repeat(shift));
            let (mut masks, mut bytes) = (Vec::new(), Vec::new());
            ascii_words(text.as_bytes(), 3, &mut |s, e| masks.push((s, e)));
            ascii_words_scalar(text.as_bytes(), 3, &mut |s, e| bytes.push((s, e)));
            proptest::prop_assert_eq!(masks, bytes, "{:?}", text);
        }

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

    #[test]
    fn numbers() {
        assert!(is_number("1790") && is_number("1,000") && is_number("3.5"));
        assert!(!is_number("70th") && !is_number("g20") && !is_number("word"));
        assert_eq!(Language::from_tags(&["xx", "tr-TR"]), Language::Turkish);
        assert_eq!(Language::Unknown.stemmer_for("слово") as u8, rust_stemmers::Algorithm::Russian as u8);
    }
}
