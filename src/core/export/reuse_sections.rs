//! Report sections about reuse: the speech × speech reuse map (a heat map
//! as inline SVG and the most similar pairs) and the selected phrase's
//! path (who said it first, who took it up and how soon). Both come from
//! the phrases already found; the HTML is self-contained.

use std::borrow::Borrow;
use std::fmt::Write;

use crate::core::compare::reuse_map::{ReuseDoc, ReuseMap, ReuseOptions};
use crate::core::export::report::{Section, escape, field_html, field_text};
use crate::core::phrases::PhraseSet;
use crate::core::speakers::{PhrasePath, SpeechGroups};
use crate::core::text::transcript::Transcript;

/// Most cells a side of the report's heat map has (speeches are grouped
/// in blocks beyond).
const MAX_SIDE: usize = 120;
/// Most speeches a report's map is made for (a count per pair is held).
const MAX_SPEECHES: usize = 5000;
/// Pairs listed under the map.
const TOP_PAIRS: usize = 20;
/// Side of the heat map, in SVG units.
const SIDE: f32 = 480.0;
/// The score drawn in full colour (as the app's map).
const FULL_SCORE: f32 = 0.25;

/// A speech as the report names it: date and title, escaped, the title a
/// field that cannot change how the date reads ([`field_html`]; in an
/// SVG `<title>`, where no markup goes, [`field_text`]).
fn name<T: Borrow<Transcript>>(transcripts: &[T], doc: u32, in_markup: bool) -> String {
    transcripts.get(doc as usize).map_or_else(String::new, |t| {
        let t = t.borrow();
        let date = t.date.map_or_else(|| "undated".to_string(), |d| d.display());
        let title = if in_markup { field_html(&t.title) } else { field_text(&t.title) };
        format!("{} {title}", escape(&date))
    })
}

/// The reuse map section: a heat map of every pair of speeches (blocks of
/// speeches when there are many) and the most similar pairs; `None` for
/// fewer than two speeches or more than the map can hold.
pub fn reuse_section<T: Borrow<Transcript>>(transcripts: &[T], set: &PhraseSet) -> Option<Section> {
    if transcripts.len() < 2 || transcripts.len() > MAX_SPEECHES {
        return None;
    }
    let docs: Vec<ReuseDoc> = transcripts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let t = t.borrow();
            ReuseDoc { doc: i as u32, words: t.words as u32, date: t.date.map(|d| d.date) }
        })
        .collect();
    let map = ReuseMap::build(set, &docs, ReuseOptions::default());
    let blocks = map.blocks(map.groups_of(map.len().div_ceil(MAX_SIDE).max(1)));
    let n = blocks.groups.len();
    let cell = SIDE / n as f32;
    let mut html = String::new();
    let per = blocks.groups.first().map_or(1, |g| g.len());
    let _ = write!(
        html,
        "<p>{} speeches in date order{}, each cell coloured by the share of the shorter speech's words in phrasing \
         both use (formulas left out; full colour at {:.0}% or more). Hover a cell for the pair.</p>",
        map.len(),
        if per > 1 { format!(", in blocks of {per} (a cell shows its most similar pair)") } else { String::new() },
        FULL_SCORE * 100.0
    );
    let _ = write!(
        html,
        "<svg class=\"reuse-map\" role=\"img\" aria-label=\"Reuse map\" viewBox=\"0 0 {SIDE} {SIDE}\" width=\"{SIDE}\" \
         height=\"{SIDE}\" style=\"background:#fafaf8\">"
    );
    for g in 0..n {
        for h in 0..n {
            let Some(c) = blocks.cell(g, h).filter(|c| c.max > 0.0) else { continue };
            let t = (c.max / FULL_SCORE).clamp(0.0, 1.0).sqrt();
            let mix = |a: f32, b: f32| (a + (b - a) * t).round() as u8;
            let (r, gr, b) = (mix(250.0, 200.0), mix(250.0, 60.0), mix(248.0, 0.0));
            let title = c.pair.map_or_else(String::new, |p| {
                format!(
                    "{} / {}: {:.0}%",
                    name(transcripts, p.doc_a, false),
                    name(transcripts, p.doc_b, false),
                    p.score * 100.0
                )
            });
            let _ = write!(
                html,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{cell:.2}\" height=\"{cell:.2}\" fill=\"#{r:02x}{gr:02x}{b:02x}\">\
                 <title>{title}</title></rect>",
                h as f32 * cell,
                g as f32 * cell
            );
        }
    }
    html.push_str("</svg>");
    let top = map.top_pairs(TOP_PAIRS);
    if !top.is_empty() {
        html.push_str(
            "<table class=\"reuse-pairs\"><thead><tr><th>Shared</th><th>Earlier speech</th><th>Later speech</th>\
             <th>Words shared</th></tr></thead><tbody>",
        );
        for p in &top {
            let _ = write!(
                html,
                "<tr><td>{:.0}%</td><td>{}</td><td>{}</td><td>{} / {}</td></tr>",
                p.score * 100.0,
                name(transcripts, p.doc_a, true),
                name(transcripts, p.doc_b, true),
                p.shared_a,
                p.shared_b
            );
        }
        html.push_str("</tbody></table>");
    }
    Some(Section { id: "reuse".into(), title: "Reuse map".into(), html })
}

/// The path section of phrase `phrase`: its first speaker and each later
/// speaker's first use with the lag; `None` when it is no phrase of `set`.
pub fn path_section<T: Borrow<Transcript>>(transcripts: &[T], set: &PhraseSet, phrase: u32) -> Option<Section> {
    let p = set.phrases.get(phrase as usize)?;
    let groups = SpeechGroups::by_speaker(transcripts);
    let path = PhrasePath::of(set, phrase as usize, &groups);
    let o = p.occurrences.first()?;
    let text = transcripts.get(o.doc as usize)?.borrow().body.get(set.occurrence_bytes(o))?;
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut html = format!("<p>“{}”</p>", escape(&crate::core::text::shorten(&text, 200)));
    match &path.origin {
        Some(origin) => {
            let who = origin.group.map_or("an unknown speaker", |g| groups.name(g));
            let _ = write!(
                html,
                "<p>First said by <strong>{}</strong> on {} in {}.</p>",
                field_html(who),
                origin.date,
                name(transcripts, origin.doc, true)
            );
        }
        None => html.push_str("<p>Used only in undated speeches: no first speaker can be named.</p>"),
    }
    if !path.later.is_empty() || path.self_repeat.is_some() {
        html.push_str(
            "<table class=\"phrase-path\"><thead><tr><th>Speaker</th><th>First use</th><th>Speech</th>\
             <th>Days after</th></tr></thead><tbody>",
        );
        for (step, own) in path.self_repeat.iter().map(|s| (s, true)).chain(path.later.iter().map(|s| (s, false))) {
            let _ = write!(
                html,
                "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                field_html(groups.name(step.group)),
                if own { " (again)" } else { "" },
                step.date,
                name(transcripts, step.doc, true),
                step.lag_days
            );
        }
        html.push_str("</tbody></table>");
    }
    if !path.undated.is_empty() {
        let names: Vec<String> = path.undated.iter().map(|&g| field_html(groups.name(g))).collect();
        let _ = write!(html, "<p>Also in undated speeches by {}.</p>", names.join(", "));
    }
    Some(Section { id: "phrase-path".into(), title: "The selected phrase's path".into(), html })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::{PhraseIndex, PhraseOptions};
    use crate::core::test_speech::spoken as speech;

    #[test]
    fn sections_name_the_pairs_and_the_path_escaped() {
        let corpus = vec![
            speech(
                "a",
                "Adams <&>",
                "1797-11-22",
                "we hold that the state of the union is strong and our cause is just",
            ),
            speech(
                "b",
                "Jefferson",
                "1801-12-08",
                "friends the state of the union is strong and our cause is just here",
            ),
            speech("c", "Madison", "1815-12-05", "nothing at all in common with the others said on this day in peace"),
            // More speeches, so a phrase two of them share is no formula.
            speech("d", "Monroe", "1817-12-02", "roads and canals were the subject of many long debates that year"),
            speech("e", "Adams", "1825-12-06", "lighthouses of the skies would be an observatory built by the nation"),
            speech("f", "Jackson", "1829-12-08", "the bank question divided the country and its parties for a decade"),
        ];
        let mut index = PhraseIndex::new();
        for t in &corpus {
            index.add(t);
        }
        let set = index.phrases(&PhraseOptions { min_words: 3, ..PhraseOptions::default() }).expect("indexed");
        let reuse = reuse_section(&corpus, &set).expect("three speeches");
        assert!(reuse.html.contains("<svg") && reuse.html.contains("</svg>"));
        assert!(reuse.html.contains("1797-11-22 a") && reuse.html.contains("1801-12-08 b"), "{}", reuse.html);
        assert!(!reuse.html.contains("1815-12-05 c</td>"), "Madison shares nothing");
        let k = (0..set.phrases.len() as u32).max_by_key(|&k| set.phrases[k as usize].len).expect("a phrase");
        let path = path_section(&corpus, &set, k).expect("a phrase");
        assert!(
            path.html.contains("First said by <strong>Adams &lt;&amp;&gt;</strong> on 1797-11-22"),
            "{}",
            path.html
        );
        assert!(path.html.contains("<td>Jefferson</td><td>1801-12-08</td>"), "{}", path.html);
        assert!(path_section(&corpus, &set, u32::MAX).is_none());
        assert!(reuse_section(&corpus[..1], &set).is_none());
    }
}
