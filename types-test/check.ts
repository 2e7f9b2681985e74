// Typecheck harness for ../kode.d.ts: uses every declared API once, and proves
// with `@ts-expect-error` that typical misuse is rejected. Never run, only
// checked: `npx tsc -p types-test` must report nothing.

import fsImported = require("kode:fs");
import * as pathNs from "kode:path";
import type { FileInfo, ReadBytesResult, ReadTextResult } from "kode:fs";
import type { HashAlgorithm } from "kode:crypto";
import { connect, listen } from "kode:net";
import type { Listener, Socket, SocketInfo } from "kode:net";
import { run, spawn } from "kode:subprocess";
import type { Output, Status, Subprocess } from "kode:subprocess";

const fs = require("kode:fs");
const path = require("kode:path");
const crypto = require("kode:crypto");
const encoding = require("kode:encoding");

/** Exact-type assertion: `expectType<T>()(value)` fails unless `value` is a `T`. */
function expectType<T>() {
  return <V extends T>(value: V & ([T] extends [V] ? unknown : never)): V => value;
}

function isKodeError(error: unknown): error is KodeError {
  return error instanceof Error && typeof (error as KodeError).code === "string";
}

async function main(): Promise<void> {
  // --- builtins: require and import forms agree ------------------------------
  const sameFs: typeof fsImported = fs;
  const samePath: typeof pathNs = path;
  void sameFs, samePath;

  // --- console -----------------------------------------------------------------
  console.log("%s has %d items (%j)", "list", 3, { a: 1 });
  console.info("info");
  console.debug("debug");
  console.warn("warn");
  console.error(new Error("shown with its stack"));
  console.trace("here");
  console.dir({ deep: { deeper: {} } }, { depth: null, showHidden: true, compact: 3, breakLength: 120 });
  console.assert(1 + 1 === 2, "math works");
  console.count();
  console.count("x");
  console.countReset("x");
  console.group("group");
  console.groupCollapsed();
  console.groupEnd();
  console.time("t");
  console.timeLog("t", "midway");
  console.timeEnd("t");

  // --- timers --------------------------------------------------------------------
  const t: number = setTimeout((a: number, b: string) => console.log(a, b), 10, 1, "two");
  clearTimeout(t);
  const i = setInterval(() => {}, 250);
  clearInterval(i);
  clearTimeout(undefined);
  queueMicrotask(() => console.log("microtask"));
  // @ts-expect-error extra arguments must match the callback's parameters
  setTimeout((a: number) => a, 10, "not a number");

  // --- structuredClone -------------------------------------------------------------
  const cloned = structuredClone({ when: new Date(), tags: new Set(["a"]) });
  expectType<Date>()(cloned.when);

  // --- TextEncoder / TextDecoder -------------------------------------------------------
  const encoder = new TextEncoder();
  const encodedBytes: Uint8Array = encoder.encode("héllo");
  const { read, written } = encoder.encodeInto("héllo", new Uint8Array(3));
  expectType<number>()(read + written);
  expectType<"utf-8">()(encoder.encoding);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const decodedText: string = decoder.decode(encodedBytes);
  new TextDecoder().decode(encodedBytes.buffer);
  new TextDecoder("UTF-8", null).decode(new DataView(new ArrayBuffer(2)));
  const flags: boolean = decoder.fatal && decoder.ignoreBOM;
  void decodedText, flags;
  const latin1 = new TextDecoder("latin1");
  expectType<TextDecoderEncoding>()(latin1.encoding);
  new TextDecoder("SHIFT_JIS");
  new TextDecoder("Shift_JIS", { fatal: true });
  new TextDecoder("utf-16le", { ignoreBOM: true });
  const streamed: string = decoder.decode(encodedBytes, { stream: true }) + decoder.decode();
  void streamed;
  // @ts-expect-error not a WHATWG label
  new TextDecoder("utf-32");
  // @ts-expect-error replacement is not decodable
  new TextDecoder("replacement");
  // @ts-expect-error encoding is the lowercase name
  expectType<"UTF-8">()(decoder.encoding);

  // --- AbortController / AbortSignal ---------------------------------------------------
  const controller = new AbortController();
  const signal: AbortSignal = controller.signal;
  signal.addEventListener("abort", function (event) {
    expectType<AbortSignal>()(this);
    expectType<string>()(event.type);
  }, { once: true });
  const listenerObject = { handleEvent: (event: Event) => event.target };
  signal.addEventListener("abort", listenerObject);
  signal.removeEventListener("abort", listenerObject);
  signal.onabort = () => console.log("aborted");
  signal.onabort = null;
  controller.abort(new Error("why"));
  if (signal.aborted) console.log(signal.reason);
  signal.throwIfAborted();
  AbortSignal.abort("reason").throwIfAborted();
  void AbortSignal.timeout(100).aborted;
  const anySignal: AbortSignal = AbortSignal.any([signal, AbortSignal.timeout(5)]);
  const asTarget: EventTarget = anySignal;
  void asTarget;
  // @ts-expect-error signals cannot be constructed directly
  new AbortSignal();
  // @ts-expect-error any takes signals
  AbortSignal.any([1]);
  addEventListener("unhandledrejection", (event) => {
    expectType<PromiseRejectionEvent>()(event);
    event.preventDefault();
  });
  addEventListener("error", (event) => console.log(event.message, event.error));
  reportError(new Error("reported"));
  expectType<typeof globalThis>()(self);
  // @ts-expect-error aborted is read-only
  signal.aborted = true;

  // --- Kode.args / Kode.env / Kode.text / Kode.exit ------------------------------------------
  const values: readonly string[] = Kode.args.values;
  const first: string | undefined = values[0];
  const where: string = Kode.args.executable + Kode.args.script;
  // @ts-expect-error Kode.args.values is frozen
  Kode.args.values.push("x");
  // @ts-expect-error Kode.args is frozen
  Kode.args.script = "other.js";
  // @ts-expect-error the Kode global cannot be replaced
  Kode = {} as Kode.Global;
  const home: string | undefined = Kode.env.get("HOME");
  const hasHome: boolean = Kode.env.has("HOME");
  const env: Record<string, string> = Kode.env.toObject();
  env.EXTRA = "copies are mutable";
  // @ts-expect-error Kode.env is frozen
  Kode.env.get = () => "x";
  // @ts-expect-error Kode is frozen
  Kode.sleep = async () => {};
  const textBytes: Uint8Array = Kode.text.encode("hi");
  const backText: string = Kode.text.decode(textBytes);
  void first, where, home, hasHome, backText;
  // @ts-expect-error Kode.text.decode takes bytes, not a string
  Kode.text.decode("hi");
  if (values.includes("--quit")) {
    const never: never = Kode.exit(0);
    void never;
  }
  if (values.includes("--fail")) {
    // @ts-expect-error the exit code is a number
    Kode.exit("x");
  }

  // --- Kode.stdin / Kode.stdout / Kode.stderr ------------------------------------------------
  const terminals: boolean[] = [Kode.stdin.isTerminal(), Kode.stdout.isTerminal(), Kode.stderr.isTerminal()];
  for await (const chunk of Kode.stdin) expectType<Uint8Array>()(chunk);
  const stdinBytes: ReadableStream<Uint8Array> = Kode.stdin;
  await stdinBytes.pipeThrough(new TextDecoderStream()).pipeTo(new WritableStream<string>());
  await Kode.stdin.pipeTo(Kode.stdout);
  await Kode.stderr.getWriter().write(Kode.text.encode("to stderr\n"));
  // @ts-expect-error stdout takes bytes, not strings
  await Kode.stdout.getWriter().write("text");
  // @ts-expect-error Kode is frozen
  Kode.stdout = Kode.stderr;
  void terminals;

  // --- Kode.interrupt ------------------------------------------------------------------------
  const interrupt: AbortSignal = Kode.interrupt;
  interrupt.addEventListener("abort", () => {
    const reason = interrupt.reason as KodeError;
    if (reason.code === "EINTERRUPTED") console.log(reason.signal, reason.operation);
  });
  // @ts-expect-error Kode is frozen
  Kode.interrupt = AbortSignal.abort();

  // --- Kode.serve -----------------------------------------------------------------------------
  const httpServer: Kode.Server = Kode.serve({ hostname: "127.0.0.1", port: 0, signal: Kode.interrupt, onListen: (addr) => console.log(addr.port) }, async (request, info) => {
    const remote: string = info.remoteAddr.hostname;
    if (request.method === "POST") return new Response(request.body, { status: 201 });
    return Response.json({ remote, path: new URL(request.url).pathname });
  });
  const served: Kode.Server = Kode.serve(() => new Response("hi"));
  const port: number = httpServer.addr.port;
  await httpServer.shutdown();
  await served.finished;
  void port;
  // @ts-expect-error a handler returns a Response
  Kode.serve(() => "text");
  // @ts-expect-error tls needs both cert and key
  Kode.serve({ tls: { cert: "" } }, () => new Response());

  // --- kode:subprocess ----------------------------------------------------------------------
  const child: Subprocess = spawn("cat", [], { stdin: "pipe", stdout: "pipe", signal: Kode.interrupt, killGrace: 100 });
  const childPid: number = child.pid;
  if (child.stdin) await child.stdin.getWriter().write(Kode.text.encode("hi"));
  if (child.stdout) for await (const chunk of child.stdout) expectType<Uint8Array>()(chunk);
  const ended: Status = await child.status;
  const endCode: number | null = ended.code;
  if (ended.signal === "SIGTERM") child.kill("SIGKILL");
  child.kill();
  child.kill(9);
  spawn("ls", { cwd: "/", env: { A: "1" }, clearEnv: true, detached: true, stdout: "null" });
  spawn("ls", null, null);
  // @ts-expect-error not a signal name
  child.kill("TERM");
  // @ts-expect-error the stdio modes are "pipe", "inherit" and "null"
  spawn("ls", [], { stdout: "piped" });
  // @ts-expect-error spawn's stdin is a mode, not input
  spawn("cat", [], { stdin: Kode.text.encode("input") });
  // @ts-expect-error args are strings
  spawn("ls", [1]);
  // @ts-expect-error pid is read-only
  child.pid = 1;
  const output: Output = await run("sh", ["-c", "echo hi"], { stdin: "input text", stderr: "inherit" });
  const captured: Uint8Array | null = output.stdout;
  const fed = await run("wc", { stdin: Kode.text.encode("bytes") });
  const runCode: number | null = fed.code;
  // @ts-expect-error run resolves with an Output, not a Subprocess
  (await run("true")).pid;
  void childPid, endCode, captured, runCode;

  // --- Kode.sleep / Kode.timeout / Kode.scope / Kode.activeOperations ---------------------
  await Kode.sleep(5);
  await Kode.sleep(5, { signal: Kode.timeout(1000).signal });
  await Kode.sleep(5, null);
  const { signal: timeoutSignal } = Kode.timeout(30_000);
  // @ts-expect-error ms must be a number
  await Kode.sleep("5");
  const total: number = await Kode.scope(async (scope) => {
    const a = scope.async(async (taskSignal) => {
      await Kode.sleep(10, { signal: taskSignal });
      return 1;
    });
    const b = scope.async(() => 2);
    expectType<Promise<number>>()(a);
    expectType<AbortSignal>()(scope.signal);
    return (await a) + (await b);
  }, { signal: timeoutSignal });
  const label: string = await Kode.scope(() => "sync result");
  void total, label;
  for (const op of Kode.activeOperations()) {
    const { id, operation, detail, startedMs } = op;
    console.log(id.toFixed(), operation.padEnd(14), detail, new Date(startedMs));
  }

  // --- errors --------------------------------------------------------------------------------
  try {
    await fs.readText("/nope");
  } catch (error) {
    if (isKodeError(error)) {
      const code: KodeErrorCode | (string & {}) = error.code;
      if (error.code === "ENOENT" || error.code === "ECANCELED") console.log(error.operation, error.path);
      console.log(code, error.specifier, error.from, error.dest, error.algorithm, error.cause);
    }
  }

  // --- kode:fs ---------------------------------------------------------------------------------
  const asText = await fs.read("/etc/hostname");
  expectType<ReadTextResult>()(asText);
  const text: string = asText.text;
  const explicitText = await fs.read("/etc/hostname", { as: "text", signal: controller.signal });
  expectType<string>()(explicitText.text);
  const asBytes = await fs.read("/bin/sh", { as: "bytes" });
  expectType<ReadBytesResult>()(asBytes);
  const bytes: Uint8Array = asBytes.bytes;
  const mode: "text" | "bytes" = Kode.args.values.includes("--bytes") ? "bytes" : "text";
  const either = await fs.read("/etc/hostname", { as: mode, signal: null });
  const content: string | Uint8Array = "text" in either ? either.text : either.bytes;
  // @ts-expect-error text mode has no bytes
  (await fs.read("/etc/hostname")).bytes;
  // @ts-expect-error bytes mode has no text
  (await fs.read("/bin/sh", { as: "bytes" })).text;
  // @ts-expect-error the path must be a string
  fs.read(1);
  // @ts-expect-error only "text" and "bytes"
  fs.read("/x", { as: "base64" });

  const result = await fs.write("/tmp/out.txt", "text", { create: "parents", signal: timeoutSignal });
  const count: number = result.bytesWritten;
  const writtenInfo: FileInfo | null = result.info;
  await fs.write("/tmp/out.bin", new Uint8Array([1, 2, 3]));
  // @ts-expect-error data is a string or a Uint8Array (no other typed arrays)
  await fs.write("/tmp/out.bin", new Uint16Array(2));
  // @ts-expect-error create is "none" or "parents"
  await fs.write("/tmp/out.txt", "x", { create: true });
  const streamedCount: number = (await fs.write("/tmp/out.bin", ReadableStream.from([new Uint8Array(1)]))).bytesWritten;
  // @ts-expect-error a stream of strings is not written
  await fs.write("/tmp/out.txt", ReadableStream.from(["text"]));

  // Handles: read, write or both.
  const reading = await fs.open("/etc/hostname", { read: true, chunkSize: 4096, signal: timeoutSignal });
  const chunk: Uint8Array | null = await reading.read();
  for await (const piece of reading.readable) expectType<Uint8Array>()(piece);
  const writing = await fs.open("/tmp/log.txt", { append: true, create: true });
  const wrote: number = await writing.write("line\n");
  await reading.readable.pipeTo(writing.writable);
  const exclusive = await fs.open("/tmp/new.txt", { write: true, create: "new" });
  exclusive.close();
  const handleInfo: FileInfo = await writing.info();
  const isClosed: boolean = writing.closed;
  // @ts-expect-error create is true, false or "new"
  await fs.open("/tmp/x", { write: true, create: "always" });
  // @ts-expect-error the writable takes bytes
  await writing.writable.getWriter().write("text");
  void streamedCount, chunk, wrote, handleInfo, isClosed;

  const info = await fs.info("/tmp/out.txt");
  if (info !== null) {
    const kind: "file" | "directory" | "symlink" | "other" = info.kind;
    const size: number = info.size;
    const modified: number | null = info.modifiedMs;
    const mime: string | null = info.mimeType;
    const infoPath: string = info.path;
    void kind, size, modified, mime, infoPath;
  }
  // @ts-expect-error info may be null
  (await fs.info("/tmp/out.txt")).size;

  for (const entry of await fs.list("/tmp")) console.log(entry.name, entry.kind);
  await fs.mkdir("/tmp/a/b", { parents: true });
  await fs.mkdir("/tmp/c");
  await fs.rename("/tmp/a", "/tmp/d");
  await fs.remove("/tmp/d", { recursive: true });
  await fs.remove("/tmp/c");
  const readBack: string = await fs.readText("/tmp/out.txt", { signal: controller.signal });
  fs.readFile("/tmp/out.txt", (error, fileText) => {
    if (error) {
      console.error(error.code, error.operation, error.path);
      return;
    }
    expectType<string>()(fileText);
  });
  void text, bytes, content, count, writtenInfo, readBack;

  // --- kode:path ---------------------------------------------------------------------------------
  const joined: string = path.join("a", "b", "..", "c");
  const pieces = [
    path.normalize("/a//b/../c/"),
    path.dirname("/a/b"),
    path.basename("/a/b.txt"),
    path.basename("/a/b.txt", ".txt"),
    path.extname("b.txt"),
    path.resolve("a", "/b", "c"),
    path.relative("/a/b", "/a/c"),
    path.format({ dir: "/a", name: "b", ext: "txt" }),
    path.format(path.parse("/home/u/file.tar.gz")),
  ];
  const absolute: boolean = path.isAbsolute(joined);
  const { root, dir, base, ext, name } = path.parse("/home/u/file.txt");
  expectType<"/">()(path.sep);
  expectType<":">()(path.delimiter);
  void pieces, absolute, root, dir, base, ext, name;
  // @ts-expect-error paths are strings
  path.join("a", 1);
  // @ts-expect-error builtin modules are frozen
  path.sep = "\\";

  // --- kode:crypto -------------------------------------------------------------------------------
  const digest = crypto.hash("sha256", "abc");
  expectType<"sha256">()(digest.algorithm);
  expectType<"sha384">()(crypto.hash("SHA-384", new Uint8Array(4)).algorithm);
  const hex: string = crypto.hash("sha-512", new ArrayBuffer(8)).hex;
  const anyAlgorithm: HashAlgorithm = crypto.hash("SHA512" as "sha256" | "SHA512", "x").algorithm;
  const random: Uint8Array = crypto.randomBytes(16);
  const uuid: string = crypto.randomUUID();
  void hex, anyAlgorithm, random, uuid;
  // @ts-expect-error md5 is not supported (EUNSUPPORTED_ALGORITHM)
  crypto.hash("md5", "abc");
  // @ts-expect-error the size is a number
  crypto.randomBytes("16");

  // --- kode:encoding -----------------------------------------------------------------------------
  const utf8: Uint8Array = encoding.encodeUtf8("héllo");
  const strict: string = encoding.decodeUtf8(utf8);
  const lenient: string = encoding.decodeUtf8(utf8.buffer, { fatal: false, ignoreBOM: true });
  const b64: string = encoding.encodeBase64(utf8);
  const fromB64: Uint8Array = encoding.decodeBase64(b64);
  const hexText: string = encoding.encodeHex("text is UTF-8 first");
  const fromHex: Uint8Array = encoding.decodeHex(hexText);
  void strict, lenient, fromB64, fromHex;
  // @ts-expect-error decodeUtf8 takes bytes
  encoding.decodeUtf8("already text");
  // @ts-expect-error encodeUtf8 takes a string
  encoding.encodeUtf8(utf8);

  // --- kode:net ----------------------------------------------------------------------------------
  const net = require("kode:net");
  const server: Listener = net.listen({ hostname: "127.0.0.1", port: 0, tls: { cert: "PEM", key: "PEM", alpn: ["h2"] }, allowHalfOpen: true });
  expectType<number>()(server.addr.port);
  expectType<string>()(server.addr.hostname);
  const accepted: Socket = await server.accept();
  for await (const each of server) expectType<Socket>()(each);
  const socket = connect({ hostname: "localhost", port: server.addr.port }, { tls: { caCerts: ["PEM"], serverName: "localhost" }, alpn: ["h2"], signal: AbortSignal.timeout(1000) });
  const plain = connect("example.com:25", { secureTransport: "starttls", allowHalfOpen: true });
  const opened: SocketInfo = await socket.opened;
  expectType<string | null>()(opened.alpn);
  expectType<string>()(opened.remoteAddress + opened.localAddress);
  const upgraded: Socket = plain.startTls({ hostname: "example.com", caCerts: ["PEM"] });
  expectType<boolean>()(plain.upgraded);
  expectType<"off" | "on" | "starttls">()(upgraded.secureTransport);
  await socket.writable.getWriter().write(new Uint8Array([1]));
  for await (const chunk of socket.readable) expectType<Uint8Array>()(chunk);
  await accepted.readable.pipeTo(accepted.writable);
  const done: Promise<void> = socket.close();
  await Promise.all([done, socket.closed, server.close()]);
  console.log(socket instanceof net.Socket, server instanceof net.Listener);
  try {
    await plain.opened;
  } catch (error) {
    if (isKodeError(error)) console.log(error.code, error.operation, error.address);
  }
  // @ts-expect-error the port is a number
  connect({ hostname: "localhost", port: "80" });
  // @ts-expect-error secureTransport is "off", "on" or "starttls"
  connect("localhost:80", { secureTransport: "tls" });
  // @ts-expect-error a listener's TLS needs a key
  listen({ tls: { cert: "PEM" } });
  // @ts-expect-error caCerts is a list of PEM strings
  connect("localhost:443", { tls: { caCerts: "PEM" } });
  // @ts-expect-error sockets come from connect() or a listener
  new net.Socket();

  // --- CommonJS module scope ------------------------------------------------------------------
  const local = require("./local-module");
  const resolved: string = require.resolve("kode:fs");
  const mainModule: Kode.Module = require.main;
  const cached: Kode.Module | undefined = require.cache[__filename];
  if (cached) delete require.cache[cached.filename];
  const me: Kode.Module = module;
  console.log(me.id, me.filename, me.path, me.loaded, me.children.length, __dirname, local, resolved, mainModule);
  module.exports = { main };
  exports.extra = 1;
  // @ts-expect-error there is no kode:http builtin
  require("kode:http");

  // --- things Kode does not have ---------------------------------------------------------------
  // @ts-expect-error there is no `process` in Kode
  if (typeof process !== "undefined") console.log("node");
  // @ts-expect-error there is no `Buffer` in Kode
  Buffer.from("x");
}

void main();

// --- Web platform: URL, events, DOMException, base64 -------------------------
{
  const url: URL = new URL("/a?x=1", "https://kode.dev");
  const origin: string = url.origin;
  url.searchParams.append("y", "2");
  const params = new URLSearchParams([["a", "1"]]);
  const first: string | null = params.get("a");
  const parsed: URL | null = URL.parse("nope");
  const ok: boolean = URL.canParse("https://x");
  for (const [key, value] of params) void key, value;
  // @ts-expect-error origin is read-only
  url.origin = "x";
  const target = new EventTarget();
  const abort = new AbortController();
  target.addEventListener("ping", (event) => void event.type, { once: true, signal: abort.signal });
  const custom = new CustomEvent<number>("ping", { detail: 1, cancelable: true });
  const detail: number = custom.detail;
  const notPrevented: boolean = target.dispatchEvent(custom);
  const error = new DOMException("bad", "InvalidCharacterError");
  const code: number = error.code;
  const legacy: 5 = DOMException.INVALID_CHARACTER_ERR;
  const text: string = atob(btoa("kode"));
  // @ts-expect-error atob takes a string
  atob(1);
  void origin, first, parsed, ok, detail, notPrevented, code, legacy, text;
}
{
  // (`crypto` at the top of this file is kode:crypto; the global is Web Crypto's.)
  const web: Crypto = globalThis.crypto;
  const bytes: Uint8Array = web.getRandomValues(new Uint8Array(16));
  const wide: BigUint64Array = web.getRandomValues(new BigUint64Array(2));
  const uuid: string = web.randomUUID();
  const isCrypto: boolean = web instanceof Crypto;
  // @ts-expect-error only integer typed arrays
  web.getRandomValues(new Float32Array(1));
  void bytes, wide, uuid, isCrypto;
}
async function webCrypto(): Promise<void> {
  const subtle: SubtleCrypto = globalThis.crypto.subtle;
  const isSubtle: boolean = subtle instanceof SubtleCrypto;
  const digest: ArrayBuffer = await subtle.digest("SHA-256", new Uint8Array([1]));
  const aes: CryptoKey = await subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
  const sealed: ArrayBuffer = await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 96 }, aes, new ArrayBuffer(4));
  const pair: CryptoKeyPair = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const ed: CryptoKeyPair = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  const rsa: CryptoKeyPair = await subtle.generateKey(
    { name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
  const signature: ArrayBuffer = await subtle.sign({ name: "ECDSA", hash: "SHA-384" }, pair.privateKey, new DataView(new ArrayBuffer(2)));
  const valid: boolean = await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, rsa.publicKey, signature, new Uint8Array(0));
  const jwk: JsonWebKey = await subtle.exportKey("jwk", aes);
  const spki: ArrayBuffer = await subtle.exportKey("spki", ed.publicKey);
  const imported: CryptoKey = await subtle.importKey("jwk", jwk, "AES-GCM", false, ["decrypt"]);
  const raw: CryptoKey = await subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: { name: "SHA-512" } }, false, ["sign"]);
  const password = await subtle.importKey("raw", new Uint8Array(8), "PBKDF2", false, ["deriveKey", "deriveBits"]);
  const derived: CryptoKey = await subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(16), iterations: 100000 },
    password,
    { name: "AES-KW", length: 128 },
    false,
    ["wrapKey", "unwrapKey"],
  );
  const bits: ArrayBuffer = await subtle.deriveBits({ name: "HKDF", hash: "SHA-1", salt: new Uint8Array(0), info: new Uint8Array(0) }, password, 128);
  const wrapped: ArrayBuffer = await subtle.wrapKey("raw", aes, derived, "AES-KW");
  const back: CryptoKey = await subtle.unwrapKey("raw", wrapped, derived, "AES-KW", "AES-GCM", true, ["encrypt"]);
  const type: KeyType = back.type;
  const usages: KeyUsage[] = back.usages;
  const name: string = back.algorithm.name;
  const isKey: boolean = back instanceof CryptoKey;
  // @ts-expect-error "seal" is not a KeyUsage
  await subtle.generateKey({ name: "AES-CBC", length: 128 }, true, ["seal"]);
  // @ts-expect-error a "jwk" key is a JsonWebKey, not bytes
  await subtle.importKey("jwk", new Uint8Array(16), "AES-GCM", true, ["encrypt"]);
  // @ts-expect-error a "raw" key is bytes, not a JsonWebKey
  await subtle.importKey("raw", { kty: "oct" }, "AES-GCM", true, ["encrypt"]);
  void isSubtle, digest, sealed, valid, spki, imported, raw, bits, type, usages, name, isKey;
}
void webCrypto;
{
  const start: number = performance.now();
  const origin: number = performance.timeOrigin;
  const mark: PerformanceMark = performance.mark("a", { detail: { step: 1 }, startTime: start });
  const markType: "mark" = mark.entryType;
  const loose = new PerformanceMark("loose");
  const measure: PerformanceMeasure = performance.measure("a to now", "a");
  const between = performance.measure("b", { start: "a", duration: 2, detail: null });
  const fromOrigin = performance.measure("c", null);
  const byName: PerformanceEntry[] = performance.getEntriesByName("a", "mark");
  const marks: PerformanceMark[] = performance.getEntriesByType("mark");
  const all: PerformanceEntry[] = performance.getEntries();
  const json: { timeOrigin: number } = performance.toJSON();
  const entryJson: number = mark.toJSON().startTime;
  performance.clearMarks("a");
  performance.clearMarks();
  performance.clearMeasures();
  const isEntry: boolean = measure instanceof PerformanceEntry && measure instanceof PerformanceMeasure && performance instanceof Performance;
  // @ts-expect-error entries are read-only
  mark.startTime = 1;
  void origin, markType, loose, between, fromOrigin, byName, marks, all, json, entryJson, isEntry;
}
{
  const agent: string = navigator.userAgent;
  const cores: number = navigator.hardwareConcurrency;
  const isNavigator: boolean = navigator instanceof Navigator;
  // @ts-expect-error userAgent is read-only
  navigator.userAgent = "x";
  void agent, isNavigator, cores;
}
{
  const headers = new Headers({ "Content-Type": "text/plain" });
  const fromPairs = new Headers([["a", "1"]]);
  const copy = new Headers(headers);
  headers.append("Set-Cookie", "a=1");
  headers.set("x", "y");
  headers.delete("x");
  const value: string | null = headers.get("content-type");
  const cookies: string[] = headers.getSetCookie();
  const has: boolean = headers.has("a");
  headers.forEach((v: string, name: string, target: Headers) => void [v, name, target]);
  for (const [name, v] of headers) void [name.length, v.length];
  const names: string[] = [...copy.keys(), ...fromPairs.values()];
  // @ts-expect-error a number is not a HeadersInit
  new Headers(1);
  const blob = new Blob(["text", new Uint8Array([1]), new ArrayBuffer(1)], { type: "text/plain", endings: "native" });
  const size: number = blob.size;
  const type: string = blob.type;
  const part: Blob = blob.slice(-2, undefined, "a/b");
  const text: Promise<string> = part.text();
  const buffer: Promise<ArrayBuffer> = blob.arrayBuffer();
  const bytes: Promise<Uint8Array> = blob.bytes();
  // @ts-expect-error endings is "transparent" or "native"
  new Blob([], { endings: "other" });
  const file = new File([blob, "x"], "a.txt", { type: "text/plain", lastModified: 0 });
  const name: string = file.name;
  const modified: number = file.lastModified;
  const isBlob: Blob = file;
  void value, cookies, has, names, size, type, text, buffer, bytes, name, modified, isBlob;
}

// --- Request, Response, FormData, fetch ---------------------------------------------------
async function fetchTypes(): Promise<void> {
  const response: Response = await fetch("data:,hello", { signal: AbortSignal.timeout(1000) });
  const text: string = await response.text();
  const status: number = response.status;
  const request = new Request(new URL("https://kode.dev"), { method: "POST", body: new URLSearchParams({ a: "1" }) });
  const cloned: Request = request.clone();
  const form = new FormData();
  form.append("file", new Blob(["x"]), "x.txt");
  const entry: FormDataEntryValue | null = form.get("file");
  const json: Response = Response.json({ text, status, entry: typeof entry });
  const blobUrl: string = URL.createObjectURL(await json.blob());
  URL.revokeObjectURL(blobUrl);
  void (await cloned.formData());
  void Response.redirect("https://kode.dev/", 301).headers.get("location");
  // @ts-expect-error a status is a number
  new Response(null, { status: "200" });
}
void fetchTypes;
console.table([{ a: 1 }], ["a"]);
async function wasmTypes(): Promise<number> {
  const { instance } = await WebAssembly.instantiateStreaming(fetch("data:application/wasm;base64,AGFzbQEAAAA="));
  const module: WebAssembly.Module = await WebAssembly.compileStreaming(Promise.resolve(new Response(new Uint8Array(8))));
  return WebAssembly.Module.exports(module).length + Object.keys(instance.exports).length;
}
void wasmTypes;

// --- Web platform: MessageChannel, MessagePort, MessageEvent, structuredClone transfer ---
{
  const { port1, port2 } = new MessageChannel();
  const buffer = new ArrayBuffer(8);
  port1.postMessage({ buffer }, [buffer]);
  port1.postMessage("x", { transfer: [port2] });
  port1.postMessage(1);
  port2.onmessage = function (event: MessageEvent) {
    const self: MessagePort = this;
    const data: any = event.data;
    const ports: ReadonlyArray<MessagePort> = event.ports;
    const origin: string = event.origin;
    void [self, data, ports, origin];
  };
  port2.onmessageerror = null;
  port2.addEventListener("message", (event) => void event.type);
  port2.start();
  port2.close();
  const made = new MessageEvent("message", { data: 1, ports: [port1], source: port1 });
  const n: number = made.data;
  const moved: ArrayBuffer = structuredClone(buffer, { transfer: [buffer] });
  // @ts-expect-error a port cannot be constructed
  new MessagePort();
  // @ts-expect-error only ArrayBuffers and ports are transferable
  structuredClone(1, { transfer: [new Uint8Array(1)] });
  void n, moved;
}

// --- Web platform: URLPattern ---------------------------------------------------
{
  const pattern = new URLPattern("/books/:id", "https://example.com");
  const fromInit = new URLPattern({ pathname: "/a/*" }, { ignoreCase: true });
  const everything = new URLPattern();
  const matched: boolean = pattern.test("https://example.com/books/1") || fromInit.test({ pathname: "/A/b" }) || everything.test();
  const result = pattern.exec("/books/1", "https://example.com");
  const id: string | undefined = result?.pathname.groups.id;
  const inputs = result?.inputs;
  const parts: string[] = [pattern.protocol, pattern.hostname, pattern.pathname, pattern.search, pattern.hash];
  const groups: boolean = pattern.hasRegExpGroups;
  // @ts-expect-error a number is neither a base URL nor options
  new URLPattern({ pathname: "/x" }, 1);
  void matched, id, inputs, parts, groups;
}
