//! The built-in sample set: a few short, fictional, dated transcripts with
//! recurring phrasing, so the app shows something real on first start.

use std::path::PathBuf;

use crate::core::import::files::{ImportOptions, Importer};
use crate::core::text::transcript::Transcript;

/// Folder name shown as the samples' location; they live in the binary.
pub const SAMPLE_DIR: &str = "built-in samples";

/// The sample files, compiled into the binary: (file name, contents).
pub const SAMPLE_FILES: &[(&str, &str)] = &[
    ("2019-03-14-varga-geneva.md", include_str!("../../../assets/samples/2019-03-14-varga-geneva.md")),
    ("varga-vienna.txt", include_str!("../../../assets/samples/varga-vienna.txt")),
    ("2021-05-20-varga-press.txt", include_str!("../../../assets/samples/2021-05-20-varga-press.txt")),
    ("2022-09-23-varga-un.txt", include_str!("../../../assets/samples/2022-09-23-varga-un.txt")),
    ("2023-02-10-varga-moskva.txt", include_str!("../../../assets/samples/2023-02-10-varga-moskva.txt")),
    ("2023-06-02-varga-ankara.md", include_str!("../../../assets/samples/2023-06-02-varga-ankara.md")),
];

/// Imports the sample set with the regular importer.
pub fn sample_transcripts() -> Vec<Transcript> {
    let mut importer = Importer::new(ImportOptions::default());
    SAMPLE_FILES
        .iter()
        .filter_map(|(name, text)| {
            importer.import_bytes(&PathBuf::from(SAMPLE_DIR).join(name), text.as_bytes()).into_transcript()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_imports_dated_and_labelled_fictional() {
        let samples = sample_transcripts();
        assert_eq!(samples.len(), SAMPLE_FILES.len());
        for t in &samples {
            assert!(t.date.is_some(), "{} has no date", t.path.display());
            assert!(t.speaker.is_some(), "{} has no speaker", t.path.display());
            assert!(t.warnings.is_empty(), "{}: {:?}", t.path.display(), t.warnings);
            let body = t.body.to_lowercase();
            assert!(
                ["fictional", "вымышлен", "kurgusal"].iter().any(|w| body.contains(w)),
                "{} is not labelled fictional",
                t.path.display()
            );
        }
    }
}
