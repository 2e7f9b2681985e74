// Smoke test of @babel/parser: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { parse } from "@babel/parser";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const ast = parse("const a = <T,>(x: T) => x;", { sourceType: "module", plugins: ["typescript"] });
check(ast.program.body[0].type === "VariableDeclaration", "parse");
check(ast.program.body[0].declarations[0].init.type === "ArrowFunctionExpression", "arrow");
console.log("ok");
