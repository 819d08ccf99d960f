//! The phrase explorer's questions over a whole corpus: which phrases
//! contain typed text, were used by a speaker or within a date range, and
//! in what order to list them (speeches, length, first or last use,
//! speakers, burst). The facts each order needs are worked out once per
//! phrase set ([`PhraseFacts::of_set`]); a query only filters and sorts.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::core::phrases::{DocId, PhraseSet};
use crate::core::text::transcript::Transcript;

/// How long a burst lasts: the most speeches using a phrase within this
/// many days is its burst.
pub const BURST_DAYS: i64 = 365;

/// The orders of the explorer's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ExploreSort {
    /// Most speeches first.
    #[default]
    Speeches,
    /// Longest first.
    Length,
    /// Earliest first use first (undated last).
    FirstUse,
    /// Latest last use first (undated last).
    LastUse,
    /// Most speakers first.
    Speakers,
    /// Most speeches within [`BURST_DAYS`] first.
    Burst,
}

impl ExploreSort {
    /// Every order, as offered to the user.
    pub const ALL: [ExploreSort; 6] = [
        ExploreSort::Speeches,
        ExploreSort::Length,
        ExploreSort::FirstUse,
        ExploreSort::LastUse,
        ExploreSort::Speakers,
        ExploreSort::Burst,
    ];

    /// The order's name in menus and on the command line.
    pub fn label(self) -> &'static str {
        match self {
            ExploreSort::Speeches => "speeches",
            ExploreSort::Length => "length",
            ExploreSort::FirstUse => "first use",
            ExploreSort::LastUse => "last use",
            ExploreSort::Speakers => "speakers",
            ExploreSort::Burst => "burst",
        }
    }
}

/// What the explorer is asked: all conditions must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ExploreQuery {
    /// Text the phrase contains (as first said), ignoring case; empty for any.
    pub text: String,
    /// Used at least once by this speaker (exact name); `None` for anyone.
    pub speaker: Option<String>,
    /// Used at least once on or after this day.
    pub from: Option<NaiveDate>,
    /// Used at least once on or before this day (with `from`: once within
    /// the range).
    pub to: Option<NaiveDate>,
    /// The order of the answer.
    pub sort: ExploreSort,
}

/// What the explorer knows of one phrase, worked out once per phrase set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseFacts {
    /// The phrase (index into the phrase set).
    pub phrase: u32,
    /// Speeches using it.
    pub speeches: u32,
    /// Its length in words.
    pub len: u32,
    /// The day of its first dated use.
    pub first: Option<NaiveDate>,
    /// The day of its last dated use.
    pub last: Option<NaiveDate>,
    /// Different speakers using it (speeches without a speaker not counted).
    pub speakers: u32,
    /// The most dated speeches using it within [`BURST_DAYS`] days.
    pub burst: u32,
}

/// The facts of every phrase of a set, and each speech's speaker, for
/// answering [`ExploreQuery`]s without going over the occurrences again.
#[derive(Debug, Clone, Default)]
pub struct Explorer {
    facts: Vec<PhraseFacts>,
}

impl Explorer {
    /// Works out the facts of every phrase of `set`, whose document ids are
    /// positions in `corpus`.
    pub fn new(set: &PhraseSet, corpus: &[Arc<Transcript>]) -> Explorer {
        let date = |d: DocId| corpus.get(d as usize).and_then(|t| t.date.map(|d| d.date));
        let mut speaker_ids: HashMap<&str, u32> = HashMap::new();
        let speaker_of: Vec<Option<u32>> = corpus
            .iter()
            .map(|t| {
                let next = speaker_ids.len() as u32;
                t.speaker.as_deref().map(|s| *speaker_ids.entry(s).or_insert(next))
            })
            .collect();
        let mut docs: Vec<DocId> = Vec::new();
        let mut speakers: Vec<u32> = Vec::new();
        let mut days: Vec<NaiveDate> = Vec::new();
        let facts = set
            .phrases
            .iter()
            .enumerate()
            .map(|(k, p)| {
                docs.clear();
                docs.extend(p.occurrences.iter().map(|o| o.doc));
                docs.dedup();
                speakers.clear();
                speakers.extend(docs.iter().filter_map(|&d| speaker_of.get(d as usize).copied().flatten()));
                speakers.sort_unstable();
                speakers.dedup();
                days.clear();
                days.extend(docs.iter().filter_map(|&d| date(d)));
                days.sort_unstable();
                PhraseFacts {
                    phrase: k as u32,
                    speeches: p.speeches,
                    len: p.len,
                    first: days.first().copied(),
                    last: days.last().copied(),
                    speakers: speakers.len() as u32,
                    burst: most_within(&days, BURST_DAYS),
                }
            })
            .collect();
        Explorer { facts }
    }

    /// The facts of phrase `phrase`.
    pub fn facts(&self, phrase: u32) -> Option<&PhraseFacts> {
        self.facts.get(phrase as usize)
    }

    /// Number of phrases known.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// True when the set had no phrases.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The phrases of `set` (the one this explorer was made from) that
    /// answer `query`, in its order; ties keep the set's own order (most
    /// widespread, then longest).
    pub fn query(&self, set: &PhraseSet, corpus: &[Arc<Transcript>], query: &ExploreQuery) -> Vec<u32> {
        let needle = query.text.trim();
        let folded = needle.to_lowercase();
        let speaker = query.speaker.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let in_range = |d: Option<NaiveDate>| {
            d.is_some_and(|d| query.from.is_none_or(|f| d >= f) && query.to.is_none_or(|t| d <= t))
        };
        let mut rows: Vec<&PhraseFacts> = self
            .facts
            .iter()
            .filter(|f| {
                let Some(p) = set.phrases.get(f.phrase as usize) else { return false };
                if !needle.is_empty() {
                    let text = p
                        .occurrences
                        .first()
                        .and_then(|o| corpus.get(o.doc as usize).and_then(|t| t.body.get(set.occurrence_bytes(o))))
                        .unwrap_or("");
                    if !contains_folded(text, &folded) {
                        return false;
                    }
                }
                if let Some(name) = speaker
                    && !p.occurrences.iter().any(|o| {
                        corpus.get(o.doc as usize).and_then(|t| t.speaker.as_deref()).is_some_and(|s| s == name)
                    })
                {
                    return false;
                }
                if (query.from.is_some() || query.to.is_some())
                    && !p
                        .occurrences
                        .iter()
                        .any(|o| in_range(corpus.get(o.doc as usize).and_then(|t| t.date.map(|d| d.date))))
                {
                    return false;
                }
                true
            })
            .collect();
        match query.sort {
            ExploreSort::Speeches => rows.sort_by_key(|f| Reverse(f.speeches)),
            ExploreSort::Length => rows.sort_by_key(|f| Reverse(f.len)),
            ExploreSort::FirstUse => rows.sort_by_key(|f| (f.first.is_none(), f.first)),
            ExploreSort::LastUse => rows.sort_by_key(|f| (f.last.is_none(), Reverse(f.last))),
            ExploreSort::Speakers => rows.sort_by_key(|f| Reverse(f.speakers)),
            ExploreSort::Burst => rows.sort_by_key(|f| Reverse(f.burst)),
        }
        rows.into_iter().map(|f| f.phrase).collect()
    }
}

/// The most of the sorted `days` that fall within `span` days of each
/// other (a window from one day to `span - 1` days later).
fn most_within(days: &[NaiveDate], span: i64) -> u32 {
    let mut best = 0;
    let mut start = 0;
    for (end, day) in days.iter().enumerate() {
        while (*day - days[start]).num_days() >= span {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best as u32
}

/// True when `text` contains `folded` (already lower case), ignoring case:
/// byte-wise for ASCII, through Unicode lower case otherwise.
fn contains_folded(text: &str, folded: &str) -> bool {
    if folded.is_empty() {
        return true;
    }
    if folded.is_ascii() {
        let (t, n) = (text.as_bytes(), folded.as_bytes());
        return t.len() >= n.len() && t.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    text.to_lowercase().contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::{PhraseIndex, PhraseOptions};

    use crate::core::test_speech::spoken as speech;

    fn corpus() -> Vec<Arc<Transcript>> {
        vec![
            speech(
                "a",
                "Adams",
                "1797-11-22",
                "we hold that the state of the union is strong and our cause is just today",
            ),
            speech(
                "b",
                "Jefferson",
                "1801-12-08",
                "friends the state of the union is strong and Ünïcode words follow here",
            ),
            speech(
                "c",
                "Jefferson",
                "1802-11-15",
                "again the state of the union is strong, and Ünïcode words follow here too",
            ),
            speech(
                "d",
                "Madison",
                "1815-12-05",
                "in peace the state of the union is strong and our cause is just indeed",
            ),
        ]
    }

    fn set_of(corpus: &[Arc<Transcript>]) -> PhraseSet {
        let mut index = PhraseIndex::new();
        for t in corpus {
            index.add(t);
        }
        index
            .phrases(&PhraseOptions { min_words: 3, min_speeches: 2, ..PhraseOptions::default() })
            .expect("a small corpus is indexed")
    }

    fn text(set: &PhraseSet, corpus: &[Arc<Transcript>], k: u32) -> String {
        let o = &set.phrases[k as usize].occurrences[0];
        corpus[o.doc as usize].body[set.occurrence_bytes(o)].to_string()
    }

    #[test]
    fn facts_count_speeches_speakers_and_the_days_of_first_and_last_use() {
        let corpus = corpus();
        let set = set_of(&corpus);
        let explorer = Explorer::new(&set, &corpus);
        assert_eq!(explorer.len(), set.phrases.len());
        let state = (0..set.phrases.len() as u32)
            .find(|&k| text(&set, &corpus, k).to_lowercase().starts_with("the state of the union is strong"))
            .expect("the shared phrase is found");
        let f = explorer.facts(state).expect("facts of every phrase");
        assert_eq!(f.speeches, 4);
        assert_eq!(f.speakers, 3, "Adams, Jefferson, Madison");
        assert_eq!(f.first, NaiveDate::from_ymd_opt(1797, 11, 22));
        assert_eq!(f.last, NaiveDate::from_ymd_opt(1815, 12, 5));
        assert_eq!(f.burst, 2, "Jefferson's two messages are within a year");
    }

    #[test]
    fn queries_filter_by_text_speaker_and_dates_and_sort() {
        let corpus = corpus();
        let set = set_of(&corpus);
        let explorer = Explorer::new(&set, &corpus);
        let all = explorer.query(&set, &corpus, &ExploreQuery::default());
        assert_eq!(all.len(), set.phrases.len());
        let q = |q: ExploreQuery| explorer.query(&set, &corpus, &q);
        // Text, case and accents as typed (Unicode lower case).
        let found = q(ExploreQuery { text: "ÜNÏCODE WORDS".into(), ..Default::default() });
        assert!(!found.is_empty());
        assert!(found.iter().all(|&k| text(&set, &corpus, k).to_lowercase().contains("ünïcode words")));
        let cause = q(ExploreQuery { text: "CAUSE IS JUST".into(), ..Default::default() });
        assert!(!cause.is_empty() && cause.iter().all(|&k| text(&set, &corpus, k).contains("cause is just")));
        // Speaker: only phrases Madison used.
        let madison = q(ExploreQuery { speaker: Some("Madison".into()), ..Default::default() });
        assert!(!madison.is_empty());
        for &k in &madison {
            assert!(set.phrases[k as usize].occurrences.iter().any(|o| o.doc == 3));
        }
        assert!(madison.len() < all.len(), "Jefferson's Ünïcode phrase is not Madison's");
        // Dates: only 1801-1802 leaves the phrases Jefferson used.
        let from = NaiveDate::from_ymd_opt(1801, 1, 1);
        let to = NaiveDate::from_ymd_opt(1802, 12, 31);
        let range = q(ExploreQuery { from, to, ..Default::default() });
        for &k in &range {
            assert!(set.phrases[k as usize].occurrences.iter().any(|o| o.doc == 1 || o.doc == 2));
        }
        assert!(range.len() < all.len(), "Adams's and Madison's own shared phrase is outside");
        // Orders.
        for sort in ExploreSort::ALL {
            let rows = q(ExploreQuery { sort, ..Default::default() });
            assert_eq!(rows.len(), all.len(), "{sort:?} keeps every phrase");
            let facts: Vec<&PhraseFacts> = rows.iter().map(|&k| explorer.facts(k).expect("facts")).collect();
            for w in facts.windows(2) {
                let ok = match sort {
                    ExploreSort::Speeches => w[0].speeches >= w[1].speeches,
                    ExploreSort::Length => w[0].len >= w[1].len,
                    ExploreSort::FirstUse => w[1].first.is_none() || w[0].first <= w[1].first,
                    ExploreSort::LastUse => w[1].last.is_none() || (w[0].last.is_some() && w[0].last >= w[1].last),
                    ExploreSort::Speakers => w[0].speakers >= w[1].speakers,
                    ExploreSort::Burst => w[0].burst >= w[1].burst,
                };
                assert!(ok, "{sort:?}: {:?} before {:?}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn burst_is_the_most_days_within_a_year() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date");
        assert_eq!(most_within(&[], 365), 0);
        assert_eq!(most_within(&[d("1900-01-01")], 365), 1);
        let days = [d("1900-01-01"), d("1900-12-31"), d("1901-01-01"), d("1901-06-01"), d("1950-01-01")];
        assert_eq!(most_within(&days, 365), 3, "1900-12-31 .. 1901-06-01");
        assert_eq!(most_within(&days, 366), 3);
        assert_eq!(most_within(&days, 1), 1);
    }

    #[test]
    fn folded_contains_ascii_and_unicode() {
        assert!(contains_folded("The State of the Union", "state of"));
        assert!(!contains_folded("The State", "states"));
        assert!(contains_folded("СОСТОЯНИЕ Союза", "состояние союза"));
        assert!(contains_folded("anything", ""));
        assert!(!contains_folded("", "a"));
    }
}
