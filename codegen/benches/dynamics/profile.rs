//! Where the time and the heap go: a counting global allocator (the main thread's bytes) and
//! `generate`'s stages run one after the other on one thread.

use super::*;

/// Counts live heap bytes of the main thread once [`COUNTING`] is set (only in the profiling
/// child, which runs every stage on its main thread: thread-local counters, no atomic
/// read-modify-write, so counting barely slows the stages it times; the timed runs of the parent
/// pay one relaxed load per allocation).
struct Counting;

pub(crate) static COUNTING: AtomicBool = AtomicBool::new(false);

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // `try_with`: a thread being torn down has no counters, and that is fine.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        if delta > 0 {
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        }
    });
}

fn live() -> isize {
    LIVE.with(Cell::get)
}

fn peak() -> isize {
    PEAK.with(Cell::get)
}

fn reset_peak() {
    PEAK.with(|p| p.set(live()));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() && COUNTING.load(Relaxed) {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() && COUNTING.load(Relaxed) {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        if COUNTING.load(Relaxed) {
            count(-(layout.size() as isize));
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() && COUNTING.load(Relaxed) {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Times one stage and measures the heap above its start: peak during it, held after it.
struct Stages {
    heap_start: isize,
    max_peak: isize,
    acc: BTreeMap<&'static str, (usize, Duration, isize, isize)>,
}

impl Stages {
    fn run<R>(&mut self, name: &'static str, f: impl FnOnce() -> R) -> R {
        let start = live();
        reset_peak();
        let t = Instant::now();
        let r = f();
        let d = t.elapsed();
        let top = peak();
        let held = live() - start;
        self.max_peak = self.max_peak.max(top - self.heap_start);
        let peak = top - start;
        // A stage's place is where it first ran, among the stages.
        let order = self.acc.len() + 1;
        let e = self
            .acc
            .entry(name)
            .or_insert((order, Duration::ZERO, 0, 0));
        e.1 += d;
        e.2 = e.2.max(peak);
        e.3 += held;
        r
    }
}

/// `generate`'s stages, one after the other on this thread (the library runs parse + lower
/// and the per-table emit + render on every core).
pub(crate) fn profile(files: &[SourceFile]) {
    use dataverse_codegen::{check, emit, model, names, parse, render};
    let mut s = Stages {
        heap_start: live(),
        max_peak: 0,
        acc: BTreeMap::new(),
    };
    let mut sorted: Vec<&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted.retain(|f| parse::recognise::recognise(f).is_none());
    let pages = s.run("parse (markdown -> Page)", || {
        sorted.iter().map(|f| parse::page(f).0).collect::<Vec<_>>()
    });
    let facts = s.run("lower (Page -> facts)", || {
        sorted
            .iter()
            .zip(&pages)
            .filter_map(|(f, p)| model::lower(f, p).0)
            .collect::<Vec<_>>()
    });
    s.run("drop pages", || drop(pages));
    let (model, _) = s.run("merge", || model::merge(facts));
    s.run("validate", || std::hint::black_box(model::validate(&model)));
    let plans: BTreeMap<&String, _> = s.run("resolve", || {
        model
            .tables
            .iter()
            .map(|(k, t)| (k, dataverse_codegen::resolve::table(&model, t)))
            .collect()
    });
    let names = s.run("names", || {
        names::assign(&model, &names::NamesLock::default()).names
    });
    let mut out_bytes = 0usize;
    let mut units: Vec<String> = Vec::new();
    units.push(s.run("emit (model -> text)", || emit::index(&model, &names)));
    units.push(s.run("emit (model -> text)", || {
        emit::global_choices(&model, &names)
    }));
    units.push(s.run("emit (model -> text)", || {
        emit::lookups(&names, dataverse_codegen::Layout::default())
    }));
    units.push(s.run("emit (model -> text)", || {
        emit::records(&model, &names, dataverse_codegen::Layout::default())
    }));
    let tables: Vec<&String> = model.tables.keys().collect();
    let mut outputs: Vec<String> = Vec::new();
    // Stage names: `fmt:` only on the formatted path (the CLI, the reviewed mirror), `plain:` only
    // on the unformatted one (build scripts); the rest on both. The unformatted path runs first
    // over every file, then the formatted one over the same text (the tables emitted again,
    // untimed): one file at a time through both, the formatted path's garbage would be swept up
    // by the allocator in the next file's unformatted stages.
    let plain = |s: &mut Stages, code: &str| {
        let plain = s.run("plain: header + check::text (render::plain)", || {
            render::plain(code).expect("render::plain")
        });
        s.run("plain: drop text", || drop(plain));
    };
    let mut pretty = |s: &mut Stages, code: &str| {
        let file = s.run("fmt: syn::parse_file (text -> syn::File)", || {
            syn::parse_file(code).expect("generated code parses")
        });
        s.run("fmt: check::ast", || check::ast(&file).expect("check::ast"));
        let body = s.run("fmt: prettyplease::unparse", || {
            prettyplease::unparse(&file)
        });
        s.run("fmt: drop syn::File", || drop(file));
        s.run("fmt: check::text", || {
            check::text(&body).expect("check::text")
        });
        out_bytes += body.len();
        outputs.push(body);
    };
    // As `generate` does: one buffer, reused for every table.
    let mut code = String::new();
    for unit in &units {
        plain(&mut s, unit);
    }
    for t in &tables {
        s.run("emit (model -> text)", || {
            code.clear();
            emit::table(&mut code, &model, &plans[*t], &names, t)
        });
        plain(&mut s, &code);
    }
    for unit in &units {
        pretty(&mut s, unit);
    }
    for t in &tables {
        code.clear();
        emit::table(&mut code, &model, &plans[*t], &names, t);
        pretty(&mut s, &code);
    }
    let mb_of = |b: isize| format!("{:.0}", b as f64 / 1e6);
    for (name, (order, d, peak, held)) in &s.acc {
        println!(
            "stage.{order:02} {:.1} {} {} {name}",
            ms(*d),
            mb_of(*peak),
            mb_of(*held)
        );
    }
    println!("heap_peak_mb {}", mb_of(s.max_peak));
    println!("output_mb {:.1}", mb(out_bytes));
}
