// Smoke test of p-locate: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import pLocate from "p-locate";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const found = await pLocate([1, 2, 3].map((x) => Promise.resolve(x)), (x) => x > 1);
check(found === 2, "pLocate " + found);
console.log("ok");
