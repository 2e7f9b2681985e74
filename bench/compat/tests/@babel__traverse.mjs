// Smoke test of @babel/traverse: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { parse } from "@babel/parser";
import traverse from "@babel/traverse";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const ast = parse("function f(a) { return a + b; }");
const names = [];
traverse(ast, { Identifier(path) { names.push(path.node.name + (path.scope.hasBinding(path.node.name) ? ":bound" : ":free")); } });
check(same(names, ["f:bound", "a:bound", "a:bound", "b:free"]), JSON.stringify(names));
console.log("ok");
