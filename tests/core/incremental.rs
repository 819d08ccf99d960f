//! The phrase index updated one transcript at a time on the SOTU corpus
//! (`PhraseIndex::set_incremental`): after each speech added, removed or
//! reloaded (replaced by an edited version), the updated answer is the
//! answer of an index searching from scratch that made the same changes:
//! the same phrases in the same order, with the same occurrences, pieces
//! and flags, and per speech the same rank, recurring words and spans.
//! The speeches changed: the earliest, the latest, the longest, one
//! without a date, and one made of passages of others (it shares most of
//! its words).

use refrain::core::phrases::{DocId, PhraseIndex, PhraseOptions, PhraseSet, QueryPath};
use refrain::core::text::transcript::Transcript;

use crate::common;
use crate::support::sotu_speeches;

/// A change made to both indexes.
enum Change<'a> {
    Add(&'a Transcript),
    Remove(DocId),
    Replace(DocId, &'a Transcript),
}

/// An index updating its answers and one searching from scratch, changed
/// alike.
struct Pair {
    updated: PhraseIndex,
    scratch: PhraseIndex,
}

impl Pair {
    fn new(ts: &[Transcript], options: &PhraseOptions) -> Pair {
        let mut updated = PhraseIndex::new();
        updated.set_incremental(true);
        let mut scratch = PhraseIndex::new();
        assert_eq!(updated.add_all(ts), scratch.add_all(ts));
        let mut pair = Pair { updated, scratch };
        let first = pair.updated.phrases(options).unwrap();
        assert_eq!(pair.updated.last_query(), QueryPath::Full);
        assert_same(&first, &pair.scratch.phrases(options).unwrap(), &pair.scratch, "first answer");
        pair
    }

    /// Makes the change to both; returns the id of an added document.
    fn change(&mut self, change: &Change) -> Option<DocId> {
        match change {
            Change::Add(t) => {
                let id = self.updated.add(t);
                assert_eq!(self.scratch.add(t), id);
                Some(id)
            }
            Change::Remove(id) => {
                self.updated.remove(*id);
                self.scratch.remove(*id);
                None
            }
            Change::Replace(id, t) => {
                assert!(self.updated.replace(*id, t) && self.scratch.replace(*id, t));
                None
            }
        }
    }

    /// Both answers after a change: the updated one must be an update,
    /// and the same as the other.
    fn check(&mut self, options: &PhraseOptions, what: &str) -> PhraseSet {
        let got = self.updated.phrases(options).unwrap();
        assert_eq!(self.updated.last_query(), QueryPath::Incremental, "{what}: updated");
        assert_same(&got, &self.scratch.phrases(options).unwrap(), &self.scratch, what);
        got
    }
}

/// Asserts that two answers over the documents of `index` tell the same.
fn assert_same(got: &PhraseSet, want: &PhraseSet, index: &PhraseIndex, what: &str) {
    assert_eq!(got.phrases.len(), want.phrases.len(), "{what}: number of phrases");
    if let Some(k) = got.first_difference(want) {
        panic!("{what}: phrase {k}: {:?} / {:?}", got.phrases.get(k), want.phrases.get(k));
    }
    for d in index.doc_ids() {
        assert_eq!(got.rank(d), want.rank(d), "{what}: rank of {d}");
        assert_eq!(got.recurring_words(d), want.recurring_words(d), "{what}: recurring words of {d}");
        assert_eq!(got.spans(d), want.spans(d), "{what}: spans of {d}");
    }
}

/// A transcript with `t`'s date, time and languages and this body.
fn like(t: &Transcript, path: &str, body: &str) -> Transcript {
    let mut e = Transcript::from_text(path, &t.title, body);
    (e.date, e.time, e.languages) = (t.date, t.time, t.languages.clone());
    e
}

/// `t` edited: its second paragraph gone, one of `other`'s added at its end.
fn edited(t: &Transcript, other: &Transcript) -> Transcript {
    let mut paragraphs: Vec<&str> = (0..t.paragraphs.len()).filter_map(|k| t.paragraph(k)).collect();
    paragraphs.remove(1);
    paragraphs.push(other.paragraph(2).unwrap());
    like(t, &t.path.to_string_lossy(), &paragraphs.join("\n\n"))
}

/// The speeches changed: (earliest, latest, longest, middle).
fn chosen(ts: &[Transcript]) -> (usize, usize, usize, usize) {
    let longest = (0..ts.len()).max_by_key(|&k| ts[k].words).unwrap();
    (0, ts.len() - 1, longest, ts.len() / 2)
}

/// A speech made of passages of five others, with the date of the first.
fn composite(ts: &[Transcript]) -> Transcript {
    let from = [20, 70, 120, 170, 220];
    let body: Vec<&str> = from.iter().flat_map(|&k| (1..4).filter_map(move |p| ts[k].paragraph(p))).collect();
    like(&ts[from[0]], "composite.txt", &body.join("\n\n"))
}

#[test]
fn speeches_added_removed_and_reloaded_give_the_phrases_of_a_search_from_scratch() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let (earliest, latest, longest, middle) = chosen(&ts);
    let options = PhraseOptions::default();
    let mut pair = Pair::new(&ts, &options);
    let ids: Vec<DocId> = (0..ts.len() as DocId).collect();

    pair.change(&Change::Remove(ids[earliest]));
    pair.check(&options, "earliest removed");
    let back = pair.change(&Change::Add(&ts[earliest])).unwrap();
    let set = pair.check(&options, "earliest added back");
    // Added back, it is the earliest again and introduces its phrases.
    assert_eq!(set.rank(back), 0);
    assert!(set.phrases.iter().any(|p| p.first == back && p.speeches > 50));

    pair.change(&Change::Remove(ids[latest]));
    pair.check(&options, "latest removed");

    // Undated, a copy of a speech with a sentence more: it shares almost
    // every word with the speech and ranks last.
    let mut undated = like(&ts[middle], "undated.txt", &format!("{}\n\nA sentence of our own.", ts[middle].body));
    undated.date = None;
    let undated_id = pair.change(&Change::Add(&undated)).unwrap();
    let set = pair.check(&options, "undated added");
    assert_eq!(set.rank(undated_id), (pair.updated.doc_ids().count() - 1) as u32);
    assert!(set.recurring_words(undated_id) * 10 > undated.words * 9);

    let edit = edited(&ts[longest], &ts[3]);
    pair.change(&Change::Replace(ids[longest], &edit));
    pair.check(&options, "longest reloaded edited");

    let shared = composite(&ts);
    let shared_id = pair.change(&Change::Add(&shared)).unwrap();
    let set = pair.check(&options, "passages of five speeches added");
    assert!(set.recurring_words(shared_id) * 10 > shared.words * 8);

    // Given a date, the undated copy moves to its place among the others.
    pair.change(&Change::Replace(undated_id, &like(&ts[middle], "undated.txt", &undated.body)));
    pair.check(&options, "undated given a date");

    pair.change(&Change::Remove(shared_id));
    pair.change(&Change::Remove(ids[middle]));
    pair.check(&options, "two removed at once");
}

#[test]
fn other_options_update_alike() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let (earliest, _, longest, middle) = chosen(&ts);
    let shared = composite(&ts);
    let edit = edited(&ts[longest], &ts[3]);
    for options in [
        PhraseOptions::default().max_gap(0),
        PhraseOptions::default().min_speeches(3),
        PhraseOptions::default().stem(true),
    ] {
        let mut pair = Pair::new(&ts, &options);
        pair.change(&Change::Remove(middle as DocId));
        pair.check(&options, &format!("{options:?}: middle removed"));
        pair.change(&Change::Add(&shared));
        pair.check(&options, &format!("{options:?}: passages of five speeches added"));
        pair.change(&Change::Replace(longest as DocId, &edit));
        pair.change(&Change::Replace(earliest as DocId, &ts[earliest + 1]));
        pair.check(&options, &format!("{options:?}: two reloaded"));
    }
}
