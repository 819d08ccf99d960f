//! Which notes belong to which timeline entries, so the timeline can mark
//! them and its exports carry them: a note on a speech, or on any text in
//! it, is on that speech's marker; a note on an event on the event; a note
//! on text overlapping a mention's sentence or a phrase use on that mention
//! or use; a note on the selected phrase on every use of it.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::core::notes::{Note, NoteTarget};
use crate::core::text::transcript::Transcript;
use crate::core::timeline::model::{Lane, Timeline};

/// For each lane, for each entry (same index as in the lane), the notes on
/// it as indices into the notes given to [`EntryNotes::new`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryNotes {
    lanes: [Vec<Vec<usize>>; 4],
    /// Per lane, how many entries have a note: a lane without any is not
    /// searched entry by entry (a million events are drawn every frame).
    noted: [usize; 4],
}

fn lane_index(lane: Lane) -> usize {
    match lane {
        Lane::Speeches => 0,
        Lane::Events => 1,
        Lane::Mentioned => 2,
        Lane::Phrase => 3,
    }
}

/// Text ranges that touch: overlapping, or an empty range inside the other.
fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end)
        || (a.is_empty() && b.contains(&a.start))
        || (b.is_empty() && a.contains(&b.start))
}

/// Words joined by single spaces, to compare phrase texts.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl EntryNotes {
    /// Places `notes` on the entries of `tl`, built from `corpus`.
    /// `phrase` is the text of what the phrase lane shows (the selected
    /// phrase as first used), so notes on that phrase land on its uses.
    /// Range notes are placed where their text is now (found again when the
    /// file changed); a range note whose text is gone stays on its speech.
    pub fn new<T: Borrow<Transcript>>(tl: &Timeline, corpus: &[T], notes: &[Note], phrase: Option<&str>) -> EntryNotes {
        let mut out = EntryNotes { lanes: Lane::ALL.map(|l| vec![Vec::new(); tl.lane(l).len()]), noted: [0; 4] };
        let doc_of: HashMap<&Path, usize> =
            corpus.iter().enumerate().map(|(i, t)| (t.borrow().path.as_path(), i)).collect();
        let phrase = phrase.map(words);
        for (k, note) in notes.iter().enumerate() {
            match &note.target {
                NoteTarget::Event { date, title } => {
                    out.add(tl, Lane::Events, k, |e| e.title == *title && e.date_label() == *date);
                }
                NoteTarget::Phrase { text } => {
                    if phrase.as_deref() == Some(text.as_str()) {
                        out.add(tl, Lane::Phrase, k, |_| true);
                    }
                }
                NoteTarget::Speech { path, .. } => {
                    let Some(&doc) = doc_of.get(path.as_path()) else { continue };
                    out.add(tl, Lane::Speeches, k, |e| e.doc == Some(doc));
                }
                NoteTarget::Range { path, .. } => {
                    let Some(&doc) = doc_of.get(path.as_path()) else { continue };
                    out.add(tl, Lane::Speeches, k, |e| e.doc == Some(doc));
                    let Some(range) = corpus.get(doc).and_then(|t| note.anchor(t.borrow())).and_then(|a| a.range())
                    else {
                        continue;
                    };
                    out.add(tl, Lane::Mentioned, k, |e| {
                        e.doc == Some(doc)
                            && e.sentence.as_ref().or(e.bytes.as_ref()).is_some_and(|s| touches(s, &range))
                    });
                    out.add(tl, Lane::Phrase, k, |e| {
                        e.doc == Some(doc) && e.bytes.as_ref().is_some_and(|b| touches(b, &range))
                    });
                }
            }
        }
        out
    }

    fn add(
        &mut self,
        tl: &Timeline,
        lane: Lane,
        note: usize,
        on: impl Fn(&crate::core::timeline::model::Entry) -> bool,
    ) {
        let slots = &mut self.lanes[lane_index(lane)];
        for (i, e) in tl.lane(lane).iter().enumerate() {
            if on(e)
                && let Some(slot) = slots.get_mut(i)
            {
                if slot.is_empty() {
                    self.noted[lane_index(lane)] += 1;
                }
                slot.push(note);
            }
        }
    }

    /// The notes on entry `i` of `lane` (indices into the notes given).
    pub fn of(&self, lane: Lane, i: usize) -> &[usize] {
        self.lanes[lane_index(lane)].get(i).map_or(&[], Vec::as_slice)
    }

    /// True when some entry of `lane` has a note.
    pub fn any_in(&self, lane: Lane) -> bool {
        self.noted[lane_index(lane)] > 0
    }

    /// True when no entry has a note.
    pub fn is_empty(&self) -> bool {
        self.lanes.iter().all(|l| l.iter().all(Vec::is_empty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::{PhraseIndex, PhraseOptions};

    fn speech(path: &str, y: i32, body: &str) -> Transcript {
        crate::core::test_speech::speech(path, Some((y, 1, 6)), body)
    }

    #[test]
    fn notes_land_on_their_speech_event_mention_and_phrase_use() {
        let corpus = vec![
            speech(
                "/c/1942.txt",
                1942,
                "Last December we were attacked. We remain open to dialogue on the basis of respect.",
            ),
            speech("/c/1943.txt", 1943, "A year of war. We remain open to dialogue on the basis of respect."),
        ];
        let (events, _) = crate::core::timeline::events::parse_csv(
            "date,title,description\n1941-12-07,Attack on Pearl Harbor,\n1939-09,War in Europe,\n",
        )
        .unwrap();
        let mut tl = Timeline::build(&corpus, &events);
        let mut index = PhraseIndex::new();
        index.add_all(&corpus);
        let set = index.phrases(&PhraseOptions::default()).unwrap();
        tl.set_phrase(&corpus, set.phrases.first().map(|p| (&set, p)));
        assert_eq!(tl.phrase.len(), 2);
        let phrase_text = words(&corpus[0].body[set.occurrence_bytes(&set.phrases[0].occurrences[0])]);
        let t0 = &corpus[0];
        let at = |needle: &str| {
            let s = t0.body.find(needle).unwrap();
            s..s + needle.len()
        };
        let notes = vec![
            Note::on_speech(&corpus[1], "speech note".into(), vec![]),
            Note::on_event("1941-12-07", "Attack on Pearl Harbor", "event note".into(), vec![]),
            // Inside the mention's sentence, not the phrase.
            Note::on_range(t0, at("attacked"), "mention note".into(), vec![]),
            // Inside the phrase's use in 1942.
            Note::on_range(t0, at("dialogue"), "use note".into(), vec![]),
            Note::on_phrase(&phrase_text, "phrase note".into(), vec![]),
            // An event that is not on the timeline, a file not open.
            Note::on_event("1941-12-08", "Attack on Pearl Harbor", "wrong day".into(), vec![]),
            Note::on_speech(&Transcript::from_text("/elsewhere.txt", "x", "x"), "not open".into(), vec![]),
        ];
        let placed = EntryNotes::new(&tl, &corpus, &notes, Some(&phrase_text));
        let speech_of = |doc: usize| tl.speeches.iter().position(|e| e.doc == Some(doc)).unwrap();
        // 1942 has the range notes (text in it), 1943 the speech note.
        assert_eq!(placed.of(Lane::Speeches, speech_of(0)), [2, 3]);
        assert_eq!(placed.of(Lane::Speeches, speech_of(1)), [0]);
        let pearl = tl.events.iter().position(|e| e.title == "Attack on Pearl Harbor").unwrap();
        assert_eq!(placed.of(Lane::Events, pearl), [1]);
        assert!(placed.of(Lane::Events, 1 - pearl).is_empty());
        assert_eq!(tl.mentioned.len(), 1);
        assert_eq!(placed.of(Lane::Mentioned, 0), [2]);
        let use_of = |doc: usize| tl.phrase.iter().position(|e| e.doc == Some(doc)).unwrap();
        assert_eq!(placed.of(Lane::Phrase, use_of(0)), [3, 4]);
        assert_eq!(placed.of(Lane::Phrase, use_of(1)), [4]);
        // Another phrase on the lane: its uses carry only the range notes.
        let other = EntryNotes::new(&tl, &corpus, &notes, Some("something else"));
        assert_eq!(other.of(Lane::Phrase, use_of(1)), [] as [usize; 0]);
        assert!(!placed.is_empty() && EntryNotes::new(&tl, &corpus, &[], None).is_empty());
        assert!(placed.of(Lane::Speeches, 99).is_empty(), "out of range is no note, not a panic");
        // Which lanes have a note at all (a lane without is not searched).
        assert!(Lane::ALL.iter().all(|&l| placed.any_in(l)));
        let none = EntryNotes::new(&tl, &corpus, &[], None);
        assert!(Lane::ALL.iter().all(|&l| !none.any_in(l)));
    }
}
