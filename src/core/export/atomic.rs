//! Writing a file whole or not at all: every export, the workspace, the
//! screenshots and the command line's report save through [`write_atomic`],
//! so a crash, a full disk or a failed rename never leaves half a file under
//! the name asked for, nor a temporary file beside it.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: to a temporary file of this process
/// beside it, flushed to disk, then renamed over it, then the folder flushed
/// so the rename survives a power cut too. A failure leaves no temporary
/// file behind and `path` as it was.
///
/// The temporary file is created anew under a name no other file has
/// (`NAME.tmp-` and random letters), never opened through a link planted
/// there, and with the mode `File::create` gives, so the saved file is as
/// readable as a plain write would make it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut prefix = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    prefix.push(".tmp-");
    // `make_in` rather than `NamedTempFile::new_in`: the latter creates the
    // file readable by its owner only and names the temporary path in its
    // errors; the file opened here is what `File::create` would make.
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .make_in(dir, |p| OpenOptions::new().write(true).create_new(true).open(p))?;
    // On any error from here, dropping `tmp` removes the temporary file.
    tmp.as_file_mut().write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
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
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.csv"], "no temporary file left");
        assert!(write_atomic(&dir.path().join("missing/out.csv"), b"x").is_err());
        // The rename fails (a folder is in the way): the temporary file,
        // already written, is removed.
        let blocked = dir.path().join("blocked.csv");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside"), b"keep").unwrap();
        assert!(write_atomic(&blocked, b"x").is_err());
        assert_eq!(names(dir.path()), ["blocked.csv", "out.csv"]);
        assert_eq!(std::fs::read(blocked.join("inside")).unwrap(), b"keep");
    }

    #[test]
    fn a_longer_file_is_replaced_whole_by_a_shorter_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_atomic(&path, &[b'a'; 10_000]).unwrap();
        write_atomic(&path, b"short").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_where_temporary_files_go_is_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"untouched").unwrap();
        // A link at the name an earlier writer used (`NAME.tmp-PID`) leads
        // to the victim: writing creates a file of its own, never opens one
        // that is there.
        let path = dir.path().join("out.csv");
        std::os::unix::fs::symlink(&victim, dir.path().join(format!("out.csv.tmp-{}", std::process::id()))).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"untouched");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(!std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
        // Saved as readable as a plain write makes it, not owner-only.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"p").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&plain));
        // Only the file written, the victim, the plain one and the link.
        assert_eq!(names(dir.path()).len(), 4);
    }
}
