//! The GUI-free core of Refrain: importing transcripts and everything
//! computed from them. Nothing here depends on egui or eframe, so the app,
//! the command line and the tests all share it.
//!
//! One folder per subsystem, each depending only on the ones above it:
//! - [`text`]: words, languages, dates and the [`text::Transcript`] every
//!   other room works on;
//! - [`import`]: files on disk to transcripts;
//! - [`phrases`]: recurring phrasing across a corpus;
//! - [`compare`]: two speeches against each other;
//! - [`speakers`]: who said a phrase first and who took it up;
//! - [`search`]: finding words and phrases as one types;
//! - [`timeline`]: everything with a date on one axis;
//! - [`export`]: files for other programs and other people;
//! - [`notes`]: what an analyst writes on a place, a phrase, a speech or an
//!   event; [`memory`]: giving indexing's memory back to the system.

pub mod compare;
pub mod export;
pub mod import;
pub mod memory;
pub mod notes;
pub mod phrases;
pub(crate) mod prefetch;
pub mod search;
pub mod speakers;
#[cfg(test)]
mod test_rng;
#[cfg(test)]
pub(crate) mod test_speech;
pub mod text;
pub mod timeline;
