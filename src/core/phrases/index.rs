//! Recurring phrasing across a corpus over time: which runs of words were
//! said in several speeches, when each was first used, and for every span of
//! a speech whether it repeats an earlier speech, is introduced there, or is
//! unique.

use std::borrow::Borrow;
use std::ops::Range;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, NaiveTime};
use rayon::prelude::*;

use crate::core::phrases::shared_ngrams::shared_windows;
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};
use crate::core::text::doc_ids::DocIds;
use crate::core::text::transcript::Transcript;
use crate::core::text::vocabulary::{LocalTokens, Vocabulary};
use crate::core::text::{Language, WordRanges, normalize_into};

/// Identifies a document in a [`PhraseIndex`]: the order it was added in.
pub type DocId = u32;

/// Settings for finding phrases. Every setter documents its default.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseOptions {
    min_words: usize,
    min_speeches: usize,
    max_gap: usize,
    stem: bool,
    ignore_numbers: bool,
    formula_fraction: f64,
    hide_formulas: bool,
}

impl Default for PhraseOptions {
    fn default() -> Self {
        PhraseOptions {
            min_words: 5,
            min_speeches: 2,
            max_gap: 1,
            stem: false,
            ignore_numbers: false,
            formula_fraction: 0.5,
            hide_formulas: false,
        }
    }
}

impl PhraseOptions {
    /// Shortest phrase, in words (default 5; at least 1).
    pub fn min_words(mut self, n: usize) -> Self {
        self.min_words = n.max(1);
        self
    }
    /// Fewest different speeches a phrase must occur in (default 2; at least 2).
    pub fn min_speeches(mut self, n: usize) -> Self {
        self.min_speeches = n.max(2);
        self
    }
    /// Most differing words a phrase may bridge inside an otherwise matching
    /// run, in the highlights (default 1; 0 turns bridging off).
    pub fn max_gap(mut self, n: usize) -> Self {
        self.max_gap = n;
        self
    }
    /// Match Snowball stems instead of words (default off).
    pub fn stem(mut self, on: bool) -> Self {
        self.stem = on;
        self
    }
    /// Skip numbers when matching (default off).
    pub fn ignore_numbers(mut self, on: bool) -> Self {
        self.ignore_numbers = on;
        self
    }
    /// A phrase found in more than this fraction of all speeches is a common
    /// formula (default 0.5).
    pub fn formula_fraction(mut self, f: f64) -> Self {
        self.formula_fraction = f;
        self
    }
    /// Leave formulas out of the highlights (default off; they are always
    /// listed, marked as formulas).
    pub fn hide_formulas(mut self, on: bool) -> Self {
        self.hide_formulas = on;
        self
    }
    /// The shortest phrase length in effect.
    pub fn get_min_words(&self) -> usize {
        self.min_words
    }
    /// The fewest speeches in effect.
    pub fn get_min_speeches(&self) -> usize {
        self.min_speeches
    }
    /// The gap in effect.
    pub fn get_max_gap(&self) -> usize {
        self.max_gap
    }
}

/// What the index keeps of one document.
#[derive(Debug, Clone)]
pub struct IndexedDoc {
    /// The transcript's file.
    pub path: PathBuf,
    /// Its date, if known.
    pub date: Option<NaiveDate>,
    /// Its time of day, if known.
    pub time: Option<NaiveTime>,
    /// The language rules its words were normalized with.
    pub language: Language,
    /// Byte range of each word in the body: the transcript's own ranges,
    /// shared ([`Transcript::word_ranges`]).
    pub words: WordRanges,
    /// Normalized word ids.
    pub ids: DocIds,
}

impl IndexedDoc {
    /// Byte range in the body of words `range`.
    pub fn byte_range(&self, range: Range<usize>) -> Range<usize> {
        self.words.byte_range(range)
    }
}

/// A transcript tokenized on its own: its language rules, its word ranges
/// and its words in a vocabulary of its own.
type Tokenized = (Language, WordRanges, LocalTokens);

/// How many batches [`PhraseIndex::add_all`] pipelines a corpus in: enough
/// that tokenizing the first and interning the last, which nothing
/// overlaps, are a small part; few enough that each batch keeps every
/// thread busy.
const PIPELINE_BATCHES: usize = 8;

/// Shortest phrase length for which the suffix index holds only the
/// suffixes starting a shared n-gram (or the stretches of text holding
/// them): shorter n-grams are shared almost everywhere.
const MIN_FILTERED_WORDS: usize = 3;
/// Suffix indexes larger than this (in suffixes; 8 bytes each) are freed
/// once their repeats are found: a query with other options rebuilds them.
const KEEP_SUFFIXES: usize = 8 << 20;
/// Corpora of at least this many words give the memory freed after adding
/// them back to the system (see `memory::give_back`).
const TRIM_WORDS: usize = 4 << 20;
/// Word comparisons per word of the text that sorting the shared windows
/// may take (SOTU takes 2.2); beyond it, libsais sorts the stretches
/// holding them instead, in linear time (long repeats, a speech quoted
/// whole, make comparing slow).
const MAX_COMPARED_PER_WORD: usize = 8;
/// Above this fraction of shared n-grams the suffix index is built over the
/// whole text: leaving the others out would save little.
const MAX_SHARED: f64 = 0.6;

/// Where the suffix index of the current corpus came from (it is rebuilt
/// only when documents or the matching mode change).
#[derive(Debug)]
struct Built {
    stem: bool,
    ignore_numbers: bool,
    /// When the suffix index holds only the suffixes starting an n-gram
    /// shared by two documents (or the stretches of text holding them),
    /// that n: it then finds the phrases of at least n words, and a
    /// shorter `min_words` needs a new index.
    filtered_for: Option<usize>,
    /// Separators (ends of documents) are values from here up.
    sep: u32,
    /// The suffix index of all documents' (mapped) word ids, each document
    /// followed by its own separator: its text is all of them, its suffixes
    /// those starting a shared n-gram when `filtered_for` is set.
    suffix: SuffixIndex,
    /// Start of each document's words in the suffix text, and the document.
    doc_starts: Vec<(u32, DocId)>,
    /// For each text position, the word index in its document (only when
    /// numbers are skipped; otherwise position − document start).
    word_of: Option<Vec<u32>>,
    /// For each block of 2^DOC_BLOCK_BITS text positions, the slot in
    /// `doc_starts` of the document its first position lies in.
    doc_of_block: Vec<u32>,
}

/// Text positions per block of [`Built::doc_of_block`] (as a power of two):
/// far fewer words than a speech has, so a block rarely starts more than
/// one document.
const DOC_BLOCK_BITS: u32 = 10;

impl Built {
    /// The slot in `doc_starts` of the document holding text position `p`:
    /// looked up for every occurrence of every repeat, so from its block
    /// and then a step or two, not by a binary search.
    #[inline]
    fn doc_slot(&self, p: u32) -> usize {
        let mut k = self.doc_of_block.get((p >> DOC_BLOCK_BITS) as usize).map_or(0, |&k| k as usize);
        while self.doc_starts.get(k + 1).is_some_and(|&(s, _)| s <= p) {
            k += 1;
        }
        k
    }

    /// [`Built::doc_of_block`] for these document starts over a text of
    /// `len` positions.
    fn blocks(doc_starts: &[(u32, DocId)], len: usize) -> Vec<u32> {
        let mut k = 0;
        (0..len.div_ceil(1 << DOC_BLOCK_BITS))
            .map(|b| {
                let p = (b << DOC_BLOCK_BITS) as u32;
                while doc_starts.get(k + 1).is_some_and(|&(s, _)| s <= p) {
                    k += 1;
                }
                k as u32
            })
            .collect()
    }
}

/// The tokenized corpus. Adding or removing a document tokenizes only that
/// document; the suffix index over all word ids is rebuilt on the next query.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    vocab: Vocabulary,
    docs: Vec<Option<IndexedDoc>>,
    built: Option<Built>,
    /// Always index the whole text, never only the shared n-grams (tests
    /// compare the two).
    whole_text_only: bool,
    /// Word comparisons allowed per word when not 0, instead of
    /// MAX_COMPARED_PER_WORD (tests take both paths on small corpora).
    compare_limit: usize,
}

impl PhraseIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the suffix index over the whole text even where the n-grams
    /// shared by two documents would do: the phrases are the same, only the
    /// work differs. For benchmarks that compare corpora on the same path
    /// (a corpus of copies cannot leave out the unshared, its original can).
    pub fn set_whole_text_only(&mut self, whole: bool) {
        if self.whole_text_only != whole {
            self.whole_text_only = whole;
            self.built = None;
        }
    }

    /// Adds one transcript and returns its id.
    pub fn add(&mut self, t: &Transcript) -> DocId {
        self.add_all(std::slice::from_ref(t))[0]
    }

    /// Adds transcripts (tokenized in parallel) and returns their ids, in
    /// order. Takes transcripts or shared pointers to them.
    pub fn add_all<T: Borrow<Transcript> + Sync>(&mut self, transcripts: &[T]) -> Vec<DocId> {
        // Each document is tokenized and interned into its own small
        // vocabulary in parallel; only distinct words meet the shared one,
        // one document after the other. That serial step is pipelined: the
        // documents go in batches, and while one batch meets the shared
        // vocabulary the next is tokenized.
        let total: usize = transcripts.iter().map(|t| t.borrow().words).sum();
        let batch_words = (total / PIPELINE_BATCHES).max(1);
        let mut batches = Vec::new();
        let (mut start, mut words) = (0, 0);
        for (k, t) in transcripts.iter().enumerate() {
            words += t.borrow().words;
            if words >= batch_words {
                batches.push(&transcripts[start..=k]);
                (start, words) = (k + 1, 0);
            }
        }
        batches.push(&transcripts[start..]);
        let tokenize = |batch: &[T]| -> Vec<Tokenized> {
            batch
                .par_iter()
                .map(|t| {
                    let t = t.borrow();
                    let language = Language::from_tags(&t.languages);
                    let ranges = t.word_ranges();
                    let local = LocalTokens::of(&t.body, &ranges, language != Language::Turkish, |w, out| {
                        normalize_into(w, language, out)
                    });
                    (language, ranges, local)
                })
                .collect()
        };
        let mut ids = Vec::with_capacity(transcripts.len());
        let mut ready: Option<(&[T], Vec<Tokenized>)> = None;
        for batch in batches.into_iter().map(Some).chain([None]) {
            let (_, next) = rayon::join(
                || {
                    if let Some((done, tokenized)) = ready.take() {
                        ids.extend(self.add_tokenized(done, tokenized));
                    }
                },
                || batch.map(|b| (b, tokenize(b))),
            );
            ready = next;
        }
        self.built = None;
        // The documents' own vocabularies, freed on the threads that
        // tokenized them, go back to the system on a large corpus (on a
        // small one the pages would only be faulted in again: 16 ms more
        // for SOTU).
        if total >= TRIM_WORDS {
            crate::core::memory::give_back();
        }
        ids
    }

    /// Adds tokenized transcripts: their distinct words join the shared
    /// vocabulary, and their words get its ids.
    fn add_tokenized<T: Borrow<Transcript>>(&mut self, transcripts: &[T], tokenized: Vec<Tokenized>) -> Vec<DocId> {
        let mut ids = Vec::with_capacity(transcripts.len());
        for (t, (language, ranges, local)) in transcripts.iter().map(Borrow::borrow).zip(tokenized) {
            let id = self.docs.len() as DocId;
            let doc = IndexedDoc {
                path: t.path.clone(),
                date: t.date.map(|d| d.date),
                time: t.time,
                language,
                words: ranges,
                ids: DocIds::from_ids(local.into_ids(&mut self.vocab)),
            };
            self.docs.push(Some(doc));
            ids.push(id);
        }
        ids
    }

    /// Removes a document; its id is not reused.
    pub fn remove(&mut self, id: DocId) {
        if let Some(slot) = self.docs.get_mut(id as usize)
            && slot.take().is_some()
        {
            self.built = None;
        }
    }

    /// The document with this id, unless removed.
    pub fn doc(&self, id: DocId) -> Option<&IndexedDoc> {
        self.docs.get(id as usize).and_then(Option::as_ref)
    }

    /// Ids of the documents in the index.
    pub fn doc_ids(&self) -> impl Iterator<Item = DocId> + '_ {
        self.docs.iter().enumerate().filter(|(_, d)| d.is_some()).map(|(i, _)| i as DocId)
    }

    /// The vocabulary of normalized words.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// Chronological rank of each document: dated ones by date, time and
    /// the order they were added; undated ones last.
    fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<DocId> = self.doc_ids().collect();
        order.sort_by_key(|&id| {
            let d = self.doc(id);
            (d.and_then(|d| d.date).is_none(), d.and_then(|d| d.date), d.and_then(|d| d.time), id)
        });
        let mut rank = vec![u32::MAX; self.docs.len()];
        for (r, id) in order.into_iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
    }

    /// Builds the suffix index for this matching mode unless the one built
    /// serves: same mode, and either over the whole text or over the
    /// n-grams shared by two documents, no longer than `min_words`.
    fn ensure_built(&mut self, stem: bool, ignore_numbers: bool, min_words: usize) -> Result<(), SuffixError> {
        let serves = |b: &Built| {
            b.stem == stem
                && b.ignore_numbers == ignore_numbers
                && b.filtered_for.is_none_or(|n| n <= min_words)
                && !b.suffix.is_released()
        };
        if self.built.as_ref().is_some_and(serves) {
            return Ok(());
        }
        self.built = None;
        // Stems are interned first so the alphabet is known before building.
        if stem {
            for doc in self.docs.iter().flatten() {
                for tok in doc.ids.iter() {
                    self.vocab.stem(tok, doc.language);
                }
            }
        }
        let words = self.vocab.len();
        let live: Vec<(DocId, &IndexedDoc)> =
            self.docs.iter().enumerate().filter_map(|(id, d)| d.as_ref().map(|d| (id as DocId, d))).collect();
        let total: usize = live.iter().map(|(_, d)| d.ids.len() + 1).sum();
        let sep = words as u32;
        let alphabet = words + live.len();
        let mut doc_starts = Vec::with_capacity(live.len());
        let mut word_of = None;
        let full = if ignore_numbers {
            // Numbers are left out: where each word of the text came from.
            let mut text: Vec<u32> = Vec::with_capacity(total);
            let mut from = Vec::with_capacity(total);
            for (k, &(id, doc)) in live.iter().enumerate() {
                doc_starts.push((text.len() as u32, id));
                for (w, tok) in doc.ids.iter().enumerate() {
                    if !self.vocab.is_number(tok) {
                        text.push(if stem { self.vocab.stem_of(tok, doc.language).unwrap_or(tok) } else { tok });
                        from.push(w as u32);
                    }
                }
                text.push((words + k) as u32);
                from.push(u32::MAX);
            }
            word_of = Some(from);
            SuffixText::from_ids(text, alphabet)
        } else {
            // Every word goes in, straight into the text's stored form:
            // each document's place is known, and the documents are copied
            // in parallel.
            let mut start = 0;
            for &(id, doc) in &live {
                doc_starts.push((start as u32, id));
                start += doc.ids.len() + 1;
            }
            let vocab = &self.vocab;
            let word =
                |tok: u32, doc: &IndexedDoc| if stem { vocab.stem_of(tok, doc.language).unwrap_or(tok) } else { tok };
            if alphabet <= 1 << 16 {
                let mut narrow: std::sync::Arc<[u16]> = std::iter::repeat_n(0, total).collect();
                let Some(place) = std::sync::Arc::get_mut(&mut narrow) else {
                    return Err(SuffixError("the text of the index is shared before it is written".into()));
                };
                copy_docs(place, &live, |tok, doc| word(tok, doc) as u16, |k| (words + k) as u16);
                SuffixText::Narrow(narrow)
            } else {
                let mut wide = vec![0i32; total];
                copy_docs(&mut wide, &live, |tok, doc| word(tok, doc) as i32, |k| (words + k) as i32);
                SuffixText::Wide(wide)
            }
        };
        drop(live);
        // Each document's words in the text, without its separator.
        let ranges: Vec<Range<usize>> = doc_starts
            .iter()
            .enumerate()
            .map(|(k, &(start, _))| {
                let end = doc_starts.get(k + 1).map_or(full.len(), |&(next, _)| next as usize);
                start as usize..end.saturating_sub(1).max(start as usize)
            })
            .collect();
        // The documents' own ids go before the shared windows are found:
        // those are the peak.
        if !stem && !ignore_numbers {
            self.share_ids(&full, &doc_starts);
        }
        let filter = min_words >= MIN_FILTERED_WORDS && !self.whole_text_only;
        // The windows of min_words words shared by two documents: in a
        // corpus of distinct speeches a small part of the text, and the
        // only suffixes a phrase can start at. None when most of the text
        // is shared (a corpus of copies, very short phrases), which is then
        // indexed whole, good for any length.
        let windows = filter
            .then(|| match &full {
                SuffixText::Narrow(text) => shared_windows(text, &ranges, min_words, MAX_SHARED),
                SuffixText::Wide(text) => shared_windows(text, &ranges, min_words, MAX_SHARED),
            })
            .flatten()
            .filter(|w| w.len() <= full.len() / 10 * 7);
        let per_word = if self.compare_limit > 0 { self.compare_limit } else { MAX_COMPARED_PER_WORD };
        let max_work = full.len().saturating_mul(per_word);
        let (suffix, filtered_for) = match windows {
            Some(windows) => match SuffixIndex::sparse(full, &windows.buckets, sep, max_work)? {
                Ok(sparse) => (sparse, Some(min_words)),
                // Long repeats: libsais, in linear time, over the
                // stretches holding the shared windows.
                Err(full) => {
                    let stretches = windows.stretches(&ranges);
                    drop(windows);
                    match index_stretches(full, &stretches, sep)? {
                        Ok(cut) => (cut, Some(min_words)),
                        Err(full) => (SuffixIndex::build_over(full, alphabet, sep)?, None),
                    }
                }
            },
            None => (SuffixIndex::build_over(full, alphabet, sep)?, None),
        };
        let doc_of_block = Built::blocks(&doc_starts, suffix.text.len());
        let built = Built { stem, ignore_numbers, filtered_for, sep, suffix, doc_starts, word_of, doc_of_block };
        self.built = Some(built);
        Ok(())
    }

    /// Points each document's ids at its part of `text`, the suffix text of
    /// the default mode (every document's ids, each followed by a
    /// separator), so the corpus's ids are held once while the suffix array
    /// is built (40 MB for 20 million words) and after: the documents keep
    /// the text when the index lets go of it.
    fn share_ids(&mut self, text: &SuffixText, doc_starts: &[(u32, DocId)]) {
        let SuffixText::Narrow(shared) = text else { return };
        for &(start, id) in doc_starts {
            let Some(Some(doc)) = self.docs.get_mut(id as usize) else { continue };
            let (start, len) = (start as usize, doc.ids.len());
            // The text was just made of these very ids (a test compares
            // them); a part that does not fit leaves the document its own.
            debug_assert!(
                shared.get(start..start + len).is_some_and(|p| p.iter().map(|&w| u32::from(w)).eq(doc.ids.iter()))
            );
            if shared.get(start + len).is_some_and(|&sep| usize::from(sep) >= self.vocab.len()) {
                doc.ids = DocIds::Shared { text: std::sync::Arc::clone(shared), start, len };
            }
        }
        // The documents' own ids were small allocations: on a large corpus
        // their pages go back now, or the suffix array (a fresh mapping)
        // would not reuse them.
        if shared.len() >= TRIM_WORDS {
            crate::core::memory::give_back();
        }
    }

    /// The maximal repeats of at least `min_words` words found in at least
    /// `min_speeches` documents, from the suffix index built for `options`.
    fn repeats(&self, options: &PhraseOptions) -> Vec<crate::core::phrases::suffix::Repeat> {
        let Some(built) = &self.built else { return Vec::new() };
        let min_speeches = options.min_speeches;
        built.suffix.maximal_repeats(options.min_words as u32, || {
            // Distinct documents per repeat, with a stamp per document slot
            // (one table for each part searched in parallel).
            let mut stamp = vec![u32::MAX; built.doc_starts.len()];
            let mut counter = 0u32;
            move |_, starts: &[u32]| {
                counter += 1;
                let mut distinct = 0;
                for &p in starts {
                    let k = built.doc_slot(p);
                    if stamp[k] != counter {
                        stamp[k] = counter;
                        distinct += 1;
                        if distinct >= min_speeches {
                            return true;
                        }
                    }
                }
                false
            }
        })
    }

    /// Finds the recurring phrases of the corpus with these options.
    pub fn phrases(&mut self, options: &PhraseOptions) -> Result<PhraseSet, SuffixError> {
        self.ensure_built(options.stem, options.ignore_numbers, options.min_words)?;
        let ranks = self.ranks();
        let live = self.doc_ids().count();
        let repeats = self.repeats(options);
        // On a large corpus the suffix array is rebuilt by the next query
        // rather than kept next to the phrases while they are built; its
        // text is kept only while the gaps are bridged.
        let mut released = None;
        if let Some(built) = &mut self.built
            && built.suffix.suffixes() > KEEP_SUFFIXES
        {
            released = Some(built.suffix.release());
        }
        let Some(built) = &self.built else { return Ok(PhraseSet::default()) };
        let doc_of = |pos: u32| -> (usize, DocId, u32) {
            let k = built.doc_slot(pos);
            let (start, id) = built.doc_starts[k];
            (k, id, pos - start)
        };
        let word_index = |pos: u32| -> u32 {
            match &built.word_of {
                Some(w) => w[pos as usize],
                None => doc_of(pos).2,
            }
        };

        // Bridge small gaps: a phrase may continue after a differing word.
        let sep = built.sep;
        let text = released.as_ref().unwrap_or(&built.suffix.text);
        let rank_of_pos = |p: u32| ranks[doc_of(p).1 as usize];
        // Bridging looks at each repeat on its own: in parallel, keeping
        // the order.
        let groups: Vec<Group> = repeats
            .into_par_iter()
            .flat_map_iter(|r| {
                let reference =
                    (0..r.starts.len()).min_by_key(|&k| (rank_of_pos(r.starts[k]), r.starts[k])).unwrap_or(0);
                let bridged = crate::core::phrases::gaps::bridge(
                    text,
                    sep,
                    &r.starts,
                    r.len,
                    reference,
                    crate::core::phrases::gaps::GapLimits { max_gap: options.max_gap, min_docs: options.min_speeches },
                    |p| doc_of(p).1,
                );
                match bridged {
                    // Occurrences that did not take the bridge still make
                    // the exact phrase.
                    Some((alive, bridged)) if alive.len() < r.starts.len() => {
                        [Some(Group::Exact(r.starts, r.len)), Some(Group::Bridged(bridged.pieces))]
                    }
                    Some((_, bridged)) => [Some(Group::Bridged(bridged.pieces)), None],
                    None => [Some(Group::Exact(r.starts, r.len)), None],
                }
                .into_iter()
                .flatten()
            })
            .collect();

        // A large corpus's suffix index is gone: its memory goes back.
        if released.take().is_some() {
            crate::core::memory::give_back();
        }
        // Each phrase with the pieces of its gapped occurrences (their
        // `gaps` index this list of its own until the lists are joined).
        let (mut phrases, own_pieces): (Vec<Phrase>, Vec<Vec<Range<u32>>>) = groups
            .into_par_iter()
            .map(|group| {
                let mut own: Vec<Range<u32>> = Vec::new();
                let (mut occurrences, len, bridged): (Vec<Occurrence>, u32, bool) = match group {
                    Group::Exact(starts, len) => {
                        let occurrences = starts
                            .iter()
                            .map(|&start| {
                                let words = word_index(start)..word_index(start + len - 1) + 1;
                                Occurrence { doc: doc_of(start).1, words, gaps: NO_GAPS }
                            })
                            .collect();
                        (occurrences, len, false)
                    }
                    Group::Bridged(group) => {
                        let len = group.first().map_or(0, |g| g.iter().map(|&(_, l)| l).sum());
                        let bridged = group.iter().any(|p| p.len() > 1);
                        let occurrences = group
                            .iter()
                            .map(|pieces| {
                                let doc = doc_of(pieces[0].0).1;
                                let ranges: Vec<Range<u32>> = pieces
                                    .iter()
                                    .map(|&(start, len)| word_index(start)..word_index(start + len - 1) + 1)
                                    .collect();
                                let words = ranges[0].start..ranges[ranges.len() - 1].end;
                                let gaps = if ranges.len() > 1 {
                                    let at = own.len() as u32;
                                    own.extend(ranges);
                                    at
                                } else {
                                    NO_GAPS
                                };
                                Occurrence { doc, words, gaps }
                            })
                            .collect();
                        (occurrences, len, bridged)
                    }
                };
                occurrences.sort_unstable_by_key(|o| (ranks[o.doc as usize], o.words.start));
                // In rank order a document's occurrences are next to each other.
                let speeches = 1 + occurrences.windows(2).filter(|w| w[0].doc != w[1].doc).count();
                let first = occurrences[0].doc;
                let last = occurrences[occurrences.len() - 1].doc;
                let phrase = Phrase {
                    len,
                    speeches: speeches as u32,
                    first,
                    last,
                    formula: speeches as f64 > options.formula_fraction * live as f64,
                    bridged,
                    occurrences: occurrences.into_boxed_slice(),
                };
                (phrase, own)
            })
            .unzip();
        // One list of pieces for all phrases.
        let mut pieces = Vec::with_capacity(own_pieces.iter().map(Vec::len).sum());
        for (p, own) in phrases.iter_mut().zip(own_pieces) {
            let base = pieces.len() as u32;
            for o in p.occurrences.iter_mut().filter(|o| o.has_gaps()) {
                o.gaps += base;
            }
            pieces.extend(own);
        }
        // In an order that does not depend on the order the repeats were
        // found in (it differs between suffix indexes over the whole text
        // and over part of it), before the covered ones are dropped.
        sort_phrases(&mut phrases, &ranks, &pieces);
        drop_covered_by_bridged(&mut phrases, &pieces);
        // The pieces laid out again in the phrases' final order: equal
        // phrases then index them alike, whichever order the repeats were
        // found in.
        let mut packed = Vec::with_capacity(pieces.len());
        for o in phrases.iter_mut().flat_map(|p| p.occurrences.iter_mut()).filter(|o| o.has_gaps()) {
            let at = packed.len() as u32;
            packed.extend_from_slice(o.pieces_in(&pieces));
            o.gaps = at;
        }
        let pieces = packed;

        let recurring = self.recurring_words(&phrases, options, &pieces);
        let words = self.docs.iter().map(|d| d.as_ref().map(|d| d.words.clone()).unwrap_or_default()).collect();
        let in_doc = PhrasesInDocs::of(&phrases, self.docs.len());
        Ok(PhraseSet {
            phrases,
            recurring,
            ranks,
            words,
            in_doc,
            pieces,
            max_gap: options.max_gap,
            hide_formulas: options.hide_formulas,
        })
    }

    /// Per document, the number of words inside a (shown) phrase: the
    /// words covered by a matched piece, marked in a bitset per document
    /// (bridged gaps not counted). The spans themselves are made when a
    /// view asks for a document's ([`PhraseSet::spans`]), not kept for
    /// every document.
    fn recurring_words(&self, phrases: &[Phrase], options: &PhraseOptions, pieces: &[Range<u32>]) -> Vec<usize> {
        let mut covered: Vec<Vec<u64>> =
            self.docs.iter().map(|d| vec![0u64; d.as_ref().map_or(0, |d| d.ids.len()).div_ceil(64)]).collect();
        for p in phrases.iter().filter(|p| !(p.formula && options.hide_formulas)) {
            for o in &p.occurrences {
                let Some(bits) = covered.get_mut(o.doc as usize) else { continue };
                for w in o.pieces_in(pieces).iter().flat_map(|r| r.start as usize..r.end as usize) {
                    if let Some(word) = bits.get_mut(w / 64) {
                        *word |= 1 << (w % 64);
                    }
                }
            }
        }
        covered.iter().map(|bits| bits.iter().map(|w| w.count_ones() as usize).sum()).collect()
    }
}

/// The spans of a document of `words` words from the pieces of the phrases
/// in it (`list`, in any order): repeating an earlier speech, introduced
/// here, or unique, with gaps of up to `max_gap` unique words between two
/// spans of one class bridged. `own_rank` is the document's chronological
/// rank.
fn doc_spans(list: &mut [Interval], words: u32, phrases: &[Phrase], own_rank: u32, max_gap: usize) -> Vec<Span> {
    let kind_of = |key: Option<SpanKey>| -> SpanKind {
        match key {
            None => SpanKind::Unique,
            Some((rank, phrase)) if rank < own_rank => {
                SpanKind::Earlier { first: phrases.get(phrase as usize).map_or(0, |p| p.first), phrase }
            }
            Some((_, phrase)) => SpanKind::IntroducedHere { phrase },
        }
    };
    let mut spans: Vec<Span> = Vec::new();
    for (start, end, key) in sweep(list, words) {
        let kind = kind_of(key);
        match spans.last_mut() {
            Some(last) if last.kind.same_class(&kind) => last.words.end = end,
            _ => spans.push(Span { words: start..end, kind }),
        }
    }
    bridge_gaps(spans, max_gap)
}

/// The suffix index of `stretches` of `full`, each cut out and followed by
/// the boundary `sep` (word ids are below it), read back in the whole
/// text; `Ok(Err(full))` hands the text back when the stretches are most of
/// it and cutting them out would save little.
fn index_stretches(
    full: SuffixText,
    stretches: &[Range<usize>],
    sep: u32,
) -> Result<Result<SuffixIndex, SuffixText>, SuffixError> {
    let kept = stretches.iter().map(|r| r.len() + 1).sum::<usize>();
    if kept > full.len() / 10 * 7 {
        return Ok(Err(full));
    }
    let mut cut: Vec<u32> = Vec::with_capacity(kept);
    let mut full_of: Vec<u32> = Vec::with_capacity(kept);
    for r in stretches {
        cut.extend(r.clone().map(|p| full.at(p)));
        full_of.extend(r.start as u32..r.end as u32);
        cut.push(sep);
        full_of.push(r.end as u32);
    }
    let alphabet = sep as usize + 1;
    let cut = SuffixText::from_ids(cut, alphabet);
    Ok(Ok(SuffixIndex::build_over(cut, alphabet, sep)?.remap(full, &full_of)?))
}

/// Copies the documents' words into `text`, each followed by its own
/// separator (`sep(k)` for the k-th), in parallel: `text` holds exactly
/// their words and separators.
fn copy_docs<T: Send>(
    text: &mut [T],
    live: &[(DocId, &IndexedDoc)],
    word: impl Fn(u32, &IndexedDoc) -> T + Sync,
    sep: impl Fn(usize) -> T + Sync,
) {
    let mut rest = text;
    let mut places = Vec::with_capacity(live.len());
    for &(_, doc) in live {
        let len = (doc.ids.len() + 1).min(rest.len());
        let (place, after) = std::mem::take(&mut rest).split_at_mut(len);
        places.push(place);
        rest = after;
    }
    places.into_par_iter().zip(live.par_iter()).enumerate().for_each(|(k, (place, &(_, doc)))| {
        for (slot, tok) in place.iter_mut().zip(doc.ids.iter()) {
            *slot = word(tok, doc);
        }
        if let Some(last) = place.last_mut() {
            *last = sep(k);
        }
    });
}

/// The occurrences of one phrase before they are placed in their documents.
enum Group {
    /// Exact repeats: start positions in the suffix text, and the length.
    Exact(Vec<u32>, u32),
    /// Bridged: per occurrence, its pieces as `(start, len)`.
    Bridged(Vec<Vec<(u32, u32)>>),
}

/// What decides a word's class: the first-use rank of the phrase covering
/// it, then the phrase's index (smallest wins).
type SpanKey = (u32, u32);
/// Word range of a matched piece of a phrase, and its key.
type Interval = (u32, u32, SpanKey);
/// Word range and the key of the phrase that decides it, if any.
type Segment = (u32, u32, Option<SpanKey>);

/// Splits `0..len` into segments labelled with the smallest key of the
/// intervals covering them (`None` where nothing does).
fn sweep(intervals: &mut [Interval], len: u32) -> Vec<Segment> {
    use std::cmp::Reverse;
    intervals.sort_unstable_by_key(|&(s, _, _)| s);
    let mut heap: std::collections::BinaryHeap<Reverse<(SpanKey, u32)>> = std::collections::BinaryHeap::new();
    let mut out: Vec<Segment> = Vec::new();
    let push = |out: &mut Vec<Segment>, s: u32, e: u32, key: Option<SpanKey>| {
        if s >= e {
            return;
        }
        match out.last_mut() {
            Some(last) if last.1 == s && last.2 == key => last.1 = e,
            _ => out.push((s, e, key)),
        }
    };
    let (mut pos, mut i) = (0u32, 0usize);
    while pos < len {
        while i < intervals.len() && intervals[i].0 <= pos {
            let (_, e, key) = intervals[i];
            if e > pos {
                heap.push(Reverse((key, e)));
            }
            i += 1;
        }
        while heap.peek().is_some_and(|Reverse((_, e))| *e <= pos) {
            heap.pop();
        }
        let next_start = intervals.get(i).map_or(len, |iv| iv.0.min(len));
        match heap.peek() {
            None => {
                push(&mut out, pos, next_start, None);
                pos = next_start;
            }
            Some(&Reverse((key, e))) => {
                let end = e.min(next_start).min(len);
                push(&mut out, pos, end, Some(key));
                pos = end;
            }
        }
    }
    out
}

/// Merges a unique span of at most `max_gap` words lying between two spans
/// of the same class into them, so a phrase with one word changed reads as
/// one recurring passage.
fn bridge_gaps(spans: Vec<Span>, max_gap: usize) -> Vec<Span> {
    if max_gap == 0 {
        return spans;
    }
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut it = spans.into_iter().peekable();
    while let Some(span) = it.next() {
        let bridgeable = span.kind == SpanKind::Unique
            && span.words.len() <= max_gap
            && out.last().zip(it.peek()).is_some_and(|(before, after)| before.kind.same_class(&after.kind));
        if bridgeable && let (Some(before), Some(after)) = (out.last_mut(), it.next()) {
            before.words.end = after.words.end;
            continue;
        }
        match out.last_mut() {
            Some(last) if last.kind.same_class(&span.kind) => last.words.end = span.words.end,
            _ => out.push(span),
        }
    }
    out
}

/// One place a phrase occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The document.
    pub doc: DocId,
    /// Word indices in the document, from the first matched word to the
    /// last; [`PhraseSet::occurrence_bytes`] gives the text they cover.
    /// Only words, no byte range, and the pieces of a bridged occurrence
    /// kept apart: an occurrence is 16 bytes, not 40 (SOTU's phrases have
    /// 142,000 occurrences, the 10x corpus's 2.3 million, held for as long
    /// as the phrases are shown).
    pub words: Range<u32>,
    /// Where the matched runs of words of an occurrence that bridges gaps
    /// start in its phrase set's list of pieces ([`PhraseSet::pieces`]);
    /// [`NO_GAPS`] for an exact occurrence.
    gaps: u32,
}

/// [`Occurrence::gaps`] of an exact occurrence.
const NO_GAPS: u32 = u32::MAX;

impl Occurrence {
    /// True when this occurrence bridges a gap.
    pub fn has_gaps(&self) -> bool {
        self.gaps != NO_GAPS
    }

    /// The matched runs of words, from `pieces` (all gapped occurrences'
    /// runs, one after the other): `words` itself for an exact occurrence.
    /// An occurrence's runs are in order and the last ends where its words
    /// end, so no count is stored.
    fn pieces_in<'a>(&'a self, pieces: &'a [Range<u32>]) -> &'a [Range<u32>] {
        let rest = match pieces.get(self.gaps as usize..) {
            Some(rest) if self.has_gaps() => rest,
            _ => return std::slice::from_ref(&self.words),
        };
        let n = rest.iter().position(|r| r.end >= self.words.end).map_or(rest.len(), |k| k + 1);
        &rest[..n]
    }
}

/// Sorts the phrases by [`phrase_order`], each with a small key that
/// settles most comparisons (many phrases are alike in speeches, length and
/// first use) without reading its occurrences again. The keys are sorted
/// with the phrases' indices, and the phrases then moved into place: no
/// second list of phrases (3 MB more at the peak of indexing SOTU).
fn sort_phrases(phrases: &mut [Phrase], ranks: &[u32], pieces: &[Range<u32>]) {
    let rank = |d: DocId| ranks.get(d as usize).copied().unwrap_or(u32::MAX);
    let key = |p: &Phrase| {
        let (doc, start) = p.occurrences.first().map_or((0, 0), |o| (rank(o.doc), o.words.start));
        [u32::MAX - p.speeches, u32::MAX - p.len, rank(p.first), doc, start]
    };
    let mut keyed: Vec<([u32; 5], u32)> = phrases.par_iter().enumerate().map(|(i, p)| (key(p), i as u32)).collect();
    keyed.par_sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb).then_with(|| phrase_order(&phrases[*a as usize], &phrases[*b as usize], ranks, pieces))
    });
    let mut order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
    permute(phrases, &mut order);
}

/// Rearranges `items` so that position `k` holds the item that was at
/// `order[k]` (a permutation), one cycle at a time; `order` is used up.
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The order of the phrase list: by number of speeches, then length (both
/// descending), then first use; phrases alike in these by where they occur.
fn phrase_order(a: &Phrase, b: &Phrase, ranks: &[u32], pieces: &[Range<u32>]) -> std::cmp::Ordering {
    let rank = |d: DocId| ranks.get(d as usize).copied().unwrap_or(u32::MAX);
    b.speeches.cmp(&a.speeches).then(b.len.cmp(&a.len)).then(rank(a.first).cmp(&rank(b.first))).then_with(|| {
        let place = |o: &Occurrence| (rank(o.doc), o.words.start, o.words.end);
        let runs = |p: &Phrase| {
            p.occurrences.iter().flat_map(|o| o.pieces_in(pieces).iter().map(|r| (r.start, r.end))).collect::<Vec<_>>()
        };
        a.occurrences
            .iter()
            .map(place)
            .cmp(b.occurrences.iter().map(place))
            .then(a.bridged.cmp(&b.bridged))
            .then_with(|| runs(a).cmp(&runs(b)))
    })
}

/// Removes exact phrases that a bridged phrase already tells about: every
/// occurrence inside an occurrence of the bridged phrase, in the same speeches.
fn drop_covered_by_bridged(phrases: &mut Vec<Phrase>, pieces: &[Range<u32>]) {
    let bridged: Vec<&Phrase> = phrases.iter().filter(|p| p.bridged).collect();
    if bridged.is_empty() {
        return;
    }
    /// A document's pieces of bridged phrases (word range, phrase), by
    /// start, and the longest piece's length (how far before a word a piece
    /// holding it can start).
    type Pieces = (Vec<(Range<u32>, usize)>, u32);
    let mut spans: rustc_hash::FxHashMap<DocId, Pieces> = rustc_hash::FxHashMap::default();
    // An exact phrase is told about only where it lies inside one matched
    // piece (not across a gap, whose words it would match exactly).
    for (k, p) in bridged.iter().enumerate() {
        for o in &p.occurrences {
            let (list, longest) = spans.entry(o.doc).or_default();
            for piece in o.pieces_in(pieces) {
                list.push((piece.clone(), k));
                *longest = (*longest).max(piece.end - piece.start);
            }
        }
    }
    for (list, _) in spans.values_mut() {
        list.sort_unstable_by_key(|(w, k)| (w.start, w.end, *k));
    }
    // The bridged phrases with a piece holding this occurrence.
    let holding = |o: &Occurrence| {
        let (list, longest) = spans.get(&o.doc).map_or((&[][..], 0), |(l, m)| (l.as_slice(), *m));
        let words = o.words.clone();
        let end = list.partition_point(|(w, _)| w.start <= words.start);
        let from = list[..end].partition_point(|(w, _)| w.start + longest < words.end);
        list[from..end].iter().filter(move |(w, _)| words.end <= w.end).map(|&(_, k)| k)
    };
    // Covered when one bridged phrase holds every occurrence: any of those
    // holding the first one (so the answer does not depend on their order).
    let covered = |p: &Phrase| -> bool {
        let Some(first) = p.occurrences.first().filter(|_| !p.bridged) else { return false };
        holding(first)
            .any(|k| bridged[k].speeches == p.speeches && p.occurrences[1..].iter().all(|o| holding(o).any(|j| j == k)))
    };
    let drop: Vec<bool> = phrases.par_iter().map(covered).collect();
    let mut k = 0;
    phrases.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// A recurring phrase: a maximal run of words found in several speeches.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// Length in matched words (bridged gap words not counted).
    pub len: u32,
    /// Number of different speeches it occurs in.
    pub speeches: u32,
    /// The speech that used it first (earliest date, then time, then the
    /// order documents were added).
    pub first: DocId,
    /// The speech that used it last.
    pub last: DocId,
    /// Found in more than the formula fraction of all speeches.
    pub formula: bool,
    /// Bridges a gap of differing words in some occurrence.
    pub bridged: bool,
    /// Occurrences in chronological order (a boxed slice: 8 bytes less per
    /// phrase than a `Vec`).
    pub occurrences: Box<[Occurrence]>,
}

/// How a span of a speech relates to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// Used nowhere else.
    Unique,
    /// First used in an earlier speech.
    Earlier {
        /// The speech that used it first.
        first: DocId,
        /// The phrase (index into [`PhraseSet::phrases`]).
        phrase: u32,
    },
    /// First used here and used again later.
    IntroducedHere {
        /// The phrase (index into [`PhraseSet::phrases`]).
        phrase: u32,
    },
}

impl SpanKind {
    /// True when two kinds read the same in a view: both unique, both
    /// introduced here, or both earlier with the same first use.
    pub fn same_class(&self, other: &SpanKind) -> bool {
        match (self, other) {
            (SpanKind::Unique, SpanKind::Unique) => true,
            (SpanKind::IntroducedHere { .. }, SpanKind::IntroducedHere { .. }) => true,
            (SpanKind::Earlier { first: a, .. }, SpanKind::Earlier { first: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// A run of words of one document with one [`SpanKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Word indices; [`PhraseSet::byte_range`] gives the text they cover.
    /// Only words: a span is 20 bytes, not 28 with a byte range too (SOTU
    /// has 155,000 spans, a corpus of 20 million words 1.2 million).
    pub words: Range<u32>,
    /// How it relates to other speeches.
    pub kind: SpanKind,
}

/// The phrases of a corpus and what they mean for each speech.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// Phrases, most widespread first, then longest.
    pub phrases: Vec<Phrase>,
    recurring: Vec<usize>,
    ranks: Vec<u32>,
    /// Each document's word ranges (shared with its transcript), to turn
    /// the words of occurrences and spans into text.
    words: Vec<WordRanges>,
    /// The phrases found in each document, for its spans.
    in_doc: PhrasesInDocs,
    /// The matched runs of words of every occurrence that bridges gaps,
    /// one occurrence after the other ([`PhraseSet::pieces`]).
    pieces: Vec<Range<u32>>,
    /// The options' gap bridged between two spans of one class.
    max_gap: usize,
    /// Formulas are left out of the spans.
    hide_formulas: bool,
}

impl PhraseSet {
    /// The spans of a document, covering all its words in order. Made on
    /// each call from the phrases in the document (tens of microseconds):
    /// views keep the styles of the speeches they show, and the spans of
    /// all the others are not held (SOTU has 155,000, 3 MB).
    pub fn spans(&self, doc: DocId) -> Vec<Span> {
        let Some(words) = self.words.get(doc as usize).map(|w| w.len() as u32) else { return Vec::new() };
        let own = self.rank(doc);
        let mut list: Vec<Interval> = Vec::new();
        for &pi in self.in_doc.of_doc(doc) {
            let Some(p) = self.phrases.get(pi as usize) else { continue };
            if p.formula && self.hide_formulas {
                continue;
            }
            let key = (self.rank(p.first), pi);
            // Occurrences are in chronological order: the document's are
            // next to each other.
            let from = p.occurrences.partition_point(|o| self.rank(o.doc) < own);
            for o in p.occurrences[from..].iter().take_while(|o| o.doc == doc) {
                list.extend(self.pieces(o).iter().map(|r| (r.start, r.end, key)));
            }
        }
        doc_spans(&mut list, words, &self.phrases, own, self.max_gap)
    }

    /// The matched runs of words of an occurrence of one of these phrases,
    /// in order (a bridged gap lies between two runs): its `words` alone
    /// when it bridges none.
    pub fn pieces<'a>(&'a self, o: &'a Occurrence) -> &'a [Range<u32>] {
        o.pieces_in(&self.pieces)
    }

    /// Number of a document's words inside any (shown) recurring phrase;
    /// words only bridged as a gap do not count.
    pub fn recurring_words(&self, doc: DocId) -> usize {
        self.recurring.get(doc as usize).copied().unwrap_or(0)
    }

    /// The byte range in document `doc`'s body of its words `words` (an
    /// occurrence's or a span's), from the first word's start to the last
    /// word's end; empty when the document or a word is unknown.
    pub fn byte_range(&self, doc: DocId, words: Range<u32>) -> Range<usize> {
        self.words.get(doc as usize).map_or(0..0, |w| w.byte_range(words.start as usize..words.end as usize))
    }

    /// The byte range of an occurrence in its document's body, gaps
    /// included.
    pub fn occurrence_bytes(&self, o: &Occurrence) -> Range<usize> {
        self.byte_range(o.doc, o.words.clone())
    }

    /// Chronological rank of a document (0 = earliest).
    pub fn rank(&self, doc: DocId) -> u32 {
        self.ranks.get(doc as usize).copied().unwrap_or(u32::MAX)
    }
}

/// Which phrases each document holds (each phrase once per document, in
/// the phrase list's order): 4 bytes per phrase and document using it.
#[derive(Debug, Clone, Default)]
struct PhrasesInDocs {
    /// Per document, where its phrases start in `phrases` (one more entry
    /// than documents).
    starts: Vec<u32>,
    /// Phrase indices, document after document.
    phrases: Vec<u32>,
}

impl PhrasesInDocs {
    /// The documents of `phrases`, for a corpus of `docs` document ids.
    fn of(phrases: &[Phrase], docs: usize) -> PhrasesInDocs {
        // Each document using a phrase, once: its occurrences there are
        // next to each other (chronological order).
        let uses = || {
            phrases.iter().enumerate().flat_map(|(pi, p)| {
                p.occurrences.chunk_by(|a, b| a.doc == b.doc).map(move |run| (run[0].doc as usize, pi as u32))
            })
        };
        let mut starts = vec![0u32; docs + 1];
        for (d, _) in uses() {
            if let Some(c) = starts.get_mut(d + 1) {
                *c += 1;
            }
        }
        for d in 1..starts.len() {
            starts[d] += starts[d - 1];
        }
        let mut fill = starts.clone();
        let mut list = vec![0u32; starts.last().map_or(0, |&n| n as usize)];
        for (d, pi) in uses() {
            if let Some(at) = fill.get_mut(d)
                && let Some(slot) = list.get_mut(*at as usize)
            {
                *slot = pi;
                *at += 1;
            }
        }
        PhrasesInDocs { starts, phrases: list }
    }

    /// The phrases in document `doc`, in list order.
    fn of_doc(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&s), Some(&e)) => self.phrases.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Uses of a phrase per year: how many speeches of each year use it (each
/// speech once), for speeches with a date; `date_of` gives a document's date.
pub fn uses_per_year(phrase: &Phrase, date_of: impl Fn(DocId) -> Option<NaiveDate>) -> Vec<(i32, u32)> {
    let mut docs: Vec<DocId> = phrase.occurrences.iter().map(|o| o.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    let mut years: Vec<i32> = docs.into_iter().filter_map(|d| date_of(d).map(|d| d.year())).collect();
    years.sort_unstable();
    let mut counts: Vec<(i32, u32)> = Vec::new();
    for y in years {
        match counts.last_mut() {
            Some((last, n)) if *last == y => *n += 1,
            _ => counts.push((y, 1)),
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A corpus of random speeches over a vocabulary of a few hundred words
    /// that quote each other: passages copied from earlier speeches, some
    /// with a word changed, some numbers.
    fn quoting_corpus(seed: u64, docs: usize) -> Vec<Transcript> {
        let mut rng = crate::core::test_rng::seeded(seed);
        let mut next = move |m: u64| u64::from(rng()) % m;
        let mut texts: Vec<Vec<String>> = Vec::new();
        for _ in 0..docs {
            let mut words: Vec<String> = Vec::new();
            let len = 200 + next(400) as usize;
            while words.len() < len {
                if !texts.is_empty() && next(100) < 3 {
                    let from = &texts[next(texts.len() as u64) as usize];
                    let start = next(from.len() as u64) as usize;
                    let take = (3 + next(20) as usize).min(from.len() - start);
                    let mut quote = from[start..start + take].to_vec();
                    if take > 6 && next(2) == 0 {
                        let k = next(take as u64) as usize;
                        quote[k] = format!("w{}", next(300));
                    }
                    words.extend(quote);
                } else if next(30) == 0 {
                    words.push(format!("{}", next(50)));
                } else {
                    words.push(format!("w{}", next(300)));
                }
            }
            texts.push(words);
        }
        texts
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut t = Transcript::from_text(format!("doc{i}.txt"), "t", &w.join(" "));
                t.date = Some(crate::core::text::transcript::SpeechDate {
                    date: NaiveDate::from_ymd_opt(1900 + (i as i32 * 7) % 50, 1, 1).unwrap_or_default(),
                    precision: crate::core::text::transcript::DatePrecision::Year,
                    source: crate::core::text::transcript::DateSource::Filename,
                });
                t
            })
            .collect()
    }

    #[test]
    fn documents_keep_their_ids_in_the_suffix_text_of_the_default_mode() {
        let texts = [
            "the state of the union is strong and the union endures",
            "we say the state of the union is strong again today",
            "Мы остаёмся открытыми к диалогу на основе взаимного уважения",
            "diyalog kapımız açık ve İstanbul the state of the union is strong",
        ];
        let ts: Vec<Transcript> =
            texts.iter().enumerate().map(|(i, t)| Transcript::from_text(format!("{i}.txt"), "t", t)).collect();
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&ts);
        let own: Vec<Vec<u32>> = ids.iter().map(|&d| index.doc(d).unwrap().ids.to_vec()).collect();
        let before = index.phrases(&PhraseOptions::default().min_words(3)).unwrap();
        for (&d, own) in ids.iter().zip(&own) {
            let ids = &index.doc(d).unwrap().ids;
            assert!(matches!(ids, DocIds::Shared { .. }), "doc {d} keeps its ids in the text");
            assert_eq!(&ids.to_vec(), own, "doc {d}");
        }
        // Removing one and adding another, then other modes, still read
        // the right words.
        index.remove(ids[1]);
        let added = index.add(&Transcript::from_text("4.txt", "t", "and the state of the union is strong"));
        for options in [PhraseOptions::default().min_words(3), PhraseOptions::default().min_words(3).stem(true)] {
            let set = index.phrases(&options).unwrap();
            for p in &set.phrases {
                let words =
                    |o: &Occurrence| index.doc(o.doc).unwrap().ids.slice(o.words.start as usize..o.words.end as usize);
                let first = words(&p.occurrences[0]);
                assert!(p.occurrences.iter().all(|o| p.bridged || words(o) == first), "{options:?}");
            }
        }
        assert_eq!(index.doc(added).unwrap().ids.len(), 8);
        assert_eq!(index.doc(ids[0]).unwrap().ids.to_vec(), own[0]);
        assert!(!before.phrases.is_empty());
    }

    #[test]
    fn recurring_words_and_spans_agree_with_the_pieces() {
        let ts = quoting_corpus(31, 12);
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&ts);
        index.remove(ids[4]);
        for options in
            [PhraseOptions::default(), PhraseOptions::default().max_gap(0).formula_fraction(0.2).hide_formulas(true)]
        {
            let set = index.phrases(&options).unwrap();
            assert!(set.phrases.len() > 10, "{} phrases", set.phrases.len());
            for &d in &ids {
                let words = index.doc(d).map_or(0, |doc| doc.ids.len() as u32);
                // The words inside a matched piece of a shown phrase, counted
                // the plain way.
                let covered: std::collections::HashSet<u32> = set
                    .phrases
                    .iter()
                    .filter(|p| !(p.formula && options.hide_formulas))
                    .flat_map(|p| &p.occurrences)
                    .filter(|o| o.doc == d)
                    .flat_map(|o| set.pieces(o).iter().flat_map(|r| r.clone()))
                    .collect();
                assert_eq!(set.recurring_words(d), covered.len(), "doc {d}, {options:?}");
                // The spans cover the document's words in order, and every
                // covered word lies in a span that is not unique.
                let spans = set.spans(d);
                assert_eq!(spans.first().map_or(0, |s| s.words.start), 0);
                assert_eq!(spans.last().map_or(0, |s| s.words.end), words, "doc {d}");
                assert!(spans.windows(2).all(|w| w[0].words.end == w[1].words.start));
                for s in &spans {
                    let unique = s.kind == SpanKind::Unique;
                    assert!(s.words.clone().all(|w| !(unique && covered.contains(&w))), "doc {d}: {s:?}");
                }
            }
        }
    }

    #[test]
    fn permute_moves_each_item_to_its_place() {
        let mut next = crate::core::test_rng::seeded(77);
        for n in [0usize, 1, 2, 5, 40, 333] {
            let mut order: Vec<u32> = (0..n as u32).collect();
            for i in (1..n).rev() {
                order.swap(i, next() as usize % (i + 1));
            }
            let items: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
            let want: Vec<String> = order.iter().map(|&k| items[k as usize].clone()).collect();
            let mut got = items.clone();
            permute(&mut got, &mut order.clone());
            assert_eq!(got, want, "{n} items");
        }
    }

    #[test]
    fn phrases_occurrences_and_spans_stay_small() {
        // 2.3 million occurrences and 175,000 phrases on a 20-million-word
        // corpus: each field counts.
        assert_eq!(std::mem::size_of::<Occurrence>(), 16);
        assert_eq!(std::mem::size_of::<Phrase>(), 40);
        assert_eq!(std::mem::size_of::<Span>(), 20);
    }

    fn same(a: &PhraseSet, b: &PhraseSet, docs: usize) -> bool {
        a.phrases == b.phrases
            && (0..docs as DocId).all(|d| a.spans(d) == b.spans(d) && a.recurring_words(d) == b.recurring_words(d))
    }

    #[test]
    fn a_corpus_sharing_nothing_keeps_its_empty_cut_index() {
        let corpus = [
            Transcript::from_text("a.txt", "a", "one two three four five six seven eight"),
            Transcript::from_text("b.txt", "b", "nine ten eleven twelve thirteen fourteen fifteen"),
        ];
        let mut ix = PhraseIndex::new();
        ix.add_all(&corpus);
        assert!(ix.phrases(&PhraseOptions::default()).unwrap().phrases.is_empty());
        let built = ix.built.as_ref().unwrap();
        assert_eq!((built.filtered_for, built.suffix.suffixes()), (Some(5), 0));
        // Not taken for a freed one: the next query reuses it.
        assert!(!built.suffix.is_released());
    }

    #[test]
    fn a_speech_quoted_whole_is_indexed_by_libsais_with_the_same_phrases() {
        // A speech of 1,500 words quoted whole in another, among speeches
        // sharing little: sorting the shared windows by comparing words
        // would take hundreds of comparisons per word of the text, so the
        // stretches holding them go to libsais.
        let mut corpus = quoting_corpus(3, 16);
        let mut next = crate::core::test_rng::seeded(99);
        let long: Vec<String> = (0..1500).map(|_| format!("q{}", next() % 500)).collect();
        let long = long.join(" ");
        corpus[0] = Transcript::from_text("0.txt", "quoted", &long);
        corpus[1] = Transcript::from_text("1.txt", "quoting", &format!("{} and so on. {long}", corpus[1].body));
        let words: usize = corpus.iter().map(|t| t.words).sum();
        assert!(3000 * 10 < words * 6, "the quotation is under the share where the whole text is indexed");
        let mut whole = PhraseIndex { whole_text_only: true, ..PhraseIndex::new() };
        whole.add_all(&corpus);
        let want = whole.phrases(&PhraseOptions::default()).unwrap();
        assert!(want.phrases.iter().any(|p| p.len == 1500), "the quotation is one phrase");
        let mut suffixes = Vec::new();
        for limit in [0, 1000] {
            let mut ix = PhraseIndex { compare_limit: limit, ..PhraseIndex::new() };
            ix.add_all(&corpus);
            let got = ix.phrases(&PhraseOptions::default()).unwrap();
            assert!(same(&got, &want, corpus.len()), "compare limit {limit}");
            let built = ix.built.as_ref().unwrap();
            assert_eq!(built.filtered_for, Some(5));
            suffixes.push(built.suffix.suffixes());
        }
        // libsais indexed the stretches, more suffixes than the shared
        // windows sorted when comparing was allowed.
        assert!(suffixes[0] > suffixes[1], "{suffixes:?}");
    }

    #[test]
    fn shared_ngrams_give_the_same_phrases_as_the_whole_text() {
        for seed in 1..6 {
            let corpus = quoting_corpus(seed, 12);
            let mut cut = PhraseIndex::new();
            cut.add_all(&corpus);
            let mut whole = PhraseIndex { whole_text_only: true, ..PhraseIndex::new() };
            whole.add_all(&corpus);
            let options = [
                PhraseOptions::default(),
                PhraseOptions::default().min_words(3).max_gap(0),
                PhraseOptions::default().min_words(4).min_speeches(3),
                PhraseOptions::default().min_words(6).stem(true),
                PhraseOptions::default().ignore_numbers(true),
                // Back to a shorter length than the index was cut for.
                PhraseOptions::default().min_words(3),
            ];
            for o in &options {
                let (a, b) = (cut.phrases(o).unwrap(), whole.phrases(o).unwrap());
                assert!(a.phrases.len() > 3, "seed {seed}: a corpus with phrases to find ({o:?})");
                assert!(same(&a, &b, corpus.len()), "seed {seed}, {o:?}: cut and whole text differ");
                let ordered = a.phrases.windows(2).all(|w| phrase_order(&w[0], &w[1], &a.ranks, &a.pieces).is_lt());
                assert!(ordered, "seed {seed}, {o:?}: phrases in order, none alike");
            }
            // A released suffix index (as on a large corpus) is rebuilt by
            // the next query, which finds the same.
            let before = cut.phrases(&PhraseOptions::default()).unwrap();
            let _text = cut.built.as_mut().unwrap().suffix.release();
            let again = cut.phrases(&PhraseOptions::default()).unwrap();
            assert!(same(&before, &again, corpus.len()), "seed {seed}: rebuilt after release");
            cut.phrases(&options[5]).unwrap();
            // The cut index really was cut: most of the text is unshared.
            let built = cut.built.as_ref().unwrap();
            assert_eq!(built.filtered_for, Some(3), "seed {seed}");
        }
    }
}
