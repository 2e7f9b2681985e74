// Smoke test of has-flag: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import hasFlag from "has-flag";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(hasFlag("unicorn", ["--foo", "--unicorn"]) === true, "present");
check(hasFlag("rainbow", ["--foo", "--unicorn"]) === false, "absent");
console.log("ok");
