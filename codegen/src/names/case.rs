//! How a name is spelled: the case conversions every role uses, and the identifier rules a
//! recorded name is checked against.

pub(super) fn value_suffix(v: i32) -> String {
    if v < 0 {
        format!("MINUS_{}", v.unsigned_abs())
    } else {
        v.to_string()
    }
}

pub(super) fn value_name(v: i32) -> String {
    format!("VALUE_{}", value_suffix(v))
}

/// `PayAsYouGo` -> `PAY_AS_YOU_GO`, `Value2nd` -> `VALUE_2ND`: an UpperCamelCase name as a
/// constant name.
pub fn screaming(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    let mut prev: Option<char> = None;
    for c in camel.chars() {
        let boundary = match prev {
            Some(p) => {
                (c.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit()))
                    || (c.is_ascii_digit() && p.is_ascii_alphabetic())
            }
            None => false,
        };
        if boundary {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
        prev = Some(c);
    }
    out
}

/// An identifier without its `r#`.
pub(super) fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A type or variant name from `s`: [`upper_camel`], with `role` in front when that starts with a
/// digit (`1stChoice` -> `Column1stChoice`) or stands alone when nothing usable is left.
pub(super) fn type_name(s: &str, role: &str) -> String {
    match upper_camel(s) {
        Some(name) if name.starts_with(|c: char| c.is_ascii_alphabetic()) => name,
        Some(name) => format!("{role}{name}"),
        None => role.to_string(),
    }
}

/// The name a lookup's target enum gives the variant of the table `logical` when nothing else
/// in the enum takes it (`systemuser` -> `Systemuser`).
pub fn target_type_name(logical: &str) -> String {
    type_name(logical, "Table")
}

/// `msdyn_queueassignedreason` -> `MsdynQueueassignedreason`; `RegardingObjectId` stays;
/// `Service-Maintenance Based` -> `ServiceMaintenanceBased`. `None` when nothing usable is
/// left (empty, symbols only, non-ASCII letters).
pub fn upper_camel(s: &str) -> Option<String> {
    if s.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()) {
        return None;
    }
    let text = strip_tags(s);
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        let word: String = word.chars().filter(|c| *c != '\'').collect();
        // `ACTIVE` and `URL` read as `Active` and `Url`, as Rust names acronyms.
        let shouting = word.len() > 1 && !word.chars().any(|c| c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            if shouting {
                out.extend(chars.map(|c| c.to_ascii_lowercase()));
            } else {
                out.extend(chars);
            }
        }
    }
    if out.is_empty() {
        return None;
    }
    if out == "Self" {
        out.push_str("Value");
    }
    Some(out)
}

/// Drops `<tag>`s, so `<b>Bold</b>` names `Bold`.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `sample_bankaccount_msdyn_ocsessions` -> `SAMPLE_BANKACCOUNT_MSDYN_OCSESSIONS`.
pub fn upper_snake(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'X');
    }
    out
}

/// A field or module name from a logical name: keywords become raw identifiers.
pub fn snake_ident(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if matches!(out.as_str(), "self" | "super" | "crate" | "_") {
        out.push('_');
    } else if is_keyword(&out) {
        out.insert_str(0, "r#");
    }
    out
}

pub(super) fn is_keyword(s: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
        "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe",
        "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
        "priv", "try", "typeof", "unsized", "virtual", "yield",
    ];
    KEYWORDS.contains(&s)
}
