//! File names, titles and speakers holding terminal escape sequences (ESC,
//! an OSC that retitles the window, a C1 CSI), line breaks and a bidi
//! override, through every command line table: each cell shown escaped on
//! its row, no control byte reaching the terminal; the JSON keeps the text
//! exact, escaped by serde.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::support::refrain;

/// The hostile part of the file name: an OSC that sets the window title,
/// a colour sequence, a line break, a C1 CSI and a bidi override.
const HOSTILE: &str = "evil\x1b]0;pwned\x07\x1b[31mred\nline\u{9b}2J\u{202e}txt";

/// A folder with a speech under a hostile name, a plain one whose speaker
/// and title (from `metadata.csv`) are hostile, and an events file with a
/// hostile title. Returns (folder, hostile file, events file).
fn hostile_corpus(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let speeches = dir.join("speeches");
    std::fs::create_dir(&speeches).unwrap();
    let hostile = speeches.join(format!("1999-01-01 {HOSTILE}.txt"));
    std::fs::write(&hostile, "We stand for peace and freedom.\n").unwrap();
    std::fs::write(speeches.join("2000-01-01-plain.txt"), "Peace, and freedom for all.\n").unwrap();
    std::fs::write(
        speeches.join("metadata.csv"),
        "fileid,speaker,title\n2000-01-01-plain,\"Mallory\x1b]0;owned\x07\",\"Title\x1b[2J\nsecond line\"\n",
    )
    .unwrap();
    let events = dir.join("events.csv");
    std::fs::write(
        &events,
        "date,title,description\n1999-06-01,\"Event\x1b]0;pwned\x07\nbroken\",desc\n\x1b]0;bad date\x07,Bad,desc\n",
    )
    .unwrap();
    (speeches, hostile, events)
}

/// No byte that a terminal acts on: C0 controls but the line feed, DEL,
/// and C1 controls (UTF-8 `C2 80`–`C2 9F`); no bidi override.
fn assert_inert(what: &str, stdout: &[u8]) {
    let text = String::from_utf8(stdout.to_vec()).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{text}");
}

/// The lines of `stdout` holding `needle`.
fn lines_with<'a>(stdout: &'a str, needle: &str) -> Vec<&'a str> {
    stdout.lines().filter(|l| l.contains(needle)).collect()
}

fn run(what: &str, args: &[&OsStr]) -> String {
    let out = refrain(args);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    assert_inert(what, &out.stdout);
    assert_inert(&format!("{what} (stderr)"), &out.stderr);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn inspect_timeline_and_search_tables_show_controls_escaped_one_row_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let (speeches, hostile, events) = hostile_corpus(dir.path());
    let folder = speeches.as_os_str();

    let inspect = run("inspect", &["inspect".as_ref(), folder]);
    // The hostile file's row: the whole name on one line, escaped.
    let rows = lines_with(&inspect, "pwned");
    assert_eq!(rows.len(), 1, "{inspect}");
    assert!(rows[0].contains(r"evil\e]0;pwned\u{7}\e[31mred\nline\u{9b}2J\u{202e}txt.txt"), "{inspect}");
    let rows = lines_with(&inspect, "Mallory");
    assert_eq!(rows.len(), 1, "{inspect}");
    assert!(rows[0].contains(r"Mallory\e]0;owned\u{7}") && rows[0].contains(r"Title\e[2J\nsecond line"), "{inspect}");
    assert!(inspect.contains("2 transcript(s) read"), "{inspect}");

    // The bad row (its date an OSC sequence) is reported on stderr, inert
    // (`run` checks), and the rest is printed.
    let timeline = run("timeline", &["timeline".as_ref(), folder, "--events".as_ref(), events.as_os_str()]);
    assert_eq!(lines_with(&timeline, "pwned").len(), 2, "a speech and an event, a row each:\n{timeline}");
    assert!(timeline.contains(r"Event\e]0;pwned\u{7} broken"), "{timeline}");
    assert_eq!(lines_with(&timeline, "Mallory").len(), 0, "{timeline}");
    assert_eq!(lines_with(&timeline, "second line").len(), 1, "{timeline}");

    let search = run("search", &["search".as_ref(), "peace".as_ref(), folder]);
    assert!(search.starts_with("2 matches"), "{search}");
    assert_eq!(lines_with(&search, "[peace]").len() + lines_with(&search, "[Peace]").len(), 2, "{search}");
    assert_eq!(lines_with(&search, "second line").len(), 1, "{search}");
    let sorted =
        run("search --sort", &["search".as_ref(), "peace".as_ref(), "--sort".as_ref(), "right".as_ref(), folder]);
    assert_eq!(sorted.lines().filter(|l| l.contains("eace]")).count(), 2, "{sorted}");

    // A file named on the command line, missing: the error names it
    // escaped on standard error.
    let missing = dir.path().join(format!("gone {HOSTILE}.txt"));
    let out = refrain(&["inspect".as_ref(), missing.as_os_str(), hostile.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_inert("inspect of a missing file", &out.stdout);
    assert_inert("inspect of a missing file (stderr)", &out.stderr);
}

#[test]
fn json_keeps_names_exact_with_every_control_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (speeches, hostile, _) = hostile_corpus(dir.path());
    let out = refrain(&["inspect".as_ref(), "--json".as_ref(), speeches.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // Every control (C0 by serde_json, DEL, C1 and bidi controls too) as a
    // \u escape; the pretty printer's own line breaks are the only raw ones.
    assert_inert("inspect --json", &out.stdout);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(r"evil\u001b]0;pwned\u0007\u001b[31mred\nline\u009b2J\u202etxt")
    );
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = records.as_array().unwrap().iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&hostile.to_str().unwrap()), "{paths:?}");
    let speakers: Vec<&str> = records.as_array().unwrap().iter().filter_map(|r| r["speaker"].as_str()).collect();
    assert!(speakers.contains(&"Mallory\x1b]0;owned\x07"), "{speakers:?}");

    let out = refrain(&["search".as_ref(), "--json".as_ref(), "freedom".as_ref(), speeches.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_inert("search --json", &out.stdout);
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 1, "one line");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["speeches"][0]["path"], hostile.to_str().unwrap());
}

#[test]
fn phrases_speakers_and_reuse_tables_show_controls_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let shared = "we will always defend the freedom of our people and our land";
    std::fs::write(dir.path().join("1999-01-01-a.txt"), format!("First. {shared}. Then more words here.\n")).unwrap();
    std::fs::write(dir.path().join("2000-01-01-b.txt"), format!("Second. {shared}. Other words there.\n")).unwrap();
    std::fs::write(
        dir.path().join("metadata.csv"),
        "fileid,speaker,title\n\
         1999-01-01-a,\"Mallory\x1b]0;owned\x07\",\"Title\x1b[2J\nA\"\n\
         2000-01-01-b,\"Eve\u{9b}2J\u{202e}\",\"Title\u{202e}B\"\n",
    )
    .unwrap();
    let folder = dir.path().as_os_str();
    let phrases = run("phrases", &["phrases".as_ref(), folder]);
    assert!(phrases.contains("we will always defend"), "{phrases}");
    let speakers = run("speakers", &["speakers".as_ref(), folder]);
    let rows = lines_with(&speakers, "Mallory");
    assert_eq!(rows.len(), 1, "{speakers}");
    assert!(rows[0].contains(r"Mallory\e]0;owned\u{7}") && rows[0].contains(r"Eve\u{9b}2J\u{202e}"), "{speakers}");
    // The one phrase is in both speeches, a formula: counted on request.
    let reuse = run("reuse", &["reuse".as_ref(), "--formulas".as_ref(), folder]);
    let rows = lines_with(&reuse, r"Title\e[2J\nA");
    assert_eq!(rows.len(), 1, "{reuse}");
    assert!(rows[0].contains(r"Title\u{202e}B"), "{reuse}");
}
