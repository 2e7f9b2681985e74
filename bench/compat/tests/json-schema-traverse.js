// Smoke test of json-schema-traverse: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const traverse = require("json-schema-traverse");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const pointers = [];
traverse({ properties: { a: { type: "string" }, b: { items: { type: "number" } } } }, { cb: (schema, ptr) => pointers.push(ptr) });
check(same(pointers, ["", "/properties/a", "/properties/b", "/properties/b/items"]), JSON.stringify(pointers));
console.log("ok");
