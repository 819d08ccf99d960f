//! Compiling the importer's fixed regular expressions.

use regex::Regex;

/// Compiles one of the core's constant patterns. They are string literals
/// exercised by the unit tests, so a failure here is a programming error,
/// never a consequence of user input.
pub(crate) fn compile(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("constant pattern compiles") // ok: constant pattern, covered by tests
}
