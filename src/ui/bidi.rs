//! Labels holding right-to-left text (a list row with an Arabic title, a
//! Hebrew speaker, a Persian phrase) put in display order. egui shapes each
//! section of a job by itself, reversing a right-to-left word, but places
//! the words left to right as stored; here a one-line job is cut into the
//! pieces `core::text::bidi` orders, one section each, in the order they
//! are shown. The reading columns wrap and align such text themselves
//! (`panels::columns::paragraph`).

use egui::text::{LayoutJob, LayoutSection};

pub use crate::core::text::bidi::isolate;
use crate::core::text::bidi::{self, Bidi};

/// `text` ready for a widget: unchanged without right-to-left letters,
/// else laid out as a job in display order with the styling it had (the
/// widget's colours still apply). `font` is the font the widget uses
/// (body text for labels, button text for buttons).
pub fn widget_text(
    style: &egui::Style,
    text: impl Into<egui::WidgetText>,
    font: impl Into<egui::FontSelection>,
) -> egui::WidgetText {
    let text = text.into();
    if !bidi::has_rtl(text.text()) {
        return text;
    }
    let job = text.into_layout_job(style, font.into(), egui::Align::Center);
    egui::WidgetText::from(visual_job(&job))
}

/// A label's text ready for a widget with body text (see [`widget_text`]).
pub fn label(ui: &egui::Ui, text: impl Into<egui::WidgetText>) -> egui::WidgetText {
    widget_text(ui.style(), text, egui::FontSelection::Default)
}

/// A button's text ready for the button (see [`widget_text`]).
pub fn button(ui: &egui::Ui, text: impl Into<egui::WidgetText>) -> egui::WidgetText {
    widget_text(ui.style(), text, egui::TextStyle::Button)
}

/// `text` shortened at its logical end, with "…", to fit `width` when it
/// holds right-to-left text: egui cuts a truncated label at its right
/// edge, which is where right-to-left text begins. Other text is returned
/// as it is (egui's own truncation is right for it).
pub fn fit(ui: &egui::Ui, text: String, style: egui::TextStyle, width: f32) -> String {
    if !bidi::has_rtl(&text) {
        return text;
    }
    let font = style.resolve(ui.style());
    let measure = |s: &str| {
        let job = LayoutJob::simple_singleline(s.to_owned(), font.clone(), egui::Color32::PLACEHOLDER);
        ui.painter().layout_job(visual_job(&job)).size().x
    };
    if measure(&text) <= width {
        return text;
    }
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    // Cut before an opening bracket left alone at the end, too.
    let shortened =
        |k: usize| format!("{}…", text[..ends[k]].trim_end_matches(|c: char| c.is_whitespace() || "([{«".contains(c)));
    // The longest start that fits, at least one character.
    let (mut lo, mut hi) = (1, ends.len());
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if measure(&shortened(mid)) <= width {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    shortened(lo.min(ends.len() - 1))
}

/// Paints one line of text like [`egui::Painter::text`], in display order.
pub fn paint_text(
    painter: &egui::Painter,
    pos: egui::Pos2,
    anchor: egui::Align2,
    text: &str,
    font: egui::FontId,
    color: egui::Color32,
) -> egui::Rect {
    if !bidi::has_rtl(text) {
        return painter.text(pos, anchor, text, font, color);
    }
    let job = visual_job(&LayoutJob::simple_singleline(text.to_owned(), font, color));
    let galley = painter.layout_job(job);
    let rect = anchor.anchor_size(pos, galley.size());
    painter.galley(rect.min, galley, color);
    rect
}

/// The job with each line's pieces in display order, each piece keeping
/// the format of the section it came from. Lines are the job's own line
/// breaks; a job that egui wraps further is ordered before wrapping.
pub fn visual_job(job: &LayoutJob) -> LayoutJob {
    let mut out = job.clone();
    out.text.clear();
    out.sections.clear();
    let mut line_start = 0;
    for line in job.text.split_inclusive('\n') {
        // Overrides from a field that was not isolated laid out as neutral
        // (same byte positions): a label never reverses its words.
        let neutral = bidi::without_overrides(line);
        let b = Bidi::left_to_right(&neutral);
        let tokens = b.tokens();
        for piece in b.visual(0..line.len(), &tokens) {
            let (a, z) = (line_start + piece.bytes.start, line_start + piece.bytes.end);
            for section in job.sections.iter() {
                let bytes = bytes(section);
                if bytes.start >= z || a >= bytes.end {
                    continue;
                }
                let range = a.max(bytes.start)..z.min(bytes.end);
                let Some(part) = job.text.get(range.clone()) else { continue };
                let start = out.text.len();
                let mut chars = part.chars().filter(|c| !bidi::is_isolate_mark(*c));
                match (chars.next(), chars.next()) {
                    (None, _) => continue,
                    (Some(c), None) if piece.rtl => out.text.push(bidi::mirror(c)),
                    _ => out.text.extend(part.chars().filter(|c| !bidi::is_isolate_mark(*c))),
                }
                out.sections.push(LayoutSection {
                    leading_space: if range.start == bytes.start { section.leading_space } else { 0.0 },
                    byte_range: (start.into())..(out.text.len().into()),
                    format: section.format.clone(),
                });
            }
        }
        line_start += line.len();
    }
    out
}

/// A section's byte range.
fn bytes(section: &LayoutSection) -> std::ops::Range<usize> {
    usize::from(section.byte_range.start)..usize::from(section.byte_range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_with_a_date_and_an_arabic_title_keeps_the_date_first_and_the_formats() {
        let mut job = LayoutJob::default();
        let date = egui::TextFormat { color: egui::Color32::RED, ..Default::default() };
        job.append("2019-09-24 ", 0.0, date);
        job.append("كلمة أمام (الجمعية)", 0.0, egui::TextFormat::default());
        let v = visual_job(&job);
        assert_eq!(v.text, "2019-09-24 (الجمعية) أمام كلمة");
        assert_eq!(&v.text[bytes(&v.sections[0])], "2019-09-24");
        assert_eq!(v.sections[0].format.color, egui::Color32::RED);
        // Every piece is a section of its own, the words shaped one by one.
        assert!(v.sections.iter().any(|s| &v.text[bytes(s)] == "الجمعية"));
        assert!(v.sections.iter().skip(2).all(|s| s.format.color != egui::Color32::RED));
    }

    #[test]
    fn an_override_in_a_label_does_not_reverse_its_words() {
        // A tooltip built from an event's title holding an unclosed
        // right-to-left override, beside an Arabic word.
        let job = LayoutJob::simple_singleline(
            "2019 خطاب \u{202E}live x".into(),
            egui::FontId::default(),
            egui::Color32::PLACEHOLDER,
        );
        let v = visual_job(&job);
        assert_eq!(v.text.replace('\u{202E}', ""), "2019 خطاب live x");
    }

    #[test]
    fn left_to_right_text_is_left_as_it_is() {
        let style = egui::Style::default();
        let t = widget_text(&style, "The state of the Union", egui::FontSelection::Default);
        assert!(matches!(t, egui::WidgetText::Text(_)));
        let t = widget_text(&style, "שלום עולם", egui::FontSelection::Default);
        assert_eq!(t.text(), "עולם שלום");
    }
}
