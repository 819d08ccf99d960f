//! Maximal repeats of a word sequence, found with a suffix array and its
//! longest-common-prefix information (libsais) instead of comparing
//! documents pair by pair.
//!
//! - `text`: [`SuffixText`], the word ids, 16 or 32 bits wide.
//! - `construction`: the suffix array and common prefixes of a whole text,
//!   built with libsais ([`SuffixIndex::build`]).
//! - `sparse`: an index over only some suffixes (those starting a shared
//!   n-gram), sorted group by group ([`SuffixIndex::sparse`]).
//! - `lcps`: the common prefix lengths, kept 16 bits wide.
//! - `maximal_repeats`: the repeats found in one pass over the LCP
//!   intervals ([`SuffixIndex::maximal_repeats`]).
//! - `testing` (tests only): random texts and their repeats, listed for
//!   comparison.

mod construction;
mod lcps;
mod maximal_repeats;
mod sparse;
mod text;

#[cfg(test)]
mod testing;

pub use maximal_repeats::Repeat;
pub use text::SuffixText;

use lcps::Lcps;

/// A sequence of word ids from many documents, each document followed by its
/// own separator so that no repeat crosses a document boundary.
#[derive(Debug, Clone)]
pub struct SuffixIndex {
    /// Word ids; separators are values ≥ the separator base chosen by the caller.
    pub text: SuffixText,
    /// Suffix array of `text`.
    sa: Vec<i32>,
    /// The common prefix length of suffixes `sa[i - 1]` and `sa[i]` (0 for
    /// `i = 0`), stopped at boundaries.
    lcp: Lcps,
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

impl SuffixIndex {
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

    /// Frees the suffix array and common prefixes and hands over the text:
    /// on a large corpus they are the biggest part of the index, and the
    /// phrases built from them need the memory more. The caller keeps the
    /// text for as long as it reads it. Finds no repeats after this (see
    /// [`SuffixIndex::is_released`]).
    pub fn release(&mut self) -> SuffixText {
        self.sa = Vec::new();
        self.lcp = Lcps::default();
        self.released = true;
        std::mem::replace(&mut self.text, SuffixText::Narrow(std::sync::Arc::from([])))
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
        self.lcp.get(i)
    }
}
