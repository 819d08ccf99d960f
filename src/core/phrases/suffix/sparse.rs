//! A suffix index over only some suffixes of a text, given in groups (the
//! windows whose n-gram two documents share): each group sorted on its own
//! by comparing words, which is far less work than the whole suffix array
//! when the groups hold a small part of the text.

use rayon::prelude::*;

use crate::core::phrases::suffix::lcps::{Lcps, narrow};
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};
use crate::core::prefetch::prefetch;

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
    let mut sa: Vec<i32> = Vec::with_capacity(part.len());
    let mut lcp: Vec<u32> = Vec::with_capacity(part.len());
    let mut sorter =
        GroupSorter { text, is_boundary, work, max_work, done: 0, pending: Vec::new(), against: Vec::new() };
    for group in part.chunk_by(|a, b| a >> 32 == b >> 32) {
        let start = sa.len();
        sa.extend(group.iter().map(|&r| (r & 0xFFFF_FFFF) as i32));
        lcp.resize(sa.len(), 0);
        if !sorter.sort(&mut sa[start..], &mut lcp[start..]) {
            return None;
        }
    }
    sorter.within_budget().then_some((sa, lcp))
}

/// Groups of at most this many suffixes (and the parts of a group left to
/// sort) are sorted by insertion.
const SMALL_GROUP: usize = 4;

/// Suffixes ahead whose words a step of multikey quicksort asks for before
/// comparing them.
const COMPARED_AHEAD: usize = 8;

/// Words a step of multikey quicksort compares with the pivot at most:
/// suffixes alike for that long are sorted on in the next step, once it
/// is known whether they still need it (see [`GroupSorter`]).
const PASS_WORDS: usize = if cfg!(test) { 5 } else { 64 };

/// Sorts groups of suffixes, counting the words compared against a budget
/// shared by all parts.
///
/// A group is sorted by multikey quicksort: every suffix is compared once
/// with a pivot, from the words they are known to share on, and the
/// number of words it shares with the pivot and the word after them place
/// it; only suffixes alike in both are sorted further, from past that
/// word. Sorting by whole comparisons went over the words a group shares
/// again for each comparison: ten copies of a paragraph cost about 25
/// readings of it by insertion, one here (the 10x corpus, whose speeches
/// are ten shuffled copies of SOTU's, compared 478 million words that way,
/// 114 million this way).
///
/// Suffixes that all follow the same word are not sorted any further: no
/// repeat of theirs alone is left-maximal, so none is a phrase, and a
/// repeat with other suffixes too shares fewer words than they share with
/// each other, which is all the index needs to tell about them (they are
/// left in any order, each said to share with the one before the words
/// known so far). In a corpus of copies, that is most of a copied
/// passage's windows: each of them was read to its end before, ten times.
/// A step compares at most [`PASS_WORDS`] words with the pivot, so that a
/// part is looked at before its suffixes are read to their ends.
struct GroupSorter<'a, T, B> {
    text: &'a [T],
    is_boundary: B,
    work: &'a std::sync::atomic::AtomicUsize,
    max_work: usize,
    /// Words compared since `work` was last added to.
    done: usize,
    /// Parts of the group still to sort: a range of it, and the words all
    /// its suffixes share.
    pending: Vec<(std::ops::Range<usize>, usize)>,
    /// The suffixes of a part as compared with its pivot.
    against: Vec<Against<T>>,
}

/// A suffix as compared with a pivot: on which side of it, the words they
/// share, and the suffix's word after those (`None` past the text's end).
#[derive(Clone, Copy)]
struct Against<T> {
    less: bool,
    shared: usize,
    next: Option<T>,
    at: i32,
}

impl<T: Copy + Ord, B: Fn(T) -> bool + Copy> GroupSorter<'_, T, B> {
    /// Sorts `suffixes` (sharing no word known to the caller) and sets
    /// `lcp[i]`, for `i` ≥ 1, to the words `suffixes[i - 1]` and
    /// `suffixes[i]` share; false once the budget is spent.
    fn sort(&mut self, suffixes: &mut [i32], lcp: &mut [u32]) -> bool {
        self.pending.clear();
        self.pending.push((0..suffixes.len(), 0));
        while let Some((range, depth)) = self.pending.pop() {
            let (Some(part), Some(part_lcp)) = (suffixes.get_mut(range.clone()), lcp.get_mut(range.clone())) else {
                continue;
            };
            if depth > 0 && self.follow_one_word(part) {
                // Left as they are, sharing `depth` words as far as the
                // index tells: see `GroupSorter`.
                part_lcp.iter_mut().skip(1).for_each(|l| *l = depth as u32);
            } else if part.len() <= SMALL_GROUP {
                self.insertion(part, part_lcp, depth);
            } else if !self.partition(part, part_lcp, range.start, depth) {
                return false;
            }
            // Shared now and then, so that every part stops soon after the
            // budget is spent.
            if self.done > 1 << 14 && !self.within_budget() {
                return false;
            }
        }
        true
    }

    /// Adds the words compared to the shared count; false when that is
    /// over the budget.
    fn within_budget(&mut self) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let done = std::mem::take(&mut self.done);
        self.work.fetch_add(done, Relaxed) + done <= self.max_work
    }

    /// The order of the suffixes at `a` and `b`, and the words they share,
    /// knowing that they share their first `depth` words; `None` when they
    /// share `limit` words.
    fn compare(&mut self, a: usize, b: usize, depth: usize, limit: usize) -> (Option<std::cmp::Ordering>, usize) {
        let (order, shared) = compare(self.text, a, b, depth, limit, self.is_boundary);
        self.done += shared - depth + 1;
        (order, shared)
    }

    /// True when the suffixes all follow the same word (not a boundary, nor
    /// the text's start): no repeat of theirs alone is left-maximal.
    fn follow_one_word(&self, suffixes: &[i32]) -> bool {
        let before = |p: i32| {
            (p as usize).checked_sub(1).and_then(|q| self.text.get(q)).copied().filter(|&w| !(self.is_boundary)(w))
        };
        match suffixes.split_first() {
            Some((&first, rest)) => before(first).is_some_and(|w| rest.iter().all(|&p| before(p) == Some(w))),
            None => true,
        }
    }

    /// Sorts a few suffixes sharing `depth` words by insertion, which
    /// compares each with the neighbours it ends up between: their common
    /// prefixes come with the order.
    fn insertion(&mut self, suffixes: &mut [i32], lcp: &mut [u32], depth: usize) {
        let mut common = [0u32; SMALL_GROUP];
        for i in 1..suffixes.len() {
            let x = suffixes[i];
            let (mut j, mut right) = (i, 0);
            let left = loop {
                if j == 0 {
                    break 0;
                }
                let (order, shared) = self.compare(suffixes[j - 1] as usize, x as usize, depth, usize::MAX);
                if order.is_none_or(std::cmp::Ordering::is_le) {
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
        for (l, &c) in lcp.iter_mut().zip(&common).skip(1) {
            *l = c;
        }
    }

    /// One step of multikey quicksort over `suffixes` (at `offset` in the
    /// group), which share `depth` words: each other suffix compared with
    /// the middle one, the less ones placed before it by the words they
    /// share with it (fewer first) and the greater ones after it (more
    /// first), then by the word after those. Suffixes alike in both are
    /// left for later, from `shared + 1` words on. False once the budget
    /// is spent (checked as it goes: one step over a large group of long
    /// repeats is a lot of work).
    fn partition(&mut self, suffixes: &mut [i32], lcp: &mut [u32], offset: usize, depth: usize) -> bool {
        let pivot = suffixes[suffixes.len() / 2];
        let mut against = std::mem::take(&mut self.against);
        against.clear();
        let limit = depth + PASS_WORDS;
        for (i, &x) in suffixes.iter().enumerate() {
            // The suffixes lie all over the text: each is asked for a few
            // ahead of its comparison, from where it is compared.
            if let Some(&ahead) = suffixes.get(i + COMPARED_AHEAD) {
                prefetch(self.text, ahead as usize + depth);
            }
            if x != pivot {
                // Alike for `limit` words: after the pivot, with the greatest
                // count of shared words.
                let (order, shared) = self.compare(x as usize, pivot as usize, depth, limit);
                let next = self.text.get(x as usize + shared).copied();
                against.push(Against { less: order.is_some_and(|o| o.is_lt()), shared, next, at: x });
                if self.done > 1 << 14 && !self.within_budget() {
                    self.against = against;
                    return false;
                }
            }
        }
        against.sort_unstable_by(|a, b| {
            let by_shared = if a.less { a.shared.cmp(&b.shared) } else { b.shared.cmp(&a.shared) };
            b.less.cmp(&a.less).then(by_shared).then(a.next.cmp(&b.next)).then(a.at.cmp(&b.at))
        });
        let less = against.partition_point(|a| a.less);
        against.insert(less, Against { less: false, shared: usize::MAX, next: None, at: pivot });
        for (i, a) in against.iter().enumerate() {
            suffixes[i] = a.at;
            if let Some(before) = i.checked_sub(1).and_then(|b| against.get(b)) {
                lcp[i] = before.shared.min(a.shared) as u32;
            }
        }
        // The pivot and the suffixes alike with it for `limit` words are
        // sorted on from there.
        let alike = against.iter().skip(less + 1).take_while(|a| a.shared == limit).count();
        if alike > 0 {
            self.pending.push((offset + less..offset + less + 1 + alike, limit));
        }
        // Suffixes on one side sharing as many words with the pivot, and
        // the same word after them (not a boundary, which no two share),
        // share that word too: they are sorted on from there.
        let mut at = 0;
        for run in against.chunk_by(|a, b| a.less == b.less && a.shared == b.shared && a.next == b.next) {
            if run.len() > 1 && run[0].shared < limit && run[0].next.is_some_and(|w| !(self.is_boundary)(w)) {
                self.pending.push((offset + at..offset + at + run.len(), run[0].shared + 1));
            }
            at += run.len();
        }
        self.against = against;
        true
    }
}

/// Words compared at once while two suffixes agree.
const COMPARED_BLOCK: usize = 16;

/// The order of the suffixes at `a` and `b` of `text` and the number of
/// words they share before a difference or a boundary (a boundary is
/// shared by no two suffixes: at equal boundaries the earlier suffix comes
/// first), knowing that they share their first `depth` words; `None` and
/// `limit` when they share `limit` words (read no further).
#[inline]
fn compare<T: Copy + Ord>(
    text: &[T],
    a: usize,
    b: usize,
    depth: usize,
    limit: usize,
    is_boundary: impl Fn(T) -> bool,
) -> (Option<std::cmp::Ordering>, usize) {
    let (x, y) = (text.get(a..).unwrap_or(&[]), text.get(b..).unwrap_or(&[]));
    let mut k = depth;
    // Whole blocks alike and free of boundaries are passed at once (copied
    // passages share hundreds of words).
    while k.saturating_add(COMPARED_BLOCK) <= limit
        && let (Some(xs), Some(ys)) = (x.get(k..k + COMPARED_BLOCK), y.get(k..k + COMPARED_BLOCK))
    {
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
        if k >= limit {
            return (None, k);
        }
        match (x.get(k), y.get(k)) {
            (Some(&u), Some(&v)) if u == v && !is_boundary(u) => k += 1,
            (Some(&u), Some(&v)) if u == v => return (Some(a.cmp(&b)), k),
            (Some(&u), Some(&v)) => return (Some(u.cmp(&v)), k),
            (None, None) => return (Some(a.cmp(&b)), k),
            (None, Some(_)) => return (Some(std::cmp::Ordering::Less), k),
            (Some(_), None) => return (Some(std::cmp::Ordering::Greater), k),
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

    /// The order of two suffixes and the words they share, read word by
    /// word (a boundary is shared by none; past the text's end comes first;
    /// otherwise, the earlier position first).
    fn naive_order(text: &[u32], a: usize, b: usize, boundary: u32) -> (std::cmp::Ordering, usize) {
        let mut k = 0;
        loop {
            match (text.get(a + k), text.get(b + k)) {
                (Some(&u), Some(&v)) if u == v && u < boundary => k += 1,
                (Some(&u), Some(&v)) if u != v => return (u.cmp(&v), k),
                (None, Some(_)) => return (std::cmp::Ordering::Less, k),
                (Some(_), None) => return (std::cmp::Ordering::Greater, k),
                _ => return (a.cmp(&b), k),
            }
        }
    }

    #[test]
    fn groups_of_copied_passages_are_sorted_with_their_common_prefixes() {
        // Documents made of shuffled copies of a few paragraphs (as the 10x
        // corpus is of SOTU's), over a small alphabet so that groups are
        // large and suffixes share long prefixes, across paragraph ends too.
        // Each group comes out sorted with its common prefixes, but where
        // suffixes that all follow one word were left as they were: those
        // are said to share no more words than they do, and the index has
        // the maximal repeats of the whole suffix array.
        let boundary = 1000;
        let mut next = crate::core::test_rng::seeded(7);
        let mut left_as_they_were = 0;
        for symbols in [2u32, 5, 40] {
            let paragraphs: Vec<Vec<u32>> =
                (0..30).map(|_| (0..1 + next() % 60).map(|_| next() % symbols).collect()).collect();
            let mut text = Vec::new();
            for doc in 0..40 {
                let mut order: Vec<usize> = (0..paragraphs.len()).filter(|_| !next().is_multiple_of(3)).collect();
                for i in (1..order.len()).rev() {
                    order.swap(i, next() as usize % (i + 1));
                }
                for k in order {
                    text.extend_from_slice(&paragraphs[k]);
                }
                text.push(boundary + doc % 7);
            }
            let before = |p: usize| p.checked_sub(1).map(|q| text[q]).filter(|&w| w < boundary);
            for min_len in [1usize, 3, 6] {
                let what = format!("{symbols} symbols, min {min_len}");
                let groups = groups_by_prefix(&text, boundary, min_len);
                let largest = groups.iter().flat_map(|g| g.chunk_by(|a, b| a >> 32 == b >> 32)).map(<[u64]>::len);
                assert!(largest.max().unwrap() > 20, "{what}: some group is large");
                let narrow = SuffixText::from_ids(text.clone(), boundary as usize + 8);
                let index = SuffixIndex::sparse(narrow, &groups, boundary, usize::MAX).unwrap().unwrap();
                let records: Vec<u64> = groups.concat();
                assert_eq!(index.sa.len(), records.len());
                let mut at = 0;
                for group in records.chunk_by(|a, b| a >> 32 == b >> 32) {
                    let mut got: Vec<usize> = index.sa[at..at + group.len()].iter().map(|&p| p as usize).collect();
                    assert_eq!(index.lcp.get(at), 0, "{what}: a group's first suffix");
                    for i in 1..got.len() {
                        let (a, b) = (got[i - 1], got[i]);
                        let (order, shared) = naive_order(&text, a, b, boundary);
                        let said = index.lcp.get(at + i) as usize;
                        if said < shared || order.is_gt() {
                            // Left as they were: both follow the same word,
                            // and the index says no more than they share.
                            assert!(before(a).is_some() && before(a) == before(b), "{what}: {a} and {b} out of order");
                            assert!(said <= shared, "{what}: {a} and {b} share {shared} words, not {said}");
                            left_as_they_were += 1;
                        } else {
                            assert_eq!((order, said), (std::cmp::Ordering::Less, shared), "{what}: {a} and {b}");
                        }
                    }
                    got.sort_unstable();
                    let mut want: Vec<usize> = group.iter().map(|&r| (r & 0xFFFF_FFFF) as usize).collect();
                    want.sort_unstable();
                    assert_eq!(got, want, "{what}: the group's suffixes");
                    at += group.len();
                }
                for query in [min_len, min_len + 1, min_len + 4] {
                    let whole = repeats(&text, boundary as usize + 8, boundary, query as u32);
                    assert_eq!(sorted_repeats(&index, query as u32), whole, "{what}: repeats of {query}");
                }
            }
        }
        assert!(left_as_they_were > 100, "{left_as_they_were} suffixes left as they were");
    }

    #[test]
    fn a_large_group_of_long_repeats_stops_soon_after_the_budget() {
        // 2,000 copies of a passage of 200 words, each with a word of its
        // own after it: one group, each suffix sharing 200 words with the
        // pivot. Sorting it whole compares 400,000 words; a budget of 1,000
        // must stop it after about one check's worth (2^14 words).
        let mut next = crate::core::test_rng::seeded(3);
        let passage: Vec<u32> = (0..200).map(|_| next() % 1000).collect();
        let boundary = 10_000;
        let mut text = Vec::new();
        let mut part = Vec::new();
        for doc in 0..2000u32 {
            part.push(text.len() as u64);
            text.extend_from_slice(&passage);
            text.push(1000 + doc);
            text.push(boundary);
        }
        let work = std::sync::atomic::AtomicUsize::new(0);
        assert!(sort_groups(&text, |w| w >= boundary, &part, &work, 1000).is_none());
        let spent = work.load(std::sync::atomic::Ordering::Relaxed);
        assert!((1000..(1 << 14) + 2 * 202).contains(&spent), "{spent} words compared");
        // With the budget it needs, the same group sorts: by the word of
        // its own after the passage.
        let work = std::sync::atomic::AtomicUsize::new(0);
        let (sa, lcp) = sort_groups(&text, |w| w >= boundary, &part, &work, usize::MAX).unwrap();
        assert_eq!(sa, part.iter().map(|&p| p as i32).collect::<Vec<_>>());
        assert!(lcp[0] == 0 && lcp[1..].iter().all(|&l| l == 200));
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
