//! Who said it first on small made-up corpora, where every case is known:
//! undated speeches, speeches without a speaker, two speakers on the same
//! day, phrases only undated or first said by nobody; the table against
//! the brute-force count on random corpora; and the extra metadata fields
//! (a sidecar column, a front-matter key) that speeches can be grouped by.

use chrono::NaiveDate;
use proptest::prelude::*;
use refrain::core::import::files::{FileOutcome, ImportOptions, import_paths};
use refrain::core::phrases::{PhraseIndex, PhraseOptions, PhraseSet};
use refrain::core::speakers::{DateRange, PairTable, PhraseFilter, PhrasePath, SpeechGroups, Uses, introduced_in};
use refrain::core::text::transcript::{DatePrecision, DateSource, SpeechDate, Transcript};

use crate::speakers::check_table;

/// Planted phrases: eight words each, none shared with another or the filler.
const PLANTED: [&str; 3] = [
    "alpha bravo charlie delta echo foxtrot golf hotel",
    "india juliet kilo lima mike november oscar papa",
    "quebec romeo sierra tango uniform victor whiskey xray",
];

/// A speech by `speaker` on `date` (year, month, day) saying the planted
/// phrases `says` between words of its own.
fn speech(k: usize, speaker: Option<&str>, date: Option<(i32, u32, u32)>, says: &[usize]) -> Transcript {
    let filler = |part: usize| (0..12).map(|i| format!("s{k}p{part}w{i}")).collect::<Vec<_>>().join(" ");
    let mut text = filler(0);
    for (part, &p) in says.iter().enumerate() {
        text.push_str(&format!(" {} {}", PLANTED[p], filler(part + 1)));
    }
    let mut t = Transcript::from_text(format!("s{k}.txt"), &format!("s{k}"), &text);
    t.speaker = speaker.map(str::to_string);
    t.date = date.map(|(y, m, d)| SpeechDate {
        date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        precision: DatePrecision::Day,
        source: DateSource::Header,
    });
    t
}

/// The phrases of `ts` (in date order, as the command line sorts them)
/// with 8 words or more.
fn phrases(ts: &mut [Transcript]) -> PhraseSet {
    ts.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    let mut index = PhraseIndex::new();
    index.add_all(ts);
    index.phrases(&PhraseOptions::default().min_words(8).max_gap(0)).unwrap()
}

/// The index of the planted phrase `p` in `set`.
fn planted(set: &PhraseSet, ts: &[Transcript], p: usize) -> usize {
    set.phrases
        .iter()
        .position(|ph| {
            let o = &ph.occurrences[0];
            ts[o.doc as usize].body[set.occurrence_bytes(o)] == *PLANTED[p]
        })
        .unwrap_or_else(|| panic!("planted phrase {p} not found"))
}

#[test]
fn undated_speeches_no_speaker_and_the_same_day_are_handled_as_documented() {
    let mut ts = vec![
        speech(0, Some("Ann"), Some((2000, 1, 1)), &[0, 2]),
        speech(1, Some("Bob"), Some((2000, 1, 1)), &[0]),
        speech(2, Some("Cy"), Some((2001, 1, 1)), &[0, 1]),
        speech(3, Some("Dee"), None, &[0, 2]),
        speech(4, None, Some((2002, 1, 1)), &[0]),
        speech(5, Some("Ann"), Some((2003, 1, 1)), &[0]),
        speech(6, None, Some((1999, 6, 1)), &[1]),
        speech(7, Some("Eve"), None, &[2]),
    ];
    // Phrase 2 again, only undated: Dee's and Eve's speeches… and Ann's.
    // Ann's is dated, so make a phrase only undated speeches share.
    ts[0] = speech(0, Some("Ann"), Some((2000, 1, 1)), &[0]);
    let set = phrases(&mut ts);
    let groups = SpeechGroups::by_speaker(&ts);
    let id = |n: &str| groups.find(n)[0];
    let doc = |k: usize| ts.iter().position(|t| t.path.ends_with(format!("s{k}.txt"))).unwrap() as u32;

    // Phrase 0: Ann first (same day as Bob, added first); Bob same day,
    // Cy a year later; Ann herself again in 2003; Dee undated; one use
    // without a speaker.
    let path = PhrasePath::of(&set, planted(&set, &ts, 0), &groups);
    let origin = path.origin.unwrap();
    assert_eq!((origin.doc, origin.group), (doc(0), Some(id("Ann"))));
    let later: Vec<(&str, i32)> = path.later.iter().map(|s| (groups.name(s.group), s.lag_days)).collect();
    assert_eq!(later, [("Bob", 0), ("Cy", 366)]);
    let own = path.self_repeat.unwrap();
    assert_eq!((own.doc, own.lag_days), (doc(5), 1096));
    assert_eq!(path.undated, [id("Dee")]);
    assert_eq!(path.unattributed, 1);

    // Phrase 1: first said in a speech without a speaker: no first speaker.
    let path = PhrasePath::of(&set, planted(&set, &ts, 1), &groups);
    assert_eq!(path.origin.map(|o| (o.doc, o.group)), Some((doc(6), None)));
    assert_eq!(path.later.iter().map(|s| groups.name(s.group)).collect::<Vec<_>>(), ["Cy"]);

    // Phrase 2: only in undated speeches: no origin, nobody first.
    let path = PhrasePath::of(&set, planted(&set, &ts, 2), &groups);
    assert_eq!(path.origin, None);
    assert!(path.later.is_empty() && path.self_repeat.is_none());
    assert_eq!(path.undated, [id("Dee"), id("Eve")]);

    let table = PairTable::build(&set, &groups);
    check_table(&set, &groups, &table);
    let pairs: Vec<(&str, &str, u32)> =
        table.cells().iter().map(|c| (groups.name(c.from), groups.name(c.to), c.phrases)).collect();
    assert_eq!(pairs, [("Ann", "Ann", 1), ("Ann", "Cy", 1)], "Bob's same-day use is no borrowing");
    let skipped = table.skipped();
    assert_eq!((skipped.undated, skipped.no_first_speaker, skipped.same_day), (1, 1, 1));
    let ann_cy = table.cell(id("Ann"), id("Cy")).unwrap();
    assert_eq!(ann_cy.median_lag_days, 366.0);
    assert_eq!(ann_cy.words, 8);
    let e = table.phrases(ann_cy)[0];
    assert_eq!((e.from_doc, e.to_doc, e.lag_days), (doc(0), doc(2), 366));

    // Introduced here: Ann's first speech introduced phrase 0, taken up by
    // Bob and Cy; Bob's (same day, later in order) introduced nothing; an
    // undated speech introduces nothing.
    let intro = introduced_in(&set, doc(0), &groups);
    assert_eq!(intro.len(), 1);
    assert!(intro[0].taken_up());
    assert_eq!(intro[0].path.later_names(&groups).collect::<Vec<_>>(), ["Bob", "Cy"]);
    assert!(introduced_in(&set, doc(1), &groups).is_empty());
    assert!(introduced_in(&set, doc(3), &groups).is_empty());
    let intro = introduced_in(&set, doc(6), &groups);
    assert_eq!(intro.len(), 1, "a speech without a speaker still introduces its phrases");

    // Filters: by speaker, by range, first uses only.
    let filter = |speakers: Option<&str>, range: DateRange, uses: Uses| {
        PhraseFilter { speakers: speakers.map(|s| groups.find(s)), range, uses }.apply(&set, &groups)
    };
    let all = filter(None, DateRange::default(), Uses::Any);
    assert_eq!(all.len(), set.phrases.len());
    let p = |k| planted(&set, &ts, k) as u32;
    let mut cy = vec![p(0), p(1)];
    cy.sort_unstable();
    assert_eq!(filter(Some("cy"), DateRange::default(), Uses::Any), cy);
    assert_eq!(filter(Some("Eve"), DateRange::default(), Uses::Any), [p(2)]);
    assert!(filter(Some("Cy"), DateRange::default(), Uses::First).is_empty());
    assert_eq!(filter(Some("Ann"), DateRange::default(), Uses::First), [p(0)]);
    let after_2002 = DateRange::parse(Some("2002-06"), None).unwrap();
    assert_eq!(filter(None, after_2002, Uses::Any), [p(0)], "Ann's 2003 speech");
    assert!(filter(Some("Eve"), after_2002, Uses::Any).is_empty(), "undated is in no bounded range");
    assert!(filter(Some("Nobody"), DateRange::default(), Uses::Any).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// On random small corpora (speakers or none, few dates or none, the
    /// planted phrases said by some), the table is the brute-force count
    /// and every path keeps its rules.
    #[test]
    fn the_table_is_the_brute_force_count_on_random_corpora(
        docs in prop::collection::vec(
            (prop::option::weighted(0.8, 0..3usize), prop::option::weighted(0.8, 0..4u32), prop::collection::vec(0..3usize, 0..3)),
            2..9,
        )
    ) {
        let names = ["Ann", "Bob", "Cy"];
        let mut ts: Vec<Transcript> = docs
            .iter()
            .enumerate()
            .map(|(k, (who, day, says))| {
                let mut says = says.clone();
                says.sort_unstable();
                says.dedup();
                speech(k, who.map(|w| names[w]), day.map(|d| (2000, 1, 1 + d)), &says)
            })
            .collect();
        let set = phrases(&mut ts);
        let groups = SpeechGroups::by_speaker(&ts);
        let table = PairTable::build(&set, &groups);
        check_table(&set, &groups, &table);
        for k in 0..set.phrases.len() {
            let path = PhrasePath::of(&set, k, &groups);
            let Some(origin) = path.origin else {
                prop_assert!(path.later.is_empty() && path.self_repeat.is_none());
                continue;
            };
            prop_assert!(path.later.iter().all(|s| s.lag_days >= 0 && Some(s.group) != origin.group));
            let mut later: Vec<_> = path.later.iter().map(|s| s.group).collect();
            later.sort_unstable();
            later.dedup();
            prop_assert_eq!(later.len(), path.later.len(), "each later speaker once");
            prop_assert!(path.undated.iter().all(|g| !later.contains(g) && Some(*g) != origin.group));
        }
    }
}

#[test]
fn extra_fields_come_from_the_table_and_the_file_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("metadata.csv"),
        "file,speaker,party,office\na.txt,Ann Smith,Greens,Mayor\nb.txt,Bob Jones,Reds,\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "---\ndate: 2001-02-03\nparty: Blues\nCountry: Freedonia\n---\nWe said it.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "Date: 2002-03-04\nRegion: North\n\nWe said it again.\n").unwrap();
    let mut ts: Vec<Transcript> = import_paths(&[dir.path().to_path_buf()], &ImportOptions::default())
        .into_iter()
        .map(|o| match o {
            FileOutcome::Imported(t) => *t,
            other => panic!("{other:?}"),
        })
        .collect();
    ts.sort_by(|a, b| a.path.cmp(&b.path));
    let (a, b) = (&ts[0], &ts[1]);
    assert_eq!(a.field("speaker").as_deref(), Some("Ann Smith"));
    assert_eq!(a.field("party").as_deref(), Some("Blues"), "the file's own key wins");
    assert_eq!(a.field("office").as_deref(), Some("Mayor"));
    assert_eq!(a.field("country").as_deref(), Some("Freedonia"));
    assert_eq!(b.field("party").as_deref(), Some("Reds"));
    assert_eq!(b.field("office"), None, "an empty cell is no value");
    assert_eq!(b.field("region").as_deref(), Some("North"));
    assert_eq!(b.field("year").as_deref(), Some("2002"));
    let parties = SpeechGroups::by_field(&ts, "party");
    assert_eq!(parties.names(), ["Blues", "Reds"]);
}

#[test]
fn sotu_speeches_carry_their_metadata_columns() {
    let Some(corpus) = crate::common::corpus() else { return };
    let t = crate::support::import(&corpus.join("sotu/speeches/1790-Washington-1.txt"));
    assert_eq!(t.field("party").as_deref(), Some("Nonpartisan"));
    assert_eq!(t.field("president_id").as_deref(), Some("washington"));
    assert_eq!(t.field("speaker").as_deref(), Some("George Washington"));
    assert!(t.field_names().contains(&"party"));
    assert_eq!(t.field("fileid"), None, "the file column names the file, it is no field");
}
