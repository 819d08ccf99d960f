//! Styled ranges of a transcript's body for the views: which text repeats
//! an earlier speech (and how long ago it was first said), which is
//! introduced here, and in a revision diff what was inserted, deleted or
//! moved. The views only map these styles to colours.

use std::ops::Range;

use chrono::NaiveDate;

use crate::core::compare::revision::RevisionOp;
use crate::core::phrases::{DocId, IndexedDoc, PhraseSet, SpanKind};

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
/// flagged. `date_of` gives each document's date.
pub fn phrase_styles(
    set: &PhraseSet,
    doc: DocId,
    selected: Option<u32>,
    date_of: impl Fn(DocId) -> Option<NaiveDate>,
) -> Vec<Styled> {
    let own = date_of(doc);
    let mut out: Vec<Styled> = set
        .spans(doc)
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
    if let Some(p) = selected.and_then(|p| set.phrases.get(p as usize)) {
        let marks: Vec<Range<usize>> =
            p.occurrences.iter().filter(|o| o.doc == doc).map(|o| set.occurrence_bytes(o)).collect();
        out = split_at_marks(out, &marks);
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
    let mut out = Vec::with_capacity(ranges.len() + cuts.len());
    for r in ranges {
        let mut start = r.bytes.start;
        for &c in cuts.iter().filter(|&&c| c > r.bytes.start && c < r.bytes.end) {
            out.push(Styled { bytes: start..c, ..r.clone() });
            start = c;
        }
        out.push(Styled { bytes: start..r.bytes.end, ..r });
    }
    for s in &mut out {
        s.selected = marks.iter().any(|m| m.start <= s.bytes.start && s.bytes.end <= m.end);
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
}
