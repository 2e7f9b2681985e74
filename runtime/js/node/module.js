// module.js: node:module. Exports the Module function as Node does, with
// createRequire (a require that resolves from any file, by Kode's rules),
// builtinModules/isBuiltin for the node: modules Kode provides, and the
// legacy statics packages call (_resolveFilename, _load, _nodeModulePaths,
// wrap, _compile of source text). Loader hooks (register, patching
// Module._load) do not reach Kode's loader: register throws
// ENODE_UNSUPPORTED, and so do source maps and the compile cache API.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { unsupportedFunction, invalidArgValue, argTypeError } = support;
  const cjs = internal.cjs;

  // The node: modules Kode declares (runtime/src/ext/node/mod.rs), by bare name.
  const builtinModules = ops
    .builtin_names()
    .filter((name) => name.startsWith("node:"))
    .map((name) => name.slice(5));
  const builtinSet = new Set(builtinModules);

  function isBuiltin(name) {
    if (typeof name !== "string") return false;
    return builtinSet.has(name.startsWith("node:") ? name.slice(5) : name);
  }

  const dirname = (file) => cjs.dirname(file);

  // A require bound to `parent` ({ filename, path, children }), as Kode's own.
  function makeRequire(parent) {
    function require(specifier) {
      checkSpecifier(specifier);
      const id = ops.resolve(specifier, parent.path, parent.filename);
      if (id.startsWith("kode:") || id.startsWith("node:")) return cjs.loadBuiltin(id, parent);
      const cached = cjs.cache[id];
      if (cached !== undefined) return cached.exports;
      const module = new cjs.Module(id, id, dirname(id));
      parent.children?.push(module);
      cjs.load(module);
      return module.exports;
    }
    require.resolve = function resolve(specifier, options) {
      checkSpecifier(specifier);
      if (options?.paths !== undefined) throw support.unsupported("require.resolve's paths option");
      return ops.resolve(specifier, parent.path, parent.filename);
    };
    require.resolve.paths = (request) => (isBuiltin(request) ? null : nodeModulePaths(parent.path));
    require.cache = cjs.cache;
    require.main = undefined;
    require.extensions = Module._extensions;
    return require;
  }

  function checkSpecifier(specifier) {
    if (typeof specifier !== "string") throw argTypeError("id", "string", specifier);
    if (specifier === "") throw invalidArgValue("id", specifier, "must be a non-empty string");
  }

  function createRequire(filename) {
    let path = filename;
    if (typeof filename === "object" && filename !== null && typeof filename.href === "string") {
      path = support.builtin("node:url").fileURLToPath(filename);
    } else if (typeof filename === "string" && filename.startsWith("file:")) {
      path = support.builtin("node:url").fileURLToPath(filename);
    } else if (typeof filename !== "string" || !filename.startsWith("/")) {
      throw invalidArgValue("filename", filename, "must be a file URL object, file URL string, or absolute path string");
    }
    // A path ending in "/" names a directory: requires resolve inside it.
    const file = path.endsWith("/") ? `${path}noop.js` : path;
    return makeRequire({ filename: file, path: dirname(file), children: [] });
  }

  // Node's constructor signature (id, parent); instances share Kode's module prototype.
  function Module(id = "", parent = undefined) {
    this.id = id;
    this.path = dirname(id || "/.");
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = undefined;
    if (parent?.children) parent.children.push(this);
  }
  Module.prototype = Object.create(cjs.Module.prototype, {
    constructor: { value: Module, writable: true, configurable: true },
  });
  Object.defineProperty(Module, Symbol.hasInstance, { value: (value) => value instanceof cjs.Module });

  // Runs CommonJS source text as this module (require-from-string and the like).
  Module.prototype._compile = function _compile(content, filename) {
    // Code a package compiles gets Node's globals like a package file.
    const [compiled, globals] = ops.compile(String(content), String(filename), true);
    if (typeof compiled !== "function") throw compiled.error;
    this.filename = filename;
    this.path = dirname(filename);
    const require = makeRequire(this);
    const args = [this.exports, require, this, filename, this.path];
    cjs.pushNodeGlobals(args, globals);
    return Reflect.apply(compiled, this.exports, args);
  };
  Module.prototype.require = function require(id) {
    return makeRequire({ filename: this.filename ?? this.id, path: this.path, children: this.children })(id);
  };
  Module.prototype.load = unsupportedFunction("Module.prototype.load");

  // The node_modules directories Node would search from `from`, nearest first.
  function nodeModulePaths(from) {
    const parts = support.builtin("node:path").resolve(from).split("/").slice(1);
    const paths = [];
    for (let i = parts.length; i > 0; i--) {
      if (parts[i - 1] !== "node_modules" && parts[i - 1] !== "") paths.push(`/${parts.slice(0, i).join("/")}/node_modules`);
    }
    paths.push("/node_modules");
    return paths;
  }

  const wrapper = ["(function (exports, require, module, __filename, __dirname) { ", "\n});"];

  Object.assign(Module, {
    builtinModules,
    isBuiltin,
    createRequire,
    _cache: cjs.cache,
    _pathCache: { __proto__: null },
    _extensions: {
      __proto__: null,
      ".js": unsupportedFunction("Module._extensions['.js']"),
      ".json": unsupportedFunction("Module._extensions['.json']"),
      ".node": unsupportedFunction("Module._extensions['.node']"),
    },
    globalPaths: [],
    wrapper,
    wrap: (script) => `${wrapper[0]}${script}${wrapper[1]}`,
    _nodeModulePaths: nodeModulePaths,
    _resolveFilename(request, parent) {
      const from = parent?.filename ?? `${internal.cwd()}/noop.js`;
      return ops.resolve(request, dirname(from), from);
    },
    _load(request, parent) {
      const from = parent?.filename ?? `${internal.cwd()}/noop.js`;
      return makeRequire({ filename: from, path: dirname(from), children: parent?.children ?? [] })(request);
    },
    _findPath: unsupportedFunction("Module._findPath"),
    _resolveLookupPaths: unsupportedFunction("Module._resolveLookupPaths"),
    _initPaths: unsupportedFunction("Module._initPaths"),
    _preloadModules: unsupportedFunction("Module._preloadModules"),
    _debug: unsupportedFunction("Module._debug"),
    runMain: unsupportedFunction("Module.runMain"),
    register: unsupportedFunction("module.register"),
    syncBuiltinESMExports: unsupportedFunction("module.syncBuiltinESMExports"),
    findSourceMap: unsupportedFunction("module.findSourceMap"),
    SourceMap: class SourceMap {
      constructor() {
        throw support.unsupported("module.SourceMap");
      }
    },
    enableCompileCache: unsupportedFunction("module.enableCompileCache"),
    getCompileCacheDir: unsupportedFunction("module.getCompileCacheDir"),
    flushCompileCache: unsupportedFunction("module.flushCompileCache"),
    findPackageJSON: unsupportedFunction("module.findPackageJSON"),
    stripTypeScriptTypes: unsupportedFunction("module.stripTypeScriptTypes"),
    constants: { compileCacheStatus: { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 } },
  });
  Module.Module = Module;
  return Module;
})
