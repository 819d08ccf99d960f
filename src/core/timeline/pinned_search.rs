//! A pinned search on the timeline's phrase lane, like a selected phrase:
//! one marker per dated speech with a match (at its first match), and the
//! matches per year above the lane, the same counts as the search's own
//! sparkline.

use std::borrow::Borrow;

use crate::core::search::SearchResults;
use crate::core::text::transcript::Transcript;
use crate::core::timeline::model::{Entry, EntryKind, Timeline};

impl Timeline {
    /// Fills the phrase lane with the speeches a search found (replacing
    /// any phrase there). `results` must come from searching `corpus`.
    pub fn set_search<T: Borrow<Transcript>>(&mut self, corpus: &[T], results: &SearchResults) {
        self.phrase.clear();
        self.phrase_years = results.per_year(corpus);
        for d in &results.docs {
            let (Some(t), Some(first)) = (corpus.get(d.doc).map(Borrow::borrow), d.matches.first()) else { continue };
            let Some(date) = t.date else { continue };
            self.phrase.push(Entry {
                kind: EntryKind::Phrase,
                date: date.date,
                precision: date.precision,
                end: None,
                days: crate::core::timeline::events::day_number(date.date)
                    ..crate::core::timeline::events::period_end(date.date, date.precision),
                title: t.title.clone(),
                detail: t.body.get(first.clone()).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" "),
                doc: Some(d.doc),
                bytes: Some(first.clone()),
                sentence: None,
                event: None,
                url: None,
            });
        }
        self.phrase.sort_by_key(|e| (e.days.start, e.days.end, e.doc));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::{Query, SearchIndex, SearchOptions};
    use crate::core::test_speech::speech;
    use crate::core::text::YearCount;

    #[test]
    fn a_search_puts_one_marker_per_dated_speech_and_its_matches_per_year() {
        let corpus = vec![
            speech("/c/c.txt", Some((1943, 1, 7)), "The Union is strong. The union, the UNION!"),
            speech("/c/a.txt", Some((1942, 1, 6)), "Nothing here."),
            speech("/c/b.txt", Some((1942, 6, 1)), "Preserve the Union."),
            speech("/c/u.txt", None, "An undated union."),
        ];
        let index = SearchIndex::build(&corpus);
        let results = index.search(&corpus, &Query::parse("union", SearchOptions::default()).unwrap());
        assert_eq!(results.total(), 5);
        let mut tl = Timeline::build(&corpus, &[]);
        tl.set_search(&corpus, &results);
        // In date order, the undated speech left out, each at its first match.
        assert_eq!(tl.phrase.iter().map(|e| e.doc).collect::<Vec<_>>(), [Some(2), Some(0)]);
        let c = &tl.phrase[1];
        assert_eq!(&corpus[0].body[c.bytes.clone().unwrap()], "Union");
        assert_eq!((c.title.as_str(), c.detail.as_str(), c.date_label()), ("/c/c.txt", "Union", "1943-01-07".into()));
        // Matches per year: one in 1942, three in 1943 (the undated one is not counted).
        assert_eq!(tl.phrase_years, [YearCount { year: 1942, count: 1 }, YearCount { year: 1943, count: 3 }]);
        // A search that finds nothing empties the lane.
        tl.set_search(&corpus, &SearchResults::default());
        assert!(tl.phrase.is_empty() && tl.phrase_years.is_empty());
    }
}
