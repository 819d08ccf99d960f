//! The corpus's words laid out as the suffix index reads them in one
//! matching mode ([`CorpusText`]): every live document's (mapped) word ids
//! in id order, each followed by its own separator, copied in parallel (a
//! block at a time where the ids are kept 16 bits wide), with the middle
//! copies of self-repeating runs left out. In the default mode the
//! documents then keep their ids in it. An update lays it out again with
//! the runs of the unchanged documents known ([`KnownRuns`]).

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::built::Built;
use crate::core::phrases::index::{DocId, IndexedDoc, PhraseIndex, TRIM_WORDS};
use crate::core::phrases::runs::{Run, copies_kept, find_runs};
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};
use crate::core::text::doc_ids::DocIds;

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
                // Zeroed by the allocator (fresh pages are zero already: no
                // pass over 40 MB before the copy, and the copy's threads
                // fault the pages in).
                // SAFETY: all-zero bits are a valid `u16`.
                let mut narrow: std::sync::Arc<[u16]> =
                    unsafe { std::sync::Arc::<[u16]>::new_zeroed_slice(total).assume_init() };
                let Some(place) = std::sync::Arc::get_mut(&mut narrow) else {
                    return Err(SuffixError("the text of the index is shared before it is written".into()));
                };
                advise_huge_pages(place);
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
pub(super) fn doc_ranges(doc_starts: &[(u32, DocId)], len: usize) -> Vec<Range<usize>> {
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

/// An empty vector with room for `n` values, that room backed by huge
/// pages where the system can ([`advise_huge_pages`]): for lists of
/// millions of values written once, where faulting in 4 KB pages one at a
/// time was a good part of the writing.
pub(super) fn with_huge_room<T>(n: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    advise_huge_pages(v.spare_capacity_mut());
    v
}

/// Asks the system to back `memory` (large, freshly allocated) with huge
/// pages where it can: a few faults instead of one per 4 KB page when it is
/// first written.
pub(super) fn advise_huge_pages<T>(memory: &mut [T]) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = memory.as_mut_ptr() as usize;
        let end = start + std::mem::size_of_val(memory);
        let (from, to) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if to > from {
            // SAFETY: madvise only advises the kernel on how to back these
            // pages, which lie inside `memory`; it reads and writes nothing.
            unsafe {
                libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = memory;
}
