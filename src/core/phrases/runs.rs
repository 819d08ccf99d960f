//! Self-repeating runs: a word, or a few words, said over and over ("freedom
//! freedom freedom…", a chant, a line pasted many times in a row). Every
//! shift of such a run repeats every other, so a suffix index sees as many
//! phrases as the run has words, each with as many occurrences: time and
//! memory grow with the square of the run. Before indexing, a run of more
//! than a few copies of its unit keeps its first copies and its last one
//! and drops the copies between; the positions kept still point at their
//! words, so a phrase spanning the kept run covers the whole run, and a
//! phrase inside it is found at most a few times per run.

use std::ops::Range;

use crate::core::phrases::index::DocId;

/// Longest unit (in words) a run is looked for with: chants and slogans
/// are short; a longer passage pasted many times in a row is left as is.
pub const MAX_PERIOD: usize = 16;

/// A run in a document's words: `len` words repeating a unit of `period`
/// words, from `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// First word of the run.
    pub start: usize,
    /// Words in the run (whole copies and a partial one at its end).
    pub len: usize,
    /// Words in the repeated unit.
    pub period: usize,
}

impl Run {
    /// The words dropped from the index: the copies between the first
    /// `copies − 1` and the last whole copy (with what follows it).
    pub fn dropped(&self, copies: usize) -> Range<usize> {
        let whole = self.len / self.period;
        if whole <= copies {
            return self.start..self.start;
        }
        let from = self.start + (copies - 1) * self.period;
        from..from + (whole - copies) * self.period
    }
}

/// How many copies of a unit of `period` words are kept of a run, when
/// phrases of `min_words` are looked for: enough that a phrase of the
/// shortest length fits in it twice over, so every phrase that does not
/// span the run is still found.
pub fn copies_kept(period: usize, min_words: usize) -> usize {
    min_words.max(1).div_ceil(period) + 2
}

/// The copies a run leaves out of the index, in its document's words, to
/// cover them again where the index's phrases cover the copies kept: a
/// stretch inside a run repeats at every shift by a whole unit, so the
/// words it covers in a kept copy are covered in every left-out one too
/// (without it, a phrase shorter than the run would light up the kept
/// copies of a chant and not the ones between).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RunGap {
    /// The whole run's words.
    run: Range<u32>,
    /// Words in its unit.
    period: u32,
    /// The words left out: whole copies, starting a whole number of units
    /// after the run's start, with at least two copies kept before them
    /// and one after.
    dropped: Range<u32>,
}

/// The [`RunGap`]s of a corpus's documents.
#[derive(Debug, Clone, Default)]
pub(super) struct RunGaps(Vec<(DocId, RunGap)>);

impl RunGaps {
    /// The left-out copies of `found` (per document, its runs in the words
    /// of the text the index was laid out from) when phrases of
    /// `min_words` are looked for. With `ignore_numbers` the text skips
    /// numbers, so its places are not words: no gaps are known then (a
    /// run's left-out copies stay uncovered, as before).
    pub(super) fn of(found: &[(DocId, Vec<Run>)], min_words: usize, ignore_numbers: bool) -> RunGaps {
        if ignore_numbers {
            return RunGaps::default();
        }
        let mut gaps: Vec<(DocId, RunGap)> = found
            .iter()
            .flat_map(|(doc, runs)| runs.iter().map(move |run| (*doc, run)))
            .filter_map(|(doc, run)| {
                let dropped = run.dropped(copies_kept(run.period, min_words));
                let gap = RunGap {
                    run: run.start as u32..(run.start + run.len) as u32,
                    period: run.period as u32,
                    dropped: dropped.start as u32..dropped.end as u32,
                };
                (!gap.dropped.is_empty()).then_some((doc, gap))
            })
            .collect();
        gaps.sort_by_key(|(doc, g)| (*doc, g.run.start));
        RunGaps(gaps)
    }

    /// True when document `doc` has left-out copies.
    pub(super) fn has(&self, doc: DocId) -> bool {
        !self.of_doc(doc).is_empty()
    }

    /// The same gaps with document `id` numbered `to[id]` (gaps of a
    /// document without a number are dropped).
    pub(super) fn renumbered(&self, to: &[Option<DocId>]) -> RunGaps {
        let mut gaps: Vec<(DocId, RunGap)> =
            self.0.iter().filter_map(|(d, g)| to.get(*d as usize).copied().flatten().map(|d| (d, g.clone()))).collect();
        gaps.sort_by_key(|(doc, g)| (*doc, g.run.start));
        RunGaps(gaps)
    }

    fn of_doc(&self, doc: DocId) -> &[(DocId, RunGap)] {
        let from = self.0.partition_point(|(d, _)| *d < doc);
        let to = from + self.0[from..].partition_point(|(d, _)| *d == doc);
        &self.0[from..to]
    }

    /// Adds to `stretches` (the stretches of document `doc`'s words that
    /// the phrases cover, each with its key) the stretches of the doc's
    /// left-out copies they cover again: those inside a run repeat in
    /// every copy of it.
    pub(super) fn refill<K: Copy + Ord>(&self, doc: DocId, stretches: &mut Vec<(u32, u32, K)>) {
        let gaps = self.of_doc(doc);
        if gaps.is_empty() {
            return;
        }
        let mut added = Vec::new();
        for (_, gap) in gaps {
            let p = gap.period;
            // Stretches at least a unit long cover every word of the
            // left-out copies (their shifts overlap); shorter ones the same
            // places of each copy, told by their offset in the unit.
            let mut short: Vec<(u32, u32, K)> = Vec::new();
            for &(a, b, key) in stretches.iter().filter(|(a, b, _)| gap.run.start <= *a && a < b && *b <= gap.run.end) {
                if b - a >= p {
                    added.push((gap.dropped.start, gap.dropped.end, key));
                } else {
                    short.push(((a - gap.run.start) % p, b - a, key));
                }
            }
            short.sort_unstable();
            short.dedup();
            for &(offset, len, key) in &short {
                for copy in (gap.dropped.start..gap.dropped.end).step_by(p as usize) {
                    let start = copy + offset;
                    added.push((start, (start + len).min(copy + p), key));
                    if offset + len > p {
                        // Runs on into the next copy: its start here.
                        added.push((copy, copy + offset + len - p, key));
                    }
                }
            }
        }
        stretches.extend(added);
    }
}

/// Words between the places a run is looked for. A run keeps more than
/// [`copies_kept`] (at least three) copies of its unit, so the words
/// equal to the word one unit further hold at least three places in a row:
/// one of any three places in a row falls inside every run. Looking at one
/// place in three is a third of the work on text without runs (most of
/// it: a speech has none), which every index of a corpus pays.
const STRIDE: usize = 3;

/// The runs of `words` with more than [`copies_kept`] copies of a unit of
/// at most [`MAX_PERIOD`] words, left to right, not overlapping (where a
/// run is found the shortest unit wins).
pub fn find_runs<T: Copy + Eq>(words: &[T], min_words: usize) -> Vec<Run> {
    let n = words.len();
    let mut runs: Vec<Run> = Vec::new();
    // Words before `done` belong to a run found.
    let mut done = 0;
    let mut j = 0;
    while j + 1 < n {
        let mut found = None;
        for period in 1..=MAX_PERIOD.min(n - j - 1) {
            if words[j] != words[j + period] {
                continue;
            }
            // The places around `j` whose word equals the one a unit on.
            let mut start = j;
            while start > done && words[start - 1] == words[start - 1 + period] {
                start -= 1;
            }
            let mut end = j + 1;
            while end + period < n && words[end] == words[end + period] {
                end += 1;
            }
            let len = end - start + period;
            if len > copies_kept(period, min_words) * period {
                found = Some(Run { start, len, period });
                break;
            }
        }
        match found {
            Some(run) => {
                runs.push(run);
                done = run.start + run.len;
                j = done;
            }
            None => j += STRIDE,
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn a_word_said_a_thousand_times_is_one_run() {
        let mut text = vec!["liberty"];
        text.extend(std::iter::repeat_n("freedom", 1000));
        text.push("end");
        let runs = find_runs(&text, 5);
        assert_eq!(runs, [Run { start: 1, len: 1000, period: 1 }]);
        // Kept: seven copies, the last one the run's last word.
        let dropped = runs[0].dropped(copies_kept(1, 5));
        assert_eq!(dropped, 7..1000);
        assert_eq!(1000 - dropped.len(), 7);
    }

    #[test]
    fn a_chant_repeats_its_unit_and_keeps_the_partial_copy_at_its_end() {
        let chant = "U S A ".repeat(40) + "U S";
        let mut text = words("and the crowd said");
        text.extend(words(&chant));
        text.extend(words("thank you"));
        let runs = find_runs(&text, 5);
        assert_eq!(runs, [Run { start: 4, len: 122, period: 3 }]);
        // Four copies kept (two fit a five-word phrase, and two more): the
        // first three and the last whole copy with the partial one.
        let dropped = runs[0].dropped(copies_kept(3, 5));
        assert_eq!(dropped, 4 + 9..4 + 9 + 36 * 3);
        let kept: Vec<&str> = text.iter().enumerate().filter(|(k, _)| !dropped.contains(k)).map(|(_, w)| *w).collect();
        assert_eq!(kept.join(" "), format!("and the crowd said {}U S thank you", "U S A ".repeat(4)));
    }

    #[test]
    fn ordinary_text_and_short_repetitions_have_no_run() {
        let text = words(
            "no no no we will not. We the people, we the people of the United States. \
             It is very very important, said the very important person.",
        );
        assert!(find_runs(&text, 5).is_empty());
        // Six copies of a word are kept as they are when phrases of five
        // are looked for; eight are a run.
        assert!(find_runs(&["a"; 7], 5).is_empty());
        assert_eq!(find_runs(&["a"; 8], 5).len(), 1);
    }

    #[test]
    fn stretches_inside_a_run_cover_its_left_out_copies_again() {
        // A chant of 40 "U S A" and "U S" after four words: the copies
        // from the fourth to the 39th are left out for phrases of five.
        let run = Run { start: 4, len: 122, period: 3 };
        let gaps = RunGaps::of(&[(7, vec![run])], 5, false);
        let dropped = 13..121;
        // "S A" inside the run: the same two words of every left-out copy.
        let mut short = vec![(5, 7, 'a')];
        gaps.refill(7, &mut short);
        let added: Vec<(u32, u32, char)> = short[1..].to_vec();
        assert_eq!(added.len(), 36);
        assert!(added.iter().all(|&(a, b, k)| (a - 4) % 3 == 1 && b == a + 2 && k == 'a'));
        assert_eq!((added[0].0, added[35].1), (dropped.start + 1, dropped.end));
        // "A U" runs on into the next copy: the last word of each copy and
        // the first of the next.
        let mut wrapping = vec![(6, 8, 'b')];
        gaps.refill(7, &mut wrapping);
        let mut covered: Vec<u32> = wrapping[1..].iter().flat_map(|&(a, b, _)| a..b).collect();
        covered.sort_unstable();
        covered.dedup();
        assert_eq!(covered, (dropped.clone()).filter(|w| (w - 4) % 3 != 1).collect::<Vec<u32>>());
        // A unit or longer covers every left-out word; a stretch reaching
        // out of the run, another document, or no run at all cover nothing.
        let mut long = vec![(4, 10, 'c')];
        gaps.refill(7, &mut long);
        assert_eq!(long[1..], [(13, 121, 'c')]);
        for (doc, stretch) in [(7, (2, 6, 'd')), (8, (5, 7, 'd'))] {
            let mut one = vec![stretch];
            gaps.refill(doc, &mut one);
            assert_eq!(one.len(), 1);
        }
        let mut numbers_left_out = vec![(5, 7, 'e')];
        RunGaps::of(&[(7, vec![run])], 5, true).refill(7, &mut numbers_left_out);
        assert_eq!(numbers_left_out.len(), 1);
        // Numbered anew with the documents.
        let mut moved = vec![(5, 7, 'f')];
        gaps.renumbered(&[None; 7].into_iter().chain([Some(2)]).collect::<Vec<_>>()).refill(2, &mut moved);
        assert_eq!(moved.len(), 37);
    }

    #[test]
    fn runs_are_found_in_time_proportional_to_the_text() {
        // A text repeating a 17-word unit (longer than any period looked
        // for) and a long run: each position is looked at a bounded number
        // of times.
        let unit: Vec<u32> = (0..17).collect();
        let mut text: Vec<u32> = unit.iter().copied().cycle().take(170_000).collect();
        text.extend(std::iter::repeat_n(99, 1_000_000));
        let runs = find_runs(&text, 5);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0], Run { start: 170_000, len: 1_000_000, period: 1 });
    }
}
