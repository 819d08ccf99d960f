//! The speeches lane by metadata field: the speeches the list's field
//! filter keeps, split into a lane per speaker or party when asked (the
//! core's [`SpeechLanes`]), each speech's colour when coloured by a field,
//! and the names of those lanes on the left.

use std::sync::Arc;

use egui::{Align2, FontId, Rect, Sense, Stroke, pos2, vec2};

use super::{Canvas, LABEL_WIDTH, PanelInput, PanelState};
use crate::core::timeline::field_lanes::{MAX_SPEECH_LANES, SpeechLanes};
use crate::core::timeline::model::Lane;
use crate::ui::panels::palette;

/// Height of a speech lane when the speeches are split into several.
pub(super) const SUB_LANE_HEIGHT: f32 = 18.0;

/// One row of speeches on the timeline.
#[derive(Debug, Default)]
pub(super) struct SpeechRow {
    /// The name on the left (the value, or `Speeches`).
    pub name: String,
    /// Its tooltip.
    pub hover: String,
    /// Its speeches (indices into the speeches lane); `None`: all of them.
    pub subset: Option<Vec<usize>>,
    /// The colour number of its value when the speeches are coloured by
    /// the field they are split by (`Some(None)`: the grey of "other").
    pub color: Option<Option<usize>>,
}

/// How the speeches are drawn this frame, made again when the timeline,
/// the corpus or the field settings change.
#[derive(Debug, Default)]
pub(super) struct SpeechView {
    key: u64,
    /// The rows, top to bottom (at least one).
    pub rows: Vec<SpeechRow>,
    /// Each speech's colour number when coloured by a field (`None` inside:
    /// no value); `None`: the lane's colour.
    pub colors: Option<Vec<Option<usize>>>,
}

impl SpeechView {
    /// The height of the speech rows together.
    pub fn height(&self) -> f32 {
        if self.rows.len() > 1 { SUB_LANE_HEIGHT * self.rows.len() as f32 } else { super::LANE_HEIGHT }
    }

    /// Speech `i`'s colour when coloured by a field.
    pub fn color_of(&self, i: usize, dark: bool) -> Option<egui::Color32> {
        let colors = self.colors.as_ref()?;
        Some(palette::value_color(colors.get(i).copied().flatten(), dark))
    }
}

/// The speech rows for this frame (kept in `state` while nothing changed).
pub(super) fn speech_view(ctx: &egui::Context, state: &mut PanelState, input: &PanelInput) -> Arc<SpeechView> {
    use std::hash::{Hash, Hasher};
    let tl = input.timeline;
    let f = input.fields;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (tl.speeches.as_ptr() as usize, tl.speeches.len(), input.corpus_version, input.corpus.len()).hash(&mut h);
    (&f.lanes_by, &f.filter, &f.color_by).hash(&mut h);
    let key = h.finish();
    if let Some(v) = &state.speech_view
        && v.key == key
    {
        return v.clone();
    }
    let (corpus, version) = (input.corpus, input.corpus_version);
    let values = f.color_by.as_deref().map(|field| palette::field_values(ctx, corpus, version, field));
    let colors = values.as_ref().map(|v| {
        tl.speeches.iter().map(|e| e.doc.and_then(|d| corpus.get(d)).and_then(|t| v.index_of_transcript(t))).collect()
    });
    let rows = if f.lanes_by.is_none() && f.filter.is_none() {
        vec![SpeechRow { name: Lane::Speeches.label().to_string(), ..Default::default() }]
    } else {
        let lanes = SpeechLanes::of(&tl.speeches, corpus, f.lanes_by.as_deref(), f.filter.as_ref(), MAX_SPEECH_LANES);
        let field = f.lanes_by.as_deref().unwrap_or("");
        let same = f.lanes_by.is_some() && f.lanes_by == f.color_by;
        lanes
            .lanes
            .iter()
            .enumerate()
            .map(|(k, (value, members))| {
                let name = if f.lanes_by.is_some() { lanes.name(k).to_string() } else { "Speeches".to_string() };
                let hover = match (value, f.lanes_by.is_some(), &f.filter) {
                    (Some(v), _, _) => format!("{field}: {v} — {} speeches", members.len()),
                    (None, true, _) => format!("{} speeches of other {field}s or none", members.len()),
                    (None, false, Some(flt)) => format!("{} speeches with {} {}", members.len(), flt.field, flt.value),
                    (None, false, None) => String::new(),
                };
                let color = same.then(|| value.as_deref().and_then(|v| values.as_ref()?.index_of(v)));
                SpeechRow { name, hover, subset: Some(members.clone()), color }
            })
            .collect()
    };
    let view = Arc::new(SpeechView { key, rows, colors });
    state.speech_view = Some(view.clone());
    view
}

/// The name of speech row `k` (after the first, which is drawn as the
/// speeches lane's), with a swatch of its colour; a click focuses the
/// speeches lane.
pub(super) fn sub_lane_name_ui(
    ui: &egui::Ui,
    state: &mut PanelState,
    canvas: &Canvas,
    row: &SpeechRow,
    k: usize,
    rect: Rect,
) {
    canvas.painter.line_segment([rect.left_bottom(), rect.right_bottom()], Stroke::new(1.0, canvas.grid));
    let label_rect = Rect::from_min_size(rect.min, vec2(LABEL_WIDTH - 4.0, rect.height()));
    let label = ui.interact(label_rect, ui.scope_id().with(("lane", Lane::Speeches, k)), Sense::click());
    label.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} lane", row.name)));
    let label = if row.hover.is_empty() { label } else { label.on_hover_text(&row.hover) };
    if label.clicked() {
        state.focus = Some(Lane::Speeches);
        state.cursor = None;
    }
    let mut x = rect.left() + 4.0;
    if let Some(c) = row.color {
        canvas.painter.rect_filled(
            Rect::from_center_size(pos2(x + 3.0, rect.center().y), vec2(6.0, 6.0)),
            1.0,
            palette::value_color(c, canvas.dark),
        );
        x += 9.0;
    }
    let focused = canvas.focus == Lane::Speeches;
    let chars = ((LABEL_WIDTH - (x - rect.left()) - 6.0) / 6.0) as usize;
    crate::ui::bidi::paint_text(
        &canvas.painter,
        pos2(x, rect.center().y),
        Align2::LEFT_CENTER,
        &crate::ui::bidi::isolate(&crate::core::text::shorten(&row.name, chars.max(4))),
        FontId::proportional(11.0),
        if focused { canvas.text_color } else { canvas.weak },
    );
}
