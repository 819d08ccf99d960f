//! Recurring phrasing across a corpus: the [`PhraseIndex`] built from the
//! transcripts (shared n-grams, a suffix index over word ids, gaps bridged
//! inside phrases), queried with [`PhraseOptions`] for a [`PhraseSet`]: each
//! phrase with its occurrences and first use, and per speech the spans that
//! repeat an earlier one, are introduced there or are unique, styled for
//! the views by [`highlight`].

pub mod gaps;
pub mod highlight;
pub mod index;
pub mod shared_ngrams;
pub mod suffix;

pub use index::{Occurrence, Phrase, PhraseIndex, PhraseOptions, PhraseSet, Span, SpanKind};
