// Turns the raw results of run.sh (bench/.work/compat/results/) into one
// markdown table, totals per runtime and the grouped Kode failure reasons;
// prints it and, given a path, writes it there (RESULTS.md).
//   node bench/compat/report.js WORK_DIR COMMAND [OUT.md]
"use strict";
const fs = require("fs");
const path = require("path");

const [work, command, outFile] = process.argv.slice(2);
const res = path.join(work, "results");
const read = (f) => { try { return fs.readFileSync(f, "utf8"); } catch { return null; } };
const tests = read(path.join(res, "tests.tsv")).split("\n").filter(Boolean).map((l) => l.split("\t"));
const allRuntimes = ["node", "bun", "deno", "kode", "kode-bundle"];
const ran = read(path.join(res, "runtimes.txt")).trim().split(/\s+/);
const versions = Object.fromEntries(read(path.join(res, "versions.tsv")).split("\n").filter(Boolean).map((l) => l.split("\t")));
const pinned = Object.fromEntries(read(path.join(__dirname, "packages.txt")).split("\n")
  .filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t").slice(0, 2)));
const installFailures = (read(path.join(work, "install-failures.txt")) || "").split("\n").filter(Boolean).map((l) => l.split("\t")[0]);

const strip = (s) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
const ERROR_LINE = /^(?:error: )?(?:Uncaught )?(?:\(in promise\) )?\[?(?:[A-Z][A-Za-z]*)?(?:Error|Exception)\b(?: \[[A-Z_0-9]+\])?:/;
// "Uncaught [Error: msg] {" (an error with extra fields) -> "Error: msg"
const tidy = (l) => l.replace(/^(error: )?(Uncaught )?(\(in promise\) )?\[(.*)\] \{$/, "$1$2$3$4").replace(/ \{$/, "");

// The first line that says what went wrong.
function firstErrorLine(err, out) {
  const lines = strip(err).split("\n").map((l) => l.trim()).filter(Boolean)
    .filter((l) => !/^\[pack failed/.test(l));
  const hit = lines.find((l) => ERROR_LINE.test(l)) || lines.find((l) => /^error\b/i.test(l)) || lines.find((l) => !/^at /.test(l));
  if (hit) return tidy(hit);
  const o = strip(out).trim().split("\n")[0];
  return o ? `printed ${JSON.stringify(o.slice(0, 60))} instead of ok` : "no output";
}

function result(rt, name) {
  const base = path.join(res, rt, name.replace(/\//g, "__"));
  const rc = read(base + ".rc");
  if (rc === null) return null;
  const out = read(base + ".out") || "";
  const err = read(base + ".err") || "";
  const code = Number(rc.trim());
  const last = strip(out).trim().split("\n").pop();
  const ok = code === 0 && last === "ok";
  const packFailed = /^\[pack failed/.test(err);
  let line = "";
  if (!ok) {
    if (code === 124 || code === 137) line = `timeout (${process.env.COMPAT_TIMEOUT || 10} s)`;
    else line = firstErrorLine(err, out);
    if (code === 0 && !err.trim()) line = last ? `exit 0 but printed ${JSON.stringify(last.slice(0, 60))}` : "exit 0 without printing ok";
    if (packFailed) line = "pack: " + line;
  }
  return { ok, code, out, err, line, packFailed };
}

const cell = (r) => !r ? "–" : r.ok ? "ok" : "fail: " + r.line.replace(/\|/g, "\\|").replace(/`/g, "'").slice(0, 140);

// Kode's errors carry a stable code; group on it and on what it names.
function reason(r) {
  const err = strip(r.err);
  const field = (k) => { const m = err.match(new RegExp(`\\b${k}: '([^']*)'`)); return m ? m[1] : null; };
  const code = field("code");
  let key;
  if (/^timeout/.test(r.line)) key = "timeout";
  else if (code === "EMODULE_NOT_FOUND") {
    const spec = field("specifier") || "?";
    const builtin = /is a Node builtin|unknown builtin|node:/.test(err) || spec.startsWith("node:");
    key = `EMODULE_NOT_FOUND ${builtin ? "builtin " : ""}'${spec}'`;
  } else if (code === "ENODE_UNSUPPORTED") {
    const op = field("operation") || "?";
    const msg = normalise(r.line).replace(/^\w*Error: /, "");
    key = msg.startsWith(op + " is not supported") ? `ENODE_UNSUPPORTED ${op} (the whole module)` : `ENODE_UNSUPPORTED ${op}: ${msg}`;
  } else if (code) {
    key = `${code}: ${normalise(r.line)}`;
  } else key = normalise(r.line);
  return (r.packFailed && !key.startsWith("pack: ") ? "pack: " : "") + key;
}
function normalise(line) {
  return line
    .replace(/^(error: )?(Uncaught )?(\(in promise\) )?/, "")
    .replace(/(\/[\w.@+-]+)+\/node_modules\//g, "…/node_modules/")
    .replace(/\/work\/\S+/g, "…")
    .replace(/\b\d{2,}\b/g, "N")
    .slice(0, 120);
}

const rows = [];
const totals = Object.fromEntries(allRuntimes.map((rt) => [rt, 0]));
const kodeFails = [];
const bundleOnly = [];
for (const [name] of tests) {
  const r = Object.fromEntries(allRuntimes.map((rt) => [rt, ran.includes(rt) ? result(rt, name) : null]));
  for (const rt of allRuntimes) if (r[rt] && r[rt].ok) totals[rt]++;
  const label = installFailures.includes(name) ? `${name}@${pinned[name]} (not installed)` : `${name}@${pinned[name]}`;
  rows.push(`| ${label} | ${allRuntimes.map((rt) => cell(r[rt])).join(" | ")} |`);
  if (r.kode && !r.kode.ok) kodeFails.push({ name, key: reason(r.kode), line: r.kode.line });
  if (r.kode && r.kode.ok && r["kode-bundle"] && !r["kode-bundle"].ok) bundleOnly.push({ name, key: reason(r["kode-bundle"]), line: r["kode-bundle"].line });
}

function groups(list) {
  const m = new Map();
  for (const f of list) { if (!m.has(f.key)) m.set(f.key, []); m.get(f.key).push(f.name); }
  return [...m.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
}
const groupTable = (list) => {
  const lines = ["| # | reason | count | packages |", "|---|---|---|---|"];
  groups(list).forEach(([key, names], i) => lines.push(`| ${i + 1} | \`${key.replace(/\|/g, "\\|").replace(/`/g, "'")}\` | ${names.length} | ${names.slice(0, 6).join(", ")}${names.length > 6 ? ", …" : ""} |`));
  return lines.join("\n");
};

// What the Node layer lacks, named by the failures: node:X builtins and members.
const builtinCounts = new Map();
for (const f of kodeFails) {
  const m = f.key.match(/^EMODULE_NOT_FOUND builtin '(?:node:)?([^']+)'/) || f.key.match(/^ENODE_UNSUPPORTED node:([\w/]+)/);
  if (m) builtinCounts.set(m[1], (builtinCounts.get(m[1]) || 0) + 1);
}

// The Node builtins each package's bundle uses (kode inspect), and those this
// kode provides (the probe): what a failing package still needs.
let provided = null;
try { provided = JSON.parse(read(path.join(res, "kode-builtins.json"))); } catch {}
const usedBy = (name) => {
  try {
    const j = JSON.parse(read(path.join(res, "kode-bundle", name.replace(/\//g, "__") + ".inspect.json")));
    // a free Node global is served by its builtin: Buffer by buffer, the timer
    // functions by timers, process by process
    const viaGlobal = (g) => g === "Buffer" ? "buffer" : /^(set|clear)(Timeout|Interval|Immediate)$/.test(g) ? "timers" : g === "process" ? "process" : null;
    const names = j.nodeLayer.flatMap((p) => [...p.builtins.map((b) => b.replace(/^node:/, "")), ...p.globals.map(viaGlobal).filter(Boolean)]);
    return [...new Set(names)].sort();
  } catch { return null; }
};
const needs = new Map(); // builtin -> { all: [], alone: [] }
const otherReasons = [];
let usageKnown = 0;
if (provided) {
  for (const f of kodeFails) {
    const used = usedBy(f.name);
    if (!used) continue;
    usageKnown++;
    const missing = used.filter((b) => provided[b] !== "ok");
    for (const b of missing) {
      if (!needs.has(b)) needs.set(b, { all: [], alone: [] });
      needs.get(b).all.push(f.name);
      if (missing.length === 1) needs.get(b).alone.push(f.name);
    }
    if (missing.length === 0) otherReasons.push(f.name);
  }
}

const n = tests.length;
const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
const md = [];
md.push("# npm compatibility: results");
md.push("");
md.push(`Generated by \`bench/compat/run.sh\` on ${date}. How the list was chosen and what`);
md.push("each column means: [README.md](README.md). A cell is `ok` when the test exited 0 and its");
md.push("last line of output was `ok`, else `fail:` and the first line of the error.");
md.push("");
md.push("Command: `" + command + "`");
md.push("");
md.push("| runtime | version | passed |");
md.push("|---|---|---|");
const ver = { node: versions.node, bun: versions.bun, deno: versions.deno, kode: versions.kode, "kode-bundle": "same binary: `kode pack test -o x.kpk && kode run x.kpk`" };
for (const rt of allRuntimes) md.push(`| ${rt} | ${ran.includes(rt) ? (ver[rt] || "?") : "not run"} | ${ran.includes(rt) ? `**${totals[rt]} / ${n}**` : "–"} |`);
md.push("");
if (installFailures.length) md.push(`Not installed by setup.sh: ${installFailures.join(", ")}.\n`);
md.push("## Kode's failures, grouped");
md.push("");
md.push(`The ${kodeFails.length} packages that fail under \`kode run\` (from disk), grouped by Kode's`);
md.push("error code and what it names (a missing builtin, an unsupported member), else by message.");
md.push("");
md.push(kodeFails.length ? groupTable(kodeFails) : "None.");
md.push("");
if (builtinCounts.size) {
  md.push("Node builtins named by those failures (packages): " +
    [...builtinCounts.entries()].sort((a, b) => b[1] - a[1]).map(([b, c]) => `\`${b}\` ${c}`).join(", ") + ".");
  md.push("");
}
if (provided) {
  const ok = Object.keys(provided).filter((b) => provided[b] === "ok");
  const unsupported = Object.keys(provided).filter((b) => provided[b] === "ENODE_UNSUPPORTED");
  md.push("### Node builtins still missing, by the failing packages that use them");
  md.push("");
  md.push("A failure shows only the first blocker. This table counts every Node builtin that a failing");
  md.push("package's module graph imports, directly or through a free Node global (`Buffer` is");
  md.push("`buffer`, `setTimeout`/`setImmediate`/... are `timers`), as `kode inspect` of its bundle lists");
  md.push("them (static, so code paths that never run count too), and that this kode does not provide.");
  md.push("\"alone\": packages for which it is the only missing builtin (providing it may be enough).");
  md.push("");
  md.push(`Provided by this kode (\`require("node:X")\` loads): ${ok.map((b) => "`" + b + "`").join(", ") || "none"}.`);
  md.push(`Declared but unsupported (\`ENODE_UNSUPPORTED\` on load): ${unsupported.length}; unknown (\`EMODULE_NOT_FOUND\`): ${Object.values(provided).filter((v) => v === "EMODULE_NOT_FOUND").length}.`);
  md.push("");
  md.push("| builtin | failing packages using it | alone | packages |");
  md.push("|---|---|---|---|");
  [...needs.entries()].sort((a, b) => b[1].all.length - a[1].all.length || b[1].alone.length - a[1].alone.length || (a[0] < b[0] ? -1 : 1))
    .forEach(([b, v]) => md.push(`| \`${b}\` | ${v.all.length} | ${v.alone.length} | ${v.all.slice(0, 8).join(", ")}${v.all.length > 8 ? ", …" : ""} |`));
  md.push("");
  md.push(`Failing packages whose graph needs no missing builtin (they fail for another reason): ${otherReasons.length ? otherReasons.join(", ") : "none"}` +
    (usageKnown < kodeFails.length ? ` (builtin usage unknown for ${kodeFails.length - usageKnown}: no bundle)` : "") + ".");
  md.push("");
}
md.push("### Passing from disk, failing as a bundle");
md.push("");
md.push(bundleOnly.length ? groupTable(bundleOnly) : "None.");
md.push("");
md.push("## Per package");
md.push("");
md.push(`| package | ${allRuntimes.join(" | ")} |`);
md.push(`|---|${allRuntimes.map(() => "---").join("|")}|`);
md.push(...rows);
md.push(`| **total** | ${allRuntimes.map((rt) => ran.includes(rt) ? `**${totals[rt]} / ${n}**` : "–").join(" | ")} |`);
md.push("");
const text = md.join("\n");
console.log(text);
if (outFile) { fs.writeFileSync(outFile, text); console.error(`[compat] wrote ${outFile}`); }
