// Smoke test of yallist: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { Yallist } from "yallist";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const list = new Yallist([1, 2, 3]);
list.push(4);
list.unshift(0);
check(same(list.toArray(), [0, 1, 2, 3, 4]) && list.length === 5, "toArray");
check(same(list.map((x) => x * 2).toArray(), [0, 2, 4, 6, 8]), "map");
console.log("ok");
