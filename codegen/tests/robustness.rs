//! Pages never seen before: whatever the text, the pipeline returns either output that passes
//! `check::files` (parses, no duplicate names in any scope, no raw invisible or control
//! character, a sound index) or located diagnostics, and never panics. Inputs: truncations and
//! splices of real pages, hostile names put into real page shapes, and arbitrary text.

mod common;

use dataverse_codegen::diag::Severity;
use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{check, generate, render, Options};
use proptest::prelude::*;
use std::sync::OnceLock;

/// The fixture pages and `docs-in/`, read once.
fn pages() -> &'static [String] {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut texts: Vec<String> = common::read(&common::fixtures("pages"))
            .into_iter()
            .chain(common::read(&common::fixtures("tables")))
            .chain(common::read(&common::docs_in()))
            .map(|f| f.text)
            .collect();
        texts.sort();
        texts
    })
}

/// Runs the whole pipeline (through rendering) and checks what it returns.
fn run_files(files: &[SourceFile]) -> Result<(), TestCaseError> {
    match generate(files, Options::default()) {
        Ok(g) => {
            if let Err(e) = check::files(&g.files) {
                return Err(TestCaseError::fail(format!("generated code: {e}")));
            }
        }
        Err(e) => {
            let diags = &(e.0).0;
            prop_assert!(diags.iter().any(|d| d.severity == Severity::Error));
            for d in diags {
                let located = !d.loc.file.is_empty() && d.loc.line >= 1 && d.loc.col >= 1;
                prop_assert!(located, "not located: {d}");
                prop_assert!(!d.message.trim().is_empty(), "no message: {d:?}");
                let sev = matches!(d.severity, Severity::Error | Severity::Warning);
                prop_assert!(sev, "{d}");
            }
        }
    }
    Ok(())
}

fn run(text: String) -> Result<(), TestCaseError> {
    run_files(&[SourceFile::new("fuzz.md", text)])
}

fn cut(text: &str, at: usize) -> &str {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

/// The places of a page that hold names or labels: code spans (logical and schema names),
/// bold text (display names, labels), column headings and the H1.
fn slots(page: &str) -> Vec<&str> {
    let mut slots = Vec::new();
    for delim in ["`", "**"] {
        let mut parts = page.split(delim);
        parts.next();
        slots.extend(
            parts
                .step_by(2)
                .filter(|s| !s.is_empty() && !s.contains('\n')),
        );
    }
    for line in page.lines() {
        if let Some((_, name)) = line.split_once("</a> ") {
            slots.push(name.trim());
        }
        if let Some(h1) = line.strip_prefix("# ") {
            slots.push(h1.split(" (").next().unwrap_or(h1));
            if let Some((_, rest)) = h1.split_once('(') {
                slots.push(rest.split(')').next().unwrap_or(rest));
            }
        }
    }
    slots.retain(|s| !s.trim().is_empty());
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// Characters that break naive generators: bidi and zero-width controls, C0/C1 controls, CR,
/// markdown and Rust punctuation, non-ASCII letters and case-folding traps.
const WIDE: &str = "[a-zA-Z0-9_ \\-#|*`<>\\[\\]():&'\"!./\\\\{}=;,?@$%^~+\\n\\r\\t\
    \\x{0}-\\x{1f}\\x{7f}-\\x{9f}\\x{ad}\\x{61c}\\x{180e}\\x{200b}-\\x{200f}\\x{2028}-\\x{202e}\
    \\x{2060}-\\x{2069}\\x{feff}éÉßİıſK日本\\x{1F600}\\x{0301}]";

/// Names that have broken, or could break, the naming of generated items.
const HOSTILE: &[&str] = &[
    "self",
    "Self",
    "super",
    "crate",
    "type",
    "r#type",
    "fn",
    "match",
    "_",
    "__",
    "0",
    "1a",
    "Option",
    "Some",
    "None",
    "Default",
    "default",
    "String",
    "Result",
    "From",
    "Vec",
    "etag",
    "etag_",
    "to_json",
    "raw",
    "create",
    "update",
    "Unknown",
    "ALL",
    "All",
    "all",
    "LOGICAL_NAME",
    "choices",
    "runtime",
    "dataverse_tables",
    "tables",
    "rt",
    "wire",
    "columns",
    "relationships",
    "Active",
    "active",
    "Active1",
    "ACTIVE",
    "a-b",
    "a_b",
    "A_B",
    "a.b",
    "a b",
    "Sample_Foo",
    "sample_foo",
    "sample-foo",
    "..",
    "../x",
    "/abs",
    "a/../b",
    "a\\b",
    "C:",
    "CON",
    "x.rs",
    "*/",
    "/*",
    "//",
    "\"",
    "'",
    "`",
    "\\|",
    "|",
    "<br />",
    "&amp;",
    "&#x202E;",
    "&#8238;",
    "\r",
    "\u{202e}",
    "\u{2066}x\u{2069}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "\u{0}",
    "\u{1b}[0m",
    "\u{85}",
    "\u{2028}",
    "é",
    "É",
    "ß",
    "ẞ",
    "İ",
    "ı",
    "ſ",
    "K",
    "日本",
    "\u{1F600}",
    "e\u{301}",
];

/// Up to `max` characters of [`WIDE`].
fn wide(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{WIDE}{{0,{max}}}")).expect("a valid regex")
}

fn hostile() -> impl Strategy<Value = String> {
    let word = proptest::sample::select(HOSTILE).prop_map(str::to_string);
    prop_oneof![
        3 => word.clone(),
        2 => (word.clone(), word).prop_map(|(a, b)| format!("{a}{b}")),
        2 => wide(24),
    ]
}

/// One page of the fixtures with the `slot`-th name replaced by `name`, everywhere or once.
fn with_name(page: usize, slot: usize, name: &str, everywhere: bool) -> String {
    let text = &pages()[page % pages().len()];
    let slots = slots(text);
    let Some(old) = slots.get(slot % slots.len().max(1)) else {
        return text.clone();
    };
    if everywhere {
        text.replace(old, name)
    } else {
        text.replacen(old, name, 1)
    }
}

proptest! {
    // PROPTEST_CASES=20000 for a longer hunt; the defaults keep `cargo test` quick.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn truncated_pages(page in 0usize..64, at in 0usize..200_000) {
        let text = &pages()[page % pages().len()];
        run(cut(text, at % (text.len() + 1)).to_string())?;
    }

    #[test]
    fn spliced_pages(a in 0usize..64, b in 0usize..64, x in 0usize..200_000, y in 0usize..200_000) {
        let (p, q) = (&pages()[a % pages().len()], &pages()[b % pages().len()]);
        let head = cut(p, x % (p.len() + 1));
        let tail = &q[cut(q, y % (q.len() + 1)).len()..];
        run(format!("{head}{tail}"))?;
    }

    #[test]
    fn hostile_names_in_real_pages(
        page in 0usize..64,
        slot in 0usize..1000,
        name in hostile(),
        everywhere in any::<bool>(),
    ) {
        run(with_name(page, slot, &name, everywhere))?;
    }

    /// Two versions of one page (two products), each with a hostile name in some place: merges
    /// and names of colliding tables, columns and labels.
    #[test]
    fn hostile_names_across_two_pages(
        page in 0usize..64,
        slots in (0usize..1000, 0usize..1000),
        names in (hostile(), hostile()),
        everywhere in any::<bool>(),
    ) {
        let a = with_name(page, slots.0, &names.0, everywhere);
        let b = with_name(page, slots.1, &names.1, everywhere);
        run_files(&[SourceFile::new("dataverse/x.md", a), SourceFile::new("sales/x.md", b)])?;
    }

    #[test]
    fn arbitrary_text(text in wide(2000)) {
        run(format!("# T (t) table/entity reference\n\n{text}"))?;
        run(text)?;
    }

    #[test]
    fn arbitrary_markdownish_text(text in "[#|*`<>\\[\\]()a-z0-9 :_\\-\\n]{0,400}") {
        run(format!("# T (t) table/entity reference\n\n## Writable columns/attributes\n\n{text}"))?;
        run(text)?;
    }
}

/// The real pages: every fixture set, `docs-in/` and the corpus (when present) generate code
/// that passes the check whenever they generate at all (some merge fixtures are conflicts).
#[test]
fn real_pages_generate_checked_code() {
    let fixtures = std::fs::read_dir(common::fixtures("merge")).expect("merge fixtures");
    let mut dirs: Vec<_> = fixtures.map(|e| e.expect("a merge case").path()).collect();
    dirs.sort();
    dirs.extend(["pages", "tables", "collisions"].map(common::fixtures));
    dirs.push(common::docs_in());
    dirs.extend(common::corpus());
    let mut generated = 0;
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        if let Ok(g) = generate(&common::read(dir), Options::default()) {
            check::files(&g.files).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            generated += 1;
        }
    }
    assert!(
        generated >= 3,
        "only {generated} of {} sets generate",
        dirs.len()
    );
}

/// The unformatted output build scripts write (`Options::unformatted`) is the formatted output's
/// code: formatting each of its files gives the formatted file, byte for byte.
#[test]
fn unformatted_output_is_the_formatted_code() {
    let mut dirs: Vec<_> = ["pages", "tables", "collisions", "formats"]
        .map(common::fixtures)
        .into();
    dirs.push(common::docs_in());
    dirs.extend(common::corpus());
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let files = common::read(dir);
        let Ok(formatted) = generate(&files, Options::default()) else {
            continue;
        };
        let unformatted = Options {
            unformatted: true,
            ..Options::default()
        };
        let plain = generate(&files, unformatted).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            plain.files.keys().collect::<Vec<_>>(),
            formatted.files.keys().collect::<Vec<_>>()
        );
        for (name, text) in &plain.files {
            let code = text
                .strip_prefix(render::HEADER)
                .unwrap_or_else(|| panic!("{name}: no header"));
            let again = render::pretty(code).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                again == formatted.files[name],
                "{}: {name} formats differently unformatted",
                dir.display()
            );
        }
    }
}

/// The slots cover the names of a real page: table, column and label.
#[test]
fn slots_find_the_names_of_a_page() {
    let page = pages()
        .iter()
        .find(|p| p.contains("# Option (Option) table/entity reference"))
        .expect("the hostile fixture page");
    let slots = slots(page);
    for name in [
        "Option",
        "option",
        "optionid",
        "to_json",
        "Minus fifteen",
        "Say \"hi\" \\\\ there",
    ] {
        assert!(slots.contains(&name), "{name} not in {slots:?}");
    }
}
