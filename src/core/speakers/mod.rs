//! Who said it first: the speakers (or any other metadata field, such as
//! party) behind the recurring phrases, computed from a
//! [`PhraseSet`](crate::core::phrases::PhraseSet) already found (its
//! occurrences are in chronological order), without reading the text
//! again.
//!
//! - `groups`: each speech's speaker (or value of any field) and date
//!   ([`SpeechGroups`]).
//! - `path`: a phrase's path: its first speaker and every later speaker's
//!   first use with the lag ([`PhrasePath`]); the rules for undated
//!   speeches and speeches without a speaker are there.
//! - `table`: the speaker × speaker table, self-repetition apart from
//!   borrowing, each pair's phrases with a pair of speeches ([`PairTable`]).
//! - `introduced`: which of a speech's new phrases were taken up later,
//!   and by whom ([`introduced_in`]).
//! - `filter`: phrases filtered by speaker and date range
//!   ([`PhraseFilter`]).

pub mod filter;
pub mod groups;
pub mod introduced;
pub mod path;
pub mod table;

pub use filter::{DateRange, DateRangeError, PhraseFilter, Uses};
pub use groups::{GroupId, SpeechGroups};
pub use introduced::{Introduced, introduced_in};
pub use path::{Origin, PathStep, PhrasePath};
pub use table::{PairCell, PairPhrase, PairTable, Skipped};
