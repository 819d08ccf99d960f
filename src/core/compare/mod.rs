//! Two speeches against each other: the passages they share wherever each
//! sits ([`shared_passages`]), and the word-level revision diff of two
//! versions of one speech with moved passages ([`revision_diff`]), and that
//! diff placed in both texts for the pair view ([`PairAlignment`]); what the
//! diff compares of each word under its options ([`word_keys()`]).

pub mod alignment;
pub mod pairwise;
pub mod revision;
pub mod word_keys;

pub use alignment::{Block, BlockKind, PairAlignment, Side};
pub use pairwise::{SharedPassage, shared_passages};
pub use revision::{RevisionOp, RevisionOptions, revision_diff};
pub use word_keys::{Version, diff_versions, word_keys};
