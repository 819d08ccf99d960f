//! Maximal repeats of a word sequence, found with a suffix array and its
//! longest-common-prefix information (libsais) instead of comparing
//! documents pair by pair.

use rayon::prelude::*;

/// Texts at least this long get their suffix array built on every core.
const THREADED_SUFFIXES: usize = 4 << 20;
/// Suffix arrays at least this long are searched for repeats in parallel
/// parts; below it one pass is faster than sharing it out.
const PARALLEL_SUFFIXES: usize = 1 << 16;

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
        // A large text is sorted on every core (libsais's OpenMP threads;
        // 20 million words: 1.5 -> 1.25 s on two cores, nothing else runs
        // meanwhile). A small one on one: there OpenMP's spinning threads
        // made it slower and erratic whenever anything else ran.
        let threads = if text.len() >= THREADED_SUFFIXES { rayon::current_num_threads() } else { 1 };
        SuffixIndex::build_threaded(text, alphabet, boundary, threads)
    }

    /// [`SuffixIndex::build_over`] with libsais on `threads` threads (a
    /// 16-bit text only; a wider one is sorted on one).
    fn build_threaded(
        text: SuffixText,
        alphabet: usize,
        boundary: u32,
        threads: usize,
    ) -> Result<SuffixIndex, SuffixError> {
        if text.is_empty() {
            return Ok(SuffixIndex { text, sa: Vec::new(), lcp: Lcps::default(), boundary, released: false });
        }
        if text.len() >= i32::MAX as usize / 2 || alphabet >= i32::MAX as usize {
            return Err(SuffixError(format!("{} words is more than the index can hold", text.len())));
        }
        match text {
            SuffixText::Narrow(narrow) if threads > 1 => {
                let threads = libsais::ThreadCount::fixed(threads.min(256) as u16);
                let sa = libsais::SuffixArrayConstruction::for_text(&narrow)
                    .in_owned_buffer32()
                    .multi_threaded(threads)
                    .run()
                    .map_err(err)?;
                let with_plcp = sa.plcp_construction().multi_threaded(threads).run().map_err(err)?;
                let (sa, plcp, _) = with_plcp.into_parts();
                SuffixIndex::from_plcp(SuffixText::Narrow(narrow), sa, plcp, boundary)
            }
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

    /// Stops every common prefix at the next boundary (so suffixes sharing a
    /// boundary value do not count as sharing what follows it), then puts
    /// the common prefixes in suffix-array order, where the traversal reads
    /// them one after the other, 16 bits each (the permuted array is freed
    /// right after: the two are never held at 32 bits at once).
    fn from_plcp(
        text: SuffixText,
        sa: Vec<i32>,
        mut plcp: Vec<i32>,
        boundary: u32,
    ) -> Result<SuffixIndex, SuffixError> {
        let n = text.len();
        plcp.par_chunks_mut(PARALLEL_CHUNK).enumerate().for_each(|(c, part)| {
            let (start, end) = (c * PARALLEL_CHUNK, c * PARALLEL_CHUNK + part.len());
            // Words from `end` to the next boundary (the text's end is one).
            let next = (end..n).find(|&q| text.at(q) >= boundary).unwrap_or(n);
            let mut to_boundary = (next - end) as i32;
            for (k, v) in part.iter_mut().enumerate().rev() {
                to_boundary = if text.at(start + k) >= boundary { 0 } else { to_boundary + 1 };
                if *v > to_boundary {
                    *v = to_boundary;
                }
            }
        });
        // Narrowed in place before the gather, so the permuted prefixes and
        // the gathered ones take 40 MB each for 20 million words, not 80.
        let plcp = Narrowed::of(plcp);
        let lcp = Lcps::gather(&plcp, &sa)?;
        drop(plcp);
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

    /// Calls a `keep` for every repeat of at least `min_len` words that is
    /// maximal: its occurrences cannot all be extended by the same word on
    /// the right (true of every LCP interval) nor on the left. `keep` sees the
    /// start positions and may reject the repeat (too few documents); each
    /// part of the suffix array searched in parallel makes its own with
    /// `make_keep`. The repeats come in the same order as from one pass.
    pub fn maximal_repeats<K: FnMut(u32, &[u32]) -> bool>(
        &self,
        min_len: u32,
        make_keep: impl Fn() -> K + Sync,
    ) -> Vec<Repeat> {
        let parts = if self.sa.len() < PARALLEL_SUFFIXES { 1 } else { rayon::current_num_threads() * 4 };
        self.repeats_in_parts(min_len, parts, make_keep)
    }

    /// [`SuffixIndex::maximal_repeats`] over about `parts` parts of the
    /// suffix array. A repeat of `min_len` words or more is an LCP interval
    /// whose inner prefix lengths are all `min_len` or more, so it lies
    /// between two places where the length is below `min_len`: the parts
    /// are cut at such places, and each is searched on its own.
    fn repeats_in_parts<K: FnMut(u32, &[u32]) -> bool>(
        &self,
        min_len: u32,
        parts: usize,
        make_keep: impl Fn() -> K + Sync,
    ) -> Vec<Repeat> {
        let n = self.sa.len();
        let mut cuts = vec![0];
        for k in 1..parts.max(1) {
            let mut at = (n * k / parts).max(cuts.last().map_or(0, |&c| c + 1));
            while at < n && self.lcp(at) >= min_len as i32 {
                at += 1;
            }
            if at < n {
                cuts.push(at);
            }
        }
        // Each cut is past the one before and below n: the parts never overlap.
        cuts.push(n);
        let ranges: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
        let found: Vec<Vec<Repeat>> =
            ranges.into_par_iter().map(|(s, e)| self.repeats_in(s, e, min_len, &mut make_keep())).collect();
        found.into_iter().flatten().collect()
    }

    /// The maximal repeats among suffixes `sa[s..e]`, the prefix lengths at
    /// `s` and `e` taken as 0. One bottom-up pass over the LCP intervals;
    /// what precedes the occurrences of an interval is merged up from its
    /// children, so each suffix is looked at once.
    fn repeats_in(&self, s: usize, e: usize, min_len: u32, keep: &mut impl FnMut(u32, &[u32]) -> bool) -> Vec<Repeat> {
        let mut out = Vec::new();
        if e < s + 2 {
            return out;
        }
        // Open intervals: (lcp value, left bound, what precedes them so far).
        let mut stack: Vec<(i32, usize, Before)> = vec![(0, s, Before::Nothing)];
        let mut starts: Vec<u32> = Vec::new();
        for i in s + 1..=e {
            let cur = if i < e { self.lcp(i) } else { 0 };
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
        if suffixes.len() > 1 {
            suffixes.sort_unstable_by(|&a, &b| {
                let (order, common) = compare(text, a as usize, b as usize, is_boundary);
                done += common + 1;
                order
            });
        }
        lcp.push(0);
        for w in sa[start..].windows(2) {
            let (_, common) = compare(text, w[0] as usize, w[1] as usize, is_boundary);
            done += common + 1;
            lcp.push(common as u32);
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

/// Common prefix lengths in suffix-array order: 16 bits each, the few of
/// 65,535 words or more kept apart (a document copied whole into another).
/// Half the memory of 32-bit values: 40 MB instead of 80 for 20 million
/// words, at the moment the suffix array and its permuted prefixes are held
/// too.
#[derive(Debug, Clone, Default)]
struct Lcps {
    short: Vec<u16>,
    /// `(index, length)` of each value too long for `short`, by index.
    long: Vec<(u32, u32)>,
}

impl Lcps {
    /// Marks a value kept in `long`.
    const LONG: u16 = u16::MAX;

    /// These values (common prefixes in text order) put in the order of
    /// `sa`, with the first value 0.
    fn gather(text_order: &Narrowed, sa: &[i32]) -> Result<Lcps, SuffixError> {
        let mut short = vec![0u16; sa.len()];
        // In parallel parts; the reads jump around the text: each is asked
        // for a few dozen suffixes ahead, so that it has arrived when it is
        // needed.
        let long: Vec<Vec<(u32, u32)>> = short
            .par_chunks_mut(PARALLEL_CHUNK)
            .zip(sa.par_chunks(PARALLEL_CHUNK))
            .enumerate()
            .map(|(c, (out, part))| {
                let mut long = Vec::new();
                for (k, (slot, &p)) in out.iter_mut().zip(part).enumerate() {
                    if let Some(&ahead) = part.get(k + PREFETCH_AHEAD) {
                        text_order.prefetch(ahead as usize);
                    }
                    let i = c * PARALLEL_CHUNK + k;
                    let v = text_order
                        .get(p as usize)
                        .ok_or_else(|| SuffixError(format!("suffix {p} outside the text")))?;
                    *slot = narrow(i, if i == 0 { 0 } else { v }, &mut long);
                }
                Ok(long)
            })
            .collect::<Result<_, SuffixError>>()?;
        Ok(Lcps { short, long: long.into_iter().flatten().collect() })
    }

    /// The value at `i`.
    #[inline]
    fn get(&self, i: usize) -> i32 {
        self.short.get(i).map_or(0, |&v| widen(i, v, &self.long) as i32)
    }
}

/// 32-bit values narrowed to 16 bits in pieces, the wide array shrinking
/// as the narrow one grows: the two widths are never held whole at once.
struct Narrowed {
    /// Values `k << PIECE_BITS ..` in piece `k`; [`Lcps::LONG`] marks a value
    /// kept in `long`.
    pieces: Vec<Vec<u16>>,
    /// `(index, value)` of the values too long for a piece, by index.
    long: Vec<(u32, u32)>,
}

/// Values per part when the common prefixes are stopped at boundaries and
/// gathered in parallel.
const PARALLEL_CHUNK: usize = 1 << 18;
/// How many suffixes ahead [`Lcps::gather`] asks for the value it will
/// read.
const PREFETCH_AHEAD: usize = 32;
/// A piece holds 2^20 values (2 MiB narrow).
const PIECE_BITS: u32 = 20;

impl Narrowed {
    fn of(mut values: Vec<i32>) -> Narrowed {
        let n = values.len();
        let piece = 1usize << PIECE_BITS;
        let mut pieces = Vec::with_capacity(n.div_ceil(piece));
        let mut long = Vec::new();
        // From the end, so that each piece taken can be cut off the wide
        // array and given back (shrinking a large allocation in place).
        for k in (0..n.div_ceil(piece)).rev() {
            let start = k * piece;
            let mut tail_long = Vec::new();
            let narrow: Vec<u16> = values[start..]
                .iter()
                .enumerate()
                .map(|(i, &v)| narrow(start + i, v.max(0) as u32, &mut tail_long))
                .collect();
            values.truncate(start);
            values.shrink_to_fit();
            pieces.push(narrow);
            long.push(tail_long);
        }
        pieces.reverse();
        long.reverse();
        Narrowed { pieces, long: long.into_iter().flatten().collect() }
    }

    /// Asks the processor to fetch value `i` into the cache.
    #[inline]
    fn prefetch(&self, i: usize) {
        #[cfg(target_arch = "x86_64")]
        if let Some(v) = self.pieces.get(i >> PIECE_BITS).and_then(|p| p.get(i & ((1 << PIECE_BITS) - 1))) {
            // SAFETY: a prefetch is only a hint; it reads nothing into the
            // program and cannot fault (the address is a valid reference
            // anyway). SSE, which it needs, is part of every x86_64.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(std::ptr::from_ref(v).cast());
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = i;
    }

    #[inline]
    fn get(&self, i: usize) -> Option<u32> {
        let v = *self.pieces.get(i >> PIECE_BITS)?.get(i & ((1 << PIECE_BITS) - 1))?;
        Some(widen(i, v, &self.long))
    }
}

/// Value `v` at index `i` in 16 bits: itself, or [`Lcps::LONG`] with the
/// value kept in `long` (in index order, as values are narrowed in order).
#[inline]
fn narrow(i: usize, v: u32, long: &mut Vec<(u32, u32)>) -> u16 {
    if v >= u32::from(Lcps::LONG) {
        long.push((i as u32, v));
        Lcps::LONG
    } else {
        v as u16
    }
}

/// The value at index `i` stored as `v` by [`narrow`].
#[inline]
fn widen(i: usize, v: u16, long: &[(u32, u32)]) -> u32 {
    if v != Lcps::LONG {
        return u32::from(v);
    }
    let k = long.partition_point(|&(j, _)| (j as usize) < i);
    long.get(k).map_or(0, |&(_, v)| v)
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
        sorted_repeats(&SuffixIndex::build(text.to_vec(), alphabet, boundary).unwrap(), min_len)
    }

    /// Every maximal repeat of `idx` of at least `min_len` words, as
    /// (length, sorted starts), sorted.
    fn sorted_repeats(idx: &SuffixIndex, min_len: u32) -> Vec<(u32, Vec<u32>)> {
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

    #[test]
    fn repeats_longer_than_a_short_prefix_length_are_whole() {
        // Two documents of 70,000 words, the second a copy of the first but
        // for its first word: the repeat is 69,999 words, past 16 bits.
        let doc: Vec<u32> = (0..70_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 7) % 1000 + 2).collect();
        let mut text = doc.clone();
        text.push(1000 + 2);
        text.push(0);
        text.extend(&doc[1..]);
        text.push(1000 + 3);
        let r = repeats(&text, 1004, 1002, 60_000);
        assert_eq!(r, vec![(69_999, vec![1, 70_002])]);
        let idx = SuffixIndex::build(text, 1004, 1002).unwrap();
        assert!(!idx.lcp.long.is_empty(), "the long common prefixes are kept apart");
    }

    #[test]
    fn narrowing_in_pieces_keeps_every_value() {
        // Three pieces and a bit, long values on both sides of a piece edge.
        let n = (3 << PIECE_BITS) + 17;
        let mut values: Vec<i32> =
            (0..n as i32).map(|i| if i % 100_003 == 0 { 70_000 + i } else { i % 65_535 }).collect();
        let edge = 1 << PIECE_BITS;
        values[edge - 1] = 65_535;
        values[edge] = 1 << 30;
        let narrowed = Narrowed::of(values.clone());
        assert_eq!(narrowed.pieces.len(), 4);
        for (i, &v) in values.iter().enumerate() {
            assert_eq!(narrowed.get(i), Some(v as u32), "value {i}");
        }
        assert_eq!(narrowed.get(n), None);
        assert_eq!(narrowed.long.len(), values.iter().filter(|&&v| v >= 65_535).count());
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

    /// `docs` random documents of under `max_len` words over `symbols`
    /// symbols (a small alphabet: many repeats of every length), the k-th
    /// followed by `boundary(k)`.
    fn random_docs(seed: u64, docs: u32, max_len: u32, symbols: u32, boundary: impl Fn(u32) -> u32) -> Vec<u32> {
        let mut next = crate::core::test_rng::seeded(seed);
        let mut text = Vec::new();
        for k in 0..docs {
            text.extend((0..next() % max_len).map(|_| next() % symbols));
            text.push(boundary(k));
        }
        text
    }

    #[test]
    fn repeats_searched_in_parts_are_those_of_one_pass_in_the_same_order() {
        // Documents each followed by the same boundary value.
        let text = random_docs(7, 40, 300, 5, |_| 9);
        let idx = SuffixIndex::build(text.clone(), 10, 9).unwrap();
        // A `keep` with state, as the phrase index's: every third repeat.
        let make_keep = || {
            let mut seen = 0;
            move |_: u32, _: &[u32]| {
                seen += 1;
                seen % 3 != 0
            }
        };
        for min_len in [1, 2, 3, 6] {
            let whole = idx.repeats_in(0, idx.sa.len(), min_len, &mut |_, _| true);
            assert!(whole.len() > 20, "min {min_len}: {} repeats", whole.len());
            for parts in [1, 2, 3, 7, 64, 5000] {
                let got = idx.repeats_in_parts(min_len, parts, || |_, _| true);
                assert_eq!(got, whole, "min {min_len}, {parts} parts");
            }
            // Each part's own `keep` starts afresh, so only a single part
            // keeps exactly what one pass keeps.
            let one = idx.repeats_in_parts(min_len, 1, make_keep);
            assert_eq!(one, idx.repeats_in(0, idx.sa.len(), min_len, &mut make_keep()));
        }
    }

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

    #[test]
    fn a_long_text_gets_the_same_index_on_several_threads_and_prefixes_stopped_at_boundaries() {
        // Three parts of the parallel passes and a bit, documents of up to
        // 40,000 words so that some straddle the edges of the parts. Each
        // is the end of one text, followed by the same boundary value: many
        // suffixes agree up to the boundary and past it, where their common
        // prefixes must stop.
        let mut next = crate::core::test_rng::seeded(5);
        let base: Vec<u32> = (0..40_000).map(|_| next() % 30).collect();
        let mut text = Vec::new();
        while text.len() < 3 * PARALLEL_CHUNK + 1000 {
            text.extend_from_slice(&base[(next() % 40_000) as usize..]);
            text.push(100);
        }
        let one = SuffixIndex::build(text.clone(), 101, 100).unwrap();
        let two = SuffixIndex::build_threaded(SuffixText::from_ids(text.clone(), 101), 101, 100, 2).unwrap();
        assert_eq!(one.sa, two.sa);
        // The prefixes stopped in one pass from the end of the text.
        let narrow: Vec<u16> = text.iter().map(|&w| w as u16).collect();
        let sa = libsais::SuffixArrayConstruction::for_text(&narrow).in_owned_buffer32().single_threaded().run();
        let (sa, mut plcp, _) = sa.unwrap().plcp_construction().single_threaded().run().unwrap().into_parts();
        let mut to_boundary = 0;
        for p in (0..text.len()).rev() {
            to_boundary = if text[p] >= 100 { 0 } else { to_boundary + 1 };
            plcp[p] = plcp[p].min(to_boundary);
        }
        assert_eq!(one.sa, sa);
        let stopped = (1..sa.len()).filter(|&i| one.lcp(i) > 0 && text[sa[i] as usize + one.lcp(i) as usize] == 100);
        assert!(stopped.count() > 1000, "many prefixes end at a boundary");
        for i in 1..sa.len() {
            assert_eq!((one.lcp(i), two.lcp(i)), (plcp[sa[i] as usize], plcp[sa[i] as usize]), "suffix {i}");
        }
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
