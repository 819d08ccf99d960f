//! Helpers the suffix index's unit tests share: random texts, and the
//! maximal repeats of an index listed in one order for comparison.

use crate::core::phrases::suffix::SuffixIndex;

/// The maximal repeats of `text` of at least `min_len` words, as
/// [`sorted_repeats`] lists them.
pub(super) fn repeats(text: &[u32], alphabet: usize, boundary: u32, min_len: u32) -> Vec<(u32, Vec<u32>)> {
    sorted_repeats(&SuffixIndex::build(text.to_vec(), alphabet, boundary).unwrap(), min_len)
}

/// Every maximal repeat of `idx` of at least `min_len` words, as
/// (length, sorted starts), sorted.
pub(super) fn sorted_repeats(idx: &SuffixIndex, min_len: u32) -> Vec<(u32, Vec<u32>)> {
    let mut r: Vec<(u32, Vec<u32>)> = idx
        .maximal_repeats(min_len, || |_, _| true)
        .into_iter()
        .map(|mut r| {
            r.starts.sort();
            (r.len, r.starts)
        })
        .collect();
    r.sort();
    r
}

/// `docs` random documents of under `max_len` words over `symbols`
/// symbols (a small alphabet: many repeats of every length), the k-th
/// followed by `boundary(k)`.
pub(super) fn random_docs(seed: u64, docs: u32, max_len: u32, symbols: u32, boundary: impl Fn(u32) -> u32) -> Vec<u32> {
    let mut next = crate::core::test_rng::seeded(seed);
    let mut text = Vec::new();
    for k in 0..docs {
        text.extend((0..next() % max_len).map(|_| next() % symbols));
        text.push(boundary(k));
    }
    text
}
