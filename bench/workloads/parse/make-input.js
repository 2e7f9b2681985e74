// Writes input.json: acorn's own dist/acorn.js (from the pinned version in
// package.json) repeated until the text is at least 240,000 characters (one copy for
// acorn 8.19.0, whose dist/acorn.js is 246,643 bytes), as a
// single JSON string. Deterministic for a given acorn version.
// Usage: node make-input.js DIR   (DIR holds node_modules/acorn; input.json goes there)
const fs = require("fs");
const path = require("path");
const dir = path.resolve(process.argv[2] || ".");
const dist = fs.readFileSync(path.join(dir, "node_modules/acorn/dist/acorn.js"), "utf8");
const parts = [];
let len = 0;
for (let i = 0; len < 240000; i++) {
  const part = `// copy ${i}\n${dist}\n`;
  parts.push(part);
  len += part.length;
}
fs.writeFileSync(path.join(dir, "input.json"), JSON.stringify(parts.join("")) + "\n");
