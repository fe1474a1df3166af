//! Checks of generated code, for the tests, the fuzz targets and the pipeline's final assertion:
//! the output parses, no scope defines a name twice, no invisible or control character is raw in
//! the text, and the index includes each generated file exactly once.
//!
//! The checks work on syn's AST, not on the emitter's current output shape, so they stay valid
//! when the emitter changes.

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use crate::{CHOICES_FILE, INDEX_FILE, LOOKUPS_FILE, RECORDS_FILE, ROOT_ITEMS};
use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeMap;
use syn::{Fields, ImplItem, Item, Stmt, Type, UseTree};

/// A generated file: it parses, passes [`ast`] and passes [`text`].
pub fn file(src: &str) -> Result<(), String> {
    let parsed = syn::parse_file(src).map_err(|e| format!("does not parse: {e}"))?;
    ast(&parsed)?;
    text(src)
}

/// Every file passes [`file()`], every file name is one the writer accepts
/// ([`crate::io::is_plain_file_name`]: lower-case, so distinct in any letter case too), and the
/// index ([`INDEX_FILE`]) includes every other file exactly once, from a module whose name the
/// crate root does not already have ([`ROOT_ITEMS`]; only the choices module may take its own).
pub fn files(files: &BTreeMap<String, String>) -> Result<(), String> {
    for (name, src) in files {
        if !crate::io::is_plain_file_name(name) {
            return Err(format!("file name {name:?} is not a plain `<name>.rs`"));
        }
        file(src).map_err(|e| format!("{name}: {e}"))?;
    }
    let index = files
        .get(INDEX_FILE)
        .ok_or_else(|| format!("no index file `{INDEX_FILE}`"))?;
    let index = syn::parse_file(index).map_err(|e| format!("{INDEX_FILE}: {e}"))?;
    let mut included: BTreeMap<String, String> = BTreeMap::new();
    let mut include = |module: &str, tokens: &TokenStream| -> Result<String, String> {
        let path = include_path(tokens);
        let path = path.trim_start_matches('/').to_string();
        if path == INDEX_FILE || !files.contains_key(&path) {
            return Err(format!(
                "{INDEX_FILE}: {module} includes `{path}`, no generated file"
            ));
        }
        if let Some(other) = included.insert(path.clone(), module.to_string()) {
            return Err(format!(
                "{INDEX_FILE}: {other} and {module} both include `{path}`"
            ));
        }
        Ok(path)
    };
    for item in &index.items {
        match item {
            Item::Macro(m) if m.mac.path.is_ident("include") => {
                include("the crate root", &m.mac.tokens)?;
            }
            Item::Mod(m) => {
                let name = unraw(&m.ident);
                let what = format!("module `{name}`");
                let mut paths = Vec::new();
                for inner in m.content.iter().flat_map(|(_, items)| items) {
                    if let Item::Macro(mac) = inner {
                        if mac.mac.path.is_ident("include") {
                            paths.push(include(&what, &mac.mac.tokens)?);
                        }
                    }
                }
                let file = format!("{name}.rs");
                let own = [CHOICES_FILE, LOOKUPS_FILE, RECORDS_FILE].contains(&file.as_str())
                    && paths == [file];
                if ROOT_ITEMS.contains(&name.as_str()) && !own {
                    return Err(format!(
                        "{INDEX_FILE}: {what} takes a name the crate root has"
                    ));
                }
            }
            _ => {}
        }
    }
    match files
        .keys()
        .find(|f| *f != INDEX_FILE && !included.contains_key(*f))
    {
        Some(orphan) => Err(format!("{INDEX_FILE}: no module includes `{orphan}`")),
        None => Ok(()),
    }
}

/// An item under `#[cfg(not(..))]`.
fn is_cfg_not(item: &Item) -> bool {
    let attrs: &[syn::Attribute] = match item {
        Item::Type(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Const(i) => &i.attrs,
        _ => return false,
    };
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string().starts_with("not"))
    })
}

/// The file a `include!(...)` names: its string literals concatenated, `env!(..)` left out.
fn include_path(tokens: &TokenStream) -> String {
    let mut out = String::new();
    let mut iter = tokens.clone().into_iter();
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Ident(i) if i == "env" => {
                iter.next(); // `!`
                iter.next(); // `("OUT_DIR")`
            }
            TokenTree::Group(g) => out.push_str(&include_path(&g.stream())),
            TokenTree::Literal(lit) => {
                if let syn::Lit::Str(s) = syn::Lit::new(lit) {
                    out.push_str(&s.value());
                }
            }
            _ => {}
        }
    }
    out
}

/// No duplicate names in any scope: module items by namespace (the file root, inline modules and
/// function bodies), struct and variant fields, enum variants, and associated items of the
/// inherent impls of one type (and of each trait impl), where an enum's variant and associated
/// const or fn of the same name also clash. Raw identifiers compare without `r#`.
pub fn ast(file: &syn::File) -> Result<(), String> {
    module("the file root", "", file.items.iter())
}

fn unraw(ident: &Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_string()
}

/// Names of one namespace of one scope, with the kind of item that took each.
struct Names(&'static str, BTreeMap<String, &'static str>);

impl Names {
    fn new(namespace: &'static str) -> Self {
        Names(namespace, BTreeMap::new())
    }

    fn claim(&mut self, scope: &str, kind: &'static str, ident: &Ident) -> Result<(), String> {
        let name = unraw(ident);
        match self.1.insert(name.clone(), kind) {
            Some(first) if name != "_" => Err(format!(
                "{scope}: `{name}` is defined twice: {first} and {kind}{}",
                self.0
            )),
            _ => Ok(()),
        }
    }
}

/// Associated items of one type: consts and fns share one namespace, types another.
struct Assoc {
    values: Names,
    types: Names,
}

impl Default for Assoc {
    fn default() -> Self {
        let (values, types) = (Names::new(" in the value namespace"), Names::new(""));
        Assoc { values, types }
    }
}

/// One module (or block) scope; `path` is the module path from the file root.
fn module<'a>(
    scope: &str,
    path: &str,
    items: impl Iterator<Item = &'a Item>,
) -> Result<(), String> {
    let mut types = Names::new(" in the type namespace");
    let mut values = Names::new(" in the value namespace");
    let mut inherent: BTreeMap<String, Assoc> = BTreeMap::new();
    let mut variants: BTreeMap<String, Names> = BTreeMap::new();
    // A `#[cfg(not(P))]` item is the twin of a `#[cfg(P)]` one (the records of a standalone
    // crate): the twins' names are checked among themselves, never against each other.
    let (mut twin_types, mut twin_values) = (
        Names::new(" in the type namespace (cfg(not) items)"),
        Names::new(" in the value namespace (cfg(not) items)"),
    );
    for item in items {
        let (types, values) = if is_cfg_not(item) {
            (&mut twin_types, &mut twin_values)
        } else {
            (&mut types, &mut values)
        };
        match item {
            Item::Const(i) => values.claim(scope, "const", &i.ident)?,
            Item::Static(i) => values.claim(scope, "static", &i.ident)?,
            Item::Fn(i) => {
                values.claim(scope, "fn", &i.sig.ident)?;
                let name = unraw(&i.sig.ident);
                block(&format!("fn `{name}` in {scope}"), path, &i.block)?;
            }
            Item::Mod(i) => {
                types.claim(scope, "mod", &i.ident)?;
                if let Some((_, items)) = &i.content {
                    let name = unraw(&i.ident);
                    let path = if path.is_empty() {
                        name
                    } else {
                        format!("{path}::{name}")
                    };
                    module(&format!("module `{path}`"), &path, items.iter())?;
                }
            }
            Item::Struct(i) => {
                types.claim(scope, "struct", &i.ident)?;
                if !matches!(i.fields, Fields::Named(_)) {
                    values.claim(scope, "struct constructor", &i.ident)?;
                }
                let what = format!("struct `{}` in {scope}", unraw(&i.ident));
                fields(&what, i.fields.iter())?;
            }
            Item::Union(i) => {
                types.claim(scope, "union", &i.ident)?;
                let what = format!("union `{}` in {scope}", unraw(&i.ident));
                fields(&what, i.fields.named.iter())?;
            }
            Item::Enum(i) => {
                types.claim(scope, "enum", &i.ident)?;
                let what = format!("enum `{}` in {scope}", unraw(&i.ident));
                let mut names = Names::new("");
                for v in &i.variants {
                    names.claim(&what, "variant", &v.ident)?;
                    fields(
                        &format!("variant `{}` of {what}", unraw(&v.ident)),
                        v.fields.iter(),
                    )?;
                }
                variants.insert(unraw(&i.ident), names);
            }
            Item::Type(i) => types.claim(scope, "type alias", &i.ident)?,
            Item::Trait(i) => types.claim(scope, "trait", &i.ident)?,
            Item::ExternCrate(i) => {
                let name = i.rename.as_ref().map_or(&i.ident, |(_, r)| r);
                types.claim(scope, "extern crate", name)?;
            }
            Item::Use(i) => use_tree(scope, &i.tree, None, types)?,
            Item::Impl(i) => {
                let ty = self_type(&i.self_ty);
                let mut own = Assoc::default();
                let (assoc, what) = match &i.trait_ {
                    None => (inherent.entry(ty.clone()).or_default(), "inherent impls"),
                    Some(_) => (&mut own, "a trait impl"),
                };
                let what = format!("{what} of `{ty}` in {scope}");
                for it in &i.items {
                    match it {
                        ImplItem::Const(c) => assoc.values.claim(&what, "const", &c.ident)?,
                        ImplItem::Fn(f) => {
                            assoc.values.claim(&what, "fn", &f.sig.ident)?;
                            let name = unraw(&f.sig.ident);
                            block(&format!("fn `{name}` of {what}"), path, &f.block)?;
                        }
                        ImplItem::Type(t) => assoc.types.claim(&what, "type", &t.ident)?,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    for (ty, assoc) in &inherent {
        let clash = variants
            .get(ty)
            .and_then(|vs| assoc.values.1.keys().find(|k| vs.1.contains_key(*k)));
        if let Some(name) = clash {
            return Err(format!(
                "{scope}: enum `{ty}` has a variant and an associated item both named `{name}`"
            ));
        }
    }
    Ok(())
}

/// The items declared directly in a function body form a scope of their own.
fn block(scope: &str, path: &str, block: &syn::Block) -> Result<(), String> {
    let items = block.stmts.iter().filter_map(|s| match s {
        Stmt::Item(item) => Some(item),
        _ => None,
    });
    module(scope, path, items)
}

fn fields<'a>(scope: &str, fields: impl Iterator<Item = &'a syn::Field>) -> Result<(), String> {
    let mut names = Names::new("");
    for ident in fields.filter_map(|f| f.ident.as_ref()) {
        names.claim(scope, "field", ident)?;
    }
    Ok(())
}

/// What inherent impls are grouped by: a plain type name, else the type's tokens.
fn self_type(ty: &Type) -> String {
    if let Type::Path(p) = ty {
        let plain = p.qself.is_none() && p.path.leading_colon.is_none();
        if let (true, 1, Some(seg)) = (plain, p.path.segments.len(), p.path.segments.first()) {
            return unraw(&seg.ident);
        }
    }
    ty.to_token_stream().to_string()
}

/// The names a `use` brings into the type namespace (glob imports are shadowed, not clashes).
fn use_tree(
    scope: &str,
    tree: &UseTree,
    parent: Option<&Ident>,
    names: &mut Names,
) -> Result<(), String> {
    let what = "use";
    match tree {
        UseTree::Path(p) => use_tree(scope, &p.tree, Some(&p.ident), names),
        UseTree::Name(n) if n.ident == "self" => match parent {
            Some(parent) => names.claim(scope, what, parent),
            None => Ok(()),
        },
        UseTree::Name(n) => names.claim(scope, what, &n.ident),
        UseTree::Rename(r) => names.claim(scope, what, &r.rename),
        UseTree::Glob(_) => Ok(()),
        UseTree::Group(g) => g
            .items
            .iter()
            .try_for_each(|t| use_tree(scope, t, parent, names)),
    }
}

/// No character that must never appear raw in generated source (escapes in literals are fine):
/// bidirectional controls, zero-width and invisible formatting characters, line and paragraph
/// separators, and C0 (but newline and tab), DEL and C1 controls.
pub fn text(src: &str) -> Result<(), String> {
    // Printable ASCII, newline and tab are never one: skip them 64 bytes at a time (the
    // generated files are tens of megabytes), and look at every character of any other chunk.
    let bytes = src.as_bytes();
    let plain = |b: u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + 64).min(bytes.len());
        if bytes[at..end].iter().fold(true, |ok, &b| ok & plain(b)) {
            at = end;
            continue;
        }
        // `at` is a character boundary: it only moves over whole characters.
        while let Some(c) = src[at..].chars().next().filter(|_| at < end) {
            if let Some(kind) = hazard(c) {
                let before = &src[..at];
                let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
                let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                    .chars()
                    .count()
                    + 1;
                let code = c as u32;
                return Err(format!(
                    "{line}:{col}: raw {kind} U+{code:04X} in generated source"
                ));
            }
            at += c.len_utf8();
        }
    }
    Ok(())
}

/// What kind of hazard `c` is, if it is one ([`text`]).
fn hazard(c: char) -> Option<&'static str> {
    Some(match c {
        '\n' | '\t' => return None,
        '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{80}'..='\u{9f}' => "control character",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\u{200e}' | '\u{200f}' | '\u{61c}' => "bidirectional mark",
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' => "invisible character",
        '\u{feff}' | '\u{ad}' | '\u{180e}' => "invisible character",
        '\u{2028}' | '\u{2029}' => "line or paragraph separator",
        _ => return None,
    })
}

/// The page separator of a fuzz input (`fuzz/` and `tests/fuzz_regressions.rs`).
#[doc(hidden)]
pub const FUZZ_PAGE_SEPARATOR: &[u8] = b"\n%%%PAGE%%%\n";

/// Splits a fuzz input into 1 to 3 pages on [`FUZZ_PAGE_SEPARATOR`] (the third page takes the
/// rest), each decoded with [`SourceFile::from_bytes`].
#[doc(hidden)]
pub fn split_fuzz_input(data: &[u8]) -> Vec<Result<SourceFile, Diagnostic>> {
    const PATHS: [&str; 3] = ["p0.md", "sales/p1.md", "customer-service/v2/p2.md"];
    let sep = FUZZ_PAGE_SEPARATOR;
    let mut pages = Vec::new();
    let mut rest = data;
    for (i, path) in PATHS.iter().enumerate() {
        let cut = (i + 1 < PATHS.len())
            .then(|| rest.windows(sep.len()).position(|w| w == sep))
            .flatten();
        let (page, next) = match cut {
            Some(at) => (&rest[..at], Some(&rest[at + sep.len()..])),
            None => (rest, None),
        };
        pages.push(SourceFile::from_bytes(*path, page.to_vec()));
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    pages
}

/// The `valid_output` fuzz target: generate from the pages that decode, and when that succeeds,
/// [`files`] must pass on the output.
#[doc(hidden)]
pub fn fuzz_valid_output(data: &[u8]) -> Result<(), String> {
    let pages: Vec<SourceFile> = split_fuzz_input(data).into_iter().flatten().collect();
    match crate::generate(&pages, crate::Options::default()) {
        Ok(generated) => files(&generated.files),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests;
