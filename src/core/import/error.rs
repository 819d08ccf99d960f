//! Why a file could not be imported.

use std::path::PathBuf;

use thiserror::Error;

use crate::core::import::files::TRANSCRIPT_EXTENSIONS;

/// The reason one file was refused. Every variant names the file, so a
/// message can be shown on its own in a list of failures.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The path does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The missing path.
        path: PathBuf,
    },
    /// A folder was given where a single transcript file was expected.
    #[error("{path}: is a folder, not a transcript file")]
    IsADirectory {
        /// The folder.
        path: PathBuf,
    },
    /// Something that is neither a regular file nor a folder (a device, a
    /// socket, a pipe).
    #[error("{path}: not a regular file")]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The operating system refused to read the file.
    #[error("{path}: cannot be read: {source}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file holds no bytes, or only whitespace.
    #[error("{path}: the file is empty")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file has a header (front matter, metadata lines) but no text.
    #[error("{path}: no text besides the header")]
    NoText {
        /// The file.
        path: PathBuf,
    },
    /// The file holds binary data, not text.
    #[error("{path}: not a text file ({kind})")]
    Binary {
        /// The file.
        path: PathBuf,
        /// What it looks like (`PNG image`, `ZIP archive`, `binary data`).
        kind: String,
    },
    /// The file is larger than the configured limit; it was not read.
    #[error("{path}: too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Walking a folder failed (a symlink loop, a folder that cannot be listed).
    #[error("{path}: {reason}")]
    Walk {
        /// The entry that failed.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A folder given to read holds no transcript: nothing at all, or no
    /// file with a transcript's extension outside hidden folders. Reported
    /// like a file that failed, so that a wrong folder is not silently an
    /// empty corpus.
    #[error("{path}: no transcripts found ({})", no_transcripts_reason(.empty))]
    NoTranscripts {
        /// The folder.
        path: PathBuf,
        /// True when the folder holds nothing at all.
        empty: bool,
    },
}

/// Why a folder gave no transcripts, for [`ImportError::NoTranscripts`].
fn no_transcripts_reason(empty: &bool) -> String {
    if *empty {
        "empty folder".to_string()
    } else {
        let extensions: Vec<String> = TRANSCRIPT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
        format!("no {} file in it", extensions.join(", "))
    }
}

impl ImportError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &PathBuf {
        match self {
            ImportError::NotFound { path }
            | ImportError::IsADirectory { path }
            | ImportError::NotAFile { path }
            | ImportError::Unreadable { path, .. }
            | ImportError::Empty { path }
            | ImportError::NoText { path }
            | ImportError::Binary { path, .. }
            | ImportError::TooLarge { path, .. }
            | ImportError::Walk { path, .. }
            | ImportError::NoTranscripts { path, .. } => path,
        }
    }
}
