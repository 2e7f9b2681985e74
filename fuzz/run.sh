#!/usr/bin/env bash
# Runs each fuzz target in turn for SECONDS (default 900 = 15 min), niced so
# that builds on the same machine keep going. Logs go to fuzz/logs/TARGET.log,
# new inputs to fuzz/corpus/TARGET/, crashes to fuzz/artifacts/TARGET/.
# Needs cargo-fuzz and a nightly toolchain (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-900}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(kpk_read exe_trailer)
toolchain=${FUZZ_TOOLCHAIN-+nightly}  # FUZZ_TOOLCHAIN= (empty): the default toolchain
mkdir -p fuzz/logs
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  echo "== $target: ${seconds}s" >&2
  nice -n 10 cargo $toolchain fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
    > "fuzz/logs/$target.log" 2>&1 || { echo "$target FAILED, see fuzz/logs/$target.log" >&2; exit 1; }
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' "fuzz/logs/$target.log" >&2 || true
done
