//! Finding every place a word or phrase was said, fast enough to search as
//! one types. A [`Query`] is parsed from what the user typed with its
//! [`SearchOptions`] (`query`), run on the [`SearchIndex`] (`index`), which
//! keeps every word as its accent-folded key (`fold`) and where each key is
//! used (`postings`), matched word by word (`matching`), and gives
//! [`SearchResults`] in date order (`results`), shown as keyword-in-context
//! lines ([`kwic`]), sorted by their context ([`sort_by_context`]) and
//! written as CSV ([`write_concordance_csv`]), or counted and walked
//! without keeping every match ([`MatchCounts`]); where in each speech the
//! matches (or a phrase's occurrences) are: [`dispersion`].
//! [`naive_search`] is the slow reference the benchmarks and tests compare
//! with.

mod concordance_csv;
mod context_sort;
pub mod dispersion;
mod fold;
mod index;
pub mod kwic;
mod match_counts;
mod matching;
mod naive;
mod postings;
mod query;
mod results;

pub use concordance_csv::{CONCORDANCE_HEADER, write_concordance_csv};
pub use context_sort::{
    ContextSide, ContextSort, Hit, context_key, first_by_context, sort_by_context, sort_hits_by_context,
};
pub use dispersion::{DispersionRow, phrase_dispersion, phrase_dispersion_by, search_dispersion};
pub use fold::{fold_accents, search_key};
pub use index::SearchIndex;
pub use match_counts::MatchCounts;
pub use naive::naive_search;
pub use query::{Query, QueryError, SearchOptions};
pub use results::{DocHits, SearchResults};
