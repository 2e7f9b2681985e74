// Smoke test of ajv: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import Ajv from "ajv";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const ajv = new Ajv();
const validate = ajv.compile({ type: "object", properties: { foo: { type: "integer" } }, required: ["foo"], additionalProperties: false });
check(validate({ foo: 1 }) === true, "valid");
check(validate({ foo: "x" }) === false && validate.errors[0].instancePath === "/foo", "invalid");
console.log("ok");
