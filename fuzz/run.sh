#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60): builds them with
# cargo-fuzz (nightly, AddressSanitizer), writes seed inputs from the test
# fixtures and the shared corpus ($REFRAIN_CORPUS, else ../shared/corpus next
# to the repository, when present), then fuzzes each target in turn, one
# process at a time. New inputs accumulate in fuzz/corpus/TARGET between runs.
#
# usage: fuzz/run.sh [SECONDS] [TARGET...]
# Exits non-zero when a target crashed, hung (-timeout) or ran out of memory;
# the input is kept in fuzz/artifacts/TARGET/ and the line to reproduce it is
# printed (cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…).
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import mentions events phrases)

corpus="${REFRAIN_CORPUS:-$(cd ../.. && pwd)/shared/corpus}"
[ -d "$corpus" ] || corpus=""

# cargo-fuzz needs nightly flags (-Zsanitizer). Use the nightly toolchain
# when there is one; otherwise the stable one with RUSTC_BOOTSTRAP=1, which
# ships the same sanitizer runtimes (a machine here cannot download nightly).
if rustup run nightly rustc --version >/dev/null 2>&1; then
  fuzz() { cargo +nightly fuzz "$@"; }
else
  echo "no nightly toolchain: fuzzing with stable and RUSTC_BOOTSTRAP=1"
  fuzz() { RUSTC_BOOTSTRAP=1 cargo fuzz "$@"; }
fi

start=$(date +%s)
fuzz build
echo "fuzz build: $(( $(date +%s) - start )) s"

rm -rf target/seeds
python3 seeds.py target/seeds .. "$corpus"

failed=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "=== fuzzing $t for ${seconds}s"
  # -timeout: an input taking 10 s is a hang; -max_len: a few pages reach
  # every rule of the recognizers and keep the runs fast (the importer is the
  # slowest target, some 100 inputs a second under the sanitizer).
  max_len=8192
  [ "$t" = events ] && max_len=16384
  if ! fuzz run "$t" "corpus/$t" "target/seeds/$t" -- \
      -max_total_time="$seconds" -timeout=10 -max_len="$max_len" -dict="dicts/$t.dict" \
      -print_final_stats=1 2>"target/$t.log"; then
    tail -n 60 "target/$t.log"
    failed+=("$t")
  else
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^Done' "target/$t.log" || true
  fi
done

echo "fuzzing took $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz targets that failed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
