//! A column header's colour when speeches are coloured by a metadata
//! field: a bar across the top of the header in its value's colour (the
//! colour of its markers on the timeline and of the legend), and the value
//! named when the field is not the speaker shown anyway.

use std::sync::Arc;

use crate::core::text::fields::{FieldView, value_of};
use crate::core::text::transcript::{SPEAKER_FIELD, Transcript};
use crate::ui::panels::palette;

/// Paints the accent of `t`'s column over `header` (the header's area so
/// far) and, below, `field: value` in that colour, when `view` colours
/// speeches by a field.
pub fn field_accent_ui(
    ui: &mut egui::Ui,
    header: egui::Rect,
    t: &Transcript,
    view: &FieldView,
    corpus: &[Arc<Transcript>],
    version: u64,
) {
    let Some(field) = view.color_by.as_deref() else { return };
    let values = palette::field_values(ui.ctx(), corpus, version, field);
    let value = value_of(t, field);
    let color = palette::value_color(value.as_deref().and_then(|v| values.index_of(v)), ui.visuals().dark_mode);
    let bar = egui::Rect::from_min_size(header.left_top(), egui::vec2(header.width(), 3.0));
    ui.painter().rect_filled(bar, 1.0, color);
    if !field.eq_ignore_ascii_case(SPEAKER_FIELD) {
        let shown = value.unwrap_or_else(|| "—".to_string());
        let text = crate::ui::bidi::label(
            ui,
            egui::RichText::new(format!("● {}", crate::ui::bidi::isolate(&shown))).color(color).small(),
        );
        ui.label(text).on_hover_text(format!("{field}: {shown}"));
    }
}
