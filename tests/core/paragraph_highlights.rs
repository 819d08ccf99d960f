//! Highlights at paragraph breaks, on the State of the Union speeches: a
//! phrase that runs on from the end of one paragraph into the next leaves
//! no stray highlighted words at the start of the next (nor at the end of
//! the previous), while a phrase inside one paragraph is shown whole.

use std::ops::Range;

use crate::support::sotu_speeches;
use refrain::core::phrases::highlight::{Style, Styled, phrase_styles, phrase_styles_in_paragraphs};
use refrain::core::phrases::{Occurrence, PhraseIndex, PhraseOptions, PhraseSet};
use refrain::core::text::WordRanges;
use refrain::core::text::transcript::Transcript;

use crate::common;

fn words(text: &str) -> usize {
    WordRanges::of(text).len()
}

/// The stray fragments of `styles`: highlighted ranges at the start (or
/// end) of a paragraph with fewer than `n` words in it that no occurrence
/// inside the paragraph (`inside`, byte ranges) accounts for, so they come
/// from an occurrence running on from the previous paragraph (or into the
/// next). Returned as (paragraph index, words highlighted there, the text).
fn fragments(t: &Transcript, inside: &[Range<usize>], styles: &[Styled], n: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (k, pair) in t.paragraphs.windows(2).enumerate() {
        let (prev, next) = (&pair[0], &pair[1]);
        // The ranges holding the previous paragraph's end or the next one's start.
        let first = styles.partition_point(|s| s.bytes.end < prev.end);
        for s in styles[first..].iter().take_while(|s| s.bytes.start <= next.start) {
            if s.style == Style::Plain {
                continue;
            }
            // Starts the next paragraph, or ends the previous one.
            for (i, p, at_edge) in [(k + 1, next, s.bytes.start <= next.start), (k, prev, s.bytes.end >= prev.end)] {
                let (a, b) = (s.bytes.start.max(p.start), s.bytes.end.min(p.end));
                if !at_edge || a >= b {
                    continue;
                }
                let shown = words(&t.body[a..b]);
                if shown == 0 || shown >= n {
                    continue;
                }
                if !inside.iter().any(|o| o.start < b && a < o.end && p.start <= o.start && o.end <= p.end) {
                    out.push((i, shown, t.body[a..b].to_string()));
                }
            }
        }
    }
    out
}

/// True when all of `bytes` that holds words is highlighted in `styles`.
fn highlighted(t: &Transcript, styles: &[Styled], bytes: &Range<usize>) -> bool {
    let covered = |at: usize| {
        let k = styles.partition_point(|s| s.bytes.end <= at);
        styles.get(k).is_some_and(|s| s.style != Style::Plain && s.bytes.start <= at)
    };
    WordRanges::of(&t.body[bytes.clone()]).iter().all(|(a, b)| {
        let (a, b) = (bytes.start + a as usize, bytes.start + b as usize);
        covered(a) && covered(b - 1)
    })
}

fn date_of(ts: &[Transcript]) -> impl Fn(u32) -> Option<chrono::NaiveDate> + '_ {
    |d| ts.get(d as usize).and_then(|t| t.date.map(|d| d.date))
}

/// Checks every speech for stray fragments (with `min_words` the query's
/// minimum) and that occurrences inside one paragraph stay highlighted.
/// Returns the fragments [`phrase_styles`] (occurrences kept whole) shows.
fn check(ts: &[Transcript], set: &PhraseSet, min_words: usize) -> usize {
    let mut by_doc: Vec<Vec<&Occurrence>> = vec![Vec::new(); ts.len()];
    for o in set.phrases.iter().flat_map(|p| p.occurrences.iter()) {
        by_doc[o.doc as usize].push(o);
    }
    let mut before_fix = 0;
    for (d, t) in ts.iter().enumerate() {
        let in_one_paragraph = |b: &Range<usize>| t.paragraphs.iter().any(|p| p.start <= b.start && b.end <= p.end);
        let inside: Vec<&Occurrence> =
            by_doc[d].iter().copied().filter(|o| in_one_paragraph(&set.occurrence_bytes(o))).collect();
        let inside_bytes: Vec<Range<usize>> = inside.iter().map(|o| set.occurrence_bytes(o)).collect();
        let styles = phrase_styles_in_paragraphs(set, d as u32, &t.paragraphs, None, date_of(ts));
        let stray = fragments(t, &inside_bytes, &styles, min_words);
        assert!(stray.is_empty(), "{}: stray fragments (paragraph, words, text) {stray:?}", t.title);
        before_fix += fragments(t, &inside_bytes, &phrase_styles(set, d as u32, None, date_of(ts)), min_words).len();
        // No highlighted range runs across a paragraph break.
        for s in &styles {
            assert!(!t.paragraphs.iter().any(|p| s.bytes.start < p.start && p.start < s.bytes.end), "{s:?}");
        }
        // Every occurrence inside one paragraph is highlighted whole.
        for o in inside {
            for piece in set.pieces(o) {
                let piece = set.byte_range(d as u32, piece.clone());
                assert!(highlighted(t, &styles, &piece), "{}: {:?}", t.title, &t.body[piece]);
            }
        }
    }
    before_fix
}

#[test]
fn phrases_crossing_a_paragraph_break_leave_no_stray_highlighted_words() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    for min_words in [5, 3] {
        let set = index.phrases(&PhraseOptions::default().min_words(min_words)).unwrap();
        let before_fix = check(&ts, &set, min_words);
        // Occurrences kept whole do leave such fragments: the salutation
        // "… House of Representatives:" followed by the next paragraph's "I".
        assert!(before_fix > 100, "min {min_words}: {before_fix} fragments without the cut");
    }
}

#[test]
fn the_selected_phrase_is_underlined_in_each_occurrence_but_not_in_stray_words() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).unwrap();
    // A phrase with an occurrence whose part after a break is short.
    let crosses = |o: &refrain::core::phrases::Occurrence| {
        let b = set.occurrence_bytes(o);
        let t = &ts[o.doc as usize];
        t.paragraphs.iter().find(|p| b.start < p.start && p.start < b.end).map(|p| words(&t.body[p.start..b.end]))
    };
    let (pi, o) = set
        .phrases
        .iter()
        .enumerate()
        .find_map(|(pi, p)| p.occurrences.iter().find(|o| crosses(o).is_some_and(|n| n < 5)).map(|o| (pi, o)))
        .expect("a phrase running one word or so into the next paragraph");
    let t = &ts[o.doc as usize];
    let styles = phrase_styles_in_paragraphs(&set, o.doc, &t.paragraphs, Some(pi as u32), date_of(&ts));
    let bytes = set.occurrence_bytes(o);
    let next = t.paragraphs.iter().find(|p| bytes.start < p.start && p.start < bytes.end).unwrap();
    // The short part after the break is not underlined; the part before is,
    // when it is long enough, else the longest part is.
    let selected =
        |r: Range<usize>| styles.iter().any(|s| s.selected && s.bytes.start < r.end && r.start < s.bytes.end);
    let (before, after) = (bytes.start..next.start, next.start..bytes.end);
    let (wb, wa) = (words(&t.body[before.clone()]), words(&t.body[after.clone()]));
    if wb >= 5 || wb >= wa {
        assert!(selected(before) && !selected(after), "{:?}", &t.body[bytes]);
    } else {
        assert!(selected(after) && !selected(before), "{:?}", &t.body[bytes]);
    }
    // Every occurrence of the phrase in the speech is underlined somewhere.
    let p = &set.phrases[pi];
    for o in p.occurrences.iter().filter(|x| x.doc == o.doc) {
        assert!(selected(set.occurrence_bytes(o)));
    }
}
