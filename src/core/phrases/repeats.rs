//! From the suffix index's maximal repeats to phrases: each repeat bridged
//! across small gaps where its occurrences allow ([`bridge_repeats`]), then
//! placed in its documents as a [`Phrase`] with its occurrences in
//! chronological order ([`phrases_of_groups`]), and the pieces of bridged
//! occurrences laid out in the phrases' final order ([`repack_pieces`]).

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::built::Built;
use crate::core::phrases::gaps::{GapLimits, bridge};
use crate::core::phrases::options::PhraseOptions;
use crate::core::phrases::phrase_set::{NO_GAPS, Occurrence, Phrase};
use crate::core::phrases::shared_ngrams::window_hash;
use crate::core::phrases::suffix::{Repeat, SuffixText};

/// The occurrences of one phrase before they are placed in their documents.
pub(super) enum Group {
    /// Exact repeats: start positions in the suffix text, and the length.
    Exact(Vec<u32>, u32),
    /// Bridged: per occurrence, its pieces as `(start, len)`.
    Bridged(Vec<Vec<(u32, u32)>>),
}

/// The maximal repeats of at least `min_words` words found in at least
/// `min_speeches` documents, from the suffix index of `built`, each with
/// the hash of its first `min_words` words (`shared_ngrams::window_hash`):
/// what an incremental update knows the phrases it gives by.
pub(super) fn keyed_repeats(built: &Built, options: &PhraseOptions) -> Vec<(u64, Repeat)> {
    let min_speeches = options.min_speeches;
    let repeats = built.suffix.maximal_repeats(options.min_words as u32, || {
        // Distinct documents per repeat, with a stamp per document slot
        // (one table for each part searched in parallel).
        let mut stamp = vec![u32::MAX; built.doc_starts.len()];
        let mut counter = 0u32;
        move |_, starts: &[u32]| {
            counter += 1;
            let mut distinct = 0;
            for &p in starts {
                let k = built.doc_slot(p);
                if stamp[k] != counter {
                    stamp[k] = counter;
                    distinct += 1;
                    if distinct >= min_speeches {
                        return true;
                    }
                }
            }
            false
        }
    });
    let n = options.min_words;
    let key = |start: usize| match &built.suffix.text {
        SuffixText::Narrow(t) => t.get(start..start + n).map_or(0, window_hash),
        SuffixText::Wide(t) => t.get(start..start + n).map_or(0, window_hash),
    };
    repeats.into_par_iter().map(|r| (r.starts.first().map_or(0, |&s| key(s as usize)), r)).collect()
}

/// Bridges small gaps: a phrase may continue after a differing word. Each
/// repeat of `text` (the suffix text of `built`) gives its exact phrase,
/// its bridged phrase, or both when some occurrences do not take the
/// bridge; the first use (by `ranks`) leads. Each group keeps its
/// repeat's hash.
pub(super) fn bridge_repeats(
    built: &Built,
    text: &SuffixText,
    repeats: Vec<(u64, Repeat)>,
    ranks: &[u32],
    options: &PhraseOptions,
) -> Vec<(u64, Group)> {
    let sep = built.sep;
    let rank_of_pos = |p: u32| ranks[built.doc_at(p) as usize];
    // Bridging looks at each repeat on its own: in parallel, keeping
    // the order.
    repeats
        .into_par_iter()
        .flat_map_iter(|(key, r)| {
            let reference = (0..r.starts.len()).min_by_key(|&k| (rank_of_pos(r.starts[k]), r.starts[k])).unwrap_or(0);
            let bridged = bridge(
                text,
                sep,
                &r.starts,
                r.len,
                reference,
                GapLimits { max_gap: options.max_gap, min_docs: options.min_speeches },
                |p| built.doc_at(p),
            );
            match bridged {
                // Occurrences that did not take the bridge still make
                // the exact phrase.
                Some((alive, bridged)) if alive.len() < r.starts.len() => {
                    [Some(Group::Exact(r.starts, r.len)), Some(Group::Bridged(bridged.pieces))]
                }
                Some((_, bridged)) => [Some(Group::Bridged(bridged.pieces)), None],
                None => [Some(Group::Exact(r.starts, r.len)), None],
            }
            .into_iter()
            .flatten()
            .map(move |g| (key, g))
        })
        .collect()
}

/// Each group placed in its documents as a phrase, with its occurrences in
/// chronological order (by `ranks`); a phrase found in more than the
/// formula fraction of the `live` documents is a formula. Returns the
/// phrases, one list of the pieces of all their gapped occurrences, and
/// each phrase's hash (its group's).
pub(super) fn phrases_of_groups(
    built: &Built,
    groups: Vec<(u64, Group)>,
    ranks: &[u32],
    options: &PhraseOptions,
    live: usize,
) -> (Vec<Phrase>, Vec<Range<u32>>, Vec<u64>) {
    let (keys, groups): (Vec<u64>, Vec<Group>) = groups.into_iter().unzip();
    // Each phrase with the pieces of its gapped occurrences (their
    // `gaps` index this list of its own until the lists are joined).
    let (mut phrases, own_pieces): (Vec<Phrase>, Vec<Vec<Range<u32>>>) = groups
        .into_par_iter()
        .map(|group| {
            let mut own: Vec<Range<u32>> = Vec::new();
            let (mut occurrences, len, bridged): (Vec<Occurrence>, u32, bool) = match group {
                Group::Exact(starts, len) => {
                    let occurrences = starts
                        .iter()
                        .map(|&start| {
                            let words = built.word_range(start, len);
                            Occurrence { doc: built.doc_at(start), words, gaps: NO_GAPS }
                        })
                        .collect::<Vec<Occurrence>>();
                    // Inside a self-repeating run the index keeps a few
                    // copies: the phrase is as long as its shortest
                    // occurrence in words, not in kept positions.
                    let len = if built.runs.is_empty() {
                        len
                    } else {
                        occurrences.iter().map(|o| o.words.end - o.words.start).min().unwrap_or(len)
                    };
                    (occurrences, len, false)
                }
                Group::Bridged(group) => {
                    let len = group.first().map_or(0, |g| g.iter().map(|&(_, l)| l).sum());
                    let bridged = group.iter().any(|p| p.len() > 1);
                    let occurrences = group
                        .iter()
                        .map(|pieces| {
                            let doc = built.doc_at(pieces[0].0);
                            let ranges: Vec<Range<u32>> = pieces
                                .iter()
                                // Pieces keep their text positions' words: a bridged
                                // phrase through a run spans it.
                                .map(|&(start, len)| built.word_index(start)..built.word_index(start + len - 1) + 1)
                                .collect();
                            let words = ranges[0].start..ranges[ranges.len() - 1].end;
                            let gaps = if ranges.len() > 1 {
                                let at = own.len() as u32;
                                own.extend(ranges);
                                at
                            } else {
                                NO_GAPS
                            };
                            Occurrence { doc, words, gaps }
                        })
                        .collect::<Vec<Occurrence>>();
                    // Through a self-repeating run: in words, as above
                    // (the matched words of its shortest occurrence).
                    let len = if built.runs.is_empty() {
                        len
                    } else {
                        let matched =
                            |o: &Occurrence| -> u32 { o.pieces_in(&own).iter().map(|r| r.end - r.start).sum() };
                        occurrences.iter().map(matched).min().unwrap_or(len)
                    };
                    (occurrences, len, bridged)
                }
            };
            occurrences.sort_unstable_by_key(|o| (ranks[o.doc as usize], o.words.start));
            // In rank order a document's occurrences are next to each other.
            let speeches = 1 + occurrences.windows(2).filter(|w| w[0].doc != w[1].doc).count();
            let first = occurrences[0].doc;
            let last = occurrences[occurrences.len() - 1].doc;
            let phrase = Phrase {
                len,
                speeches: speeches as u32,
                first,
                last,
                formula: speeches as f64 > options.formula_fraction * live as f64,
                bridged,
                occurrences: occurrences.into(),
            };
            (phrase, own)
        })
        .unzip();
    // One list of pieces for all phrases.
    let mut pieces = Vec::with_capacity(own_pieces.iter().map(Vec::len).sum());
    for (p, own) in phrases.iter_mut().zip(own_pieces) {
        let base = pieces.len() as u32;
        for o in p.gapped_mut() {
            o.gaps += base;
        }
        pieces.extend(own);
    }
    (phrases, pieces, keys)
}

/// The pieces laid out again in the phrases' final order: equal phrases
/// then index them alike, whichever order the repeats were found in.
pub(super) fn repack_pieces(phrases: &mut [Phrase], pieces: Vec<Range<u32>>) -> Vec<Range<u32>> {
    let mut packed = Vec::with_capacity(pieces.len());
    for o in phrases.iter_mut().flat_map(Phrase::gapped_mut) {
        let at = packed.len() as u32;
        packed.extend_from_slice(o.pieces_in(&pieces));
        o.gaps = at;
    }
    packed
}
