//! Interning normalized words as small integers, so phrases are found by
//! comparing numbers instead of strings.

use rustc_hash::FxHashMap;

use super::tokenize::{Language, is_number};

/// A word of at most 15 bytes packed into two integers: its bytes
/// little-endian, zero-padded, with the length in the top byte. Two packed
/// words are equal exactly when their bytes are, so nearly every word is
/// hashed and compared as integers, without touching its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ShortWord {
    lo: u64,
    hi: u64,
}

/// The high bit of every byte: none is set in ASCII text.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

impl ShortWord {
    /// Longest word packed.
    pub(crate) const MAX_LEN: usize = 15;

    /// The bytes `s..e` of `bytes`, when there are at most
    /// [`ShortWord::MAX_LEN`] of them.
    #[inline]
    pub(crate) fn pack(bytes: &[u8], s: usize, e: usize) -> Option<ShortWord> {
        let len = e.checked_sub(s)?;
        if len > Self::MAX_LEN {
            return None;
        }
        // Sixteen bytes from the start are read at once where there are
        // that many; the bytes past the word are masked off.
        let v = match bytes.get(s..s + 16).and_then(|b| <[u8; 16]>::try_from(b).ok()) {
            Some(chunk) => u128::from_le_bytes(chunk) & ((1u128 << (8 * len)) - 1),
            None => {
                let mut chunk = [0u8; 16];
                chunk.get_mut(..len)?.copy_from_slice(bytes.get(s..e)?);
                u128::from_le_bytes(chunk)
            }
        };
        let v = v | ((len as u128) << 120);
        Some(ShortWord { lo: v as u64, hi: (v >> 64) as u64 })
    }

    /// `word`, when it is short enough.
    #[inline]
    pub(crate) fn of(word: &str) -> Option<ShortWord> {
        Self::pack(word.as_bytes(), 0, word.len())
    }

    /// True when every byte is ASCII.
    #[inline]
    pub(crate) fn is_ascii(self) -> bool {
        (self.lo | self.hi) & HIGH_BITS == 0
    }

    /// The word with ASCII `A`–`Z` lowercased; only for an ASCII word.
    #[inline]
    pub(crate) fn ascii_lowercase(self) -> ShortWord {
        // Per byte (all below 0x80, so no carries): the high bit of `x +
        // 0x3f` is set from `A` (0x41) up, that of `x + 0x25` past `Z`
        // (0x5a). The length byte (at most 15) is no letter.
        let lower = |x: u64| {
            let upper = (x + 0x3F3F_3F3F_3F3F_3F3F) & !(x + 0x2525_2525_2525_2525) & HIGH_BITS;
            x | (upper >> 2)
        };
        ShortWord { lo: lower(self.lo), hi: lower(self.hi) }
    }

    /// A hash for hash tables: one wide multiply of the halves, folded,
    /// which mixes every input bit into the high and low bits hashbrown uses.
    #[inline]
    pub(crate) fn hash(self) -> u64 {
        let m = u128::from(self.lo ^ 0x243F_6A88_85A3_08D3).wrapping_mul(u128::from(self.hi ^ 0x1319_8A2E_0370_7344));
        (m as u64) ^ ((m >> 64) as u64)
    }

    /// The word's bytes.
    pub(crate) fn with_bytes<R>(self, f: impl FnOnce(&[u8]) -> R) -> R {
        let all = (u128::from(self.hi) << 64 | u128::from(self.lo)).to_le_bytes();
        let len = ((self.hi >> 56) as usize).min(Self::MAX_LEN);
        f(all.get(..len).unwrap_or(&[]))
    }
}

/// Every distinct normalized word (and stem) seen, numbered from 0.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Ids of the words longer than [`ShortWord::MAX_LEN`] bytes.
    ids: FxHashMap<Box<str>, u32>,
    /// Ids of the shorter words (nearly all), by their packed bytes.
    short: hashbrown::HashTable<(ShortWord, u32)>,
    words: Vec<Box<str>>,
    numbers: Vec<bool>,
    stems: FxHashMap<(u32, u8), u32>,
}

impl Vocabulary {
    /// The id of `word`, adding it when new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(short) = ShortWord::of(word) {
            return self.intern_short(short);
        }
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.push(word);
        self.ids.insert(word.into(), id);
        id
    }

    /// The id of a packed word (from a `str`, so valid UTF-8), adding it
    /// when new: [`Vocabulary::intern`] without reading the text.
    #[inline]
    pub(crate) fn intern_short(&mut self, word: ShortWord) -> u32 {
        let h = word.hash();
        if let Some(&(_, id)) = self.short.find(h, |&(w, _)| w == word) {
            return id;
        }
        let id = word.with_bytes(|b| self.push(&String::from_utf8_lossy(b)));
        self.short.insert_unique(h, (word, id), |&(w, _)| w.hash());
        id
    }

    /// Numbers a new word.
    fn push(&mut self, word: &str) -> u32 {
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.numbers.push(is_number(word));
        id
    }

    /// The word with this id.
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    /// True when the word is a number ("1790", "3.5").
    pub fn is_number(&self, id: u32) -> bool {
        self.numbers.get(id as usize).copied().unwrap_or(false)
    }

    /// Number of distinct words and stems.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True before any word was added.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The id of the Snowball stem of word `id` in `language`, when
    /// [`Vocabulary::stem`] has already computed it.
    pub fn stem_of(&self, id: u32, language: Language) -> Option<u32> {
        let algorithm = language.stemmer_for(self.word(id));
        self.stems.get(&(id, algorithm as u8)).copied()
    }

    /// The id of the Snowball stem of word `id` in `language` (cached).
    pub fn stem(&mut self, id: u32, language: Language) -> u32 {
        let word = self.word(id).to_string();
        let algorithm = language.stemmer_for(&word);
        let key = (id, algorithm as u8);
        if let Some(&s) = self.stems.get(&key) {
            return s;
        }
        let stemmed = rust_stemmers::Stemmer::create(algorithm).stem(&word).into_owned();
        let s = self.intern(&stemmed);
        self.stems.insert(key, s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_are_equal_exactly_when_their_bytes_are() {
        let words = ["", "a", "A", "the", "The", "THE", "a\0", "fifteen-bytes-x", "İstanbul", "ещё", "z[@`{"];
        let packed: Vec<Option<ShortWord>> = words.iter().map(|w| ShortWord::of(w)).collect();
        for (i, a) in packed.iter().enumerate() {
            let a = a.unwrap();
            assert_eq!(a.with_bytes(|b| b.to_vec()), words[i].as_bytes());
            for (j, b) in packed.iter().enumerate() {
                assert_eq!(a == b.unwrap(), i == j, "{:?} {:?}", words[i], words[j]);
            }
        }
        assert_eq!(ShortWord::of("sixteen-bytes-xx"), None);
        // Read from inside a longer text, and at its very end.
        let text = "Say THE word";
        assert_eq!(ShortWord::pack(text.as_bytes(), 4, 7), ShortWord::of("THE"));
        assert_eq!(ShortWord::pack(text.as_bytes(), 8, 12), ShortWord::of("word"));
    }

    #[test]
    fn ascii_lowercase_matches_std_on_every_byte() {
        let all: Vec<u8> = (0u8..0x80).collect();
        for chunk in all.chunks(15) {
            let w = ShortWord::pack(chunk, 0, chunk.len()).unwrap();
            assert!(w.is_ascii());
            assert_eq!(w.ascii_lowercase().with_bytes(|b| b.to_vec()), chunk.to_ascii_lowercase());
        }
        assert!(!ShortWord::of("ещё").unwrap().is_ascii());
    }

    #[test]
    fn short_and_long_words_share_one_numbering() {
        let mut v = Vocabulary::default();
        let a = v.intern("state");
        let long = v.intern("responsibilities-x");
        assert_eq!(v.intern_short(ShortWord::of("state").unwrap()), a);
        assert_eq!(v.intern_short(ShortWord::of("union").unwrap()), 2);
        assert_eq!(v.intern("union"), 2);
        assert_eq!(v.intern("responsibilities-x"), long);
        assert_eq!((v.word(0), v.word(1), v.word(2), v.len()), ("state", "responsibilities-x", "union", 3));
        assert!(v.intern("1790") == 3 && v.is_number(3));
    }
}
