//! `refrain report` as a user runs it: the HTML report of four SOTU
//! speeches, the escaping of transcript text, and (where Chromium is
//! installed) the report rendered by headless Chromium with the highlight
//! colours visible in the picture.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use refrain::core::export::colors;

use crate::common;
use crate::support::refrain;

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
    // The selected phrase's path: Bush first (2002), Obama later (2010).
    assert!(
        html.contains("The selected phrase&#39;s path") || html.contains("The selected phrase's path"),
        "path section"
    );
    assert!(html.contains("First said by <strong>George W. Bush</strong> on 2002-01-29"), "first speaker");
    assert!(html.contains("<td>Barack Obama</td><td>2010-01-27</td>"), "Obama's first use");
    // The reuse map of the four, with its most similar pairs.
    assert!(html.contains("<svg class=\"reuse-map\"") && html.contains("<table class=\"reuse-pairs\">"));
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
    // The timeline's SVG is still well-formed, the markup in it as text.
    let (classes, titles) = parse_svg(inline_svg(&html));
    assert_eq!(classes.iter().filter(|c| c.starts_with("speech")).count(), 3);
    assert!(titles.iter().any(|t| t.starts_with("2003-01-01 <b>bold</b>")), "{titles:?}");
}

/// The timeline's `<svg>…</svg>` element of a report (the one of class
/// `timeline`; the reuse map is the other).
fn inline_svg(html: &str) -> &str {
    let timelines = html.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\"").count();
    assert_eq!(timelines, 1, "one timeline SVG");
    let start = html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\"").unwrap();
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    &html[start..end]
}

/// Parses an SVG as XML (fails on anything not well-formed: unbalanced or
/// mismatched tags, bad entities, stray `<` or `&`); returns the `class` of
/// every element and the text of every `<title>`.
fn parse_svg(svg: &str) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let (mut classes, mut titles, mut depth, mut roots) = (Vec::new(), Vec::new(), 0usize, 0);
    let mut in_title = false;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.error_position())) {
            event @ (Event::Start(_) | Event::Empty(_)) => {
                let (Event::Start(e) | Event::Empty(e)) = &event else { unreachable!() };
                roots += usize::from(depth == 0);
                if let Some(c) = e.try_get_attribute("class").unwrap() {
                    classes.push(c.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned());
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    in_title = e.name().as_ref() == b"title";
                    if in_title {
                        titles.push(String::new());
                    }
                }
            }
            Event::Text(t) if in_title => titles.last_mut().unwrap().push_str(&t.decode().unwrap()),
            // Only the entities XML knows (`&nbsp;` would not be well-formed).
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap();
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&name)
                        .unwrap_or_else(|| panic!("&{name}; is not an XML entity"))
                        .to_string(),
                };
                if in_title {
                    titles.last_mut().unwrap().push_str(&text);
                }
            }
            Event::End(_) => {
                depth = depth.checked_sub(1).expect("a closing tag without its opening one");
                in_title = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((depth, roots), (0, 1), "one root element, every tag closed");
    (classes, titles)
}

#[test]
fn the_report_draws_the_timeline_as_well_formed_svg_with_one_marker_per_speech() {
    let Some(corpus) = common::corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = FOUR.iter().map(|f| corpus.join(format!("sotu/speeches/{f}.txt"))).collect();
    let out = dir.path().join("report.html");
    let events = common::events_file();
    let mut args: Vec<&OsStr> = vec!["report".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend(["-o".as_ref(), out.as_os_str(), "--phrase".as_ref(), "the state of our Union".as_ref()]);
    args.extend(["--events".as_ref(), events.as_os_str()]);
    let run = refrain(&args);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<a href=\"#timeline\">Timeline</a>"), "listed in the contents");
    let (classes, titles) = parse_svg(inline_svg(&html));
    let count = |c: &str| classes.iter().filter(|k| k.split(' ').next() == Some(c)).count();
    // One marker per speech, all four numbered as the columns.
    assert_eq!(count("speech"), 4);
    assert_eq!(classes.iter().filter(|k| *k == "speech column").count(), 4);
    for (f, date) in FOUR.iter().zip(["2002-01-29", "2003-01-28", "2008-01-28", "2010-01-27"]) {
        assert!(titles.iter().any(|t| t.starts_with(&format!("{date} {f}"))), "{f}: {titles:?}");
    }
    // The selected phrase's uses: one per speech using it (as the report's
    // own section counts them).
    let speeches_using: usize = html.split("words, in ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert_eq!(count("phrase"), speeches_using);
    assert!(count("year") >= 1);
    // The events of these years (9/11 just before the first, Lehman
    // Brothers), not the ones centuries before.
    assert_eq!(count("event"), 2);
    assert!(titles.iter().any(|t| t.starts_with("2001-09-11 September 11 attacks")));
    assert!(!titles.iter().any(|t| t.contains("Declaration of Independence")));
    assert!(html.contains("2 outside events (15 more outside these years, not shown)"));
    // The check itself refuses what is not well-formed.
    for bad in ["<svg><g></svg>", "<svg><title>a & b</title></svg>", "<svg>&nbsp;</svg>", "<svg/><svg/>"] {
        assert!(std::panic::catch_unwind(|| parse_svg(bad)).is_err(), "{bad} passed");
    }
}

/// Chromium, when installed (Debian: `chromium-headless-shell` or `chromium`).
fn chromium() -> Option<PathBuf> {
    ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
    })
}

/// Chromium, or `None` after saying loudly that the test is skipped (a
/// failure with `REFRAIN_REQUIRE_CHROMIUM=1`).
fn chromium_or_skip() -> Option<PathBuf> {
    let browser = chromium();
    if browser.is_none() {
        let message = "skipped: no chromium-headless-shell or chromium on PATH (apt install chromium-headless-shell)";
        if std::env::var_os("REFRAIN_REQUIRE_CHROMIUM").is_some_and(|v| v == "1") {
            panic!("{message}, and REFRAIN_REQUIRE_CHROMIUM=1");
        }
        eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
        println!("{message}");
    }
    browser
}

/// Renders `html` with headless Chromium in a window of `size`; keeps a copy
/// of the picture as `keep` in the target's temporary folder (to look at).
fn render(browser: &Path, html: &Path, size: (u32, u32), keep: &str) -> image::RgbImage {
    let png = html.with_extension("png");
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join(keep);
    let mut screenshot = std::ffi::OsString::from("--screenshot=");
    screenshot.push(&png);
    let mut url = std::ffi::OsString::from("file://");
    url.push(html);
    let run = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(&screenshot)
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(png.is_file(), "no screenshot: {}", String::from_utf8_lossy(&run.stderr));
    let _ = std::fs::copy(&png, &keep);
    let image = image::open(&png).unwrap().to_rgb8();
    assert_eq!((image.width(), image.height()), size, "{}", keep.display());
    image
}

#[test]
fn headless_chromium_renders_the_report_with_its_highlight_colours() {
    let Some(corpus) = common::corpus() else { return };
    let Some(browser) = chromium_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = four_speech_report(&corpus, dir.path());
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-chromium.png");
    let image = render(&browser, &out, (1400, 1000), "report-chromium.png");
    let count = |c: [u8; 3]| image.pixels().filter(|p| p.0 == c).count();
    // The backgrounds the app uses, in the picture: introduced here, said
    // within a year, 5-20 years before (see the HTML test above).
    let intro = colors::background(&refrain::core::phrases::highlight::Style::Introduced { phrase: 0 }, false).unwrap();
    for (name, c) in [("introduced", intro), ("< 1 year", colors::AGE_LIGHT[0]), ("5-20 years", colors::AGE_LIGHT[2])] {
        let n = count(c);
        assert!(n > 2000, "{name} {c:?}: only {n} pixels in {}", keep.display());
    }
}

#[test]
fn headless_chromium_draws_the_report_timeline() {
    let Some(browser) = chromium_or_skip() else { return };
    // The built-in samples: short speeches, so the timeline after the
    // columns is inside the window.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("samples.html");
    let events = root.join("assets/events/us-history.csv");
    let run = refrain(&[
        "report".as_ref(),
        root.join("assets/samples").as_os_str(),
        "--events".as_ref(),
        events.as_os_str(),
        "--phrase".as_ref(),
        "the terrorists continue to pose".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    let (classes, _) = parse_svg(inline_svg(&html));
    let count = |c: &str| classes.iter().filter(|k| k.split(' ').next() == Some(c)).count();
    assert_eq!((count("speech"), count("event")), (6, 1), "six samples, the pandemic of 2020");
    let uses = count("phrase");
    assert!(uses >= 3, "{uses}");
    let image = render(&browser, &out, (1400, 2400), "report-timeline-chromium.png");
    // The markers' colours, in the picture: speeches, the event, the
    // phrase's uses (their fill, inside the anti-aliased edge).
    let pixels = |c: [u8; 3]| image.pixels().filter(|p| p.0 == c).count();
    for (name, c, least) in
        [("speech", [30, 100, 190], 6 * 40), ("event", [200, 100, 20], 30), ("phrase", [180, 120, 0], uses * 30)]
    {
        let n = pixels(c);
        assert!(n >= least, "{name} {c:?}: only {n} pixels");
    }
}
