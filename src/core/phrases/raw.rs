//! The phrases of an answer as an incremental update needs them
//! ([`RawPhrases`]): every phrase in the list's order, the ones the answer
//! leaves out (exact phrases a bridged one tells about, shifts of runs)
//! flagged rather than dropped, and each phrase's key, the hash of its
//! repeat's first n-gram. An update ([`RawPhrases::update`]) takes out the
//! phrases whose key is one of a changed document's n-grams', merges in the
//! ones found again for them, and works out again only what those can
//! change: which phrases are left out, which are formulas, and which
//! documents' recurring words need counting again.
//!
//! Why that is exact: a phrase found in a changed document (added, removed
//! or replaced) starts with one of its n-grams, so its key is among theirs;
//! a phrase whose key is not occurs in no changed document (two n-grams
//! with one hash only make more phrases looked at again: the pass over the
//! corpus finds every window with one of the keys), and a maximal
//! repeat that no change touches stays one with the same occurrences and
//! the same bridges (bridging reads only its own occurrences, and the first
//! use among them keeps its place among the documents' ranks).

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::index::DocId;
use crate::core::phrases::options::PhraseOptions;
use crate::core::phrases::ordering::{BridgedPieces, phrase_order_between, shifts_in_runs};
use crate::core::phrases::phrase_set::{Phrase, PhrasesInDocs};
use crate::core::phrases::repeats::repack_pieces;

/// [`RawPhrases::dropped`]: an exact phrase a bridged one tells about.
const COVERED: u8 = 1;
/// [`RawPhrases::dropped`]: a shift of a self-repeating run.
const SHIFT: u8 = 2;

/// An answer's phrases before any is left out, in the list's order.
#[derive(Debug, Default)]
pub(super) struct RawPhrases {
    /// The phrases, formula flags as last answered.
    pub(super) phrases: Vec<Phrase>,
    /// Each phrase's key (its repeat's first n-gram's hash).
    keys: Vec<u64>,
    /// Why each phrase is left out of the answer ([`COVERED`], [`SHIFT`]),
    /// 0 when it is listed.
    dropped: Vec<u8>,
    /// The pieces of the gapped occurrences, in the phrases' order. Only
    /// bridged phrases have gapped occurrences, and they are never left
    /// out: the list answered indexes this same list.
    pub(super) pieces: Vec<Range<u32>>,
}

/// What an update found: the phrases of the corpus whose keys are among
/// `keys` (the n-grams of the changed documents).
pub(super) struct Changed {
    /// Keys of the changed documents' n-grams, sorted, without repeats.
    pub(super) keys: Vec<u64>,
    /// The phrases starting with one, in the list's order.
    pub(super) phrases: Vec<Phrase>,
    /// Their pieces (in their order).
    pub(super) pieces: Vec<Range<u32>>,
    /// Their keys.
    pub(super) phrase_keys: Vec<u64>,
    /// The self-repeating runs of the corpus now; `None` when no document
    /// with words changed, so neither did the runs.
    pub(super) runs: Option<Vec<(DocId, Range<u32>)>>,
}

impl Changed {
    /// Nothing changed (but the documents' ranks, or none at all).
    pub(super) fn nothing() -> Changed {
        Changed { keys: Vec::new(), phrases: Vec::new(), pieces: Vec::new(), phrase_keys: Vec::new(), runs: None }
    }
}

impl RawPhrases {
    /// The sorted phrases of a search from scratch (their pieces in any
    /// order), with what the answer leaves out flagged; `runs` are the
    /// corpus's self-repeating runs.
    pub(super) fn new(
        mut phrases: Vec<Phrase>,
        pieces: Vec<Range<u32>>,
        keys: Vec<u64>,
        runs: &[(DocId, Range<u32>)],
    ) -> RawPhrases {
        let pieces = repack_pieces(&mut phrases, pieces);
        let bridged = BridgedPieces::of(&phrases, &pieces, |_| true);
        let mut dropped: Vec<u8> =
            phrases.par_iter().map(|p| if bridged.covers(p, &phrases) { COVERED } else { 0 }).collect();
        drop(bridged);
        let shifts = shifts_in_runs(&phrases, runs, |k| dropped[k] != 0);
        for (d, s) in dropped.iter_mut().zip(shifts) {
            *d |= if s { SHIFT } else { 0 };
        }
        RawPhrases { phrases, keys, dropped, pieces }
    }

    /// The phrases the answer lists (those not left out), copied, and the
    /// phrases in each of `docs` document slots ([`PhrasesInDocs`]): both
    /// made part by part in parallel, in one pass over the occurrences.
    pub(super) fn listed(&self, docs: usize) -> (Vec<Phrase>, PhrasesInDocs) {
        let listed: Vec<u32> = (0..self.phrases.len() as u32).filter(|&k| self.dropped[k as usize] == 0).collect();
        let chunk = listed.len().div_ceil(rayon::current_num_threads() * 4).max(4096);
        let parts: Vec<(Vec<Phrase>, PhrasesInDocs)> = listed
            .par_chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                let phrases: Vec<Phrase> = part.iter().map(|&k| self.phrases[k as usize].clone()).collect();
                let in_doc = PhrasesInDocs::of_part(&phrases, c * chunk, docs);
                (phrases, in_doc)
            })
            .collect();
        let (phrases, in_doc): (Vec<Vec<Phrase>>, Vec<PhrasesInDocs>) = parts.into_iter().unzip();
        (phrases.into_iter().flatten().collect(), PhrasesInDocs::join(&in_doc, docs))
    }

    /// True when the phrase at `k` is shown in the highlights of an answer
    /// that hides formulas or not.
    fn shown(&self, k: usize, hide_formulas: bool) -> bool {
        self.dropped[k] == 0 && !(self.phrases[k].formula && hide_formulas)
    }

    /// Updates the phrases after documents changed: those with a key in
    /// `changed.keys` replaced by `changed.phrases`, what is left out and
    /// what is a formula (for `live` documents) worked out again where it
    /// can differ. `before` are the options of the last answer (its
    /// formula settings may differ from `options`'s). Returns the
    /// documents whose words in a shown phrase need counting again.
    pub(super) fn update(
        &mut self,
        mut changed: Changed,
        ranks: &[u32],
        options: &PhraseOptions,
        before: &PhraseOptions,
        live: usize,
    ) -> Vec<DocId> {
        let runs = changed.runs.take();
        let mut old = std::mem::take(self);
        let old_pieces = std::mem::take(&mut old.pieces);
        let (merged, was_shown, gone) = RawPhrases::merge(old, &old_pieces, changed, ranks, before.hide_formulas);
        *self = merged;
        for p in &mut self.phrases {
            p.formula = p.speeches as f64 > options.formula_fraction * live as f64;
        }

        // Exact phrases whose being told about by a bridged one may have
        // changed: the new ones, and the kept ones whose first occurrence
        // a bridged phrase taken out or come in holds (a bridged phrase
        // holding every occurrence of an exact one in as many speeches is
        // in the same speeches, so it has the same first use: only its
        // pieces in its first document are looked at).
        let new_bridged = self.phrases.iter().zip(&was_shown).filter(|(p, w)| p.bridged && w.is_none());
        let new_bridged = BridgedPieces::in_first_docs_of(new_bridged.map(|(p, _)| p).enumerate(), &self.pieces);
        let gone_bridged = gone.iter().map(|(p, _)| p).filter(|p| p.bridged);
        let gone_bridged = BridgedPieces::in_first_docs_of(gone_bridged.enumerate(), &old_pieces);
        let alike = |p: &Phrase| new_bridged.has_doc(p.first) || gone_bridged.has_doc(p.first);
        let candidates: Vec<usize> = (0..self.phrases.len())
            .into_par_iter()
            .filter(|&k| {
                let p = &self.phrases[k];
                !p.bridged
                    && (was_shown[k].is_none()
                        || (alike(p)
                            && p.occurrences.first().is_some_and(|o| {
                                new_bridged.holding(o).next().is_some() || gone_bridged.holding(o).next().is_some()
                            })))
            })
            .collect();
        drop((new_bridged, gone_bridged));
        self.cover_again(&candidates, ranks);
        if let Some(runs) = runs {
            let shifts = shifts_in_runs(&self.phrases, &runs, |k| self.dropped[k] & COVERED != 0);
            for (d, s) in self.dropped.iter_mut().zip(shifts) {
                *d = (*d & !SHIFT) | if s { SHIFT } else { 0 };
            }
        }

        // The shown occurrences before and after, of the phrases that
        // changed or were shown or hidden: where they differ, a document's
        // recurring words need counting again.
        let mut before_side: Vec<(DocId, &[Range<u32>])> = Vec::new();
        let mut after_side: Vec<(DocId, &[Range<u32>])> = Vec::new();
        for (p, shown) in &gone {
            if *shown {
                before_side.extend(p.occurrences.iter().map(|o| (o.doc, o.pieces_in(&old_pieces))));
            }
        }
        for (k, was) in was_shown.iter().enumerate() {
            let now = self.shown(k, options.hide_formulas);
            let side = match *was {
                Some(was) if was == now => continue,
                Some(true) => &mut before_side,
                _ if now => &mut after_side,
                _ => continue,
            };
            side.extend(self.phrases[k].occurrences.iter().map(|o| (o.doc, o.pieces_in(&self.pieces))));
        }
        differing_docs(before_side, after_side)
    }

    /// The kept phrases of `old` (those whose key did not change) and the
    /// phrases `changed` found, merged in the list's order (each found one
    /// goes where a search of the kept ones puts it: the kept ones keep
    /// their order, as they involve no changed document). Returns the
    /// merged phrases; for each, whether it was shown before (`None` for a
    /// found one); and the phrases taken out, with whether they were shown.
    #[allow(clippy::type_complexity)]
    fn merge(
        old: RawPhrases,
        old_pieces: &[Range<u32>],
        changed: Changed,
        ranks: &[u32],
        hid_formulas: bool,
    ) -> (RawPhrases, Vec<Option<bool>>, Vec<(Phrase, bool)>) {
        let Changed { keys, phrases: found, pieces: found_pieces, phrase_keys: found_keys, .. } = changed;
        let filter = KeySet::of(&keys);
        let kept: Vec<usize> = (0..old.phrases.len()).filter(|&k| !filter.contains(old.keys[k])).collect();
        // Where each found phrase goes among the kept ones.
        let at: Vec<usize> = found
            .par_iter()
            .map(|b| {
                kept.partition_point(|&k| {
                    phrase_order_between((&old.phrases[k], old_pieces), (b, &found_pieces), ranks).is_le()
                })
            })
            .collect();
        drop(kept);
        let total = old.phrases.len() + found.len();
        let mut merged = RawPhrases {
            phrases: Vec::with_capacity(total),
            keys: Vec::with_capacity(total),
            dropped: Vec::with_capacity(total),
            pieces: Vec::with_capacity(old_pieces.len() + found_pieces.len()),
        };
        let mut was_shown: Vec<Option<bool>> = Vec::with_capacity(total);
        let mut gone: Vec<(Phrase, bool)> = Vec::new();
        let mut news = found.into_iter().zip(found_keys).zip(at).peekable();
        let mut kept_so_far = 0;
        for ((p, key), dropped) in old.phrases.into_iter().zip(old.keys).zip(old.dropped) {
            let shown = dropped == 0 && !(p.formula && hid_formulas);
            if filter.contains(key) {
                gone.push((p, shown));
                continue;
            }
            while let Some(((q, key), _)) = news.next_if(|(_, at)| *at <= kept_so_far) {
                merged.push(q, &found_pieces, key, 0);
                was_shown.push(None);
            }
            merged.push(p, old_pieces, key, dropped);
            was_shown.push(Some(shown));
            kept_so_far += 1;
        }
        for ((q, key), _) in news {
            merged.push(q, &found_pieces, key, 0);
            was_shown.push(None);
        }
        (merged, was_shown, gone)
    }

    /// Works out again whether each of the exact phrases `candidates` is
    /// told about by a bridged one ([`COVERED`]). Only bridged phrases in
    /// the same speeches with the same first use can, and only their
    /// pieces in that first document are indexed.
    fn cover_again(&mut self, candidates: &[usize], ranks: &[u32]) {
        let wanted: rustc_hash::FxHashSet<(u32, DocId)> =
            candidates.iter().map(|&k| (self.phrases[k].speeches, self.phrases[k].first)).collect();
        let bridged =
            BridgedPieces::in_first_docs(&self.phrases, &self.pieces, |p| wanted.contains(&(p.speeches, p.first)));
        let covered: Vec<bool> = candidates
            .par_iter()
            .map(|&k| bridged.covers_from_first(&self.phrases[k], &self.phrases, &self.pieces, ranks))
            .collect();
        for (&k, c) in candidates.iter().zip(covered) {
            self.dropped[k] = (self.dropped[k] & !COVERED) | if c { COVERED } else { 0 };
        }
    }

    /// Appends a phrase (its gapped occurrences' pieces read in `pieces`).
    fn push(&mut self, mut p: Phrase, pieces: &[Range<u32>], key: u64, dropped: u8) {
        if p.bridged {
            for o in p.occurrences.iter_mut().filter(|o| o.has_gaps()) {
                let at = self.pieces.len() as u32;
                self.pieces.extend_from_slice(o.pieces_in(pieces));
                o.gaps = at;
            }
        }
        self.phrases.push(p);
        self.keys.push(key);
        self.dropped.push(dropped);
    }
}

/// A set of keys (n-gram hashes) asked about once per phrase, or once per
/// window of a corpus: a bitset on the keys' top bits turns most others
/// away, the rest are looked for in an open-addressing table at most a
/// quarter full.
pub(super) struct KeySet {
    /// One bit per value of a key's top [`FILTER_BITS`] bits.
    bits: Vec<u64>,
    /// The keys, each at its slot or after it; 0 is an empty slot.
    slots: Vec<u64>,
    /// Right shift of a mixed key giving its slot.
    shift: u32,
    /// The key 0 (which marks empty slots) is in the set.
    zero: bool,
}

/// Top bits of a key that pick its bit in [`KeySet::bits`].
const FILTER_BITS: u32 = 20;

/// Mixes a key before its top bits pick its slot.
const SLOT_MIX: u64 = 0x9FB2_1C65_1E98_DF25;

impl KeySet {
    /// The set of `keys`.
    pub(super) fn of(keys: &[u64]) -> KeySet {
        let bits = (keys.len() * 4).max(64).next_power_of_two().trailing_zeros();
        let mut set =
            KeySet { bits: vec![0; (1 << FILTER_BITS) / 64], slots: vec![0; 1 << bits], shift: 64 - bits, zero: false };
        let mask = set.slots.len() - 1;
        for &key in keys {
            let b = (key >> (64 - FILTER_BITS)) as usize;
            set.bits[b / 64] |= 1 << (b % 64);
            if key == 0 {
                set.zero = true;
                continue;
            }
            let mut at = set.slot(key);
            while set.slots[at] != 0 && set.slots[at] != key {
                at = (at + 1) & mask;
            }
            set.slots[at] = key;
        }
        set
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(SLOT_MIX) >> self.shift) as usize
    }

    /// True when `key` is one of the keys.
    #[inline]
    pub(super) fn contains(&self, key: u64) -> bool {
        let b = (key >> (64 - FILTER_BITS)) as usize;
        if self.bits[b / 64] & (1 << (b % 64)) == 0 {
            return false;
        }
        if key == 0 {
            return self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        loop {
            match self.slots[at] {
                0 => return false,
                s if s == key => return true,
                _ => at = (at + 1) & mask,
            }
        }
    }
}

/// The documents of the occurrences (document, matched pieces) found on
/// one side and not the other, each once, in order: both sides are counted
/// as multisets, so an occurrence taken out and put back as it was changes
/// nothing.
fn differing_docs(mut before: Vec<(DocId, &[Range<u32>])>, mut after: Vec<(DocId, &[Range<u32>])>) -> Vec<DocId> {
    let order = |a: &(DocId, &[Range<u32>]), b: &(DocId, &[Range<u32>])| {
        a.0.cmp(&b.0).then_with(|| a.1.iter().map(|r| (r.start, r.end)).cmp(b.1.iter().map(|r| (r.start, r.end))))
    };
    before.par_sort_unstable_by(order);
    after.par_sort_unstable_by(order);
    let mut docs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        match (before.get(i), after.get(j)) {
            (Some(a), Some(b)) => match order(a, b) {
                std::cmp::Ordering::Equal => (i, j) = (i + 1, j + 1),
                std::cmp::Ordering::Less => {
                    docs.push(a.0);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    docs.push(b.0);
                    j += 1;
                }
            },
            (Some(a), None) => {
                docs.push(a.0);
                i += 1;
            }
            (None, Some(b)) => {
                docs.push(b.0);
                j += 1;
            }
            (None, None) => break,
        }
    }
    docs.dedup();
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_set_holds_its_keys_and_no_other() {
        let mut next = crate::core::test_rng::seeded(3);
        let keys: Vec<u64> = (0..5000).map(|_| u64::from(next()) << 32 | u64::from(next())).chain([0, 1]).collect();
        let set = KeySet::of(&keys[..2500]);
        assert!(keys[..2500].iter().all(|&k| set.contains(k)));
        assert!(keys[2500..5000].iter().all(|&k| !set.contains(k)));
        assert!(!set.contains(0) && !set.contains(1));
        let set = KeySet::of(&keys[4990..]);
        assert!(set.contains(0) && set.contains(1) && !set.contains(keys[0]));
        assert!(!KeySet::of(&[]).contains(0));
    }

    #[test]
    fn occurrences_taken_out_and_put_back_change_no_document() {
        let (a, b, c) = ([Range { start: 0, end: 5 }], [3..6, 8..9], [Range { start: 0, end: 4 }]);
        let before = vec![(1, &a[..]), (2, &b[..]), (1, &a[..]), (4, &c[..])];
        let after = vec![(2, &b[..]), (1, &a[..]), (3, &c[..]), (4, &a[..])];
        // Doc 1 loses one of its two copies, doc 3 gains one, doc 4 changes.
        assert_eq!(differing_docs(before, after), vec![1, 3, 4]);
        assert!(differing_docs(vec![(7, &a[..])], vec![(7, &a[..])]).is_empty());
    }
}
