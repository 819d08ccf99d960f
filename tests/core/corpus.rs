//! The importer on the real material: the ministry seed transcript and all
//! 249 State of the Union speeches with their `metadata.csv`.

use chrono::{NaiveDate, NaiveTime};
use refrain::core::import::files::{FileOutcome, ImportOptions, Importer, import_paths};
use refrain::core::text::transcript::{DatePrecision, DateSource};

use crate::common;
use crate::support::sotu_metadata;

#[test]
fn seed_transcript_is_understood() {
    let Some(corpus) = common::corpus() else { return };
    let t = match Importer::new(ImportOptions::default()).import_file(&common::seed_file(&corpus)) {
        FileOutcome::Imported(t) => t,
        other => panic!("{other:?}"),
    };
    assert!(
        t.title
            .starts_with("Foreign Minister Sergey Lavrov’s remarks at the 17th Meeting of Heads of Special Services")
    );
    assert!(t.title.ends_with("Moscow, November 7, 2018"));
    let d = t.date.unwrap();
    assert_eq!(
        (d.date, d.precision, d.source),
        (NaiveDate::from_ymd_opt(2018, 11, 7).unwrap(), DatePrecision::Day, DateSource::Header)
    );
    assert_eq!(t.time, NaiveTime::from_hms_opt(14, 7, 0));
    assert_eq!(t.speaker.as_deref(), Some("Sergey Lavrov"));
    assert_eq!(t.place.as_deref(), Some("Moscow"));
    assert_eq!(t.languages, vec!["en-GB", "ru-RU"]);
    assert!(t.paragraph(0).unwrap().starts_with("I am pleased to have another opportunity"));
    assert_eq!(
        t.paragraphs.last().and_then(|r| t.body.get(r.clone())),
        Some("Thank you and I wish you every success in your work.")
    );
    assert!(!t.body.contains("Advanced settings") && !t.body.contains("en-GB1"));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    // Every paragraph range points at trimmed, non-empty text.
    for r in &t.paragraphs {
        let p = &t.body[r.clone()];
        assert!(!p.is_empty() && p.trim() == p);
    }
}

#[test]
fn all_sotu_speeches_dated_to_the_day_with_full_speaker_names() {
    let Some(corpus) = common::corpus() else { return };
    let meta = sotu_metadata(&corpus);
    assert_eq!(meta.len(), 249);
    let outcomes = import_paths(&[corpus.join("sotu")], &ImportOptions::default());
    let mut seen = 0;
    for o in &outcomes {
        let t = match o {
            FileOutcome::Imported(t) => t,
            other => panic!("{other:?}"),
        };
        let stem = t.path.file_stem().unwrap().to_string_lossy().into_owned();
        let (date, speaker, words) = &meta[&stem];
        let d = t.date.unwrap_or_else(|| panic!("{stem} undated"));
        assert_eq!(d.date.format("%Y-%m-%d").to_string(), *date, "{stem}");
        assert_eq!((d.precision, d.source), (DatePrecision::Day, DateSource::Sidecar), "{stem}");
        assert_eq!(t.speaker.as_deref(), Some(speaker.as_str()), "{stem}");
        assert!(t.warnings.is_empty(), "{stem}: {:?}", t.warnings);
        assert_eq!(t.encoding, "UTF-8");
        // Our word segmentation and the packager's differ in details
        // (hyphens, numbers), not in substance.
        let ours = t.words as f64;
        let theirs = *words as f64;
        assert!((ours - theirs).abs() / theirs < 0.05, "{stem}: {ours} words vs {theirs} in metadata.csv");
        assert!(t.paragraphs.len() > 3, "{stem}");
        seen += 1;
    }
    assert_eq!(seen, 249);
}
