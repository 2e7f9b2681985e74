// Smoke test of onetime: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import onetime from "onetime";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
let i = 0;
const foo = onetime(() => ++i);
foo(); foo();
check(foo() === 1 && i === 1, "once");
check(onetime.callCount(foo) === 3, "callCount");
console.log("ok");
