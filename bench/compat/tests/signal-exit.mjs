// Smoke test of signal-exit: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { onExit } from "signal-exit";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const remove = onExit(() => {});
check(typeof remove === "function", "onExit returns a remover");
remove();
onExit((code, signal) => {
  // runs at the end of the program, from the process's exit event
  if (code === 0 && signal === null) console.log("ok");
});
