//! Finds recurring phrases on a background thread, so the window keeps
//! drawing while a large corpus is indexed or the settings change.

use crate::core::phrases::suffix::SuffixError;
use crate::core::phrases::{PhraseIndex, PhraseOptions, PhraseSet};
use crate::core::text::transcript::Transcript;
use crate::ui::workers::latest::{Latest, Unanswered};
use std::sync::Arc;

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

/// Why the indexer has no phrases to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// The phrase index could not be built.
    #[error(transparent)]
    Phrases(#[from] SuffixError),
    /// The indexing thread stopped before answering.
    #[error("the indexing thread stopped")]
    Stopped,
}

/// What the indexer is asked; only the newest corpus and settings count.
enum Request {
    /// A new corpus (its version, its transcripts).
    Corpus(u64, Vec<Arc<Transcript>>),
    /// New settings.
    Options(PhraseOptions),
}

/// A background worker owning the phrase index.
pub struct Indexer {
    worker: Latest<Request, Result<Indexed, SuffixError>>,
}

impl Indexer {
    /// Starts the worker; `wake` is called when a result is ready.
    pub fn start(wake: impl Fn() + Send + 'static) -> Self {
        let mut index = PhraseIndex::new();
        let mut version = 0;
        let mut options = PhraseOptions::default();
        // The options of the phrases last sent for this corpus.
        let mut sent: Option<PhraseOptions> = None;
        let work = move |requests: Vec<Request>| {
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
                return None;
            }
            let started = std::time::Instant::now();
            sent = Some(options.clone());
            let result = index.phrases(&options).map(|set| Indexed {
                corpus_version: version,
                options: options.clone(),
                set: Arc::new(set),
                millis: started.elapsed().as_millis(),
            });
            // The same for indexing's working lists, before the views
            // allocate for the new phrases: opening SOTU peaks 2 MB
            // lower (benches/limits.rs). Half a millisecond each.
            crate::core::memory::give_back();
            Some(result)
        };
        Indexer { worker: Latest::start("refrain-index", work, wake) }
    }

    /// Indexes a new corpus (positions in `docs` become document ids).
    pub fn set_corpus(&mut self, version: u64, docs: Vec<Arc<Transcript>>) {
        self.worker.send(Request::Corpus(version, docs));
    }

    /// Recomputes the phrases with other settings.
    pub fn set_options(&mut self, options: PhraseOptions) {
        self.worker.send(Request::Options(options));
    }

    /// True while a request is being worked on.
    pub fn busy(&self) -> bool {
        self.worker.busy()
    }

    /// The newest result, if one arrived; why there is none if indexing
    /// failed or stopped.
    pub fn poll(&mut self) -> Option<Result<Indexed, IndexError>> {
        newest(self.worker.poll())
    }

    /// Blocks until every request is answered (tests and screenshots); the
    /// newest result, as [`Indexer::poll`].
    pub fn wait(&mut self) -> Option<Result<Indexed, IndexError>> {
        newest(self.worker.wait())
    }
}

/// The newest phrases or failure among the worker's answers; that the
/// thread stopped only when nothing newer arrived before.
fn newest(outcomes: Vec<Result<Result<Indexed, SuffixError>, Unanswered>>) -> Option<Result<Indexed, IndexError>> {
    let mut newest = None;
    for outcome in outcomes {
        match outcome {
            Ok(result) => newest = Some(result.map_err(IndexError::from)),
            Err(Unanswered::Stopped) => {
                newest.get_or_insert(Err(IndexError::Stopped));
            }
            Err(Unanswered::Superseded | Unanswered::Unchanged) => {}
        }
    }
    newest
}
