//! "Introduced here" for a speech: the phrases first said in it, and which
//! of them were taken up later, by whom.

use crate::core::phrases::{DocId, PhraseSet};
use crate::core::speakers::groups::SpeechGroups;
use crate::core::speakers::path::{PhrasePath, Seen, walk};

/// A phrase first said in a speech, with its path after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduced {
    /// Index of the phrase in the phrase set.
    pub phrase: u32,
    /// Its path: `path.later` are the other speakers who took it up
    /// (with the date of their first use and the lag), `path.self_repeat`
    /// the speaker's own next use.
    pub path: PhrasePath,
}

impl Introduced {
    /// True when another speaker used it later (on the same day or after).
    pub fn taken_up(&self) -> bool {
        !self.path.later.is_empty()
    }
}

/// The phrases speech `doc` said first (the origin of their path), in the
/// phrase set's order, each with who took it up later. An undated speech
/// introduces nothing: its place among the others is not known (its
/// phrases' first dated use, if any, is elsewhere).
pub fn introduced_in(set: &PhraseSet, doc: DocId, groups: &SpeechGroups) -> Vec<Introduced> {
    if groups.date_of(doc).is_none() {
        return Vec::new();
    }
    let mut seen = Seen::new(groups.len());
    let mut out = Vec::new();
    for (k, p) in set.phrases.iter().enumerate() {
        // The first use of a phrase with a dated one is dated (undated
        // speeches sort last), so only phrases first used here qualify.
        if p.first != doc {
            continue;
        }
        let mut path = PhrasePath::default();
        walk(p, groups, &mut seen, &mut path);
        if path.origin.is_some_and(|o| o.doc == doc) {
            out.push(Introduced { phrase: k as u32, path });
        }
    }
    out
}
