//! What each stretch of a speech is in the light of the phrases: a
//! [`Span`] repeats an earlier speech, is introduced there, or is unique.
//! Made from the phrases' pieces in a document by a sweep that lets the
//! earliest phrase decide each word, so the views can colour a speech
//! without holding the spans of every other.

use std::ops::Range;

use crate::core::phrases::gaps::bridge_gaps;
use crate::core::phrases::index::DocId;
use crate::core::phrases::phrase_set::Phrase;

/// How a span of a speech relates to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// Used nowhere else.
    Unique,
    /// First used in an earlier speech.
    Earlier {
        /// The speech that used it first.
        first: DocId,
        /// The phrase (index into
        /// [`PhraseSet::phrases`](super::PhraseSet::phrases)).
        phrase: u32,
    },
    /// First used here and used again later.
    IntroducedHere {
        /// The phrase (index into
        /// [`PhraseSet::phrases`](super::PhraseSet::phrases)).
        phrase: u32,
    },
}

impl SpanKind {
    /// True when two kinds read the same in a view: both unique, both
    /// introduced here, or both earlier with the same first use.
    pub fn same_class(&self, other: &SpanKind) -> bool {
        match (self, other) {
            (SpanKind::Unique, SpanKind::Unique) => true,
            (SpanKind::IntroducedHere { .. }, SpanKind::IntroducedHere { .. }) => true,
            (SpanKind::Earlier { first: a, .. }, SpanKind::Earlier { first: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// A run of words of one document with one [`SpanKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Word indices; [`PhraseSet::byte_range`](super::PhraseSet::byte_range)
    /// gives the text they cover. Only words: a span is 20 bytes, not 28
    /// with a byte range too (SOTU has 155,000 spans, a corpus of 20
    /// million words 1.2 million).
    pub words: Range<u32>,
    /// How it relates to other speeches.
    pub kind: SpanKind,
}

/// What decides a word's class: the first-use rank of the phrase covering
/// it, then the phrase's index (smallest wins).
pub(super) type SpanKey = (u32, u32);
/// Word range of a matched piece of a phrase, and its key.
pub(super) type Interval = (u32, u32, SpanKey);
/// Word range and the key of the phrase that decides it, if any.
type Segment = (u32, u32, Option<SpanKey>);

/// The spans of a document of `words` words from the pieces of the phrases
/// in it (`list`, in any order): repeating an earlier speech, introduced
/// here, or unique, with gaps of up to `max_gap` unique words between two
/// spans of one class bridged. `own_rank` is the document's chronological
/// rank.
pub(super) fn doc_spans(
    list: &mut [Interval],
    words: u32,
    phrases: &[Phrase],
    own_rank: u32,
    max_gap: usize,
) -> Vec<Span> {
    let kind_of = |key: Option<SpanKey>| -> SpanKind {
        match key {
            None => SpanKind::Unique,
            Some((rank, phrase)) if rank < own_rank => {
                SpanKind::Earlier { first: phrases.get(phrase as usize).map_or(0, |p| p.first), phrase }
            }
            Some((_, phrase)) => SpanKind::IntroducedHere { phrase },
        }
    };
    let mut spans: Vec<Span> = Vec::new();
    for (start, end, key) in sweep(list, words) {
        let kind = kind_of(key);
        match spans.last_mut() {
            Some(last) if last.kind.same_class(&kind) => last.words.end = end,
            _ => spans.push(Span { words: start..end, kind }),
        }
    }
    bridge_gaps(spans, max_gap)
}

/// Splits `0..len` into segments labelled with the smallest key of the
/// intervals covering them (`None` where nothing does).
fn sweep(intervals: &mut [Interval], len: u32) -> Vec<Segment> {
    use std::cmp::Reverse;
    intervals.sort_unstable_by_key(|&(s, _, _)| s);
    let mut heap: std::collections::BinaryHeap<Reverse<(SpanKey, u32)>> = std::collections::BinaryHeap::new();
    let mut out: Vec<Segment> = Vec::new();
    let push = |out: &mut Vec<Segment>, s: u32, e: u32, key: Option<SpanKey>| {
        if s >= e {
            return;
        }
        match out.last_mut() {
            Some(last) if last.1 == s && last.2 == key => last.1 = e,
            _ => out.push((s, e, key)),
        }
    };
    let (mut pos, mut i) = (0u32, 0usize);
    while pos < len {
        while i < intervals.len() && intervals[i].0 <= pos {
            let (_, e, key) = intervals[i];
            if e > pos {
                heap.push(Reverse((key, e)));
            }
            i += 1;
        }
        while heap.peek().is_some_and(|Reverse((_, e))| *e <= pos) {
            heap.pop();
        }
        let next_start = intervals.get(i).map_or(len, |iv| iv.0.min(len));
        match heap.peek() {
            None => {
                push(&mut out, pos, next_start, None);
                pos = next_start;
            }
            Some(&Reverse((key, e))) => {
                let end = e.min(next_start).min(len);
                push(&mut out, pos, end, Some(key));
                pos = end;
            }
        }
    }
    out
}
