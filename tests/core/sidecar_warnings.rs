//! Sidecar tables that hold what Refrain does not use as written: a second
//! row for a file, a row whose quote runs away, a `metadata.json` that is
//! not a table. Each is reported once, naming the table and the line, by the
//! import and by `refrain inspect` on standard error; the transcripts still
//! load, with what the table does give them.

use std::path::{Path, PathBuf};

use refrain::core::import::files::{FileOutcome, ImportOptions, import_paths_reporting};
use refrain::core::import::sidecar::SidecarWarning;
use refrain::core::text::transcript::Transcript;

use crate::common;
use crate::support::refrain;

/// A folder `speeches/` of three short speeches under `root`, with `table`
/// written as `root/<name>` (one folder up, as SOTU keeps its table).
fn corpus_with_table(root: &Path, name: &str, table: &str) -> PathBuf {
    let speeches = root.join("speeches");
    std::fs::create_dir_all(&speeches).unwrap();
    for (stem, text) in [("a", "The first speech."), ("b", "The second speech."), ("c", "The third speech.")] {
        std::fs::write(speeches.join(format!("{stem}.txt")), format!("{text}\n")).unwrap();
    }
    std::fs::write(root.join(name), table).unwrap();
    speeches
}

/// The transcripts imported, by file stem.
fn by_stem(outcomes: &[FileOutcome]) -> std::collections::HashMap<String, &Transcript> {
    outcomes
        .iter()
        .map(|o| match o {
            FileOutcome::Imported(t) => (t.path.file_stem().unwrap().to_string_lossy().into_owned(), &**t),
            other => panic!("{other:?}"),
        })
        .collect()
}

fn warning(table: &Path, line: Option<u64>, message: &str) -> SidecarWarning {
    SidecarWarning { table: table.to_path_buf(), line, message: message.to_string() }
}

#[test]
fn a_second_row_for_a_file_is_named_with_both_lines_and_the_last_row_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let table = "fileid,date,speaker\na,1790-01-08,George Washington\nb,1791-10-25,George Washington\nA.txt,1801-12-08,Thomas Jefferson\n";
    let speeches = corpus_with_table(dir.path(), "metadata.csv", table);
    let report = import_paths_reporting(&[speeches], &ImportOptions::default());
    let ts = by_stem(&report.outcomes);
    assert_eq!(ts["a"].speaker.as_deref(), Some("Thomas Jefferson"), "the last row wins");
    assert_eq!(ts["a"].date.unwrap().date.to_string(), "1801-12-08");
    assert_eq!(ts["b"].speaker.as_deref(), Some("George Washington"));
    let path = dir.path().join("metadata.csv");
    assert_eq!(
        report.table_warnings,
        [warning(&path, Some(4), "a second row for “A.txt” (the first is on line 2); the later row is used")]
    );
    assert_eq!(
        report.table_warnings[0].to_string(),
        format!("{}: line 4: a second row for “A.txt” (the first is on line 2); the later row is used", path.display())
    );
}

#[test]
fn a_row_whose_quote_runs_away_is_skipped_alone_and_the_rows_after_it_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // Row b opens a quote it never closes: a CSV reader would swallow row c
    // into b's title and c would lose its metadata without a word.
    let table =
        "fileid,date,title\na,1790-01-08,First\nb,1791-10-25,\"Second, unfinished\nc,1792-11-06,\"Third, quoted\"\n";
    let speeches = corpus_with_table(dir.path(), "metadata.csv", table);
    let report = import_paths_reporting(&[speeches], &ImportOptions::default());
    let ts = by_stem(&report.outcomes);
    assert_eq!(ts["a"].title, "First");
    assert_eq!(ts["c"].title, "Third, quoted");
    assert_eq!(ts["c"].date.unwrap().date.to_string(), "1792-11-06");
    assert_eq!(ts["b"].date, None, "b's row is skipped: no date from it");
    let path = dir.path().join("metadata.csv");
    assert_eq!(
        report.table_warnings,
        [warning(
            &path,
            Some(3),
            "a quote opened in this row closes only on line 4, with text after it; the row is skipped, the rows after it are read"
        )]
    );
    // Never closed at all (the last row): the same, with its line.
    let dir = tempfile::tempdir().unwrap();
    let speeches = corpus_with_table(dir.path(), "metadata.csv", "fileid,title\na,First\nc,\"Third\n");
    let report = import_paths_reporting(&[speeches], &ImportOptions::default());
    assert_eq!(by_stem(&report.outcomes)["a"].title, "First");
    let shown: Vec<String> = report.table_warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}: line 3: a quote opened in this row is never closed; the row is skipped, the rows after it are read",
            dir.path().join("metadata.csv").display()
        )]
    );
}

#[test]
fn a_metadata_json_that_is_not_a_table_is_said_once_and_on_each_transcript() {
    let dir = tempfile::tempdir().unwrap();
    // One row's object, not a table of rows.
    let speeches = corpus_with_table(dir.path(), "metadata.json", "{\"fileid\": \"a\", \"date\": \"1790-01-08\"}\n");
    let report = import_paths_reporting(&[speeches], &ImportOptions::default());
    let path = dir.path().join("metadata.json");
    let reason = "expected an array of objects or an object keyed by file, found an object whose values are not objects (one row? put it in [ ])";
    assert_eq!(report.table_warnings, [warning(&path, None, &format!("not used: {reason}"))]);
    let ts = by_stem(&report.outcomes);
    assert_eq!(ts.len(), 3);
    for t in ts.values() {
        let expected = format!("metadata table skipped: {}: {reason}", path.display());
        assert!(t.warnings.contains(&expected), "{:?}", t.warnings);
        assert_eq!(t.date, None);
    }
}

#[test]
fn json_entries_skipped_or_overridden_are_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let table = "{\n  \"a\": {\"title\": \"First\"},\n  \"b\": \"not a row\",\n  \"c\": {\"title\": \"Third\"},\n  \"a\": {\"title\": \"First, again\"}\n}\n";
    let speeches = corpus_with_table(dir.path(), "metadata.json", table);
    let report = import_paths_reporting(&[speeches], &ImportOptions::default());
    let ts = by_stem(&report.outcomes);
    assert_eq!((ts["a"].title.as_str(), ts["c"].title.as_str()), ("First, again", "Third"));
    let path = dir.path().join("metadata.json");
    assert_eq!(
        report.table_warnings,
        [
            warning(&path, Some(3), "“b” is a string, not an object (a row); skipped"),
            warning(&path, Some(5), "a second row for “a” (the first is on line 2); the later row is used"),
        ]
    );
}

#[test]
fn each_table_is_reported_once_however_many_transcripts_it_describes() {
    let dir = tempfile::tempdir().unwrap();
    let speeches = corpus_with_table(dir.path(), "metadata.csv", "fileid,title\na,One\na,Two\n");
    // A second folder under the same table, imported in the same run.
    let more = dir.path().join("more");
    std::fs::create_dir(&more).unwrap();
    std::fs::write(more.join("d.txt"), "A fourth speech.\n").unwrap();
    let report = import_paths_reporting(&[speeches, more], &ImportOptions::default());
    assert_eq!(report.outcomes.len(), 4);
    assert_eq!(report.table_warnings.len(), 1, "{:?}", report.table_warnings);
}

#[test]
fn inspect_prints_the_warnings_on_stderr_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let table = "fileid,title\na,First\nb,\"Broken\nc,Third\nc,Third again\n";
    let speeches = corpus_with_table(dir.path(), "metadata.csv", table);
    let path = dir.path().join("metadata.csv").display().to_string();
    for json in [false, true] {
        let mut args = vec!["inspect".as_ref(), speeches.as_os_str()];
        if json {
            args.insert(1, "--json".as_ref());
        }
        let out = refrain(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "warnings do not fail the run: {stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines,
            [
                format!(
                    "refrain: {path}: line 3: a quote opened in this row is never closed; the row is skipped, the rows after it are read"
                ),
                format!(
                    "refrain: {path}: line 5: a second row for “c” (the first is on line 4); the later row is used"
                ),
            ]
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        if json {
            let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(records.len(), 3, "{stdout}");
        } else {
            assert!(stdout.contains("Third again") && stdout.contains("3 transcript(s) read"), "{stdout}");
        }
    }
}

#[test]
fn every_command_reading_a_corpus_prints_the_tables_warnings_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let speeches = corpus_with_table(dir.path(), "metadata.csv", "fileid,title\nc,Third\nc,Third again\n");
    let path = dir.path().join("metadata.csv").display().to_string();
    let want = format!("refrain: {path}: line 3: a second row for “c” (the first is on line 2); the later row is used");
    let report = dir.path().join("report.html");
    let commands: [Vec<&std::ffi::OsStr>; 5] = [
        vec!["phrases".as_ref(), speeches.as_os_str()],
        vec!["search".as_ref(), "speech".as_ref(), speeches.as_os_str()],
        vec!["speakers".as_ref(), speeches.as_os_str()],
        vec!["reuse".as_ref(), speeches.as_os_str()],
        vec!["report".as_ref(), speeches.as_os_str(), "-o".as_ref(), report.as_os_str()],
    ];
    for args in commands {
        let out = refrain(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: warnings do not fail the run: {stderr}");
        assert!(stderr.lines().any(|l| l == want), "{args:?}: {stderr}");
    }
}

#[test]
fn the_sotu_table_reads_without_a_warning() {
    let Some(corpus) = common::corpus() else { return };
    let report = import_paths_reporting(&[corpus.join("sotu")], &ImportOptions::default());
    assert_eq!(report.outcomes.len(), 249);
    assert!(report.table_warnings.is_empty(), "{:?}", report.table_warnings);
}
