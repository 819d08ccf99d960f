//! Two speeches against each other: the passages they share wherever each
//! sits ([`shared_passages`]), and the word-level revision diff of two
//! versions of one speech with moved passages ([`revision_diff`]), and that
//! diff placed in both texts for the pair view ([`PairAlignment`]); what the
//! diff compares of each word under its options ([`word_keys()`]). The word
//! diff under it goes by lines first, then words (`two_level`).

pub mod alignment;
pub mod pairwise;
pub mod reuse_map;
pub mod revision;
mod two_level;
pub mod word_keys;

pub use alignment::{Block, BlockKind, PairAlignment, Side};
pub use pairwise::{SharedPassage, shared_passages};
pub use revision::{RevisionOp, RevisionOptions, revision_diff, revision_diff_in_lines};
pub use word_keys::{Version, diff_versions, index_pair, line_starts, word_keys};
