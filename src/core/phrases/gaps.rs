//! Bridging small differences inside recurring phrases, as WCopyfind does:
//! "the terrorists continue to pose a major threat" and "the terrorists
//! continue to pose major threat" are one phrase with a variant. Both
//! places a gap is bridged live here: in the suffix text, where a repeat
//! continues across differing words ([`bridge`]), and in a speech's spans,
//! where a few unique words between two spans of one class join them
//! (`bridge_gaps`).

use crate::core::phrases::spans::{Span, SpanKind};
use crate::core::phrases::suffix::SuffixText;

/// A phrase's occurrences after bridging: for each occurrence, its matched
/// pieces as `(start, len)` in the suffix text; the gaps are what lies between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bridged {
    /// Per occurrence, its pieces in text order.
    pub pieces: Vec<Vec<(u32, u32)>>,
}

/// How far bridging may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GapLimits {
    /// Most words skipped in one gap, in any occurrence.
    pub max_gap: usize,
    /// Fewest documents that must still share the phrase.
    pub min_docs: usize,
}

/// Shortest exact run accepted after a gap: one common word ("the") would
/// chain unrelated text.
const MIN_PIECE: usize = 2;
/// Longest comparison of one continuation (keeps the work bounded).
const MAX_RUN: usize = 10_000;
/// Most gaps bridged in one phrase.
const MAX_STEPS: usize = 64;

/// The best bridging step found so far: how many documents continue, with
/// how long a common run (its occurrences, with the words each skips, are
/// kept beside it).
struct Step {
    docs: usize,
    piece: usize,
}

/// Length of the common run of `text` from `a` and from `b`, stopping at a
/// separator (values ≥ `sep`).
fn common_run(text: &SuffixText, a: usize, b: usize, sep: u32) -> usize {
    match text {
        SuffixText::Narrow(t) => run_of(t, a, b, |w| u32::from(w) >= sep),
        SuffixText::Wide(t) => run_of(t, a, b, |w| w as u32 >= sep),
    }
}

/// [`common_run`] in the text's stored form.
#[inline]
fn run_of<T: Copy + Eq>(text: &[T], a: usize, b: usize, is_sep: impl Fn(T) -> bool) -> usize {
    let (x, y) = (text.get(a..).unwrap_or(&[]), text.get(b..).unwrap_or(&[]));
    x.iter().zip(y).take(MAX_RUN).take_while(|&(&u, &v)| u == v && !is_sep(u)).count()
}

/// True when the `skip` words from `at` contain no separator.
fn skippable(text: &SuffixText, at: usize, skip: usize, sep: u32) -> bool {
    (at..at + skip).all(|k| k < text.len() && text.at(k) < sep)
}

/// Extends an exact repeat to the right across gaps of at most `max_gap`
/// words (in any occurrence; the gaps may differ in length). Each step keeps
/// the occurrences that continue with a common run of at least two words
/// after their gap, as long as they span at least `min_docs` documents;
/// `doc_of` names the document of a text position. The occurrence `reference`
/// (the first use) leads. Returns `None` when nothing was bridged.
pub fn bridge(
    text: &SuffixText,
    sep: u32,
    starts: &[u32],
    len: u32,
    reference: usize,
    limits: GapLimits,
    doc_of: impl Fn(u32) -> u32,
) -> Option<(Vec<usize>, Bridged)> {
    let GapLimits { max_gap, min_docs } = limits;
    if max_gap == 0 {
        return None;
    }
    let mut alive: Vec<usize> = (0..starts.len()).collect();
    let mut ends: Vec<usize> = starts.iter().map(|&s| (s + len) as usize).collect();
    // The steps taken, in order, as (occurrence, start, words, continues
    // the last piece); each occurrence's pieces are rebuilt from them only
    // when something was bridged. Most repeats bridge nothing, and one list
    // of pieces per occurrence was most of the allocations of finding the
    // phrases.
    let mut taken: Vec<(usize, u32, u32, bool)> = Vec::new();
    // Buffers reused by every candidate continuation.
    let (mut agreeing, mut docs, mut best_agreeing) = (Vec::new(), Vec::new(), Vec::new());
    let mut bridged_any = false;
    for _ in 0..MAX_STEPS {
        let e_r = ends[reference];
        // Best continuation: most documents, then longest common run.
        let mut best: Option<Step> = None;
        for s_r in 0..=max_gap {
            if !skippable(text, e_r, s_r, sep) {
                break;
            }
            let ref_start = e_r + s_r;
            agreeing.clear();
            agreeing.push((reference, s_r));
            let mut piece = usize::MAX;
            let mut gap_used = s_r > 0;
            for &o in alive.iter().filter(|&&o| o != reference) {
                let mut best_o: Option<(usize, usize)> = None; // (run, skip)
                for s_o in 0..=max_gap {
                    if !skippable(text, ends[o], s_o, sep) {
                        break;
                    }
                    let run = common_run(text, ref_start, ends[o] + s_o, sep);
                    if run >= MIN_PIECE && best_o.is_none_or(|(r, _)| run > r) {
                        best_o = Some((run, s_o));
                    }
                }
                if let Some((run, s_o)) = best_o {
                    agreeing.push((o, s_o));
                    piece = piece.min(run);
                    gap_used |= s_o > 0;
                }
            }
            if agreeing.len() < 2 || piece == usize::MAX {
                continue;
            }
            docs.clear();
            docs.extend(agreeing.iter().map(|&(o, _)| doc_of(starts[o])));
            docs.sort_unstable();
            docs.dedup();
            // A step without any gap only continues an already bridged phrase.
            if docs.len() < min_docs || (!gap_used && !bridged_any) {
                continue;
            }
            if best.as_ref().is_none_or(|b| (docs.len(), piece) > (b.docs, b.piece)) {
                best = Some(Step { docs: docs.len(), piece });
                best_agreeing.clone_from(&agreeing);
            }
        }
        let Some(Step { piece, .. }) = best else { break };
        alive.clear();
        for &(o, skip) in &best_agreeing {
            let start = ends[o] + skip;
            taken.push((o, start as u32, piece as u32, skip == 0));
            ends[o] = start + piece;
            bridged_any |= skip > 0;
            alive.push(o);
        }
        alive.sort_unstable();
        if !alive.contains(&reference) {
            break;
        }
    }
    if !bridged_any {
        return None;
    }
    // Each occurrence still alive, its pieces: the exact repeat, then each
    // step either continuing its last piece (no words skipped) or starting
    // a new one after the gap.
    let mut slot = vec![usize::MAX; starts.len()];
    for (k, &o) in alive.iter().enumerate() {
        slot[o] = k;
    }
    let mut kept_pieces: Vec<Vec<(u32, u32)>> = alive.iter().map(|&o| vec![(starts[o], len)]).collect();
    for &(o, start, words, continues) in &taken {
        let Some(pieces) = slot.get(o).and_then(|&k| kept_pieces.get_mut(k)) else { continue };
        match pieces.last_mut() {
            Some(last) if continues => last.1 += words,
            _ => pieces.push((start, words)),
        }
    }
    // The occurrences left must bridge a gap themselves; if only dropped
    // ones did, what remains is an exact repeat, found without bridging.
    if kept_pieces.iter().all(|p| p.len() < 2) {
        return None;
    }
    Some((alive, Bridged { pieces: kept_pieces }))
}

/// Merges a unique span of at most `max_gap` words lying between two spans
/// of the same class into them, so a phrase with one word changed reads as
/// one recurring passage.
pub(super) fn bridge_gaps(spans: Vec<Span>, max_gap: usize) -> Vec<Span> {
    if max_gap == 0 {
        return spans;
    }
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut it = spans.into_iter().peekable();
    while let Some(span) = it.next() {
        let bridgeable = span.kind == SpanKind::Unique
            && span.words.len() <= max_gap
            && out.last().zip(it.peek()).is_some_and(|(before, after)| before.kind.same_class(&after.kind));
        if bridgeable && let (Some(before), Some(after)) = (out.last_mut(), it.next()) {
            before.words.end = after.words.end;
            continue;
        }
        match out.last_mut() {
            Some(last) if last.kind.same_class(&span.kind) => last.words.end = span.words.end,
            _ => out.push(span),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bridges_an_inserted_word_and_a_substitution() {
        // doc0: 1 2 3 4 5 [9] 6 7 8 | doc1: 1 2 3 4 5 6 7 8 | doc2: 1 2 3 4 5 [10] 6 7 0
        let text = SuffixText::Narrow(
            vec![1, 2, 3, 4, 5, 9, 6, 7, 8, 100, 1, 2, 3, 4, 5, 6, 7, 8, 101, 1, 2, 3, 4, 5, 10, 6, 7, 0, 102].into(),
        );
        let doc_of = |p: u32| {
            if p < 10 {
                0
            } else if p < 19 {
                1
            } else {
                2
            }
        };
        let (alive, b) = bridge(&text, 100, &[0, 10, 19], 5, 0, GapLimits { max_gap: 1, min_docs: 2 }, doc_of).unwrap();
        assert_eq!(alive, vec![0, 1, 2]);
        assert_eq!(b.pieces[0], vec![(0, 5), (6, 2)]);
        assert_eq!(b.pieces[1], vec![(10, 7)]);
        assert_eq!(b.pieces[2], vec![(19, 5), (25, 2)]);
        // No gap allowed: nothing to bridge.
        assert!(bridge(&text, 100, &[0, 10, 19], 5, 0, GapLimits { max_gap: 0, min_docs: 2 }, doc_of).is_none());
    }

    #[test]
    fn never_crosses_a_document_end() {
        let text = SuffixText::Narrow(vec![1, 2, 3, 100, 1, 2, 3, 101].into());
        assert!(
            bridge(&text, 100, &[0, 4], 3, 0, GapLimits { max_gap: 2, min_docs: 2 }, |p| u32::from(p >= 4)).is_none()
        );
    }
}
