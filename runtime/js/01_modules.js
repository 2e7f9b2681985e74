// modules.js: CommonJS (SPEC section 2). Resolution and loading are ops, so the same
// code serves files on disk and modules inside a bundle. Every run loads its
// main module through these functions: the magic comment below has V8
// compile them all before the bootstrap snapshot is taken.
//# allFunctionsCalledOnLoad
(function (ops, internal) {
  "use strict";

  const { buildError, sourceFrame } = internal;
  const cache = {};
  let mainModule;
  let preloading = false;

  function dirname(path) {
    const slash = path.lastIndexOf("/");
    return slash <= 0 ? "/" : path.slice(0, slash);
  }

  class Module {
    constructor(id, filename, dir) {
      this.id = id;
      this.filename = filename;
      this.path = dir;
      this.exports = {};
      this.loaded = false;
      this.children = [];
    }
  }

  function checkSpecifier(specifier) {
    if (typeof specifier !== "string" || specifier === "") {
      throw buildError(TypeError, "EINVALID_ARG", "The \"id\" argument must be a non-empty string", {
        operation: "require",
      });
    }
  }

  function makeRequire(module) {
    function require(specifier) {
      return requireFrom(module, specifier);
    }
    require.resolve = function resolve(specifier) {
      checkSpecifier(specifier);
      const id = ops.resolve(specifier, module.path, module.filename);
      // A package's bare builtin name resolves to itself, as in Node ("fs").
      return id.startsWith("node:") && !specifier.startsWith("node:") ? specifier : id;
    };
    if (preloading) {
      // Loaded into a snapshot before the entry exists: it is the entry at run time.
      Object.defineProperty(require, "main", { get: () => mainModule, enumerable: true, configurable: true });
    } else {
      require.main = mainModule;
    }
    require.cache = cache;
    return require;
  }

  function requireFrom(parent, specifier) {
    checkSpecifier(specifier);
    const id = ops.resolve(specifier, parent.path, parent.filename);
    if (id.startsWith("kode:") || id.startsWith("node:")) return loadBuiltin(id, parent);
    const cached = cache[id];
    if (cached !== undefined) return cached.exports;
    const module = new Module(id, id, dirname(id));
    parent.children.push(module);
    load(module);
    return module.exports;
  }

  // A module is cached before it runs (so cycles see its partial exports) and
  // forgotten again if it throws (so a later require retries it).
  function load(module) {
    cache[module.filename] = module;
    try {
      evaluate(module);
    } catch (error) {
      if (cache[module.filename] === module) delete cache[module.filename];
      throw error;
    }
  }

  function evaluate(module) {
    const result = ops.load(module.filename);
    const [kind, loaded] = result;
    if (kind === "json") {
      module.exports = parseJson(loaded, module.filename);
    } else if (kind === "esm") {
      // An ES entry is no CommonJS module; require() of an ES module gets its namespace.
      if (module === mainModule) {
        delete cache[module.filename];
        mainModule = undefined;
        return void ops.esm_main(module.filename);
      }
      // An ES module may say what require() gives with an export named
      // "module.exports" (Node 22.12, 20.19); else require() gives the namespace.
      const namespace = ops.esm_require(module.filename);
      module.exports = "module.exports" in namespace ? namespace["module.exports"] : namespace;
    } else {
      const fn = compiled(loaded, module.filename);
      const args = [module.exports, makeRequire(module), module, module.filename, module.path];
      if (result.length > 2) pushNodeGlobals(args, result[2]);
      Reflect.apply(fn, module.exports, args);
    }
    module.loaded = true;
  }

  // A package module that names Node's globals gets them as wrapper
  // parameters after the five (SPEC section 5), named in the order it takes them.
  function pushNodeGlobals(args, names) {
    const globals = internal.builtin("kode:internal/node/global");
    for (const name of names) args.push(globals.value(name));
  }

  function parseJson(source, filename) {
    try {
      return JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
    } catch (error) {
      throw buildError(SyntaxError, "EINVALID_JSON", `${filename}: ${error.message}`, {
        operation: "require",
        path: filename,
      });
    }
  }

  // `result` is the compiled function or a description of the compile error.
  function compiled(result, filename) {
    if (typeof result === "function") return result;
    const { error, line, column, sourceLine } = result;
    if (line !== undefined && error !== null && typeof error === "object") {
      try {
        error.stack = `${error.name}: ${error.message}\n    at ${filename}:${line}:${column}`;
        Object.defineProperty(error, sourceFrame, { value: { line, column, sourceLine } });
      } catch {
        // Not an ordinary error object: report it as it is.
      }
    }
    throw error;
  }

  // `kode:NAME` modules: embedded scripts, compiled and evaluated on first use.
  const builtinCache = new Map();
  function loadBuiltin(id, parent) {
    let exports = builtinCache.get(id);
    if (exports === undefined) {
      const factory = ops.builtin(id);
      if (factory === undefined) {
        throw buildError(Error, "EMODULE_NOT_FOUND", `Cannot find module '${id}'`, {
          operation: "require",
          specifier: id,
          from: parent.filename,
        });
      }
      exports = factory(ops, internal);
      // Node's builtins are mutable (packages patch them); Kode's are not.
      if (id.startsWith("kode:")) Object.freeze(exports);
      builtinCache.set(id, exports);
    }
    return exports;
  }

  // V8 leaves these globals out of a context while it builds a snapshot and
  // adds them to every context made from one. While the pack loads
  // dependencies, SharedArrayBuffer is the real constructor (made by Rust:
  // the same object at run time); the others cannot be reached, so touching
  // one refuses the snapshot rather than freeze a wrong feature check.
  const snapshotHidden = ["AsyncDisposableStack", "DisposableStack", "Float16Array", "SuppressedError", "WebAssembly"];

  function showHiddenGlobals(sharedArrayBuffer, touched) {
    const hidden = { value: sharedArrayBuffer, writable: true, enumerable: false, configurable: true };
    Object.defineProperty(globalThis, "SharedArrayBuffer", hidden);
    for (const name of snapshotHidden) {
      const missing = () => {
        touched.add(name);
        throw new TypeError(`${name} is left out of V8 snapshots: a dependency that uses it while loading cannot be snapshotted`);
      };
      Object.defineProperty(globalThis, name, { get: missing, set: missing, enumerable: false, configurable: true });
    }
  }

  function hideGlobals() {
    for (const name of ["SharedArrayBuffer", ...snapshotHidden]) delete globalThis[name];
  }

  // What V8 cannot put in a snapshot (it aborts): Intl objects and
  // FinalizationRegistry registrations hold native handles. Touching Intl
  // or registering while loading is recorded; the pack refuses it.
  const intl = Object.getOwnPropertyDescriptor(globalThis, "Intl");
  const register = FinalizationRegistry.prototype.register;

  function guardNative(used) {
    Object.defineProperty(globalThis, "Intl", {
      get() {
        used.add("Intl");
        return intl.value;
      },
      set(value) {
        Object.defineProperty(globalThis, "Intl", { ...intl, value });
      },
      enumerable: false,
      configurable: true,
    });
    Object.defineProperty(FinalizationRegistry.prototype, "register", {
      value: function (...args) {
        used.add("FinalizationRegistry.prototype.register");
        return Reflect.apply(register, this, args);
      },
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  function unguardNative() {
    if (Object.getOwnPropertyDescriptor(globalThis, "Intl")?.get !== undefined) {
      Object.defineProperty(globalThis, "Intl", intl);
    }
    Object.defineProperty(FinalizationRegistry.prototype, "register", {
      value: register,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  // `kode pack --snapshot` (runtime/src/app_snapshot.rs): load one of the
  // entry's dependencies without running the entry; the snapshot then holds
  // it evaluated and cached, and the entry's require finds it there.
  // Dependencies see the Kode global as at run time; what they touch that
  // the snapshot cannot hold (facts of the process, hidden globals, native
  // objects) is returned for the pack to refuse. `entry`: `kode pack
  // --snapshot=entry` runs the entry itself, which hands
  // Kode.snapshot.setMain the function start-up runs instead.
  internal.preload = (id, sharedArrayBuffer, entry) => {
    const { Kode } = internal;
    if (!Object.hasOwn(globalThis, "Kode")) {
      Object.defineProperty(globalThis, "Kode", { value: Kode, writable: false, configurable: true, enumerable: false });
    }
    const args = Kode.args;
    internal.factsRead = new Set();
    Object.defineProperty(Kode, "args", {
      get() {
        internal.factsRead.add("Kode.args");
        return args;
      },
      enumerable: true,
      configurable: true,
    });
    const touched = new Set();
    const native = new Set();
    showHiddenGlobals(sharedArrayBuffer, touched);
    guardNative(native);
    preloading = !entry;
    internal.snapshotBuilding = entry;
    try {
      if (entry) load((mainModule = new Module(".", id, dirname(id))));
      else if (id.startsWith("kode:") || id.startsWith("node:")) loadBuiltin(id, { filename: id });
      else if (cache[id] === undefined) load(new Module(id, id, dirname(id)));
    } catch (error) {
      // A hidden global's throw: the refusal says which.
      if (touched.size === 0) throw error;
    } finally {
      preloading = false;
      internal.snapshotBuilding = false;
      hideGlobals();
      unguardNative();
      Object.defineProperty(Kode, "args", { value: args, writable: true, enumerable: true, configurable: true });
    }
    const read = {
      facts: [...internal.factsRead].join(", "),
      hidden: [...touched].join(", "),
      native: [...native].join(", "),
      main: internal.snapshotMain !== undefined,
    };
    internal.factsRead = null;
    return read;
  };

  // A public builtin's exports as `require` gives them (node:* modules share instances).
  internal.builtin = (id) => loadBuiltin(id, { filename: id });

  // For ES modules (js/esm.js, compiled on first use).
  internal.cjs = { cache, Module, load, dirname, loadBuiltin, parseJson, pushNodeGlobals };

  internal.runMain = function () {
    internal.freezeKode();
    const snapshotMain = internal.snapshotMain;
    if (snapshotMain !== undefined) {
      // Started from an entry's snapshot: its top level ran at pack time.
      internal.snapshotMain = undefined;
      return void snapshotMain();
    }
    const { main, cwd } = internal.info;
    const [kind, value] = main;
    if (kind === "file") {
      const module = (mainModule = new Module(".", value, dirname(value)));
      load(module);
      return;
    }
    // `kode -e`: like `node -e`, the snippet is "[eval]" and requires resolve from the working directory.
    const module = (mainModule = new Module("[eval]", "[eval]", cwd));
    const fn = compiled(ops.compile(value, "[eval]", false), "[eval]");
    Reflect.apply(fn, module.exports, [module.exports, makeRequire(module), module, "[eval]", "."]);
    module.loaded = true;
  };
})
