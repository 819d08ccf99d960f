//! Sources of the workspace that are not there (a drive not mounted, a
//! folder moved or renamed): kept in the workspace with the columns under
//! them, listed as missing, until the user locates them (picks the folder
//! or file where it is now, which is then opened) or removes them. A save
//! never drops them: the next run finds them again, and once they are back
//! their columns are too.
//!
//! [`MissingSources`] and [`relocated`] are the plain parts (no window);
//! the `RefrainApp` methods below tie them to the list and the dialogs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::RefrainApp;
use super::dialogs::Picked;
use crate::core::notes::NoteTarget;
use crate::ui::panels::corpus_list::SourceCommand;
use crate::ui::persistence::workspace::Workspace;

/// The workspace's sources that were not found, and its columns under them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MissingSources {
    /// Files and folders not found, in the workspace's order.
    pub sources: Vec<PathBuf>,
    /// Columns whose transcripts are under a missing source, in order.
    pub columns: Vec<PathBuf>,
}

impl MissingSources {
    /// Splits `workspace`'s sources into those `exists` finds, left in it,
    /// and the others, returned with the columns under them (taken out of
    /// the workspace's columns). A column is under a source when it is the
    /// source or inside it; each column's folders are looked up once, so a
    /// workspace with thousands of sources and columns splits quickly.
    pub fn split(workspace: &mut Workspace, exists: impl Fn(&Path) -> bool) -> MissingSources {
        let (present, sources): (Vec<PathBuf>, Vec<PathBuf>) =
            std::mem::take(&mut workspace.sources).into_iter().partition(|p| exists(p));
        workspace.sources = present;
        if sources.is_empty() {
            return MissingSources::default();
        }
        let missing: HashSet<&Path> = sources.iter().map(PathBuf::as_path).collect();
        let (columns, kept): (Vec<PathBuf>, Vec<PathBuf>) = std::mem::take(&mut workspace.columns)
            .into_iter()
            .partition(|c| c.ancestors().any(|a| missing.contains(a)));
        workspace.columns = kept;
        MissingSources { sources, columns }
    }

    /// True when no source is missing.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// Puts the missing sources and their columns back into `workspace`
    /// (one being saved), after its own, each once. `showing_samples`:
    /// the built-in samples stand in for the missing sources, so their
    /// columns are not saved in place of the real ones.
    pub fn add_to(&self, workspace: &mut Workspace, showing_samples: bool) {
        if self.is_empty() {
            return;
        }
        if showing_samples {
            workspace.columns.clear();
        }
        for s in &self.sources {
            if !workspace.sources.contains(s) {
                workspace.sources.push(s.clone());
            }
        }
        for c in &self.columns {
            if !workspace.columns.contains(c) {
                workspace.columns.push(c.clone());
            }
        }
    }

    /// Takes `source` out of the missing ones, with the columns under it
    /// moved to under `found` (returned). None when `source` is not missing.
    pub fn relocate(&mut self, source: &Path, found: &Path) -> Option<Vec<PathBuf>> {
        let k = self.sources.iter().position(|s| s == source)?;
        self.sources.remove(k);
        let (moved, kept): (Vec<PathBuf>, Vec<PathBuf>) =
            std::mem::take(&mut self.columns).into_iter().partition(|c| c.starts_with(source));
        self.columns = kept;
        Some(moved.iter().filter_map(|c| relocated(c, source, found)).collect())
    }

    /// Drops `source` and the columns under it for good; false when it was
    /// not missing.
    pub fn remove(&mut self, source: &Path) -> bool {
        let before = self.sources.len();
        self.sources.retain(|s| s != source);
        self.columns.retain(|c| !c.starts_with(source));
        self.sources.len() < before
    }
}

/// `path` moved from under `from` to under `to` (`to` itself when `path`
/// is `from`); None when `path` is not under `from`.
pub fn relocated(path: &Path, from: &Path, to: &Path) -> Option<PathBuf> {
    let rest = path.strip_prefix(from).ok()?;
    Some(if rest.as_os_str().is_empty() { to.to_path_buf() } else { to.join(rest) })
}

/// Moves what `workspace` remembers about the transcripts under `from` to
/// under `to`: reading positions, notes on them and the transcripts the
/// user removed, so a source found elsewhere keeps them.
pub fn relocate_remembered(workspace: &mut Workspace, from: &Path, to: &Path) {
    let relocate = |p: &mut PathBuf| {
        if let Some(moved) = relocated(p, from, to) {
            *p = moved;
        }
    };
    workspace.reading_positions.iter_mut().for_each(|r| relocate(&mut r.path));
    workspace.excluded.iter_mut().for_each(relocate);
    for note in &mut workspace.notes {
        if let NoteTarget::Range { path, .. } | NoteTarget::Speech { path, .. } = &mut note.target {
            relocate(path);
        }
    }
}

/// True when `source` names a transcript file rather than a folder (by its
/// extension: the missing source itself cannot be asked).
fn looks_like_a_file(source: &Path) -> bool {
    crate::core::import::files::has_transcript_extension(source)
}

impl RefrainApp {
    /// The workspace's sources that were not found (listed as missing).
    pub fn missing_sources(&self) -> &[PathBuf] {
        &self.missing.sources
    }

    /// The columns kept for the missing sources (shown once they are back).
    pub fn missing_columns(&self) -> &[PathBuf] {
        &self.missing.columns
    }

    /// Does what a missing source's row asked.
    pub(super) fn apply_source_command(&mut self, command: SourceCommand) {
        match command {
            SourceCommand::Locate(source) => self.open_locate_dialog(source),
            SourceCommand::Remove(source) => self.remove_missing_source(&source),
        }
    }

    /// The missing `source` is at `found` (picked in the Locate… dialog, or
    /// the same path once the drive is back): the columns and everything
    /// remembered under it move there, and it is opened. When `found` is not
    /// there either, the source stays missing and the user is told.
    pub fn locate_source(&mut self, source: &Path, found: PathBuf) {
        if !found.exists() {
            self.notifications.push(format!(
                "{}: not found either; {} stays missing",
                found.display(),
                source.display()
            ));
            return;
        }
        let Some(columns) = self.missing.relocate(source, &found) else { return };
        relocate_remembered(&mut self.workspace, source, &found);
        if self.showing_samples {
            self.workspace.columns.clear(); // the samples' columns give way to the real ones
        }
        for c in columns {
            if !self.workspace.columns.contains(&c) {
                self.workspace.columns.push(c);
            }
        }
        self.open(vec![found], false);
    }

    /// Drops the missing `source` from the workspace for good, with its
    /// columns (the list's Remove).
    pub fn remove_missing_source(&mut self, source: &Path) {
        self.missing.remove(source);
    }

    /// Asks where the missing `source` is now: a folder dialog, or a file
    /// dialog when it was a transcript file, starting in its nearest folder
    /// that still exists. The answer comes through the app's dialog polling
    /// ([`Picked::Located`]). One dialog at a time.
    fn open_locate_dialog(&mut self, source: PathBuf) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let wake = self.ctx.clone();
        std::thread::spawn(move || {
            let name = source.file_name().unwrap_or(source.as_os_str()).to_string_lossy().into_owned();
            let mut dialog = rfd::FileDialog::new().set_title(format!("Locate {name}"));
            // Looked at here, off the window's thread: a dead mount can hang.
            if let Some(folder) = source.ancestors().skip(1).find(|a| a.is_dir()) {
                dialog = dialog.set_directory(folder);
            }
            let found = if looks_like_a_file(&source) {
                dialog
                    .add_filter("Transcripts", crate::core::import::files::TRANSCRIPT_EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_file()
            } else {
                dialog.pick_folder()
            };
            let _ = tx.send(found.map_or(Picked::Nothing, |found| Picked::Located { source, found }));
            wake.request_repaint();
        });
        self.dialog = Some(rx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(ps: &[&str]) -> Vec<PathBuf> {
        ps.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn sources_not_found_are_split_off_with_the_columns_under_them() {
        let mut workspace = Workspace {
            sources: paths(&["/home/a", "/mnt/drive/sotu", "/mnt/other/one.txt"]),
            columns: paths(&[
                "/home/a/1.txt",
                "/mnt/drive/sotu/x/2.txt",
                "/mnt/other/one.txt",
                "/mnt/drive/sotu2/3.txt",
            ]),
            ..Default::default()
        };
        let missing = MissingSources::split(&mut workspace, |p| p.starts_with("/home"));
        assert_eq!(workspace.sources, paths(&["/home/a"]));
        // sotu2 is not inside sotu: paths are compared by components.
        assert_eq!(workspace.columns, paths(&["/home/a/1.txt", "/mnt/drive/sotu2/3.txt"]));
        assert_eq!(missing.sources, paths(&["/mnt/drive/sotu", "/mnt/other/one.txt"]));
        assert_eq!(missing.columns, paths(&["/mnt/drive/sotu/x/2.txt", "/mnt/other/one.txt"]));

        // Saved, they are all there again, each once.
        let mut saved = workspace.clone();
        missing.add_to(&mut saved, false);
        missing.add_to(&mut saved, false);
        assert_eq!(saved.sources.len(), 3);
        assert_eq!(saved.columns.len(), 4);
        // With the samples shown instead, their columns are not saved.
        let mut samples = Workspace { columns: paths(&["samples/a.txt"]), ..Default::default() };
        missing.add_to(&mut samples, true);
        assert_eq!(samples.sources, missing.sources);
        assert_eq!(samples.columns, missing.columns);
    }

    #[test]
    fn a_located_source_takes_its_columns_and_remembered_places_along() {
        let mut missing = MissingSources {
            sources: paths(&["/mnt/drive/sotu", "/mnt/b"]),
            columns: paths(&["/mnt/drive/sotu/x/2.txt", "/mnt/b/3.txt"]),
        };
        assert_eq!(missing.relocate(Path::new("/mnt/nope"), Path::new("/x")), None);
        let moved = missing.relocate(Path::new("/mnt/drive/sotu"), Path::new("/media/u/sotu")).unwrap();
        assert_eq!(moved, paths(&["/media/u/sotu/x/2.txt"]));
        assert_eq!(missing.sources, paths(&["/mnt/b"]));
        assert_eq!(
            relocated(Path::new("/a/b.txt"), Path::new("/a/b.txt"), Path::new("/c/d.txt")).unwrap(),
            Path::new("/c/d.txt")
        );
        assert_eq!(relocated(Path::new("/ab/c"), Path::new("/a"), Path::new("/z")), None);

        let mut workspace = Workspace::default();
        workspace.set_reading_position(Path::new("/mnt/drive/sotu/x/2.txt"), 40);
        workspace.excluded = paths(&["/mnt/drive/sotu/gone.txt", "/elsewhere.txt"]);
        relocate_remembered(&mut workspace, Path::new("/mnt/drive/sotu"), Path::new("/media/u/sotu"));
        assert_eq!(workspace.reading_position(Path::new("/media/u/sotu/x/2.txt")), Some(40));
        assert_eq!(workspace.excluded, paths(&["/media/u/sotu/gone.txt", "/elsewhere.txt"]));

        assert!(missing.remove(Path::new("/mnt/b")));
        assert!(!missing.remove(Path::new("/mnt/b")));
        assert!(missing.is_empty() && missing.columns.is_empty());
    }
}
