//! Events tables with a broken quote: the row is reported with its line,
//! the rows before and after it are kept, and `refrain timeline` says so
//! on stderr naming the file and the line, as for any bad row.

use refrain::core::timeline::events::{NotEvents, load_events, parse_csv};

use crate::common;
use crate::support::refrain;

/// The tester's table: a quote opened on line 3 that is never closed.
const UNCLOSED: &str = "date,title,description\n\
                        2000-01-01,Before the quote,kept\n\
                        2001-01-01,\"Quoted \"\"start,desc\n\
                        2002-02-02,After the quote,read again\n\
                        2003-03-03,Also after,read again\n";

fn titles(events: &[refrain::core::timeline::events::Event]) -> Vec<(usize, &str)> {
    events.iter().map(|e| (e.line, e.title.as_str())).collect()
}

#[test]
fn an_unclosed_quote_is_a_bad_row_on_its_line_and_the_rows_around_it_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.csv");
    std::fs::write(&path, UNCLOSED).unwrap();
    let file = load_events(&path).unwrap();
    assert_eq!(titles(&file.events), [(2, "Before the quote"), (4, "After the quote"), (5, "Also after")]);
    assert_eq!(file.events[2].description, "read again");
    assert_eq!(file.skipped.len(), 1, "{:?}", file.skipped);
    assert_eq!(
        file.skipped[0].to_string(),
        "line 3: a quote opened on this line is never closed (rows are read again from line 4)"
    );
}

#[test]
fn a_quote_closed_lines_later_before_more_text_is_a_bad_row_too() {
    // The quote of line 2 would close at the one opening line 4's title,
    // taking line 3 into its field.
    let text = "date,title\n1941-12-07,\"Pearl Harbor\n1945-05-08,VE day\n1969-07-20,\"Moon landing\"\n";
    let (events, skipped) = parse_csv(text).unwrap();
    assert_eq!(titles(&events), [(3, "VE day"), (4, "Moon landing")]);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].line, 2);
    assert_eq!(
        skipped[0].reason,
        "a quote opened on this line runs on to line 4 before it closes (rows are read again from line 3)"
    );
}

#[test]
fn a_broken_quote_on_the_last_line_or_twice_is_reported_each_time() {
    let (events, skipped) = parse_csv("date,title\r\n1941,War\r\n1942,\"Open").unwrap();
    assert_eq!(titles(&events), [(2, "War")]);
    assert_eq!(
        skipped.iter().map(|b| b.to_string()).collect::<Vec<_>>(),
        ["line 3: a quote opened on this line is never closed"]
    );

    let text = "date,title\n1941,\"One\n1942,Two\n\n1943,\"Three\n1944,Four\n";
    let (events, skipped) = parse_csv(text).unwrap();
    assert_eq!(titles(&events), [(3, "Two"), (6, "Four")]);
    assert_eq!(skipped.iter().map(|b| b.line).collect::<Vec<_>>(), [2, 5]);
}

#[test]
fn well_formed_quotes_across_lines_still_load() {
    let text =
        "date,title,description\n2001-09-11,September 11 attacks,\"multi\nline, \"\"quoted\"\"\"\n1969-07-20,Moon\n";
    let (events, skipped) = parse_csv(text).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(titles(&events), [(2, "September 11 attacks"), (4, "Moon")]);
    assert_eq!(events[0].description, "multi\nline, \"quoted\"");
}

#[test]
fn a_broken_quote_in_the_header_refuses_the_file() {
    assert!(matches!(parse_csv("date,\"title\n1941,War\n"), Err(NotEvents::BrokenHeaderQuote)));
}

#[test]
fn refrain_timeline_reports_the_broken_row_on_stderr_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unclosed.csv");
    std::fs::write(&path, UNCLOSED).unwrap();
    let out = refrain(&[
        "timeline".as_ref(),
        "--events".as_ref(),
        path.as_os_str(),
        common::fixture("formats/ministry_glued.txt").as_os_str(),
    ]);
    // Exit 1, as for every bad row: the events that loaded are still shown.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!(
        "refrain: {}: line 3: a quote opened on this line is never closed (rows are read again from line 4); skipped",
        path.display()
    );
    assert!(stderr.lines().any(|l| l == expected), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for title in ["Before the quote", "After the quote", "Also after"] {
        assert!(stdout.contains(title), "{title}: {stdout}");
    }
    assert!(!stdout.contains("Quoted"), "{stdout}");
    assert!(stdout.contains("3 event(s)"), "{stdout}");
}
