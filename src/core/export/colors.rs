//! The colours of the marks in the text, as plain RGB, for dark and light
//! themes: one source for the app's palette and the HTML report, so a
//! report shows the same colours and legend as the window.
//!
//! The five age colours and "introduced here" are told apart by people
//! with any of the three common colour-vision deficiencies too: every pair
//! is far apart in CIEDE2000 under simulated protanopia, deuteranopia and
//! tritanopia, and text in [`text`] stays readable on each (WCAG contrast).
//! The ages run from faint to strong (light theme: pale to deep; dark
//! theme: dark to bright) and from warm to cool, so older reads as
//! stronger. `vision_tests` holds the simulation and the checks; a colour
//! changed here must pass them.

use crate::core::phrases::highlight::{AGE_BANDS, Style, age_band};

/// A colour as red, green, blue.
pub type Rgb = [u8; 3];

/// Background colours of the age bands, recent to old (dark theme): dark
/// brown, ochre, crimson, plum, blue.
pub const AGE_DARK: [Rgb; AGE_BANDS.len()] = [[44, 29, 0], [92, 58, 1], [162, 3, 71], [143, 58, 124], [3, 99, 194]];
/// Background colours of the age bands, recent to old (light theme): cream,
/// orange, coral, mauve, blue.
pub const AGE_LIGHT: [Rgb; AGE_BANDS.len()] =
    [[255, 232, 186], [247, 179, 82], [255, 113, 132], [169, 139, 173], [70, 137, 240]];

/// Background of text introduced in this speech (dark theme): dark teal.
pub const INTRODUCED_DARK: Rgb = [18, 91, 78];
/// Background of text introduced in this speech (light theme): sage.
pub const INTRODUCED_LIGHT: Rgb = [142, 200, 183];

/// The background of a column, which marks must stand out from: egui's
/// panel fill (the report's white is checked too).
pub fn page(dark: bool) -> Rgb {
    if dark { [27, 27, 27] } else { [248, 248, 248] }
}

/// The colour of text on the highlights: near white on the dark theme's,
/// near black on the light theme's (the report's text colour). egui's own
/// text colours (grey 140 and 80) are too weak on coloured backgrounds.
pub fn text(dark: bool) -> Rgb {
    if dark { [230, 230, 230] } else { [27, 27, 27] }
}

/// Background colour of age band `band` (0 = most recent).
pub fn age(band: usize, dark: bool) -> Rgb {
    let ages = if dark { &AGE_DARK } else { &AGE_LIGHT };
    ages[band.min(ages.len() - 1)]
}

/// Background of a style; `None` for plain text.
pub fn background(style: &Style, dark: bool) -> Option<Rgb> {
    let pick = |d: Rgb, l: Rgb| if dark { d } else { l };
    Some(match style {
        Style::Plain => return None,
        Style::Earlier { age_years, .. } => age(age_band(*age_years), dark),
        Style::Introduced { .. } => pick(INTRODUCED_DARK, INTRODUCED_LIGHT),
        // Deleted and inserted differ in lightness as well as hue, so they
        // stay apart for red-green deficiencies.
        Style::Inserted => pick([56, 108, 24], [190, 240, 160]),
        Style::Deleted => pick([100, 34, 62], [244, 176, 176]),
        Style::Moved => pick([96, 48, 190], [196, 200, 250]),
    })
}

/// Underline of the selected phrase's occurrences (2.5 points): dark
/// enough (light theme) or bright enough (dark theme) on every highlight.
pub fn selected_underline(dark: bool) -> Rgb {
    if dark { [255, 214, 90] } else { [10, 30, 110] }
}

/// Thin underline of text introduced in this speech, over its background.
pub fn introduced_underline(dark: bool) -> Rgb {
    if dark { [120, 190, 240] } else { [30, 100, 170] }
}

/// Frame around a search match in the text, and the match in a result line
/// (there behind dark text).
pub fn search_mark(dark: bool) -> Rgb {
    if dark { [214, 120, 0] } else { [224, 104, 0] }
}

/// A note's dot in the margin and dotted underline: magenta, apart from
/// the search frame's orange.
pub fn note_mark(dark: bool) -> Rgb {
    if dark { [255, 110, 200] } else { [200, 0, 120] }
}

/// The band behind a date or sentence opened from the timeline: navy
/// (dark theme), mustard (light theme), far from "introduced here" and
/// every other highlight, text readable on it.
pub fn mention_mark(dark: bool) -> Rgb {
    if dark { [0, 0, 120] } else { [184, 144, 0] }
}

/// The line across a pane of the pair view where the other version has
/// text this one lacks (a deletion or insertion seen from the other side).
pub fn gap_marker(dark: bool) -> Rgb {
    if dark { [170, 170, 170] } else { [100, 100, 100] }
}

#[cfg(test)]
mod vision_tests;
