// Smoke test of uuid: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { v4 as uuidv4, validate, version } from "uuid";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const id = uuidv4();
check(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), "v4 " + id);
check(validate(id) === true && version(id) === 4, "validate");
console.log("ok");
