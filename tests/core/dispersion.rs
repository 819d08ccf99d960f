//! Dispersion on the SOTU corpus: a phrase's positions along each speech
//! and a search's, within 0..1, one row per speech in date order, matching
//! the occurrences and the matches they come from.

use refrain::core::phrases::{PhraseIndex, PhraseOptions};
use refrain::core::search::{Query, SearchIndex, SearchOptions, phrase_dispersion, search_dispersion};

use crate::common;
use crate::support::sotu_speeches;

#[test]
fn a_phrase_and_a_search_placed_along_each_speech() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).unwrap();

    // The phrases used most widely: each row is a speech of the phrase,
    // in date order, its hits the occurrences' first words.
    for p in set.phrases.iter().take(20) {
        let rows = phrase_dispersion(&index, p);
        assert_eq!(rows.len(), p.speeches as usize);
        assert!(rows.windows(2).all(|w| w[0].doc < w[1].doc), "date order (ids are date order here)");
        for row in &rows {
            assert_eq!(row.words as usize, ts[row.doc].words);
            let mut want: Vec<u32> =
                p.occurrences.iter().filter(|o| o.doc as usize == row.doc).map(|o| o.words.start).collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(row.hits, want);
            for (&w, &pos) in row.hits.iter().zip(&row.positions) {
                assert!((0.0..1.0).contains(&pos), "{pos}");
                assert!((f64::from(pos) - f64::from(w) / f64::from(row.words)).abs() < 1e-6);
            }
        }
    }

    // A search: the rows are the results' speeches, each match placed at
    // the word it starts in.
    let search = SearchIndex::build(&ts);
    let results = search.search(&ts, &Query::parse("\"the state of the union\"", SearchOptions::default()).unwrap());
    let rows = search_dispersion(&ts, &results);
    assert_eq!(rows.len(), results.docs.len());
    assert!(rows.len() > 80, "{}", rows.len());
    for (row, hits) in rows.iter().zip(&results.docs) {
        assert_eq!(row.doc, hits.doc);
        assert_eq!(row.hits.len(), hits.matches.len());
        let t = &ts[row.doc];
        let ranges = t.word_ranges();
        for ((&w, &pos), m) in row.hits.iter().zip(&row.positions).zip(&hits.matches) {
            assert!((0.0..1.0).contains(&pos));
            // The hit's word is the match's first word: "the".
            let (s, e) = ranges.get(w as usize).unwrap();
            assert_eq!(s as usize, m.start);
            assert!(t.body[s as usize..e as usize].eq_ignore_ascii_case("the"));
        }
    }
    // Dates ascend along the rows.
    let dates: Vec<_> = rows.iter().map(|r| ts[r.doc].date.map(|d| d.date)).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
}
