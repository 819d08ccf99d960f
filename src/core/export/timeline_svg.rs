//! The timeline as an inline SVG for the HTML report: the speeches on a
//! time axis (the report's columns numbered), the outside events and the
//! phrase lane's uses when there are any, with a marker for each entry that
//! has notes. Built from the core [`Timeline`] with the same calendar ticks
//! as the app; one self-contained `<svg>` element with presentation
//! attributes only (no CSS, scripts or external resources), every piece of
//! text escaped, so it is well-formed XML as well as HTML.

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::ops::Range;

use crate::core::export::report::{Section, escape, field_html, field_text};
use crate::core::notes::Note;
use crate::core::text::YearCount;
use crate::core::text::bidi::{clean_field, isolate};
use crate::core::text::transcript::Transcript;
use crate::core::timeline::axis::{TimeView, clusters};
use crate::core::timeline::model::{Entry, Lane, Timeline};
use crate::core::timeline::notes::EntryNotes;

/// Width of the drawing (its viewBox; the page scales it to fit).
const WIDTH: f64 = 1000.0;
/// Width of the lane names on the left.
const LABEL_WIDTH: f64 = 84.0;
/// Room kept on the right of the last marker.
const RIGHT_PAD: f64 = 14.0;
/// Height of the tick labels row.
const AXIS_HEIGHT: f64 = 20.0;
/// Height of a lane's marker row.
const LANE_HEIGHT: f64 = 30.0;
/// Extra height of the events lane, for the events' names under them.
const EVENT_LABELS: f64 = 14.0;
/// Height of the per-year chart above the phrase lane.
const CHART_HEIGHT: f64 = 18.0;

const SPEECH: &str = "rgb(30,100,190)";
const EVENT: &str = "rgb(200,100,20)";
const PHRASE: &str = "rgb(180,120,0)";
const NOTE: &str = "rgb(176,38,150)";
const INK: &str = "rgb(27,27,27)";
const WEAK: &str = "rgb(110,110,110)";
const GRID: &str = "rgb(225,225,225)";

/// What the SVG shows.
pub struct SvgInput<'a, T: Borrow<Transcript>> {
    /// The lanes; the mentioned dates are not drawn (they reach centuries
    /// away from the speeches and would squeeze them into a corner).
    pub timeline: &'a Timeline,
    /// The transcripts the timeline was built from.
    pub transcripts: &'a [T],
    /// The report's columns (corpus positions, in order): their speeches are
    /// numbered 1, 2, … like the columns.
    pub columns: &'a [usize],
    /// The workspace's notes, and where they are on the timeline.
    pub notes: &'a [Note],
    /// See [`EntryNotes::new`].
    pub placed: &'a EntryNotes,
    /// What the phrase lane shows (a phrase's words, a search), for its label.
    pub phrase: Option<&'a str>,
}

/// Number formatting for coordinates: one decimal is plenty.
fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// The days drawn: the speeches' (the phrase uses are speeches too), with
/// a year or a twentieth of the span on each side for events just before
/// the first speech or after the last. Events outside are left out: a
/// report of four recent speeches should not shrink them into a corner to
/// reach 1776.
fn drawn_days(tl: &Timeline) -> Option<Range<i64>> {
    let lo = tl.speeches.iter().map(|e| e.days.start).min()?;
    let hi = tl.speeches.iter().map(|e| e.days.end).max()?;
    let pad = ((hi - lo) / 20).max(365);
    Some(lo - pad..hi + pad)
}

/// The events drawn: those overlapping the days drawn (indices into the lane).
fn drawn_events(tl: &Timeline, days: &Range<i64>) -> Vec<usize> {
    (0..tl.events.len()).filter(|&i| tl.events[i].days.start < days.end && tl.events[i].days.end > days.start).collect()
}

/// Appends `<title>` with the entry's date, title and detail, and its notes.
fn tooltip<T: Borrow<Transcript>>(svg: &mut String, e: &Entry, corpus: &[T], notes: &[&Note]) {
    // Title and detail (a speaker, a description) are fields: their
    // bidirectional controls dropped, isolated when right to left.
    let mut text = format!("{} {}", e.date_label(), isolate(&e.title));
    let detail: String = clean_field(&e.detail_in(corpus)).chars().take(200).collect();
    if !detail.is_empty() {
        text.push_str(" — ");
        text.push_str(&isolate(&detail));
    }
    for note in notes {
        let _ = write!(text, "\nNote: {}", note.text);
    }
    let _ = write!(svg, "<title>{}</title>", escape(&text));
}

/// The timeline as one `<svg>` element; `None` when nothing has a date.
pub fn timeline_svg<T: Borrow<Transcript>>(input: &SvgInput<T>) -> Option<String> {
    let tl = input.timeline;
    if tl.speeches.is_empty() {
        return None;
    }
    let days = drawn_days(tl)?;
    let events = drawn_events(tl, &days);
    let plot_width = WIDTH - LABEL_WIDTH - RIGHT_PAD;
    let view = TimeView::fit(days.start as f64..days.end as f64, plot_width as f32);
    let x = |day: f64| (LABEL_WIDTH + f64::from(view.x(day))).clamp(LABEL_WIDTH, WIDTH - RIGHT_PAD / 2.0);
    let lanes: Vec<Lane> = [Lane::Speeches, Lane::Events, Lane::Phrase]
        .into_iter()
        .filter(|&l| match l {
            Lane::Events => !events.is_empty(),
            Lane::Phrase => !tl.phrase.is_empty(),
            _ => true,
        })
        .collect();
    let lane_height = |l: Lane| match l {
        Lane::Events => LANE_HEIGHT + EVENT_LABELS,
        Lane::Phrase => LANE_HEIGHT + CHART_HEIGHT,
        _ => LANE_HEIGHT,
    };
    let height = AXIS_HEIGHT + lanes.iter().map(|&l| lane_height(l)).sum::<f64>() + 4.0;
    let notes_on = |lane: Lane, i: usize| -> Vec<&Note> {
        input.placed.of(lane, i).iter().filter_map(|&k| input.notes.get(k)).collect()
    };

    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" aria-label=\"{}\" font-family=\"system-ui, 'DejaVu Sans', sans-serif\" font-size=\"11\">",
        n(WIDTH),
        n(height),
        escape(&format!("Timeline of {} speeches", tl.speeches.len()))
    );
    svg.push_str("\n<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"white\"/>\n");

    // Ticks: a line down through the lanes and a label at the top.
    for t in view.ticks(plot_width as f32, 70.0) {
        let tx = x(t.day as f64);
        let _ = writeln!(
            svg,
            "<line class=\"tick\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/><text x=\"{}\" y=\"13\" fill=\"{}\">{}</text>",
            n(AXIS_HEIGHT - 4.0),
            n(height - 2.0),
            if t.major { "rgb(190,190,190)" } else { GRID },
            n(tx + 2.0),
            if t.major { INK } else { WEAK },
            escape(&t.label),
            x = n(tx),
        );
    }

    let mut top = AXIS_HEIGHT;
    for lane in lanes {
        let row_height = lane_height(lane);
        let chart = if lane == Lane::Phrase { CHART_HEIGHT } else { 0.0 };
        let cy = top + chart + LANE_HEIGHT / 2.0;
        let _ = writeln!(
            svg,
            "<line x1=\"0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GRID}\"/><text x=\"4\" y=\"{}\" fill=\"{INK}\" font-weight=\"bold\">{}</text>",
            n(WIDTH),
            n(cy + 4.0),
            lane.label(),
            y = n(top + row_height),
        );
        let entries = tl.lane(lane);
        match lane {
            Lane::Speeches => {
                // The columns last, so their rings are on top.
                let column_of = |e: &Entry| e.doc.and_then(|d| input.columns.iter().position(|&c| c == d));
                let mut order: Vec<usize> = (0..entries.len()).collect();
                order.sort_by_key(|&i| column_of(&entries[i]).is_some());
                let mut numbers: Vec<(f64, usize)> = Vec::new();
                for i in order {
                    let e = &entries[i];
                    let ex = x(e.mid());
                    // A speech shown as a column is drawn larger, ringed and
                    // numbered; the others are small dots.
                    let column = column_of(e);
                    let (class, look) = match column {
                        Some(_) => (
                            "speech column",
                            format!("r=\"5\" fill=\"{SPEECH}\" stroke=\"{INK}\" stroke-width=\"1.5\""),
                        ),
                        None => ("speech", format!("r=\"3.5\" fill=\"{SPEECH}\" fill-opacity=\"0.8\"")),
                    };
                    let _ = write!(svg, "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" {look}>", n(ex), n(cy));
                    tooltip(&mut svg, e, input.transcripts, &notes_on(lane, i));
                    svg.push_str("</circle>\n");
                    if let Some(k) = column {
                        numbers.push((ex, k + 1));
                    }
                }
                // The column numbers above their markers; columns too close
                // to tell apart share one label (`1,2`).
                numbers.sort_by(|a, b| a.0.total_cmp(&b.0));
                let positions: Vec<f32> = numbers.iter().map(|&(x, _)| x as f32).collect();
                for group in clusters(&positions, 12.0) {
                    let members = &numbers[group];
                    let mut ks: Vec<usize> = members.iter().map(|&(_, k)| k).collect();
                    ks.sort_unstable();
                    let label = ks.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
                    let mid = (members[0].0 + members[members.len() - 1].0) / 2.0;
                    let _ = writeln!(
                        svg,
                        "<text class=\"column-number\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"{INK}\">{label}</text>",
                        n(mid),
                        n(cy - 8.0)
                    );
                }
            }
            Lane::Events => {
                let mut label_end = f64::NEG_INFINITY;
                for &i in &events {
                    let e = &entries[i];
                    let (x0, x1) = (x(e.days.start as f64), x(e.days.end as f64));
                    if x1 - x0 > 6.0 {
                        let _ = write!(
                            svg,
                            "<rect class=\"event\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" rx=\"2\" fill=\"{EVENT}\" fill-opacity=\"0.55\">",
                            n(x0),
                            n(cy - 4.0),
                            n(x1 - x0)
                        );
                        tooltip(&mut svg, e, input.transcripts, &notes_on(lane, i));
                        svg.push_str("</rect>\n");
                    } else {
                        let ex = x(e.mid());
                        let _ = write!(
                            svg,
                            "<path class=\"event\" d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{EVENT}\">",
                            n(ex),
                            n(cy - 5.0),
                            n(ex + 5.0),
                            n(cy),
                            n(ex),
                            n(cy + 5.0),
                            n(ex - 5.0),
                            n(cy)
                        );
                        tooltip(&mut svg, e, input.transcripts, &notes_on(lane, i));
                        svg.push_str("</path>\n");
                    }
                    // The event's name under it, when it does not run into the last one.
                    let name: String = clean_field(&e.title).chars().take(28).collect();
                    let lx = x0.max(LABEL_WIDTH);
                    let width = name.chars().count() as f64 * 5.6;
                    if lx > label_end + 6.0 && lx + width < WIDTH {
                        let _ = writeln!(
                            svg,
                            "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{WEAK}\">{}</text>",
                            n(lx),
                            n(cy + 17.0),
                            field_text(&name)
                        );
                        label_end = lx + width;
                    }
                }
            }
            Lane::Phrase => {
                let max = tl.phrase_years.iter().map(|y| y.count).max().unwrap_or(1).max(1) as f64;
                let year_width = (365.25 / view.days_per_point * 0.8).clamp(1.5, 40.0);
                for &YearCount { year, count } in &tl.phrase_years {
                    let Some(jan1) = chrono::NaiveDate::from_ymd_opt(year, 7, 2) else { continue };
                    let yx = x(crate::core::timeline::events::day_number(jan1) as f64);
                    let h = (f64::from(count) / max * (CHART_HEIGHT - 3.0)).max(1.5);
                    let _ = writeln!(
                        svg,
                        "<rect class=\"year\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{PHRASE}\" fill-opacity=\"0.6\"><title>{year}: {count}</title></rect>",
                        n(yx - year_width / 2.0),
                        n(top + CHART_HEIGHT - 1.0 - h),
                        n(year_width),
                        n(h)
                    );
                }
                for (i, e) in entries.iter().enumerate() {
                    let _ = write!(
                        svg,
                        "<circle class=\"phrase\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{PHRASE}\">",
                        n(x(e.mid())),
                        n(cy)
                    );
                    tooltip(&mut svg, e, input.transcripts, &notes_on(lane, i));
                    svg.push_str("</circle>\n");
                }
            }
            Lane::Mentioned => {}
        }
        // A small flag above each entry with notes.
        for (i, e) in entries.iter().enumerate() {
            let on = notes_on(lane, i);
            if on.is_empty() || (lane == Lane::Events && !events.contains(&i)) {
                continue;
            }
            let ex = x(e.mid());
            let _ = write!(
                svg,
                "<rect class=\"note\" x=\"{}\" y=\"{}\" width=\"6\" height=\"6\" fill=\"{NOTE}\">",
                n(ex + 3.0),
                n(cy - 11.0)
            );
            let texts: Vec<&str> = on.iter().map(|n| n.text.as_str()).collect();
            let _ = writeln!(svg, "<title>{}</title></rect>", escape(&format!("Note: {}", texts.join("\nNote: "))));
        }
        top += row_height;
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The report's "Timeline" section: the SVG, a line saying what it shows,
/// and the notes on events (the report's notes table lists notes on
/// transcripts). `None` when no speech has a date.
pub fn timeline_section<T: Borrow<Transcript>>(input: &SvgInput<T>) -> Option<Section> {
    let svg = timeline_svg(input)?;
    let tl = input.timeline;
    let year = |e: Option<&Entry>| e.map(|e| e.date.format("%Y").to_string()).unwrap_or_default();
    let mut html = format!("<figure style=\"margin:0\">{svg}\n<figcaption class=\"meta\">");
    let _ = write!(
        html,
        "{} speeches from {} to {}",
        tl.speeches.len(),
        year(tl.speeches.first()),
        year(tl.speeches.last())
    );
    if !tl.undated.is_empty() {
        let _ = write!(html, " ({} undated, not shown)", tl.undated.len());
    }
    if !input.columns.is_empty() {
        html.push_str("; numbered: the columns above, left to right");
    }
    if !tl.events.is_empty() {
        let (shown, all) = (drawn_days(tl).map_or(0, |d| drawn_events(tl, &d).len()), tl.events.len());
        let _ = write!(html, "; {shown} outside event{}", if shown == 1 { "" } else { "s" });
        if shown < all {
            let _ = write!(html, " ({} more outside these years, not shown)", all - shown);
        }
    }
    if let Some(p) = input.phrase.filter(|_| !tl.phrase.is_empty()) {
        let _ = write!(html, "; phrase lane: “{}” in {} speeches, uses per year above it", escape(p), tl.phrase.len());
    }
    html.push_str(". Hover a marker for its date and title; a small square marks notes.</figcaption></figure>\n");
    let event_notes: Vec<(&Entry, &Note)> = tl
        .events
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            input.placed.of(Lane::Events, i).iter().filter_map(|&k| input.notes.get(k)).map(move |n| (e, n))
        })
        .collect();
    if !event_notes.is_empty() {
        html.push_str("<table><tr><th>Event</th><th>Note</th><th>Tags</th></tr>\n");
        for (e, note) in event_notes {
            let _ = writeln!(
                html,
                "<tr><td>{} {}</td><td>{}</td><td>{}</td></tr>",
                escape(&e.date_label()),
                field_html(&e.title),
                escape(&note.text),
                escape(&note.tags.join(", "))
            );
        }
        html.push_str("</table>\n");
    }
    Some(Section { id: "timeline".into(), title: "Timeline".into(), html })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech(path: &str, date: Option<(i32, u32, u32)>, title: &str) -> Transcript {
        crate::core::test_speech::titled(path, title, date, "We remain open to dialogue.")
    }

    #[test]
    fn one_marker_per_speech_columns_numbered_text_escaped_notes_flagged() {
        let corpus = vec![
            speech("/c/a.txt", Some((1941, 1, 6)), "A <script>alert(1)</script> & co"),
            speech("/c/b.txt", Some((1942, 1, 6)), "B"),
            speech("/c/c.txt", Some((1990, 1, 6)), "C"),
            speech("/c/u.txt", None, "Undated"),
        ];
        let (events, _) = crate::core::timeline::events::parse_csv(
            "date,title,description,end_date\n1941-12-07,Pearl <Harbor>,\"Attack & \"\"war\"\"\",\n1939-09,War in Europe,,1945-05\n1776-07-04,Independence,,\n",
        )
        .unwrap();
        let tl = Timeline::build(&corpus, &events);
        let notes = vec![
            Note::on_speech(&corpus[1], "a note <b>".into(), vec![]),
            Note::on_event("1941-12-07", "Pearl <Harbor>", "event note".into(), vec!["t&g".into()]),
        ];
        let placed = EntryNotes::new(&tl, &corpus, &notes, None);
        let input = SvgInput {
            timeline: &tl,
            transcripts: &corpus,
            columns: &[2, 0],
            notes: &notes,
            placed: &placed,
            phrase: None,
        };
        let svg = timeline_svg(&input).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle class=\"speech").count(), 3, "one per dated speech");
        assert_eq!(svg.matches("<circle class=\"speech column\"").count(), 2);
        assert_eq!(svg.matches("class=\"event\"").count(), 2);
        assert_eq!(svg.matches("<rect class=\"note\"").count(), 2);
        assert!(!svg.contains("class=\"phrase\""), "no phrase lane without a phrase");
        assert!(!svg.contains("<script"));
        assert!(svg.contains("A &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assert!(svg.contains("Pearl &lt;Harbor&gt; — Attack &amp; &quot;war&quot;"));
        assert!(svg.contains("Note: a note &lt;b&gt;"));
        // The columns are numbered in column order: C is 1, A is 2.
        let numbers: Vec<&str> =
            svg.split("class=\"column-number\"").skip(1).map(|s| s.split("</text>").next().unwrap()).collect();
        assert_eq!(numbers.len(), 2);
        assert!(numbers[0].ends_with(">2") && numbers[1].ends_with(">1"), "{numbers:?}");
        // The decade ticks of the 1940-1990 span are there.
        assert!(svg.contains(">1950</text>") && svg.contains(">1980</text>"));

        let section = timeline_section(&input).unwrap();
        assert_eq!((section.id.as_str(), section.title.as_str()), ("timeline", "Timeline"));
        assert!(section.html.contains("3 speeches from 1941 to 1990 (1 undated, not shown)"));
        // 1776 is far outside the speeches' years: counted, not drawn.
        assert!(!svg.contains("Independence"));
        assert!(section.html.contains("2 outside events (1 more outside these years, not shown)"), "{}", section.html);
        assert!(section.html.contains("<td>1941-12-07 Pearl &lt;Harbor&gt;</td><td>event note</td><td>t&amp;g</td>"));
        // Nothing dated, nothing drawn.
        let undated = vec![speech("/c/u.txt", None, "U")];
        let tl = Timeline::build(&undated, &[]);
        let placed = EntryNotes::default();
        let input =
            SvgInput { timeline: &tl, transcripts: &undated, columns: &[], notes: &[], placed: &placed, phrase: None };
        assert!(timeline_svg(&input).is_none() && timeline_section(&input).is_none());
    }
}
