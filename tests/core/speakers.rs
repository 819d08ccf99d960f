//! Who said it first, on the real State of the Union corpus: the path of
//! "the state of the Union" against a plain scan of the speeches, the
//! speaker × speaker table against a brute-force count over the phrase
//! set, grouping by party, and `refrain speakers --json`.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use refrain::core::phrases::{PhraseIndex, PhraseOptions, PhraseSet};
use refrain::core::speakers::{GroupId, PairTable, PhraseFilter, PhrasePath, SpeechGroups, Uses, introduced_in};
use refrain::core::text::transcript::Transcript;
use refrain::core::text::{Language, tokenize};

use crate::common;
use crate::support::{refrain, sotu_speeches};

/// Per ordered pair: phrases, words and the lags, counted the plain way.
pub type Counts = BTreeMap<(GroupId, GroupId), (u32, u64, Vec<i32>)>;

/// The speaker × speaker counts computed without the walk the table uses:
/// for each phrase, its dated uses; the first speaker is the speaker of the
/// earliest (ties: the first listed); each other speaker counts when their
/// earliest use is a day or more later, the first speaker when another of
/// their speeches uses it.
pub fn brute_force(set: &PhraseSet, groups: &SpeechGroups) -> Counts {
    let mut counts = Counts::new();
    for p in &set.phrases {
        let dated: Vec<(NaiveDate, usize, u32)> = p
            .occurrences
            .iter()
            .enumerate()
            .filter_map(|(pos, o)| groups.date_of(o.doc).map(|d| (d, pos, o.doc)))
            .collect();
        let Some(&(origin_date, _, origin_doc)) = dated.iter().min() else { continue };
        let Some(a) = groups.group_of(origin_doc) else { continue };
        let mut first_by: HashMap<GroupId, NaiveDate> = HashMap::new();
        for &(d, _, doc) in &dated {
            let Some(g) = groups.group_of(doc) else { continue };
            if g == a && doc == origin_doc {
                continue;
            }
            let e = first_by.entry(g).or_insert(d);
            *e = (*e).min(d);
        }
        for (g, d) in first_by {
            let lag = (d - origin_date).num_days() as i32;
            if g == a || lag > 0 {
                let c = counts.entry((a, g)).or_default();
                c.0 += 1;
                c.1 += u64::from(p.len);
                c.2.push(lag);
            }
        }
    }
    counts
}

/// The median of `lags`, as the table gives it.
pub fn median(lags: &[i32]) -> f64 {
    let mut v = lags.to_vec();
    v.sort_unstable();
    let n = v.len();
    if n % 2 == 1 { f64::from(v[n / 2]) } else { (f64::from(v[n / 2 - 1]) + f64::from(v[n / 2])) / 2.0 }
}

/// Checks every pair of `table` against [`brute_force`]; returns how many
/// pairs there are.
pub fn check_table(set: &PhraseSet, groups: &SpeechGroups, table: &PairTable) -> usize {
    let want = brute_force(set, groups);
    let got: Counts = table
        .cells()
        .iter()
        .map(|c| ((c.from, c.to), (c.phrases, c.words, table.phrases(c).iter().map(|e| e.lag_days).collect())))
        .collect();
    assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "the same pairs");
    for c in table.cells() {
        let (n, words, lags) = &want[&(c.from, c.to)];
        let pair = format!("{} → {}", groups.name(c.from), groups.name(c.to));
        assert_eq!((c.phrases, c.words), (*n, *words), "{pair}");
        assert_eq!(c.median_lag_days, median(lags), "{pair}");
        let list = table.phrases(c);
        assert_eq!(list.len(), *n as usize, "{pair}");
        for e in list {
            // Each phrase's pair of speeches: by the two speakers, the
            // first at the phrase's origin, the lag between their dates.
            let p = &set.phrases[e.phrase as usize];
            assert_eq!(groups.group_of(e.from_doc), Some(c.from), "{pair}");
            assert_eq!(groups.group_of(e.to_doc), Some(c.to), "{pair}");
            assert_ne!(e.from_doc, e.to_doc);
            assert!(p.occurrences.iter().any(|o| o.doc == e.to_doc));
            assert_eq!(e.from_doc, p.first);
            let (from, to) = (groups.date_of(e.from_doc).unwrap(), groups.date_of(e.to_doc).unwrap());
            assert_eq!((to - from).num_days() as i32, e.lag_days, "{pair}");
        }
        assert!(list.windows(2).all(|w| w[0].phrase < w[1].phrase), "in phrase order");
    }
    want.len()
}

fn norm_words(text: &str) -> Vec<String> {
    tokenize(text, Language::English).into_iter().map(|w| w.norm).collect()
}

/// The phrase whose first occurrence's words are exactly `text`.
fn find(set: &PhraseSet, ts: &[Transcript], text: &str) -> usize {
    let wanted = norm_words(text);
    set.phrases
        .iter()
        .position(|p| {
            let o = &p.occurrences[0];
            norm_words(&ts[o.doc as usize].body[set.occurrence_bytes(o)]) == wanted
        })
        .unwrap_or_else(|| panic!("no phrase {text:?}"))
}

fn sotu_set(ts: &[Transcript], options: &PhraseOptions) -> PhraseSet {
    let mut index = PhraseIndex::new();
    let ids = index.add_all(ts);
    assert!(ids.iter().enumerate().all(|(k, &id)| id as usize == k), "documents are positions");
    index.phrases(options).unwrap()
}

#[test]
fn the_state_of_the_union_goes_from_washington_to_every_later_president() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let groups = SpeechGroups::by_speaker(&ts);
    assert_eq!(groups.len(), 43, "{:?}", groups.names());
    let washington_1790 = NaiveDate::from_ymd_opt(1790, 1, 8).unwrap();

    // Each president's first speech with these exact words, scanned plainly.
    let wanted = norm_words("the state of the Union");
    let mut uses: BTreeMap<&str, Vec<(NaiveDate, usize)>> = BTreeMap::new();
    for (k, t) in ts.iter().enumerate() {
        if norm_words(&t.body).windows(wanted.len()).any(|w| w == wanted.as_slice()) {
            uses.entry(t.speaker.as_deref().unwrap()).or_default().push((t.date.unwrap().date, k));
        }
    }
    let first_use: BTreeMap<&str, (NaiveDate, usize)> = uses.iter().map(|(n, u)| (*n, u[0])).collect();
    assert!(first_use.len() > 25, "{} presidents", first_use.len());

    // Exact matching: the path is that scan.
    let set = sotu_set(&ts, &PhraseOptions::default().max_gap(0));
    let path = PhrasePath::of(&set, find(&set, &ts, "the state of the Union"), &groups);
    let origin = path.origin.expect("a dated first use");
    assert_eq!(groups.name(origin.group.unwrap()), "George Washington");
    assert_eq!(origin.date, washington_1790);
    assert!(ts[origin.doc as usize].path.ends_with("1790-Washington-1.txt"));
    // Washington's own next use, if any, is apart from the later speakers.
    let again = uses["George Washington"].get(1).copied();
    assert_eq!(path.self_repeat.map(|s| (s.date, s.doc as usize)), again);
    let got: BTreeMap<&str, (NaiveDate, usize)> =
        path.later.iter().map(|s| (groups.name(s.group), (s.date, s.doc as usize))).collect();
    let mut later = first_use.clone();
    later.remove("George Washington");
    assert_eq!(got, later);
    for s in &path.later {
        assert_eq!(s.lag_days as i64, (s.date - washington_1790).num_days(), "{}", groups.name(s.group));
    }
    assert!(path.later.windows(2).all(|w| w[0].date <= w[1].date), "in order of first use");
    assert!(path.undated.is_empty() && path.unattributed == 0);

    // As the app shows it (small gaps bridged): the same first speaker,
    // and every president of the scan among the later ones.
    let set = sotu_set(&ts, &PhraseOptions::default());
    let path = PhrasePath::of(&set, find(&set, &ts, "the state of the Union"), &groups);
    assert_eq!(path.origin.map(|o| o.date), Some(washington_1790));
    for (name, (date, _)) in &later {
        let step = path.later.iter().find(|s| groups.name(s.group) == *name).unwrap_or_else(|| panic!("{name}"));
        assert!(step.date <= *date, "{name}");
    }

    // Washington's first address introduced it, and others took it up.
    let introduced = introduced_in(&set, origin.doc, &groups);
    let here = introduced.iter().find(|i| i.path == path).expect("introduced in 1790");
    assert!(here.taken_up());
    assert!(introduced.iter().all(|i| i.path.origin.map(|o| o.doc) == Some(origin.doc)));
}

#[test]
fn the_speaker_table_agrees_with_a_brute_force_count() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let set = sotu_set(&ts, &PhraseOptions::default());
    let groups = SpeechGroups::by_speaker(&ts);
    let table = PairTable::build(&set, &groups);
    let pairs = check_table(&set, &groups, &table);
    assert!(pairs > 500, "{pairs} pairs");
    let skipped = table.skipped();
    assert_eq!((skipped.undated, skipped.no_first_speaker), (0, 0), "every SOTU speech is dated and has a speaker");

    // Self-repetition is apart: its pairs are A → A, the borrowing ones not.
    let id = |name: &str| groups.find(name)[0];
    let (washington, adams) = (id("George Washington"), id("John Adams"));
    assert!(table.self_repetition().all(|c| c.from == c.to) && table.borrowing().all(|c| c.from != c.to));
    assert!(table.cell(washington, washington).is_some_and(|c| c.is_self() && c.phrases > 10));
    let borrowed = table.cell(washington, adams).expect("Adams used Washington's phrases");
    assert!(borrowed.phrases > 10 && !borrowed.is_self());
    // Nothing goes back in time: Adams said nothing first that Washington used.
    assert!(table.cell(adams, washington).is_none());
}

#[test]
fn grouped_by_party_and_filtered_by_speaker_and_dates() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let set = sotu_set(&ts, &PhraseOptions::default());
    let parties = SpeechGroups::by_field(&ts, "party");
    for party in ["Democratic", "Republican", "Federalist", "Whig"] {
        assert_eq!(parties.find(party).len(), 1, "{party} in {:?}", parties.names());
    }
    let table = PairTable::build(&set, &parties);
    check_table(&set, &parties, &table);
    let (d, r) = (parties.find("Democratic")[0], parties.find("Republican")[0]);
    assert!(table.cell(d, r).is_some_and(|c| c.phrases > 100) && table.cell(r, d).is_some_and(|c| c.phrases > 100));

    // The phrases Lincoln used between 1862 and 1863, and those he said first.
    let groups = SpeechGroups::by_speaker(&ts);
    let range = refrain::core::speakers::DateRange::parse(Some("1862"), Some("1863")).unwrap();
    let lincoln = groups.find("lincoln");
    assert_eq!(lincoln.len(), 1);
    let used = PhraseFilter { speakers: Some(lincoln.clone()), range, uses: Uses::Any }.apply(&set, &groups);
    let first = PhraseFilter { speakers: Some(lincoln.clone()), range, uses: Uses::First }.apply(&set, &groups);
    let in_years =
        |doc: u32| ts[doc as usize].date.is_some_and(|d| (1862..=1863).contains(&chrono::Datelike::year(&d.date)));
    let by_lincoln = |doc: u32| ts[doc as usize].speaker.as_deref() == Some("Abraham Lincoln");
    let plain: Vec<u32> = (0..set.phrases.len() as u32)
        .filter(|&k| set.phrases[k as usize].occurrences.iter().any(|o| by_lincoln(o.doc) && in_years(o.doc)))
        .collect();
    assert_eq!(used, plain);
    assert!(!first.is_empty() && first.len() < used.len());
    assert!(first.iter().all(|&k| by_lincoln(set.phrases[k as usize].first)));
}

#[test]
fn speakers_json_lists_the_pairs_of_the_table() {
    let Some(corpus) = common::corpus() else { return };
    let sotu = corpus.join("sotu");
    let out = refrain(&["speakers".as_ref(), "--json".as_ref(), sotu.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["field"], "speaker");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 249);
    let pairs = v["pairs"].as_array().unwrap();

    let ts = sotu_speeches(&corpus);
    let set = sotu_set(&ts, &PhraseOptions::default());
    let groups = SpeechGroups::by_speaker(&ts);
    let table = PairTable::build(&set, &groups);
    assert_eq!(pairs.len(), table.cells().len());
    let wa =
        pairs.iter().find(|p| p["from"] == "George Washington" && p["to"] == "John Adams").expect("Washington → Adams");
    let cell = table.cell(groups.find("George Washington")[0], groups.find("John Adams")[0]).unwrap();
    assert_eq!(wa["phrases"], cell.phrases);
    assert_eq!(wa["words"], cell.words);
    assert_eq!(wa["median_lag_days"], cell.median_lag_days);
    assert_eq!(wa["self"], false);
    let list = wa["list"].as_array().unwrap();
    assert_eq!(list.len(), cell.phrases as usize);
    for e in list {
        let (from, to) = (e["from_doc"].as_u64().unwrap() as usize, e["to_doc"].as_u64().unwrap() as usize);
        assert_eq!(docs[from]["group"], "George Washington");
        assert_eq!(docs[to]["group"], "John Adams");
        assert!(!e["text"].as_str().unwrap().is_empty());
    }
    // Borrowing first, most phrases first; self-repetition after.
    let first_self = pairs.iter().position(|p| p["self"] == true).unwrap();
    assert!(pairs[first_self..].iter().all(|p| p["self"] == true && p["from"] == p["to"]));
    let counts: Vec<u64> = pairs[..first_self].iter().map(|p| p["phrases"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));

    // A file that cannot be read is reported, the rest still printed.
    let out = refrain(&["speakers".as_ref(), sotu.as_os_str(), "/no/such/speech.txt".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/speech.txt"));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("SAID FIRST BY") && table.contains("George Washington"), "{table}");
    // By party.
    let out =
        refrain(&["speakers".as_ref(), "--json".as_ref(), "--field".as_ref(), "party".as_ref(), sotu.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["pairs"].as_array().unwrap().iter().any(|p| p["from"] == "Democratic" && p["to"] == "Republican"));
}

#[test]
fn phrases_filtered_by_speaker_and_dates_on_the_command_line() {
    let Some(corpus) = common::corpus() else { return };
    let sotu = corpus.join("sotu");
    let run = |extra: &[&str]| -> serde_json::Value {
        let mut args: Vec<&std::ffi::OsStr> = vec!["phrases".as_ref(), "--json".as_ref()];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        args.push(sotu.as_os_str());
        let out = refrain(&args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let all = run(&[]);
    let docs = all["documents"].as_array().unwrap().clone();
    let lincoln: Vec<usize> = (0..docs.len())
        .filter(|&d| docs[d]["path"].as_str().is_some_and(|p| p.contains("-Lincoln-")))
        .filter(|&d| docs[d]["date"].as_str().is_some_and(|s| ("1862".."1864").contains(&&s[..4])))
        .collect();
    assert_eq!(lincoln.len(), 2, "Lincoln's 1862 and 1863 messages");
    // What the filter must keep, counted from the unfiltered output.
    let used_by = |p: &serde_json::Value| {
        p["occurrences"].as_array().unwrap().iter().any(|o| lincoln.contains(&(o["doc"].as_u64().unwrap() as usize)))
    };
    let expected: Vec<&str> =
        all["phrases"].as_array().unwrap().iter().filter(|p| used_by(p)).map(|p| p["text"].as_str().unwrap()).collect();
    let filtered = run(&["--speaker", "lincoln", "--from", "1862", "--to", "1863"]);
    let got: Vec<&str> = filtered["phrases"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(!got.is_empty() && got.len() < all["phrases"].as_array().unwrap().len());
    assert_eq!(got, expected, "the phrases Lincoln used in 1862-1863, in the same order");
    // An unknown speaker and a reversed range are refused with the reason.
    let out = refrain(&["phrases".as_ref(), "--speaker".as_ref(), "Nobody At All".as_ref(), sotu.as_os_str()]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nobody At All"));
    let out = refrain(&[
        "phrases".as_ref(),
        "--from".as_ref(),
        "1900".as_ref(),
        "--to".as_ref(),
        "1800".as_ref(),
        sotu.as_os_str(),
    ]);
    assert_ne!(out.status.code(), Some(0), "a reversed range is an error");
}
