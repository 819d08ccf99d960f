//! The marks in the text as egui colours and strokes, for dark and light
//! themes (from [`crate::core::export::colors`], shared with the HTML
//! report), and the compact legend of the toolbar that explains each mark,
//! with a hover text per swatch; the colours of a field's values (speaker,
//! party, …) and their legend.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Stroke, vec2};

use crate::core::export::colors::{self, Rgb};
use crate::core::phrases::highlight::{AGE_BANDS, Style};
use crate::core::text::fields::{FieldValues, FieldView, corpus_field_names};
use crate::core::text::transcript::Transcript;

fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Background of a style; transparent for plain text.
pub fn background(style: &Style, dark: bool) -> Color32 {
    colors::background(style, dark).map_or(Color32::TRANSPARENT, rgb)
}

/// The colour of text in the columns: the highlight colours keep their
/// contrast with this one, not with egui's dimmer default text colour.
pub fn text(dark: bool) -> Color32 {
    rgb(colors::text(dark))
}

/// Underline of a range: strong for the selected phrase, thin for text
/// introduced in this speech.
pub fn underline(style: &Style, selected: bool, dark: bool) -> Stroke {
    if selected {
        Stroke::new(2.5, rgb(colors::selected_underline(dark)))
    } else if matches!(style, Style::Introduced { .. }) {
        Stroke::new(1.0, rgb(colors::introduced_underline(dark)))
    } else {
        Stroke::NONE
    }
}

/// The colour of a search match (frame in the text, background in results).
pub fn search_mark(dark: bool) -> Color32 {
    rgb(colors::search_mark(dark))
}

/// The colour of a note's margin dot and dotted underline.
pub fn note_mark(dark: bool) -> Color32 {
    rgb(colors::note_mark(dark))
}

/// The band behind a date or sentence opened from the timeline, opaque,
/// painted under the text: unlike "introduced here" and every highlight.
pub fn mention_mark(dark: bool) -> Color32 {
    rgb(colors::mention_mark(dark))
}

/// The line across a pane of the pair view where text is missing on this
/// side (deleted or inserted on the other).
pub fn gap_marker(dark: bool) -> Color32 {
    rgb(colors::gap_marker(dark))
}

/// Short labels of the age bands for the toolbar, in years.
const AGE_SHORT: [&str; AGE_BANDS.len()] = ["<1", "1–5", "5–20", "20–100", "100+"];

/// Size of a swatch in the legend.
const SWATCH: egui::Vec2 = vec2(16.0, 13.0);

/// One entry of the legend: a swatch painted by `paint` (given the
/// painter, its rectangle and the theme), then `label` in small type; the
/// hover text explains the mark.
fn entry(ui: &mut egui::Ui, label: &str, hover: &str, paint: impl FnOnce(&egui::Painter, Rect, bool)) {
    let dark = ui.visuals().dark_mode;
    let r = ui
        .horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 3.0;
            let (rect, swatch) = ui.allocate_exact_size(SWATCH, egui::Sense::hover());
            paint(ui.painter(), rect, dark);
            if label.is_empty() {
                swatch
            } else {
                swatch | ui.add(egui::Label::new(egui::RichText::new(label).small()).selectable(false))
            }
        })
        .inner;
    r.on_hover_text(hover);
}

/// Fills a swatch with a highlight colour.
fn fill(color: Color32) -> impl FnOnce(&egui::Painter, Rect, bool) {
    move |p, r, _| {
        p.rect_filled(r, 2.0, color);
    }
}

/// A sample of text ("ab") in a swatch, on `background`.
fn sample(p: &egui::Painter, r: Rect, dark: bool, background: Color32) {
    p.rect_filled(r, 2.0, background);
    p.text(
        r.center() - vec2(0.0, 1.0),
        egui::Align2::CENTER_CENTER,
        "ab",
        egui::FontId::proportional(10.0),
        text(dark),
    );
}

/// A line under a swatch's sample text.
fn line_under(p: &egui::Painter, r: Rect, stroke: Stroke) {
    let y = r.bottom() - stroke.width / 2.0;
    p.line_segment([Pos2::new(r.left() + 1.0, y), Pos2::new(r.right() - 1.0, y)], stroke);
}

/// The legend for recurring phrasing and the other marks of a column: how
/// long before a phrase was first said, introduced here, the selected
/// phrase, search matches, notes and a mentioned date. Short labels; each
/// swatch says what it means on hover.
pub fn phrase_legend_ui(ui: &mut egui::Ui) {
    ui.label(egui::RichText::new("Said before:").small()).on_hover_text(
        "Highlighted text repeats a phrase of an earlier speech; the colour says how long before this one it was \
         first said, from faint (recent) to strong (old).",
    );
    for (k, (_, label)) in AGE_BANDS.iter().enumerate() {
        let years = if k + 1 == AGE_BANDS.len() { format!("{} yrs", AGE_SHORT[k]) } else { AGE_SHORT[k].to_string() };
        let hover = format!("First said {label} before this speech, in an earlier one.");
        entry(ui, &years, &hover, |p, r, dark| fill(rgb(colors::age(k, dark)))(p, r, dark));
    }
    ui.separator();
    entry(
        ui,
        "new",
        "Introduced here (colour and thin underline): first said in this speech and repeated in later ones.",
        |p, r, dark| {
            sample(p, r, dark, background(&Style::Introduced { phrase: 0 }, dark));
            line_under(p, r, underline(&Style::Introduced { phrase: 0 }, false, dark));
        },
    );
    entry(
        ui,
        "selected",
        "The selected phrase (strong underline) in every place it occurs. F3 goes to the next; Esc clears it.",
        |p, r, dark| {
            sample(p, r, dark, Color32::TRANSPARENT);
            line_under(p, r, underline(&Style::Plain, true, dark));
        },
    );
    marks_legend_ui(ui);
    entry(ui, "mentioned", "A date or sentence opened from the timeline (a band behind its lines).", |p, r, dark| {
        sample(p, r, dark, mention_mark(dark))
    });
}

/// The legend entries of marks shown in both modes: search matches and notes.
fn marks_legend_ui(ui: &mut egui::Ui) {
    entry(ui, "match", "A search match (frame); the current one is filled too.", |p, r, dark| {
        sample(p, r, dark, Color32::TRANSPARENT);
        p.rect_stroke(r.shrink(1.0), 2.0, Stroke::new(1.5, search_mark(dark)), egui::StrokeKind::Inside);
    });
    entry(
        ui,
        "note",
        "A note: a dot in the margin where it starts and a dotted line under its text. Right-click text to add one.",
        |p, r, dark| {
            let color = note_mark(dark);
            p.circle_filled(Pos2::new(r.left() + 2.5, r.center().y - 1.0), 2.5, color);
            let y = r.bottom() - 1.0;
            p.add(egui::Shape::dotted_line(&[Pos2::new(r.left() + 6.0, y), Pos2::new(r.right(), y)], color, 3.0, 0.8));
        },
    );
}

/// The legend of the revision diff (pair mode): deleted, inserted and
/// moved text, the line where text is missing on one side, search matches
/// and notes.
pub fn diff_legend_ui(ui: &mut egui::Ui) {
    entry(ui, "deleted", "Only in the older version (struck through): deleted in the newer one.", |p, r, dark| {
        sample(p, r, dark, background(&Style::Deleted, dark));
        let y = r.center().y;
        p.line_segment([Pos2::new(r.left() + 2.0, y), Pos2::new(r.right() - 2.0, y)], Stroke::new(1.0, text(dark)));
    });
    entry(ui, "inserted", "Only in the newer version: inserted since the older one.", |p, r, dark| {
        fill(background(&Style::Inserted, dark))(p, r, dark)
    });
    entry(ui, "moved", "In both versions, at different places.", |p, r, dark| {
        fill(background(&Style::Moved, dark))(p, r, dark)
    });
    entry(
        ui,
        "gap",
        "A line across a pane where it lacks text the other version has: the deleted or inserted passage \
         opposite belongs here.",
        |p, r, dark| {
            p.hline(r.x_range(), r.center().y, Stroke::new(1.5, gap_marker(dark)));
        },
    );
    ui.separator();
    marks_legend_ui(ui);
}

/// Colours of a field's values (speakers, parties, …), by the value's
/// position in [`FieldValues`] (order of first date), repeating after the
/// last: distinct hues, bright enough on the dark theme and deep enough on
/// the light one, none of them the magenta of note flags.
const VALUE_COLORS: [(Rgb, Rgb); 9] = [
    ([100, 160, 240], [30, 90, 180]),
    ([240, 145, 60], [190, 95, 10]),
    ([110, 200, 120], [30, 130, 50]),
    ([235, 100, 100], [185, 40, 40]),
    ([180, 140, 235], [115, 70, 180]),
    ([225, 200, 80], [140, 115, 0]),
    ([80, 200, 200], [0, 120, 125]),
    ([205, 160, 120], [130, 85, 45]),
    ([160, 205, 70], [85, 125, 10]),
];

/// The colour of a field's value at `position` ([`FieldValues::index_of`]);
/// grey for none (speeches without the value, the "other" lane).
pub fn value_color(position: Option<usize>, dark: bool) -> Color32 {
    match position {
        Some(k) => {
            let (d, l) = VALUE_COLORS[k % VALUE_COLORS.len()];
            rgb(if dark { d } else { l })
        }
        None if dark => Color32::from_gray(150),
        None => Color32::from_gray(110),
    }
}

/// The values of `field` over `corpus` (in order of first date), worked
/// out once per corpus version and field and kept in egui's memory: the
/// list, the timeline, the columns and the legend share them.
pub fn field_values(ctx: &egui::Context, corpus: &[Arc<Transcript>], version: u64, field: &str) -> Arc<FieldValues> {
    let id = egui::Id::unique(("field values", field));
    if let Some((v, values)) = ctx.data(|d| d.get_temp::<(u64, Arc<FieldValues>)>(id))
        && v == version
    {
        return values;
    }
    let values = Arc::new(FieldValues::of(corpus, field));
    ctx.data_mut(|d| d.insert_temp(id, (version, values.clone())));
    values
}

/// Corpora of up to this many transcripts have their field names found
/// within the frame (a few milliseconds); larger ones on a thread.
pub const FIELD_NAMES_IN_FRAME_UP_TO: usize = 5_000;

/// The fields the transcripts of `corpus` state ([`corpus_field_names`]),
/// once per corpus version. For a corpus larger than
/// [`FIELD_NAMES_IN_FRAME_UP_TO`] they are found on a thread (10 ms for
/// 24,900 transcripts, in the frame a read corpus arrives in): the names of
/// the corpus before (or none) stand in until the thread wakes the window.
pub fn field_names(ctx: &egui::Context, corpus: &[Arc<Transcript>], version: u64) -> Arc<Vec<String>> {
    let id = egui::Id::unique("refrain field names");
    let known = ctx.data(|d| d.get_temp::<(u64, Arc<Vec<String>>)>(id));
    if let Some((v, names)) = &known
        && *v == version
    {
        return names.clone();
    }
    if corpus.len() <= FIELD_NAMES_IN_FRAME_UP_TO {
        let names = Arc::new(corpus_field_names(corpus));
        ctx.data_mut(|d| d.insert_temp(id, (version, names.clone())));
        return names;
    }
    // The version asked of a thread; only its answer is taken.
    let asked = id.with("asked");
    if ctx.data(|d| d.get_temp::<u64>(asked)) != Some(version) {
        ctx.data_mut(|d| d.insert_temp(asked, version));
        let (wake, owned) = (ctx.clone(), corpus.to_vec());
        let work = move || {
            let names = Arc::new(corpus_field_names(&owned));
            wake.data_mut(|d| {
                if d.get_temp::<u64>(asked) == Some(version) {
                    d.insert_temp(id, (version, names));
                }
            });
            wake.request_repaint();
        };
        if crate::ui::workers::priority::spawn("refrain-field-names", work).is_err() {
            // No thread: found here, once.
            let names = Arc::new(corpus_field_names(corpus));
            ctx.data_mut(|d| d.insert_temp(id, (version, names.clone())));
            return names;
        }
    }
    known.map(|(_, names)| names).unwrap_or_default()
}

/// A choice of field in a combo box: `none` (shown as `none_label`) or one
/// of `names`. Returns whether it changed.
pub fn field_combo(
    ui: &mut egui::Ui,
    salt: &str,
    label: &str,
    none_label: &str,
    names: &[String],
    chosen: &mut Option<String>,
) -> egui::Response {
    let l = ui.label(egui::RichText::new(label).small());
    let mut changed = false;
    // Narrow: the list's Only/Group row fits a 1280-point window's side panel on one line.
    let mut r = egui::ComboBox::from_id_salt(salt)
        .width(80.0)
        .selected_text(chosen.as_deref().unwrap_or(none_label))
        .show_ui(ui, |ui| {
            if ui.selectable_label(chosen.is_none(), none_label).clicked() {
                changed |= chosen.take().is_some();
            }
            for n in names {
                if ui.selectable_label(chosen.as_deref() == Some(n.as_str()), n).clicked()
                    && chosen.as_deref() != Some(n.as_str())
                {
                    *chosen = Some(n.clone());
                    changed = true;
                }
            }
        })
        .response
        .labelled_by(l.id);
    if changed {
        r.mark_changed();
    }
    r
}

/// Most values named in the legend; the others are listed on hover.
const LEGEND_VALUES: usize = 8;

/// The toolbar's choice of the field speeches are coloured by (column
/// headers, timeline markers) and, when one is chosen, its legend: a
/// swatch per value, in order of first date.
pub fn field_legend_ui(ui: &mut egui::Ui, view: &mut FieldView, corpus: &[Arc<Transcript>], version: u64) {
    let names = field_names(ui.ctx(), corpus, version);
    if names.is_empty() && view.color_by.is_none() {
        return;
    }
    ui.separator();
    field_combo(ui, "colour-by", "Colour speeches by:", "—", &names, &mut view.color_by).on_hover_text(
        "Colours each column's header and each speech on the timeline by its value of a field (speaker, party, …); \
         the highlights in the text still say how long ago a phrase was first said.",
    );
    let Some(field) = view.color_by.clone() else { return };
    let values = field_values(ui.ctx(), corpus, version, &field);
    for (k, v) in values.values.iter().enumerate().take(LEGEND_VALUES) {
        let hover = format!("{field}: {} — {} speeches", v.value, v.count);
        entry(ui, &crate::core::text::shorten(&v.value, 18), &hover, |p, r, dark| {
            fill(value_color(Some(k), dark))(p, r, dark)
        });
    }
    let rest = values.values.len().saturating_sub(LEGEND_VALUES);
    if rest > 0 || values.missing > 0 {
        let mut hover: Vec<String> = values.values.iter().skip(LEGEND_VALUES).map(|v| v.value.clone()).collect();
        if hover.len() > 30 {
            let more = hover.len() - 30;
            hover.truncate(30);
            hover.push(format!("… and {more} more"));
        }
        let (label, what) = match (rest, values.missing) {
            (0, m) => ("none".to_string(), format!("{m} speeches without a {field} (grey)")),
            (r, _) => (format!("+{r}"), format!("The colours repeat for:\n{}", hover.join("\n"))),
        };
        entry(ui, &label, &what, |p, r, dark| fill(value_color(None, dark))(p, r, dark));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::test_speech::spoken;

    /// `n` speeches, the last stating a `party`.
    fn corpus(n: usize) -> Vec<Arc<Transcript>> {
        let mut corpus: Vec<Arc<Transcript>> =
            (0..n).map(|i| spoken(&format!("s{i}"), "A. Speaker", "1990-01-01", "Some words here.")).collect();
        if let Some(last) = corpus.last_mut() {
            Arc::make_mut(last).fields.insert("party".into(), "Whig".into());
        }
        corpus
    }

    #[test]
    fn field_names_of_a_large_corpus_come_from_a_thread_and_equal_the_frames_answer() {
        let ctx = egui::Context::default();
        // Without the large corpus's `party`: the names the thread finds
        // differ from those standing in, so the wait below ends on its
        // answer (with the same names, it ended at once, and the thread
        // answering just after made the last check fail).
        let mut small = corpus(10);
        if let Some(last) = small.last_mut() {
            Arc::make_mut(last).fields.remove("party");
        }
        assert_eq!(*field_names(&ctx, &small, 1), corpus_field_names(&small), "found in the frame");
        let large = corpus(FIELD_NAMES_IN_FRAME_UP_TO + 1);
        let want = corpus_field_names(&large);
        assert!(want.iter().any(|n| n == "party"), "{want:?}");
        assert_ne!(want, corpus_field_names(&small));
        let mut got = field_names(&ctx, &large, 2);
        assert_eq!(*got, corpus_field_names(&small), "the names before stand in meanwhile");
        let start = std::time::Instant::now();
        while *got != want {
            assert!(start.elapsed() < std::time::Duration::from_secs(60), "the thread never answered");
            std::thread::sleep(std::time::Duration::from_millis(5));
            got = field_names(&ctx, &large, 2);
        }
        // Asked again, the version is known: no other thread.
        assert!(Arc::ptr_eq(&field_names(&ctx, &large, 2), &got));
    }
}
