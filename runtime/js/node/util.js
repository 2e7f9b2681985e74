// util.js: node:util. inspect and format are Kode's console formatter
// (runtime/js/inspect.js, Node's layout); the rest is Node's API written
// over Kode's builtins. The deep-equality algorithm (Node's rules for
// isDeepStrictEqual and node:assert) lives here and is shared through
// internal.nodeComparisons.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, argTypeError, invalidArgValue } = support;
  const types = support.builtin("node:util/types");

  const validateFunction = (value, name) => {
    if (typeof value !== "function") throw argTypeError(name, "Function", value);
  };
  const validateString = (value, name) => {
    if (typeof value !== "string") throw argTypeError(name, "string", value);
  };
  const validateBoolean = (value, name) => {
    if (typeof value !== "boolean") throw argTypeError(name, "boolean", value);
  };
  const validateObject = (value, name) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw argTypeError(name, "Object", value);
  };
  const validateArray = (value, name) => {
    if (!Array.isArray(value)) throw argTypeError(name, "Array", value);
  };

  // --- inspect -------------------------------------------------------------------
  const inspectDefaultOptions = {
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
  };

  // Kode's formatter honours showHidden, depth, customInspect, showProxy,
  // maxArrayLength, maxStringLength, breakLength and compact; colors,
  // sorted, getters and numericSeparator are accepted and have no effect.
  function inspect(value, opts) {
    const options = { ...inspectDefaultOptions };
    if (arguments.length > 1) {
      if (arguments[2] !== undefined) options.depth = arguments[2];
      if (arguments[3] !== undefined) options.colors = arguments[3];
      if (typeof opts === "boolean") options.showHidden = opts;
      else if (opts) {
        for (const key of Object.keys(opts)) {
          if (Object.hasOwn(inspectDefaultOptions, key) || key === "stylize") options[key] = opts[key];
        }
      }
    }
    if (options.compact === true) options.compact = 3;
    return support.inspect(value, options);
  }
  inspect.custom = Symbol.for("nodejs.util.inspect.custom");
  Object.defineProperty(inspect, "defaultOptions", {
    get: () => inspectDefaultOptions,
    set(options) {
      validateObject(options, "options");
      Object.assign(inspectDefaultOptions, options);
    },
    enumerable: true,
    configurable: true,
  });

  const colors = Object.assign(Object.create(null), {
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
    inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
    black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39],
    cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49],
    bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
    framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39], greenBright: [92, 39],
    yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39],
    whiteBright: [97, 39], bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49],
    bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49],
    bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
  });
  // Aliases are accessors, as in Node, so Object.keys lists the real names only.
  for (const [alias, name] of [["grey", "gray"], ["blackBright", "gray"], ["bgGrey", "bgGray"],
    ["bgBlackBright", "bgGray"], ["faint", "dim"], ["crossedout", "strikethrough"],
    ["strikeThrough", "strikethrough"], ["crossedOut", "strikethrough"], ["conceal", "hidden"],
    ["swapColors", "inverse"], ["swapcolors", "inverse"], ["doubleUnderline", "doubleunderline"]]) {
    Object.defineProperty(colors, alias, {
      get() {
        return this[name];
      },
      set(value) {
        Object.defineProperty(this, alias, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: false,
      configurable: true,
    });
  }
  inspect.colors = colors;
  inspect.styles = Object.assign(Object.create(null), {
    special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow", undefined: "grey", null: "bold",
    string: "green", symbol: "green", date: "magenta", regexp: "red", module: "underline",
  });

  // --- format ----------------------------------------------------------------------
  const formatNumber = (n) => (Object.is(n, -0) ? "-0" : `${n}`);

  function builtInNames() {
    return (builtInNames.set ??= new Set(Object.getOwnPropertyNames(globalThis).filter((n) => /^[A-Z][a-zA-Z0-9]+$/.test(n))));
  }

  // `%s` inspects objects whose string conversion is a builtin one.
  function hasBuiltInToString(value) {
    const details = ops.proxy_details(value);
    if (details !== undefined) {
      if (details[0] === null) return true;
      value = details[0];
    }
    if (typeof value[Symbol.toPrimitive] === "function" && Object.hasOwn(value, Symbol.toPrimitive)) return false;
    if (typeof value.toString !== "function") return typeof value[Symbol.toPrimitive] !== "function";
    if (Object.hasOwn(value, "toString")) return false;
    let pointer = value;
    do {
      pointer = Object.getPrototypeOf(pointer);
    } while (!Object.hasOwn(pointer, "toString") && !Object.hasOwn(pointer, Symbol.toPrimitive));
    const descriptor = Object.getOwnPropertyDescriptor(pointer, "constructor");
    return descriptor !== undefined && typeof descriptor.value === "function" && builtInNames().has(descriptor.value.name);
  }

  function tryStringify(value) {
    try {
      return JSON.stringify(value);
    } catch (error) {
      if (error instanceof TypeError && /circular/i.test(error.message)) return "[Circular]";
      throw error;
    }
  }

  function formatWithOptionsInternal(inspectOptions, args) {
    const first = args[0];
    let a = 0;
    let str = "";
    let join = "";
    const show = (value, extra) => inspect(value, { ...inspectOptions, ...extra });
    if (typeof first === "string") {
      if (args.length === 1) return first;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue;
        const next = first[++i];
        if (a + 1 !== args.length) {
          let piece;
          switch (next) {
            case "s": {
              const arg = args[++a];
              if (typeof arg === "number") piece = formatNumber(arg);
              else if (typeof arg === "bigint") piece = `${arg}n`;
              else if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) piece = String(arg);
              else piece = show(arg, { depth: 0, colors: false, compact: 3 });
              break;
            }
            case "j":
              piece = tryStringify(args[++a]);
              break;
            case "d": {
              const arg = args[++a];
              if (typeof arg === "bigint") piece = `${arg}n`;
              else if (typeof arg === "symbol") piece = "NaN";
              else piece = formatNumber(Number(arg));
              break;
            }
            case "O":
              piece = show(args[++a]);
              break;
            case "o":
              piece = show(args[++a], { showHidden: true, showProxy: true, depth: 4 });
              break;
            case "i": {
              const arg = args[++a];
              if (typeof arg === "bigint") piece = `${arg}n`;
              else if (typeof arg === "symbol") piece = "NaN";
              else piece = formatNumber(Number.parseInt(arg));
              break;
            }
            case "f": {
              const arg = args[++a];
              piece = typeof arg === "symbol" ? "NaN" : formatNumber(Number.parseFloat(arg));
              break;
            }
            case "c":
              a += 1;
              piece = "";
              break;
            case "%":
              str += first.slice(lastPos, i);
              lastPos = i + 1;
              continue;
            default:
              continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += piece;
          lastPos = i + 1;
        } else if (next === "%") {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
      if (lastPos !== 0) {
        a++;
        join = " ";
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join + (typeof value !== "string" ? show(value) : value);
      join = " ";
      a++;
    }
    return str;
  }

  function format(...args) {
    return formatWithOptionsInternal(undefined, args);
  }

  function formatWithOptions(inspectOptions, ...args) {
    validateObject(inspectOptions, "inspectOptions");
    return formatWithOptionsInternal(inspectOptions, args);
  }

  // --- deep equality (Node's comparisons) ---------------------------------------
  const kNoIterator = 0;
  const kIsArray = 1;
  const kIsSet = 2;
  const kIsMap = 3;
  const objectToString = (value) => Object.prototype.toString.call(value);
  const isEnumerable = (object, key) => Object.prototype.propertyIsEnumerable.call(object, key);
  const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  const isIndex = (key) => /^(0|[1-9][0-9]*)$/.test(key) && +key < 2 ** 32 - 1;

  // Own enumerable keys that are not array indices (symbols only when strict).
  function nonIndexKeys(value, strict) {
    const keys = Object.keys(value).filter((key) => !isIndex(key));
    if (strict) keys.push(...Object.getOwnPropertySymbols(value).filter((key) => isEnumerable(value, key)));
    return keys;
  }

  function sameBytes(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return false;
    }
    return true;
  }
  const bytesOf = (view) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

  function isEqualBoxedPrimitive(a, b) {
    if (types.isNumberObject(a)) return types.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
    if (types.isStringObject(a)) return types.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
    if (types.isBooleanObject(a)) return types.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
    if (types.isBigIntObject(a)) return types.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
    return types.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  }

  const isErrorLike = (value) => types.isNativeError(value) || value instanceof Error;
  const isURL = (value) => typeof globalThis.URL === "function" && value instanceof globalThis.URL;

  function innerDeepEqual(val1, val2, strict, memos) {
    if (val1 === val2) return val1 !== 0 || Object.is(val1, val2) || !strict;
    if (strict) {
      if (typeof val1 === "number") return Number.isNaN(val1) && Number.isNaN(val2);
      if (typeof val2 !== "object" || typeof val1 !== "object" || val1 === null || val2 === null ||
          Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) {
        return false;
      }
    } else {
      if (val1 === null || typeof val1 !== "object") {
        if (val2 === null || typeof val2 !== "object") {
          // eslint-disable-next-line eqeqeq
          return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
        }
        return false;
      }
      if (val2 === null || typeof val2 !== "object") return false;
    }
    const tag1 = objectToString(val1);
    if (tag1 !== objectToString(val2)) return false;

    if (Array.isArray(val1)) {
      if (!Array.isArray(val2) || val1.length !== val2.length) return false;
      const keys1 = nonIndexKeys(val1, strict);
      if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
      return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
    } else if (tag1 === "[object Object]") {
      return keyCheck(val1, val2, strict, memos, kNoIterator);
    } else if (types.isDate(val1)) {
      if (!types.isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
    } else if (types.isRegExp(val1)) {
      if (!types.isRegExp(val2) || val1.source !== val2.source || val1.flags !== val2.flags ||
          val1.lastIndex !== val2.lastIndex) {
        return false;
      }
    } else if (ArrayBuffer.isView(val1)) {
      if (typedArrayTag.call(val1) !== typedArrayTag.call(val2)) return false;
      if (!strict && (types.isFloat32Array(val1) || types.isFloat64Array(val1))) {
        if (val1.byteLength !== val2.byteLength) return false;
        for (let i = 0; i < val1.length; i++) {
          if (val1[i] !== val2[i]) return false;
        }
      } else if (val1.byteLength !== val2.byteLength || !sameBytes(bytesOf(val1), bytesOf(val2))) {
        return false;
      }
      const keys1 = nonIndexKeys(val1, strict);
      if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
      return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
    } else if (types.isSet(val1)) {
      if (!types.isSet(val2) || val1.size !== val2.size) return false;
      return keyCheck(val1, val2, strict, memos, kIsSet);
    } else if (types.isMap(val1)) {
      if (!types.isMap(val2) || val1.size !== val2.size) return false;
      return keyCheck(val1, val2, strict, memos, kIsMap);
    } else if (types.isAnyArrayBuffer(val1)) {
      if (!types.isAnyArrayBuffer(val2) || !sameBytes(new Uint8Array(val1), new Uint8Array(val2))) return false;
    } else if (isErrorLike(val1)) {
      if (!isErrorLike(val2)) return false;
      // The stack is not compared; message, name, cause and errors are, here
      // when they are not enumerable (keyCheck compares the enumerable ones).
      for (const key of ["message", "name"]) {
        const enumerable = isEnumerable(val1, key);
        if (enumerable !== isEnumerable(val2, key) || (!enumerable && val1[key] !== val2[key])) return false;
      }
      for (const key of ["cause", "errors"]) {
        const enumerable = isEnumerable(val1, key);
        if (enumerable !== isEnumerable(val2, key) ||
            (!enumerable && !innerDeepEqual(val1[key], val2[key], strict, memos))) {
          return false;
        }
      }
    } else if (types.isBoxedPrimitive(val1)) {
      if (!isEqualBoxedPrimitive(val1, val2)) return false;
    } else if (Array.isArray(val2) || ArrayBuffer.isView(val2) || types.isSet(val2) || types.isMap(val2) ||
        types.isDate(val2) || types.isRegExp(val2) || types.isAnyArrayBuffer(val2) ||
        types.isBoxedPrimitive(val2) || isErrorLike(val2)) {
      return false;
    } else if (types.isKeyObject(val1)) {
      if (!types.isKeyObject(val2) || !val1.equals(val2)) return false;
    } else if (types.isCryptoKey(val1)) {
      // A CryptoKey's key material is internal: only the same key is equal.
      if (val1 !== val2) return false;
    } else if (isURL(val1)) {
      if (!isURL(val2) || val1.href !== val2.href) return false;
    }
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  }

  function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
    const arrayLike = aKeys !== undefined;
    if (aKeys === undefined) aKeys = Object.keys(val1);
    for (const key of aKeys) {
      if (!isEnumerable(val2, key)) return false;
    }
    if (!arrayLike) {
      if (aKeys.length !== Object.keys(val2).length) return false;
      if (strict) {
        // Enumerable symbol keys count too.
        const symbolsA = Object.getOwnPropertySymbols(val1);
        let count = 0;
        for (const key of symbolsA) {
          if (isEnumerable(val1, key)) {
            if (!isEnumerable(val2, key)) return false;
            aKeys.push(key);
            count++;
          } else if (isEnumerable(val2, key)) {
            return false;
          }
        }
        const symbolsB = Object.getOwnPropertySymbols(val2);
        if (symbolsA.length !== symbolsB.length && symbolsB.filter((key) => isEnumerable(val2, key)).length !== count) {
          return false;
        }
      }
    }
    if (aKeys.length === 0 &&
        (iterationType === kNoIterator || (iterationType === kIsArray && val1.length === 0) || val1.size === 0)) {
      return true;
    }
    // Cycles: the outermost pair and one level below are remembered as is;
    // deeper, a set of every object on the current path. A pair met again
    // on its own path counts as equal.
    if (memos === undefined) {
      memos = { set: undefined, a: val1, b: val2, c: undefined, d: undefined, deep: false, deleteFailures: false };
      return objEquiv(val1, val2, strict, aKeys, memos, iterationType);
    }
    if (memos.set === undefined) {
      if (memos.deep === false) {
        if (memos.a === val1 && memos.b === val2) return true;
        memos.c = val1;
        memos.d = val2;
        memos.deep = true;
        const result = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
        memos.deep = false;
        return result;
      }
      memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
    }
    const { set } = memos;
    const size = set.size;
    set.add(val1);
    set.add(val2);
    if (size === set.size) return true;
    const equal = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
    if (equal || memos.deleteFailures) {
      set.delete(val1);
      set.delete(val2);
    }
    return equal;
  }

  function objEquiv(a, b, strict, keys, memos, iterationType) {
    for (const key of keys) {
      if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
    }
    if (iterationType === kIsArray) {
      for (let i = 0; i < a.length; i++) {
        if (Object.hasOwn(a, i)) {
          if (!Object.hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
        } else if (Object.hasOwn(b, i)) {
          return false;
        } else {
          // A sparse array: compare what is there.
          const keysA = Object.keys(a);
          for (; i < keysA.length; i++) {
            const key = keysA[i];
            if (!Object.hasOwn(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
          }
          return keysA.length === Object.keys(b).length;
        }
      }
    } else if (iterationType === kIsSet) {
      if (!setEquiv(a, b, strict, memos)) return false;
    } else if (iterationType === kIsMap) {
      if (!mapEquiv(a, b, strict, memos)) return false;
    }
    return true;
  }

  // Loose mode: which primitive might equal `prim` under ==; null when any may.
  function looseMatch(prim) {
    switch (typeof prim) {
      case "undefined":
        return null;
      case "object":
        return undefined;
      case "symbol":
        return false;
      case "string":
        prim = +prim;
      // falls through
      case "number":
        if (Number.isNaN(prim)) return false;
    }
    return true;
  }

  function setMightHaveLoosePrim(a, b, prim) {
    const alt = looseMatch(prim);
    if (alt != null) return alt;
    return b.has(alt) && !a.has(alt);
  }

  // Candidates that fail to match are cleaned from the path set meanwhile.
  function setHasEqualElement(set, value, strict, memos) {
    const { deleteFailures } = memos;
    memos.deleteFailures = true;
    try {
      for (const candidate of set) {
        if (innerDeepEqual(candidate, value, strict, memos)) {
          set.delete(candidate);
          return true;
        }
      }
      return false;
    } finally {
      memos.deleteFailures = deleteFailures;
    }
  }

  function setEquiv(a, b, strict, memos) {
    let set = null;
    for (const value of a) {
      if (b.has(value)) continue;
      if ((typeof value !== "object" || value === null) && (strict || !setMightHaveLoosePrim(a, b, value))) {
        return false;
      }
      if (set === null) {
        if (b.size === 1) return innerDeepEqual(value, b.values().next().value, strict, memos);
        set = new Set();
      }
      set.add(value);
    }
    if (set === null) return true;
    for (const value of b) {
      if (typeof value === "object" && value !== null) {
        if (!a.has(value) && !setHasEqualElement(set, value, strict, memos)) return false;
      } else if (!strict && !a.has(value) && !setHasEqualElement(set, value, strict, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }

  function mapHasEqualEntry(set, map, key2, item2, strict, memos) {
    const { deleteFailures } = memos;
    memos.deleteFailures = true;
    try {
      for (const key1 of set) {
        if (innerDeepEqual(key1, key2, strict, memos) && innerDeepEqual(map.get(key1), item2, strict, memos)) {
          set.delete(key1);
          return true;
        }
      }
      return false;
    } finally {
      memos.deleteFailures = deleteFailures;
    }
  }

  function mapMightHaveLoosePrim(a, b, prim, item, memos) {
    const alt = looseMatch(prim);
    if (alt != null) return alt;
    const current = b.get(alt);
    if ((current === undefined && !b.has(alt)) || !innerDeepEqual(item, current, false, memos)) return false;
    return !a.has(alt) && innerDeepEqual(item, current, false, memos);
  }

  function mapEquiv(a, b, strict, memos) {
    let set = null;
    for (const [key, item1] of a) {
      if (typeof key === "object" && key !== null) {
        if (set === null) {
          if (b.size === 1) {
            const [key2, item2] = b.entries().next().value;
            return innerDeepEqual(key, key2, strict, memos) && innerDeepEqual(item1, item2, strict, memos);
          }
          set = new Set();
        }
        set.add(key);
      } else {
        const item2 = b.get(key);
        if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memos)) {
          if (strict) return false;
          if (!mapMightHaveLoosePrim(a, b, key, item1, memos)) return false;
          (set ??= new Set()).add(key);
        }
      }
    }
    if (set === null) return true;
    for (const [key, item] of b) {
      if (typeof key === "object" && key !== null) {
        if (!mapHasEqualEntry(set, a, key, item, strict, memos)) return false;
      } else if (!strict && (!a.has(key) || !innerDeepEqual(a.get(key), item, strict, memos)) &&
          !mapHasEqualEntry(set, a, key, item, strict, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }

  const isDeepEqual = (a, b) => innerDeepEqual(a, b, false);
  const isDeepStrictEqual = (a, b) => innerDeepEqual(a, b, true);
  internal.nodeComparisons = { isDeepEqual, isDeepStrictEqual };

  // --- functions -------------------------------------------------------------------
  const kCustomPromisified = Symbol.for("nodejs.util.promisify.custom");

  function promisify(original) {
    validateFunction(original, "original");
    if (original[kCustomPromisified]) {
      const fn = original[kCustomPromisified];
      validateFunction(fn, "util.promisify.custom");
      return Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    // Node's own callback APIs with several results name them (exec: stdout, stderr).
    const argumentNames = original[support.customPromisifyArgs];
    function fn(...args) {
      return new Promise((resolve, reject) => {
        args.push((err, ...values) => {
          if (err) return reject(err);
          if (argumentNames !== undefined && values.length > 1) {
            const result = {};
            for (let i = 0; i < argumentNames.length; i++) result[argumentNames[i]] = values[i];
            resolve(result);
          } else {
            resolve(values[0]);
          }
        });
        Reflect.apply(original, this, args);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = kCustomPromisified;

  function callbackify(original) {
    validateFunction(original, "original");
    function callbackified(...args) {
      const maybeCb = args.pop();
      validateFunction(maybeCb, "last argument");
      const cb = maybeCb.bind(this);
      Reflect.apply(original, this, args).then(
        (value) => support.nextTick(cb, null, value),
        (reason) => {
          if (!reason) {
            const error = nodeError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
            error.reason = reason;
            reason = error;
          }
          support.nextTick(cb, reason);
        },
      );
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === "number") descriptors.length.value++;
    if (typeof descriptors.name.value === "string") descriptors.name.value += "Callbackified";
    Object.defineProperties(callbackified, descriptors);
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw argTypeError("ctor", "Function", ctor);
    if (superCtor === undefined || superCtor === null) throw argTypeError("superCtor", "Function", superCtor);
    if (superCtor.prototype === undefined) throw argTypeError("superCtor.prototype", "Object", superCtor.prototype);
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  const codesWarned = new Set();
  function deprecate(fn, msg, code) {
    validateFunction(fn, "fn");
    if (code !== undefined) validateString(code, "code");
    let warned = false;
    function deprecated(...args) {
      if (!warned && !internal.nodeNoDeprecation) {
        warned = true;
        if (code === undefined) support.emitWarning(msg, "DeprecationWarning");
        else if (!codesWarned.has(code)) {
          codesWarned.add(code);
          support.emitWarning(msg, "DeprecationWarning", code);
        }
      }
      if (new.target) return Reflect.construct(fn, args, new.target);
      return Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  // NODE_DEBUG=net,http* turns the matching sections on; their lines go to
  // stderr as "SECTION PID: message".
  let debugPattern;
  function debugEnabled(set) {
    if (debugPattern === undefined) {
      const value = internal.Kode.env.get("NODE_DEBUG");
      debugPattern = value
        ? new RegExp(`^(${value.replace(/[|\\{}()[\]^$+?.]/g, "\\$&").replace(/\*/g, ".*").replace(/,/g, "$|^")})$`, "i")
        : null;
    }
    return debugPattern !== null && debugPattern.test(set);
  }

  function debuglog(set, cb) {
    set = String(set).toUpperCase();
    let impl;
    const init = () => {
      if (impl !== undefined) return;
      if (debugEnabled(set)) {
        impl = (...args) => {
          ops.print(`${set} ${support.pid()}: ${format(...args)}\n`, 2);
        };
      } else {
        impl = () => {};
      }
      if (typeof cb === "function") cb(impl);
    };
    const logger = (...args) => {
      init();
      impl(...args);
    };
    Object.defineProperty(logger, "enabled", {
      get() {
        return debugEnabled(set);
      },
      configurable: true,
      enumerable: true,
    });
    return logger;
  }

  // --- parseArgs --------------------------------------------------------------------
  const parseError = (code, message) => nodeError(TypeError, code, message);
  const ownValue = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);
  const optionOf = (options, name, key) => (Object.hasOwn(options, name) ? ownValue(options[name], key) : undefined);
  const findLongForShort = (short, options) =>
    Object.entries(options).find(([, config]) => ownValue(config, "short") === short)?.[0] ?? short;

  function argsToTokens(args, options) {
    const tokens = [];
    let index = -1;
    let groupCount = 0;
    const remaining = args.slice();
    while (remaining.length > 0) {
      const arg = remaining.shift();
      const next = remaining[0];
      if (groupCount > 0) groupCount--;
      else index++;
      if (arg === "--") {
        tokens.push({ kind: "option-terminator", index });
        for (const value of remaining) tokens.push({ kind: "positional", index: ++index, value });
        break;
      }
      const isShort = arg.length >= 2 && arg[0] === "-" && arg[1] !== "-";
      if (isShort && arg.length === 2) {
        const name = findLongForShort(arg[1], options);
        let value;
        let inlineValue;
        if (optionOf(options, name, "type") === "string" && next != null) {
          value = remaining.shift();
          inlineValue = false;
        }
        tokens.push({ kind: "option", name, rawName: arg, index, value, inlineValue });
        if (value != null) ++index;
        continue;
      }
      if (isShort && optionOf(options, findLongForShort(arg[1], options), "type") !== "string") {
        // -abc is -a -b -c; a string option takes the rest (-abfFILE).
        const expanded = [];
        for (let i = 1; i < arg.length; i++) {
          const short = arg[i];
          if (optionOf(options, findLongForShort(short, options), "type") !== "string" || i === arg.length - 1) {
            expanded.push(`-${short}`);
          } else {
            expanded.push(`-${arg.slice(i)}`);
            break;
          }
        }
        remaining.unshift(...expanded);
        groupCount = expanded.length;
        continue;
      }
      if (isShort) {
        const name = findLongForShort(arg[1], options);
        tokens.push({ kind: "option", name, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
        continue;
      }
      if (arg.length > 2 && arg.startsWith("--") && !arg.includes("=", 3)) {
        const name = arg.slice(2);
        let value;
        let inlineValue;
        if (optionOf(options, name, "type") === "string" && next != null) {
          value = remaining.shift();
          inlineValue = false;
        }
        tokens.push({ kind: "option", name, rawName: arg, index, value, inlineValue });
        if (value != null) ++index;
        continue;
      }
      if (arg.length > 2 && arg.startsWith("--")) {
        const equals = arg.indexOf("=");
        const name = arg.slice(2, equals);
        tokens.push({ kind: "option", name, rawName: `--${name}`, index, value: arg.slice(equals + 1), inlineValue: true });
        continue;
      }
      tokens.push({ kind: "positional", index, value: arg });
    }
    return tokens;
  }

  function unknownOption(rawName, allowPositionals) {
    const hint = allowPositionals
      ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(rawName)}`
      : "";
    return parseError("ERR_PARSE_ARGS_UNKNOWN_OPTION", `Unknown option '${rawName}'${hint}`);
  }

  function checkOptionUsage(config, token) {
    let name = token.name;
    if (!Object.hasOwn(config.options, name)) {
      if (config.allowNegative && name.startsWith("no-")) {
        name = name.slice(3);
        if (!Object.hasOwn(config.options, name) || optionOf(config.options, name, "type") !== "boolean") {
          throw unknownOption(token.rawName, config.allowPositionals);
        }
      } else {
        throw unknownOption(token.rawName, config.allowPositionals);
      }
    }
    const short = optionOf(config.options, name, "short");
    const shortAndLong = `${short ? `-${short}, ` : ""}--${name}`;
    const type = optionOf(config.options, name, "type");
    if (type === "string" && typeof token.value !== "string") {
      throw parseError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", `Option '${shortAndLong} <value>' argument missing`);
    }
    if (type === "boolean" && token.value != null) {
      throw parseError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", `Option '${shortAndLong}' does not take an argument`);
    }
  }

  function checkOptionLikeValue(token) {
    if (!token.inlineValue && token.value != null && token.value.length > 1 && token.value[0] === "-") {
      const example = token.rawName.startsWith("--")
        ? `'${token.rawName}=-XYZ'`
        : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
      throw parseError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
        `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`);
    }
  }

  function storeOption(name, value, options, values, allowNegative) {
    if (name === "__proto__") return;
    if (allowNegative && name.startsWith("no-") && value === undefined) {
      // --no-color sets color to false.
      name = name.slice(3);
      value = false;
    }
    const newValue = value ?? true;
    if (optionOf(options, name, "multiple")) {
      if (values[name]) values[name].push(newValue);
      else values[name] = [newValue];
    } else {
      values[name] = newValue;
    }
  }

  function parseArgs(config = {}) {
    const args = ownValue(config, "args") ?? internal.Kode.args.values.slice();
    const strict = ownValue(config, "strict") ?? true;
    const allowPositionals = ownValue(config, "allowPositionals") ?? !strict;
    const returnTokens = ownValue(config, "tokens") ?? false;
    const allowNegative = ownValue(config, "allowNegative") ?? false;
    const options = ownValue(config, "options") ?? { __proto__: null };
    validateArray(args, "args");
    validateBoolean(strict, "strict");
    validateBoolean(allowPositionals, "allowPositionals");
    validateBoolean(returnTokens, "tokens");
    validateBoolean(allowNegative, "allowNegative");
    validateObject(options, "options");
    for (const [name, optionConfig] of Object.entries(options)) {
      validateObject(optionConfig, `options.${name}`);
      const type = ownValue(optionConfig, "type");
      if (type !== "string" && type !== "boolean") throw argTypeError(`options.${name}.type`, "('string|boolean')", type);
      if (Object.hasOwn(optionConfig, "short")) {
        const short = optionConfig.short;
        validateString(short, `options.${name}.short`);
        if (short.length !== 1) throw invalidArgValue(`options.${name}.short`, short, "must be a single character");
      }
      const multiple = ownValue(optionConfig, "multiple");
      if (Object.hasOwn(optionConfig, "multiple")) validateBoolean(multiple, `options.${name}.multiple`);
      const defaultValue = ownValue(optionConfig, "default");
      if (defaultValue !== undefined) {
        const check = type === "string" ? validateString : validateBoolean;
        const field = `options.${name}.default`;
        if (multiple) {
          validateArray(defaultValue, field);
          defaultValue.forEach((item, i) => check(item, `${field}[${i}]`));
        } else {
          check(defaultValue, field);
        }
      }
    }
    const tokens = argsToTokens(args, options);
    const result = { values: { __proto__: null }, positionals: [] };
    if (returnTokens) result.tokens = tokens;
    const parseConfig = { options, allowPositionals, allowNegative };
    for (const token of tokens) {
      if (token.kind === "option") {
        if (strict) {
          checkOptionUsage(parseConfig, token);
          checkOptionLikeValue(token);
        }
        storeOption(token.name, token.value, options, result.values, allowNegative);
      } else if (token.kind === "positional") {
        if (!allowPositionals) {
          throw parseError("ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL",
            `Unexpected argument '${token.value}'. This command does not take positional arguments`);
        }
        result.positionals.push(token.value);
      }
    }
    for (const [name, optionConfig] of Object.entries(options)) {
      const defaultValue = ownValue(optionConfig, "default");
      if (defaultValue !== undefined && result.values[name] === undefined && name !== "__proto__") {
        result.values[name] = defaultValue;
      }
    }
    return result;
  }

  // --- text --------------------------------------------------------------------------
  // ANSI escape sequences (CSI and OSC), as Node strips them.
  const ansi = new RegExp(
    "[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?" +
    "(?:\\u0007|\\u001B\\u005C|\\u009C))|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))", "g");

  function stripVTControlCharacters(str) {
    validateString(str, "str");
    return str.replace(ansi, "");
  }

  function toUSVString(input) {
    return `${input}`.toWellFormed();
  }

  // Node 22: styles only when the stream (stdout by default) is a terminal
  // and the environment does not turn colors off.
  function shouldColorize(stream) {
    const env = internal.Kode.env;
    if (env.has("FORCE_COLOR")) return env.get("FORCE_COLOR") !== "0" && env.get("FORCE_COLOR") !== "false";
    if (env.has("NO_COLOR") || env.has("NODE_DISABLE_COLORS") || env.get("TERM") === "dumb") return false;
    if (stream === undefined) return ops.node_tty_info(1) !== undefined;
    return Boolean(stream && stream.isTTY);
  }

  function styleText(format, text, { validateStream = true, stream } = {}) {
    validateString(text, "text");
    validateBoolean(validateStream, "options.validateStream");
    const formats = Array.isArray(format) ? format : [format];
    let left = "";
    let right = "";
    for (const key of formats) {
      const code = typeof key === "string" && key !== "none" ? colors[key] : key === "none" ? [] : undefined;
      if (code === undefined) {
        throw invalidArgValue("format", key, `must be one of: ${Object.keys(colors).map((k) => `'${k}'`).join(", ")}`);
      }
      if (code.length === 0) continue;
      left += `\u001b[${code[0]}m`;
      right = `\u001b[${code[1]}m${right}`;
    }
    if (validateStream && !shouldColorize(stream)) return text;
    return `${left}${text}${right}`;
  }

  // --- errors of the system ---------------------------------------------------------------
  // libuv's messages, by error name.
  const uvMessages = {
    E2BIG: "argument list too long", EACCES: "permission denied", EADDRINUSE: "address already in use",
    EADDRNOTAVAIL: "address not available", EAFNOSUPPORT: "address family not supported",
    EAGAIN: "resource temporarily unavailable", EALREADY: "connection already in progress",
    EBADF: "bad file descriptor", EBUSY: "resource busy or locked", ECANCELED: "operation canceled",
    ECONNABORTED: "software caused connection abort", ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset by peer", EDESTADDRREQ: "destination address required",
    EEXIST: "file already exists", EFAULT: "bad address in system call argument", EFBIG: "file too large",
    EHOSTUNREACH: "host is unreachable", EINTR: "interrupted system call", EINVAL: "invalid argument",
    EIO: "i/o error", EISCONN: "socket is already connected", EISDIR: "illegal operation on a directory",
    ELOOP: "too many symbolic links encountered", EMFILE: "too many open files", EMSGSIZE: "message too long",
    ENAMETOOLONG: "name too long", ENETDOWN: "network is down", ENETUNREACH: "network is unreachable",
    ENFILE: "file table overflow", ENOBUFS: "no buffer space available", ENODEV: "no such device",
    ENOENT: "no such file or directory", ENOMEM: "not enough memory", ENOSPC: "no space left on device",
    ENOSYS: "function not implemented", ENOTCONN: "socket is not connected", ENOTDIR: "not a directory",
    ENOTEMPTY: "directory not empty", ENOTSOCK: "socket operation on non-socket",
    ENOTSUP: "operation not supported on socket", EOVERFLOW: "value too large for defined data type",
    EPERM: "operation not permitted", EPIPE: "broken pipe", EPROTO: "protocol error",
    EPROTONOSUPPORT: "protocol not supported", EPROTOTYPE: "protocol wrong type for socket",
    ERANGE: "result too large", EROFS: "read-only file system", ESPIPE: "invalid seek",
    ESRCH: "no such process", ETIMEDOUT: "connection timed out", ETXTBSY: "text file is busy",
    EXDEV: "cross-device link not permitted", ENXIO: "no such device or address", EMLINK: "too many links",
    ENOTTY: "inappropriate ioctl for device", EILSEQ: "illegal byte sequence",
  };
  let errorMap;
  function getSystemErrorMap() {
    if (errorMap === undefined) {
      errorMap = new Map();
      const [errno] = ops.node_os_constants();
      for (const [name, number] of Object.entries(errno)) {
        if (!errorMap.has(-number)) errorMap.set(-number, [name, uvMessages[name] ?? "unknown error"]);
      }
    }
    return errorMap;
  }
  function validateErrno(err, name = "err") {
    if (typeof err !== "number") throw argTypeError(name, "number", err);
    if (!Number.isInteger(err)) throw support.outOfRange(name, "an integer", err);
    if (err >= 0) throw support.outOfRange(name, "a negative integer", err);
  }
  function getSystemErrorName(err) {
    validateErrno(err);
    return getSystemErrorMap().get(err)?.[0] ?? `Unknown system error ${err}`;
  }
  function getSystemErrorMessage(err) {
    validateErrno(err);
    return getSystemErrorMap().get(err)?.[1] ?? `Unknown system error ${err}`;
  }

  // Legacy helpers Node's own modules exported (packages still call them).
  function _errnoException(err, syscall, original) {
    const name = getSystemErrorName(err);
    const message = original ? `${syscall} ${name} ${original}` : `${syscall} ${name}`;
    const error = new Error(message);
    error.errno = err;
    error.code = name;
    error.syscall = syscall;
    return error;
  }
  function _exceptionWithHostPort(err, syscall, address, port, additional) {
    const name = getSystemErrorName(err);
    let details = "";
    if (port && port > 0) details = ` ${address}:${port}`;
    else if (address) details = ` ${address}`;
    if (additional) details += ` - Local (${additional})`;
    const error = new Error(`${syscall} ${name}${details}`);
    error.errno = err;
    error.code = name;
    error.syscall = syscall;
    error.address = address;
    if (port) error.port = port;
    return error;
  }

  function _extend(target, source) {
    if (source === null || typeof source !== "object") return target;
    const keys = Object.keys(source);
    let i = keys.length;
    while (i--) target[keys[i]] = source[keys[i]];
    return target;
  }

  // util.log: "27 Jan 13:05:08 - message".
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function log(...args) {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    ops.print(`${d.getDate()} ${months[d.getMonth()]} ${time} - ${format(...args)}\n`, 1);
  }

  async function aborted(signal, resource) {
    if (!(signal instanceof AbortSignal)) {
      throw argTypeError("signal", "AbortSignal", signal);
    }
    if (resource === null || (typeof resource !== "object" && typeof resource !== "function")) {
      throw argTypeError("resource", "object", resource);
    }
    if (signal.aborted) return;
    return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  }

  // parseEnv: the dotenv format Node reads with --env-file.
  function parseEnv(content) {
    validateString(content, "content");
    const result = {};
    const lines = content.replace(/\r\n?/g, "\n");
    const line = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\n]+)?\s*(?:#.*)?$/gm;
    for (const match of lines.matchAll(line)) {
      let value = (match[2] ?? "").trim();
      const quote = value[0];
      if ((quote === "'" || quote === '"' || quote === "`") && value.endsWith(quote)) {
        value = value.slice(1, -1);
        if (quote === '"') value = value.replace(/\\n/g, "\n");
      }
      result[match[1]] = value;
    }
    return result;
  }

  // --- MIMEType ---------------------------------------------------------------------
  const mime = () => internal.loadInternal("kode:internal/mime");
  const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const quotedPattern = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;
  const invalidMime = (production, str) =>
    nodeError(TypeError, "ERR_INVALID_MIME_SYNTAX", `The MIME syntax for a ${production} in "${str}" is invalid`);

  class MIMEParams {
    #map = new Map();
    delete(name) {
      this.#map.delete(`${name}`);
    }
    get(name) {
      return this.#map.get(`${name}`) ?? null;
    }
    has(name) {
      return this.#map.has(`${name}`);
    }
    set(name, value) {
      name = `${name}`;
      value = `${value}`;
      if (name.length === 0 || !tokenPattern.test(name)) throw invalidMime("parameter name", name);
      if (!quotedPattern.test(value)) throw invalidMime("parameter value", value);
      this.#map.set(name, value);
    }
    *entries() {
      yield* this.#map.entries();
    }
    *keys() {
      yield* this.#map.keys();
    }
    *values() {
      yield* this.#map.values();
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString() {
      let text = "";
      for (const [name, value] of this.#map) {
        const shown = value.length === 0 || !tokenPattern.test(value) ? `"${value.replace(/["\\]/g, "\\$&")}"` : value;
        text += `${text ? ";" : ""}${name}=${shown}`;
      }
      return text;
    }
    toJSON() {
      return this.toString();
    }
  }

  class MIMEType {
    #type;
    #subtype;
    #params = new MIMEParams();
    constructor(string) {
      string = `${string}`;
      const record = mime().parse(string);
      if (record === null) throw invalidMime(string.includes("/") ? "subtype" : "type", string);
      this.#type = record.type;
      this.#subtype = record.subtype;
      for (const [name, value] of record.parameters) this.#params.set(name, value);
    }
    get type() {
      return this.#type;
    }
    set type(value) {
      value = `${value}`;
      if (value.length === 0 || !tokenPattern.test(value)) throw invalidMime("type", value);
      this.#type = value.toLowerCase();
    }
    get subtype() {
      return this.#subtype;
    }
    set subtype(value) {
      value = `${value}`;
      if (value.length === 0 || !tokenPattern.test(value)) throw invalidMime("subtype", value);
      this.#subtype = value.toLowerCase();
    }
    get essence() {
      return `${this.#type}/${this.#subtype}`;
    }
    get params() {
      return this.#params;
    }
    toString() {
      const params = this.#params.toString();
      return params ? `${this.essence};${params}` : this.essence;
    }
    toJSON() {
      return this.toString();
    }
  }

  // --- the module --------------------------------------------------------------------
  const exports = {
    _errnoException,
    _exceptionWithHostPort,
    _extend: deprecate(_extend, "The `util._extend` API is deprecated. Please use Object.assign() instead.", "DEP0060"),
    callbackify,
    debug: debuglog,
    debuglog,
    deprecate,
    format,
    formatWithOptions,
    getCallSites: support.unsupportedFunction("util.getCallSites"),
    getSystemErrorMap,
    getSystemErrorName,
    inherits,
    inspect,
    isArray: deprecate(Array.isArray, "The `util.isArray` API is deprecated. Please use `Array.isArray()` instead.", "DEP0044"),
    isBoolean: deprecate((value) => typeof value === "boolean", "The `util.isBoolean` API is deprecated. Please use `typeof arg === \"boolean\"` instead.", "DEP0045"),
    isBuffer: deprecate((value) => support.builtin("node:buffer").Buffer.isBuffer(value), "The `util.isBuffer` API is deprecated. Please use `Buffer.isBuffer()` instead.", "DEP0046"),
    isDate: deprecate(types.isDate, "The `util.isDate` API is deprecated. Please use `arg instanceof Date` instead.", "DEP0047"),
    isDeepStrictEqual,
    isError: deprecate((value) => Object.prototype.toString.call(value) === "[object Error]" || value instanceof Error, "The `util.isError` API is deprecated. Please use `ObjectPrototypeToString(e) === \"[object Error]\" || e instanceof Error` instead.", "DEP0048"),
    isFunction: deprecate((value) => typeof value === "function", "The `util.isFunction` API is deprecated. Please use `typeof arg === \"function\"` instead.", "DEP0049"),
    isNull: deprecate((value) => value === null, "The `util.isNull` API is deprecated. Please use `arg === null` instead.", "DEP0050"),
    isNullOrUndefined: deprecate((value) => value === null || value === undefined, "The `util.isNullOrUndefined` API is deprecated. Please use `arg === null || arg === undefined` instead.", "DEP0051"),
    isNumber: deprecate((value) => typeof value === "number", "The `util.isNumber` API is deprecated. Please use `typeof arg === \"number\"` instead.", "DEP0052"),
    isObject: deprecate((value) => value !== null && typeof value === "object", "The `util.isObject` API is deprecated. Please use `arg !== null && typeof arg === \"object\"` instead.", "DEP0053"),
    isPrimitive: deprecate((value) => value === null || (typeof value !== "object" && typeof value !== "function"), "The `util.isPrimitive` API is deprecated. Please use `arg === null || (typeof arg !== \"object\" && typeof arg !== \"function\")` instead.", "DEP0054"),
    isRegExp: deprecate(types.isRegExp, "The `util.isRegExp` API is deprecated. Please use `arg instanceof RegExp` instead.", "DEP0055"),
    isString: deprecate((value) => typeof value === "string", "The `util.isString` API is deprecated. Please use `typeof arg === \"string\"` instead.", "DEP0056"),
    isSymbol: deprecate((value) => typeof value === "symbol", "The `util.isSymbol` API is deprecated. Please use `arg === \"symbol\"` instead.", "DEP0057"),
    isUndefined: deprecate((value) => value === undefined, "The `util.isUndefined` API is deprecated. Please use `arg === undefined` instead.", "DEP0058"),
    log: deprecate(log, "The `util.log API is deprecated. Please use console.log() with a custom formatter or a third-party logger instead.", "DEP0059"),
    MIMEParams,
    MIMEType,
    parseArgs,
    parseEnv,
    promisify,
    stripVTControlCharacters,
    styleText,
    toUSVString,
    transferableAbortController: support.unsupportedFunction("util.transferableAbortController"),
    transferableAbortSignal: support.unsupportedFunction("util.transferableAbortSignal"),
    types,
    aborted,
  };
  // Node's names for the deprecated wrappers are the originals'.
  for (const name of ["_extend", "isArray", "isDate", "isRegExp", "log", "isBoolean", "isBuffer", "isError", "isFunction", "isNull", "isNullOrUndefined", "isNumber",
    "isObject", "isPrimitive", "isString", "isSymbol", "isUndefined"]) {
    Object.defineProperty(exports[name], "name", { value: name });
  }
  for (const name of ["TextEncoder", "TextDecoder"]) {
    Object.defineProperty(exports, name, { value: globalThis[name], writable: true, enumerable: true, configurable: true });
  }
  return exports;
})
