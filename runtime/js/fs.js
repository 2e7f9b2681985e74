// fs.js: kode:fs. Promise-first file operations on Tokio; every error carries
// `code`, `operation` ("kode:fs.read") and `path`.
(function (ops, internal) {
  "use strict";

  const { hostOp, checkSignal, kodeError } = internal;

  function invalid(operation, message) {
    return kodeError(TypeError, "EINVALID_ARG", `${operation}: ${message}`, { operation });
  }

  function checkPath(path, operation, name = "path") {
    if (typeof path !== "string" || path === "") throw invalid(operation, `${name} must be a non-empty string`);
    if (path.includes("\0")) throw invalid(operation, `${name} must not contain NUL bytes`);
    return path;
  }

  function checkOptions(options, operation) {
    if (options === undefined || options === null) return {};
    if (typeof options !== "object") throw invalid(operation, "options must be an object");
    return options;
  }

  // Each function validates its arguments, then starts the op; an invalid
  // argument rejects the returned promise (promise-first: it never throws).
  function op(name, prepare) {
    const operation = `kode:fs.${name}`;
    return function (...args) {
      try {
        const { detail, signal, start } = prepare(operation, ...args);
        return hostOp(operation, detail, signal, start);
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  const read = op("read", (operation, path, options) => {
    checkPath(path, operation);
    options = checkOptions(options, operation);
    const as = options.as ?? "text";
    if (as !== "text" && as !== "bytes") throw invalid(operation, 'options.as must be "text" or "bytes"');
    const signal = checkSignal(options.signal, operation);
    return { detail: path, signal, start: (id) => ops.fs_read(id, path, as === "bytes") };
  });

  const write = op("write", (operation, path, data, options) => {
    checkPath(path, operation);
    options = checkOptions(options, operation);
    if (typeof data !== "string" && !(data instanceof Uint8Array)) {
      throw invalid(operation, "data must be a string or a Uint8Array");
    }
    const create = options.create ?? "none";
    if (create !== "none" && create !== "parents") throw invalid(operation, 'options.create must be "none" or "parents"');
    const signal = checkSignal(options.signal, operation);
    return { detail: path, signal, start: (id) => ops.fs_write(id, path, data, create === "parents") };
  });

  const info = op("info", (operation, path) => {
    checkPath(path, operation);
    return { detail: path, start: (id) => ops.fs_info(id, path) };
  });

  const list = op("list", (operation, path) => {
    checkPath(path, operation);
    return { detail: path, start: (id) => ops.fs_list(id, path) };
  });

  const remove = op("remove", (operation, path, options) => {
    checkPath(path, operation);
    const recursive = Boolean(checkOptions(options, operation).recursive);
    return { detail: path, start: (id) => ops.fs_remove(id, path, recursive) };
  });

  const mkdir = op("mkdir", (operation, path, options) => {
    checkPath(path, operation);
    const parents = Boolean(checkOptions(options, operation).parents);
    return { detail: path, start: (id) => ops.fs_mkdir(id, path, parents) };
  });

  const rename = op("rename", (operation, from, to) => {
    checkPath(from, operation, "from");
    checkPath(to, operation, "to");
    return { detail: `${from} -> ${to}`, start: (id) => ops.fs_rename(id, from, to) };
  });

  const readTextOp = (operation, path, options) => {
    checkPath(path, operation);
    const signal = checkSignal(checkOptions(options, operation).signal, operation);
    const legacy = operation === "kode:fs.readFile";
    return { detail: path, signal, start: (id) => ops.fs_read_text(id, path, legacy) };
  };
  const readText = op("readText", readTextOp);
  const readFileText = op("readFile", readTextOp);

  // Legacy Node-style callback: callback(err, text), called on a later turn.
  function readFile(path, callback) {
    if (typeof callback !== "function") throw invalid("kode:fs.readFile", "callback must be a function");
    readFileText(path).then(
      (text) => callback(null, text),
      (error) => callback(error),
    );
  }

  return { read, write, info, list, remove, mkdir, rename, readText, readFile };
})
