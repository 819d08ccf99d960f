//! The reuse map window of the real app through egui_kittest: opened from
//! the toolbar, made on its thread for every speech open, Roosevelt's 1945
//! message and the address he read from it the most similar pair, and a
//! click on a pair (listed, or a cell of the map) opening it in pair mode.

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use refrain::ui::app::RefrainApp;

use crate::common;
use crate::support::{app, click_at, harness, sotu_six};

/// Waits for the map's thread, drawing frames.
fn wait_for_map(h: &mut Harness<'static, RefrainApp>) {
    crate::support::wait_for(h, "the reuse map", |app| !app.reuse_map.is_working() && app.reuse_map.map().is_some());
}

#[test]
fn the_most_similar_pair_is_listed_and_a_click_opens_it_in_pair_mode() {
    let Some(corpus) = common::corpus() else { return };
    let mut paths = sotu_six(&corpus);
    for s in ["1945-Roosevelt-1", "1945-Roosevelt-2"] {
        paths.push(corpus.join(format!("sotu/speeches/{s}.txt")));
    }
    let mut h = harness(app(paths), [1500.0, 950.0]);
    h.run();
    // Explore › Reuse map in the menu bar.
    h.get_by_label("Explore").click();
    h.run();
    h.get_by_label("Reuse map").click();
    // One frame: the window's thread keeps it repainting until it answers.
    h.step();
    assert!(h.state().reuse_map.open, "the toolbar opens the map");
    wait_for_map(&mut h);
    let (rosy1, rosy2) = {
        let app = h.state();
        let pos = |s: &str| app.corpus.iter().position(|t| t.path.ends_with(format!("{s}.txt"))).unwrap();
        (pos("1945-Roosevelt-1"), pos("1945-Roosevelt-2"))
    };
    let (n, side, top) = {
        let (map, blocks, top) = h.state().reuse_map.map().unwrap();
        (map.len(), blocks.groups.len(), top.to_vec())
    };
    assert_eq!(n, 8, "every speech open is in the map");
    assert_eq!(side, 8, "eight speeches: a cell per pair");
    let best = top.first().expect("pairs share phrasing");
    let mut docs = [best.doc_a as usize, best.doc_b as usize];
    docs.sort();
    let mut want = [rosy1, rosy2];
    want.sort();
    assert_eq!(docs, want, "the message and the address read from it are the most similar pair");
    assert!(best.score > 0.3, "{best:?}");

    // Its row in the list opens it as two columns in pair mode.
    let window = h.get(By::new().role(egui::accesskit::Role::Window).label("Reuse map"));
    let row = window.query_all(By::new().role(egui::accesskit::Role::Button)).find(|b| {
        b.accesskit_node().label().is_some_and(|l| l.contains("1945-Roosevelt-1") && l.contains("1945-Roosevelt-2"))
    });
    row.expect("the pair is listed").click();
    h.run();
    let mut columns = h.state().columns.clone();
    columns.sort();
    assert_eq!(columns, want.to_vec());
    assert!(h.state().workspace.pair_mode, "pair mode is on");
    assert!(h.state().workspace.reuse_map_open, "the open map is kept in the workspace");

    // A cell of the map: Washington's 1790 message (first in date order)
    // against Obama's 2015 address (last) opens that pair.
    let (first, last) = {
        let (map, _, _) = h.state().reuse_map.map().unwrap();
        (map.doc(0).unwrap() as usize, map.doc(n - 1).unwrap() as usize)
    };
    let cells = h.get_by_label("Map of every pair of speeches").rect();
    let cell = cells.width() / n as f32;
    let at = egui::pos2(cells.left() + (n as f32 - 0.5) * cell, cells.top() + 0.5 * cell);
    click_at(&mut h, at);
    h.run();
    let mut columns = h.state().columns.clone();
    columns.sort();
    let mut want = vec![first, last];
    want.sort();
    assert_eq!(columns, want, "the cell's pair became the columns");
    assert!(h.state().corpus[first].path.ends_with("1790-Washington-1.txt"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().reuse_map.open, "Esc closes the map");
}
