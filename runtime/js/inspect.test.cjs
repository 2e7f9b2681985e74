// inspect.test.cjs: compares runtime/js/inspect.js with Node's util.inspect /
// util.format over a corpus of values. Run with `node inspect.test.cjs`.
"use strict";

const util = require("util");
const mk = eval(require("fs").readFileSync(__dirname + "/inspect.js", "utf8"));
const { inspect, format } = mk();

// Promise state is not observable from JS. The runtime installs a native hook;
// here we record the state of every promise the corpus creates.
const promiseStates = new WeakMap();
inspect.promiseState = (p) => promiseStates.get(p);
function tracked(p, state, value) {
  promiseStates.set(p, { state, value });
  return p;
}

// Proxies are just as invisible; the runtime's hook sees through them natively.
// Here every proxy the corpus makes through `proxy()` is recorded. Node needs
// no hook, so the compared output also proves that no trap ran (the traps of
// `hostile` throw, and `counting` counts).
const proxyParts = new WeakMap();
inspect.proxyDetails = (p) => proxyParts.get(p);
function proxy(target, handler) {
  const p = new Proxy(target, handler);
  proxyParts.set(p, [target, handler]);
  return p;
}
function revokedProxy() {
  const { proxy: p, revoke } = Proxy.revocable({}, {});
  revoke();
  proxyParts.set(p, [null, null]);
  return p;
}
const trap = (name) => () => { throw new Error(`the ${name} trap ran`); };
const hostile = Object.fromEntries(["get", "set", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf",
  "defineProperty", "deleteProperty", "apply", "construct", "isExtensible", "preventExtensions", "setPrototypeOf"]
  .map((name) => [name, trap(name)]));
let trapCalls = 0;
const counting = proxy({}, { get: (target, key) => { trapCalls++; return Reflect.get(target, key); } });

const cases = [];
const value = (name, make, opts) => cases.push({ kind: "inspect", name, make, opts });
const fmt = (name, ...args) => cases.push({ kind: "format", name, make: () => args });

// Stacks contain this file's path; values are shared by both sides, so the
// stacks are identical. Still, normalise line:column to keep diffs readable.
const normalise = (s) => s.replace(/:\d+:\d+\)/g, ":L:C)");

// --- primitives -------------------------------------------------------------
value("string", () => "abc");
value("empty string", () => "");
value("single quote", () => "it's");
value("both quotes", () => `both'"`);
value("all quotes", () => "a'b\"c`d");
value("quotes + ${", () => "a'b\"c${d}");
value("backslash", () => "a\\b");
value("control chars", () => "a\x00b\x07\x1b\x7f\x9f");
value("tab newline", () => "a\tb\nc");
value("lone surrogate", () => "a\ud800b");
value("emoji pair", () => "😀");
value("long string with newlines", () => "line one is here\nline two is here\n".repeat(4));
value("long string no newline", () => "x".repeat(120));
value("long escaped string", () => "'\n".repeat(80));
value("max string length", () => "y".repeat(10005));
value("number", () => 42);
value("float", () => 3.14);
value("negative zero", () => -0);
value("NaN", () => NaN);
value("Infinity", () => -Infinity);
value("bigint", () => 1n);
value("big bigint", () => -(2n ** 70n));
value("symbol", () => Symbol("a"));
value("symbol no desc", () => Symbol());
value("well-known symbol", () => Symbol.iterator);
value("undefined", () => undefined);
value("null", () => null);
value("true", () => true);

// --- functions and classes ----------------------------------------------------
value("named function", () => function foo() {});
value("anonymous function", () => (() => function () {})());
value("arrow", () => { const a = () => 1; return a; });
value("class", () => class A {});
value("anonymous class", () => (() => class {})());
value("class extends", () => { class A {} return class B extends A {}; });
value("async function", () => async function f() {});
value("generator", () => function* g() {});
value("async generator", () => async function* ag() {});
value("async arrow", () => async () => {});
value("function with props", () => Object.assign(function f() {}, { a: 1, b: "x" }));
value("class with static prop", () => { class S { static x = 1; } return S; });
value("bound function", () => function orig() {}.bind(null));
value("method", () => ({ m() {} }).m);
value("builtin function", () => Math.max);
value("function null proto", () => Object.setPrototypeOf(function np() {}, null));

// --- arrays -------------------------------------------------------------------
value("empty array", () => []);
value("small array", () => [1, 2, 3]);
value("nested arrays", () => [[1, [2, [3, [4, [5]]]]]]);
value("array of strings", () => ["a", "b", "c"]);
value("sparse array", () => [1, , 3]);
value("sparse many holes", () => [, , , 4, , ,]);
value("holes only", () => new Array(5));
value("array extra props", () => Object.assign([1, 2], { foo: "bar", [Symbol("s")]: 1 }));
value("array 101 items", () => Array.from({ length: 101 }, (_, i) => i));
value("array 250 items", () => Array.from({ length: 250 }, (_, i) => i * 3));
value("array 7 numbers", () => [1, 2, 3, 4, 5, 6, 7]);
value("array 26 numbers", () => Array.from({ length: 26 }, (_, i) => i));
value("array mixed widths", () => [1, 22, 333, 4444, 55555, 666666, 7, 88, 999]);
value("array of words", () => "the quick brown fox jumps over the lazy dog again and again".split(" "));
value("array long strings", () => Array.from({ length: 10 }, (_, i) => "item number " + i + " ".repeat(i)));
value("array of objects", () => Array.from({ length: 8 }, (_, i) => ({ id: i })));
value("array of floats", () => [1.5, -2.25, 3, 100.125, -0, NaN, 7, 8]);
value("array of bigints", () => [1n, 22n, 333n, 4n, 5n, 6n, 7n]);
value("array mixed types", () => [1, "a", null, undefined, true, 2n, Symbol("x")]);
value("array very different lengths", () => [1, 2, 3, 4, 5, 6, "x".repeat(60)]);
value("array unicode", () => ["日本", "中文字", "한국어", "abc", "é", "ß", "😀", "x"]);
value("nested long arrays", () => ({ a: Array.from({ length: 30 }, (_, i) => i), b: [[1, 2, 3, 4, 5, 6, 7, 8]] }));
value("array subclass", () => { class MyArr extends Array {} return MyArr.from([1, 2]); });
value("array null proto", () => Object.setPrototypeOf([1, 2], null));
value("sparse large", () => { const a = []; a[150] = 1; return a; });
value("sparse over max", () => { const a = Array.from({ length: 120 }, (_, i) => i); delete a[3]; return a; });
value("array with getter", () => { const a = [1]; Object.defineProperty(a, "g", { get() { return 1; }, enumerable: true }); return a; });
value("array depth", () => [[[[["deep"]]]]]);
value("arguments", () => (function () { return arguments; })(1, "two"));

// --- objects ------------------------------------------------------------------
value("empty object", () => ({}));
value("simple object", () => ({ a: 1, b: "two", c: [3] }));
value("quoted keys", () => ({ "a-b": 1, "1x": 2, valid_id: 3, $d: 4, "": 5, "it's": 6 }));
value("numeric keys", () => ({ 1: "a", 2: "b", x: 3 }));
value("__proto__ key", () => JSON.parse('{"__proto__": 1}'));
value("symbol keys", () => ({ [Symbol("a")]: 1, [Symbol()]: 2, [Symbol.for("reg")]: 3 }));
value("symbol key escaping", () => ({ [Symbol("a\nb")]: 1 }));
value("getters", () => ({ get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} }));
value("undefined value", () => ({ u: undefined }));
value("nested depth", () => ({ a: { b: { c: { d: { e: 1 } } } } }));
value("nested depth array", () => ({ a: { b: { c: [1, 2] } } }));
value("nested depth class", () => { class Foo { constructor() { this.x = 1; } } return { a: { b: { c: new Foo() } } }; });
value("nested depth empty", () => ({ a: { b: { c: {}, d: [] } } }));
value("null prototype", () => Object.create(null));
value("null prototype with keys", () => Object.assign(Object.create(null), { a: 1 }));
value("proto of null proto", () => Object.create(Object.create(null)));
value("class instance", () => { class Foo { constructor() { this.a = 1; } } return new Foo(); });
value("empty class instance", () => { class Bar {} return new Bar(); });
value("subclass instance", () => { class A {} class B extends A { constructor() { super(); this.z = [1]; } } return new B(); });
value("anon class instance", () => new (class { constructor() { this.q = 1; } })());
value("toStringTag", () => ({ [Symbol.toStringTag]: "Custom", a: 1 }));
value("inherited toStringTag", () => { class T { get [Symbol.toStringTag]() { return "Tag"; } } return new T(); });
value("object with tag proto", () => Object.create({ [Symbol.toStringTag]: "X" }));
value("constructor tampered", () => { const o = { a: 1 }; o.constructor = "nope"; return o; });
value("wide object", () => Object.fromEntries(Array.from({ length: 10 }, (_, i) => ["key" + i, i])));
value("object 7 short", () => ({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }));
value("object breaking", () => ({ alpha: "a".repeat(20), beta: "b".repeat(20), gamma: "c".repeat(20), delta: 1 }));
value("nested long objects", () => ({
  user: { name: "Alice Wonderland", email: "alice@example.com", roles: ["admin", "editor", "viewer"] },
  settings: { theme: "dark", notifications: { email: true, sms: false, push: true }, language: "en-US" },
  history: [{ at: 1, what: "login" }, { at: 2, what: "logout" }],
}));
value("four levels compact", () => ({ a: { b: { c: {} } }, x: 1 }));
value("compact 3 rule", () => ({ a: [{ b: { c: 1 } }], d: 2 }));
value("long value forces break", () => ({ k: "v".repeat(75) }));
value("multiline string in object", () => ({ text: "first line of text\nsecond line of text\nthird line of text that is long" }));
value("object with function", () => ({ fn() {}, arrow: () => {}, cls: class K {} }));
value("object with nested fn props", () => ({ f: Object.assign(function g() {}, { p: 1 }) }));
value("object key order", () => ({ b: 1, a: 2, 10: 3, 2: 4 }));
value("non-enumerable hidden", () => Object.defineProperty({ v: 1 }, "h", { value: 2, enumerable: false }));
value("frozen", () => Object.freeze({ a: 1 }));
value("deep mixed", () => ({ list: [1, { a: [2, { b: 3 }] }], map: new Map([["k", { v: [1] }]]) }));

// --- collections -------------------------------------------------------------
value("map", () => new Map([["a", 1], ["b", 2]]));
value("empty map", () => new Map());
value("map object keys", () => new Map([[{ a: 1 }, [1, 2]], [[3], new Set([4])]]));
value("large map", () => new Map(Array.from({ length: 30 }, (_, i) => ["key" + i, i])));
value("huge map", () => new Map(Array.from({ length: 105 }, (_, i) => [i, i])));
value("set", () => new Set([1]));
value("empty set", () => new Set());
value("set of strings", () => new Set(["apple", "banana", "cherry"]));
value("large set", () => new Set(Array.from({ length: 40 }, (_, i) => i * 7)));
value("huge set", () => new Set(Array.from({ length: 103 }, (_, i) => i)));
value("map with extra prop", () => Object.assign(new Map([[1, 2]]), { extra: true }));
value("set with extra prop", () => Object.assign(new Set(), { extra: true }));
value("map subclass", () => { class MyMap extends Map {} return new MyMap([[1, 2]]); });
value("null proto map", () => Object.setPrototypeOf(new Map([[1, 2]]), null));
value("null proto set", () => Object.setPrototypeOf(new Set([1, 2]), null));
value("nested maps", () => new Map([["outer", new Map([["inner", new Map([["deep", new Map([[1, 2]])]])]])]]));
value("weakmap", () => new WeakMap());
value("weakset", () => new WeakSet());
value("weakref-ish object", () => ({ w: new WeakMap(), s: new WeakSet() }));

// --- cycles -------------------------------------------------------------------
value("self cycle", () => { const o = {}; o.self = o; return o; });
value("two cycles", () => { const a = { name: "a" }; const b = { name: "b", a }; a.b = b; a.me = a; return a; });
value("array cycle", () => { const a = [1]; a.push(a); return a; });
value("map cycle", () => { const m = new Map(); m.set("me", m); return m; });
value("set cycle", () => { const s = new Set(); s.add(s); return s; });
value("nested cycle", () => { const o = { x: { y: {} } }; o.x.y.back = o.x; return o; });
value("multiple refs", () => { const a = {}; const b = { a }; a.b = b; const c = { a, b }; c.c = c; return c; });
value("cycle through map value", () => { const o = { m: new Map() }; o.m.set("o", o); return o; });
value("shared non-cyclic", () => { const s = { v: 1 }; return { a: s, b: s }; });

// --- dates, regexps, boxed ---------------------------------------------------
value("date", () => new Date(0));
value("invalid date", () => new Date(NaN));
value("date with prop", () => Object.assign(new Date(86400000), { tz: "UTC" }));
value("date subclass", () => { class D extends Date {} return new D(0); });
value("regexp", () => /ab+c/gi);
value("regexp with prop", () => Object.assign(/x/, { p: 1 }));
value("regexp subclass", () => { class R extends RegExp {} return new R("a", "y"); });
value("boxed number", () => new Number(3));
value("boxed negative zero", () => new Number(-0));
value("boxed string", () => new String("abc"));
value("boxed string with prop", () => Object.assign(new String("ab"), { extra: 1 }));
value("boxed boolean", () => new Boolean(false));
value("boxed bigint", () => Object(5n));
value("boxed symbol", () => Object(Symbol("bx")));
value("boxed number subclass", () => { class N extends Number {} return new N(1); });

// --- binary data --------------------------------------------------------------
value("uint8array", () => new Uint8Array([1, 2, 3]));
value("empty typed array", () => new Float64Array(0));
value("float32array", () => new Float32Array([1.5, -0, NaN]));
value("int16 long", () => new Int16Array(Array.from({ length: 40 }, (_, i) => i * (i % 2 ? -1 : 1))));
value("typed over 100", () => new Uint8Array(130));
value("bigint64array", () => new BigInt64Array([1n, -2n]));
value("typed array with prop", () => Object.assign(new Uint16Array(2), { tag: "t" }));
value("arraybuffer", () => new Uint8Array([1, 2]).buffer);
value("empty arraybuffer", () => new ArrayBuffer(0));
value("large arraybuffer", () => new ArrayBuffer(120));
value("dataview", () => new DataView(new ArrayBuffer(4), 1, 2));
value("nested buffers", () => ({ buf: new Uint8Array([255, 0, 16]).buffer, arr: new Int8Array([-1]) }));

// --- errors -------------------------------------------------------------------
value("error", () => new Error("x"));
value("type error", () => new TypeError("bad type"));
value("error with code", () => Object.assign(new Error("no such file"), { code: "ENOENT" }));
value("error with several props", () => Object.assign(new Error("boom"), { code: "E1", errno: -2, path: "/tmp/x" }));
value("error nested", () => ({ err: new Error("inner"), n: 1 }));
value("error nested with code", () => ({ wrap: { err: Object.assign(new RangeError("r"), { code: "ERANGE" }) } }));
value("error in array", () => [new Error("a"), 1]);
value("error without stack", () => { const e = new Error("nostack"); e.stack = undefined; return e; });
value("error stack replaced", () => { const e = new Error("m"); e.stack = "custom stack text"; return e; });
value("error subclass", () => { class MyError extends Error {} return new MyError("sub"); });
value("error subclass named", () => { class HttpError extends Error { constructor(m) { super(m); this.name = "HttpError"; this.status = 404; } } return new HttpError("nf"); });
value("error name mismatch", () => { const e = new TypeError("t"); e.name = "Other"; return e; });
value("error with cause", () => new Error("outer", { cause: new Error("inner cause") }));
value("error with primitive cause", () => new Error("outer", { cause: "just a string" }));
value("aggregate error", () => new AggregateError([new Error("e1"), new Error("e2")], "many"));
value("error multiline message", () => new Error("line1\nline2"));
value("error empty message", () => new Error(""));
value("error null proto", () => Object.setPrototypeOf(new Error("np"), null));
value("error beyond depth with code", () => ({ a: { b: { c: { e: Object.assign(new Error("deep"), { code: "X" }) } } } }));
value("error in map", () => new Map([["e", new Error("in map")]]));

// --- promises -----------------------------------------------------------------
value("promise fulfilled", () => tracked(Promise.resolve(1), "fulfilled", 1));
value("promise pending", () => tracked(new Promise(() => {}), "pending"));
value("promise rejected", () => { const e = new Error("nope"); const p = Promise.reject(e); p.catch(() => {}); return tracked(p, "rejected", e); });
value("promise object value", () => { const v = { a: [1, 2] }; return tracked(Promise.resolve(v), "fulfilled", v); });
value("promise nested", () => { const p = tracked(Promise.resolve("x"), "fulfilled", "x"); return { p }; });
value("promise with prop", () => Object.assign(tracked(Promise.resolve(2), "fulfilled", 2), { extra: 1 }));

// --- custom inspect -------------------------------------------------------------
value("custom inspect string", () => ({ [Symbol.for("nodejs.util.inspect.custom")]() { return "CUSTOM"; } }));
value("custom inspect object", () => ({ inner: { [Symbol.for("nodejs.util.inspect.custom")]() { return { replaced: true }; } } }));
value("custom inspect multiline", () => ({ a: { [Symbol.for("nodejs.util.inspect.custom")]() { return "l1\nl2"; } } }));

value("revoked proxy", () => ({ proxy: revokedProxy() }));
value("untracked proxy", () => new Proxy({ a: 1, b: [2] }, {}));
value("proxy of object", () => proxy({ a: 1, b: [2] }, hostile));
value("proxy of array", () => proxy([1, 2, 3], hostile));
value("proxy of function", () => proxy(function foo() {}, hostile));
value("proxy of class", () => proxy(class Pc {}, hostile));
value("proxy of instance", () => { class Kx { constructor() { this.x = 1; } } return proxy(new Kx(), hostile); });
value("proxy of map", () => proxy(new Map([[1, { a: 2 }]]), hostile));
value("proxy of set", () => proxy(new Set([1]), hostile));
value("proxy of date", () => proxy(new Date(0), hostile));
value("proxy of error", () => proxy(Object.assign(new Error("behind a proxy"), { code: "EP" }), hostile));
value("proxy of typed array", () => proxy(new Uint8Array([1, 2]), hostile));
value("proxy of promise", () => proxy(tracked(Promise.resolve(3), "fulfilled", 3), hostile));
value("proxy of custom inspect", () => proxy({ [Symbol.for("nodejs.util.inspect.custom")]() { return "CUSTOM"; } }, hostile));
value("proxies nested", () => ({ p: proxy({ a: 1 }, hostile), q: [proxy([3], hostile)], m: new Map([[proxy({ k: 1 }, hostile), 1]]) }));
value("proxy with counting handler", () => proxy({ a: 1 }, counting));
value("cycle through proxy", () => { const o = {}; const p = proxy(o, hostile); o.self = p; return p; });
value("showProxy", () => proxy({ a: 1 }, { get() {} }), { showProxy: true });
value("showProxy nested", () => proxy(proxy({ z: 1 }, {}), {}), { showProxy: true });
value("showProxy handler proxy", () => proxy({}, proxy({}, {})), { showProxy: true });
value("showProxy depth 0", () => ({ p: proxy({ a: 1 }, {}) }), { showProxy: true, depth: 0 });
value("showProxy revoked", () => revokedProxy(), { showProxy: true });
value("showProxy hostile", () => [proxy([1], hostile)], { showProxy: true });

// --- options ------------------------------------------------------------------
value("depth 0", () => ({ a: { b: 1 }, c: [1] }), { depth: 0 });
value("depth null", () => ({ a: { b: { c: { d: { e: { f: 1 } } } } } }), { depth: null });
value("depth infinity", () => [[[[[[1]]]]]], { depth: Infinity });
value("showHidden array", () => [1, 2], { showHidden: true });
value("showHidden object", () => Object.defineProperty({ a: 1 }, "hidden", { value: 2 }), { showHidden: true });
value("showHidden class getter", () => { class G { constructor() { this.v = 1; } get twice() { return 2; } } return new G(); }, { showHidden: true });
value("showHidden typed array", () => new Uint8Array([1]), { showHidden: true });
value("showHidden error", () => new Error("hidden"), { showHidden: true });
value("breakLength 40", () => ({ alpha: 1, beta: "two", gamma: [3, 4, 5], delta: { e: 1 } }), { breakLength: 40 });
value("breakLength Infinity", () => ({ a: "x".repeat(100), b: [1, 2, 3] }), { breakLength: Infinity });
value("maxArrayLength 3", () => [1, 2, 3, 4, 5], { maxArrayLength: 3 });
value("compact false", () => ({ a: 1, b: { c: 2 } }), { compact: false });
value("compact 1", () => ({ a: { b: { c: 2 } } }), { compact: 1 });


// --- more layout edge cases ----------------------------------------------------
value("array of 7 objects", () => Array.from({ length: 7 }, (_, i) => ({ i })));
value("array of short strings", () => ["a", "bb", "ccc", "dd", "e", "ff", "ggg", "h"]);
value("negative numbers grid", () => Array.from({ length: 30 }, (_, i) => (i % 3 ? -i : i * 1000)));
value("grid inside object", () => ({ deep: { deeper: { data: Array.from({ length: 20 }, (_, i) => i) } } }));
value("grid with extra key", () => Object.assign(Array.from({ length: 12 }, (_, i) => i), { extra: "yes" }));
value("grid of arrays", () => Array.from({ length: 8 }, (_, i) => [i, i + 1]));
value("grid 101 strings", () => Array.from({ length: 101 }, (_, i) => "s" + i));
value("array of nulls", () => new Array(10).fill(null));
value("array of booleans", () => Array.from({ length: 9 }, (_, i) => i % 2 === 0));
value("exactly 6 entries", () => [111111, 222222, 333333, 444444, 555555, 666666]);
value("exactly 80 wide", () => ({ a: "x".repeat(62) }));
value("exactly 76 wide", () => ({ abc: "x".repeat(60), b: 1 }));
value("six keys fits", () => ({ one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 }));
value("object in array deep", () => [{ a: { b: { c: { d: 1 } } } }]);
value("string list long", () => ["a fairly long string number one", "another fairly long string two", "three"]);
value("message with at", () => new Error("weird\n    at message"));
value("error tag", () => { const e = new Error("tagged"); Object.defineProperty(e, Symbol.toStringTag, { value: "Tg" }); return e; });
value("error in array with code", () => [Object.assign(new Error("arr"), { code: "EARR" })]);
value("set of objects", () => new Set([{ a: 1 }, { b: [1, 2, 3] }, [4, 5]]));
value("map long entries", () => new Map([["a".repeat(40), "b".repeat(40)]]));
value("string top-level with newline short", () => "a\nb");
value("string top-level 100 chars newline", () => "abcdefghij".repeat(5) + "\n" + "klmnopqrst".repeat(5));
value("nested string split indentation", () => ({ a: { b: "first part of the line\nsecond part of the line\nthird part of the line" } }));
value("key needs escaping", () => ({ "a\nb": 1, "tab\tkey": 2, "quo'te": 3 }));
value("unicode keys", () => ({ "日本": 1, "é": 2 }));
value("iterable object", () => ({ *[Symbol.iterator]() { yield 1; }, a: 1 }));
value("generator object", () => (function* gen() { yield 1; })());
value("object with null ctor name fn", () => { function F() { this.a = 1; } F.prototype.constructor = undefined; return new F(); });
value("Object.prototype", () => Object.prototype);
value("Array.prototype", () => Array.prototype);
value("Function.prototype", () => Function.prototype);
value("Map.prototype", () => Map.prototype);
value("class prototype", () => { class Pr { m() {} } return Pr.prototype; });
value("Math", () => Math);
value("JSON", () => JSON);
value("globalThis-like", () => ({ Math, JSON: { a: 1 } }));
value("Reflect", () => Reflect);
value("Symbol.prototype", () => Symbol.prototype);
value("Intl-free date array", () => [new Date(0), new Date(1e12)]);
value("deeply nested array in map", () => new Map([[1, [[[[1]]]]]]));
value("set in set", () => new Set([new Set([new Set([new Set([1])])])]));
value("object with many nested empty", () => ({ a: {}, b: [], c: new Map(), d: new Set(), e: Object.create(null) }));
value("object with long array value", () => ({ list: Array.from({ length: 120 }, (_, i) => i) }));
value("object with long keys", () => Object.fromEntries(Array.from({ length: 5 }, (_, i) => ["a_rather_long_key_name_" + i, i])));
value("array holes grouped", () => { const a = Array.from({ length: 20 }, (_, i) => i); delete a[5]; delete a[6]; return a; });


// --- seeded random structures (stress the line-breaking rules) ------------------
function rng(seed) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}
function randomValue(rand, level) {
  const pick = Math.floor(rand() * (level > 4 ? 5 : 12));
  const n = Math.floor(rand() * (rand() < 0.2 ? 30 : 8));
  const word = () => "abcdefghijklmnopqrstuvwxyz".slice(0, 1 + Math.floor(rand() * 14));
  switch (pick) {
    case 0: return Math.floor(rand() * 10 ** Math.floor(rand() * 8)) * (rand() < 0.3 ? -1 : 1);
    case 1: return word() + (rand() < 0.1 ? "\n" + word().repeat(5) : "");
    case 2: return rand() < 0.5 ? null : undefined;
    case 3: return rand() < 0.5;
    case 4: return rand() * 1000;
    case 5: case 6: return Array.from({ length: n }, () => randomValue(rand, level + 1));
    case 7: case 8: return Object.fromEntries(Array.from({ length: n }, () => [word(), randomValue(rand, level + 1)]));
    case 9: return new Map(Array.from({ length: n % 5 }, () => [word(), randomValue(rand, level + 1)]));
    case 10: return new Set(Array.from({ length: n % 6 }, () => randomValue(rand, level + 1)));
    default: return Array.from({ length: n * 3 }, () => Math.floor(rand() * 1000));
  }
}
for (let seed = 1; seed <= 400; seed++) {
  value(`random #${seed}`, () => randomValue(rng(seed), 0));
}

// --- format -------------------------------------------------------------------
fmt("plain string", "hello");
fmt("string + args", "hello", "world", 1);
fmt("%s string", "%s!", "hi");
fmt("%s number", "%s", 42);
fmt("%s -0", "%s", -0);
fmt("%s bigint", "%s", 5n);
fmt("%s symbol", "%s", Symbol("s"));
fmt("%s undefined null", "%s %s", undefined, null);
fmt("%s object", "%s", { a: { b: { c: 1 } } });
fmt("%s array", "%s", [1, [2, [3]]]);
fmt("%s class instance", "%s", new (class Foo { constructor() { this.a = { b: 1 }; } })());
fmt("%s custom toString", "%s", { toString() { return "custom!"; } });
fmt("%s inherited custom toString", "%s", new (class P { toString() { return "from proto"; } })());
fmt("%s error", "%s", new Error("as string"));
fmt("%s date", "%s", new Date(0));
fmt("%s function", "%s", function named() { return 1; });
fmt("%s null proto", "%s", Object.create(null));
fmt("%s toPrimitive", "%s", { [Symbol.toPrimitive]() { return "prim"; } });
fmt("%d", "%d", 42.5);
fmt("%d string", "%d", "42");
fmt("%d object", "%d", {});
fmt("%d bigint", "%d", 12n);
fmt("%d symbol", "%d", Symbol("x"));
fmt("%d -0", "%d", -0);
fmt("%i", "%i", 42.9);
fmt("%i string", "%i", "0x1f");
fmt("%i bigint", "%i", 3n);
fmt("%f", "%f", "3.5abc");
fmt("%f object", "%f", {});
fmt("%j", "%j", { a: [1, "b"] });
fmt("%j circular", "%j", (() => { const o = {}; o.o = o; return o; })());
fmt("%j undefined", "%j", undefined);
fmt("%o array", "%o", [1, 2, { a: [3] }]);
fmt("%o object", "%o", { a: { b: { c: { d: { e: { f: 1 } } } } } });
fmt("%o function", "%o", function foo() {});
fmt("%o string", "%o", "str");
fmt("%O", "%O", { a: { b: { c: { d: 1 } } } });
fmt("%c", "%cstyled", "color: red");
fmt("%%", "100%% sure", 1);
fmt("%% alone", "100%%");
fmt("%% no args left", "%s %%", "a");
fmt("unknown directive", "%x %s", "a");
fmt("too few args", "%s %s", "only");
fmt("too many args", "%s", "a", "b", { c: 1 });
fmt("trailing percent", "50%", 1);
fmt("non-string first", { a: 1 }, "str", 2);
fmt("numbers only", 1, 2, 3);
fmt("error arg", "failed:", Object.assign(new Error("e"), { code: "ECODE" }));
fmt("empty", );
fmt("mixed", "%s:%d:%i:%f:%j", "a", 1.5, 2.5, "3.5", [1]);
fmt("long object arg", "obj", { alpha: "a".repeat(30), beta: "b".repeat(30), gamma: "c".repeat(30) });
fmt("adjacent directives", "%s%s", "a", "b");
fmt("%o map and set", "%o", new Map([["k", new Set([1, 2])]]));
fmt("%o error", "%o", Object.assign(new Error("o"), { code: "EO" }));
fmt("%o nested arrays", "%o", [[[[[[1]]]]]]);
fmt("%o typed array", "%o", new Uint8Array([1, 2]));
fmt("%o class instance", "%o", new (class Pt { constructor() { this.x = 1; } get len() { return 1; } })());
fmt("%o null proto", "%o", Object.assign(Object.create(null), { z: [1] }));
fmt("%o date regexp", "%o %o", new Date(0), /re/g);
fmt("%O long", "%O", Array.from({ length: 40 }, (_, i) => "entry" + i));
fmt("%s nested depth 0", "%s", { list: [1, 2, 3], obj: { deep: true } });
fmt("%s map", "%s", new Map([[1, { a: 1 }]]));
fmt("%s boxed", "%s", new Number(5));
fmt("%d %i %f on strings", "%d %i %f", "1e3", "1e3", "1e3");
fmt("%d null", "%d %d", null, undefined);
fmt("%j string and nested", "%j %j", "q\"uote", { a: { b: [null] } });
fmt("%j toJSON", "%j", { toJSON() { return "custom json"; } });
fmt("first arg number with %s", 5, "%s", "x");
fmt("%o proxy", "%o", proxy({ a: 1 }, {}));
fmt("%o hostile proxy", "%o", proxy([1], hostile));
fmt("%s proxy", "%s", proxy({ a: 1 }, hostile));
fmt("%s revoked proxy", "%s", revokedProxy());
fmt("proxy arg", proxy({ a: 1 }, hostile), 1);

// --- own expectations: behaviour Node cannot be compared with -------------------
// Known differences from Node, checked here against our fixed output:
// - Map/Set iterators cannot be previewed without engine internals.
// - %o of WeakMap/WeakSet: Node lists the live entries; we print <items unknown>.
// - A proxy of a proxy: Node looks through one level and runs the inner
//   proxy's traps; we look through every level.
// - Values whose getters Node calls and lets throw (an error's name, a
//   Symbol.toStringTag getter): we fall back and keep formatting.
// - Without the runtime's promiseState hook, promises print `<unknown>`.
const expectations = [
  ["map iterator", () => inspect(new Map([[1, 2]]).entries()), "[Map Iterator] { <items unknown> }"],
  ["set iterator", () => inspect(new Set([1]).values()), "[Set Iterator] { <items unknown> }"],
  ["%o weakmap", () => format("%o", new WeakMap()), "WeakMap { <items unknown> }"],
  ["proxy of proxy", () => inspect(proxy(proxy({ z: 1 }, hostile), hostile)), "{ z: 1 }"],
  ["revoked inner proxy", () => inspect(proxy(revokedProxy(), hostile)), "<Revoked Proxy>"],
  ["no trap ran", () => `${trapCalls}`, "0"],
  ["revoked proxy without hook", () => withoutProxyHook(() => {
    const { proxy: p, revoke } = Proxy.revocable({}, {});
    revoke();
    return inspect({ p });
  }), "{ p: <Revoked Proxy> }"],
  ["proxy without hook", () => withoutProxyHook(() => format("%o", new Proxy({ a: 1 }, {}))), "{ a: 1 }"],
  ["proxy prototype", () => inspect(Object.create(proxy({}, hostile))), "{}"],
  ["proxy prototype of instance", () => { class Kp { constructor() { this.y = 2; } } return inspect(Object.create(proxy(new Kp(), hostile))); }, "Kp {}"],
  ["throwing name getter", () => {
    class NamelessError extends Error { get name() { throw new Error("no name"); } }
    // Node's own stack accessor throws here, so only Kode's V8 keeps the frames.
    return inspect(new NamelessError("the message")).split("\n")[0].replace(/^\[(.*)\]$/, "$1");
  }, "NamelessError: the message"],
  ["throwing name and message getters", () => {
    class Hidden extends Error { get name() { throw new Error("no name"); } get message() { throw new Error("no message"); } }
    return inspect(new Hidden()).split("\n")[0].replace(/^\[(.*)\]$/, "$1");
  }, "Hidden: <message unavailable>"],
  ["throwing own name getter", () => {
    const e = new RangeError("r");
    Object.defineProperty(e, "name", { get() { throw new Error("n"); }, enumerable: true });
    const text = inspect(e);
    return `${/^\[?RangeError: r\b/.test(text)} ${text.includes("name: [Getter]")}`;
  }, "true true"],
  ["throwing stack getter", () => {
    const e = new Error("s");
    Object.defineProperty(e, "stack", { get() { throw new Error("st"); } });
    return inspect(e).split("\n")[0].replace(/^\[(.*)\]$/, "$1");
  }, "Error: s"],
  ["throwing toStringTag getter", () => inspect({ get [Symbol.toStringTag]() { throw new Error("tag"); }, a: 1 }),
    "{ a: 1, [Symbol(Symbol.toStringTag)]: [Getter] }"],
  ["throwing custom inspect getter", () => inspect({ get [Symbol.for("nodejs.util.inspect.custom")]() { throw new Error("c"); } }),
    "{ [Symbol(nodejs.util.inspect.custom)]: [Getter] }"],
  ["promise without hook", () => {
    const saved = inspect.promiseState;
    inspect.promiseState = undefined;
    try { return inspect(Promise.resolve(1)); } finally { inspect.promiseState = saved; }
  }, "Promise { <unknown> }"],
  ["promise hook throws", () => {
    const saved = inspect.promiseState;
    inspect.promiseState = () => { throw new TypeError("not a promise"); };
    try { return inspect(Object.create(Promise.prototype)); } finally { inspect.promiseState = saved; }
  }, "Promise { <unknown> }"],
  ["depth option default", () => inspect({ a: { b: { c: { d: 1 } } } }), "{ a: { b: { c: [Object] } } }"],
];

function withoutProxyHook(run) {
  const saved = inspect.proxyDetails;
  inspect.proxyDetails = undefined;
  try { return run(); } finally { inspect.proxyDetails = saved; }
}

// --- run ----------------------------------------------------------------------
let passed = 0;
let failed = 0;
for (const c of cases) {
  let expected;
  let actual;
  try {
    if (c.kind === "inspect") {
      const v = c.make();
      expected = c.opts ? util.inspect(v, c.opts) : util.inspect(v);
      actual = c.opts ? inspect(v, c.opts) : inspect(v);
    } else {
      const args = c.make();
      expected = util.format(...args);
      actual = format(...args);
    }
  } catch (err) {
    actual = `THREW ${err && err.stack}`;
  }
  if (expected !== undefined && normalise(expected) === normalise(actual)) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${c.kind} ${c.name}\n--- node\n${expected}\n--- ours\n${actual}\n`);
  }
}
for (const [name, run, want] of expectations) {
  let got;
  try {
    got = run();
  } catch (err) {
    got = `THREW ${err && err.stack}`;
  }
  if (got === want) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL expectation ${name}\n--- want\n${want}\n--- got\n${got}\n`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
