//! `refrain inspect` as a user runs it: the real binary, its output and its
//! exit status.

use std::process::{Command, Output};

use crate::common;
use crate::support::{refrain, sotu_metadata};

fn json(out: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
        .as_array()
        .expect("a JSON array")
        .clone()
}

#[test]
fn inspect_json_over_the_whole_corpus_reports_250_day_dated_transcripts() {
    let Some(corpus) = common::corpus() else { return };
    let out = refrain(&[
        "inspect".as_ref(),
        "--json".as_ref(),
        corpus.join("sotu").as_os_str(),
        corpus.join("seed").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let records = json(&out);
    assert_eq!(records.len(), 250);
    let meta = sotu_metadata(&corpus);
    for r in &records {
        assert_eq!(r["ok"], true, "{r}");
        assert_eq!(r["error"], serde_json::Value::Null);
        assert_eq!(r["date_precision"], "day", "{r}");
        for key in [
            "path",
            "title",
            "date",
            "date_source",
            "time",
            "speaker",
            "languages",
            "words",
            "paragraphs",
            "encoding",
            "warnings",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        let path = r["path"].as_str().unwrap();
        let stem = std::path::Path::new(path).file_stem().unwrap().to_string_lossy().into_owned();
        if let Some((date, speaker, _)) = meta.get(&stem) {
            assert_eq!(r["date"], date.as_str());
            assert_eq!(r["date_source"], "sidecar");
            assert_eq!(r["speaker"], speaker.as_str());
        } else {
            assert!(path.ends_with("000_2242c2cab3a166d3.txt"), "{path}");
            assert_eq!(r["date"], "2018-11-07");
            assert_eq!(r["date_source"], "header");
            assert_eq!(r["time"], "14:07");
            assert_eq!(r["speaker"], "Sergey Lavrov");
            assert_eq!(r["languages"], serde_json::json!(["en-GB", "ru-RU"]));
        }
    }
}

#[test]
fn failures_are_reported_with_exit_status_1_and_the_rest_still_printed() {
    let paths = [
        common::fixture("bad"),
        common::fixture("bad/image.png"),
        common::fixture("formats/front_matter.md"),
        std::path::PathBuf::from("/no/such/transcript.txt"),
    ];
    let mut args: Vec<&std::ffi::OsStr> = vec!["inspect".as_ref(), "--json".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let out = refrain(&args);
    assert_eq!(out.status.code(), Some(1));
    let records = json(&out);
    let find = |suffix: &str| {
        records
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} missing"))
    };
    assert_eq!(find("front_matter.md")["ok"], true);
    assert_eq!(find("front_matter.md")["date_source"], "front-matter");
    assert_eq!(find("undated.txt")["ok"], true);
    assert_eq!(find("undated.txt")["date"], serde_json::Value::Null);
    assert!(find("image.png")["error"].as_str().unwrap().contains("not a text file (PNG image)"));
    assert!(find("empty.txt")["error"].as_str().unwrap().contains("empty"));
    assert!(find("transcript.txt")["error"].as_str().unwrap().contains("no such file"));
    assert!(find("duplicate_b.txt")["duplicate_of"].as_str().unwrap().ends_with("duplicate_a.txt"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("image.png: not a text file"), "{stderr}");
}

#[test]
fn size_limit_is_configurable() {
    let file = common::fixture("formats/header_lines.txt");
    let out = refrain(&["inspect".as_ref(), "--json".as_ref(), "--max-size".as_ref(), "20".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out)[0]["error"].as_str().unwrap().contains("too large"));
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(refrain(&["inspect".as_ref()]).status.code(), Some(2));
    assert_eq!(refrain(&["inspect".as_ref(), "--bogus".as_ref(), "x".as_ref()]).status.code(), Some(2));
}

#[test]
fn readable_table_without_json() {
    let out = refrain(&[
        "inspect".as_ref(),
        common::fixture("formats/ministry_glued.txt").as_os_str(),
        common::fixture("encodings/cp1251_russian.txt").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().next().unwrap().starts_with("DATE"), "{text}");
    assert!(text.contains("2018-11-07 header       14:07"), "{text}");
    assert!(text.contains("Sergey Lavrov"));
    assert!(text.contains("undated") && text.contains("warning: no date found"));
    assert!(text.contains("2 transcript(s) read, 0 duplicate(s), 0 failed"));
}

#[test]
fn phrases_json_over_the_sotu_corpus() {
    let Some(corpus) = common::corpus() else { return };
    let out = refrain(&["phrases".as_ref(), "--json".as_ref(), corpus.join("sotu").as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 249);
    for d in docs {
        let (words, recurring) = (d["words"].as_u64().unwrap(), d["recurring_words"].as_u64().unwrap());
        assert!(recurring <= words && words > 0, "{d}");
        assert!(d["date"].as_str().unwrap().len() == 10);
    }
    // Documents come in date order.
    let dates: Vec<&str> = docs.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    let phrases = v["phrases"].as_array().unwrap();
    assert!(phrases.len() > 1000, "{}", phrases.len());
    // Sorted by number of speeches, then length.
    let keys: Vec<(u64, u64)> =
        phrases.iter().map(|p| (p["speeches"].as_u64().unwrap(), p["words"].as_u64().unwrap())).collect();
    assert!(keys.windows(2).all(|w| w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 >= w[1].1)));
    for p in phrases.iter().take(200) {
        let occ = p["occurrences"].as_array().unwrap();
        assert!(occ.len() >= 2);
        assert_eq!(p["first_date"], occ[0]["date"]);
        assert!(p["first_date"].as_str() <= p["last_date"].as_str());
        assert!(!p["text"].as_str().unwrap().is_empty());
        assert_eq!(p["formula"], false, "no 5-word phrase is in half of all addresses");
    }
    let state = phrases.iter().find(|p| p["text"] == "the state of the Union").expect("the state of the Union");
    assert_eq!(state["first_date"], "1790-01-08");
}

#[test]
fn phrases_in_chinese_arabic_and_hebrew_are_found_between_the_speeches_that_share_them() {
    let dir = common::fixture("scripts");
    let out = refrain(&["phrases".as_ref(), "--json".as_ref(), "--min-words".as_ref(), "3".as_ref(), dir.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 7);
    let mut found: Vec<(String, Vec<String>)> = v["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let files = p["occurrences"].as_array().unwrap().iter();
            let names = files.map(|o| o["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string());
            (p["text"].as_str().unwrap().to_string(), names.collect())
        })
        .collect();
    found.sort();
    // Each Declaration with the statement that quotes it, in its own
    // script; nothing across languages, nothing from the Persian text.
    let pair = |lang: &str| vec![format!("1948-12-10-udhr-{lang}.txt"), format!("2018-12-10-statement-{lang}.txt")];
    let mut expected = vec![
        ("يولد جميع الناس أحراراً متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميراً".to_string(), pair("ar")),
        ("لكل فرد الحق في الحياة والحرية وسلامة شخصه".to_string(), pair("ar")),
        ("כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם".to_string(), pair("he")),
        ("כל אדם יש לו הזכות לחיים, לחירות ולבטחון אישי".to_string(), pair("he")),
        ("人人生而自由，在尊严和权利上一律平等".to_string(), pair("zh")),
        ("人人有权享有生命、自由和人身安全".to_string(), pair("zh")),
    ];
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn compare_shared_passages_and_revision() {
    let Some(corpus) = common::corpus() else { return };
    let a = corpus.join("sotu/speeches/2002-Bush-1.txt");
    let b = corpus.join("sotu/speeches/2003-Bush-1.txt");
    let out = refrain(&["compare".as_ref(), "--json".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let passages = json(&out);
    assert!(passages.len() >= 10);
    let body_a = match refrain::core::import::files::Importer::new(Default::default()).import_file(&a) {
        refrain::core::import::files::FileOutcome::Imported(t) => t.body,
        other => panic!("{other:?}"),
    };
    for p in &passages {
        let (s, e) = (p["a_start_byte"].as_u64().unwrap() as usize, p["a_end_byte"].as_u64().unwrap() as usize);
        assert_eq!(&body_a[s..e], p["text"].as_str().unwrap());
        assert!(p["words"].as_u64().unwrap() >= 5);
    }
    // A speech against itself: one equal step, nothing else.
    let out = refrain(&["compare".as_ref(), "--revision".as_ref(), "--json".as_ref(), a.as_os_str(), a.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let ops = json(&out);
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0]["op"], "equal");
    // A missing file is a clear error.
    let out = refrain(&["compare".as_ref(), a.as_os_str(), "/no/such.txt".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such.txt: no such file"));
}

/// Runs `refrain` with its output going into a pipe whose reader takes the
/// first `keep` bytes (none: the pipe is closed at once) and then goes away,
/// as `refrain … | head -c KEEP` does; returns what the program ended with.
fn with_closed_pipe(args: &[&std::ffi::OsStr], keep: usize) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_refrain"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the refrain binary runs");
    let mut stdout = child.stdout.take().expect("a piped stdout");
    let mut first = vec![0; keep];
    stdout.read_exact(&mut first).expect("the output starts");
    drop(stdout);
    child.wait_with_output().expect("refrain ends")
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly_with_status_0() {
    let Some(corpus) = common::corpus() else { return };
    let sotu = corpus.join("sotu");
    let sotu = sotu.as_os_str();
    // Each output is larger than a pipe holds (64 KiB) past what is read,
    // or the pipe is closed before anything is written.
    let runs: [(&[&std::ffi::OsStr], usize); 5] = [
        (&["inspect".as_ref(), sotu], 0),
        (&["inspect".as_ref(), "--json".as_ref(), sotu], 100),
        (&["phrases".as_ref(), "--json".as_ref(), sotu], 100),
        (&["timeline".as_ref(), sotu], 100),
        (&["search".as_ref(), "the".as_ref(), sotu], 0),
    ];
    for (args, keep) in runs {
        let out = with_closed_pipe(args, keep);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn search_context_is_capped_and_only_the_lines_printed_are_cut_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2001-01-01-repeat.txt");
    // 400,000 matches of "the" in 2.4 MB.
    std::fs::write(&file, "Title: Repeat\n\n".to_string() + &"the cat ".repeat(400_000)).unwrap();
    let out = refrain(&[
        "search".as_ref(),
        "the".as_ref(),
        "--context".as_ref(),
        "4000".as_ref(),
        "--limit".as_ref(),
        "3".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1000 characters of context"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().filter(|l| l.contains("[the]")).collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    for l in &lines {
        let (left, right) = l.split_once("[the]").unwrap();
        assert!(left.trim_start().chars().count() <= 1002, "left context capped");
        assert!(right.chars().count() <= 1002, "right context capped");
        assert!(right.chars().count() > 900, "context as asked, up to the cap");
    }
    assert!(stdout.contains("399997 more"), "{stdout}");
}
