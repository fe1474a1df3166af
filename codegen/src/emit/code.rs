//! The writer of generated code: Rust source text pushed straight into one `String`, with the
//! only two ways page text may enter it, [`Lit`] (a string literal) and, in [`super::docs`], a
//! doc attribute.
//!
//! The text is what `quote!` would have produced, token for token: formatted output goes
//! through `syn::parse_file` and prettyplease, so whitespace does not matter, but a token's
//! text does (a string literal is printed as written) and so does the spacing of punctuation
//! inside macro calls and attributes (`= -1`, never `=-1`).

use std::cell::Cell;
use std::fmt::{self, Display, Write as _};

/// Generated Rust source being written. `write!`/`writeln!` into it cannot fail (it is a
/// `String`), so they return `()`.
#[derive(Debug, Default)]
pub struct Code {
    out: String,
    /// The doc line being put together ([`Code::doc`]), reused from one to the next.
    line: Text,
}

/// Plain text being put together (a doc line, before it is escaped): `write!` into it cannot
/// fail either.
#[derive(Debug, Default)]
pub struct Text(String);

impl Text {
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        let _ = self.0.write_fmt(args);
    }

    pub fn push_str(&mut self, s: &str) {
        self.0.push_str(s);
    }

    pub fn push(&mut self, c: char) {
        self.0.push(c);
    }
}

thread_local! {
    /// [`Code`]'s doc-line buffer, kept from one file to the next on each thread: a thousand
    /// tables each growing a buffer of their own to their longest line cost more than the lines.
    static LINE: Cell<String> = const { Cell::new(String::new()) };
}

impl Code {
    /// Writes after what `out` holds.
    pub fn new(out: String) -> Self {
        Code {
            out,
            line: Text(LINE.take()),
        }
    }

    /// For `write!` and `writeln!`: text with `{}` holes filled by names from the names stage,
    /// numbers, fixed code, [`Lit`] and the doc writer.
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        // Writing into a `String` never fails.
        let _ = self.out.write_fmt(args);
    }

    /// Fixed code, or a name from the names stage.
    pub fn push_str(&mut self, code: &str) {
        self.out.push_str(code);
    }

    /// One line of rustdoc, `#[doc = " ..."]`, of what `args` format to (see
    /// [`super::docs`]: escaped, hazards dropped).
    pub fn doc(&mut self, args: fmt::Arguments<'_>) {
        self.doc_with(|line| line.write_fmt(args));
    }

    /// [`Code::doc`] of what `text` writes.
    pub fn doc_with(&mut self, text: impl FnOnce(&mut Text)) {
        let mut line = std::mem::take(&mut self.line);
        line.0.clear();
        text(&mut line);
        write!(self, "{}", super::docs(std::slice::from_ref(&line.0)));
        self.line = line;
    }

    /// Writes `open`, what `body` writes, then `close`; or nothing at all when `body` writes
    /// nothing (a module or an impl that would be empty).
    pub fn block(&mut self, open: fmt::Arguments<'_>, body: impl FnOnce(&mut Code), close: &str) {
        let start = self.out.len();
        self.write_fmt(open);
        let inside = self.out.len();
        body(self);
        if self.out.len() == inside {
            self.out.truncate(start);
        } else {
            self.out.push_str(close);
        }
    }

    pub fn into_string(self) -> String {
        LINE.set(self.line.0);
        self.out
    }
}

/// A string literal holding exactly `.0`: written as `proc_macro2::Literal::string` writes it
/// (`char::escape_debug` for every character, but `'` stays raw and `\0` before an octal digit
/// is `\x00`), so no page text reaches the output raw: quotes, backslashes, newlines, control,
/// bidirectional and invisible characters are escapes.
#[derive(Debug, Clone, Copy)]
pub struct Lit<'a>(pub &'a str);

impl Display for Lit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        escape(self.0, f)?;
        f.write_char('"')
    }
}

/// The inside of a string literal holding `s` (see [`Lit`]): runs of characters that stand
/// for themselves are written as one slice.
pub(super) fn escape<W: fmt::Write>(s: &str, f: &mut W) -> fmt::Result {
    let mut run = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if matches!(ch, ' '..='~') && ch != '"' && ch != '\\' {
            continue;
        }
        let mut escaped = ch.escape_debug();
        if !ch.is_ascii() && escaped.len() == 1 {
            continue;
        }
        f.write_str(&s[run..i])?;
        run = i + ch.len_utf8();
        if ch == '\0' {
            let octal = chars
                .peek()
                .is_some_and(|(_, next)| ('0'..='7').contains(next));
            f.write_str(if octal { "\\x00" } else { "\\0" })?;
        } else {
            escaped.try_for_each(|c| f.write_char(c))?;
        }
    }
    f.write_str(&s[run..])
}

/// A writer of the inside of a string literal: what is written to it is [`escape`]d into
/// `.0`, a piece at a time. (Pieces are escaped on their own: a `\0` ending one piece before
/// an octal digit starting the next would read `\0` where [`Lit`] writes `\x00`. Doc text,
/// its one user, has no `\0`: hazards are dropped first.)
pub(super) struct LitText<'a, W: fmt::Write>(pub &'a mut W);

impl<W: fmt::Write> fmt::Write for LitText<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape(s, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn quoted(s: &str) -> String {
        proc_macro2::Literal::string(s).to_string()
    }

    #[test]
    fn literals_are_written_as_proc_macro2_writes_them() {
        for s in [
            "",
            "plain text",
            "quote \" backslash \\ apostrophe ' tab\tnewline\nreturn\r",
            "nul \0 then digit \x001 then 7 \x007 then 8 \08 at end \0",
            "bidi \u{202e}evil\u{2066} zero\u{200b}width bom\u{feff} soft\u{ad}hyphen",
            "bell \u{7} del \u{7f} nel \u{85} c1 \u{9f} line\u{2028}para\u{2029}",
            "combining \u{301} first: \u{301}a, e\u{301}",
            "unassigned \u{378} private \u{e000} surrogate-free \u{10ffff}",
            "non-ASCII: é ü 中文 😀 Ω",
            "{braces} #[doc] */ /* // r#\"raw\"#",
            "\\u{202e} written out",
        ] {
            assert_eq!(Lit(s).to_string(), quoted(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn any_string_is_written_as_proc_macro2_writes_it(s in any::<String>()) {
            prop_assert_eq!(Lit(&s).to_string(), quoted(&s));
        }

        #[test]
        fn control_heavy_strings_too(s in "[\\x00-\\x20\"'\\\\0-9a\u{80}-\u{a0}\u{300}\u{202a}-\u{202e}\u{2028}\u{feff}]{0,40}") {
            prop_assert_eq!(Lit(&s).to_string(), quoted(&s));
        }
    }

    #[test]
    fn an_empty_block_writes_nothing() {
        let mut c = Code::default();
        c.block(format_args!("mod a {{\n"), |_| {}, "}\n");
        assert_eq!(c.out, "");
        c.block(
            format_args!("mod {} {{\n", "b"),
            |c| c.push_str("x\n"),
            "}\n",
        );
        assert_eq!(c.into_string(), "mod b {\nx\n}\n");
    }
}
