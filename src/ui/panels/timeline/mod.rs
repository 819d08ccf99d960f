//! The timeline panel docked at the bottom of the window: the core's
//! [`Timeline`] lanes on one zoomable time axis. Ctrl+wheel or pinch zooms
//! around the pointer, dragging (or the wheel) pans, a double-click fits
//! everything; markers that would collide become count badges that expand
//! when clicked or zoomed. Right-click an entry to write a note on it;
//! entries with notes carry a small flag. It only draws, and pushes what
//! the user asked for as the app's [`Command`]s (at most one a frame); the
//! app applies them after the frame.
//!
//! [`timeline_ui`] draws one frame in steps, each in its own part: the
//! header row here, fitting the view and drawing the ticks in `axis`, the
//! lanes and their markers in `lanes`, the count badges in `badges`, and
//! the arrow keys and Enter in `keyboard`.

mod axis;
mod badges;
mod keyboard;
mod lanes;
mod speech_lanes;

use std::sync::Arc;

use egui::{Color32, Painter, Pos2, Rect, Sense, pos2, vec2};

use crate::core::notes::Note;
use crate::core::text::transcript::Transcript;
use crate::core::timeline::axis::TimeView;
use crate::core::timeline::model::{Lane, Timeline};
use crate::core::timeline::notes::EntryNotes;
use crate::ui::app::{Command, Dialog};

pub use lanes::{entry_label, note_flag_label};

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
    /// Each lane's days in a compact array (by [`lanes::lane_slot`]).
    lane_days: [lanes::LaneDays; 4],
    /// The speech rows by field, and what for.
    speech_view: Option<Arc<speech_lanes::SpeechView>>,
    /// Each speech row's days, when the speeches are split or filtered.
    sub_days: Vec<lanes::LaneDays>,
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
    /// While the events files are read in the background: which one, in
    /// words (`reading events NAME…`).
    pub reading_events: Option<String>,
    /// The workspace's notes, and which entries they are on.
    pub notes: &'a [Note],
    /// See [`EntryNotes::new`]; built for `timeline`.
    pub placed: &'a EntryNotes,
    /// The pinned searches that can be shown on the phrase lane (as shown).
    pub pinned: &'a [String],
    /// The pinned search the phrase lane shows, if it shows one.
    pub lane_search: Option<usize>,
    /// How the speeches are filtered, split into lanes and coloured by
    /// metadata fields (the workspace's).
    pub fields: &'a crate::core::text::fields::FieldView,
    /// The corpus version, for the field values worked out once.
    pub corpus_version: u64,
}

/// Where one frame draws and with what: the panel's area, the view its
/// markers are placed by, the painters and the theme's colours. Built once
/// per frame and shared by the drawing steps.
struct Canvas {
    /// The whole panel below the header, lane names included.
    rect: Rect,
    /// The part right of the lane names, where the axis and markers go.
    plot: Rect,
    /// The plot's width (at least one point).
    width: f32,
    /// The view the ticks and markers are placed by: the one this frame
    /// started drawing with (a click on a badge zooms the next frame).
    drawn: TimeView,
    /// Paints anywhere in `rect`.
    painter: Painter,
    /// Paints inside `plot` only: markers and ticks never spill over the lane names.
    plot_painter: Painter,
    /// The lane focused when the frame started drawing.
    focus: Lane,
    /// The theme is dark.
    dark: bool,
    /// The theme's text colour: focused names, major ticks, outlines.
    text_color: Color32,
    /// The theme's weak text colour: other names and ticks, titles.
    weak: Color32,
    /// The colour of minor ticks and the lines between lanes.
    grid: Color32,
    /// The speech rows and colours by field.
    speech: Arc<speech_lanes::SpeechView>,
}

impl Canvas {
    /// The screen x of a day number.
    fn x_of(&self, day: f64) -> f32 {
        self.plot.left() + self.drawn.x(day)
    }
}

/// Draws the panel; pushes what the user asked for (at most one command a
/// frame, the last asked): opening an entry, a note on it or its notes,
/// the events buttons, the phrase lane's choice.
pub fn timeline_ui(ui: &mut egui::Ui, state: &mut PanelState, input: &PanelInput, commands: &mut Vec<Command>) {
    let mut command = None;
    let fit_selection = header_ui(ui, state, input, &mut command);
    let size = ui.available_size();
    let speech = speech_lanes::speech_view(ui.ctx(), state, input);
    let lanes_height = AXIS_HEIGHT + LANE_HEIGHT * 3.0 + speech.height() + CHART_HEIGHT + 6.0;
    let (rect, background) = ui.allocate_exact_size(vec2(size.x, size.y.max(lanes_height)), Sense::click_and_drag());
    // A Tab stop with a name: the arrows then walk the lanes (see keyboard).
    background.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline lanes"));
    let plot = Rect::from_min_max(pos2(rect.left() + LABEL_WIDTH, rect.top()), rect.max);
    let width = plot.width().max(1.0);
    state.plot = Some(plot);

    axis::fit_view(state, input, width, fit_selection);
    let Some(mut view) = state.view else {
        commands.extend(command);
        return;
    };
    let hovered = ui.rect_contains_pointer(plot);
    axis::pan_and_zoom(ui, &mut view, &background, input.timeline, plot, hovered);
    keyboard::claim_arrow_keys(ui, state, rect);

    let canvas = Canvas {
        rect,
        plot,
        width,
        drawn: view,
        painter: ui.painter_at(rect),
        plot_painter: ui.painter_at(plot),
        focus: state.focus(),
        dark: ui.visuals().dark_mode,
        text_color: ui.visuals().text_color(),
        weak: ui.visuals().weak_text_color(),
        grid: ui.visuals().widgets.noninteractive.bg_stroke.color,
        speech,
    };
    axis::ticks_ui(&canvas);
    lanes::event_window_ui(&canvas, input);
    lanes::lanes_ui(ui, state, input, &canvas, &mut view, &mut command);
    lanes::hovered_speech_ui(ui, &canvas, input);
    keyboard::keyboard_ui(ui, state, input.timeline, &canvas, &mut view, hovered, &mut command);
    state.view = Some(view);
    commands.extend(command);
}

/// The row above the lanes: the fit and events buttons, the phrase lane's
/// choice, the counts and the hints. Returns whether "Fit selection" was
/// clicked.
fn header_ui(ui: &mut egui::Ui, state: &mut PanelState, input: &PanelInput, command: &mut Option<Command>) -> bool {
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
            *command = Some(Command::OpenDialog(Dialog::Events));
        }
        if input.events_loaded > 0 && ui.small_button("Clear events").clicked() {
            *command = Some(Command::ClearEvents);
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
                        *command = Some(Command::PhraseLane(None));
                    }
                    for (k, q) in input.pinned.iter().enumerate() {
                        let label = format!("pinned: “{}”", crate::core::text::shorten(q, 40));
                        if ui.selectable_label(input.lane_search == Some(k), label).clicked() {
                            *command = Some(Command::PhraseLane(Some(k)));
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        }
        speech_lanes_combo_ui(ui, input, command);
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
        if let Some(reading) = &input.reading_events {
            ui.spinner();
            ui.label(egui::RichText::new(reading).small());
        } else if input.building {
            ui.spinner();
            ui.label(egui::RichText::new("finding dates…").small());
        }
        ui.label(egui::RichText::new("Ctrl+wheel: zoom · drag: pan · Left/Right, Enter: walk a lane").small().weak());
    });
    fit_selection
}

/// The choice of a speeches lane per value of a field (speaker, party, …)
/// instead of one.
fn speech_lanes_combo_ui(ui: &mut egui::Ui, input: &PanelInput, command: &mut Option<Command>) {
    let names = crate::ui::panels::palette::field_names(ui.ctx(), input.corpus, input.corpus_version);
    if names.is_empty() {
        return;
    }
    let mut chosen = input.fields.lanes_by.clone();
    let r = crate::ui::panels::palette::field_combo(ui, "speech-lanes", "Speech lanes by:", "—", &names, &mut chosen)
        .on_hover_text(
            "A lane of speeches per value of a field (per speaker, per party, …), in order of first date; the \
             rarest values share an “other” lane. The list's “Only:” filter applies here too.",
        );
    if r.changed() {
        *command = Some(Command::SpeechLanes(chosen));
    }
}
