// Smoke test of emoji-regex: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import emojiRegex from "emoji-regex";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const m = "hi \u{1F600} there \u{1F44D}".match(emojiRegex());
check(m && m.length === 2 && m[0] === "\u{1F600}", "match");
console.log("ok");
