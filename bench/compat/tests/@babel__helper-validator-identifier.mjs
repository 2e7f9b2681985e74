// Smoke test of @babel/helper-validator-identifier: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { isIdentifierName, isKeyword, isReservedWord } from "@babel/helper-validator-identifier";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(isIdentifierName("foo$1") === true && isIdentifierName("1foo") === false, "isIdentifierName");
check(isKeyword("if") === true && isReservedWord("await", true) === true, "keywords");
console.log("ok");
