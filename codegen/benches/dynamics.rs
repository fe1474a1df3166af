//! `cargo bench -p dataverse-codegen --bench dynamics`: the pipeline at Dynamics scale (issue 10).
//!
//! 1. The Dynamics-size docs set (`scale/mod.rs`): `DATAVERSE_BENCH_COPIES` (default 40)
//!    renamed copies of every corpus page, each copy with a `systemuser`-like hub page that has
//!    a one-to-many relationship to every other table of its copy. Best of
//!    `DATAVERSE_BENCH_RUNS` (default 3): one bare pulldown-cmark pass over every page (1 thread,
//!    the options of `pipeline.rs`), `build_model` (parse + lower + merge + validate) and
//!    `generate` (everything), as ratios to the bare pass. Issue 10's target: `generate` at most
//!    5x the bare pass, peak memory under 1 GB (measured, not asserted).
//! 2. Peak memory of `generate` over the set: a child process (this binary again) builds the
//!    set, resets its peak RSS (`/proc/self/clear_refs`), generates, and reports `VmHWM`.
//! 3. One big page at each of `DATAVERSE_BENCH_PAGE_KB` (default `200,12000`) kilobytes, in two
//!    shapes (many columns; a hub with many one-to-many relationships): `generate` time and peak
//!    memory, per input MB, so the sizes can be compared (the issue: cost in proportion to size).
//! 4. Where time and memory go (`DATAVERSE_BENCH_PROFILE=0` skips it): the stages of `generate`
//!    run one after the other on one thread in a child process whose allocator counts bytes:
//!    time, heap peak above the stage's start and heap still held after it, per stage.
//!
//! The corpus is `../shared/corpus` beside the workspace; without it the set is built from
//! `docs-in/` (and says so); `DATAVERSE_BENCH_BASE=DIR` builds it from another folder of pages.
//! Linux only for memory (`/proc/self/status`); elsewhere those lines say they are skipped.
#[path = "common/timing.rs"]
mod timing;
use timing::best_of;

#[path = "scale/mod.rs"]
mod scale;

use dataverse_codegen::source::SourceFile;
use dataverse_codegen::{build_model, generate, Options};
use pulldown_cmark::{Options as MdOptions, Parser};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::time::{Duration, Instant};

#[path = "dynamics/profile.rs"]
mod profile;
use profile::{profile, COUNTING};

/// Set in a child process: what it runs (see [`child`]).
const CHILD: &str = "DATAVERSE_BENCH_CHILD";

const MD: MdOptions = MdOptions::ENABLE_TABLES.union(MdOptions::ENABLE_YAML_STYLE_METADATA_BLOCKS);

fn main() {
    if let Ok(task) = std::env::var(CHILD) {
        child(&task);
        return;
    }
    let started = Instant::now();
    // Other work on the machine skews the times: say how busy it was.
    let load = || {
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".to_string())
    };
    println!("load average at start: {}", load());
    let runs: usize = env_num("DATAVERSE_BENCH_RUNS").unwrap_or(3).max(1);
    let copies = scale::copies_from_env();
    let (dir, from_corpus) = scale::base_dir();
    if !from_corpus {
        println!(
            "note: no corpus at ../shared/corpus: the set is built from {} instead",
            dir.display()
        );
    }
    let base = scale::read_base(&dir, from_corpus).unwrap_or_else(|e| panic!("{e}"));
    let files = scale::dynamics_set(&base, copies);
    let bytes = scale::bytes(&files);
    let hub_bytes: usize = files
        .iter()
        .filter(|f| f.path.contains("/hub/"))
        .map(|f| f.text.len())
        .sum();
    println!(
        "input: {} pages, {:.1} MB: {copies} copies of {} pages from {} plus one hub page ({:.0} kB) per copy",
        files.len(),
        mb(bytes),
        base.pages.len(),
        base.dir.display(),
        hub_bytes as f64 / 1e3 / copies as f64
    );
    let generated = match generate(&files, Options::default()) {
        Ok(g) => {
            let out: usize = g.files.values().map(String::len).sum();
            format!(
                "{} tables, {} files, {:.1} MB of Rust",
                g.model.tables.len(),
                g.files.len(),
                mb(out)
            )
        }
        Err(e) => format!("FAILED: {e}"),
    };
    println!("output: {generated}");

    let bare = best_of(runs, || {
        std::hint::black_box(bare_pass(&files));
    });
    let model = best_of(runs, || {
        std::hint::black_box(build_model(&files));
    });
    let full = best_of(runs, || {
        let _ = std::hint::black_box(generate(&files, Options::default()));
    });
    let plain = best_of(runs, || {
        let _ = std::hint::black_box(generate(&files, unformatted()));
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("times, best of {runs} ({cores} cores):");
    let row = |name: &str, d: Duration| {
        println!(
            "  {name:<52} {:>8.1} ms {:>7.1} MB/s {:>6.2}x bare",
            ms(d),
            mb(bytes) / d.as_secs_f64(),
            d.as_secs_f64() / bare.as_secs_f64()
        );
    };
    row("bare pulldown-cmark pass (1 thread)", bare);
    row("parse + merge: build_model (all cores)", model);
    row("full generation: generate, formatted (all cores)", full);
    row("full generation: generate, unformatted (all cores)", plain);
    let met = |ok: bool| if ok { "met" } else { "not met" };
    println!(
        "  target generate <= 5x bare: formatted {}, unformatted (what build scripts run) {}",
        met(full.as_secs_f64() <= 5.0 * bare.as_secs_f64()),
        met(plain.as_secs_f64() <= 5.0 * bare.as_secs_f64())
    );
    for (what, arg) in [("formatted", "pretty"), ("unformatted", "plain")] {
        match peak_child("set", &[arg.to_string()]) {
            Some(p) => println!(
                "peak memory of generate, {what} (child process): {:.0} MB peak RSS, {:.0} MB of it resident before (the input); target < 1024 MB: {}",
                p.peak_mb,
                p.before_mb,
                met(p.peak_mb < 1024.0)
            ),
            None => println!("peak memory of generate: skipped (needs Linux /proc/self/status)"),
        }
    }

    println!(
        "one big page (generate, best of {runs} up to 1 MB, else 1 run; peak RSS per input MB is above the RSS before):"
    );
    let sizes: Vec<usize> = std::env::var("DATAVERSE_BENCH_PAGE_KB")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![200, 12_000]);
    for shape in [scale::Shape::Columns, scale::Shape::Relationships] {
        for &kb in &sizes {
            let page = scale::wide_page(kb * 1000, shape);
            let size = page.text.len();
            let page_bare = best_of(runs, || {
                std::hint::black_box(bare_pass(std::slice::from_ref(&page)));
            });
            let files = [page];
            let n = if size > 1_000_000 { 1 } else { runs };
            for (what, arg) in [("formatted", "pretty"), ("unformatted", "plain")] {
                let options = || {
                    if arg == "plain" {
                        unformatted()
                    } else {
                        Options::default()
                    }
                };
                let outcome = match generate(&files, options()) {
                    Ok(g) => {
                        let out: usize = g.files.values().map(String::len).sum();
                        format!("{:.1} MB of Rust", mb(out))
                    }
                    Err(e) => format!("FAILED: {e}"),
                };
                let t = best_of(n, || {
                    let _ = std::hint::black_box(generate(&files, options()));
                });
                let child_args = [kb.to_string(), shape.word().to_string(), arg.to_string()];
                let memory = match peak_child("page", &child_args) {
                    Some(p) => format!(
                        "peak {:>5.0} MB RSS, {:>4.0} MB per input MB",
                        p.peak_mb,
                        (p.peak_mb - p.before_mb) / mb(size)
                    ),
                    None => "peak memory skipped".to_string(),
                };
                println!(
                    "  {:<13} {:>5.1} MB {what:<11}: {:>8.1} ms, {:>6.1} ms/MB, {:>5.1}x bare; {memory}; {outcome}",
                    shape.word(),
                    mb(size),
                    ms(t),
                    ms(t) / mb(size),
                    t.as_secs_f64() / page_bare.as_secs_f64()
                );
            }
        }
    }

    if std::env::var("DATAVERSE_BENCH_PROFILE").as_deref() != Ok("0") {
        println!("where the time and heap go (stages one after the other, 1 thread, counting allocator; heap MB: peak above the stage's start / held after it):");
        profile_child("the Dynamics-size set", "profile-set", &[]);
        if let Some(&kb) = sizes.iter().max() {
            for shape in [scale::Shape::Columns, scale::Shape::Relationships] {
                profile_child(
                    &format!("one {} page of {kb} kB", shape.word()),
                    "profile-page",
                    &[kb.to_string(), shape.word().to_string()],
                );
            }
        }
    }
    println!(
        "bench took {:.0} s; load average at the end: {}",
        started.elapsed().as_secs_f64(),
        load()
    );
}

/// The options build scripts run with: the code as token text, no syn parse and prettyplease.
fn unformatted() -> Options {
    Options {
        unformatted: true,
        ..Options::default()
    }
}

fn bare_pass(files: &[SourceFile]) -> usize {
    files
        .iter()
        .map(|f| Parser::new_ext(&f.text, MD).into_offset_iter().count())
        .sum()
}

fn env_num(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Peak {
    before_mb: f64,
    peak_mb: f64,
}

impl Peak {
    /// "(peak includes building the input)" when the child could not reset its peak RSS.
    fn caveat(&self, reset: bool) -> &'static str {
        if reset {
            ""
        } else {
            " (could not reset the peak: it includes building the input)"
        }
    }
}

/// Runs this binary as a child doing `task` and reads its `key value` lines.
fn run_child(task: &str, args: &[String]) -> Option<BTreeMap<String, String>> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .args(args)
        .env(CHILD, task)
        .output()
        .ok()?;
    if !out.status.success() {
        println!(
            "  child `{task}` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Some(
        text.lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

fn peak_child(task: &str, args: &[String]) -> Option<Peak> {
    let kv = run_child(task, args)?;
    let num = |k: &str| kv.get(k).and_then(|v| v.parse::<f64>().ok());
    let peak = Peak {
        before_mb: num("before_kb")? / 1e3,
        peak_mb: num("peak_kb")? / 1e3,
    };
    let note = peak.caveat(kv.get("reset").map(String::as_str) == Some("true"));
    if !note.is_empty() {
        println!("  note: child `{task}`{note}");
    }
    Some(peak)
}

fn profile_child(title: &str, task: &str, args: &[String]) {
    let Some(kv) = run_child(task, args) else {
        return;
    };
    println!("  {title}: {}", kv.get("input").map_or("", |s| s.as_str()));
    // `stage.NN <ms> <heap peak MB> <heap held MB> <name>`, in stage order (the map's order).
    let stages: Vec<(f64, &str, &str, &str)> = kv
        .iter()
        .filter(|(k, _)| k.starts_with("stage."))
        .filter_map(|(_, v)| {
            let mut parts = v.splitn(4, ' ');
            let t = parts.next()?.parse().ok()?;
            Some((t, parts.next()?, parts.next()?, parts.next()?))
        })
        .collect();
    let total = |skip: &str| -> f64 {
        stages
            .iter()
            .filter(|s| !s.3.starts_with(skip))
            .map(|s| s.0)
            .sum()
    };
    let (formatted, plain) = (total("plain:"), total("fmt:"));
    println!(
        "    {:<44} {:>8} {:>10} {:>12}  heap MB: peak / held",
        "stage", "ms", "% formatted", "% unformatted"
    );
    for &(t, peak, held, name) in &stages {
        let share = |total: f64, skip: &str| {
            if name.starts_with(skip) {
                String::new()
            } else {
                format!("{:.0}%", 100.0 * t / total.max(1e-9))
            }
        };
        println!(
            "    {name:<44} {t:>8.0} {:>10} {:>12}  {peak:>6} / {held:>6}",
            share(formatted, "plain:"),
            share(plain, "fmt:")
        );
    }
    println!(
        "    total: formatted {formatted:.0} ms, unformatted {plain:.0} ms (1 thread); heap peak {} MB above the input, peak RSS {} MB",
        kv.get("heap_peak_mb").map_or("?", |s| s.as_str()),
        kv.get("rss_peak_mb").map_or("?", |s| s.as_str())
    );
}

/// `VmRSS` and `VmHWM` of this process in kB, if Linux tells.
fn rss_kb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Makes `VmHWM` start again from the current RSS (Linux 4.0+); false when it cannot.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn child_page(args: &[String]) -> SourceFile {
    let kb: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(12_000);
    let shape = match args.get(1).map(String::as_str) {
        Some("relationships") => scale::Shape::Relationships,
        _ => scale::Shape::Columns,
    };
    scale::wide_page(kb * 1000, shape)
}

fn child_set() -> Vec<SourceFile> {
    let (dir, from_corpus) = scale::base_dir();
    let base = scale::read_base(&dir, from_corpus).unwrap_or_else(|e| panic!("{e}"));
    scale::dynamics_set(&base, scale::copies_from_env())
}

/// The child's side: `set [pretty|plain]` and `page KB SHAPE [pretty|plain]` print the peak RSS
/// of one `generate` (formatted, or unformatted with `plain`);
/// `profile-set` and `profile-page KB SHAPE` print the stage table.
fn child(task: &str) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match task {
        "set" | "page" => {
            let files = if task == "set" {
                child_set()
            } else {
                vec![child_page(&args)]
            };
            let reset = reset_peak_rss();
            let Some((before, _)) = rss_kb() else {
                // No /proc/self/status: the parent says the measurement is skipped.
                return;
            };
            // `set [pretty|plain]`, `page KB SHAPE [pretty|plain]`.
            let how = if task == "set" {
                args.first()
            } else {
                args.get(2)
            };
            let options = if how.map(String::as_str) == Some("plain") {
                unformatted()
            } else {
                Options::default()
            };
            let g = generate(&files, options);
            let Some((_, peak)) = rss_kb() else {
                return;
            };
            drop(std::hint::black_box(g));
            println!("before_kb {before}");
            println!("peak_kb {peak}");
            println!("reset {reset}");
        }
        "profile-set" | "profile-page" => {
            // DATAVERSE_BENCH_COUNT=0: stage times without counting (to see what it costs).
            COUNTING.store(
                std::env::var("DATAVERSE_BENCH_COUNT").as_deref() != Ok("0"),
                Relaxed,
            );
            let files = if task == "profile-set" {
                child_set()
            } else {
                vec![child_page(&args)]
            };
            println!(
                "input {} pages, {:.1} MB",
                files.len(),
                mb(scale::bytes(&files))
            );
            reset_peak_rss();
            profile(&files);
            if let Some((_, hwm)) = rss_kb() {
                println!("rss_peak_mb {:.0}", hwm as f64 / 1e3);
            }
        }
        other => {
            eprintln!("unknown {CHILD} task `{other}`");
            std::process::exit(2);
        }
    }
}
