//! The suffix array and common prefixes of a whole text, built with libsais
//! in linear time, the prefixes then stopped at boundaries so that no
//! repeat reaches across one.

use rayon::prelude::*;

use crate::core::phrases::suffix::lcps::{Lcps, Narrowed, PARALLEL_CHUNK};
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};

/// Texts at least this long get their suffix array built on every core.
const THREADED_SUFFIXES: usize = 4 << 20;

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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
