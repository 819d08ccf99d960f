//! What the user names that holds nothing to read, or reads only in part:
//! a folder with no transcripts is reported like a file that failed (by
//! the import, `refrain inspect`'s stderr and exit status), and a file name
//! that is not UTF-8 is imported with a warning saying so, `inspect --json`
//! keeping its exact bytes in `path_bytes`.

use std::path::Path;

use refrain::core::import::error::ImportError;
use refrain::core::import::files::{FileOutcome, ImportOptions, import_paths};

use crate::common;
use crate::support::refrain;

#[test]
fn an_empty_folder_is_reported_not_silently_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let outcomes = import_paths(std::slice::from_ref(&empty), &ImportOptions::default());
    match outcomes.as_slice() {
        [FileOutcome::Failed(e @ ImportError::NoTranscripts { empty: true, .. })] => {
            assert_eq!(e.path(), &empty);
            assert_eq!(e.to_string(), format!("{}: no transcripts found (empty folder)", empty.display()));
        }
        other => panic!("{other:?}"),
    }
    // Only files that are not transcripts, and a transcript in a hidden folder.
    let unread = dir.path().join("unread");
    std::fs::create_dir_all(unread.join(".drafts")).unwrap();
    std::fs::write(unread.join("notes.pdf"), "%PDF-1.4").unwrap();
    std::fs::write(unread.join(".drafts/speech.txt"), "A draft.\n").unwrap();
    let outcomes = import_paths(std::slice::from_ref(&unread), &ImportOptions::default());
    match outcomes.as_slice() {
        [FileOutcome::Failed(e @ ImportError::NoTranscripts { empty: false, .. })] => assert_eq!(
            e.to_string(),
            format!(
                "{}: no transcripts found (no .txt, .text, .md, .markdown, .srt, .vtt file in it)",
                unread.display()
            )
        ),
        other => panic!("{other:?}"),
    }
    // A folder with transcripts says nothing of the kind.
    let outcomes = import_paths(&[common::fixture("formats/sidecar_csv")], &ImportOptions::default());
    assert!(outcomes.iter().all(|o| matches!(o, FileOutcome::Imported(_))), "{outcomes:?}");
}

#[test]
fn inspect_of_an_empty_folder_says_so_and_exits_1_the_rest_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = refrain(&["inspect".as_ref(), empty.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end(), format!("refrain: {}: no transcripts found (empty folder)", empty.display()));
    // With a file that reads: the file is listed, the folder is the failure.
    let file = common::fixture("formats/front_matter.md");
    let out = refrain(&["inspect".as_ref(), "--json".as_ref(), empty.as_os_str(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["ok"], false);
    assert!(records[0]["error"].as_str().unwrap().ends_with("no transcripts found (empty folder)"));
    assert_eq!(records[1]["ok"], true);
}

/// Writes a speech under a name that is not UTF-8 (`café` in Latin-1) and
/// one under a UTF-8 name, in a new folder.
#[cfg(unix)]
fn latin1_named(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let bad = dir.join(std::ffi::OsStr::from_bytes(b"2019-05-06-caf\xe9.txt"));
    std::fs::write(&bad, "Remarks at the caf\u{e9}.\n").unwrap();
    std::fs::write(dir.join("2019-05-07-tea.txt"), "Remarks at tea.\n").unwrap();
    bad
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_imported_with_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = latin1_named(dir.path());
    let outcomes = import_paths(&[dir.path().to_path_buf()], &ImportOptions::default());
    let ts: Vec<_> = outcomes
        .iter()
        .map(|o| match o {
            FileOutcome::Imported(t) => t,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(ts.len(), 2);
    let latin1 = ts.iter().find(|t| t.path == bad).expect("the Latin-1 name, its bytes kept");
    assert_eq!(latin1.date.unwrap().date.to_string(), "2019-05-06");
    let shown = format!("{}/2019-05-06-caf\u{fffd}.txt", dir.path().display());
    assert!(
        latin1.warnings.contains(&format!(
            "the name “{shown}” is not valid UTF-8: it is shown with � for the bytes that are not (the file is read all the same)"
        )),
        "{:?}",
        latin1.warnings
    );
    let tea = ts.iter().find(|t| t.path != bad).unwrap();
    assert!(tea.warnings.iter().all(|w| !w.contains("UTF-8")), "{:?}", tea.warnings);
}

#[cfg(unix)]
#[test]
fn inspect_json_keeps_a_non_utf8_name_as_bytes_and_the_table_says_why() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let bad = latin1_named(dir.path());
    let out = refrain(&["inspect".as_ref(), "--json".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records.len(), 2);
    let latin1 = records.iter().find(|r| r["path"].as_str().unwrap().contains('\u{fffd}')).unwrap();
    // `path` as before (lossy), `path_bytes` the exact bytes, in hex.
    assert_eq!(latin1["path"], format!("{}/2019-05-06-caf\u{fffd}.txt", dir.path().display()));
    let hex = latin1["path_bytes"].as_str().unwrap();
    let bytes: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    assert_eq!(bytes, bad.as_os_str().as_bytes());
    assert!(hex.ends_with("636166e92e747874"), "caf\\xe9.txt: {hex}");
    assert!(latin1["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("not valid UTF-8")));
    // Only when the name is not UTF-8.
    let tea = records.iter().find(|r| r["path"].as_str().unwrap().ends_with("tea.txt")).unwrap();
    assert!(tea.get("path_bytes").is_none(), "{tea}");
    // The table prints the warning under the file.
    let out = refrain(&["inspect".as_ref(), dir.path().as_os_str()]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("warning: the name “") && table.contains("caf\u{fffd}.txt” is not valid UTF-8"), "{table}");
}
