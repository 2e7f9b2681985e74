// Smoke test of @babel/generator: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { parse } from "@babel/parser";
import { generate } from "@babel/generator";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const { code } = generate(parse("let   a=1+  2").program);
check(code === "let a = 1 + 2;", JSON.stringify(code));
console.log("ok");
