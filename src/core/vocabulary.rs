//! Interning normalized words as small integers, so phrases are found by
//! comparing numbers instead of strings.

use rustc_hash::FxHashMap;

use super::tokenize::{Language, is_number};

/// Every distinct normalized word (and stem) seen, numbered from 0.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    numbers: Vec<bool>,
    stems: FxHashMap<(u32, u8), u32>,
}

impl Vocabulary {
    /// The id of `word`, adding it when new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.numbers.push(is_number(word));
        self.ids.insert(word.into(), id);
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
