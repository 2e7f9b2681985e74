// Smoke test of rimraf: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { rimraf, rimrafSync } from "rimraf";
// the tree to delete is made with node:fs, imported explicitly (the application may)
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
mkdirSync("tmp-rimraf/a/b", { recursive: true });
writeFileSync("tmp-rimraf/a/b/f.txt", "x");
check((await rimraf("tmp-rimraf")) === true && existsSync("tmp-rimraf") === false, "rimraf");
mkdirSync("tmp-rimraf2/x", { recursive: true });
check(rimrafSync("tmp-rimraf2") === true && existsSync("tmp-rimraf2") === false, "rimrafSync");
console.log("ok");
