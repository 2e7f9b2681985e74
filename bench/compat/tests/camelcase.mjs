// Smoke test of camelcase: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import camelCase from "camelcase";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(camelCase("foo-bar") === "fooBar", "camelCase");
check(camelCase("Foo_bar baz", { pascalCase: true }) === "FooBarBaz", "pascal");
console.log("ok");
