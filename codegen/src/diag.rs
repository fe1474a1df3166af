//! Diagnostics: located, with a breadcrumb, collected for a whole run and reported once, sorted.

use crate::source::Loc;
use crate::text::escape_hazards;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    pub loc: Loc,
    pub severity: Severity,
    pub message: String,
    /// Where in the page's meaning: `table > column > property`.
    pub breadcrumb: Vec<String>,
}

impl Diagnostic {
    pub fn error(loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            loc,
            severity: Severity::Error,
            message: message.into(),
            breadcrumb: Vec::new(),
        }
    }

    pub fn warning(loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(loc, message)
        }
    }

    /// Sets the breadcrumb. Each part is cut to [`CRUMB_CHARS`] characters: one huge heading
    /// would otherwise be copied into every diagnostic under it.
    pub fn at<S: AsRef<str>>(mut self, breadcrumb: &[S]) -> Self {
        self.breadcrumb = breadcrumb.iter().map(|s| crumb(s.as_ref())).collect();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The longest breadcrumb part, in characters.
pub const CRUMB_CHARS: usize = 80;

fn crumb(s: &str) -> String {
    match s.char_indices().nth(CRUMB_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Page text is quoted in messages: no control or bidirectional character of it reaches
        // a terminal or a `cargo::warning=` line (where a newline would start a new directive).
        let loc = escape_hazards(&self.loc.to_string()).into_owned();
        write!(f, "{loc}: {sev}: {}", escape_hazards(&self.message))?;
        if !self.breadcrumb.is_empty() {
            write!(f, " ({})", escape_hazards(&self.breadcrumb.join(" > ")))?;
        }
        Ok(())
    }
}

/// All diagnostics of a run, sorted by place then severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Sorts and removes exact duplicates, so reports do not depend on the order work was done in.
    pub fn finish(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    /// `--strict`: every warning becomes an error.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let (e, w) = (self.errors(), self.warnings());
        write!(f, "{e} error{}, {w} warning{}", plural(e), plural(w))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The error a run returns when any diagnostic is an error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct GenerateError(pub Diagnostics);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_in_a_diagnostic_cannot_start_a_line_or_flip_text() {
        let d = Diagnostic::error(
            Loc {
                file: "a\nb.md".into(),
                line: 2,
                col: 3,
            },
            "name `x\ncargo::rustc-link-arg=-evil\u{202e}`",
        )
        .at(&["t\r", "c"]);
        assert_eq!(
            d.to_string(),
            "a\\u{a}b.md:2:3: error: name `x\\u{a}cargo::rustc-link-arg=-evil\\u{202e}` (t\\u{d} > c)"
        );
    }

    #[test]
    fn breadcrumb_parts_are_cut() {
        let long = "é".repeat(CRUMB_CHARS + 5);
        let loc = Loc {
            file: "p.md".into(),
            line: 1,
            col: 1,
        };
        let d = Diagnostic::error(loc.clone(), "m").at(&[long.as_str(), "b"]);
        assert_eq!(d.breadcrumb[0], format!("{}…", "é".repeat(CRUMB_CHARS)));
        assert_eq!(d.breadcrumb[1], "b");
        let exact = "x".repeat(CRUMB_CHARS);
        let d = Diagnostic::error(loc, "m").at(&[exact.as_str()]);
        assert_eq!(d.breadcrumb[0], exact);
    }
}
