//! A self-contained HTML report of a comparison, for people who do not run
//! Refrain: the columns side by side with the same highlight colours and
//! legend as the app, the selected phrase's occurrences, and the recurring
//! phrases with first and last use. One file, no scripts, no external
//! resources; every piece of transcript text is escaped, and titles,
//! speakers and file names lose their bidirectional controls and are
//! isolated when right to left ([`field_html`]), so none changes how the
//! text around it reads.
//!
//! Sections made elsewhere (the timeline as an inline SVG, later) are added
//! as [`Section`]s between the columns and the phrase list.

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::core::export::colors::{self, Rgb};
use crate::core::phrases::highlight::{AGE_BANDS, Style, Styled, age_band, phrase_styles_in_paragraphs};
use crate::core::phrases::{DocId, Phrase, PhraseSet};
use crate::core::search::kwic::kwic;
use crate::core::text::bidi::{clean_field, has_rtl, isolate};
use crate::core::text::transcript::Transcript;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A metadata field (a title, a speaker, a file name) for element content
/// where the markup around it already sets its direction (`<bdi>`, an
/// element with `dir="auto"`): its bidirectional controls dropped
/// ([`clean_field`]: an override in a title would show "live" as "evil"),
/// then escaped.
pub fn escape_field(s: &str) -> String {
    escape(&clean_field(s))
}

/// A metadata field for element content among other text: as
/// [`escape_field`], inside `<bdi>` when it holds right-to-left letters,
/// so an Arabic or Hebrew title reads as it would alone and does not move
/// the dates and words around it.
pub fn field_html(s: &str) -> String {
    let s = clean_field(s);
    if has_rtl(&s) { format!("<bdi>{}</bdi>", escape(&s)) } else { escape(&s) }
}

/// A metadata field where no markup may go (an attribute, a `<title>`, an
/// SVG `<text>`): its bidirectional controls dropped and, when it holds
/// right-to-left letters, isolated by characters (FSI … PDI, see
/// [`isolate`]), then escaped.
pub fn field_text(s: &str) -> String {
    escape(&isolate(s))
}

/// A section of the report produced elsewhere, already HTML (for example
/// the timeline as an inline `<svg>`). Its markup is trusted: whoever makes
/// it must escape any transcript text in it (with [`escape`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Anchor id (letters, digits, `-`), for the table of contents.
    pub id: String,
    /// Heading, as plain text.
    pub title: String,
    /// The section's HTML.
    pub html: String,
}

/// What a report shows. Document ids in `set` are positions in `transcripts`.
pub struct ReportInput<'a, T: Borrow<Transcript>> {
    /// The report's title, as plain text.
    pub title: String,
    /// Every transcript the phrases were found in.
    pub transcripts: &'a [T],
    /// The recurring phrases of those transcripts.
    pub set: &'a PhraseSet,
    /// The transcripts shown side by side, in order.
    pub columns: &'a [usize],
    /// The selected phrase (index into `set.phrases`), if any.
    pub selected: Option<u32>,
    /// The corpus folder paths are shown relative to; `None`: the folder
    /// all transcripts share.
    pub root: Option<PathBuf>,
    /// Most phrases listed.
    pub max_phrases: usize,
    /// Sections added after the columns (the timeline, later).
    pub sections: Vec<Section>,
    /// Notes to list, already as plain text lines per transcript byte range.
    pub notes: Vec<ReportNote>,
}

/// A note attached to a place in a transcript, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportNote {
    /// The transcript (position in `transcripts`).
    pub doc: usize,
    /// The text range the note is about; empty (and not `stale`) for a
    /// note on the whole speech.
    pub bytes: Range<usize>,
    /// The note itself.
    pub text: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// The transcript changed since the note was written.
    pub stale: bool,
}

/// The folder all paths share (the corpus folder), if any.
pub fn common_root<'p>(paths: impl IntoIterator<Item = &'p Path>) -> Option<PathBuf> {
    let mut root: Option<PathBuf> = None;
    for p in paths {
        let parent = p.parent().unwrap_or(Path::new(""));
        root = Some(match root {
            None => parent.to_path_buf(),
            Some(r) => r.components().zip(parent.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect(),
        });
    }
    root.filter(|r| !r.as_os_str().is_empty())
}

/// A path as shown: relative to `root` when under it.
pub fn shown_path(path: &Path, root: Option<&Path>) -> String {
    root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path).display().to_string()
}

fn css_rgb(c: Rgb) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

/// The CSS class of a style (the same colours as the app's light theme).
fn class_of(style: &Style) -> Option<String> {
    match style {
        Style::Earlier { age_years, .. } => Some(format!("a{}", age_band(*age_years))),
        Style::Introduced { .. } => Some("intro".into()),
        _ => None,
    }
}

const BASE_CSS: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:1.5em;color:#1b1b1b;background:#fff;line-height:1.45}
h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
.meta{color:#555;font-size:.9em}
.legend{display:flex;flex-wrap:wrap;gap:.3em 1em;align-items:center;font-size:.85em;margin:.8em 0}
.legend span.sw{display:inline-block;width:1em;height:1em;border-radius:2px;vertical-align:-.15em;margin-right:.3em}
.columns{display:grid;gap:14px;align-items:start}
.col{border-left:1px solid #ddd;padding-left:10px;min-width:0;overflow-wrap:anywhere}
.col h3{font-size:1em;margin:.2em 0}.col .path{color:#666;font-size:.8em}
.col p{margin:.5em 0}
.sel{text-decoration:underline;text-decoration-thickness:2.5px}
table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px solid #e3e3e3;padding:.25em .5em;text-align:left;vertical-align:top}
.kwic td.l{text-align:right;color:#555}.kwic td.r{color:#555}
mark{padding:0 1px;border-radius:2px}
.note{font-size:.8em;vertical-align:super;color:#a04000}
.stale{color:#b00020;font-weight:bold}
";

/// Renders the report as one HTML document.
pub fn render_report<T: Borrow<Transcript>>(input: &ReportInput<T>) -> String {
    let ts = input.transcripts;
    let t_of = |d: usize| ts.get(d).map(Borrow::borrow);
    let date_of = |d: DocId| t_of(d as usize).and_then(|t| t.date.map(|d| d.date));
    let root = input.root.clone().or_else(|| common_root(ts.iter().map(|t| t.borrow().path.as_path())));
    let root = root.as_deref();
    let show_date =
        |d: usize| t_of(d).and_then(|t| t.date.map(|d| d.display())).unwrap_or_else(|| "undated".to_string());
    // A speech's date and title, escaped: where a phrase was first or last said.
    let said_in =
        |d: DocId| (escape(&show_date(d as usize)), escape_field(t_of(d as usize).map_or("", |t| t.title.as_str())));
    let selected = input.selected.and_then(|p| input.set.phrases.get(p as usize));
    let phrase_text = |p: &Phrase| -> String {
        let o = &p.occurrences[0];
        t_of(o.doc as usize)
            .and_then(|t| t.body.get(input.set.occurrence_bytes(o)))
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };

    let mut html = String::with_capacity(1 << 16);
    let mut css = String::from(BASE_CSS);
    for (k, c) in colors::AGE_LIGHT.iter().enumerate() {
        let _ = writeln!(css, ".a{k}{{background:{}}}", css_rgb(*c));
    }
    let intro = colors::background(&Style::Introduced { phrase: 0 }, false).unwrap_or([255, 255, 255]);
    let _ = writeln!(
        css,
        ".intro{{background:{};text-decoration:underline;text-decoration-color:{}}}",
        css_rgb(intro),
        css_rgb(colors::introduced_underline(false))
    );
    let _ = writeln!(css, ".sel{{text-decoration-color:{}}}", css_rgb(colors::selected_underline(false)));
    let _ = writeln!(css, "mark{{background:{}}}", css_rgb(colors::search_mark(false)));
    let _ = writeln!(css, ".note{{color:{}}}", css_rgb(colors::note_mark(false)));
    let n = input.columns.len().max(1);
    let _ = writeln!(css, ".columns{{grid-template-columns:repeat({n},minmax(0,1fr))}}");

    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"Refrain\">\n<title>{}</title>\n<style>{css}</style>\n</head>\n<body>\n",
        escape(&input.title)
    );
    let _ = writeln!(html, "<h1>{}</h1>", escape(&input.title));
    let _ = writeln!(
        html,
        "<p class=\"meta\">{} transcripts, {} recurring phrases{}. Corpus folder: {}</p>",
        ts.len(),
        input.set.phrases.len(),
        selected.map(|p| format!("; selected phrase: “{}”", escape(&phrase_text(p)))).unwrap_or_default(),
        escape(&root.map(|r| r.display().to_string()).unwrap_or_else(|| "(none)".into()))
    );
    // Table of contents.
    html.push_str("<p class=\"meta\"><a href=\"#columns\">Columns</a>");
    if selected.is_some() {
        html.push_str(" · <a href=\"#selected\">Selected phrase</a>");
    }
    for s in &input.sections {
        let _ = write!(html, " · <a href=\"#{}\">{}</a>", escape(&s.id), escape(&s.title));
    }
    if !input.notes.is_empty() {
        html.push_str(" · <a href=\"#notes\">Notes</a>");
    }
    html.push_str(" · <a href=\"#phrases\">Recurring phrases</a></p>\n");

    // Legend: the same bands and labels as the app's toolbar.
    html.push_str("<div class=\"legend\" id=\"legend\"><strong>First said:</strong>");
    for (k, (_, label)) in AGE_BANDS.iter().enumerate() {
        let _ = write!(html, "<span><span class=\"sw a{k}\"></span>{} before</span>", escape(label));
    }
    html.push_str("<span><span class=\"sw intro\"></span>introduced here</span>");
    if selected.is_some() {
        html.push_str("<span><span class=\"sel\">underlined</span>: the selected phrase</span>");
    }
    html.push_str("</div>\n");

    // The columns.
    html.push_str("<h2 id=\"columns\">Columns</h2>\n<div class=\"columns\">\n");
    for &c in input.columns {
        let Some(t) = t_of(c) else { continue };
        let styles = phrase_styles_in_paragraphs(input.set, c as DocId, &t.paragraphs, input.selected, date_of);
        let notes: Vec<&ReportNote> = input.notes.iter().filter(|n| n.doc == c).collect();
        // Notes on the whole speech are marked by its title.
        let whole: String = notes
            .iter()
            .enumerate()
            .filter(|(_, n)| is_whole(n))
            .map(|(k, n)| format!(" <span class=\"note\" title=\"{}\">[note {}]</span>", escape(&n.text), k + 1))
            .collect();
        let _ = writeln!(
            html,
            "<section class=\"col\"><div class=\"meta\">{}</div><h3 dir=\"auto\">{}{whole}</h3><div class=\"meta\" dir=\"auto\">{}</div><div class=\"path\">{}</div>",
            escape(&show_date(c)),
            escape_field(&t.title),
            escape_field(t.speaker.as_deref().unwrap_or("")),
            field_html(&shown_path(&t.path, root))
        );
        for p in &t.paragraphs {
            // Each paragraph takes its direction from its first letter: an
            // Arabic or Hebrew one reads from the right, aligned right.
            html.push_str("<p dir=\"auto\">");
            paragraph_html(&mut html, t, p.clone(), &styles, &|phrase| describe(input, phrase), &notes);
            html.push_str("</p>\n");
        }
        html.push_str("</section>\n");
    }
    html.push_str("</div>\n");

    // The selected phrase's occurrences.
    if let Some(p) = selected {
        let ((first_date, first_title), (last_date, last_title)) = (said_in(p.first), said_in(p.last));
        let _ = writeln!(
            html,
            "<h2 id=\"selected\">Selected phrase</h2>\n<p>“<bdi>{}</bdi>” — {} words, in {} speeches, first said {first_date} (<bdi>{first_title}</bdi>), last {last_date} (<bdi>{last_title}</bdi>).</p>",
            escape(&phrase_text(p)),
            p.len,
            p.speeches,
        );
        html.push_str(
            "<table class=\"kwic\"><tr><th>Date</th><th>Speech</th><th></th><th>Occurrence</th><th></th></tr>\n",
        );
        for o in &p.occurrences {
            let Some(t) = t_of(o.doc as usize) else { continue };
            let line = kwic(&t.body, input.set.occurrence_bytes(o), 60);
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td class=\"l\">{}</td><td><mark>{}</mark></td><td class=\"r\">{}</td></tr>",
                escape(&show_date(o.doc as usize)),
                field_html(&t.title),
                escape(&line.left),
                escape(&line.hit),
                escape(&line.right)
            );
        }
        html.push_str("</table>\n");
    }

    for s in &input.sections {
        let _ = writeln!(html, "<h2 id=\"{}\">{}</h2>\n{}", escape(&s.id), escape(&s.title), s.html);
    }

    if !input.notes.is_empty() {
        html.push_str(
            "<h2 id=\"notes\">Notes</h2>\n<table><tr><th>Speech</th><th>About</th><th>Note</th><th>Tags</th></tr>\n",
        );
        for (k, n) in input.notes.iter().enumerate() {
            let Some(t) = t_of(n.doc) else { continue };
            let about = if is_whole(n) {
                "the whole speech".to_string()
            } else {
                let quote = t.body.get(n.bytes.clone()).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
                format!("“{}”", escape(&quote))
            };
            let _ = writeln!(
                html,
                "<tr id=\"note-{k}\"><td>{} {}</td><td>{}{}</td><td>{}</td><td>{}</td></tr>",
                escape(&show_date(n.doc)),
                field_html(&t.title),
                about,
                if n.stale { " <span class=\"stale\">(the file changed since)</span>" } else { "" },
                escape(&n.text),
                escape(&n.tags.join(", "))
            );
        }
        html.push_str("</table>\n");
    }

    // The recurring phrases of the columns shown.
    let listed: Vec<&Phrase> = input
        .set
        .phrases
        .iter()
        .filter(|p| p.occurrences.iter().any(|o| input.columns.contains(&(o.doc as usize))))
        .collect();
    let _ = writeln!(
        html,
        "<h2 id=\"phrases\">Recurring phrases</h2>\n<p class=\"meta\">{} in the columns shown{}.</p>",
        listed.len(),
        if listed.len() > input.max_phrases {
            format!(", the first {} listed", input.max_phrases)
        } else {
            String::new()
        }
    );
    html.push_str(
        "<table><tr><th>Phrase</th><th>Words</th><th>Speeches</th><th>First use</th><th>Last use</th></tr>\n",
    );
    for p in listed.iter().take(input.max_phrases) {
        let ((first_date, first_title), (last_date, last_title)) = (said_in(p.first), said_in(p.last));
        let _ = writeln!(
            html,
            "<tr><td dir=\"auto\">{}{}</td><td>{}</td><td>{}</td><td>{first_date} <bdi>{first_title}</bdi></td><td>{last_date} <bdi>{last_title}</bdi></td></tr>",
            escape(&phrase_text(p)),
            if p.formula { " <span class=\"meta\">(formula)</span>" } else { "" },
            p.len,
            p.speeches,
        );
    }
    html.push_str("</table>\n<p class=\"meta\">Made with Refrain.</p>\n</body>\n</html>\n");
    html
}

/// A note on the whole speech rather than a place in it.
fn is_whole(n: &ReportNote) -> bool {
    n.bytes.is_empty() && !n.stale
}

/// The tooltip of a highlighted phrase: its first use.
fn describe<T: Borrow<Transcript>>(input: &ReportInput<T>, phrase: u32) -> String {
    let Some(p) = input.set.phrases.get(phrase as usize) else { return String::new() };
    let first = input.transcripts.get(p.first as usize).map(Borrow::borrow);
    let date = first.and_then(|t| t.date.map(|d| d.display())).unwrap_or_else(|| "undated".into());
    format!("First said {date} in {}; used in {} speeches", isolate(first.map_or("", |t| t.title.as_str())), p.speeches)
}

/// One paragraph with its highlights as spans, and note markers.
fn paragraph_html(
    html: &mut String,
    t: &Transcript,
    p: Range<usize>,
    styles: &[Styled],
    describe: &dyn Fn(u32) -> String,
    notes: &[&ReportNote],
) {
    let text = |r: Range<usize>| t.body.get(r).unwrap_or("");
    let first = styles.partition_point(|s| s.bytes.end <= p.start);
    let mut at = p.start;
    for s in styles[first..].iter().take_while(|s| s.bytes.start < p.end) {
        let (a, b) = (s.bytes.start.max(p.start), s.bytes.end.min(p.end));
        if a > at {
            html.push_str(&escape(text(at..a)));
        }
        if b > a {
            let class = class_of(&s.style);
            let phrase = match s.style {
                Style::Earlier { phrase, .. } | Style::Introduced { phrase } => Some(phrase),
                _ => None,
            };
            let mut classes: Vec<String> = class.into_iter().collect();
            if s.selected {
                classes.push("sel".into());
            }
            if classes.is_empty() {
                html.push_str(&escape(text(a..b)));
            } else {
                let _ = write!(
                    html,
                    "<span class=\"{}\" title=\"{}\">{}</span>",
                    classes.join(" "),
                    escape(&phrase.map(describe).unwrap_or_default()),
                    escape(text(a..b))
                );
            }
        }
        at = at.max(b);
    }
    if at < p.end {
        html.push_str(&escape(text(at..p.end)));
    }
    let here = |n: &ReportNote| !is_whole(n) && p.start <= n.bytes.start && n.bytes.start < p.end;
    for (k, n) in notes.iter().enumerate().filter(|(_, n)| here(n)) {
        let _ = write!(html, " <span class=\"note\" title=\"{}\">[note {}]</span>", escape(&n.text), k + 1);
    }
}

/// The dates of documents, for callers building inputs.
pub fn date_of<T: Borrow<Transcript>>(transcripts: &[T], doc: DocId) -> Option<NaiveDate> {
    transcripts.get(doc as usize).and_then(|t| t.borrow().date.map(|d| d.date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::{PhraseIndex, PhraseOptions};

    fn two_speeches(extra: &str) -> Vec<Transcript> {
        let a = Transcript::from_text(
            "/corpus/speeches/a.txt",
            "First <speech>",
            "We remain open to dialogue on the basis of mutual respect.\n\nSomething else entirely.",
        );
        let b = Transcript::from_text(
            "/corpus/speeches/b.txt",
            "Second & last",
            &format!("Again: we remain open to dialogue on the basis of mutual respect. {extra}"),
        );
        vec![a, b]
    }

    fn report(ts: &[Transcript], selected: Option<u32>) -> String {
        let mut index = PhraseIndex::new();
        index.add_all(ts);
        let set = index.phrases(&PhraseOptions::default()).unwrap();
        render_report(&ReportInput {
            title: "Report <test>".into(),
            transcripts: ts,
            set: &set,
            columns: &[0, 1],
            selected,
            root: None,
            max_phrases: 100,
            sections: vec![Section { id: "timeline".into(), title: "Timeline".into(), html: "<svg></svg>".into() }],
            notes: vec![
                ReportNote { doc: 1, bytes: 0..5, text: "a <b>note</b>".into(), tags: vec!["x".into()], stale: true },
                ReportNote { doc: 0, bytes: 0..0, text: "on all of it".into(), tags: vec![], stale: false },
            ],
        })
    }

    #[test]
    fn arabic_and_hebrew_paragraphs_and_titles_take_their_own_direction() {
        let a =
            Transcript::from_text("/c/a.txt", "كلمة أمام الجمعية", "إن السلام في منطقتنا لن يتحقق إلا من خلال حل عادل.");
        let b = Transcript::from_text("/c/b.txt", "נאום", "כמו שנאמר: إن السلام في منطقتنا لن يتحقق إلا من خلال حل عادل.");
        let html = report(&[a, b], Some(0));
        // The browser sets each paragraph's direction (and its alignment)
        // from its first letter; titles inside English sentences are isolated.
        assert!(html.contains("<h3 dir=\"auto\">كلمة أمام الجمعية "), "{html}");
        assert!(html.contains("<h3 dir=\"auto\">נאום</h3>"), "{html}");
        assert!(html.contains("<p dir=\"auto\">כמו שנאמר:"), "{html}");
        assert!(html.contains("first said undated (<bdi>كلمة أمام الجمعية</bdi>)"), "{html}");
        assert!(html.contains("“<bdi>إن السلام في منطقتنا"), "{html}");
        assert_eq!(html.matches("<p dir=\"auto\">").count(), 2, "every paragraph has its direction");
    }

    #[test]
    fn transcript_text_is_escaped_everywhere() {
        let ts = two_speeches("<script>alert('x')</script> & \"quotes\"");
        let html = report(&ts, Some(0));
        assert!(!html.contains("<script>"), "a script tag from a transcript must not survive");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
        assert!(html.contains("First &lt;speech&gt;") && html.contains("Second &amp; last"));
        assert!(html.contains("<title>Report &lt;test&gt;</title>"));
        assert!(html.contains("a &lt;b&gt;note&lt;/b&gt;"));
        // No external resources.
        for needle in ["<link", "src=", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
    }

    #[test]
    fn highlights_legend_selected_phrase_and_relative_paths() {
        let ts = two_speeches("");
        let html = report(&ts, Some(0));
        // The shared phrase is highlighted in both columns: introduced in
        // the first, earlier (band 0, undated) in the second, and selected.
        assert!(html.contains("<span class=\"intro sel\""), "{html}");
        assert!(html.contains("<span class=\"a0 sel\""));
        let c = colors::AGE_LIGHT[0];
        assert!(html.contains(&format!(".a0{{background:rgb({},{},{})}}", c[0], c[1], c[2])));
        for (_, label) in AGE_BANDS {
            assert!(html.contains(&format!("{} before", escape(label))));
        }
        assert!(html.contains("<div class=\"path\">a.txt</div>") && html.contains("<div class=\"path\">b.txt</div>"));
        assert!(html.contains("id=\"selected\"") && html.contains("<mark>we remain open to dialogue"));
        assert!(html.contains("<h2 id=\"timeline\">Timeline</h2>\n<svg></svg>"));
        assert!(html.contains("(the file changed since)"));
        // A note on the whole speech: marked by its title, listed as such.
        assert!(html.contains(
            "<h3 dir=\"auto\">First &lt;speech&gt; <span class=\"note\" title=\"on all of it\">[note 1]</span></h3>"
        ));
        assert!(html.contains("<td>the whole speech</td><td>on all of it</td>"), "{html}");
        // Without a selection there is no such section.
        assert!(!report(&ts, None).contains("id=\"selected\""));
    }

    #[test]
    fn roots() {
        let paths = [Path::new("/c/sotu/speeches/a.txt"), Path::new("/c/sotu/b.txt")];
        assert_eq!(common_root(paths), Some(PathBuf::from("/c/sotu")));
        assert_eq!(shown_path(paths[0], Some(Path::new("/c/sotu"))), "speeches/a.txt");
        assert_eq!(shown_path(Path::new("/elsewhere/x.txt"), Some(Path::new("/c/sotu"))), "/elsewhere/x.txt");
    }
}
