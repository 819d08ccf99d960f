//! Text as the rest of the core sees it: a speech after import
//! ([`Transcript`]), its words found and normalized for matching in every
//! supported language ([`Language`], [`WordRanges`]), words interned as
//! numbers ([`Vocabulary`]) and stored compactly per document, dates read
//! as transcripts write them, and the fixed patterns used to read them.

pub mod dates;
pub mod doc_ids;
pub mod pattern;
pub mod tokenize;
pub mod transcript;
pub mod vocabulary;

pub use tokenize::{Language, WordRanges};
pub use transcript::Transcript;
pub use vocabulary::Vocabulary;
