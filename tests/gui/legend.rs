//! The toolbar's legend: every mark in the text named, each swatch with a
//! hover text saying what it means, short enough for a 1024-point window.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::ui::panels::palette;

use crate::support::{app, harness};

/// The legend alone in a row of a 1024-point wide window; returns the
/// harness and the row's width.
fn legend(pair: bool, dark: bool) -> (Harness<'static, f32>, f32) {
    let mut h = Harness::builder().with_size([1024.0, 80.0]).build_ui_state(
        move |ui, width: &mut f32| {
            ui.ctx().set_theme(if dark { egui::Theme::Dark } else { egui::Theme::Light });
            let row =
                ui.horizontal(|ui| if pair { palette::diff_legend_ui(ui) } else { palette::phrase_legend_ui(ui) });
            *width = row.response.rect.width();
        },
        0.0,
    );
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    h.run();
    let w = *h.state();
    (h, w)
}

#[test]
fn the_legend_names_every_mark_and_explains_each_on_hover() {
    for dark in [false, true] {
        let (mut h, width) = legend(false, dark);
        // Leaves most of a 1024-point row for the status beside it.
        assert!(width < 600.0, "phrase legend {width} points wide");
        for label in
            ["Said before:", "<1", "1–5", "5–20", "20–100", "100+ yrs", "new", "selected", "match", "note", "mentioned"]
        {
            h.get_by_label(label);
        }
        for (label, says) in [
            ("1–5", "First said 1–5 years before this speech"),
            ("new", "Introduced here"),
            ("selected", "strong underline"),
            ("match", "search match"),
            ("note", "dotted line"),
            ("mentioned", "opened from the timeline"),
        ] {
            h.get_by_label(label).hover();
            h.run();
            h.get_by_label_contains(says);
        }
        let (mut h, width) = legend(true, dark);
        assert!(width < 600.0, "diff legend {width} points wide");
        for (label, says) in [
            ("deleted", "Only in the older version"),
            ("inserted", "Only in the newer version"),
            ("moved", "at different places"),
            ("gap", "lacks text the other version has"),
            ("note", "dotted line"),
        ] {
            h.get_by_label(label).hover();
            h.run();
            h.get_by_label_contains(says);
        }
    }
}

#[test]
fn the_app_toolbar_shows_the_legend_at_1024_points() {
    let mut h = harness(app(Vec::new()), [1024.0, 700.0]);
    h.run();
    for label in ["Said before:", "new", "selected", "mentioned"] {
        let node = h.get_by_label(label);
        let r = node.rect();
        assert!(r.max.x <= 1024.0, "{label} cut at the right edge: {r:?}");
    }
}
