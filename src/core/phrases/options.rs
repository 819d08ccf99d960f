//! The settings of a phrase query ([`PhraseOptions`]): how long and how
//! widespread a phrase must be, how words are matched, how far gaps are
//! bridged and which phrases count as formulas. The workspace saves them;
//! [`PhraseIndex::phrases`](super::PhraseIndex::phrases) answers them.

/// Settings for finding phrases. Every setter documents its default and
/// keeps the field's limits. Saved as they are in the workspace (fields
/// missing there take their defaults), where the app's settings edit them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PhraseOptions {
    /// Shortest phrase, in words (at least 1).
    pub min_words: usize,
    /// Fewest different speeches a phrase must occur in (at least 2).
    pub min_speeches: usize,
    /// Most differing words bridged inside a phrase.
    pub max_gap: usize,
    /// Match Snowball stems instead of words.
    pub stem: bool,
    /// Skip numbers when matching.
    pub ignore_numbers: bool,
    /// A phrase in more than this fraction of all speeches is a formula.
    pub formula_fraction: f64,
    /// Leave formulas out of the highlights.
    pub hide_formulas: bool,
}

impl Default for PhraseOptions {
    fn default() -> Self {
        PhraseOptions {
            min_words: 5,
            min_speeches: 2,
            max_gap: 1,
            stem: false,
            ignore_numbers: false,
            formula_fraction: 0.5,
            hide_formulas: false,
        }
    }
}

impl PhraseOptions {
    /// Shortest phrase, in words (default 5; at least 1).
    pub fn min_words(mut self, n: usize) -> Self {
        self.min_words = n.max(1);
        self
    }
    /// Fewest different speeches a phrase must occur in (default 2; at least 2).
    pub fn min_speeches(mut self, n: usize) -> Self {
        self.min_speeches = n.max(2);
        self
    }
    /// Most differing words a phrase may bridge inside an otherwise matching
    /// run, in the highlights (default 1; 0 turns bridging off).
    pub fn max_gap(mut self, n: usize) -> Self {
        self.max_gap = n;
        self
    }
    /// Match Snowball stems instead of words (default off).
    pub fn stem(mut self, on: bool) -> Self {
        self.stem = on;
        self
    }
    /// Skip numbers when matching (default off).
    pub fn ignore_numbers(mut self, on: bool) -> Self {
        self.ignore_numbers = on;
        self
    }
    /// A phrase found in more than this fraction of all speeches is a common
    /// formula (default 0.5).
    pub fn formula_fraction(mut self, f: f64) -> Self {
        self.formula_fraction = f;
        self
    }
    /// Leave formulas out of the highlights (default off; they are always
    /// listed, marked as formulas).
    pub fn hide_formulas(mut self, on: bool) -> Self {
        self.hide_formulas = on;
        self
    }
}
