//! Characters that must never reach generated source, a terminal or a cargo directive raw.
//!
//! Bidirectional controls make code read differently from how it compiles (CVE-2021-42574,
//! "Trojan Source"; rustc refuses them in comments and literals), zero-width and other invisible
//! format characters hide text, and control characters (a newline in a `cargo::warning=` line
//! starts a new cargo directive) change what a terminal or cargo does with the text.

use std::borrow::Cow;

/// Whether `c` is a control, bidirectional, invisible-format or line-separator character.
pub fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// `s` with every hazard written as a visible `\u{..}` escape (diagnostics: the reader sees
/// exactly which character a page holds).
pub fn escape_hazards(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hazard) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hazard(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` as prose: tabs, line breaks and separators become a space, every other hazard is
/// dropped (doc comments: upstream prose loses nothing a reader could see).
pub fn strip_hazards(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hazard) {
        return Cow::Borrowed(s);
    }
    let spacing = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}');
    let text = s
        .chars()
        .filter_map(|c| match c {
            c if spacing(c) => Some(' '),
            c if is_hazard(c) => None,
            c => Some(c),
        })
        .collect();
    Cow::Owned(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards() {
        let hazards = [
            '\0', '\u{7}', '\n', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{ad}', '\u{61c}',
            '\u{200b}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}',
            '\u{2060}', '\u{2066}', '\u{2069}', '\u{feff}',
        ];
        for c in hazards {
            assert!(is_hazard(c), "{c:?}");
        }
        for c in [
            'a', ' ', 'é', '日', '\u{2010}', '\u{2030}', '\u{206}', '\u{fffd}',
        ] {
            assert!(!is_hazard(c), "{c:?}");
        }
    }

    #[test]
    fn escaping_and_stripping() {
        let s = "a\u{202e}b\u{200b}c\td\ne\u{7}";
        assert_eq!(
            escape_hazards(s),
            "a\\u{202e}b\\u{200b}c\\u{9}d\\u{a}e\\u{7}"
        );
        assert_eq!(strip_hazards(s), "abc d e");
        assert!(matches!(escape_hazards("plain"), Cow::Borrowed("plain")));
        assert!(matches!(strip_hazards("plain"), Cow::Borrowed("plain")));
    }
}
