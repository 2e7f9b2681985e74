// @ts-check
// How editors see plain Kode JavaScript: with ../kode.d.ts in the project and
// `checkJs` (or `// @ts-check`), `require("kode:*")` is typed in .js files too.
"use strict";

const fs = require("kode:fs");
const { join } = require("kode:path");
const { hash } = require("kode:crypto");
const { encodeHex } = require("kode:encoding");
const { run } = require("kode:subprocess");

async function demo() {
  const { bytes, info } = await fs.read(join(__dirname, "data.bin"), { as: "bytes" });
  /** @type {Uint8Array} */
  const copy = bytes;
  /** @type {import("kode:fs").FileInfo} */
  const same = info;
  console.log(hash("sha256", copy).hex, encodeHex(copy), same.kind);
  try {
    await fs.remove(join(__dirname, "missing"));
  } catch (error) {
    const { code } = /** @type {KodeError} */ (error);
    if (code !== "ENOENT") throw error;
  }
  // @ts-expect-error text mode has no bytes
  (await fs.read(__filename)).bytes;
  // @ts-expect-error Kode.args.values is frozen
  Kode.args.values.push("x");
}

async function signed() {
  const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  /** @type {ArrayBuffer} */
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("message"));
  /** @type {boolean} */
  const valid = await crypto.subtle.verify("HMAC", key, mac, new TextEncoder().encode("message"));
  // @ts-expect-error a key pair's halves are keys, an HMAC key is not a pair
  key.privateKey;
  return valid;
}

async function listing() {
  const { code, stdout } = await run("ls", ["-l"], { cwd: __dirname, signal: Kode.interrupt });
  /** @type {string} */
  const text = stdout ? Kode.text.decode(stdout) : "";
  // @ts-expect-error run resolves with an object, not a string
  (await run("ls")).trim();
  return code === 0 ? text : "";
}

module.exports = { demo, signed, listing };
