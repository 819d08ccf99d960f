//! Search results sorted by their context and written as CSV: the sort
//! on SOTU against a straightforward one, and `refrain search --sort` and
//! `--csv` as a user runs them (the CSV read back with the csv crate, on
//! SOTU and on a right-to-left transcript with quotes and commas).

use std::ffi::OsStr;
use std::ops::Range;
use std::process::Output;

use refrain::core::search::{ContextSide, ContextSort, Hit, Query, SearchIndex, SearchOptions, sort_by_context};
use refrain::core::text::transcript::Transcript;

use crate::common;
use crate::support::{refrain, sotu_speeches};

/// The `depth` words on `side` of the match, nearest first, lowercased:
/// the speech's words read one by one from the match outwards.
fn plain_key(t: &Transcript, m: &Range<usize>, side: ContextSide, depth: usize) -> Vec<String> {
    let words: Vec<(u32, u32)> = t.word_ranges().iter().collect();
    let picked: Vec<&(u32, u32)> = match side {
        ContextSide::Right => words.iter().filter(|w| w.0 as usize >= m.end).take(depth).collect(),
        ContextSide::Left => words.iter().rev().filter(|w| w.1 as usize <= m.start).take(depth).collect(),
    };
    picked.into_iter().map(|&(s, e)| t.body[s as usize..e as usize].to_lowercase().replace('’', "'")).collect()
}

#[test]
fn sorting_by_context_on_sotu_is_a_straightforward_sort() {
    let Some(corpus) = common::corpus() else { return };
    let ts = sotu_speeches(&corpus);
    let index = SearchIndex::build(&ts);
    let results = index.search(&ts, &Query::parse("\"the people\"", SearchOptions::default()).unwrap());
    assert!(results.total() > 500, "{}", results.total());
    for sort in [
        ContextSort::new(ContextSide::Right),
        ContextSort::new(ContextSide::Left),
        ContextSort { side: ContextSide::Left, depth: 1 },
    ] {
        let got = sort_by_context(&ts, &results, sort);
        let mut want: Vec<(Vec<String>, Hit)> =
            results.flat().map(|(d, m)| (plain_key(&ts[d], &m, sort.side, sort.depth), (d, m))).collect();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        let want: Vec<Hit> = want.into_iter().map(|(_, h)| h).collect();
        assert_eq!(got.len(), results.total());
        assert_eq!(got, want, "{sort:?}");
    }
}

fn ok(out: Output) -> Output {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Rows of CSV output, read back by the csv crate (the header checked).
fn csv_rows(out: &Output) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["date", "speaker", "title", "path", "left", "match", "right", "start_byte", "end_byte"]);
    reader.records().map(Result::unwrap).collect()
}

/// The JSON output's matches, flat, as (date, left, match, right, start, end).
fn json_lines(out: &Output) -> Vec<[String; 6]> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut lines = Vec::new();
    for s in v["speeches"].as_array().unwrap() {
        for m in s["matches"].as_array().unwrap() {
            lines.push([
                s["date"].as_str().unwrap_or("").to_string(),
                m["left"].as_str().unwrap().to_string(),
                m["match"].as_str().unwrap().to_string(),
                m["right"].as_str().unwrap().to_string(),
                m["bytes"]["start"].to_string(),
                m["bytes"]["end"].to_string(),
            ]);
        }
    }
    lines
}

fn csv_lines(rows: &[csv::StringRecord]) -> Vec<[String; 6]> {
    rows.iter()
        .map(|r| [4, 5, 6].map(|k| r[k].to_string()))
        .zip(rows)
        .map(|(t, r)| {
            let [l, m, rt] = t;
            [r[0].to_string(), l, m, rt, r[7].to_string(), r[8].to_string()]
        })
        .collect()
}

#[test]
fn search_csv_on_sotu_reads_back_as_the_json_lines() {
    let Some(corpus) = common::corpus() else { return };
    let sotu = corpus.join("sotu");
    let q = "\"free people\"";
    let csv = ok(refrain(&["search".as_ref(), "--csv".as_ref(), q.as_ref(), sotu.as_os_str()]));
    let json = ok(refrain(&["search".as_ref(), "--json".as_ref(), q.as_ref(), sotu.as_os_str()]));
    let rows = csv_rows(&csv);
    assert!(rows.len() > 20);
    assert_eq!(csv_lines(&rows), json_lines(&json));
    assert!(rows.iter().any(|r| r[4].contains(',')), "a context with a comma");
    assert!(rows.iter().all(|r| r[1].len() > 3 && r[3].ends_with(".txt")), "speaker and path");

    // Sorted: the same rows, in the order of their right context.
    let sorted = ok(refrain(&[
        "search".as_ref(),
        "--csv".as_ref(),
        "--sort".as_ref(),
        "right".as_ref(),
        q.as_ref(),
        sotu.as_os_str(),
    ]));
    let mut by_sort = csv_lines(&csv_rows(&sorted));
    let words: Vec<String> = by_sort
        .iter()
        .map(|l| {
            l[3].to_lowercase().split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("").to_string()
        })
        .collect();
    assert!(words.windows(2).all(|w| w[0] <= w[1]), "{words:?}");
    let mut plain = csv_lines(&rows);
    by_sort.sort();
    plain.sort();
    assert_eq!(by_sort, plain);

    // The text output: one sorted list, each line after its date.
    let text = ok(refrain(&[
        "search".as_ref(),
        "--sort".as_ref(),
        "left".as_ref(),
        "--limit".as_ref(),
        "5".as_ref(),
        q.as_ref(),
        sotu.as_os_str(),
    ]));
    let text = String::from_utf8_lossy(&text.stdout);
    assert_eq!(
        text.lines().filter(|l| l.contains("[free people]") || l.contains("[Free people]")).count(),
        5,
        "{text}"
    );
    assert!(text.contains("more (--limit, or --csv for all)"), "{text}");
}

#[test]
fn right_to_left_text_with_quotes_and_commas_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let body = "שלום, \"עולם\" ושלום\nלכולם, גם \"שלום\" בערבית: سلام، \"عالم\"; =1+1 שלום";
    std::fs::write(
        dir.path().join("2020-01-01-rtl, \"quoted\".md"),
        format!("---\ntitle: =כותרת, \"מצוטטת\"\ndate: 2020-01-01\nlang: he\n---\n\n{body}\n"),
    )
    .unwrap();
    for q in ["שלום", "עולם", "عالم"] {
        let args = |how: &'static str| -> Vec<&OsStr> {
            vec!["search".as_ref(), how.as_ref(), q.as_ref(), dir.path().as_os_str()]
        };
        let csv = ok(refrain(&args("--csv")));
        let json = ok(refrain(&args("--json")));
        let rows = csv_rows(&csv);
        assert!(!rows.is_empty(), "{q}");
        assert_eq!(csv_lines(&rows), json_lines(&json), "{q}");
        for r in &rows {
            assert_eq!(&r[0], "2020-01-01");
            assert!(r[2].starts_with("'="), "a title read as a formula is made text: {:?}", &r[2]);
            assert!(r[3].ends_with("rtl, \"quoted\".md"), "{:?}", &r[3]);
        }
    }
}
