// Smoke test of negotiator: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const Negotiator = require("negotiator");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const n = new Negotiator({ headers: { accept: "text/html, application/json;q=0.5", "accept-language": "en;q=0.8, fr" } });
check(n.mediaType(["application/json", "text/html"]) === "text/html", "mediaType");
check(n.language(["en", "fr"]) === "fr", "language");
console.log("ok");
