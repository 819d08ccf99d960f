//! The GUI-free core of Refrain: importing transcripts and everything
//! computed from them. Nothing here depends on egui or eframe, so the app,
//! the command line and the tests all share it.

pub mod byline;
pub mod colors;
pub mod dates;
pub mod decode;
pub mod doc_ids;
pub mod error;
pub mod events;
pub mod export;
pub mod front_matter;
pub mod gaps;
pub mod highlight;
pub mod import;
pub mod kwic;
pub mod memory;
pub mod mentions;
pub mod ministry;
pub mod notes;
pub mod pairwise;
pub mod pattern;
pub mod phrases;
pub mod recognize;
pub mod report;
pub mod revision;
pub mod samples;
pub mod search;
pub mod shared_ngrams;
pub mod sidecar;
pub mod subtitles;
pub mod suffix;
#[cfg(test)]
mod test_rng;
pub mod timeaxis;
pub mod timeline;
pub mod timeline_export;
pub mod timeline_notes;
pub mod timeline_search;
pub mod timeline_svg;
pub mod tokenize;
pub mod transcript;
pub mod vocabulary;
