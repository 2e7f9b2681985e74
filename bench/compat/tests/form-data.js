// Smoke test of form-data: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const FormData = require("form-data");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const form = new FormData();
form.append("field", "value");
const headers = form.getHeaders();
check(/^multipart\/form-data; boundary=-+[0-9a-f]+$/.test(headers["content-type"]), headers["content-type"]);
const body = form.getBuffer().toString();
check(body.includes('Content-Disposition: form-data; name="field"') && body.includes("value"), JSON.stringify(body));
console.log("ok");
