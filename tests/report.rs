//! `refrain report` as a user runs it: the HTML report of four SOTU
//! speeches, the escaping of transcript text, and (where Chromium is
//! installed) the report rendered by headless Chromium with the highlight
//! colours visible in the picture.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use refrain::core::colors;

fn refrain(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refrain")).args(args).output().expect("the refrain binary runs")
}

const FOUR: [&str; 4] = ["2002-Bush-1", "2003-Bush-1", "2008-Bush-1", "2010-Obama-1"];

/// Writes the report of the four speeches; returns its path and the files.
fn four_speech_report(corpus: &Path, out_dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let files: Vec<PathBuf> = FOUR.iter().map(|f| corpus.join(format!("sotu/speeches/{f}.txt"))).collect();
    let out = out_dir.join("report.html");
    let mut args: Vec<&OsStr> = vec!["report".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend(["-o".as_ref(), out.as_os_str(), "--phrase".as_ref(), "the state of our Union".as_ref()]);
    let run = refrain(&args);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    (out, files)
}

#[test]
fn a_report_of_four_sotu_speeches_has_their_columns_highlights_and_phrases() {
    let Some(corpus) = common::corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (out, files) = four_speech_report(&corpus, dir.path());
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(html.matches("<section class=\"col\">").count(), 4);
    // Paths relative to the folder the files share.
    for f in FOUR {
        assert!(html.contains(&format!("<div class=\"path\">{f}.txt</div>")), "{f}");
    }
    // Every phrase `refrain phrases` finds is listed (all four are columns).
    let mut args: Vec<&OsStr> = vec!["phrases".as_ref(), "--json".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let phrases: serde_json::Value = serde_json::from_slice(&refrain(&args).stdout).unwrap();
    let n = phrases["phrases"].as_array().unwrap().len();
    assert!(n > 10);
    assert!(html.contains(&format!("<p class=\"meta\">{n} in the columns shown.</p>")));
    // Highlights of every kind the four have: introduced in 2002, repeated
    // within a year (2003), 5-20 years later (2008 from 2002 is 6 years).
    assert!(html.contains("<span class=\"intro"));
    assert!(html.contains("<span class=\"a0"));
    assert!(html.contains("<span class=\"a2"));
    // The selected phrase, underlined, its occurrences listed.
    assert!(html.contains("id=\"selected\"") && html.contains(" sel\""));
    assert!(html.contains("<mark>the state of our Union</mark>"));
    for needle in ["<script", "<link", "src=", "url("] {
        assert!(!html.contains(needle), "{needle}: not self-contained");
    }
}

#[test]
fn transcript_text_with_markup_renders_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let phrase = "we will never accept <script>alert('owned')</script> as an answer & move on";
    std::fs::write(dir.path().join("2001-01-01-a.txt"), format!("First: {phrase}.\n")).unwrap();
    std::fs::write(dir.path().join("2002-01-01-b.txt"), format!("Second: {phrase}!\n")).unwrap();
    std::fs::write(dir.path().join("2003-01-01-<img src=x>.txt"), "Title: <b>bold</b>\n\nNothing shared here.\n")
        .unwrap();
    let out = dir.path().join("r.html");
    let run = refrain(&["report".as_ref(), dir.path().as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script"), "a transcript's script tag must not become markup");
    assert!(!html.contains("<img") && !html.contains("<b>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"));
    assert!(html.contains("2003-01-01-&lt;img src=x&gt;.txt"), "file names are escaped too");
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    // The shared passage is listed as a recurring phrase.
    assert!(html.contains("<p class=\"meta\">1 in the columns shown.</p>"), "{html}");
}

/// Chromium, when installed (Debian: `chromium-headless-shell` or `chromium`).
fn chromium() -> Option<PathBuf> {
    ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
    })
}

#[test]
fn headless_chromium_renders_the_report_with_its_highlight_colours() {
    let Some(corpus) = common::corpus() else { return };
    let Some(browser) = chromium() else {
        let message = "skipped: no chromium-headless-shell or chromium on PATH (apt install chromium-headless-shell)";
        if std::env::var_os("REFRAIN_REQUIRE_CHROMIUM").is_some_and(|v| v == "1") {
            panic!("{message}, and REFRAIN_REQUIRE_CHROMIUM=1");
        }
        eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
        println!("{message}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = four_speech_report(&corpus, dir.path());
    let png = dir.path().join("report.png");
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-chromium.png");
    let mut screenshot = std::ffi::OsString::from("--screenshot=");
    screenshot.push(&png);
    let mut url = std::ffi::OsString::from("file://");
    url.push(&out);
    let run = Command::new(&browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000"])
        .arg(&screenshot)
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(png.is_file(), "no screenshot: {}", String::from_utf8_lossy(&run.stderr));
    let _ = std::fs::copy(&png, &keep);
    let image = image::open(&png).unwrap().to_rgb8();
    assert_eq!((image.width(), image.height()), (1400, 1000));
    let count = |c: [u8; 3]| image.pixels().filter(|p| p.0 == c).count();
    // The backgrounds the app uses, in the picture: introduced here, said
    // within a year, 5-20 years before (see the HTML test above).
    let intro = colors::background(&refrain::core::highlight::Style::Introduced { phrase: 0 }, false).unwrap();
    for (name, c) in [("introduced", intro), ("< 1 year", colors::AGE_LIGHT[0]), ("5-20 years", colors::AGE_LIGHT[2])] {
        let n = count(c);
        assert!(n > 2000, "{name} {c:?}: only {n} pixels in {}", keep.display());
    }
}
