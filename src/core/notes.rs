//! Notes an analyst attaches to a place in a transcript, a recurring
//! phrase, a whole speech or an outside event (the last two from the
//! timeline): free text and tags, kept in the workspace. A note on a text
//! range remembers a hash of the transcript's body, so it comes back on an
//! unchanged file and is flagged, never silently dropped, when the file
//! changed under it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::text::sentence_around;
use crate::core::text::transcript::Transcript;

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum NoteTarget {
    /// A range of one transcript's text.
    Range {
        /// The transcript's file.
        path: PathBuf,
        /// Byte range in its body when the note was written.
        bytes: Range<usize>,
        /// The text of the range then (to show it, and to find it again).
        quote: String,
        /// [`body_hash`] of the body then.
        body_hash: u64,
    },
    /// A recurring phrase, by its words as first used.
    Phrase {
        /// The phrase's text.
        text: String,
    },
    /// A whole speech (a right-click on its timeline marker): about the
    /// speech, not a place in it, so it survives any change of its text.
    Speech {
        /// The transcript's file.
        path: PathBuf,
        /// Its title then, to show while the file is not open.
        title: String,
    },
    /// An outside event of the timeline, by its date as shown
    /// (`1941-12-07`, or a range) and its title: events files have no ids,
    /// and the two together name an event the way users see it.
    Event {
        /// The event's date label (see [`crate::core::timeline::model::Entry::date_label`]).
        date: String,
        /// The event's title.
        title: String,
    },
}

/// One note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// What it is about.
    pub target: NoteTarget,
    /// The note itself.
    pub text: String,
    /// Tags, as typed (without `#`).
    pub tags: Vec<String>,
}

/// Where a note's range is in a transcript as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The file is unchanged: the range is where it was.
    Unchanged(Range<usize>),
    /// The file changed; the quoted text was found again here (check it).
    Changed(Range<usize>),
    /// The file changed and the quoted text is not in it any more.
    Lost,
    /// The note is about the whole transcript (a speech note): nothing to
    /// find again, never stale.
    Whole,
}

impl Anchor {
    /// The range to show, if there is one.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchor::Unchanged(r) | Anchor::Changed(r) => Some(r.clone()),
            Anchor::Lost | Anchor::Whole => None,
        }
    }

    /// True when the file changed under the note.
    pub fn is_stale(&self) -> bool {
        matches!(self, Anchor::Changed(_) | Anchor::Lost)
    }
}

/// A hash of a body that is the same on every run and every machine
/// (64-bit FNV-1a), to notice a changed file.
pub fn body_hash(body: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Note {
    /// A note on `bytes` of a transcript (clamped to the body and to
    /// character boundaries).
    pub fn on_range(t: &Transcript, bytes: Range<usize>, text: String, tags: Vec<String>) -> Note {
        let mut start = bytes.start.min(t.body.len());
        let mut end = bytes.end.clamp(start, t.body.len());
        while !t.body.is_char_boundary(start) {
            start -= 1;
        }
        while !t.body.is_char_boundary(end) {
            end += 1;
        }
        Note {
            target: NoteTarget::Range {
                path: t.path.clone(),
                bytes: start..end,
                quote: t.body[start..end].to_string(),
                body_hash: body_hash(&t.body),
            },
            text,
            tags,
        }
    }

    /// A note on a recurring phrase.
    pub fn on_phrase(phrase: &str, text: String, tags: Vec<String>) -> Note {
        Note {
            target: NoteTarget::Phrase { text: phrase.split_whitespace().collect::<Vec<_>>().join(" ") },
            text,
            tags,
        }
    }

    /// A note on a whole speech.
    pub fn on_speech(t: &Transcript, text: String, tags: Vec<String>) -> Note {
        Note { target: NoteTarget::Speech { path: t.path.clone(), title: t.title.clone() }, text, tags }
    }

    /// A note on an outside event, named by its date label and title.
    pub fn on_event(date: &str, title: &str, text: String, tags: Vec<String>) -> Note {
        Note { target: NoteTarget::Event { date: date.to_string(), title: title.to_string() }, text, tags }
    }

    /// The transcript file a range or speech note is about.
    pub fn path(&self) -> Option<&Path> {
        match &self.target {
            NoteTarget::Range { path, .. } | NoteTarget::Speech { path, .. } => Some(path),
            NoteTarget::Phrase { .. } | NoteTarget::Event { .. } => None,
        }
    }

    /// Where the note's range is in `t` as it is now: [`Anchor::Whole`] for
    /// a speech note on `t`; `None` for a phrase or event note, or another
    /// file.
    pub fn anchor(&self, t: &Transcript) -> Option<Anchor> {
        if let NoteTarget::Speech { path, .. } = &self.target {
            return (path == &t.path).then_some(Anchor::Whole);
        }
        let NoteTarget::Range { path, bytes, quote, body_hash: hash } = &self.target else { return None };
        if path != &t.path {
            return None;
        }
        if *hash == body_hash(&t.body) && t.body.get(bytes.clone()) == Some(quote.as_str()) {
            return Some(Anchor::Unchanged(bytes.clone()));
        }
        // Changed: the quote's occurrence nearest to where it was.
        if quote.is_empty() {
            return Some(Anchor::Lost);
        }
        let nearest = t.body.match_indices(quote.as_str()).map(|(at, _)| at).min_by_key(|&at| at.abs_diff(bytes.start));
        Some(match nearest {
            Some(at) => Anchor::Changed(at..at + quote.len()),
            None => Anchor::Lost,
        })
    }

    /// Tags typed as `a, b #c` → `["a", "b", "c"]`.
    pub fn parse_tags(s: &str) -> Vec<String> {
        s.split([',', ' ', ';'])
            .map(|t| t.trim().trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// A one-line label: what the note is about, shortened.
    pub fn about(&self) -> String {
        let event;
        let s = match &self.target {
            NoteTarget::Range { quote, .. } => quote.as_str(),
            NoteTarget::Phrase { text } => text.as_str(),
            NoteTarget::Speech { title, .. } => title.as_str(),
            NoteTarget::Event { date, title } => {
                event = format!("{date} {title}");
                event.as_str()
            }
        };
        let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        crate::core::text::shorten(&s, 60)
    }
}

/// The sentence a note made from a click at `byte` covers: the sentence
/// around it by the one rule the timeline's mentions use too
/// ([`sentence_around`]), or an empty range when `byte` is in no paragraph.
pub fn sentence_at(body: &str, paragraphs: &[Range<usize>], byte: usize) -> Range<usize> {
    if !paragraphs.iter().any(|p| p.start <= byte && byte <= p.end) {
        return byte.min(body.len())..byte.min(body.len());
    }
    sentence_around(body, &(byte..byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_notes_survive_an_unchanged_file_and_are_flagged_when_it_changed() {
        let t = Transcript::from_text("/c/a.txt", "A", "We remain open to dialogue. Мы остаёмся открытыми.");
        let at = t.body.find("Мы").unwrap();
        let note = Note::on_range(&t, at..at + "Мы остаёмся".len(), "key line".into(), Note::parse_tags("ru, #key"));
        assert_eq!(note.tags, vec!["ru", "key"]);
        // Round trip through JSON (the workspace), then the same file again.
        let back: Note = serde_json::from_str(&serde_json::to_string(&note).unwrap()).unwrap();
        let again = Transcript::from_text("/c/a.txt", "A", "We remain open to dialogue. Мы остаёмся открытыми.");
        assert_eq!(back.anchor(&again), Some(Anchor::Unchanged(at..at + "Мы остаёмся".len())));
        // Text inserted before: flagged, found again further on.
        let edited =
            Transcript::from_text("/c/a.txt", "A", "New opening. We remain open to dialogue. Мы остаёмся открытыми.");
        let moved = back.anchor(&edited).unwrap();
        assert!(moved.is_stale());
        assert_eq!(&edited.body[moved.range().unwrap()], "Мы остаёмся");
        // The quoted words gone: flagged as lost, not dropped.
        let gone = Transcript::from_text("/c/a.txt", "A", "Something else.");
        assert_eq!(back.anchor(&gone), Some(Anchor::Lost));
        // Another file, or a phrase note: no anchor.
        assert_eq!(back.anchor(&Transcript::from_text("/c/b.txt", "B", "x")), None);
        assert_eq!(Note::on_phrase("a  b", String::new(), vec![]).anchor(&t), None);
    }

    #[test]
    fn speech_and_event_notes_name_their_target_and_are_never_stale() {
        let t = Transcript::from_text("/c/a.txt", "Address to Congress", "We remain open to dialogue.");
        let note = Note::on_speech(&t, "the 1942 one".into(), vec![]);
        // In a workspace saved before these kinds existed, and back.
        let json = serde_json::to_string(&note).unwrap();
        assert!(json.contains("\"kind\":\"speech\""), "{json}");
        let back: Note = serde_json::from_str(&json).unwrap();
        assert_eq!(back, note);
        assert_eq!(back.path(), Some(Path::new("/c/a.txt")));
        assert_eq!(back.about(), "Address to Congress");
        // Whatever the file says now, the note is on the whole speech.
        let edited = Transcript::from_text("/c/a.txt", "Address to Congress", "Something else entirely.");
        let anchor = back.anchor(&edited).unwrap();
        assert_eq!(anchor, Anchor::Whole);
        assert!(!anchor.is_stale() && anchor.range().is_none());
        assert_eq!(back.anchor(&Transcript::from_text("/c/b.txt", "B", "x")), None);
        let event = Note::on_event("1941-12-07", "Attack on Pearl Harbor", "cf. 1942".into(), vec![]);
        assert_eq!(event.about(), "1941-12-07 Attack on Pearl Harbor");
        assert_eq!((event.path(), event.anchor(&t)), (None, None));
        let back: Note = serde_json::from_str(&serde_json::to_string(&event).unwrap()).unwrap();
        assert_eq!(back, event);
    }

    #[test]
    fn sentences() {
        let t =
            Transcript::from_text("/c/a.txt", "A", "First one. Second, with 3.5 numbers! Third?\n\nНовый абзац. Да.");
        let s = |needle: &str| {
            let at = t.body.find(needle).unwrap();
            t.body[sentence_at(&t.body, &t.paragraphs, at)].to_string()
        };
        assert_eq!(s("with"), "Second, with 3.5 numbers!");
        assert_eq!(s("First"), "First one.");
        assert_eq!(s("Third"), "Third?");
        assert_eq!(s("абзац"), "Новый абзац.");
        assert_eq!(sentence_at(&t.body, &t.paragraphs, 10_000), t.body.len()..t.body.len());
    }

    #[test]
    fn ranges_are_clamped_to_the_body_and_characters() {
        let t = Transcript::from_text("/c/a.txt", "A", "Ёлка");
        let note = Note::on_range(&t, 1..100, String::new(), vec![]);
        let NoteTarget::Range { bytes, quote, .. } = &note.target else { panic!() };
        assert_eq!((bytes.clone(), quote.as_str()), (0..t.body.len(), "Ёлка"));
        assert_ne!(body_hash("a"), body_hash("b"));
        // FNV-1a test vectors: the hash must not change between versions.
        assert_eq!(body_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(body_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
