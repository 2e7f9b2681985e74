// Smoke test of cliui: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const ui = require("cliui")({ width: 40 });
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
ui.div({ text: "usage:", width: 10 }, { text: "run it" });
const out = ui.toString();
check(out === "usage:    run it", JSON.stringify(out));
console.log("ok");
