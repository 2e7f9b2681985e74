// @ts-check
// How editors see plain Kode JavaScript: with ../kode.d.ts in the project and
// `checkJs` (or `// @ts-check`), `require("kode:*")` is typed in .js files too.
"use strict";

const fs = require("kode:fs");
const { join } = require("kode:path");
const { hash } = require("kode:crypto");
const { encodeHex } = require("kode:encoding");

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

module.exports = { demo };
