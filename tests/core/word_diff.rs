//! The word diff exports on the 1945 Roosevelt pair and a hostile
//! transcript: the unified word diff gives back both versions' words, the
//! HTML page is well-formed and escapes what it shows, and `refrain compare
//! --revision` writes both and takes the ignore options.

use std::ffi::OsStr;

use refrain::core::compare::alignment::PairAlignment;
use refrain::core::compare::revision::RevisionOptions;
use refrain::core::compare::word_keys::{Version, diff_versions};
use refrain::core::export::{html_word_diff, unified_word_diff};
use refrain::core::phrases::PhraseIndex;
use refrain::core::text::transcript::Transcript;
use refrain::core::text::{Language, tokenize};

use crate::common;
use crate::support::{import, refrain};

fn align(a: &Transcript, b: &Transcript, options: &RevisionOptions) -> PairAlignment {
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&[a.clone(), b.clone()]);
    let (da, db) = (index.doc(ids[0]).unwrap(), index.doc(ids[1]).unwrap());
    let ops = diff_versions(Version::new(a, da), Version::new(b, db), options);
    PairAlignment::new(&ops, a, b)
}

/// The text of a unified word diff (after its two header lines) as the old
/// version (equal and deleted text) and the new one (equal and inserted).
fn apply(unified: &str) -> (String, String) {
    let body = unified.splitn(3, '\n').nth(2).expect("two header lines");
    let (mut old, mut new) = (String::new(), String::new());
    let mut rest = body;
    while !rest.is_empty() {
        let next = [rest.find("[-"), rest.find("{+")].into_iter().flatten().min().unwrap_or(rest.len());
        old.push_str(&rest[..next]);
        new.push_str(&rest[..next]);
        rest = &rest[next..];
        if let Some(r) = rest.strip_prefix("[-") {
            let end = r.find("-]").expect("a deletion is closed");
            old.push_str(&r[..end]);
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix("{+") {
            let end = r.find("+}").expect("an insertion is closed");
            new.push_str(&r[..end]);
            rest = &r[end + 2..];
        }
    }
    (old, new)
}

fn words(text: &str) -> Vec<String> {
    tokenize(text, Language::English).into_iter().map(|w| w.norm).collect()
}

/// Fails at the first word where `got` and `want` differ, showing a few.
fn same_words(got: &[String], want: &[String], what: &str) {
    if let Some(k) = (0..got.len().max(want.len())).find(|&k| got.get(k) != want.get(k)) {
        let near = |v: &[String]| v[k.saturating_sub(5)..(k + 5).min(v.len())].join(" ");
        panic!("{what}: word {k} differs: got …{}… want …{}…", near(got), near(want));
    }
}

/// What an HTML word diff shows: all its text, and of the diff itself the
/// new version (without `<del>`) and the old one (without `<ins>` and the
/// passages moved here).
struct Shown {
    all: String,
    new: String,
    old: String,
}

/// Checks that `html` is well-formed XML with one root, and returns the
/// text it shows.
fn xml_text(html: &str) -> Shown {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let (mut roots, mut shown) = (0, Shown { all: String::new(), new: String::new(), old: String::new() });
    // The open elements: name and class.
    let mut open: Vec<(String, String)> = Vec::new();
    loop {
        let text = match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.error_position()))
        {
            Event::Start(e) => {
                roots += usize::from(open.is_empty());
                let class = e.try_get_attribute("class").unwrap().map(|c| String::from_utf8(c.value.to_vec()).unwrap());
                open.push((String::from_utf8(e.name().as_ref().to_vec()).unwrap(), class.unwrap_or_default()));
                continue;
            }
            Event::End(_) => {
                open.pop().expect("a closing tag without its opening one");
                continue;
            }
            Event::Text(t) => t.decode().unwrap().into_owned(),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap();
                match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&name)
                        .unwrap_or_else(|| panic!("&{name}; is not an XML entity"))
                        .to_string(),
                }
            }
            Event::Eof => break,
            _ => continue,
        };
        shown.all.push_str(&text);
        let inside =
            |name: &str, class: Option<&str>| open.iter().any(|(n, c)| n == name && class.is_none_or(|k| c == k));
        // The links between a moved passage's places are not its text.
        if inside("div", Some("diff")) && !inside("a", Some("jump")) {
            if !inside("del", None) {
                shown.new.push_str(&text);
            }
            if !inside("ins", None) && !inside("span", Some("moved")) {
                shown.old.push_str(&text);
            }
        }
    }
    assert_eq!((open.len(), roots), (0, 1), "one root element, every tag closed");
    shown
}

#[test]
fn roosevelt_1945_unified_diff_gives_back_both_versions_and_html_is_well_formed() {
    let Some(corpus) = common::corpus() else { return };
    let dir = corpus.join("sotu/speeches");
    let (old, new) = (import(&dir.join("1945-Roosevelt-1.txt")), import(&dir.join("1945-Roosevelt-2.txt")));
    for options in [RevisionOptions::default(), RevisionOptions::default().min_move_words(3).ignore_case(false)] {
        let a = align(&old, &new, &options);
        assert!(a.changes().len() > 100, "{} changes", a.changes().len());
        let unified = unified_word_diff(&a, &old, &new);
        assert!(unified.starts_with(&format!("--- {}\t1945-Roosevelt-1 (1945-01-06)\n", old.path.display())));
        let (was, is) = apply(&unified);
        same_words(&words(&was), &words(&old.body), "equal and deleted text: the old version's words");
        same_words(&words(&is), &words(&new.body), "equal and inserted text: the new version's words");
        let shown = xml_text(&html_word_diff(&a, &old, &new));
        assert!(shown.all.contains("1945-Roosevelt-1") && shown.all.contains("1945-01-06"));
        same_words(&words(&shown.new), &words(&new.body), "the page without its deletions: the new version");
        same_words(&words(&shown.old), &words(&old.body), "the page without its insertions: the old version");
    }
    // With moves recognised the page links each moved passage both ways.
    let html = html_word_diff(&align(&old, &new, &RevisionOptions::default().min_move_words(3)), &old, &new);
    let moved = html.matches("id=\"moved-to-").count();
    assert!(moved > 0);
    assert_eq!(html.matches("id=\"moved-from-").count(), moved);
    assert_eq!(html.matches("href=\"#moved-from-").count(), moved);
}

#[test]
fn a_hostile_transcript_is_escaped_in_the_html() {
    let mut old = Transcript::from_text(
        "<b>old</b>.txt",
        "<script>alert('title')</script>",
        "Dear friends <script>alert(1)</script> & \"all\" of you.\n\nWe stand firm.",
    );
    old.speaker = Some("<img src=x onerror=alert(2)>".into());
    let new = Transcript::from_text(
        "new.txt",
        "New & improved",
        "Dear friends <script>alert(3)</script> & 'all' of you.\n\nWe stand <i>firmer</i> --> ]]> still.",
    );
    let a = align(&old, &new, &RevisionOptions::default());
    let html = html_word_diff(&a, &old, &new);
    let text = xml_text(&html).all;
    for raw in ["<script", "<img", "<b>", "<i>", "-->"] {
        assert!(!html.contains(raw), "{raw} left unescaped:\n{html}");
    }
    // The escaped text reads as written.
    for shown in [
        "<script>alert('title')</script>",
        "<img src=x onerror=alert(2)>",
        "firmer</i> --> ]]> still",
        "New & improved",
    ] {
        assert!(text.contains(shown), "{shown} not shown:\n{text}");
    }
}

#[test]
fn refrain_compare_writes_the_unified_and_html_diffs_and_takes_the_ignore_options() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, out) = (dir.path().join("a.txt"), dir.path().join("b.txt"), dir.path().join("diff.html"));
    std::fs::write(&a, "In 1944 the War went on.\n\nWe fought hard and we won.").unwrap();
    std::fs::write(&b, "In 1945 the war went on, we fought hard and we won.").unwrap();
    let run = |extra: &[&str]| {
        let mut args: Vec<&OsStr> = vec!["compare".as_ref(), "--revision".as_ref(), "--unified".as_ref()];
        args.extend(extra.iter().map(OsStr::new));
        args.extend([a.as_os_str(), b.as_os_str()]);
        let o = refrain(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap().lines().skip(2).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(run(&[]), "In [-1944-]{+1945+} the war went on, we fought hard and we won.");
    assert_eq!(run(&["--ignore-numbers"]), "In 1945 the war went on, we fought hard and we won.");
    assert_eq!(
        run(&["--ignore-case=false"]),
        "In [-1944-]{+1945+} the [-War-]{+war+} went on, [-We-]{+we+} fought hard and we won."
    );
    assert_eq!(
        run(&["--ignore-punctuation=false", "--ignore-whitespace=false", "--ignore-numbers=true"]),
        "In 1945 the war went [-on.-]{+on,+} we fought hard and we won."
    );
    let o = refrain(&[
        "compare".as_ref(),
        "--revision".as_ref(),
        "--html".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert!(o.status.success() && o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    let shown = xml_text(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(shown.new, "In 1945 the war went on, we fought hard and we won.");
    assert!(shown.old.starts_with("In 1944 the war"), "{}", shown.old);
    // The ignore options belong to the revision diff.
    let o = refrain(&["compare".as_ref(), "--ignore-case=false".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
}
