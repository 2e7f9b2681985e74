// Smoke test of cross-spawn: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const spawn = require("cross-spawn");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const result = spawn.sync("echo", ["hi"], { encoding: "utf8" });
check(result.status === 0 && result.stdout === "hi\n", JSON.stringify(result.stdout));
console.log("ok");
