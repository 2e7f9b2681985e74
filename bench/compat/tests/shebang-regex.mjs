// Smoke test of shebang-regex: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import shebangRegex from "shebang-regex";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const str = "#!/usr/bin/env node\nconsole.log(1);";
check(shebangRegex.test(str) === true, "test");
check(shebangRegex.exec(str)[1] === "/usr/bin/env node", "exec");
console.log("ok");
