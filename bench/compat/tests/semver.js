// Smoke test of semver: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const semver = require("semver");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(semver.gt("1.2.3", "1.2.0") === true, "gt");
check(semver.satisfies("1.2.3", "^1.0.0") === true, "satisfies");
check(semver.valid("v1.2.3-beta.1") === "1.2.3-beta.1", "valid");
console.log("ok");
