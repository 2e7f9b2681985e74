// inspect.js: console formatting (util.inspect / util.format subset, Node-compatible output).
//
// Layout and line breaking follow Node 20's lib/internal/util/inspect.js, so
// console output matches Node's byte for byte. Promise state is invisible to
// plain JS: the runtime installs `inspect.promiseState(p)` returning
// `{ state: "pending" | "fulfilled" | "rejected", value }`, and proxies are
// seen through with `inspect.proxyDetails(v)` returning `[target, handler]`
// (both null once revoked) or undefined: a proxy prints as its target (`%o`
// and `showProxy`: `Proxy [ target, handler ]`) and none of its traps runs.
// Getters are not called (`[Getter]`). The few reads Node makes that can reach
// user code (an error's name/message/stack/cause, Symbol.toStringTag, the
// custom inspect symbol, `instanceof`, and so the traps of a proxy used as a
// prototype) fall back instead of throwing. User code Node runs on purpose
// still runs: custom inspect functions, a Map or Set subclass's iterator,
// toJSON for `%j`, valueOf for `%d`.
// Known gaps (no engine internals here): Map/Set iterators and %o of
// WeakMap/WeakSet print `<items unknown>`, and a builtin object whose
// prototype chain was replaced by a user one without Symbol.toStringTag prints
// as a plain object.
(function () {
  "use strict";

  // ---------------------------------------------------------------------------
  // Type checks. A builtin method or getter throws on a foreign receiver, which
  // gives side-effect-free brand checks in plain ECMAScript.

  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
  // Reads Symbol.toStringTag, which a user getter may answer (or throw from).
  const objectTag = (v) => attempt(() => Object.prototype.toString.call(v), "[object Object]");
  const getterOf = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;

  function attempt(fn, fallback) {
    try {
      return fn();
    } catch {
      return fallback;
    }
  }
  const brand = (method) => (v) => attempt(() => (method.call(v), true), false);
  // `object instanceof ctor`. A proxy in the prototype chain whose trap throws
  // stands for its target instead.
  const isInstanceof = (object, ctor) => attempt(() => object instanceof ctor) ?? inheritsFrom(object, ctor);
  function inheritsFrom(object, ctor) {
    const prototype = attempt(() => ctor.prototype);
    for (let o = lookThrough(object); o !== null && o !== undefined;) {
      o = lookThrough(Object.getPrototypeOf(o));
      if (o === prototype) return true;
    }
    return false;
  }

  const mapSize = getterOf(Map.prototype, "size");
  const setSize = getterOf(Set.prototype, "size");
  const isMap = brand(mapSize);
  const isSet = brand(setSize);
  const isWeakMap = brand(WeakMap.prototype.has);
  const isWeakSet = brand(WeakSet.prototype.has);
  const isDate = brand(Date.prototype.getTime);
  const isArrayBuffer = brand(getterOf(ArrayBuffer.prototype, "byteLength"));
  const isSharedArrayBuffer = typeof SharedArrayBuffer === "function"
    ? brand(getterOf(SharedArrayBuffer.prototype, "byteLength")) : () => false;
  // `buffer` (unlike `byteLength`) does not throw for a detached DataView.
  const isDataView = brand(getterOf(DataView.prototype, "buffer"));
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayName = getterOf(TypedArrayPrototype, Symbol.toStringTag);
  const typedArrayLength = getterOf(TypedArrayPrototype, "length");
  const isTypedArray = (v) => typedArrayName.call(v) !== undefined;
  const hasRegExpSource = brand(getterOf(RegExp.prototype, "source"));
  // RegExp.prototype answers `source` with "(?:)" but is no RegExp.
  const isRegExp = (v) => v !== RegExp.prototype && hasRegExpSource(v);
  const isError = (v) => objectTag(v) === "[object Error]" || isInstanceof(v, Error);
  const isArguments = (v) => objectTag(v) === "[object Arguments]";
  // `then` would mark a rejection handled; the tag is the side-effect-free test.
  const isPromise = (v) => v !== Promise.prototype && objectTag(v) === "[object Promise]";
  const iteratorType = (v) => /^\[object (Map|Set) Iterator\]$/.exec(objectTag(v))?.[1];

  // A proxy (at any depth of proxies) stands for its target; null when revoked.
  const proxyDetails = (v) => (typeof inspect.proxyDetails === "function" ? inspect.proxyDetails(v) : undefined);
  function lookThrough(v) {
    for (let details = proxyDetails(v); details !== undefined; details = proxyDetails(v)) v = details[0];
    return v;
  }

  const boxedTypes = [["Number", Number], ["String", String], ["Boolean", Boolean], ["BigInt", BigInt], ["Symbol", Symbol]]
    .map(([type, ctor]) => ({ type, valueOf: ctor.prototype.valueOf, test: brand(ctor.prototype.valueOf) }));
  const boxedType = (v) => boxedTypes.find((b) => b.test(v));

  const protoOf = (fn) => Object.getPrototypeOf(fn);
  const AsyncFunctionProto = protoOf(async function () {});
  const GeneratorFunctionProto = protoOf(function* () {});
  const AsyncGeneratorFunctionProto = protoOf(async function* () {});
  const isAsyncFunction = (fn) => AsyncFunctionProto.isPrototypeOf(fn) || AsyncGeneratorFunctionProto.isPrototypeOf(fn);
  const isGeneratorFunction = (fn) =>
    GeneratorFunctionProto.isPrototypeOf(fn) || AsyncGeneratorFunctionProto.isPrototypeOf(fn);

  // Stand-in for V8's GetConstructorName; only used for null-prototype objects.
  function internalConstructorName(v) {
    if (Array.isArray(v)) return "Array";
    if (typeof v === "function") return "Function";
    if (isMap(v)) return "Map";
    if (isSet(v)) return "Set";
    if (isTypedArray(v)) return typedArrayName.call(v);
    if (isError(v)) return "Error";
    if (isDate(v)) return "Date";
    if (isRegExp(v)) return "RegExp";
    return boxedType(v)?.type ?? "Object";
  }

  // Global constructor names, collected on first use so that runtime globals
  // installed after this file is evaluated count as built-in (as in Node).
  let builtInObjects;
  function isBuiltInName(name) {
    builtInObjects ??= new Set(Object.getOwnPropertyNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));
    return builtInObjects.has(name);
  }

  // ---------------------------------------------------------------------------
  // Constants and options

  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;
  const kMinLineLength = 16;
  const customInspectSymbol = Symbol.for("nodejs.util.inspect.custom");
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const classRegExp = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;

  // C0/C1 controls, lone surrogates, `\`, and `'` unless another quote is used.
  const loneSurrogate = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
  const escapeQuoted = new RegExp(`[\\x00-\\x1f\\x27\\x5c\\x7f-\\x9f]|${loneSurrogate}`, "g");
  const escapePlain = new RegExp(`[\\x00-\\x1f\\x5c\\x7f-\\x9f]|${loneSurrogate}`, "g");
  const testQuoted = new RegExp(escapeQuoted.source);
  const testPlain = new RegExp(escapePlain.source);

  const meta = [];
  for (let c = 0; c < 0xa0; c++) {
    meta.push(c < 0x20 || c >= 0x7f ? `\\x${c.toString(16).toUpperCase().padStart(2, "0")}` : "");
  }
  Object.assign(meta, { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 39: "\\'", 92: "\\\\" });

  const defaultOptions = {
    showHidden: false, depth: 2, customInspect: true, showProxy: false, maxArrayLength: 100,
    maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false,
  };
  const pickOptions = (ctx) => Object.fromEntries(Object.keys(defaultOptions).map((k) => [k, ctx[k]]));

  // ---------------------------------------------------------------------------
  // Entry point

  function inspect(value, opts) {
    const ctx = { ...defaultOptions, seen: [], circular: undefined, indentationLvl: 0, currentDepth: 0 };
    if (typeof opts === "boolean") ctx.showHidden = opts; // legacy inspect(value, showHidden)
    for (const key of opts !== null && typeof opts === "object" ? Object.keys(opts) : []) {
      if (hasOwn(defaultOptions, key)) ctx[key] = opts[key];
    }
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    const hideFrame = opts !== null && typeof opts === "object" ? opts[hideFrameOption] : undefined;
    if (typeof hideFrame === "function") ctx.hideFrame = hideFrame;
    return formatValue(ctx, value, 0);
  }
  // Kode's own option (not Node's): `{ [inspect.hideFrame]: (line) => bool }`
  // leaves out the stack frames it matches, without touching the error.
  const hideFrameOption = Symbol("kode.inspect.hideFrame");
  inspect.hideFrame = hideFrameOption;
  inspect.custom = customInspectSymbol;
  inspect.promiseState = undefined; // installed by the runtime
  inspect.proxyDetails = undefined; // installed by the runtime

  const isBeyondDepth = (ctx, recurseTimes) => ctx.depth !== null && recurseTimes > ctx.depth;
  const indent = (n) => " ".repeat(n);
  const plural = (n, word) => `${n} ${word}${n > 1 ? "s" : ""}`;
  const remainingText = (n) => `... ${plural(n, "more item")}`;

  // ---------------------------------------------------------------------------
  // Primitives

  const addQuotes = (str, quote) => (quote === -1 ? `"${str}"` : quote === -2 ? `\`${str}\`` : `'${str}'`);

  function escapeFn(str) {
    const code = str.charCodeAt(0);
    return meta.length > code ? meta[code] : `\\u${code.toString(16)}`;
  }

  // Quote with ' unless the string contains one; then with " or ` (Node's pick).
  function strEscape(str) {
    let [test, replace, singleQuote] = [testQuoted, escapeQuoted, 39];
    if (str.includes("'")) {
      if (!str.includes('"')) singleQuote = -1;
      else if (!str.includes("`") && !str.includes("${")) singleQuote = -2;
      if (singleQuote !== 39) [test, replace] = [testPlain, escapePlain];
    }
    if (str.length < 5000 && !test.test(str)) return addQuotes(str, singleQuote);
    if (str.length > 100) return addQuotes(str.replace(replace, escapeFn), singleQuote);

    let result = "";
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const point = str.charCodeAt(i);
      if (point === singleQuote || point === 92 || point < 32 || (point > 126 && point < 160)) {
        result += str.slice(last, i) + meta[point];
        last = i + 1;
      } else if (point >= 0xd800 && point <= 0xdfff) {
        const next = str.charCodeAt(i + 1);
        if (point <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          i++; // a valid surrogate pair
          continue;
        }
        result += `${str.slice(last, i)}\\u${point.toString(16)}`;
        last = i + 1;
      }
    }
    return addQuotes(result + str.slice(last), singleQuote);
  }

  const formatNumber = (n) => (Object.is(n, -0) ? "-0" : `${n}`);
  const formatBigInt = (n) => `${n}n`;

  function formatPrimitive(value, ctx) {
    if (typeof value === "string") {
      let trailer = "";
      if (value.length > ctx.maxStringLength) {
        trailer = `... ${plural(value.length - ctx.maxStringLength, "more character")}`;
        value = value.slice(0, ctx.maxStringLength);
      }
      // Long strings are split after each newline into `'a\n' +` lines.
      if (value.length > kMinLineLength && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return value.split(/(?<=\n)/).map(strEscape).join(` +\n${indent(ctx.indentationLvl + 2)}`) + trailer;
      }
      return strEscape(value) + trailer;
    }
    if (typeof value === "number") return formatNumber(value);
    if (typeof value === "bigint") return formatBigInt(value);
    return typeof value === "symbol" ? value.toString() : `${value}`;
  }

  // ---------------------------------------------------------------------------
  // Objects

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(value, ctx);
    if (value === null) return "null";
    // A custom inspect function gets the proxy itself as `this`, as in Node.
    const context = value;
    const details = proxyDetails(value);
    if (details !== undefined) {
      if (details[0] === null) return "<Revoked Proxy>";
      if (ctx.showProxy) return formatProxy(ctx, details, recurseTimes);
      // Node prints the target; looking through every level runs no trap.
      value = lookThrough(value);
      if (value === null) return "<Revoked Proxy>";
    } else if (inspect.proxyDetails === undefined &&
        attempt(() => (Object.getPrototypeOf(value), false), true)) {
      // No hook: every operation on a revoked proxy throws; getPrototypeOf is the cheapest.
      return "<Revoked Proxy>";
    }
    const custom = ctx.customInspect ? callCustomInspect(ctx, value, recurseTimes, context) : undefined;
    if (custom !== undefined) return custom;
    if (ctx.seen.includes(value)) return circularMarker(ctx, value);
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  // `Proxy [ target, handler ]` (showProxy, and `%o`).
  function formatProxy(ctx, [target, handler], recurseTimes) {
    if (isBeyondDepth(ctx, recurseTimes)) return "Proxy [Array]";
    ctx.indentationLvl += 2;
    const entries = [target, handler].map((v) => formatValue(ctx, v, recurseTimes + 1));
    ctx.indentationLvl -= 2;
    return reduceToSingleString(ctx, entries, "", ["Proxy [", "]"], kArrayExtrasType, recurseTimes + 1);
  }

  // Honours `[Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect)`.
  // Looking the function up may hit a user getter: one that throws counts as none.
  function callCustomInspect(ctx, value, recurseTimes, context) {
    const custom = attempt(() => {
      const fn = value[customInspectSymbol];
      if (typeof fn !== "function" || fn === inspect) return undefined;
      // Prototype objects (Foo.prototype) are formatted normally.
      return value.constructor && value.constructor.prototype === value ? undefined : fn;
    });
    if (custom === undefined) return undefined;
    const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
    const ret = custom.call(context, depth, { ...pickOptions(ctx), stylize: (s) => s }, inspect);
    if (ret === value) return undefined;
    if (typeof ret !== "string") return formatValue(ctx, ret, recurseTimes);
    return ret.replaceAll("\n", `\n${indent(ctx.indentationLvl)}`);
  }

  // Cycles are numbered in order of discovery: `<ref *1>` ... `[Circular *1]`.
  function circularMarker(ctx, value) {
    ctx.circular ??= new Map();
    if (!ctx.circular.has(value)) ctx.circular.set(value, ctx.circular.size + 1);
    return `[Circular *${ctx.circular.get(value)}]`;
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let protoProps = ctx.showHidden && !isBeyondDepth(ctx, recurseTimes) ? [] : undefined;
    const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
    if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;
    const rawTag = attempt(() => value[Symbol.toStringTag]);
    let tag = rawTag;
    // An own (enumerable) tag is printed as a key already; don't repeat it.
    if (typeof tag !== "string" ||
        (tag !== "" && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) {
      tag = "";
    }
    // What the describe* helpers decide: keys to list, text before the braces,
    // the braces, a formatter for the entries, and how entries are laid out.
    const s = {
      ctx, value, recurseTimes, typedArray, constructor, tag, rawTag, protoProps,
      keys: undefined, base: "", braces: ["{", "}"], formatter: () => [], extrasType: kObjectType,
    };
    const noBody = () => s.keys.length === 0 && protoProps === undefined;
    let early;
    if (attempt(() => Symbol.iterator in value, false) || constructor === null) early = describeIterable(s, noBody);
    if (early === undefined && s.keys === undefined) early = describeOther(s, noBody);
    if (early !== undefined) return early;

    if (isBeyondDepth(ctx, recurseTimes)) {
      const name = getCtxStyle(value, constructor, tag).slice(0, -1);
      return constructor !== null ? `[${name}]` : name;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    const indentationLvl = ctx.indentationLvl;
    try {
      output = s.formatter(ctx, value, recurseTimes);
      for (const key of s.keys) output.push(formatProperty(ctx, value, recurseTimes, key, s.extrasType));
      if (protoProps !== undefined) output.push(...protoProps);
      if (ctx.sorted) sortEntries(ctx, output, s.keys.length, s.extrasType);
    } catch (err) {
      if (!(err instanceof RangeError && err.message === "Maximum call stack size exceeded")) throw err;
      ctx.seen.pop();
      ctx.indentationLvl = indentationLvl;
      const name = getCtxStyle(value, constructor, tag).slice(0, -1);
      return `[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`;
    }
    const ref = ctx.circular?.get(value);
    if (ref !== undefined) s.base = s.base === "" ? `<ref *${ref}>` : `<ref *${ref}> ${s.base}`;
    ctx.seen.pop();
    return reduceToSingleString(ctx, output, s.base, s.braces, s.extrasType, recurseTimes, value);
  }

  // `sorted` (true or a comparator): an object's entries, an array's named keys.
  function sortEntries(ctx, output, keyCount, extrasType) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) output.sort(comparator);
    else if (keyCount > 1) output.splice(output.length - keyCount, keyCount, ...output.slice(output.length - keyCount).sort(comparator));
  }

  // Arrays, Map, Set, typed arrays, collection iterators. Fills `s`; returns a
  // string for values printed without a body (e.g. `[]`, `Map(0) {}`).
  function describeIterable(s, noBody) {
    const { ctx, value, constructor, tag } = s;
    if (Array.isArray(value)) {
      const prefix = constructor !== "Array" || tag !== "" ? getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
      s.keys = nonIndexKeys(value, ctx.showHidden);
      s.braces = [`${prefix}[`, "]"];
      if (value.length === 0 && noBody()) return `${prefix}[]`;
      s.extrasType = kArrayExtrasType;
      s.formatter = formatArray;
    } else if (isTypedArray(value)) {
      const size = typedArrayLength.call(value);
      const prefix = getPrefix(constructor, tag, constructor === null ? typedArrayName.call(value) : "", `(${size})`);
      s.keys = nonIndexKeys(value, ctx.showHidden);
      s.braces = [`${prefix}[`, "]"];
      if (size === 0 && s.keys.length === 0 && !ctx.showHidden) return `${prefix}[]`;
      s.formatter = (c, v, r) => formatTypedArray(c, v, size, r);
      s.extrasType = kArrayExtrasType;
    } else if (isSet(value) || isMap(value)) {
      const type = isSet(value) ? "Set" : "Map";
      const size = (type === "Set" ? setSize : mapSize).call(value);
      const prefix = getPrefix(constructor, tag, type, `(${size})`);
      s.keys = getKeys(value, ctx.showHidden);
      // A null-prototype collection has no iterator of its own.
      const iterate = constructor !== null ? () => value[Symbol.iterator]()
        : () => (type === "Set" ? Set.prototype.values : Map.prototype.entries).call(value);
      s.formatter = (c, v, r) => formatEntries(c, iterate(), size, r, type === "Map");
      if (size === 0 && noBody()) return `${prefix}{}`;
      s.braces = [`${prefix}{`, "}"];
    } else if (iteratorType(value) !== undefined) {
      // Entries cannot be previewed without consuming the iterator.
      const type = `${iteratorType(value)} Iterator`;
      s.keys = getKeys(value, ctx.showHidden);
      s.braces = [`[${tag === type ? tag : tag === "" ? type : `${tag}] [${type}`}] {`, "}"];
      s.formatter = () => ["<items unknown>"];
    }
    return undefined;
  }

  // Which builtin an object is, in Node's order of checks. Brand checks throw
  // (slowly) for ordinary objects; when no Symbol.toStringTag hides it, the
  // builtin tag of Object.prototype.toString answers for most kinds at once.
  // Only a builtin whose prototype chain was replaced can hide behind
  // "[object Object]", and that is not worth a throw per plain instance.
  function exoticKind(value, constructor, rawTag) {
    if (constructor !== null && typeof rawTag !== "string") {
      const builtin = objectTag(value).slice(8, -1);
      if (builtin === "Object") return isInstanceof(value, Error) ? "Error" : undefined;
      if (builtin === "Date" || builtin === "RegExp" || builtin === "Error") return builtin;
      if (builtin === "Number" || builtin === "String" || builtin === "Boolean") {
        return isInstanceof(value, Error) ? "Error" : "Boxed";
      }
    }
    return exoticChecks.find(([, test]) => test(value))?.[0];
  }
  const exoticChecks = [
    ["RegExp", isRegExp], ["Date", isDate], ["Error", isError], ["ArrayBuffer", isArrayBuffer],
    ["SharedArrayBuffer", isSharedArrayBuffer], ["DataView", isDataView], ["Promise", isPromise],
    ["WeakSet", isWeakSet], ["WeakMap", isWeakMap], ["Boxed", (v) => boxedType(v) !== undefined],
  ];

  // Everything else: functions, plain objects, dates, errors, boxed values...
  function describeOther(s, noBody) {
    const { ctx, value, recurseTimes, constructor, tag, braces } = s;
    const keys = (s.keys = getKeys(value, ctx.showHidden));
    const prefixed = (fallback, base) => {
      const prefix = getPrefix(constructor, tag, fallback);
      return prefix === `${fallback} ` ? base : `${prefix}${base}`;
    };
    if (typeof value === "function") {
      s.base = getFunctionBase(value, constructor, tag);
      return noBody() ? s.base : undefined;
    }
    const kind = constructor === "Object" ? "Object" : exoticKind(value, constructor, s.rawTag);
    if (kind === "Object") {
      if (isArguments(value)) braces[0] = "[Arguments] {";
      else if (tag !== "") braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
      if (noBody()) return `${braces[0]}}`;
    } else if (kind === "RegExp") {
      s.base = prefixed("RegExp", RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value)));
      if (noBody() || isBeyondDepth(ctx, recurseTimes)) return s.base;
    } else if (kind === "Date") {
      const invalid = Number.isNaN(Date.prototype.getTime.call(value));
      s.base = prefixed("Date", (invalid ? Date.prototype.toString : Date.prototype.toISOString).call(value));
      if (noBody()) return s.base;
    } else if (kind === "Error") {
      s.base = formatError(value, constructor, tag, ctx, keys);
      if (noBody()) return s.base;
    } else if (kind === "ArrayBuffer" || kind === "SharedArrayBuffer") {
      const prefix = getPrefix(constructor, tag, kind);
      // Inside a typed array's hidden `[buffer]` the bytes are not repeated.
      if (s.typedArray === undefined) s.formatter = formatArrayBuffer;
      else if (noBody()) return `${prefix}{ byteLength: ${formatNumber(value.byteLength)} }`;
      braces[0] = `${prefix}{`;
      keys.unshift("byteLength");
    } else if (kind === "DataView") {
      braces[0] = `${getPrefix(constructor, tag, kind)}{`;
      keys.unshift("byteLength", "byteOffset", "buffer");
    } else if (kind === "Promise") {
      braces[0] = `${getPrefix(constructor, tag, kind)}{`;
      s.formatter = formatPromise;
    } else if (kind === "WeakSet" || kind === "WeakMap") {
      braces[0] = `${getPrefix(constructor, tag, kind)}{`;
      s.formatter = () => ["<items unknown>"];
    } else if (kind === "Boxed") {
      s.base = getBoxedBase(value, ctx, keys, constructor, tag);
      if (noBody()) return s.base;
    } else {
      braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
      if (noBody()) return `${braces[0]}}`;
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------
  // Names, prefixes and keys

  // Builtin prototypes whose `constructor` may have been tampered with.
  const wellKnownPrototypes = new Map([[Object.prototype, Object], [Function.prototype, Function]]);

  // Name of the nearest constructor on the prototype chain, null for a
  // null-prototype object. With showHidden it also collects prototype accessors.
  function getConstructorName(obj, ctx, recurseTimes, protoProps) {
    let firstProto;
    const tmp = obj;
    // A proxy in the prototype chain stands for its target (no trap runs).
    while ((obj = lookThrough(obj))) {
      let ctor = wellKnownPrototypes.get(obj);
      const isKnown = ctor !== undefined &&
        (attempt(() => Function.prototype[Symbol.hasInstance].call(ctor, tmp)) ?? inheritsFrom(tmp, ctor));
      if (!isKnown) {
        ctor = Object.getOwnPropertyDescriptor(obj, "constructor")?.value;
        if (typeof ctor !== "function" || attempt(() => ctor.name === "", true) || !isInstanceof(tmp, ctor)) {
          ctor = undefined;
        }
      }
      if (ctor !== undefined) {
        // Prototype properties of builtin classes are not listed.
        const listProto = firstProto !== obj || (!isKnown && !isBuiltInName(ctor.name));
        if (protoProps !== undefined && listProto) {
          addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
        }
        return String(ctor.name);
      }
      obj = Object.getPrototypeOf(obj);
      if (firstProto === undefined) firstProto = lookThrough(obj);
    }
    if (firstProto === null) return null;

    const res = internalConstructorName(tmp);
    if (isBeyondDepth(ctx, recurseTimes)) return `${res} <Complex prototype>`;
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
    if (protoConstr !== null) return `${res} <${protoConstr}>`;
    return `${res} <${inspect(firstProto, { ...pickOptions(ctx), customInspect: false, depth: -1 })}>`;
  }

  // showHidden: list the non-method properties of up to three user prototypes.
  function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
    const seenKeys = new Set();
    for (let depth = 0; depth < 3; depth++) {
      if (depth !== 0 || main === obj) {
        obj = lookThrough(Object.getPrototypeOf(obj));
        if (obj === null) return;
        const ctor = Object.getOwnPropertyDescriptor(obj, "constructor")?.value;
        if (typeof ctor === "function" && isBuiltInName(ctor.name)) return;
      }
      const keys = Reflect.ownKeys(obj);
      ctx.seen.push(main);
      for (const key of keys) {
        if (key === "constructor" || hasOwn(main, key) || seenKeys.has(key)) continue;
        const desc = Object.getOwnPropertyDescriptor(obj, key);
        if (typeof desc.value !== "function") output.push(formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc));
      }
      ctx.seen.pop();
      keys.forEach((key) => seenKeys.add(key));
    }
  }

  function getPrefix(constructor, tag, fallback, size = "") {
    if (constructor === null) {
      if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  function getCtxStyle(value, constructor, tag) {
    let fallback = "";
    if (constructor === null) {
      fallback = internalConstructorName(value);
      if (fallback === tag) fallback = "Object";
    }
    return getPrefix(constructor, tag, fallback);
  }

  function getKeys(value, showHidden) {
    const symbols = Object.getOwnPropertySymbols(value);
    if (showHidden) return [...Object.getOwnPropertyNames(value), ...symbols];
    return [...Object.keys(value), ...symbols.filter((key) => isEnumerable(value, key))];
  }

  // Own keys of an array-like minus its indices (V8's kSkipIndices).
  function nonIndexKeys(value, showHidden) {
    const isIndex = (key) => typeof key === "string" && numberRegExp.test(key) && +key < 2 ** 32 - 1;
    return Reflect.ownKeys(value).filter((key) => !isIndex(key) && (showHidden || isEnumerable(value, key)));
  }

  function getBoxedBase(value, ctx, keys, constructor, tag) {
    const { type, valueOf } = boxedType(value);
    // Boxed strings have index keys that only repeat the characters.
    if (type === "String") keys.splice(0, value.length);
    let base = `[${type}`;
    if (type !== constructor) base += constructor === null ? " (null prototype)" : ` (${constructor})`;
    base += `: ${formatPrimitive(valueOf.call(value), ctx)}]`;
    if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
    return base;
  }

  function getClassBase(value, constructor, tag) {
    let base = `class ${(hasOwn(value, "name") && value.name) || "(anonymous)"}`;
    if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
    if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
    if (constructor === null) return `[${base} extends [null prototype]]`;
    const superName = Object.getPrototypeOf(value).name;
    return `[${base}${superName ? ` extends ${superName}` : ""}]`;
  }

  function looksLikeClass(source) {
    if (!source.startsWith("class") || !source.endsWith("}")) return false;
    const slice = source.slice(5, -1);
    const bracketIndex = slice.indexOf("{");
    return bracketIndex !== -1 && (!slice.slice(0, bracketIndex).includes("(") ||
      classRegExp.test(slice.replace(stripCommentsRegExp, "")));
  }

  function getFunctionBase(value, constructor, tag) {
    if (looksLikeClass(Function.prototype.toString.call(value))) return getClassBase(value, constructor, tag);
    let type = "Function";
    if (isGeneratorFunction(value)) type = `Generator${type}`;
    if (isAsyncFunction(value)) type = `Async${type}`;
    let base = `[${type}`;
    if (constructor === null) base += " (null prototype)";
    base += value.name === "" ? " (anonymous)]" : `: ${value.name}]`;
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  // ---------------------------------------------------------------------------
  // Errors

  // An error's name, message and stack may be user getters. One that throws
  // must not end the formatting (nor lose an uncaught error's report): V8's
  // own `stack` accessor still has the frames, and the name falls back to the
  // constructor's.
  const nativeStackGetter = attempt(() => Object.getOwnPropertyDescriptor(new Error(), "stack").get);
  const nativeStack = (error) => (typeof nativeStackGetter === "function"
    ? attempt(() => nativeStackGetter.call(error)) : undefined);
  const unreadable = Symbol("unreadable");
  const readField = (object, key) => attempt(() => object[key], unreadable);

  // The nearest constructor's name, from data properties only (no getter runs).
  function plainConstructorName(object) {
    for (let o = lookThrough(object); o !== null && o !== undefined; o = lookThrough(Object.getPrototypeOf(o))) {
      const ctor = Object.getOwnPropertyDescriptor(o, "constructor")?.value;
      const name = typeof ctor === "function" ? Object.getOwnPropertyDescriptor(ctor, "name")?.value : undefined;
      if (typeof name === "string" && name !== "") return name;
    }
    return undefined;
  }

  const errorName = (err) => attempt(() => (err.name != null ? String(err.name) : "Error")) ??
    plainConstructorName(err) ?? "Error";

  // Error.prototype.toString; when a getter throws, the constructor's name
  // stands in for the name and the message says it is unavailable.
  function errorToString(error) {
    const text = attempt(() => Error.prototype.toString.call(error));
    if (text !== undefined) return text;
    const part = (key, fallback) => {
      const v = readField(error, key);
      return v === unreadable ? undefined : v === undefined ? fallback : attempt(() => String(v));
    };
    const name = part("name", "Error") ?? plainConstructorName(error) ?? "Error";
    const message = part("message", "") ?? "<message unavailable>";
    return name === "" ? message : message === "" ? name : `${name}: ${message}`;
  }

  function getStackString(error) {
    let stack = readField(error, "stack");
    if (stack === unreadable) stack = nativeStack(error);
    const text = stack ? attempt(() => String(stack)) : undefined;
    if (text === undefined) return errorToString(error);
    // V8 heads the stack with `<error>` or `<error: ...>` when it could not
    // turn the error into a string; put the readable parts there instead.
    if (text.startsWith("<error") && attempt(() => Error.prototype.toString.call(error)) === undefined) {
      const frames = text.indexOf("\n    at ");
      return errorToString(error) + (frames === -1 ? "" : text.slice(frames));
    }
    return text;
  }

  // Offset and length of the first run of more than 3 frames shared by a and b.
  function identicalSequenceRange(a, b) {
    for (let i = 0; i < a.length - 3; i++) {
      const pos = b.indexOf(a[i]);
      if (pos === -1 || b.length - pos <= 3) continue;
      let len = 1;
      const maxLen = Math.min(a.length - i, b.length - pos);
      while (maxLen > len && a[i + len] === b[pos + len]) len++;
      if (len > 3) return { len, offset: i };
    }
    return { len: 0, offset: 0 };
  }

  // Stack frames, with the frames repeated from `err.cause` collapsed.
  function getStackFrames(err, stack) {
    const frames = stack.split("\n");
    const cause = lookThrough(attempt(() => err.cause)); // a throwing getter is ignored
    if (cause == null || !isError(cause)) return frames;
    const causeStack = getStackString(cause);
    const causeStackStart = causeStack.indexOf("\n    at");
    if (causeStackStart === -1) return frames;
    const causeFrames = causeStack.slice(causeStackStart + 1).split("\n");
    const { len, offset } = identicalSequenceRange(frames, causeFrames);
    if (len > 0) frames.splice(offset + 1, len - 2, `    ... ${len - 2} lines matching cause stack trace ...`);
    return frames;
  }

  // Make the first stack line name the real class (`TypeError [Foo]: ...`).
  function improveStack(stack, constructor, name, tag) {
    let len = name.length;
    if (constructor !== null && !(name.endsWith("Error") && stack.startsWith(name) &&
        (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
      return stack;
    }
    let fallback = "Error";
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) ||
        /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || "";
      len = fallback.length;
      fallback = fallback || "Error";
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name === prefix) return stack;
    if (!prefix.includes(name)) return `${prefix} [${name}]${stack.slice(len)}`;
    return len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
  }

  function formatError(err, constructor, tag, ctx, keys) {
    const name = errorName(err);
    let stack = getStackString(err);
    // name/message/stack keys already shown by the stack are dropped.
    for (const key of ctx.showHidden ? [] : ["name", "message", "stack"]) {
      const index = keys.indexOf(key);
      if (index !== -1 && attempt(() => stack.includes(err[key]), false)) keys.splice(index, 1);
    }
    // An inherited `cause` that is undefined is no cause: WebIDL exceptions
    // (DOMException) define it as a prototype getter (Node would show it).
    const hasCause = attempt(() => "cause" in err && (Object.hasOwn(err, "cause") || err.cause !== undefined), false);
    if (hasCause && !keys.includes("cause")) keys.push("cause");
    if (attempt(() => Array.isArray(err.errors), false) && !keys.includes("errors")) keys.push("errors");
    stack = improveStack(stack, constructor, name, tag);

    // Skip the message when looking for frames: it may contain "\n    at".
    const pos = attempt(() => {
      const message = err.message;
      const index = (message && stack.indexOf(message)) || -1;
      return index === -1 ? -1 : index + message.length;
    }, -1);
    const stackStart = stack.indexOf("\n    at", pos);
    if (stackStart === -1) {
      stack = `[${stack}]`; // no frames: printed as `[Error: msg]`
    } else {
      let frames = getStackFrames(err, stack.slice(stackStart + 1));
      if (ctx.hideFrame !== undefined) frames = frames.filter((frame) => !ctx.hideFrame(frame));
      const header = stack.slice(0, stackStart);
      stack = frames.length === 0 ? `[${header}]` : `${header}\n${frames.join("\n")}`;
    }
    return ctx.indentationLvl === 0 ? stack : stack.replaceAll("\n", `\n${indent(ctx.indentationLvl)}`);
  }

  // ---------------------------------------------------------------------------
  // Entry lists (each formatter returns the entries of one object)

  function formatArray(ctx, value, recurseTimes) {
    const len = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!hasOwn(value, i)) return formatSparseArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (value.length > len) output.push(remainingText(value.length - len));
    return output;
  }

  // Runs of holes print as `<n empty items>`.
  function formatSparseArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = Object.keys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      if (+key > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (!numberRegExp.test(key)) break;
        output.push(`<${plural(+key - index, "empty item")}>`);
        index = +key;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (remaining > 0) output.push(output.length !== maxLength ? `<${plural(remaining, "empty item")}>` : remainingText(remaining));
    return output;
  }

  function formatTypedArray(ctx, value, length, recurseTimes) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = [];
    for (let i = 0; i < maxLength; i++) {
      output.push(typeof value[i] === "bigint" ? formatBigInt(value[i]) : formatNumber(value[i]));
    }
    if (length > maxLength) output.push(remainingText(length - maxLength));
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
        output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatArrayBuffer(ctx, value) {
    const bytes = attempt(() => new Uint8Array(value));
    if (bytes === undefined) return ["(detached)"];
    const shown = bytes.subarray(0, Math.min(ctx.maxArrayLength, bytes.length));
    let str = Array.from(shown, (b) => b.toString(16).padStart(2, "0")).join(" ");
    if (bytes.length > ctx.maxArrayLength) str += ` ... ${plural(bytes.length - ctx.maxArrayLength, "more byte")}`;
    return [`[Uint8Contents]: <${str}>`];
  }

  // Map (`k => v`) and Set entries.
  function formatEntries(ctx, iterator, size, recurseTimes, isMapLike) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
    const output = [];
    ctx.indentationLvl += 2;
    for (const entry of { [Symbol.iterator]: () => iterator }) {
      if (output.length >= maxLength) break;
      output.push(isMapLike
        ? `${formatValue(ctx, entry[0], recurseTimes)} => ${formatValue(ctx, entry[1], recurseTimes)}`
        : formatValue(ctx, entry, recurseTimes));
    }
    if (size > maxLength) output.push(remainingText(size - maxLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatPromise(ctx, value, recurseTimes) {
    // No hook installed, or a promise look-alike the hook rejects: unknown.
    const details = attempt(() => inspect.promiseState(value));
    if (details == null) return ["<unknown>"];
    if (details.state === "pending") return ["<pending>"];
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, details.value, recurseTimes);
    ctx.indentationLvl -= 2;
    return [details.state === "rejected" ? `<rejected> ${str}` : str];
  }

  // One `key: value` entry (a bare value for array elements).
  function formatProperty(ctx, value, recurseTimes, key, type, desc) {
    // An inherited key (an error's `cause`, a DataView's `buffer`) is read
    // through its getter, as in Node; one that throws shows as undefined.
    desc = desc || Object.getOwnPropertyDescriptor(value, key) || { value: attempt(() => value[key]), enumerable: true };
    let str;
    if (desc.value !== undefined) {
      ctx.indentationLvl += 2;
      str = formatValue(ctx, desc.value, recurseTimes);
      ctx.indentationLvl -= 2;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? "[Getter/Setter]" : "[Getter]";
    } else {
      str = desc.set !== undefined ? "[Setter]" : "undefined";
    }
    return type === kArrayType ? str : `${formatKey(key, desc)}: ${str}`;
  }

  function formatKey(key, desc) {
    if (typeof key === "symbol") return `[${key.toString().replace(escapeQuoted, escapeFn)}]`;
    if (key === "__proto__") return "['__proto__']";
    if (desc.enumerable === false) return `[${key.replace(escapeQuoted, escapeFn)}]`;
    return keyStrRegExp.test(key) ? key : strEscape(key);
  }

  // ---------------------------------------------------------------------------
  // Line breaking (Node's `compact: 3` mode)

  // Display width; wide CJK and emoji count 2 (Node's non-ICU table).
  function getStringWidth(str) {
    let width = 0;
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i);
      if (code >= 127) return width + unicodeWidth(str.slice(i).normalize("NFC"));
      width += code >= 32 ? 1 : 0;
    }
    return width;
  }

  const inRanges = (ranges, code) => ranges.some(([lo, hi]) => code >= lo && code <= hi);
  const fullWidthRanges = [
    [0x1100, 0x115f], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3040, 0x3247], [0x3250, 0x4dbf],
    [0x4e00, 0xa4c6], [0xa960, 0xa97c], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19],
    [0xfe30, 0xfe6b], [0xff01, 0xff60], [0xffe0, 0xffe6], [0x1b000, 0x1b001], [0x1f200, 0x1f251],
    [0x1f300, 0x1f64f], [0x20000, 0x3fffd],
  ];
  const zeroWidthRanges = [
    [0, 0x1f], [0x7f, 0x9f], [0x300, 0x36f], [0x200b, 0x200f], [0x20d0, 0x20ff],
    [0xfe00, 0xfe0f], [0xfe20, 0xfe2f], [0xe0100, 0xe01ef],
  ];

  function unicodeWidth(str) {
    let width = 0;
    for (const char of str) {
      const code = char.codePointAt(0);
      width += inRanges(fullWidthRanges, code) ? 2 : inRanges(zeroWidthRanges, code) ? 0 : 1;
    }
    return width;
  }

  // Arrays with more than 6 short entries print in aligned columns. The column
  // count aims at a roughly square block (a character is ~2.5x as tall as it
  // is wide), capped by breakLength, compact * 4 and 15.
  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    // The "... more items" entry is not part of the grid.
    const outputLength = ctx.maxArrayLength < output.length ? output.length - 1 : output.length;
    const separatorSpace = 2; // ", "
    const dataLen = output.slice(0, outputLength).map(getStringWidth);
    for (const len of dataLen) {
      totalLength += len + separatorSpace;
      maxLength = Math.max(maxLength, len);
    }
    const actualMax = maxLength + separatorSpace;
    // Only group when 3 columns fit and no entry dwarfs the others.
    if (actualMax * 3 + ctx.indentationLvl >= ctx.breakLength ||
        !(totalLength / actualMax > 5 || maxLength <= 6)) {
      return output;
    }
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;

    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineMaxLength = 0;
      for (let j = i; j < outputLength; j += columns) lineMaxLength = Math.max(lineMaxLength, dataLen[j]);
      maxLineLength.push(lineMaxLength + separatorSpace);
    }
    // Numbers are right-aligned, everything else left-aligned.
    let padStart = value !== undefined;
    for (let i = 0; padStart && i < output.length; i++) {
      if (typeof value[i] !== "number" && typeof value[i] !== "bigint") padStart = false;
    }
    const grouped = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = "";
      let j = i;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
        str += padStart ? `${output[j]}, `.padStart(padding) : `${output[j]}, `.padEnd(padding);
      }
      const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
      str += padStart ? output[j].padStart(padding) : output[j];
      grouped.push(str);
    }
    if (outputLength < output.length) grouped.push(output[outputLength]);
    return grouped;
  }

  // Array.prototype.join flattens its result; `+=` keeps V8's cheap rope
  // strings, which avoids quadratic copying for deeply nested output.
  function join(output, separator) {
    let str = "";
    for (let i = 0; i < output.length; i++) str += (i === 0 ? "" : separator) + output[i];
    return str;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    // Each entry adds at least a separator: count one per entry up front.
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (const entry of output) {
      totalLength += entry.length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === "" || !base.includes("\n");
  }

  // One line when the entries fit in breakLength and the object holds at most
  // `compact` (3) inner levels; otherwise one entry per line.
  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    const head = base ? `${base} ${braces[0]}` : braces[0];
    if (typeof ctx.compact === "number" && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      // ctx.currentDepth is the depth of the most recently entered object.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = join(output, ", ");
          if (!joined.includes("\n")) return `${head} ${joined} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${indent(ctx.indentationLvl)}`;
    return `${head}${indentation}  ${join(output, `,${indentation}  `)}${indentation}${braces[1]}`;
  }

  // ---------------------------------------------------------------------------
  // format()

  // True when the nearest toString / Symbol.toPrimitive is a builtin one, so
  // `%s` inspects the value instead of calling String().
  function hasBuiltInToString(value) {
    // A proxy counts as its target (a revoked one as built-in: it inspects as such).
    value = lookThrough(value);
    if (value === null) return true;
    let ownToString = hasOwn;
    let ownToPrimitive = hasOwn;
    if (typeof value.toString !== "function") {
      if (typeof value[Symbol.toPrimitive] !== "function") return true;
      if (hasOwn(value, Symbol.toPrimitive)) return false;
      ownToString = () => false;
    } else if (hasOwn(value, "toString")) {
      return false;
    } else if (typeof value[Symbol.toPrimitive] !== "function") {
      ownToPrimitive = () => false;
    } else if (hasOwn(value, Symbol.toPrimitive)) {
      return false;
    }
    let pointer = value;
    do {
      pointer = lookThrough(Object.getPrototypeOf(pointer));
    } while (!ownToString(pointer, "toString") && !ownToPrimitive(pointer, Symbol.toPrimitive));
    const ctor = Object.getOwnPropertyDescriptor(pointer, "constructor")?.value;
    return typeof ctor === "function" && isBuiltInName(ctor.name);
  }

  const firstErrorLine = (error) => String(error.message).split("\n", 1)[0];
  let circularErrorMessage;

  // JSON.stringify, with `[Circular]` for cyclic input. The engine's message
  // for a known cycle tells cycles apart from other failures (e.g. BigInt).
  function tryStringify(arg) {
    try {
      return JSON.stringify(arg);
    } catch (err) {
      if (circularErrorMessage === undefined) {
        const a = {};
        a.a = a;
        try {
          JSON.stringify(a);
        } catch (circularError) {
          circularErrorMessage = firstErrorLine(circularError);
        }
      }
      if (err.name === "TypeError" && firstErrorLine(err) === circularErrorMessage) return "[Circular]";
      throw err;
    }
  }

  // One `%x` conversion; undefined for a letter that is no directive.
  function formatDirective(letter, arg) {
    switch (letter) {
      case "s":
        if (typeof arg === "number") return formatNumber(arg);
        if (typeof arg === "bigint") return formatBigInt(arg);
        if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) return String(arg);
        return inspect(arg, { depth: 0 });
      case "j":
        return `${tryStringify(arg)}`;
      case "d":
      case "i":
        if (typeof arg === "bigint") return formatBigInt(arg);
        if (typeof arg === "symbol") return "NaN";
        return formatNumber(letter === "d" ? Number(arg) : Number.parseInt(arg));
      case "f":
        return typeof arg === "symbol" ? "NaN" : formatNumber(Number.parseFloat(arg));
      case "O":
        return inspect(arg);
      case "o":
        return inspect(arg, { showHidden: true, showProxy: true, depth: 4 });
      case "c":
        return "";
      default:
        return undefined;
    }
  }

  function format(...args) {
    const first = args[0];
    let a = 0;
    let str = "";
    let join = "";
    if (typeof first === "string") {
      if (args.length === 1) return first;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first[i] !== "%") continue;
        const letter = first[++i];
        if (letter === "%") {
          // `%%` becomes `%`.
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        } else if (a + 1 !== args.length && "sjdOoifc".includes(letter)) {
          str += first.slice(lastPos, i - 1) + formatDirective(letter, args[++a]);
          lastPos = i + 1;
        }
      }
      if (lastPos !== 0) {
        a++;
        join = " ";
        str += first.slice(lastPos);
      }
    }
    // Remaining arguments: strings as is, everything else inspected.
    for (; a < args.length; a++) {
      str += join + (typeof args[a] === "string" ? args[a] : inspect(args[a]));
      join = " ";
    }
    return str;
  }

  // ---------------------------------------------------------------------------
  // console.table: Node's layout (box-drawing borders, left-aligned cells).

  // A cell: nested objects with more than two keys collapse to [Object].
  function tableCell(value) {
    const depth = value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 2 ? -1 : 0;
    return inspect(value, { depth, maxArrayLength: 3, breakLength: Infinity });
  }

  function renderTable(head, columns) {
    const rowCount = Math.max(0, ...columns.map((column) => column.length));
    const widths = head.map((title, i) => Math.max(getStringWidth(title), ...Array.from({ length: rowCount }, (_, row) => getStringWidth(columns[i][row] ?? ""))) + 2);
    const line = (left, middle, right) => left + widths.map((width) => "\u2500".repeat(width)).join(middle) + right;
    const row = (cells) => "\u2502" + cells.map((cell, i) => ` ${cell}${" ".repeat(widths[i] - 2 - getStringWidth(cell))} `).join("\u2502") + "\u2502";
    const lines = [line("\u250c", "\u252c", "\u2510"), row(head), line("\u251c", "\u253c", "\u2524")];
    for (let r = 0; r < rowCount; r++) lines.push(row(columns.map((column) => column[r] ?? "")));
    lines.push(line("\u2514", "\u2534", "\u2518"));
    return lines.join("\n");
  }

  // The table for `data` (an object), or undefined when console.table logs it as is.
  function table(data, properties) {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw new TypeError('The "properties" argument must be an instance of Array');
    }
    if (data instanceof Map || data instanceof Set) {
      const entries = [...data.entries()];
      const index = entries.map((_, i) => String(i));
      if (data instanceof Set) return renderTable(["(iteration index)", "Values"], [index, entries.map(([value]) => tableCell(value))]);
      return renderTable(["(iteration index)", "Key", "Values"], [index, entries.map(([key]) => tableCell(key)), entries.map(([, value]) => tableCell(value))]);
    }
    const index = [];
    const columns = new Map();
    const values = [];
    let hasPrimitive = false;
    let row = 0;
    for (const key of Object.keys(data)) {
      const item = data[key];
      index.push(key);
      const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
      if (primitive) {
        hasPrimitive = true;
        values[row] = tableCell(item);
      }
      if (!primitive || properties !== undefined) {
        for (const column of properties ?? Object.keys(item)) {
          if (!columns.has(column)) columns.set(column, []);
          columns.get(column)[row] = !primitive && Object.prototype.hasOwnProperty.call(item, column) ? tableCell(item[column]) : "";
        }
      }
      row++;
    }
    const head = ["(index)", ...columns.keys()];
    const body = [index, ...columns.values()];
    // A property list leaves primitives out (as Node does).
    if (hasPrimitive && properties === undefined) {
      head.push("Values");
      body.push(values);
    }
    return renderTable(head, body);
  }

  return { inspect, format, table };
})
