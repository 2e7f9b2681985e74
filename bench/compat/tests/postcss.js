// Smoke test of postcss: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const postcss = require("postcss");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const root = postcss.parse("a { color: red }");
check(root.first.selector === "a" && root.first.first.prop === "color", "parse");
const plugin = { postcssPlugin: "upper", Declaration(decl) { decl.value = decl.value.toUpperCase(); } };
postcss([plugin]).process("a{color:red}", { from: undefined }).then((result) => {
  check(result.css === "a{color:RED}", JSON.stringify(result.css));
  console.log("ok");
});
