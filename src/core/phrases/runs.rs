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
