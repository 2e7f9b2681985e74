// Smoke test of ansi-styles: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import styles from "ansi-styles";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(styles.red.open === "\u001B[31m" && styles.red.close === "\u001B[39m", "red");
console.log("ok");
