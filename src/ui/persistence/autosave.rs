//! The workspace the app remembers between runs (open sources, settings,
//! pinned searches and the user's notes) and how it is kept safe.
//!
//! It lives in its own file, `workspace.json`, in the app's data folder
//! (the folder eframe keeps `app.ron` in, which now holds only the window
//! geometry and egui's memory). eframe's own storage writes `app.ron` in
//! place, so a crash or a full disk mid-write truncates it, and a file it
//! cannot parse is silently replaced by an empty one on the next save: not
//! good enough for years of notes. Here:
//!
//! - saving is atomic ([`Workspace::save_to`]: a temporary file, flushed to
//!   disk, renamed over the old one, the previous version kept as
//!   `workspace.json.bak`), and only happens when the workspace changed;
//! - a file that cannot be used is never overwritten: one that is cut off,
//!   not JSON or of the wrong shape is moved aside to
//!   `workspace.json.broken-YYYYMMDD-HHMMSS` (its bytes unchanged) before a
//!   new one is written; one from a newer Refrain, or one that cannot even
//!   be read, is left where it is and this run does not save over it;
//! - users of earlier versions, whose workspace is inside `app.ron`, have it
//!   read from there once; the next save writes `workspace.json`.

use std::path::{Path, PathBuf};

use crate::core::import::limited_read::ReadError;
use crate::ui::persistence::workspace::{Workspace, WorkspaceError, read_workspace_file};

/// The name of the remembered workspace in the app's data folder.
pub const FILE_NAME: &str = "workspace.json";

/// The workspace earlier versions kept inside eframe's storage (`app.ron`),
/// for [`Autosave::start`] to read once: always in workspace format 1, its
/// phrase settings at the top level.
pub fn workspace_in_app_ron(storage: &dyn eframe::Storage) -> Option<Workspace> {
    let workspace = eframe::get_value(storage, eframe::APP_KEY)?;
    let top_level = eframe::get_value(storage, eframe::APP_KEY).unwrap_or_default();
    Some(Workspace::from_format_1(workspace, top_level))
}

/// What was found at start.
#[derive(Debug, Default)]
pub struct Remembered {
    /// The workspace to start with, when there was a usable one.
    pub workspace: Option<Workspace>,
    /// For the user: the remembered file could not be used, why, where it
    /// is now and whether this run saves the workspace.
    pub notice: Option<String>,
}

/// What [`Autosave::save`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The workspace was written.
    Written,
    /// The file already holds this workspace; nothing was written.
    Unchanged,
    /// Saving is off for this run (a file that must not be overwritten is
    /// in the way; the user was told at start).
    Off,
    /// Writing failed. The message (path and reason) is there the first
    /// time only, so a failure is shown once and not at every auto-save;
    /// after a save succeeds, a new failure is shown again.
    Failed(Option<String>),
}

/// Saves the workspace to `workspace.json` when it changed.
#[derive(Debug)]
pub struct Autosave {
    path: PathBuf,
    /// What the file holds (as read at start or last written): the same
    /// workspace is not written again.
    on_disk: Option<Workspace>,
    /// False when a file this run must not overwrite is in the way.
    enabled: bool,
    /// A failure was shown and no save has succeeded since.
    failure_shown: bool,
}

impl Autosave {
    /// Reads the workspace remembered in `dir`. When there is no
    /// `workspace.json`, `legacy` is asked once (earlier versions kept the
    /// workspace in eframe's `app.ron`); the next save writes the file.
    /// A file that cannot be used gives a notice and no workspace, and is
    /// not overwritten (see the module comment).
    pub fn start(dir: &Path, legacy: impl FnOnce() -> Option<Workspace>) -> (Autosave, Remembered) {
        let path = dir.join(FILE_NAME);
        let mut autosave = Autosave { path: path.clone(), on_disk: None, enabled: true, failure_shown: false };
        let bytes = match read_workspace_file(&path) {
            Ok(bytes) => bytes,
            Err(WorkspaceError::NotRead(ReadError::NotFound { .. })) => {
                return (autosave, Remembered { workspace: legacy(), notice: None });
            }
            // Unreadable, too large, or not a regular file: left alone.
            Err(e) => {
                autosave.enabled = false;
                let notice = format!(
                    "{e}. The remembered workspace was not opened; the file is left as it is and this \
                     session's workspace will not be saved over it (File › Save workspace as… still works)."
                );
                return (autosave, Remembered { workspace: None, notice: Some(notice) });
            }
        };
        let reason = match Workspace::parse(&bytes, &path) {
            Ok(ws) => {
                autosave.on_disk = Some(ws.clone());
                return (autosave, Remembered { workspace: Some(ws), notice: None });
            }
            Err(newer @ WorkspaceError::Newer { .. }) => {
                autosave.enabled = false;
                let notice = format!(
                    "{newer}. The remembered workspace was not opened; the file is left as it is for that \
                     Refrain and this session's workspace will not be saved over it (File › Save workspace \
                     as… still works)."
                );
                return (autosave, Remembered { workspace: None, notice: Some(notice) });
            }
            Err(invalid) => invalid.to_string(),
        };
        let previous = path.with_extension("json.bak");
        let previous = if previous.exists() {
            format!(" The version saved before it is {}.", previous.display())
        } else {
            String::new()
        };
        let notice = match set_aside(&path, &bytes) {
            Ok(kept) => format!(
                "{reason}. The remembered workspace was not opened; the file was moved, unchanged, to {} \
                 and a new workspace will be saved in its place.{previous}",
                kept.display()
            ),
            Err(e) => {
                autosave.enabled = false;
                format!(
                    "{reason}. The remembered workspace was not opened; the file could not be moved aside \
                     ({e}), so it is left as it is and this session's workspace will not be saved over it.\
                     {previous}"
                )
            }
        };
        (autosave, Remembered { workspace: None, notice: Some(notice) })
    }

    /// Where the workspace is saved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `ws` atomically (keeping the previous file as `.bak`) unless
    /// the file already holds it or saving is off.
    pub fn save(&mut self, ws: &Workspace) -> Saved {
        if !self.enabled {
            return Saved::Off;
        }
        if self.on_disk.as_ref() == Some(ws) {
            return Saved::Unchanged;
        }
        let written = match self.path.parent() {
            Some(dir) => std::fs::create_dir_all(dir)
                .map_err(|error| WorkspaceError::Unsaved { path: self.path.clone(), error })
                .and_then(|()| ws.save_to(&self.path)),
            None => ws.save_to(&self.path),
        };
        match written {
            Ok(()) => {
                self.on_disk = Some(ws.clone());
                self.failure_shown = false;
                Saved::Written
            }
            Err(e) => {
                let first = !self.failure_shown;
                self.failure_shown = true;
                Saved::Failed(first.then(|| {
                    format!(
                        "{e}. The workspace stays as it is in this window; saving is tried again every \
                         half minute and on quitting (this message is not repeated)."
                    )
                }))
            }
        }
    }
}

/// Moves a file that cannot be used out of the way: its bytes go to a new
/// file beside it, `NAME.broken-YYYYMMDD-HHMMSS` (a number added when that
/// exists: nothing is overwritten), flushed to disk, and only then is the
/// original removed, so the first save neither overwrites it nor turns it
/// into the `.bak` of the last good save. Returns where it went.
fn set_aside(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| FILE_NAME.into());
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let aside = path.with_file_name(format!("{name}.broken-{stamp}{suffix}"));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&aside) {
            Ok(mut f) => {
                let copied = f.write_all(bytes).and_then(|()| f.sync_all());
                if let Err(e) = copied {
                    drop(f);
                    let _ = std::fs::remove_file(&aside);
                    return Err(e);
                }
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files in `dir` other than `workspace.json`, by name.
    fn others(dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n != FILE_NAME))
            .collect();
        found.sort();
        found
    }

    fn notes(text: &str) -> Workspace {
        let mut ws = Workspace::default();
        ws.notes.push(crate::core::notes::Note {
            target: crate::core::notes::NoteTarget::Phrase { text: "we remain open to dialogue".into() },
            text: text.into(),
            tags: vec!["research".into()],
        });
        ws
    }

    /// A file that cannot be parsed: the app starts without it, says which
    /// file and why, and its bytes are kept, unchanged, under a name that
    /// says so; the next save writes a new file and leaves the old `.bak`
    /// (the last good save) alone.
    fn broken_file_is_moved_aside_and_never_overwritten(bytes: &[u8], reason: &str) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let bak = dir.path().join("workspace.json.bak");
        std::fs::write(&path, bytes).unwrap();
        std::fs::write(&bak, b"{\"min_words\": 6}").unwrap();
        let mut asked = false;
        let (mut autosave, found) = Autosave::start(dir.path(), || {
            asked = true;
            Some(notes("from app.ron"))
        });
        assert!(!asked, "a broken file is not replaced by the app.ron workspace");
        assert!(found.workspace.is_none());
        let notice = found.notice.unwrap();
        assert!(notice.contains(&path.display().to_string()) && notice.contains(reason), "{notice}");
        let aside: Vec<PathBuf> = others(dir.path()).into_iter().filter(|p| *p != bak).collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        assert!(aside[0].to_string_lossy().contains("workspace.json.broken-"), "{aside:?}");
        assert!(notice.contains(&aside[0].display().to_string()), "{notice}");
        assert!(notice.contains("workspace.json.bak"), "the notice points at the previous save: {notice}");
        assert_eq!(std::fs::read(&aside[0]).unwrap(), bytes);
        // The app's save path runs: a new workspace, the kept bytes untouched.
        assert_eq!(autosave.save(&notes("new")), Saved::Written);
        assert_eq!(Workspace::load_from(&path).unwrap(), notes("new"));
        assert_eq!(std::fs::read(&aside[0]).unwrap(), bytes);
        assert_eq!(std::fs::read(&bak).unwrap(), b"{\"min_words\": 6}");
    }

    #[test]
    fn a_truncated_file_is_kept_aside() {
        let whole = serde_json::to_vec_pretty(&notes("years of research")).unwrap();
        broken_file_is_moved_aside_and_never_overwritten(&whole[..whole.len() / 2], "ends too early");
    }

    #[test]
    fn invalid_json_is_kept_aside() {
        broken_file_is_moved_aside_and_never_overwritten(b"{\"notes\": [}\n", "not valid JSON");
    }

    #[test]
    fn wrong_types_are_kept_aside() {
        broken_file_is_moved_aside_and_never_overwritten(b"{\"min_words\": \"five\"}", "wrong type");
    }

    #[test]
    fn an_empty_file_is_kept_aside() {
        broken_file_is_moved_aside_and_never_overwritten(b"", "ends too early");
    }

    #[test]
    fn a_second_broken_file_in_the_same_second_gets_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for bytes in [&b"{"[..], b"[", b"x"] {
            std::fs::write(&path, bytes).unwrap();
            let (_, found) = Autosave::start(dir.path(), || None);
            assert!(found.notice.is_some());
        }
        let kept: Vec<Vec<u8>> = others(dir.path()).iter().map(|p| std::fs::read(p).unwrap()).collect();
        assert_eq!(kept.len(), 3, "{:?}", others(dir.path()));
        for bytes in [&b"{"[..], b"[", b"x"] {
            assert!(kept.iter().any(|k| k == bytes));
        }
    }

    #[test]
    fn a_file_from_a_newer_refrain_is_left_alone_and_not_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // A newer format may also change fields: still called newer.
        let bytes = b"{\"version\": 3, \"phrase_options\": {\"at_least\": 5}, \"notes\": []}";
        std::fs::write(&path, bytes).unwrap();
        let (mut autosave, found) = Autosave::start(dir.path(), || Some(notes("from app.ron")));
        assert!(found.workspace.is_none());
        let notice = found.notice.unwrap();
        assert!(notice.contains(&path.display().to_string()) && notice.contains("newer Refrain"), "{notice}");
        assert!(notice.contains("will not be saved over it"), "{notice}");
        assert_eq!(autosave.save(&notes("this session")), Saved::Off);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert!(others(dir.path()).is_empty(), "{:?}", others(dir.path()));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_read_is_left_alone() {
        // A folder, or a FIFO nobody writes to, where the file should be:
        // refused unread at once (not "missing", and not waited on).
        for (make, reason) in [("folder", "is a folder"), ("fifo", "is a FIFO (named pipe), not a regular file")] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(FILE_NAME);
            if make == "folder" {
                std::fs::create_dir(&path).unwrap();
            } else {
                assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
            }
            let (mut autosave, found) = Autosave::start(dir.path(), || Some(notes("from app.ron")));
            assert!(found.workspace.is_none());
            let notice = found.notice.unwrap();
            assert!(notice.contains(&path.display().to_string()) && notice.contains(reason), "{notice}");
            assert!(notice.contains("will not be saved over it"), "{notice}");
            assert_eq!(autosave.save(&notes("this session")), Saved::Off);
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            assert!(kind.is_dir() || std::os::unix::fs::FileTypeExt::is_fifo(&kind), "{make} left as it was");
        }
    }

    #[test]
    fn saves_atomically_keeping_the_previous_version_and_only_when_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let bak = dir.path().join("workspace.json.bak");
        let (mut autosave, found) = Autosave::start(dir.path(), || None);
        assert!(found.workspace.is_none() && found.notice.is_none());
        assert_eq!(autosave.path(), path);
        assert_eq!(autosave.save(&notes("one")), Saved::Written);
        // Unchanged: not written again (a rewrite would leave a .bak).
        assert_eq!(autosave.save(&notes("one")), Saved::Unchanged);
        assert!(!bak.exists());
        assert_eq!(autosave.save(&notes("two")), Saved::Written);
        assert_eq!(Workspace::load_from(&path).unwrap(), notes("two"));
        assert_eq!(Workspace::load_from(&bak).unwrap(), notes("one"));
        assert_eq!(others(dir.path()), vec![bak.clone()], "no temporary file is left behind");
        // The next start reads it back, and saving the same again writes nothing.
        let (mut again, found) = Autosave::start(dir.path(), || panic!("app.ron is not read when the file exists"));
        assert_eq!(found.workspace, Some(notes("two")));
        assert!(found.notice.is_none());
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert_eq!(again.save(&notes("two")), Saved::Unchanged);
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
        assert_eq!(Workspace::load_from(&bak).unwrap(), notes("one"));
    }

    #[test]
    fn the_workspace_in_app_ron_is_read_when_there_is_no_file_and_then_saved_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let (mut autosave, found) = Autosave::start(dir.path(), || Some(notes("from app.ron")));
        assert_eq!(found.workspace, Some(notes("from app.ron")));
        assert!(found.notice.is_none());
        assert_eq!(autosave.save(found.workspace.as_ref().unwrap()), Saved::Written);
        let (_, found) = Autosave::start(dir.path(), || Some(notes("stale app.ron")));
        assert_eq!(found.workspace, Some(notes("from app.ron")));
    }

    #[test]
    fn a_failed_save_is_reported_once_with_path_and_reason_until_one_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("refrain");
        let (mut autosave, _) = Autosave::start(&blocked, || None);
        // The data folder cannot be made: a file is where it should be.
        std::fs::write(&blocked, b"not a folder").unwrap();
        let Saved::Failed(Some(message)) = autosave.save(&notes("one")) else { panic!("the save must fail") };
        assert!(message.contains(&blocked.join(FILE_NAME).display().to_string()), "{message}");
        assert!(message.contains("cannot be saved"), "{message}");
        assert_eq!(autosave.save(&notes("two")), Saved::Failed(None));
        std::fs::remove_file(&blocked).unwrap();
        assert_eq!(autosave.save(&notes("two")), Saved::Written);
        std::fs::remove_dir_all(&blocked).unwrap();
        std::fs::write(&blocked, b"not a folder").unwrap();
        assert!(matches!(autosave.save(&notes("three")), Saved::Failed(Some(_))));
        assert_eq!(std::fs::read(&blocked).unwrap(), b"not a folder");
    }
}
