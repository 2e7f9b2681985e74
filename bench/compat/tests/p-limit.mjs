// Smoke test of p-limit: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import pLimit from "p-limit";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const limit = pLimit(1);
const order = [];
const result = await Promise.all([
  limit(async () => { await new Promise((r) => setTimeout(r, 5)); order.push("a"); return 1; }),
  limit(() => { order.push("b"); return 2; }),
]);
check(same(result, [1, 2]) && same(order, ["a", "b"]), "limit");
console.log("ok");
