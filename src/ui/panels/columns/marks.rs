//! What is painted over and under a column's text: bands behind a range
//! (a sentence opened from the timeline, the selected text), frames around
//! search matches, and the margin dots and dotted underlines of notes.

use egui::Galley;

use super::ColumnInput;
use crate::core::text::transcript::Transcript;
use crate::ui::panels::palette;

/// Paints a band behind the rows of a paragraph that hold part of `mark`
/// (a sentence opened from the timeline, the selected text).
pub(super) fn paint_band(
    ui: &egui::Ui,
    t: &Transcript,
    para: &std::ops::Range<usize>,
    galley: &Galley,
    origin: egui::Pos2,
    mark: &std::ops::Range<usize>,
    fill: egui::Color32,
) {
    let (a, b) = (mark.start.max(para.start), mark.end.min(para.end));
    if a >= b {
        return;
    }
    let chars = |byte: usize| t.body.get(para.start..byte).map_or(0, |s| s.chars().count());
    let (ra, rb) = (
        galley.pos_from_cursor(egui::text::CCursor::new(chars(a))),
        galley.pos_from_cursor(egui::text::CCursor::new(chars(b))),
    );
    let width = galley.size().x.max(1.0);
    if (ra.min.y - rb.min.y).abs() < 1.0 {
        let r = egui::Rect::from_min_max(ra.min, egui::pos2(rb.max.x, rb.max.y));
        ui.painter().rect_filled(r.translate(origin.to_vec2()).expand(1.0), 2.0, fill);
    } else {
        // First row from the start, whole rows between, last row to the end.
        let rows = [
            egui::Rect::from_min_max(ra.min, egui::pos2(width, ra.max.y)),
            egui::Rect::from_min_max(egui::pos2(0.0, ra.max.y), egui::pos2(width, rb.min.y)),
            egui::Rect::from_min_max(egui::pos2(0.0, rb.min.y), rb.max),
        ];
        for r in rows.into_iter().filter(|r| r.height() > 0.0 && r.width() > 0.0) {
            ui.painter().rect_filled(r.translate(origin.to_vec2()), 0.0, fill);
        }
    }
}

/// Frames the search matches inside paragraph `i`, drawn at `origin`: one
/// rectangle per row a match covers.
pub(super) fn paint_marks(
    ui: &egui::Ui,
    t: &Transcript,
    i: usize,
    galley: &Galley,
    origin: egui::Pos2,
    input: &ColumnInput<'_>,
) {
    let Some(p) = t.paragraphs.get(i) else { return };
    let first = input.marks.partition_point(|m| m.end <= p.start);
    let color = palette::search_mark(ui.visuals().dark_mode);
    let chars_to = |b: usize| t.body.get(p.start..b.clamp(p.start, p.end)).map_or(0, |s| s.chars().count());
    for m in input.marks[first..].iter().take_while(|m| m.start < p.end) {
        let current = input.current_mark.as_ref() == Some(m);
        let a = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(m.start)));
        let b = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(m.end)));
        let mut rects = Vec::new();
        if (a.min.y - b.min.y).abs() < 1.0 {
            rects.push(egui::Rect::from_min_max(a.min, egui::pos2(b.max.x, a.max.y)));
        } else {
            // Across rows: to the end of the first, whole middle rows, to
            // the match's end on the last.
            rects.push(egui::Rect::from_min_max(a.min, egui::pos2(galley.size().x, a.max.y)));
            if b.min.y - a.max.y > 1.0 {
                rects.push(egui::Rect::from_min_max(egui::pos2(0.0, a.max.y), egui::pos2(galley.size().x, b.min.y)));
            }
            rects.push(egui::Rect::from_min_max(egui::pos2(0.0, b.min.y), b.max));
        }
        for r in rects {
            let r = r.translate(origin.to_vec2()).expand(1.0);
            if current {
                ui.painter().rect_filled(r, 2.0, color.gamma_multiply(0.35));
            }
            let width = if current { 2.5 } else { 1.5 };
            ui.painter().rect_stroke(r, 2.0, egui::Stroke::new(width, color), egui::StrokeKind::Outside);
        }
    }
}

/// Marks the noted ranges inside paragraph `i`: a dot in the margin where
/// the range starts and a dotted line under it.
pub(super) fn paint_notes(
    ui: &egui::Ui,
    t: &Transcript,
    i: usize,
    galley: &Galley,
    origin: egui::Pos2,
    notes: &[std::ops::Range<usize>],
) {
    let Some(p) = t.paragraphs.get(i) else { return };
    let color = palette::note_mark(ui.visuals().dark_mode);
    let chars_to = |b: usize| t.body.get(p.start..b.clamp(p.start, p.end)).map_or(0, |s| s.chars().count());
    for n in notes.iter().filter(|n| n.start < p.end && n.end > p.start) {
        let a = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(n.start)));
        let b = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(n.end)));
        if n.start >= p.start {
            ui.painter().circle_filled(origin + egui::vec2(-5.0, a.center().y), 3.5, color);
        }
        let mut y = a.max.y;
        let mut x0 = a.min.x;
        // One dotted line per row, to the match's end on the last.
        while y <= b.max.y + 0.5 {
            let x1 = if (y - b.max.y).abs() < 1.0 { b.min.x } else { galley.size().x };
            let pts = [origin + egui::vec2(x0, y), origin + egui::vec2(x1, y)];
            ui.painter().add(egui::Shape::dotted_line(&pts, color, 4.0, 1.0));
            x0 = 0.0;
            y += a.height().max(1.0);
        }
    }
}
