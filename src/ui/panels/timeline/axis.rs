//! The panel's time axis: which days the view shows (fitted to a new
//! timeline, to everything or to the selection, then panned and zoomed by
//! the pointer) and the calendar ticks drawn along it. The view itself is
//! the core's [`TimeView`], a small value the panel keeps between frames.

use egui::{Align2, FontId, Rect, Stroke, pos2};

use super::{AXIS_HEIGHT, Canvas, PanelInput, PanelState};
use crate::core::timeline::axis::TimeView;
use crate::core::timeline::events::day_number;
use crate::core::timeline::model::{Entry, Timeline};

/// Fits the view once per new timeline (the speeches and events), when
/// "Fit all" asked for everything, or when "Fit selection" was clicked.
pub(super) fn fit_view(state: &mut PanelState, input: &PanelInput, width: f32, fit_selection: bool) {
    let tl = input.timeline;
    let count = tl.speeches.len() + tl.events.len() + tl.mentioned.len();
    if state.view.is_none() || state.fit_all || state.fitted_for != Some(count) {
        let first = if state.fit_all { extent(tl) } else { initial_extent(tl).or_else(|| extent(tl)) };
        let range = first.unwrap_or(day_number_f(1780)..day_number_f(2030));
        state.view = Some(TimeView::fit(range, width));
        state.fit_all = false;
        state.fitted_for = Some(count);
    }
    if fit_selection && let Some(range) = selection_extent(input) {
        state.view = Some(TimeView::fit(range, width));
    }
}

/// Dragging pans, a double-click fits everything, and over the plot
/// Ctrl+wheel or pinch zooms around the pointer while the wheel pans.
pub(super) fn pan_and_zoom(
    ui: &egui::Ui,
    view: &mut TimeView,
    background: &egui::Response,
    tl: &Timeline,
    plot: Rect,
    hovered: bool,
) {
    let width = plot.width().max(1.0);
    if background.dragged() {
        view.pan(background.drag_delta().x);
    }
    if background.double_clicked()
        && let Some(range) = extent(tl)
    {
        *view = TimeView::fit(range, width);
    }
    if hovered {
        let (zoom, scroll, pointer) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
        if let Some(p) = pointer {
            if zoom != 1.0 {
                view.zoom(p.x - plot.left(), f64::from(zoom), width);
            } else if scroll != egui::Vec2::ZERO {
                view.pan(scroll.x + scroll.y);
            }
        }
    }
}

/// The calendar ticks: a line down through the lanes and a label in the
/// tick row, stronger for major ones.
pub(super) fn ticks_ui(canvas: &Canvas) {
    let Canvas { rect, plot_painter, text_color, weak, grid, .. } = canvas;
    for t in &canvas.drawn.ticks(canvas.width, 64.0) {
        let x = canvas.x_of(t.day as f64);
        let stroke = if t.major { Stroke::new(1.0, *weak) } else { Stroke::new(1.0, *grid) };
        plot_painter.line_segment([pos2(x, rect.top() + AXIS_HEIGHT - 4.0), pos2(x, rect.bottom())], stroke);
        plot_painter.text(
            pos2(x + 3.0, rect.top() + 2.0),
            Align2::LEFT_TOP,
            &t.label,
            FontId::proportional(11.0),
            if t.major { *text_color } else { *weak },
        );
    }
}

/// The range of days to fit for "Fit all".
fn extent(tl: &Timeline) -> Option<std::ops::Range<f64>> {
    tl.extent().map(|r| r.start as f64..r.end as f64)
}

/// The range first shown for a new timeline: the speeches and events (the
/// dates mentioned reach centuries back and decades ahead).
fn initial_extent(tl: &Timeline) -> Option<std::ops::Range<f64>> {
    let all = || tl.speeches.iter().chain(&tl.events);
    let lo = all().map(|e| e.days.start).min()?;
    let hi = all().map(|e| e.days.end).max()?;
    Some(lo as f64..hi as f64)
}

/// The range of days to fit for "Fit selection": the selected phrase's
/// speeches, else the selected event and its window, else the columns shown.
fn selection_extent(input: &PanelInput) -> Option<std::ops::Range<f64>> {
    let tl = input.timeline;
    let span = |entries: &mut dyn Iterator<Item = &Entry>| {
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for e in entries {
            lo = lo.min(e.days.start);
            hi = hi.max(e.days.end);
        }
        (lo <= hi).then_some(lo as f64..hi as f64)
    };
    if !tl.phrase.is_empty() {
        return span(&mut tl.phrase.iter());
    }
    if let Some((k, window)) = input.selected_event
        && let Some(e) = tl.events.get(k)
    {
        return Some((e.days.start - window) as f64..(e.days.end + window) as f64);
    }
    span(&mut tl.speeches.iter().filter(|s| s.doc.is_some_and(|d| input.columns.contains(&d))))
}

/// The day number of 1 January of `year`.
pub(super) fn day_number_f(year: i32) -> f64 {
    chrono::NaiveDate::from_ymd_opt(year, 1, 1).map_or(0.0, |d| day_number(d) as f64)
}
