// Smoke test of debug: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const createDebug = require("debug");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
createDebug.enable("compat:*");
const debug = createDebug("compat:test");
check(debug.enabled === true, "enabled");
const out = [];
debug.log = (...args) => out.push(args.join(" "));
// %O is formatted by debug itself (with util.inspect), %d later by util.format in log()
debug("n=%d %O", 42, { a: 1 });
check(out.length === 1 && out[0].includes("compat:test n=%d { a: 1 } 42"), "log: " + out[0]);
console.log("ok");
