//! Pages never seen before: whatever the bytes, the pipeline returns a model or diagnostics and
//! never panics. Truncations and splices of real-shaped pages, and arbitrary text.

mod common;

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{generate, Options};
use proptest::prelude::*;

fn pages() -> Vec<String> {
    let mut texts: Vec<String> = common::read(&common::fixtures("pages"))
        .into_iter()
        .chain(common::read(&common::docs_in()))
        .map(|f| f.text)
        .collect();
    texts.sort();
    texts
}

/// Runs the whole pipeline (through rendering) on one page.
fn run(text: String) {
    let file = SourceFile::new("fuzz.md", text);
    let _ = generate(&[file], Options::default());
}

fn cut(text: &str, at: usize) -> &str {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

proptest! {
    // PROPTEST_CASES=20000 for a longer hunt; 200 cases keep `cargo test` quick.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn truncated_pages_never_panic(page in 0usize..64, at in 0usize..200_000) {
        let pages = pages();
        let text = &pages[page % pages.len()];
        run(cut(text, at % (text.len() + 1)).to_string());
    }

    #[test]
    fn spliced_pages_never_panic(a in 0usize..64, b in 0usize..64, x in 0usize..200_000, y in 0usize..200_000) {
        let pages = pages();
        let (p, q) = (&pages[a % pages.len()], &pages[b % pages.len()]);
        let head = cut(p, x % (p.len() + 1));
        let tail_start = q.len() - cut(q, y % (q.len() + 1)).len();
        run(format!("{head}{}", &q[q.len() - tail_start..]));
    }

    #[test]
    fn arbitrary_markdownish_text_never_panics(text in "[#|*`<>\\[\\]()a-z0-9 :_\\-\\n]{0,400}") {
        run(format!("# T (t) table/entity reference\n\n{text}"));
        run(text);
    }
}
