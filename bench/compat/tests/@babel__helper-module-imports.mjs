// Smoke test of @babel/helper-module-imports: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { transformSync } from "@babel/core";
import { addNamed } from "@babel/helper-module-imports";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const plugin = () => ({ visitor: { Program(path) { const id = addNamed(path, "y", "mod"); path.pushContainer("body", { type: "ExpressionStatement", expression: id }); } } });
const out = transformSync("x;", { configFile: false, babelrc: false, sourceType: "module", plugins: [plugin] });
check(out.code === 'import { y as _y } from "mod";\nx;\n_y;', JSON.stringify(out.code));
console.log("ok");
