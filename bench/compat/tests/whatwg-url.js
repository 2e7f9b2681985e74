// Smoke test of whatwg-url: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const { URL, parseURL } = require("whatwg-url");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(new URL("https://example.com/a/../b?x=1#h").href === "https://example.com/b?x=1#h", "href");
check(parseURL("http://EXAMPLE.com:80/").host === "example.com" && parseURL("http://EXAMPLE.com:80/").port === null, "parseURL");
console.log("ok");
