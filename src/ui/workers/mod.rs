//! Work that runs beside the window so a frame never waits for it: loading
//! transcripts, indexing them, watching their files for changes. Each
//! worker wakes the window with `request_repaint` when it has news.

pub mod indexer;
pub mod loader;
pub mod watcher;
