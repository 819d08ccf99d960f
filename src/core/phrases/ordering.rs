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
pub(super) fn sort_phrases(phrases: &mut [Phrase], ranks: &[u32], pieces: &[Range<u32>]) {
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
pub(super) fn phrase_order(a: &Phrase, b: &Phrase, ranks: &[u32], pieces: &[Range<u32>]) -> std::cmp::Ordering {
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
pub(super) fn drop_covered_by_bridged(phrases: &mut Vec<Phrase>, pieces: &[Range<u32>]) {
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

/// Removes the shifts of self-repeating runs: an exact phrase whose every
/// occurrence lies inside an occurrence of one longer phrase, in as many
/// speeches, where one of them touches a run (`runs`, per document, the
/// word ranges of the runs the index kept a few copies of). In a run every
/// shorter stretch repeats itself; the phrase spanning the run tells of
/// them all. Ordinary maximal repeats are never inside a longer phrase
/// everywhere, so only phrases touching a run are looked at.
pub(super) fn drop_shifts_in_runs(phrases: &mut Vec<Phrase>, runs: &[(DocId, Range<u32>)]) {
    if runs.is_empty() {
        return;
    }
    let mut by_doc: rustc_hash::FxHashMap<DocId, Vec<Range<u32>>> = rustc_hash::FxHashMap::default();
    for (doc, words) in runs {
        by_doc.entry(*doc).or_default().push(words.clone());
    }
    let touches = |o: &Occurrence| {
        by_doc.get(&o.doc).is_some_and(|rs| rs.iter().any(|r| r.start < o.words.end && o.words.start < r.end))
    };
    let candidates: Vec<usize> =
        (0..phrases.len()).filter(|&k| !phrases[k].bridged && phrases[k].occurrences.iter().any(touches)).collect();
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
    let mut drop = vec![false; phrases.len()];
    for k in covered {
        drop[k] = true;
    }
    let mut k = 0;
    phrases.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
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
