//! Finding every place a word or phrase was said, fast enough to search as
//! one types. A [`Query`] is parsed from what the user typed with its
//! [`SearchOptions`] (`query`), run on the [`SearchIndex`] (`index`), which
//! keeps every word as its accent-folded key (`fold`) and where each key is
//! used (`postings`), matched word by word (`matching`), and gives
//! [`SearchResults`] in date order (`results`), shown as keyword-in-context
//! lines ([`kwic`]). [`naive_search`] is the slow reference the benchmarks
//! and tests compare with.

mod fold;
mod index;
pub mod kwic;
mod matching;
mod naive;
mod postings;
mod query;
mod results;

pub use fold::{fold_accents, search_key};
pub use index::SearchIndex;
pub use naive::naive_search;
pub use query::{Query, QueryError, SearchOptions};
pub use results::{DocHits, SearchResults};
