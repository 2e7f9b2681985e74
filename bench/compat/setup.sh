#!/usr/bin/env bash
# Installs the pinned packages of packages.txt with npm into bench/.work/compat/
# (ignored by git). Idempotent: npm install of an unchanged package.json does
# nothing new. Tolerant: if the install of the whole list fails, each package is
# installed on its own and the ones that fail are reported (and listed in
# bench/.work/compat/install-failures.txt, which run.sh reads).
#   bench/compat/setup.sh
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${COMPAT_WORK:-$(cd "$HERE/.." && pwd)/.work/compat}"
LIST="${COMPAT_PACKAGES:-$HERE/packages.txt}"
mkdir -p "$WORK"
log() { printf '[compat setup] %s\n' "$*" >&2; }

command -v node >/dev/null 2>&1 || { log "node is required"; exit 1; }
command -v npm >/dev/null 2>&1 || { log "npm is required"; exit 1; }

# name<TAB>version for each package
mapfile -t PKGS < <(grep -v '^#' "$LIST" | awk -F'\t' 'NF>=2 {print $1"\t"$2}')
log "${#PKGS[@]} packages pinned in packages.txt"

# package.json: "type": "commonjs" so that deno (like node) runs the .js tests as
# CommonJS; the dependencies are the pinned packages given (all of them, except
# in the one-at-a-time fallback below).
write_package_json() {
  node - "$WORK/package.json" "$@" <<'JS'
const fs = require("fs");
const [out, ...pkgs] = process.argv.slice(2);
const deps = {};
for (const p of pkgs) { const [n, v] = p.split("\t"); deps[n] = v; }
const json = JSON.stringify({ name: "kode-bench-compat", private: true, type: "commonjs", dependencies: deps }, null, 2) + "\n";
let old = ""; try { old = fs.readFileSync(out, "utf8"); } catch {}
if (old !== json) fs.writeFileSync(out, json);
JS
}
write_package_json "${PKGS[@]}"
# deno: use the node_modules folder npm made (no download of its own).
[ -f "$WORK/deno.json" ] || printf '{ "nodeModulesDir": "manual" }\n' >"$WORK/deno.json"

missing() {
  # prints name<TAB>version of every pinned package not installed at its version
  node - "$WORK" "${PKGS[@]}" <<'JS'
const fs = require("fs"), path = require("path");
const [work, ...pkgs] = process.argv.slice(2);
for (const p of pkgs) {
  const [n, v] = p.split("\t");
  let have = null;
  try { have = JSON.parse(fs.readFileSync(path.join(work, "node_modules", n, "package.json"), "utf8")).version; } catch {}
  if (have !== v) console.log(p);
}
JS
}

NPM=(npm install --no-audit --no-fund --loglevel=error)
mapfile -t TODO < <(missing)
if [ ${#TODO[@]} -eq 0 ]; then
  log "all installed in $WORK"
else
  log "npm install (${#TODO[@]} to install) into $WORK"
  if ! (cd "$WORK" && "${NPM[@]}"); then
    # One bad pin (a version the registry lacks, a failing install script) fails
    # the whole install: add the packages one at a time, dropping those that fail.
    log "the install of the whole list failed; adding one package at a time"
    GOOD=()
    for p in "${PKGS[@]}"; do
      write_package_json "${GOOD[@]}" "$p"
      if (cd "$WORK" && "${NPM[@]}" >/dev/null 2>"$WORK/.npm-err"); then
        GOOD+=("$p")
      else
        log "  ${p%%$'\t'*}@${p#*$'\t'} failed: $(grep -m1 -i 'err' "$WORK/.npm-err" || head -n1 "$WORK/.npm-err")"
      fi
    done
    write_package_json "${GOOD[@]}"
    (cd "$WORK" && "${NPM[@]}" >/dev/null 2>&1)
    rm -f "$WORK/.npm-err"
  fi
fi

mapfile -t FAILED < <(missing)
: >"$WORK/install-failures.txt"
if [ ${#FAILED[@]} -gt 0 ]; then
  printf '%s\n' "${FAILED[@]}" >"$WORK/install-failures.txt"
  log "${#FAILED[@]} not installed: $(printf '%s ' "${FAILED[@]}" | tr '\t' '@')"
else
  log "all ${#PKGS[@]} installed"
fi
du -sh "$WORK/node_modules" 2>/dev/null | sed 's/^/[compat setup] size: /' >&2
exit 0
