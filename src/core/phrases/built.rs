//! The suffix index over the corpus's word ids for one matching mode
//! ([`Built`]), and how it is built: every document's words copied into one
//! text, each followed by its own separator, then indexed whole or, for
//! phrases long enough, only at the n-grams two documents share (sorted by
//! comparing words, or the stretches holding them by libsais when long
//! repeats make comparing slow). Most of a corpus of distinct speeches is
//! never shared, and indexing only the rest is what keeps a query fast.

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::index::{DocId, IndexedDoc, PhraseIndex, TRIM_WORDS};
use crate::core::phrases::runs::{Run, copies_kept, find_runs};
use crate::core::phrases::shared_ngrams::shared_windows;
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};
use crate::core::text::doc_ids::DocIds;

/// Shortest phrase length for which the suffix index holds only the
/// suffixes starting a shared n-gram (or the stretches of text holding
/// them): shorter n-grams are shared almost everywhere.
const MIN_FILTERED_WORDS: usize = 3;
/// Suffix indexes larger than this (in suffixes; 8 bytes each) are freed
/// once their repeats are found: a query with other options rebuilds them.
const KEEP_SUFFIXES: usize = 8 << 20;
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

impl Built {
    /// The slot in `doc_starts` of the document holding text position `p`:
    /// looked up for every occurrence of every repeat, so from its block
    /// and then a step or two, not by a binary search.
    #[inline]
    pub(super) fn doc_slot(&self, p: u32) -> usize {
        let mut k = self.doc_of_block.get((p >> DOC_BLOCK_BITS) as usize).map_or(0, |&k| k as usize);
        while self.doc_starts.get(k + 1).is_some_and(|&(s, _)| s <= p) {
            k += 1;
        }
        k
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

/// The corpus's words as the suffix index reads them in one matching mode:
/// every live document's (mapped) word ids in id order, each followed by
/// its own separator, with the middle copies of self-repeating runs left
/// out.
pub(super) struct CorpusText {
    /// The words and separators.
    pub(super) text: SuffixText,
    /// Every value of `text` is below this.
    pub(super) alphabet: usize,
    /// Separators are values from here up.
    pub(super) sep: u32,
    /// Start of each document's words in `text`, and the document.
    pub(super) doc_starts: Vec<(u32, DocId)>,
    /// See [`Built::word_of`].
    pub(super) word_of: Option<Vec<u32>>,
    /// See [`Built::runs`].
    pub(super) runs: Vec<(DocId, Range<u32>)>,
    /// The documents with self-repeating runs, and their runs (in their
    /// words as the text has them before the runs are capped), by id: what
    /// an update need not look for again ([`KnownRuns`]).
    pub(super) found_runs: Vec<(DocId, Vec<Run>)>,
}

/// Documents with self-repeating runs, and their runs, by id.
pub(super) type DocRuns = Vec<(DocId, Vec<Run>)>;

/// The self-repeating runs of the documents an update's text is laid out
/// for, known from the text before: every document's but those changed
/// since (`fresh`), which are looked for again. Looking for runs is most
/// of the time of laying out a text.
#[derive(Clone, Copy)]
pub(super) struct KnownRuns<'a> {
    /// The documents with runs, and their runs, by id.
    pub(super) runs: &'a [(DocId, Vec<Run>)],
    /// Documents added or replaced since.
    pub(super) fresh: &'a [DocId],
}

impl CorpusText {
    /// Each document's words in the text (its separator left out), in the
    /// order of `doc_starts`.
    pub(super) fn ranges(&self) -> Vec<Range<usize>> {
        doc_ranges(&self.doc_starts, self.text.len())
    }

    /// The built index of this text with `suffix`, a suffix index over it
    /// (which took the text), for this matching mode.
    pub(super) fn into_built(
        self,
        suffix: SuffixIndex,
        stem: bool,
        ignore_numbers: bool,
        filtered_for: Option<usize>,
    ) -> Built {
        let CorpusText { sep, doc_starts, word_of, runs, found_runs, .. } = self;
        let doc_of_block = Built::blocks(&doc_starts, suffix.text.len());
        Built { stem, ignore_numbers, filtered_for, sep, suffix, doc_starts, word_of, doc_of_block, runs, found_runs }
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
        let max_work = self.max_work(full.len());
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
        self.built = Some(corpus.into_built(suffix, stem, ignore_numbers, filtered_for));
        Ok(())
    }

    /// Word comparisons that sorting the suffixes of a text of `len` words
    /// group by group may take before libsais is the faster way.
    pub(super) fn max_work(&self, len: usize) -> usize {
        let per_word = if self.compare_limit > 0 { self.compare_limit } else { MAX_COMPARED_PER_WORD };
        len.saturating_mul(per_word)
    }

    /// Interns the stems of the words of documents `ids`, so that the
    /// alphabet is known before a text of stems is built.
    pub(super) fn intern_stems(&mut self, ids: &[DocId]) {
        for &id in ids {
            let Some(Some(doc)) = self.docs.get(id as usize) else { continue };
            for tok in doc.ids.iter() {
                self.vocab.stem(tok, doc.language);
            }
        }
    }

    /// The text of the live documents for this matching mode (stems
    /// interned before), with self-repeating runs capped for phrases of
    /// `min_words` (looked for in every document, or only in those `known`
    /// does not know). In the default mode the documents then keep their
    /// ids in it.
    pub(super) fn corpus_text(
        &mut self,
        stem: bool,
        ignore_numbers: bool,
        min_words: usize,
        known: Option<KnownRuns>,
    ) -> Result<CorpusText, SuffixError> {
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
            let each = |place: &mut [u16], doc: &IndexedDoc| {
                for (slot, tok) in place.iter_mut().zip(doc.ids.iter()) {
                    *slot = word(tok, doc) as u16;
                }
            };
            if alphabet <= 1 << 16 {
                let mut narrow: std::sync::Arc<[u16]> = std::iter::repeat_n(0, total).collect();
                let Some(place) = std::sync::Arc::get_mut(&mut narrow) else {
                    return Err(SuffixError("the text of the index is shared before it is written".into()));
                };
                // Narrow ids are copied as they are, a block at a time.
                let block = |place: &mut [u16], doc: &IndexedDoc| match &doc.ids {
                    DocIds::Narrow(ids) if !stem => place.copy_from_slice(ids.get(..place.len()).unwrap_or(&[])),
                    DocIds::Shared { text, start, .. } if !stem => {
                        place.copy_from_slice(text.get(*start..start + place.len()).unwrap_or(&[]))
                    }
                    _ => each(place, doc),
                };
                copy_docs(place, &live, block, |k| (words + k) as u16);
                SuffixText::Narrow(narrow)
            } else {
                let mut wide = vec![0i32; total];
                let each = |place: &mut [i32], doc: &IndexedDoc| {
                    for (slot, tok) in place.iter_mut().zip(doc.ids.iter()) {
                        *slot = word(tok, doc) as i32;
                    }
                };
                copy_docs(&mut wide, &live, each, |k| (words + k) as i32);
                SuffixText::Wide(wide)
            }
        };
        drop(live);
        // Self-repeating runs keep a few copies: every shift of a long run
        // would otherwise be a phrase of its own.
        let mut runs = Vec::new();
        let found = runs_of_docs(&full, &doc_starts, min_words, known);
        let found_runs: Vec<(DocId, Vec<Run>)> =
            doc_starts.iter().zip(&found).filter(|(_, r)| !r.is_empty()).map(|(&(_, d), r)| (d, r.clone())).collect();
        let full = match cap_runs(&full, &doc_starts, word_of.as_deref(), min_words, &found) {
            Some(capped) => {
                doc_starts = capped.doc_starts;
                word_of = Some(capped.word_of);
                runs = capped.runs;
                SuffixText::from_ids(capped.text, alphabet)
            }
            None => full,
        };
        // The documents' own ids go before the shared windows are found:
        // those are the peak.
        if !stem && !ignore_numbers && runs.is_empty() {
            self.share_ids(&full, &doc_starts, known.is_none());
        }
        Ok(CorpusText { text: full, alphabet, sep, doc_starts, word_of, runs, found_runs })
    }

    /// Points each document's ids at its part of `text`, the suffix text of
    /// the default mode (every document's ids, each followed by a
    /// separator), so the corpus's ids are held once while the suffix array
    /// is built (40 MB for 20 million words) and after: the documents keep
    /// the text when the index lets go of it.
    /// `trim` gives the documents' own ids, freed, back to the system
    /// (a search from scratch, whose peak is to come; an update's text
    /// replaces one the documents shared already).
    fn share_ids(&mut self, text: &SuffixText, doc_starts: &[(u32, DocId)], trim: bool) {
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
        if trim && shared.len() >= TRIM_WORDS {
            crate::core::memory::give_back();
        }
    }
}

/// Each document's words in a text of `len` positions where the documents
/// start at `doc_starts`, each followed by its separator (left out).
fn doc_ranges(doc_starts: &[(u32, DocId)], len: usize) -> Vec<Range<usize>> {
    doc_starts
        .iter()
        .enumerate()
        .map(|(k, &(start, _))| {
            let end = doc_starts.get(k + 1).map_or(len, |&(next, _)| next as usize);
            start as usize..end.saturating_sub(1).max(start as usize)
        })
        .collect()
}

/// The text of the index with the middle copies of runs left out.
struct Capped {
    text: Vec<u32>,
    /// For each position of `text`, the word index in its document
    /// (`u32::MAX` at separators).
    word_of: Vec<u32>,
    doc_starts: Vec<(u32, DocId)>,
    runs: Vec<(DocId, Range<u32>)>,
}

/// The self-repeating runs (`runs.rs`) of each document of `full` (in the
/// order of `doc_starts`): looked for, or read in `known`.
fn runs_of_docs(
    full: &SuffixText,
    doc_starts: &[(u32, DocId)],
    min_words: usize,
    known: Option<KnownRuns>,
) -> Vec<Vec<Run>> {
    let ranges = doc_ranges(doc_starts, full.len());
    ranges
        .par_iter()
        .zip(doc_starts)
        .map(|(r, &(_, doc))| match known {
            Some(known) if !known.fresh.contains(&doc) => known
                .runs
                .binary_search_by_key(&doc, |(d, _)| *d)
                .map_or_else(|_| Vec::new(), |k| known.runs[k].1.clone()),
            _ => match full {
                SuffixText::Narrow(t) => find_runs(&t[r.clone()], min_words),
                SuffixText::Wide(t) => find_runs(&t[r.clone()], min_words),
            },
        })
        .collect()
}

/// `full` without the middle copies of each document's self-repeating
/// runs (`found`, per document), or `None` when no document has one (the
/// text stays as it is). `word_of` says where each position of `full` came
/// from when it is not position − document start.
fn cap_runs(
    full: &SuffixText,
    doc_starts: &[(u32, DocId)],
    word_of: Option<&[u32]>,
    min_words: usize,
    found: &[Vec<Run>],
) -> Option<Capped> {
    let ranges = doc_ranges(doc_starts, full.len());
    if found.iter().all(Vec::is_empty) {
        return None;
    }
    let mut capped = Capped { text: Vec::new(), word_of: Vec::new(), doc_starts: Vec::new(), runs: Vec::new() };
    let from = |p: usize, start: usize| word_of.map_or((p - start) as u32, |w| w[p]);
    for ((r, &(_, doc)), doc_runs) in ranges.iter().zip(doc_starts).zip(found) {
        capped.doc_starts.push((capped.text.len() as u32, doc));
        let mut at = r.start;
        for run in doc_runs {
            let dropped = run.dropped(copies_kept(run.period, min_words));
            let (a, b) = (r.start + dropped.start, r.start + dropped.end);
            for p in at..a {
                capped.text.push(full.at(p));
                capped.word_of.push(from(p, r.start));
            }
            at = b;
            let words = from(r.start + run.start, r.start)..from(r.start + run.start + run.len - 1, r.start) + 1;
            capped.runs.push((doc, words));
        }
        for p in at..r.end {
            capped.text.push(full.at(p));
            capped.word_of.push(from(p, r.start));
        }
        // The document's separator.
        capped.text.push(full.at(r.end));
        capped.word_of.push(u32::MAX);
    }
    Some(capped)
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
/// separator (`sep(k)` for the k-th), in parallel: `fill` writes a
/// document's words into its place; `text` holds exactly their words and
/// separators.
fn copy_docs<T: Send>(
    text: &mut [T],
    live: &[(DocId, &IndexedDoc)],
    fill: impl Fn(&mut [T], &IndexedDoc) + Sync,
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
        if let Some((last, words)) = place.split_last_mut() {
            fill(words, doc);
            *last = sep(k);
        }
    });
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
