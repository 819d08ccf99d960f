//! Styled ranges of a transcript's body for the views: which text repeats
//! an earlier speech (and how long ago it was first said), which is
//! introduced here, and in a revision diff what was inserted, deleted or
//! moved. The views only map these styles to colours.

use std::ops::Range;

use chrono::NaiveDate;

use crate::core::compare::revision::RevisionOp;
use crate::core::phrases::gaps::bridge_gaps;
use crate::core::phrases::spans::{Interval, doc_spans};
use crate::core::phrases::{DocId, IndexedDoc, PhraseSet, Span, SpanKind};
use crate::core::text::WordRanges;

/// How a range of text is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Style {
    /// Nothing to say.
    Plain,
    /// First said in an earlier speech, `age_years` before this one (0 when
    /// either date is unknown).
    Earlier {
        /// Years between the first use and this speech.
        age_years: f32,
        /// The phrase (index into [`PhraseSet::phrases`]).
        phrase: u32,
    },
    /// First said here, and said again later.
    Introduced {
        /// The phrase.
        phrase: u32,
    },
    /// Only in the newer version.
    Inserted,
    /// Only in the older version.
    Deleted,
    /// In both versions, at different places.
    Moved,
}

/// A range of the body and its style.
#[derive(Debug, Clone, PartialEq)]
pub struct Styled {
    /// Byte range in the body.
    pub bytes: Range<usize>,
    /// How to show it.
    pub style: Style,
    /// Part of an occurrence of the selected phrase.
    pub selected: bool,
}

/// Age bands of the legend: upper bound in years (exclusive) and label.
pub const AGE_BANDS: [(f32, &str); 5] = [
    (1.0, "< 1 year"),
    (5.0, "1–5 years"),
    (20.0, "5–20 years"),
    (100.0, "20–100 years"),
    (f32::INFINITY, "100+ years"),
];

/// The legend band of an age in years.
pub fn age_band(age_years: f32) -> usize {
    AGE_BANDS.iter().position(|(max, _)| age_years < *max).unwrap_or(AGE_BANDS.len() - 1)
}

fn years_between(from: Option<NaiveDate>, to: Option<NaiveDate>) -> f32 {
    match (from, to) {
        (Some(a), Some(b)) => ((b - a).num_days().max(0) as f32) / 365.25,
        _ => 0.0,
    }
}

/// The styled ranges of document `doc` for recurring phrasing, covering the
/// body from its first word to its last; occurrences of `selected` are
/// flagged. `date_of` gives each document's date. Occurrences are shown
/// whole, across paragraph breaks too: the views call
/// [`phrase_styles_in_paragraphs`], which knows where paragraphs break.
pub fn phrase_styles(
    set: &PhraseSet,
    doc: DocId,
    selected: Option<u32>,
    date_of: impl Fn(DocId) -> Option<NaiveDate>,
) -> Vec<Styled> {
    phrase_styles_in_paragraphs(set, doc, &[], selected, date_of)
}

/// The styled ranges of document `doc` as [`phrase_styles`] gives them,
/// with the occurrences that cross a break between two of `paragraphs`
/// (the transcript's, byte ranges in its body) cut there, so a phrase that
/// runs on from the end of one paragraph leaves no stray highlighted word
/// at the start of the next.
///
/// The rule: an occurrence inside one paragraph is shown whole. Of an
/// occurrence that crosses a break, the part in each paragraph is shown
/// only when it has at least as many matched words as the query's shortest
/// phrase ([`min_words`](super::PhraseOptions::min_words)): such a part
/// recurs on its own wherever the whole occurrence does, so it would be a
/// phrase by itself, while a shorter one ("I" after "Gentlemen of the
/// House of Representatives:") means nothing alone. The words of a part
/// left out are decided by the other phrases covering them, if any; gaps
/// are bridged inside a paragraph only. No range runs across a break.
///
/// The selected phrase's occurrences are underlined by the same rule, but
/// an occurrence none of whose parts is long enough keeps its longest one,
/// so that every occurrence of the selected phrase stays visible.
pub fn phrase_styles_in_paragraphs(
    set: &PhraseSet,
    doc: DocId,
    paragraphs: &[Range<usize>],
    selected: Option<u32>,
    date_of: impl Fn(DocId) -> Option<NaiveDate>,
) -> Vec<Styled> {
    let breaks = set.words.get(doc as usize).map_or_else(Vec::new, |w| paragraph_starts(w, paragraphs));
    let min_words = set.min_words.max(1) as u32;
    let own = date_of(doc);
    let mut out: Vec<Styled> = spans_cut_at(set, doc, &breaks, min_words)
        .iter()
        .map(|s| Styled {
            bytes: set.byte_range(doc, s.words.clone()),
            style: match s.kind {
                SpanKind::Unique => Style::Plain,
                SpanKind::Earlier { first, phrase } => {
                    Style::Earlier { age_years: years_between(date_of(first), own), phrase }
                }
                SpanKind::IntroducedHere { phrase } => Style::Introduced { phrase },
            },
            selected: false,
        })
        .collect();
    // Each range inside one paragraph: where two spans of one class meet at
    // a break, the view still sees two ranges.
    if paragraphs.len() > 1 {
        let mut starts: Vec<usize> = paragraphs.iter().skip(1).map(|p| p.start).collect();
        starts.sort_unstable();
        out = split_at(out, &starts);
    }
    if let Some(p) = selected.and_then(|p| set.phrases.get(p as usize)) {
        let mut marks: Vec<Range<usize>> = Vec::new();
        for o in p.occurrences.iter().filter(|o| o.doc == doc) {
            let parts = paragraph_parts(set.pieces(o), &breaks);
            let shown: Vec<&Part> = parts.iter().filter(|part| part.matched >= min_words).collect();
            let longest = parts.iter().max_by_key(|part| (part.matched, std::cmp::Reverse(part.words.start)));
            let chosen = if shown.is_empty() { longest.into_iter().collect() } else { shown };
            marks.extend(chosen.iter().map(|part| set.byte_range(doc, part.words.clone())));
        }
        out = split_at_marks(out, &marks);
    }
    out
}

/// The word index of the first word of each paragraph after the first, in
/// ascending order: where an occurrence is cut. Paragraphs without words
/// add none.
fn paragraph_starts(words: &WordRanges, paragraphs: &[Range<usize>]) -> Vec<u32> {
    let n = words.len();
    // The first word starting at or after `byte`.
    let first_at = |byte: usize| {
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if words.get(mid).is_some_and(|(s, _)| (s as usize) < byte) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };
    let mut out: Vec<u32> =
        paragraphs.iter().skip(1).map(|p| first_at(p.start)).filter(|&w| w > 0 && w < n).map(|w| w as u32).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The part of an occurrence inside one paragraph.
#[derive(Debug, Clone, PartialEq)]
struct Part {
    /// Its matched runs of words, in order, inside the paragraph.
    pieces: Vec<Range<u32>>,
    /// From its first matched word to its last (gaps included).
    words: Range<u32>,
    /// Number of matched words.
    matched: u32,
}

/// An occurrence's matched runs of words (`pieces`, in order) split at the
/// paragraph starts `breaks` (ascending word indices): one part per
/// paragraph it has matched words in.
fn paragraph_parts(pieces: &[Range<u32>], breaks: &[u32]) -> Vec<Part> {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else { return Vec::new() };
    let inner = breaks
        .get(breaks.partition_point(|&b| b <= first.start)..breaks.partition_point(|&b| b < last.end))
        .unwrap_or(&[]);
    let edges = std::iter::once(first.start).chain(inner.iter().copied()).chain(std::iter::once(last.end));
    let edges: Vec<u32> = edges.collect();
    edges
        .windows(2)
        .filter_map(|w| {
            let clipped: Vec<Range<u32>> =
                pieces.iter().map(|r| r.start.max(w[0])..r.end.min(w[1])).filter(|r| r.start < r.end).collect();
            let words = clipped.first()?.start..clipped.last()?.end;
            let matched = clipped.iter().map(|r| r.end - r.start).sum();
            Some(Part { pieces: clipped, words, matched })
        })
        .collect()
}

/// Most rounds of [`spans_cut_at`] trimming parts that show as stray
/// fragments (each round only shortens parts, so it ends anyway; one or
/// two rounds are the rule).
const MAX_TRIM_ROUNDS: usize = 16;

/// The spans of document `doc` as [`PhraseSet::spans`] makes them, but with
/// each occurrence that crosses one of the paragraph starts `breaks` cut
/// there and its parts of fewer than `min_words` matched words left out.
/// The spans come split at `breaks`.
///
/// A part long enough may still show as a few words only, when an older
/// phrase takes the rest of it (the earliest phrase decides each word): a
/// highlighted span at a paragraph's edge of fewer than `min_words` words
/// that no occurrence inside the paragraph accounts for is then trimmed
/// off the parts that made it, and the spans made again.
fn spans_cut_at(set: &PhraseSet, doc: DocId, breaks: &[u32], min_words: u32) -> Vec<Span> {
    if breaks.is_empty() {
        return set.spans(doc);
    }
    let Some(words) = set.words.get(doc as usize).map(|w| w.len() as u32) else { return Vec::new() };
    let own = set.rank(doc);
    // Each matched piece, and whether it is a part of an occurrence cut at
    // a break.
    let mut list: Vec<(Interval, bool)> = Vec::new();
    for &pi in set.in_doc.of_doc(doc) {
        let Some(p) = set.phrases.get(pi as usize) else { continue };
        if p.formula && set.hide_formulas {
            continue;
        }
        let key = (set.rank(p.first), pi);
        let from = p.occurrences.partition_point(|o| set.rank(o.doc) < own);
        for o in p.occurrences[from..].iter().take_while(|o| o.doc == doc) {
            let parts = paragraph_parts(set.pieces(o), breaks);
            let cut = parts.len() > 1;
            for part in parts.into_iter().filter(|part| !cut || part.matched >= min_words) {
                list.extend(part.pieces.iter().map(|r| ((r.start, r.end, key), cut)));
            }
        }
    }
    // The class a piece gives its words, as the spans name it.
    let kind_of = |(_, _, (rank, phrase)): Interval| -> SpanKind {
        if rank < own {
            SpanKind::Earlier { first: set.phrases.get(phrase as usize).map_or(0, |p| p.first), phrase }
        } else {
            SpanKind::IntroducedHere { phrase }
        }
    };
    let mut rounds = 0;
    loop {
        let mut intervals: Vec<Interval> = list.iter().map(|&(iv, _)| iv).collect();
        let spans = spans_in_paragraphs(doc_spans(&mut intervals, words, &set.phrases, own, 0), breaks, set.max_gap);
        rounds += 1;
        if rounds > MAX_TRIM_ROUNDS {
            return spans;
        }
        let mut changed = false;
        for span in spans.iter().filter(|s| s.kind != SpanKind::Unique && s.words.len() < min_words as usize) {
            let (starts, ends) =
                (breaks.binary_search(&span.words.start).is_ok(), breaks.binary_search(&span.words.end).is_ok());
            if !(starts || ends) {
                continue;
            }
            let overlaps = |iv: &Interval| iv.0 < span.words.end && span.words.start < iv.1;
            if list.iter().any(|&(iv, cut)| !cut && overlaps(&iv) && kind_of(iv).same_class(&span.kind)) {
                continue; // an occurrence inside the paragraph shows there
            }
            // A cut part lies in one paragraph, so the span at its edge
            // covers its start (after a break) or its end (before one).
            for (iv, _) in list.iter_mut().filter(|(iv, cut)| *cut && overlaps(iv)) {
                if starts {
                    iv.0 = iv.0.max(span.words.end).min(iv.1);
                } else {
                    iv.1 = iv.1.min(span.words.start).max(iv.0);
                }
                changed = true;
            }
        }
        if !changed {
            return spans;
        }
        list.retain(|(iv, _)| iv.0 < iv.1);
    }
}

/// Spans split at the paragraph starts `breaks` (ascending word indices),
/// with gaps of up to `max_gap` unique words between two spans of one
/// class bridged inside a paragraph only: a one-word heading between two
/// paragraphs is no gap in a phrase.
fn spans_in_paragraphs(spans: Vec<Span>, breaks: &[u32], max_gap: usize) -> Vec<Span> {
    let split = split_spans(spans, breaks);
    let starts_paragraph = |s: &Span| breaks.binary_search(&s.words.start).is_ok();
    split.chunk_by(|_, b| !starts_paragraph(b)).flat_map(|paragraph| bridge_gaps(paragraph.to_vec(), max_gap)).collect()
}

/// Spans split at the word indices `breaks` (ascending) inside them.
fn split_spans(spans: Vec<Span>, breaks: &[u32]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len() + breaks.len());
    for s in spans {
        let mut start = s.words.start;
        let first = breaks.partition_point(|&b| b <= s.words.start);
        for &b in breaks[first..].iter().take_while(|&&b| b < s.words.end) {
            out.push(Span { words: start..b, kind: s.kind });
            start = b;
        }
        out.push(Span { words: start..s.words.end, kind: s.kind });
    }
    out
}

/// Splits styled ranges at the edges of `marks` and flags the parts inside.
fn split_at_marks(ranges: Vec<Styled>, marks: &[Range<usize>]) -> Vec<Styled> {
    if marks.is_empty() {
        return ranges;
    }
    let mut cuts: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    cuts.sort_unstable();
    let mut out = split_at(ranges, &cuts);
    for s in &mut out {
        s.selected = marks.iter().any(|m| m.start <= s.bytes.start && s.bytes.end <= m.end);
    }
    out
}

/// Splits styled ranges at the byte offsets `cuts` (ascending) that fall
/// inside them.
fn split_at(ranges: Vec<Styled>, cuts: &[usize]) -> Vec<Styled> {
    let mut out = Vec::with_capacity(ranges.len() + cuts.len());
    for r in ranges {
        let mut start = r.bytes.start;
        let first = cuts.partition_point(|&c| c <= r.bytes.start);
        for &c in cuts[first..].iter().take_while(|&&c| c < r.bytes.end) {
            out.push(Styled { bytes: start..c, ..r.clone() });
            start = c;
        }
        out.push(Styled { bytes: start..r.bytes.end, ..r });
    }
    out
}

/// Styled ranges for both sides of a revision diff, and the places of its
/// changes (byte offsets in the old and new body) in order, for
/// next/previous change.
pub fn diff_styles(
    ops: &[RevisionOp],
    old: &IndexedDoc,
    new: &IndexedDoc,
) -> (Vec<Styled>, Vec<Styled>, Vec<(usize, usize)>) {
    let ob = |r: &Range<u32>| old.byte_range(r.start as usize..r.end as usize);
    let nb = |r: &Range<u32>| new.byte_range(r.start as usize..r.end as usize);
    let styled = |bytes: Range<usize>, style: Style| Styled { bytes, style, selected: false };
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut changes = Vec::new();
    // Where the diff stands in each text, for changes on one side only.
    let (mut at_old, mut at_new) = (0usize, 0usize);
    for op in ops {
        match op {
            RevisionOp::Equal { old: o, new: n } => {
                a.push(styled(ob(o), Style::Plain));
                b.push(styled(nb(n), Style::Plain));
                at_old = ob(o).end;
                at_new = nb(n).end;
            }
            RevisionOp::Delete { old: o } => {
                a.push(styled(ob(o), Style::Deleted));
                changes.push((ob(o).start, at_new));
                at_old = ob(o).end;
            }
            RevisionOp::Insert { new: n } => {
                b.push(styled(nb(n), Style::Inserted));
                changes.push((at_old, nb(n).start));
                at_new = nb(n).end;
            }
            RevisionOp::Replace { old: o, new: n } => {
                a.push(styled(ob(o), Style::Deleted));
                b.push(styled(nb(n), Style::Inserted));
                changes.push((ob(o).start, nb(n).start));
                at_old = ob(o).end;
                at_new = nb(n).end;
            }
            RevisionOp::MovedFrom { old: o, to } => {
                a.push(styled(ob(o), Style::Moved));
                changes.push((ob(o).start, nb(to).start));
                at_old = ob(o).end;
            }
            RevisionOp::MovedTo { new: n, from, changes: inner } => {
                // The moved text, with what changed inside it on both sides.
                for c in inner {
                    match c {
                        RevisionOp::Insert { new: n2 } | RevisionOp::Replace { new: n2, .. } => {
                            b.push(styled(nb(n2), Style::Inserted))
                        }
                        RevisionOp::Equal { new: n2, .. } => b.push(styled(nb(n2), Style::Moved)),
                        _ => {}
                    }
                    if let RevisionOp::Delete { old: o2 } | RevisionOp::Replace { old: o2, .. } = c {
                        a.push(styled(ob(o2), Style::Deleted));
                    }
                }
                changes.push((ob(from).start, nb(n).start));
                at_new = nb(n).end;
            }
        }
    }
    a.sort_by_key(|s| (s.bytes.start, s.bytes.end));
    b.sort_by_key(|s| (s.bytes.start, s.bytes.end));
    (remove_overlaps(a), remove_overlaps(b), changes)
}

/// Keeps the later, more specific range where two overlap (a deletion
/// inside a moved passage wins over the passage).
fn remove_overlaps(ranges: Vec<Styled>) -> Vec<Styled> {
    let mut out: Vec<Styled> = Vec::with_capacity(ranges.len());
    for r in ranges {
        if let Some(last) = out.last_mut()
            && last.bytes.end > r.bytes.start
        {
            // Split the earlier range around the newer one.
            let tail = Styled { bytes: r.bytes.end..last.bytes.end, ..last.clone() };
            last.bytes.end = r.bytes.start;
            let keep_tail = tail.bytes.start < tail.bytes.end;
            if last.bytes.start >= last.bytes.end {
                out.pop();
            }
            out.push(r);
            if keep_tail {
                out.push(tail);
            }
            continue;
        }
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands() {
        assert_eq!(age_band(0.5), 0);
        assert_eq!(age_band(3.0), 1);
        assert_eq!(age_band(150.0), 4);
    }

    #[test]
    fn marks_split_ranges() {
        let r = vec![Styled { bytes: 0..10, style: Style::Plain, selected: false }];
        let mark = 3..6;
        let out = split_at_marks(r, std::slice::from_ref(&mark));
        let parts: Vec<(Range<usize>, bool)> = out.into_iter().map(|s| (s.bytes, s.selected)).collect();
        assert_eq!(parts, vec![(0..3, false), (3..6, true), (6..10, false)]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // lists of word runs, some of one run
    fn parts_of_an_occurrence_per_paragraph() {
        // Words 0..8 with a gap at 5, paragraphs starting at words 3 and 7.
        let parts = paragraph_parts(&[0..5, 6..8], &[3, 7]);
        let got: Vec<(Vec<Range<u32>>, Range<u32>, u32)> =
            parts.into_iter().map(|p| (p.pieces, p.words, p.matched)).collect();
        assert_eq!(got, vec![(vec![0..3], 0..3, 3), (vec![3..5, 6..7], 3..7, 3), (vec![7..8], 7..8, 1)]);
        assert_eq!(paragraph_parts(&[4..6], &[3, 7]).len(), 1);
    }

    #[test]
    fn a_phrase_running_into_the_next_paragraph_leaves_no_stray_word() {
        use crate::core::phrases::{PhraseIndex, PhraseOptions};
        use crate::core::text::transcript::Transcript;
        let phrase = "the people of these united states have chosen wisely";
        let ts = [
            Transcript::from_text("a.txt", "a", &format!("First we say that {phrase} again.")),
            // Here the phrase runs over a break: its last word opens a paragraph.
            Transcript::from_text(
                "b.txt",
                "b",
                "Then we add that the people of these united states have chosen\n\nwisely and well, and more.",
            ),
        ];
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default()).unwrap_or_default();
        let b = &ts[1];
        let wisely = b.body.find("wisely").unwrap_or(0);
        let marked =
            |styles: &[Styled], at: usize| styles.iter().any(|s| s.style != Style::Plain && s.bytes.contains(&at));
        // Whole, the occurrence marks "wisely" too; cut at the break, not.
        let whole = phrase_styles(&set, ids[1], None, |_| None);
        assert!(marked(&whole, wisely), "{whole:?}");
        let cut = phrase_styles_in_paragraphs(&set, ids[1], &b.paragraphs, Some(0), |_| None);
        assert!(!marked(&cut, wisely) && marked(&cut, b.body.find("chosen").unwrap_or(0)), "{cut:?}");
        assert!(cut.iter().all(|s| !(s.selected && s.bytes.contains(&wisely))));
        // The first speech, with the phrase inside one paragraph, is unchanged.
        let a = &ts[0];
        assert_eq!(
            phrase_styles_in_paragraphs(&set, ids[0], &a.paragraphs, None, |_| None),
            phrase_styles(&set, ids[0], None, |_| None)
        );
    }
}
