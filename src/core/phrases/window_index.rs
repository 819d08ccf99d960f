//! Every window of n words of the corpus's text, by its key, kept beside
//! an answer for incremental updates ([`WindowIndex`]).
//!
//! An update needs every place in the corpus where an n-gram of a changed
//! document occurs. Without this index that is a pass over the whole text
//! (a rolling hash of each window tested against the changed keys): on the
//! 10x corpus a third of an update, whatever the size of the document
//! changed. With it, each changed n-gram is looked up: a directory on the
//! key's top bits gives a handful of positions, whose n-grams are read in
//! the text to keep those that match. The index holds 4 bytes per window
//! (and half a byte of directory), not the text: a position is read in the
//! text of the update. A search from scratch makes it for next to nothing:
//! it sorts every window by key to find the shared ones
//! (`shared_ngrams::shared_windows_and_all`), and keeps their positions.
//!
//! The positions are in the text the index was built over. The documents
//! left as they were are laid out word for word the same in a later text
//! (their self-repeating runs are known, `KnownRuns`), only shifted: a
//! position in one of them is moved by its document's shift. The documents
//! added, replaced or laid out differently since are not covered, and are
//! read through as before; those removed are skipped.

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::built::{Built, doc_slot_in};
use crate::core::phrases::corpus_text::doc_ranges;
use crate::core::phrases::index::DocId;
use crate::core::phrases::shared_ngrams::{BUCKET_BITS, WordId, key_of, window_hash};
use crate::core::phrases::suffix::SuffixText;

/// The matching mode an index serves: window length (the shortest
/// phrase), stems, numbers skipped.
pub(super) type Mode = (usize, bool, bool);

/// Windows per directory slot, about (a power of two): each one looked up
/// is read in the text.
const PER_SLOT_BITS: u32 = 3;

/// Fewest windows indexed: about 8 million (SOTU has 2, the 10x corpus
/// 20). The index takes 4.5 bytes a window, three quarters of the text's
/// size; reading a smaller text through takes an update a few
/// milliseconds, not worth that memory.
const MIN_WINDOWS: usize = 1 << 23;

/// Most windows indexed: about 70 million. The memory opening a larger
/// corpus is worth more than quick updates (the 100x corpus's updates read
/// the whole text).
const MAX_WINDOWS: usize = 1 << 26;

/// The bits of a key that pick its directory slot, for a text of this
/// many windows: a few windows per slot, and at least the buckets
/// `shared_ngrams` sorts the windows in (each bucket holds whole slots).
/// `None` for a text outside the sizes indexed ([`MIN_WINDOWS`],
/// [`MAX_WINDOWS`]), unless `any_size` (tests).
pub(super) fn slot_bits(windows: usize, any_size: bool) -> Option<u32> {
    let indexed = any_size || (MIN_WINDOWS..=MAX_WINDOWS).contains(&windows);
    indexed.then(|| windows.max(1).ilog2().saturating_sub(PER_SLOT_BITS).clamp(BUCKET_BITS, 28))
}

/// The windows of one of `shared_ngrams`'s buckets (keys with the same
/// top bits) by key: `positions[dir[s]..dir[s + 1]]` are those of the
/// bucket's slot `s`, ordered by key then position.
#[derive(Debug, Default)]
#[cfg_attr(test, derive(PartialEq))]
pub(super) struct WindowBucket {
    dir: Vec<u32>,
    positions: Vec<u32>,
}

impl WindowBucket {
    /// The bucket of these records `key << 32 | position` (all of one
    /// bucket, sorted), in slots of `slot_bits` bits of the key.
    pub(super) fn of_sorted(sorted: &[u64], slot_bits: u32) -> WindowBucket {
        let sub_bits = slot_bits.saturating_sub(BUCKET_BITS);
        let shift = 32 - slot_bits;
        let mask = (1u64 << sub_bits) - 1;
        let mut dir = vec![0u32; (1 << sub_bits) + 1];
        for &rec in sorted {
            dir[((rec >> (32 + shift)) & mask) as usize + 1] += 1;
        }
        for s in 1..dir.len() {
            dir[s] += dir[s - 1];
        }
        WindowBucket { dir, positions: sorted.iter().map(|&rec| rec as u32).collect() }
    }

    /// Its windows' positions, by key.
    #[cfg(test)]
    pub(super) fn positions(&self) -> &[u32] {
        &self.positions
    }
}

/// Every window of `n` words of a text, by key (see the module's doc).
pub(super) struct WindowIndex {
    /// The mode of the text it was built over.
    mode: Mode,
    /// Each document's words in that text, in text order (and so in id
    /// order): start, end, id.
    docs: Vec<(u32, u32, DocId)>,
    /// For each block of positions of that text, the document (index into
    /// `docs`) at its start ([`Built::blocks`]).
    doc_of_block: Vec<u32>,
    /// The documents removed or replaced since, by id.
    stale: Vec<bool>,
    /// Bits of a key picking its slot.
    slot_bits: u32,
    /// The windows, by bucket (the key's top bits).
    buckets: Vec<WindowBucket>,
}

impl std::fmt::Debug for WindowIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let windows: usize = self.buckets.iter().map(|b| b.positions.len()).sum();
        f.debug_struct("WindowIndex").field("mode", &self.mode).field("windows", &windows).finish()
    }
}

impl WindowIndex {
    /// The index of a text laid out as `doc_starts` says, `len` words
    /// long, in this mode, from its windows by key (`shared_ngrams`'s
    /// buckets, all of them, slots of `slot_bits`); `None` when some are
    /// missing.
    pub(super) fn of_buckets(
        buckets: Vec<WindowBucket>,
        slot_bits: u32,
        doc_starts: &[(u32, DocId)],
        len: usize,
        mode: Mode,
    ) -> Option<WindowIndex> {
        if buckets.len() != 1 << BUCKET_BITS || len >= u32::MAX as usize {
            return None;
        }
        let docs: Vec<(u32, u32, DocId)> = doc_starts
            .iter()
            .zip(doc_ranges(doc_starts, len))
            .map(|(&(_, id), r)| (r.start as u32, r.end as u32, id))
            .collect();
        let doc_of_block = Built::blocks(doc_starts, len);
        let ids = docs.last().map_or(0, |&(_, _, id)| id as usize + 1);
        Some(WindowIndex { mode, docs, doc_of_block, stale: vec![false; ids], slot_bits, buckets })
    }

    /// The index of the windows of `text` (laid out as `doc_starts` says)
    /// in this mode, on its own (a search from scratch gets it while it
    /// finds the shared windows).
    #[cfg(test)]
    pub(super) fn build(text: &SuffixText, doc_starts: &[(u32, DocId)], mode: Mode) -> Option<WindowIndex> {
        use crate::core::phrases::shared_ngrams::shared_windows_and_all;
        let ranges = doc_ranges(doc_starts, text.len());
        let windows: usize = ranges.iter().map(|r| (r.len() + 1).saturating_sub(mode.0)).sum();
        let bits = slot_bits(windows, true)?;
        let found = match text {
            SuffixText::Narrow(t) => shared_windows_and_all(t, &ranges, mode.0, f64::INFINITY, None, Some(bits)),
            SuffixText::Wide(t) => shared_windows_and_all(t, &ranges, mode.0, f64::INFINITY, None, Some(bits)),
        }?;
        WindowIndex::of_buckets(found.all, bits, doc_starts, text.len(), mode)
    }

    /// Notes that document `id` was removed or replaced: its windows are no
    /// longer the text's.
    pub(super) fn forget(&mut self, id: DocId) {
        if let Some(stale) = self.stale.get_mut(id as usize) {
            *stale = true;
        }
    }

    /// The windows of `text` (the current text, its documents' words at
    /// `ranges`, laid out as `doc_starts` says) whose polynomial hash is
    /// one of `keys`, as records `key << 32 | position` in no particular
    /// order, and the documents (indices into `ranges`) the index does not
    /// cover, whose windows are to be read through. `None` when the index
    /// is for another mode, or when the documents it does not cover are a
    /// quarter of the text or more (reading the whole text is then about
    /// as fast), unless `any_share` (tests).
    pub(super) fn find(
        &self,
        mode: Mode,
        text: &SuffixText,
        doc_starts: &[(u32, DocId)],
        ranges: &[Range<usize>],
        keys: &[u64],
        any_share: bool,
    ) -> Option<(Vec<u64>, Vec<usize>)> {
        if mode != self.mode {
            return None;
        }
        // How far each covered document of the index moved.
        let mut shifts: Vec<Option<i64>> = vec![None; self.docs.len()];
        let mut uncovered = Vec::new();
        let mut uncovered_words = 0;
        for (k, (&(_, id), r)) in doc_starts.iter().zip(ranges).enumerate() {
            let then = self.docs.binary_search_by_key(&id, |&(_, _, d)| d).ok();
            let same = then.filter(|&t| {
                let (start, end, _) = self.docs[t];
                !self.stale.get(id as usize).copied().unwrap_or(true) && (end - start) as usize == r.len()
            });
            match same {
                Some(t) => shifts[t] = Some(r.start as i64 - i64::from(self.docs[t].0)),
                None => {
                    uncovered.push(k);
                    uncovered_words += r.len();
                }
            }
        }
        let total: usize = ranges.iter().map(Range::len).sum();
        if !any_share && uncovered_words * 4 >= total.max(1) {
            return None;
        }
        let found = match text {
            SuffixText::Narrow(t) => self.look_up(t, &shifts, keys),
            SuffixText::Wide(t) => self.look_up(t, &shifts, keys),
        };
        Some((found, uncovered))
    }

    /// The records of the windows of `text` whose hash is one of `keys`, in
    /// the documents the index covers (moved by `shifts`).
    fn look_up<T: WordId>(&self, text: &[T], shifts: &[Option<i64>], keys: &[u64]) -> Vec<u64> {
        let n = self.mode.0;
        keys.par_chunks(256)
            .flat_map_iter(|chunk| {
                let mut out = Vec::new();
                for &h in chunk {
                    let key = key_of(h);
                    let Some(bucket) = self.buckets.get((key >> (32 - BUCKET_BITS)) as usize) else { continue };
                    let sub = (key >> (32 - self.slot_bits)) as usize & ((1 << (self.slot_bits - BUCKET_BITS)) - 1);
                    let (Some(&from), Some(&to)) = (bucket.dir.get(sub), bucket.dir.get(sub + 1)) else { continue };
                    for &p in bucket.positions.get(from as usize..to as usize).unwrap_or(&[]) {
                        let Some(Some(shift)) = shifts.get(self.doc_slot(p)) else { continue };
                        let now = (i64::from(p) + shift) as usize;
                        if text.get(now..now + n).is_some_and(|w| window_hash(w) == h) {
                            out.push(u64::from(key) << 32 | now as u64);
                        }
                    }
                }
                out
            })
            .collect()
    }

    /// The document (index into `docs`) holding position `p` of the text
    /// the index was built over.
    fn doc_slot(&self, p: u32) -> usize {
        doc_slot_in(&self.doc_of_block, |k| self.docs.get(k).map(|&(start, _, _)| start), p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use crate::core::phrases::shared_ngrams::window_hashes;

    /// A text of documents (ids below 100), separators from 100 up.
    fn laid_out(docs: &[&[u16]]) -> (SuffixText, Vec<(u32, DocId)>) {
        let mut text = Vec::new();
        let mut starts = Vec::new();
        for (k, d) in docs.iter().enumerate() {
            starts.push((text.len() as u32, k as DocId));
            text.extend_from_slice(d);
            text.push(100 + k as u16);
        }
        (SuffixText::Narrow(Arc::from(text)), starts)
    }

    /// What reading the whole text finds: records of every window whose
    /// hash is one of `keys`, sorted.
    fn read_through(text: &SuffixText, starts: &[(u32, DocId)], n: usize, keys: &[u64]) -> Vec<u64> {
        let SuffixText::Narrow(t) = text else { unreachable!() };
        let mut out = Vec::new();
        for r in doc_ranges(starts, t.len()) {
            window_hashes(&t[r.clone()], n, |p, h| {
                if keys.binary_search(&h).is_ok() {
                    out.push(u64::from(key_of(h)) << 32 | (r.start + p) as u64);
                }
            });
        }
        out.sort_unstable();
        out
    }

    fn hashes_of(ids: &[u16], n: usize) -> Vec<u64> {
        let mut keys = Vec::new();
        window_hashes(ids, n, |_, h| keys.push(h));
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// A pseudo-random document of `len` words from a small vocabulary
    /// (so that n-grams repeat), seeded.
    fn doc(seed: u64, len: usize, words: u32) -> Vec<u16> {
        let mut next = crate::core::test_rng::seeded(seed);
        (0..len).map(|_| (next() % words) as u16).collect()
    }

    #[test]
    fn finds_what_reading_the_text_finds() {
        let docs: Vec<Vec<u16>> = (0..12).map(|k| doc(k, 300 + 97 * k as usize, 6)).collect();
        let refs: Vec<&[u16]> = docs.iter().map(Vec::as_slice).collect();
        let (text, starts) = laid_out(&refs);
        let n = 3;
        let index = WindowIndex::build(&text, &starts, (n, false, false)).unwrap();
        let ranges = doc_ranges(&starts, text.len());
        for k in [0, 5, 11] {
            let keys = hashes_of(&docs[k], n);
            let (mut found, uncovered) = index.find((n, false, false), &text, &starts, &ranges, &keys, false).unwrap();
            assert!(uncovered.is_empty());
            found.sort_unstable();
            assert_eq!(found, read_through(&text, &starts, n, &keys));
            assert!(found.len() > keys.len(), "the n-grams recur");
        }
        // Another mode: not served.
        assert!(index.find((4, false, false), &text, &starts, &ranges, &hashes_of(&docs[0], 4), false).is_none());
    }

    #[test]
    fn after_a_removal_and_an_addition_finds_the_new_text_positions() {
        let docs: Vec<Vec<u16>> = (0..10).map(|k| doc(k + 40, 200 + 31 * k as usize, 5)).collect();
        let refs: Vec<&[u16]> = docs.iter().map(Vec::as_slice).collect();
        let (text, starts) = laid_out(&refs);
        let n = 3;
        let mut index = WindowIndex::build(&text, &starts, (n, false, false)).unwrap();
        // Document 2 removed, document 10 added: the later ones move.
        index.forget(2);
        let added = doc(99, 250, 5);
        let mut now: Vec<&[u16]> = refs.clone();
        now.remove(2);
        now.push(&added);
        let mut text_now = Vec::new();
        let mut starts_now = Vec::new();
        for (k, (d, id)) in now.iter().zip((0..10).filter(|&i| i != 2).chain([10])).enumerate() {
            starts_now.push((text_now.len() as u32, id as DocId));
            text_now.extend_from_slice(d);
            text_now.push(100 + k as u16);
        }
        let text_now = SuffixText::Narrow(Arc::from(text_now));
        let ranges = doc_ranges(&starts_now, text_now.len());
        let mut keys = hashes_of(&added, n);
        keys.extend(hashes_of(&docs[2], n));
        keys.sort_unstable();
        keys.dedup();
        let (mut found, uncovered) =
            index.find((n, false, false), &text_now, &starts_now, &ranges, &keys, false).unwrap();
        assert_eq!(uncovered, vec![9], "the added document is read through");
        let SuffixText::Narrow(t) = &text_now else { unreachable!() };
        let r = ranges[9].clone();
        window_hashes(&t[r.clone()], n, |p, h| {
            if keys.binary_search(&h).is_ok() {
                found.push(u64::from(key_of(h)) << 32 | (r.start + p) as u64);
            }
        });
        found.sort_unstable();
        assert_eq!(found, read_through(&text_now, &starts_now, n, &keys));
        // Most of the text changed: read it all.
        for id in 0..8 {
            index.forget(id);
        }
        assert!(index.find((n, false, false), &text_now, &starts_now, &ranges, &keys, false).is_none());
    }
}
