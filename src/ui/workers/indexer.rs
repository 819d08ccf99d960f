//! Finds recurring phrases on a background thread, so the window keeps
//! drawing while a large corpus is indexed or the settings change.

use crate::core::phrases::suffix::SuffixError;
use crate::core::phrases::{DocId, PhraseIndex, PhraseOptions, PhraseSet, QueryPath};
use crate::core::text::transcript::Transcript;
use crate::ui::workers::latest::{Latest, Unanswered};
use std::collections::{HashMap, HashSet};
use std::path::Path;
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
        let mut corpus = IndexedCorpus::default();
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
                corpus.update(docs);
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
            let result = corpus.phrases(&options).map(|set| Indexed {
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

/// The phrase index of the open corpus, kept from one corpus to the next:
/// a transcript added, removed or reloaded is tokenized and searched on its
/// own ([`PhraseIndex::set_incremental`]), not the whole corpus again.
#[derive(Default)]
pub struct IndexedCorpus {
    index: PhraseIndex,
    /// The corpus indexed, in the app's order (positions are the views'
    /// document numbers).
    docs: Vec<Arc<Transcript>>,
    /// Each position's id in `index`.
    ids: Vec<DocId>,
}

impl IndexedCorpus {
    /// Indexes `docs` (the whole new corpus): the transcripts also in the
    /// corpus before (the same shared transcript) keep their place in the
    /// index, those gone are removed, a new version of one at the same
    /// path replaces it, and the others are added. When fewer than half
    /// of them were there before, the index starts afresh.
    pub fn update(&mut self, docs: Vec<Arc<Transcript>>) {
        let before: HashMap<*const Transcript, DocId> =
            self.docs.iter().zip(&self.ids).map(|(t, &id)| (Arc::as_ptr(t), id)).collect();
        let kept = docs.iter().filter(|t| before.contains_key(&Arc::as_ptr(t))).count();
        if self.docs.is_empty() || kept * 2 < docs.len() {
            self.index = PhraseIndex::new();
            self.index.set_incremental(true);
            self.ids = self.index.add_all(&docs);
            self.docs = docs;
            return;
        }
        let staying: HashSet<*const Transcript> = docs.iter().map(Arc::as_ptr).collect();
        // Gone, by path: a new version at the same path replaces it.
        let mut gone: HashMap<&Path, DocId> = HashMap::new();
        for (t, &id) in self.docs.iter().zip(&self.ids) {
            if !staying.contains(&Arc::as_ptr(t)) {
                gone.insert(t.path.as_path(), id);
            }
        }
        let mut ids: Vec<Option<DocId>> = docs.iter().map(|t| before.get(&Arc::as_ptr(t)).copied()).collect();
        for (slot, t) in ids.iter_mut().zip(&docs) {
            if slot.is_none()
                && let Some(id) = gone.remove(t.path.as_path())
                && self.index.replace(id, t)
            {
                *slot = Some(id);
            }
        }
        for id in gone.into_values() {
            self.index.remove(id);
        }
        let new: Vec<usize> = (0..docs.len()).filter(|&i| ids[i].is_none()).collect();
        let added: Vec<Arc<Transcript>> = new.iter().map(|&i| docs[i].clone()).collect();
        for (&i, id) in new.iter().zip(self.index.add_all(&added)) {
            ids[i] = Some(id);
        }
        self.ids = ids.into_iter().map(|id| id.unwrap_or(DocId::MAX)).collect();
        self.docs = docs;
    }

    /// The phrases of the corpus, its documents numbered by their
    /// positions.
    pub fn phrases(&mut self, options: &PhraseOptions) -> Result<PhraseSet, SuffixError> {
        let set = self.index.phrases(options)?;
        if self.ids.iter().enumerate().all(|(pos, &id)| id as usize == pos) {
            return Ok(set);
        }
        let ids = self.ids.iter().filter(|&&id| id != DocId::MAX);
        let mut to = vec![None; ids.map(|&id| id as usize + 1).max().unwrap_or(0)];
        for (pos, &id) in self.ids.iter().enumerate() {
            if let Some(slot) = to.get_mut(id as usize) {
                *slot = Some(pos as DocId);
            }
        }
        Ok(set.renumbered(&to, self.docs.len()))
    }

    /// How the last phrases were found: from scratch or by an update.
    pub fn last_query(&self) -> QueryPath {
        self.index.last_query()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::files::{FileOutcome, ImportOptions, import_paths};
    use crate::core::import::shared_corpus;

    /// The SOTU speeches in date order, as the app holds them.
    fn sotu() -> Option<Vec<Arc<Transcript>>> {
        let Some(root) = shared_corpus::find() else {
            eprintln!("skipped: corpus not found");
            return None;
        };
        let mut ts: Vec<Arc<Transcript>> = import_paths(&[root.join("sotu/speeches")], &ImportOptions::default())
            .into_iter()
            .filter_map(|o| match o {
                FileOutcome::Imported(t) => Some(Arc::new(*t)),
                _ => None,
            })
            .collect();
        ts.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
        Some(ts)
    }

    /// The phrases an index built afresh gives for `docs`.
    fn fresh(docs: &[Arc<Transcript>], options: &PhraseOptions) -> PhraseSet {
        let mut c = IndexedCorpus::default();
        c.update(docs.to_vec());
        c.phrases(options).unwrap()
    }

    fn assert_same(got: &PhraseSet, want: &PhraseSet, docs: usize) {
        assert_eq!(got.phrases.len(), want.phrases.len());
        if let Some(k) = got.first_difference(want) {
            panic!(
                "the phrases differ from a full rebuild at {k}: {:?} / {:?}",
                got.phrases.get(k),
                want.phrases.get(k)
            );
        }
        for d in 0..docs as u32 {
            assert_eq!(got.recurring_words(d), want.recurring_words(d), "document {d}");
            assert_eq!(got.rank(d), want.rank(d), "document {d}");
        }
        for d in [0, docs as u32 / 2, docs as u32 - 1] {
            assert_eq!(got.spans(d), want.spans(d), "document {d}");
        }
    }

    #[test]
    fn adding_removing_and_reloading_one_transcript_gives_the_phrases_of_a_full_rebuild() {
        let Some(all) = sotu() else { return };
        let options = PhraseOptions::default();
        let mut app = IndexedCorpus::default();
        app.update(all.clone());
        app.phrases(&options).unwrap();
        // Removed: a speech from the middle (positions after it shift).
        let mut docs = all.clone();
        let gone = docs.remove(120);
        app.update(docs.clone());
        let got = app.phrases(&options).unwrap();
        assert_eq!(app.last_query(), QueryPath::Incremental);
        assert_same(&got, &fresh(&docs, &options), docs.len());
        // Added back, at its place in date order.
        docs.insert(120, gone);
        app.update(docs.clone());
        let got = app.phrases(&options).unwrap();
        assert_eq!(app.last_query(), QueryPath::Incremental);
        assert_same(&got, &fresh(&docs, &options), docs.len());
        // Reloaded after an edit: a new version at the same path.
        let old = &docs[200];
        let mut edited = Transcript::from_text(
            old.path.clone(),
            &old.title,
            &format!("{}\n\nWe remain open to dialogue on the basis of mutual respect.", old.body),
        );
        edited.date = old.date;
        docs[200] = Arc::new(edited);
        app.update(docs.clone());
        let got = app.phrases(&options).unwrap();
        assert_eq!(app.last_query(), QueryPath::Incremental);
        assert_same(&got, &fresh(&docs, &options), docs.len());
    }
}
