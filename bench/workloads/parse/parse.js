// parse: acorn parses a ~250 KB script (input.json: acorn's own dist/acorn.js,
// 246 KB, as one JSON string, made by make-input.js) and prints node counts.
// Mostly steady-state JIT work after a small load. The input is a JSON module
// because kode has no `fs`; every runtime loads it with require.
const acorn = require("acorn");
const source = require("./input.json");

const ast = acorn.parse(source, { ecmaVersion: 2022, sourceType: "script", locations: true });

// Count every node, by type, with a generic walk (no acorn-walk).
const counts = new Map();
let total = 0;
const stack = [ast];
while (stack.length > 0) {
  const node = stack.pop();
  total++;
  counts.set(node.type, (counts.get(node.type) || 0) + 1);
  for (const key in node) {
    if (key === "loc") continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (v[i] && typeof v[i].type === "string") stack.push(v[i]);
    } else if (v && typeof v === "object" && typeof v.type === "string") {
      stack.push(v);
    }
  }
}
const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6);
console.log(`acorn ${acorn.version}: ${source.length} chars, ${total} nodes, ${counts.size} types; ` +
  top.map(([t, n]) => `${t}=${n}`).join(" "));
