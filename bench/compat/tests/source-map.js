// Smoke test of source-map: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const sourceMap = require("source-map");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const gen = new sourceMap.SourceMapGenerator({ file: "out.js" });
gen.addMapping({ generated: { line: 1, column: 0 }, original: { line: 10, column: 2 }, source: "in.js", name: "foo" });
const json = gen.toJSON();
check(json.sources[0] === "in.js" && json.names[0] === "foo", "generator");
sourceMap.SourceMapConsumer.with(json, null, (consumer) => consumer.originalPositionFor({ line: 1, column: 0 }))
  .then((pos) => {
    check(pos.source === "in.js" && pos.line === 10 && pos.column === 2 && pos.name === "foo", "consumer " + JSON.stringify(pos));
    console.log("ok");
  });
