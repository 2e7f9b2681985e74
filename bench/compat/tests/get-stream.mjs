// Smoke test of get-stream: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import getStream, { getStreamAsArray } from "get-stream";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
async function* chunks() { yield "a"; yield "b"; yield "c"; }
check((await getStream(chunks())) === "abc", "getStream");
check(same(await getStreamAsArray(chunks()), ["a", "b", "c"]), "getStreamAsArray");
console.log("ok");
