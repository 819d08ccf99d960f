//! Text as the rest of the core sees it: a speech after import
//! ([`Transcript`]), its words found and normalized for matching in every
//! supported language ([`Language`], [`WordRanges`]; Chinese and Japanese
//! by a dictionary segmenter) and cut into
//! sentences ([`sentence_around`]), words interned as
//! numbers ([`Vocabulary`]) and stored compactly per document, dates read
//! as transcripts write them, the fixed patterns used to read them, and
//! a line shortened to a width for labels and tables ([`shorten()`]), and
//! counts per year ([`YearCount`], [`per_year`]); which links are opened
//! ([`links::safe_link`]).

mod cjk;
mod language;
mod normalize;
mod sentences;
mod word_ranges;
mod words;

pub mod bidi;
pub mod dates;
pub mod doc_ids;
pub mod fields;
pub mod links;
pub mod pattern;
pub mod shorten;
pub mod transcript;
pub mod vocabulary;
pub mod year_counts;

pub use cjk::is_han;
pub use language::{Language, StemLanguage};
pub use normalize::{is_number, normalize, normalize_into};
pub use sentences::sentence_around;
pub use shorten::shorten;
pub use transcript::Transcript;
pub use vocabulary::Vocabulary;
pub use word_ranges::WordRanges;
pub use words::{Word, for_each_word, for_each_word_segment, tokenize};
pub use year_counts::{YearCount, per_year};
