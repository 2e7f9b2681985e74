// Smoke test of @babel/types: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import * as t from "@babel/types";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const id = t.identifier("x");
check(t.isIdentifier(id) === true && id.name === "x", "identifier");
const expr = t.binaryExpression("+", id, t.numericLiteral(1));
check(t.isBinaryExpression(expr, { operator: "+" }) === true, "binaryExpression");
console.log("ok");
