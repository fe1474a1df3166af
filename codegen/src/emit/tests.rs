//! Tests of the emitter's text helpers.

use super::docs::escape_doc;
use super::metadata::snake;

#[test]
fn doc_escaping() {
    assert_eq!(
        escape_doc("see [x](y) <b>*bold*</b>"),
        "see \\[x\\](y) \\<b\\>\\*bold\\*\\</b\\>"
    );
    assert_eq!(escape_doc("`a_b` and a_b"), "`a_b` and a\\_b");
    assert_eq!(escape_doc("    indented code"), "indented code");
    assert_eq!(escape_doc("odd ` tick"), "odd ` tick`");
    assert_eq!(escape_doc("Tom & Jerry"), "Tom &amp; Jerry");
    assert_eq!(
        escape_doc("evil\u{202e}txt\u{2066} zero\u{200b}width\u{feff} bell\u{7} nel\u{85}x"),
        "eviltxt zerowidth bell nel x"
    );
}

#[test]
fn snake_keys() {
    assert_eq!(snake("RollupView"), "rollup_view");
    assert_eq!(snake("Archive"), "archive");
}
