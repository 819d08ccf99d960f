//! From files on disk to [`Transcript`](crate::core::text::Transcript)s:
//! folders walked and size limits checked ([`import_paths`], [`Importer`]),
//! bytes decoded to clean text ([`decode`]), the file's layout recognized
//! (front matter, a ministry's page, subtitles, bylines) with sidecar
//! metadata tables, every failure named per file ([`ImportError`]), and the
//! built-in sample set.

pub mod byline;
pub mod decode;
pub mod error;
pub mod files;
pub mod front_matter;
pub mod ministry;
pub mod recognize;
pub mod samples;
pub mod sidecar;
pub mod subtitles;

pub use error::ImportError;
pub use files::{FileOutcome, ImportOptions, Importer, import_paths};
