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
