//! The marks' colours checked for people with the three common
//! colour-vision deficiencies: each colour is passed through the
//! simulation of Machado, Oliveira and Fernandes (2009) for protanopia,
//! deuteranopia and tritanopia at severity 1.0 (applied in linear RGB, as
//! the model is defined), and the colours that must be told apart are kept
//! apart in CIEDE2000 in every view; text on them keeps the WCAG contrast.

use super::*;

/// Least CIEDE2000 difference between two marks that must be told apart,
/// and between a highlight and the page. About one unit is a just
/// noticeable difference between touching patches; these are small patches
/// behind text, seen apart from each other and matched to the legend from
/// memory, where a difference of a few units is easily missed. Ten units
/// keeps every pair a clearly different colour, not a shade of another.
const MIN_DELTA_E: f64 = 10.0;
/// WCAG 2 contrast for body text (level AA).
const MIN_TEXT_CONTRAST: f64 = 4.5;
/// WCAG 2 contrast for lines and other non-text marks (1.4.11).
const MIN_MARK_CONTRAST: f64 = 3.0;

/// The simulations at severity 1.0 (Machado et al. 2009, table of
/// matrices), for linear RGB.
const PROTANOPIA: [[f64; 3]; 3] =
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
const DEUTERANOPIA: [[f64; 3]; 3] =
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];
const TRITANOPIA: [[f64; 3]; 3] =
    [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]];

/// Normal vision and the three simulations, by name.
const VIEWS: [(&str, Option<[[f64; 3]; 3]>); 4] = [
    ("normal", None),
    ("protanopia", Some(PROTANOPIA)),
    ("deuteranopia", Some(DEUTERANOPIA)),
    ("tritanopia", Some(TRITANOPIA)),
];

/// sRGB to linear RGB.
fn linear(c: Rgb) -> [f64; 3] {
    c.map(|v| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    })
}

/// A linear colour as seen through `matrix`, clamped to the gamut.
fn simulate(c: [f64; 3], matrix: Option<[[f64; 3]; 3]>) -> [f64; 3] {
    let Some(m) = matrix else { return c };
    m.map(|row| (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]).clamp(0.0, 1.0))
}

/// CIELAB (D65 white) of a linear RGB colour.
fn lab(c: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = c;
    let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIEDE2000 colour difference (Sharma, Wu and Dalal 2005).
fn ciede2000(a: [f64; 3], b: [f64; 3]) -> f64 {
    let ([l1, a1, b1], [l2, a2, b2]) = (a, b);
    let c_mean = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_mean.powi(7) / (c_mean.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| if b == 0.0 && a == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dh_big = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let l_mean = (l1 + l2) / 2.0;
    let cp_mean = (c1p + c2p) / 2.0;
    let h_mean = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t = 1.0 - 0.17 * cos(h_mean - 30.0) + 0.24 * cos(2.0 * h_mean) + 0.32 * cos(3.0 * h_mean + 6.0)
        - 0.20 * cos(4.0 * h_mean - 63.0);
    let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_mean.powi(7) / (cp_mean.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cp_mean;
    let sh = 1.0 + 0.015 * cp_mean * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dh_big / sh).powi(2) + rt * (dc / sc) * (dh_big / sh)).sqrt()
}

/// The difference between two colours as seen in a view.
fn delta_e(a: Rgb, b: Rgb, matrix: Option<[[f64; 3]; 3]>) -> f64 {
    ciede2000(lab(simulate(linear(a), matrix)), lab(simulate(linear(b), matrix)))
}

/// WCAG 2 contrast ratio of two colours.
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let luminance = |c: Rgb| {
        let [r, g, b] = linear(c);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The pages a theme's marks are seen on: the column (and, light, the
/// report's white).
fn pages(dark: bool) -> Vec<Rgb> {
    if dark { vec![page(true)] } else { vec![page(false), [255, 255, 255]] }
}

/// The smallest difference between any two of `colors` (named) in any of
/// the four views, with the pair and the view.
fn closest_pair(colors: &[(String, Rgb)]) -> (f64, String) {
    let mut worst = (f64::INFINITY, String::new());
    for (view, matrix) in VIEWS {
        for (i, (na, a)) in colors.iter().enumerate() {
            for (nb, b) in &colors[i + 1..] {
                let d = delta_e(*a, *b, matrix);
                if d < worst.0 {
                    worst = (d, format!("{na} and {nb} ({view})"));
                }
            }
        }
    }
    worst
}

/// The age colours and "introduced here", named.
fn phrase_colors(dark: bool) -> Vec<(String, Rgb)> {
    let mut v: Vec<(String, Rgb)> =
        AGE_BANDS.iter().enumerate().map(|(k, (_, label))| (format!("{label} before"), age(k, dark))).collect();
    v.push(("introduced here".into(), background(&Style::Introduced { phrase: 0 }, dark).unwrap_or_default()));
    v
}

/// The revision diff's colours, named.
fn diff_colors(dark: bool) -> Vec<(String, Rgb)> {
    [("deleted", Style::Deleted), ("inserted", Style::Inserted), ("moved", Style::Moved)]
        .into_iter()
        .map(|(name, s)| (name.to_string(), background(&s, dark).unwrap_or_default()))
        .collect()
}

#[test]
fn ciede2000_gives_the_published_test_values() {
    // Pairs 1, 7, 17, 25, 33 and 12 of Sharma, Wu and Dalal's test data.
    let pairs = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644),
        ([2.0776, 0.0795, -1.1350], [0.9033, -0.0636, -0.5514], 0.9082),
        ([50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065),
    ];
    for (a, b, want) in pairs {
        assert!((ciede2000(a, b) - want).abs() < 1e-4, "{a:?} {b:?}: {} not {want}", ciede2000(a, b));
        assert!((ciede2000(b, a) - want).abs() < 1e-4);
    }
    // sRGB white is L* 100, a* b* 0.
    let w = lab(linear([255, 255, 255]));
    assert!((w[0] - 100.0).abs() < 1e-3 && w[1].abs() < 1e-2 && w[2].abs() < 1e-2, "{w:?}");
}

#[test]
fn the_simulations_keep_greys_and_confuse_what_each_deficiency_confuses() {
    // Each matrix's rows sum to one: greys stay greys.
    for (view, matrix) in VIEWS {
        for g in [0u8, 90, 200, 255] {
            let s = simulate(linear([g, g, g]), matrix);
            assert!(s.iter().all(|v| (v - linear([g, g, g])[0]).abs() < 2e-3), "{view} {g}: {s:?}");
        }
    }
    // Red and green of equal lightness merge for protanopes and deuteranopes
    // but not for tritanopes; blue and green the other way round, roughly.
    let (red, green) = ([200, 80, 60], [100, 130, 40]);
    assert!(delta_e(red, green, None) > 30.0);
    assert!(delta_e(red, green, Some(DEUTERANOPIA)) < delta_e(red, green, None) / 3.0);
    assert!(delta_e(red, green, Some(PROTANOPIA)) < delta_e(red, green, None) / 2.0);
    assert!(delta_e(red, green, Some(TRITANOPIA)) > 20.0);
}

#[test]
fn the_age_colours_and_introduced_here_are_told_apart_by_everyone() {
    for dark in [false, true] {
        let colors = phrase_colors(dark);
        let (d, pair) = closest_pair(&colors);
        assert!(d >= MIN_DELTA_E, "dark {dark}: {pair} only {d:.1} apart");
        for (name, c) in &colors {
            // Stands out from the page in every view.
            for p in pages(dark) {
                for (view, matrix) in VIEWS {
                    let d = delta_e(*c, p, matrix);
                    assert!(d >= MIN_DELTA_E, "dark {dark}: {name} {d:.1} from the page ({view})");
                }
            }
            let k = contrast(text(dark), *c);
            assert!(k >= MIN_TEXT_CONTRAST, "dark {dark}: text on {name}: contrast {k:.2}");
        }
    }
}

#[test]
fn age_reads_as_strength_faint_recent_to_strong_old() {
    for dark in [false, true] {
        let l: Vec<f64> = (0..AGE_BANDS.len()).map(|k| lab(linear(age(k, dark)))[0]).collect();
        // Lighter with age on the dark page, darker with age on the light one.
        let ordered = l.windows(2).all(|w| if dark { w[1] > w[0] + 2.0 } else { w[1] < w[0] - 2.0 });
        assert!(ordered, "dark {dark}: L* {l:?}");
    }
}

#[test]
fn a_mentioned_date_is_not_confused_with_introduced_here_or_any_highlight() {
    for dark in [false, true] {
        let mention = mention_mark(dark);
        for (name, c) in phrase_colors(dark).into_iter().chain(diff_colors(dark)) {
            for (view, matrix) in VIEWS {
                let d = delta_e(mention, c, matrix);
                assert!(d >= MIN_DELTA_E, "dark {dark}: mention and {name} only {d:.1} apart ({view})");
            }
        }
        for (view, matrix) in VIEWS {
            assert!(delta_e(mention, page(dark), matrix) >= MIN_DELTA_E, "dark {dark}: mention on the page ({view})");
        }
        assert!(contrast(text(dark), mention) >= MIN_TEXT_CONTRAST, "dark {dark}");
    }
}

#[test]
fn the_diff_colours_are_told_apart_by_everyone() {
    for dark in [false, true] {
        let colors = diff_colors(dark);
        let (d, pair) = closest_pair(&colors);
        assert!(d >= MIN_DELTA_E, "dark {dark}: {pair} only {d:.1} apart");
        for (name, c) in &colors {
            assert!(contrast(text(dark), *c) >= MIN_TEXT_CONTRAST, "dark {dark}: text on {name}");
            for (view, matrix) in VIEWS {
                assert!(delta_e(*c, page(dark), matrix) >= MIN_DELTA_E / 2.0, "dark {dark}: {name} ({view})");
            }
        }
    }
}

#[test]
fn lines_and_frames_stand_out_where_they_are_drawn() {
    for dark in [false, true] {
        // On the page: frames, notes, gap lines, underlines.
        let lines = [
            ("search frame", search_mark(dark)),
            ("note", note_mark(dark)),
            ("gap marker", gap_marker(dark)),
            ("selected underline", selected_underline(dark)),
        ];
        for (name, c) in lines {
            for p in pages(dark) {
                let k = contrast(c, p);
                assert!(k >= MIN_MARK_CONTRAST, "dark {dark}: {name} on the page: {k:.2}");
            }
        }
        // The selected phrase's underline on every highlight it can be under.
        for (name, c) in phrase_colors(dark) {
            let k = contrast(selected_underline(dark), c);
            assert!(k >= MIN_MARK_CONTRAST, "dark {dark}: selected underline on {name}: {k:.2}");
        }
        let k = contrast(
            introduced_underline(dark),
            background(&Style::Introduced { phrase: 0 }, dark).unwrap_or_default(),
        );
        assert!(k >= MIN_MARK_CONTRAST, "dark {dark}: introduced underline: {k:.2}");
        // Search results put dark text on the mark.
        assert!(contrast(search_mark(dark), text(false)) >= MIN_TEXT_CONTRAST);
    }
}
