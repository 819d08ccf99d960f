//! The word diff of two versions of a speech, for other programs and other
//! people: a plain unified word diff (the running text with
//! `[-deleted-]{+inserted+}`, as `git diff --word-diff=plain` writes it)
//! and a standalone HTML page (the running text with `<del>` and `<ins>`,
//! moved passages marked and linked to their other place, both versions'
//! titles and dates on top). Both follow a [`PairAlignment`] block by
//! block: equal text as the new version has it, each change where the
//! diff puts it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use crate::core::compare::alignment::{BlockKind, PairAlignment, Side};
use crate::core::compare::revision::RevisionOp;
use crate::core::export::colors::{self, Rgb};
use crate::core::export::report::{escape, field_html, field_text};
use crate::core::phrases::highlight::Style;
use crate::core::text::transcript::Transcript;

/// One piece of the running text of the diff.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    /// Text both versions have (as the new one has it).
    Same(&'a str),
    /// White space after a change, outside its marks.
    Space(&'a str),
    /// Text only the old version has here; `moved` numbers a passage that
    /// moved away (its new place has the same number).
    Deleted { text: &'a str, moved: Option<usize> },
    /// Text only the new version has here.
    Inserted(&'a str),
    /// A passage that moved here (the whole of it is `text`), with what
    /// changed inside it on the way (`inside`).
    MovedHere { id: usize, text: &'a str, inside: Vec<Piece<'a>> },
}

/// `s` split before its trailing white space.
fn split_tail(s: &str) -> (&str, &str) {
    let core = s.trim_end();
    (core, &s[core.len()..])
}

/// The running text of the diff, block after block, and how many moved
/// passages it numbers.
fn pieces(a: &PairAlignment) -> (Vec<Piece<'_>>, usize) {
    let (old, new) = (a.body(Side::Old), a.body(Side::New));
    let text = |side: Side, r: Range<usize>| if side == Side::Old { old.get(r) } else { new.get(r) }.unwrap_or("");
    // Moved passages numbered in order, each with its two places.
    let mut moved_ids: HashMap<(usize, usize), usize> = HashMap::new();
    for b in a.blocks() {
        if b.kind == BlockKind::MovedFrom {
            let n = moved_ids.len();
            moved_ids.entry((b.old.start, b.old.end)).or_insert(n);
        }
    }
    let mut next_id = moved_ids.len();
    let mut out = Vec::new();
    for (i, b) in a.blocks().iter().enumerate() {
        let (old_core, old_tail) = split_tail(text(Side::Old, a.span(i, Side::Old)));
        let (new_core, new_tail) = split_tail(text(Side::New, a.span(i, Side::New)));
        match b.kind {
            BlockKind::Equal => out.push(Piece::Same(text(Side::New, a.span(i, Side::New)))),
            BlockKind::Deleted | BlockKind::MovedFrom => {
                let moved = (b.kind == BlockKind::MovedFrom).then(|| moved_ids.get(&(b.old.start, b.old.end)).copied());
                out.push(Piece::Deleted { text: old_core, moved: moved.flatten() });
                out.push(Piece::Space(old_tail));
            }
            BlockKind::Inserted => {
                out.push(Piece::Inserted(new_core));
                out.push(Piece::Space(new_tail));
            }
            BlockKind::Replaced => {
                // The white space after the new words follows both; when
                // there is none, the old words keep theirs, so they do
                // not run into the next word.
                let old_text = if new_tail.is_empty() { text(Side::Old, a.span(i, Side::Old)) } else { old_core };
                out.push(Piece::Deleted { text: old_text, moved: None });
                out.push(Piece::Inserted(new_core));
                out.push(Piece::Space(new_tail));
            }
            BlockKind::MovedTo => {
                let from = b.moved.as_ref().map(|r| (r.start, r.end));
                let id = from.and_then(|f| moved_ids.get(&f).copied()).unwrap_or_else(|| {
                    next_id += 1;
                    next_id - 1
                });
                let span = a.span(i, Side::New);
                let inside = match a.ops().get(i) {
                    Some(RevisionOp::MovedTo { changes, .. }) => {
                        inner_pieces(a, changes, b.new_words.end, span.start..span.start + new_core.len())
                    }
                    _ => vec![Piece::Same(new_core)],
                };
                out.push(Piece::MovedHere { id, text: new_core, inside });
                out.push(Piece::Space(new_tail));
            }
        }
    }
    out.retain(|p| {
        !matches!(p, Piece::Same("") | Piece::Space("") | Piece::Inserted("") | Piece::Deleted { text: "", .. })
    });
    (out, next_id)
}

/// The pieces of a moved passage from the diff between its two places:
/// the new text from each change to the next (the passage is
/// `new[span.start..stop]` and ends before word `end`), and the old words
/// it lost in between.
fn inner_pieces<'a>(a: &'a PairAlignment, changes: &[RevisionOp], end: u32, span: Range<usize>) -> Vec<Piece<'a>> {
    let (old, new) = (a.body(Side::Old), a.body(Side::New));
    let stop = span.end;
    let mut at = span.start;
    // New text of words `w` and what follows them up to the next change.
    let mut new_text = |w: &Range<u32>| -> (&'a str, &'a str) {
        let next = if w.end < end { a.word_bytes(Side::New, &(w.end..w.end)).start.min(stop) } else { stop };
        let text = new.get(at..next.max(at)).unwrap_or("");
        at = next.max(at);
        split_tail(text)
    };
    let old_text = |w: &Range<u32>| old.get(a.word_bytes(Side::Old, w)).unwrap_or("");
    let mut out = Vec::new();
    for c in changes {
        match c {
            RevisionOp::Equal { new: n, .. } => {
                let (core, tail) = new_text(n);
                out.extend([Piece::Same(core), Piece::Space(tail)]);
            }
            RevisionOp::Insert { new: n } => {
                let (core, tail) = new_text(n);
                out.extend([Piece::Inserted(core), Piece::Space(tail)]);
            }
            RevisionOp::Replace { old: o, new: n } => {
                let (core, tail) = new_text(n);
                out.extend([
                    Piece::Deleted { text: old_text(o), moved: None },
                    Piece::Inserted(core),
                    Piece::Space(tail),
                ]);
            }
            RevisionOp::Delete { old: o } => {
                out.extend([Piece::Deleted { text: old_text(o), moved: None }, Piece::Space(" ")]);
            }
            // Moves are not nested.
            RevisionOp::MovedFrom { .. } | RevisionOp::MovedTo { .. } => {}
        }
    }
    out.retain(|p| {
        !matches!(p, Piece::Same("") | Piece::Space("") | Piece::Inserted("") | Piece::Deleted { text: "", .. })
    });
    out
}

/// A one-line description of a version: its title and date, control
/// characters made spaces, bidirectional controls dropped (an override in
/// the title would reverse the date after it).
fn one_line(t: &Transcript) -> String {
    let date = t.date.map_or_else(|| "undated".to_string(), |d| d.display());
    let title = crate::core::text::bidi::clean_field(&t.title);
    format!("{title} ({date})").chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The diff as a plain unified word diff: a `---` line naming the old
/// version's file, title and date, a `+++` line for the new one, then the
/// whole text with `[-deleted-]` and `{+inserted+}` in it, equal text as
/// is. A moved passage is a deletion at its old place and an insertion at
/// its new one. Taking the text outside the marks and inside `{+ +}` gives
/// the new version's words; outside the marks and inside `[- -]`, the old
/// version's.
pub fn unified_word_diff(a: &PairAlignment, old: &Transcript, new: &Transcript) -> String {
    let mut out = String::with_capacity(a.len(Side::New) + a.len(Side::Old) / 4 + 256);
    let path = |t: &Transcript| t.path.display().to_string().replace(['\n', '\r', '\t'], " ");
    let _ = writeln!(out, "--- {}\t{}", path(old), one_line(old));
    let _ = writeln!(out, "+++ {}\t{}", path(new), one_line(new));
    for p in pieces(a).0 {
        match p {
            Piece::Same(t) | Piece::Space(t) => out.push_str(t),
            Piece::Deleted { text, .. } => {
                let _ = write!(out, "[-{text}-]");
            }
            Piece::Inserted(text) | Piece::MovedHere { text, .. } => {
                let _ = write!(out, "{{+{text}+}}");
            }
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// CSS colour of a highlight style's background.
fn css(style: Style, dark: bool) -> String {
    let [r, g, b]: Rgb = colors::background(&style, dark).unwrap_or([255, 255, 255]);
    format!("rgb({r},{g},{b})")
}

/// The diff as a standalone HTML page (no scripts, no external resources,
/// well-formed as XML): both versions' titles, speakers, dates and files,
/// the number of changes of each kind, a legend, then the new version's
/// text with deletions as `<del>`, insertions as `<ins>`, and moved
/// passages marked at both places and linked to each other. Every piece of
/// transcript text is escaped.
pub fn html_word_diff(a: &PairAlignment, old: &Transcript, new: &Transcript) -> String {
    let (pieces, _) = pieces(a);
    let mut html = String::with_capacity(a.len(Side::New) * 5 / 4 + 4096);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>Word diff: {} → {}</title>\n<style>\n\
         body {{ font: 16px/1.5 Georgia, serif; margin: 2em auto; max-width: 50em; padding: 0 1em; }}\n\
         table.versions {{ border-collapse: collapse; margin-bottom: 1em; }}\n\
         table.versions th, table.versions td {{ text-align: left; padding: 0.2em 0.8em; vertical-align: top; }}\n\
         .diff {{ white-space: pre-wrap; }}\n\
         del {{ background: {del}; text-decoration: line-through; }}\n\
         ins {{ background: {ins}; text-decoration: none; }}\n\
         del + ins {{ margin-left: 0.2em; }}\n\
         .moved {{ background: {moved}; }}\n\
         del.moved {{ text-decoration: line-through; }}\n\
         a.jump {{ font-size: 0.75em; vertical-align: super; }}\n\
         @media (prefers-color-scheme: dark) {{\n  body {{ background: #1e1e1e; color: #ddd; }}\n  \
         a {{ color: #8cf; }}\n  del {{ background: {del_d}; }}\n  ins {{ background: {ins_d}; }}\n  \
         .moved {{ background: {moved_d}; }}\n}}\n</style>\n</head>\n<body>\n",
        field_text(&old.title),
        field_text(&new.title),
        del = css(Style::Deleted, false),
        ins = css(Style::Inserted, false),
        moved = css(Style::Moved, false),
        del_d = css(Style::Deleted, true),
        ins_d = css(Style::Inserted, true),
        moved_d = css(Style::Moved, true),
    );
    let _ = writeln!(html, "<h1>Word diff</h1>");
    let _ = writeln!(html, "<table class=\"versions\">\n<tr><th></th><th>Old</th><th>New</th></tr>");
    // Each value a field: its bidirectional controls dropped, in `<bdi>`
    // when right to left.
    let row = |html: &mut String, name: &str, f: &dyn Fn(&Transcript) -> String| {
        let _ =
            writeln!(html, "<tr><th>{name}</th><td>{}</td><td>{}</td></tr>", field_html(&f(old)), field_html(&f(new)));
    };
    row(&mut html, "Title", &|t| t.title.clone());
    row(&mut html, "Speaker", &|t| t.speaker.clone().unwrap_or_default());
    row(&mut html, "Date", &|t| t.date.map_or_else(|| "undated".to_string(), |d| d.display()));
    row(&mut html, "File", &|t| t.path.display().to_string());
    row(&mut html, "Words", &|t| t.words.to_string());
    let _ = writeln!(html, "</table>");
    let count = |k: BlockKind| a.changes().iter().filter(|c| c.kind == k).count();
    let words = |side: Side, kinds: &[BlockKind]| -> usize {
        a.changes().iter().filter(|c| kinds.contains(&c.kind)).map(|c| c.words(side).len()).sum()
    };
    let _ = writeln!(
        html,
        "<p class=\"summary\">{} changes: {} deletions ({} words), {} insertions ({} words), \
         {} replacements, {} passages moved ({} words).</p>",
        a.changes().len(),
        count(BlockKind::Deleted),
        words(Side::Old, &[BlockKind::Deleted]),
        count(BlockKind::Inserted),
        words(Side::New, &[BlockKind::Inserted]),
        count(BlockKind::Replaced),
        count(BlockKind::MovedTo),
        words(Side::New, &[BlockKind::MovedTo]),
    );
    let _ = writeln!(
        html,
        "<p class=\"legend\">Legend: <del>only in the old version</del> <ins>only in the new version</ins> \
         <span class=\"moved\">moved (the link leads to its other place)</span></p>"
    );
    html.push_str("<div class=\"diff\">");
    // Which of a moved passage's places comes first in the text, for the
    // links' arrows.
    let mut seen_first: HashMap<usize, bool> = HashMap::new();
    for p in &pieces {
        match p {
            Piece::Deleted { moved: Some(id), .. } | Piece::MovedHere { id, .. } => {
                seen_first.entry(*id).or_insert(matches!(p, Piece::Deleted { .. }));
            }
            _ => {}
        }
    }
    for p in &pieces {
        write_piece(&mut html, p, &seen_first);
    }
    html.push_str("</div>\n</body>\n</html>\n");
    html
}

/// Appends one piece of the running text as HTML.
fn write_piece(html: &mut String, p: &Piece, from_first: &HashMap<usize, bool>) {
    match p {
        Piece::Same(t) | Piece::Space(t) => html.push_str(&escape(t)),
        Piece::Inserted(t) => {
            let _ = write!(html, "<ins>{}</ins>", escape(t));
        }
        Piece::Deleted { text, moved: None } => {
            let _ = write!(html, "<del>{}</del>", escape(text));
        }
        Piece::Deleted { text, moved: Some(id) } => {
            let arrow = if from_first.get(id).copied().unwrap_or(true) { "↓" } else { "↑" };
            let _ = write!(
                html,
                "<del class=\"moved\" id=\"moved-from-{id}\">{}</del>\
                 <a class=\"jump\" href=\"#moved-to-{id}\">moved {arrow}</a>",
                escape(text)
            );
        }
        Piece::MovedHere { id, inside, .. } => {
            let arrow = if from_first.get(id).copied().unwrap_or(true) { "↑" } else { "↓" };
            let _ = write!(
                html,
                "<a class=\"jump\" href=\"#moved-from-{id}\">moved from {arrow}</a>\
                 <span class=\"moved\" id=\"moved-to-{id}\">"
            );
            for q in inside {
                write_piece(html, q, from_first);
            }
            html.push_str("</span>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::revision::RevisionOptions;

    fn align(old: &str, new: &str) -> (PairAlignment, Transcript, Transcript) {
        crate::core::compare::alignment::aligned_texts(old, new, &RevisionOptions::default().min_move_words(3))
    }

    #[test]
    fn unified_marks_deletions_insertions_and_replacements() {
        let (a, ta, tb) = align("We fought the long war. It ended.", "We fought the war bravely. It is over.");
        let diff = unified_word_diff(&a, &ta, &tb);
        let body: Vec<&str> = diff.lines().skip(2).collect();
        assert_eq!(body, ["We fought the [-long-] war {+bravely.+} It [-ended.-]{+is over.+}"], "{diff}");
        assert!(diff.starts_with("--- old.txt\tOld (undated)\n+++ new.txt\tNew (undated)\n"), "{diff}");
    }

    #[test]
    fn a_moved_passage_is_linked_both_ways_with_its_edits() {
        let (a, ta, tb) = align(
            "This long passage stays where it was in both versions. We will win the war quickly and bring them home. The end.",
            "We will win the war soon and bring them home. This long passage stays where it was in both versions. The end.",
        );
        let html = html_word_diff(&a, &ta, &tb);
        assert!(html.contains("id=\"moved-from-0\"") && html.contains("id=\"moved-to-0\""), "{html}");
        assert!(html.contains("href=\"#moved-to-0\"") && html.contains("href=\"#moved-from-0\""));
        assert!(html.contains("<span class=\"moved\" id=\"moved-to-0\">We will win the war <del>quickly</del><ins>soon</ins> and bring them home.</span>"), "{html}");
        assert!(
            html.contains(
                "<del class=\"moved\" id=\"moved-from-0\">We will win the war quickly and bring them home.</del>"
            ),
            "{html}"
        );
    }
}
