//! Maximal repeats of a word sequence, found with a suffix array and its
//! longest-common-prefix array (libsais) instead of comparing documents
//! pair by pair.

/// A sequence of word ids from many documents, each document followed by its
/// own separator so that no repeat crosses a document boundary.
#[derive(Debug, Clone)]
pub struct SuffixIndex {
    /// Word ids, separators are `alphabet_words + document index`.
    pub text: Vec<i32>,
    /// Suffix array of `text`.
    pub sa: Vec<i32>,
    /// `lcp[i]` = common prefix length of suffixes `sa[i - 1]` and `sa[i]`; `lcp[0] = 0`.
    pub lcp: Vec<i32>,
}

/// Why the suffix index could not be built (the text is too long for 32-bit
/// positions, or libsais reported an error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the phrase index could not be built: {0}")]
pub struct SuffixError(pub String);

/// A repeat found in the text: its length in words and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// Length in words.
    pub len: u32,
    /// Start positions in the text, in suffix-array order.
    pub starts: Vec<u32>,
}

impl SuffixIndex {
    /// Builds the suffix and LCP arrays. `alphabet` is one more than the
    /// largest value in `text`.
    pub fn build(mut text: Vec<i32>, alphabet: usize) -> Result<SuffixIndex, SuffixError> {
        if text.is_empty() {
            return Ok(SuffixIndex { text, sa: Vec::new(), lcp: Vec::new() });
        }
        if text.len() >= i32::MAX as usize / 2 || alphabet >= i32::MAX as usize {
            return Err(SuffixError(format!("{} words is more than the index can hold", text.len())));
        }
        let threads = libsais::ThreadCount::openmp_default();
        if let Some(bad) = text.iter().find(|&&t| t < 0 || t as usize >= alphabet) {
            return Err(SuffixError(format!("word id {bad} outside the alphabet of {alphabet}")));
        }
        let construction =
            libsais::SuffixArrayConstruction::for_text_mut(&mut text).in_owned_buffer32().multi_threaded(threads);
        // SAFETY: every value in `text` is in 0..alphabet, checked above.
        let construction =
            unsafe { construction.with_alphabet_size(libsais::suffix_array::AlphabetSize::new(alphabet as i32)) };
        let sa = construction.run().map_err(|e| SuffixError(format!("{e:?}")))?;
        let with_plcp =
            sa.plcp_construction().multi_threaded(threads).run().map_err(|e| SuffixError(format!("{e:?}")))?;
        let with_lcp =
            with_plcp.lcp_construction().multi_threaded(threads).run().map_err(|e| SuffixError(format!("{e:?}")))?;
        let (sa, lcp, _plcp, _) = with_lcp.into_parts();
        let (sa, lcp) = (sa.to_vec(), lcp.to_vec());
        Ok(SuffixIndex { text, sa, lcp })
    }

    /// Calls `f` for every repeat of at least `min_len` words that is maximal:
    /// its occurrences cannot all be extended by the same word on the right
    /// (true of every LCP interval) nor on the left. `keep` sees the start
    /// positions first and may reject the repeat (too few documents).
    pub fn maximal_repeats(&self, min_len: u32, mut keep: impl FnMut(u32, &[u32]) -> bool) -> Vec<Repeat> {
        let n = self.sa.len();
        let mut out = Vec::new();
        if n < 2 {
            return out;
        }
        // Bottom-up traversal of LCP intervals: (lcp value, left bound).
        let mut stack: Vec<(i32, usize)> = vec![(0, 0)];
        let mut starts: Vec<u32> = Vec::new();
        for i in 1..=n {
            let cur = if i < n { self.lcp[i] } else { 0 };
            let mut lb = i - 1;
            while let Some(&(top_lcp, top_lb)) = stack.last() {
                if cur >= top_lcp {
                    break;
                }
                stack.pop();
                let rb = i - 1;
                lb = top_lb;
                if top_lcp as u32 >= min_len && self.left_maximal(top_lb, rb) {
                    starts.clear();
                    starts.extend(self.sa[top_lb..=rb].iter().map(|&p| p as u32));
                    if keep(top_lcp as u32, &starts) {
                        out.push(Repeat { len: top_lcp as u32, starts: starts.clone() });
                    }
                }
            }
            if stack.last().is_none_or(|&(top, _)| cur > top) {
                stack.push((cur, lb));
            }
        }
        out
    }

    /// True when the occurrences in `sa[lb..=rb]` are not all preceded by the
    /// same word (a document start counts as different from everything).
    fn left_maximal(&self, lb: usize, rb: usize) -> bool {
        let before = |k: usize| -> Option<i32> {
            let p = self.sa[k] as usize;
            if p == 0 { None } else { Some(self.text[p - 1]) }
        };
        let first = before(lb);
        if first.is_none() {
            return true;
        }
        (lb + 1..=rb).any(|k| before(k) != first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(text: &[i32], alphabet: usize, min_len: u32) -> Vec<(u32, Vec<u32>)> {
        let idx = SuffixIndex::build(text.to_vec(), alphabet).unwrap();
        let mut r: Vec<(u32, Vec<u32>)> = idx
            .maximal_repeats(min_len, |_, _| true)
            .into_iter()
            .map(|mut r| {
                r.starts.sort();
                (r.len, r.starts)
            })
            .collect();
        r.sort();
        r
    }

    #[test]
    fn finds_left_and_right_maximal_repeats() {
        // a b c d | x a b c d y | a b c z   (separators 10, 11, 12)
        let text = [0, 1, 2, 3, 10, 5, 0, 1, 2, 3, 6, 11, 0, 1, 2, 7, 12];
        let r = repeats(&text, 13, 3);
        assert_eq!(r, vec![(3, vec![0, 6, 12]), (4, vec![0, 6])]);
        // Nothing of length 5.
        assert!(repeats(&text, 13, 5).is_empty());
    }

    #[test]
    fn repeats_never_cross_separators() {
        let text = [0, 1, 5, 0, 1, 6];
        assert_eq!(repeats(&text, 7, 2), vec![(2, vec![0, 3])]);
        assert!(repeats(&text, 7, 3).is_empty());
    }
}
