//! Two speeches against each other: the passages they share wherever each
//! sits ([`shared_passages`]), and the word-level revision diff of two
//! versions of one speech with moved passages ([`revision_diff`]).

pub mod pairwise;
pub mod revision;

pub use pairwise::{SharedPassage, shared_passages};
pub use revision::{RevisionOp, RevisionOptions, revision_diff};
