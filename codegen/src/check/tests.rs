use super::*;

fn check(src: &str) -> Result<(), String> {
    file(src)
}

#[test]
fn clean_code_passes() {
    let src = r#"
        use ::dataverse_runtime as rt;
        use super::*;
        use a::{self, b::{C, D as E}};
        pub const X: i32 = 1;
        pub struct X { pub a: i32, pub r#type: i32 }
        pub struct Pair(i32, i32);
        pub mod pair { pub const X: i32 = 2; pub struct X {} pub fn f() {} }
        pub enum Choice { A, B(i32), C { a: i32, b: i32 }, Unknown(i32) }
        impl Choice { pub const ALL: &'static [Self] = &[]; pub fn label(self) {} }
        impl Choice { pub fn value(self) {} }
        impl rt::Choice for Choice { fn value(self) {} fn label(self) {} }
        impl Clone for Choice { fn clone(&self) -> Self { *self } }
        impl X { pub const A: i32 = 1; pub fn a() {} }
        const _: () = ();
        const _: () = ();
        fn f() { struct X; fn g() {} }
        /// Text with escapes: "\u{202e}" and a tab	here.
        pub const S: &str = "\u{200b}\r\n";
    "#;
    check(src).unwrap();
}

#[test]
fn each_kind_of_duplicate_is_caught() {
    // One case a line: source => what the message must contain.
    let cases = r#"
        mod a {} mod a {} => the file root: `a` is defined twice: mod and mod in the type namespace
        struct A; enum A {} => `A` is defined twice: struct and enum in the type namespace
        use x::A; struct A {} => `A` is defined twice: use and struct
        use x::{self}; mod x {} => `x` is defined twice: use and mod
        use y as x; type x = (); => `x` is defined twice: use and type alias
        extern crate self as x; mod x {} => `x` is defined twice: extern crate and mod
        trait A {} struct A {} => `A` is defined twice: trait and struct
        const A: () = (); fn A() {} => `A` is defined twice: const and fn in the value namespace
        static A: () = (); const A: () = (); => static and const in the value
        struct A(i32); const A: () = (); => struct constructor and const in the value
        fn A() {} struct A; => fn and struct constructor in the value
        struct S { a: i32, r#a: i32 } => struct `S` in the file root: `a` is defined twice: field and field
        union U { a: i32, a: u32 } => union `U` in the file root: `a`
        enum E { A, B, A(i32) } => enum `E` in the file root: `A` is defined twice: variant and variant
        enum E { V { a: i32, a: i32 } } => variant `V` of enum `E` in the file root: `a`
        mod m { mod n { const A: () = (); const A: () = (); } } => module `m::n`: `A`
        struct S; impl S { fn f() {} } impl S { fn f() {} } => inherent impls of `S` in the file root: `f`
        struct S; impl S { const F: () = (); fn F() {} } => `F` is defined twice: const and fn in the value
        enum E { All } impl E { const All: () = (); } => the file root: enum `E` has a variant and an associated item both named `All`
        enum E { A } impl E { fn r#A() {} } => both named `A`
        impl T for S { fn f() {} fn f() {} } => a trait impl of `S` in the file root: `f`
        impl T for S { type A = (); type A = (); } => a trait impl of `S` in the file root: `A` is defined twice: type and type
        fn f() { struct A; struct A; } => fn `f` in the file root: `A`
        impl S { fn f() { fn g() {} fn g() {} } } => fn `f` of inherent impls of `S` in the file root: `g`
    "#;
    for (src, expected) in cases.lines().filter_map(|l| l.split_once(" => ")) {
        match check(src) {
            Ok(()) => panic!("not caught: {src}"),
            Err(e) => assert!(e.contains(expected), "{e:?} lacks {expected:?}"),
        }
    }
    assert_eq!(cases.lines().filter(|l| l.contains(" => ")).count(), 24);
    assert!(check("fn f( {}").unwrap_err().starts_with("does not parse"));
}

#[test]
fn raw_invisible_and_control_characters_are_caught() {
    for c in [
        '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
        '\u{200b}', '\u{200d}', '\u{2060}', '\u{2064}', '\u{feff}', '\u{ad}', '\u{180e}',
        '\u{2028}', '\u{2029}', '\0', '\r', '\u{b}', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}',
    ] {
        let src = format!("/// ok\n/// ab{c}c\nconst A: () = ();\n");
        let e = text(&src).unwrap_err();
        assert!(e.starts_with("2:7: raw "), "{e}");
        assert!(e.contains(&format!("U+{:04X}", c as u32)), "{e}");
    }
    text("/// Café \u{65e5}\u{672c} \"q\"\tx\n").unwrap();
    // Past the first chunks, after non-ASCII text, and in the last bytes.
    let long = format!(
        "{}\n{}é{}",
        "a".repeat(200),
        "b".repeat(130),
        "c".repeat(70)
    );
    text(&long).unwrap();
    for (src, at) in [
        (format!("{long}\u{202e}"), "2:202:"),
        (format!("{}\u{7}", "x".repeat(64)), "1:65:"),
        (format!("{}é\u{7}", "x".repeat(63)), "1:65:"),
        (format!("\n\n{}\u{2028}", "ü".repeat(40)), "3:41:"),
    ] {
        let e = text(&src).unwrap_err();
        assert!(e.starts_with(at), "{at} {e}");
    }
    let e = check("const A: &str = \"a\u{202e}b\";").unwrap_err();
    assert_eq!(
        e,
        "1:19: raw bidirectional control U+202E in generated source"
    );
}

/// The chunked scan finds what a plain scan, character by character, finds.
fn text_by_chars(src: &str) -> Result<(), String> {
    for (line, text) in src.split('\n').enumerate() {
        for (col, c) in text.chars().enumerate() {
            if let Some(kind) = hazard(c) {
                let (line, col, code) = (line + 1, col + 1, c as u32);
                return Err(format!(
                    "{line}:{col}: raw {kind} U+{code:04X} in generated source"
                ));
            }
        }
    }
    Ok(())
}

proptest::proptest! {
    #[test]
    fn text_finds_what_a_scan_by_characters_finds(
        src in "([a-z \"\n\t]{0,70}|[é\u{65e5}]|[\u{0}-\u{1f}\u{7f}-\u{a0}\u{202e}\u{2028}\u{feff}]{0,1}){0,12}"
    ) {
        proptest::prop_assert_eq!(text(&src), text_by_chars(&src));
    }
}

fn set(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const INC: &str = r#"include!(concat!(env!("OUT_DIR"), "/"#;

#[test]
fn the_index_includes_each_file_once_without_root_names() {
    let index = |mods: &[(&str, &str)]| {
        let mods: String = mods
            .iter()
            .map(|(m, f)| format!("pub mod {m} {{ {INC}{f}\")); }}\n"))
            .collect();
        mods
    };
    let ok = index(&[
        ("choices", "choices.rs"),
        ("a", "a.rs"),
        ("r#type", "type.rs"),
    ]);
    let all = [
        ("tables.rs", ok.as_str()),
        ("choices.rs", ""),
        ("a.rs", "pub struct A;"),
        ("type.rs", ""),
    ];
    files(&set(&all)).unwrap();
    let cases = [
        (
            index(&[("a", "b.rs")]),
            "module `a` includes `b.rs`, no generated file",
        ),
        (
            index(&[("a", "a.rs"), ("b", "a.rs")]),
            "module `a` and module `b` both include `a.rs`",
        ),
        (
            index(&[("runtime", "a.rs")]),
            "module `runtime` takes a name the crate root has",
        ),
        (
            index(&[("choices", "a.rs")]),
            "module `choices` takes a name",
        ),
        (index(&[("a", "a.rs")]), "no module includes `choices.rs`"),
        (
            index(&[("a", "a.rs"), ("a", "choices.rs")]),
            "tables.rs: the file root: `a` is defined twice",
        ),
    ];
    for (index, expected) in cases {
        let e = files(&set(&[
            ("tables.rs", &index),
            ("a.rs", ""),
            ("choices.rs", ""),
        ]))
        .unwrap_err();
        assert!(e.contains(expected), "{e:?} lacks {expected:?}");
    }
    let e = files(&set(&[("a.rs", "struct A; struct A;")])).unwrap_err();
    assert!(
        e.starts_with("a.rs: the file root: `A` is defined twice"),
        "{e}"
    );
    for bad in [
        "../a.rs", "/a.rs", "a/b.rs", ".rs", "a.txt", "a\\b.rs", ".a.rs", "A.rs", "nul.rs",
    ] {
        let e = files(&set(&[(bad, "")])).unwrap_err();
        assert!(e.contains("is not a plain"), "{e}");
    }
    assert_eq!(
        files(&set(&[("a.rs", "")])).unwrap_err(),
        "no index file `tables.rs`"
    );
}

#[test]
fn fuzz_inputs_split_into_at_most_three_pages() {
    let pages = |data: &[u8]| -> Vec<(String, String)> {
        let split = split_fuzz_input(data);
        split
            .into_iter()
            .map(|p| {
                p.map(|f| (f.path, f.text))
                    .unwrap_or_else(|d| (d.to_string(), String::new()))
            })
            .collect()
    };
    assert_eq!(pages(b"a"), [("p0.md".into(), "a".into())]);
    let three = pages(b"a\n%%%PAGE%%%\n\n%%%PAGE%%%\nc\n%%%PAGE%%%\nd");
    assert_eq!(three.len(), 3);
    assert_eq!(three[1], ("sales/p1.md".into(), String::new()));
    assert_eq!(three[2].1, "c\n%%%PAGE%%%\nd");
    let bad = pages(b"a\n%%%PAGE%%%\n\xff");
    assert!(
        bad[1]
            .0
            .starts_with("sales/p1.md:1:1: error: invalid UTF-8"),
        "{bad:?}"
    );
}
