//! Maximal repeats of a word sequence, found with a suffix array and its
//! longest-common-prefix information (libsais) instead of comparing
//! documents pair by pair.

/// The concatenated word ids, 16 bits wide when the alphabet allows (half the
/// memory, and libsais sorts 16-bit text much faster), 32 bits otherwise.
#[derive(Debug, Clone)]
pub enum SuffixText {
    /// Alphabet of at most 65,536 symbols.
    Narrow(Vec<u16>),
    /// Larger alphabets.
    Wide(Vec<i32>),
}

impl SuffixText {
    /// Number of symbols.
    pub fn len(&self) -> usize {
        match self {
            SuffixText::Narrow(t) => t.len(),
            SuffixText::Wide(t) => t.len(),
        }
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The symbol at `i`.
    #[inline]
    pub fn at(&self, i: usize) -> u32 {
        match self {
            SuffixText::Narrow(t) => t[i] as u32,
            SuffixText::Wide(t) => t[i] as u32,
        }
    }
}

/// A sequence of word ids from many documents, each document followed by its
/// own separator so that no repeat crosses a document boundary.
#[derive(Debug, Clone)]
pub struct SuffixIndex {
    /// Word ids; separators are values ≥ the separator base chosen by the caller.
    pub text: SuffixText,
    /// Suffix array of `text`.
    sa: Vec<i32>,
    /// Permuted LCP: `plcp[sa[i]]` is the common prefix length of suffixes
    /// `sa[i - 1]` and `sa[i]` (0 for `i = 0`). Kept instead of the LCP
    /// array itself to save one array of the text's length.
    plcp: Vec<i32>,
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

fn err(e: impl std::fmt::Debug) -> SuffixError {
    SuffixError(format!("{e:?}"))
}

impl SuffixIndex {
    /// Builds the suffix array and PLCP of `text`, whose values are all below
    /// `alphabet`.
    pub fn build(text: Vec<u32>, alphabet: usize) -> Result<SuffixIndex, SuffixError> {
        if text.is_empty() {
            return Ok(SuffixIndex { text: SuffixText::Narrow(Vec::new()), sa: Vec::new(), plcp: Vec::new() });
        }
        if text.len() >= i32::MAX as usize / 2 || alphabet >= i32::MAX as usize {
            return Err(SuffixError(format!("{} words is more than the index can hold", text.len())));
        }
        if let Some(bad) = text.iter().find(|&&t| t as usize >= alphabet) {
            return Err(SuffixError(format!("word id {bad} outside the alphabet of {alphabet}")));
        }
        // Single-threaded: on two cores OpenMP's spinning threads made it
        // slower and erratic whenever anything else ran.
        if alphabet <= 1 << 16 {
            let narrow: Vec<u16> = text.into_iter().map(|t| t as u16).collect();
            let (sa, plcp) = {
                let sa = libsais::SuffixArrayConstruction::for_text(&narrow)
                    .in_owned_buffer32()
                    .single_threaded()
                    .run()
                    .map_err(err)?;
                let with_plcp = sa.plcp_construction().single_threaded().run().map_err(err)?;
                let (sa, plcp, _) = with_plcp.into_parts();
                (sa.to_vec(), plcp.to_vec())
            };
            Ok(SuffixIndex { text: SuffixText::Narrow(narrow), sa, plcp })
        } else {
            let mut wide: Vec<i32> = text.into_iter().map(|t| t as i32).collect();
            let (sa, plcp) = {
                let construction =
                    libsais::SuffixArrayConstruction::for_text_mut(&mut wide).in_owned_buffer32().single_threaded();
                // SAFETY: every value is in 0..alphabet, checked above.
                let construction = unsafe {
                    construction.with_alphabet_size(libsais::suffix_array::AlphabetSize::new(alphabet as i32))
                };
                let sa = construction.run().map_err(err)?;
                let with_plcp = sa.plcp_construction().single_threaded().run().map_err(err)?;
                let (sa, plcp, _) = with_plcp.into_parts();
                (sa.to_vec(), plcp.to_vec())
            };
            Ok(SuffixIndex { text: SuffixText::Wide(wide), sa, plcp })
        }
    }

    /// Common prefix length of suffixes `sa[i - 1]` and `sa[i]`.
    #[inline]
    fn lcp(&self, i: usize) -> i32 {
        if i == 0 { 0 } else { self.plcp[self.sa[i] as usize] }
    }

    /// Calls `keep` for every repeat of at least `min_len` words that is
    /// maximal: its occurrences cannot all be extended by the same word on
    /// the right (true of every LCP interval) nor on the left. `keep` sees the
    /// start positions and may reject the repeat (too few documents).
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
            let cur = if i < n { self.lcp(i) } else { 0 };
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
        let before = |k: usize| -> Option<u32> {
            let p = self.sa[k] as usize;
            if p == 0 { None } else { Some(self.text.at(p - 1)) }
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

    fn repeats(text: &[u32], alphabet: usize, min_len: u32) -> Vec<(u32, Vec<u32>)> {
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
        assert!(repeats(&text, 13, 5).is_empty());
        // The same with a 32-bit alphabet.
        let wide: Vec<u32> = text.iter().map(|&t| if t >= 10 { t + 70_000 } else { t }).collect();
        assert_eq!(repeats(&wide, 70_013, 3), r);
    }

    #[test]
    fn repeats_never_cross_separators() {
        let text = [0, 1, 5, 0, 1, 6];
        assert_eq!(repeats(&text, 7, 2), vec![(2, vec![0, 3])]);
        assert!(repeats(&text, 7, 3).is_empty());
    }
}
