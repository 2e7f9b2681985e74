// Smoke test of @babel/template: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import template from "@babel/template";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const stmt = template.statement.ast("const x = 1;");
check(stmt.type === "VariableDeclaration" && stmt.declarations[0].id.name === "x", "statement.ast");
const build = template.expression("A + B");
const node = build({ A: template.expression.ast("1"), B: template.expression.ast("y") });
check(node.type === "BinaryExpression" && node.right.name === "y", "placeholders");
console.log("ok");
