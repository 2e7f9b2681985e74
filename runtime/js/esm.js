// esm.js: what ES modules (runtime/src/esm.rs) need from the JavaScript side,
// compiled when a program first uses an ES module, never at start-up.
(function (ops, internal) {
  "use strict";

  const { cache, Module, load, dirname, loadBuiltin, parseJson } = internal.cjs;
  const { sourceFrame } = internal;

  return {
    // A CommonJS module imported by an ES module: evaluated once, by require's own cache.
    requireCjs(filename) {
      const cached = cache[filename];
      if (cached !== undefined) return cached.exports;
      const module = new Module(filename, filename, dirname(filename));
      load(module);
      return module.exports;
    },
    loadBuiltin: (id) => loadBuiltin(id, { filename: id }),
    parseJson,
    // A compile or link error has no stack frame of its own: it gets the
    // place V8 reported and the code frame, as CommonJS syntax errors do.
    // Errors Kode made (with a `code`) and errors already described stay as they are.
    describe(error, filename, line, column, sourceLine) {
      if (error === null || typeof error !== "object" || !(error instanceof Error)) return;
      if (Object.hasOwn(error, "code") || Object.hasOwn(error, sourceFrame) || !filename) return;
      try {
        error.stack = `${error.name}: ${error.message}\n    at ${filename}:${line}:${column}`;
        // No source line: a transpiled module run from a bundle (its original is not at hand).
        if (sourceLine !== undefined) Object.defineProperty(error, sourceFrame, { value: { line, column, sourceLine } });
      } catch {
        // Not an ordinary error object: report it as it is.
      }
    },
  };
})
