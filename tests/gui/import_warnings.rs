//! What an import reports besides its files reaches the notifications: a
//! sidecar table's skipped row (the table and line named) and a folder
//! given with no transcripts in it.

use crate::support::app;

#[test]
fn a_sidecar_tables_skipped_row_and_an_empty_folder_are_notified() {
    let dir = tempfile::tempdir().unwrap();
    let speeches = dir.path().join("speeches");
    std::fs::create_dir(&speeches).unwrap();
    std::fs::write(speeches.join("a.txt"), "The first speech.\n").unwrap();
    std::fs::write(speeches.join("b.txt"), "The second speech.\n").unwrap();
    let table = dir.path().join("metadata.csv");
    std::fs::write(&table, "fileid,title\na,\"Broken\nb,Second\n").unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let app = app(vec![speeches, empty.clone()]);
    let title =
        |stem: &str| app.corpus.iter().find(|t| t.path.file_stem() == Some(stem.as_ref())).map(|t| t.title.clone());
    assert_eq!(title("b").as_deref(), Some("Second"), "the row after the broken one is read");
    assert!(title("a").is_some_and(|t| !t.contains("Broken")), "the broken row is skipped: {:?}", title("a"));
    for expected in [
        format!(
            "{}: line 2: a quote opened in this row is never closed; the row is skipped, the rows after it are read",
            table.display()
        ),
        format!("{}: no transcripts found (empty folder)", empty.display()),
    ] {
        assert!(app.notifications.contains(&expected), "{expected:?} not in {:?}", app.notifications);
    }
}
