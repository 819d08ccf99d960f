//! Files for other programs and other people: recurring phrases and the
//! timeline as CSV or JSON, the self-contained HTML report with the
//! timeline as inline SVG, the word diff of two versions as a unified word
//! diff or an HTML page, each document's n-gram hashes as JSON Lines for a
//! distributed engine (`shingles`), the highlight colours the report shares with the
//! app, the atomic writing every export uses, and the spreadsheet-safe
//! cells of every CSV.

pub mod atomic;
pub mod citation;
pub mod colors;
pub mod csv_cell;
pub mod phrases;
pub mod report;
pub mod reuse_sections;
pub mod shingles;
pub mod timeline;
pub mod timeline_svg;
pub mod word_diff;

pub use atomic::{OutputError, Written, write_atomic, write_output};
pub use report::render_report;
pub use word_diff::{html_word_diff, unified_word_diff};
