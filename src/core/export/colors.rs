//! The colours of the highlight styles, as plain RGB, for dark and light
//! themes: one source for the app's palette and the HTML report, so a
//! report shows the same colours and legend as the window.

use crate::core::phrases::highlight::{AGE_BANDS, Style, age_band};

/// A colour as red, green, blue.
pub type Rgb = [u8; 3];

/// Background colours of the age bands, recent to old (dark theme).
pub const AGE_DARK: [Rgb; AGE_BANDS.len()] = [[92, 84, 38], [112, 78, 30], [124, 60, 28], [120, 40, 38], [96, 36, 74]];
/// Background colours of the age bands, recent to old (light theme).
pub const AGE_LIGHT: [Rgb; AGE_BANDS.len()] =
    [[255, 243, 176], [255, 217, 138], [255, 179, 107], [248, 138, 106], [224, 138, 184]];

/// Background of a style; `None` for plain text.
pub fn background(style: &Style, dark: bool) -> Option<Rgb> {
    let pick = |d: Rgb, l: Rgb| if dark { d } else { l };
    Some(match style {
        Style::Plain => return None,
        Style::Earlier { age_years, .. } => {
            let band = age_band(*age_years);
            if dark { AGE_DARK[band] } else { AGE_LIGHT[band] }
        }
        Style::Introduced { .. } => pick([28, 78, 112], [191, 227, 247]),
        Style::Inserted => pick([30, 92, 44], [200, 240, 200]),
        Style::Deleted => pick([112, 36, 36], [248, 200, 200]),
        Style::Moved => pick([72, 62, 124], [217, 208, 247]),
    })
}

/// Underline of the selected phrase's occurrences.
pub fn selected_underline(dark: bool) -> Rgb {
    if dark { [255, 214, 90] } else { [20, 60, 160] }
}

/// Thin underline of text introduced in this speech.
pub fn introduced_underline(dark: bool) -> Rgb {
    if dark { [120, 190, 240] } else { [30, 100, 170] }
}

/// Frame around a search match in the text, and the match in a result line.
pub fn search_mark(dark: bool) -> Rgb {
    if dark { [214, 120, 0] } else { [255, 150, 30] }
}
