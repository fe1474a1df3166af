//! Tests of cell normalization (with the work counter).

use super::*;

#[test]
fn plain_normalizes_every_label_quirk() {
    let cases = [
        ("**BotTransferSession **", "BotTransferSession"),
        (
            "**AssignToAgentBySupervisor  **",
            "AssignToAgentBySupervisor",
        ),
        ("****", ""),
        (
            "**Service\\-Maintenance Based**",
            "Service-Maintenance Based",
        ),
        ("`msdyn_ocsession`", "msdyn_ocsession"),
        ("Google's (new)", "Google's (new)"),
        ("[Session](msdyn_ocsession.md#BKMK_x)", "Session"),
        ("a<br />b", "a b"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Café ünïcode", "Café ünïcode"),
        ("a \\| b", "a | b"),
        ("  spaced  ", "spaced"),
        ("**Ends with */ comment**", "Ends with */ comment"),
        ("POST [*org URI*]/api", "POST [org URI]/api"),
        ("See **SchemaName**.", "See SchemaName."),
        ("2 * 3", "2 * 3"),
    ];
    for (raw, want) in cases {
        assert_eq!(plain(raw), want, "plain({raw:?})");
    }
}

#[test]
fn cell_value_keeps_empty_null_and_value_apart() {
    assert_eq!(CellValue::of(""), CellValue::Empty);
    assert_eq!(CellValue::of("``"), CellValue::Empty);
    assert_eq!(CellValue::of("****"), CellValue::Empty);
    assert_eq!(CellValue::of("null"), CellValue::Null);
    assert_eq!(CellValue::of("`x`"), CellValue::Value("x".into()));
}

#[test]
fn split_br_and_key_value() {
    let raw = "Archive: `NoCascade`<br />Assign: `Cascade`<br/>Label: <BR>x";
    let parts: Vec<_> = split_br(raw).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        parts,
        ["Archive: `NoCascade`", "Assign: `Cascade`", "Label: ", "x"]
    );
    assert_eq!(key_value(parts[0]), Some(("Archive", "`NoCascade`")));
    assert_eq!(key_value("State:0"), Some(("State", "0")));
    assert_eq!(key_value("Label: "), Some(("Label", "")));
    assert_eq!(key_value("x"), None);
    assert_eq!(split_br("abc"), [(0, "abc")]);
}

#[test]
fn bold_key_lines() {
    assert_eq!(
        bold_key_line("**DisplayName**: Action Card<br />"),
        Some(("DisplayName", "Action Card"))
    );
    assert_eq!(
        bold_key_line("**PrimaryNameAttribute**: <br />"),
        Some(("PrimaryNameAttribute", ""))
    );
    assert_eq!(
        bold_key_line("**DefaultValue**: False"),
        Some(("DefaultValue", "False"))
    );
    assert_eq!(bold_key_line("Plain text"), None);
}

#[test]
fn links_and_option_bullets() {
    assert_eq!(
        link_urls("See the [x](systemuser.md#BKMK_x) for the [systemuser](systemuser.md) table."),
        ["systemuser.md#BKMK_x", "systemuser.md"]
    );
    assert!(link_urls("no links").is_empty());
    assert_eq!(
        option_bullet("- **TrueOption Value**: 1 **Label**: Check"),
        Some(("1", " Check"))
    );
    assert_eq!(
        option_bullet("- **Value**: 0 **Label**: Active"),
        Some(("0", " Active"))
    );
    assert_eq!(option_bullet("- [Name](#BKMK_Name)"), None);
}

/// The quadratic implementations this file had before, kept as the oracle for behaviour.
mod reference {
    pub fn plain(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(c) = rest.chars().next() {
            let len = c.len_utf8();
            match c {
                '\\' => {
                    let mut it = rest[1..].chars();
                    match it.next() {
                        Some(n) if n.is_ascii_punctuation() => {
                            out.push(n);
                            rest = &rest[1 + n.len_utf8()..];
                        }
                        _ => {
                            out.push('\\');
                            rest = &rest[1..];
                        }
                    }
                }
                '`' => rest = &rest[len..],
                '*' => {
                    let run = rest.len() - rest.trim_start_matches('*').len();
                    let before = raw[..raw.len() - rest.len()].chars().next_back();
                    let after = rest[run..].chars().next();
                    let at_edge = before.map_or(true, char::is_whitespace) && out.trim().is_empty()
                        || rest[run..].trim().is_empty();
                    let marker = at_edge
                        || run >= 2
                        || after.is_some_and(char::is_alphanumeric)
                        || before.is_some_and(char::is_alphanumeric);
                    if !marker {
                        out.push_str(&rest[..run]);
                    }
                    rest = &rest[run..];
                }
                '[' => match link_text(rest) {
                    Some((text, used)) => {
                        out.push_str(&plain(text));
                        rest = &rest[used..];
                    }
                    None => {
                        out.push('[');
                        rest = &rest[1..];
                    }
                },
                '<' if super::is_br(rest).is_some() => {
                    out.push(' ');
                    rest = &rest[super::is_br(rest).unwrap_or(1)..];
                }
                '&' => {
                    let (s, used) = super::entity(rest);
                    out.push_str(s);
                    rest = &rest[used..];
                }
                _ => {
                    out.push(c);
                    rest = &rest[len..];
                }
            }
        }
        out.trim().to_string()
    }

    fn link_text(s: &str) -> Option<(&str, usize)> {
        let close = s.find("](")?;
        let text = &s[1..close];
        if text.contains('[') || text.contains('\n') {
            return None;
        }
        let end = s[close + 2..].find(')')?;
        Some((text, close + 2 + end + 1))
    }

    pub fn split_br(raw: &str) -> Vec<(usize, &str)> {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while let Some(off) = raw[i..].find('<') {
            let at = i + off;
            if let Some(len) = super::is_br(&raw[at..]) {
                parts.push((start, &raw[start..at]));
                start = at + len;
                i = start;
            } else {
                i = at + 1;
            }
        }
        parts.push((start, &raw[start..]));
        parts
    }

    pub fn link_urls(raw: &str) -> Vec<&str> {
        let mut urls = Vec::new();
        let mut rest = raw;
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            urls.push(&after[..end]);
            rest = &after[end..];
        }
        urls
    }

    pub fn bold_key_line(line: &str) -> Option<(&str, &str)> {
        let line = line.trim();
        let rest = line.strip_prefix("**")?;
        let end = rest.find("**")?;
        let key = rest[..end].trim();
        let after = rest[end + 2..].trim_start();
        let value = after.strip_prefix(':')?;
        let value = value.trim();
        let value = match value.rfind('<') {
            Some(i) if super::is_br(&value[i..]).is_some_and(|l| i + l == value.len()) => {
                value[..i].trim_end()
            }
            _ => value,
        };
        Some((key, value))
    }
}

/// Short strings built from the pieces the functions react to (deterministic xorshift).
fn fragments(cases: usize) -> Vec<String> {
    const PIECES: [&str; 34] = [
        "*", "**", " ", "  ", "[", "]", "(", ")", "](", "[x](y)", "\\", "\\*", "\\|", "`", "<",
        "<br />", "<BR>", "<br/ /", "&", "&amp;", "&nbsp;", "&lt", "\n", "a", "Z", "é", "日", "/",
        ".", "_", "\t", "|", ":", "\u{a0}",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..cases)
        .map(|_| {
            let len = (next() % 14) as usize;
            (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn linear_versions_agree_with_the_old_code() {
    for s in fragments(40_000) {
        assert_eq!(plain(&s), reference::plain(&s), "plain({s:?})");
        assert_eq!(split_br(&s), reference::split_br(&s), "split_br({s:?})");
        assert_eq!(link_urls(&s), reference::link_urls(&s), "link_urls({s:?})");
        let line = format!("**{s}");
        assert_eq!(
            bold_key_line(&line),
            reference::bold_key_line(&line),
            "bold_key_line({line:?})"
        );
    }
}

/// `CellValue::text` stands for `plain` of the raw cell: the lowering reads `Targets` and
/// unknown properties through it.
#[test]
fn cell_value_text_is_plain_of_the_cell() {
    let fixed = [
        "",
        "``",
        " `` ",
        "null",
        " **null** ",
        "`null`",
        "x",
        "\u{a0}*a*",
    ];
    let cases = fragments(40_000)
        .into_iter()
        .chain(fixed.iter().map(|s| s.to_string()));
    for s in cases {
        for raw in [s.clone(), format!(" {s}"), format!("\u{a0}{s} ")] {
            assert_eq!(CellValue::of(&raw).text(), plain(&raw), "{raw:?}");
        }
    }
}

/// Inputs that made `plain` (or a helper) quadratic: about 200 kB times `scale`.
fn pathological(scale: usize) -> Vec<(&'static str, String)> {
    let k = 200_000;
    let units = [
        ("`*` run", "*"),
        ("` *` run", " *"),
        ("`[` run", "["),
        ("`[x](` run", "[x]("),
        ("`](` run", "]("),
        ("`[a]` run", "[a]"),
        ("`<` run", "<"),
        ("`<br ` run", "<br "),
        ("`\\` run", "\\"),
        ("`&` run", "&"),
        ("`&amp` run", "&amp"),
        ("mixed", "* [x](<br &amp; \\* `a` **b** [ ]( *<br />x|"),
    ];
    let mut inputs: Vec<_> = units
        .iter()
        .map(|(name, unit)| (*name, unit.repeat(scale * (k / unit.len()))))
        .collect();
    // Each `*` used to re-trim the blank tail of the input.
    inputs.push((
        "`* ` run, blank tail",
        "* ".repeat(scale * k / 4) + &" ".repeat(scale * k / 2),
    ));
    inputs
}

fn run_all(s: &str) -> Vec<(&'static str, u64)> {
    let line = format!("**Key**: {s}");
    let bullet = format!("- **Value**: {s} **Label**: {s}");
    vec![
        ("plain", count_steps(|| plain(s)).1),
        ("CellValue::of", count_steps(|| CellValue::of(s)).1),
        ("split_br", count_steps(|| split_br(s)).1),
        ("link_urls", count_steps(|| link_urls(s)).1),
        ("key_value", count_steps(|| key_value(s)).1),
        ("bold_key_line", count_steps(|| bold_key_line(&line)).1),
        ("option_bullet", count_steps(|| option_bullet(&bullet)).1),
    ]
}

/// Counts steps, not time: on 200 kB of each pathological input every function takes at
/// most 8 steps a byte, and twice the input takes at most twice the steps.
#[test]
fn cell_functions_are_linear_on_pathological_input() {
    for ((name, one), (_, two)) in pathological(1).into_iter().zip(pathological(2)) {
        assert_eq!(two.len(), 2 * one.len(), "{name}");
        let (n1, n2) = (one.len() as u64, two.len() as u64);
        for ((f, s1), (_, s2)) in run_all(&one).into_iter().zip(run_all(&two)) {
            println!("{name:<22} {f:<14} n={n1:>7} steps={s1:>8}  n={n2:>7} steps={s2:>8}");
            // The wrapped inputs of bold_key_line and option_bullet are up to 2n + 32 long.
            let n = if f == "option_bullet" {
                2 * n1 + 32
            } else {
                n1 + 16
            };
            assert!(s1 <= 8 * n, "{f} on {name}: {s1} steps for {n1} bytes");
            // `plain` reads every character: a counter that counts nothing proves nothing.
            if f == "plain" {
                assert!(
                    s1 >= n1 && s2 >= n2,
                    "{f} on {name}: only {s1} steps counted"
                );
            }
            assert!(
                s2 <= 2 * s1 + 64,
                "{f} on {name}: {s1} steps for {n1} bytes but {s2} for {n2}"
            );
        }
    }
}

#[test]
fn pathological_cells_still_normalize_as_before() {
    let k = 20_000;
    assert_eq!(plain(&" *".repeat(k)), "");
    assert_eq!(plain(&"*".repeat(k)), "");
    assert_eq!(plain(&"[".repeat(k)), "[".repeat(k));
    assert_eq!(plain(&"[x](".repeat(k)), "[x](".repeat(k));
    assert_eq!(plain(&format!("{})", "[x](".repeat(k))), "x");
    assert_eq!(plain(&"&".repeat(k)), "&".repeat(k));
    assert_eq!(plain(&"\\\\".repeat(k)), "\\".repeat(k));
    assert_eq!(plain(&format!("{}x{}", "* ".repeat(k), " ".repeat(k))), "x");
}
