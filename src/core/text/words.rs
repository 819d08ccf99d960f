//! Finding the words of a body: Unicode word segmentation, with a fast path
//! for ASCII text, and hyphenated words kept together, so that the
//! transcript, the phrase index and the search agree on where words are.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::language::Language;
use super::normalize::normalize_into;

/// One word of a body: where it is and how it compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the body (always on character boundaries).
    pub range: Range<usize>,
    /// The normalized form used for matching.
    pub norm: String,
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
            if chunk.chars().any(super::cjk::is_han) {
                han_aware_segments(chunk, ws_start, &mut f);
            } else {
                for (s, w) in chunk.unicode_word_indices() {
                    f(ws_start + s, ws_start + s + w.len());
                }
            }
        }
        done = chunk_end;
    }
}

/// The word segments of a chunk holding Han characters: Unicode's, except
/// that each run of Han characters (which Unicode cuts into single
/// characters) is cut into dictionary words ([`super::cjk`]).
fn han_aware_segments(chunk: &str, offset: usize, f: &mut impl FnMut(usize, usize)) {
    // The run of Han characters not yet cut: its start and end in `chunk`.
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, f: &mut dyn FnMut(usize, usize)| {
        if let Some((s, e)) = run.take()
            && let Some(text) = chunk.get(s..e)
        {
            super::cjk::for_each_han_word(text, offset + s, &mut |a, b| f(a, b));
        }
    };
    for (s, w) in chunk.unicode_word_indices() {
        let e = s + w.len();
        if w.chars().all(super::cjk::is_han) {
            match run {
                Some((rs, re)) if re == s => run = Some((rs, e)),
                _ => {
                    flush(&mut run, f);
                    run = Some((s, e));
                }
            }
        } else {
            flush(&mut run, f);
            f(offset + s, offset + e);
        }
    }
    flush(&mut run, f);
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

/// Splits `body` into words with Unicode word segmentation (a word is a
/// segment containing a letter or digit), keeps hyphenated words together,
/// and normalizes each one with [`normalize`](crate::core::text::normalize()).
pub fn tokenize(body: &str, language: Language) -> Vec<Word> {
    let mut words = Vec::new();
    for_each_word(body, |s, e| {
        let mut norm = String::new();
        normalize_into(&body[s..e], language, &mut norm);
        words.push(Word { range: s..e, norm });
    });
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str, lang: Language) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn han_runs_are_dictionary_words_and_the_rest_of_the_chunk_is_unicode_segments() {
        let text = "2019年我们坚持和平发展道路，カタカナ abc 中国";
        let mut words = Vec::new();
        for_each_word(text, |s, e| words.push(&text[s..e]));
        assert_eq!(words, ["2019", "年", "我们", "坚持", "和平", "发展", "道路", "カタカナ", "abc", "中国"]);
        // Text without Han characters is segmented as before.
        let mut plain = Vec::new();
        for_each_word("состояние Союза, Birliğin durumu", |s, e| plain.push((s, e)));
        assert_eq!(plain.len(), 4);
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
    }
}
