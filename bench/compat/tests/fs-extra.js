// Smoke test of fs-extra: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const fse = require("fs-extra");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
(async () => {
  await fse.outputJson("tmp-fs-extra/a/b.json", { x: 1 });
  check((await fse.readJson("tmp-fs-extra/a/b.json")).x === 1, "readJson");
  check(fse.pathExistsSync("tmp-fs-extra/a") === true, "pathExistsSync");
  await fse.remove("tmp-fs-extra");
  check((await fse.pathExists("tmp-fs-extra")) === false, "remove");
  console.log("ok");
})().catch((e) => { setTimeout(() => { throw e; }); });
