//! The answer to a phrase query: each [`Phrase`] with its [`Occurrence`]s
//! in chronological order, and the [`PhraseSet`] that holds them with what
//! the views ask of it per speech (its spans, its recurring words, the text
//! of an occurrence). Occurrences keep word indices only and the pieces of
//! bridged ones sit in one shared list, as a large corpus has millions.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::core::phrases::corpus_text::advise_huge_pages;
use crate::core::phrases::index::{DocId, set_bits};
use crate::core::phrases::runs::RunGaps;
use crate::core::phrases::spans::{Interval, Span, doc_spans};
use crate::core::text::WordRanges;

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
    pub(super) gaps: u32,
}

/// [`Occurrence::gaps`] of an exact occurrence.
pub(super) const NO_GAPS: u32 = u32::MAX;

impl Occurrence {
    /// True when this occurrence bridges a gap.
    pub fn has_gaps(&self) -> bool {
        self.gaps != NO_GAPS
    }

    /// The matched runs of words, from `pieces` (all gapped occurrences'
    /// runs, one after the other): `words` itself for an exact occurrence.
    /// An occurrence's runs are in order and the last ends where its words
    /// end, so no count is stored.
    pub(super) fn pieces_in<'a>(&'a self, pieces: &'a [Range<u32>]) -> &'a [Range<u32>] {
        let rest = match pieces.get(self.gaps as usize..) {
            Some(rest) if self.has_gaps() => rest,
            _ => return std::slice::from_ref(&self.words),
        };
        let n = rest.iter().position(|r| r.end >= self.words.end).map_or(rest.len(), |k| k + 1);
        &rest[..n]
    }
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
    /// Occurrences in chronological order (a shared slice: 8 bytes less
    /// per phrase than a `Vec`, and an index that updates its answers
    /// shares them between the answer it keeps and the one it gives, so an
    /// update does not copy the millions of occurrences of the phrases it
    /// keeps).
    pub occurrences: SharedOccurrences,
}

/// A phrase's occurrences, a slice shared by the answers that hold the
/// phrase (read as a slice; cloned, it is shared, not copied).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SharedOccurrences(Arc<[Occurrence]>);

impl SharedOccurrences {
    /// The occurrences to change: copied first when another answer shares
    /// them.
    pub(super) fn make_mut(&mut self) -> &mut [Occurrence] {
        Arc::make_mut(&mut self.0)
    }

    /// Asks the processor to fetch the shared list's counts, which a clone
    /// or a drop changes: for passes that clone the phrases of a list of
    /// hundreds of thousands, whose lists lie all over memory.
    #[inline]
    pub(super) fn prefetch_counts(&self) {
        // An `Arc`'s counts are the two words before its value (std's
        // layout: a wrong guess would only make the hint useless).
        let value: *const u8 = Arc::as_ptr(&self.0).cast();
        crate::core::prefetch::prefetch_address(value.wrapping_sub(2 * std::mem::size_of::<usize>()));
    }
}

impl std::ops::Deref for SharedOccurrences {
    type Target = [Occurrence];
    fn deref(&self) -> &[Occurrence] {
        &self.0
    }
}

impl From<Vec<Occurrence>> for SharedOccurrences {
    fn from(v: Vec<Occurrence>) -> SharedOccurrences {
        SharedOccurrences(v.into())
    }
}

impl<'a> IntoIterator for &'a SharedOccurrences {
    type Item = &'a Occurrence;
    type IntoIter = std::slice::Iter<'a, Occurrence>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Phrase {
    /// The occurrences that bridge gaps, to change where their pieces
    /// are; none (and no copy of occurrences shared with another answer)
    /// for a phrase with none.
    pub(super) fn gapped_mut(&mut self) -> impl Iterator<Item = &mut Occurrence> {
        let any = self.occurrences.iter().any(Occurrence::has_gaps);
        let all: &mut [Occurrence] = if any { self.occurrences.make_mut() } else { &mut [] };
        all.iter_mut().filter(|o| o.has_gaps())
    }
}

/// The phrases of a corpus and what they mean for each speech.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// Phrases, most widespread first, then longest.
    pub phrases: Vec<Phrase>,
    /// Per document, its words inside a shown phrase
    /// ([`PhraseSet::recurring_words`]).
    pub(super) recurring: Vec<usize>,
    /// Per document, its chronological rank ([`PhraseSet::rank`]).
    pub(super) ranks: Vec<u32>,
    /// Each document's word ranges (shared with its transcript), to turn
    /// the words of occurrences and spans into text.
    pub(super) words: Vec<WordRanges>,
    /// The phrases found in each document, for its spans.
    pub(super) in_doc: PhrasesInDocs,
    /// The matched runs of words of every occurrence that bridges gaps,
    /// one occurrence after the other ([`PhraseSet::pieces`]).
    pub(super) pieces: Vec<Range<u32>>,
    /// The copies of self-repeating runs the index left out: the words
    /// they repeat are covered there too.
    pub(super) gaps: RunGaps,
    /// The options' gap bridged between two spans of one class.
    pub(super) max_gap: usize,
    /// The options' shortest phrase: the shortest part of an occurrence
    /// cut at a paragraph break that is still highlighted.
    pub(super) min_words: usize,
    /// Formulas are left out of the spans.
    pub(super) hide_formulas: bool,
}

impl PhraseSet {
    /// The phrases found in a document (indices into `phrases`, formulas
    /// included): what a view of a few speeches lists, without going over
    /// every phrase's occurrences.
    pub fn phrases_in(&self, doc: DocId) -> &[u32] {
        self.in_doc.of_doc(doc)
    }

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
        self.gaps.refill(doc, &mut list);
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

    /// Asks the processor to fetch what [`PhraseSet::occurrence_bytes`]
    /// reads for `o` (a hint): writing a large corpus's phrases reads
    /// their occurrences' word ranges from all over it, and fetching those
    /// of the phrases ahead while one is written keeps the processor from
    /// waiting on each in turn.
    pub fn prefetch_occurrence(&self, o: &Occurrence) {
        if let Some(w) = self.words.get(o.doc as usize) {
            w.prefetch(o.words.start as usize);
            w.prefetch((o.words.end as usize).saturating_sub(1));
        }
    }

    /// Number of document `doc`'s words (of `words`) inside a matched
    /// piece of a shown phrase, from the phrases in it: what
    /// [`PhraseSet::recurring_words`] answers, counted again for one
    /// document after an update.
    pub(super) fn count_recurring(&self, doc: DocId, words: usize) -> usize {
        let mut bits = vec![0u64; words.div_ceil(64)];
        let mut stretches: Vec<(u32, u32, ())> = Vec::new();
        let own = self.rank(doc);
        for &pi in self.in_doc.of_doc(doc) {
            let Some(p) = self.phrases.get(pi as usize) else { continue };
            if p.formula && self.hide_formulas {
                continue;
            }
            let from = p.occurrences.partition_point(|o| self.rank(o.doc) < own);
            for o in p.occurrences[from..].iter().take_while(|o| o.doc == doc) {
                stretches.extend(self.pieces(o).iter().map(|r| (r.start, r.end, ())));
            }
        }
        self.gaps.refill(doc, &mut stretches);
        set_bits(&mut bits, stretches.iter().map(|&(a, b, _)| (a, b)));
        bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// [`PhraseSet::recurring_words`] of every document (of `words`, each
    /// document's number of words, by id), counted afresh. The matched
    /// pieces of the shown phrases are first sorted by document (a
    /// counting sort of each part of the list, in parallel: each part
    /// appends to one list per document, a cache line of each in use at a
    /// time), then each document's words are marked in a bitset of its own
    /// (in parallel). Marking them phrase by phrase wrote one random place
    /// of the corpus's bitsets per occurrence: 4 s, on one thread, for the
    /// 20 million occurrences of the 100x corpus.
    pub(super) fn count_all_recurring(&self, words: &[usize]) -> Vec<usize> {
        let docs = words.len();
        let shown = |p: &&Phrase| !(p.formula && self.hide_formulas);
        let chunk = self.phrases.len().div_ceil(rayon::current_num_threads() * 2).max(MIN_COUNTED_PART);
        // Per part of the list: where each document's pieces start in it
        // (`docs + 1` entries), and the pieces.
        let parts: Vec<PiecesByDoc> = self
            .phrases
            .par_chunks(chunk)
            .map(|part| {
                let mut starts = vec![0u32; docs + 1];
                for p in part.iter().filter(shown) {
                    for o in p.occurrences.iter() {
                        if let Some(n) = starts.get_mut(o.doc as usize + 1) {
                            *n += self.pieces(o).len() as u32;
                        }
                    }
                }
                for d in 0..docs {
                    starts[d + 1] += starts[d];
                }
                let mut at: Vec<u32> = starts[..docs].to_vec();
                let mut pieces = vec![(0u32, 0u32); starts[docs] as usize];
                for p in part.iter().filter(shown) {
                    for o in p.occurrences.iter() {
                        let Some(next) = at.get_mut(o.doc as usize) else { continue };
                        for r in self.pieces(o) {
                            if let Some(slot) = pieces.get_mut(*next as usize) {
                                *slot = (r.start, r.end);
                            }
                            *next += 1;
                        }
                    }
                }
                (starts, pieces)
            })
            .collect();
        (0..docs)
            .into_par_iter()
            .with_min_len(64)
            .map(|d| {
                fn of_doc((starts, pieces): &PiecesByDoc, d: usize) -> &[(u32, u32)] {
                    let (a, b) = (starts[d] as usize, starts[d + 1] as usize);
                    pieces.get(a..b).unwrap_or(&[])
                }
                let mut bits = vec![0u64; words[d].div_ceil(64)];
                if self.gaps.has(d as DocId) {
                    let mut stretches: Vec<(u32, u32, ())> =
                        parts.iter().flat_map(|part| of_doc(part, d).iter().map(|&(a, b)| (a, b, ()))).collect();
                    self.gaps.refill(d as DocId, &mut stretches);
                    set_bits(&mut bits, stretches.iter().map(|&(a, b, _)| (a, b)));
                } else {
                    for part in &parts {
                        set_bits(&mut bits, of_doc(part, d).iter().copied());
                    }
                }
                bits.iter().map(|w| w.count_ones() as usize).sum()
            })
            .collect()
    }

    /// The first phrase (its index) of which this set and `other` tell
    /// differently: its length, speeches, first and last use, flags, or
    /// occurrences with their pieces. Where the pieces sit in each set's
    /// list is not compared: it differs between an updated answer and a
    /// search from scratch that tell the same. `None` when they agree.
    pub fn first_difference(&self, other: &PhraseSet) -> Option<usize> {
        let fields = |p: &Phrase| (p.len, p.speeches, p.first, p.last, p.formula, p.bridged);
        let same = |a: &Phrase, b: &Phrase| {
            fields(a) == fields(b)
                && a.occurrences.len() == b.occurrences.len()
                && a.occurrences
                    .iter()
                    .zip(b.occurrences.iter())
                    .all(|(x, y)| (x.doc, &x.words) == (y.doc, &y.words) && self.pieces(x) == other.pieces(y))
        };
        (0..self.phrases.len().max(other.phrases.len())).find(|&k| match (self.phrases.get(k), other.phrases.get(k)) {
            (Some(a), Some(b)) => !same(a, b),
            _ => true,
        })
    }

    /// Chronological rank of a document (0 = earliest).
    pub fn rank(&self, doc: DocId) -> u32 {
        self.ranks.get(doc as usize).copied().unwrap_or(u32::MAX)
    }
}

/// Which phrases each document holds (each phrase once per document, in
/// the phrase list's order): 4 bytes per phrase and document using it.
/// Lists made from others (after an update) keep the room made for them,
/// unfilled room between one document's list and the next, rather than
/// being copied together again.
#[derive(Debug, Clone, Default)]
pub(super) struct PhrasesInDocs {
    /// Per document, where its room starts in `phrases` (one more entry
    /// than documents: the end of the last one's).
    starts: Vec<u32>,
    /// Per document, where its phrases end in `phrases`.
    ends: Vec<u32>,
    /// Phrase indices, document after document.
    phrases: Vec<u32>,
}

/// Pieces (start, end) sorted by document: where each document's start
/// (one more entry than documents), and the pieces.
type PiecesByDoc = (Vec<u32>, Vec<(u32, u32)>);

/// The fewest phrases [`PhraseSet::count_all_recurring`] sorts by
/// document in one part (tests take several parts on small corpora).
const MIN_COUNTED_PART: usize = if cfg!(test) { 4 } else { 1024 };

/// A list written into the room made for it.
pub(super) struct Filler<'a> {
    slots: &'a mut [u32],
    len: usize,
}

impl Filler<'_> {
    /// Adds `n` to the list. The room is made for every phrase a list can
    /// hold: none is dropped for the lack of it (a debug build checks).
    fn push(&mut self, n: u32) {
        debug_assert!(self.len < self.slots.len(), "no room made for a phrase");
        if let Some(slot) = self.slots.get_mut(self.len) {
            *slot = n;
            self.len += 1;
        }
    }
}

impl PhrasesInDocs {
    /// The documents of `phrases`, for a corpus of `docs` document ids: a
    /// counting sort of each part of the list by document, in parallel,
    /// then each document's phrases from every part in turn.
    pub(super) fn of(phrases: &[Phrase], docs: usize) -> PhrasesInDocs {
        let chunk = phrases.len().div_ceil(rayon::current_num_threads() * 4).max(4096);
        let parts: Vec<PhrasesInDocs> = phrases
            .par_chunks(chunk)
            .enumerate()
            .map(|(c, part)| PhrasesInDocs::of_part(part, c * chunk, docs))
            .collect();
        PhrasesInDocs::join(&parts, docs)
    }

    /// The parts of a list ([`PhrasesInDocs::of_part`], in the list's
    /// order) as one: each document's phrases from every part in turn.
    pub(super) fn join(parts: &[PhrasesInDocs], docs: usize) -> PhrasesInDocs {
        let mut starts = vec![0u32; docs + 1];
        for d in 0..docs {
            let uses: u32 = parts.iter().map(|p| p.of_doc(d as DocId).len() as u32).sum();
            starts[d + 1] = starts[d] + uses;
        }
        let mut list = Vec::with_capacity(starts[docs] as usize);
        for d in 0..docs {
            for p in parts {
                list.extend_from_slice(p.of_doc(d as DocId));
            }
        }
        let ends = starts[1..].to_vec();
        PhrasesInDocs { starts, ends, phrases: list }
    }

    /// [`PhrasesInDocs::of`] a part of the list, whose first phrase is
    /// number `first`.
    pub(super) fn of_part(phrases: &[Phrase], first: usize, docs: usize) -> PhrasesInDocs {
        let mut uses = Vec::new();
        for (pi, p) in phrases.iter().enumerate() {
            PhrasesInDocs::note_uses(p, (first + pi) as u32, &mut uses);
        }
        PhrasesInDocs::of_uses(&uses, docs)
    }

    /// Adds to `uses` each document phrase `p` (number `pi`) is used in,
    /// once: its occurrences there are next to each other (chronological
    /// order).
    pub(super) fn note_uses(p: &Phrase, pi: u32, uses: &mut Vec<(u32, u32)>) {
        let mut last = None;
        for o in p.occurrences.iter() {
            if last != Some(o.doc) {
                uses.push((o.doc, pi));
                last = Some(o.doc);
            }
        }
    }

    /// The phrases of each of `docs` documents from `uses` (document,
    /// phrase number), given in the order of the phrases.
    pub(super) fn of_uses(uses: &[(u32, u32)], docs: usize) -> PhrasesInDocs {
        let mut starts = vec![0u32; docs + 1];
        for &(d, _) in uses {
            if let Some(c) = starts.get_mut(d as usize + 1) {
                *c += 1;
            }
        }
        for d in 1..starts.len() {
            starts[d] += starts[d - 1];
        }
        let mut fill = starts.clone();
        let mut list = vec![0u32; starts.last().map_or(0, |&n| n as usize)];
        for &(d, pi) in uses {
            if let Some(at) = fill.get_mut(d as usize)
                && let Some(slot) = list.get_mut(*at as usize)
            {
                *slot = pi;
                *at += 1;
            }
        }
        let ends = starts[1..].to_vec();
        PhrasesInDocs { starts, ends, phrases: list }
    }

    /// These lists after the phrases were renumbered: phrase `k` is now
    /// `renumber[k]` (`u32::MAX` when it is gone; the order of those kept
    /// is kept), and the phrases `added` (document, phrase number, in any
    /// order) are in them too; for `docs` documents (as many or more).
    /// And in the same pass, the renumbered lists with only the phrases
    /// `keep` numbers, numbered so ([`PhrasesInDocs::only`] of them).
    pub(super) fn renumbered_and_only(
        &self,
        renumber: &[u32],
        mut added: Vec<(u32, u32)>,
        docs: usize,
        keep: &[u32],
    ) -> (PhrasesInDocs, PhrasesInDocs) {
        added.sort_unstable();
        // Room for a part's lists: its documents' phrases before, and those
        // found (the pages of room not written to cost nothing).
        let room = |ds: Range<u32>| {
            let new = added.partition_point(|&(d, _)| d < ds.end) - added.partition_point(|&(d, _)| d < ds.start);
            self.uses_of(ds) + new
        };
        // Each old phrase's new number and its number in `keep`, side by
        // side (found with one look-up per entry of the lists).
        let to: Vec<(u32, u32)> = renumber
            .iter()
            .map(|&n| (n, if n == u32::MAX { u32::MAX } else { keep.get(n as usize).copied().unwrap_or(u32::MAX) }))
            .collect();
        let kept_of = |n: u32| keep.get(n as usize).copied().unwrap_or(u32::MAX);
        PhrasesInDocs::by_doc_both(docs, room, |d, all, shown| {
            let from = added.partition_point(|&(ad, _)| ad < d);
            let mut next = added[from..].iter().take_while(|&&(ad, _)| ad == d).map(|&(_, a)| a).peekable();
            let kept =
                self.of_doc(d).iter().filter_map(|&k| to.get(k as usize).copied().filter(|&(n, _)| n != u32::MAX));
            let mut push = |(n, m): (u32, u32)| {
                all.push(n);
                if m != u32::MAX {
                    shown.push(m);
                }
            };
            // Both in order: merged.
            for (n, m) in kept {
                while let Some(a) = next.next_if(|&a| a < n) {
                    push((a, kept_of(a)));
                }
                push((n, m));
            }
            next.for_each(|a| push((a, kept_of(a))));
        })
    }

    /// These lists with only the phrases `keep` numbers (`u32::MAX` for one
    /// left out), numbered so.
    pub(super) fn only(&self, keep: &[u32]) -> PhrasesInDocs {
        PhrasesInDocs::by_doc(
            self.ends.len(),
            |ds| self.uses_of(ds),
            |d, list| {
                for n in self.of_doc(d).iter().filter_map(|&k| keep.get(k as usize).copied().filter(|&n| n != u32::MAX))
                {
                    list.push(n);
                }
            },
        )
    }

    /// The lists of `docs` documents, each written by `write` (given the
    /// document and the list to add its phrases to): parts of the
    /// documents in parallel, each in the room `room` makes for its
    /// documents (a range of them).
    fn by_doc(
        docs: usize,
        room: impl Fn(Range<u32>) -> usize + Sync,
        write: impl Fn(u32, &mut Filler) + Sync,
    ) -> PhrasesInDocs {
        PhrasesInDocs::by_doc_both(docs, room, |d, list, _| write(d, list)).0
    }

    /// At most how many phrases documents `ds` have in these lists.
    fn uses_of(&self, ds: Range<u32>) -> usize {
        let at = |d: u32| self.starts.get(d as usize).or(self.starts.last()).copied().unwrap_or(0) as usize;
        at(ds.end) - at(ds.start)
    }

    /// Two sets of lists of `docs` documents at once, each document's
    /// written by `write` (given the document and the two lists to add its
    /// phrases to): parts of the documents in parallel. `room` tells how
    /// many phrases a part's documents (a range of them) may have in a
    /// list: each part writes into room made for it, and what it leaves
    /// unfilled stays (not copied together again: one pass, not two, over
    /// lists of millions of entries).
    fn by_doc_both(
        docs: usize,
        room: impl Fn(Range<u32>) -> usize + Sync,
        write: impl Fn(u32, &mut Filler, &mut Filler) + Sync,
    ) -> (PhrasesInDocs, PhrasesInDocs) {
        let part = docs.div_ceil(rayon::current_num_threads() * 8).max(1);
        let parts: Vec<Range<usize>> = (0..docs.div_ceil(part)).map(|p| p * part..((p + 1) * part).min(docs)).collect();
        let rooms: Vec<usize> = parts.iter().map(|ds| room(ds.start as u32..ds.end as u32)).collect();
        let total: usize = rooms.iter().sum();
        let mut made = [PhrasesInDocs::with_room(docs, total), PhrasesInDocs::with_room(docs, total)];
        {
            let [a, b] = &mut made;
            let (mut rest_a, mut rest_b) = (&mut a.phrases[..], &mut b.phrases[..]);
            let (mut starts_a, mut starts_b) = (&mut a.starts[..docs], &mut b.starts[..docs]);
            let (mut ends_a, mut ends_b) = (&mut a.ends[..], &mut b.ends[..]);
            let mut jobs = Vec::with_capacity(parts.len());
            let mut base = 0;
            for (ds, &room) in parts.iter().zip(&rooms) {
                let n = ds.len();
                let (la, ra) = std::mem::take(&mut rest_a).split_at_mut(room);
                let (lb, rb) = std::mem::take(&mut rest_b).split_at_mut(room);
                let (sa, ta) = std::mem::take(&mut starts_a).split_at_mut(n);
                let (sb, tb) = std::mem::take(&mut starts_b).split_at_mut(n);
                let (ea, fa) = std::mem::take(&mut ends_a).split_at_mut(n);
                let (eb, fb) = std::mem::take(&mut ends_b).split_at_mut(n);
                (rest_a, rest_b, starts_a, starts_b, ends_a, ends_b) = (ra, rb, ta, tb, fa, fb);
                jobs.push((ds.clone(), base as u32, [la, lb], [sa, sb], [ea, eb]));
                base += room;
            }
            jobs.into_par_iter().for_each(|(ds, base, [la, lb], [sa, sb], [ea, eb])| {
                let mut a = Filler { slots: la, len: 0 };
                let mut b = Filler { slots: lb, len: 0 };
                for (k, d) in ds.enumerate() {
                    (sa[k], sb[k]) = (base + a.len as u32, base + b.len as u32);
                    write(d as u32, &mut a, &mut b);
                    (ea[k], eb[k]) = (base + a.len as u32, base + b.len as u32);
                }
            });
        }
        let [a, b] = made;
        (a, b)
    }

    /// Lists of `docs` documents with room for `total` phrases, to be
    /// written.
    fn with_room(docs: usize, total: usize) -> PhrasesInDocs {
        let mut starts = vec![0u32; docs + 1];
        starts[docs] = total as u32;
        let mut phrases = vec![0u32; total];
        // Millions of entries on a large corpus, written once.
        advise_huge_pages(&mut phrases);
        PhrasesInDocs { starts, ends: vec![0u32; docs], phrases }
    }

    /// The phrases in document `doc`, in list order.
    pub(super) fn of_doc(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.starts.get(d), self.ends.get(d)) {
            (Some(&s), Some(&e)) => self.phrases.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::quoting_corpus::quoting_corpus;
    use crate::core::phrases::{PhraseIndex, PhraseOptions, SpanKind};

    #[test]
    fn a_phrase_inside_a_chant_lights_up_the_copies_the_index_left_out() {
        // "a b" is said once in the first speech and twenty times in a row
        // in the second: the index keeps three copies of the chant, and the
        // phrase covers all twenty.
        use crate::core::text::transcript::Transcript;
        let chant = "a b ".repeat(20);
        let ts = [
            Transcript::from_text("0.txt", "T", "then a b and the rest"),
            Transcript::from_text("1.txt", "T", &format!("so {chant}end")),
        ];
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&ts);
        for incremental in [false, true] {
            index.set_incremental(incremental);
            let set = index.phrases(&PhraseOptions::default().min_words(2)).unwrap();
            assert_eq!(set.recurring_words(ids[1]), 40);
            let lit: u32 =
                set.spans(ids[1]).iter().filter(|s| s.kind != SpanKind::Unique).map(|s| s.words.len() as u32).sum();
            assert_eq!(lit, 40, "{:?}", set.spans(ids[1]));
        }
    }

    #[test]
    fn sets_differ_where_a_phrase_or_a_piece_does_not_where_pieces_sit() {
        let ts = quoting_corpus(12, 10);
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default().min_words(3)).unwrap();
        assert!(set.first_difference(&set.clone()).is_none());
        let k = set.phrases.iter().position(|p| p.bridged).expect("a bridged phrase");
        // The same pieces elsewhere in the list: the same answer.
        let mut moved = set.clone();
        let shift = moved.pieces.len() as u32;
        moved.pieces.extend(set.pieces.clone());
        for o in moved.phrases[k].occurrences.make_mut().iter_mut().filter(|o| o.has_gaps()) {
            o.gaps += shift;
        }
        assert_ne!(moved.phrases[k], set.phrases[k]);
        assert!(moved.first_difference(&set).is_none());
        // A piece or an occurrence otherwise, a phrase less: told apart, at
        // its phrase.
        let mut piece = moved.clone();
        let o = piece.phrases[k].occurrences.iter().position(|o| o.has_gaps()).unwrap();
        let at = piece.phrases[k].occurrences[o].gaps as usize;
        piece.pieces[at].start += 1;
        assert_eq!(piece.first_difference(&set), Some(k));
        let mut other = set.clone();
        other.phrases[k].occurrences.make_mut()[0].doc += 1;
        assert_eq!(other.first_difference(&set), Some(k));
        let mut shorter = set.clone();
        shorter.phrases.truncate(k);
        assert_eq!(shorter.first_difference(&set), Some(k));
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
                // Counted for the whole corpus at once (its phrases sorted
                // by document in parts) as for one document.
                assert_eq!(set.count_recurring(d, words as usize), covered.len(), "doc {d}, {options:?}");
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
    fn lists_of_phrases_per_document_renumbered_are_those_made_afresh() {
        let ts = quoting_corpus(8, 10);
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default().min_words(3)).unwrap();
        let phrases = &set.phrases;
        assert!(phrases.len() > 50);
        let docs = 12; // two more slots than documents
        let before = PhrasesInDocs::of(phrases, docs);
        // Every third phrase goes; new ones (copies of some) come in between.
        let mut after: Vec<&Phrase> = Vec::new();
        let mut renumber = vec![u32::MAX; phrases.len()];
        let mut added = Vec::new();
        for (k, p) in phrases.iter().enumerate() {
            if k % 5 == 1 {
                let n = after.len() as u32;
                after.push(&phrases[k / 2]);
                PhrasesInDocs::note_uses(&phrases[k / 2], n, &mut added);
            }
            if k % 3 != 0 {
                renumber[k] = after.len() as u32;
                after.push(p);
            }
        }
        let want = PhrasesInDocs::of(&after.iter().map(|p| (*p).clone()).collect::<Vec<_>>(), docs);
        // Only the even ones, numbered among themselves: in the same pass,
        // and from the renumbered lists.
        let keep: Vec<u32> = (0..after.len() as u32).map(|k| if k % 2 == 0 { k / 2 } else { u32::MAX }).collect();
        let (got, shown) = before.renumbered_and_only(&renumber, added, docs, &keep);
        let lists = |l: &PhrasesInDocs| -> Vec<Vec<u32>> { (0..docs as DocId).map(|d| l.of_doc(d).to_vec()).collect() };
        assert_eq!(lists(&got), lists(&want));
        let evens: Vec<Phrase> = after.iter().step_by(2).map(|p| (*p).clone()).collect();
        let want = PhrasesInDocs::of(&evens, docs);
        assert_eq!(lists(&shown), lists(&want));
        assert_eq!(lists(&got.only(&keep)), lists(&want));
        // Lists made from lists with room left in them.
        assert_eq!(lists(&shown.only(&(0..evens.len() as u32).collect::<Vec<_>>())), lists(&want));
    }

    #[test]
    fn phrases_occurrences_and_spans_stay_small() {
        // 2.3 million occurrences and 175,000 phrases on a 20-million-word
        // corpus: each field counts.
        assert_eq!(std::mem::size_of::<Occurrence>(), 16);
        assert_eq!(std::mem::size_of::<Phrase>(), 40);
        assert_eq!(std::mem::size_of::<Span>(), 20);
    }
}
