// Smoke test of is-stream: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { isStream, isReadableStream, isWritableStream } from "is-stream";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
// the shape of a Node Readable (is-stream checks shapes; it needs no Node API)
const readable = { readable: true, readableObjectMode: false, destroyed: false, pipe() {}, read() {}, destroy() {} };
check(isStream(readable) === true && isReadableStream(readable) === true, "readable");
check(isWritableStream(readable) === false, "not writable");
check(isStream({}) === false && isStream("x") === false, "not a stream");
console.log("ok");
