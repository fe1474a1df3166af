//! The names lock: every Rust identifier chosen for a docs set, one line each, so the next run
//! keeps them (see [`super::assign`]). A text file meant for version control and review:
//!
//! ```text
//! # (a header of comments saying what the file is)
//! account module account
//! account record Account
//! account.statecode choice Statecode
//! account.statecode=0 constant ACTIVE
//! account.statecode=2 constant ON_HOLD removed
//! ```
//!
//! A line is `<item> <role> <identifier>`, then `removed` for a choice value the docs no longer
//! list (kept one release as a deprecated constant). Items are written as [`ItemKey`] shows
//! them, roles as [`Role::word`]. Lines are sorted by item then role, so an update of the docs
//! shows as the few lines it changes. `#` starts a comment line; blank lines are ignored.
//!
//! The file is input like any other: [`NamesLock::parse`] refuses every line that is not exactly
//! this shape (hand edits, merge conflict markers, an identifier that is not one for its role,
//! the same item and role twice), each with its `file:line:col`.

use super::key::{ItemKey, Role};
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::Loc;
use std::collections::BTreeMap;

/// The lock's default file name (at the root of the docs directory, for the build script).
pub const LOCK_FILE: &str = "dataverse-names.lock";

/// The word after the identifier of a removed choice value.
pub const REMOVED: &str = "removed";

const HEADER: &str = "\
# dataverse-names.lock: the Rust names dataverse-codegen chose for these docs.
# `generate` keeps every name recorded here, so a docs update never renames an existing item;
# new items get new names, never one of these. Commit it; review its changes like code.
# After a merge conflict keep one side's lines (a line deleted is named afresh next time).
#
# Each line: <item> <role> <identifier> [removed]. Items: `table`, `table.column`,
# `table.column=value`, `table.column->target`, `table/relationship:side`, `global:choice`,
# `global:choice=value`. `removed`: a choice value the docs no longer list, kept one release
# as a deprecated constant; `generate --prune` drops it.
";

/// A recorded name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    pub name: String,
    /// A choice value the docs no longer list (only choice values are ever kept removed).
    pub removed: bool,
}

/// Every recorded name, by item and role. [`NamesLock::default`] records nothing: names are
/// then chosen as without a lock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamesLock {
    entries: BTreeMap<(ItemKey, Role), Entry>,
}

impl NamesLock {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many names it records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn get(&self, key: &ItemKey, role: Role) -> Option<&Entry> {
        // The map is keyed by owned pairs; a key is small, so a clone per look-up is fine.
        self.entries.get(&(key.clone(), role))
    }

    /// Every entry in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&ItemKey, Role, &Entry)> {
        self.entries.iter().map(|((k, r), e)| (k, *r, e))
    }

    /// Records a name. The caller keeps the file's rules: `role` is one of `key.roles()`, the
    /// name follows the role's [`Role::style`], `removed` only for a choice value.
    pub(crate) fn insert(&mut self, key: ItemKey, role: Role, entry: Entry) {
        self.entries.insert((key, role), entry);
    }

    /// The values the lock records for one choice (a column's, or a global one): `of` is the
    /// column or the global choice; other keys give nothing.
    pub fn values_of<'a>(&'a self, of: &ItemKey) -> impl Iterator<Item = (i32, &'a Entry)> + 'a {
        let bounds = match of {
            ItemKey::Column { table, column } => {
                Some([i32::MIN, i32::MAX].map(|value| ItemKey::Value {
                    table: table.clone(),
                    column: column.clone(),
                    value,
                }))
            }
            ItemKey::Global { choice } => {
                Some([i32::MIN, i32::MAX].map(|value| ItemKey::GlobalValue {
                    choice: choice.clone(),
                    value,
                }))
            }
            _ => None,
        };
        bounds.into_iter().flat_map(move |[lo, hi]| {
            self.entries
                .range((lo, Role::Module)..=(hi, Role::Navigation))
                // A value's only role is its constant (`ItemKey::roles`).
                .filter_map(|((k, _), e)| match k {
                    ItemKey::Value { value, .. } | ItemKey::GlobalValue { value, .. } => {
                        Some((*value, e))
                    }
                    _ => None,
                })
        })
    }

    /// The file's text: the header, then one line per name in item then role order. The same
    /// lock always gives the same text, and [`NamesLock::parse`] gives the lock back.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(HEADER.len() + self.entries.len() * 48);
        out.push_str(HEADER);
        for ((key, role), e) in &self.entries {
            out.push_str(&format!("{key} {role} {}", e.name));
            if e.removed {
                out.push(' ');
                out.push_str(REMOVED);
            }
            out.push('\n');
        }
        out
    }

    /// A lock file's bytes: UTF-8 (a leading byte order mark is dropped), then [`Self::parse`].
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<NamesLock, Diagnostics> {
        match std::str::from_utf8(bytes) {
            Ok(text) => NamesLock::parse(text.strip_prefix('\u{feff}').unwrap_or(text), file),
            Err(e) => {
                let ok = &bytes[..e.valid_up_to()];
                let line = ok.iter().filter(|b| **b == b'\n').count() + 1;
                let start = ok.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
                let col = String::from_utf8_lossy(&ok[start..]).chars().count() + 1;
                let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
                let mut d = Diagnostics::default();
                d.push(Diagnostic::error(
                    at(file, line, col),
                    format!("invalid UTF-8 (byte 0x{byte:02x}): expected a names lock, a UTF-8 text file"),
                ));
                Err(d)
            }
        }
    }

    /// Parses a lock file's text; `file` names it in diagnostics. Every line that is not a
    /// comment, blank, or exactly `<item> <role> <identifier> [removed]` is an error, all of
    /// them reported at once, sorted by place.
    pub fn parse(text: &str, file: &str) -> Result<NamesLock, Diagnostics> {
        let mut lock = NamesLock::default();
        let mut lines_of: BTreeMap<(ItemKey, Role), usize> = BTreeMap::new();
        let mut diags = Diagnostics::default();
        for (i, raw) in text.split('\n').enumerate() {
            let line_no = i + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            match parse_line(line) {
                Ok(None) => {}
                Ok(Some((key, role, entry))) => {
                    if let Some(first) = lines_of.get(&(key.clone(), role)) {
                        diags.push(Diagnostic::error(
                            at(file, line_no, 1),
                            format!(
                                "`{key} {role}` is named twice (first at line {first}): expected one line per item and role; after a merge, keep one of the two lines"
                            ),
                        ));
                        continue;
                    }
                    lines_of.insert((key.clone(), role), line_no);
                    lock.insert(key, role, entry);
                }
                Err((offset, message)) => {
                    let col = line.get(..offset).map_or(offset, |s| s.chars().count()) + 1;
                    diags.push(Diagnostic::error(at(file, line_no, col), message));
                }
            }
        }
        if diags.is_empty() {
            Ok(lock)
        } else {
            Err(diags.finish())
        }
    }
}

fn at(file: &str, line: usize, col: usize) -> Loc {
    Loc {
        file: file.to_string(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

/// The merge-conflict markers git and diff3 write, each at the start of a line.
const MARKERS: [&str; 4] = ["<<<<<<<", "|||||||", "=======", ">>>>>>>"];

type Line = Option<(ItemKey, Role, Entry)>;

/// One line: `Ok(None)` for a comment or blank line, else the entry, or the byte offset of the
/// fault and what was expected there.
fn parse_line(line: &str) -> Result<Line, (usize, String)> {
    if MARKERS.iter().any(|m| line.starts_with(m)) {
        return Err((
            0,
            "a merge conflict marker: expected lock lines only; resolve the conflict by keeping one side's lines (lines you delete are named afresh by the next `generate`)".to_string(),
        ));
    }
    let trimmed = line.trim_start_matches([' ', '\t']);
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let words = words(line);
    let [(key_at, key), rest @ ..] = words.as_slice() else {
        return Ok(None);
    };
    let key = ItemKey::parse(key).map_err(|e| (key_at + e.at, e.message))?;
    let expected_roles = || {
        let list: Vec<&str> = key.roles().iter().map(|r| r.word()).collect();
        list.join(", ")
    };
    let Some((role_at, role_word)) = rest.first() else {
        return Err((
            line.len(),
            format!(
                "expected a role after the item `{key}` (one of {}), then the identifier",
                expected_roles()
            ),
        ));
    };
    let role = Role::parse(role_word)
        .filter(|r| key.roles().contains(r))
        .ok_or_else(|| {
            (
                *role_at,
                format!(
                    "`{role_word}` is not a role of a {}: expected one of {}",
                    key.kind(),
                    expected_roles()
                ),
            )
        })?;
    let Some((name_at, name)) = rest.get(1) else {
        return Err((
            line.len(),
            format!("expected the {role} identifier after `{key} {role}`"),
        ));
    };
    if !role.style().accepts(name) {
        return Err((
            *name_at,
            format!(
                "`{name}` is not a {role} name: expected {}",
                role.style().expected()
            ),
        ));
    }
    let mut removed = false;
    if let Some((extra_at, extra)) = rest.get(2) {
        if *extra != REMOVED || !key.is_value() {
            let why = if key.is_value() {
                format!("expected nothing, or `{REMOVED}`, after the identifier")
            } else {
                format!("expected nothing after the identifier (only a choice value may be `{REMOVED}`)")
            };
            return Err((*extra_at, format!("unexpected `{extra}`: {why}")));
        }
        removed = true;
    }
    if let Some((extra_at, extra)) = rest.get(3) {
        return Err((
            *extra_at,
            format!("unexpected `{extra}`: expected the end of the line after `{REMOVED}`"),
        ));
    }
    let entry = Entry {
        name: name.to_string(),
        removed,
    };
    Ok(Some((key, role, entry)))
}

/// The words of a line (separated by spaces and tabs) with their byte offsets.
fn words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c == ' ' || c == '\t', start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

#[cfg(test)]
mod tests;
