//! The common prefix lengths of a suffix array, 16 bits each with the few
//! longer ones kept apart: half the memory of 32-bit values, at the moment
//! the suffix array and its permuted prefixes are held too.

use rayon::prelude::*;

use crate::core::phrases::suffix::SuffixError;

/// Common prefix lengths in suffix-array order: 16 bits each, the few of
/// 65,535 words or more kept apart (a document copied whole into another).
/// Half the memory of 32-bit values: 40 MB instead of 80 for 20 million
/// words, at the moment the suffix array and its permuted prefixes are held
/// too.
#[derive(Debug, Clone, Default)]
pub(super) struct Lcps {
    pub(super) short: Vec<u16>,
    /// `(index, length)` of each value too long for `short`, by index.
    pub(super) long: Vec<(u32, u32)>,
}

impl Lcps {
    /// Marks a value kept in `long`.
    const LONG: u16 = u16::MAX;

    /// These values (common prefixes in text order) put in the order of
    /// `sa`, with the first value 0.
    pub(super) fn gather(text_order: &Narrowed, sa: &[i32]) -> Result<Lcps, SuffixError> {
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
    pub(super) fn get(&self, i: usize) -> i32 {
        self.short.get(i).map_or(0, |&v| widen(i, v, &self.long) as i32)
    }
}

/// 32-bit values narrowed to 16 bits in pieces, the wide array shrinking
/// as the narrow one grows: the two widths are never held whole at once.
pub(super) struct Narrowed {
    /// Values `k << PIECE_BITS ..` in piece `k`; [`Lcps::LONG`] marks a value
    /// kept in `long`.
    pieces: Vec<Vec<u16>>,
    /// `(index, value)` of the values too long for a piece, by index.
    long: Vec<(u32, u32)>,
}

/// Values per part when the common prefixes are stopped at boundaries and
/// gathered in parallel.
pub(super) const PARALLEL_CHUNK: usize = 1 << 18;
/// How many suffixes ahead [`Lcps::gather`] asks for the value it will
/// read.
const PREFETCH_AHEAD: usize = 32;
/// A piece holds 2^20 values (2 MiB narrow).
const PIECE_BITS: u32 = 20;

impl Narrowed {
    pub(super) fn of(mut values: Vec<i32>) -> Narrowed {
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
pub(super) fn narrow(i: usize, v: u32, long: &mut Vec<(u32, u32)>) -> u16 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::suffix::SuffixIndex;
    use crate::core::phrases::suffix::testing::repeats;

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
}
