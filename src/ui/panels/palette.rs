//! The marks in the text as egui colours and strokes, for dark and light
//! themes (from [`crate::core::export::colors`], shared with the HTML
//! report), and the compact legend of the toolbar that explains each mark,
//! with a hover text per swatch.

use egui::{Color32, Pos2, Rect, Stroke, vec2};

use crate::core::export::colors::{self, Rgb};
use crate::core::phrases::highlight::{AGE_BANDS, Style};

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
