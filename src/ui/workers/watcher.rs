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

/// Fingerprints taken on a thread, by file.
type Prints = Vec<(PathBuf, Option<Fingerprint>)>;

/// New files fingerprinted in the frame that opens them; more are
/// fingerprinted on a thread.
const INLINE_PRINTS: usize = 256;

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
    /// Files whose fingerprint is being taken on a thread (a large folder
    /// just opened): their changes are not judged until it arrives.
    unprinted: HashSet<PathBuf>,
    /// The fingerprints being taken on threads, one per large opening.
    prints: Vec<Receiver<Prints>>,
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
        FileWatcher {
            watcher,
            rx,
            folders: HashSet::new(),
            files: HashMap::new(),
            unprinted: HashSet::new(),
            prints: Vec::new(),
            changes: BTreeMap::new(),
            error,
        }
    }

    /// Watches exactly these files from now on. Files already watched keep
    /// the fingerprint taken when they were first opened.
    pub fn watch<'a>(&mut self, files: impl IntoIterator<Item = &'a Path>) {
        self.take_prints();
        let mut next: HashMap<PathBuf, Option<Fingerprint>> = HashMap::new();
        let mut new = Vec::new();
        for f in files {
            match self.files.remove(f) {
                Some(print) => {
                    next.insert(f.to_path_buf(), print);
                }
                None => new.push(f.to_path_buf()),
            }
        }
        self.unprinted.retain(|f| next.contains_key(f));
        if new.len() <= INLINE_PRINTS {
            next.extend(new.into_iter().map(|f| {
                let print = fingerprint(&f);
                (f, print)
            }));
        } else {
            // 24,900 files take a quarter of a second to stat: not in a frame.
            let (tx, rx) = channel();
            for f in &new {
                next.insert(f.clone(), None);
                self.unprinted.insert(f.clone());
            }
            let new_files: HashSet<PathBuf> = new.iter().cloned().collect();
            let spawned = std::thread::Builder::new().name("refrain-fingerprints".into()).spawn(move || {
                let prints = new.into_iter().map(|f| {
                    let print = fingerprint(&f);
                    (f, print)
                });
                let _ = tx.send(prints.collect());
            });
            match spawned {
                Ok(_) => self.prints.push(rx),
                // No thread: these files' changes are judged without a fingerprint.
                Err(_) => self.unprinted.retain(|f| !new_files.contains(f)),
            }
        }
        self.files = next;
        self.changes.retain(|p, _| self.files.contains_key(p));
        // Each folder once (a folder of thousands of files is one watch).
        let parents: HashSet<&Path> = self.files.keys().filter_map(|f| f.parent()).collect();
        let wanted: HashSet<PathBuf> = parents.into_iter().filter(|d| d.is_dir()).map(Path::to_path_buf).collect();
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

    /// Takes the fingerprints taken on a thread, if they arrived.
    fn take_prints(&mut self) {
        let mut arrived = Vec::new();
        self.prints.retain(|rx| match rx.try_recv() {
            Ok(prints) => {
                arrived.extend(prints);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        for (f, print) in arrived {
            if self.unprinted.remove(&f)
                && let Some(slot) = self.files.get_mut(&f)
            {
                *slot = print;
            }
        }
        if self.prints.is_empty() {
            // A thread that stopped without answering: judge without.
            self.unprinted.clear();
        }
    }

    /// Takes the events that arrived and records which watched files
    /// changed or disappeared; true when anything new was recorded.
    pub fn poll(&mut self) -> bool {
        self.take_prints();
        let mut touched: HashSet<PathBuf> = HashSet::new();
        while let Ok(p) = self.rx.try_recv() {
            touched.insert(p);
        }
        let mut news = false;
        for p in touched {
            if self.unprinted.contains(&p) {
                continue; // opened a moment ago; its fingerprint is on its way
            }
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
        self.unprinted.remove(path);
        if let Some(print) = self.files.get_mut(path) {
            *print = fingerprint(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Polls until `done` or five seconds passed.
    fn poll_until(w: &mut FileWatcher, done: impl Fn(&FileWatcher) -> bool) -> bool {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            w.poll();
            if done(w) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn a_large_folder_is_fingerprinted_on_a_thread_and_its_changes_are_then_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..2 * INLINE_PRINTS + 100)
            .map(|i| {
                let f = dir.path().join(format!("{i}.txt"));
                std::fs::write(&f, "text").unwrap();
                f
            })
            .collect();
        let mut w = FileWatcher::new(|| {});
        if w.watcher.is_none() {
            eprintln!("skipped: no file watching on this system");
            return;
        }
        // Half opened, then all before the first half's fingerprints came:
        // both threads' answers count.
        let half = files.len() / 2;
        w.watch(files[..half].iter().map(PathBuf::as_path));
        w.watch(files.iter().map(PathBuf::as_path));
        assert!(w.unprinted.len() >= files.len() - half, "too many to fingerprint in the frame");
        assert!(poll_until(&mut w, |w| w.unprinted.is_empty()), "the fingerprints never arrived");
        assert!(w.files.values().all(Option::is_some));
        assert!(w.changes.is_empty());
        std::fs::write(&files[7], "longer text").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.get(&files[7]) == Some(&FileChange::Modified)));
        assert_eq!(w.changes.len(), 1);
        // Watching the same files again keeps their fingerprints: the
        // change stays, nothing is fingerprinted anew.
        w.watch(files.iter().map(PathBuf::as_path));
        assert!(w.unprinted.is_empty() && w.prints.is_empty());
        assert_eq!(w.changes.len(), 1);
    }
}
