// Smoke test of color-convert: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import convert from "color-convert";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(convert.rgb.hex(255, 255, 255) === "FFFFFF", "rgb.hex");
check(same(convert.keyword.rgb("blue"), [0, 0, 255]), "keyword.rgb");
console.log("ok");
