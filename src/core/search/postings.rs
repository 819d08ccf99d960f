//! Where each word key is used: every position of every key, kept compactly,
//! so that a search can start from the uses of its rarest word instead of
//! reading every word of every transcript.

use crate::core::text::doc_ids::DocIds;

/// Bytes of `v` as a LEB128 variable-length integer.
fn varint_len(v: u32) -> usize {
    match v {
        0..0x80 => 1,
        0x80..0x4000 => 2,
        0x4000..0x20_0000 => 3,
        0x20_0000..0x1000_0000 => 4,
        _ => 5,
    }
}

/// Writes `v` as LEB128 at `*at` in `out` (sized by [`varint_len`]) and
/// moves `*at` past it.
fn write_varint(out: &mut [u8], at: &mut usize, mut v: u32) {
    while let Some(slot) = out.get_mut(*at) {
        *at += 1;
        if v < 0x80 {
            *slot = v as u8;
            return;
        }
        *slot = (v & 0x7F) as u8 | 0x80;
        v >>= 7;
    }
}

/// The distance of position `g` from a key's previous use (from 0 for its
/// first), which becomes `g`.
fn gap(previous: &mut Option<u32>, g: u32) -> u32 {
    let d = previous.map_or(g, |p| g - p);
    *previous = Some(g);
    d
}

/// The postings of every word key of a set of documents: each use of a key
/// as its position in all documents one after the other.
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// Where each word key's postings start in `post` (one more entry than
    /// keys).
    post_start: Vec<usize>,
    /// How many times each key is used.
    post_uses: Vec<u32>,
    /// Every word as its position in all documents one after the other,
    /// grouped by key, in order, each as the distance from the previous
    /// one ([`Postings::build`]): about 1.3 bytes a word, where a document
    /// and a position would take 8 (160 MB for a corpus of 20 million
    /// words).
    post: Vec<u8>,
    /// Where each document starts in those positions, and the total.
    doc_start: Vec<u32>,
    /// Number of words in all documents.
    total_words: usize,
}

impl Postings {
    /// The postings of every key of `docs` (word key ids below `keys`):
    /// positions in all documents one after the other, in order, each
    /// stored as its distance from the previous use of the key in a
    /// variable-length integer (LEB128: 7 bits a byte), so that a common
    /// word takes one byte a use instead of four. Two passes over the
    /// words: one sizes each key's list, one writes it, so no list of
    /// fixed-width positions is ever held.
    pub(super) fn build<'a>(docs: impl ExactSizeIterator<Item = &'a DocIds> + Clone, keys: usize) -> Postings {
        let mut doc_start = Vec::with_capacity(docs.len() + 1);
        let total: usize = docs.clone().map(|ids| ids.len()).sum();
        if total > u32::MAX as usize {
            // More words than 32-bit positions: no postings, every search
            // scans (slower, still right).
            return Postings { total_words: total, ..Default::default() };
        }
        let mut at = 0u32;
        for ids in docs.clone() {
            doc_start.push(at);
            at += ids.len() as u32;
        }
        doc_start.push(at);
        // Each key's previous position.
        let mut last: Vec<Option<u32>> = vec![None; keys];
        let mut uses = vec![0u32; keys];
        let mut bytes = vec![0usize; keys + 1];
        for (ids, &start) in docs.clone().zip(&doc_start) {
            for (p, id) in ids.iter().enumerate() {
                let (Some(prev), Some(n), Some(b)) =
                    (last.get_mut(id as usize), uses.get_mut(id as usize), bytes.get_mut(id as usize + 1))
                else {
                    continue;
                };
                *b += varint_len(gap(prev, start + p as u32));
                *n += 1;
            }
        }
        for k in 1..bytes.len() {
            bytes[k] += bytes[k - 1];
        }
        let mut post = vec![0u8; bytes.last().copied().unwrap_or(0)];
        let mut fill = bytes.clone();
        last.fill(None);
        for (ids, &start) in docs.zip(&doc_start) {
            for (p, id) in ids.iter().enumerate() {
                let (Some(prev), Some(at)) = (last.get_mut(id as usize), fill.get_mut(id as usize)) else { continue };
                write_varint(&mut post, at, gap(prev, start + p as u32));
            }
        }
        Postings { post_start: bytes, post_uses: uses, post, doc_start, total_words: total }
    }

    /// False when there are no postings to read (too many words for 32-bit
    /// positions, or never built): every search then scans.
    pub(super) fn available(&self) -> bool {
        !self.doc_start.is_empty()
    }

    /// Number of words in all documents.
    pub(super) fn total_words(&self) -> usize {
        self.total_words
    }

    /// How many times word key `id` is used (0 for an unknown key).
    pub(super) fn uses(&self, id: u32) -> usize {
        self.post_uses.get(id as usize).map_or(0, |&n| n as usize)
    }

    /// Postings (positions in all documents) as (document, word position),
    /// walking the document starts along with the sorted positions.
    pub(super) fn located<'a>(&'a self, post: impl Iterator<Item = u32> + 'a) -> impl Iterator<Item = (u32, u32)> + 'a {
        let mut d = 0usize;
        post.map(move |g| {
            while self.doc_start.get(d + 1).is_some_and(|&next| next <= g) {
                d += 1;
            }
            (d as u32, g - self.doc_start.get(d).copied().unwrap_or(0))
        })
    }

    /// The position in all documents of every use of word key `id`, in
    /// order.
    pub(super) fn positions(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let (s, e) = match (self.post_start.get(id as usize), self.post_start.get(id as usize + 1)) {
            (Some(&s), Some(&e)) => (s, e),
            _ => (0, 0),
        };
        let mut bytes = self.post.get(s..e).unwrap_or(&[]).iter();
        let mut g: Option<u32> = None;
        std::iter::from_fn(move || {
            let (mut v, mut shift) = (0u32, 0u32);
            loop {
                let &b = bytes.next()?;
                v |= u32::from(b & 0x7F).checked_shl(shift).unwrap_or(0);
                shift += 7;
                if b < 0x80 {
                    break;
                }
            }
            let next = g.map_or(v, |g| g.wrapping_add(v));
            g = Some(next);
            Some(next)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn postings_decode_to_every_position_of_each_key() {
        // Keys: 0 "seldom", 1 "x", 2 "words", 3 "here". Gaps of every
        // encoded width: key 0 used again after 1, 200, 20,000 and 3
        // million other words.
        let (seldom, x) = (0u32, 1u32);
        let mut long = vec![seldom];
        for n in [200, 20_000, 3_000_000] {
            long.extend(std::iter::repeat_n(x, n));
            long.push(seldom);
        }
        long.push(seldom);
        let docs = [
            DocIds::from_ids(vec![seldom, 2, 3]),
            DocIds::from_ids(long),
            DocIds::from_ids(Vec::new()),
            DocIds::from_ids(vec![x, seldom]),
        ];
        let postings = Postings::build(docs.iter(), 4);
        let mut expected: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut at = 0u32;
        for ids in &docs {
            for id in ids.iter() {
                expected.entry(id).or_default().push(at);
                at += 1;
            }
        }
        assert_eq!(expected.len(), 4);
        assert_eq!(postings.total_words(), at as usize);
        for (&id, positions) in &expected {
            assert_eq!(postings.positions(id).collect::<Vec<_>>(), *positions, "key {id}");
            assert_eq!(postings.uses(id), positions.len());
        }
        let located: Vec<(u32, u32)> = postings.located(postings.positions(seldom)).collect();
        assert_eq!(located, [(0, 0), (1, 0), (1, 201), (1, 20_202), (1, 3_020_203), (1, 3_020_204), (3, 1)]);
        assert!(postings.post.len() < at as usize * 2, "{} bytes for {at} words", postings.post.len());
    }
}
