//! Input pages as the pipeline sees them: a path relative to the docs directory and the text.
//!
//! Nothing here touches the file system; [`crate::io`] does that for the CLI and the build script.

/// One input page.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the docs directory, with `/` separators (stable across machines).
    pub path: String,
    /// The page text.
    pub text: String,
    lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    /// Decodes a page's bytes: a binary file (NUL bytes) or invalid UTF-8 is a located error.
    /// A leading byte order mark is dropped.
    pub fn from_bytes(
        path: impl Into<String>,
        bytes: Vec<u8>,
    ) -> Result<Self, crate::diag::Diagnostic> {
        let path = path.into();
        let error_at = |offset: usize, msg: String| {
            // Locate with the valid prefix: line and column count characters before the fault.
            let prefix = String::from_utf8_lossy(&bytes[..offset]).into_owned();
            let at = SourceFile::new(path.clone(), prefix).loc(usize::MAX);
            crate::diag::Diagnostic::error(at, msg)
        };
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            let msg = "binary file (NUL byte): expected a UTF-8 markdown page".to_string();
            return Err(error_at(nul, msg));
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.valid_up_to();
                let msg = format!(
                    "invalid UTF-8 (byte 0x{:02x}): expected a UTF-8 markdown page",
                    bytes[offset]
                );
                return Err(error_at(offset, msg));
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
        Ok(SourceFile::new(path, text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.lines.line_col(&self.text, offset)
    }

    /// A location for diagnostics.
    pub fn loc(&self, offset: usize) -> Loc {
        let (line, col) = self.line_col(offset);
        Loc {
            file: self.path.clone(),
            line,
            col,
        }
    }
}

/// A `file:line:col` location.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Loc {
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Byte offsets of line starts, for offset -> line:col in O(log n).
#[derive(Debug, Clone)]
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { starts }
    }

    fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_and_in_chars() {
        let f = SourceFile::new("a.md", "ab\nçd\n\nx");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(1), (1, 2));
        assert_eq!(f.line_col(3), (2, 1));
        // 'ç' is two bytes; 'd' is the second character.
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.line_col(7), (3, 1));
        assert_eq!(f.line_col(8), (4, 1));
        assert_eq!(f.line_col(100), (4, 2));
    }

    #[test]
    fn bad_bytes_are_located() {
        let e = SourceFile::from_bytes("a.md", b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:2:3: error: invalid UTF-8 (byte 0xff): expected a UTF-8 markdown page"
        );
        let e = SourceFile::from_bytes("b.md", b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.md:1:5: error: binary file (NUL byte): expected a UTF-8 markdown page"
        );
        let f = SourceFile::from_bytes("c.md", "\u{feff}# T".as_bytes().to_vec()).unwrap();
        assert_eq!(f.text, "# T");
    }
}
