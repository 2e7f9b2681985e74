// Smoke test of estraverse: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const estraverse = require("estraverse");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const ast = { type: "Program", body: [{ type: "ExpressionStatement", expression: { type: "BinaryExpression", operator: "+", left: { type: "Identifier", name: "a" }, right: { type: "Literal", value: 1 } } }] };
const seen = [];
estraverse.traverse(ast, { enter(node) { seen.push(node.type); } });
check(same(seen, ["Program", "ExpressionStatement", "BinaryExpression", "Identifier", "Literal"]), JSON.stringify(seen));
console.log("ok");
