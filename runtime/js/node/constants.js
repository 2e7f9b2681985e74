// constants.js: node:constants, the deprecated union of os.constants (errno,
// signals, priority, dlopen), fs.constants and crypto.constants that old
// packages (graceful-fs) still require.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  const os = support.builtin("node:os").constants;
  return Object.assign(
    {},
    os.dlopen,
    os.errno,
    os.priority,
    os.signals,
    support.builtin("node:fs").constants,
    support.builtin("node:crypto").constants,
  );
})
