//! The phrase-matching options every command that finds recurring phrases
//! takes (`phrases`, `speakers`, `reuse`, `report`): declared once so their
//! names, defaults and help read the same in each.

use crate::core::phrases::PhraseOptions;

/// How recurring phrases are matched. The defaults are `PhraseOptions`'s:
/// five words, two speeches, one bridged word, exact words, numbers kept.
#[derive(Debug, Clone, clap::Args)]
pub struct MatchArgs {
    /// Shortest phrase, in words.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub min_words: usize,
    /// Fewest different speeches a phrase must occur in.
    #[arg(long, default_value_t = 2, value_name = "M")]
    pub min_speeches: usize,
    /// Most differing words bridged inside a recurring passage.
    #[arg(long, default_value_t = 1, value_name = "G")]
    pub max_gap: usize,
    /// Match word stems (Snowball) instead of words.
    #[arg(long)]
    pub stem: bool,
    /// Skip numbers when matching.
    #[arg(long)]
    pub ignore_numbers: bool,
}

impl MatchArgs {
    /// The phrase engine's settings these arguments ask for.
    pub fn options(&self) -> PhraseOptions {
        PhraseOptions::default()
            .min_words(self.min_words)
            .min_speeches(self.min_speeches)
            .max_gap(self.max_gap)
            .stem(self.stem)
            .ignore_numbers(self.ignore_numbers)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Probe {
        #[command(flatten)]
        matching: MatchArgs,
    }

    #[test]
    fn the_defaults_are_the_phrase_engines() {
        let probe = Probe::try_parse_from(["probe"]).unwrap();
        assert_eq!(probe.matching.options(), PhraseOptions::default());
    }

    #[test]
    fn each_option_reaches_the_engine() {
        let probe = Probe::try_parse_from([
            "probe",
            "--min-words",
            "8",
            "--min-speeches",
            "3",
            "--max-gap",
            "0",
            "--stem",
            "--ignore-numbers",
        ])
        .unwrap();
        let o = probe.matching.options();
        assert_eq!((o.min_words, o.min_speeches, o.max_gap, o.stem, o.ignore_numbers), (8, 3, 0, true, true));
    }
}
