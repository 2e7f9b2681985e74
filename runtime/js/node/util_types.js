// util_types.js: node:util/types. Brand checks that run no user code: a
// builtin getter or method throws on a foreign receiver, and what plain
// JavaScript cannot tell (generator objects, iterators, namespaces) comes
// from V8 through one op.
(function (ops, internal) {
  "use strict";

  const brand = (fn) => (value) => {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
    try {
      fn.call(value);
      return true;
    } catch {
      return false;
    }
  };
  const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
  const isObjectLike = (value) => value !== null && (typeof value === "object" || typeof value === "function");
  // V8's own answer (runtime/src/ext/node/types.rs has the bits).
  const kind = (bit) => (value) => isObjectLike(value) && (ops.node_value_kinds(value) & bit) !== 0;

  const typedArrayTag = getter(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag);
  const tagOf = (value) => (isObjectLike(value) ? typedArrayTag.call(value) : undefined);
  const regExpSource = brand(getter(RegExp.prototype, "source"));
  const isArrayBuffer = brand(getter(ArrayBuffer.prototype, "byteLength"));
  const isSharedArrayBuffer = brand(getter(SharedArrayBuffer.prototype, "byteLength"));
  const isNumberObject = brand(Number.prototype.valueOf);
  const isStringObject = brand(String.prototype.valueOf);
  const isBooleanObject = brand(Boolean.prototype.valueOf);
  const isBigIntObject = brand(BigInt.prototype.valueOf);
  const isSymbolObject = brand(Symbol.prototype.valueOf);

  const types = {
    isExternal: kind(32),
    isDate: brand(Date.prototype.getTime),
    isArgumentsObject: kind(8),
    isBigIntObject,
    isBooleanObject,
    isNumberObject,
    isStringObject,
    isSymbolObject,
    isNativeError: kind(64),
    // RegExp.prototype answers `source` but is no RegExp.
    isRegExp: (value) => value !== RegExp.prototype && regExpSource(value),
    isAsyncFunction: kind(128),
    isGeneratorFunction: kind(256),
    isGeneratorObject: kind(1),
    isPromise: (value) => isObjectLike(value) && ops.promise_state(value) !== undefined,
    isMap: brand(getter(Map.prototype, "size")),
    isSet: brand(getter(Set.prototype, "size")),
    isMapIterator: kind(2),
    isSetIterator: kind(4),
    isWeakMap: brand(WeakMap.prototype.has),
    isWeakSet: brand(WeakSet.prototype.has),
    isArrayBuffer,
    isDataView: brand(getter(DataView.prototype, "buffer")),
    isSharedArrayBuffer,
    isProxy: (value) => isObjectLike(value) && ops.proxy_details(value) !== undefined,
    isModuleNamespaceObject: kind(16),
    isAnyArrayBuffer: (value) => isArrayBuffer(value) || isSharedArrayBuffer(value),
    isBoxedPrimitive: (value) =>
      isNumberObject(value) || isStringObject(value) || isBooleanObject(value) || isBigIntObject(value) ||
      isSymbolObject(value),
    isArrayBufferView: (value) => ArrayBuffer.isView(value),
    isTypedArray: (value) => tagOf(value) !== undefined,
  };
  for (const name of ["Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array", "Int8Array", "Int16Array",
    "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {
    types[`is${name}`] = (value) => tagOf(value) === name;
  }
  // KeyObject belongs to node:crypto, which registers its check when it loads.
  types.isKeyObject = (value) => (internal.nodeIsKeyObject !== undefined ? internal.nodeIsKeyObject(value) : false);
  types.isCryptoKey = (value) => isObjectLike(value) && value instanceof globalThis.CryptoKey;

  // Node's functions carry their names (`types.isDate.name === "isDate"`).
  for (const [name, fn] of Object.entries(types)) {
    Object.defineProperty(fn, "name", { value: name });
  }
  return types;
})
