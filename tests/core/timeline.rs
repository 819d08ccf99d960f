//! The timeline on real inputs: the seed's dated references resolved to the
//! right months, and `refrain timeline` over the SOTU corpus and the events
//! file in `assets/`, run as a user runs it.

use std::path::{Path, PathBuf};

use refrain::core::text::transcript::DatePrecision;
use refrain::core::timeline::mentions::find_mentions;

use crate::common::{self, events_file};
use crate::support::{import, refrain};

#[test]
fn the_seed_references_land_on_the_right_months() {
    let Some(corpus) = common::corpus() else { return };
    let seed = import(&common::seed_file(&corpus));
    assert_eq!(seed.date.map(|d| d.display()).as_deref(), Some("2018-11-07"));
    let found = find_mentions(&seed.body, seed.date.as_ref());
    let find = |words: &str| {
        found
            .iter()
            .find(|m| seed.body[m.sentence.clone()].contains(words))
            .unwrap_or_else(|| panic!("no reference in the sentence with {words:?}: {found:?}"))
    };
    let un = find("70th session of the UN General Assembly");
    assert_eq!(&seed.body[un.bytes.clone()], "three years ago");
    assert_eq!((un.date.to_string().as_str(), un.precision), ("2015-01-01", DatePrecision::Year));
    let moscow = find("Countering the Illicit Arms Trafficking");
    assert_eq!(&seed.body[moscow.bytes.clone()], "September");
    assert_eq!((moscow.date.to_string().as_str(), moscow.precision), ("2018-09-01", DatePrecision::Month));
    let convention = find("Convention on Countering Extremism");
    assert_eq!(&seed.body[convention.bytes.clone()], "Last June");
    assert_eq!((convention.date.to_string().as_str(), convention.precision), ("2018-06-01", DatePrecision::Month));
    for m in &found {
        assert!(m.relative, "the seed writes no absolute dates in its body: {m:?}");
        assert!(m.sentence.start <= m.bytes.start && m.bytes.end <= m.sentence.end);
    }
}

#[test]
fn timeline_json_over_sotu_the_seed_and_the_events_file() {
    let Some(corpus) = common::corpus() else { return };
    let out = refrain(&[
        "timeline".as_ref(),
        "--json".as_ref(),
        "--events".as_ref(),
        events_file().as_os_str(),
        corpus.join("sotu").as_os_str(),
        corpus.join("seed").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = v["entries"].as_array().unwrap();
    let of = |kind: &str| entries.iter().filter(|e| e["kind"] == kind).collect::<Vec<_>>();
    assert_eq!(of("speech").len(), 250);
    assert_eq!(v["undated"].as_array().unwrap().len(), 0);
    // Every event of the file, with its real date.
    let events = of("event");
    assert!(events.len() >= 12, "{}", events.len());
    let pearl = events.iter().find(|e| e["title"] == "Attack on Pearl Harbor").unwrap();
    assert_eq!((pearl["date"].as_str(), pearl["precision"].as_str()), (Some("1941-12-07"), Some("day")));
    let war = events.iter().find(|e| e["title"] == "Civil War").unwrap();
    assert_eq!(war["end_date"], "1865-04-09");
    // In date order (dates at coarser precision sort at their period's start).
    let dates: Vec<String> = entries.iter().map(|e| e["date"].as_str().unwrap().to_string()).collect();
    let start = |d: &str| match d.len() {
        4 => format!("{d}-01-01"),
        7 => format!("{d}-01"),
        _ => d.to_string(),
    };
    assert!(dates.windows(2).all(|w| start(&w[0]) <= start(&w[1])), "not in date order");
    // Mentions point at their words in their transcript's body.
    let mentions = of("mention");
    assert!(mentions.len() > 1000, "{}", mentions.len());
    let mut bodies = std::collections::HashMap::new();
    for m in mentions.iter().step_by(97).chain(mentions.iter().filter(|m| m["date"] == "1941-12-07")) {
        let source = m["source"].as_str().unwrap().to_string();
        let body = bodies.entry(source.clone()).or_insert_with(|| import(Path::new(&source)).body);
        let (s, e) = (m["start_byte"].as_u64().unwrap() as usize, m["end_byte"].as_u64().unwrap() as usize);
        assert_eq!(&body[s..e], m["title"].as_str().unwrap(), "{m}");
        assert!(
            m["detail"].as_str().unwrap().contains(m["title"].as_str().unwrap().split_whitespace().last().unwrap())
        );
    }
    // Roosevelt, a month after Pearl Harbor, names its day.
    assert!(
        mentions
            .iter()
            .any(|m| m["date"] == "1941-12-07" && m["source"].as_str().unwrap().ends_with("1942-Roosevelt-1.txt")),
        "1942's address mentions December 7, 1941"
    );
    // The seed's three references, with their byte ranges.
    let seed: Vec<(&str, &str)> = mentions
        .iter()
        .filter(|m| m["source"].as_str().unwrap().ends_with("000_2242c2cab3a166d3.txt"))
        .map(|m| (m["date"].as_str().unwrap(), m["title"].as_str().unwrap()))
        .collect();
    for want in [("2015", "three years ago"), ("2018-09", "September"), ("2018-06", "Last June")] {
        assert!(seed.contains(&want), "{want:?} missing from {seed:?}");
    }
}

#[test]
fn bad_event_rows_are_reported_by_line_and_the_rest_printed() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.csv");
    std::fs::write(
        &events,
        "date,title,description\n1941-12-07,Attack on Pearl Harbor,\n19411207,Bad date,\n1969-07-20,Moon landing,\n,No date,\n",
    )
    .unwrap();
    let missing = dir.path().join("missing.json");
    let out = refrain(&[
        "timeline".as_ref(),
        "--events".as_ref(),
        events.as_os_str(),
        "--events".as_ref(),
        missing.as_os_str(),
        common::fixture("formats/ministry_glued.txt").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("events.csv: line 3: \"19411207\" is not a date"), "{stderr}");
    assert!(stderr.contains("events.csv: line 5: no date"), "{stderr}");
    assert!(stderr.contains("missing.json: no such file"), "{stderr}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().next().unwrap().starts_with("DATE"), "{text}");
    assert!(text.contains("Attack on Pearl Harbor") && text.contains("Moon landing"), "{text}");
    assert!(text.contains("1 speech(es), 2 event(s)"), "{text}");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(refrain(&["timeline".as_ref()]).status.code(), Some(2));
    assert_eq!(refrain(&["timeline".as_ref(), "--events".as_ref()]).status.code(), Some(2));
}

#[test]
fn timeline_csv_with_a_search_on_the_phrase_lane() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let files: Vec<PathBuf> = ["1829-Jackson-1", "1869-Grant-1", "1909-Taft-1", "1942-Roosevelt-1"]
        .iter()
        .map(|f| speeches.join(format!("{f}.txt")))
        .collect();
    let events = events_file();
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["timeline".as_ref(), "--csv".as_ref(), "--search".as_ref(), "tariff".as_ref()];
    args.extend(["--events".as_ref(), events.as_os_str()]);
    args.extend(files.iter().map(|f| f.as_os_str()));
    let out = refrain(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "lane",
            "kind",
            "date",
            "end_date",
            "precision",
            "title",
            "detail",
            "file",
            "start_byte",
            "end_byte",
            "url",
            "notes"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let lane = |name: &str| rows.iter().filter(|r| &r[0] == name).collect::<Vec<_>>();
    // Lane by lane: the four speeches (files relative to their folder), the
    // events file, the dates mentioned, then the search's speeches.
    let lanes: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    let mut seen = lanes.clone();
    seen.dedup();
    assert_eq!(seen, ["speeches", "events", "mentioned", "phrase"]);
    assert_eq!(
        lane("speeches").iter().map(|r| &r[7]).collect::<Vec<_>>(),
        ["1829-Jackson-1.txt", "1869-Grant-1.txt", "1909-Taft-1.txt", "1942-Roosevelt-1.txt"]
    );
    assert_eq!(lane("events").len(), 17);
    // Every mention's byte range holds its words.
    let bodies: std::collections::HashMap<String, String> =
        files.iter().map(|f| (f.file_name().unwrap().to_string_lossy().into_owned(), import(f).body)).collect();
    let mentioned = lane("mentioned");
    assert!(mentioned.len() > 20, "{}", mentioned.len());
    for r in &mentioned {
        let (s, e) = (r[8].parse::<usize>().unwrap(), r[9].parse::<usize>().unwrap());
        assert_eq!(&bodies[&r[7]][s..e], &r[5]);
    }
    // The phrase lane: the speeches saying "tariff" (not Roosevelt's), each at
    // its first use of the word.
    let phrase = lane("phrase");
    let expected: Vec<&String> = bodies
        .keys()
        .filter(|f| bodies[*f].to_lowercase().contains("tariff"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(phrase.iter().map(|r| &r[7]).collect::<Vec<_>>(), expected);
    assert_eq!(phrase.len(), 3);
    for r in &phrase {
        let body = &bodies[&r[7]];
        let first = body.to_lowercase().find("tariff").unwrap();
        assert_eq!((r[8].parse::<usize>().unwrap(), &r[6]), (first, &body[first..first + 6]));
    }
    // A query that cannot run is a usage error.
    let bad = refrain(&["timeline".as_ref(), "--search".as_ref(), "".as_ref(), files[0].as_os_str()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--search \"\""));
}

#[test]
fn the_phrase_lane_marks_the_path_of_the_state_of_the_union() {
    use refrain::core::phrases::{PhraseIndex, PhraseOptions};
    use refrain::core::timeline::model::{Lane, Timeline};
    let Some(corpus) = common::corpus() else { return };
    let ts = crate::support::sotu_speeches(&corpus);
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let set = index.phrases(&PhraseOptions::default()).unwrap();
    let k = (0..set.phrases.len())
        .find(|&k| {
            let o = &set.phrases[k].occurrences[0];
            ts[o.doc as usize].body[set.occurrence_bytes(o)].eq_ignore_ascii_case("the state of the Union")
        })
        .expect("the state of the Union");
    let mut timeline = Timeline::build(&ts, &[]);
    timeline.set_phrase(&ts, Some((&set, &set.phrases[k])));
    let lane = timeline.lane(Lane::Phrase);
    assert!(lane.len() > 50);
    assert!(lane[0].title.ends_with("first said here, by George Washington"), "{}", lane[0].title);
    // Each later president's first use says so, once, with the lag after Washington.
    let firsts: Vec<&str> =
        lane.iter().filter(|e| e.title.contains("'s first use")).map(|e| e.title.as_str()).collect();
    let jackson = firsts.iter().find(|t| t.contains("Andrew Jackson's first use")).expect("Jackson");
    assert!(jackson.contains("years after George Washington"), "{jackson}");
    let mut speakers: Vec<String> = lane.iter().filter_map(|e| e.doc.and_then(|d| ts[d].speaker.clone())).collect();
    speakers.sort();
    speakers.dedup();
    assert_eq!(firsts.len(), speakers.len() - 1, "one first use per speaker but Washington");
}
