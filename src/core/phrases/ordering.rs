//! The order of the phrase list, and the phrases it leaves out: most
//! widespread first, then longest, then earliest, with phrases alike in all
//! of these ordered by where they occur, so the list does not depend on the
//! order the suffix index found the repeats in; exact phrases a bridged one
//! already tells about are dropped.

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::index::DocId;
use crate::core::phrases::phrase_set::{Occurrence, Phrase};

/// Sorts the phrases by [`phrase_order`], each with a small key that
/// settles most comparisons (many phrases are alike in speeches, length and
/// first use) without reading its occurrences again. The keys are sorted
/// with the phrases' indices, and the phrases then moved into place: no
/// second list of phrases (3 MB more at the peak of indexing SOTU).
/// `beside` (one value per phrase, such as its first n-gram's key) moves
/// with the phrases.
pub(super) fn sort_phrases<T>(phrases: &mut [Phrase], beside: &mut [T], ranks: &[u32], pieces: &[Range<u32>]) {
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
    if beside.len() == phrases.len() {
        permute(beside, &mut order.clone());
    }
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
pub(super) fn phrase_order(a: &Phrase, b: &Phrase, ranks: &[u32], pieces: &[Range<u32>]) -> std::cmp::Ordering {
    phrase_order_between((a, pieces), (b, pieces), ranks)
}

/// [`phrase_order`] of two phrases whose gapped occurrences' pieces are in
/// lists of their own (a kept answer's and an update's).
pub(super) fn phrase_order_between(
    (a, a_pieces): (&Phrase, &[Range<u32>]),
    (b, b_pieces): (&Phrase, &[Range<u32>]),
    ranks: &[u32],
) -> std::cmp::Ordering {
    let rank = |d: DocId| ranks.get(d as usize).copied().unwrap_or(u32::MAX);
    b.speeches.cmp(&a.speeches).then(b.len.cmp(&a.len)).then(rank(a.first).cmp(&rank(b.first))).then_with(|| {
        let place = |o: &Occurrence| (rank(o.doc), o.words.start, o.words.end);
        let runs = |p: &Phrase, pieces: &[Range<u32>]| {
            p.occurrences.iter().flat_map(|o| o.pieces_in(pieces).iter().map(|r| (r.start, r.end))).collect::<Vec<_>>()
        };
        a.occurrences
            .iter()
            .map(place)
            .cmp(b.occurrences.iter().map(place))
            .then(a.bridged.cmp(&b.bridged))
            .then_with(|| runs(a, a_pieces).cmp(&runs(b, b_pieces)))
    })
}

/// Removes exact phrases that a bridged phrase already tells about: every
/// occurrence inside an occurrence of the bridged phrase, in the same speeches.
pub(super) fn drop_covered_by_bridged(phrases: &mut Vec<Phrase>, pieces: &[Range<u32>]) {
    if !phrases.iter().any(|p| p.bridged) {
        return;
    }
    let bridged = BridgedPieces::of(phrases, pieces, |_| true);
    let drop: Vec<bool> = phrases.par_iter().map(|p| bridged.covers(p, phrases)).collect();
    retain_flagged(phrases, &drop);
}

/// Keeps the phrases whose flag in `drop` is false.
fn retain_flagged(phrases: &mut Vec<Phrase>, drop: &[bool]) {
    let mut k = 0;
    phrases.retain(|_| {
        k += 1;
        !drop.get(k - 1).copied().unwrap_or(false)
    });
}

/// The matched pieces of bridged phrases, per document: which bridged
/// phrases hold an exact phrase's occurrence, for
/// [`drop_covered_by_bridged`]. An exact phrase is told about only where it
/// lies inside one matched piece (not across a gap, whose words it would
/// match exactly).
#[derive(Default)]
pub(super) struct BridgedPieces {
    /// Per document, its pieces of bridged phrases (word range, index of
    /// the phrase in the list they came from), by start, and the longest
    /// piece's length (how far before a word a piece holding it can start).
    docs: rustc_hash::FxHashMap<DocId, DocPieces>,
}

/// A document's pieces of bridged phrases (word range, phrase) by start,
/// and the longest piece's length.
type DocPieces = (Vec<(Range<u32>, u32)>, u32);

impl BridgedPieces {
    /// The pieces of the bridged phrases among `phrases` (their gapped
    /// occurrences' pieces in `pieces`) in the documents `keep` accepts.
    pub(super) fn of(phrases: &[Phrase], pieces: &[Range<u32>], keep: impl Fn(DocId) -> bool) -> BridgedPieces {
        BridgedPieces::of_each(phrases.iter().enumerate(), pieces, keep)
    }

    /// The pieces of the bridged phrases among `phrases` that `wanted`
    /// accepts, in each one's first document only (its first occurrences:
    /// they are in chronological order).
    pub(super) fn in_first_docs(
        phrases: &[Phrase],
        pieces: &[Range<u32>],
        wanted: impl Fn(&Phrase) -> bool,
    ) -> BridgedPieces {
        BridgedPieces::in_first_docs_of(phrases.iter().enumerate().filter(|(_, p)| wanted(p)), pieces)
    }

    /// [`BridgedPieces::in_first_docs`] of these phrases, each with its
    /// index.
    pub(super) fn in_first_docs_of<'a>(
        phrases: impl Iterator<Item = (usize, &'a Phrase)>,
        pieces: &[Range<u32>],
    ) -> BridgedPieces {
        // A phrase's occurrences are in date order: its first speech's lead.
        Self::collect(phrases, pieces, |p, o| (o.doc == p.first).then_some(true))
    }

    /// The pieces of the bridged phrases among `phrases` (each with its
    /// index) in the documents `keep` accepts.
    fn of_each<'a>(
        phrases: impl Iterator<Item = (usize, &'a Phrase)>,
        pieces: &[Range<u32>],
        keep: impl Fn(DocId) -> bool,
    ) -> BridgedPieces {
        Self::collect(phrases, pieces, |_, o| Some(keep(o.doc)))
    }

    /// The pieces of the occurrences of the bridged phrases among
    /// `phrases` that `take` accepts (`Some(true)`), skips (`Some(false)`,
    /// the phrase's next occurrences are looked at) or stops at (`None`,
    /// the rest of the phrase's occurrences are not), sorted per document.
    fn collect<'a>(
        phrases: impl Iterator<Item = (usize, &'a Phrase)>,
        pieces: &[Range<u32>],
        take: impl Fn(&Phrase, &Occurrence) -> Option<bool>,
    ) -> BridgedPieces {
        let mut docs: rustc_hash::FxHashMap<DocId, DocPieces> = Default::default();
        for (k, p) in phrases.filter(|(_, p)| p.bridged) {
            for o in p.occurrences.iter() {
                match take(p, o) {
                    None => break,
                    Some(false) => continue,
                    Some(true) => {}
                }
                let (list, longest) = docs.entry(o.doc).or_default();
                for piece in o.pieces_in(pieces) {
                    list.push((piece.clone(), k as u32));
                    *longest = (*longest).max(piece.end - piece.start);
                }
            }
        }
        for (list, _) in docs.values_mut() {
            list.sort_unstable_by_key(|(w, k)| (w.start, w.end, *k));
        }
        BridgedPieces { docs }
    }

    /// True when some piece lies in document `doc`.
    pub(super) fn has_doc(&self, doc: DocId) -> bool {
        self.docs.contains_key(&doc)
    }

    /// The phrases (indices in the list the pieces came from) with a piece
    /// holding this occurrence.
    pub(super) fn holding<'a>(&'a self, o: &Occurrence) -> impl Iterator<Item = u32> + 'a {
        let (list, longest) = self.docs.get(&o.doc).map_or((&[][..], 0), |(l, m)| (l.as_slice(), *m));
        let words = o.words.clone();
        let end = list.partition_point(|(w, _)| w.start <= words.start);
        let from = list[..end].partition_point(|(w, _)| w.start + longest < words.end);
        list[from..end].iter().filter(move |(w, _)| words.end <= w.end).map(|&(_, k)| k)
    }

    /// [`BridgedPieces::covers`] with these pieces read only for `p`'s
    /// first occurrence (they may be those of its documents alone): its
    /// other occurrences are looked for in each bridged phrase holding it,
    /// among its occurrences in their document (`ranks` order them;
    /// `pieces` are the phrases' own).
    pub(super) fn covers_from_first(
        &self,
        p: &Phrase,
        phrases: &[Phrase],
        pieces: &[Range<u32>],
        ranks: &[u32],
    ) -> bool {
        let Some(first) = p.occurrences.first().filter(|_| !p.bridged) else { return false };
        let rank = |d: DocId| ranks.get(d as usize).copied().unwrap_or(u32::MAX);
        let holds = |b: &Phrase, o: &Occurrence| {
            let from = b.occurrences.partition_point(|h| rank(h.doc) < rank(o.doc));
            b.occurrences[from..]
                .iter()
                .take_while(|h| h.doc == o.doc)
                .any(|h| h.pieces_in(pieces).iter().any(|w| w.start <= o.words.start && o.words.end <= w.end))
        };
        self.holding(first).any(|k| {
            phrases
                .get(k as usize)
                .is_some_and(|b| b.speeches == p.speeches && p.occurrences[1..].iter().all(|o| holds(b, o)))
        })
    }

    /// True when `p` is an exact phrase that one bridged phrase of
    /// `phrases` (the list these pieces came from) holds in every
    /// occurrence, in as many speeches: any of those holding its first
    /// occurrence (so the answer does not depend on their order).
    pub(super) fn covers(&self, p: &Phrase, phrases: &[Phrase]) -> bool {
        let Some(first) = p.occurrences.first().filter(|_| !p.bridged) else { return false };
        self.holding(first).any(|k| {
            phrases.get(k as usize).is_some_and(|b| b.speeches == p.speeches)
                && p.occurrences[1..].iter().all(|o| self.holding(o).any(|j| j == k))
        })
    }
}

/// Removes the shifts of self-repeating runs: an exact phrase whose every
/// occurrence lies inside an occurrence of one longer phrase, in as many
/// speeches, where one of them touches a run (`runs`, per document, the
/// word ranges of the runs the index kept a few copies of). In a run every
/// shorter stretch repeats itself; the phrase spanning the run tells of
/// them all. Ordinary maximal repeats are never inside a longer phrase
/// everywhere, so only phrases touching a run are looked at.
pub(super) fn drop_shifts_in_runs(phrases: &mut Vec<Phrase>, runs: &[(DocId, Range<u32>)]) {
    let drop = shifts_in_runs(phrases, runs, |_| false);
    retain_flagged(phrases, &drop);
}

/// Flags the shifts of self-repeating runs that [`drop_shifts_in_runs`]
/// removes, among the phrases that `gone` does not already leave out.
pub(super) fn shifts_in_runs(
    phrases: &[Phrase],
    runs: &[(DocId, Range<u32>)],
    gone: impl Fn(usize) -> bool + Sync,
) -> Vec<bool> {
    let mut drop = vec![false; phrases.len()];
    if runs.is_empty() {
        return drop;
    }
    let mut by_doc: rustc_hash::FxHashMap<DocId, Vec<Range<u32>>> = rustc_hash::FxHashMap::default();
    for (doc, words) in runs {
        by_doc.entry(*doc).or_default().push(words.clone());
    }
    let touches = |o: &Occurrence| {
        by_doc.get(&o.doc).is_some_and(|rs| rs.iter().any(|r| r.start < o.words.end && o.words.start < r.end))
    };
    let candidates: Vec<usize> = (0..phrases.len())
        .into_par_iter()
        .filter(|&k| !gone(k) && !phrases[k].bridged && phrases[k].occurrences.iter().any(touches))
        .collect();
    let inside =
        |a: &Occurrence, b: &Occurrence| a.doc == b.doc && b.words.start <= a.words.start && a.words.end <= b.words.end;
    let covered: Vec<usize> = candidates
        .par_iter()
        .copied()
        .filter(|&k| {
            let p = &phrases[k];
            candidates.iter().any(|&j| {
                let q = &phrases[j];
                j != k
                    && q.len > p.len
                    && q.speeches == p.speeches
                    && p.occurrences.iter().all(|o| q.occurrences.iter().any(|h| inside(o, h)))
            })
        })
        .collect();
    for k in covered {
        drop[k] = true;
    }
    drop
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
