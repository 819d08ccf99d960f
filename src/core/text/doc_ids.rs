//! A document's normalized word ids, stored 16 bits wide when they fit.
//!
//! A corpus's vocabulary rarely passes 65,536 normalized words (all 249
//! State of the Union messages have fewer), so most documents keep their ids
//! in half the memory.

use std::ops::Range;
use std::sync::Arc;

/// The word ids of one document, in order.
#[derive(Debug, Clone)]
pub enum DocIds {
    /// Every id is below 65,536.
    Narrow(Box<[u16]>),
    /// Some id is not.
    Wide(Box<[u32]>),
    /// Narrow ids kept in the phrase index's suffix text, which is all
    /// documents' ids one after the other (in the default matching mode):
    /// the corpus's ids are then held once, not twice, while the suffix
    /// array is built.
    Shared {
        /// The whole text.
        text: Arc<[u16]>,
        /// Where this document's ids start in it.
        start: usize,
        /// How many there are.
        len: usize,
    },
}

impl Default for DocIds {
    fn default() -> Self {
        DocIds::Narrow(Box::default())
    }
}

impl DocIds {
    /// The ids, narrowed when they all fit in 16 bits.
    pub fn from_ids(ids: Vec<u32>) -> DocIds {
        if ids.iter().all(|&id| id <= u32::from(u16::MAX)) {
            DocIds::Narrow(ids.into_iter().map(|id| id as u16).collect())
        } else {
            DocIds::Wide(ids.into_boxed_slice())
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        match self {
            DocIds::Narrow(v) => v.len(),
            DocIds::Wide(v) => v.len(),
            DocIds::Shared { .. } => self.narrow().map_or(0, <[u16]>::len),
        }
    }

    /// The ids as 16-bit values, unless some are wider.
    fn narrow(&self) -> Option<&[u16]> {
        match self {
            DocIds::Narrow(v) => Some(v),
            DocIds::Wide(_) => None,
            DocIds::Shared { text, start, len } => Some(text.get(*start..start + len).unwrap_or(&[])),
        }
    }

    /// True for a document without words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of word `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            DocIds::Wide(v) => v.get(i).copied(),
            _ => self.narrow()?.get(i).map(|&id| u32::from(id)),
        }
    }

    /// Every id, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        let (narrow, wide): (&[u16], &[u32]) = match self {
            DocIds::Wide(v) => (&[], v),
            _ => (self.narrow().unwrap_or(&[]), &[]),
        };
        // One of the two is empty: chaining them reads the other.
        Ids { narrow: narrow.iter(), wide: wide.iter() }
    }

    /// The ids of words `range` (clamped to the document), widened.
    pub fn slice(&self, range: Range<usize>) -> Vec<u32> {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        match self {
            DocIds::Wide(v) => v[start..end].to_vec(),
            _ => self.narrow().unwrap_or(&[]).get(start..end).unwrap_or(&[]).iter().map(|&id| u32::from(id)).collect(),
        }
    }

    /// Every id, widened (the pairwise comparisons take 32-bit ids).
    pub fn to_vec(&self) -> Vec<u32> {
        self.slice(0..self.len())
    }
}

impl PartialEq for DocIds {
    /// Equal ids, however they are stored.
    fn eq(&self, other: &DocIds) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for DocIds {}

/// The iterator of [`DocIds::iter`].
struct Ids<'a> {
    narrow: std::slice::Iter<'a, u16>,
    wide: std::slice::Iter<'a, u32>,
}

impl Iterator for Ids<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self.narrow.next() {
            Some(&id) => Some(u32::from(id)),
            None => self.wide.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.narrow.len() + self.wide.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for Ids<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_narrow_exactly_when_they_fit() {
        let small = DocIds::from_ids(vec![0, 7, 65_535, 3]);
        assert!(matches!(small, DocIds::Narrow(_)));
        assert_eq!(small.to_vec(), [0, 7, 65_535, 3]);
        let large = DocIds::from_ids(vec![0, 65_536, 3]);
        assert!(matches!(large, DocIds::Wide(_)));
        assert_eq!(large.iter().collect::<Vec<_>>(), [0, 65_536, 3]);
        assert_eq!(large.get(1), Some(65_536));
        assert_eq!(large.get(3), None);
        assert_eq!(large.slice(1..9), [65_536, 3]);
        let (from, to) = (3, 1);
        assert_eq!(small.slice(from..to), Vec::<u32>::new());
        assert_eq!(DocIds::Wide(vec![1, 2].into()), DocIds::from_ids(vec![1, 2]));
        assert_ne!(small, large);
        assert!(DocIds::default().is_empty());
    }

    #[test]
    fn shared_ids_read_their_part_of_the_text() {
        let text: Arc<[u16]> = vec![9, 1, 2, 3, 9, 4, 5].into();
        let ids = DocIds::Shared { text: text.clone(), start: 1, len: 3 };
        assert_eq!(ids.to_vec(), [1, 2, 3]);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids.get(2), Some(3));
        assert_eq!(ids.get(3), None, "nothing past the document");
        assert_eq!(ids.slice(1..9), [2, 3]);
        assert_eq!(ids, DocIds::from_ids(vec![1, 2, 3]));
        // A range outside the text reads as no words rather than panicking.
        let bad = DocIds::Shared { text, start: 6, len: 4 };
        assert_eq!((bad.len(), bad.iter().count()), (0, 0));
    }
}
