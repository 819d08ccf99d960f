//! Which n-grams a maximal repeat can start at: those not always preceded
//! by the same word. The occurrences of a repeat are among its first
//! n-gram's, so if all of those follow one word, so do the repeat's, and
//! the repeat extended by that word is found wherever it is. In a corpus
//! of copies most shared n-grams lie inside copied passages, where every
//! copy follows the same word: only the others' suffixes are sorted.

use crate::core::phrases::shared_ngrams::{PREFETCH_AHEAD, WordId};
use crate::core::prefetch::prefetch;

/// The runs of `records` (`key << 32 | position`, grouped by key) whose
/// windows are not all preceded by the same word ([`left_mixed`]): those
/// of an n-gram a maximal repeat can start at.
pub(super) fn only_left_mixed<T: WordId>(text: &[T], records: Vec<u64>, boundary: u32) -> Vec<u64> {
    let mut kept = Vec::with_capacity(records.len());
    let mut at = 0;
    for run in records.chunk_by(|a, b| a >> 32 == b >> 32) {
        at += run.len();
        for &rec in records.get(at + PREFETCH_AHEAD - run.len()..at + PREFETCH_AHEAD).unwrap_or(&[]) {
            prefetch(text, ((rec & 0xFFFF_FFFF) as usize).wrapping_sub(1));
        }
        if left_mixed(text, run, boundary) {
            kept.extend_from_slice(run);
        }
    }
    kept
}

/// True when the windows of `run` (records of one key) are not all
/// preceded by the same word: some follows a boundary (a value from
/// `boundary` up, or the text's start), or two follow different words.
///
/// Only such an n-gram can start a maximal repeat: the occurrences of a
/// repeat are among its first n-gram's, so if all of those follow one
/// word, so do the repeat's, and the repeat extended by that word is found
/// wherever it is. In a corpus of copies most shared n-grams are inside
/// copied passages, where every copy follows the same word.
pub(super) fn left_mixed<T: WordId>(text: &[T], run: &[u64], boundary: u32) -> bool {
    let before = |rec: u64| -> Option<i64> {
        let p = (rec & 0xFFFF_FFFF) as usize;
        let w: i64 = (*text.get(p.checked_sub(1)?)?).into();
        (w < i64::from(boundary)).then_some(w)
    };
    match before(run[0]) {
        None => true,
        first => run[1..].iter().any(|&rec| before(rec) != first),
    }
}
