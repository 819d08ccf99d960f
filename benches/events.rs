//! Parsing large events files (the core's `parse_csv` and `parse_json`, what
//! `refrain timeline --events` and the app's Open events… run after reading
//! the file): a CSV table and a JSON array of 1,000,000 generated events
//! each (one bad row in a thousand, to be reported by its line), and the
//! JSON array of 200,000 the issue names. Target: a million events in a few
//! seconds.
//!
//! Against the old parser: it counted the line breaks from the start of the
//! text for every row to number it, which made the parse quadratic (a
//! hundred thousand rows took minutes). That numbering alone, over a CSV of
//! 20,000 rows, is timed beside the whole parse of the same rows: a lower
//! bound of the old parser's time, so the ratio printed is one too.
//!
//! Run with `cargo bench --bench events` (no corpus needed; the core only,
//! so it also builds with `--no-default-features`). Each figure is the best
//! of three runs, printed as a table and written to
//! `target/tmp/refrain-bench/events.json`. Targets are reported, not asserted.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark fails loudly

mod common;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use refrain::core::timeline::events::{BadRow, Event, parse_csv, parse_json};
use serde_json::json;

/// A million events should parse in this many seconds or less.
const TARGET_SECONDS: f64 = 5.0;

/// Row `k` of a generated file: its date (every thousandth one bad), its
/// title and its description.
fn row(k: usize) -> (String, String, String) {
    let date = if k % 1000 == 999 {
        "someday".to_string()
    } else {
        format!("{}-{:02}-{:02}", 1790 + k % 230, 1 + k % 12, 1 + k % 28)
    };
    (date, format!("Event number {k}"), format!("What happened, in event {k}, described in a sentence"))
}

/// A CSV events table of `n` rows after its header.
fn csv_text(n: usize) -> String {
    let mut text = String::from("date,title,description\n");
    for k in 0..n {
        let (date, title, description) = row(k);
        let _ = writeln!(text, "{date},{title},\"{description}\"");
    }
    text
}

/// A JSON array of `n` event objects, one per line.
fn json_text(n: usize) -> String {
    let mut text = String::from("[\n");
    for k in 0..n {
        let (date, title, description) = row(k);
        let comma = if k + 1 < n { "," } else { "" };
        let _ = writeln!(
            text,
            "  {{\"date\": \"{date}\", \"title\": \"{title}\", \"description\": \"{description}\"}}{comma}"
        );
    }
    text.push_str("]\n");
    text
}

/// The old parser's row numbering: for every CSV record, the line breaks
/// from the start of the text to where it starts, counted afresh.
fn old_line_numbers(text: &str) -> usize {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut last = 0;
    while reader.read_record(&mut record).unwrap_or(false) {
        let at = record.position().map_or(0, |p| p.byte() as usize).min(text.len());
        last = text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    }
    last
}

/// The best wall time of three runs of `f`, and its last result.
fn best_of_3<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..3 {
        let start = Instant::now();
        let r = f();
        best = best.min(start.elapsed());
        out = Some(r);
    }
    (best, out.expect("three runs"))
}

/// Checks a parse of `n` generated rows: every good one loaded, every bad
/// one reported on its own line.
fn check(name: &str, n: usize, parsed: &(Vec<Event>, Vec<BadRow>)) {
    let (events, skipped) = parsed;
    assert_eq!(events.len() + skipped.len(), n, "{name}");
    assert_eq!(skipped.len(), n / 1000, "{name}");
    assert!(skipped.iter().all(|b| (b.line - 2) % 1000 == 999), "{name}: {:?}", skipped.first());
}

fn main() {
    let mut rows = Vec::new();
    let mut table = String::new();
    let mut figure = |name: &str, n: usize, text: &str, time: Duration| {
        let seconds = time.as_secs_f64();
        let _ = writeln!(
            table,
            "{name:<34} {n:>9} {:>7.1} MB {seconds:>9.3} s {:>12.0} events/s",
            text.len() as f64 / 1e6,
            n as f64 / seconds
        );
        rows.push(json!({"name": name, "events": n, "bytes": text.len(), "seconds": seconds}));
        seconds
    };
    let big = 1_000_000;
    let csv = csv_text(big);
    let (t, parsed) = best_of_3(|| parse_csv(&csv).expect("an events table"));
    check("csv", big, &parsed);
    let csv_seconds = figure("csv", big, &csv, t);
    drop((csv, parsed));
    let json = json_text(big);
    let (t, parsed) = best_of_3(|| parse_json(&json).expect("an events array"));
    check("json", big, &parsed);
    let json_seconds = figure("json", big, &json, t);
    drop((json, parsed));
    let json = json_text(200_000);
    let (t, parsed) = best_of_3(|| parse_json(&json).expect("an events array"));
    check("json_200k", 200_000, &parsed);
    figure("json_200k", 200_000, &json, t);
    let small = 20_000;
    let csv = csv_text(small);
    let (new, parsed) = best_of_3(|| parse_csv(&csv).expect("an events table"));
    check("csv_20k", small, &parsed);
    figure("csv_20k", small, &csv, new);
    let (old, last) = best_of_3(|| old_line_numbers(&csv));
    assert_eq!(last, small + 1);
    figure("old_line_numbering_20k (alone)", small, &csv, old);
    let ratio = old.as_secs_f64() / new.as_secs_f64();
    println!("\nevents parsing (best of 3)\n{:<34} {:>9} {:>10} {:>11} {:>19}", "", "events", "size", "time", "rate");
    print!("{table}");
    let worst = csv_seconds.max(json_seconds);
    let verdict = if worst <= TARGET_SECONDS { "PASS" } else { "FAIL" };
    println!("1,000,000 events: {worst:.2} s at worst (target <= {TARGET_SECONDS} s): {verdict}");
    println!("20,000 CSV rows: the old numbering alone took {ratio:.0}x the whole new parse");
    let result = json!({"rows": rows, "target_seconds": TARGET_SECONDS, "old_over_new_20k": ratio});
    let path = common::results_dir().join("events.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&result).expect("JSON")).expect("writing the results");
    println!("written to {}", path.display());
}
