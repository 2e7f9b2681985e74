// Smoke test of entities: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import * as entities from "entities";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(entities.decodeHTML("&lt;a&gt; &amp; &eacute;") === "<a> & é", "decodeHTML");
check(entities.encodeXML("<a & 'b'>") === "&lt;a &amp; &apos;b&apos;&gt;", "encodeXML");
console.log("ok");
