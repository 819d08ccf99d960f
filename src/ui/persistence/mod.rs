//! What survives a restart: the workspace (sources, columns, settings,
//! notes) as a file of its own, and the autosave that writes it atomically
//! while the user works.

pub mod autosave;
pub mod workspace;
