//! Text as the rest of the core sees it: a speech after import
//! ([`Transcript`]), its words found and normalized for matching in every
//! supported language ([`Language`], [`WordRanges`]), words interned as
//! numbers ([`Vocabulary`]) and stored compactly per document, dates read
//! as transcripts write them, the fixed patterns used to read them, and
//! a line shortened to a width for labels and tables ([`shorten`]), and
//! the per-year count the exports write ([`YearCount`]).

pub mod dates;
pub mod doc_ids;
pub mod pattern;
pub mod shorten;
pub mod tokenize;
pub mod transcript;
pub mod vocabulary;
pub mod year_counts;

pub use shorten::shorten;
pub use tokenize::{Language, WordRanges};
pub use transcript::Transcript;
pub use vocabulary::Vocabulary;
pub use year_counts::YearCount;
