#!/usr/bin/env bash
# Installs the benchmark peers into bench/.peers/ (ignored by git), from package
# registries only: bun and esbuild from npm, deno from PyPI, hyperfine and GNU
# time from Debian. node is expected on the machine. Idempotent: a peer that is
# already installed and runs is left alone. Not part of CI.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="$BENCH/.peers"
mkdir -p "$PEERS"

log() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian: hyperfine, GNU time ------------------------------------------
need_apt=()
command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need_apt[@]}"
else
  log "hyperfine and /usr/bin/time present"
fi

# --- npm: bun, esbuild --------------------------------------------------------
command -v node >/dev/null 2>&1 || { log "node is required (it runs the npm installs and is a peer)"; exit 1; }
command -v npm >/dev/null 2>&1 || { log "npm is required"; exit 1; }

bun_ok() { [ -x "$PEERS/bin/bun" ] && "$PEERS/bin/bun" --version >/dev/null 2>&1; }
esbuild_ok() { [ -x "$PEERS/node_modules/.bin/esbuild" ] && "$PEERS/node_modules/.bin/esbuild" --version >/dev/null 2>&1; }

if ! bun_ok || ! esbuild_ok; then
  log "npm install bun esbuild into $PEERS"
  [ -f "$PEERS/package.json" ] || printf '{ "name": "kode-bench-peers", "private": true }\n' >"$PEERS/package.json"
  # No --ignore-scripts: bun's postinstall puts its real binary in place.
  (cd "$PEERS" && npm install --no-audit --no-fund --loglevel=error bun esbuild) || log "npm install reported an error; checking what landed"
fi

mkdir -p "$PEERS/bin"
if ! bun_ok; then
  # bun's postinstall links the binary of its optional platform package
  # (@oven/bun-linux-x64 and friends). If that did not work, take the binary
  # from the platform package directly; install the baseline build if the
  # CPU lacks AVX2 or the package is absent.
  cand=""
  for p in "$PEERS/node_modules/bun/bin/bun.exe" \
           "$PEERS/node_modules/@oven/bun-linux-x64/bin/bun" \
           "$PEERS/node_modules/@oven/bun-linux-x64-baseline/bin/bun" \
           "$PEERS"/bun-platform/node_modules/@oven/bun-*/bin/bun; do
    if [ -x "$p" ] && "$p" --version >/dev/null 2>&1; then cand="$p"; break; fi
  done
  if [ -z "$cand" ]; then
    arch="$(uname -m)"
    case "$arch" in
      x86_64) plat=linux-x64; grep -q avx2 /proc/cpuinfo || plat=linux-x64-baseline ;;
      aarch64) plat=linux-aarch64 ;;
      *) plat="" ;;
    esac
    if [ -n "$plat" ]; then
      bunver="$(node -p "require('$PEERS/node_modules/bun/package.json').version" 2>/dev/null || echo latest)"
      # Its own prefix: a fresh copy, untouched by bun's postinstall (which
      # moves the binary out of the platform package when it succeeds).
      log "installing @oven/bun-$plat@$bunver directly into $PEERS/bun-platform"
      npm install --prefix "$PEERS/bun-platform" --no-audit --no-fund --loglevel=error "@oven/bun-$plat@$bunver" || true
      p="$PEERS/bun-platform/node_modules/@oven/bun-$plat/bin/bun"
      if [ -x "$p" ] && "$p" --version >/dev/null 2>&1; then cand="$p"; fi
    fi
  fi
  if [ -n "$cand" ]; then
    ln -sf "$cand" "$PEERS/bin/bun"
  else
    log "WARNING: no working bun binary; bun rows will be skipped"
  fi
fi
esbuild_ok && ln -sf "$PEERS/node_modules/.bin/esbuild" "$PEERS/bin/esbuild"
esbuild_ok || log "WARNING: esbuild did not install; its pack row will be skipped"

# --- PyPI: deno ---------------------------------------------------------------
deno_bin() {
  # `pip install --target` puts the package's binary in DIR/bin/deno.
  if [ -x "$PEERS/deno/bin/deno" ]; then echo "$PEERS/deno/bin/deno"; return; fi
  find "$PEERS/deno" -type f -name deno -perm -u+x 2>/dev/null | head -n1
}
deno_ok() { [ -x "$PEERS/bin/deno" ] && "$PEERS/bin/deno" --version >/dev/null 2>&1; }
if ! deno_ok && [ -n "$(deno_bin || true)" ]; then
  ln -sf "$(deno_bin)" "$PEERS/bin/deno"
fi
if ! deno_ok; then
  PIP="$(command -v pip3 || command -v pip || true)"
  if [ -n "$PIP" ]; then
    log "pip install --target $PEERS/deno deno"
    "$PIP" install --quiet --upgrade --target "$PEERS/deno" deno || log "pip install deno failed"
    d="$(deno_bin || true)"
    if [ -n "$d" ]; then ln -sf "$d" "$PEERS/bin/deno"; fi
  else
    log "no pip; deno will be skipped"
  fi
  deno_ok || log "WARNING: no working deno binary; deno rows will be skipped"
fi

# --- report --------------------------------------------------------------------
log "peers:"
for t in node bun deno esbuild hyperfine; do
  case "$t" in
    node|hyperfine) b="$(command -v "$t" || true)" ;;
    *) b="$PEERS/bin/$t" ;;
  esac
  if [ -n "$b" ] && [ -x "$b" ]; then
    printf '  %-10s %s (%s)\n' "$t" "$("$b" --version 2>&1 | head -n1)" "$b" >&2
  else
    printf '  %-10s MISSING\n' "$t" >&2
  fi
done
