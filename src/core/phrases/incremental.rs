//! Incremental updates of the phrase index's answer: after a few documents
//! were added, removed or replaced, [`PhraseIndex::phrases`] updates the
//! last answer instead of searching the whole corpus again (when
//! [`PhraseIndex::set_incremental`] is on).
//!
//! The index keeps the last answer's phrases before any is left out, each
//! with its key, the key of its first n-gram (`raw.rs`), and notes the keys
//! of the n-grams of every document removed or replaced since (read while
//! it is still there) and which documents were added. An update then:
//!
//! 1. lays out the corpus's text as a search from scratch would;
//! 2. finds every position whose n-gram has one of the changed documents'
//!    keys (looked up in the index of every window the search from
//!    scratch left, `window_index`; the documents it does not cover read
//!    through), and sorts only those suffixes, group by
//!    group ([`SuffixIndex::sparse`]): their maximal repeats are exactly
//!    the corpus's repeats starting with such an n-gram, with all their
//!    occurrences (every occurrence starts with the same n-gram), whether
//!    or not they occur in a changed document;
//! 3. makes phrases of them as a search does (bridging, placing, sorting)
//!    and puts them in place of the kept phrases with those keys
//!    ([`RawPhrases::update`]), which also works out again what is left
//!    out, what is a formula and which documents' recurring words change.
//!
//! The answer is the same as a search from scratch would give, phrase for
//! phrase (the tests compare them). A query with other matching options
//! (length, speeches, gap, stems, numbers), or after changes to more than a
//! fifth of the corpus's words, searches from scratch.

use std::ops::Range;

use rayon::prelude::*;

use crate::core::phrases::built::Built;
use crate::core::phrases::corpus_text::{CorpusText, DocRuns, KnownRuns};
use crate::core::phrases::index::{DocId, IndexedDoc, PhraseIndex};
use crate::core::phrases::left_mixed::only_left_mixed;
use crate::core::phrases::options::PhraseOptions;
use crate::core::phrases::ordering::sort_phrases;
use crate::core::phrases::phrase_set::PhraseSet;
use crate::core::phrases::raw::{Changed, KeySet, RawPhrases};
use crate::core::phrases::repeats::{bridge_repeats, keyed_repeats, phrases_of_groups, repack_pieces};
use crate::core::phrases::runs::Run;
use crate::core::phrases::shared_ngrams::{WindowScan, key_of, window_hashes};
use crate::core::phrases::suffix::{SuffixError, SuffixIndex, SuffixText};
use crate::core::phrases::window_index::WindowIndex;
use crate::core::text::vocabulary::Vocabulary;

/// How [`PhraseIndex::phrases`] found its last answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryPath {
    /// Searched the whole corpus (or reused a suffix index of it).
    #[default]
    Full,
    /// Updated the answer before it (documents changed, or only the
    /// formula settings did).
    Incremental,
}

/// Most of the corpus's words that may have changed since the last answer
/// for an update to be worth it: beyond, a search from scratch is as fast.
const MAX_CHANGED_SHARE: f64 = 0.2;

/// Suffixes sorted per part when the changed documents' n-grams are
/// sorted in parallel (the parts end where a group does).
const PART_SUFFIXES: usize = 1 << 14;

/// What the index keeps for incremental updates.
#[derive(Default)]
pub(super) struct Updates {
    /// Answers are kept ([`PhraseIndex::set_incremental`]).
    on: bool,
    /// The last answer and what changed since.
    kept: Option<Kept>,
    /// How the last query was answered.
    pub(super) last: QueryPath,
    /// Every window of the text of the last answer from scratch, by key:
    /// where an update finds the changed documents' n-grams.
    pub(super) windows: Option<WindowIndex>,
    /// Update however much changed, and however long sorting takes, and
    /// index the windows of a text of any size (tests: small corpora change
    /// a lot at once, and a speech quoted whole is much of one).
    pub(super) always: bool,
}

impl std::fmt::Debug for Updates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Updates")
            .field("on", &self.on)
            .field("kept_phrases", &self.kept.as_ref().map(|k| k.raw.phrases.len()))
            .field("last", &self.last)
            .finish()
    }
}

/// The last answer, and the documents changed since.
struct Kept {
    raw: RawPhrases,
    /// Its options.
    options: PhraseOptions,
    /// Its recurring words per document slot.
    recurring: Vec<usize>,
    /// The documents with self-repeating runs then, with their runs.
    runs: Vec<(DocId, Vec<Run>)>,
    /// Documents added or replaced since: their keys are read at the
    /// update.
    added: Vec<DocId>,
    /// Hashes of the n-grams of the documents removed or replaced since,
    /// as they were (`shared_ngrams::window_hashes`: their keys, and a
    /// quick test for the pass over the corpus).
    removed_hashes: Vec<u64>,
    /// Words of the documents added, removed or replaced since.
    changed_words: usize,
}

impl Updates {
    /// True when answers are kept for updates.
    pub(super) fn on(&self) -> bool {
        self.on
    }

    /// Turns keeping answers on or off (off forgets the kept one).
    pub(super) fn set_on(&mut self, on: bool) {
        self.on = on;
        if !on {
            self.kept = None;
            self.windows = None;
        }
    }

    /// Keeps an answer (its phrases, options and recurring words, and the
    /// runs of the documents then): nothing changed since.
    pub(super) fn keep(
        &mut self,
        raw: RawPhrases,
        options: PhraseOptions,
        recurring: Vec<usize>,
        runs: Vec<(DocId, Vec<Run>)>,
    ) {
        if self.on {
            let (added, removed_hashes, changed_words) = (Vec::new(), Vec::new(), 0);
            self.kept = Some(Kept { raw, options, recurring, runs, added, removed_hashes, changed_words });
        }
    }

    /// Notes that document `id` (of `words` words) was added, or replaced.
    pub(super) fn added(&mut self, id: DocId, words: usize) {
        if let Some(k) = &mut self.kept {
            k.added.push(id);
            k.changed_words += words;
        }
    }

    /// Notes that document `id` is about to be removed or replaced: the
    /// keys of its n-grams as the kept answer's options read them.
    pub(super) fn removing(&mut self, id: DocId, docs: &[Option<IndexedDoc>], vocab: &Vocabulary) {
        if let Some(windows) = &mut self.windows {
            windows.forget(id);
        }
        let Some(k) = &mut self.kept else { return };
        let Some(Some(doc)) = docs.get(id as usize) else { return };
        k.changed_words += doc.ids.len();
        if let Some(at) = k.added.iter().position(|&a| a == id) {
            // Not in the kept answer: nothing of it to take out.
            k.added.swap_remove(at);
            return;
        }
        let (stem, numbers) = (k.options.stem, k.options.ignore_numbers);
        let ids: Vec<u32> = doc
            .ids
            .iter()
            .filter(|&tok| !(numbers && vocab.is_number(tok)))
            .map(|tok| if stem { vocab.stem_of(tok, doc.language).unwrap_or(tok) } else { tok })
            .collect();
        // The text of the index leaves the middle copies of runs out: its
        // n-grams are among these.
        window_hashes(&ids, k.options.min_words, |_, h| k.removed_hashes.push(h));
    }
}

impl PhraseIndex {
    /// The last answer updated for these options, when one is kept, its
    /// matching options are these and few enough words changed since;
    /// `None` otherwise (the kept answer is then let go: the search from
    /// scratch keeps its own).
    pub(super) fn update(&mut self, options: &PhraseOptions) -> Result<Option<PhraseSet>, SuffixError> {
        let Some(kept) = self.updates.kept.take() else { return Ok(None) };
        let o = &kept.options;
        let same = (o.min_words, o.min_speeches, o.max_gap, o.stem, o.ignore_numbers)
            == (options.min_words, options.min_speeches, options.max_gap, options.stem, options.ignore_numbers);
        let total: usize = self.docs.iter().flatten().map(|d| d.ids.len()).sum();
        if !same || (!self.updates.always && kept.changed_words as f64 > MAX_CHANGED_SHARE * total as f64) {
            return Ok(None);
        }
        let Kept { mut raw, options: before, recurring, mut runs, added, removed_hashes, .. } = kept;
        let ranks = self.ranks();
        let live = self.doc_ids().count();
        let changed = if added.is_empty() && removed_hashes.is_empty() {
            // No n-gram came or went: only the formulas may differ.
            runs.retain(|(d, _)| self.doc(*d).is_some());
            Changed::nothing()
        } else {
            let known = KnownRuns { runs: &runs, fresh: &added };
            match self.changed_phrases(&added, removed_hashes, options, &ranks, live, known)? {
                Some((changed, now)) => {
                    runs = now;
                    changed
                }
                None => return Ok(None),
            }
        };
        let recount = raw.update(changed, &ranks, options, &before, live);
        let set = self.answer(&mut raw, ranks, options, &runs, Some((&recount, recurring)));
        self.updates.keep(raw, options.clone(), set.recurring.clone(), runs);
        Ok(Some(set))
    }

    /// The answer of these phrases: those not left out, with their
    /// recurring words counted afresh or (`recount`) from before, counted
    /// again for the documents given; `runs` are the documents'
    /// self-repeating runs.
    pub(super) fn answer(
        &self,
        raw: &mut RawPhrases,
        ranks: Vec<u32>,
        options: &PhraseOptions,
        runs: &[(DocId, Vec<Run>)],
        recount: Option<(&[DocId], Vec<usize>)>,
    ) -> PhraseSet {
        let (phrases, pieces, in_doc) = raw.listed();
        self.phrase_set(phrases, Some(in_doc), ranks, pieces, options, runs, recount)
    }

    /// The phrases of the corpus that start with an n-gram of a changed
    /// document (`added` ones, and the hashes `removed_hashes` of the n-grams of those taken
    /// out), from a suffix index over only the suffixes starting one; and
    /// the documents' runs now (`known` knows those of the others). `None`
    /// when sorting them would take longer than indexing the whole text
    /// (then searched from scratch).
    fn changed_phrases(
        &mut self,
        added: &[DocId],
        removed_hashes: Vec<u64>,
        options: &PhraseOptions,
        ranks: &[u32],
        live: usize,
        known: KnownRuns,
    ) -> Result<Option<(Changed, DocRuns)>, SuffixError> {
        let (n, stem, numbers) = (options.min_words, options.stem, options.ignore_numbers);
        if stem {
            // The others' stems were interned by the kept answer's search.
            self.intern_stems(added);
        }
        let mut corpus = self.corpus_text(stem, numbers, n, Some(known))?;
        let ranges = corpus.ranges();
        let mut hashes = removed_hashes;
        for &id in added {
            if let Ok(k) = corpus.doc_starts.binary_search_by_key(&id, |&(_, d)| d)
                && let Some(r) = ranges.get(k)
            {
                match &corpus.text {
                    SuffixText::Narrow(t) => window_hashes(&t[r.clone()], n, |_, h| hashes.push(h)),
                    SuffixText::Wide(t) => window_hashes(&t[r.clone()], n, |_, h| hashes.push(h)),
                }
            }
        }
        let mut keys = hashes;
        keys.par_sort_unstable();
        keys.dedup();
        let looked_up = self.updates.windows.as_ref().and_then(|w| {
            w.find((n, stem, numbers), &corpus.text, &corpus.doc_starts, &ranges, &keys, self.updates.always)
        });
        let records = match looked_up {
            // The documents the index covers looked up, the others read.
            Some((mut found, uncovered)) => {
                let rest: Vec<Range<usize>> = uncovered.iter().filter_map(|&k| ranges.get(k).cloned()).collect();
                found.extend(scanned(&corpus.text, &rest, n, &keys));
                by_key(found)
            }
            None => {
                // Most of the text changed since the index was built (or
                // there is none): it would be read through every time.
                self.updates.windows = None;
                by_key(scanned(&corpus.text, &ranges, n, &keys))
            }
        };
        // Only the n-grams a maximal repeat can start at: the others give
        // no phrase (in a corpus of copies, most of a changed speech's).
        let records = match &corpus.text {
            SuffixText::Narrow(t) => only_left_mixed(t, records, corpus.sep),
            SuffixText::Wide(t) => only_left_mixed(t, records, corpus.sep),
        };
        let parts = split_at_groups(records);
        let max_work = if self.updates.always { usize::MAX } else { self.max_work(corpus.text.len()) };
        let text = std::mem::replace(&mut corpus.text, SuffixText::Narrow(std::sync::Arc::from([])));
        let suffix = match SuffixIndex::sparse(text, &parts, corpus.sep, max_work)? {
            Ok(suffix) => suffix,
            Err(_) => return Ok(None),
        };
        drop(parts);
        let built = CorpusText::into_built(corpus, suffix, stem, numbers, Some(n));
        let repeats = keyed_repeats(&built, options);
        let groups = bridge_repeats(&built, &built.suffix.text, repeats, ranks, options);
        let (mut phrases, pieces, mut phrase_keys) = phrases_of_groups(&built, groups, ranks, options, live);
        sort_phrases(&mut phrases, &mut phrase_keys, ranks, &pieces);
        let pieces = repack_pieces(&mut phrases, pieces);
        let Built { runs, found_runs, .. } = built;
        Ok(Some((Changed { keys, phrases, pieces, phrase_keys, runs: Some(runs) }, found_runs)))
    }
}

/// The windows of `n` words of the documents (`ranges` of `text`) whose
/// hash is one of `keys`, as records `key << 32 | position` (the window's
/// 32-bit key, `shared_ngrams::key_of`, groups them; [`by_key`] orders
/// them as [`SuffixIndex::sparse`] takes them). One pass over the
/// documents' text, in parallel.
fn scanned(text: &SuffixText, ranges: &[Range<usize>], n: usize, keys: &[u64]) -> Vec<u64> {
    let set = KeySet::of(keys);
    let scan = WindowScan::new(n, 0);
    let found: Vec<Vec<u64>> = ranges
        .par_iter()
        .map(|r| {
            let mut out = Vec::new();
            let keep = |p: usize, h: u64| out.push(u64::from(key_of(h)) << 32 | (r.start + p) as u64);
            let wanted = |h: u64| set.contains(h);
            match text {
                SuffixText::Narrow(t) => scan.find(t.get(r.clone()).unwrap_or(&[]), wanted, keep),
                SuffixText::Wide(t) => scan.find(t.get(r.clone()).unwrap_or(&[]), wanted, keep),
            }
            out
        })
        .collect();
    found.concat()
}

/// Bits of a record's key that pick its bucket in [`by_key`].
const KEY_BUCKET_BITS: u32 = 16;

/// Records `key << 32 | position` ordered by key then position: a counting
/// sort on the key's top bits, then each bucket (a handful) sorted.
fn by_key(records: Vec<u64>) -> Vec<u64> {
    let bucket = |r: u64| (r >> (64 - KEY_BUCKET_BITS)) as usize;
    let mut starts = vec![0usize; (1 << KEY_BUCKET_BITS) + 1];
    for &r in &records {
        starts[bucket(r) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut fill = starts.clone();
    let mut sorted = vec![0u64; records.len()];
    for r in records {
        let at = &mut fill[bucket(r)];
        sorted[*at] = r;
        *at += 1;
    }
    for b in starts.windows(2) {
        sorted[b[0]..b[1]].sort_unstable();
    }
    sorted
}

/// The records cut into parts of about [`PART_SUFFIXES`], each ending
/// where a group (a key) does, so the parts are sorted in parallel.
fn split_at_groups(records: Vec<u64>) -> Vec<Vec<u64>> {
    let mut parts = Vec::new();
    let mut rest = records.as_slice();
    while !rest.is_empty() {
        let mut cut = PART_SUFFIXES.min(rest.len());
        while cut < rest.len() && rest[cut] >> 32 == rest[cut - 1] >> 32 {
            cut += 1;
        }
        parts.push(rest[..cut].to_vec());
        rest = &rest[cut..];
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::quoting_corpus::quoting_corpus;
    use crate::core::text::transcript::Transcript;

    /// A change to a corpus, made to two indexes alike.
    #[derive(Debug, Clone)]
    enum Change {
        Add(Vec<Transcript>),
        Remove(DocId),
        Replace(DocId, Box<Transcript>),
    }

    fn apply(index: &mut PhraseIndex, change: &Change) {
        match change {
            Change::Add(ts) => {
                index.add_all(ts);
            }
            Change::Remove(id) => index.remove(*id),
            Change::Replace(id, t) => {
                index.replace(*id, t);
            }
        }
    }

    /// Asserts that two answers are the same in everything they tell:
    /// phrases, occurrences and their pieces, flags, order, ranks, and per
    /// document the recurring words and spans.
    fn assert_same(got: &PhraseSet, want: &PhraseSet, what: &str) {
        assert_eq!(got.phrases.len(), want.phrases.len(), "{what}: number of phrases");
        if let Some(k) = got.first_difference(want) {
            panic!("{what}: phrase {k}: {:?} / {:?}", got.phrases.get(k), want.phrases.get(k));
        }
        assert_eq!(got.ranks, want.ranks, "{what}: ranks");
        assert_eq!(got.recurring, want.recurring, "{what}: recurring words");
        for d in 0..want.ranks.len() as DocId {
            assert_eq!(got.spans(d), want.spans(d), "{what}: spans of doc {d}");
        }
    }

    /// Makes `changes` one after the other to an index that updates its
    /// answers and to one that searches from scratch, querying both after
    /// each with every option set in turn; the answers must agree, and the
    /// first index must have updated (every answer after the first).
    /// Returns how many updates looked the changed n-grams up in the index
    /// of windows (the others read the whole text).
    fn same_as_from_scratch(start: &[Transcript], changes: &[Change], options: &[PhraseOptions]) -> usize {
        let mut looked_up = 0;
        let mut updated = PhraseIndex::new();
        updated.set_incremental(true);
        updated.updates.always = true;
        let mut scratch = PhraseIndex::new();
        updated.add_all(start);
        scratch.add_all(start);
        for o in options {
            let first = updated.phrases(o).unwrap();
            assert_same(&first, &scratch.phrases(o).unwrap(), "first answer");
            for (step, change) in changes.iter().enumerate() {
                apply(&mut updated, change);
                apply(&mut scratch, change);
                let got = updated.phrases(o).unwrap();
                assert_eq!(updated.last_query(), QueryPath::Incremental, "step {step}: updated");
                // An update that read the whole text lets the index go.
                looked_up += usize::from(updated.updates.windows.is_some());
                assert_same(&got, &scratch.phrases(o).unwrap(), &format!("{o:?}, step {step} ({change:?})"));
            }
            // Undo the changes on both, so each option set starts alike.
            updated = PhraseIndex::new();
            updated.set_incremental(true);
            updated.updates.always = true;
            scratch = PhraseIndex::new();
            updated.add_all(start);
            scratch.add_all(start);
        }
        looked_up
    }

    #[test]
    fn quoting_speeches_added_removed_and_replaced_give_the_phrases_of_a_search_from_scratch() {
        let corpus = quoting_corpus(7, 16);
        let (start, later) = corpus.split_at(12);
        let mut edited = start[3].clone();
        edited.body = format!("{} and so on and so forth {}", start[5].body, start[3].body);
        edited.words = edited.word_ranges().len();
        let changes = [
            Change::Add(vec![later[0].clone()]),
            Change::Remove(2),
            Change::Replace(3, Box::new(edited)),
            Change::Add(later[1..].to_vec()),
            Change::Remove(12),
            Change::Remove(0),
            Change::Replace(14, Box::new(start[4].clone())),
        ];
        let options = [
            PhraseOptions::default(),
            PhraseOptions::default().min_words(3),
            PhraseOptions::default().min_words(4).max_gap(0),
            PhraseOptions::default().min_words(3).min_speeches(3).max_gap(2),
            PhraseOptions::default().min_words(4).stem(true),
            PhraseOptions::default().min_words(3).ignore_numbers(true).formula_fraction(0.1).hide_formulas(true),
        ];
        let looked_up = same_as_from_scratch(start, &changes, &options);
        assert!(looked_up >= changes.len() * options.len() / 2, "{looked_up} updates looked n-grams up");
    }

    #[test]
    fn sotu_speeches_changed_give_a_search_from_scratchs_phrases_through_the_index_of_windows() {
        let Some(corpus) = crate::core::import::shared_corpus::find() else { return };
        let folder = [corpus.join("sotu/speeches")];
        let mut ts: Vec<Transcript> = crate::core::import::files::import_paths(&folder, &Default::default())
            .into_iter()
            .filter_map(crate::core::import::files::FileOutcome::into_transcript)
            .collect();
        ts.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(ts.len(), 249);
        let (start, later) = ts.split_at(247);
        let mut edited = start[100].clone();
        edited.body = format!("{}\n\n{}", start[200].body, start[100].body);
        edited.words = edited.word_ranges().len();
        let changes = [Change::Remove(3), Change::Add(later.to_vec()), Change::Replace(100, Box::new(edited))];
        let options = [PhraseOptions::default(), PhraseOptions::default().max_gap(0).stem(true)];
        // Every update: SOTU is below the size indexed outside tests.
        assert_eq!(same_as_from_scratch(start, &changes, &options), changes.len() * options.len());
    }

    #[test]
    fn other_formula_settings_update_the_answer_without_a_search() {
        let corpus = quoting_corpus(3, 10);
        let mut updated = PhraseIndex::new();
        updated.set_incremental(true);
        let mut scratch = PhraseIndex::new();
        updated.add_all(&corpus);
        scratch.add_all(&corpus);
        let base = PhraseOptions::default().min_words(3);
        updated.phrases(&base).unwrap();
        for o in [base.clone().formula_fraction(0.1), base.clone().formula_fraction(0.1).hide_formulas(true), base] {
            let got = updated.phrases(&o).unwrap();
            assert_eq!(updated.last_query(), QueryPath::Incremental);
            assert!(got.phrases.iter().any(|p| p.formula) == (o.formula_fraction < 0.5), "{o:?}");
            assert_same(&got, &scratch.phrases(&o).unwrap(), &format!("{o:?}"));
        }
        // Other matching options search again, and keep that answer.
        updated.phrases(&PhraseOptions::default().min_words(4)).unwrap();
        assert_eq!(updated.last_query(), QueryPath::Full);
        updated.remove(1);
        updated.phrases(&PhraseOptions::default().min_words(4)).unwrap();
        assert_eq!(updated.last_query(), QueryPath::Incremental);
    }

    #[test]
    fn many_changes_search_from_scratch_and_off_keeps_nothing() {
        let corpus = quoting_corpus(5, 10);
        let mut index = PhraseIndex::new();
        index.set_incremental(true);
        index.add_all(&corpus[..5]);
        let o = PhraseOptions::default().min_words(3);
        index.phrases(&o).unwrap();
        index.add_all(&corpus[5..]);
        index.phrases(&o).unwrap();
        assert_eq!(index.last_query(), QueryPath::Full, "half the corpus is new");
        index.set_incremental(false);
        index.remove(0);
        index.phrases(&o).unwrap();
        assert_eq!(index.last_query(), QueryPath::Full);
        assert!(!index.replace(0, &corpus[0]), "no document 0 any more");
    }

    #[test]
    fn records_by_key_are_records_sorted() {
        let mut next = crate::core::test_rng::seeded(5);
        let records: Vec<u64> =
            (0..20_000).map(|_| u64::from(next() % 3000) << 52 | u64::from(next()) << 32 | u64::from(next())).collect();
        let mut want = records.clone();
        want.sort_unstable();
        assert_eq!(by_key(records), want);
        assert!(by_key(Vec::new()).is_empty());
    }

    #[test]
    fn the_pass_over_the_corpus_finds_every_window_with_a_key_and_no_other() {
        // The keys: the hashes of some windows, and hashes no window has
        // whose top bits are those of some window's (they pass the quick
        // test, and must not be taken for it).
        let mut next = crate::core::test_rng::seeded(21);
        let ids: Vec<u16> = (0..5000).map(|_| (next() % 9) as u16).collect();
        let ranges = [0..1200, 1201..1201, 1202..3300, 3301..5000];
        let text = SuffixText::Narrow(ids.clone().into());
        let n = 4;
        let mut all = Vec::new();
        for r in &ranges {
            window_hashes(&ids[r.clone()], n, |p, h| all.push((r.start + p, h)));
        }
        let mut keys: Vec<u64> = all.iter().step_by(37).map(|&(_, h)| h).collect();
        keys.extend(all.iter().step_by(41).map(|&(_, h)| h ^ 1));
        keys.sort_unstable();
        keys.dedup();
        let mut want: Vec<u64> = all
            .iter()
            .filter(|(_, h)| keys.binary_search(h).is_ok())
            .map(|&(p, h)| u64::from(key_of(h)) << 32 | p as u64)
            .collect();
        want.sort_unstable();
        assert!(want.len() > 100, "{} windows", want.len());
        assert_eq!(by_key(scanned(&text, &ranges, n, &keys)), want);
    }

    /// A word of a generated speech: a word of a small vocabulary, or a
    /// run (a word or a chant said over and over), or a number.
    fn word(token: u8) -> String {
        match token {
            0..=7 => format!("w{token}"),
            8 => "la ".repeat(11).trim_end().to_string(),
            9 => "one two ".repeat(8).trim_end().to_string(),
            _ => format!("{}", token % 3),
        }
    }

    fn speech(k: usize, tokens: &[u8], year: i32) -> Transcript {
        let text: Vec<String> = tokens.iter().map(|&t| word(t)).collect();
        let mut t = Transcript::from_text(format!("s{k}.txt"), "t", &text.join(" "));
        // Some undated, some sharing a date.
        if year % 5 != 0 {
            t.date = Some(crate::core::text::transcript::SpeechDate {
                date: chrono::NaiveDate::from_ymd_opt(1900 + year % 7, 1, 1).unwrap_or_default(),
                precision: crate::core::text::transcript::DatePrecision::Year,
                source: crate::core::text::transcript::DateSource::Filename,
            });
        }
        t
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn random_changes_give_the_phrases_of_a_search_from_scratch(
            docs in proptest::collection::vec(proptest::collection::vec(0u8..11, 0..60), 2..9),
            changes in proptest::collection::vec(
                (0u8..3, 0u16..64, proptest::collection::vec(0u8..11, 0..60)), 1..6),
            pick in 0usize..5,
        ) {
            let options = [
                PhraseOptions::default().min_words(3),
                PhraseOptions::default().min_words(2).max_gap(0),
                PhraseOptions::default().min_words(3).max_gap(2).min_speeches(3),
                PhraseOptions::default().min_words(3).ignore_numbers(true).formula_fraction(0.3),
                PhraseOptions::default().min_words(4).stem(true).hide_formulas(true).formula_fraction(0.2),
            ];
            let start: Vec<Transcript> =
                docs.iter().enumerate().map(|(k, d)| speech(k, d, k as i32)).collect();
            let mut slots = start.len();
            let mut live: Vec<DocId> = (0..slots as DocId).collect();
            let mut list = Vec::new();
            for (k, (kind, at, tokens)) in changes.iter().enumerate() {
                let t = speech(100 + k, tokens, k as i32 + usize::from(*at) as i32);
                match kind {
                    0 => {
                        list.push(Change::Add(vec![t]));
                        live.push(slots as DocId);
                        slots += 1;
                    }
                    _ if live.is_empty() => continue,
                    1 => list.push(Change::Remove(live.remove(usize::from(*at) % live.len()))),
                    _ => list.push(Change::Replace(live[usize::from(*at) % live.len()], Box::new(t))),
                }
            }
            same_as_from_scratch(&start, &list, std::slice::from_ref(&options[pick]));
        }
    }
}
