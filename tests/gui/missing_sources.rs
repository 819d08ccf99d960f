//! A workspace whose sources are not all there (a drive not mounted): the
//! sources found open, the missing ones are listed greyed with Locate… and
//! Remove and stay in the saved workspace with their columns; located, one
//! opens with its columns; removed, it is gone for good. A workspace
//! listing 10,000 columns opens with the app's eight and says so.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use refrain::ui::app::{MAX_COLUMNS, RefrainApp};
use refrain::ui::persistence::workspace::Workspace;

use crate::support::harness;

/// Writes a short transcript, its text made unique by `name`.
fn transcript(dir: &Path, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, format!("The speech called {name}, with a few words of its own.\n")).unwrap();
    path
}

/// The app on `workspace` as remembered in `data` (so it autosaves there), idle.
fn app_on(workspace: Workspace, data: &Path) -> RefrainApp {
    let mut app = RefrainApp::remembering(egui::Context::default(), Vec::new(), Some(workspace), data, || None);
    app.wait_until_idle();
    app
}

/// What the app saved to `data`.
fn saved(data: &Path) -> Workspace {
    Workspace::load_from(&data.join("workspace.json")).unwrap()
}

#[test]
fn a_missing_folder_is_listed_kept_in_the_saved_workspace_and_opens_once_located() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let here = dir.path().join("here");
    let a = transcript(&here, "a.txt");
    transcript(&here, "c.txt");
    // The drive is not mounted: its folder and the column in it are not there.
    let gone = dir.path().join("drive").join("speeches");
    let b = gone.join("b.txt");
    let workspace = Workspace {
        sources: vec![here.clone(), gone.clone()],
        columns: vec![a.clone(), b.clone()],
        ..Default::default()
    };
    let mut h = harness(app_on(workspace, &data), [1280.0, 800.0]);
    h.run();
    {
        let app = h.state();
        assert!(!app.showing_samples, "the source found opens");
        assert_eq!(app.corpus.len(), 2);
        assert_eq!(app.columns.len(), 1, "its column is shown");
        assert_eq!(app.corpus[app.columns[0]].path, a);
        assert_eq!(app.missing_sources(), std::slice::from_ref(&gone));
        let said = app.notifications.iter().find(|n| n.contains("not found")).expect("the missing folder is said");
        assert!(said.starts_with(&gone.display().to_string()) && said.contains("Locate… or Remove"), "{said}");
    }
    // Listed greyed, with its two buttons.
    h.get_by_label_contains("1 source not found");
    h.get_by_label("missing: speeches");
    h.get_by_label("Locate…");
    h.get_by_label("Remove");

    // Saved (now and by the autosave), the missing folder and its column are there.
    let now = h.state().workspace_now();
    assert_eq!(now.sources, [here.clone(), gone.clone()]);
    assert_eq!(now.columns, [a.clone(), b.clone()]);
    assert!(h.state_mut().autosave());
    assert_eq!((saved(&data).sources, saved(&data).columns), (now.sources.clone(), now.columns.clone()));
    // Showing or hiding other columns does not drop it.
    let c = h.state().corpus.iter().position(|t| t.path.ends_with("c.txt")).unwrap();
    h.state_mut().apply_command(refrain::ui::app::Command::ToggleColumn(c));
    h.run();
    assert!(h.state().workspace_now().columns.contains(&b));

    // Located where it is not either: still missing, and said.
    let nowhere = dir.path().join("nowhere");
    h.state_mut().locate_source(&gone, nowhere.clone());
    h.run();
    assert_eq!(h.state().missing_sources(), std::slice::from_ref(&gone));
    assert!(h.state().notifications.iter().any(|n| n.contains("nowhere: not found either")));

    // The folder found elsewhere (the drive mounted at another place): it
    // opens there with its column, the list shows no missing row.
    let moved = dir.path().join("media").join("speeches");
    let moved_b = transcript(&moved, "b.txt");
    h.state_mut().locate_source(&gone, moved.clone());
    h.state_mut().wait_until_idle();
    h.run();
    {
        let app = h.state();
        assert!(app.missing_sources().is_empty());
        assert_eq!(app.corpus.len(), 3, "{:?}", app.corpus.iter().map(|t| &t.path).collect::<Vec<_>>());
        let shown: Vec<&Path> = app.columns.iter().map(|&c| app.corpus[c].path.as_path()).collect();
        assert!(shown.contains(&moved_b.as_path()), "its column is back, from where it is now: {shown:?}");
        let now = app.workspace_now();
        assert!(now.sources.contains(&moved) && !now.sources.contains(&gone), "{:?}", now.sources);
        assert!(!now.columns.contains(&b));
    }
    assert!(h.query_by_label_contains("not found:").is_none(), "no missing row is left");
}

#[test]
fn with_only_missing_sources_the_samples_show_and_the_real_sources_are_saved_until_removed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let gone = dir.path().join("unmounted");
    let b = gone.join("b.txt");
    let workspace = Workspace { sources: vec![gone.clone()], columns: vec![b.clone()], ..Default::default() };
    let mut h = harness(app_on(workspace, &data), [1280.0, 800.0]);
    h.run();
    assert!(h.state().showing_samples);
    h.get_by_label("missing: unmounted");
    let now = h.state().workspace_now();
    assert_eq!(now.sources, std::slice::from_ref(&gone), "the real source, not the samples");
    assert_eq!(now.columns, std::slice::from_ref(&b), "its column, not the samples'");
    assert!(h.state_mut().autosave());
    assert_eq!(saved(&data).sources, std::slice::from_ref(&gone));

    // Back (created where it was) and located at the same place: it opens.
    transcript(&gone, "b.txt");
    h.state_mut().locate_source(&gone, gone.clone());
    h.state_mut().wait_until_idle();
    h.run();
    {
        let app = h.state();
        assert!(!app.showing_samples && app.missing_sources().is_empty());
        assert_eq!(
            app.columns.iter().map(|&c| app.corpus[c].path.clone()).collect::<Vec<_>>(),
            std::slice::from_ref(&b)
        );
    }

    // Another run with the drive gone again; Remove drops it for good.
    std::fs::remove_dir_all(&gone).unwrap();
    let mut h = harness(app_on(saved(&data), &data), [1280.0, 800.0]);
    h.run();
    assert_eq!(h.state().missing_sources(), std::slice::from_ref(&gone));
    h.get_by_label("Remove").click();
    h.run();
    assert!(h.state().missing_sources().is_empty());
    assert!(h.query_by_label_contains("missing: unmounted").is_none());
    let now = h.state().workspace_now();
    assert!(!now.sources.contains(&gone) && !now.columns.contains(&b), "{now:?}");
    assert!(h.state_mut().autosave());
    assert!(saved(&data).sources.is_empty());
}

#[test]
fn a_workspace_listing_ten_thousand_columns_opens_with_eight_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("speeches");
    let mut columns: Vec<PathBuf> = (0..12).map(|k| transcript(&folder, &format!("{k:02}.txt"))).collect();
    columns.extend((12..10_000).map(|k| folder.join(format!("{k:05}.txt"))));
    let workspace = Workspace { sources: vec![folder.clone()], columns: columns.clone(), ..Default::default() };
    let mut app = RefrainApp::new(egui::Context::default(), Vec::new(), Some(workspace));
    app.wait_until_idle();
    let mut h = harness(app, [1280.0, 800.0]);
    h.run();
    let app = h.state();
    assert_eq!(app.corpus.len(), 12);
    let mut shown: Vec<PathBuf> = app.columns.iter().map(|&c| app.corpus[c].path.clone()).collect();
    shown.sort();
    assert_eq!(shown, columns[..MAX_COLUMNS], "the first eight listed");
    assert!(app.workspace_now().columns.len() <= MAX_COLUMNS);
    let said = format!("the workspace lists 10000 columns; at most {MAX_COLUMNS} are shown side by side");
    assert!(app.notifications.iter().any(|n| n.starts_with(&said)), "{:?}", app.notifications);
    h.get_by_label_contains(&format!("{} were left out", 10_000 - MAX_COLUMNS));
}
