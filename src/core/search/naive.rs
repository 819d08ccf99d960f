//! A simple, slow reference search, for benchmarks and tests to compare the
//! [`SearchIndex`](super::SearchIndex) with.

use std::borrow::Borrow;

use crate::core::text::transcript::Transcript;

/// A simple, slow reference search: every body lowercased and scanned for
/// the phrase as text. Only for benchmarks and tests to compare with.
pub fn naive_search<T: Borrow<Transcript>>(transcripts: &[T], phrase: &str) -> usize {
    let needle = phrase.to_lowercase();
    if needle.is_empty() {
        return 0;
    }
    transcripts.iter().map(|t| t.borrow().body.to_lowercase().matches(needle.as_str()).count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_occurrence_whatever_the_case() {
        let ts = vec![
            Transcript::from_text("undated", "undated", "peace"),
            Transcript::from_text("late", "late", "peace now"),
            Transcript::from_text("early", "early", "peace, peace"),
        ];
        assert_eq!(naive_search(&ts, "PEACE"), 4);
        assert_eq!(naive_search(&ts, ""), 0);
    }
}
