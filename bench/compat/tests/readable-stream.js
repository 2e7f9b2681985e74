// Smoke test of readable-stream: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const { Readable, Transform, pipeline } = require("readable-stream");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const chunks = [];
const upper = new Transform({ transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); } });
upper.on("data", (c) => chunks.push(String(c)));
pipeline(Readable.from(["a", "b", "c"]), upper, (err) => {
  if (err) throw err;
  check(chunks.join("") === "ABC", "pipeline " + JSON.stringify(chunks));
  console.log("ok");
});
