// Smoke test of color-name: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import colors from "color-name";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(same(colors.red, [255, 0, 0]), "red");
check(same(colors.rebeccapurple, [102, 51, 153]), "rebeccapurple");
console.log("ok");
