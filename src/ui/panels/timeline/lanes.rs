//! The panel's lanes, one row each: the lane's name (a click focuses it),
//! the phrase lane's per-year chart, and the entries of the lane as
//! markers, with their titles when there is room, their tooltips, their
//! context menu and the flags of the notes on them. Markers that would
//! collide are grouped and handed to `badges`. Also the bands and
//! lines drawn across the lanes: the selected event's window and the
//! speech under the pointer in the comparison view.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

use super::axis::day_number_f;
use super::{
    AXIS_HEIGHT, CHART_HEIGHT, Canvas, DrawnMarker, LABEL_WIDTH, LANE_HEIGHT, MIN_GAP, PanelInput, PanelState, badges,
};
use crate::core::notes::Note;
use crate::core::text::transcript::Transcript;
use crate::core::timeline::axis::{TimeView, clusters};
use crate::core::timeline::model::{Entry, Lane, Timeline};
use crate::ui::app::Command;

/// A lane's entries as runs of entries with the same days, kept while the
/// lane is the same: every visible run is placed and grouped in every
/// frame. A lane's entries are in date order, so entries with the same
/// days are next to each other; a corpus of copies (24,900 speeches on 249
/// dates, half a million mentions of 5,000) has a hundred times fewer runs
/// than entries, and a million events read entry by entry took 49 ms a
/// frame.
#[derive(Debug, Default)]
pub(super) struct LaneDays {
    /// The entries it was made from: their address and number, and the
    /// subset's.
    key: (usize, usize, usize, usize),
    runs: Arc<[Run]>,
    /// The visible runs and their x of the last frame: buffers used again,
    /// not allocated anew.
    buffers: (Vec<Run>, Vec<f32>),
}

/// Consecutive entries of a lane with the same days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    /// Their days, `(first, after the last)`.
    pub days: (i64, i64),
    /// Their indices in the lane.
    pub entries: std::ops::Range<usize>,
}

impl LaneDays {
    /// The runs of `entries` (of those at `subset` when given; the runs'
    /// ranges are then positions in it), made again when they changed.
    pub(super) fn of(&mut self, entries: &[Entry], subset: Option<&[usize]>) -> Arc<[Run]> {
        let (sp, sl) = subset.map_or((0, 0), |s| (s.as_ptr() as usize, s.len()));
        let key = (entries.as_ptr() as usize, entries.len(), sp, sl);
        if self.key != key {
            self.runs = runs_of(entries, subset).into();
            self.key = key;
        }
        self.runs.clone()
    }
}

/// The runs of entries with the same days, in order (of the entries at
/// `subset`, by their positions in it, when given).
fn runs_of(entries: &[Entry], subset: Option<&[usize]>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let n = subset.map_or(entries.len(), |s| s.len());
    for i in 0..n {
        let Some(e) = entries.get(subset.map_or(i, |s| s[i])) else { continue };
        let days = (e.days.start, e.days.end);
        match runs.last_mut() {
            Some(r) if r.days == days => r.entries.end = i + 1,
            _ => runs.push(Run { days, entries: i..i + 1 }),
        }
    }
    runs
}

/// The entries of a group: consecutive visible runs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Members<'a> {
    runs: &'a [Run],
    /// The entries the runs' ranges are positions of (a lane split by a
    /// field); `None`: the lane's.
    subset: Option<&'a [usize]>,
}

impl<'a> Members<'a> {
    /// How many entries.
    pub fn len(&self) -> usize {
        self.runs.iter().map(|r| r.entries.len()).sum()
    }

    /// The entry at position `k`.
    fn at(&self, k: usize) -> usize {
        self.subset.map_or(k, |s| s[k])
    }

    /// The first entry.
    pub fn first(&self) -> usize {
        self.runs.first().map_or(0, |r| self.at(r.entries.start))
    }

    /// Every entry, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + 'a {
        let subset = self.subset;
        self.runs.iter().flat_map(|r| r.entries.clone()).map(move |k| subset.map_or(k, |s| s[k]))
    }

    /// Whether entry `i` is one of them.
    pub fn contains(&self, i: usize) -> bool {
        match self.subset {
            None => self.runs.iter().any(|r| r.entries.contains(&i)),
            Some(s) => self.runs.iter().any(|r| s[r.entries.clone()].binary_search(&i).is_ok()),
        }
    }

    /// The first day of the earliest and the day after the latest.
    pub fn days(&self) -> (i64, i64) {
        let lo = self.runs.iter().map(|r| r.days.0).min().unwrap_or(0);
        let hi = self.runs.iter().map(|r| r.days.1).max().unwrap_or(0);
        (lo, hi)
    }

    /// Whether they all start on the same day (no zoom tells them apart).
    pub fn same_start(&self) -> bool {
        self.runs.windows(2).all(|w| w[0].days.0 == w[1].days.0)
    }
}

/// Markers close together in a lane, drawn as one marker when the group
/// holds one entry and as a count badge otherwise.
pub(super) struct Group<'a> {
    /// The lane.
    pub lane: Lane,
    /// The lane's entries.
    pub entries: &'a [Entry],
    /// The group's entries (indices into `entries`, in order).
    pub members: Members<'a>,
    /// The screen x of the first and the last member.
    pub x: f32,
    pub last_x: f32,
    /// The screen x of the next group (or well past the right edge).
    pub next_x: f32,
    /// The screen y of the lane's markers.
    pub cy: f32,
    /// The lane's colour.
    pub color: Color32,
    /// The keyboard cursor is on one of the members.
    pub is_cursor: bool,
}

/// A lane's row being drawn.
struct Row<'a> {
    /// The lane.
    lane: Lane,
    /// Its area: the name on the left, the chart (phrase lane) and the markers.
    rect: Rect,
    /// The height of its markers' part (below the chart).
    height: f32,
    /// The colour of its markers.
    color: Color32,
    /// It was the focused lane when the frame started drawing.
    focused: bool,
    /// Its entries, when a part of the lane's (speeches by field).
    subset: Option<&'a [usize]>,
    /// Its speech row, when it is one of several (or filtered).
    sub: Option<usize>,
}

/// The colour of a lane's markers.
pub(super) fn lane_color(lane: Lane, dark: bool) -> Color32 {
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

/// The colour of note flags: magenta, unlike every lane's colour (the
/// report's timeline uses the light one).
pub(super) fn note_color(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(240, 120, 210) } else { Color32::from_rgb(176, 38, 150) }
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
    format!("{kind} {} {}", e.date_label(), crate::core::text::bidi::clean_field(&e.title))
}

fn tooltip(lane: Lane, e: &Entry, corpus: &[Arc<Transcript>]) -> String {
    use crate::ui::bidi::isolate;
    // Titles, speakers and descriptions are fields: none reorders the others.
    let source = isolate(e.doc.and_then(|d| corpus.get(d)).map(|t| t.title.as_str()).unwrap_or(""));
    let first_line = |s: &str| isolate(&crate::core::text::shorten(s.lines().next().unwrap_or(""), 160));
    let title = isolate(&e.title);
    match lane {
        Lane::Speeches => format!("{}\n{title}\n{}", e.date_label(), isolate(&e.detail)),
        Lane::Events => {
            let mut s = format!("{}\n{title}", e.date_label());
            if !e.detail.is_empty() {
                s.push('\n');
                s.push_str(&first_line(&e.detail));
            }
            s
        }
        Lane::Mentioned => {
            format!("{} — “{title}” in {source}\n{}", e.date_label(), first_line(&e.detail_in(corpus)))
        }
        Lane::Phrase => format!("{}  {title}\n“{}”", e.date_label(), first_line(&e.detail)),
    }
}

/// A note as one line of a tooltip: its text (or that it has none) and tags.
fn note_line(n: &Note) -> String {
    let text = if n.text.trim().is_empty() { "(no text)" } else { n.text.trim() };
    let text = crate::core::text::shorten(text.lines().next().unwrap_or(""), 120);
    if n.tags.is_empty() { format!("Note: {text}") } else { format!("Note: {text}  #{}", n.tags.join(" #")) }
}

/// The selected event's window, shaded across the lanes.
pub(super) fn event_window_ui(canvas: &Canvas, input: &PanelInput) {
    if let Some((k, window)) = input.selected_event
        && let Some(e) = input.timeline.events.get(k)
    {
        let band = Rect::from_x_y_ranges(
            canvas.x_of((e.days.start - window) as f64)..=canvas.x_of((e.days.end + window) as f64),
            canvas.rect.top() + AXIS_HEIGHT..=canvas.rect.bottom(),
        );
        canvas.painter.rect_filled(
            band.intersect(canvas.plot),
            0.0,
            lane_color(Lane::Events, canvas.dark).gamma_multiply(0.15),
        );
    }
}

/// Every lane, top to bottom, and the markers on it (remembered in
/// `state.markers`). `view` is the view as it stands: a click on a badge
/// zooms it.
pub(super) fn lanes_ui(
    ui: &egui::Ui,
    state: &mut PanelState,
    input: &PanelInput,
    canvas: &Canvas,
    view: &mut TimeView,
    command: &mut Option<Command>,
) {
    state.markers.clear();
    let mut y = canvas.rect.top() + AXIS_HEIGHT;
    let speech = canvas.speech.clone();
    let split = speech.rows.len() > 1 || input.fields.lanes_by.is_some();
    if state.sub_days.len() != speech.rows.len() {
        state.sub_days.resize_with(speech.rows.len(), LaneDays::default);
    }
    for lane in Lane::ALL {
        if lane == Lane::Speeches && speech.rows.iter().any(|r| r.subset.is_some()) {
            let height = if speech.rows.len() > 1 { super::speech_lanes::SUB_LANE_HEIGHT } else { LANE_HEIGHT };
            for (k, sr) in speech.rows.iter().enumerate() {
                let rect = Rect::from_x_y_ranges(canvas.rect.left()..=canvas.rect.right(), y..=y + height);
                y = rect.bottom();
                let color = sr
                    .color
                    .map_or(lane_color(lane, canvas.dark), |c| crate::ui::panels::palette::value_color(c, canvas.dark));
                let focused = lane == canvas.focus;
                let subset = sr.subset.as_deref();
                let row = Row { lane, rect, height, color, focused, subset, sub: Some(k) };
                if split {
                    super::speech_lanes::sub_lane_name_ui(ui, state, canvas, sr, k, rect);
                } else {
                    lane_name_ui(ui, state, input, canvas, &row);
                }
                markers_ui(ui, state, input, canvas, view, &row, command);
            }
            continue;
        }
        let chart = if lane == Lane::Phrase { CHART_HEIGHT } else { 0.0 };
        let rect = Rect::from_x_y_ranges(canvas.rect.left()..=canvas.rect.right(), y..=y + chart + LANE_HEIGHT);
        y = rect.bottom();
        let color = lane_color(lane, canvas.dark);
        let row =
            Row { lane, rect, height: LANE_HEIGHT, color, focused: lane == canvas.focus, subset: None, sub: None };
        lane_name_ui(ui, state, input, canvas, &row);
        if lane == Lane::Phrase && !input.timeline.phrase_years.is_empty() {
            phrase_chart_ui(canvas, input.timeline, view, &row);
        }
        markers_ui(ui, state, input, canvas, view, &row, command);
    }
}

/// The line under a lane and its name on the left, a button that focuses it.
fn lane_name_ui(ui: &egui::Ui, state: &mut PanelState, input: &PanelInput, canvas: &Canvas, row: &Row) {
    let Row { lane, rect: row, focused, height, .. } = *row;
    canvas.painter.line_segment([row.left_bottom(), row.right_bottom()], Stroke::new(1.0, canvas.grid));
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
    // Tabbing onto a lane's name focuses the lane; Enter there then opens
    // the entry under the cursor (the keyboard's part) instead of clicking.
    if (label.clicked() && !label.has_focus()) || label.gained_focus() {
        state.focus = Some(lane);
        state.cursor = None;
    }
    let name = if focused { format!("› {}", lane.label()) } else { lane.label().to_string() };
    canvas.painter.text(
        pos2(row.left() + 4.0, row.bottom() - height / 2.0),
        Align2::LEFT_CENTER,
        name,
        FontId::proportional(12.0),
        if focused { canvas.text_color } else { canvas.weak },
    );
}

/// The phrase lane's chart above its markers: one bar a year, as high as
/// that year's count.
fn phrase_chart_ui(canvas: &Canvas, tl: &Timeline, view: &TimeView, row: &Row) {
    let Row { rect: row, color, .. } = *row;
    let plot = canvas.plot;
    let max = tl.phrase_years.iter().map(|y| y.count).max().unwrap_or(1).max(1) as f32;
    let year_px = (365.25 / view.days_per_point) as f32;
    for &crate::core::text::YearCount { year, count: n } in &tl.phrase_years {
        let x = canvas.x_of(day_number_f(year) + 182.6);
        if x < plot.left() - year_px || x > plot.right() + year_px {
            continue;
        }
        let h = (n as f32 / max * (CHART_HEIGHT - 2.0)).max(1.5);
        let w = (year_px * 0.8).clamp(1.5, 40.0);
        canvas.plot_painter.rect_filled(
            Rect::from_center_size(pos2(x, row.top() + CHART_HEIGHT - h / 2.0), vec2(w, h)),
            0.0,
            color.gamma_multiply(0.6),
        );
    }
}

/// A lane's visible entries, grouped where they would collide: a group of
/// one is a marker, a larger one a count badge.
fn markers_ui(
    ui: &egui::Ui,
    state: &mut PanelState,
    input: &PanelInput,
    canvas: &Canvas,
    view: &mut TimeView,
    row: &Row,
    command: &mut Option<Command>,
) {
    let Row { lane, rect: row, color, focused, height, subset, sub } = *row;
    let entries = input.timeline.lane(lane);
    let cy = row.bottom() - height / 2.0;
    // Visible entries (a margin keeps a badge from popping at the edges).
    let (lo, hi) = (view.day(-MIN_GAP * 2.0), view.day(canvas.width + MIN_GAP * 2.0));
    let days = match sub {
        Some(k) => &mut state.sub_days[k],
        None => &mut state.lane_days[lane_slot(lane)],
    };
    let runs = days.of(entries, subset);
    let (mut visible, mut xs) = std::mem::take(&mut days.buffers);
    visible.clear();
    visible.extend(runs.iter().filter(|r| r.days.1 as f64 >= lo && (r.days.0 as f64) <= hi).cloned());
    xs.clear();
    xs.extend(visible.iter().map(|r| canvas.x_of((r.days.0 + r.days.1) as f64 / 2.0)));
    let groups = clusters(&xs, MIN_GAP);
    for (g, range) in groups.iter().enumerate() {
        let members = Members { runs: &visible[range.clone()], subset };
        let group = Group {
            lane,
            entries,
            members,
            x: xs[range.start],
            last_x: xs[range.end - 1],
            next_x: groups.get(g + 1).map_or(canvas.plot.right() + 200.0, |r| xs[r.start]),
            cy,
            color: if lane == Lane::Speeches { group_color(canvas, members).unwrap_or(color) } else { color },
            is_cursor: focused && state.cursor.is_some_and(|c| members.contains(c)),
        };
        if members.len() == 1 {
            marker_ui(ui, state, input, canvas, &group, command);
        } else {
            badges::badge_ui(ui, state, input, canvas, view, &group, command);
        }
    }
    let days = match sub {
        Some(k) => &mut state.sub_days[k],
        None => &mut state.lane_days[lane_slot(lane)],
    };
    days.buffers = (visible, xs);
}

/// The colour of speeches coloured by a field when they all share it.
fn group_color(canvas: &Canvas, members: Members) -> Option<Color32> {
    let colors = canvas.speech.colors.as_ref()?;
    let mut each = members.iter().map(|i| colors.get(i).copied().flatten());
    let first = each.next()?;
    each.all(|c| c == first).then(|| crate::ui::panels::palette::value_color(first, canvas.dark))
}

/// A single entry's marker: a dot, or a bar when its days are wide enough;
/// ringed when its speech is a column, outlined under the cursor or the
/// pointer, followed by its title when there is room. A click opens it,
/// its context menu writes a note on it.
fn marker_ui(
    ui: &egui::Ui,
    state: &mut PanelState,
    input: &PanelInput,
    canvas: &Canvas,
    group: &Group,
    command: &mut Option<Command>,
) {
    let Group { lane, x, next_x, cy, color, is_cursor, .. } = *group;
    let Canvas { plot, ref plot_painter, text_color, weak, .. } = *canvas;
    let i = group.members.first();
    let e = &group.entries[i];
    let shown = e.doc.is_some_and(|d| input.columns.contains(&d)) && lane == Lane::Speeches;
    let near = e.doc.is_some_and(|d| input.highlighted.contains(&d)) && lane == Lane::Speeches;
    let (x0, x1) = (canvas.x_of(e.days.start as f64), canvas.x_of(e.days.end as f64));
    let marker = if x1 - x0 > 6.0 {
        Rect::from_x_y_ranges(x0.max(plot.left() - 4.0)..=x1.min(plot.right() + 4.0), cy - 4.0..=cy + 4.0)
    } else {
        Rect::from_center_size(pos2(x, cy), vec2(9.0, 9.0))
    };
    let hit = marker.expand2(vec2(2.0, 5.0)).intersect(plot);
    let response = ui.interact(hit, ui.scope_id().with(("entry", lane, i)), Sense::CLICK);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, entry_label(lane, e)));
    let by_field = if lane == Lane::Speeches { canvas.speech.color_of(i, canvas.dark) } else { None };
    let fill = if near { ui.visuals().warn_fg_color } else { by_field.unwrap_or(color) };
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
        crate::ui::bidi::paint_text(
            plot_painter,
            pos2(after + 8.0, cy),
            Align2::LEFT_CENTER,
            &crate::ui::bidi::isolate(&crate::core::text::shorten(&e.title, chars)),
            FontId::proportional(11.0),
            weak,
        );
    }
    if plot.contains(pos2(x, cy)) {
        state.markers.push(DrawnMarker { lane, index: i, pos: pos2(x, cy) });
    }
    // Built only when shown: thousands of markers are drawn per frame.
    let response = response.on_hover_ui(|ui| {
        ui.label(crate::ui::bidi::label(ui, tooltip(lane, e, input.corpus)));
    });
    if response.clicked() {
        state.focus = Some(lane);
        state.cursor = Some(i);
        *command = Some(Command::OpenEntry(lane, i));
    }
    response.context_menu(|ui| {
        if ui.button(note_menu_label(lane)).clicked() {
            *command = Some(Command::NoteOnEntry(lane, i));
            ui.close();
        }
    });
    note_flag_ui(ui, input, canvas, group, command);
}

/// The flag of the notes on a single marker's entry, up and right of it,
/// when it has any: its tooltip lists them, a click shows them.
fn note_flag_ui(ui: &egui::Ui, input: &PanelInput, canvas: &Canvas, group: &Group, command: &mut Option<Command>) {
    let Group { lane, x, cy, .. } = *group;
    let i = group.members.first();
    let e = &group.entries[i];
    let on = input.placed.of(lane, i);
    if on.is_empty() {
        return;
    }
    let flag = Rect::from_min_size(pos2(x + 4.0, cy - 10.0), vec2(6.0, 6.0));
    canvas.plot_painter.rect_filled(flag, 1.0, note_color(canvas.dark));
    let hit = flag.expand(1.0).intersect(canvas.plot);
    let r = ui.interact(hit, ui.scope_id().with(("note", lane, i)), Sense::CLICK);
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
        *command = Some(Command::ShowEntryNotes(lane, i));
    }
}

/// A line through the lanes at the speech under the pointer in the
/// comparison view.
pub(super) fn hovered_speech_ui(ui: &egui::Ui, canvas: &Canvas, input: &PanelInput) {
    let tl = input.timeline;
    if let Some(e) = input.hovered_doc.and_then(|d| tl.speeches.iter().find(|s| s.doc == Some(d))) {
        let x = canvas.x_of(e.mid());
        if canvas.plot.x_range().contains(x) {
            canvas.plot_painter.line_segment(
                [pos2(x, canvas.rect.top() + AXIS_HEIGHT), pos2(x, canvas.rect.bottom())],
                Stroke::new(1.5, ui.visuals().selection.stroke.color),
            );
        }
    }
}

/// Where a lane's [`LaneDays`] are kept in the panel's state.
pub(super) fn lane_slot(lane: Lane) -> usize {
    match lane {
        Lane::Speeches => 0,
        Lane::Events => 1,
        Lane::Mentioned => 2,
        Lane::Phrase => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::transcript::{DateSource, SpeechDate};

    fn dated(name: &str, y: i32, m: u32, d: u32) -> Arc<Transcript> {
        let mut t = Transcript::from_text(name, name, "Words.");
        t.date = Some(SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            precision: crate::core::text::transcript::DatePrecision::Day,
            source: DateSource::Header,
        });
        Arc::new(t)
    }

    #[test]
    fn entries_of_the_same_days_make_one_run_and_a_group_of_runs_answers_for_its_entries() {
        // Three copies of one day, one of another, two of a third.
        let corpus: Vec<Arc<Transcript>> = [(1790, 1, 8), (1790, 1, 8), (1790, 1, 8), (1790, 12, 8), (1791, 10, 25)]
            .iter()
            .chain(&[(1791, 10, 25)])
            .enumerate()
            .map(|(i, &(y, m, d))| dated(&format!("{i}.txt"), y, m, d))
            .collect();
        let tl = Timeline::build(&corpus, &[]);
        let runs = runs_of(&tl.speeches, None);
        assert_eq!(runs.iter().map(|r| r.entries.clone()).collect::<Vec<_>>(), vec![0..3, 3..4, 4..6]);
        let all = Members { runs: &runs, subset: None };
        assert_eq!(all.len(), 6);
        assert_eq!(all.first(), 0);
        assert_eq!(all.iter().collect::<Vec<_>>(), (0..6).collect::<Vec<_>>());
        assert!(all.contains(5) && !all.contains(6));
        assert_eq!(all.days(), (runs[0].days.0, runs[2].days.1));
        assert!(!all.same_start());
        let first = Members { runs: &runs[..1], subset: None };
        assert!(first.same_start() && first.len() == 3 && !first.contains(3));
        // Kept while the lane is the same, made again for another.
        let mut kept = LaneDays::default();
        let a = kept.of(&tl.speeches, None);
        assert!(Arc::ptr_eq(&a, &kept.of(&tl.speeches, None)));
        assert_eq!(kept.of(&tl.speeches[..4], None).len(), 2);
        // A part of the lane (a speaker's speeches): runs of its positions,
        // members answering with the lane's entries.
        let subset = vec![1, 2, 4];
        let runs = kept.of(&tl.speeches, Some(&subset));
        assert_eq!(runs.iter().map(|r| r.entries.clone()).collect::<Vec<_>>(), vec![0..2, 2..3]);
        let part = Members { runs: &runs, subset: Some(&subset) };
        assert_eq!(part.iter().collect::<Vec<_>>(), subset);
        assert_eq!(part.first(), 1);
        assert!(part.contains(4) && !part.contains(0) && !part.contains(3));
    }

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
