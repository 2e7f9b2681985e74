#!/usr/bin/env bash
# Kode's benchmark: start-up and run time of Kode against node, bun and deno
# on six workloads, pack time against esbuild, peak RSS and executable sizes.
# Prints one markdown table and writes it, with the machine and every tool's
# version, to docs/benchmarks.md.
#
#   bench/setup.sh     # once: peers into bench/.peers/ (bun, esbuild, deno, hyperfine)
#   bench/run.sh       # builds kode and the floor (release), prepares, verifies, times
#
# Options:
#   --no-build         use target/release/kode and the floor as they are
#   --runs N           hyperfine minimum runs per command (default 10, never fewer)
#   --warmup N         hyperfine warm-up runs per command (default 3)
#   --workloads "A B"  subset of: hello graph1000 graph1000esm ts tsapp parse http (default: all)
#   --http-seconds N   how long wrk drives each HTTP row (default 5)
#   --no-doc           print the table, leave docs/benchmarks.md alone
#   --pack-flags "F"   extra flags for every `kode pack` (e.g. an opt-in pack mode)
#
# A peer that is not installed (bench/.peers/bin/NAME, else NAME on PATH) is
# skipped with a note in its row. Every command is run once first and its stdout
# compared with the workload's expected.txt; a command that fails or prints
# something else is reported as such and left out of the timings. Everything
# generated goes to bench/.work/ (ignored by git).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$BENCH/.work"
RES="$WORK/results"
PEERS="$BENCH/.peers/bin"

RUNS=10
WARMUP=3
RSS_RUNS=5
BUILD=1
WRITE_DOC=1
WORKLOADS="hello graph1000 graph1000esm ts tsapp parse http"
HTTP_SECONDS=5
PACK_FLAGS=""
ARGS_GIVEN=""
for a in "$@"; do case "$a" in *[[:space:]]*) ARGS_GIVEN+=" \"$a\"" ;; *) ARGS_GIVEN+=" $a" ;; esac; done

while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --runs) RUNS="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --workloads) WORKLOADS="$2"; shift ;;
    --http-seconds) HTTP_SECONDS="$2"; shift ;;
    --no-doc) WRITE_DOC=0 ;;
    --pack-flags) PACK_FLAGS="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ "$RUNS" -ge 10 ] 2>/dev/null || { echo "bench/run.sh: --runs must be a number >= 10" >&2; exit 2; }

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }
case "$ROOT" in *[[:space:]]*) die "the checkout's path must not contain spaces: $ROOT" ;; esac
START_SECONDS=$SECONDS

# ---------------------------------------------------------------- tools -----
command -v hyperfine >/dev/null 2>&1 || die "hyperfine is missing: run bench/setup.sh (or apt-get install hyperfine)"
command -v node >/dev/null 2>&1 || die "node is missing: it is a peer and prepares the workloads"
command -v npm >/dev/null 2>&1 || die "npm is missing: it installs the ts and parse workloads"

# find_peer NAME: bench/.peers/bin/NAME, else NAME on PATH, else empty.
find_peer() {
  local p
  for p in "$PEERS/$1" "$(command -v "$1" 2>/dev/null || true)"; do
    if [ -n "$p" ] && [ -x "$p" ] && "$p" --version >/dev/null 2>&1; then
      echo "$p"; return
    fi
  done
}
NODE="$(command -v node)"
BUN="$(find_peer bun)"
DENO="$(find_peer deno)"
ESBUILD="$(find_peer esbuild)"
TIME_BIN=""
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 && TIME_BIN=/usr/bin/time
[ -n "$BUN" ] || log "bun not found: its rows are skipped (bench/setup.sh installs it)"
[ -n "$DENO" ] || log "deno not found: its rows are skipped (bench/setup.sh installs it)"
[ -n "$ESBUILD" ] || log "esbuild not found: its pack rows are skipped (bench/setup.sh installs it)"
[ -n "$TIME_BIN" ] || log "/usr/bin/time (GNU time) not found: peak RSS is skipped (apt-get install time)"

# Deno: its own cache dir (code cache included, warmed by the warm-up runs),
# no update check, no colours. Colours off for everyone.
export DENO_DIR="$WORK/deno-dir"
export DENO_NO_UPDATE_CHECK=1
export NO_COLOR=1

# ---------------------------------------------------------------- build -----
mkdir -p "$WORK/bin" "$RES"
rm -f "$RES"/*
if [ "$BUILD" = 1 ]; then
  if [ -z "${RUSTY_V8_ARCHIVE:-}" ] && [ -d "$ROOT/../shared/v8" ]; then
    RUSTY_V8_ARCHIVE="$(realpath "$ROOT/../shared/v8")"
    export RUSTY_V8_ARCHIVE
  fi
  log "cargo build --release (kode)"
  (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
  log "cargo build --release (bench/floor)"
  cargo build --release --quiet --locked --manifest-path "$BENCH/floor/Cargo.toml" \
    --target-dir "$ROOT/target/bench-floor" || die "building bench/floor failed"
fi
[ -x "$ROOT/target/release/kode" ] || die "no target/release/kode (run without --no-build)"
# Copies, so that a rebuild while the bench runs cannot swap the binary under it.
cp "$ROOT/target/release/kode" "$WORK/bin/kode"
KODE="$WORK/bin/kode"
FLOOR=""
if [ -x "$ROOT/target/bench-floor/release/kode-bench-floor" ]; then
  cp "$ROOT/target/bench-floor/release/kode-bench-floor" "$WORK/bin/floor"
  FLOOR="$WORK/bin/floor"
else
  log "floor not built: its row is skipped"
fi

# The HTTP servers are not a start-up workload: they have their own section.
RUN_HTTP=0
STARTUP_WORKLOADS=""
for w in $WORKLOADS; do
  if [ "$w" = http ]; then RUN_HTTP=1; else STARTUP_WORKLOADS+="$w "; fi
done
WORKLOADS="$STARTUP_WORKLOADS"

# -------------------------------------------------------------- prepare -----
log "preparing workloads: $WORKLOADS"
# shellcheck disable=SC2086
[ -z "$WORKLOADS" ] || "$BENCH/workloads/prepare.sh" "$WORK" $WORKLOADS

# Results, one line per row, tab-separated, read by report.js:
#   status.tsv: workload  section  label  status  note
#   rss.tsv:    workload  label  kilobytes
#   size.tsv:   workload  label  bytes
: >"$RES/status.tsv"; : >"$RES/rss.tsv"; : >"$RES/size.tsv"
status() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RES/status.tsv"; }
q() { printf '%q' "$1"; }

# verify W SECTION LABEL CMD...: run once in the workload dir; ok when stdout is
# exactly expected.txt. On success the command is added to the timing list.
verify() {
  local w="$1" section="$2" label="$3"; shift 3
  local out="$RES/$w.$(echo "$label" | tr -c 'A-Za-z0-9.-' '_').out"
  local rc=0
  (cd "$WORK/$w" && timeout 300 "$@" >"$out" 2>"$out.err") || rc=$?
  if [ $rc -ne 0 ]; then
    status "$w" "$section" "$label" failed "exit $rc: $(tail -n 3 "$out.err" | tr '\t\n' '  ' | cut -c1-160)"
    log "  FAIL  $label (exit $rc)"; sed 's/^/        /' "$out.err" | tail -n 5 >&2
    return 1
  fi
  if ! cmp -s "$out" "$WORK/$w/expected.txt"; then
    status "$w" "$section" "$label" wrong "stdout differs from expected.txt"
    log "  WRONG $label: stdout differs from expected.txt:"
    diff "$WORK/$w/expected.txt" "$out" | head -n 8 | sed 's/^/        /' >&2 || true
    return 1
  fi
  status "$w" "$section" "$label" ok ""
  log "  ok    $label"
  return 0
}

skip() { status "$1" "$2" "$3" skipped "$4"; log "  skip  $3: $4"; }

size_of() { stat -c %s "$1"; }

# ------------------------------------------------------------ workloads -----
for w in $WORKLOADS; do
  d="$WORK/$w"
  # The entry: WORKLOAD.ts for a TypeScript workload, else WORKLOAD.js.
  e="$w.js"; [ -f "$d/$w.ts" ] && e="$w.ts"
  log "== $w"
  # Artifacts: the bundle, the Kode executable (also with a start-up
  # snapshot), the bun executable.
  rm -f "$d/$w.kpk" "$d/$w-kode" "$d/$w-kode-snap" "$d/$w-bun"
  (cd "$d" && "$KODE" pack $PACK_FLAGS "$e" -o "$w.kpk" >"$RES/$w.pack.log" 2>&1) ||
    log "  kode pack failed: $(tail -n 2 "$RES/$w.pack.log")"
  (cd "$d" && "$KODE" pack $PACK_FLAGS "$e" --exe -o "$w-kode" >"$RES/$w.pack-exe.log" 2>&1) ||
    log "  kode pack --exe failed: $(tail -n 2 "$RES/$w.pack-exe.log")"
  # An entry that hands Kode.snapshot.setMain its main is snapshotted whole;
  # others have their leading requires (or static imports) snapshotted.
  # --freeze-facts: typescript reads process.argv and process.env as it loads.
  snap="--snapshot --freeze-facts"
  grep -q 'Kode?.snapshot' "$d/$e" && snap="--snapshot=entry --freeze-facts"
  # shellcheck disable=SC2086
  (cd "$d" && "$KODE" pack $PACK_FLAGS "$e" --exe $snap -o "$w-kode-snap" >"$RES/$w.pack-snap.log" 2>&1) ||
    log "  kode pack --exe $snap failed: $(tail -n 2 "$RES/$w.pack-snap.log")"
  if [ -n "$BUN" ]; then
    (cd "$d" && "$BUN" build --compile --bytecode "$e" --outfile "$w-bun" >"$RES/$w.bun-build.log" 2>&1) ||
      log "  bun build --compile --bytecode failed: $(tail -n 2 "$RES/$w.bun-build.log")"
  fi

  # Run commands: label (as shown in the table) and the argv hyperfine runs.
  names=(); cmds=()
  add() { names+=("$1"); cmds+=("$2"); }
  try() { # LABEL CMD...: verify, then queue for timing
    local label="$1"; shift
    if verify "$w" run "$label" "$@"; then
      local c="" a; for a in "$@"; do c+="$(q "$a") "; done
      add "$label" "${c% }"
    fi
  }
  if [ -f "$d/$w.kpk" ]; then try "kode run $w.kpk" "$KODE" run "$w.kpk"; else status "$w" run "kode run $w.kpk" failed "kode pack failed"; fi
  try "kode run $e" "$KODE" run "$e"
  if [ -f "$d/$w-kode" ]; then try "./$w-kode (kode --exe)" "./$w-kode"; else status "$w" run "./$w-kode (kode --exe)" failed "kode pack --exe failed"; fi
  if [ -f "$d/$w-kode-snap" ]; then try "./$w-kode-snap (kode --exe $snap)" "./$w-kode-snap"
  else status "$w" run "./$w-kode-snap (kode --exe $snap)" failed "kode pack --exe $snap: $(tail -n 1 "$RES/$w.pack-snap.log" | cut -c1-160)"; fi
  try "node $e" "$NODE" "$e"
  if [ -n "$BUN" ]; then
    try "bun $e" "$BUN" "$e"
    if [ -f "$d/$w-bun" ]; then try "./$w-bun (bun --compile --bytecode)" "./$w-bun"
    else status "$w" run "./$w-bun (bun --compile --bytecode)" failed "bun build --compile --bytecode failed"; fi
  else
    skip "$w" run "bun $e" "bun not installed (bench/setup.sh)"
    skip "$w" run "./$w-bun (bun --compile --bytecode)" "bun not installed (bench/setup.sh)"
  fi
  if [ -n "$DENO" ]; then
    # CommonJS .js files: deno takes "type": "commonjs" from package.json;
    # require() needs read access, and typescript reads the environment.
    # TypeScript imports name their output (`./x.js` for x.ts): deno needs
    # its sloppy-imports flag for that, kode and bun resolve it by default.
    deno_flags=(--allow-read --allow-env)
    [ "$e" = "$w.ts" ] && deno_flags+=(--unstable-sloppy-imports)
    try "deno run $e" "$DENO" run "${deno_flags[@]}" "$e"
  else
    skip "$w" run "deno run $e" "deno not installed (bench/setup.sh)"
  fi
  if [ "$w" = hello ]; then
    if [ -n "$FLOOR" ]; then try "floor (isolate + context + print)" "$FLOOR"
    else skip "$w" run "floor (isolate + context + print)" "bench/floor not built"; fi
  fi

  if [ ${#names[@]} -gt 0 ]; then
    args=()
    for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
    log "  hyperfine: ${#names[@]} commands"
    (cd "$d" && hyperfine -N --style basic --warmup "$WARMUP" --min-runs "$RUNS" \
      --export-json "$RES/$w.run.json" "${args[@]}" >"$RES/$w.run.hyperfine.txt" 2>&1) ||
      { log "  hyperfine failed: $(tail -n 3 "$RES/$w.run.hyperfine.txt")"; rm -f "$RES/$w.run.json"; }
  fi

  # Peak RSS: median of RSS_RUNS runs of every verified command.
  if [ -n "$TIME_BIN" ]; then
    for i in "${!names[@]}"; do
      vals=()
      for _ in $(seq "$RSS_RUNS"); do
        # shellcheck disable=SC2086
        kb="$(cd "$d" && eval "$TIME_BIN -v ${cmds[$i]}" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}')"
        [ -n "$kb" ] && vals+=("$kb")
      done
      if [ ${#vals[@]} -gt 0 ]; then
        med="$(printf '%s\n' "${vals[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
        printf '%s\t%s\t%s\n' "$w" "${names[$i]}" "$med" >>"$RES/rss.tsv"
      fi
    done
  fi

  # Pack: kode pack (bundle, then executable) against esbuild --bundle and
  # bun build --compile --bytecode. Each output is checked by running it.
  names=(); cmds=()
  pack_try() { # LABEL OUTFILE RUN-COMMAND -- PACK-ARGV...: pack once, run the output, then time the pack
    local label="$1" outf="$2" runner="$3"; shift 4
    rm -f "$d/$outf"
    if (cd "$d" && "$@" >"$RES/$w.packcheck.log" 2>&1); then
      # shellcheck disable=SC2086
      if verify "$w" pack "$label" $runner; then
        local c="" a; for a in "$@"; do c+="$(q "$a") "; done
        add "$label" "${c% }"
      fi
    else
      status "$w" pack "$label" failed "$(tail -n 2 "$RES/$w.packcheck.log" | tr '\t\n' '  ' | cut -c1-160)"
      log "  FAIL  $label"
    fi
  }
  pack_try "kode pack $e" "pack-$w.kpk" "$KODE run pack-$w.kpk" -- "$KODE" pack $PACK_FLAGS "$e" -o "pack-$w.kpk"
  pack_try "kode pack --exe $e" "pack-$w-kode" "./pack-$w-kode" -- "$KODE" pack $PACK_FLAGS "$e" --exe -o "pack-$w-kode"
  # shellcheck disable=SC2086
  pack_try "kode pack --exe $snap $e" "pack-$w-kode-snap" "./pack-$w-kode-snap" -- "$KODE" pack $PACK_FLAGS "$e" --exe $snap -o "pack-$w-kode-snap"
  if [ -n "$ESBUILD" ]; then
    pack_try "esbuild --bundle $e" "pack-$w.esbuild.js" "$NODE pack-$w.esbuild.js" -- \
      "$ESBUILD" --bundle "$e" --platform=node --format=cjs --log-level=error --outfile="pack-$w.esbuild.js"
  else
    skip "$w" pack "esbuild --bundle $e" "esbuild not installed (bench/setup.sh)"
  fi
  if [ -n "$BUN" ]; then
    pack_try "bun build --compile --bytecode $e" "pack-$w-bun" "./pack-$w-bun" -- \
      "$BUN" build --compile --bytecode "$e" --outfile "pack-$w-bun"
  else
    skip "$w" pack "bun build --compile --bytecode $e" "bun not installed (bench/setup.sh)"
  fi
  if [ ${#names[@]} -gt 0 ]; then
    args=()
    for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
    log "  hyperfine (pack): ${#names[@]} commands"
    (cd "$d" && hyperfine -N --style basic --warmup 1 --min-runs "$RUNS" \
      --export-json "$RES/$w.pack.json" "${args[@]}" >"$RES/$w.pack.hyperfine.txt" 2>&1) ||
      { log "  hyperfine (pack) failed: $(tail -n 3 "$RES/$w.pack.hyperfine.txt")"; rm -f "$RES/$w.pack.json"; }
  fi
  rm -f "$d"/pack-"$w"*

  # Sizes.
  [ -f "$d/$w.kpk" ] && printf '%s\t%s\t%s\n' "$w" "$w.kpk (kode pack)" "$(size_of "$d/$w.kpk")" >>"$RES/size.tsv"
  [ -f "$d/$w-kode" ] && printf '%s\t%s\t%s\n' "$w" "$w-kode (kode pack --exe)" "$(size_of "$d/$w-kode")" >>"$RES/size.tsv"
  if [ -f "$d/$w-kode-snap" ]; then
    heap="$("$KODE" inspect "$d/$w-kode-snap" --json | "$NODE" -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>{const j=JSON.parse(s);console.log(j.snapshot?j.snapshot.bytes:0)})')"
    printf '%s\t%s\t%s\n' "$w" "$w-kode-snap (kode pack --exe $snap)" "$(size_of "$d/$w-kode-snap")" >>"$RES/size.tsv"
    printf '%s\t%s\t%s\n' "$w" "its snapshot heap (kode inspect)" "$heap" >>"$RES/size.tsv"
  fi
  [ -f "$d/$w-bun" ] && printf '%s\t%s\t%s\n' "$w" "$w-bun (bun build --compile)" "$(size_of "$d/$w-bun")" >>"$RES/size.tsv"
  if [ "$w" = hello ] && [ -n "$FLOOR" ]; then
    printf '%s\t%s\t%s\n' "$w" "floor (binary)" "$(size_of "$FLOOR")" >>"$RES/size.tsv"
  fi
done

# ----------------------------------------------------------------- http -----
# Each server (kode, deno, bun, node) on 127.0.0.1 driven by wrk -t1 -c32 in
# turn: hello world, a 16 KiB JSON response, a 64 KiB POST echoed back, a
# 1 KiB JSON POST parsed.
#   http.tsv: route  runtime  requests/s  p99 latency (ms)  note
: >"$RES/http.tsv"
http_row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RES/http.tsv"; }
# wrk prints latencies as 1.23ms, 456.00us or 1.01s.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
if [ "$RUN_HTTP" = 1 ]; then
  HTTP_DIR="$BENCH/workloads/http"
  if ! command -v wrk >/dev/null 2>&1; then
    log "wrk is missing (apt-get install wrk): the HTTP section is skipped"
    http_row all all 0 0 "wrk not installed"
  else
    port=18080
    for rt in kode deno bun node; do
      case "$rt" in
        kode) server=("$KODE" run "$HTTP_DIR/kode.mjs") ;;
        deno) server=("$DENO" run -A "$HTTP_DIR/deno.mjs") ;;
        bun) server=("$BUN" run "$HTTP_DIR/bun.mjs") ;;
        node) server=("$NODE" "$HTTP_DIR/node.mjs") ;;
      esac
      if [ "${server[0]}" = "" ]; then
        for route in hello json echo parse; do http_row "$route" "$rt" 0 0 "not installed"; done
        continue
      fi
      port=$((port + 1))
      log "http: $rt on 127.0.0.1:$port"
      PORT=$port "${server[@]}" >"$RES/http-$rt.log" 2>&1 &
      pid=$!
      for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
      for route in hello json echo parse; do
        case "$route" in
          hello) args=("http://127.0.0.1:$port/") ;;
          json) args=("http://127.0.0.1:$port/json") ;;
          echo) args=(-s "$HTTP_DIR/post.lua" "http://127.0.0.1:$port/echo") ;;
          parse) args=(-s "$HTTP_DIR/parse.lua" "http://127.0.0.1:$port/parse") ;;
        esac
        wrk -t1 -c32 -d1s "${args[@]}" >/dev/null 2>&1 || true
        out="$(wrk -t1 -c32 -d"${HTTP_SECONDS}s" --latency "${args[@]}" 2>&1 || true)"
        rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
        p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
        errors="$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")"
        if [ -z "$rps" ] || [ -z "$p99" ]; then
          http_row "$route" "$rt" 0 0 "wrk failed: $(tail -n 2 <<<"$out" | tr '\t\n' '  ' | cut -c1-120)"
        else
          http_row "$route" "$rt" "$rps" "$(to_ms "$p99")" "$errors"
        fi
      done
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
  fi
fi

# --------------------------------------------------------------- report -----
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'commit\t%s\n' "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && [ -n "$(git status --porcelain --untracked-files=no -- runtime kode-pack kode-run Cargo.toml Cargo.lock 2>/dev/null)" ] && echo ' (with uncommitted changes)' || true)"
  printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'memory\t%s\n' "$(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  printf 'kernel\t%s\n' "$(uname -sr)"
  printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'kode\t%s\n' "$("$KODE" --version 2>&1 | head -n1)"
  v8v="$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -path '*/v8-152.2.0/v8/include/v8-version.h' 2>/dev/null | head -n1)"
  if [ -n "$v8v" ]; then
    printf 'v8\t%s\n' "$(awk '/#define V8_(MAJOR_VERSION|MINOR_VERSION|BUILD_NUMBER|PATCH_LEVEL) / {v[++n]=$3} END {print v[1]"."v[2]"."v[3]"."v[4]}' "$v8v") (crate v8 152.2.0)"
  else
    printf 'v8\tcrate v8 152.2.0\n'
  fi
  printf 'node\t%s\n' "$("$NODE" --version) (V8 $("$NODE" -p process.versions.v8))"
  [ -n "$BUN" ] && printf 'bun\t%s\n' "$("$BUN" --version)"
  [ -n "$DENO" ] && printf 'deno\t%s\n' "$("$DENO" --version | head -n1 | cut -d' ' -f2) (V8 $("$DENO" --version | awk '/^v8/ {print $2}'))"
  [ -n "$ESBUILD" ] && printf 'esbuild\t%s\n' "$("$ESBUILD" --version)"
  printf 'hyperfine\t%s\n' "$(hyperfine --version | cut -d' ' -f2)"
  command -v wrk >/dev/null 2>&1 && printf 'wrk\t%s\n' "$(wrk --version 2>&1 | head -n1 | cut -d' ' -f2)"
  printf 'http_seconds\t%s\n' "$HTTP_SECONDS"
  printf 'rustc\t%s\n' "$(rustc --version 2>/dev/null | cut -d' ' -f2)"
  [ -f "$WORK/ts/node_modules/typescript/package.json" ] &&
    printf 'typescript\t%s\n' "$(node -p "require('$WORK/ts/node_modules/typescript/package.json').version")"
  [ -f "$WORK/tsapp/node_modules/zod/package.json" ] &&
    printf 'zod\t%s\n' "$(node -p "require('$WORK/tsapp/node_modules/zod/package.json').version")"
  [ -f "$WORK/parse/node_modules/acorn/package.json" ] &&
    printf 'acorn\t%s\n' "$(node -p "require('$WORK/parse/node_modules/acorn/package.json').version")"
  printf 'kode_size\t%s\n' "$(size_of "$KODE")"
  printf 'command\t%s\n' "bench/run.sh$ARGS_GIVEN"
  printf 'runs\t%s\n' "$RUNS"
  printf 'warmup\t%s\n' "$WARMUP"
  printf 'rss_runs\t%s\n' "$RSS_RUNS"
  printf 'seconds\t%s\n' "$((SECONDS - START_SECONDS))"
} >"$RES/meta.tsv"

DOC_ARG=()
[ "$WRITE_DOC" = 1 ] && DOC_ARG=(--doc "$ROOT/docs/benchmarks.md")
node "$BENCH/report.js" "$RES" "${DOC_ARG[@]}"
log "done in $((SECONDS - START_SECONDS)) s"
