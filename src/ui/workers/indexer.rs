//! Finds recurring phrases on a background thread, so the window keeps
//! drawing while a large corpus is indexed or the settings change.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use crate::core::phrases::index::{PhraseIndex, PhraseOptions, PhraseSet};
use crate::core::text::transcript::Transcript;

/// What the indexer computed: phrases for one corpus version and settings.
#[derive(Debug, Clone)]
pub struct Indexed {
    /// The corpus version it belongs to.
    pub corpus_version: u64,
    /// The settings used.
    pub options: PhraseOptions,
    /// The phrases; document ids are positions in the corpus.
    pub set: Arc<PhraseSet>,
    /// How long it took, for the status bar.
    pub millis: u128,
}

enum Request {
    Corpus(u64, Vec<Arc<Transcript>>),
    Options(PhraseOptions),
}

/// A background worker owning the phrase index.
pub struct Indexer {
    tx: Sender<Request>,
    rx: Receiver<Result<Indexed, String>>,
    /// Requests sent and not yet answered.
    pending: usize,
}

impl Indexer {
    /// Starts the worker; `wake` is called when a result is ready.
    pub fn start(wake: impl Fn() + Send + 'static) -> Self {
        let (tx, worker_rx) = channel::<Request>();
        let (worker_tx, rx) = channel();
        std::thread::spawn(move || {
            let mut index = PhraseIndex::new();
            let mut version = 0;
            let mut options = PhraseOptions::default();
            // The options of the phrases last sent for this corpus.
            let mut sent: Option<PhraseOptions> = None;
            while let Ok(first) = worker_rx.recv() {
                // Only the latest corpus and settings matter.
                let mut requests = vec![first];
                requests.extend(worker_rx.try_iter());
                let answered = requests.len();
                let mut new_corpus = None;
                for r in requests {
                    match r {
                        Request::Corpus(v, docs) => new_corpus = Some((v, docs)),
                        Request::Options(o) => options = o,
                    }
                }
                if let Some((v, docs)) = new_corpus {
                    index = PhraseIndex::new();
                    index.add_all(&docs);
                    // Tokenizing freed its working lists on the pool's
                    // threads; glibc keeps such memory in each thread's
                    // arena, where indexing (other sizes, other threads)
                    // rarely reuses it.
                    crate::core::memory::give_back();
                    version = v;
                } else if sent.as_ref() == Some(&options) {
                    // The same settings again (they follow every new corpus):
                    // the phrases sent stand, and a large corpus is not
                    // searched a second time.
                    for _ in 0..answered {
                        if worker_tx.send(Err(String::new())).is_err() {
                            return;
                        }
                    }
                    wake();
                    continue;
                }
                let started = std::time::Instant::now();
                sent = Some(options.clone());
                let result = index
                    .phrases(&options)
                    .map(|set| Indexed {
                        corpus_version: version,
                        options: options.clone(),
                        set: Arc::new(set),
                        millis: started.elapsed().as_millis(),
                    })
                    .map_err(|e| e.to_string());
                for _ in 1..answered {
                    // Superseded requests get no result of their own.
                    if worker_tx.send(Err(String::new())).is_err() {
                        return;
                    }
                }
                // The same for indexing's working lists, before the views
                // allocate for the new phrases: opening SOTU peaks 2 MB
                // lower (benches/limits.rs). Half a millisecond each.
                crate::core::memory::give_back();
                if worker_tx.send(result).is_err() {
                    return;
                }
                wake();
            }
        });
        Indexer { tx, rx, pending: 0 }
    }

    /// Indexes a new corpus (positions in `docs` become document ids).
    pub fn set_corpus(&mut self, version: u64, docs: Vec<Arc<Transcript>>) {
        if self.tx.send(Request::Corpus(version, docs)).is_ok() {
            self.pending += 1;
        }
    }

    /// Recomputes the phrases with other settings.
    pub fn set_options(&mut self, options: PhraseOptions) {
        if self.tx.send(Request::Options(options)).is_ok() {
            self.pending += 1;
        }
    }

    /// True while a request is being worked on.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    /// The newest result, if one arrived; an error message if indexing failed.
    pub fn poll(&mut self) -> Option<Result<Indexed, String>> {
        let mut latest = None;
        loop {
            match self.rx.try_recv() {
                Ok(r) => {
                    self.pending = self.pending.saturating_sub(1);
                    match r {
                        Err(e) if e.is_empty() => {}
                        other => latest = Some(other),
                    }
                }
                Err(TryRecvError::Empty) => return latest,
                Err(TryRecvError::Disconnected) => {
                    self.pending = 0;
                    return latest.or_else(|| Some(Err("the indexing thread stopped".to_string())));
                }
            }
        }
    }

    /// Blocks until every request is answered (tests and screenshots).
    pub fn wait(&mut self) -> Option<Result<Indexed, String>> {
        let mut latest = None;
        while self.pending > 0 {
            match self.rx.recv() {
                Ok(r) => {
                    self.pending -= 1;
                    match r {
                        Err(e) if e.is_empty() => {}
                        other => latest = Some(other),
                    }
                }
                Err(_) => {
                    self.pending = 0;
                    return Some(Err("the indexing thread stopped".to_string()));
                }
            }
        }
        latest
    }
}
