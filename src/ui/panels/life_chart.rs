//! A phrase's life: a bar chart of the speeches using it per year, with a
//! year axis, a count axis and the value under the pointer. Larger than the
//! sparkline beside each row, for the one phrase being looked at.

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use crate::core::text::YearCount;

/// Height of the plot area, in points (the axes' labels add to it).
const HEIGHT: f32 = 110.0;
/// Room left of the plot for the count axis's labels, in points.
const LEFT: f32 = 34.0;
/// Room below the plot for the year axis's labels, in points.
const BELOW: f32 = 18.0;

/// Years between two labelled ticks of an axis spanning `span` years, so
/// that labels `min_gap` points apart fit in `width` points.
fn tick_step(span: i32, width: f32, min_gap: f32) -> i32 {
    let fits = ((width / min_gap).floor() as i32).max(1);
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].into_iter().find(|&step| span / step < fits).unwrap_or(1000)
}

/// Draws the chart of `counts` (speeches using the phrase, per year) over
/// the years `y0..=y1`, as wide as the space available. Hovering a year
/// shows its count.
pub fn life_chart_ui(ui: &mut Ui, counts: &[YearCount], y0: i32, y1: i32) {
    let width = ui.available_width().max(120.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, HEIGHT + BELOW), Sense::hover());
    let plot =
        Rect::from_min_max(pos2(rect.left() + LEFT, rect.top() + 4.0), pos2(rect.right() - 16.0, rect.top() + HEIGHT));
    let (y0, y1) = (y0.min(y1), y1.max(y0));
    let span = (y1 - y0).max(1);
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let x_of = |year: i32| plot.left() + (year - y0) as f32 / span as f32 * plot.width();
    let y_of = |count: f32| plot.bottom() - count / max as f32 * plot.height();
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let axis = Stroke::new(1.0, visuals.weak_text_color());
    let text = visuals.text_color();
    let font = FontId::proportional(11.0);
    // Axes.
    painter.line_segment([plot.left_bottom(), plot.right_bottom()], axis);
    painter.line_segment([plot.left_bottom(), plot.left_top()], axis);
    let step = tick_step(span, plot.width(), 44.0);
    let mut year = y0 + (step - y0.rem_euclid(step)) % step;
    while year <= y1 {
        let x = x_of(year);
        painter.line_segment([pos2(x, plot.bottom()), pos2(x, plot.bottom() + 3.0)], axis);
        painter.text(pos2(x, plot.bottom() + 4.0), Align2::CENTER_TOP, year.to_string(), font.clone(), text);
        year += step;
    }
    let ticks: &[u32] = if max % 2 == 0 { &[0, max / 2, max] } else { &[0, max] };
    for &count in ticks {
        let y = y_of(count as f32);
        painter.line_segment([pos2(plot.left() - 3.0, y), pos2(plot.left(), y)], axis);
        painter.text(pos2(plot.left() - 5.0, y), Align2::RIGHT_CENTER, count.to_string(), font.clone(), text);
    }
    // Bars, at least a point wide.
    let bar = (plot.width() / (span + 1) as f32).clamp(1.0, 12.0);
    let fill = visuals.selection.bg_fill;
    for c in counts {
        let x = x_of(c.year);
        let top = y_of(c.count as f32).min(plot.bottom() - 1.5);
        painter.rect_filled(
            Rect::from_min_max(pos2(x - bar / 2.0, top), pos2(x + bar / 2.0, plot.bottom())),
            0.0,
            fill,
        );
    }
    // The year under the pointer and its count.
    if let Some(p) = response.hover_pos().filter(|p| p.x >= plot.left() - 2.0 && p.x <= plot.right() + 2.0) {
        let year = y0 + ((p.x - plot.left()) / plot.width() * span as f32).round() as i32;
        let year = year.clamp(y0, y1);
        let count = counts.iter().find(|c| c.year == year).map_or(0, |c| c.count);
        let x = x_of(year);
        painter.line_segment([pos2(x, plot.top()), pos2(x, plot.bottom())], Stroke::new(1.0, Color32::from_gray(140)));
        response.on_hover_text_at_pointer(format!("{year}: {count} speech{}", if count == 1 { "" } else { "es" }));
    }
}

#[cfg(test)]
mod tests {
    use super::tick_step;

    #[test]
    fn ticks_fit_the_width() {
        // 236 years (1790-2026) in 600 points, labels 44 points apart.
        let step = tick_step(236, 600.0, 44.0);
        assert_eq!(step, 20);
        assert!(236 / step < 600 / 44);
        assert_eq!(tick_step(3, 600.0, 44.0), 1);
        assert_eq!(tick_step(236, 50.0, 44.0), 250);
    }
}
