//! Import rules, encodings and bad input, on the fixture files in
//! `tests/fixtures/` (written by `tests/fixtures/make_fixtures.py`).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use refrain::core::import::error::ImportError;
use refrain::core::import::files::{FileOutcome, ImportOptions, Importer, import_paths};
use refrain::core::text::transcript::{DatePrecision, DateSource, Transcript};

use crate::common::fixture;

fn import(rel: &str) -> Transcript {
    match Importer::new(ImportOptions::default()).import_file(&fixture(rel)) {
        FileOutcome::Imported(t) => *t,
        other => panic!("{rel}: expected a transcript, got {other:?}"),
    }
}

fn fail(rel: &str) -> ImportError {
    match Importer::new(ImportOptions::default()).import_file(&fixture(rel)) {
        FileOutcome::Failed(e) => e,
        other => panic!("{rel}: expected an error, got {other:?}"),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn date_of(t: &Transcript) -> (NaiveDate, DatePrecision, DateSource) {
    let d = t.date.unwrap_or_else(|| panic!("{} has no date: {:?}", t.path.display(), t.warnings));
    (d.date, d.precision, d.source)
}

// ---- rule 1: the foreign-ministry layout ------------------------------------

#[test]
fn ministry_layout_with_glued_spaced_and_missing_time() {
    for (name, time) in [
        ("formats/ministry_glued.txt", NaiveTime::from_hms_opt(14, 7, 0)),
        ("formats/ministry_spaced.txt", NaiveTime::from_hms_opt(14, 7, 0)),
        ("formats/ministry_no_time.txt", None),
    ] {
        let t = import(name);
        assert_eq!(date_of(&t), (ymd(2018, 11, 7), DatePrecision::Day, DateSource::Header), "{name}");
        assert_eq!(t.time, time, "{name}");
        assert!(t.title.starts_with("Foreign Minister Sergey Lavrov’s remarks at a news conference"), "{name}");
        assert_eq!(t.speaker.as_deref(), Some("Sergey Lavrov"));
        assert_eq!(t.place.as_deref(), Some("Moscow"));
        assert_eq!(t.languages, vec!["en-GB", "ru-RU"]);
        assert!(t.body.starts_with("The principle of indivisible security"), "{name}: {:?}", t.body);
        assert!(!t.body.contains("Advanced settings"), "boilerplate left in {name}");
        assert!(!t.body.contains("en-GB"), "language line left in {name}");
        assert_eq!(t.paragraphs.len(), 2);
        assert!(t.warnings.is_empty(), "{name}: {:?}", t.warnings);
    }
}

// ---- rule 2: front matter and header lines ------------------------------------

#[test]
fn front_matter_block() {
    let t = import("formats/front_matter.md");
    assert_eq!(date_of(&t), (ymd(2019, 3, 14), DatePrecision::Day, DateSource::FrontMatter));
    assert_eq!(t.title, "Remarks in Geneva");
    assert_eq!(t.speaker.as_deref(), Some("Elena Varga"));
    assert_eq!(t.place.as_deref(), Some("Geneva"));
    assert_eq!(t.languages, vec!["en", "fr"]);
    assert!(!t.body.contains("---") && !t.body.contains("# Remarks"), "{:?}", t.body);
}

#[test]
fn key_value_header_lines() {
    let t = import("formats/header_lines.txt");
    assert_eq!(date_of(&t), (ymd(2020, 3, 3), DatePrecision::Day, DateSource::Header));
    assert_eq!(t.title, "Address to the Nation");
    assert_eq!(t.speaker.as_deref(), Some("Jane Doe"));
    assert_eq!(t.place.as_deref(), Some("Springfield"));
    assert!(t.body.starts_with("The principle"));
}

// ---- rule 3: dates in file names ------------------------------------------------

#[test]
fn dates_in_file_names() {
    let cases = [
        ("formats/dates_in_names/1790-01-08-washington.txt", ymd(1790, 1, 8), DatePrecision::Day),
        ("formats/dates_in_names/2018-11-07_lavrov.txt", ymd(2018, 11, 7), DatePrecision::Day),
        ("formats/dates_in_names/20181107.txt", ymd(2018, 11, 7), DatePrecision::Day),
        ("formats/dates_in_names/1790-Washington-1.txt", ymd(1790, 1, 1), DatePrecision::Year),
    ];
    for (name, date, precision) in cases {
        let t = import(name);
        assert_eq!(date_of(&t), (date, precision, DateSource::Filename), "{name}");
    }
    // A salutation is not a title: the file stem stands in.
    assert_eq!(import("formats/dates_in_names/1790-01-08-washington.txt").title, "1790-01-08-washington");
    assert_eq!(import("formats/dates_in_names/20181107.txt").title, "Remarks at the dinner");
}

// ---- rule 4: sidecar tables ----------------------------------------------------

#[test]
fn sidecar_csv_one_folder_up_gives_day_and_full_name() {
    let outcomes = import_paths(&[fixture("formats/sidecar_csv")], &ImportOptions::default());
    let ts: Vec<&Transcript> = outcomes
        .iter()
        .filter_map(|o| match o {
            FileOutcome::Imported(t) => Some(&**t),
            _ => None,
        })
        .collect();
    assert_eq!(ts.len(), 2, "{outcomes:?}");
    let jefferson = ts.iter().find(|t| t.path.ends_with("1801-Jefferson-1.txt")).unwrap();
    assert_eq!(date_of(jefferson), (ymd(1801, 12, 8), DatePrecision::Day, DateSource::Sidecar));
    assert_eq!(jefferson.speaker.as_deref(), Some("Thomas Jefferson"));
    let adams = ts.iter().find(|t| t.path.ends_with("1825-Adams-1.txt")).unwrap();
    assert_eq!(adams.speaker.as_deref(), Some("John Quincy Adams"));
    assert!(adams.warnings.is_empty(), "{:?}", adams.warnings);
}

#[test]
fn sidecar_json_with_turkish_metadata() {
    let t = import("formats/sidecar_json/erdogan-ankara.txt");
    assert_eq!(date_of(&t), (ymd(2023, 6, 2), DatePrecision::Day, DateSource::Sidecar));
    assert_eq!(t.speaker.as_deref(), Some("Recep Tayyip Erdoğan"));
    assert_eq!(t.title, "Ankara konuşması");
    assert_eq!(t.languages, vec!["tr-TR"]);
    assert!(t.body.contains("İstanbul'dan") && t.body.contains("Işık, şeker, dağ, ılık"));
}

// ---- rule 5: subtitles -----------------------------------------------------------

#[test]
fn srt_and_vtt_keep_cue_times_and_drop_timing_lines() {
    let t = import("formats/talk.srt");
    assert_eq!(t.body, "Good morning, dear colleagues. We meet again.\n\nДобрый день.");
    assert_eq!(t.cues.len(), 3);
    assert_eq!((t.cues[1].start_ms, t.cues[1].end_ms), (3600, 5000));
    assert_eq!(&t.body[t.cues[2].range.clone()], "Добрый день.");
    assert!(t.date.is_none());
    assert!(t.warnings.iter().any(|w| w.contains("no date")));

    let t = import("formats/2023-06-02-talk.vtt");
    assert_eq!(t.body, "Değerli konuklar, hoş geldiniz. İstanbul'dan selamlar.");
    assert_eq!(t.speaker.as_deref(), Some("Elena Varga"));
    assert_eq!(t.cues[0].start_ms, 1000);
    assert_eq!(date_of(&t), (ymd(2023, 6, 2), DatePrecision::Day, DateSource::Filename));
}

// ---- rule 6: dates written in the first lines ------------------------------------

#[test]
fn dates_written_in_other_ways() {
    for name in ["us_style.txt", "dotted.txt", "iso.txt", "russian_dateline.txt"] {
        let t = import(&format!("formats/written/{name}"));
        assert_eq!(date_of(&t).0, ymd(2018, 11, 7), "{name}");
        assert!(t.warnings.is_empty(), "{name}: {:?}", t.warnings);
    }
    let ru = import("formats/written/russian_dateline.txt");
    assert_eq!(ru.time, NaiveTime::from_hms_opt(14, 7, 0));
    assert_eq!(ru.title, "Выступление на пресс-конференции");
    let caption = import("formats/written/caption_line.txt");
    assert_eq!(date_of(&caption), (ymd(2019, 3, 14), DatePrecision::Day, DateSource::Text));
}

#[test]
fn ambiguous_slashed_dates_warn_unless_decided() {
    let t = import("formats/written/slashed_ambiguous.txt");
    assert_eq!(date_of(&t).0, ymd(2018, 7, 11));
    assert!(t.warnings.iter().any(|w| w.contains("ambiguous") && w.contains("2018-11-07")), "{:?}", t.warnings);

    let t = import("formats/written/slashed_locale.md");
    assert_eq!(date_of(&t).0, ymd(2018, 11, 7), "en-GB reads day first");
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);

    let t = import("formats/written/slashed_month_name.txt");
    assert_eq!(date_of(&t).0, ymd(2018, 11, 7), "the title's month name decides");
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

// ---- encodings ---------------------------------------------------------------------

const RU: &str = "Министр иностранных дел выступил с речью о международной безопасности. Ёлка, щука, объём.";
const TR: &str = "Dışişleri Bakanı bugün İstanbul'da konuştu: güvenlik işbirliği, ılık ilişkiler, şeffaflık ve dağ köylerinin geleceği.";
const LATIN: &str = "Café society, naïve hopes, Müller's señor and the façade of the château: déjà vu in Zürich.";

#[test]
fn every_encoding_decodes_to_the_same_text() {
    let cases = [
        ("encodings/utf8_bom.txt", RU, "UTF-8"),
        ("encodings/utf8_plain_turkish.txt", TR, "UTF-8"),
        ("encodings/utf16le_bom.txt", RU, "UTF-16LE"),
        ("encodings/utf16be_bom.txt", TR, "UTF-16BE"),
        ("encodings/cp1251_russian.txt", RU, "windows-1251"),
        ("encodings/cp1252_latin.txt", LATIN, "windows-1252"),
        ("encodings/cp1254_turkish.txt", TR, "windows-1254"),
    ];
    for (name, text, encoding) in cases {
        let t = import(name);
        assert_eq!(t.body, text, "{name}");
        assert_eq!(t.encoding, encoding, "{name}");
    }
}

#[test]
fn line_endings_and_control_characters() {
    for name in ["encodings/crlf.txt", "encodings/cr_only.txt"] {
        let t = import(name);
        assert!(!t.body.contains('\r'), "{name}");
        assert_eq!(t.paragraphs.len(), 2, "{name}: {:?}", t.body);
    }
    assert_eq!(import("encodings/crlf.txt").paragraph(0), Some("First paragraph, line one.\nLine two."));
    let t = import("encodings/nul_controls.txt");
    assert_eq!(t.paragraph(0), Some("A text with a stray NUL byte and a bell in it."));
    assert!(t.warnings.iter().any(|w| w.contains("control character")), "{:?}", t.warnings);
}

// ---- bad input -----------------------------------------------------------------------

#[test]
fn each_bad_file_gets_its_own_error() {
    assert!(matches!(fail("bad/empty.txt"), ImportError::Empty { .. }));
    assert!(matches!(fail("bad/whitespace_only.txt"), ImportError::Empty { .. }));
    assert!(matches!(fail("bad/header_only.md"), ImportError::NoText { .. }));
    assert!(matches!(fail("bad/image.png"), ImportError::Binary { kind, .. } if kind == "PNG image"));
    assert!(matches!(fail("bad/photo.txt"), ImportError::Binary { kind, .. } if kind == "PNG image"));
    assert!(matches!(fail("bad/archive.zip"), ImportError::Binary { kind, .. } if kind.starts_with("ZIP")));
    assert!(matches!(fail("bad/noise.txt"), ImportError::Binary { .. }));
    assert!(matches!(fail("no/such/file.txt"), ImportError::NotFound { .. }));
    assert!(matches!(fail("formats"), ImportError::IsADirectory { .. }));
    // Messages name the file.
    let e = fail("bad/image.png");
    assert!(e.to_string().contains("image.png") && e.to_string().contains("not a text file"), "{e}");
}

#[test]
fn undated_files_import_with_a_warning() {
    let t = import("bad/undated.txt");
    assert!(t.date.is_none());
    assert_eq!(t.title, "Remarks without any date");
    assert!(t.warnings.iter().any(|w| w.contains("no date found")));
}

#[test]
fn a_date_outside_the_years_read_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for (date, year) in [("9999-12-31", "9999"), ("0001-01-01", "0001"), ("3000", "3000")] {
        let path = dir.path().join(format!("{year}.txt"));
        std::fs::write(&path, format!("Date: {date}\nTitle: Out of range\n\nAll peoples deserve peace.\n")).unwrap();
        let FileOutcome::Imported(t) = Importer::new(ImportOptions::default()).import_file(&path) else {
            panic!("{date}: not imported")
        };
        assert!(t.date.is_none(), "{date}: {:?}", t.date);
        assert!(
            t.warnings.iter().any(|w| w.contains(date) && w.contains("outside the years 1000–2100")),
            "{date}: {:?}",
            t.warnings
        );
    }
    // A date that is no date at all is still "not understood".
    let path = dir.path().join("garbled.txt");
    std::fs::write(&path, "Date: soon-ish\nTitle: Garbled\n\nAll peoples deserve peace.\n").unwrap();
    let FileOutcome::Imported(t) = Importer::new(ImportOptions::default()).import_file(&path) else { panic!() };
    assert!(t.warnings.iter().any(|w| w.contains("“soon-ish”") && w.contains("not understood")), "{:?}", t.warnings);
}

#[test]
fn too_large_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    // A sparse 51 MB file: refused from its size alone, never read.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(51 * 1024 * 1024).unwrap();
    let mut importer = Importer::new(ImportOptions::default());
    match importer.import_file(&big) {
        FileOutcome::Failed(ImportError::TooLarge { size, limit, .. }) => {
            assert_eq!(size, 51 * 1024 * 1024);
            assert_eq!(limit, 50 * 1024 * 1024);
        }
        other => panic!("{other:?}"),
    }
    // The limit is configurable.
    let small = fixture("formats/header_lines.txt");
    let mut strict = Importer::new(ImportOptions { max_file_size: 10 });
    assert!(matches!(strict.import_file(&small), FileOutcome::Failed(ImportError::TooLarge { .. })));
}

#[test]
fn unreadable_files_are_reported() {
    // /proc/self/mem opens but cannot be read from offset 0, even as root.
    let mut importer = Importer::new(ImportOptions::default());
    let outcome = importer.import_file(Path::new("/proc/self/mem"));
    assert!(matches!(outcome, FileOutcome::Failed(ImportError::Unreadable { .. })), "{outcome:?}");
    // A fifo is not a regular file (and must not block the import).
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    assert!(matches!(importer.import_file(&fifo), FileOutcome::Failed(ImportError::NotAFile { .. })));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("speeches");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(inner.join("2020-01-01-a.txt"), "A speech.\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), inner.join("loop")).unwrap();
    let outcomes = import_paths(&[dir.path().to_path_buf()], &ImportOptions::default());
    assert!(outcomes.iter().any(|o| matches!(o, FileOutcome::Imported(_))), "{outcomes:?}");
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, FileOutcome::Failed(ImportError::Walk { reason, .. }) if reason.contains("loop"))),
        "{outcomes:?}"
    );
}

#[test]
fn file_names_with_spaces_cyrillic_and_non_utf8_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<std::ffi::OsString> = vec![
        "2019-01-02 речь в Москве.txt".into(),
        "İstanbul konuşması 2019-03-04.txt".into(),
        #[cfg(unix)]
        std::os::unix::ffi::OsStringExt::from_vec(b"2019-05-06-caf\xe9.txt".to_vec()),
    ];
    for (i, n) in names.iter().enumerate() {
        std::fs::write(dir.path().join(n), format!("Speech number {i}.\n")).unwrap();
    }
    let outcomes = import_paths(&[dir.path().to_path_buf()], &ImportOptions::default());
    let dated: Vec<_> = outcomes
        .iter()
        .filter_map(|o| match o {
            FileOutcome::Imported(t) => t.date.map(|d| d.date),
            _ => None,
        })
        .collect();
    assert_eq!(dated.len(), names.len(), "{outcomes:?}");
    assert!(dated.contains(&ymd(2019, 3, 4)) && dated.contains(&ymd(2019, 1, 2)));
}

#[test]
fn a_mixed_batch_reports_each_failure_and_loads_the_rest() {
    let mut paths: Vec<PathBuf> = [
        "bad/empty.txt",
        "formats/header_lines.txt",
        "bad/image.png",
        "bad/duplicate_a.txt",
        "bad/duplicate_b.txt",
        "bad/noise.txt",
        "encodings/cp1251_russian.txt",
        "bad/undated.txt",
    ]
    .iter()
    .map(|r| fixture(r))
    .collect();
    paths.push(PathBuf::from("/definitely/missing"));
    let outcomes = import_paths(&paths, &ImportOptions::default());
    assert_eq!(outcomes.len(), paths.len());
    let imported = outcomes.iter().filter(|o| matches!(o, FileOutcome::Imported(_))).count();
    let failed = outcomes.iter().filter(|o| matches!(o, FileOutcome::Failed(_))).count();
    assert_eq!((imported, failed), (4, 4), "{outcomes:?}");
    match &outcomes[4] {
        FileOutcome::Duplicate { path, of } => {
            assert!(path.ends_with("duplicate_b.txt") && of.ends_with("duplicate_a.txt"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn folders_are_read_recursively_for_transcripts_only() {
    let outcomes = import_paths(&[fixture("bad")], &ImportOptions::default());
    // image.png and archive.zip are not transcripts by name and are skipped
    // when walking a folder; photo.txt is read and refused.
    assert!(outcomes.iter().all(|o| !o.path().ends_with("image.png") && !o.path().ends_with("archive.zip")));
    assert!(outcomes.iter().any(|o| o.path().ends_with("photo.txt")));
}
