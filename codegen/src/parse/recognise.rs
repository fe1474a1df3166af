//! Which markdown files are table reference pages. (Stub: every file is one; to be written.)

use crate::source::SourceFile;

/// `None` for a table reference page; for any other markdown file (an action page, a prose
/// page, a deprecated-tables list), why it is not one.
pub fn recognise(_file: &SourceFile) -> Option<String> {
    None
}
