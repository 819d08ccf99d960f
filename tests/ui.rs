//! The app through egui_kittest: widgets found by label, clicked, and the
//! app's state checked. No display needed. Missing glyphs fail the test, so
//! these also check that Cyrillic and Turkish text renders with our fonts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::core::samples::sample_transcripts;
use refrain::ui::app::RefrainApp;

fn harness(app: RefrainApp) -> Harness<'static, RefrainApp> {
    Harness::builder().with_size([1280.0, 800.0]).build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app)
}

#[test]
fn samples_are_listed_in_date_order_and_clicking_one_shows_it() {
    let mut h = harness(RefrainApp::with_transcripts(sample_transcripts()));
    h.run();
    h.get_by_label("6 of 6 transcripts");
    // The earliest sample is shown first.
    let first = h.state().selected.unwrap();
    assert_eq!(h.state().corpus[first].title, "Remarks at the Conference on Regional Security, Geneva");
    h.get_by_label("2019-03-14 (from front-matter)");
    // Click the Russian transcript in the list.
    h.get_by_label("2023-02-10  Выступление на пресс-конференции в Москве").click();
    h.run();
    let shown = &h.state().corpus[h.state().selected.unwrap()];
    assert_eq!(shown.speaker.as_deref(), Some("Елена Варга"));
    h.get_by_label_contains("Дамы и господа, уважаемые коллеги!");
    // And the Turkish one.
    h.get_by_label("2023-06-02  Ankara'daki basın toplantısında konuşma").click();
    h.run();
    h.get_by_label_contains("Bugün İstanbul ve Ankara'daki görüşmelerimiz");
    assert_eq!(h.state().corpus[h.state().selected.unwrap()].place.as_deref(), Some("Ankara"));
}

#[test]
fn the_filter_box_narrows_the_list() {
    let mut h = harness(RefrainApp::with_transcripts(sample_transcripts()));
    h.run();
    h.get_by_label("Filter:");
    let edit = h.get_by_role(egui::accesskit::Role::TextInput);
    edit.focus();
    edit.type_text("елена");
    h.run();
    assert_eq!(h.state().filter, "елена");
    h.get_by_label("1 of 6 transcripts");
}

#[test]
fn opening_files_reads_in_the_background_and_lists_each_failure() {
    let paths = vec![common::fixture("bad"), common::fixture("formats/front_matter.md")];
    let mut h = harness(RefrainApp::new(egui::Context::default(), paths));
    let start = Instant::now();
    while h.state().is_loading() {
        assert!(start.elapsed() < Duration::from_secs(30), "import did not finish");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
    let app = h.state();
    let titles: Vec<&str> = app.corpus.iter().map(|t| t.title.as_str()).collect();
    assert!(titles.contains(&"Remarks in Geneva") && titles.contains(&"Remarks without any date"), "{titles:?}");
    // Undated transcripts sort last.
    assert!(app.corpus[*app.order.last().unwrap()].date.is_none());
    let joined = app.notifications.join("\n");
    for expected in [
        "empty.txt: the file is empty",
        "photo.txt: not a text file (PNG image)",
        "noise.txt: not a text file",
        "duplicate_b.txt: same content as",
    ] {
        assert!(joined.contains(expected), "missing {expected:?} in\n{joined}");
    }
    h.get_by_label_contains("problem(s) while opening files");
    h.get_by_label("Clear").click();
    h.run();
    assert!(h.state().notifications.is_empty());
}
