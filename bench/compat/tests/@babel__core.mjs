// Smoke test of @babel/core: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { transformSync } from "@babel/core";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const rename = () => ({ visitor: { Identifier(path) { if (path.node.name === "a") path.node.name = "b"; } } });
const out = transformSync("const a = 1;", { configFile: false, babelrc: false, plugins: [rename] });
check(out.code === "const b = 1;", JSON.stringify(out.code));
console.log("ok");
