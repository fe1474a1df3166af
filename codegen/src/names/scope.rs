//! One scope of the generated code and the names taken in it; how an item gets its name there.
//!
//! An item keeps its recorded name when it can: every scope first gives each of its items the
//! name the lock records for it (phase one, [`Namespace::keep`]), and only then names the other
//! items afresh (phase two, [`Namespace::name`]), so a new item can never take a recorded name
//! and never renames an old one.
//!
//! A fresh name is the name asked for when free, else with the role's suffix (`_COLUMN`,
//! `Choice`, ...), else with the item's tag (a choice value's value), else with a short stable
//! hash of the item's key: never a counter, so a name does not depend on how many other items
//! want it or in which order.

use super::case::unraw;
use super::key::{ItemKey, Role, Style};
use super::lock::{Entry, NamesLock};
use std::collections::BTreeMap;
use std::fmt;

/// A recorded name that could not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostName {
    pub key: ItemKey,
    pub role: Role,
    /// The name the lock records.
    pub recorded: String,
    /// The name the item has now; `None` for a removed choice value, which is then dropped.
    pub instead: Option<String>,
    pub why: String,
}

impl fmt::Display for LostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{} {}`: the recorded name `{}` cannot be kept ({})",
            self.key, self.role, self.recorded, self.why
        )?;
        match &self.instead {
            Some(name) => write!(f, ": it is `{name}` now"),
            None => write!(f, ": the removed value is dropped"),
        }
    }
}

/// One assignment: the lock read, the lock written, the names lost.
pub(super) struct Run<'a> {
    pub lock: &'a NamesLock,
    pub out: NamesLock,
    pub lost: Vec<LostName>,
}

/// What an item asks for when it has no recorded name.
pub(super) struct Want {
    pub name: String,
    /// The role's suffix, tried second.
    pub suffix: &'static str,
    /// What tells the item apart from others of its scope, tried third (a choice value's value).
    pub tag: Option<String>,
    pub style: Style,
}

impl Want {
    pub fn new(name: String, suffix: &'static str, style: Style) -> Self {
        Want {
            name,
            suffix,
            tag: None,
            style,
        }
    }
}

/// The names taken in one scope. Raw identifiers count without their `r#`.
#[derive(Default)]
pub(super) struct Namespace {
    /// Name -> who has it: `None` for a name the generated code uses itself.
    taken: BTreeMap<String, Option<String>>,
    /// Recorded names this scope's items keep (phase one).
    kept: BTreeMap<(ItemKey, Role), String>,
    /// Recorded names this scope's items cannot keep, and why.
    lost: BTreeMap<(ItemKey, Role), (String, String)>,
}

impl Namespace {
    /// A scope where the generated code itself uses `names`.
    pub fn reserving<'a>(names: impl IntoIterator<Item = &'a &'a str>) -> Self {
        Namespace {
            taken: names.into_iter().map(|s| (s.to_string(), None)).collect(),
            ..Namespace::default()
        }
    }

    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains_key(unraw(name))
    }

    /// Takes `name` for `owner` (an item key and role, for messages).
    pub fn take(&mut self, name: &str, owner: String) {
        self.taken.insert(unraw(name).to_string(), Some(owner));
    }

    /// Phase one: each of `items` (in order) that the lock names gets that name when it is
    /// still free here; the others are named afresh in phase two and reported then.
    pub fn keep(&mut self, run: &Run<'_>, items: impl IntoIterator<Item = (ItemKey, Role)>) {
        for (key, role) in items {
            let Some(entry) = run.lock.get(&key, role) else {
                continue;
            };
            let name = entry.name.clone();
            match self.taken.get(unraw(&name)) {
                None => {
                    self.take(&name, format!("{key} {role}"));
                    self.kept.insert((key, role), name);
                }
                Some(owner) => {
                    let why = match owner {
                        None => format!("the generated code uses `{name}` itself there"),
                        Some(other) => format!("`{other}` has that name there"),
                    };
                    self.lost.insert((key, role), (name, why));
                }
            }
        }
    }

    /// Phase two: the item's kept name, else a fresh one ([`Namespace::claim`]); recorded in
    /// the lock written, and reported when a recorded name was lost.
    pub fn name(&mut self, run: &mut Run<'_>, key: &ItemKey, role: Role, want: Want) -> String {
        let id = (key.clone(), role);
        let name = match self.kept.remove(&id) {
            Some(name) => name,
            None => {
                let fresh = self.claim(want, key, role);
                if let Some((recorded, why)) = self.lost.remove(&id) {
                    run.lost.push(LostName {
                        key: key.clone(),
                        role,
                        recorded,
                        instead: Some(fresh.clone()),
                        why,
                    });
                }
                fresh
            }
        };
        let entry = Entry {
            name: name.clone(),
            removed: false,
        };
        run.out.insert(key.clone(), role, entry);
        name
    }

    /// Phase two for a choice value the docs no longer list: its recorded name when phase one
    /// kept it (recorded again as removed), else `None` (reported when it was lost).
    pub fn removed(&mut self, run: &mut Run<'_>, key: &ItemKey) -> Option<String> {
        let id = (key.clone(), Role::Constant);
        if let Some((recorded, why)) = self.lost.remove(&id) {
            run.lost.push(LostName {
                key: key.clone(),
                role: Role::Constant,
                recorded,
                instead: None,
                why,
            });
        }
        let name = self.kept.remove(&id)?;
        let entry = Entry {
            name: name.clone(),
            removed: true,
        };
        run.out.insert(key.clone(), Role::Constant, entry);
        Some(name)
    }

    /// A fresh name nobody in the scope has, from the item's identity alone: the name asked
    /// for, else with the role's suffix, else with its tag, else with a hash of its key.
    pub fn claim(&mut self, want: Want, key: &ItemKey, role: Role) -> String {
        let owner = format!("{key} {role}");
        let mut chosen = want.name;
        if !self.is_free(&chosen) {
            let suffixed = format!("{}{}", unraw(&chosen), want.suffix);
            chosen = suffixed.clone();
            if !self.is_free(&chosen) {
                if let Some(tag) = &want.tag {
                    chosen = join(want.style, &suffixed, tag);
                }
            }
            let mut salt = 0u32;
            while !self.is_free(&chosen) {
                chosen = join(want.style, &suffixed, &hash(&owner, salt, want.style));
                salt += 1;
            }
        }
        self.take(&chosen, owner);
        chosen
    }
}

/// `left` and `part` in one identifier of `style`.
fn join(style: Style, left: &str, part: &str) -> String {
    match style {
        Style::Camel => format!("{left}{part}"),
        Style::Snake | Style::Screaming if left.ends_with('_') => format!("{left}{part}"),
        Style::Snake | Style::Screaming => format!("{left}_{part}"),
    }
}

/// Six hex digits of the FNV-1a hash of `text` (and `salt`, when not 0): stable across
/// machines, platforms and versions of Rust, unlike the standard library's hasher.
pub(super) fn hash(text: &str, salt: u32, style: Style) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let salted = (salt > 0).then(|| format!("#{salt}"));
    for b in text.bytes().chain(salted.iter().flat_map(|s| s.bytes())) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let digits = format!("{:06x}", h & 0xff_ffff);
    match style {
        Style::Screaming => digits.to_ascii_uppercase(),
        Style::Snake | Style::Camel => digits,
    }
}
