//! The timeline panel docked at the bottom of the window: the core's
//! [`Timeline`] lanes on one zoomable time axis. Ctrl+wheel or pinch zooms
//! around the pointer, dragging (or the wheel) pans, a double-click fits
//! everything; markers that would collide become count badges that expand
//! when clicked or zoomed. Right-click an entry to write a note on it;
//! entries with notes carry a small flag. It only draws and reports what
//! was clicked; the app turns that into commands.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, pos2, vec2};

use crate::core::notes::Note;
use crate::core::text::transcript::Transcript;
use crate::core::timeline::axis::{TimeView, clusters};
use crate::core::timeline::events::day_number;
use crate::core::timeline::model::{Entry, Lane, Timeline};
use crate::core::timeline::notes::EntryNotes;

/// Width of the lane names on the left.
const LABEL_WIDTH: f32 = 84.0;
/// Height of the tick row.
const AXIS_HEIGHT: f32 = 20.0;
/// Height of a lane's marker row.
const LANE_HEIGHT: f32 = 22.0;
/// Height of the phrase's per-year chart above its lane.
const CHART_HEIGHT: f32 = 14.0;
/// Markers closer than this (points) are drawn as one count badge; wide
/// enough that neighbouring badges of up to three digits never touch.
const MIN_GAP: f32 = 26.0;
/// Corner radius of a count badge. egui draws a corner of up to 5 points
/// (this radius and its 0.4 of extra roundness) with 5 vertices and a
/// rounder one with 9, and a software renderer holds every triangle of a
/// frame in memory: the badges of SOTU's fitted timeline cost 17,600
/// triangle indices instead of 32,000 at 6 points; they look the same.
const BADGE_ROUNDING: f32 = 4.0;

/// What the user did in the panel.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelAction {
    /// Open an entry (clicked, or Enter on the keyboard cursor): the lane
    /// and the entry's index in it.
    Open(Lane, usize),
    /// The "Open events…" button.
    OpenEvents,
    /// The "Clear events" button.
    ClearEvents,
    /// "Note on this …" from an entry's context menu: the lane and index.
    Note(Lane, usize),
    /// The note flag of an entry was clicked: show its notes.
    ShowNotes(Lane, usize),
    /// Show this on the phrase lane: `None` the selected phrase, `Some(k)`
    /// pinned search `k`.
    PhraseLane(Option<usize>),
}

/// A single marker drawn in the last frame (for tests and the state summary).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnMarker {
    /// Its lane.
    pub lane: Lane,
    /// Its index in the lane.
    pub index: usize,
    /// Its centre on screen.
    pub pos: Pos2,
}

/// What the panel remembers between frames.
#[derive(Debug, Default)]
pub struct PanelState {
    /// The visible time range; `None` until first fitted.
    pub view: Option<TimeView>,
    /// Fit everything on the next frame.
    pub fit_all: bool,
    /// The lane Left/Right move in.
    pub focus: Option<Lane>,
    /// The keyboard cursor: an index into the focused lane.
    pub cursor: Option<usize>,
    /// The panel takes the arrow keys (it was clicked last, or is hovered).
    active: bool,
    /// Single markers drawn last frame.
    pub markers: Vec<DrawnMarker>,
    /// Where the lanes were drawn last frame (screen points).
    pub plot: Option<Rect>,
    /// The timeline the view was fitted for (its number of entries), so a
    /// new corpus is fitted once when it arrives.
    fitted_for: Option<usize>,
}

impl PanelState {
    /// The focused lane (Speeches until another is clicked).
    pub fn focus(&self) -> Lane {
        self.focus.unwrap_or(Lane::Speeches)
    }
}

/// What the panel shows.
pub struct PanelInput<'a> {
    /// The lanes.
    pub timeline: &'a Timeline,
    /// The transcripts (for undated names).
    pub corpus: &'a [Arc<Transcript>],
    /// Corpus indices shown as columns.
    pub columns: &'a [usize],
    /// Speeches near the selected event (highlighted).
    pub highlighted: &'a [usize],
    /// The selected event (index into the events lane) and its window in days.
    pub selected_event: Option<(usize, i64)>,
    /// The speech under the pointer in the comparison view.
    pub hovered_doc: Option<usize>,
    /// The events loaded, for the header.
    pub events_loaded: usize,
    /// Dates are still being found in the background.
    pub building: bool,
    /// The workspace's notes, and which entries they are on.
    pub notes: &'a [Note],
    /// See [`EntryNotes::new`]; built for `timeline`.
    pub placed: &'a EntryNotes,
    /// The pinned searches that can be shown on the phrase lane (as shown).
    pub pinned: &'a [String],
    /// The pinned search the phrase lane shows, if it shows one.
    pub lane_search: Option<usize>,
}

fn lane_color(lane: Lane, dark: bool) -> Color32 {
    match (lane, dark) {
        (Lane::Speeches, true) => Color32::from_rgb(110, 170, 240),
        (Lane::Speeches, false) => Color32::from_rgb(30, 100, 190),
        (Lane::Events, true) => Color32::from_rgb(240, 150, 70),
        (Lane::Events, false) => Color32::from_rgb(200, 100, 20),
        (Lane::Mentioned, true) => Color32::from_rgb(120, 200, 130),
        (Lane::Mentioned, false) => Color32::from_rgb(30, 130, 60),
        (Lane::Phrase, true) => Color32::from_rgb(255, 214, 90),
        (Lane::Phrase, false) => Color32::from_rgb(180, 120, 0),
    }
}

/// The words a note flag is announced by: `note on ` and the entry's label.
pub fn note_flag_label(lane: Lane, e: &Entry) -> String {
    format!("note on {}", entry_label(lane, e))
}

/// What "Note on this …" says in an entry's context menu.
fn note_menu_label(lane: Lane) -> &'static str {
    match lane {
        Lane::Speeches => "Note on this speech…",
        Lane::Events => "Note on this event…",
        Lane::Mentioned => "Note on this sentence…",
        Lane::Phrase => "Note on this use…",
    }
}

/// The words an entry is announced by (tests find markers by them).
pub fn entry_label(lane: Lane, e: &Entry) -> String {
    let kind = match lane {
        Lane::Speeches => "speech",
        Lane::Events => "event",
        Lane::Mentioned => "mention",
        Lane::Phrase => "phrase",
    };
    format!("{kind} {} {}", e.date_label(), e.title)
}

fn tooltip(lane: Lane, e: &Entry, corpus: &[Arc<Transcript>]) -> String {
    let source = e.doc.and_then(|d| corpus.get(d)).map(|t| t.title.as_str()).unwrap_or("");
    let first_line = |s: &str| crate::core::text::shorten(s.lines().next().unwrap_or(""), 160);
    match lane {
        Lane::Speeches => format!("{}\n{}\n{}", e.date_label(), e.title, e.detail),
        Lane::Events => {
            let mut s = format!("{}\n{}", e.date_label(), e.title);
            if !e.detail.is_empty() {
                s.push('\n');
                s.push_str(&first_line(&e.detail));
            }
            s
        }
        Lane::Mentioned => {
            format!("{} — “{}” in {source}\n{}", e.date_label(), e.title, first_line(&e.detail_in(corpus)))
        }
        Lane::Phrase => format!("{}  {}\n“{}”", e.date_label(), e.title, first_line(&e.detail)),
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

/// Draws the panel; returns what the user asked for.
pub fn timeline_panel(ui: &mut egui::Ui, state: &mut PanelState, input: &PanelInput) -> Option<PanelAction> {
    let mut action = None;
    let tl = input.timeline;
    let mut fit_selection = false;
    ui.horizontal(|ui| {
        ui.strong("Timeline");
        if ui.button("Fit all").on_hover_text("Show everything (or double-click the timeline)").clicked() {
            state.fit_all = true;
        }
        if ui
            .button("Fit selection")
            .on_hover_text("Show the selected phrase's speeches, the selected event, or the columns shown")
            .clicked()
        {
            fit_selection = true;
        }
        ui.separator();
        if ui.button("Open events…").on_hover_text("A CSV or JSON file of outside events").clicked() {
            action = Some(PanelAction::OpenEvents);
        }
        if input.events_loaded > 0 && ui.small_button("Clear events").clicked() {
            action = Some(PanelAction::ClearEvents);
        }
        if !input.pinned.is_empty() {
            let shown = match input.lane_search.and_then(|k| input.pinned.get(k)) {
                Some(q) => format!("“{}”", crate::core::text::shorten(q, 30)),
                None => "selected phrase".to_string(),
            };
            let l = ui.label("Phrase lane:");
            egui::ComboBox::from_id_salt("phrase-lane")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    if ui.selectable_label(input.lane_search.is_none(), "selected phrase").clicked() {
                        action = Some(PanelAction::PhraseLane(None));
                    }
                    for (k, q) in input.pinned.iter().enumerate() {
                        let label = format!("pinned: “{}”", crate::core::text::shorten(q, 40));
                        if ui.selectable_label(input.lane_search == Some(k), label).clicked() {
                            action = Some(PanelAction::PhraseLane(Some(k)));
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        }
        ui.label(
            egui::RichText::new(format!(
                "{} speeches · {} events · {} dates mentioned",
                tl.speeches.len(),
                tl.events.len(),
                tl.mentioned.len()
            ))
            .small()
            .weak(),
        );
        if !tl.undated.is_empty() {
            let names: Vec<String> =
                tl.undated.iter().take(30).filter_map(|&i| input.corpus.get(i).map(|t| t.title.clone())).collect();
            ui.label(egui::RichText::new(format!("{} undated", tl.undated.len())).small())
                .on_hover_text(format!("Not on the axis:\n{}", names.join("\n")));
        }
        if input.building {
            ui.spinner();
            ui.label(egui::RichText::new("finding dates…").small());
        }
        ui.label(egui::RichText::new("Ctrl+wheel: zoom · drag: pan · Left/Right, Enter: walk a lane").small().weak());
    });
    let size = ui.available_size();
    let lanes_height = AXIS_HEIGHT + LANE_HEIGHT * 4.0 + CHART_HEIGHT + 6.0;
    let (rect, background) = ui.allocate_exact_size(vec2(size.x, size.y.max(lanes_height)), Sense::click_and_drag());
    let plot = Rect::from_min_max(pos2(rect.left() + LABEL_WIDTH, rect.top()), rect.max);
    let width = plot.width().max(1.0);
    state.plot = Some(plot);

    // The view: fitted once per new timeline, on request, or kept.
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
    let Some(mut view) = state.view else { return action };

    // Pan and zoom.
    let hovered = ui.rect_contains_pointer(plot);
    if background.dragged() {
        view.pan(background.drag_delta().x);
    }
    if background.double_clicked()
        && let Some(range) = extent(tl)
    {
        view = TimeView::fit(range, width);
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
    // Which panel gets the arrow keys: the one clicked last.
    if ui.input(|i| i.pointer.any_pressed()) {
        state.active = ui.input(|i| i.pointer.interact_pos()).is_some_and(|p| rect.contains(p));
    }

    let painter = ui.painter_at(rect);
    // Markers and ticks never spill over the lane names.
    let plot_painter = ui.painter_at(plot);
    let dark = ui.visuals().dark_mode;
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let grid = ui.visuals().widgets.noninteractive.bg_stroke.color;
    let drawn = view;
    let x_of = move |day: f64| plot.left() + drawn.x(day);

    // Axis ticks.
    let ticks = view.ticks(width, 64.0);
    for t in &ticks {
        let x = x_of(t.day as f64);
        let stroke = if t.major { Stroke::new(1.0, weak) } else { Stroke::new(1.0, grid) };
        plot_painter.line_segment([pos2(x, rect.top() + AXIS_HEIGHT - 4.0), pos2(x, rect.bottom())], stroke);
        plot_painter.text(
            pos2(x + 3.0, rect.top() + 2.0),
            Align2::LEFT_TOP,
            &t.label,
            FontId::proportional(11.0),
            if t.major { text_color } else { weak },
        );
    }

    // The selected event's window.
    if let Some((k, window)) = input.selected_event
        && let Some(e) = tl.events.get(k)
    {
        let band = Rect::from_x_y_ranges(
            x_of((e.days.start - window) as f64)..=x_of((e.days.end + window) as f64),
            rect.top() + AXIS_HEIGHT..=rect.bottom(),
        );
        painter.rect_filled(band.intersect(plot), 0.0, lane_color(Lane::Events, dark).gamma_multiply(0.15));
    }

    // Lanes.
    state.markers.clear();
    let mut y = rect.top() + AXIS_HEIGHT;
    let focus = state.focus();
    for lane in Lane::ALL {
        let chart = if lane == Lane::Phrase { CHART_HEIGHT } else { 0.0 };
        let row = Rect::from_x_y_ranges(rect.left()..=rect.right(), y..=y + chart + LANE_HEIGHT);
        y = row.bottom();
        painter.line_segment([row.left_bottom(), row.right_bottom()], Stroke::new(1.0, grid));
        let label_rect = Rect::from_min_size(row.min, vec2(LABEL_WIDTH - 4.0, row.height()));
        let label = ui.interact(label_rect, ui.scope_id().with(("lane", lane)), Sense::click());
        label.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} lane", lane.label())));
        let label = if lane == Lane::Phrase {
            let what = match input.lane_search.and_then(|k| input.pinned.get(k)) {
                Some(q) => format!("The speeches matching the pinned search “{q}”, matches per year above"),
                None => "The speeches using the selected phrase, speeches per year above".to_string(),
            };
            label.on_hover_text(what)
        } else {
            label
        };
        if label.clicked() {
            state.focus = Some(lane);
            state.cursor = None;
        }
        let name = if lane == focus { format!("› {}", lane.label()) } else { lane.label().to_string() };
        painter.text(
            pos2(row.left() + 4.0, row.bottom() - LANE_HEIGHT / 2.0),
            Align2::LEFT_CENTER,
            name,
            FontId::proportional(12.0),
            if lane == focus { text_color } else { weak },
        );
        let entries = tl.lane(lane);
        let color = lane_color(lane, dark);
        if lane == Lane::Phrase && !tl.phrase_years.is_empty() {
            let max = tl.phrase_years.iter().map(|&(_, n)| n).max().unwrap_or(1).max(1) as f32;
            let year_px = (365.25 / view.days_per_point) as f32;
            for &(year, n) in &tl.phrase_years {
                let x = x_of(day_number_f(year) + 182.6);
                if x < plot.left() - year_px || x > plot.right() + year_px {
                    continue;
                }
                let h = (n as f32 / max * (CHART_HEIGHT - 2.0)).max(1.5);
                let w = (year_px * 0.8).clamp(1.5, 40.0);
                plot_painter.rect_filled(
                    Rect::from_center_size(pos2(x, row.top() + CHART_HEIGHT - h / 2.0), vec2(w, h)),
                    0.0,
                    color.gamma_multiply(0.6),
                );
            }
        }
        let cy = row.bottom() - LANE_HEIGHT / 2.0;
        // Visible entries (a margin keeps a badge from popping at the edges).
        let (lo, hi) = (view.day(-MIN_GAP * 2.0), view.day(width + MIN_GAP * 2.0));
        let visible: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].days.end as f64 >= lo && (entries[i].days.start as f64) <= hi)
            .collect();
        let xs: Vec<f32> = visible.iter().map(|&i| x_of(entries[i].mid())).collect();
        let groups = clusters(&xs, MIN_GAP);
        for (g, range) in groups.iter().enumerate() {
            let members = &visible[range.clone()];
            let x = xs[range.start];
            let next_x = groups.get(g + 1).map_or(plot.right() + 200.0, |r| xs[r.start]);
            let is_cursor = lane == focus && state.cursor.is_some_and(|c| members.contains(&c));
            if members.len() == 1 {
                let i = members[0];
                let e = &entries[i];
                let shown = e.doc.is_some_and(|d| input.columns.contains(&d)) && lane == Lane::Speeches;
                let near = e.doc.is_some_and(|d| input.highlighted.contains(&d)) && lane == Lane::Speeches;
                let (x0, x1) = (x_of(e.days.start as f64), x_of(e.days.end as f64));
                let marker = if x1 - x0 > 6.0 {
                    Rect::from_x_y_ranges(x0.max(plot.left() - 4.0)..=x1.min(plot.right() + 4.0), cy - 4.0..=cy + 4.0)
                } else {
                    Rect::from_center_size(pos2(x, cy), vec2(9.0, 9.0))
                };
                let hit = marker.expand2(vec2(2.0, 5.0)).intersect(plot);
                let response = ui.interact(hit, ui.scope_id().with(("entry", lane, i)), Sense::click());
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, entry_label(lane, e)));
                let fill = if near { ui.visuals().warn_fg_color } else { color };
                if marker.width() > 10.0 {
                    plot_painter.rect_filled(marker, 2.0, fill.gamma_multiply(0.7));
                } else {
                    plot_painter.circle_filled(marker.center(), 4.0, fill);
                }
                if shown {
                    plot_painter.circle_stroke(pos2(x, cy), 6.5, Stroke::new(2.0, text_color));
                }
                if is_cursor || response.hovered() {
                    plot_painter.rect_stroke(hit, 2.0, Stroke::new(1.5, text_color), egui::StrokeKind::Outside);
                }
                // The title after the marker, when there is room for it.
                let after = if marker.width() > 10.0 { marker.right() } else { x }.max(plot.left());
                let room = next_x - after - 14.0;
                if room > 48.0 && matches!(lane, Lane::Events | Lane::Mentioned | Lane::Speeches) {
                    let chars = (room / 6.5) as usize;
                    plot_painter.text(
                        pos2(after + 8.0, cy),
                        Align2::LEFT_CENTER,
                        crate::core::text::shorten(&e.title, chars),
                        FontId::proportional(11.0),
                        weak,
                    );
                }
                if plot.contains(pos2(x, cy)) {
                    state.markers.push(DrawnMarker { lane, index: i, pos: pos2(x, cy) });
                }
                // Built only when shown: thousands of markers are drawn per frame.
                let response = response.on_hover_ui(|ui| {
                    ui.label(tooltip(lane, e, input.corpus));
                });
                if response.clicked() {
                    state.focus = Some(lane);
                    state.cursor = Some(i);
                    action = Some(PanelAction::Open(lane, i));
                }
                response.context_menu(|ui| {
                    if ui.button(note_menu_label(lane)).clicked() {
                        action = Some(PanelAction::Note(lane, i));
                        ui.close();
                    }
                });
                let on = input.placed.of(lane, i);
                if !on.is_empty() {
                    // A small flag up and right of the marker; a click shows the notes.
                    let flag = Rect::from_min_size(pos2(x + 4.0, cy - 10.0), vec2(6.0, 6.0));
                    plot_painter.rect_filled(flag, 1.0, note_color(dark));
                    let hit = flag.expand(1.0).intersect(plot);
                    let r = ui.interact(hit, ui.scope_id().with(("note", lane, i)), Sense::click());
                    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, note_flag_label(lane, e)));
                    let r = r.on_hover_ui(|ui| {
                        for &k in on.iter().take(8) {
                            if let Some(n) = input.notes.get(k) {
                                ui.label(note_line(n));
                            }
                        }
                        if on.len() > 8 {
                            ui.label(format!("… and {} more", on.len() - 8));
                        }
                    });
                    if r.clicked() {
                        action = Some(PanelAction::ShowNotes(lane, i));
                    }
                }
            } else {
                // A count badge at the group's middle; a click zooms into it.
                let mid = (x + xs[range.end - 1]) / 2.0;
                let text = members.len().to_string();
                let font = FontId::proportional(10.5);
                let galley = plot_painter.layout_no_wrap(text, font, text_color);
                let badge = Rect::from_center_size(pos2(mid, cy), galley.size() + vec2(8.0, 3.0));
                let response =
                    ui.interact(badge.intersect(plot), ui.scope_id().with(("badge", lane, members[0])), Sense::click());
                let label = format!(
                    "{} {} entries from {}",
                    members.len(),
                    lane.label().to_lowercase(),
                    entries[members[0]].date_label()
                );
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
                let shown = lane == Lane::Speeches
                    && members.iter().any(|&i| entries[i].doc.is_some_and(|d| input.columns.contains(&d)));
                plot_painter.rect_filled(badge, BADGE_ROUNDING, color.gamma_multiply(if dark { 0.45 } else { 0.3 }));
                let stroke = if shown || is_cursor || response.hovered() { 1.5 } else { 0.0 };
                plot_painter.rect_stroke(
                    badge,
                    BADGE_ROUNDING,
                    Stroke::new(stroke, text_color),
                    egui::StrokeKind::Outside,
                );
                plot_painter.galley(badge.center() - galley.size() / 2.0, galley, text_color);
                if members.iter().any(|&i| !input.placed.of(lane, i).is_empty()) {
                    let flag = Rect::from_min_size(badge.right_top() + vec2(-3.0, -4.0), vec2(5.0, 5.0));
                    plot_painter.rect_filled(flag, 1.0, note_color(dark));
                }
                let response = response.on_hover_ui(|ui| {
                    for &i in members.iter().take(12) {
                        ui.label(format!("{}  {}", entries[i].date_label(), entries[i].title));
                    }
                    if members.len() > 12 {
                        ui.label(format!("… and {} more (click or zoom in)", members.len() - 12));
                    }
                });
                let lo = members.iter().map(|&i| entries[i].days.start).min().unwrap_or(0);
                let hi = members.iter().map(|&i| entries[i].days.end).max().unwrap_or(0);
                if members.iter().all(|&i| entries[i].days.start == lo) {
                    // The same day: no zoom tells them apart; a menu lists them.
                    egui::Popup::menu(&response).show(|ui| {
                        for &i in members.iter().take(40) {
                            let e = &entries[i];
                            if ui.button(format!("{} ({})", e.title, e.date_label())).clicked() {
                                state.focus = Some(lane);
                                state.cursor = Some(i);
                                action = Some(PanelAction::Open(lane, i));
                            }
                        }
                    });
                } else if response.clicked() {
                    view = TimeView::fit(lo as f64..hi as f64, width);
                }
            }
        }
    }

    // The speech under the pointer in the comparison view.
    if let Some(e) = input.hovered_doc.and_then(|d| tl.speeches.iter().find(|s| s.doc == Some(d))) {
        let x = x_of(e.mid());
        if plot.x_range().contains(x) {
            plot_painter.line_segment(
                [pos2(x, rect.top() + AXIS_HEIGHT), pos2(x, rect.bottom())],
                Stroke::new(1.5, ui.visuals().selection.stroke.color),
            );
        }
    }

    // Keyboard: Left/Right walk the focused lane, Up/Down change lanes, Enter opens.
    if (state.active || hovered) && !ui.ctx().egui_wants_keyboard_input() {
        let entries = tl.lane(focus);
        let (left, right, up, down, enter) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::ArrowRight),
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::Enter),
            )
        });
        if up || down {
            let k = Lane::ALL.iter().position(|&l| l == focus).unwrap_or(0);
            let k = if up { k.saturating_sub(1) } else { (k + 1).min(Lane::ALL.len() - 1) };
            state.focus = Some(Lane::ALL[k]);
            state.cursor = None;
        }
        if (left || right) && !entries.is_empty() {
            let centre = view.day(width / 2.0);
            let c = match state.cursor {
                Some(c) if right => (c + 1).min(entries.len() - 1),
                Some(c) => c.saturating_sub(1),
                // First press: the entry nearest the middle of the view.
                None => entries.partition_point(|e| (e.days.start as f64) < centre).min(entries.len() - 1),
            };
            state.cursor = Some(c);
            let x = view.x(entries[c].mid());
            if !(0.0..=width).contains(&x) {
                view.pan(width / 2.0 - x);
            }
        }
        if enter && let Some(c) = state.cursor.filter(|&c| c < entries.len()) {
            action = Some(PanelAction::Open(focus, c));
        }
    }
    state.view = Some(view);
    action
}

/// The colour of note flags: magenta, unlike every lane's colour (the
/// report's timeline uses the light one).
fn note_color(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(240, 120, 210) } else { Color32::from_rgb(176, 38, 150) }
}

/// A note as one line of a tooltip: its text (or that it has none) and tags.
fn note_line(n: &Note) -> String {
    let text = if n.text.trim().is_empty() { "(no text)" } else { n.text.trim() };
    let text = crate::core::text::shorten(text.lines().next().unwrap_or(""), 120);
    if n.tags.is_empty() { format!("Note: {text}") } else { format!("Note: {text}  #{}", n.tags.join(" #")) }
}

fn day_number_f(year: i32) -> f64 {
    chrono::NaiveDate::from_ymd_opt(year, 1, 1).map_or(0.0, |d| day_number(d) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::transcript::{DateSource, SpeechDate};
    use crate::core::timeline::model::Timeline;

    #[test]
    fn a_mention_tooltip_quotes_its_sentence_from_the_speech() {
        let mut t =
            Transcript::from_text("a.txt", "Address", "Hello.\n\nLast   December we  were attacked. Then more.");
        t.date = Some(SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(1942, 1, 6).unwrap(),
            precision: crate::core::text::transcript::DatePrecision::Day,
            source: DateSource::Header,
        });
        let corpus = vec![Arc::new(t)];
        let tl = Timeline::build(&corpus, &[]);
        let m = tl.mentioned.first().expect("the mention of last December");
        assert!(m.detail.is_empty(), "the sentence is not copied into the entry");
        let shown = tooltip(Lane::Mentioned, m, &corpus);
        assert_eq!(shown, "1941-12 — “Last   December” in Address\nLast December we were attacked.");
    }
}
