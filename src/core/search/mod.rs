//! Finding every place a word or phrase was said, fast enough to search as
//! one types: a [`Query`] parsed from what the user typed, matched through
//! the [`SearchIndex`]'s postings (accent-folded unless case-sensitive), and
//! the results shown as keyword-in-context lines ([`kwic`]).

pub mod index;
pub mod kwic;

pub use index::{Query, SearchIndex, SearchOptions, SearchResults};
