// Smoke test of yargs-parser: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const parse = require("yargs-parser");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const argv = parse("--foo=99 --bar=33 -x file.txt");
check(argv.foo === 99 && argv.bar === 33 && argv.x === "file.txt", JSON.stringify(argv));
const argv2 = parse(["--no-color", "a"], { boolean: ["color"] });
check(argv2.color === false && same(argv2._, ["a"]), "boolean");
console.log("ok");
