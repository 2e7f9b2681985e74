// Smoke test of @jridgewell/trace-mapping: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { TraceMap, originalPositionFor, generatedPositionFor } from "@jridgewell/trace-mapping";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const map = new TraceMap({ version: 3, sources: ["input.js"], names: ["foo"], mappings: "KAyCIA" });
const pos = originalPositionFor(map, { line: 1, column: 5 });
check(pos.source === "input.js" && pos.line === 42 && pos.column === 4 && pos.name === "foo", JSON.stringify(pos));
check(generatedPositionFor(map, { source: "input.js", line: 42, column: 4 }).column === 5, "generated");
console.log("ok");
