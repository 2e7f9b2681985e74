// Smoke test of shebang-command: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const shebangCommand = require("shebang-command");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(shebangCommand("#!/usr/bin/env node") === "node", "env");
check(shebangCommand("#!/bin/bash") === "bash", "bash");
console.log("ok");
