// Smoke test of resolve: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const resolve = require("resolve");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const file = resolve.sync("ms", { basedir: "." });
check(file.endsWith("/node_modules/ms/index.js"), "sync " + file);
resolve("semver", { basedir: "." }, (err, res) => {
  if (err) throw err;
  check(res.endsWith("/node_modules/semver/index.js"), "async " + res);
  console.log("ok");
});
