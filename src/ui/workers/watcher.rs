//! Notices when an opened transcript changes or disappears on disk, so the
//! app can offer to reload it instead of silently showing stale text.
//!
//! The folders holding the files are watched (not the files themselves):
//! editors often save by writing a new file and renaming it over the old
//! one, which a watch on the old file would miss.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::SystemTime;

use notify::{RecursiveMode, Watcher as _};

/// What happened to an opened file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChange {
    /// Its content (size or modification time) changed.
    Modified,
    /// It is gone: deleted, or renamed away.
    Removed,
}

/// Size and modification time of a file when it was opened.
type Fingerprint = (u64, Option<SystemTime>);

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// Watches the folders of the opened files.
pub struct FileWatcher {
    watcher: Option<notify::RecommendedWatcher>,
    rx: Receiver<PathBuf>,
    folders: HashSet<PathBuf>,
    files: HashMap<PathBuf, Option<Fingerprint>>,
    /// Changes not yet dealt with by the user, by file.
    pub changes: BTreeMap<PathBuf, FileChange>,
    /// Why watching does not work, if it does not (shown once).
    pub error: Option<WatchError>,
}

/// The system's file watching could not be started: the app works on, but
/// does not notice files changed on disk.
#[derive(Debug, thiserror::Error)]
#[error("changes to opened files on disk will not be noticed: {0}")]
pub struct WatchError(notify::Error);

impl FileWatcher {
    /// A watcher; `wake` is called when something changed so the UI repaints.
    pub fn new(wake: impl Fn() + Send + 'static) -> FileWatcher {
        let (tx, rx) = channel();
        let handler = move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                for path in event.paths {
                    let _ = tx.send(path);
                }
                wake();
            }
        };
        let (watcher, error) = match notify::recommended_watcher(handler) {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(WatchError(e))),
        };
        FileWatcher { watcher, rx, folders: HashSet::new(), files: HashMap::new(), changes: BTreeMap::new(), error }
    }

    /// Watches exactly these files from now on. Files already watched keep
    /// the fingerprint taken when they were first opened.
    pub fn watch<'a>(&mut self, files: impl IntoIterator<Item = &'a Path>) {
        let mut next: HashMap<PathBuf, Option<Fingerprint>> = HashMap::new();
        for f in files {
            let print = self.files.remove(f).unwrap_or_else(|| fingerprint(f));
            next.insert(f.to_path_buf(), print);
        }
        self.files = next;
        self.changes.retain(|p, _| self.files.contains_key(p));
        let wanted: HashSet<PathBuf> =
            self.files.keys().filter_map(|f| f.parent().map(Path::to_path_buf)).filter(|d| d.is_dir()).collect();
        let Some(watcher) = &mut self.watcher else { return };
        for gone in self.folders.difference(&wanted) {
            let _ = watcher.unwatch(gone);
        }
        let mut watched = HashSet::new();
        for dir in wanted {
            if self.folders.contains(&dir) || watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok() {
                watched.insert(dir);
            }
        }
        self.folders = watched;
    }

    /// Takes the events that arrived and records which watched files
    /// changed or disappeared; true when anything new was recorded.
    pub fn poll(&mut self) -> bool {
        let mut touched: HashSet<PathBuf> = HashSet::new();
        while let Ok(p) = self.rx.try_recv() {
            touched.insert(p);
        }
        let mut news = false;
        for p in touched {
            let Some(old) = self.files.get(&p) else { continue };
            let now = fingerprint(&p);
            let change = match now {
                None => Some(FileChange::Removed),
                Some(n) if Some(n) != *old => Some(FileChange::Modified),
                Some(_) => None,
            };
            match change {
                Some(c) if self.changes.get(&p) != Some(&c) => {
                    self.changes.insert(p, c);
                    news = true;
                }
                Some(_) => {}
                // Back as it was (a rename undone): nothing to tell any more.
                None => news |= self.changes.remove(&p).is_some(),
            }
        }
        news
    }

    /// Forgets a change the user dealt with; the file's present state
    /// becomes the one compared against.
    pub fn settle(&mut self, path: &Path) {
        self.changes.remove(path);
        if let Some(print) = self.files.get_mut(path) {
            *print = fingerprint(path);
        }
    }
}
