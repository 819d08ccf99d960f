//! The public index of recurring phrasing ([`PhraseIndex`]): the corpus's
//! documents tokenized once (added and removed one at a time), and each
//! query answered as a [`PhraseSet`] by its steps: the suffix index built
//! for the matching mode, its maximal repeats, gaps bridged, the phrases
//! placed in their documents, ordered, and counted per speech.

use std::borrow::Borrow;
use std::ops::Range;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, NaiveTime};
use rayon::prelude::*;

use crate::core::phrases::built::Built;
use crate::core::phrases::incremental::{QueryPath, Updates};
use crate::core::phrases::options::PhraseOptions;
use crate::core::phrases::ordering::{drop_covered_by_bridged, drop_shifts_in_runs, sort_phrases};
use crate::core::phrases::phrase_set::{Phrase, PhraseSet, PhrasesInDocs};
use crate::core::phrases::raw::RawPhrases;
use crate::core::phrases::repeats::{bridge_repeats, keyed_repeats, phrases_of_groups, repack_pieces};
use crate::core::phrases::runs::{Run, RunGaps};
use crate::core::phrases::suffix::SuffixError;
use crate::core::text::doc_ids::DocIds;
use crate::core::text::transcript::Transcript;
use crate::core::text::vocabulary::{Interner, LocalTokens, Vocabulary};
use crate::core::text::{Language, WordRanges, normalize_into};
use crate::core::text::{YearCount, per_year};

/// Identifies a document in a [`PhraseIndex`]: the order it was added in.
pub type DocId = u32;

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

impl IndexedDoc {
    /// `t` tokenized and normalized as the phrase index does, its words
    /// given `vocabulary`'s ids (for comparing two speeches without an
    /// index: equal words get equal ids in one vocabulary).
    pub(crate) fn of(t: &Transcript, vocabulary: &mut impl Interner) -> IndexedDoc {
        IndexedDoc::from_tokenized(t, tokenize(t), vocabulary)
    }

    /// A tokenized transcript, its words given `vocabulary`'s ids.
    fn from_tokenized(
        t: &Transcript,
        (language, words, local): Tokenized,
        vocabulary: &mut impl Interner,
    ) -> IndexedDoc {
        IndexedDoc {
            path: t.path.clone(),
            date: t.date.map(|d| d.date),
            time: t.time,
            language,
            words,
            ids: DocIds::from_ids(local.into_ids(vocabulary)),
        }
    }
}

/// Tokenizes a transcript on its own ([`Tokenized`]).
fn tokenize(t: &Transcript) -> Tokenized {
    let language = Language::from_tags(&t.languages);
    let ranges = t.word_ranges();
    let local =
        LocalTokens::of(&t.body, &ranges, language != Language::Turkish, |w, out| normalize_into(w, language, out));
    (language, ranges, local)
}

/// How many batches [`PhraseIndex::add_all`] pipelines a corpus in: enough
/// that tokenizing the first and interning the last, which nothing
/// overlaps, are a small part; few enough that each batch keeps every
/// thread busy.
const PIPELINE_BATCHES: usize = 8;

/// Corpora of at least this many words give the memory freed after adding
/// them back to the system (see `memory::give_back`).
pub(super) const TRIM_WORDS: usize = 4 << 20;

/// The tokenized corpus. Adding or removing a document tokenizes only that
/// document; the suffix index over all word ids is rebuilt on the next
/// query, unless the index keeps its answers for updates
/// ([`PhraseIndex::set_incremental`]): a query after a few documents were
/// added, removed or replaced then updates the last answer instead.
///
/// Document ids are slots in the order documents were added: a removed
/// document's slot stays empty (its id is never reused), and a replaced one
/// keeps its id.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    pub(super) vocab: Vocabulary,
    pub(super) docs: Vec<Option<IndexedDoc>>,
    pub(super) built: Option<Built>,
    /// Always index the whole text, never only the shared n-grams (tests
    /// compare the two).
    pub(super) whole_text_only: bool,
    /// Word comparisons allowed per word when not 0, instead of
    /// MAX_COMPARED_PER_WORD (tests take both paths on small corpora).
    pub(super) compare_limit: usize,
    /// The last answer kept for incremental updates, and the documents
    /// changed since (`incremental.rs`).
    pub(super) updates: Updates,
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
        let tokenize = |batch: &[T]| -> Vec<Tokenized> { batch.par_iter().map(|t| tokenize(t.borrow())).collect() };
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
        for &id in &ids {
            let words = self.doc(id).map_or(0, |d| d.ids.len());
            self.updates.added(id, words);
        }
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
        for (t, tokenized) in transcripts.iter().map(Borrow::borrow).zip(tokenized) {
            let id = self.docs.len() as DocId;
            let doc = self.indexed(t, tokenized);
            self.docs.push(Some(doc));
            ids.push(id);
        }
        ids
    }

    /// The document a tokenized transcript is, its words given the shared
    /// vocabulary's ids.
    fn indexed(&mut self, t: &Transcript, tokenized: Tokenized) -> IndexedDoc {
        IndexedDoc::from_tokenized(t, tokenized, &mut self.vocab)
    }

    /// Removes a document; its id is not reused.
    pub fn remove(&mut self, id: DocId) {
        if self.doc(id).is_none() {
            return;
        }
        self.updates.removing(id, &self.docs, &self.vocab);
        if let Some(slot) = self.docs.get_mut(id as usize) {
            *slot = None;
        }
        self.built = None;
    }

    /// Replaces document `id` with a new version of it (a transcript
    /// reloaded after an edit), which keeps the id and so its place among
    /// documents of the same date. Returns false, changing nothing, when
    /// there is no document `id`.
    pub fn replace(&mut self, id: DocId, t: &Transcript) -> bool {
        if self.doc(id).is_none() {
            return false;
        }
        self.updates.removing(id, &self.docs, &self.vocab);
        let doc = self.indexed(t, tokenize(t));
        let words = doc.ids.len();
        if let Some(slot) = self.docs.get_mut(id as usize) {
            *slot = Some(doc);
        }
        self.updates.added(id, words);
        self.built = None;
        true
    }

    /// Keeps each answer of [`PhraseIndex::phrases`] (with what it needs
    /// beside it: its phrases before some are left out, and each one's
    /// first words) so that the next query, after a few documents were
    /// added, removed or replaced, updates it instead of searching the
    /// whole corpus again: it then looks only at the phrases that start
    /// with an n-gram of a changed document, and gives exactly what a
    /// search from scratch would. Off by default (a command answers one
    /// query; the kept answer costs about as much memory as the answer).
    pub fn set_incremental(&mut self, on: bool) {
        self.updates.set_on(on);
    }

    /// How the last [`PhraseIndex::phrases`] was answered: from scratch or
    /// by updating the answer before it.
    pub fn last_query(&self) -> QueryPath {
        self.updates.last
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
    pub(super) fn ranks(&self) -> Vec<u32> {
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

    /// Finds the recurring phrases of the corpus with these options. With
    /// [`PhraseIndex::set_incremental`] on, updates the last answer when
    /// only a few documents changed since and the options match in
    /// everything but the formula settings.
    pub fn phrases(&mut self, options: &PhraseOptions) -> Result<PhraseSet, SuffixError> {
        if let Some(set) = self.update(options)? {
            self.updates.last = QueryPath::Incremental;
            return Ok(set);
        }
        self.updates.last = QueryPath::Full;
        self.ensure_built(options.stem, options.ignore_numbers, options.min_words)?;
        let ranks = self.ranks();
        let live = self.doc_ids().count();
        let Some(built) = self.built.as_mut() else { return Ok(PhraseSet::default()) };
        let repeats = keyed_repeats(built, options);
        let mut released = built.release_if_large();
        let Some(built) = self.built.as_ref() else { return Ok(PhraseSet::default()) };
        let text = released.as_ref().unwrap_or(&built.suffix.text);
        let groups = bridge_repeats(built, text, repeats, &ranks, options);
        // A large corpus's suffix index is gone: its memory goes back.
        if released.take().is_some() {
            crate::core::memory::give_back();
        }
        let (mut phrases, pieces, mut keys) = phrases_of_groups(built, groups, &ranks, options, live);
        // In an order that does not depend on the order the repeats were
        // found in (it differs between suffix indexes over the whole text
        // and over part of it), before the covered ones are dropped.
        sort_phrases(&mut phrases, &mut keys, &ranks, &pieces);
        if self.updates.on() {
            // Kept whole for the next update, with what is left out flagged.
            let mut raw = RawPhrases::new(phrases, pieces, keys, &built.runs, self.docs.len());
            let set = self.answer(&mut raw, ranks, options, &built.found_runs, None);
            self.updates.keep(raw, options.clone(), set.recurring.clone(), built.found_runs.clone());
            return Ok(set);
        }
        drop_covered_by_bridged(&mut phrases, &pieces);
        drop_shifts_in_runs(&mut phrases, &built.runs);
        let pieces = repack_pieces(&mut phrases, pieces);
        Ok(self.phrase_set(phrases, None, ranks, pieces, options, &built.found_runs, None))
    }

    /// The phrase set of these phrases (in their final order), with what
    /// it answers per document: the phrases in each (`in_doc` when made
    /// already), and the words in a phrase of each counted afresh, or,
    /// after an update, `recount`'s (the documents whose phrases changed,
    /// and the counts of the others from before). `runs` are the
    /// documents' self-repeating runs: the words their left-out copies
    /// repeat count and show too.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn phrase_set(
        &self,
        phrases: Vec<Phrase>,
        in_doc: Option<PhrasesInDocs>,
        ranks: Vec<u32>,
        pieces: Vec<Range<u32>>,
        options: &PhraseOptions,
        runs: &[(DocId, Vec<Run>)],
        recount: Option<(&[DocId], Vec<usize>)>,
    ) -> PhraseSet {
        let gaps = RunGaps::of(runs, options.min_words, options.ignore_numbers);
        let words = self.docs.iter().map(|d| d.as_ref().map(|d| d.words.clone()).unwrap_or_default()).collect();
        let in_doc = in_doc.unwrap_or_else(|| PhrasesInDocs::of(&phrases, self.docs.len()));
        let mut set = PhraseSet {
            phrases,
            recurring: Vec::new(),
            ranks,
            words,
            in_doc,
            pieces,
            gaps,
            max_gap: options.max_gap,
            min_words: options.min_words,
            hide_formulas: options.hide_formulas,
        };
        let words_of = |d: Option<&IndexedDoc>| d.map_or(0, |doc| doc.ids.len());
        set.recurring = match recount {
            None => {
                let words: Vec<usize> = self.docs.iter().map(|d| words_of(d.as_ref())).collect();
                set.count_all_recurring(&words)
            }
            // After an update, only the documents whose phrases changed are
            // counted again; the others keep their counts.
            Some((changed, mut before)) => {
                before.resize(self.docs.len(), 0);
                for (id, count) in before.iter_mut().enumerate() {
                    if self.docs[id].is_none() {
                        *count = 0;
                    }
                }
                let counts: Vec<usize> =
                    changed.par_iter().map(|&d| set.count_recurring(d, words_of(self.doc(d)))).collect();
                for (&d, count) in changed.iter().zip(counts) {
                    if let Some(slot) = before.get_mut(d as usize) {
                        *slot = count;
                    }
                }
                before
            }
        };
        set
    }
}

/// Marks the words of `stretches` (start, end) in a bitset of a
/// document's words.
pub(super) fn set_bits(bits: &mut [u64], stretches: impl Iterator<Item = (u32, u32)>) {
    // A stretch a whole 64 bits at a time where it covers them (copied
    // passages are hundreds of words), its ends a mask each.
    for (a, b) in stretches {
        let (a, b) = (a as usize, (b as usize).min(bits.len() * 64));
        if a >= b {
            continue;
        }
        let (first, last) = (a / 64, (b - 1) / 64);
        let from = u64::MAX << (a % 64);
        let to = u64::MAX >> (63 - (b - 1) % 64);
        if first == last {
            bits[first] |= from & to;
        } else {
            bits[first] |= from;
            bits[first + 1..last].fill(u64::MAX);
            bits[last] |= to;
        }
    }
}

/// Uses of a phrase per year: how many speeches of each year use it (each
/// speech once), for speeches with a date, in year order; `date_of` gives
/// a document's date.
pub fn uses_per_year(phrase: &Phrase, date_of: impl Fn(DocId) -> Option<NaiveDate>) -> Vec<YearCount> {
    let mut docs: Vec<DocId> = phrase.occurrences.iter().map(|o| o.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    per_year(docs.into_iter().filter_map(|d| date_of(d).map(|d| (d.year(), 1))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::phrase_set::Occurrence;

    #[test]
    fn stretches_marked_a_word_at_a_time_and_a_block_at_a_time_agree() {
        // Stretches of any length at any offset, past the end too, against
        // the words marked one by one.
        let mut next = crate::core::test_rng::seeded(24);
        for _ in 0..2000 {
            let len = 1 + next() as usize % 300;
            let mut bits = vec![0u64; len.div_ceil(64)];
            let mut want = vec![false; bits.len() * 64];
            let stretches: Vec<(u32, u32)> = (0..next() % 5)
                .map(|_| {
                    let a = next() % (len as u32 + 70);
                    (a, a + next() % 200)
                })
                .collect();
            set_bits(&mut bits, stretches.iter().copied());
            for &(a, b) in &stretches {
                for w in a as usize..(b as usize).min(want.len()) {
                    want[w] = true;
                }
            }
            let got: Vec<bool> = (0..want.len()).map(|w| bits[w / 64] >> (w % 64) & 1 == 1).collect();
            assert_eq!(got, want, "stretches {stretches:?} over {len} words");
        }
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
}
