//! A suffix index over only some suffixes of a text, given in groups (the
//! windows whose n-gram two documents share): each group sorted on its own
//! by comparing words, which is far less work than the whole suffix array
//! when the groups hold a small part of the text.

use rayon::prelude::*;

use crate::core::phrases::suffix::lcps::{Lcps, narrow};
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};

impl SuffixIndex {
    /// The suffix index of `text` restricted to some of its suffixes, each
    /// given as `group << 32 | position` in `parts` (parts one after the
    /// other; in each, the suffixes of a group next to each other, and the
    /// groups in any fixed order). When every suffix sharing `n` words or
    /// more with another is in the same group as it, the repeats of at
    /// least `n` words are those of the whole suffix array, found with far
    /// less work when the groups hold a small part of the text (the
    /// windows whose n-gram two documents share, `shared_ngrams`). Each
    /// group is sorted on its own by comparing words, the parts in
    /// parallel.
    ///
    /// `Ok(Err(text))` hands the text back when sorting would take more
    /// than `max_work` word comparisons (long repeats, such as a speech
    /// quoted whole in another, make comparing slow; the suffix array is
    /// better built in linear time with [`SuffixIndex::build_over`]).
    pub fn sparse(
        text: SuffixText,
        parts: &[Vec<u64>],
        boundary: u32,
        max_work: usize,
    ) -> Result<Result<SuffixIndex, SuffixText>, SuffixError> {
        // Positions are kept as i32, as in the suffix arrays libsais builds.
        if text.len() >= i32::MAX as usize / 2 {
            return Err(SuffixError(format!("{} words is more than the index can hold", text.len())));
        }
        if let Some(bad) = parts.iter().flatten().map(|&r| (r & 0xFFFF_FFFF) as usize).find(|&p| p >= text.len()) {
            return Err(SuffixError(format!("suffix {bad} outside the text of {}", text.len())));
        }
        let work = std::sync::atomic::AtomicUsize::new(0);
        let sorted: Option<Vec<(Vec<i32>, Vec<u32>)>> = match &text {
            SuffixText::Narrow(t) => parts
                .par_iter()
                .map(|part| sort_groups(t, |w| u32::from(w) >= boundary, part, &work, max_work))
                .collect(),
            SuffixText::Wide(t) => {
                parts.par_iter().map(|part| sort_groups(t, |w| w as u32 >= boundary, part, &work, max_work)).collect()
            }
        };
        let Some(sorted) = sorted else { return Ok(Err(text)) };
        let n = sorted.iter().map(|(sa, _)| sa.len()).sum();
        let (mut sa, mut short, mut long) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::new());
        for (part_sa, part_lcp) in sorted {
            for v in part_lcp {
                short.push(narrow(short.len(), v, &mut long));
            }
            sa.extend(part_sa);
        }
        Ok(Ok(SuffixIndex { text, sa, lcp: Lcps { short, long }, boundary, released: false }))
    }
}

/// The suffixes of `part` (see [`SuffixIndex::sparse`]) sorted group by
/// group, with the common prefix of each and the one before it (0 at the
/// first of a group); `None` once `work` passes `max_work` comparisons.
fn sort_groups<T: Copy + Ord + Sync>(
    text: &[T],
    is_boundary: impl Fn(T) -> bool + Copy,
    part: &[u64],
    work: &std::sync::atomic::AtomicUsize,
    max_work: usize,
) -> Option<(Vec<i32>, Vec<u32>)> {
    use std::sync::atomic::Ordering::Relaxed;
    let mut sa: Vec<i32> = Vec::with_capacity(part.len());
    let mut lcp: Vec<u32> = Vec::with_capacity(part.len());
    let mut done = 0usize;
    for group in part.chunk_by(|a, b| a >> 32 == b >> 32) {
        let start = sa.len();
        sa.extend(group.iter().map(|&r| (r & 0xFFFF_FFFF) as i32));
        let suffixes = &mut sa[start..];
        if suffixes.len() <= SMALL_GROUP {
            // Sorted by insertion, which compares each suffix with the
            // neighbours it ends up between: their common prefixes come
            // with the order.
            let mut common = [0u32; SMALL_GROUP];
            for i in 1..suffixes.len() {
                let x = suffixes[i];
                let (mut j, mut right) = (i, 0);
                let left = loop {
                    if j == 0 {
                        break 0;
                    }
                    let (order, shared) = compare(text, suffixes[j - 1] as usize, x as usize, is_boundary);
                    done += shared + 1;
                    if order.is_le() {
                        break shared as u32;
                    }
                    suffixes[j] = suffixes[j - 1];
                    right = shared as u32;
                    j -= 1;
                };
                suffixes[j] = x;
                common[j] = left;
                if j < i {
                    // The suffixes moved keep their common prefixes, one on.
                    common.copy_within(j + 1..i, j + 2);
                    common[j + 1] = right;
                }
            }
            common[0] = 0;
            lcp.extend_from_slice(&common[..suffixes.len()]);
        } else {
            suffixes.sort_unstable_by(|&a, &b| {
                let (order, common) = compare(text, a as usize, b as usize, is_boundary);
                done += common + 1;
                order
            });
            lcp.push(0);
            for w in sa[start..].windows(2) {
                let (_, common) = compare(text, w[0] as usize, w[1] as usize, is_boundary);
                done += common + 1;
                lcp.push(common as u32);
            }
        }
        // Shared now and then, so that every part stops soon after the
        // budget is spent.
        if done > 1 << 14 {
            if work.fetch_add(done, Relaxed) + done > max_work {
                return None;
            }
            done = 0;
        }
    }
    (work.fetch_add(done, Relaxed) + done <= max_work).then_some((sa, lcp))
}

/// Groups of at most this many suffixes are sorted by insertion.
const SMALL_GROUP: usize = 16;

/// Words compared at once while two suffixes agree.
const COMPARED_BLOCK: usize = 16;

/// The order of the suffixes at `a` and `b` of `text` and the number of
/// words they share before a difference or a boundary (a boundary is
/// shared by no two suffixes: at equal boundaries the earlier suffix comes
/// first).
#[inline]
fn compare<T: Copy + Ord>(
    text: &[T],
    a: usize,
    b: usize,
    is_boundary: impl Fn(T) -> bool,
) -> (std::cmp::Ordering, usize) {
    let (x, y) = (text.get(a..).unwrap_or(&[]), text.get(b..).unwrap_or(&[]));
    let mut k = 0;
    // Whole blocks alike and free of boundaries are passed at once (copied
    // passages share hundreds of words).
    while let (Some(xs), Some(ys)) = (x.get(k..k + COMPARED_BLOCK), y.get(k..k + COMPARED_BLOCK)) {
        // As arrays, compared in place rather than by a call.
        let (Ok(xs), Ok(ys)) = (<&[T; COMPARED_BLOCK]>::try_from(xs), <&[T; COMPARED_BLOCK]>::try_from(ys)) else {
            break;
        };
        if xs != ys || xs.iter().fold(false, |seen, &u| seen | is_boundary(u)) {
            break;
        }
        k += COMPARED_BLOCK;
    }
    loop {
        match (x.get(k), y.get(k)) {
            (Some(&u), Some(&v)) if u == v && !is_boundary(u) => k += 1,
            (Some(&u), Some(&v)) if u == v => return (a.cmp(&b), k),
            (Some(&u), Some(&v)) => return (u.cmp(&v), k),
            (None, None) => return (a.cmp(&b), k),
            (None, Some(_)) => return (std::cmp::Ordering::Less, k),
            (Some(_), None) => return (std::cmp::Ordering::Greater, k),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::suffix::testing::{random_docs, repeats, sorted_repeats};

    /// The suffixes of `text` with `min_len` words before any boundary,
    /// grouped by those words (groups in a scrambled order), as
    /// [`SuffixIndex::sparse`] takes them: in two parts.
    fn groups_by_prefix(text: &[u32], boundary: u32, min_len: usize) -> Vec<Vec<u64>> {
        let mut by_prefix: std::collections::BTreeMap<&[u32], Vec<u32>> = Default::default();
        for p in 0..text.len() {
            if let Some(prefix) = text.get(p..p + min_len)
                && prefix.iter().all(|&w| w < boundary)
            {
                by_prefix.entry(prefix).or_default().push(p as u32);
            }
        }
        let mut groups: Vec<Vec<u32>> = by_prefix.into_values().collect();
        let mut next = crate::core::test_rng::seeded(min_len as u64);
        for i in (1..groups.len()).rev() {
            groups.swap(i, (next() as usize) % (i + 1));
        }
        let records: Vec<u64> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, ps)| ps.iter().rev().map(move |&p| (g as u64) << 32 | u64::from(p)))
            .collect();
        let half = records.len() / 2;
        // Both parts end where a group does.
        let cut = (half..records.len()).find(|&i| i == 0 || records[i] >> 32 != records[i - 1] >> 32);
        let cut = cut.unwrap_or(records.len());
        vec![records[..cut].to_vec(), records[cut..].to_vec()]
    }

    #[test]
    fn a_sparse_index_finds_the_repeats_of_the_whole_one() {
        let text = random_docs(11, 30, 400, 4, |doc| 10 + doc);
        for min_len in [2usize, 3, 5, 8] {
            let want = repeats(&text, 40, 10, min_len as u32);
            assert!(want.len() > 10, "min {min_len}: {} repeats", want.len());
            let narrow = SuffixText::from_ids(text.clone(), 40);
            let sparse =
                SuffixIndex::sparse(narrow, &groups_by_prefix(&text, 10, min_len), 10, usize::MAX).unwrap().unwrap();
            for query in [min_len, min_len + 1, min_len + 4] {
                let got = sorted_repeats(&sparse, query as u32);
                let want: Vec<_> = want.iter().filter(|r| r.0 as usize >= query).cloned().collect();
                assert_eq!(got, want, "grouped by {min_len} words, repeats of {query}");
            }
        }
        // Too little work allowed: the text comes back, for libsais.
        let groups = groups_by_prefix(&text, 10, 3);
        let wide = SuffixText::Wide(text.iter().map(|&w| w as i32).collect());
        let back = SuffixIndex::sparse(wide, &groups, 10, 100).unwrap().unwrap_err();
        assert_eq!(back.len(), text.len());
        // A position outside the text is an error, not a panic.
        let bad = vec![vec![u64::from(text.len() as u32)]];
        assert!(SuffixIndex::sparse(SuffixText::from_ids(text, 40), &bad, 10, usize::MAX).is_err());
    }
}
