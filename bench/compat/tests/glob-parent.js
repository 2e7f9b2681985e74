// Smoke test of glob-parent: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const globParent = require("glob-parent");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(globParent("path/to/*.js") === "path/to", "parent");
check(globParent("/root/path/to/*.{js,ts}") === "/root/path/to", "braces");
console.log("ok");
