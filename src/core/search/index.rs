//! Finding every place a word or phrase was said, over all opened
//! transcripts, fast enough to search as one types.
//!
//! Words are matched the way the phrase engine matches them
//! ([`normalize_into`]: case, Turkish İ/ı, apostrophes, ё→е) and, unless the
//! search is case-sensitive, also without accents (é→e, ş→s, ü→u; the
//! Turkish dotless ı stays its own letter, as in the phrase engine).
//!
//! A query is a sequence of words:
//! - plain words (`state of the un`) match that run of words, punctuation
//!   between them ignored; the first word may end a longer word and the last
//!   may begin one (so results come while typing), a single word may sit
//!   inside a longer one;
//! - words in double quotes (`"state of the union"`) match whole words only;
//! - with [`SearchOptions::whole_word`] every word matches whole;
//! - with [`SearchOptions::regex`] the query is a regular expression over the
//!   text as written (case-insensitive unless case-sensitive).
//!
//! [`SearchIndex`] keeps every word of every transcript as a number, so a
//! search scans arrays of integers instead of text.

use std::borrow::Borrow;
use std::ops::Range;

use chrono::Datelike;
use rayon::prelude::*;

use crate::core::text::doc_ids::DocIds;
use crate::core::text::transcript::Transcript;
use crate::core::text::vocabulary::{LocalTokens, WordIds};
use crate::core::text::{Language, WordRanges, for_each_word, normalize_into};

/// How a query is matched. All off by default: case- and accent-insensitive
/// word search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// Letters must match exactly: case and accents.
    pub case_sensitive: bool,
    /// Every word of the query matches whole words only.
    pub whole_word: bool,
    /// The query is a regular expression over the text as written.
    pub regex: bool,
}

/// Why a query cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Nothing to search for (no word, or an empty regular expression).
    #[error("type a word or a phrase to search for")]
    Empty,
    /// The regular expression does not compile.
    #[error("not a valid regular expression: {0}")]
    BadRegex(String),
}

/// How one word of a query meets a word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// The whole word.
    Whole,
    /// The start of a word (the query's last word, while typing).
    Prefix,
    /// The end of a word (the query's first word).
    Suffix,
    /// Anywhere inside a word (a one-word query).
    Inside,
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// As typed.
    raw: String,
    fit: Fit,
}

/// A parsed query, ready to run on a [`SearchIndex`].
#[derive(Debug, Clone)]
pub struct Query {
    /// The text as typed.
    pub text: String,
    /// The options it was parsed with.
    pub options: SearchOptions,
    terms: Vec<Term>,
    regex: Option<regex::Regex>,
}

/// Largest compiled regular expression accepted (bytes), so a pathological
/// pattern is refused instead of exhausting memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

impl Query {
    /// Parses a query. Words in double quotes match whole; see the module
    /// documentation for plain words and regular expressions.
    pub fn parse(text: &str, options: SearchOptions) -> Result<Query, QueryError> {
        if options.regex {
            if text.is_empty() {
                return Err(QueryError::Empty);
            }
            let mut pattern = text.to_string();
            if options.whole_word {
                pattern = format!(r"\b(?:{pattern})\b");
            }
            let regex = regex::RegexBuilder::new(&pattern)
                .case_insensitive(!options.case_sensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| QueryError::BadRegex(e.to_string()))?;
            return Ok(Query { text: text.to_string(), options, terms: Vec::new(), regex: Some(regex) });
        }
        // Split at quotes: odd pieces are quoted (an unclosed quote quotes
        // the rest).
        let mut words: Vec<(String, bool)> = Vec::new();
        for (k, piece) in text.split('"').enumerate() {
            let quoted = k % 2 == 1;
            for_each_word(piece, |s, e| words.push((piece[s..e].to_string(), quoted)));
        }
        if words.is_empty() {
            return Err(QueryError::Empty);
        }
        let n = words.len();
        let terms = words
            .into_iter()
            .enumerate()
            .map(|(k, (raw, quoted))| {
                let fit = if quoted || options.whole_word {
                    Fit::Whole
                } else if n == 1 {
                    Fit::Inside
                } else if k == 0 {
                    Fit::Suffix
                } else if k == n - 1 {
                    Fit::Prefix
                } else {
                    Fit::Whole
                };
                Term { raw, fit }
            })
            .collect();
        Ok(Query { text: text.to_string(), options, terms, regex: None })
    }

    /// Number of words the query matches (0 for a regular expression).
    pub fn words(&self) -> usize {
        self.terms.len()
    }
}

/// Removes accents from a normalized (lowercase) word: Latin letters with
/// diacritics become their base letters (é→e, ş→s, ß→ss, æ→ae) and
/// combining marks after a Latin letter are dropped. Cyrillic is left as
/// the tokenizer made it (й stays й; ё is already е), and the Turkish
/// dotless ı stays ı.
pub fn fold_accents(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        return;
    }
    let mut after_latin = false;
    for c in word.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) && after_latin {
            continue;
        }
        match fold_char(c) {
            Some(s) => {
                out.push_str(s);
                after_latin = true;
            }
            None => {
                out.push(c);
                after_latin = c.is_ascii_alphabetic();
            }
        }
    }
}

/// The base letters of a lowercase Latin letter with a diacritic.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The search key of a word of `language`: normalized as the phrase engine
/// does, then without accents.
pub fn search_key(word: &str, language: Language, scratch: &mut String, out: &mut String) {
    normalize_into(word, language, scratch);
    fold_accents(scratch, out);
}

/// Bytes of `v` as a LEB128 variable-length integer.
fn varint_len(v: u32) -> usize {
    match v {
        0..0x80 => 1,
        0x80..0x4000 => 2,
        0x4000..0x20_0000 => 3,
        0x20_0000..0x1000_0000 => 4,
        _ => 5,
    }
}

/// Writes `v` as LEB128 at `*at` in `out` (sized by [`varint_len`]) and
/// moves `*at` past it.
fn write_varint(out: &mut [u8], at: &mut usize, mut v: u32) {
    while let Some(slot) = out.get_mut(*at) {
        *at += 1;
        if v < 0x80 {
            *slot = v as u8;
            return;
        }
        *slot = (v & 0x7F) as u8 | 0x80;
        v >>= 7;
    }
}

/// The distance of position `g` from a key's previous use (from 0 for its
/// first), which becomes `g`.
fn gap(previous: &mut Option<u32>, g: u32) -> u32 {
    let d = previous.map_or(g, |p| g - p);
    *previous = Some(g);
    d
}

/// One transcript's words, as keys into the index's vocabulary.
#[derive(Debug, Default)]
struct SearchDoc {
    language: Language,
    /// Byte range of each word in the body: the transcript's own ranges,
    /// shared ([`Transcript::word_ranges`]).
    ranges: WordRanges,
    /// Each word's key id.
    ids: DocIds,
}

/// Every word of a set of transcripts, numbered, for fast search. Build it
/// once per corpus; searching takes the same transcripts, in the same order.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Every distinct word key, numbered.
    keys: WordIds,
    docs: Vec<SearchDoc>,
    /// Document positions in date order (undated last).
    order: Vec<usize>,
    /// Where each word key's postings start in `post` (one more entry than
    /// keys).
    post_start: Vec<usize>,
    /// How many times each key is used.
    post_uses: Vec<u32>,
    /// Every word as its position in all documents one after the other,
    /// grouped by key, in order, each as the distance from the previous
    /// one ([`SearchIndex::build_postings`]): about 1.3 bytes a word, where
    /// a document and a position would take 8 (160 MB for a corpus of 20
    /// million words).
    post: Vec<u8>,
    /// Where each document starts in those positions, and the total.
    doc_start: Vec<u32>,
    total_words: usize,
    /// Tests: always scan (`Some(true)`) or always use postings.
    force_scan: Option<bool>,
}

impl SearchIndex {
    /// Indexes `transcripts` (tokenized in parallel); their positions are
    /// the document numbers in results.
    pub fn build<T: Borrow<Transcript> + Sync>(transcripts: &[T]) -> SearchIndex {
        let locals: Vec<(Language, WordRanges, LocalTokens)> = transcripts
            .par_iter()
            .map(|t| {
                let t: &Transcript = t.borrow();
                let language = Language::from_tags(&t.languages);
                let ranges = t.word_ranges();
                let mut scratch = String::new();
                // A search key is the normalized word without accents: an
                // ASCII word's is the word lowercased, outside Turkish.
                let local = LocalTokens::of(&t.body, &ranges, language != Language::Turkish, |w, key| {
                    search_key(w, language, &mut scratch, key)
                });
                (language, ranges, local)
            })
            .collect();
        let mut index = SearchIndex::default();
        for (language, ranges, local) in locals {
            let ids = DocIds::from_ids(local.into_ids(&mut index.keys));
            index.docs.push(SearchDoc { language, ranges, ids });
        }
        index.build_postings();
        let mut order: Vec<usize> = (0..transcripts.len()).collect();
        order.sort_by(|&a, &b| {
            transcripts[a].borrow().chronological_key().cmp(&transcripts[b].borrow().chronological_key())
        });
        index.order = order;
        index
    }

    /// The postings of every key: positions in all documents one after the
    /// other, in order, each stored as its distance from the previous use
    /// of the key in a variable-length integer (LEB128: 7 bits a byte), so
    /// that a common word takes one byte a use instead of four. Two passes
    /// over the words: one sizes each key's list, one writes it, so no
    /// list of fixed-width positions is ever held.
    fn build_postings(&mut self) {
        let keys = self.keys.len();
        let mut doc_start = Vec::with_capacity(self.docs.len() + 1);
        let total: usize = self.docs.iter().map(|d| d.ids.len()).sum();
        self.total_words = total;
        if total > u32::MAX as usize {
            // More words than 32-bit positions: no postings, every search
            // scans (slower, still right).
            (self.post_start, self.post_uses, self.post, self.doc_start) = Default::default();
            return;
        }
        let mut at = 0u32;
        for doc in &self.docs {
            doc_start.push(at);
            at += doc.ids.len() as u32;
        }
        doc_start.push(at);
        // Each key's previous position.
        let mut last: Vec<Option<u32>> = vec![None; keys];
        let mut uses = vec![0u32; keys];
        let mut bytes = vec![0usize; keys + 1];
        for (doc, &start) in self.docs.iter().zip(&doc_start) {
            for (p, id) in doc.ids.iter().enumerate() {
                let (Some(prev), Some(n), Some(b)) =
                    (last.get_mut(id as usize), uses.get_mut(id as usize), bytes.get_mut(id as usize + 1))
                else {
                    continue;
                };
                *b += varint_len(gap(prev, start + p as u32));
                *n += 1;
            }
        }
        for k in 1..bytes.len() {
            bytes[k] += bytes[k - 1];
        }
        let mut post = vec![0u8; bytes.last().copied().unwrap_or(0)];
        let mut fill = bytes.clone();
        last.fill(None);
        for (doc, &start) in self.docs.iter().zip(&doc_start) {
            for (p, id) in doc.ids.iter().enumerate() {
                let (Some(prev), Some(at)) = (last.get_mut(id as usize), fill.get_mut(id as usize)) else { continue };
                write_varint(&mut post, at, gap(prev, start + p as u32));
            }
        }
        self.post_start = bytes;
        self.post_uses = uses;
        self.post = post;
        self.doc_start = doc_start;
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of distinct word keys.
    pub fn vocabulary_len(&self) -> usize {
        self.keys.len()
    }

    /// Runs a query over `transcripts`, which must be the ones the index was
    /// built from, in the same order (a document whose body no longer fits
    /// its words is skipped rather than misread).
    pub fn search<T: Borrow<Transcript> + Sync>(&self, transcripts: &[T], query: &Query) -> SearchResults {
        let per_doc: Vec<Vec<Range<usize>>> = match &query.regex {
            Some(re) => self
                .order
                .par_iter()
                .map(|&d| match transcripts.get(d) {
                    Some(t) => regex_matches(re, &t.borrow().body),
                    None => Vec::new(),
                })
                .collect(),
            None => {
                // Matches by document position, then put in date order.
                let mut by_doc: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.docs.len()];
                // The query compiled once per language present (Turkish
                // reads I as ı, so its keys differ).
                let mut languages: Vec<Language> = Vec::new();
                for doc in &self.docs {
                    if !languages.contains(&doc.language) {
                        languages.push(doc.language);
                    }
                }
                for language in languages {
                    let Some(matchers) = self.compile(&query.terms, language) else { continue };
                    self.search_language(transcripts, query, language, &matchers, &mut by_doc);
                }
                self.order.iter().map(|&d| std::mem::take(&mut by_doc[d])).collect()
            }
        };
        let docs = self
            .order
            .iter()
            .zip(per_doc)
            .filter(|(_, m)| !m.is_empty())
            .map(|(&doc, matches)| DocHits { doc, matches })
            .collect();
        SearchResults { docs }
    }

    /// The matcher of each term for documents of `language`; `None` when
    /// some term matches no word at all.
    fn compile(&self, terms: &[Term], language: Language) -> Option<Vec<Matcher>> {
        let (mut scratch, mut key) = (String::new(), String::new());
        let mut out = Vec::with_capacity(terms.len());
        for term in terms {
            search_key(&term.raw, language, &mut scratch, &mut key);
            let m = match term.fit {
                Fit::Whole => Matcher::One([self.keys.get(key.as_str())?]),
                fit => {
                    let words = &self.keys;
                    let mut bits = vec![0u64; words.len().div_ceil(64)];
                    let mut members = Vec::new();
                    for (id, w) in words.iter().enumerate() {
                        let hit = match fit {
                            Fit::Prefix => w.starts_with(key.as_str()),
                            Fit::Suffix => w.ends_with(key.as_str()),
                            _ => w.contains(key.as_str()),
                        };
                        if hit {
                            bits[id / 64] |= 1 << (id % 64);
                            members.push(id as u32);
                        }
                    }
                    if members.is_empty() {
                        return None;
                    }
                    Matcher::Set(bits, members)
                }
            };
            out.push(m);
        }
        Some(out)
    }

    /// Finds the matches in the documents of one language: from the
    /// postings of the query word with the fewest uses when it is rare
    /// enough, else by scanning every word.
    fn search_language<T: Borrow<Transcript> + Sync>(
        &self,
        transcripts: &[T],
        query: &Query,
        language: Language,
        matchers: &[Matcher],
        by_doc: &mut [Vec<Range<usize>>],
    ) {
        let n = matchers.len();
        let body_of = |d: usize| -> Option<&str> {
            let doc = self.docs.get(d)?;
            let body = transcripts.get(d)?.borrow().body.as_str();
            // A body that no longer fits its words is skipped, not misread.
            (doc.ranges.last().is_none_or(|(_, e)| e as usize <= body.len())).then_some(body)
        };
        let uses = |m: &Matcher| -> usize {
            m.ids().iter().map(|&id| self.post_uses.get(id as usize).map_or(0, |&n| n as usize)).sum()
        };
        let Some((anchor, fewest)) = matchers.iter().map(uses).enumerate().min_by_key(|&(_, u)| u) else { return };
        if self.force_scan.unwrap_or(fewest > self.total_words / 8 || self.doc_start.is_empty()) {
            let found: Vec<(usize, Vec<Range<usize>>)> = (0..self.docs.len())
                .into_par_iter()
                .filter(|&d| self.docs[d].language == language)
                .filter_map(|d| {
                    let body = body_of(d)?;
                    let doc = &self.docs[d];
                    let mut out = Vec::new();
                    let mut i = 0;
                    while i + n <= doc.ids.len() {
                        match self.match_at(doc, body, i, matchers, &query.terms, query.options.case_sensitive) {
                            Some(r) => {
                                out.push(r);
                                i += n;
                            }
                            None => i += 1,
                        }
                    }
                    Some((d, out))
                })
                .collect();
            for (d, m) in found {
                by_doc[d] = m;
            }
            return;
        }
        let mut starts: Vec<(u32, u32)> = matchers[anchor]
            .ids()
            .iter()
            .flat_map(|&id| self.located(self.postings(id)))
            .filter(|&(d, p)| p as usize >= anchor && self.docs[d as usize].language == language)
            .map(|(d, p)| (d, p - anchor as u32))
            .collect();
        starts.sort_unstable();
        let mut next_free = (u32::MAX, 0u32);
        for (d, i) in starts {
            if d == next_free.0 && i < next_free.1 {
                continue; // inside the previous match
            }
            let Some(body) = body_of(d as usize) else { continue };
            let doc = &self.docs[d as usize];
            if let Some(r) = self.match_at(doc, body, i as usize, matchers, &query.terms, query.options.case_sensitive)
            {
                by_doc[d as usize].push(r);
                next_free = (d, i + n as u32);
            }
        }
    }

    /// Postings (positions in all documents) as (document, word position),
    /// walking the document starts along with the sorted positions.
    fn located<'a>(&'a self, post: impl Iterator<Item = u32> + 'a) -> impl Iterator<Item = (u32, u32)> + 'a {
        let mut d = 0usize;
        post.map(move |g| {
            while self.doc_start.get(d + 1).is_some_and(|&next| next <= g) {
                d += 1;
            }
            (d as u32, g - self.doc_start.get(d).copied().unwrap_or(0))
        })
    }

    /// The position in all documents of every use of word key `id`, in
    /// order.
    fn postings(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let (s, e) = match (self.post_start.get(id as usize), self.post_start.get(id as usize + 1)) {
            (Some(&s), Some(&e)) => (s, e),
            _ => (0, 0),
        };
        let mut bytes = self.post.get(s..e).unwrap_or(&[]).iter();
        let mut g: Option<u32> = None;
        std::iter::from_fn(move || {
            let (mut v, mut shift) = (0u32, 0u32);
            loop {
                let &b = bytes.next()?;
                v |= u32::from(b & 0x7F).checked_shl(shift).unwrap_or(0);
                shift += 7;
                if b < 0x80 {
                    break;
                }
            }
            let next = g.map_or(v, |g| g.wrapping_add(v));
            g = Some(next);
            Some(next)
        })
    }

    /// The match starting at word `i` of a document, if the query matches there.
    fn match_at(
        &self,
        doc: &SearchDoc,
        body: &str,
        i: usize,
        matchers: &[Matcher],
        terms: &[Term],
        case_sensitive: bool,
    ) -> Option<Range<usize>> {
        let n = matchers.len();
        if i + n > doc.ids.len()
            || !matchers.iter().enumerate().all(|(k, m)| doc.ids.get(i + k).is_some_and(|id| m.accepts(id)))
        {
            return None;
        }
        let word = |k: usize| doc.ranges.get(i + k);
        let (first, last) = (word(0)?, word(n.checked_sub(1)?)?);
        if case_sensitive
            && !(0..n).zip(terms).all(|(k, t)| {
                word(k).is_some_and(|r| exact_fit(body.get(r.0 as usize..r.1 as usize).unwrap_or(""), &t.raw, t.fit))
            })
        {
            return None;
        }
        // A partial first or last word is matched only in its part, when
        // its key lines up with its letters.
        let start = self.part(body, first, &terms[0], doc.language, true);
        let end = self.part(body, last, &terms[n - 1], doc.language, false);
        Some(start..end.max(start))
    }

    /// Where the matched part of a word starts (`start`) or ends: the word's
    /// edge for a whole-word fit, else the edge of the query word inside it,
    /// found in the key when the key has one character per letter of the
    /// word (always true for ASCII); otherwise the whole word.
    fn part(&self, body: &str, range: (u32, u32), term: &Term, language: Language, start: bool) -> usize {
        let (s, e) = (range.0 as usize, range.1 as usize);
        let edge = if start { s } else { e };
        if term.fit == Fit::Whole || (start && term.fit == Fit::Prefix) || (!start && term.fit == Fit::Suffix) {
            return edge;
        }
        let Some(word) = body.get(s..e) else { return edge };
        let (mut scratch, mut key, mut q) = (String::new(), String::new(), String::new());
        search_key(word, language, &mut scratch, &mut key);
        search_key(&term.raw, language, &mut scratch, &mut q);
        let found = match term.fit {
            Fit::Prefix => Some(0),
            Fit::Suffix => key.len().checked_sub(q.len()),
            _ => key.find(q.as_str()),
        };
        // The query word must really be there (it is, unless the body
        // changed under the index; then the whole word is taken).
        let Some(before) = found.and_then(|at| key.get(..at).filter(|_| key[at..].starts_with(q.as_str()))) else {
            return edge;
        };
        if key.chars().count() != word.chars().count() {
            return edge;
        }
        let char_at = before.chars().count() + if start { 0 } else { q.chars().count() };
        word.char_indices().nth(char_at).map_or(e, |(b, _)| s + b)
    }
}

/// Matches one word id, or any of a set (a bitset and its members).
#[derive(Debug)]
enum Matcher {
    One([u32; 1]),
    Set(Vec<u64>, Vec<u32>),
}

impl Matcher {
    fn ids(&self) -> &[u32] {
        match self {
            Matcher::One(id) => id,
            Matcher::Set(_, ids) => ids,
        }
    }

    fn accepts(&self, id: u32) -> bool {
        match self {
            Matcher::One([x]) => *x == id,
            Matcher::Set(bits, _) => bits.get(id as usize / 64).is_some_and(|w| w & (1 << (id % 64)) != 0),
        }
    }
}

/// Apostrophes unified, nothing else changed (for case-sensitive checks).
fn plain_apostrophes(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '’' | '‘' | 'ʼ' | '′' | '`' | '´') { '\'' } else { c }).collect()
}

/// A word of the text fits a query word exactly (case and accents).
fn exact_fit(word: &str, raw: &str, fit: Fit) -> bool {
    let (w, q) = (plain_apostrophes(word), plain_apostrophes(raw));
    match fit {
        Fit::Whole => w == q,
        Fit::Prefix => w.starts_with(&q),
        Fit::Suffix => w.ends_with(&q),
        Fit::Inside => w.contains(&q),
    }
}

/// Non-empty matches of a regular expression in a body.
fn regex_matches(re: &regex::Regex, body: &str) -> Vec<Range<usize>> {
    re.find_iter(body).filter(|m| !m.is_empty()).map(|m| m.range()).collect()
}

/// The matches in one transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocHits {
    /// The transcript's position in the searched slice.
    pub doc: usize,
    /// Byte ranges of the matches in its body, in order.
    pub matches: Vec<Range<usize>>,
}

/// What a search found: the transcripts with matches, in date order
/// (undated last).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// One entry per transcript with at least one match.
    pub docs: Vec<DocHits>,
}

impl SearchResults {
    /// Number of matches in all transcripts.
    pub fn total(&self) -> usize {
        self.docs.iter().map(|d| d.matches.len()).sum()
    }

    /// The matches of one transcript (empty when it has none).
    pub fn matches_in(&self, doc: usize) -> &[Range<usize>] {
        self.docs.iter().find(|d| d.doc == doc).map_or(&[], |d| d.matches.as_slice())
    }

    /// Matches per year, for transcripts with a date, in year order.
    pub fn per_year<T: Borrow<Transcript>>(&self, transcripts: &[T]) -> Vec<(i32, u32)> {
        let mut counts: std::collections::BTreeMap<i32, u32> = Default::default();
        for d in &self.docs {
            if let Some(date) = transcripts.get(d.doc).and_then(|t| t.borrow().date) {
                *counts.entry(date.date.year()).or_default() += d.matches.len() as u32;
            }
        }
        counts.into_iter().collect()
    }

    /// Every match as (transcript, byte range), in date order, then in text
    /// order: the order Enter walks through.
    pub fn flat(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        self.docs.iter().flat_map(|d| d.matches.iter().map(move |m| (d.doc, m.clone())))
    }
}

/// A simple, slow reference search: every body lowercased and scanned for
/// the phrase as text. Only for benchmarks and tests to compare with.
pub fn naive_search<T: Borrow<Transcript>>(transcripts: &[T], phrase: &str) -> usize {
    let needle = phrase.to_lowercase();
    if needle.is_empty() {
        return 0;
    }
    transcripts.iter().map(|t| t.borrow().body.to_lowercase().matches(needle.as_str()).count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn doc(path: &str, text: &str, lang: &str) -> Transcript {
        let mut t = Transcript::from_text(path, path, text);
        if !lang.is_empty() {
            t.languages = vec![lang.to_string()];
        }
        t
    }

    #[test]
    fn every_word_is_indexed_under_its_search_key() {
        // Packed short words, ASCII lowercased in place outside Turkish, and
        // the slow path for the rest must all give `search_key`.
        let text = "The THE the İstanbul ISPARTA Işık ÉCOLE école Ünïcode ЕЩЁ ещё Russia’s \
                    responsibilities Responsibilities-Of-Government abcdefghijklmno ABCDEFGHIJKLMNOP e\u{301}t\u{e9}";
        for lang in ["", "en", "tr-TR", "ru-RU", "fr"] {
            let ts = vec![doc("a", text, lang), doc("b", &text.to_lowercase(), lang)];
            let index = SearchIndex::build(&ts);
            for (d, t) in ts.iter().enumerate() {
                let language = Language::from_tags(&t.languages);
                let (mut scratch, mut key) = (String::new(), String::new());
                let doc = &index.docs[d];
                assert_eq!(doc.ranges.len(), t.words);
                for ((s, e), id) in doc.ranges.iter().zip(doc.ids.iter()) {
                    search_key(&t.body[s as usize..e as usize], language, &mut scratch, &mut key);
                    assert_eq!(index.keys.word(id), key.as_str(), "{lang}: {:?}", &t.body[s as usize..e as usize]);
                    assert_eq!(index.keys.get(&key), Some(id));
                }
            }
        }
    }

    fn found(ts: &[Transcript], q: &str, options: SearchOptions) -> Vec<(usize, String)> {
        let index = SearchIndex::build(ts);
        let query = Query::parse(q, options).unwrap();
        index.search(ts, &query).flat().map(|(d, r)| (d, ts[d].body[r].to_string())).collect()
    }

    #[test]
    fn plain_words_quotes_and_whole_words() {
        let ts = vec![doc(
            "a",
            "The State of the Union is strong. The state of the unions, a real estate of the Union's making.",
            "",
        )];
        let plain = found(&ts, "state of the union", SearchOptions::default());
        assert_eq!(
            plain.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(),
            vec!["State of the Union", "state of the union", "state of the Union"]
        );
        let quoted = found(&ts, "\"state of the union\"", SearchOptions::default());
        assert_eq!(quoted.len(), 1);
        let whole = found(&ts, "state of the union", SearchOptions { whole_word: true, ..Default::default() });
        assert_eq!(whole, quoted);
        let case = found(&ts, "State of the Union", SearchOptions { case_sensitive: true, ..Default::default() });
        assert_eq!(case.len(), 1);
        // A single word matches inside words, only its own letters.
        let inside = found(&ts, "UNIO", SearchOptions::default());
        assert_eq!(inside.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), vec!["Unio", "unio", "Unio"]);
    }

    #[test]
    fn cyrillic_turkish_and_accents() {
        let ts = vec![
            doc("ru", "Мы ЕЩЁ раз подтверждаем: ещё и еще.", "ru-RU"),
            doc("tr", "İSTANBUL ve Istanbul değil; IŞIK ve ışık, ılık.", "tr-TR"),
            doc("fr", "Le café et le CAFÉ, la Sécurité.", "fr"),
        ];
        assert_eq!(found(&ts, "ещё", SearchOptions::default()).len(), 3);
        assert_eq!(found(&ts, "Еще", SearchOptions::default()).len(), 3);
        // In Turkish I is ı: "Istanbul" is not "istanbul".
        let ist = found(&ts, "istanbul", SearchOptions { whole_word: true, ..Default::default() });
        assert_eq!(ist, vec![(1, "İSTANBUL".to_string())]);
        let isik = found(&ts, "ışık", SearchOptions::default());
        assert_eq!(isik.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), vec!["IŞIK", "ışık"]);
        assert_eq!(found(&ts, "IŞIK", SearchOptions::default()).len(), 2);
        assert!(found(&ts, "ilik", SearchOptions::default()).is_empty());
        // Accents fold unless case-sensitive.
        assert_eq!(found(&ts, "cafe", SearchOptions::default()).len(), 2);
        assert_eq!(found(&ts, "securite", SearchOptions::default()), vec![(2, "Sécurité".to_string())]);
        assert_eq!(found(&ts, "café", SearchOptions { case_sensitive: true, ..Default::default() }).len(), 1);
    }

    #[test]
    fn postings_decode_to_every_position_of_each_key() {
        // Gaps of every encoded width: a word used again after 1, 200,
        // 20,000 and 3 million other words.
        let filler = |n: usize| vec!["x"; n].join(" ");
        let text =
            format!("seldom {} seldom {} seldom {} seldom seldom", filler(200), filler(20_000), filler(3_000_000));
        let ts =
            vec![doc("a", "seldom words here", ""), doc("b", &text, ""), doc("c", "", ""), doc("d", "x seldom", "")];
        let index = SearchIndex::build(&ts);
        let mut expected: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut at = 0u32;
        for d in &index.docs {
            for id in d.ids.iter() {
                expected.entry(id).or_default().push(at);
                at += 1;
            }
        }
        assert_eq!(expected.len(), index.vocabulary_len());
        for (&id, positions) in &expected {
            assert_eq!(index.postings(id).collect::<Vec<_>>(), *positions, "key {id}");
            assert_eq!(index.post_uses[id as usize] as usize, positions.len());
        }
        let seldom = index.keys.get("seldom").unwrap();
        let located: Vec<(u32, u32)> = index.located(index.postings(seldom)).collect();
        assert_eq!(located, [(0, 0), (1, 0), (1, 201), (1, 20_202), (1, 3_020_203), (1, 3_020_204), (3, 1)]);
        assert!(index.post.len() < at as usize * 2, "{} bytes for {at} words", index.post.len());
    }

    #[test]
    fn postings_and_scanning_find_the_same() {
        let text = "The State of the Union. the state of the unions; a real estate of the Union's. \
                    Of the union state of the union state of the union, İstanbul Istanbul CAFÉ café.";
        let ts = vec![doc("a", text, ""), doc("b", &text.repeat(3), "tr-TR"), doc("c", "state of", "")];
        let mut index = SearchIndex::build(&ts);
        for q in ["state of the union", "\"state of the\"", "the", "of the union state", "union", "istanbul", "cafe"] {
            for options in [
                SearchOptions::default(),
                SearchOptions { whole_word: true, ..Default::default() },
                SearchOptions { case_sensitive: true, ..Default::default() },
            ] {
                let query = Query::parse(q, options).unwrap();
                index.force_scan = Some(true);
                let scanned = index.search(&ts, &query);
                index.force_scan = Some(false);
                let posted = index.search(&ts, &query);
                assert_eq!(scanned, posted, "{q} {options:?}");
                assert!(q == "istanbul" || options.case_sensitive || scanned.total() > 0, "{q} {options:?}");
            }
        }
        // Overlapping runs are not counted twice: "union state of the union
        // state of the union" holds two, not three.
        index.force_scan = None;
        let r =
            index.search(&ts, &Query::parse("\"of the union state of the union\"", SearchOptions::default()).unwrap());
        assert_eq!(r.matches_in(0).len(), 1);
    }

    #[test]
    fn bodies_that_changed_under_the_index_do_not_panic() {
        let ts = vec![doc("a", "Ünïcödé wörds hère ünïcödé", ""), doc("b", "state of the union", "")];
        let index = SearchIndex::build(&ts);
        let other = vec![doc("a", "ab", ""), doc("b", "ßßßßßßßßßßßßßßßßßßß ΩΩΩΩ", "")];
        for q in ["unicode", "words", "state of the un", "\"the\"", "ö"] {
            for options in [SearchOptions::default(), SearchOptions { case_sensitive: true, ..Default::default() }] {
                let query = Query::parse(q, options).unwrap();
                let _ = index.search(&other, &query);
                let _ = index.search(&other[..1], &query);
            }
        }
        assert_eq!(found(&ts, "unicode", SearchOptions::default()).len(), 2);
    }

    #[test]
    fn regex_mode_and_errors() {
        let ts = vec![doc("a", "Peace and war; PEACE, peaceful.", "")];
        let re = found(&ts, r"peace\w*", SearchOptions { regex: true, ..Default::default() });
        assert_eq!(re.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), vec!["Peace", "PEACE", "peaceful"]);
        let whole = found(&ts, "peace", SearchOptions { regex: true, whole_word: true, ..Default::default() });
        assert_eq!(whole.len(), 2);
        assert!(matches!(
            Query::parse("(unclosed", SearchOptions { regex: true, ..Default::default() }),
            Err(QueryError::BadRegex(_))
        ));
        assert!(matches!(Query::parse(" , ;", SearchOptions::default()), Err(QueryError::Empty)));
        // An empty-matching regex finds nothing rather than every position.
        assert!(found(&ts, "x*", SearchOptions { regex: true, ..Default::default() }).is_empty());
    }

    #[test]
    fn results_are_in_date_order_with_years() {
        let mut late = doc("late", "peace now", "");
        late.date = Some(crate::core::text::transcript::SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(2001, 1, 1).unwrap(),
            precision: crate::core::text::transcript::DatePrecision::Day,
            source: crate::core::text::transcript::DateSource::Text,
        });
        let mut early = doc("early", "peace, peace", "");
        early.date = Some(crate::core::text::transcript::SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
            ..late.date.unwrap()
        });
        let undated = doc("undated", "peace", "");
        let ts = vec![undated, late, early];
        let index = SearchIndex::build(&ts);
        let r = index.search(&ts, &Query::parse("peace", SearchOptions::default()).unwrap());
        assert_eq!(r.docs.iter().map(|d| d.doc).collect::<Vec<_>>(), vec![2, 1, 0]);
        assert_eq!(r.total(), 4);
        assert_eq!(r.per_year(&ts), vec![(1990, 2), (2001, 1)]);
        assert_eq!(naive_search(&ts, "PEACE"), 4);
    }
}
