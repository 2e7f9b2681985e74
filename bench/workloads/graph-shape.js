// The shape both module-graph workloads share (graph1000/gen.js as CommonJS,
// graph1000esm/gen.js as ES modules), so the two measure the same graph:
// the seeded PRNG, module names, the output folders and each module's
// dependencies. Module i depends on its children 2i+1 and 2i+2 in a binary
// heap (all N reachable from m000, shallow nesting), plus extra dependencies
// until it has 2-5; half of the extras go back up the tree (a real cycle),
// the rest anywhere. The generators draw from the same PRNG in the same order.
const fs = require("fs");
const path = require("path");

const N = 1000;

// mulberry32: small, well-known, deterministic.
let seed = 0x6b6f6465; // "kode"
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const name = (i) => "m" + String(i).padStart(3, "0");
const ancestors = (i) => {
  const a = [];
  while (i > 0) { i = (i - 1) >> 1; a.push(i); }
  return a;
};

// Empties OUT and makes mods/, data/ and a package.json of `type`.
function prepareOut(out, packageName, type) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, "mods"), { recursive: true });
  fs.mkdirSync(path.join(out, "data"), { recursive: true });
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({ name: packageName, private: true, type }, null, 2) + "\n");
}

// The modules module i depends on, in order.
function dependencies(i) {
  const deps = [];
  for (const c of [2 * i + 1, 2 * i + 2]) if (c < N) deps.push(c);
  const want = randInt(2, 5);
  const anc = ancestors(i);
  while (deps.length < want) {
    const j = anc.length > 0 && rand() < 0.5 ? anc[randInt(0, anc.length - 1)] : randInt(0, N - 1);
    if (j !== i && !deps.includes(j)) deps.push(j);
  }
  return deps;
}

module.exports = { N, randInt, name, prepareOut, dependencies };
