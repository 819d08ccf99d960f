//! The suffix index over the corpus's word ids for one matching mode
//! ([`Built`]), and how it is built: every document's words copied into
//! one text, each followed by its own separator (`corpus_text`), then
//! indexed whole or, for phrases long enough, only at the n-grams two
//! documents share (sorted by comparing words, or the stretches holding
//! them by libsais when long repeats make comparing slow). Most of a
//! corpus of distinct speeches is never shared, and indexing only the rest
//! is what keeps a query fast.

use std::ops::Range;

use crate::core::phrases::index::{DocId, PhraseIndex};
use crate::core::phrases::runs::Run;
use crate::core::phrases::shared_ngrams::shared_windows_and_all;
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};
use crate::core::phrases::window_index::{WindowIndex, slot_bits};

/// Shortest phrase length for which the suffix index holds only the
/// suffixes starting a shared n-gram (or the stretches of text holding
/// them): shorter n-grams are shared almost everywhere.
const MIN_FILTERED_WORDS: usize = 3;
/// Suffix indexes larger than this (in suffixes; 8 bytes each) are freed
/// once their repeats are found: a query with other options rebuilds them.
const KEEP_SUFFIXES: usize = 8 << 20;
/// Word comparisons per word of the text that sorting the shared windows
/// may take; beyond it, libsais sorts the stretches holding them instead,
/// in linear time (long repeats make comparing slow). A corpus of copies
/// compares each copied passage once per copy and more, a few dozen
/// comparisons per word, still well under what libsais takes over its
/// whole text; a corpus of distinct speeches, a few.
const MAX_COMPARED_PER_WORD: usize = 64;
/// Above this fraction of shared n-grams the suffix index is built over the
/// whole text: leaving the others out would save little.
const MAX_SHARED: f64 = 0.6;

/// Where the suffix index of the current corpus came from (it is rebuilt
/// only when documents or the matching mode change).
#[derive(Debug)]
pub(super) struct Built {
    pub(super) stem: bool,
    pub(super) ignore_numbers: bool,
    /// When the suffix index holds only the suffixes starting an n-gram
    /// shared by two documents (or the stretches of text holding them),
    /// that n: it then finds the phrases of at least n words, and a
    /// shorter `min_words` needs a new index.
    pub(super) filtered_for: Option<usize>,
    /// Separators (ends of documents) are values from here up.
    pub(super) sep: u32,
    /// The suffix index of all documents' (mapped) word ids, each document
    /// followed by its own separator: its text is all of them, its suffixes
    /// those starting a shared n-gram when `filtered_for` is set.
    pub(super) suffix: SuffixIndex,
    /// Start of each document's words in the suffix text, and the document.
    pub(super) doc_starts: Vec<(u32, DocId)>,
    /// For each text position, the word index in its document (only when
    /// numbers are skipped; otherwise position − document start).
    pub(super) word_of: Option<Vec<u32>>,
    /// For each block of 2^DOC_BLOCK_BITS text positions, the slot in
    /// `doc_starts` of the document its first position lies in.
    pub(super) doc_of_block: Vec<u32>,
    /// The self-repeating runs whose middle copies are left out of the
    /// text (`runs.rs`): per document, the word ranges of its runs.
    pub(super) runs: Vec<(DocId, Range<u32>)>,
    /// [`CorpusText::found_runs`] of its text.
    pub(super) found_runs: Vec<(DocId, Vec<Run>)>,
}

/// Text positions per block of [`Built::doc_of_block`] (as a power of two):
/// far fewer words than a speech has, so a block rarely starts more than
/// one document.
const DOC_BLOCK_BITS: u32 = 10;

/// The slot of the document holding text position `p`, from
/// `doc_of_block` ([`Built::blocks`]) and `start`, the start of the
/// document in each slot (`None` past the last).
#[inline]
pub(super) fn doc_slot_in(doc_of_block: &[u32], start: impl Fn(usize) -> Option<u32>, p: u32) -> usize {
    let mut k = doc_of_block.get((p >> DOC_BLOCK_BITS) as usize).map_or(0, |&k| k as usize);
    while start(k + 1).is_some_and(|s| s <= p) {
        k += 1;
    }
    k
}

impl Built {
    /// The slot in `doc_starts` of the document holding text position `p`:
    /// looked up for every occurrence of every repeat, so from its block
    /// and then a step or two, not by a binary search.
    #[inline]
    pub(super) fn doc_slot(&self, p: u32) -> usize {
        doc_slot_in(&self.doc_of_block, |k| self.doc_starts.get(k).map(|&(s, _)| s), p)
    }

    /// The document holding text position `p`.
    #[inline]
    pub(super) fn doc_at(&self, p: u32) -> DocId {
        self.doc_starts[self.doc_slot(p)].1
    }

    /// The word index in its document of text position `p`.
    #[inline]
    pub(super) fn word_index(&self, p: u32) -> u32 {
        match &self.word_of {
            Some(w) => w[p as usize],
            None => p - self.doc_starts[self.doc_slot(p)].0,
        }
    }

    /// The words of a stretch of `len` text positions from `start`. Where
    /// it crosses the copies a self-repeating run left out of the text, the
    /// stretch covers them when it holds the whole run (or lies inside it,
    /// where it repeats at every shift); when it runs into the run from one
    /// side only, it is as many words as positions, counted from that side.
    pub(super) fn word_range(&self, start: u32, len: u32) -> Range<u32> {
        let words = self.word_index(start)..self.word_index(start + len - 1) + 1;
        if self.runs.is_empty() || words.len() == len as usize {
            return words;
        }
        let doc = self.doc_at(start);
        let k = self.runs.partition_point(|(d, r)| (*d, r.end) <= (doc, words.start));
        let crossed: Vec<&Range<u32>> =
            self.runs[k..].iter().take_while(|(d, r)| *d == doc && r.start < words.end).map(|(_, r)| r).collect();
        match crossed.as_slice() {
            [run] if words.start > run.start && words.end > run.end => words.end - len..words.end,
            [run] if words.start < run.start && words.end < run.end => words.start..words.start + len,
            _ => words,
        }
    }

    /// Frees a large suffix index once its repeats are found and hands back
    /// its text, needed only while the gaps are bridged: on a large corpus
    /// the suffix array is rebuilt by the next query rather than kept next
    /// to the phrases while they are built. `None` keeps a small one.
    pub(super) fn release_if_large(&mut self) -> Option<SuffixText> {
        (self.suffix.suffixes() > KEEP_SUFFIXES).then(|| self.suffix.release())
    }

    /// [`Built::doc_of_block`] for these document starts over a text of
    /// `len` positions.
    pub(super) fn blocks(doc_starts: &[(u32, DocId)], len: usize) -> Vec<u32> {
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

impl PhraseIndex {
    /// Builds the suffix index for this matching mode unless the one built
    /// serves: same mode, and either over the whole text or over the
    /// n-grams shared by two documents, no longer than `min_words`.
    pub(super) fn ensure_built(
        &mut self,
        stem: bool,
        ignore_numbers: bool,
        min_words: usize,
    ) -> Result<(), SuffixError> {
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
        // The index of the text before, if any, goes with it.
        self.updates.windows = None;
        // Stems are interned first so the alphabet is known before building.
        if stem {
            let all: Vec<DocId> = self.doc_ids().collect();
            self.intern_stems(&all);
        }
        let mut corpus = self.corpus_text(stem, ignore_numbers, min_words, None)?;
        let ranges = corpus.ranges();
        let (alphabet, sep) = (corpus.alphabet, corpus.sep);
        let full = std::mem::replace(&mut corpus.text, SuffixText::Narrow(std::sync::Arc::from([])));
        let filter = min_words >= MIN_FILTERED_WORDS && !self.whole_text_only;
        // With updates kept, every window goes in an index by key too (see
        // `window_index`): the windows are sorted by key below anyway.
        let all_bits = self.updates.on().then(|| {
            let windows: usize = ranges.iter().map(|r| (r.len() + 1).saturating_sub(min_words)).sum();
            slot_bits(windows, self.updates.always)
        });
        let all_bits = all_bits.flatten();
        // The windows of min_words words shared by two documents and not
        // always preceded by the same word: in a corpus of distinct
        // speeches, or of copies, a small part of the text, and the only
        // suffixes a phrase can start at. None when most of the text is
        // kept (very short phrases), which is then indexed whole, good for
        // any length.
        let shared = |full: &SuffixText, starting: bool| {
            let boundary = starting.then_some(sep);
            let bits = all_bits.filter(|_| starting);
            match full {
                SuffixText::Narrow(text) => {
                    shared_windows_and_all(text, &ranges, min_words, MAX_SHARED, boundary, bits)
                }
                SuffixText::Wide(text) => shared_windows_and_all(text, &ranges, min_words, MAX_SHARED, boundary, bits),
            }
        };
        let mut windows = filter.then(|| shared(&full, true)).flatten();
        if let (Some(bits), Some(found)) = (all_bits, windows.as_mut()) {
            let mode = (min_words, stem, ignore_numbers);
            let all = std::mem::take(&mut found.all);
            self.updates.windows = WindowIndex::of_buckets(all, bits, &corpus.doc_starts, full.len(), mode);
        }
        let windows = windows.filter(|w| w.len() <= full.len() / 10 * 7);
        let max_work = self.max_work(full.len());
        let (suffix, filtered_for) = match windows {
            Some(windows) => match SuffixIndex::sparse(full, &windows.buckets, sep, max_work)? {
                Ok(sparse) => (sparse, Some(min_words)),
                // Long repeats: libsais, in linear time, over the
                // stretches holding every shared window (a phrase's
                // occurrences are made of them, not only of the windows
                // it can start at).
                Err(full) => {
                    drop(windows);
                    let stretches = shared(&full, false)
                        .filter(|w| w.len() <= full.len() / 10 * 7)
                        .map(|all| all.stretches(&ranges));
                    match stretches {
                        Some(stretches) => match index_stretches(full, &stretches, sep)? {
                            Ok(cut) => (cut, Some(min_words)),
                            Err(full) => (SuffixIndex::build_over(full, alphabet, sep)?, None),
                        },
                        None => (SuffixIndex::build_over(full, alphabet, sep)?, None),
                    }
                }
            },
            None => (SuffixIndex::build_over(full, alphabet, sep)?, None),
        };
        self.built = Some(corpus.into_built(suffix, stem, ignore_numbers, filtered_for));
        Ok(())
    }

    /// Word comparisons that sorting the suffixes of a text of `len` words
    /// group by group may take before libsais is the faster way.
    pub(super) fn max_work(&self, len: usize) -> usize {
        let per_word = if self.compare_limit > 0 { self.compare_limit } else { MAX_COMPARED_PER_WORD };
        len.saturating_mul(per_word)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::ordering::phrase_order;
    use crate::core::phrases::quoting_corpus::quoting_corpus;
    use crate::core::phrases::{PhraseOptions, PhraseSet};
    use crate::core::text::transcript::Transcript;

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
        // A speech of 1,500 words quoted at length in eight others, each
        // from a different place, among speeches sharing little: sorting
        // the windows a phrase can start at by comparing words reads the
        // quotation again and again. When that is more than allowed, the
        // stretches holding every shared window go to libsais instead.
        let mut corpus = quoting_corpus(3, 40);
        let mut next = crate::core::test_rng::seeded(99);
        let long: Vec<String> = (0..1500).map(|_| format!("q{}", next() % 500)).collect();
        corpus[0] = Transcript::from_text("0.txt", "quoted", &long.join(" "));
        for k in 1..=8 {
            let quoted = long[k * 100..].join(" ");
            corpus[k] = Transcript::from_text(
                format!("{k}.txt"),
                "quoting",
                &format!("{} and so on. {quoted}", corpus[k].body),
            );
        }
        let words: usize = corpus.iter().map(|t| t.words).sum();
        let quoted = 1500 + (1..=8).map(|k| 1500 - k * 100).sum::<usize>();
        assert!(quoted * 10 < words * 6, "the quotations are under the share where the whole text is indexed");
        let mut whole = PhraseIndex { whole_text_only: true, ..PhraseIndex::new() };
        whole.add_all(&corpus);
        let want = whole.phrases(&PhraseOptions::default()).unwrap();
        assert!(want.phrases.iter().any(|p| p.len == 1400), "the longest quotation is one phrase");
        let mut suffixes = Vec::new();
        for limit in [1, 1000] {
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
    fn a_corpus_of_copies_sorts_only_the_windows_a_phrase_can_start_at() {
        // Five copies of each speech, its passages of 25 words shuffled in
        // every copy: nearly every n-gram is shared, but only those at the
        // start of a passage (or of a quotation) follow different words.
        let originals = quoting_corpus(7, 8);
        let mut next = crate::core::test_rng::seeded(21);
        let mut corpus = Vec::new();
        for copy in 0..5 {
            for t in &originals {
                let words: Vec<&str> = t.body.split_whitespace().collect();
                let mut passages: Vec<&[&str]> = words.chunks(25).collect();
                for i in (1..passages.len()).rev() {
                    passages.swap(i, (next() as usize) % (i + 1));
                }
                let body: Vec<String> = passages.iter().map(|p| p.join(" ")).collect();
                let mut c = Transcript::from_text(format!("{copy}-{}", t.path.display()), "copy", &body.join(" "));
                c.date = t.date;
                corpus.push(c);
            }
        }
        let mut whole = PhraseIndex { whole_text_only: true, ..PhraseIndex::new() };
        whole.add_all(&corpus);
        let mut cut = PhraseIndex::new();
        cut.add_all(&corpus);
        for o in [PhraseOptions::default(), PhraseOptions::default().max_gap(0), PhraseOptions::default().min_words(8)]
        {
            let (a, b) = (cut.phrases(&o).unwrap(), whole.phrases(&o).unwrap());
            assert!(a.phrases.len() > 20, "{o:?}: {} phrases", a.phrases.len());
            assert!(same(&a, &b, corpus.len()), "{o:?}: cut and whole text differ");
        }
        let built = cut.built.as_ref().unwrap();
        let words: usize = corpus.iter().map(|t| t.words).sum();
        assert_eq!(built.filtered_for, Some(5), "the copies were not indexed whole");
        assert!(built.suffix.suffixes() * 4 < words, "{} suffixes of {words} words", built.suffix.suffixes());
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
