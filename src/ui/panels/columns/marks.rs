//! What is painted over and under a column's text: bands behind a range
//! (a sentence opened from the timeline, the selected text), frames around
//! search matches, and the margin dots and dotted underlines of notes.

use super::ColumnInput;
use super::paragraph::LaidParagraph;
use crate::core::text::transcript::Transcript;
use crate::ui::panels::palette;

/// The rectangles (on the screen) covering the part of `range` inside the
/// paragraph `para` drawn at `origin`.
fn rects(
    t: &Transcript,
    para: &std::ops::Range<usize>,
    laid: &LaidParagraph,
    origin: egui::Pos2,
    range: &std::ops::Range<usize>,
) -> Vec<egui::Rect> {
    let (a, b) = (range.start.max(para.start), range.end.min(para.end));
    if a >= b {
        return Vec::new();
    }
    let text = t.body.get(para.clone()).unwrap_or("");
    laid.range_rects(text, a - para.start..b - para.start).into_iter().map(|r| r.translate(origin.to_vec2())).collect()
}

/// Paints a band behind the rows of a paragraph that hold part of `mark`
/// (a sentence opened from the timeline, the selected text).
pub(super) fn paint_band(
    ui: &egui::Ui,
    t: &Transcript,
    para: &std::ops::Range<usize>,
    laid: &LaidParagraph,
    origin: egui::Pos2,
    mark: &std::ops::Range<usize>,
    fill: egui::Color32,
) {
    for r in rects(t, para, laid, origin, mark) {
        ui.painter().rect_filled(r.expand(1.0), 2.0, fill);
    }
}

/// Frames the search matches inside the block `p` (a paragraph or part of
/// one), drawn at `origin`: one rectangle per row a match covers.
pub(super) fn paint_marks(
    ui: &egui::Ui,
    t: &Transcript,
    p: &std::ops::Range<usize>,
    laid: &LaidParagraph,
    origin: egui::Pos2,
    input: &ColumnInput<'_>,
) {
    let first = input.marks.partition_point(|m| m.end <= p.start);
    let color = palette::search_mark(ui.visuals().dark_mode);
    for m in input.marks[first..].iter().take_while(|m| m.start < p.end) {
        let current = input.current_mark.as_ref() == Some(m);
        for r in rects(t, p, laid, origin, m) {
            let r = r.expand(1.0);
            if current {
                ui.painter().rect_filled(r, 2.0, color.gamma_multiply(0.35));
            }
            let width = if current { 2.5 } else { 1.5 };
            ui.painter().rect_stroke(r, 2.0, egui::Stroke::new(width, color), egui::StrokeKind::Outside);
        }
    }
}

/// Marks the noted ranges inside the block `p`: a dot in the margin where
/// the range starts and a dotted line under it.
pub(super) fn paint_notes(
    ui: &egui::Ui,
    t: &Transcript,
    p: &std::ops::Range<usize>,
    laid: &LaidParagraph,
    origin: egui::Pos2,
    notes: &[std::ops::Range<usize>],
) {
    let color = palette::note_mark(ui.visuals().dark_mode);
    let text = t.body.get(p.clone()).unwrap_or("");
    for n in notes.iter().filter(|n| n.start < p.end && n.end > p.start) {
        if n.start >= p.start {
            let (top, bottom) = laid.row_span(text, n.start - p.start);
            ui.painter().circle_filled(origin + egui::vec2(-5.0, (top + bottom) / 2.0), 3.5, color);
        }
        // One dotted line under each row (or stretch of a reordered row).
        for r in rects(t, p, laid, origin, n) {
            let pts = [egui::pos2(r.min.x, r.max.y), egui::pos2(r.max.x, r.max.y)];
            ui.painter().add(egui::Shape::dotted_line(&pts, color, 4.0, 1.0));
        }
    }
}
