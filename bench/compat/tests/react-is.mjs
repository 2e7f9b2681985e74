// Smoke test of react-is: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import * as ReactIs from "react-is";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(ReactIs.isValidElementType("div") === true, "string type");
check(ReactIs.isValidElementType(123) === false, "number");
check(ReactIs.isElement({}) === false, "isElement");
console.log("ok");
