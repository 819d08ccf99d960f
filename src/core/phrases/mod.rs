//! Recurring phrasing across a corpus: the [`PhraseIndex`] built from the
//! transcripts, queried with [`PhraseOptions`] for a [`PhraseSet`]: each
//! phrase with its occurrences and first use, and per speech the spans that
//! repeat an earlier one, are introduced there or are unique, styled for
//! the views by [`highlight`].
//!
//! - `index`: the public index: documents added and removed, and
//!   [`PhraseIndex::phrases`], which reads as the steps of a query.
//! - `incremental`: a query after a few documents changed updates the last
//!   answer instead of searching the whole corpus ([`QueryPath`]).
//! - `raw`: the last answer's phrases as an update needs them, and how
//!   they are updated.
//! - `options`: the settings of a query.
//! - `built`: the suffix index over the corpus for one matching mode, and
//!   how it is built (whole text, or only the shared n-grams).
//! - `corpus_text`: the corpus's words laid out for it, runs capped.
//! - `shared_ngrams`: the n-grams two documents share, where phrases start.
//! - `left_mixed`: of those, the ones a maximal repeat can start at (not
//!   always preceded by the same word); `prefetch`: a cache hint.
//! - `suffix/`: the suffix array over word ids and its maximal repeats:
//!   `text` (the word ids, 16 or 32 bits wide), `construction` (the whole
//!   suffix array and common prefixes, with libsais), `sparse` (only the
//!   suffixes starting a shared n-gram, sorted group by group), `lcps` (the
//!   common prefix lengths, 16 bits wide) and `maximal_repeats` (the LCP
//!   intervals walked for repeats).
//! - `runs`: self-repeating runs (a word or a chant said over and over),
//!   indexed with a few copies so their shifts do not multiply.
//! - `repeats`: from maximal repeats to phrases placed in their documents.
//! - `gaps`: small differences bridged, inside phrases and between spans.
//! - `ordering`: the order of the phrase list, and the phrases it drops.
//! - `phrase_set`: the answer: phrases, occurrences, and per speech queries.
//! - `explore`: the whole corpus's phrases filtered and sorted for the explorer.
//! - `spans`: what each stretch of a speech is in the light of the phrases.
//! - `highlight`: the spans styled for the views.
//! - `quoting_corpus` (tests only): random speeches that quote each other.

mod built;
mod corpus_text;
mod incremental;
mod left_mixed;
mod options;
mod ordering;
mod phrase_set;
mod raw;
mod renumber;
mod repeats;
pub mod runs;
mod spans;
mod window_index;

pub mod explore;
pub mod gaps;
pub mod highlight;
pub mod index;
pub mod shared_ngrams;
pub mod suffix;

#[cfg(test)]
mod quoting_corpus;

pub use incremental::QueryPath;
pub use index::{DocId, IndexedDoc, PhraseIndex, uses_per_year};
pub use options::PhraseOptions;
pub use phrase_set::{Occurrence, Phrase, PhraseSet, SharedOccurrences};
pub use spans::{Span, SpanKind};
