#!/usr/bin/env bash
# scale-check.sh: what compiling the bindings of a Dynamics-size docs set costs (issue 10).
# Not run in CI: the whole set can take tens of minutes and many GB. Run it by hand:
#
#   scripts/scale-check.sh [--copies N] [--table NAME] [--crate] [--skip-whole] [--keep]
#
#   --copies N     copies of the corpus in the set (default 40: ~1,240 pages, ~26 MB)
#   --table NAME   the one table (default: the contact table of copy 0, `contact_c0`)
#   --crate        also the standalone crate form (`dataverse-codegen generate --docs SET --crate
#                  DIR`, one cargo feature per table): `cargo check --features NAME` and
#                  `--features all` in DIR. Skipped, saying so, when the CLI has no `--crate`.
#   --skip-whole   only the one table (the whole set is the long part)
#   --keep         keep the temporary directory (set, target dirs, logs)
#
# Environment: SCALE_TMP (work directory, default a new mktemp -d), SCALE_TIMEOUT (seconds per
# measured command, default 1500), SCALE_MAX_MB (stop a command whose process tree goes over
# this resident size, default 16000), SCALE_TARGETS (where the target directories go, default
# the work directory: point it at an earlier run's to reuse its compiled dependencies). The set
# is built from ../shared/corpus (else docs-in/) by
# `cargo run --release -p dataverse-codegen --example dynamics_docs -- DIR --copies N`.
#
# What it measures, each in a CARGO_TARGET_DIR of its own (dependencies are compiled first,
# untimed, with the default docs-in/):
#
#   whole      DATAVERSE_DOCS_DIR=SET cargo check -p dataverse-tables
#   one-table  DATAVERSE_DOCS_DIR=SET DATAVERSE_TABLES=NAME cargo check -p dataverse-tables
#              (the build script still reads and merges the whole set)
#   --crate:   crate-generate (`generate --docs SET --crate DIR`, with `--runtime-path` to this
#              checkout's runtime/ when the CLI has it), then in DIR crate-one-table
#              (`cargo check --features NAME`) and crate-all (`cargo check --features all`)
#
# and whole and one-table again with only rustc re-run on the generated crate (`cargo rustc
# --lib --profile check -- --cfg scale_check_rerun`, its incremental state removed first; the
# build script does not run again). For each command: wall time; peak RSS of the largest single
# process (GNU time's "Maximum resident set size", when /usr/bin/time exists); peak RSS of the
# whole process tree (sampled from /proc every 0.5 s); and from `cargo --timings`, how long the
# build script run (generation, in the dev profile, as every user's build runs it) and the rustc
# check of the generated crate took. Results go to stdout and to results.md in the work
# directory (kept with --keep or SCALE_TMP).

set -euo pipefail

copies=40
table=""
want_crate=0
skip_whole=0
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --copies) copies="$2"; shift 2 ;;
        --table) table="$2"; shift 2 ;;
        --crate) want_crate=1; shift ;;
        --skip-whole) skip_whole=1; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${SCALE_TMP:-$(mktemp -d /tmp/scale-check.XXXXXX)}"
mkdir -p "$work"
timeout_s="${SCALE_TIMEOUT:-1500}"
max_mb="${SCALE_MAX_MB:-16000}"
results="$work/results.md"
targets="${SCALE_TARGETS:-$work}"
cleanup() {
    if [ "$keep" = 0 ] && [ -z "${SCALE_TMP:-}" ]; then
        rm -rf "$work"
    else
        echo "work directory kept: $work"
    fi
}
trap cleanup EXIT

say() { echo "== $*"; }

# Total RSS in kB of process $1 and its descendants.
tree_rss_kb() {
    local pids="$1" frontier="$1" next total=0 p
    while [ -n "$frontier" ]; do
        next=""
        for p in $frontier; do
            if [ -e /proc/"$p"/task/"$p"/children ]; then
                next="$next $(cat /proc/"$p"/task/*/children 2>/dev/null || true)"
            else
                next="$next $(ps -o pid= --ppid "$p" 2>/dev/null || true)"
            fi
        done
        frontier="$(echo $next)"
        pids="$pids $frontier"
    done
    for p in $pids; do
        local kb
        kb=$(awk '/^VmRSS:/ {print $2}' /proc/"$p"/status 2>/dev/null || true)
        total=$((total + ${kb:-0}))
    done
    echo "$total"
}

# measure NAME ENV... -- COMMAND...: runs COMMAND in the root with ENV, in its own process group,
# and appends a result row. Sets last_status.
measure() {
    local name="$1"; shift
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    local log="$work/$name.log" timef="$work/$name.time" peakf="$work/$name.peak"
    local timer=()
    if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -v -o "$timef"); fi
    say "$name: ${envs[*]} $*"
    local start end
    start=$(date +%s.%N)
    (cd "$root" && exec env "${envs[@]}" setsid "${timer[@]}" timeout "$timeout_s" "$@") >"$log" 2>&1 &
    # The background subshell does not lead a process group, so setsid execs in place: $! is
    # the leader of the new group, and `kill -- -$!` stops the whole command.
    local pid=$! peak=0 now stopped=""
    while kill -0 "$pid" 2>/dev/null; do
        if [ -d /proc/"$pid" ]; then
            now=$(tree_rss_kb "$pid")
            [ "$now" -gt "$peak" ] && peak=$now
            if [ $((now / 1000)) -gt "$max_mb" ]; then
                stopped="stopped: over ${max_mb} MB"
                kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
            fi
        fi
        sleep 0.5
    done
    wait "$pid" && last_status=0 || last_status=$?
    end=$(date +%s.%N)
    echo "$peak" >"$peakf"
    local wall max_rss="n/a" script_s="n/a" rustc_s="n/a" note
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    if [ -f "$timef" ]; then
        max_rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1000 }' "$timef")
    fi
    local html
    html=$(ls -t "${CARGO_TARGET_DIR_FOR_TIMINGS:-/nonexistent}"/cargo-timings/cargo-timing-*.html 2>/dev/null | head -1 || true)
    if [ -n "$html" ] && command -v python3 >/dev/null; then
        read -r script_s rustc_s < <(python3 - "$html" <<'PY' || echo "n/a n/a"
import json, re, sys
text = open(sys.argv[1]).read()
m = re.search(r"const UNIT_DATA = (\[.*?\]);\n", text, re.S)
units = json.loads(m.group(1)) if m else []
run = sum(u["duration"] for u in units if u["name"] == "dataverse-tables" and u.get("mode") == "run-custom-build")
lib = sum(u["duration"] for u in units if u["name"] == "dataverse-tables" and u.get("mode") != "run-custom-build" and u["target"].strip() in ("", "lib", "(check)"))
print("%.1f %.1f" % (run, lib) if units else "n/a n/a")
PY
)
    fi
    if [ "$last_status" = 124 ]; then note="timed out after ${timeout_s}s"
    elif [ -n "$stopped" ]; then note="$stopped"
    elif [ "$last_status" != 0 ]; then note="failed (exit $last_status), see $log"
    else note="ok"; fi
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$wall" "$max_rss" "$((peak / 1000))" "$script_s" "$rustc_s" "$note" | tee -a "$results"
    # The newest timings report belongs to this command only once: move it aside.
    if [ -n "$html" ]; then mv "$html" "$work/$name.timings.html" 2>/dev/null || true; fi
}

say "work directory: $work (cargo check timeout ${timeout_s}s, stop over ${max_mb} MB)"
nproc_n=$(nproc 2>/dev/null || echo '?')
mem_total=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1e6 }' /proc/meminfo 2>/dev/null || echo '?')
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

say "building the Dynamics-size set ($copies copies)"
export CARGO_TARGET_DIR="$targets/target-example"
(cd "$root" && cargo run -q --release -p dataverse-codegen --example dynamics_docs -- "$work/set" --copies "$copies") | tee "$work/set.txt"
set_line=$(head -1 "$work/set.txt")
if [ -z "$table" ]; then
    table=$(awk '/^tables:/ { print $2 }' "$work/set.txt")
fi
pages=$(find "$work/set" -name '*.md' | wc -l)
set_mb=$(du -sb "$work/set" | awk '{ printf "%.1f", $1 / 1e6 }')

{
    echo "# scale-check: $(date -u +%Y-%m-%dT%H:%MZ), $nproc_n cores, $mem_total, load $load"
    echo
    echo "set: $set_line"
    echo "on disk: $pages pages, $set_mb MB"
    echo "one table: $table"
    echo
    echo '| what | wall s | peak RSS, largest process MB | peak RSS, process tree MB | build script run s | rustc check s | |'
    echo '|---|---|---|---|---|---|---|'
} >"$results"

# The build-script crate: one target dir, dependencies compiled first (untimed).
target="$targets/target-tables"
export CARGO_TARGET_DIR="$target"
CARGO_TARGET_DIR_FOR_TIMINGS="$target"
say "compiling dependencies of dataverse-tables (untimed)"
(cd "$root" && env -u DATAVERSE_DOCS_DIR -u DATAVERSE_TABLES cargo check -q -p dataverse-tables) >"$work/warmup.log" 2>&1 \
    || { echo "warm-up failed, see $work/warmup.log"; tail -20 "$work/warmup.log"; exit 1; }
rm -rf "$target/cargo-timings"

# The rustc-only re-runs start without the incremental state of the run before (as a first
# check of the generated crate does): otherwise they reuse most of its work.
forget_incremental() {
    rm -rf "$target"/debug/incremental/dataverse_tables-*
}

out_tables() {
    # Table files the build script wrote last (its OUT_DIR), without the index files.
    local out
    out=$(ls -td "$target"/debug/build/dataverse-tables-*/out 2>/dev/null | head -1)
    [ -n "$out" ] && find "$out" -maxdepth 1 -name '*.rs' | wc -l || echo 0
}

if [ "$skip_whole" = 0 ]; then
    measure whole DATAVERSE_DOCS_DIR="$work/set" -- cargo check -p dataverse-tables --timings
    [ "$last_status" = 0 ] && echo "whole: $(out_tables) generated files" | tee -a "$results"
    if [ "$last_status" = 0 ]; then
        forget_incremental
        measure whole-rustc-only DATAVERSE_DOCS_DIR="$work/set" -- \
            cargo rustc -p dataverse-tables --lib --profile check --timings -- --cfg scale_check_rerun
    fi
fi
# Without the incremental state of the whole crate: rustc would load it first (GBs, seconds).
forget_incremental
measure one-table DATAVERSE_DOCS_DIR="$work/set" DATAVERSE_TABLES="$table" -- cargo check -p dataverse-tables --timings
[ "$last_status" = 0 ] && echo "one table ($table): $(out_tables) generated files" | tee -a "$results"
if [ "$last_status" = 0 ]; then
    forget_incremental
    measure one-table-rustc-only DATAVERSE_DOCS_DIR="$work/set" DATAVERSE_TABLES="$table" -- \
        cargo rustc -p dataverse-tables --lib --profile check --timings -- --cfg scale_check_rerun
fi

if [ "$want_crate" = 1 ]; then
    export CARGO_TARGET_DIR="$targets/target-cli"
    help=$(cd "$root" && cargo run -q --release -p dataverse-codegen -- generate --help 2>/dev/null || true)
    if ! grep -q -- '--crate' <<<"$help"; then
        echo "--crate: skipped: \`dataverse-codegen generate\` has no --crate option yet" | tee -a "$results"
    else
        # The runtime of this checkout, by path (it is not on crates.io).
        runtime_arg=()
        if grep -q -- '--runtime-path' <<<"$help"; then runtime_arg=(--runtime-path "$root/runtime"); fi
        CARGO_TARGET_DIR_FOR_TIMINGS=""
        measure crate-generate -- cargo run -q --release -p dataverse-codegen -- generate --docs "$work/set" --crate "$work/crate" "${runtime_arg[@]}"
        if [ "$last_status" = 0 ]; then
            export CARGO_TARGET_DIR="$targets/target-crate"
            crate_root="$work/crate"
            (cd "$crate_root" && cargo fetch -q) >/dev/null 2>&1 || true
            root_saved="$root"
            root="$crate_root"
            (cd "$crate_root" && cargo check -q) >"$work/crate-warmup.log" 2>&1 || true
            CARGO_TARGET_DIR_FOR_TIMINGS="$CARGO_TARGET_DIR"
            rm -rf "$CARGO_TARGET_DIR/cargo-timings"
            measure crate-one-table -- cargo check --timings --features "$table"
            measure crate-all -- cargo check --timings --features all
            root="$root_saved"
        fi
    fi
fi

echo
cat "$results"
