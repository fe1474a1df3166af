//! The allow file: changes a team has looked at and accepts, by fingerprint, each with a reason.
//!
//! ```text
//! # dataverse-codegen diff allow file: <fingerprint> <reason>
//! 3f6a0c2d9b1e4a57 Sales removed the old rating values; we never used them
//! ```
//!
//! Blank lines and `#` comments are ignored. A fingerprint is 16 lower-case hex digits (see
//! [`super::fingerprint`]); the reason is required free text. An accepted change is still
//! reported (marked allowed) and still counts for the version bump, but not for `--fail-on`.

use super::Report;
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::Loc;
use std::collections::BTreeMap;

/// Accepted fingerprints, each with its reason and line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allow {
    entries: BTreeMap<String, (String, u32)>,
}

impl Allow {
    /// Parses an allow file; every bad line is an error located at `file:line:col`.
    pub fn parse(text: &str, file: &str) -> Result<Allow, Diagnostics> {
        let mut entries = BTreeMap::new();
        let mut diags = Diagnostics::default();
        for (i, raw) in text.lines().enumerate() {
            let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let at = |col: usize| Loc {
                file: file.to_string(),
                line,
                col: u32::try_from(col + 1).unwrap_or(u32::MAX),
            };
            let indent = raw.len() - raw.trim_start().len();
            let body = raw.trim();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let (print, reason) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
            if print.len() != 16
                || !print
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            {
                diags.push(Diagnostic::error(
                    at(indent),
                    "expected a change fingerprint (16 lower-case hex digits, as `diff` prints them) at the start of the line",
                ));
                continue;
            }
            let reason = reason.trim();
            if reason.is_empty() {
                diags.push(Diagnostic::error(
                    at(indent + print.len()),
                    "expected a reason after the fingerprint: say why this change is accepted",
                ));
                continue;
            }
            if let Some((_, first)) = entries.get(print) {
                diags.push(Diagnostic::error(
                    at(indent),
                    format!("this fingerprint is already allowed on line {first}"),
                ));
                continue;
            }
            entries.insert(print.to_string(), (reason.to_string(), line));
        }
        if diags.is_empty() {
            Ok(Allow { entries })
        } else {
            Err(diags.finish())
        }
    }

    /// Marks the report's accepted changes; returns the fingerprints that matched no change,
    /// with their lines (stale entries, worth removing).
    pub fn apply(&self, report: &mut Report) -> Vec<(String, u32)> {
        let mut used = std::collections::BTreeSet::new();
        for change in &mut report.changes {
            if let Some((reason, _)) = self.entries.get(&change.fingerprint) {
                change.allowed = Some(reason.clone());
                used.insert(change.fingerprint.clone());
            }
        }
        self.entries
            .iter()
            .filter(|(print, _)| !used.contains(*print))
            .map(|(print, (_, line))| (print.clone(), *line))
            .collect()
    }
}
