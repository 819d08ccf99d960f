//! The text a suffix index is built over: the concatenated word ids, stored
//! 16 bits wide when the alphabet allows, since that halves the memory and
//! libsais sorts narrow text much faster.

/// The concatenated word ids, 16 bits wide when the alphabet allows (half the
/// memory, and libsais sorts 16-bit text much faster), 32 bits otherwise.
#[derive(Debug, Clone)]
pub enum SuffixText {
    /// Alphabet of at most 65,536 symbols; shared, so that the documents
    /// whose ids it is can keep theirs in it ([`crate::core::text::doc_ids::DocIds::Shared`]).
    Narrow(std::sync::Arc<[u16]>),
    /// Larger alphabets.
    Wide(Vec<i32>),
}

impl SuffixText {
    /// Word ids in their stored form: 16 bits wide when `alphabet` allows.
    /// Values must be below `alphabet`.
    pub fn from_ids(ids: Vec<u32>, alphabet: usize) -> SuffixText {
        if alphabet <= 1 << 16 {
            // Collected straight into the shared buffer (one allocation).
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

    /// Asks the processor to fetch the symbol at `i` into the cache (a
    /// hint: nothing happens past the end).
    #[inline]
    pub fn prefetch(&self, i: usize) {
        match self {
            SuffixText::Narrow(t) => crate::core::prefetch::prefetch(t, i),
            SuffixText::Wide(t) => crate::core::prefetch::prefetch(t, i),
        }
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
