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
    /// Word ids in their stored form: 16 bits wide when `alphabet` allows.
    /// Values must be below `alphabet`.
    pub fn from_ids(ids: Vec<u32>, alphabet: usize) -> SuffixText {
        if alphabet <= 1 << 16 {
            SuffixText::Narrow(ids.into_iter().map(|t| t as u16).collect())
        } else {
            SuffixText::Wide(ids.into_iter().map(|t| t as i32).collect())
        }
    }

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
    /// `lcp[i]` is the common prefix length of suffixes `sa[i - 1]` and
    /// `sa[i]` (0 for `i = 0`), stopped at boundaries.
    lcp: Vec<i32>,
    /// Values from here up are boundaries.
    boundary: u32,
    /// The suffix array and common prefixes were freed.
    released: bool,
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
    /// Builds the suffix array and LCP of `text`, whose values are all below
    /// `alphabet`. Values from `boundary` up are boundaries (ends of
    /// documents or of stretches of them): no repeat contains one, so one
    /// boundary value may be used many times.
    pub fn build(text: Vec<u32>, alphabet: usize, boundary: u32) -> Result<SuffixIndex, SuffixError> {
        if let Some(bad) = text.iter().find(|&&t| t as usize >= alphabet) {
            return Err(SuffixError(format!("word id {bad} outside the alphabet of {alphabet}")));
        }
        SuffixIndex::build_over(SuffixText::from_ids(text, alphabet), alphabet, boundary)
    }

    /// [`SuffixIndex::build`] over a text already in its stored form.
    pub fn build_over(text: SuffixText, alphabet: usize, boundary: u32) -> Result<SuffixIndex, SuffixError> {
        if text.is_empty() {
            return Ok(SuffixIndex { text, sa: Vec::new(), lcp: Vec::new(), boundary, released: false });
        }
        if text.len() >= i32::MAX as usize / 2 || alphabet >= i32::MAX as usize {
            return Err(SuffixError(format!("{} words is more than the index can hold", text.len())));
        }
        // Single-threaded: on two cores OpenMP's spinning threads made it
        // slower and erratic whenever anything else ran.
        match text {
            SuffixText::Narrow(narrow) => {
                let sa = libsais::SuffixArrayConstruction::for_text(&narrow)
                    .in_owned_buffer32()
                    .single_threaded()
                    .run()
                    .map_err(err)?;
                let with_plcp = sa.plcp_construction().single_threaded().run().map_err(err)?;
                let (sa, plcp, _) = with_plcp.into_parts();
                SuffixIndex::from_plcp(SuffixText::Narrow(narrow), sa, plcp, boundary)
            }
            SuffixText::Wide(mut wide) => {
                if let Some(bad) = wide.iter().find(|&&t| t < 0 || t as usize >= alphabet) {
                    return Err(SuffixError(format!("word id {bad} outside the alphabet of {alphabet}")));
                }
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
                    (sa, plcp)
                };
                SuffixIndex::from_plcp(SuffixText::Wide(wide), sa, plcp, boundary)
            }
        }
    }

    /// Stops every common prefix at the next boundary (so suffixes sharing a
    /// boundary value do not count as sharing what follows it), then puts
    /// the common prefixes in suffix-array order, where the traversal reads
    /// them one after the other (the permuted order costs a cache miss each;
    /// libsais's permutation prefetches, which halves its cost on a large
    /// corpus).
    fn from_plcp(
        text: SuffixText,
        sa: Vec<i32>,
        mut plcp: Vec<i32>,
        boundary: u32,
    ) -> Result<SuffixIndex, SuffixError> {
        let mut to_boundary = 0i32;
        for p in (0..text.len()).rev() {
            to_boundary = if text.at(p) >= boundary { 0 } else { to_boundary + 1 };
            if plcp[p] > to_boundary {
                plcp[p] = to_boundary;
            }
        }
        type Owned = libsais::typestate::OwnedBuffer;
        // SAFETY: `plcp` is the PLCP array of `sa` with some values lowered;
        // the LCP construction only permutes it by `sa`, whose entries are
        // the valid positions libsais produced.
        let with_plcp = unsafe { libsais::plcp::SuffixArrayWithPlcp::<i32, Owned, Owned>::from_parts(plcp, sa, false) };
        let (sa, mut lcp, _plcp, _) = with_plcp.lcp_construction().single_threaded().run().map_err(err)?.into_parts();
        if let Some(first) = lcp.first_mut() {
            *first = 0;
        }
        Ok(SuffixIndex { text, sa, lcp, boundary, released: false })
    }

    /// The same index expressed in a longer text that the indexed one was
    /// cut from: `full_of[p]` is where position `p` of the indexed text lies
    /// in `full`. Repeats then start at positions of `full`, and what
    /// precedes them is read there.
    ///
    /// Sound when the indexed text holds every stretch of `full` that a
    /// repeat of interest could touch, each followed by a boundary (see
    /// `shared_ngrams`): the common prefixes stay those of the cut text.
    pub fn remap(mut self, full: SuffixText, full_of: &[u32]) -> Result<SuffixIndex, SuffixError> {
        if full_of.len() != self.text.len() {
            return Err(SuffixError(format!("{} positions mapped for a text of {}", full_of.len(), self.text.len())));
        }
        for p in &mut self.sa {
            match full_of.get(*p as usize) {
                Some(&q) if (q as usize) < full.len() => *p = q as i32,
                _ => return Err(SuffixError(format!("position {p} maps outside the text"))),
            }
        }
        self.text = full;
        Ok(self)
    }

    /// Frees the suffix array and common prefixes, keeping the text: on a
    /// large corpus they are the biggest part of the index, and the
    /// phrases built from them need the memory more. Finds no repeats
    /// after this (see [`SuffixIndex::is_released`]).
    pub fn release(&mut self) {
        self.sa = Vec::new();
        self.lcp = Vec::new();
        self.released = true;
    }

    /// True after [`SuffixIndex::release`] (an index with no suffixes, as
    /// over a corpus sharing no n-gram, was not released).
    pub fn is_released(&self) -> bool {
        self.released
    }

    /// Number of suffixes indexed.
    pub fn suffixes(&self) -> usize {
        self.sa.len()
    }

    /// Common prefix length of suffixes `sa[i - 1]` and `sa[i]`.
    #[inline]
    fn lcp(&self, i: usize) -> i32 {
        self.lcp[i]
    }

    /// What precedes the suffix at `sa[k]`: a word, or a boundary (the text's
    /// start or a boundary value), which differs from everything.
    #[inline]
    fn before(&self, k: usize) -> Before {
        let p = self.sa[k] as usize;
        match p.checked_sub(1).map(|q| self.text.at(q)) {
            Some(w) if w < self.boundary => Before::Word(w),
            _ => Before::Mixed,
        }
    }

    /// Calls `keep` for every repeat of at least `min_len` words that is
    /// maximal: its occurrences cannot all be extended by the same word on
    /// the right (true of every LCP interval) nor on the left. `keep` sees the
    /// start positions and may reject the repeat (too few documents).
    ///
    /// One bottom-up pass over the LCP intervals; what precedes the
    /// occurrences of an interval is merged up from its children, so each
    /// suffix is looked at once.
    pub fn maximal_repeats(&self, min_len: u32, mut keep: impl FnMut(u32, &[u32]) -> bool) -> Vec<Repeat> {
        let n = self.sa.len();
        let mut out = Vec::new();
        if n < 2 {
            return out;
        }
        // Open intervals: (lcp value, left bound, what precedes them so far).
        let mut stack: Vec<(i32, usize, Before)> = vec![(0, 0, Before::Nothing)];
        let mut starts: Vec<u32> = Vec::new();
        for i in 1..=n {
            let cur = if i < n { self.lcp(i) } else { 0 };
            let mut lb = i - 1;
            // The last suffix seen, or the intervals closed below, go into
            // the innermost interval still open.
            let mut child = self.before(i - 1);
            while let Some(&(top_lcp, top_lb, top_before)) = stack.last() {
                if cur >= top_lcp {
                    break;
                }
                stack.pop();
                let before = top_before.merge(child);
                lb = top_lb;
                if top_lcp as u32 >= min_len && before == Before::Mixed {
                    starts.clear();
                    starts.extend(self.sa[top_lb..i].iter().map(|&p| p as u32));
                    if keep(top_lcp as u32, &starts) {
                        out.push(Repeat { len: top_lcp as u32, starts: starts.clone() });
                    }
                }
                child = before;
            }
            match stack.last_mut() {
                Some(top) if top.0 == cur => top.2 = top.2.merge(child),
                _ => stack.push((cur, lb, child)),
            }
        }
        out
    }
}

/// What precedes the occurrences of a repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Nothing seen yet.
    Nothing,
    /// The same word everywhere.
    Word(u32),
    /// Different words, or a boundary: the repeat is left-maximal.
    Mixed,
}

impl Before {
    fn merge(self, other: Before) -> Before {
        match (self, other) {
            (Before::Nothing, x) | (x, Before::Nothing) => x,
            (Before::Word(a), Before::Word(b)) if a == b => self,
            _ => Before::Mixed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(text: &[u32], alphabet: usize, boundary: u32, min_len: u32) -> Vec<(u32, Vec<u32>)> {
        let idx = SuffixIndex::build(text.to_vec(), alphabet, boundary).unwrap();
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
        let r = repeats(&text, 13, 10, 3);
        assert_eq!(r, vec![(3, vec![0, 6, 12]), (4, vec![0, 6])]);
        assert!(repeats(&text, 13, 10, 5).is_empty());
        // The same with a 32-bit alphabet.
        let wide: Vec<u32> = text.iter().map(|&t| if t >= 10 { t + 70_000 } else { t }).collect();
        assert_eq!(repeats(&wide, 70_013, 70_010, 3), r);
    }

    #[test]
    fn one_boundary_value_used_many_times_still_separates() {
        // a b c | a b c | a b d |   (boundary 9 each time): "a b c" twice,
        // "a b" three times; nothing reaches across a boundary.
        let text = [0, 1, 2, 9, 0, 1, 2, 9, 0, 1, 3, 9];
        assert_eq!(repeats(&text, 10, 9, 2), vec![(2, vec![0, 4, 8]), (3, vec![0, 4])]);
        // Identical stretches do not merge across their boundaries.
        let text = [0, 1, 9, 0, 1, 9, 0, 1, 9];
        assert_eq!(repeats(&text, 10, 9, 2), vec![(2, vec![0, 3, 6])]);
        assert!(repeats(&text, 10, 9, 3).is_empty());
        // A boundary before an occurrence makes it differ on the left.
        let text = [5, 0, 1, 2, 9, 0, 1, 2, 9];
        assert_eq!(repeats(&text, 10, 9, 3), vec![(3, vec![1, 5])]);
    }

    #[test]
    fn repeats_never_cross_separators() {
        let text = [0, 1, 5, 0, 1, 6];
        assert_eq!(repeats(&text, 7, 5, 2), vec![(2, vec![0, 3])]);
        assert!(repeats(&text, 7, 5, 3).is_empty());
    }
}
