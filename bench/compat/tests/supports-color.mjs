// Smoke test of supports-color: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import supportsColor, { createSupportsColor } from "supports-color";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(typeof supportsColor === "object" && "stdout" in supportsColor && "stderr" in supportsColor, "shape");
const s = createSupportsColor({ isTTY: false });
check(s === false || typeof s.level === "number", "createSupportsColor");
console.log("ok");
