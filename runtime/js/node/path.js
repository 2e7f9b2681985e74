// path.js: node:path, Node's POSIX path module over kode:path (which already
// answers as Node's path.posix does).
(function (ops, internal) {
  "use strict";

  const kodePath = internal.builtin("kode:path");
  const { unsupportedFunction } = internal.loadInternal("kode:internal/node/support");

  const path = { ...kodePath, toNamespacedPath: (p) => p };
  path.posix = path;
  // Kode runs on POSIX systems only; Windows path rules are not implemented.
  const win32 = {};
  for (const name of Object.keys(kodePath)) {
    win32[name] = typeof kodePath[name] === "function" ? unsupportedFunction(`path.win32.${name}`) : undefined;
  }
  win32.sep = "\\";
  win32.delimiter = ";";
  win32.win32 = win32;
  win32.posix = path;
  path.win32 = win32;
  return path;
})
