//! Work that runs beside the window so a frame never waits for it: loading
//! transcripts, indexing them, searching them, watching their files for
//! changes, reading events files and workspaces ([`file_read`]). Indexing
//! and searching answer only the newest request ([`latest`]). Each worker
//! wakes the window with `request_repaint` when it has news.

pub mod file_read;
pub mod indexer;
pub mod keyed_job;
pub mod latest;
pub mod loader;
pub mod priority;
pub mod search;
pub mod watcher;
