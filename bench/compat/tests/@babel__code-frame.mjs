// Smoke test of @babel/code-frame: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { codeFrameColumns } from "@babel/code-frame";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const frame = codeFrameColumns("a\nbcd\ne\n", { start: { line: 2, column: 2 } }, { highlightCode: false });
check(frame.includes("> 2 | bcd") && frame.includes("^"), JSON.stringify(frame));
console.log("ok");
