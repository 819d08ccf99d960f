//! Colours for the core's highlight styles, for dark and light themes, and
//! the legend that explains them.

use egui::{Color32, Stroke};

use crate::core::export::colors::{self, Rgb};
use crate::core::phrases::highlight::{AGE_BANDS, Style};

fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Background of a style; transparent for plain text.
pub fn background(style: &Style, dark: bool) -> Color32 {
    colors::background(style, dark).map_or(Color32::TRANSPARENT, rgb)
}

/// Underline of a range: strong for the selected phrase, thin for text
/// introduced in this speech.
pub fn underline(style: &Style, selected: bool, dark: bool) -> Stroke {
    if selected {
        Stroke::new(2.5, rgb(colors::selected_underline(dark)))
    } else if matches!(style, Style::Introduced { .. }) {
        Stroke::new(1.0, rgb(colors::introduced_underline(dark)))
    } else {
        Stroke::NONE
    }
}

/// The colour of a search match (frame in the text, background in results).
pub fn search_mark(dark: bool) -> Color32 {
    rgb(colors::search_mark(dark))
}

fn swatch_ui(ui: &mut egui::Ui, color: Color32, label: &str) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, color);
        ui.label(egui::RichText::new(label).small());
    });
}

/// The legend for recurring phrasing: first said how long before, and
/// introduced here.
pub fn phrase_legend_ui(ui: &mut egui::Ui) {
    let dark = ui.visuals().dark_mode;
    ui.label(egui::RichText::new("First said:").small());
    for (k, (_, label)) in AGE_BANDS.iter().enumerate() {
        swatch_ui(ui, rgb(if dark { colors::AGE_DARK[k] } else { colors::AGE_LIGHT[k] }), &format!("{label} before"));
    }
    swatch_ui(ui, background(&Style::Introduced { phrase: 0 }, dark), "introduced here");
}

/// The legend of the revision diff.
pub fn diff_legend_ui(ui: &mut egui::Ui) {
    let dark = ui.visuals().dark_mode;
    swatch_ui(ui, background(&Style::Deleted, dark), "deleted");
    swatch_ui(ui, background(&Style::Inserted, dark), "inserted");
    swatch_ui(ui, background(&Style::Moved, dark), "moved");
}
