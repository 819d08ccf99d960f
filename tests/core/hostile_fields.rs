//! Metadata that tries to attack whoever reads it: event links naming a
//! local file, a script or a network share (only web and mail links are
//! ever opened), and titles, speakers, file names and event titles
//! holding bidirectional overrides (an "evil" that reads "live"): the
//! report and the word diff give each field without its controls,
//! right-to-left ones isolated, so none changes how its neighbours read;
//! the app's cleaner gives the title as typed.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use refrain::core::text::bidi::{clean_field, is_bidi_control, isolate};
use refrain::core::text::links::safe_link;
use refrain::core::timeline::events::parse_events;

use crate::support::{import, refrain};

/// The hostile tester's title: "live" between an override and its pop
/// reads "evil".
const RLO_TITLE: &str = "abc\u{202E}live\u{202C} x";
const ARABIC_TITLE: &str = "كلمة أمام الجمعية";
const SHARED: &str = "We remain open to dialogue on the basis of mutual respect and shared hope.";

/// True for the embeddings, overrides and their pop (U+202A–U+202E).
fn overrides(c: char) -> bool {
    ('\u{202A}'..='\u{202E}').contains(&c)
}

#[test]
fn event_links_open_only_on_the_web_and_by_mail() {
    // An events file as the tester wrote it, and variants: case, white
    // space and control characters before and inside the scheme.
    let rows = [
        ("file:///etc/passwd", None),
        ("javascript:alert(document.cookie)", None),
        ("smb://server/share", None),
        ("JAVASCRIPT:alert(1)", None),
        (" javascript:alert(1)", None),
        ("\\u0001\\tjavascript:alert(1)", None),
        ("java\\tscript:alert(1)", None),
        ("java\\nscript:alert(1)", None),
        ("\\u202ejavascript:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("File:C:/Windows/System32/calc.exe", None),
        ("\\\\\\\\server\\\\share", None),
        ("https://example.org/ph", Some("https://example.org/ph")),
        ("  HTTPS://example.org/ph  ", Some("HTTPS://example.org/ph")),
        ("mailto:press@example.org", Some("mailto:press@example.org")),
        ("mailto:press@example.org?subject=Hi&attach=/etc/passwd", None),
    ];
    let json: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(k, (url, _))| format!("{{\"date\": \"2001-01-{:02}\", \"title\": \"e{k}\", \"url\": \"{url}\"}}", k + 1))
        .collect();
    let (events, bad) = parse_events(&format!("[{}]", json.join(",\n"))).unwrap();
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(events.len(), rows.len());
    for (k, (_, expected)) in rows.iter().enumerate() {
        let event = events.iter().find(|e| e.title == format!("e{k}")).unwrap();
        let url = event.url.as_deref().expect("every event has its link");
        assert_eq!(safe_link(url), *expected, "{url:?}");
    }
}

/// Writes the hostile transcript (title and speaker overridden, a file
/// name holding an override) and an Arabic one sharing a sentence; the
/// events file has an overridden title and description.
fn write_corpus(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let hostile = dir.join("hostile.txt");
    std::fs::write(
        &hostile,
        format!("Title: {RLO_TITLE}\nDate: 2001-01-01\nSpeaker: Jane \u{202E}eoD\n\n{SHARED} A first time.\n"),
    )
    .unwrap();
    // A file named to read "report.txt.exe" backwards.
    let named = dir.join("b\u{202E}lmth.txt");
    std::fs::write(&named, format!("Title: Second\nDate: 2002-01-01\nSpeaker: Jim\n\n{SHARED} Again.\n")).unwrap();
    let arabic = dir.join("arabic.txt");
    std::fs::write(
        &arabic,
        format!("Title: {ARABIC_TITLE}\nDate: 2003-01-01\nSpeaker: وزير الخارجية\n\n{SHARED} ثم قال شكراً.\n"),
    )
    .unwrap();
    let events = dir.join("events.json");
    std::fs::write(
        &events,
        "[{\"date\": \"2001-06-01\", \"title\": \"Summit \u{202E}timmus\", \"description\": \"Leaders \u{202E}met\", \
         \"url\": \"file:///etc/passwd\"}]",
    )
    .unwrap();
    (vec![hostile, named, arabic], events)
}

#[test]
fn the_report_gives_every_field_without_overrides_and_isolates_right_to_left_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (files, events) = write_corpus(dir.path());
    let out = dir.path().join("report.html");
    let mut args: Vec<&OsStr> = vec!["report".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend(["--events".as_ref(), events.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    args.extend([OsStr::new("--phrase"), OsStr::new("open to dialogue")]);
    let run = refrain(&args);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    // The title as typed, its letters in order, wherever it is named.
    assert!(html.contains("<h3 dir=\"auto\">abclive x</h3>"), "{html}");
    assert!(html.contains("Jane eoD") && html.contains("blmth.txt") && html.contains("Summit timmus"));
    // No embedding or override anywhere: none can reverse a field or what
    // follows it.
    let left: Vec<(usize, char)> = html.char_indices().filter(|(_, c)| overrides(*c)).collect();
    assert!(left.is_empty(), "{left:?}");
    // The Arabic title isolated where it stands among other text (the
    // occurrences table, the recurring phrases), its own heading taking its
    // direction from its first letter.
    assert!(html.contains(&format!("<h3 dir=\"auto\">{ARABIC_TITLE}</h3>")), "{html}");
    assert!(html.contains(&format!("<td><bdi>{ARABIC_TITLE}</bdi></td>")), "{html}");
    // Isolates by character (tooltips, the SVG) come in pairs.
    assert_eq!(html.matches('\u{2068}').count(), html.matches('\u{2069}').count());
    assert!(html.matches('\u{2068}').count() > 0, "the Arabic title is isolated in the tooltips");
    // The event's link is no link in the report.
    assert!(!html.contains("etc/passwd"));
}

#[test]
fn the_word_diff_gives_both_titles_without_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _) = write_corpus(dir.path());
    let out = dir.path().join("diff.html");
    let (a, b) = (files[0].as_os_str(), files[2].as_os_str());
    let o = refrain(&["compare".as_ref(), "--revision".as_ref(), "--html".as_ref(), out.as_os_str(), a, b]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains(&format!("<title>Word diff: abclive x → \u{2068}{ARABIC_TITLE}\u{2069}</title>")), "{html}");
    assert!(html.contains(&format!("<td>abclive x</td><td><bdi>{ARABIC_TITLE}</bdi></td>")), "{html}");
    assert!(html.contains("<td>Jane eoD</td>"), "{html}");
    assert!(!html.chars().any(overrides));
    let o = refrain(&["compare".as_ref(), "--revision".as_ref(), "--unified".as_ref(), a, b]);
    let unified = String::from_utf8(o.stdout).unwrap();
    let header = unified.lines().next().unwrap_or_default();
    assert!(header.ends_with("\tabclive x (2001-01-01)"), "{header:?}");
}

#[test]
fn the_app_draws_the_imported_title_and_speaker_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _) = write_corpus(dir.path());
    let hostile = import(&files[0]);
    // The importer keeps the file's text; the app's cleaner (used by every
    // label naming a speech, through `isolate`) drops the controls.
    assert_eq!(hostile.title, RLO_TITLE);
    assert_eq!(clean_field(&hostile.title), "abclive x");
    assert_eq!(isolate(hostile.speaker.as_deref().unwrap()), "Jane eoD");
    let arabic = import(&files[2]);
    assert_eq!(clean_field(&arabic.title), ARABIC_TITLE);
    assert_eq!(isolate(&arabic.title), format!("\u{2068}{ARABIC_TITLE}\u{2069}"));
    assert!(!isolate(&hostile.title).chars().any(is_bidi_control));
}
