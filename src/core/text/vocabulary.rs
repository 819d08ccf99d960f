//! Interning normalized words as small integers, so phrases are found by
//! comparing numbers instead of strings.

use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use crate::core::text::{Language, WordRanges, is_number};

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

/// Distinct words numbered from 0 in the order first seen; short words
/// ([`ShortWord`], nearly all) are looked up by their packed bytes.
#[derive(Debug, Default, Clone)]
pub(crate) struct WordIds {
    /// Ids of the words longer than [`ShortWord::MAX_LEN`] bytes.
    long: FxHashMap<Box<str>, u32>,
    /// Ids of the shorter words, by their packed bytes.
    short: hashbrown::HashTable<(ShortWord, u32)>,
    /// Every word, one after the other, by id: one string, not one
    /// allocation per word (SOTU's 45,000 words take 0.5 MB, not 1.8).
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
}

impl WordIds {
    /// The id of `word`, and whether it is new.
    pub(crate) fn intern(&mut self, word: &str) -> (u32, bool) {
        if let Some(short) = ShortWord::of(word) {
            return self.intern_short(short);
        }
        if let Some(&id) = self.long.get(word) {
            return (id, false);
        }
        let id = self.push(word);
        self.long.insert(word.into(), id);
        (id, true)
    }

    /// The id of a packed word (from a `str`, so valid UTF-8), and whether
    /// it is new: [`WordIds::intern`] without reading the text.
    #[inline]
    pub(crate) fn intern_short(&mut self, word: ShortWord) -> (u32, bool) {
        let h = word.hash();
        if let Some(&(_, id)) = self.short.find(h, |&(w, _)| w == word) {
            return (id, false);
        }
        let id = word.with_bytes(|b| self.push(&String::from_utf8_lossy(b)));
        self.short.insert_unique(h, (word, id), |&(w, _)| w.hash());
        (id, true)
    }

    /// The id of `word`, if it was seen.
    pub(crate) fn get(&self, word: &str) -> Option<u32> {
        match ShortWord::of(word) {
            Some(short) => self.short.find(short.hash(), |&(w, _)| w == short).map(|&(_, id)| id),
            None => self.long.get(word).copied(),
        }
    }

    /// Appends a new word; its id.
    fn push(&mut self, word: &str) -> u32 {
        let id = self.ends.len() as u32;
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        id
    }

    /// The word with this id ("" for an unknown id).
    pub(crate) fn word(&self, id: u32) -> &str {
        let i = id as usize;
        let Some(&end) = self.ends.get(i) else { return "" };
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) };
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Every word, by id.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len() as u32).map(|id| self.word(id))
    }
}

/// What a document's distinct words are interned into: the phrase engine's
/// [`Vocabulary`] or the search index's [`WordIds`].
pub(crate) trait Interner {
    /// The id of `word`, adding it when new.
    fn id_of(&mut self, word: &str) -> u32;
    /// The id of a packed word, adding it when new.
    fn id_of_short(&mut self, word: ShortWord) -> u32;
}

impl Interner for WordIds {
    fn id_of(&mut self, word: &str) -> u32 {
        self.intern(word).0
    }
    #[inline]
    fn id_of_short(&mut self, word: ShortWord) -> u32 {
        self.intern_short(word).0
    }
}

impl Interner for Vocabulary {
    fn id_of(&mut self, word: &str) -> u32 {
        self.intern(word)
    }
    #[inline]
    fn id_of_short(&mut self, word: ShortWord) -> u32 {
        self.intern_short(word)
    }
}

/// One document's words, interned into a vocabulary of its own (in
/// parallel with other documents), so only its distinct words meet the
/// shared vocabulary.
pub(crate) struct LocalTokens {
    /// The local id of each word.
    ids: Vec<u32>,
    /// The distinct normalized words, by local id.
    words: Vec<LocalWord>,
    /// The text of the distinct words too long to pack, end to end.
    long: String,
}

/// A distinct word of a document.
#[derive(Clone, Copy)]
enum LocalWord {
    /// Packed (nearly every word).
    Short(ShortWord),
    /// Too long to pack: its byte range in [`LocalTokens::long`].
    Long(u32, u32),
}

/// The distinct words of a document being tokenized, with their local ids
/// by content.
#[derive(Default)]
struct LocalWords {
    words: Vec<LocalWord>,
    long: String,
    short_ids: hashbrown::HashTable<(ShortWord, u32)>,
    long_ids: hashbrown::HashTable<u32>,
}

impl LocalTokens {
    /// Interns the words of `body` at `ranges` (its word ranges, found at
    /// import: the body is not segmented again), in the form `normalize`
    /// gives them. `ascii_lowercase` says that for an ASCII word that form
    /// is the word lowercased (true outside Turkish, where I becomes ı).
    ///
    /// A normalized word of up to 15 bytes (nearly every word) is looked up
    /// packed ([`ShortWord`]): hashed and compared as two integers, and a
    /// short ASCII word is then lowercased right in its packed form instead
    /// of calling `normalize`. Any other word is normalized once per
    /// spelling: most repeat as written ("the", "The").
    pub(crate) fn of(
        body: &str,
        ranges: &WordRanges,
        ascii_lowercase: bool,
        mut normalize: impl FnMut(&str, &mut String),
    ) -> LocalTokens {
        let hash = |w: &str| rustc_hash::FxBuildHasher.hash_one(w);
        let bytes = body.as_bytes();
        let mut ids = Vec::with_capacity(ranges.len());
        let mut local = LocalWords { short_ids: hashbrown::HashTable::with_capacity(2048), ..LocalWords::default() };
        // Spellings normalized the slow way, as their first range in the
        // body, with their id.
        let mut spellings: hashbrown::HashTable<(u32, u32, u32)> = hashbrown::HashTable::new();
        let spelled = |&(s, e, _): &(u32, u32, u32)| body.get(s as usize..e as usize).unwrap_or("");
        let mut scratch = String::new();
        for (s, e) in ranges.iter() {
            let id = match ShortWord::pack(bytes, s as usize, e as usize) {
                Some(w) if ascii_lowercase && w.is_ascii() => local.intern_short(w.ascii_lowercase()),
                _ => {
                    let written = body.get(s as usize..e as usize).unwrap_or("");
                    let hw = hash(written);
                    match spellings.find(hw, |sp| spelled(sp) == written) {
                        Some(&(_, _, id)) => id,
                        None => {
                            normalize(written, &mut scratch);
                            let id = local.intern(&scratch);
                            spellings.insert_unique(hw, (s, e, id), |sp| hash(spelled(sp)));
                            id
                        }
                    }
                }
            };
            ids.push(id);
        }
        LocalTokens { ids, words: local.words, long: local.long }
    }

    /// The words' ids in `into`, adding the document's distinct words to it
    /// in the order they first occur. Local ids are replaced in place: no
    /// second array.
    pub(crate) fn into_ids(self, into: &mut impl Interner) -> Vec<u32> {
        let global: Vec<u32> = self
            .words
            .iter()
            .map(|&w| match w {
                LocalWord::Short(w) => into.id_of_short(w),
                LocalWord::Long(s, e) => into.id_of(self.long.get(s as usize..e as usize).unwrap_or("")),
            })
            .collect();
        let mut ids = self.ids;
        for l in &mut ids {
            *l = global.get(*l as usize).copied().unwrap_or(0);
        }
        ids
    }
}

/// The text of local word `k` when it is a long one ("" otherwise).
fn long_word<'a>(long: &'a str, words: &[LocalWord], k: u32) -> &'a str {
    match words.get(k as usize) {
        Some(&LocalWord::Long(s, e)) => long.get(s as usize..e as usize).unwrap_or(""),
        _ => "",
    }
}

impl LocalWords {
    /// The local id of a normalized word, adding it when new.
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(w) = ShortWord::of(word) {
            return self.intern_short(w);
        }
        let hash = |w: &str| rustc_hash::FxBuildHasher.hash_one(w);
        let h = hash(word);
        if let Some(&k) = self.long_ids.find(h, |&k| long_word(&self.long, &self.words, k) == word) {
            return k;
        }
        let k = self.words.len() as u32;
        let start = self.long.len() as u32;
        self.long.push_str(word);
        self.words.push(LocalWord::Long(start, self.long.len() as u32));
        let (long, words) = (&self.long, &self.words);
        self.long_ids.insert_unique(h, k, |&k| hash(long_word(long, words, k)));
        k
    }

    /// The local id of a packed normalized word, adding it when new.
    #[inline]
    fn intern_short(&mut self, word: ShortWord) -> u32 {
        let h = word.hash();
        if let Some(&(_, k)) = self.short_ids.find(h, |&(w, _)| w == word) {
            return k;
        }
        let k = self.words.len() as u32;
        self.words.push(LocalWord::Short(word));
        self.short_ids.insert_unique(h, (word, k), |&(w, _)| w.hash());
        k
    }
}

/// Every distinct normalized word (and stem) seen, numbered from 0.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: WordIds,
    numbers: Vec<bool>,
    stems: FxHashMap<StemKey, u32>,
}

/// What a cached stem is looked up by: the word's id and the Snowball
/// algorithm chosen for it (by language, or by script when the language is
/// unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct StemKey {
    word: u32,
    algorithm: u8,
}

impl Vocabulary {
    /// The id of `word`, adding it when new.
    pub fn intern(&mut self, word: &str) -> u32 {
        let (id, new) = self.words.intern(word);
        if new {
            self.numbers.push(is_number(word));
        }
        id
    }

    /// The id of a packed word (from a `str`, so valid UTF-8), adding it
    /// when new: [`Vocabulary::intern`] without reading the text.
    #[inline]
    pub(crate) fn intern_short(&mut self, word: ShortWord) -> u32 {
        let (id, new) = self.words.intern_short(word);
        if new {
            let number = is_number(self.word(id));
            self.numbers.push(number);
        }
        id
    }

    /// The word with this id.
    pub fn word(&self, id: u32) -> &str {
        self.words.word(id)
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
        self.words.len() == 0
    }

    /// The id of the Snowball stem of word `id` in `language`, when
    /// [`Vocabulary::stem`] has already computed it.
    pub fn stem_of(&self, id: u32, language: Language) -> Option<u32> {
        let algorithm = language.stemmer_for(self.word(id));
        self.stems.get(&StemKey { word: id, algorithm: algorithm as u8 }).copied()
    }

    /// The id of the Snowball stem of word `id` in `language` (cached).
    pub fn stem(&mut self, id: u32, language: Language) -> u32 {
        let word = self.word(id).to_string();
        let algorithm = language.stemmer_for(&word);
        let key = StemKey { word: id, algorithm: algorithm as u8 };
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
