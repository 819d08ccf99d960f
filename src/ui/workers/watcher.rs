//! Notices when an opened transcript changes or disappears on disk, so the
//! app can offer to reload it instead of silently showing stale text.
//!
//! The folders holding the files are watched (not the files themselves):
//! editors often save by writing a new file and renaming it over the old
//! one, which a watch on the old file would miss.
//!
//! [`FileWatcher::watch`] runs in the frame that opens a corpus, for every
//! file of it (24,900 for a hundred copies of the SOTU corpus). A few files
//! are dealt with there; more are handed to a thread of the watcher's own,
//! which fingerprints the new ones, finds their folders and asks the
//! system to watch them, and hands everything back (changes are judged
//! once it is back). Files are kept by their path's bytes (std's `Path`
//! hashing and comparison walk components), each path copied once.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::SystemTime;

use notify::{RecursiveMode, Watcher as _};
use rustc_hash::FxHashMap;

/// What happened to an opened file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChange {
    /// Its content (size or modification time) changed.
    Modified,
    /// It is gone: deleted, or renamed away.
    Removed,
}

/// A watched file's path, as given (its bytes are the key).
type Key = Arc<OsStr>;

/// Makes the paths of the files to watch (on the watcher's thread for
/// many files: copying 24,900 paths is not for a frame).
type Listing = Box<dyn FnOnce() -> Vec<Key> + Send>;

/// At most this many files are watched in the frame that asks; more are
/// handed to the watcher's thread.
const INLINE_FILES: usize = 256;

/// Size and modification time of a file when it was opened.
type Fingerprint = (u64, Option<SystemTime>);

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// What is watched: the files with their fingerprints as opened, the
/// folders watched and the system's watcher (it moves to the watcher's
/// thread and back with the rest).
struct Watched {
    files: FxHashMap<Key, Option<Fingerprint>>,
    folders: HashSet<PathBuf>,
    watcher: Option<notify::RecommendedWatcher>,
    /// The working folder when relative paths were watched: the system
    /// names their changes with it in front.
    cwd: Option<PathBuf>,
}

impl Watched {
    /// Watches exactly `keys` from now on; files already watched keep
    /// their fingerprints, new ones are fingerprinted.
    fn rewatch(mut self, keys: Vec<Key>) -> Watched {
        let mut files = FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
        // Each folder once (a folder of thousands of files is one watch):
        // files come folder by folder, so most are their neighbour's.
        let mut parents: Vec<&Path> = Vec::new();
        for key in &keys {
            let path = Path::new(key);
            if let Some(parent) = path.parent()
                && parents.last().is_none_or(|p| p.as_os_str() != parent.as_os_str())
            {
                parents.push(parent);
            }
            let (key, print) = match self.files.remove_entry(key.as_ref()) {
                Some(kept) => kept,
                None => (key.clone(), fingerprint(path)),
            };
            files.insert(key, print);
        }
        self.cwd = if keys.iter().any(|k| Path::new(k).is_relative()) { std::env::current_dir().ok() } else { None };
        parents.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        parents.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
        let wanted: HashSet<PathBuf> = parents.into_iter().filter(|d| d.is_dir()).map(Path::to_path_buf).collect();
        // What is left of the files watched before is no longer open.
        self.files = files;
        let Some(watcher) = &mut self.watcher else { return self };
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
        self
    }
}

/// The two ends of the watcher's thread: files to watch go in, the
/// watched state comes back.
type WatchThread = (Sender<(Watched, Listing)>, Receiver<Watched>);

/// Watches the folders of the opened files.
pub struct FileWatcher {
    /// What is watched; none while the watcher's thread has it.
    watched: Option<Watched>,
    rx: Receiver<PathBuf>,
    /// The watcher's thread: what to watch goes there, comes back watched.
    thread: Option<WatchThread>,
    /// Files to watch once the thread hands back what it has (the latest
    /// asked for replaces an earlier one), and how many.
    queued: Option<(Listing, usize)>,
    /// Files whose change was dealt with while the thread had them: the
    /// state they are compared against is taken once they are back.
    settled: Vec<PathBuf>,
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
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> FileWatcher {
        let wake = Arc::new(wake);
        let (tx, rx) = channel();
        let on_event = Arc::clone(&wake);
        let handler = move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                for path in event.paths {
                    let _ = tx.send(path);
                }
                on_event();
            }
        };
        let (watcher, error) = match notify::recommended_watcher(handler) {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(WatchError(e))),
        };
        let (jobs, jobs_rx) = channel::<(Watched, Listing)>();
        let (done_tx, done) = channel();
        let work = move || {
            for (watched, listing) in jobs_rx {
                if done_tx.send(watched.rewatch(listing())).is_err() {
                    break;
                }
                wake();
            }
        };
        // No thread: everything is watched in the frame that asks.
        let thread = super::priority::spawn("refrain-watcher", work).ok().map(|_| (jobs, done));
        FileWatcher {
            watched: Some(Watched { files: FxHashMap::default(), folders: HashSet::new(), watcher, cwd: None }),
            rx,
            thread,
            queued: None,
            settled: Vec::new(),
            changes: BTreeMap::new(),
            error,
        }
    }

    /// Watches exactly these files from now on. Files already watched keep
    /// the fingerprint taken when they were first opened.
    pub fn watch<'a>(&mut self, files: impl IntoIterator<Item = &'a Path>) {
        let keys: Vec<Key> = files.into_iter().map(|f| Key::from(f.as_os_str())).collect();
        self.forget_closed(keys.iter().map(Path::new));
        let n = keys.len();
        self.queued = Some((Box::new(move || keys), n));
        self.take_watched();
    }

    /// [`FileWatcher::watch`] for the file of each of `items` (`path`
    /// tells which): for many, their paths are read on the watcher's
    /// thread, which also lets `items` go.
    pub fn watch_each<T: Send + 'static>(&mut self, items: Vec<T>, path: fn(&T) -> &Path) {
        self.forget_closed(items.iter().map(path));
        let n = items.len();
        let listing = move || items.iter().map(|t| Key::from(path(t).as_os_str())).collect();
        self.queued = Some((Box::new(listing), n));
        self.take_watched();
    }

    /// Forgets now, not once watched, the changes to files not among `open`.
    fn forget_closed<'a>(&mut self, open: impl Iterator<Item = &'a Path>) {
        if !self.changes.is_empty() {
            let open: rustc_hash::FxHashSet<&OsStr> = open.map(Path::as_os_str).collect();
            self.changes.retain(|p, _| open.contains(p.as_os_str()));
        }
    }

    /// Takes back what the thread watched, if it is done, and starts on
    /// the files queued.
    fn take_watched(&mut self) {
        if self.watched.is_none()
            && let Some((_, done)) = &self.thread
        {
            match done.try_recv() {
                Ok(watched) => self.watched = Some(watched),
                Err(TryRecvError::Empty) => return,
                // The thread is gone, and what it had with it.
                Err(TryRecvError::Disconnected) => {
                    self.thread = None;
                    self.watched =
                        Some(Watched { files: FxHashMap::default(), folders: HashSet::new(), watcher: None, cwd: None })
                }
            }
            let watched = self.watched.as_ref().map(|w| &w.files);
            self.changes.retain(|p, _| watched.is_some_and(|f| f.contains_key(p.as_os_str())));
        }
        let Some((listing, n)) = self.queued.take() else {
            self.settle_queued();
            return;
        };
        let Some(watched) = self.watched.take() else { return };
        let job = match &self.thread {
            Some((jobs, _)) if n > INLINE_FILES => jobs.send((watched, listing)).map_err(|e| e.0),
            _ => Err((watched, listing)),
        };
        if let Err((watched, listing)) = job {
            self.watched = Some(watched.rewatch(listing()));
            self.settle_queued();
        }
    }

    /// Takes the present state of the files settled while the thread had them.
    fn settle_queued(&mut self) {
        for path in std::mem::take(&mut self.settled) {
            self.settle(&path);
        }
    }

    /// The watched file an event's path names, as it was given to
    /// [`FileWatcher::watch`] (relative paths are named from the working
    /// folder), and its fingerprint as opened.
    fn find<'p>(watched: &Watched, event: &'p Path) -> Option<(&'p OsStr, Option<Fingerprint>)> {
        if let Some(&print) = watched.files.get(event.as_os_str()) {
            return Some((event.as_os_str(), print));
        }
        let rest = below(event.as_os_str(), watched.cwd.as_deref()?.as_os_str())?;
        watched.files.get(rest).map(|&print| (rest, print))
    }

    /// Takes the events that arrived and records which watched files
    /// changed or disappeared; true when anything new was recorded.
    pub fn poll(&mut self) -> bool {
        self.take_watched();
        // While the thread has the files, events wait in the channel.
        let Some(watched) = &self.watched else { return false };
        let mut touched: HashSet<PathBuf> = HashSet::new();
        while let Ok(p) = self.rx.try_recv() {
            touched.insert(p);
        }
        let mut news = false;
        for p in touched {
            let Some((key, old)) = Self::find(watched, &p) else { continue };
            let path = Path::new(key);
            let change = match fingerprint(path) {
                None => Some(FileChange::Removed),
                Some(n) if Some(n) != old => Some(FileChange::Modified),
                Some(_) => None,
            };
            match change {
                Some(c) if self.changes.get(path) != Some(&c) => {
                    self.changes.insert(path.to_path_buf(), c);
                    news = true;
                }
                Some(_) => {}
                // Back as it was (a rename undone): nothing to tell any more.
                None => news |= self.changes.remove(path).is_some(),
            }
        }
        news
    }

    /// Forgets a change the user dealt with; the file's present state
    /// becomes the one compared against.
    pub fn settle(&mut self, path: &Path) {
        self.changes.remove(path);
        match &mut self.watched {
            Some(watched) => {
                if let Some(print) = watched.files.get_mut(path.as_os_str()) {
                    *print = fingerprint(path);
                }
            }
            None => self.settled.push(path.to_path_buf()),
        }
    }
}

/// `path` from inside `dir`, by their bytes: the inverse of `dir.join(rest)`,
/// which is how the system names a change in a folder watched by a
/// relative path.
fn below<'p>(path: &'p OsStr, dir: &OsStr) -> Option<&'p OsStr> {
    let (path, dir) = (path.as_encoded_bytes(), dir.as_encoded_bytes());
    let rest = path.strip_prefix(dir)?;
    let rest = if dir.last().is_some_and(|&b| std::path::is_separator(b.into())) {
        rest
    } else {
        rest.strip_prefix(std::path::MAIN_SEPARATOR_STR.as_bytes())?
    };
    #[cfg(unix)]
    return Some(std::os::unix::ffi::OsStrExt::from_bytes(rest));
    #[cfg(not(unix))]
    return std::str::from_utf8(rest).ok().map(OsStr::new);
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

    /// What is watched, once the thread handed it back and nothing is queued.
    fn watched(w: &FileWatcher) -> Option<&Watched> {
        w.watched.as_ref().filter(|_| w.queued.is_none())
    }

    /// A watcher, unless the system has no file watching.
    fn watcher() -> Option<FileWatcher> {
        let w = FileWatcher::new(|| {});
        if w.watched.as_ref().is_none_or(|w| w.watcher.is_none()) {
            eprintln!("skipped: no file watching on this system");
            return None;
        }
        Some(w)
    }

    /// `n` files spread over `folders` folders of `dir`, folder by folder.
    fn make_files(dir: &Path, folders: usize, n: usize) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for d in 0..folders {
            let folder = dir.join(format!("copy-{d:02}"));
            std::fs::create_dir_all(&folder).unwrap();
            for i in 0..n / folders {
                let f = folder.join(format!("{i}.txt"));
                std::fs::write(&f, "text").unwrap();
                files.push(f);
            }
        }
        files
    }

    #[test]
    fn a_large_folder_is_watched_on_the_thread_and_its_changes_are_then_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let files = make_files(dir.path(), 1, 4 * INLINE_FILES + 100);
        let Some(mut w) = watcher() else { return };
        // Half opened, then all before the thread handed the half back:
        // the latest counts.
        let half = files.len() / 2;
        w.watch(files[..half].iter().map(PathBuf::as_path));
        w.watch(files.iter().map(PathBuf::as_path));
        assert!(w.watched.is_none(), "too many to watch in the frame");
        assert!(poll_until(&mut w, |w| watched(w).is_some()), "the thread never handed them back");
        let files_now = &watched(&w).unwrap().files;
        assert_eq!(files_now.len(), files.len());
        assert!(files_now.values().all(Option::is_some));
        assert!(w.changes.is_empty());
        std::fs::write(&files[7], "longer text").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.get(&files[7]) == Some(&FileChange::Modified)));
        assert_eq!(w.changes.len(), 1);
        // Watching the same files again keeps their fingerprints: the
        // change stays.
        w.watch(files.iter().map(PathBuf::as_path));
        assert!(poll_until(&mut w, |w| watched(w).is_some()));
        assert_eq!(w.changes.len(), 1);
    }

    #[test]
    fn after_a_large_opening_of_many_folders_a_changed_and_a_removed_file_are_noticed_and_closed_ones_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let files = make_files(dir.path(), 20, 4000);
        let Some(mut w) = watcher() else { return };
        // As the app does: the paths read on the thread.
        let shared: Vec<Arc<PathBuf>> = files.iter().cloned().map(Arc::new).collect();
        w.watch_each(shared, |f| f.as_path());
        assert!(poll_until(&mut w, |w| watched(w).is_some()), "the thread never handed them back");
        // Every folder watched once.
        assert_eq!(watched(&w).unwrap().folders.len(), 20);
        assert_eq!(watched(&w).unwrap().files.len(), files.len());
        let (changed, removed, closed) = (&files[1234], &files[3999], &files[5]);
        std::fs::write(changed, "longer text").unwrap();
        std::fs::remove_file(removed).unwrap();
        std::fs::write(closed, "changed before it was closed").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.len() == 3), "{:?}", w.changes);
        assert_eq!(w.changes.get(changed), Some(&FileChange::Modified));
        assert_eq!(w.changes.get(removed), Some(&FileChange::Removed));
        // Settled: the present state is the one compared against.
        w.settle(changed);
        assert!(!w.changes.contains_key(changed));
        // Reopened without one file: its change goes at once, the others stay.
        let kept: Vec<&Path> = files[..3800].iter().filter(|f| *f != closed).map(PathBuf::as_path).collect();
        w.watch(kept.iter().copied().chain([removed.as_path()]));
        assert_eq!(w.changes.keys().collect::<Vec<_>>(), [removed]);
        assert!(poll_until(&mut w, |w| watched(w).is_some()));
        assert_eq!(watched(&w).unwrap().folders.len(), 20, "the removed file's folder stays: the file is still open");
        // Without the last folder: it is no longer watched.
        w.watch(kept.iter().copied());
        assert!(w.changes.is_empty());
        assert!(poll_until(&mut w, |w| watched(w).is_some()));
        assert_eq!(watched(&w).unwrap().folders.len(), 19);
        // A file written again after a large reopening is still noticed;
        // the settled one is not (it was not written since).
        std::fs::write(&files[10], "written again").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.get(&files[10]) == Some(&FileChange::Modified)));
        assert_eq!(w.changes.len(), 1);
    }

    #[test]
    fn a_file_settled_while_the_thread_has_the_files_is_compared_against_its_state_then() {
        let dir = tempfile::tempdir().unwrap();
        let files = make_files(dir.path(), 2, 2 * INLINE_FILES + 100);
        let Some(mut w) = watcher() else { return };
        w.watch(files.iter().map(PathBuf::as_path));
        assert!(poll_until(&mut w, |w| watched(w).is_some()));
        std::fs::write(&files[3], "longer text").unwrap();
        assert!(poll_until(&mut w, |w| w.changes.len() == 1));
        // Reopened (the thread has the files), then the change kept.
        w.watch(files.iter().map(PathBuf::as_path));
        w.settle(&files[3]);
        assert!(w.changes.is_empty());
        assert!(poll_until(&mut w, |w| watched(w).is_some()));
        let now = fingerprint(&files[3]);
        assert_eq!(watched(&w).unwrap().files.get(files[3].as_os_str()), Some(&now));
    }

    #[test]
    fn a_change_named_from_the_working_folder_is_found_under_its_relative_path() {
        let rest = |p: &str, d: &str| below(OsStr::new(p), OsStr::new(d)).map(|r| r.to_string_lossy().into_owned());
        assert_eq!(rest("/home/me/sotu/a.txt", "/home/me").as_deref(), Some("sotu/a.txt"));
        assert_eq!(rest("/home/me/./sotu/a.txt", "/home/me").as_deref(), Some("./sotu/a.txt"));
        assert_eq!(rest("/sotu/a.txt", "/").as_deref(), Some("sotu/a.txt"));
        assert_eq!(rest("/home/meat/a.txt", "/home/me"), None);
        assert_eq!(rest("/elsewhere/a.txt", "/home/me"), None);
        let mut w = FileWatcher::new(|| {});
        w.watch([Path::new("sotu/a.txt")]);
        let cwd = std::env::current_dir().unwrap();
        let watched = w.watched.as_ref().unwrap();
        let found = |p: &Path| FileWatcher::find(watched, p).map(|(k, _)| k.to_owned());
        assert_eq!(found(&cwd.join("sotu/a.txt")).as_deref(), Some(OsStr::new("sotu/a.txt")));
        assert_eq!(found(Path::new("sotu/a.txt")).as_deref(), Some(OsStr::new("sotu/a.txt")));
        assert!(found(&cwd.join("sotu/b.txt")).is_none());
    }
}
