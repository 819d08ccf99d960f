//! Writing an output whole or not at all, to whatever the path names: every
//! export, the workspace, the screenshots and the command line's reports save
//! through [`write_output`] (or [`write_atomic`], the same with a plain I/O
//! error), which decides by what the path is:
//!
//! - a regular file, new or existing: written atomically (a temporary file
//!   beside it, flushed, then renamed over it), so a crash, a full disk or a
//!   failed rename never leaves half a file under the name asked for, nor a
//!   temporary file beside it; an existing file keeps its permissions;
//! - `-` or `/dev/stdout`: standard output (`/dev/stderr`: standard error);
//! - a character device, a FIFO or a socket (`/dev/null`, a terminal, a named
//!   pipe), or an open descriptor (`/dev/fd/N`): written through, never
//!   renamed over nor replaced;
//! - a symbolic link: what it leads to, by the same rules; a link to a
//!   regular file has that file replaced atomically in its own folder and
//!   stays a link;
//! - a folder, a block device or a link leading nowhere: refused with an
//!   error naming it.
//!
//! Nothing that is not a regular file is ever replaced.

use std::fs::{Metadata, OpenOptions, Permissions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Why an output was not written. Every message names the path given;
/// causes are part of the message, so not also given as the error's source.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path is a folder (or a link to one).
    #[error("{path}: {}", FOLDER)]
    Folder {
        /// The path given.
        path: PathBuf,
    },
    /// The path is a block device (or a link to one): a disk or a
    /// partition, which an export must never overwrite.
    #[error("{path}: {}", BLOCK_DEVICE)]
    BlockDevice {
        /// The path given.
        path: PathBuf,
    },
    /// The path is a symbolic link whose target does not exist. Refused
    /// rather than replacing the link by a file or creating a file at a
    /// place the name does not show.
    #[error("{path}: is a link to {target}, which does not exist")]
    DanglingLink {
        /// The path given.
        path: PathBuf,
        /// Where the link points, as written in it.
        target: PathBuf,
    },
    /// Reading what the path is, or writing, failed.
    #[error("{path}: cannot be written: {error}")]
    Io {
        /// The path given.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
}

const FOLDER: &str = "is a folder; name a file to write";
const BLOCK_DEVICE: &str = "is a block device (a disk); Refrain writes only to files, pipes, sockets and terminals";

impl OutputError {
    /// The path given, as named in the message.
    pub fn path(&self) -> &Path {
        match self {
            OutputError::Folder { path }
            | OutputError::BlockDevice { path }
            | OutputError::DanglingLink { path, .. }
            | OutputError::Io { path, .. } => path,
        }
    }

    /// The kind of I/O error this is, so a caller can tell a closed pipe
    /// (`BrokenPipe`) from a real failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            OutputError::Folder { .. } => ErrorKind::IsADirectory,
            OutputError::BlockDevice { .. } => ErrorKind::Unsupported,
            OutputError::DanglingLink { .. } => ErrorKind::NotFound,
            OutputError::Io { error, .. } => error.kind(),
        }
    }

    /// The error as a plain I/O error whose message does not repeat the
    /// path, for callers whose own errors name it.
    pub fn into_io(self) -> std::io::Error {
        let kind = self.kind();
        match self {
            OutputError::Io { error, .. } => error,
            OutputError::Folder { .. } => std::io::Error::new(kind, FOLDER),
            OutputError::BlockDevice { .. } => std::io::Error::new(kind, BLOCK_DEVICE),
            OutputError::DanglingLink { target, .. } => {
                std::io::Error::new(kind, format!("is a link to {}, which does not exist", target.display()))
            }
        }
    }
}

/// How an output was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Atomically, to this regular file: the path given, or the file a link
    /// given leads to.
    File(PathBuf),
    /// Through to a device, a FIFO, a socket or an open descriptor.
    Through,
    /// To standard output.
    Stdout,
}

/// Writes `bytes` to what `path` names, deciding by what it is (see the
/// module's documentation): atomically to a regular file, through to a
/// special file, to standard output for `-`; a folder, a block device or a
/// dangling link is refused. Returns how it was written.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<Written, OutputError> {
    let io = |error| OutputError::Io { path: path.to_path_buf(), error };
    match Destination::of(path)? {
        Destination::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush()).map_err(io)?;
            Ok(Written::Stdout)
        }
        Destination::Stderr => {
            std::io::stderr().lock().write_all(bytes).map_err(io)?;
            Ok(Written::Through)
        }
        Destination::Through => {
            write_through(path, bytes).map_err(io)?;
            Ok(Written::Through)
        }
        #[cfg(unix)]
        Destination::Socket => {
            let mut stream = std::os::unix::net::UnixStream::connect(path).map_err(io)?;
            stream.write_all(bytes).and_then(|()| stream.shutdown(std::net::Shutdown::Write)).map_err(io)?;
            Ok(Written::Through)
        }
        Destination::File { target, permissions } => {
            replace_atomically(&target, permissions.as_ref(), bytes).map_err(io)?;
            Ok(Written::File(target))
        }
    }
}

/// Writes `bytes` to what `path` names, as [`write_output`] does, for
/// callers whose own errors name the path: the error is a plain I/O error
/// (of kind `IsADirectory` for a folder) that does not repeat it.
///
/// A regular file is written atomically: to a temporary file of this
/// process beside it, flushed to disk, then renamed over it, then the
/// folder flushed so the rename survives a power cut too. A failure leaves
/// no temporary file behind and `path` as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_output(path, bytes).map(|_| ()).map_err(OutputError::into_io)
}

/// What a path names, as far as writing to it goes.
#[derive(Debug, PartialEq, Eq)]
enum Destination {
    /// `-` or `/dev/stdout`.
    Stdout,
    /// `/dev/stderr`.
    Stderr,
    /// A character device, a FIFO, an open descriptor (`/dev/fd/N`): opened
    /// for writing and written.
    Through,
    /// A socket: connected to and written.
    #[cfg(unix)]
    Socket,
    /// A regular file, new or existing, at `target` (the path given, or
    /// the file a link leads to), with its permissions when it exists.
    File { target: PathBuf, permissions: Option<Permissions> },
}

impl Destination {
    /// What `path` names, refusing folders, block devices and dangling links.
    fn of(path: &Path) -> Result<Destination, OutputError> {
        let io = |error| OutputError::Io { path: path.to_path_buf(), error };
        if path == Path::new("-") || path == Path::new("/dev/stdout") {
            return Ok(Destination::Stdout);
        }
        if path == Path::new("/dev/stderr") {
            return Ok(Destination::Stderr);
        }
        if is_open_descriptor(path) {
            return Ok(Destination::Through);
        }
        let own = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Ok(Destination::File { target: path.to_path_buf(), permissions: None });
            }
            Err(e) => return Err(io(e)),
        };
        if !own.file_type().is_symlink() {
            return Self::by_type(path, path.to_path_buf(), own);
        }
        // A link: what it leads to decides; a regular file there is
        // replaced in its own folder, so the link stays a link.
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {
                let target = std::fs::canonicalize(path).map_err(io)?;
                Self::by_type(path, target, m)
            }
            Ok(m) => Self::by_type(path, path.to_path_buf(), m),
            Err(e) if e.kind() == ErrorKind::NotFound => Err(OutputError::DanglingLink {
                path: path.to_path_buf(),
                target: std::fs::read_link(path).map_err(io)?,
            }),
            Err(e) => Err(io(e)),
        }
    }

    /// The destination for `meta`, the metadata of what `path` leads to
    /// (`target`, when a regular file).
    fn by_type(path: &Path, target: PathBuf, meta: Metadata) -> Result<Destination, OutputError> {
        let kind = meta.file_type();
        if kind.is_file() {
            return Ok(Destination::File { target, permissions: Some(meta.permissions()) });
        }
        if kind.is_dir() {
            return Err(OutputError::Folder { path: path.to_path_buf() });
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_block_device() {
                return Err(OutputError::BlockDevice { path: path.to_path_buf() });
            }
            if kind.is_socket() {
                return Ok(Destination::Socket);
            }
        }
        Ok(Destination::Through)
    }
}

/// True for a name of a descriptor this process has open: `/dev/fd/N`,
/// `/proc/self/fd/N`, `/proc/PID/fd/N`. Such a name leads to whatever the
/// descriptor is (a pipe, a file the shell opened); written through, a file
/// there is not replaced under the descriptor's feet.
fn is_open_descriptor(path: &Path) -> bool {
    let Some(parent) = path.parent() else { return false };
    if parent == Path::new("/dev/fd")
        || parent == Path::new("/proc/self/fd")
        || parent == Path::new("/proc/thread-self/fd")
    {
        return true;
    }
    let mut parts = parent.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    matches!(
        (parts.next().as_deref(), parts.next().as_deref(), parts.next(), parts.next().as_deref(), parts.next()),
        (Some("/"), Some("proc"), Some(pid), Some("fd"), None) if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    )
}

/// Opens what `path` names for writing, without creating, truncating or
/// replacing anything, and writes `bytes` to it.
fn write_through(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).open(path)?;
    f.write_all(bytes)?;
    f.flush()
}

/// Replaces the regular file `target` (or creates it) atomically: a
/// temporary file created anew beside it under a name no other file has
/// (`NAME.tmp-` and random letters), never opened through a link planted
/// there, written, flushed to disk and renamed over `target`. The temporary
/// file has the permissions of the file it replaces, or those
/// `File::create` gives a new one, so the saved file is as readable as
/// before, or as a plain write would make it.
fn replace_atomically(target: &Path, permissions: Option<&Permissions>, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut prefix = target.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    prefix.push(".tmp-");
    // `make_in` rather than `NamedTempFile::new_in`: the latter creates the
    // file readable by its owner only and names the temporary path in its
    // errors; the file opened here is what `File::create` would make.
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .make_in(dir, |p| OpenOptions::new().write(true).create_new(true).open(p))?;
    // On any error from here, dropping `tmp` removes the temporary file.
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p.clone())?;
    }
    tmp.as_file_mut().write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Something other than a regular file put there since it was looked
    // at is left alone.
    match std::fs::symlink_metadata(target) {
        Ok(m) if !m.is_file() => {
            return Err(std::io::Error::new(ErrorKind::AlreadyExists, "is no longer a regular file; left as it is"));
        }
        _ => {}
    }
    tmp.persist(target).map_err(|e| e.error)?;
    // The rename itself survives a power cut only once the folder is
    // flushed too. Best effort: the file is already in place, and some
    // systems cannot flush a folder.
    #[cfg(unix)]
    {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn atomic_write_replaces_and_reports_failures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        assert_eq!(write_output(&path, b"one").unwrap(), Written::File(path.clone()));
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.csv"], "no temporary file left");
        assert!(write_atomic(&dir.path().join("missing/out.csv"), b"x").is_err());
        assert_eq!(names(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_folder_is_refused_by_name_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("blocked.csv");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside"), b"keep").unwrap();
        let e = write_output(&blocked, b"x").unwrap_err();
        assert!(matches!(e, OutputError::Folder { .. }), "{e:?}");
        assert_eq!(e.to_string(), format!("{}: is a folder; name a file to write", blocked.display()));
        assert_eq!(e.path(), blocked);
        // As a plain I/O error, of its kind, without the path again.
        let io = write_atomic(&blocked, b"x").unwrap_err();
        assert_eq!(io.kind(), ErrorKind::IsADirectory);
        assert_eq!(io.to_string(), "is a folder; name a file to write");
        assert_eq!(names(dir.path()), ["blocked.csv"]);
        assert_eq!(std::fs::read(blocked.join("inside")).unwrap(), b"keep");
        assert!(matches!(write_output(Path::new("."), b"x"), Err(OutputError::Folder { .. })));
    }

    #[test]
    fn a_longer_file_is_replaced_whole_by_a_shorter_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_atomic(&path, &[b'a'; 10_000]).unwrap();
        write_atomic(&path, b"short").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short");
    }

    #[test]
    fn standard_output_and_open_descriptors_are_named_as_such() {
        assert_eq!(Destination::of(Path::new("-")).unwrap(), Destination::Stdout);
        assert_eq!(Destination::of(Path::new("/dev/stdout")).unwrap(), Destination::Stdout);
        assert_eq!(Destination::of(Path::new("/dev/stderr")).unwrap(), Destination::Stderr);
        for p in ["/dev/fd/3", "/proc/self/fd/1", "/proc/thread-self/fd/4", "/proc/1234/fd/5"] {
            assert!(is_open_descriptor(Path::new(p)), "{p}");
        }
        for p in ["/proc/self/fdx/1", "/proc/12a/fd/1", "/proc/1/fd", "fd/1", "/dev/null", "-", "/"] {
            assert!(!is_open_descriptor(Path::new(p)), "{p}");
        }
        // A file named `-` elsewhere is a file.
        assert!(matches!(Destination::of(Path::new("./-")).unwrap(), Destination::File { .. }));
    }

    #[cfg(unix)]
    mod special_files {
        use std::io::Read;
        use std::os::unix::fs::{FileTypeExt, PermissionsExt};

        use super::*;

        fn mode(p: &Path) -> u32 {
            std::fs::metadata(p).unwrap().permissions().mode() & 0o777
        }

        #[test]
        fn a_link_planted_where_temporary_files_go_is_not_followed() {
            let dir = tempfile::tempdir().unwrap();
            let victim = dir.path().join("victim");
            std::fs::write(&victim, b"untouched").unwrap();
            // A link at the name an earlier writer used (`NAME.tmp-PID`)
            // leads to the victim: writing creates a file of its own, never
            // opens one that is there.
            let path = dir.path().join("out.csv");
            std::os::unix::fs::symlink(&victim, dir.path().join(format!("out.csv.tmp-{}", std::process::id())))
                .unwrap();
            write_atomic(&path, b"new").unwrap();
            assert_eq!(std::fs::read(&victim).unwrap(), b"untouched");
            assert_eq!(std::fs::read(&path).unwrap(), b"new");
            assert!(!std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
            // Saved as readable as a plain write makes it, not owner-only.
            let plain = dir.path().join("plain");
            std::fs::write(&plain, b"p").unwrap();
            assert_eq!(mode(&path), mode(&plain));
            // Only the file written, the victim, the plain one and the link.
            assert_eq!(names(dir.path()).len(), 4);
        }

        #[test]
        fn an_existing_file_keeps_its_permissions() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("notes.json");
            std::fs::write(&path, b"private").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            write_atomic(&path, b"still private").unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), b"still private");
            assert_eq!(mode(&path), 0o600);
        }

        #[test]
        fn a_link_to_a_file_stays_a_link_and_its_target_is_replaced_in_its_folder() {
            let dir = tempfile::tempdir().unwrap();
            let (real, links) = (dir.path().join("real"), dir.path().join("links"));
            std::fs::create_dir_all(&real).unwrap();
            std::fs::create_dir_all(&links).unwrap();
            let target = real.join("report.html");
            std::fs::write(&target, b"old, and longer than the new").unwrap();
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
            let link = links.join("report.html");
            // A relative link, as `ln -s ../real/report.html` makes.
            std::os::unix::fs::symlink("../real/report.html", &link).unwrap();
            let written = write_output(&link, b"new").unwrap();
            assert_eq!(written, Written::File(std::fs::canonicalize(&target).unwrap()));
            assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
            assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("../real/report.html"));
            assert_eq!(std::fs::read(&target).unwrap(), b"new");
            assert_eq!(mode(&target), 0o640);
            assert_eq!(names(&real), ["report.html"], "no temporary file left");
            assert_eq!(names(&links), ["report.html"]);
            // A link to a link to the file: the same.
            let again = dir.path().join("again");
            std::os::unix::fs::symlink(&link, &again).unwrap();
            write_atomic(&again, b"newer").unwrap();
            assert_eq!(std::fs::read(&target).unwrap(), b"newer");
            assert!(std::fs::symlink_metadata(&again).unwrap().file_type().is_symlink());
        }

        #[test]
        fn a_link_leading_nowhere_or_to_a_folder_is_refused_and_kept() {
            let dir = tempfile::tempdir().unwrap();
            let dangling = dir.path().join("dangling.csv");
            std::os::unix::fs::symlink("nowhere/else.csv", &dangling).unwrap();
            let e = write_output(&dangling, b"x").unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("{}: is a link to nowhere/else.csv, which does not exist", dangling.display())
            );
            assert_eq!(e.kind(), ErrorKind::NotFound);
            assert_eq!(std::fs::read_link(&dangling).unwrap(), Path::new("nowhere/else.csv"));
            let folder = dir.path().join("folder");
            std::fs::create_dir(&folder).unwrap();
            let to_folder = dir.path().join("to-folder");
            std::os::unix::fs::symlink(&folder, &to_folder).unwrap();
            assert!(matches!(write_output(&to_folder, b"x"), Err(OutputError::Folder { .. })));
            assert!(std::fs::symlink_metadata(&to_folder).unwrap().file_type().is_symlink());
            assert_eq!(names(&folder), Vec::<String>::new());
            assert_eq!(names(dir.path()), ["dangling.csv", "folder", "to-folder"]);
        }

        #[test]
        fn dev_null_is_written_through_and_stays_a_device() {
            let null = Path::new("/dev/null");
            assert_eq!(write_output(null, b"discarded").unwrap(), Written::Through);
            assert!(std::fs::symlink_metadata(null).unwrap().file_type().is_char_device());
            // A link to it: through as well, the link kept.
            let dir = tempfile::tempdir().unwrap();
            let link = dir.path().join("out.html");
            std::os::unix::fs::symlink(null, &link).unwrap();
            assert_eq!(write_output(&link, b"discarded").unwrap(), Written::Through);
            assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
            assert!(std::fs::symlink_metadata(null).unwrap().file_type().is_char_device());
        }

        #[test]
        fn a_fifo_receives_the_bytes_and_stays_a_fifo() {
            let dir = tempfile::tempdir().unwrap();
            let fifo = dir.path().join("pipe");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
            assert!(made.success());
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::read(fifo).unwrap())
            };
            let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
            assert_eq!(write_output(&fifo, &bytes).unwrap(), Written::Through);
            assert_eq!(reader.join().unwrap(), bytes);
            assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
            assert_eq!(names(dir.path()), ["pipe"]);
        }

        #[test]
        fn a_socket_is_connected_to_and_written() {
            let dir = tempfile::tempdir().unwrap();
            let socket = dir.path().join("sock");
            let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
            let reader = std::thread::spawn(move || {
                let (mut stream, _) = listener.accept().unwrap();
                let mut got = Vec::new();
                stream.read_to_end(&mut got).unwrap();
                got
            });
            assert_eq!(write_output(&socket, b"over the socket").unwrap(), Written::Through);
            assert_eq!(reader.join().unwrap(), b"over the socket");
            assert!(std::fs::symlink_metadata(&socket).unwrap().file_type().is_socket());
        }

        #[test]
        fn a_block_device_is_refused() {
            // Any block device the system has; none in some containers.
            let Some(disk) = std::fs::read_dir("/dev")
                .unwrap()
                .filter_map(Result::ok)
                .find(|e| e.file_type().is_ok_and(|t| t.is_block_device()))
            else {
                eprintln!("skipped: no block device in /dev");
                return;
            };
            // Only looked at, never written: a mistake here must not reach a disk.
            let e = Destination::of(&disk.path()).unwrap_err();
            assert!(matches!(e, OutputError::BlockDevice { .. }), "{e:?}");
            assert!(e.to_string().starts_with(&format!("{}: is a block device", disk.path().display())));
        }
    }
}
