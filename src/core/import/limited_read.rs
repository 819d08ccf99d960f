//! Reading a whole file with a size limit, and only when it is a regular
//! file: the one way Refrain reads the files a user names (transcripts,
//! sidecar tables, events files, workspaces and the notes they hold).
//!
//! A path is looked at before it is opened (symlinks followed): a folder, a
//! character or block device (`/dev/zero`, `/dev/urandom`, a disk), a
//! socket, and a FIFO (named pipe) unless the caller allows it, are refused
//! unopened, so a mistaken path can neither block forever nor fill memory.
//! A file larger than the limit is refused before a byte is read; the limit
//! is enforced again while reading (at most `limit + 1` bytes are read), so
//! a file that grows meanwhile, or an allowed FIFO, cannot exceed it either.
//!
//! Each kind of file has its own limit, a constant beside its reader:
//! transcripts `files::DEFAULT_MAX_FILE_SIZE`, sidecar tables
//! `sidecar::MAX_SIDECAR_FILE`, events files `events::MAX_EVENTS_FILE`,
//! workspaces `workspace::MAX_WORKSPACE_FILE` (in the app).

use std::io::Read;
use std::path::{Path, PathBuf};

/// What [`read_limited`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Files larger than this many bytes are refused.
    pub max_bytes: u64,
    /// Read a FIFO (named pipe, or a shell's `<(command)`) as a stream of at
    /// most `max_bytes` bytes instead of refusing it. Off by default: a
    /// FIFO nobody writes to blocks the reader forever.
    pub allow_fifo: bool,
}

impl ReadLimits {
    /// Regular files of at most `max_bytes` bytes.
    pub const fn new(max_bytes: u64) -> Self {
        ReadLimits { max_bytes, allow_fifo: false }
    }

    /// The same limits, reading FIFOs too when `allow` is true.
    pub const fn allow_fifo(self, allow: bool) -> Self {
        ReadLimits { allow_fifo: allow, ..self }
    }
}

/// What a path is, when it is neither a regular file nor a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialKind {
    /// A character device (`/dev/zero`, `/dev/urandom`, a terminal).
    CharDevice,
    /// A block device (a disk or partition).
    BlockDevice,
    /// A FIFO, also called a named pipe (what `mkfifo` makes, or a
    /// shell's `<(command)`).
    Fifo,
    /// A Unix domain socket.
    Socket,
    /// Something else the system does not call a regular file.
    Other,
}

impl std::fmt::Display for SpecialKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SpecialKind::CharDevice => "a character device",
            SpecialKind::BlockDevice => "a block device",
            SpecialKind::Fifo => "a FIFO (named pipe)",
            SpecialKind::Socket => "a socket",
            SpecialKind::Other => "a special file",
        })
    }
}

/// Why [`read_limited`] read nothing. Every message names the path and the
/// reason, so it can be shown alone.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path does not exist (or a symlink points nowhere).
    #[error("{path}: no such file")]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// A folder, where a file was expected.
    #[error("{path}: is a folder, not a file")]
    IsADirectory {
        /// The folder.
        path: PathBuf,
    },
    /// A device, socket or (not allowed) FIFO: refused unopened.
    #[error("{path}: is {kind}, not a regular file; not read")]
    Special {
        /// The path.
        path: PathBuf,
        /// What it is.
        kind: SpecialKind,
    },
    /// Larger than the limit, as its size says: refused unread.
    #[error("{path}: too large ({size} bytes; the limit is {limit} bytes); not read")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// More bytes than the limit arrived while reading (a file that grew,
    /// or a FIFO): reading stopped there and what was read is dropped.
    #[error("{path}: more than {limit} bytes (the limit) while reading it; not read")]
    OverLimitWhileReading {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// The operating system refused to open or read it.
    #[error("{path}: cannot be read: {source}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

impl ReadError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::NotFound { path }
            | ReadError::IsADirectory { path }
            | ReadError::Special { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::OverLimitWhileReading { path, .. }
            | ReadError::Unreadable { path, .. } => path,
        }
    }
}

/// What `meta` says the path is, when it is not a regular file or a folder.
fn special_kind(meta: &std::fs::Metadata) -> SpecialKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() {
            return SpecialKind::CharDevice;
        }
        if t.is_block_device() {
            return SpecialKind::BlockDevice;
        }
        if t.is_fifo() {
            return SpecialKind::Fifo;
        }
        if t.is_socket() {
            return SpecialKind::Socket;
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    SpecialKind::Other
}

/// Refuses what `meta` describes unless it is a regular file within the
/// limit, or an allowed FIFO.
fn check(path: &Path, meta: &std::fs::Metadata, limits: ReadLimits) -> Result<(), ReadError> {
    let p = || path.to_path_buf();
    if meta.is_dir() {
        return Err(ReadError::IsADirectory { path: p() });
    }
    if !meta.is_file() {
        let kind = special_kind(meta);
        if !(kind == SpecialKind::Fifo && limits.allow_fifo) {
            return Err(ReadError::Special { path: p(), kind });
        }
    }
    if meta.len() > limits.max_bytes {
        return Err(ReadError::TooLarge { path: p(), size: meta.len(), limit: limits.max_bytes });
    }
    Ok(())
}

/// Opens `path` for reading. Unless FIFOs are allowed, without waiting for
/// a writer: a regular file swapped for a FIFO between the check and the
/// open would otherwise block here (the second check then refuses it).
fn open(path: &Path, limits: ReadLimits) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if !limits.allow_fifo {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    let _ = limits;
    options.open(path)
}

/// Reads the whole file at `path` (symlinks followed) when it is a regular
/// file of at most `limits.max_bytes` bytes, or an allowed FIFO that sends
/// at most that many. Folders, devices, sockets and other FIFOs are
/// refused without being opened; see the module comment.
pub fn read_limited(path: &Path, limits: ReadLimits) -> Result<Vec<u8>, ReadError> {
    let p = || path.to_path_buf();
    let unreadable = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound { path: p() },
        _ => ReadError::Unreadable { path: p(), source },
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    check(path, &meta, limits)?;
    let file = open(path, limits).map_err(unreadable)?;
    // The same checks on what was opened, in case the path changed since.
    let meta = file.metadata().map_err(unreadable)?;
    check(path, &meta, limits)?;
    read_capped(path, file, limits.max_bytes, meta.len())
}

/// Reads `reader` to its end when it holds at most `limit` bytes, reading
/// no more than `limit + 1` of them: the limit as [`read_limited`] enforces
/// it while reading, for any reader (the fuzz target feeds it bytes).
/// `size_hint` (the file's size when known, else 0) sizes the buffer; the
/// file at `path` is named in the errors.
pub fn read_capped(path: &Path, reader: impl Read, limit: u64, size_hint: u64) -> Result<Vec<u8>, ReadError> {
    let p = || path.to_path_buf();
    // The size is a hint only (a FIFO has none; a file may shrink).
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint.min(limit)).unwrap_or(0));
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound { path: p() },
        _ => ReadError::Unreadable { path: p(), source },
    })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::OverLimitWhileReading { path: p(), limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_within_the_limit_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("events.csv");
        std::fs::write(&file, b"date,title\n").unwrap();
        assert_eq!(read_limited(&file, ReadLimits::new(11)).unwrap(), b"date,title\n");
        let err = read_limited(&file, ReadLimits::new(10)).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { size: 11, limit: 10, .. }), "{err:?}");
        assert!(err.to_string().ends_with("events.csv: too large (11 bytes; the limit is 10 bytes); not read"));
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(read_limited(&empty, ReadLimits::new(0)).unwrap(), b"");
    }

    #[test]
    fn folders_and_missing_paths_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_limited(dir.path(), ReadLimits::new(1 << 20)).unwrap_err();
        assert!(matches!(err, ReadError::IsADirectory { .. }), "{err:?}");
        assert_eq!(err.path(), dir.path());
        let missing = dir.path().join("missing.json");
        let err = read_limited(&missing, ReadLimits::new(1 << 20)).unwrap_err();
        assert!(matches!(err, ReadError::NotFound { .. }), "{err:?}");
        assert!(err.to_string().ends_with("missing.json: no such file"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_unopened_even_when_fifos_are_allowed() {
        for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            let path = Path::new(dev);
            if !path.exists() {
                continue;
            }
            let err = read_limited(path, ReadLimits::new(1 << 20).allow_fifo(true)).unwrap_err();
            assert!(matches!(err, ReadError::Special { kind: SpecialKind::CharDevice, .. }), "{err:?}");
            assert_eq!(err.to_string(), format!("{dev}: is a character device, not a regular file; not read"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_judged_by_what_it_points_to() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("events.csv");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = read_limited(&link, ReadLimits::new(1 << 20)).unwrap_err();
        assert!(matches!(err, ReadError::Special { kind: SpecialKind::CharDevice, .. }), "{err:?}");
        let target = dir.path().join("real.csv");
        std::fs::write(&target, b"x").unwrap();
        let good = dir.path().join("good.csv");
        std::os::unix::fs::symlink(&target, &good).unwrap();
        assert_eq!(read_limited(&good, ReadLimits::new(1)).unwrap(), b"x");
    }

    /// Makes a FIFO at `path` with the system's `mkfifo`.
    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success(), "mkfifo {}", path.display());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_unopened_unless_allowed_and_then_read_within_the_limit() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("events.csv");
        mkfifo(&fifo);
        // Nobody writes to it: refused at once rather than waited on.
        let err = read_limited(&fifo, ReadLimits::new(1 << 20)).unwrap_err();
        assert!(matches!(err, ReadError::Special { kind: SpecialKind::Fifo, .. }), "{err:?}");
        assert!(err.to_string().ends_with("events.csv: is a FIFO (named pipe), not a regular file; not read"));
        // Allowed: read to the end of what the writer sends.
        let send = |bytes: Vec<u8>| {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
                // The reader may stop early and close its end (a broken pipe).
                let _ = w.write_all(&bytes);
            })
        };
        let writer = send(b"date,title\n1969,Moon\n".to_vec());
        assert_eq!(read_limited(&fifo, ReadLimits::new(100).allow_fifo(true)).unwrap(), b"date,title\n1969,Moon\n");
        writer.join().unwrap();
        // A FIFO sending more than the limit is cut off at limit + 1 bytes.
        let writer = send(vec![b'x'; 1 << 20]);
        let err = read_limited(&fifo, ReadLimits::new(1000).allow_fifo(true)).unwrap_err();
        assert!(matches!(err, ReadError::OverLimitWhileReading { limit: 1000, .. }), "{err:?}");
        writer.join().unwrap();
    }
}
