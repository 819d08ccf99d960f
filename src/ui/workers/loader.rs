//! Imports transcripts on a background thread so the window keeps drawing,
//! reporting progress as files are read.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::core::import::error::ImportError;
use crate::core::import::files::{FileOutcome, ImportOptions, Importer, discover};

/// A message from the import thread.
#[derive(Debug)]
pub enum LoadEvent {
    /// The folders were walked; this many files will be read.
    Found(usize),
    /// One file was read (or refused).
    File(FileOutcome),
    /// A path could not be walked.
    WalkFailed(ImportError),
    /// Something about no single file: a sidecar table's row skipped or
    /// overridden, or a table not used (the table and line named).
    Warning(String),
    /// Everything was read.
    Done,
    /// The user stopped the import; the files read so far stay open.
    Cancelled,
}

/// A running import.
pub struct Loader {
    rx: Receiver<LoadEvent>,
    cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Files read so far.
    pub done: usize,
    /// Files to read, once known.
    pub total: Option<usize>,
}

impl Loader {
    /// Starts importing `paths` on a new thread; `wake` is called after each
    /// event so the UI repaints.
    pub fn start(paths: Vec<PathBuf>, options: ImportOptions, wake: impl Fn() + Send + 'static) -> Self {
        let (tx, rx) = channel();
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let cancelled = cancel.clone();
        std::thread::spawn(move || {
            super::priority::background_thread();
            read(&paths, options, &cancelled, &tx, &wake);
            // The importer's patterns are not searched again until the next
            // import: their caches on every thread go back (1.4 MB on SOTU).
            crate::core::text::pattern::forget_caches_everywhere();
        });
        Loader { rx, cancel, done: 0, total: None }
    }

    /// Stops reading after the files in progress; what was read stays open.
    pub fn cancel(&self) {
        self.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Events that arrived since the last call; `None` once the import ended.
    pub fn poll(&mut self) -> Option<Vec<LoadEvent>> {
        let mut events = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(e) => {
                    match &e {
                        LoadEvent::Found(n) => self.total = Some(*n),
                        LoadEvent::File(_) => self.done += 1,
                        _ => {}
                    }
                    let finished = matches!(e, LoadEvent::Done | LoadEvent::Cancelled);
                    events.push(e);
                    if finished {
                        return Some(events);
                    }
                }
                Err(TryRecvError::Empty) => return Some(events),
                Err(TryRecvError::Disconnected) => {
                    return if events.is_empty() { None } else { Some(events) };
                }
            }
        }
    }
}

/// Reads `paths` (the import thread's work), sending an event per file,
/// until done or cancelled.
fn read(
    paths: &[PathBuf],
    options: ImportOptions,
    cancelled: &std::sync::atomic::AtomicBool,
    tx: &std::sync::mpsc::Sender<LoadEvent>,
    wake: &impl Fn(),
) {
    let send = |e: LoadEvent| {
        let ok = tx.send(e).is_ok();
        wake();
        ok
    };
    let found = discover(paths);
    let files: Vec<PathBuf> = found
        .into_iter()
        .filter_map(|f| match f {
            Ok(p) => Some(p),
            Err(e) => {
                send(LoadEvent::WalkFailed(e));
                None
            }
        })
        .collect();
    send(LoadEvent::Found(files.len()));
    let mut importer = Importer::new(options);
    // Chunks keep progress moving while each chunk reads in parallel.
    for chunk in files.chunks(64) {
        if cancelled.load(std::sync::atomic::Ordering::Relaxed) {
            send(LoadEvent::Cancelled);
            return;
        }
        let outcomes = importer.import_many(chunk, || {});
        for warning in importer.take_table_warnings() {
            send(LoadEvent::Warning(warning.to_string()));
        }
        for outcome in outcomes {
            if !send(LoadEvent::File(outcome)) {
                return; // the window is gone
            }
        }
    }
    send(LoadEvent::Done);
}
