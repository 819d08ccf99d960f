//! Where the timeline meets search, notes and exports, in the real app
//! through egui_kittest: a note written from a right-click on a speech, an
//! event or a mention shows as a flag on the timeline and goes into the
//! exports; a pinned search goes on the phrase lane like a selected phrase.

use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use refrain::core::notes::NoteTarget;
use refrain::core::timeline::model::{Entry, EntryKind, Lane};
use refrain::ui::app::{Command, Dialog, RefrainApp};
use refrain::ui::panels::search::SearchCommand;
use refrain::ui::panels::timeline::{entry_label, note_flag_label};

use crate::common;
use crate::support::{app, app_with_events, harness, sotu_six};

/// The window size of every test here.
const SIZE: [f32; 2] = [1400.0, 900.0];

fn entry(h: &Harness<'static, RefrainApp>, lane: Lane, pick: impl Fn(&Entry) -> bool) -> Entry {
    h.state().timeline.model.lane(lane).iter().find(|e| pick(e)).expect("the entry is on the timeline").clone()
}

fn doc_titled(h: &Harness<'static, RefrainApp>, title: &str) -> usize {
    h.state().corpus.iter().position(|t| t.title == title).unwrap()
}

/// Right-clicks a timeline entry, picks `menu` and writes `text` and `tags`
/// in the note editor, then saves.
fn write_note(h: &mut Harness<'static, RefrainApp>, label: &str, menu: &str, text: &str, tags: &str) {
    h.get_by_label(label).click_secondary();
    h.run();
    h.get_by_label(menu).click();
    h.run();
    let edit = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    edit.focus();
    edit.type_text(text);
    h.run();
    if !tags.is_empty() {
        let field = h.get_by_label("Tags");
        field.focus();
        field.type_text(tags);
        h.run();
    }
    h.get_by_label("Save note").click();
    h.run();
}

#[test]
fn a_note_on_a_speech_marker_is_flagged_on_the_timeline_and_exported() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app_with_events(sotu_six(&corpus)), SIZE);
    h.run();
    let obama = doc_titled(&h, "2015-Obama-1");
    let speech = entry(&h, Lane::Speeches, |e| e.doc == Some(obama));
    let flag = note_flag_label(Lane::Speeches, &speech);
    assert!(h.query_by_label(&flag).is_none(), "no note yet");
    // The editor says what the note is about: the speech.
    h.get_by_label(&entry_label(Lane::Speeches, &speech)).click_secondary();
    h.run();
    h.get_by_label("Note on this speech…").click();
    h.run();
    h.get_by_label_contains("On “2015-Obama-1”");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().workspace_now().notes.is_empty(), "cancelled");
    write_note(&mut h, &entry_label(Lane::Speeches, &speech), "Note on this speech…", "Compare with 1942", "war");
    let ws = h.state().workspace_now();
    assert_eq!(ws.notes.len(), 1);
    let path = h.state().corpus[obama].path.clone();
    assert_eq!(ws.notes[0].target, NoteTarget::Speech { path, title: "2015-Obama-1".into() });
    // A flag on the speech's marker, and only there; listed in the Notes window.
    h.get_by_label(&flag);
    assert_eq!(h.query_all_by_label_contains("note on ").count(), 1);
    h.get_by_label_contains("“2015-Obama-1” — 2015-01-20 2015-Obama-1");
    // The flag opens the note for editing.
    h.get_by_label(&flag).click();
    h.run();
    let draft = h.state().notes.draft.clone().expect("the note is open");
    assert_eq!((draft.editing, draft.note.text.as_str()), (Some(0), "Compare with 1942"));
    h.get_by_label("Cancel").click();
    h.run();

    // Export timeline…: the note is on the speech's row, and nowhere else.
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("timeline.csv");
    let status = h.state_mut().export_to(Dialog::ExportTimeline, &csv_path).unwrap();
    let model = h.state().timeline.model.clone();
    let total = model.speeches.len() + model.events.len() + model.mentioned.len() + model.phrase.len();
    assert_eq!(status, format!("{total} timeline entries written to {}", csv_path.display()));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), total);
    assert_eq!(rows.iter().filter(|r| &r[0] == "speeches").count(), 6);
    assert_eq!(rows.iter().filter(|r| &r[0] == "events").count(), 17);
    let noted: Vec<(&str, &str)> = rows.iter().filter(|r| !r[11].is_empty()).map(|r| (&r[5], &r[11])).collect();
    assert_eq!(noted, [("2015-Obama-1", "Compare with 1942 [war]")]);
    // Files relative to the folder the six share; mentions point at their words.
    assert!(rows.iter().any(|r| &r[7] == "2015-Obama-1.txt"));
    for r in rows.iter().filter(|r| &r[0] == "mentioned").take(20) {
        let t = h.state().corpus.iter().find(|t| t.path.ends_with(&r[7])).unwrap();
        assert_eq!(&t.body[r[8].parse::<usize>().unwrap()..r[9].parse::<usize>().unwrap()], &r[5]);
    }
    let json_path = dir.path().join("timeline.json");
    h.state_mut().export_to(Dialog::ExportTimeline, &json_path).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let obama_row = json["entries"].as_array().unwrap().iter().find(|e| e["title"] == "2015-Obama-1").unwrap();
    assert_eq!(obama_row["notes"][0]["text"], "Compare with 1942");

    // Export report…: the timeline's SVG flags the note; the table lists it.
    let report = dir.path().join("report.html");
    h.state_mut().export_to(Dialog::ExportReport, &report).unwrap();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<h2 id=\"timeline\">Timeline</h2>"));
    assert_eq!(html.matches("<circle class=\"speech").count(), 6);
    assert_eq!(html.matches("<rect class=\"note\"").count(), 1);
    assert!(html.contains("2015-01-20 2015-Obama-1 — Barack Obama\nNote: Compare with 1942</title>"));
    assert!(html.contains("<td>the whole speech</td><td>Compare with 1942</td><td>war</td>"));
}

#[test]
fn a_note_on_an_event_is_flagged_opens_the_event_and_is_reported() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app_with_events(sotu_six(&corpus)), SIZE);
    h.run();
    // Pearl Harbor shares a badge with the end of the war at this zoom.
    h.get_by_label("2 events entries from 1941-12-07").click();
    h.run();
    let pearl = entry(&h, Lane::Events, |e| e.title == "Attack on Pearl Harbor");
    // The editor has the keyboard: type straight away, Ctrl+Enter saves.
    h.get_by_label(&entry_label(Lane::Events, &pearl)).click_secondary();
    h.run();
    h.get_by_label("Note on this event…").click();
    h.run();
    h.event(egui::Event::Text("Roosevelt answers a month later".into()));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    h.run();
    assert!(h.state().notes.draft.is_none(), "saved");
    let note = &h.state().workspace_now().notes[0];
    assert_eq!(note.target, NoteTarget::Event { date: "1941-12-07".into(), title: "Attack on Pearl Harbor".into() });
    h.get_by_label(&note_flag_label(Lane::Events, &pearl));
    // The Notes window names it; a click there opens the event.
    assert_eq!(h.state().timeline.selected_event, None);
    h.get_by_label_contains("“1941-12-07 Attack on Pearl Harbor” — event, 1941-12-07").click();
    h.run();
    let k = h.state().timeline.selected_event.expect("the event is selected");
    assert_eq!(h.state().timeline.model.events[k].title, "Attack on Pearl Harbor");
    // In the report: a flag in the SVG and a row of the notes on events.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    h.state_mut().export_to(Dialog::ExportReport, &report).unwrap();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<td>1941-12-07 Attack on Pearl Harbor</td><td>Roosevelt answers a month later</td>"));
    assert_eq!(html.matches("<rect class=\"note\"").count(), 1);
}

#[test]
fn a_note_on_a_mention_is_on_its_sentence_and_flagged_on_the_mention_and_its_speech() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(vec![common::seed_file(&corpus)]), SIZE);
    h.run();
    h.get_by_label("Fit all").click();
    h.run();
    let june = entry(&h, Lane::Mentioned, |e| e.title == "Last June");
    write_note(&mut h, &entry_label(Lane::Mentioned, &june), "Note on this sentence…", "Which convention?", "sco");
    let note = h.state().workspace_now().notes[0].clone();
    let NoteTarget::Range { quote, bytes, .. } = &note.target else { panic!("a note on the sentence: {note:?}") };
    assert!(quote.starts_with("Last June, the states parties to the Shanghai Cooperation Organisation"), "{quote}");
    assert_eq!(Some(bytes.clone()), june.sentence);
    // Flagged on the mention and on its speech; marked in the column's text.
    h.get_by_label(&note_flag_label(Lane::Mentioned, &june));
    let speech = entry(&h, Lane::Speeches, |e| e.doc == june.doc);
    h.get_by_label(&note_flag_label(Lane::Speeches, &speech));
    assert_eq!(h.query_all_by_label_contains("note on ").count(), 2, "not on the other mentions");
    assert_eq!(h.state().notes.marks(june.doc.unwrap()), vec![bytes.clone()]);
    // The timeline export carries it on both rows.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    h.state_mut().export_to(Dialog::ExportTimeline, &path).unwrap();
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let noted: Vec<(String, String)> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| !r[11].is_empty())
        .map(|r| (r[0].to_string(), r[5].to_string()))
        .collect();
    let title = h.state().corpus[june.doc.unwrap()].title.clone();
    assert_eq!(noted, [("speeches".to_string(), title), ("mentioned".to_string(), "Last June".to_string())]);
}

#[test]
fn a_pinned_search_goes_on_the_phrase_lane_like_a_selected_phrase() {
    let Some(corpus) = common::corpus() else { return };
    let mut h = harness(app(sotu_six(&corpus)), SIZE);
    h.run();
    // Search for "tariff" (Ctrl+F) and pin it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(egui::Event::Text("tariff".into()));
    h.run_steps(2);
    let all = h.state().corpus.clone();
    h.state_mut().search.wait(&all);
    h.run();
    h.get_by_label("Pin").click();
    h.run_steps(2);
    h.state_mut().search.wait(&all);
    h.run();
    assert!(h.state().timeline.model.phrase.is_empty(), "nothing on the phrase lane yet");
    // Clicking it among the phrases puts it on the lane.
    h.get_by_label("“tariff” (pinned search)").click();
    h.run_steps(2);
    h.state_mut().search.wait(&all);
    h.run();
    // Counted independently: the speeches saying "tariff", and how often.
    let counts: Vec<(usize, usize)> = all
        .iter()
        .enumerate()
        .map(|(d, t)| (d, t.body.to_lowercase().matches("tariff").count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    assert_eq!(counts.len(), 3, "{counts:?}");
    let model = h.state().timeline.model.clone();
    let mut lane_docs: Vec<usize> = model.phrase.iter().map(|e| e.doc.unwrap()).collect();
    lane_docs.sort_unstable();
    assert_eq!(lane_docs, counts.iter().map(|&(d, _)| d).collect::<Vec<_>>());
    assert_eq!(
        model.phrase_years.iter().map(|y| y.count as usize).sum::<usize>(),
        counts.iter().map(|&(_, n)| n).sum::<usize>()
    );
    for e in &model.phrase {
        assert_eq!(e.kind, EntryKind::Phrase);
        h.get_by_label(&entry_label(Lane::Phrase, e));
    }
    h.get_by_label("Phrase lane:");
    // Its marker opens the speech at the first match.
    let taft = doc_titled(&h, "1909-Taft-1");
    let marker = model.phrase.iter().find(|e| e.doc == Some(taft)).unwrap().clone();
    let first = all[taft].body.to_lowercase().find("tariff").unwrap();
    assert_eq!(marker.bytes, Some(first..first + "tariff".len()));
    h.get_by_label(&entry_label(Lane::Phrase, &marker)).click();
    h.run_steps(30);
    assert!(h.state().columns.contains(&taft));
    assert_eq!(h.state().timeline.mark, Some((taft, first..first + 6)));
    assert_eq!(h.state().timeline.last_opened, Some((EntryKind::Phrase, Some(taft))));

    // Selecting a phrase takes the lane back; the chooser brings the search again.
    h.state_mut().apply_command(Command::SelectPhrase(0));
    h.run();
    let phrase = h.state().indexed.as_ref().unwrap().set.phrases[0].clone();
    let mut docs: Vec<usize> = phrase.occurrences.iter().map(|o| o.doc as usize).collect();
    docs.dedup();
    assert_eq!(h.state().timeline.model.phrase.len(), docs.len());
    assert_eq!(h.state().timeline.lane_search, None);
    h.get_by_label("Phrase lane:").click();
    h.run();
    h.get(By::new().label("pinned: “tariff”").role(egui::accesskit::Role::Button)).click();
    h.run();
    assert_eq!(h.state().timeline.model.phrase.len(), 3);
    // The export says what the lane shows.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    h.state_mut().export_to(Dialog::ExportTimeline, &path).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["phrase"], "search: tariff");
    assert_eq!(json["entries"].as_array().unwrap().iter().filter(|e| e["lane"] == "phrase").count(), 3);
    // Unpinned, it leaves the lane to the selected phrase.
    h.state_mut().apply_command(Command::Search(SearchCommand::Unpin(0)));
    h.run();
    assert_eq!(h.state().timeline.lane_search, None);
    assert_eq!(h.state().timeline.model.phrase.len(), docs.len());
}

#[test]
fn the_file_menu_offers_export_timeline() {
    let mut h = harness(app(Vec::new()), SIZE);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export timeline…");
}
