// Smoke test of acorn: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import * as acorn from "acorn";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const ast = acorn.parse("let x = 1 + 2;", { ecmaVersion: 2022 });
check(ast.body[0].declarations[0].init.operator === "+", "parse");
check(acorn.tokenizer("a b", { ecmaVersion: 2022 }).getToken().value === "a", "tokenizer");
console.log("ok");
