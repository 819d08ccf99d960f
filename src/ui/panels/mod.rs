//! What the window shows, one module per panel: the transcript list, the
//! side-by-side columns, the phrases, search, notes and timeline panels,
//! the keyboard shortcuts window, and the small pieces they share (the
//! palette that maps the core's styles to colours, sparklines, the keyboard
//! focus ring, where windows open).

pub mod columns;
pub mod corpus_list;
pub mod dispersion;
pub mod explorer;
pub mod focus;
pub(crate) mod life_chart;
pub mod notes;
pub mod palette;
pub mod phrase_path;
pub mod phrases;
pub mod reuse_map;
pub mod search;
pub mod shortcuts;
pub(crate) mod sparkline;
pub mod speakers;
pub mod timeline;
pub mod windows;
