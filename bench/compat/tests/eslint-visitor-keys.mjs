// Smoke test of eslint-visitor-keys: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import * as evk from "eslint-visitor-keys";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(same(evk.KEYS.AssignmentExpression, ["left", "right"]), "KEYS");
check(same(evk.getKeys({ type: "Foo", a: 1, parent: {}, leadingComments: [] }), ["type", "a"]), "getKeys " + JSON.stringify(evk.getKeys({ type: "Foo", a: 1, parent: {} })));
console.log("ok");
