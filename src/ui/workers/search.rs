//! Answers the search panel's queries and counts the pinned searches on a
//! background thread owning the search index of the current corpus, so
//! typing never waits for a search; only the newest query is run.

use std::sync::Arc;

use crate::core::search::{Query, SearchIndex, SearchResults};
use crate::core::text::transcript::Transcript;
use crate::ui::panels::search::TrackedSearch;
use crate::ui::workers::latest::Latest;

/// What the search worker is asked; of each kind only the newest counts.
pub enum Request {
    /// A new corpus: its version and its transcripts, indexed for search.
    Corpus(u64, Vec<Arc<Transcript>>),
    /// A query to run, with its sequence number.
    Query(u64, Query),
    /// The pinned searches, to count over the corpus.
    Tracked(Vec<TrackedSearch>),
}

/// The results of one query.
pub struct QueryResult {
    /// The corpus version searched.
    pub corpus_version: u64,
    /// The query's sequence number.
    pub sequence: u64,
    /// What was found.
    pub results: Arc<SearchResults>,
    /// How long it took, for the panel.
    pub millis: f64,
}

/// The results of the pinned searches.
pub struct TrackedResult {
    /// The corpus version searched.
    pub corpus_version: u64,
    /// The searches, as they were asked.
    pub searches: Vec<TrackedSearch>,
    /// Their results, in the same order (empty for a search that does not parse).
    pub results: Vec<Arc<SearchResults>>,
}

/// What one batch of requests produced.
struct Answer {
    /// The results of the newest query, if a query was among them.
    result: Option<QueryResult>,
    /// The pinned searches' results, when they were asked for.
    tracked: Option<TrackedResult>,
}

/// The newest answers taken from the worker.
#[derive(Default)]
pub struct Received {
    /// The newest query's results, if any arrived.
    pub result: Option<QueryResult>,
    /// The newest pinned searches' results, if any arrived.
    pub tracked: Option<TrackedResult>,
}

/// A background thread owning the search index of the current corpus.
pub struct Searcher {
    worker: Latest<Request, Answer>,
}

impl Searcher {
    /// Starts the thread; `wake` is called when an answer is ready.
    pub fn start(wake: impl Fn() + Send + 'static) -> Searcher {
        let mut corpus: Vec<Arc<Transcript>> = Vec::new();
        let mut version = 0;
        let mut index = SearchIndex::default();
        let work = move |requests: Vec<Request>| {
            let (mut new_corpus, mut query, mut pinned) = (None, None, None);
            for r in requests {
                match r {
                    Request::Corpus(v, docs) => new_corpus = Some((v, docs)),
                    Request::Query(sequence, q) => query = Some((sequence, q)),
                    Request::Tracked(t) => pinned = Some(t),
                }
            }
            if let Some((v, docs)) = new_corpus {
                // The old corpus's index is freed before the new one is
                // built, not after: never two at once.
                drop(std::mem::take(&mut index));
                index = SearchIndex::build(&docs);
                corpus = docs;
                version = v;
            }
            let result = query.map(|(sequence, q)| {
                let started = std::time::Instant::now();
                let r = index.search(&corpus, &q);
                QueryResult {
                    corpus_version: version,
                    sequence,
                    results: Arc::new(r),
                    millis: started.elapsed().as_secs_f64() * 1000.0,
                }
            });
            let tracked = pinned.map(|searches: Vec<TrackedSearch>| {
                let results = searches
                    .iter()
                    .map(|t| match Query::parse(&t.query, t.options) {
                        Ok(q) => Arc::new(index.search(&corpus, &q)),
                        Err(_) => Arc::new(SearchResults::default()),
                    })
                    .collect();
                TrackedResult { corpus_version: version, searches, results }
            });
            Some(Answer { result, tracked })
        };
        Searcher { worker: Latest::start("refrain-search", work, wake) }
    }

    /// Asks the thread for something.
    pub fn send(&mut self, request: Request) {
        self.worker.send(request);
    }

    /// True while a request is not answered yet.
    pub fn busy(&self) -> bool {
        self.worker.busy()
    }

    /// The newest answers that arrived since the last call; never waits.
    pub fn poll(&mut self) -> Received {
        newest(self.worker.poll().into_iter().flatten())
    }

    /// Blocks until every request is answered (tests, screenshots); the
    /// newest answers, as [`Searcher::poll`].
    pub fn wait(&mut self) -> Received {
        newest(self.worker.wait().into_iter().flatten())
    }
}

/// The newest query results and the newest pinned results among `answers`.
fn newest(answers: impl Iterator<Item = Answer>) -> Received {
    let mut latest = Received::default();
    for a in answers {
        if a.result.is_some() {
            latest.result = a.result;
        }
        if a.tracked.is_some() {
            latest.tracked = a.tracked;
        }
    }
    latest
}
