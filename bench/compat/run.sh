#!/usr/bin/env bash
# Runs every smoke test of tests/ with node, bun, deno and Kode (from disk, and
# packed into a .kpk), one at a time with a timeout, and writes the table to
# bench/compat/RESULTS.md (report.js). Run setup.sh first.
#
#   bench/compat/run.sh [--only "semver chalk ..."] [--runtimes "node kode ..."] [--no-doc]
#
# Environment: KODE_BIN (default: this repo's target/release/kode, else
# /work/main/target/release/kode), BUN_BIN, DENO_BIN, NODE_BIN (default: the
# peers in bench/.peers/bin, else /work/main/bench/.peers/bin; node from PATH),
# COMPAT_TIMEOUT (seconds per run, default 10).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
WORK="$BENCH/.work/compat"
TIMEOUT="${COMPAT_TIMEOUT:-10}"
log() { printf '[compat] %s\n' "$*" >&2; }

ONLY=""; RUNTIMES="node bun deno kode kode-bundle"; DOC=1
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --runtimes) RUNTIMES="$2"; shift 2 ;;
    --no-doc) DOC=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument: $1"; exit 2 ;;
  esac
done

pick() { # first executable among the arguments
  for c in "$@"; do [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return; }; done
}
NODE_BIN="${NODE_BIN:-$(command -v node || true)}"
BUN_BIN="${BUN_BIN:-$(pick "$BENCH/.peers/bin/bun" /work/main/bench/.peers/bin/bun)}"
DENO_BIN="${DENO_BIN:-$(pick "$BENCH/.peers/bin/deno" /work/main/bench/.peers/bin/deno)}"
KODE_BIN="${KODE_BIN:-$(pick "$ROOT/target/release/kode" /work/main/target/release/kode)}"

[ -d "$WORK/node_modules" ] || { log "no $WORK/node_modules: run bench/compat/setup.sh first"; exit 1; }

# The tests run as the application's own code: a copy beside node_modules
# (outside it), with the copy's folder as the working directory.
rm -rf "$WORK/tests" "$WORK/kpk" "$WORK/results"
cp -r "$HERE/tests" "$WORK/tests"
mkdir -p "$WORK/kpk" "$WORK/results"

# name<TAB>file for each package, in the order of packages.txt
mapfile -t PKGS < <(grep -v '^#' "$HERE/packages.txt" | cut -f1)
declare -a TESTS=()
for n in "${PKGS[@]}"; do
  if [ -n "$ONLY" ] && ! [[ " $ONLY " == *" $n "* ]]; then continue; fi
  base="${n//\//__}"
  f=""; for e in js mjs; do [ -f "$WORK/tests/$base.$e" ] && f="$base.$e"; done
  [ -n "$f" ] || { log "no test for $n"; continue; }
  TESTS+=("$n"$'\t'"$f")
done

have() { # is the runtime available?
  case "$1" in
    node) [ -n "$NODE_BIN" ] ;;
    bun) [ -n "$BUN_BIN" ] ;;
    deno) [ -n "$DENO_BIN" ] ;;
    kode|kode-bundle) [ -n "$KODE_BIN" ] ;;
  esac
}

# run RUNTIME NAME FILE: writes results/RUNTIME/NAME.{out,err,rc}
run_one() {
  local rt="$1" name="$2" file="$3" base="${2//\//__}"
  local res="$WORK/results/$rt/$base"
  mkdir -p "$WORK/results/$rt"
  rm -rf "$WORK/tests"/tmp-*
  (
    cd "$WORK/tests" || exit 99
    case "$rt" in
      node) timeout -k 2 "$TIMEOUT" "$NODE_BIN" "$file" ;;
      bun) timeout -k 2 "$TIMEOUT" "$BUN_BIN" "$file" ;;
      deno) timeout -k 2 "$TIMEOUT" "$DENO_BIN" run -A "$file" ;;
      kode) timeout -k 2 "$TIMEOUT" "$KODE_BIN" run "$file" ;;
      kode-bundle)
        timeout -k 2 "$TIMEOUT" "$KODE_BIN" pack "$file" -o "$WORK/kpk/$base.kpk" >/dev/null 2>"$res.packerr"
        rc=$?
        if [ $rc -ne 0 ]; then
          { echo "[pack failed, exit $rc]"; cat "$res.packerr"; } >&2; exit $rc
        fi
        # what the bundle holds: per package, the Node builtins and globals it uses
        "$KODE_BIN" inspect "$WORK/kpk/$base.kpk" --json >"$res.inspect.json" 2>/dev/null
        timeout -k 2 "$TIMEOUT" "$KODE_BIN" run "$WORK/kpk/$base.kpk" ;;
    esac
  ) </dev/null >"$res.out" 2>"$res.err"
  echo $? >"$res.rc"
}

START=$(date +%s)
for rt in $RUNTIMES; do
  if ! have "$rt"; then log "$rt: not available, skipped"; continue; fi
  log "$rt: ${#TESTS[@]} tests"
  for t in "${TESTS[@]}"; do run_one "$rt" "${t%%$'\t'*}" "${t#*$'\t'}"; done
done
rm -rf "$WORK/tests"/tmp-*

# Which Node builtins does this kode provide? Each of Node's public builtin names,
# loaded with an explicit node: specifier (which the application may use).
if [ -n "$KODE_BIN" ] && [[ " $RUNTIMES " == *" kode"* ]]; then
  BUILTINS="$("${NODE_BIN:-node}" -p 'require("module").builtinModules.filter((n) => !n.startsWith("_")).join(" ")')"
  cat >"$WORK/probe-builtins.js" <<JS
const names = "$BUILTINS".split(" ");
const out = {};
for (const n of names) {
  try { require("node:" + n); out[n] = "ok"; } catch (e) { out[n] = e.code || String(e.message).split("\\n")[0]; }
}
console.log(JSON.stringify(out));
JS
  (cd "$WORK" && timeout -k 2 "$TIMEOUT" "$KODE_BIN" run probe-builtins.js >"$WORK/results/kode-builtins.json" 2>/dev/null) \
    || log "the builtin probe failed under kode"
fi
log "ran in $(( $(date +%s) - START )) s"

# versions for the report
{
  echo "node	$([ -n "$NODE_BIN" ] && "$NODE_BIN" --version 2>/dev/null)"
  echo "bun	$([ -n "$BUN_BIN" ] && "$BUN_BIN" --version 2>/dev/null)"
  echo "deno	$([ -n "$DENO_BIN" ] && "$DENO_BIN" --version 2>/dev/null | head -n1)"
  if [ -n "$KODE_BIN" ]; then
    echo "kode	$("$KODE_BIN" --version 2>/dev/null) ($KODE_BIN, built $(date -u -r "$KODE_BIN" '+%Y-%m-%d %H:%M UTC'))"
  else echo "kode	"; fi
} >"$WORK/results/versions.tsv"
printf '%s\n' "${TESTS[@]}" >"$WORK/results/tests.tsv"
echo "$RUNTIMES" >"$WORK/results/runtimes.txt"
CMD="bench/compat/run.sh"; [ -n "$ONLY" ] && CMD+=" --only \"$ONLY\""
[ "$RUNTIMES" != "node bun deno kode kode-bundle" ] && CMD+=" --runtimes \"$RUNTIMES\""
CMD="KODE_BIN=$KODE_BIN $CMD"

ARGS=("$WORK" "$CMD")
[ $DOC -eq 1 ] && ARGS+=("$HERE/RESULTS.md")
"${NODE_BIN:-node}" "$HERE/report.js" "${ARGS[@]}"
