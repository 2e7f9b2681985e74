// Turns bench/run.sh's results into one markdown table, printed to stdout and,
// with --doc FILE, written into docs/benchmarks.md with the machine and the
// versions. Usage: node bench/report.js RESULTS_DIR [--doc FILE]
"use strict";
const fs = require("fs");
const path = require("path");

const res = process.argv[2];
const docIdx = process.argv.indexOf("--doc");
const docPath = docIdx > 0 ? process.argv[docIdx + 1] : null;
if (!res) {
  console.error("usage: node bench/report.js RESULTS_DIR [--doc FILE]");
  process.exit(2);
}

const readTsv = (name) => {
  const p = path.join(res, name);
  if (!fs.existsSync(p)) return [];
  return fs.readFileSync(p, "utf8").split("\n").filter(Boolean).map((l) => l.split("\t"));
};
const readJson = (name) => {
  const p = path.join(res, name);
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, "utf8")) : null;
};

const meta = Object.fromEntries(readTsv("meta.tsv").map(([k, ...v]) => [k, v.join("\t")]));
const status = readTsv("status.tsv").map(([workload, section, label, state, note]) => ({ workload, section, label, state, note }));
const rss = readTsv("rss.tsv").map(([workload, label, kb]) => ({ workload, label, kb: Number(kb) }));
const sizes = readTsv("size.tsv").map(([workload, label, bytes]) => ({ workload, label, bytes: Number(bytes) }));

// hyperfine results: seconds -> milliseconds, by workload/section/label.
const timing = new Map();
for (const f of fs.readdirSync(res)) {
  const m = /^(.+)\.(run|pack)\.json$/.exec(f);
  if (!m) continue;
  for (const r of readJson(f).results) {
    timing.set(`${m[1]}|${m[2]}|${r.command}`, { median: r.median * 1000, stddev: (r.stddev || 0) * 1000, runs: r.times.length });
  }
}

// Issue 6's goals: Kode's figure ÷ the row's figure must not exceed `max`.
const TARGETS = {
  "hello|run|bun hello.js": 0.8,
  "hello|run|node hello.js": 0.1,
  "hello|run|deno run hello.js": 0.4,
  "hello|run|floor (isolate + context + print)": 1.3,
  "ts|run|node ts.js": 0.3,
  "ts|run|deno run ts.js": 0.7,
  "ts|run|./ts-bun (bun --compile --bytecode)": 1.0,
  "ts|run|kode run ts.js": 0.5,
  "graph1000|run|node graph1000.js": 0.3,
  "ts|pack|esbuild --bundle ts.js": 3.0,
  "hello|rss|node hello.js": 0.7,
};
const HELLO_EXE_MAX_MIB = 64;

// Issue 17's goals (start-up snapshots): one run row over another. A
// `prefix` matches the start of a label (the snapshot row names its flags).
const SNAPSHOT_GOALS = [
  { w: "hello", num: "kode run hello.kpk", den: "bun hello.js", max: 0.8 },
  { w: "hello", num: "kode run hello.kpk", den: "floor (isolate + context + print)", max: 1.1 },
  { w: "ts", num: { prefix: "./ts-kode-snap " }, den: "./ts-bun (bun --compile --bytecode)", max: 0.7 },
  { w: "graph1000", num: { prefix: "./graph1000-kode-snap " }, den: "./graph1000-bun (bun --compile --bytecode)", max: 1.0 },
];

const MiB = 1024 * 1024;
const fmtMs = (v) => (v < 100 ? v.toFixed(1) : v.toFixed(0)) + " ms";
const fmtSd = (v) => "± " + (v < 100 ? v.toFixed(1) : v.toFixed(0));
const fmtMiB = (bytes) => (bytes < MiB ? (bytes / 1024).toFixed(1) + " KiB" : (bytes / MiB).toFixed(1) + " MiB");
// "./x-kode (kode --exe)" -> "`./x-kode` (kode --exe)"
const cmdCell = (label) => {
  const m = /^(.*?) \((.*)\)$/.exec(label);
  return m ? "`" + m[1] + "` (" + m[2] + ")" : "`" + label + "`";
};
const fmtRatio = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const targetCell = (key, ratio) => {
  const max = TARGETS[key];
  if (max === undefined) return "";
  if (ratio === undefined) return `≤ ${max.toFixed(2)}`;
  return `≤ ${max.toFixed(2)} ${ratio <= max ? "✓" : "✗"}`;
};

const workloads = [...new Set([...status.map((s) => s.workload), ...sizes.map((s) => s.workload)])];
const rows = [];
const row = (...cells) => rows.push(cells);

const stateNote = (s) => {
  if (s.state === "skipped") return `skipped: ${s.note}`;
  if (s.state === "failed") return `FAILED: ${s.note}`.replace(/\|/g, "\\|");
  if (s.state === "wrong") return "WRONG OUTPUT: " + s.note;
  return "not timed (hyperfine failed)";
};

for (const w of workloads) {
  // Run times: Kode's figure is `kode run W.kpk`.
  const kpk = timing.get(`${w}|run|kode run ${w}.kpk`);
  for (const s of status.filter((s) => s.workload === w && s.section === "run")) {
    const key = `${w}|run|${s.label}`;
    const t = s.state === "ok" ? timing.get(key) : undefined;
    if (!t) {
      row(w, "run", cmdCell(s.label), stateNote(s), "", "", targetCell(key));
      continue;
    }
    const self = s.label === `kode run ${w}.kpk`;
    const ratio = kpk && !self ? kpk.median / t.median : undefined;
    row(w, "run", cmdCell(s.label), fmtMs(t.median), fmtSd(t.stddev),
      self ? "—" : ratio === undefined ? "" : fmtRatio(ratio), targetCell(key, ratio));
  }
  // Pack times: Kode's figure is `kode pack` for bundlers, `kode pack --exe` for executables.
  // The entry: W.ts for a TypeScript workload, else W.js.
  const entry = status.some((s) => s.workload === w && s.label === `kode run ${w}.ts`) ? `${w}.ts` : `${w}.js`;
  const kpack = timing.get(`${w}|pack|kode pack ${entry}`);
  const kpackExe = timing.get(`${w}|pack|kode pack --exe ${entry}`);
  for (const s of status.filter((s) => s.workload === w && s.section === "pack")) {
    const key = `${w}|pack|${s.label}`;
    const t = s.state === "ok" ? timing.get(key) : undefined;
    if (!t) {
      row(w, "pack", cmdCell(s.label), stateNote(s), "", "", targetCell(key));
      continue;
    }
    const isExe = /--exe|--compile/.test(s.label);
    const ref = isExe ? kpackExe : kpack;
    const self = s.label.startsWith("kode pack");
    const ratio = ref && !self ? ref.median / t.median : undefined;
    row(w, "pack", cmdCell(s.label), fmtMs(t.median), fmtSd(t.stddev),
      self ? "—" : ratio === undefined ? "" : fmtRatio(ratio), targetCell(key, ratio));
  }
  // Peak RSS: Kode's figure is `kode run W.kpk`.
  const kRss = rss.find((r) => r.workload === w && r.label === `kode run ${w}.kpk`);
  for (const r of rss.filter((r) => r.workload === w)) {
    const key = `${w}|rss|${r.label}`;
    const self = r.label === `kode run ${w}.kpk`;
    const ratio = kRss && !self ? kRss.kb / r.kb : undefined;
    row(w, "peak RSS", cmdCell(r.label), fmtMiB(r.kb * 1024), "",
      self ? "—" : ratio === undefined ? "" : fmtRatio(ratio), targetCell(key, ratio));
  }
  // Sizes: Kode's figure is its executable.
  const kExe = sizes.find((z) => z.workload === w && z.label.includes("kode pack --exe"));
  for (const z of sizes.filter((z) => z.workload === w)) {
    const self = z === kExe;
    const comparable = !self && !z.label.includes("kode pack)") && !z.label.includes("(kode inspect)");
    const ratio = kExe && comparable ? kExe.bytes / z.bytes : undefined;
    let target = "";
    if (self && w === "hello") target = `≤ ${HELLO_EXE_MAX_MIB} MiB ${z.bytes <= HELLO_EXE_MAX_MIB * MiB ? "✓" : "✗"}`;
    row(w, "size", cmdCell(z.label), fmtMiB(z.bytes), "",
      self || !comparable ? "—" : fmtRatio(ratio), target);
  }
}

const header = ["workload", "measure", "command", "median", "σ", "Kode ÷ this", "target"];
const table = [
  "| " + header.join(" | ") + " |",
  "|" + header.map((h, i) => (i >= 3 && i <= 5 ? "---:" : "---")).join("|") + "|",
  ...rows.map((r) => "| " + r.join(" | ") + " |"),
].join("\n");

// HTTP servers under wrk: requests/s and p99 per route, each runtime side by
// side with Kode's ratio (above 1: Kode serves more; its p99 ratio is
// the peer's p99 over Kode's, above 1: Kode answers faster).
const http = readTsv("http.tsv").map(([route, runtime, rps, p99, note]) => ({ route, runtime, rps: Number(rps), p99: Number(p99), note: note ?? "" }));
const routeNames = { hello: "hello world (`GET /`)", json: "16 KiB JSON (`GET /json`)", echo: "64 KiB POST echoed (`POST /echo`)", parse: "1 KiB JSON POST parsed (`POST /parse`)" };
const runtimes = ["kode", "deno", "bun", "node"];
let httpTable = "";
if (http.length > 0) {
  const head = ["route", ...runtimes.map((r) => `${r} req/s (p99)`), "Kode ÷ deno", "Kode ÷ bun", "Kode ÷ node"];
  const lines = ["| " + head.join(" | ") + " |", "|" + head.map((_, i) => (i === 0 ? "---" : "---:")).join("|") + "|"];
  for (const route of ["hello", "json", "echo", "parse"]) {
    const of = (rt) => http.find((h) => h.route === route && h.runtime === rt);
    const kode = of("kode");
    if (kode === undefined && of("deno") === undefined) continue;
    const cell = (rt) => {
      const h = of(rt);
      if (h === undefined) return "";
      if (!(h.rps > 0)) return h.note || "failed";
      return `${Math.round(h.rps).toLocaleString("en-US")} (${h.p99.toFixed(2)} ms)${h.note.trim() ? " " + h.note.trim() : ""}`;
    };
    const ratio = (rt) => {
      const h = of(rt);
      return kode && kode.rps > 0 && h && h.rps > 0 ? fmtRatio(kode.rps / h.rps) : "";
    };
    lines.push("| " + [routeNames[route], ...runtimes.map(cell), ratio("deno"), ratio("bun"), ratio("node")].join(" | ") + " |");
  }
  httpTable = lines.join("\n");
  console.log("");
  console.log(httpTable);
}

console.log(table);

// The snapshot goals, from the same run's medians.
const runLabel = (w, spec) =>
  typeof spec === "string" ? spec : status.find((x) => x.workload === w && x.section === "run" && x.label.startsWith(spec.prefix))?.label;
const goalLines = ["| workload | Kode | against | Kode ÷ against | goal |", "|---|---|---|---:|---|"];
for (const goal of SNAPSHOT_GOALS) {
  if (!workloads.includes(goal.w)) continue;
  const num = runLabel(goal.w, goal.num);
  const a = num && timing.get(`${goal.w}|run|${num}`);
  const b = timing.get(`${goal.w}|run|${goal.den}`);
  const ratio = a && b ? a.median / b.median : undefined;
  const shown = num ?? goal.num.prefix?.trim() ?? String(goal.num);
  goalLines.push(`| ${goal.w} | ${cmdCell(shown)} | ${cmdCell(goal.den)} | ${ratio === undefined ? "not timed" : fmtRatio(ratio)} | ≤ ${goal.max.toFixed(2)} ${ratio === undefined ? "" : ratio <= goal.max ? "✓" : "✗"} |`);
}
const goalTable = goalLines.join("\n");
console.log("");
console.log(goalTable);

if (docPath) {
  const v = (k) => meta[k] || "not installed";
  const doc = `# Benchmarks

Generated by \`bench/run.sh\` (through \`bench/report.js\`); every run overwrites
this file. Kode against node, bun and deno on six workloads, pack time against
esbuild, peak RSS and executable sizes, all measured in one run on one machine.

## Latest run

- **When:** ${v("date")}, commit ${v("commit")}, ${v("seconds")} s end to end
- **Machine:** ${v("cpu")}, ${v("nproc")} CPUs (\`nproc\`), ${v("memory")} memory, ${v("kernel")}; load average at start ${v("load")}
- **Kode:** ${v("kode")}, V8 ${v("v8")}, rustc ${v("rustc")}; \`kode\` binary ${meta.kode_size ? fmtMiB(Number(meta.kode_size)) : "?"}
- **Peers:** node ${v("node")}; bun ${v("bun")}; deno ${v("deno")}; esbuild ${v("esbuild")}
- **Workload packages:** typescript ${v("typescript")}, acorn ${v("acorn")}, zod ${v("zod")}
- **Timing:** hyperfine ${v("hyperfine")}, \`-N\` (no shell), ${v("warmup")} warm-up runs, at least ${v("runs")} runs per command (more for fast commands: hyperfine's 3-second minimum); pack commands 1 warm-up. Peak RSS: median of ${v("rss_runs")} runs under \`/usr/bin/time -v\`.
- **Command:** \`bench/setup.sh && ${v("command")}\`

${table}

### Start-up snapshot goals (issue 17)

Each ratio divides two medians of the table above. \`W-kode-snap\` is the
executable packed with \`--snapshot\` (\`=entry\` when the entry hands
\`Kode.snapshot.setMain\` its main); its heap's size is in the size rows.

${goalTable}
${httpTable ? `
### HTTP servers

\`wrk -t1 -c32 -d${v("http_seconds")}s --latency\` (wrk ${v("wrk")}) against each server on 127.0.0.1, one at a time, after a 1 s warm-up; requests/s with the 99th percentile latency, and Kode's requests/s divided by the peer's (above 1: Kode serves more). Servers: \`bench/workloads/http/\` (\`Kode.serve\`, \`Deno.serve\`, \`Bun.serve\`, \`node:http\`).

${httpTable}
` : ""}
## Reading the table

- **median / σ:** hyperfine's median wall time and standard deviation, per command.
- **Kode ÷ this:** Kode's figure divided by this row's; below 1 Kode is faster
  (or smaller). Kode's figure is \`kode run W.kpk\` for run times and peak RSS,
  \`kode pack\` for the bundler's pack time (\`kode pack --exe\` for the
  executable builder's), and the \`kode pack --exe\` executable for sizes.
- **target:** the goals of issue 6 for that ratio (✓ met, ✗ not met); the
  hello executable's goal is an absolute size.
- A row that says skipped, FAILED or WRONG OUTPUT was not timed: every command
  is run once first and its stdout compared byte for byte with the workload's
  \`bench/workloads/W/expected.txt\`.

## Workloads

They run unchanged on node, bun, deno and Kode: no \`process\`, no Node
builtins, output through \`console.log\` only. \`tsapp\` is TypeScript (W.ts for
W.js below): node 20 cannot run it, deno needs \`--unstable-sloppy-imports\` for
its \`./x.js\` imports of \`x.ts\`.
\`bench/workloads/prepare.sh\` builds them into \`bench/.work/\` (ignored).

| workload | what it measures |
|---|---|
| \`hello\` | one \`console.log\` line: pure start-up |
| \`graph1000\` | 1000 generated CommonJS modules (\`graph1000/gen.js\`, seeded), 3500 requires, real cycles that read partial exports, 100 JSON modules, require nesting 555 deep; prints one summary line |
| \`graph1000esm\` | the same graph as ES modules (\`graph1000esm/gen.js\`, same seed): 1000 modules, 3500 \`import * as\`, cycles that see hoisted functions, 100 JSON modules imported \`with { type: "json" }\`; prints one summary line |
| \`ts\` | loads typescript 5.9.3 (~9 MB of JavaScript, installed with \`npm ci\` from a lock file) and runs \`ts.transpileModule\` on a snippet |
| \`tsapp\` | a TypeScript app run from its sources: zod 4.1.12's own TypeScript (~28k lines, 90+ modules, copied out of \`node_modules\`) validating 2,000 records with an enum and a class; every run from source transpiles (Kode: from its transpile cache after the first run) |
| \`parse\` | acorn 8.19.0 parses its own \`dist/acorn.js\` (246 KB, read as a JSON string module) and prints node counts |

## How each tool runs

- \`kode run W.kpk\`: the bundle written by \`kode pack W.js -o W.kpk\` (code cache included).
  \`kode run W.js\`: the same program from the unpacked sources.
  \`./W-kode\`: the executable written by \`kode pack W.js --exe\`.
- \`node W.js\`: node as installed on the machine.
- \`bun W.js\`, and \`./W-bun\` from \`bun build --compile --bytecode W.js\`.
- \`deno run --allow-read --allow-env W.js\`: CommonJS because a \`package.json\` with
  \`"type": "commonjs"\` sits beside each program; \`require\` needs read access and
  typescript reads the environment. \`DENO_DIR\` is \`bench/.work/deno-dir\`, so deno's own
  code cache is warm after the warm-up runs.
- \`esbuild --bundle W.js --platform=node --format=cjs\`; its output is checked by running it with node.
- floor: \`bench/floor/\`, the smallest program on the same \`v8\` crate (=152.2.0) and
  release profile as Kode: it starts V8, creates an isolate and a context and prints
  the hello line. No runtime on this V8 can start faster.

Peers come from package registries only (\`bench/setup.sh\`): bun and esbuild
from npm, deno from PyPI, hyperfine and GNU time from Debian. A missing peer is
skipped with a note in its row.
`;
  fs.mkdirSync(path.dirname(docPath), { recursive: true });
  fs.writeFileSync(docPath, doc);
  console.error(`[bench] wrote ${docPath}`);
}
