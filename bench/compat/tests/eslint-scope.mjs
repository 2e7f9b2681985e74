// Smoke test of eslint-scope: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import * as eslintScope from "eslint-scope";
import * as acorn from "acorn";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const ast = acorn.parse("var a = 1; function f(b) { return a + b + c; }", { ecmaVersion: 2022, ranges: true });
const scopeManager = eslintScope.analyze(ast, { ecmaVersion: 2022 });
const global = scopeManager.globalScope;
check(same(global.variables.map((v) => v.name), ["a", "f"]), JSON.stringify(global.variables.map((v) => v.name)));
check(same(global.through.map((r) => r.identifier.name), ["c"]), "through");
console.log("ok");
