//! Fonts for every script through the real app: Chinese, Arabic and Hebrew
//! transcripts get the system's fonts as fallbacks (and egui finds a glyph
//! for every character drawn: the harness panics on a missing one); without
//! fonts the missing scripts are said once and listed; with no fonts at all,
//! or only broken font files, the app still starts and draws.

use std::path::PathBuf;
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::ui::app::RefrainApp;
use refrain::ui::fonts::catalog::system_catalog;
use refrain::ui::fonts::{Catalog, FontFallbacks, FontSource, Script, ScriptSet};

use crate::support::harness;

/// Three short transcripts, in Chinese, Arabic and Hebrew, with their titles
/// and speakers in the same script.
fn write_transcripts(dir: &std::path::Path) -> Vec<PathBuf> {
    let files = [
        (
            "2019-11-05-zh.txt",
            "Title: 在进口博览会开幕式上的讲话\nDate: 2019-11-05\nSpeaker: 发言人（虚构）\n\n\
             女士们，先生们，朋友们：\n\n\
             开放的大门不会关闭，只会越开越大。我们将继续扩大开放，推动建设开放型世界经济。\n\n\
             这是一篇虚构的讲话，用于测试。",
        ),
        (
            "2019-09-24-ar.txt",
            "Title: كلمة أمام الجمعية العامة\nDate: 2019-09-24\nSpeaker: المتحدث الرسمي\n\n\
             السيد الرئيس، أصحاب الفخامة والسمو والمعالي،\n\n\
             إن السلام في منطقتنا لن يتحقق إلا من خلال حل عادل وشامل. نحن نؤمن بالحوار والتعاون بين الشعوب.\n\n\
             هذه كلمة خيالية للاختبار.",
        ),
        (
            "2020-05-01-he.txt",
            "Title: נאום בפתיחת מושב הכנסת\nDate: 2020-05-01\nSpeaker: דובר הממשלה\n\n\
             חברי הכנסת הנכבדים,\n\n\
             אנו מחויבים לשלום ולביטחון של כל אזרחי המדינה. נמשיך לפעול למען הכלכלה והחינוך.\n\n\
             זהו נאום בדיוני לצורך בדיקה.",
        ),
    ];
    crate::support::write_files(dir, &files)
}

fn scripts(list: &[Script]) -> ScriptSet {
    list.iter().copied().collect()
}

/// The app on `paths` with its fallback fonts from `source`, everything
/// loaded.
fn app_with_fonts(paths: Vec<PathBuf>, source: FontSource) -> RefrainApp {
    let mut app = RefrainApp::new(egui::Context::default(), paths, None);
    app.fonts = FontFallbacks::new(source, || {});
    app.wait_until_idle();
    app
}

/// A harness that draws tofu for characters no font has, instead of failing.
fn tolerant_harness(app: RefrainApp) -> Harness<'static, RefrainApp> {
    tolerant_harness_of_size(app, [1280.0, 800.0])
}

/// [`tolerant_harness`] of `size` points.
fn tolerant_harness_of_size(app: RefrainApp, size: [f32; 2]) -> Harness<'static, RefrainApp> {
    Harness::builder()
        .with_size(size)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app)
}

/// The names of the fonts in the harness's proportional family.
fn proportional_fonts(h: &Harness<'static, RefrainApp>) -> Vec<String> {
    h.ctx.fonts(|f| f.definitions().families.get(&egui::FontFamily::Proportional).cloned().unwrap_or_default())
}

/// The notifications that name a missing script.
fn font_notices(app: &RefrainApp) -> Vec<&String> {
    app.notifications.iter().filter(|n| n.starts_with(refrain::ui::fonts::MISSING_FONT_NOTICE)).collect()
}

/// True when the system has fonts for Chinese, Arabic and Hebrew; says
/// loudly when not (a failure with `REFRAIN_REQUIRE_FONTS=1`).
fn system_has_fonts() -> bool {
    let catalog = system_catalog();
    let lacking: Vec<&str> = [Script::Han, Script::Arabic, Script::Hebrew]
        .into_iter()
        .filter(|s| catalog.fallback_for_script(*s).is_none())
        .map(Script::name)
        .collect();
    if lacking.is_empty() {
        return true;
    }
    let message = format!("skipped: no installed font for {lacking:?} (Debian: fonts-noto-cjk, fonts-noto-core)");
    assert!(std::env::var_os("REFRAIN_REQUIRE_FONTS").is_none(), "{message}");
    eprintln!("{message}");
    false
}

#[test]
fn chinese_arabic_and_hebrew_transcripts_get_system_fonts_and_every_glyph() {
    if !system_has_fonts() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let app = app_with_fonts(write_transcripts(dir.path()), FontSource::System);
    assert_eq!(app.corpus.len(), 3);
    assert_eq!(app.fonts.shown_scripts(), scripts(&[Script::Han, Script::Arabic, Script::Hebrew]));
    assert_eq!(app.fonts.missing_scripts(), ScriptSet::EMPTY);
    assert!(font_notices(&app).is_empty(), "{:?}", app.notifications);
    let names: Vec<(Script, String)> = app.fonts.loaded().map(|(s, f)| (s, f.name.clone())).collect();
    let families: Vec<(Script, String)> = app.fonts.loaded().map(|(s, f)| (s, f.family.clone())).collect();
    assert_eq!(names.len(), 3, "one font per script: {families:?}");
    // The harness fails on any character drawn without a glyph: the list's
    // titles, the columns' headers and texts, in all three scripts.
    let mut h = harness(app, [1280.0, 800.0]);
    h.run_steps(4);
    assert_eq!(h.state().columns.len(), 3);
    let fonts = proportional_fonts(&h);
    for (script, name) in &names {
        let at = fonts.iter().position(|f| f == name);
        assert!(
            at.is_some_and(|at| at > 0),
            "{} font {name} is a fallback after the bundled ones: {fonts:?}",
            script.name()
        );
    }
    // The title is drawn in the list and in its column's header.
    assert!(h.query_all_by_label_contains("在进口博览会开幕式上的讲话").count() >= 2);
}

#[test]
fn columns_laid_out_before_the_fonts_came_are_laid_out_again() {
    if !system_has_fonts() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let chinese = write_transcripts(dir.path()).remove(0);
    // Where the last character of the text is drawn, with the fonts of the
    // system from the start: full-width glyphs, wrapped accordingly.
    let mut h = harness(app_with_fonts(vec![chinese.clone()], FontSource::System), [900.0, 700.0]);
    h.run_steps(4);
    let end = h.state().corpus[0].body.len() - "。".len();
    let expected = h.state().screen_pos(0, end).unwrap();
    // The same with the fonts coming after the columns were first drawn
    // (with boxes, narrower): the columns keep no layout of the old fonts.
    let mut h = tolerant_harness_of_size(app_with_fonts(vec![chinese], FontSource::Dirs(Vec::new())), [900.0, 700.0]);
    h.run_steps(4);
    let boxes = h.state().screen_pos(0, end).unwrap();
    assert_ne!(boxes, expected, "boxes and Chinese glyphs wrap differently");
    h.state_mut().fonts = FontFallbacks::new(FontSource::System, || {});
    h.state_mut().wait_until_idle();
    h.run_steps(4);
    assert_eq!(h.state().fonts.missing_scripts(), ScriptSet::EMPTY);
    assert_eq!(h.state().screen_pos(0, end), Some(expected));
}

#[test]
fn a_script_typed_in_search_gets_a_system_font_too() {
    if !system_has_fonts() {
        return;
    }
    // The samples are Latin and Cyrillic: no fallback was loaded for them.
    let app = app_with_fonts(Vec::new(), FontSource::System);
    assert_eq!(app.fonts.loaded().count(), 0);
    app.fonts.wait_for_catalog();
    let mut h = harness(app, [1280.0, 800.0]);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    // Drawn in the search field: egui asks the app's font provider (the
    // harness would fail on a missing glyph).
    h.event(egui::Event::Text("中国 שלום سلام".into()));
    h.run_steps(3);
    assert_eq!(h.state().search.text, "中国 שלום سلام");
    let discovered = h.ctx.fonts(|f| f.discovered_fonts().len());
    assert!(discovered >= 1, "fonts found for the typed text: {discovered}");
}

#[test]
fn without_fonts_the_missing_scripts_are_said_once_and_listed() {
    let fonts = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = app_with_fonts(write_transcripts(dir.path()), FontSource::Dirs(vec![fonts.path().to_path_buf()]));
    assert_eq!(app.fonts.missing_scripts().names(), ["Han", "Arabic", "Hebrew"]);
    assert_eq!(app.fonts.loaded().count(), 0);
    let notices = font_notices(&app);
    assert_eq!(notices.len(), 3, "{notices:?}");
    let named =
        |n: &str, script: &str, package: &str| n.contains(script) && n.ends_with(&format!("install {package})"));
    assert!(named(notices[0], "Chinese characters (Han)", "fonts-noto-cjk"), "{}", notices[0]);
    assert!(named(notices[1], "Arabic script", "fonts-noto-core"), "{}", notices[1]);
    assert!(named(notices[2], "Hebrew script", "fonts-noto-core"), "{}", notices[2]);
    let first = notices[0].clone();
    let mut h = tolerant_harness(app);
    h.run_steps(6);
    // Said once, however many frames, and shown along the bottom.
    assert_eq!(font_notices(h.state()).len(), 3);
    h.get_by_label(&first);
    // Counted as what they are, not as problems with files.
    h.get_by_label("3 script(s) without a font");
    assert!(h.query_by_label_contains("problem(s) with files").is_none());
    // Opening only the Hebrew transcript again: only Hebrew is missing,
    // and it is not said a second time.
    let hebrew = h.state().corpus.iter().find(|t| t.title.contains("הכנסת")).unwrap().path.clone();
    h.state_mut().open(vec![hebrew], true);
    h.state_mut().wait_until_idle();
    h.run_steps(3);
    assert_eq!(h.state().fonts.missing_scripts().names(), ["Hebrew"]);
    assert_eq!(font_notices(h.state()).len(), 3);
}

#[test]
fn the_app_starts_and_draws_with_no_fonts_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_transcripts(dir.path());
    for source in [FontSource::Catalog(Arc::new(Catalog::empty())), FontSource::Dirs(Vec::new())] {
        // The samples (bundled fonts only), then transcripts in other scripts.
        let mut h = tolerant_harness(app_with_fonts(Vec::new(), source.clone()));
        h.run_steps(5);
        assert_eq!(h.state().fonts.missing_scripts(), ScriptSet::EMPTY);
        assert_eq!(h.state().corpus.len(), 6, "the samples are open");
        h.state_mut().open(paths.clone(), true);
        h.state_mut().wait_until_idle();
        h.run_steps(5);
        assert_eq!(h.state().fonts.missing_scripts().names(), ["Han", "Arabic", "Hebrew"]);
        assert_eq!(h.state().columns.len(), 3);
    }
}

#[test]
fn broken_font_files_are_passed_over_without_stopping_the_app() {
    let fonts = tempfile::tempdir().unwrap();
    let bundled = egui::FontDefinitions::default();
    let ubuntu = bundled.font_data["Ubuntu-Light"].bytes().to_vec();
    std::fs::write(fonts.path().join("garbage.ttf"), b"not a font".repeat(100)).unwrap();
    std::fs::write(fonts.path().join("empty.otf"), b"").unwrap();
    std::fs::write(fonts.path().join("cut.ttf"), &ubuntu[..ubuntu.len() / 4]).unwrap();
    std::fs::write(fonts.path().join("collection.ttc"), b"ttcf\0\x01\0\0\0\0\0\x02\0\0\0\x14\0\0\0\x20").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = app_with_fonts(write_transcripts(dir.path()), FontSource::Dirs(vec![fonts.path().to_path_buf()]));
    assert_eq!(app.fonts.missing_scripts().names(), ["Han", "Arabic", "Hebrew"]);
    let mut h = tolerant_harness(app);
    h.run_steps(5);
    h.get_by_label_contains("3 of 3 transcripts");
}
