//! Which suffixes of a corpus can start a recurring phrase at all: those
//! whose first n-gram occurs in at least two documents. In a corpus of
//! distinct speeches that is a small part of the text (under a tenth of
//! SOTU's words start a shared 5-gram), so the suffix index holds only
//! these, sorted group by group (`SuffixIndex::sparse`: the windows of one
//! n-gram come out next to each other), several times faster than sorting
//! every suffix. Where comparing words would be slow (long repeats), the
//! stretches of text the windows cover are cut out and indexed instead.
//!
//! Why nothing is lost: every occurrence of a phrase of at least `n` words
//! found in two documents starts with such an n-gram and is made of them,
//! so it lies inside one stretch. And a phrase is maximal over the whole
//! text exactly when it is maximal over the stretches: if all its
//! occurrences were preceded (or followed) by the same word, the n-gram
//! starting (or ending) with that word would be shared too, and the word
//! would lie in the stretch.
//!
//! N-grams are compared by a 32-bit hash, so two different n-grams may be
//! taken for one; that only keeps some unshared windows in (the windows are
//! a superset of what is needed), never drops a shared one.
//!
//! The windows are sorted by hash with counting sorts rather than put in a
//! hash table: the top bits pick a bucket, then each bucket (which fits in
//! cache; buckets are handled in parallel) is sorted on the other bits in
//! two passes.

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::left_mixed::left_mixed;
use crate::core::phrases::window_index::WindowBucket;
use crate::core::prefetch::prefetch;

/// Multiplier of the rolling polynomial hash of a window of word ids.
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;
/// Mixes the window's hash before its top 32 bits are kept.
const MIX: u64 = 0xD6E8_FEB8_6659_FD93;
/// Top bits of a key: its bucket.
pub(super) const BUCKET_BITS: u32 = 8;
/// Number of buckets.
const BUCKETS: usize = 1 << BUCKET_BITS;
/// The other bits of a key are sorted on in two digits of this many bits.
const DIGIT_BITS: u32 = (32 - BUCKET_BITS) / 2;
/// Texts longer than this (in words) sort a sample of their windows
/// before the others.
const SAMPLE_FIRST_WORDS: usize = 4 << 20;
/// Buckets looked at before deciding whether filtering is worth it.
const SAMPLE_BUCKETS: usize = 32;
/// Records (256 MB) a round of a large text's windows may hold even when
/// that is more than half of them, because each round hashes every window
/// of the text again: the 10x corpus's windows after the sample go in one
/// round instead of two, 0.1 s faster for 23 MB more at the peak of
/// `refrain phrases`. Not when every window is also kept in an index for
/// updates (the app): the 10x corpus's opening then took 4.25x its text
/// instead of 3.90x. A larger text (100x: 200 million windows) keeps rounds
/// of half.
const ROUND_RECORDS: usize = if cfg!(test) { 1 } else { 1 << 25 };

/// A word id of a text, 16 or 32 bits wide (never negative).
pub trait WordId: Copy + Sync + Into<i64> {}
impl WordId for u16 {}
impl WordId for u32 {}
impl WordId for i32 {}

/// The id as the rolling hash takes it: never 0.
#[inline]
fn hashed<T: WordId>(id: T) -> u64 {
    (id.into() as u64).wrapping_add(1)
}

/// The 32-bit key of a window's polynomial hash.
#[inline]
pub(super) fn key_of(h: u64) -> u32 {
    (h.wrapping_mul(MIX) >> 32) as u32
}

/// The polynomial hash of a window of ids (as [`window_keys`] rolls it).
#[inline]
fn hash_of<T: WordId>(window: &[T]) -> u64 {
    window.iter().fold(0u64, |acc, &id| acc.wrapping_mul(BASE).wrapping_add(hashed(id)))
}

/// The polynomial hash of a window of ids, as [`window_hashes`] gives it:
/// what the phrase index's incremental updates know a repeat's first
/// n-gram by.
pub(super) fn window_hash<T: WordId>(window: &[T]) -> u64 {
    hash_of(window)
}

/// Calls `f` with the offset and the 32-bit key of every window of `n`
/// consecutive ids of `ids`, in order.
pub(super) fn window_keys<T: WordId>(ids: &[T], n: usize, mut f: impl FnMut(usize, u32)) {
    window_hashes(ids, n, |p, h| f(p, key_of(h)));
}

/// Calls `f` with the offset and the polynomial hash (before it is mixed
/// into a key, [`key_of`]) of every window of `n` consecutive ids of `ids`,
/// in order.
pub(super) fn window_hashes<T: WordId>(ids: &[T], n: usize, mut f: impl FnMut(usize, u64)) {
    if n == 0 || ids.len() < n {
        return;
    }
    // BASE^(n-1), to take the leaving id out of the rolling hash.
    let top = (1..n).fold(1u64, |acc, _| acc.wrapping_mul(BASE));
    let mut h = hash_of(&ids[..n]);
    f(0, h);
    for p in 1..=ids.len() - n {
        h = h.wrapping_sub(hashed(ids[p - 1]).wrapping_mul(top));
        h = h.wrapping_mul(BASE).wrapping_add(hashed(ids[p + n - 1]));
        f(p, h);
    }
}

/// Rolls the hashes of the windows of `n` ids over many texts (one pass
/// over a corpus for the windows of a few documents' n-grams,
/// [`WindowScan::find`]): the leaving id's share of the hash read from a
/// table, and four parts of a text rolled side by side so that their
/// chains of multiplications overlap.
pub(super) struct WindowScan {
    n: usize,
    /// `hashed(id) · BASE^n` for each id below its length.
    leaving: Vec<u64>,
    /// `BASE^n`, for ids past the table.
    factor: u64,
}

/// Texts rolled side by side by [`WindowScan::find`].
const LANES: usize = 4;

impl WindowScan {
    /// A scan for windows of `n` ids, its table made for ids below
    /// `table` (ids above it are multiplied out).
    pub(super) fn new(n: usize, table: usize) -> WindowScan {
        let factor = (0..n).fold(1u64, |acc, _| acc.wrapping_mul(BASE));
        let leaving = (0..table as u64).map(|id| id.wrapping_add(1).wrapping_mul(factor)).collect();
        WindowScan { n, leaving, factor }
    }

    /// Calls `found` with the offset and polynomial hash (as
    /// [`window_hashes`] gives it) of each window of `ids` whose hash
    /// `wanted` accepts (a quick test that most windows fail), in no
    /// particular order.
    pub(super) fn find<T: WordId>(&self, ids: &[T], wanted: impl Fn(u64) -> bool, mut found: impl FnMut(usize, u64)) {
        let n = self.n;
        let windows = (ids.len() + 1).saturating_sub(n);
        if n == 0 || windows < 16 * LANES {
            window_hashes(ids, n, |p, h| {
                if wanted(h) {
                    found(p, h);
                }
            });
            return;
        }
        // One step takes the leaving id out and the coming one in:
        // h' = h·BASE − hashed(out)·BASE^n + hashed(in).
        let leaving = |id: T| {
            let id = id.into() as u64;
            self.leaving.get(id as usize).copied().unwrap_or_else(|| id.wrapping_add(1).wrapping_mul(self.factor))
        };
        let step =
            |h: u64, p: usize| h.wrapping_mul(BASE).wrapping_sub(leaving(ids[p])).wrapping_add(hashed(ids[p + n]));
        // Lane k rolls the windows from k·part on; the last one to the end.
        let part = windows / LANES;
        let mut h: [u64; LANES] = std::array::from_fn(|k| hash_of(&ids[k * part..k * part + n]));
        for p in 0..part {
            for (k, hk) in h.iter_mut().enumerate() {
                let at = k * part + p;
                if wanted(*hk) {
                    found(at, *hk);
                }
                if at + 1 < windows {
                    *hk = step(*hk, at);
                }
            }
        }
        let mut last = h[LANES - 1];
        for at in LANES * part..windows {
            if wanted(last) {
                found(at, last);
            }
            if at + 1 < windows {
                last = step(last, at);
            }
        }
    }
}

/// The windows of some consecutive documents as records, per bucket.
struct Records<R> {
    buckets: Vec<Vec<R>>,
}

/// How a window is recorded while its bucket waits to be sorted: its
/// position alone (4 bytes), hashed again from the text when the bucket is
/// sorted, or with its key (8 bytes), so that sorting never reads the text
/// again. A small text takes positions: it stays in the cache, and SOTU's
/// windows take 8 MB instead of 16 at its memory peak. A large text takes
/// keys, made a round of buckets at a time to hold no more memory than its
/// positions did: its windows lie all over it, and on the 100x corpus's
/// 400 MB hashing each one again took 4.3 of the 7.5 s of processor time
/// of finding the shared windows, 14 times the 10x corpus's.
trait Record: Copy + Default + Send + Sync {
    /// The key is read from the text.
    const READS_TEXT: bool;
    /// The record of the window at `position` with `key`.
    fn of(key: u32, position: u32) -> Self;
    /// The window's position.
    fn position(self) -> u32;
    /// `key << 32 | position`, the key read from `text` (windows of `n`)
    /// when the record lacks it.
    fn keyed<T: WordId>(self, text: &[T], n: usize) -> u64;
}

impl Record for u32 {
    const READS_TEXT: bool = true;
    fn of(_: u32, position: u32) -> u32 {
        position
    }
    fn position(self) -> u32 {
        self
    }
    fn keyed<T: WordId>(self, text: &[T], n: usize) -> u64 {
        let key = text.get(self as usize..self as usize + n).map_or(0, |w| key_of(hash_of(w)));
        u64::from(key) << 32 | u64::from(self)
    }
}

impl Record for u64 {
    const READS_TEXT: bool = false;
    fn of(key: u32, position: u32) -> u64 {
        u64::from(key) << 32 | u64::from(position)
    }
    fn position(self) -> u32 {
        self as u32
    }
    fn keyed<T: WordId>(self, _: &[T], _: usize) -> u64 {
        self
    }
}

fn bucket_of(key: u32) -> usize {
    (key >> (32 - BUCKET_BITS)) as usize
}

/// The number of windows of `docs` in each bucket, and in the same pass
/// the records of the windows in the first `sampled` buckets (with their
/// keys): a large text's sample round ([`windows`]) reads them from here
/// instead of hashing every window of the text once more for an eighth of
/// them (a small text samples none).
fn bucket_sizes_and_sample<T: WordId>(
    text: &[T],
    docs: &[Range<usize>],
    n: usize,
    sampled: usize,
) -> (Vec<usize>, Records<u64>) {
    let mut sizes = vec![0usize; BUCKETS];
    let mut sample: Vec<Vec<u64>> = vec![Vec::new(); sampled];
    for r in docs {
        window_keys(text.get(r.clone()).unwrap_or(&[]), n, |p, k| {
            let b = bucket_of(k);
            sizes[b] += 1;
            if let Some(records) = sample.get_mut(b) {
                records.push(u64::of(k, (r.start + p) as u32));
            }
        });
    }
    (sizes, Records { buckets: sample })
}

impl<R: Record> Records<R> {
    /// The windows of `docs` whose bucket is in `buckets` (the others are
    /// left empty); `sizes` are the windows of `docs` per bucket
    /// ([`bucket_sizes_and_sample`]), so the records take exactly the
    /// memory they need.
    fn of<T: WordId>(
        text: &[T],
        docs: &[Range<usize>],
        n: usize,
        sizes: &[usize],
        buckets: &Range<usize>,
    ) -> Records<R> {
        let mut records: Vec<Vec<R>> = (0..BUCKETS)
            .map(|b| Vec::with_capacity(if buckets.contains(&b) { sizes.get(b).copied().unwrap_or(0) } else { 0 }))
            .collect();
        let all = buckets.start == 0 && buckets.end >= BUCKETS;
        for r in docs {
            window_keys(text.get(r.clone()).unwrap_or(&[]), n, |p, k| {
                let b = bucket_of(k);
                if all || buckets.contains(&b) {
                    records[b].push(R::of(k, (r.start + p) as u32));
                }
            });
        }
        Records { buckets: records }
    }

    fn bucket(&self, b: usize) -> &[R] {
        self.buckets.get(b).map_or(&[], Vec::as_slice)
    }
}

/// The windows of bucket `b` whose key is found in two documents or more,
/// and, with a `boundary`, preceded by different words ([`left_mixed`]),
/// as records `key << 32 | position` ordered by key then position; the
/// number of windows in the bucket; and, given `slot_bits`, all its
/// windows by key ([`WindowBucket`]).
fn shared_in_bucket<T: WordId, R: Record>(
    parts: &[Records<R>],
    b: usize,
    text: &[T],
    n: usize,
    docs: &[Range<usize>],
    boundary: Option<u32>,
    slot_bits: Option<u32>,
) -> (usize, Vec<u64>, Option<WindowBucket>) {
    // The bucket's records with their keys, in position order, read from
    // each part and counted by digit in the same pass; the second counting
    // pass below writes them back here sorted. Where the key is read from
    // the text, each window is asked for a few dozen ahead (they lie all
    // over it), so that it has arrived when it is hashed.
    //
    // The key's bits below the bucket are sorted on in two stable counting
    // passes of DIGIT_BITS (low digit first): no branch per record, and
    // equal keys keep their position order.
    let digit = |rec: u64, pass: u32| ((rec >> (32 + pass * DIGIT_BITS)) & ((1 << DIGIT_BITS) - 1)) as usize;
    let mut starts = vec![[0u32; 2]; (1 << DIGIT_BITS) + 1];
    let mut sorted: Vec<u64> = Vec::with_capacity(parts.iter().map(|part| part.bucket(b).len()).sum());
    for records in parts.iter().map(|part| part.bucket(b)) {
        for (i, &r) in records.iter().enumerate() {
            if R::READS_TEXT
                && let Some(&ahead) = records.get(i + PREFETCH_AHEAD)
            {
                prefetch(text, ahead.position() as usize);
            }
            let rec = r.keyed(text, n);
            starts[digit(rec, 0) + 1][0] += 1;
            starts[digit(rec, 1) + 1][1] += 1;
            sorted.push(rec);
        }
    }
    let total = sorted.len();
    for d in 1..starts.len() {
        let before = starts[d - 1];
        starts[d][0] += before[0];
        starts[d][1] += before[1];
    }
    let mut by_low = vec![0u64; total];
    for &rec in &sorted {
        let at = &mut starts[digit(rec, 0)][0];
        by_low[*at as usize] = rec;
        *at += 1;
    }
    for rec in by_low {
        let at = &mut starts[digit(rec, 1)][1];
        sorted[*at as usize] = rec;
        *at += 1;
    }
    let all = slot_bits.map(|bits| WindowBucket::of_sorted(&sorted, bits));
    let doc_end = |p: usize| {
        let k = docs.partition_point(|r| r.start <= p);
        k.checked_sub(1).and_then(|k| docs.get(k)).map_or(p, |r| r.end)
    };
    // Windows further apart than the longest document are in two (in a
    // corpus of copies, nearly every run): no search for the first one's.
    let longest = docs.iter().map(Range::len).max().unwrap_or(0);
    let mut kept = Vec::new();
    let mut at = 0;
    for run in sorted.chunk_by(|a, b| a >> 32 == b >> 32) {
        at += run.len();
        let (first, last) = ((run[0] & 0xFFFF_FFFF) as usize, (run[run.len() - 1] & 0xFFFF_FFFF) as usize);
        if run.len() < 2 || (last - first < longest && last < doc_end(first)) {
            continue;
        }
        if let Some(boundary) = boundary {
            // The words before the windows of the runs ahead, asked for
            // now (they are all over the text).
            for &rec in sorted.get(at + PREFETCH_AHEAD - run.len()..at + PREFETCH_AHEAD).unwrap_or(&[]) {
                prefetch(text, ((rec & 0xFFFF_FFFF) as usize).wrapping_sub(1));
            }
            if !left_mixed(text, run, boundary) {
                continue;
            }
        }
        kept.extend_from_slice(run);
    }
    (total, kept, all)
}

/// Windows (or words) ahead that are asked for before they are read.
pub(super) const PREFETCH_AHEAD: usize = 32;

/// The windows of `n` words whose n-gram is found in two documents or more
/// (by its 32-bit key: a rare other n-gram with the same key comes along),
/// from [`shared_windows`].
#[derive(Debug, Default)]
pub struct SharedWindows {
    /// Per bucket, the records `key << 32 | position` of its shared
    /// windows, ordered by key then position: the windows of one n-gram are
    /// next to each other, and the buckets are in key order too.
    pub buckets: Vec<Vec<u64>>,
    /// The window length.
    pub n: usize,
    /// Every window by key, per bucket, when asked for
    /// ([`shared_windows_and_all`]).
    pub(super) all: Vec<WindowBucket>,
}

impl SharedWindows {
    /// Number of shared windows.
    pub fn len(&self) -> usize {
        self.buckets.iter().map(Vec::len).sum()
    }

    /// True when no n-gram is shared.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The stretches of the text covered by shared windows, in order, none
    /// crossing a document's end (`docs` as given to [`shared_windows`]).
    pub fn stretches(&self, docs: &[Range<usize>]) -> Vec<Range<usize>> {
        let n = self.n;
        let len = docs.last().map_or(0, |r| r.end);
        let mut starts = vec![0u64; len.div_ceil(64)];
        for &rec in self.buckets.iter().flatten() {
            let p = (rec & 0xFFFF_FFFF) as usize;
            if let Some(word) = starts.get_mut(p / 64) {
                *word |= 1 << (p % 64);
            }
        }
        let is_start = |p: usize| starts.get(p / 64).is_some_and(|w| w & (1 << (p % 64)) != 0);
        // Per document, the words covered by a marked window, as runs.
        docs.par_iter()
            .flat_map_iter(|r| {
                let mut runs: Vec<Range<usize>> = Vec::new();
                for p in r.start..(r.end + 1).saturating_sub(n).max(r.start) {
                    if !is_start(p) {
                        continue;
                    }
                    match runs.last_mut() {
                        Some(last) if last.end >= p => last.end = p + n,
                        _ => runs.push(p..p + n),
                    }
                }
                runs
            })
            .collect()
    }
}

/// The windows of `n` ≥ 1 consecutive ids of `text` whose n-gram is found
/// in at least two of `docs` (ranges of `text`, one per document, in order
/// and not overlapping; no window crosses a document's end). With a
/// `boundary` (values from it up separate documents), only the n-grams
/// that can start a maximal repeat: those not always preceded by the same
/// word ([`left_mixed`]). `None` when more than `max_shared` of all
/// windows are kept (judged on a sample first): most of the text would
/// then be kept, and indexing it whole is simpler and as fast.
pub fn shared_windows<T: WordId>(
    text: &[T],
    docs: &[Range<usize>],
    n: usize,
    max_shared: f64,
    boundary: Option<u32>,
) -> Option<SharedWindows> {
    windows(text, docs, n, max_shared, text.len() > SAMPLE_FIRST_WORDS, boundary, None)
}

/// [`shared_windows`], and, given `slot_bits`, beside them every window of
/// the text by key ([`SharedWindows::all`], slots of that many bits): the windows are
/// sorted by key to find the shared ones, so keeping their positions
/// costs one more write of them (the index of incremental updates,
/// `window_index`).
pub(super) fn shared_windows_and_all<T: WordId>(
    text: &[T],
    docs: &[Range<usize>],
    n: usize,
    max_shared: f64,
    boundary: Option<u32>,
    slot_bits: Option<u32>,
) -> Option<SharedWindows> {
    windows(text, docs, n, max_shared, text.len() > SAMPLE_FIRST_WORDS, boundary, slot_bits)
}

/// [`shared_windows`]; a large text (`sample_first`) reads its windows
/// twice, the sample's first, so that a corpus of copies gives up before
/// sorting all of them; a small one sorts them in one go.
fn windows<T: WordId>(
    text: &[T],
    docs: &[Range<usize>],
    n: usize,
    max_shared: f64,
    sample_first: bool,
    boundary: Option<u32>,
    slot_bits: Option<u32>,
) -> Option<SharedWindows> {
    // Positions are kept in 32 bits.
    if n == 0 || text.len() > u32::MAX as usize {
        return None;
    }
    // Consecutive documents in a few parts per thread, so the parts are
    // built in parallel and each bucket reads its records part by part.
    let parts_wanted = rayon::current_num_threads() * 4;
    let chunk = docs.len().div_ceil(parts_wanted).max(1);
    let chunks: Vec<&[Range<usize>]> = docs.chunks(chunk).collect();
    let windows: usize = docs.iter().map(|r| (r.len() + 1).saturating_sub(n)).sum();
    // A large text's sample is recorded while the windows are counted.
    let recorded = if sample_first { SAMPLE_BUCKETS } else { 0 };
    let (sizes, mut sample): (Vec<Vec<usize>>, Vec<Records<u64>>) =
        chunks.par_iter().map(|c| bucket_sizes_and_sample(text, c, n, recorded)).unzip();
    // The windows are counted per bucket once. A small text's are recorded
    // all at once by position; a large text's with their keys, in rounds:
    // the sample's buckets first (a corpus whose n-grams are mostly shared
    // gives up after them), then rounds of buckets holding at most half of
    // the windows each ([`Record`]), or all the rest when that is at most
    // ROUND_RECORDS and the windows are not all kept besides.
    let round_records = if slot_bits.is_some() { windows / 2 } else { (windows / 2).max(ROUND_RECORDS) };
    let sampled = if sample_first { SAMPLE_BUCKETS } else { BUCKETS };
    let in_bucket = |b: usize| sizes.iter().map(|s| s.get(b).copied().unwrap_or(0)).sum::<usize>();
    let mut rounds: Vec<Range<usize>> = Vec::new();
    rounds.push(0..sampled);
    let mut held = 0;
    for b in sampled..BUCKETS {
        let size = in_bucket(b);
        match rounds.last_mut() {
            Some(last) if last.start >= sampled && held + size <= round_records => last.end = b + 1,
            _ => {
                rounds.push(b..b + 1);
                held = 0;
            }
        }
        held += size;
    }
    let round = Round { text, chunks: &chunks, sizes: &sizes, n, docs, boundary, slot_bits };
    let mut found = Vec::with_capacity(BUCKETS);
    for (k, buckets) in rounds.into_iter().enumerate() {
        found.extend(match (sample_first, k) {
            (true, 0) => round.shared_in(&std::mem::take(&mut sample), buckets),
            (true, _) => round.shared::<u64>(buckets),
            (false, _) => round.shared::<u32>(buckets),
        });
        if k == 0 {
            let seen: usize = found.iter().map(|(total, _, _)| total).sum();
            let marked: usize = found.iter().map(|(_, kept, _)| kept.len()).sum();
            if marked as f64 > max_shared * seen as f64 {
                return None;
            }
        }
    }
    let mut buckets = Vec::with_capacity(found.len());
    let mut all = Vec::new();
    for (_, kept, bucket) in found {
        buckets.push(kept);
        all.extend(bucket);
    }
    Some(SharedWindows { buckets, n, all })
}

/// What a round of [`windows`] reads: the text, its documents in parts
/// and each part's windows per bucket.
struct Round<'a, T> {
    text: &'a [T],
    chunks: &'a [&'a [Range<usize>]],
    sizes: &'a [Vec<usize>],
    n: usize,
    docs: &'a [Range<usize>],
    boundary: Option<u32>,
    slot_bits: Option<u32>,
}

impl<T: WordId> Round<'_, T> {
    /// The shared windows of `buckets` ([`shared_in_bucket`]), their
    /// windows recorded as `R` first.
    fn shared<R: Record>(&self, buckets: Range<usize>) -> Vec<(usize, Vec<u64>, Option<WindowBucket>)> {
        let parts: Vec<Records<R>> = self
            .chunks
            .par_iter()
            .zip(self.sizes)
            .map(|(c, sizes)| Records::of(self.text, c, self.n, sizes, &buckets))
            .collect();
        self.shared_in(&parts, buckets)
    }

    /// The shared windows of `buckets` from their records in `parts`.
    fn shared_in<R: Record>(
        &self,
        parts: &[Records<R>],
        buckets: Range<usize>,
    ) -> Vec<(usize, Vec<u64>, Option<WindowBucket>)> {
        buckets
            .into_par_iter()
            .map(|b| shared_in_bucket(parts, b, self.text, self.n, self.docs, self.boundary, self.slot_bits))
            .collect()
    }
}

/// The stretches of `text` that hold every shared n-gram (see
/// [`shared_windows`]), as ranges of `text` in order.
#[cfg(test)]
fn shared_stretches(text: &[u32], docs: &[Range<usize>], n: usize, max_shared: f64) -> Option<Vec<Range<usize>>> {
    shared_windows(text, docs, n, max_shared, None).map(|w| w.stretches(docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stretches computed naively: every n-gram compared with every
    /// other, exactly.
    fn naive(text: &[u32], docs: &[Range<usize>], n: usize) -> Vec<Range<usize>> {
        let mut doc_sets: std::collections::HashMap<&[u32], std::collections::HashSet<usize>> = Default::default();
        for (d, r) in docs.iter().enumerate() {
            for p in r.start..(r.end + 1).saturating_sub(n).max(r.start) {
                doc_sets.entry(&text[p..p + n]).or_default().insert(d);
            }
        }
        let mut runs: Vec<Range<usize>> = Vec::new();
        for r in docs {
            for p in r.start..(r.end + 1).saturating_sub(n).max(r.start) {
                if doc_sets[&text[p..p + n]].len() >= 2 {
                    match runs.last_mut() {
                        Some(last) if last.start >= r.start && last.end >= p => last.end = p + n,
                        _ => runs.push(p..p + n),
                    }
                }
            }
        }
        runs
    }

    #[test]
    fn windows_rolled_side_by_side_have_the_hashes_of_one_pass() {
        let mut next = crate::core::test_rng::seeded(8);
        for len in [0usize, 1, 4, 5, 6, 63, 64, 65, 68, 69, 70, 71, 72, 73, 200, 1001, 1003] {
            let ids: Vec<u16> = (0..len).map(|_| (next() % 40) as u16).collect();
            for n in [1usize, 2, 5, 8] {
                let mut want = Vec::new();
                window_hashes(&ids, n, |p, h| want.push((p, h)));
                let mut keys = Vec::new();
                window_keys(&ids, n, |p, k| keys.push((p, k)));
                assert!(want.iter().zip(&keys).all(|(&(p, h), &(q, k))| p == q && key_of(h) == k));
                // Every window, then only some; with a table for every id,
                // for some, for none.
                for table in [40, 7, 0] {
                    let scan = WindowScan::new(n, table);
                    let mut got = Vec::new();
                    scan.find(&ids, |_| true, |p, h| got.push((p, h)));
                    got.sort_unstable();
                    assert_eq!(got, want, "{len} ids, n {n}, table {table}");
                    let some = |h: u64| h.is_multiple_of(3);
                    let mut got = Vec::new();
                    scan.find(&ids, some, |p, h| got.push((p, h)));
                    got.sort_unstable();
                    let want_some: Vec<(usize, u64)> = want.iter().copied().filter(|&(_, h)| some(h)).collect();
                    assert_eq!(got, want_some, "{len} ids, n {n}, some");
                }
                assert!(want.iter().all(|&(p, h)| window_hash(&ids[p..p + n]) == h));
            }
        }
    }

    #[test]
    fn finds_the_shared_ngrams_and_nothing_crosses_a_document() {
        // doc0: 1 2 3 4 9 | doc1: 7 1 2 3 4 | doc2: 1 2 3 5 1 2 3 4
        let text = [1, 2, 3, 4, 9, 7, 1, 2, 3, 4, 1, 2, 3, 5, 1, 2, 3, 4];
        let docs = [0..5, 5..10, 10..18];
        assert_eq!(shared_stretches(&text, &docs, 3, 1.0).unwrap(), vec![0..4, 6..10, 10..13, 14..18]);
        assert_eq!(shared_stretches(&text, &docs, 4, 1.0).unwrap(), vec![0..4, 6..10, 14..18]);
        assert!(shared_stretches(&text, &docs, 6, 1.0).unwrap().is_empty());
        // Repeats inside one document only are not shared.
        let one_doc = [Range { start: 0, end: 4 }];
        assert!(shared_stretches(&[1, 2, 1, 2], &one_doc, 2, 1.0).unwrap().is_empty());
    }

    #[test]
    fn the_windows_of_one_ngram_are_next_to_each_other_in_key_order() {
        let mut next = crate::core::test_rng::seeded(4);
        let mut text = Vec::new();
        let mut docs = Vec::new();
        for _ in 0..12 {
            let start = text.len();
            text.extend((0..300).map(|_| next() % 5));
            docs.push(start..text.len());
        }
        let n = 4;
        let found = shared_windows(&text, &docs, n, 1.0, None).unwrap();
        assert!(found.len() > 500, "{} shared windows", found.len());
        let records: Vec<u64> = found.buckets.iter().flatten().copied().collect();
        assert!(records.windows(2).all(|w| w[0] < w[1]), "ordered by key, then position");
        // Each n-gram's windows form one run of equal keys.
        let mut runs: std::collections::HashMap<&[u32], u64> = Default::default();
        for &rec in &records {
            let p = (rec & 0xFFFF_FFFF) as usize;
            let key = *runs.entry(&text[p..p + n]).or_insert(rec >> 32);
            assert_eq!(key, rec >> 32, "window {p}");
        }
        let naive = naive(&text, &docs, n);
        let naive_words: usize = naive.iter().map(|r| r.len()).sum();
        assert_eq!(found.stretches(&docs), naive, "{naive_words} words");
    }

    #[test]
    fn gives_up_when_most_ngrams_are_shared() {
        // Three copies of one document: everything is shared.
        let doc: Vec<u32> = (0..3000).map(|i| (i * 7919 % 1000) as u32).collect();
        let text: Vec<u32> = doc.iter().chain(&doc).chain(&doc).copied().collect();
        let docs = [0..3000, 3000..6000, 6000..9000];
        for sample_first in [false, true] {
            assert!(windows(&text, &docs, 5, 0.6, sample_first, None, None).is_none());
            let all = windows(&text, &docs, 5, 1.0, sample_first, None, None).unwrap();
            assert_eq!(all.stretches(&docs), docs.to_vec());
        }
    }

    #[test]
    fn agrees_with_a_naive_count_on_random_text() {
        // A small alphabet makes many shared n-grams; the filter may keep
        // a few more words than needed, never fewer.
        let mut next = crate::core::test_rng::seeded(12345);
        for round in 0..20 {
            let docs_n = 2 + round % 5;
            let mut text = Vec::new();
            let mut docs = Vec::new();
            for _ in 0..docs_n {
                let len = (next() % 200) as usize;
                let start = text.len();
                text.extend((0..len).map(|_| next() % 6));
                docs.push(start..text.len());
            }
            for n in 1..6 {
                let got = shared_stretches(&text, &docs, n, 1.0).unwrap();
                let sampled = windows(&text, &docs, n, 1.0, true, None, None).unwrap();
                assert_eq!(sampled.stretches(&docs), got, "sample first (n {n})");
                // Every window by key, alike whichever way they are recorded.
                let all = |sample_first| windows(&text, &docs, n, 1.0, sample_first, None, Some(10)).unwrap().all;
                let (keyed, by_position) = (all(true), all(false));
                assert_eq!(keyed, by_position, "all windows (n {n})");
                let mut by_key: Vec<(u32, u32)> = Vec::new();
                for r in &docs {
                    window_keys(&text[r.clone()], n, |p, k| by_key.push((k, (r.start + p) as u32)));
                }
                by_key.sort_unstable();
                let positions: Vec<u32> = keyed.iter().flat_map(|b| b.positions().iter().copied()).collect();
                assert_eq!(positions, by_key.iter().map(|&(_, p)| p).collect::<Vec<u32>>(), "by key (n {n})");
                let want = naive(&text, &docs, n);
                let covered = |runs: &[Range<usize>]| -> Vec<bool> {
                    let mut c = vec![false; text.len()];
                    runs.iter().for_each(|r| c[r.clone()].iter_mut().for_each(|x| *x = true));
                    c
                };
                let (g, w) = (covered(&got), covered(&want));
                assert!(w.iter().zip(&g).all(|(w, g)| !w || *g), "a shared word was dropped (n {n})");
                let extra = g.iter().zip(&w).filter(|(g, w)| **g && !**w).count();
                assert!(extra <= text.len() / 50, "{extra} words kept that are not shared (n {n})");
            }
        }
    }
}
