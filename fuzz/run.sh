#!/usr/bin/env bash
# Fuzzes one target of fuzz/ for a while: fuzz/run.sh TARGET SECONDS [libFuzzer args...]
#   TARGET: pipeline (never panics), valid_output (successful output passes check::files) or
#   names_lock (any lockfile reads or is refused; one that reads round-trips and yields valid code).
# Seeds fuzz/corpus/TARGET/ (gitignored) from every page at hand, runs cargo fuzz on the stable
# toolchain (RUSTC_BOOTSTRAP=1 for the nightly flags it passes), and prints the execution count.
# A crash leaves its input in fuzz/artifacts/TARGET/ and makes this script exit non-zero.
# Environment: FUZZ_SANITIZER (none by default; address works too, ~6x slower, and the crate
# has no unsafe code),
# CARGO_TARGET_DIR (default fuzz/target).
set -euo pipefail

usage="usage: fuzz/run.sh pipeline|valid_output|names_lock SECONDS [libFuzzer args...]"
target=${1:?$usage}
seconds=${2:?$usage}
shift 2
case "$target" in pipeline | valid_output | names_lock) ;; *) echo "$usage" >&2; exit 2 ;; esac

cd "$(dirname "$0")/.."
root=$PWD
corpus=$root/fuzz/corpus/$target
mkdir -p "$corpus"

# One seed per input, named by its content so that repeated runs do not pile up copies.
seed() {
  local tmp=$corpus/.seed
  cat >"$tmp"
  mv "$tmp" "$corpus/seed-$(sha1sum "$tmp" | cut -c1-16)"
}
pages() { find "$@" -type f -name '*.md' ! -name 'SOURCES*' 2>/dev/null | LC_ALL=C sort; }

if [ "$target" = names_lock ]; then
  # Seeds: the project's lock, and the names-lock fixtures' base lock (its snapshot's body).
  seed <docs-in/dataverse-names.lock
  sed '1,/^---$/d' codegen/tests/snapshots/names_lock__the_base_lock.snap | seed
else
pages codegen/tests/fixtures docs-in | while IFS= read -r page; do seed <"$page"; done
# Earlier crash inputs (already in the fuzz input format).
find codegen/tests/fixtures/fuzz-regressions -type f ! -name 'README*' | while IFS= read -r input; do
  seed <"$input"
done
# Multi-page seeds: the pages of each merge case and of docs-in (up to 3), joined the way the
# targets split them (check::FUZZ_PAGE_SEPARATOR).
for dir in codegen/tests/fixtures/merge/*/ docs-in; do
  pages "$dir" | head -n 3 | {
    first=1
    while IFS= read -r page; do
      if [ "$first" = 0 ]; then printf '\n%%%%%%PAGE%%%%%%\n'; fi
      cat "$page"
      first=0
    done
  } | seed
done
# The development corpus beside the repository, when present: copied at run time only.
if [ -d ../shared/corpus ]; then
  pages ../shared/corpus | while IFS= read -r page; do seed <"$page"; done
fi
fi
echo "== fuzz $target for ${seconds}s; seeds in fuzz/corpus/$target: $(find "$corpus" -type f | wc -l) files"

sanitizer=${FUZZ_SANITIZER:-none}
dict=""
if [ "$target" != names_lock ]; then dict="-dict=$root/fuzz/markdown.dict"; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir "$root/fuzz" --sanitizer "$sanitizer" "$target" "$corpus" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 $dict \
  -print_final_stats=1 "$@" 2>&1 | tee "$log" || status=$?

stat() { grep -ao "stat::$1: *[0-9]*" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
echo "== $target: $(stat number_of_executed_units) executions, $(stat average_exec_per_sec) per second, exit status $status"
if [ "$status" != 0 ]; then
  echo "crash inputs are in fuzz/artifacts/$target/; minimize one with"
  echo "  RUSTC_BOOTSTRAP=1 cargo fuzz tmin --fuzz-dir fuzz --sanitizer $sanitizer $target fuzz/artifacts/$target/<file>"
fi
exit "$status"
