//! Colours for the core's highlight styles, for dark and light themes, and
//! the legend that explains them.

use egui::{Color32, Stroke};

use crate::core::highlight::{AGE_BANDS, Style, age_band};

/// Background colours of the age bands, recent to old (dark theme).
const AGE_DARK: [Color32; 5] = [
    Color32::from_rgb(92, 84, 38),
    Color32::from_rgb(112, 78, 30),
    Color32::from_rgb(124, 60, 28),
    Color32::from_rgb(120, 40, 38),
    Color32::from_rgb(96, 36, 74),
];
/// Background colours of the age bands, recent to old (light theme).
const AGE_LIGHT: [Color32; 5] = [
    Color32::from_rgb(255, 243, 176),
    Color32::from_rgb(255, 217, 138),
    Color32::from_rgb(255, 179, 107),
    Color32::from_rgb(248, 138, 106),
    Color32::from_rgb(224, 138, 184),
];

/// Background of a style; transparent for plain text.
pub fn background(style: &Style, dark: bool) -> Color32 {
    let pick = |d: Color32, l: Color32| if dark { d } else { l };
    match style {
        Style::Plain => Color32::TRANSPARENT,
        Style::Earlier { age_years, .. } => {
            let band = age_band(*age_years);
            if dark { AGE_DARK[band] } else { AGE_LIGHT[band] }
        }
        Style::Introduced { .. } => pick(Color32::from_rgb(28, 78, 112), Color32::from_rgb(191, 227, 247)),
        Style::Inserted => pick(Color32::from_rgb(30, 92, 44), Color32::from_rgb(200, 240, 200)),
        Style::Deleted => pick(Color32::from_rgb(112, 36, 36), Color32::from_rgb(248, 200, 200)),
        Style::Moved => pick(Color32::from_rgb(72, 62, 124), Color32::from_rgb(217, 208, 247)),
    }
}

/// Underline of a range: strong for the selected phrase, thin for text
/// introduced in this speech.
pub fn underline(style: &Style, selected: bool, dark: bool) -> Stroke {
    let strong = if dark { Color32::from_rgb(255, 214, 90) } else { Color32::from_rgb(20, 60, 160) };
    if selected {
        Stroke::new(2.5, strong)
    } else if matches!(style, Style::Introduced { .. }) {
        Stroke::new(1.0, if dark { Color32::from_rgb(120, 190, 240) } else { Color32::from_rgb(30, 100, 170) })
    } else {
        Stroke::NONE
    }
}

fn swatch(ui: &mut egui::Ui, color: Color32, label: &str) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, color);
        ui.label(egui::RichText::new(label).small());
    });
}

/// The legend for recurring phrasing: first said how long before, and
/// introduced here.
pub fn phrase_legend(ui: &mut egui::Ui) {
    let dark = ui.visuals().dark_mode;
    ui.label(egui::RichText::new("First said:").small());
    for (k, (_, label)) in AGE_BANDS.iter().enumerate() {
        swatch(ui, if dark { AGE_DARK[k] } else { AGE_LIGHT[k] }, &format!("{label} before"));
    }
    swatch(ui, background(&Style::Introduced { phrase: 0 }, dark), "introduced here");
}

/// The legend of the revision diff.
pub fn diff_legend(ui: &mut egui::Ui) {
    let dark = ui.visuals().dark_mode;
    swatch(ui, background(&Style::Deleted, dark), "deleted");
    swatch(ui, background(&Style::Inserted, dark), "inserted");
    swatch(ui, background(&Style::Moved, dark), "moved");
}
