//! A phrase's path: who said it first, and when each other speaker first
//! used it after them, read from its occurrences (already in chronological
//! order in the phrase set: no pass over the text).
//!
//! The rules, for a phrase's speeches in the phrase set's order (date,
//! time of day, then the order documents were added):
//! - **Origin**: its first use in a dated speech. A phrase used only in
//!   undated speeches has none (nothing says who was first). When the
//!   origin speech has no speaker, the phrase has no first speaker: it is
//!   not attributed to the next speaker who used it.
//! - **Later speakers**: every other speaker with a dated use, at their
//!   first one, with the lag in days after the origin's date (0 for the
//!   same day: then neither can have taken it from the other, and the
//!   speaker × speaker table does not count it as borrowing).
//! - **Self-repetition**: the first speaker's own next speech using it,
//!   kept apart from the later speakers.
//! - Speakers who used it only in undated speeches are listed without a
//!   lag; uses in dated speeches without a speaker are only counted.

use chrono::NaiveDate;

use crate::core::phrases::{DocId, Phrase, PhraseSet};
use crate::core::speakers::groups::{GroupId, SpeechGroups};

/// Where a phrase was first said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The speech.
    pub doc: DocId,
    /// Its date.
    pub date: NaiveDate,
    /// Its speaker (group); `None` when the speech has none.
    pub group: Option<GroupId>,
}

/// A speaker's first use of a phrase after its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathStep {
    /// The speaker (group).
    pub group: GroupId,
    /// The speech of that first use.
    pub doc: DocId,
    /// Its date.
    pub date: NaiveDate,
    /// Days after the origin's date (0: the same day).
    pub lag_days: i32,
}

/// Who said a phrase first and who used it after them (see the module's
/// rules).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhrasePath {
    /// The first dated use; `None` when every use is undated.
    pub origin: Option<Origin>,
    /// The first speaker's next speech using it (self-repetition).
    pub self_repeat: Option<PathStep>,
    /// Every other speaker's first dated use, in order of use.
    pub later: Vec<PathStep>,
    /// Speakers who used it only in undated speeches, in order of use.
    pub undated: Vec<GroupId>,
    /// Dated speeches after the origin that used it and have no speaker.
    pub unattributed: u32,
}

impl PhrasePath {
    /// The path of phrase `phrase` of `set` (an index into its phrases);
    /// the empty path for an index that is no phrase.
    pub fn of(set: &PhraseSet, phrase: usize, groups: &SpeechGroups) -> PhrasePath {
        let mut path = PhrasePath::default();
        if let Some(p) = set.phrases.get(phrase) {
            let mut seen = Seen::new(groups.len());
            walk(p, groups, &mut seen, &mut path);
        }
        path
    }

    /// The speakers who took it up after the first speaker (the later
    /// speakers, not the first speaker repeating it), by name.
    pub fn later_names<'a>(&'a self, groups: &'a SpeechGroups) -> impl Iterator<Item = &'a str> + 'a {
        self.later.iter().map(|s| groups.name(s.group))
    }
}

/// Which groups a walk has met, for one phrase after another without
/// clearing: a group is met when its stamp is the current phrase's.
pub(super) struct Seen {
    stamps: Vec<u32>,
    now: u32,
}

impl Seen {
    pub(super) fn new(groups: usize) -> Seen {
        Seen { stamps: vec![0; groups], now: 0 }
    }

    /// Starts a new phrase: no group met.
    fn next(&mut self) {
        self.now = self.now.wrapping_add(1);
        if self.now == 0 {
            self.stamps.fill(0);
            self.now = 1;
        }
    }

    /// Marks `g` met; true when it was not yet.
    fn meet(&mut self, g: GroupId) -> bool {
        match self.stamps.get_mut(g as usize) {
            Some(s) if *s != self.now => {
                *s = self.now;
                true
            }
            _ => false,
        }
    }
}

/// Fills `path` (cleared first) with the path of `p`: one pass over its
/// occurrences, each speech's adjacent ones read once.
pub(super) fn walk(p: &Phrase, groups: &SpeechGroups, seen: &mut Seen, path: &mut PhrasePath) {
    path.origin = None;
    path.self_repeat = None;
    path.later.clear();
    path.undated.clear();
    path.unattributed = 0;
    seen.next();
    let mut last_doc = None;
    for o in p.occurrences.iter() {
        if last_doc == Some(o.doc) {
            continue;
        }
        last_doc = Some(o.doc);
        let group = groups.group_of(o.doc);
        let Some(date) = groups.date_of(o.doc) else {
            // Undated speeches come last; their speakers, when not met yet.
            if let Some(g) = group.filter(|&g| seen.meet(g)) {
                path.undated.push(g);
            }
            continue;
        };
        let Some(origin) = path.origin else {
            path.origin = Some(Origin { doc: o.doc, date, group });
            if let Some(g) = group {
                seen.meet(g);
            }
            continue;
        };
        let lag_days = i32::try_from((date - origin.date).num_days()).unwrap_or(i32::MAX);
        let step = |group| PathStep { group, doc: o.doc, date, lag_days };
        match group {
            None => path.unattributed += 1,
            Some(g) if Some(g) == origin.group => {
                if path.self_repeat.is_none() {
                    path.self_repeat = Some(step(g));
                }
            }
            Some(g) => {
                if seen.meet(g) {
                    path.later.push(step(g));
                }
            }
        }
    }
}
