// Smoke test of argparse: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const { ArgumentParser } = require("argparse");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const parser = new ArgumentParser({ description: "compat" });
parser.add_argument("-f", "--foo", { help: "foo bar" });
parser.add_argument("-n", { type: "int", default: 1 });
const args = parser.parse_args(["--foo", "bar", "-n", "3"]);
check(args.foo === "bar" && args.n === 3, JSON.stringify(args));
console.log("ok");
