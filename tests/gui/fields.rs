//! Speakers and metadata fields in the real app through egui_kittest, on
//! six SOTU addresses read with the corpus's metadata.csv (party is one of
//! its columns): the list grouped by speaker (headers with counts, a click
//! collapsing one), filtered by party, the timeline's speeches in a lane
//! per party, speeches coloured by party with the legend naming the
//! parties, and all of it kept through a restart (the workspace's JSON).

use egui_kittest::kittest::{NodeT, Queryable};
use refrain::core::text::fields::{FieldFilter, FieldView};
use refrain::core::timeline::model::Lane;
use refrain::ui::app::RefrainApp;
use refrain::ui::persistence::workspace::Workspace;

use crate::common;
use crate::support::{app, harness, sotu_six};

/// Whether some node's label is exactly `label`.
fn has_label(h: &egui_kittest::Harness<'static, RefrainApp>, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

#[test]
fn the_list_grouped_filtered_the_timeline_by_party_and_the_colours_survive_a_restart() {
    let Some(corpus) = common::corpus() else {
        println!("skipped: corpus not found");
        return;
    };
    let paths = sotu_six(&corpus);
    let mut h = harness(app(paths.clone()), [1400.0, 950.0]);
    h.run();
    assert_eq!(
        h.state().corpus.iter().filter_map(|t| t.field("party")).collect::<Vec<_>>(),
        ["Nonpartisan", "Democratic", "Republican", "Republican", "Democratic", "Democratic"],
        "the sidecar's party column is read"
    );

    // Grouped by speaker: a header per president with the count.
    h.state_mut().workspace.fields.group_by = Some("speaker".into());
    h.run();
    for name in ["George Washington", "Andrew Jackson", "Barack Obama"] {
        h.get_by_label_contains(&format!("{name} (1)"));
    }
    // A click on a header collapses its group; its speech is no longer listed.
    let listed = |h: &egui_kittest::Harness<'static, RefrainApp>| h.query_all_by_label_contains("1790-01-08").count();
    let before = listed(&h);
    h.get_by_label_contains("George Washington (1)").click();
    h.run();
    assert_eq!(h.state().workspace.fields.collapsed, ["George Washington"]);
    assert_eq!(listed(&h), before - 1, "the collapsed group's speech is no longer listed");
    h.get_by_label_contains("George Washington (1)").click();
    h.run();
    assert!(h.state().workspace.fields.collapsed.is_empty());

    // Filtered by party: only the Democrats, still grouped by speaker.
    h.state_mut().workspace.fields.filter = Some(FieldFilter { field: "party".into(), value: "Democratic".into() });
    h.run();
    h.get_by_label("3 of 6 transcripts match");
    assert!(h.query_by_label_contains("George Washington (1)").is_none());
    h.get_by_label_contains("Franklin D. Roosevelt (1)");

    // The timeline: a lane per party, in order of first date; the filter
    // keeps only the Democratic lane.
    h.state_mut().workspace.fields.filter = None;
    h.state_mut().workspace.fields.lanes_by = Some("party".into());
    h.run();
    let lanes: Vec<String> = h
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.ends_with(" lane"))
        .collect();
    assert_eq!(
        lanes,
        ["Nonpartisan lane", "Democratic lane", "Republican lane", "Events lane", "Mentioned lane", "Phrase lane"]
    );
    // Each speech is a marker on its party's lane: Grant and Taft on the Republicans'.
    let speeches = |h: &egui_kittest::Harness<'static, RefrainApp>| {
        h.state().timeline.panel.markers.iter().filter(|m| m.lane == Lane::Speeches).cloned().collect::<Vec<_>>()
    };
    let markers = speeches(&h);
    assert_eq!(markers.len(), 6, "every speech drawn once");
    let y_of = |year: &str| {
        let m = markers.iter().find(|m| h.state().timeline.model.speeches[m.index].date_label().starts_with(year));
        m.map(|m| m.pos.y).unwrap()
    };
    assert_eq!(y_of("1869"), y_of("1909"));
    assert_eq!(y_of("1829"), y_of("2015"));
    assert!(y_of("1790") < y_of("1829") && y_of("1829") < y_of("1869"));
    h.state_mut().workspace.fields.filter = Some(FieldFilter { field: "party".into(), value: "Republican".into() });
    h.run();
    assert_eq!(speeches(&h).len(), 2, "the filter applies to the speeches lanes");
    h.state_mut().workspace.fields.filter = None;

    // Coloured by party: the legend names every party.
    assert!(!has_label(&h, "Republican"));
    h.state_mut().workspace.fields.color_by = Some("party".into());
    h.run();
    for party in ["Nonpartisan", "Democratic", "Republican"] {
        assert!(has_label(&h, party), "the legend names {party}");
    }

    // A restart: the workspace's JSON read back gives the same views.
    let saved = serde_json::to_string(&h.state().workspace).unwrap();
    let back = Workspace::parse(saved.as_bytes(), std::path::Path::new("workspace.json")).unwrap();
    let expected = FieldView {
        group_by: Some("speaker".into()),
        filter: None,
        lanes_by: Some("party".into()),
        color_by: Some("party".into()),
        collapsed: Vec::new(),
    };
    assert_eq!(back.fields, expected);
    let mut again = RefrainApp::new(egui::Context::default(), paths, Some(back));
    again.wait_until_idle();
    let mut h = harness(again, [1400.0, 950.0]);
    h.run();
    assert_eq!(h.state().workspace.fields, expected);
    h.get_by_label_contains("George Washington (1)");
    assert!(has_label(&h, "Republican lane") && has_label(&h, "Democratic"));
}
