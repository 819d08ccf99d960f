//! From files on disk to [`Transcript`](crate::core::text::Transcript)s:
//! folders walked and size limits checked ([`import_paths`], [`Importer`]),
//! bytes decoded to clean text ([`decode`]), the file's layout recognized
//! (front matter, a ministry's page, subtitles, bylines) with sidecar
//! metadata tables, every failure named per file ([`ImportError`]), every
//! file a user names read with a size limit and only when it is a regular
//! file ([`limited_read`]), the
//! built-in sample set, and where the shared corpus the tests and
//! benchmarks read is ([`shared_corpus`]).

pub mod byline;
pub mod decode;
pub mod error;
pub mod files;
pub mod front_matter;
pub mod limited_read;
pub mod ministry;
pub mod recognize;
pub mod samples;
pub mod shared_corpus;
pub mod sidecar;
pub mod subtitles;

pub use error::ImportError;
pub use files::{FileOutcome, ImportOptions, Importer, import_paths};
