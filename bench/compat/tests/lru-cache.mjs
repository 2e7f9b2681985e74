// Smoke test of lru-cache: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { LRUCache } from "lru-cache";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const cache = new LRUCache({ max: 2 });
cache.set("a", 1); cache.set("b", 2); cache.set("c", 3);
check(cache.has("a") === false, "evicted");
check(cache.get("c") === 3 && cache.size === 2, "get");
console.log("ok");
