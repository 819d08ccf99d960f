//! The timeline model: everything with a date on one axis, in lanes —
//! the speeches themselves, outside events loaded from a file, the dates the
//! speeches mention, and the speeches using a selected phrase. Views and the
//! command line only draw or print it.

use std::borrow::{Borrow, Cow};
use std::ops::Range;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::core::phrases::{DocId, Phrase, PhraseSet, uses_per_year};
use crate::core::text::YearCount;
use crate::core::text::transcript::{DatePrecision, Transcript};
use crate::core::timeline::events::{Event, day_number, period_end};
use crate::core::timeline::mentions::transcript_mentions;

/// The lanes of the timeline, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lane {
    /// The opened speeches at their dates.
    Speeches,
    /// Outside events from events files.
    Events,
    /// Dates the speeches refer to.
    Mentioned,
    /// The speeches using the selected phrase.
    Phrase,
}

impl Lane {
    /// All lanes, top to bottom.
    pub const ALL: [Lane; 4] = [Lane::Speeches, Lane::Events, Lane::Mentioned, Lane::Phrase];

    /// The lane's name as shown and printed.
    pub fn label(self) -> &'static str {
        match self {
            Lane::Speeches => "Speeches",
            Lane::Events => "Events",
            Lane::Mentioned => "Mentioned",
            Lane::Phrase => "Phrase",
        }
    }
}

/// What an entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A speech (its date).
    Speech,
    /// An outside event.
    Event,
    /// A date a speech mentions.
    Mention,
    /// A speech using the selected phrase.
    Phrase,
}

impl EntryKind {
    /// Lowercase name used in output (`speech`, `event`, `mention`, `phrase`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Speech => "speech",
            EntryKind::Event => "event",
            EntryKind::Mention => "mention",
            EntryKind::Phrase => "phrase",
        }
    }
}

/// One thing on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// What it is.
    pub kind: EntryKind,
    /// The date (first day of the period for month and year precision).
    pub date: NaiveDate,
    /// How much of the date is known.
    pub precision: DatePrecision,
    /// The end of a range (events with an `end_date`).
    pub end: Option<(NaiveDate, DatePrecision)>,
    /// The days covered, half-open, as day numbers (see [`day_number`]): one
    /// day, a month, a year, or a range.
    pub days: Range<i64>,
    /// A speech's title, an event's title, a mention's words as written
    /// (`three years ago`), or for a phrase marker the speech's title.
    pub title: String,
    /// The speaker, an event's description, or the phrase's words as said
    /// in that speech; empty for a mention, whose sentence is read from its
    /// speech when shown ([`Entry::detail_in`]: SOTU mentions 5,000 dates,
    /// and a copy of each sentence took 1 MB).
    pub detail: String,
    /// The speech (index into the corpus given to [`Timeline::build`]).
    pub doc: Option<usize>,
    /// Byte range in the speech's body: the mention, or the phrase's first
    /// occurrence in it.
    pub bytes: Option<Range<usize>>,
    /// Byte range of the sentence a mention comes from.
    pub sentence: Option<Range<usize>>,
    /// The event (index into the events given to [`Timeline::build`]).
    pub event: Option<usize>,
    /// An event's link.
    pub url: Option<String>,
}

/// A date as users read it, at its precision: `2018-11-07`, `2018-11`, `2018`.
pub fn date_label(date: NaiveDate, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => date.format("%Y-%m-%d").to_string(),
        DatePrecision::Month => date.format("%Y-%m").to_string(),
        DatePrecision::Year => date.format("%Y").to_string(),
    }
}

impl Entry {
    /// The date as shown: `1941-12-07`, or `1861-04-12 – 1865-05` for a range.
    pub fn date_label(&self) -> String {
        let start = date_label(self.date, self.precision);
        match self.end {
            Some((end, p)) => format!("{start} – {}", date_label(end, p)),
            None => start,
        }
    }

    /// The detail as shown: [`Entry::detail`], or for a mention its
    /// sentence in `corpus` (the corpus the timeline was built from), with
    /// its runs of whitespace made single spaces. Empty when the speech
    /// there no longer holds the mention's words where they were (a view
    /// drawing an old timeline over a changed corpus).
    pub fn detail_in<'a, T: Borrow<Transcript>>(&'a self, corpus: &'a [T]) -> Cow<'a, str> {
        let sentence = match (self.kind, self.doc, &self.sentence, &self.bytes) {
            (EntryKind::Mention, Some(d), Some(r), Some(b)) => corpus
                .get(d)
                .map(|t| &t.borrow().body)
                .filter(|body| body.get(b.clone()) == Some(self.title.as_str()))
                .and_then(|body| body.get(r.clone())),
            _ => None,
        };
        match sentence {
            Some(s) => Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" ")),
            None => Cow::Borrowed(&self.detail),
        }
    }

    /// The middle of the days covered, as a fractional day number.
    pub fn mid(&self) -> f64 {
        (self.days.start + self.days.end) as f64 / 2.0
    }

    fn span(date: NaiveDate, precision: DatePrecision) -> Range<i64> {
        day_number(date)..period_end(date, precision)
    }
}

/// The timeline of a corpus and its events.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Timeline {
    /// One entry per dated speech, in date order.
    pub speeches: Vec<Entry>,
    /// One entry per event, in date order.
    pub events: Vec<Entry>,
    /// The dated references found in the speeches, in the order of the
    /// dates they refer to.
    pub mentioned: Vec<Entry>,
    /// For the selected phrase: one entry per dated speech using it.
    pub phrase: Vec<Entry>,
    /// Uses of the selected phrase per year (speeches per year).
    pub phrase_years: Vec<YearCount>,
    /// The speeches without a date (corpus indices), listed apart.
    pub undated: Vec<usize>,
}

fn by_date(entries: &mut [Entry]) {
    entries.sort_by_key(|e| (e.days.start, e.days.end, e.doc));
}

/// Marks a phrase's path on its lane (entries in date order): the first
/// speech says it was first said there and by whom, and each other
/// speaker's first speech says it is their first use and how long after.
fn mark_path<T: Borrow<Transcript>>(entries: &mut [Entry], corpus: &[T]) {
    let speaker = |e: &Entry| e.doc.and_then(|d| corpus.get(d)).and_then(|t| t.borrow().speaker.clone());
    let Some(first) = entries.first() else { return };
    let (origin, origin_date) = (speaker(first), first.date);
    let mut seen: std::collections::HashSet<Option<String>> = std::collections::HashSet::new();
    for (k, e) in entries.iter_mut().enumerate() {
        let who = speaker(e);
        if !seen.insert(who.clone()) {
            continue;
        }
        let note = match (k, &who) {
            (0, Some(name)) => format!("first said here, by {name}"),
            (0, None) => "first said here".to_string(),
            (_, None) => continue,
            (_, Some(name)) => {
                let after = lag_text((e.date - origin_date).num_days());
                match &origin {
                    Some(o) if o != name => format!("{name}'s first use, {after} after {o}"),
                    _ => format!("{name}'s first use, {after} after it was first said"),
                }
            }
        };
        e.title = format!("{} — {note}", e.title);
    }
}

/// A lag in days as a reader says it: days, months or years.
fn lag_text(days: i64) -> String {
    match days {
        0 => "the same day".to_string(),
        1 => "1 day".to_string(),
        2..=59 => format!("{days} days"),
        60..=729 => format!("{} months", days / 30),
        _ => format!("{} years", days / 365),
    }
}

impl Timeline {
    /// Builds the speeches, events and mentioned lanes. Mentions are found
    /// in parallel (a regex pass over every body).
    pub fn build<T: Borrow<Transcript> + Sync>(corpus: &[T], events: &[Event]) -> Timeline {
        let mut speeches = Vec::new();
        let mut undated = Vec::new();
        for (i, t) in corpus.iter().enumerate() {
            let t = t.borrow();
            match t.date {
                Some(d) => speeches.push(Entry {
                    kind: EntryKind::Speech,
                    date: d.date,
                    precision: d.precision,
                    end: None,
                    days: Entry::span(d.date, d.precision),
                    title: t.title.clone(),
                    detail: t.speaker.clone().unwrap_or_default(),
                    doc: Some(i),
                    bytes: None,
                    sentence: None,
                    event: None,
                    url: None,
                }),
                None => undated.push(i),
            }
        }
        by_date(&mut speeches);
        let mut events: Vec<Entry> = events
            .iter()
            .enumerate()
            .map(|(k, e)| Entry {
                kind: EntryKind::Event,
                date: e.date,
                precision: e.precision,
                end: e.end,
                days: e.days(),
                title: e.title.clone(),
                detail: e.description.clone(),
                doc: None,
                bytes: None,
                sentence: None,
                event: Some(k),
                url: e.url.clone(),
            })
            .collect();
        by_date(&mut events);
        let mut mentioned: Vec<Entry> = corpus
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, t)| {
                let t: &Transcript = t.borrow();
                transcript_mentions(t).into_iter().map(move |m| Entry {
                    kind: EntryKind::Mention,
                    date: m.date,
                    precision: m.precision,
                    end: m.end,
                    days: m.days(),
                    title: t.body.get(m.bytes.clone()).unwrap_or("").to_string(),
                    detail: String::new(),
                    doc: Some(i),
                    bytes: Some(m.bytes),
                    sentence: Some(m.sentence),
                    event: None,
                    url: None,
                })
            })
            .collect();
        by_date(&mut mentioned);
        Timeline { speeches, events, mentioned, phrase: Vec::new(), phrase_years: Vec::new(), undated }
    }

    /// Fills the phrase lane for `phrase`, one of the phrases of the set
    /// given with it (or empties it): one entry per dated speech using it,
    /// at its first occurrence there.
    pub fn set_phrase<T: Borrow<Transcript>>(&mut self, corpus: &[T], phrase: Option<(&PhraseSet, &Phrase)>) {
        self.phrase.clear();
        self.phrase_years.clear();
        let Some((set, p)) = phrase else { return };
        let date_of = |d: DocId| corpus.get(d as usize).and_then(|t| t.borrow().date.map(|d| d.date));
        self.phrase_years = uses_per_year(p, date_of);
        let mut seen = std::collections::HashSet::new();
        for o in &p.occurrences {
            let i = o.doc as usize;
            let Some(t) = corpus.get(i).map(Borrow::borrow) else { continue };
            let Some(d) = t.date else { continue };
            if !seen.insert(i) {
                continue;
            }
            let bytes = set.occurrence_bytes(o);
            self.phrase.push(Entry {
                kind: EntryKind::Phrase,
                date: d.date,
                precision: d.precision,
                end: None,
                days: Entry::span(d.date, d.precision),
                title: t.title.clone(),
                detail: t.body.get(bytes.clone()).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" "),
                doc: Some(i),
                bytes: Some(bytes),
                sentence: None,
                event: None,
                url: None,
            });
        }
        by_date(&mut self.phrase);
        mark_path(&mut self.phrase, corpus);
    }

    /// The entries of a lane, in date order.
    pub fn lane(&self, lane: Lane) -> &[Entry] {
        match lane {
            Lane::Speeches => &self.speeches,
            Lane::Events => &self.events,
            Lane::Mentioned => &self.mentioned,
            Lane::Phrase => &self.phrase,
        }
    }

    /// Every entry of every lane, in date order (lanes in order on ties).
    pub fn entries_in_date_order(&self) -> Vec<&Entry> {
        let mut all: Vec<&Entry> = Lane::ALL.iter().flat_map(|&l| self.lane(l)).collect();
        all.sort_by_key(|e| e.days.start); // stable: lane order kept on ties
        all
    }

    /// The days from the first entry's start to the last one's end.
    pub fn extent(&self) -> Option<Range<i64>> {
        let all = || Lane::ALL.iter().flat_map(|&l| self.lane(l));
        Some(all().map(|e| e.days.start).min()?..all().map(|e| e.days.end).max()?)
    }

    /// The speeches (corpus indices) given within `window_days` of `days`,
    /// in date order.
    pub fn speeches_near(&self, days: &Range<i64>, window_days: i64) -> Vec<usize> {
        let (from, to) = (days.start - window_days, days.end + window_days);
        self.speeches.iter().filter(|s| s.days.end > from && s.days.start < to).filter_map(|s| s.doc).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::test_speech::speech;

    #[test]
    fn lanes_hold_speeches_events_and_mentions_in_date_order() {
        let corpus = vec![
            speech("b", Some((1942, 1, 6)), "Last December we were attacked. In 1917 we fought too."),
            speech("a", Some((1941, 1, 6)), "Nothing dated here."),
            speech("u", None, "Three years ago, nothing."),
        ];
        let (events, _) = crate::core::timeline::events::parse_csv(
            "date,title,description\n1941-12-07,Pearl Harbor,Attack\n1939-09,War in Europe,\n",
        )
        .unwrap();
        let tl = Timeline::build(&corpus, &events);
        assert_eq!(tl.speeches.iter().map(|e| e.doc).collect::<Vec<_>>(), [Some(1), Some(0)]);
        assert_eq!(tl.undated, [2]);
        assert_eq!(tl.events.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(), ["War in Europe", "Pearl Harbor"]);
        assert_eq!(tl.events[0].days.end - tl.events[0].days.start, 30, "a month-precision event spans its month");
        let mentioned: Vec<(String, String)> = tl.mentioned.iter().map(|m| (m.title.clone(), m.date_label())).collect();
        assert_eq!(
            mentioned,
            [("In 1917".to_string(), "1917".to_string()), ("Last December".to_string(), "1941-12".to_string())]
        );
        assert_eq!(tl.mentioned[1].detail_in(&corpus), "Last December we were attacked.");
        // Over another corpus (an old timeline, files changed): no sentence
        // from some other speech.
        let other = vec![speech("b", Some((1942, 1, 6)), "A different speech with longer words in it.")];
        assert_eq!(tl.mentioned[1].detail_in(&other), "");
        // Speeches within 90 days of Pearl Harbor: the 1942 address only.
        assert_eq!(tl.speeches_near(&tl.events[1].days, 90), [0]);
        assert_eq!(tl.speeches_near(&tl.events[1].days, 400), [1, 0]);
        let order: Vec<&str> = tl.entries_in_date_order().iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(order, ["mention", "event", "speech", "mention", "event", "speech"]);
        assert_eq!(
            tl.extent(),
            Some(day_number(NaiveDate::from_ymd_opt(1917, 1, 1).unwrap())..tl.speeches[1].days.end)
        );
    }
}
