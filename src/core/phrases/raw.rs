//! The phrases of an answer as an incremental update needs them
//! ([`RawPhrases`]): every phrase in the list's order, the ones the answer
//! leaves out (exact phrases a bridged one tells about, shifts of runs)
//! flagged rather than dropped, and each phrase's key, the hash of its
//! repeat's first n-gram. An update ([`RawPhrases::update`]) takes out the
//! phrases whose key is one of a changed document's n-grams, merges in the
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

use crate::core::phrases::corpus_text::with_huge_room;
use crate::core::phrases::index::DocId;
use crate::core::phrases::options::PhraseOptions;
use crate::core::phrases::ordering::{BridgedPieces, phrase_order_between, shifts_in_runs};
use crate::core::phrases::phrase_set::{Phrase, PhrasesInDocs};
use crate::core::phrases::repeats::repack_pieces;

/// Pieces of phrases taken out that may stay in [`RawPhrases::pieces`]
/// beyond as many as are kept (none in tests, which then lay them out
/// again often).
const COMPACT_SLACK: usize = if cfg!(test) { 0 } else { 4096 };

/// Phrases ahead whose shared occurrences' counts are asked for while the
/// answer's phrases are cloned ([`RawPhrases::listed`]).
const CLONED_AHEAD: usize = 16;

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
    /// The pieces of the gapped occurrences (only bridged phrases have
    /// any), each phrase's together. An update leaves the kept phrases'
    /// pieces where they are and adds the new ones' after them: the
    /// pieces of the phrases taken out stay until they are half the list.
    pub(super) pieces: Vec<Range<u32>>,
    /// How many of `pieces` each phrase has.
    piece_counts: Vec<u32>,
    /// The phrases in each document slot, by their numbers in this list
    /// (left out or not): an update renumbers them rather than reading
    /// every occurrence again.
    in_doc: PhrasesInDocs,
    /// After an update, the renumbering `in_doc` still waits for: done
    /// when the answer is listed, in the same pass that lists each
    /// document's shown phrases for it.
    renumber_in_doc: Option<Renumbering>,
}

/// How an update renumbered the phrases: phrase `k` became `renumber[k]`
/// (`u32::MAX` when taken out), and the found ones are used in `added`
/// (document, phrase number), in a corpus of `docs` document slots.
#[derive(Debug)]
struct Renumbering {
    renumber: Vec<u32>,
    added: Vec<(u32, u32)>,
    docs: usize,
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
    /// corpus's self-repeating runs, `docs` its number of document slots.
    pub(super) fn new(
        mut phrases: Vec<Phrase>,
        pieces: Vec<Range<u32>>,
        keys: Vec<u64>,
        runs: &[(DocId, Range<u32>)],
        docs: usize,
    ) -> RawPhrases {
        let pieces = repack_pieces(&mut phrases, pieces);
        let piece_counts = phrases.par_iter().map(|p| pieces_of(p, &pieces)).collect();
        let bridged = BridgedPieces::of(&phrases, &pieces, |_| true);
        let mut dropped: Vec<u8> =
            phrases.par_iter().map(|p| if bridged.covers(p, &phrases) { COVERED } else { 0 }).collect();
        drop(bridged);
        let shifts = shifts_in_runs(&phrases, runs, |k| dropped[k] != 0);
        for (d, s) in dropped.iter_mut().zip(shifts) {
            *d |= if s { SHIFT } else { 0 };
        }
        let in_doc = PhrasesInDocs::of(&phrases, docs);
        RawPhrases { phrases, keys, dropped, pieces, piece_counts, in_doc, renumber_in_doc: None }
    }

    /// The answer's list: the phrases not left out, sharing their
    /// occurrences with these, and this list of pieces; and the phrases in
    /// each document slot ([`PhrasesInDocs`]).
    pub(super) fn listed(&mut self) -> (Vec<Phrase>, Vec<Range<u32>>, PhrasesInDocs) {
        let listed: Vec<u32> = (0..self.phrases.len() as u32).filter(|&k| self.dropped[k as usize] == 0).collect();
        let mut number = vec![u32::MAX; self.phrases.len()];
        for (n, &k) in listed.iter().enumerate() {
            number[k as usize] = n as u32;
        }
        let in_doc = match self.renumber_in_doc.take() {
            Some(Renumbering { renumber, added, docs }) => {
                let (all, shown) = self.in_doc.renumbered_and_only(&renumber, added, docs, &number);
                self.in_doc = all;
                shown
            }
            None => self.in_doc.only(&number),
        };
        // Every phrase shares its occurrences with the kept one, bridged
        // ones too: the answer gets the kept list of pieces as it is (their
        // `gaps` point into it), with the pieces of phrases taken out or
        // left out (at most as many again as `compact` lets stay), rather
        // than each bridged phrase's occurrences copied and their pieces
        // laid out anew (a third of the 10x corpus's phrases bridge a gap:
        // 400,000 occurrences and 800,000 pieces were copied per update).
        let mut phrases: Vec<Phrase> = with_huge_room(listed.len());
        // Each clone counts one more user of the phrase's occurrences:
        // those of the phrases a few places on are asked for ahead.
        phrases.par_extend(listed.par_iter().enumerate().map(|(i, &k)| {
            if let Some(p) = listed.get(i + CLONED_AHEAD).and_then(|&a| self.phrases.get(a as usize)) {
                p.occurrences.prefetch_counts();
            }
            self.phrases[k as usize].clone()
        }));
        let mut pieces = with_huge_room(self.pieces.len());
        pieces.extend_from_slice(&self.pieces);
        (phrases, pieces, in_doc)
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
        let old = std::mem::take(self);
        let (merged, was_shown, gone) = RawPhrases::merge(old, changed, ranks, before.hide_formulas);
        *self = merged;
        let formula = options.formula_fraction * live as f64;
        self.phrases.par_iter_mut().for_each(|p| p.formula = p.speeches as f64 > formula);
        // The phrases the update found (few): only they and those taken
        // out are looked through for bridged ones, not the whole list.
        let found: Vec<&Phrase> =
            was_shown.iter().zip(&self.phrases).filter(|(w, _)| w.is_none()).map(|(_, p)| p).collect();

        // Exact phrases whose being told about by a bridged one may have
        // changed: the new ones, and the kept ones whose first occurrence
        // a bridged phrase taken out or come in holds (a bridged phrase
        // holding every occurrence of an exact one in as many speeches is
        // in the same speeches, so it has the same first use: only its
        // pieces in its first document are looked at).
        let new_bridged = found.iter().copied().filter(|p| p.bridged);
        let new_bridged = BridgedPieces::in_first_docs_of(new_bridged.enumerate(), &self.pieces);
        let gone_bridged = gone.iter().map(|(p, _)| p).filter(|p| p.bridged);
        let gone_bridged = BridgedPieces::in_first_docs_of(gone_bridged.enumerate(), &self.pieces);
        let in_doc: Vec<bool> =
            (0..ranks.len() as DocId).map(|d| new_bridged.has_doc(d) || gone_bridged.has_doc(d)).collect();
        let bridged_alike: rustc_hash::FxHashSet<(u32, DocId)> =
            gone.iter().map(|(p, _)| p).chain(found).filter(|p| p.bridged).map(|p| (p.speeches, p.first)).collect();
        let alike =
            |p: &Phrase| in_doc.get(p.first as usize) == Some(&true) && bridged_alike.contains(&(p.speeches, p.first));
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
                before_side.extend(p.occurrences.iter().map(|o| (o.doc, o.pieces_in(&self.pieces))));
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
        let recount = differing_docs(before_side, after_side);
        drop(gone);
        self.compact();
        recount
    }

    /// Lays the pieces out again in the phrases' order once those of
    /// phrases taken out are half the list.
    fn compact(&mut self) {
        let live: usize = self.piece_counts.iter().map(|&n| n as usize).sum();
        if self.pieces.len() > 2 * live + COMPACT_SLACK {
            self.pieces = repack_pieces(&mut self.phrases, std::mem::take(&mut self.pieces));
        }
    }

    /// The kept phrases of `old` (those whose key did not change) and the
    /// phrases `changed` found, merged in the list's order (each found one
    /// goes where a search of the kept ones puts it: the kept ones keep
    /// their order, as they involve no changed document). Returns the
    /// merged phrases; for each, whether it was shown before (`None` for a
    /// found one); and the phrases taken out, with whether they were shown
    /// (their pieces are still in the merged list's, where they were).
    #[allow(clippy::type_complexity)]
    fn merge(
        old: RawPhrases,
        changed: Changed,
        ranks: &[u32],
        hid_formulas: bool,
    ) -> (RawPhrases, Vec<Option<bool>>, Vec<(Phrase, bool)>) {
        let Changed { keys, phrases: found, pieces: found_pieces, phrase_keys: found_keys, .. } = changed;
        let filter = KeySet::of(&keys);
        // Which phrases are taken out (a few thousand of hundreds of
        // thousands): looked up in parallel, then the others are moved in
        // runs, not one by one.
        let taken_out: Vec<bool> = old.keys.par_iter().map(|&k| filter.contains(k)).collect();
        drop(filter);
        let kept: Vec<usize> = (0..old.phrases.len()).filter(|&k| !taken_out[k]).collect();
        // Where each found phrase goes among the kept ones.
        let at: Vec<usize> = found
            .par_iter()
            .map(|b| {
                kept.partition_point(|&k| {
                    phrase_order_between((&old.phrases[k], &old.pieces), (b, &found_pieces), ranks).is_le()
                })
            })
            .collect();
        drop(kept);
        let RawPhrases {
            phrases: old_phrases,
            keys: old_keys,
            dropped: old_dropped,
            mut pieces,
            piece_counts: old_counts,
            in_doc: old_in_doc,
            renumber_in_doc: old_renumbering,
        } = old;
        let (olds, total) = (old_phrases.len(), old_phrases.len() + found.len());
        // The kept phrases' pieces stay where they are, the found ones'
        // come after them.
        let base = pieces.len() as u32;
        pieces.extend_from_slice(&found_pieces);
        let mut merged = RawPhrases {
            phrases: with_huge_room(total),
            keys: with_huge_room(total),
            dropped: Vec::with_capacity(total),
            pieces,
            piece_counts: Vec::with_capacity(total),
            in_doc: PhrasesInDocs::default(),
            renumber_in_doc: None,
        };
        let mut was_shown: Vec<Option<bool>> = Vec::with_capacity(total);
        let mut gone: Vec<(Phrase, bool)> = Vec::new();
        // Each old phrase's number in the merged list (`u32::MAX` when
        // taken out), and where the found ones are used.
        let mut renumber: Vec<u32> = Vec::with_capacity(olds);
        let mut uses = Vec::new();
        let mut news = found.into_iter().zip(found_keys).zip(at).peekable();
        let mut moved = old_phrases.into_iter();
        let shown = |p: &Phrase, dropped: u8| dropped == 0 && !(p.formula && hid_formulas);
        let (mut k, mut kept_so_far) = (0, 0);
        while k < olds {
            if taken_out[k] {
                if let Some(p) = moved.next() {
                    let was = shown(&p, old_dropped[k]);
                    gone.push((p, was));
                }
                renumber.push(u32::MAX);
                k += 1;
                continue;
            }
            while let Some(((q, key), _)) = news.next_if(|(_, at)| *at <= kept_so_far) {
                PhrasesInDocs::note_uses(&q, merged.phrases.len() as u32, &mut uses);
                merged.push_found(q, base, key);
                was_shown.push(None);
            }
            // The kept phrases up to the next one taken out or the next
            // place a found one goes, moved at once.
            let room = news.peek().map_or(usize::MAX, |(_, at)| at - kept_so_far);
            let end = (k..olds).take(room).find(|&j| taken_out[j]).unwrap_or(olds.min(k.saturating_add(room)));
            let from = merged.phrases.len();
            renumber.extend(from as u32..(from + end - k) as u32);
            merged.phrases.extend(moved.by_ref().take(end - k));
            merged.keys.extend_from_slice(&old_keys[k..end]);
            merged.dropped.extend_from_slice(&old_dropped[k..end]);
            merged.piece_counts.extend_from_slice(&old_counts[k..end]);
            was_shown.extend(merged.phrases[from..].iter().zip(&old_dropped[k..end]).map(|(p, &d)| Some(shown(p, d))));
            kept_so_far += end - k;
            k = end;
        }
        for ((q, key), _) in news {
            PhrasesInDocs::note_uses(&q, merged.phrases.len() as u32, &mut uses);
            merged.push_found(q, base, key);
            was_shown.push(None);
        }
        // Renumbered when the answer is listed (`RawPhrases::listed`); a
        // renumbering of `old` still waiting (its answer never listed) is
        // done first, so the two are not mixed up.
        merged.in_doc = match old_renumbering {
            Some(Renumbering { renumber, added, docs }) => {
                old_in_doc.renumbered_and_only(&renumber, added, docs, &[]).0
            }
            None => old_in_doc,
        };
        merged.renumber_in_doc = Some(Renumbering { renumber, added: uses, docs: ranks.len() });
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

    /// Appends a phrase an update found, whose gapped occurrences' pieces
    /// were copied into this list's from `base` on.
    fn push_found(&mut self, mut p: Phrase, base: u32, key: u64) {
        for o in p.gapped_mut() {
            o.gaps += base;
        }
        self.piece_counts.push(pieces_of(&p, &self.pieces));
        self.phrases.push(p);
        self.keys.push(key);
        self.dropped.push(0);
    }
}

/// How many pieces the gapped occurrences of `p` have in `pieces`.
fn pieces_of(p: &Phrase, pieces: &[Range<u32>]) -> u32 {
    if !p.bridged {
        return 0;
    }
    p.occurrences.iter().filter(|o| o.has_gaps()).map(|o| o.pieces_in(pieces).len() as u32).sum()
}

/// A set of keys (n-gram hashes) asked about once per phrase, or once per
/// window of a corpus: a bitset on the keys' top bits turns most others
/// away, the rest are looked for in an open-addressing table at most
/// half full.
pub(super) struct KeySet {
    /// One bit per value of a key's top bits (64 per key, so that few
    /// others pass; a few keys' bits fit the fastest cache).
    bits: Vec<u64>,
    /// Right shift of a key giving its bit.
    bit_shift: u32,
    /// The keys, each at its slot or after it; 0 is an empty slot.
    slots: Vec<u64>,
    /// Right shift of a mixed key giving its slot.
    shift: u32,
    /// The key 0 (which marks empty slots) is in the set.
    zero: bool,
}

/// Mixes a key before its top bits pick its slot.
const SLOT_MIX: u64 = 0x9FB2_1C65_1E98_DF25;

impl KeySet {
    /// The set of `keys`.
    pub(super) fn of(keys: &[u64]) -> KeySet {
        let bits = (keys.len() * 2).max(64).next_power_of_two().trailing_zeros();
        let filter = (keys.len() * 64).max(1 << 12).next_power_of_two().trailing_zeros();
        let mut set = KeySet {
            bits: vec![0; (1 << filter) / 64],
            bit_shift: 64 - filter,
            slots: vec![0; 1 << bits],
            shift: 64 - bits,
            zero: false,
        };
        let mask = set.slots.len() - 1;
        for &key in keys {
            let b = (key >> set.bit_shift) as usize;
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
        let b = (key >> self.bit_shift) as usize;
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
/// nothing. Exact occurrences (one piece, nearly all) are compared as one
/// number each.
fn differing_docs(before: Vec<(DocId, &[Range<u32>])>, after: Vec<(DocId, &[Range<u32>])>) -> Vec<DocId> {
    let exact = |side: &[(DocId, &[Range<u32>])]| -> Vec<u128> {
        let mut v: Vec<u128> = side
            .iter()
            .filter_map(|&(d, p)| match p {
                [r] => Some(u128::from(d) << 64 | u128::from(r.start) << 32 | u128::from(r.end)),
                _ => None,
            })
            .collect();
        v.par_sort_unstable();
        v
    };
    let gapped = |side: &[(DocId, &[Range<u32>])]| -> Vec<(DocId, Vec<(u32, u32)>)> {
        let mut v: Vec<(DocId, Vec<(u32, u32)>)> = side
            .iter()
            .filter(|(_, p)| p.len() != 1)
            .map(|&(d, p)| (d, p.iter().map(|r| (r.start, r.end)).collect()))
            .collect();
        v.sort_unstable();
        v
    };
    let mut docs = one_side_only(&exact(&before), &exact(&after), |k| (k >> 64) as DocId);
    docs.extend(one_side_only(&gapped(&before), &gapped(&after), |(d, _)| *d));
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// The documents (`doc_of`) of the items of two sorted lists that the other
/// list lacks, counted as multisets.
fn one_side_only<T: Ord>(a: &[T], b: &[T], doc_of: impl Fn(&T) -> DocId) -> Vec<DocId> {
    let mut docs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match x.cmp(y) {
                std::cmp::Ordering::Equal => (i, j) = (i + 1, j + 1),
                std::cmp::Ordering::Less => {
                    docs.push(doc_of(x));
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    docs.push(doc_of(y));
                    j += 1;
                }
            },
            (Some(x), None) => {
                docs.push(doc_of(x));
                i += 1;
            }
            (None, Some(y)) => {
                docs.push(doc_of(y));
                j += 1;
            }
            (None, None) => break,
        }
    }
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
        // Gapped occurrences: the same pieces cancel, others do not.
        let (g, h) = ([1..3, 4..6], [1..3, 5..6]);
        assert!(differing_docs(vec![(2, &g[..]), (5, &a[..])], vec![(5, &a[..]), (2, &g[..])]).is_empty());
        assert_eq!(differing_docs(vec![(2, &g[..]), (6, &g[..])], vec![(2, &h[..]), (6, &g[..])]), vec![2]);
    }
}
