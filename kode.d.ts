// Type declarations for the Kode host API (SPEC §4, §5), written against the
// implementation in runtime/js/ and runtime/src/ops/.
//
// Use with `"lib": ["ES2023"]` (or newer ES libs), WITHOUT the DOM lib and
// WITHOUT @types/node: this file declares console, timers, TextEncoder,
// TextDecoder, AbortSignal, AbortController and structuredClone itself.
// A TypeScript project run by Kode points its tsconfig.json at this file:
//   { "compilerOptions": { "lib": ["ES2023"], "types": [],
//       "module": "preserve", "moduleResolution": "bundler",
//       "allowImportingTsExtensions": true, "noEmit": true,
//       "isolatedModules": true, "verbatimModuleSyntax": true },
//     "files": ["path/to/kode.d.ts"], "include": ["src"] }
// (Kode does not type-check: run `tsc` for that. `isolatedModules` makes tsc
// flag what a per-file transpiler cannot know, e.g. re-exported types
// without `export type`.)
//
// Kode has no `process` and no `Buffer` (`typeof process === "undefined"`);
// they are deliberately NOT declared here, so code that uses them is an error.
// Use `Kode.args`, `Kode.env`, `Kode.exit` and `Uint8Array` plus `kode:encoding`.
//
// Every Kode error is an `Error` (or `TypeError`/`RangeError`/`SyntaxError`)
// with a stable `code`; see `KodeError` and `KodeErrorCode`.

// ---------------------------------------------------------------------------
// Errors (§5)
// ---------------------------------------------------------------------------

/**
 * Error codes Kode raises: its own codes plus the POSIX codes of OS failures.
 * Exactly the table in `kode-pack/src/codes.rs` (a Rust test keeps the two equal).
 */
type KodeErrorCode =
  // Kode's own codes
  | "ECANCELED"
  | "ETIMEDOUT"
  // Resource limits: the uncaught report of a run stopped by --max-cpu-ms / --max-heap-mb
  | "ETIMEOUT"
  | "EHEAP_LIMIT"
  | "EMODULE_NOT_FOUND"
  | "EIMPORT_ATTRIBUTE"
  | "EREQUIRE_ASYNC_MODULE"
  | "EREQUIRE_CYCLE_MODULE"
  | "EBUNDLE_CORRUPT"
  | "EBUNDLE_VERSION"
  | "EINVALID_ARG"
  | "EINVALID_ENCODING"
  | "ECORRUPT_DATA"
  | "EINVALID_URL"
  | "EINVALID_URL_PATTERN"
  | "EINVALID_JSON"
  // TypeScript/JSX: an unusable tsconfig.json (a TS syntax error is a SyntaxError with ESYNTAX)
  | "ETSCONFIG"
  | "EUNSUPPORTED_ALGORITHM"
  | "EUNSUPPORTED"
  | "ENETWORK"
  // I/O: a host name that did not resolve, TLS and HTTP failures
  | "ENOTFOUND"
  | "ECERT"
  | "ETLS"
  | "EHTTP"
  // The abort reason of `Kode.interrupt` (SIGINT, SIGTERM)
  | "EINTERRUPTED"
  // A Node API member (node:*, process) that Kode's Node layer does not provide
  | "ENODE_UNSUPPORTED"
  | "ESCOPE_CLOSED"
  | "ECLOSED"
  | "ESTRING_TOO_LONG"
  | "ERESOURCE"
  | "EEXE_UNREADABLE"
  // `kode pack` diagnostics and bundle writing (printed by the CLI)
  | "EBUNDLE_TOO_LARGE"
  | "EBUNDLE_PATH"
  | "ESNAPSHOT"
  | "ESYNTAX"
  | "EOUTSIDE_ROOT"
  | "EDYNAMIC_REQUIRE"
  | "EPACK_OUTPUT"
  // OS codes (from errno)
  | "ENOENT"
  | "EACCES"
  | "EPERM"
  | "EEXIST"
  | "EISDIR"
  | "ENOTDIR"
  | "ENOTEMPTY"
  | "EXDEV"
  | "ELOOP"
  | "ENAMETOOLONG"
  | "ENOSPC"
  | "EROFS"
  | "EBUSY"
  | "ETXTBSY"
  | "EFBIG"
  | "EMLINK"
  | "EMFILE"
  | "ENFILE"
  | "ENOMEM"
  | "EAGAIN"
  | "EBADF"
  | "EPIPE"
  | "EINVAL"
  | "EINTR"
  | "ESRCH"
  | "ECONNREFUSED"
  | "ECONNRESET"
  | "ECONNABORTED"
  | "EADDRINUSE"
  | "EADDRNOTAVAIL"
  | "ENETUNREACH"
  | "EHOSTUNREACH"
  | "ENOTCONN"
  | "EIO";

/** An error raised by Kode: an `Error` (or TypeError/RangeError/SyntaxError) with a stable `code`; match on `code`, never on the message. */
interface KodeError extends Error {
  /** Stable error code such as `"ENOENT"` or `"EINVALID_ARG"`. */
  code: KodeErrorCode | (string & {});
  /** The operation that failed, e.g. `"kode:fs.read"`, `"require"`, `"import"`, `"Kode.sleep"`. */
  operation?: string;
  /** The path as the program gave it, when a file is involved (also for `ECANCELED`); for `EMODULE_NOT_FOUND`, the `package.json` at fault, if one is. */
  path?: string;
  /** `EMODULE_NOT_FOUND`: the specifier that did not resolve. */
  specifier?: string;
  /** `EMODULE_NOT_FOUND`: the file whose `require` or `import` failed (`operation` says which). */
  from?: string;
  /** `kode:fs.rename` failures: the destination path (`path` is the source). */
  dest?: string;
  /** `EUNSUPPORTED_ALGORITHM`: the algorithm name that was rejected. */
  algorithm?: string;
  /** `kode:net` failures: the address concerned, as `"host:port"` (`"[::1]:80"` for IPv6). */
  address?: string;
  /** `ECANCELED`: the abort reason of the signal (or the failing task's error for a scope). */
  cause?: unknown;
  /** `EINTERRUPTED` (the reason of `Kode.interrupt`): the signal received, `"SIGINT"` or `"SIGTERM"`. */
  signal?: string;
}

// ---------------------------------------------------------------------------
// Shared types
// ---------------------------------------------------------------------------

/** Types shared by the Kode globals and the `kode:*` modules. */
declare namespace Kode {
  /** Binary input accepted by Kode: any typed array or DataView (its window only), ArrayBuffer or SharedArrayBuffer. */
  type BinaryData = ArrayBufferView | ArrayBuffer | SharedArrayBuffer;

  /** Options that accept a cancellation signal; `null`/`undefined` mean none. */
  interface SignalOptions {
    /** Aborting it rejects the operation with `ECANCELED` (the abort reason is the error's `cause`). */
    signal?: AbortSignal | null | undefined;
  }

  /** `Kode.args`: invocation data (frozen). */
  interface Args {
    /** Absolute path of the running `kode` binary. */
    readonly executable: string;
    /** Absolute path of the entry file or bundle; `"[eval]"` under `kode -e`. */
    readonly script: string;
    /** Arguments after the script (frozen). */
    readonly values: readonly string[];
  }

  /** `Kode.env`: the environment at start-up (frozen, read-only). */
  interface Env {
    /** The value of variable `name`, or `undefined` when it is not set. */
    readonly get: (name: string) => string | undefined;
    /** Whether variable `name` is set. */
    readonly has: (name: string) => boolean;
    /** A fresh, mutable copy of the whole environment. */
    readonly toObject: () => Record<string, string>;
  }

  /** `Kode.text`: UTF-8 conversion (frozen). */
  interface Text {
    /** Encodes a string as UTF-8; lone surrogates become U+FFFD. */
    readonly encode: (text: string) => Uint8Array;
    /** Decodes UTF-8 leniently (invalid bytes become U+FFFD, a leading BOM is dropped); throws `EINVALID_ARG` for a non-binary input. */
    readonly decode: (bytes: BinaryData) => string;
  }

  /** `kode pack --snapshot=entry` (frozen): the entry's top level runs at pack time. */
  interface Snapshot {
    /** True only while `kode pack --snapshot=entry` runs the entry. */
    readonly building: boolean;
    /**
     * While building: `main` runs at start-up instead of the entry's top level (whose work is in
     * the heap). Throws `ESNAPSHOT` when no snapshot is being built, `EINVALID_ARG` for a non-function.
     */
    setMain(main: () => unknown): void;
  }

  /** Options of `Kode.sleep`. */
  interface SleepOptions extends SignalOptions {}

  /** The result of `Kode.timeout(ms)`. */
  interface Timeout {
    /** Aborts after `ms` with a reason whose `code` is `"ETIMEDOUT"` (`name` `"TimeoutError"`); does not keep the process alive. */
    signal: AbortSignal;
  }

  /** Options of `Kode.scope`. */
  interface ScopeOptions {
    /** Parent signal: when it aborts, the scope's signal aborts with the same reason. */
    signal?: AbortSignal | null | undefined;
  }

  /** The handle `Kode.scope` passes to its function (frozen). */
  interface Scope {
    /** Aborts when a task (or the scope function) fails, when the parent signal aborts, and when the scope ends. */
    readonly signal: AbortSignal;
    /** Starts `task(scope.signal)` as a task owned by the scope and returns its promise; throws `ESCOPE_CLOSED` after the scope closed, `EINVALID_ARG` for a non-function. */
    readonly async: <T>(task: (signal: AbortSignal) => T | PromiseLike<T>) => Promise<T>;
  }

  /** Operation names that `Kode.activeOperations()` reports. */
  type OperationName =
    | "setTimeout"
    | "setInterval"
    | "Kode.sleep"
    | "Kode.timeout"
    | "kode:fs.read"
    | "kode:fs.write"
    | "kode:fs.info"
    | "kode:fs.list"
    | "kode:fs.remove"
    | "kode:fs.mkdir"
    | "kode:fs.rename"
    | "kode:fs.readText"
    | "kode:fs.readFile"
    | "kode:fs.open"
    | "kode:fs.FileHandle.read"
    | "kode:fs.FileHandle.write"
    | "kode:fs.FileHandle.info"
    /** An open `FileHandle` (a resource), listed until it is closed; `detail` is its path. */
    | "kode:fs.FileHandle"
    /** Opening `Kode.stdin` on the program's first pull (`detail` `"fd 0"`). */
    | "Kode.stdin.open"
    /** A pending read of `Kode.stdin` (`detail` `"fd 0"`). */
    | "Kode.stdin.read"
    /** `Kode.stdin` once read from (a resource), listed until it ends or is cancelled. */
    | "Kode.stdin"
    /** A child process (a resource), listed until its status is known; `detail` is its command line and pid: `"sleep 10 (pid 4242)"`. */
    | "kode:subprocess.spawn"
    /** A child's piped stdin, stdout or stderr (a resource), listed until it ends or is closed; `detail` `"pid <n>"`. */
    | "kode:subprocess.stdin"
    | "kode:subprocess.stdout"
    | "kode:subprocess.stderr"
    /** A pending write to a child's stdin or read of its output (`detail` `"pid <n>"`). */
    | "kode:subprocess.stdin.write"
    | "kode:subprocess.stdout.read"
    | "kode:subprocess.stderr.read";

  /** One piece of host work in flight. */
  interface ActiveOperation {
    /** Unique id; for a timer it is the id `setTimeout`/`setInterval` returned. */
    id: number;
    /** What is running, e.g. `"kode:fs.read"` or `"setTimeout"`. */
    operation: OperationName | (string & {});
    /** The path for fs work (`"from -> to"` for rename), `"<n>ms"` for timers and sleeps. */
    detail: string;
    /** When it started, in ms since the Unix epoch. */
    startedMs: number;
  }

  /**
   * `Kode.stdin`: a byte `ReadableStream` over descriptor 0 (default and BYOB readers). Nothing is
   * read until the program pulls; then the host reads at most 4 chunks of 64 KiB ahead. A pending
   * read keeps the program alive; cancelling the stream ends the reading (descriptor 0 stays open).
   * A read error (`EIO`, ...) errors the stream with `operation` `"Kode.stdin.read"`.
   */
  interface Stdin extends ReadableStream<Uint8Array> {
    /** Whether descriptor 0 is a terminal. */
    isTerminal(): boolean;
  }

  /**
   * `Kode.stdout`, `Kode.stderr`: `WritableStream`s of `Uint8Array`s over descriptors 1 and 2. Each
   * chunk is written at once through `console.log`'s own output (a write whose promise has settled is
   * out, in order with console output); a closed pipe or a full disk ends the run as it does for
   * `console.log`. Any other chunk (also a string: encode text first, e.g. with `TextEncoderStream`)
   * errors the stream with a `TypeError` `EINVALID_ARG`. Closing or aborting it leaves the
   * descriptor open.
   */
  interface Stdout extends WritableStream<Uint8Array> {
    /** Whether the descriptor is a terminal. */
    isTerminal(): boolean;
  }

  /** Options of `Kode.serve`. */
  interface ServeOptions {
    /** The address to listen on (default `"0.0.0.0"`). */
    hostname?: string | undefined;
    /** The port (default 8000; 0 picks a free one, see `server.addr.port`). */
    port?: number | undefined;
    /** HTTPS (HTTP/2 and HTTP/1.1 through ALPN): the certificate chain and private key as PEM text; bad PEM or a key that does not fit is `ETLS`. */
    tls?: { cert: string; key: string } | undefined;
    /** Aborting it shuts the server down gracefully (as `shutdown()`). */
    signal?: AbortSignal | null | undefined;
    /** Called once the server listens, with its address. */
    onListen?: ((addr: ServeAddr) => void) | undefined;
    /** The handler, when not given as the second argument. */
    handler?: ServeHandler | undefined;
  }

  /** A listening address. */
  interface ServeAddr {
    readonly hostname: string;
    readonly port: number;
    readonly transport: "tcp";
  }

  /** What a handler gets besides the request. */
  interface ServeInfo {
    /** The client's address. */
    readonly remoteAddr: ServeAddr;
  }

  /** A request handler: a `Response` or a promise of one. A throw, a rejection or anything else answers 500 and is reported like an uncaught error (the global `error` event first); the server goes on. `request.signal` aborts when the client goes away before the response. */
  type ServeHandler = (request: Request, info: ServeInfo) => Response | Promise<Response>;

  /** A running HTTP server: listed by `activeOperations()` as `"Kode.serve"`, keeping the process alive until shut down. */
  interface Server {
    /** The address it listens on (the real port when 0 was asked). */
    readonly addr: ServeAddr;
    /** Resolves once the server has shut down and its last connection is done. */
    readonly finished: Promise<void>;
    /** Stops accepting; requests in flight complete, then `finished` resolves (returned). */
    shutdown(): Promise<void>;
  }

  /** The type of the frozen `Kode` global. */
  interface Global {
    /** Invocation data (frozen). */
    readonly args: Args;
    /** The environment at start-up (frozen). */
    readonly env: Env;
    /** UTF-8 encode/decode (frozen). */
    readonly text: Text;
    /** Standard input as a byte stream, made on first touch (the same object after). */
    readonly stdin: Stdin;
    /** Standard output as a stream of bytes, made on first touch (the same object after). */
    readonly stdout: Stdout;
    /** Standard error as a stream of bytes, made on first touch (the same object after). */
    readonly stderr: Stdout;
    /**
     * Aborts on the first SIGINT or SIGTERM, with a reason `{ code: "EINTERRUPTED", operation:
     * "Kode.interrupt", signal: "SIGINT" | "SIGTERM" }` (an `Error`); a second one ends the process at
     * once with 130 (SIGINT) or 143 (SIGTERM). The handlers are installed on the first touch (the same
     * signal after): a program that never touches it is killed by those signals. Listening does not
     * keep the process alive and is not listed by `activeOperations()`.
     */
    readonly interrupt: AbortSignal;
    /**
     * An HTTP server (HTTP/1.1 keep-alive, HTTP/2 over TLS) on hyper; binds at once (`EADDRINUSE`,
     * `EACCES`... are thrown) and calls `handler` for each request. Bad options are `EINVALID_ARG`.
     */
    /** Whole-entry start-up snapshots: `if (Kode.snapshot.building) Kode.snapshot.setMain(main); else main();` */
    readonly snapshot: Snapshot;
    readonly serve: {
      (handler: ServeHandler): Server;
      (options: ServeOptions, handler?: ServeHandler): Server;
    };
    /** Ends the process at once with `code` (default 0); throws `EINVALID_ARG` if it is not an integer. */
    readonly exit: (code?: number) => never;
    /** Resolves after `ms` (0 to 1e12); rejects with `EINVALID_ARG` (bad `ms` or signal) or `ECANCELED` when the signal aborts (at once if it already has). */
    readonly sleep: (ms: number, options?: SleepOptions | null) => Promise<void>;
    /** Returns `{ signal }` that aborts with an `ETIMEDOUT` reason after `ms`; throws `EINVALID_ARG` (RangeError) unless 0 <= ms <= 1e12. */
    readonly timeout: (ms: number) => Timeout;
    /** Runs `fn(scope)` and resolves with its result once every `scope.async` task settled; the first failure cancels the rest and rejects the scope (`EINVALID_ARG` for a non-function). */
    readonly scope: <T>(fn: (scope: Scope) => T | PromiseLike<T>, options?: ScopeOptions | null) => Promise<T>;
    /** Host work in flight (fs operations, timers, sleeps, timeouts, stdin reads, pipe reads and writes) and open resources (`kode:fs` file handles, `Kode.stdin`, child processes and their pipes), sorted by id. */
    readonly activeOperations: () => ActiveOperation[];
  }

  /** Options of `console.dir` (the inspector's options). */
  interface InspectOptions {
    /** Also show non-enumerable properties (default false). */
    showHidden?: boolean | undefined;
    /** How many levels to recurse into; `null` for no limit (default 2). */
    depth?: number | null | undefined;
    /** Call `[Symbol.for("nodejs.util.inspect.custom")]` methods (default true). */
    customInspect?: boolean | undefined;
    /** Most array/Set/Map/typed-array entries shown; `null` for all (default 100). */
    maxArrayLength?: number | null | undefined;
    /** Most string characters shown; `null` for all (default 10000). */
    maxStringLength?: number | null | undefined;
    /** Line width at which output is broken into lines (default 80). */
    breakLength?: number | undefined;
    /** How many inner levels may be combined on one line (default 3). */
    compact?: number | boolean | undefined;
  }

  /** A CommonJS module record (`module`, `require.cache` entries). */
  interface Module {
    /** `"."` for the main module, `"[eval]"` under `kode -e`, else the absolute filename. */
    id: string;
    /** Absolute path of the module file (`"[eval]"` under `kode -e`). */
    filename: string;
    /** Directory of the module file (the working directory under `kode -e`). */
    path: string;
    /** What `require` returns for this module; may be replaced. */
    exports: any;
    /** Whether the module has finished evaluating. */
    loaded: boolean;
    /** Modules first required by this one. */
    children: Module[];
  }

  /** The `require` function of a CommonJS module. */
  interface Require {
    /** Loads the builtin `kode:fs` module (file operations). */
    (id: "kode:fs"): typeof import("kode:fs");
    /** Loads the builtin `kode:path` module (POSIX path strings). */
    (id: "kode:path"): typeof import("kode:path");
    /** Loads the builtin `kode:crypto` module (SHA-2 hashes, secure randomness). */
    (id: "kode:crypto"): typeof import("kode:crypto");
    /** Loads the builtin `kode:encoding` module (UTF-8, base64, hex). */
    (id: "kode:encoding"): typeof import("kode:encoding");
    /** Loads the builtin `kode:net` module (TCP and TLS sockets, listeners). */
    (id: "kode:net"): typeof import("kode:net");
    /** Loads the builtin `kode:subprocess` module (child processes). */
    (id: "kode:subprocess"): typeof import("kode:subprocess");
    /** Loads a module (`.js`, `.cjs`, `.json`, package); throws `EMODULE_NOT_FOUND`, `EINVALID_ARG`, `EINVALID_JSON`, `EINVALID_ENCODING`, or what the module throws. */
    <S extends string>(id: S extends `kode:${string}` ? never : S): any;
    /** Resolves a specifier to an absolute path (or `"kode:NAME"`) without loading it; throws `EMODULE_NOT_FOUND` or `EINVALID_ARG`. */
    resolve(id: string): string;
    /** The entry module of the program. */
    main: Module;
    /** Loaded modules by absolute filename; deleting an entry makes the next `require` load it again. */
    cache: Record<string, Module>;
  }
}

// ---------------------------------------------------------------------------
// Globals (§4)
// ---------------------------------------------------------------------------

/** The Kode host object (frozen, not replaceable). */
declare const Kode: Kode.Global;

/** Console output: `log`/`info`/`debug`/`dir` write to stdout, `warn`/`error`/`trace`/`assert` to stderr. */
interface Console {
  /** Prints to stdout; supports `%s %d %i %f %o %O %j %c %%` format specifiers. */
  log(...data: any[]): void;
  /** Same as `console.log`. */
  info(...data: any[]): void;
  /** Same as `console.log`. */
  debug(...data: any[]): void;
  /** Prints to stderr, formatted like `console.log`. */
  warn(...data: any[]): void;
  /** Prints to stderr, formatted like `console.log`. */
  error(...data: any[]): void;
  /** Prints `Trace: <message>` and the current stack to stderr. */
  trace(...data: any[]): void;
  /** Prints `inspect(value, options)` to stdout. */
  dir(value?: any, options?: Kode.InspectOptions): void;
  /** Prints `data`'s rows (array items, object values, Map/Set entries) as a table, as Node does; `properties` picks the columns; a non-object is logged. */
  table(data?: any, properties?: string[]): void;
  /** Prints `Assertion failed[: message]` to stderr when `condition` is falsy (never throws). */
  assert(condition?: unknown, ...data: any[]): void;
  /** Prints `<label>: <n>`, the number of times called with `label` (default `"default"`). */
  count(label?: string): void;
  /** Resets the counter of `label`. */
  countReset(label?: string): void;
  /** Prints `data` (if any), then indents later output by two spaces. */
  group(...data: any[]): void;
  /** Same as `console.group`. */
  groupCollapsed(...data: any[]): void;
  /** Removes one level of group indentation. */
  groupEnd(): void;
  /** Starts the timer `label` (default `"default"`). */
  time(label?: string): void;
  /** Prints the elapsed time of timer `label` and stops it. */
  timeEnd(label?: string): void;
  /** Prints the elapsed time of timer `label` followed by `data`. */
  timeLog(label?: string, ...data: any[]): void;
}

/** The console. */
declare var console: Console;

/** Calls `callback(...args)` once after `delay` ms (truncated; outside 1..2^31-1 it becomes 1); returns the timer id. Throws `EINVALID_ARG` for a non-function. */
declare function setTimeout<A extends any[]>(callback: (...args: A) => void, delay?: number, ...args: A): number;
/** Calls `callback(...args)` every `delay` ms until cleared; returns the timer id. Throws `EINVALID_ARG` for a non-function. */
declare function setInterval<A extends any[]>(callback: (...args: A) => void, delay?: number, ...args: A): number;
/** Cancels a timer from `setTimeout` or `setInterval`; anything else is ignored. */
declare function clearTimeout(id?: number | null): void;
/** Cancels a timer from `setInterval` or `setTimeout`; anything else is ignored. */
declare function clearInterval(id?: number | null): void;
/** Runs `callback` as a microtask (a throw ends the run like an uncaught error). Throws `EINVALID_ARG` for a non-function. */
declare function queueMicrotask(callback: () => void): void;
/** What `structuredClone` and `MessagePort.postMessage` may transfer: the sender's copy becomes unusable. */
type Transferable = ArrayBuffer | MessagePort;
interface StructuredSerializeOptions {
  /** ArrayBuffers (detached at the sender) and MessagePorts (moved) to transfer rather than copy. */
  transfer?: Transferable[];
}
/**
 * Deep copy with V8's structured clone (SharedArrayBuffer and WebAssembly.Module are shared, not copied);
 * functions, symbols, untransferred MessagePorts and bad transfer lists throw a `DOMException` `"DataCloneError"` (code 25).
 */
declare function structuredClone<T = any>(value: T, options?: StructuredSerializeOptions): T;

/** The result of `TextEncoder.encodeInto`. */
interface TextEncoderEncodeIntoResult {
  /** UTF-16 code units of `source` consumed. */
  read: number;
  /** Bytes written to `destination`. */
  written: number;
}

/** A UTF-8 encoder. */
interface TextEncoder {
  /** Always `"utf-8"`. */
  readonly encoding: "utf-8";
  /** Encodes `input` (default `""`) as UTF-8; lone surrogates become U+FFFD. */
  encode(input?: string): Uint8Array;
  /** Encodes into `destination` without splitting a character; throws `EINVALID_ARG` unless it is a Uint8Array. */
  encodeInto(source: string, destination: Uint8Array): TextEncoderEncodeIntoResult;
}

/** The `TextEncoder` constructor. */
declare var TextEncoder: {
  /** The prototype of every TextEncoder. */
  prototype: TextEncoder;
  /** Creates a UTF-8 encoder. */
  new (): TextEncoder;
};

/**
 * The WHATWG Encoding Standard's labels of the encodings `TextDecoder` knows
 * (every encoding but `replacement`), one line per encoding, its name last
 * where that is not a label.
 */
type TextDecoderWhatwgLabel =
  | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "utf-8" | "utf8" | "x-unicode20utf8" | "UTF-8"
  | "866" | "cp866" | "csibm866" | "ibm866" | "IBM866"
  | "csisolatin2" | "iso-8859-2" | "iso-ir-101" | "iso8859-2" | "iso88592" | "iso_8859-2" | "iso_8859-2:1987" | "l2" | "latin2" | "ISO-8859-2"
  | "csisolatin3" | "iso-8859-3" | "iso-ir-109" | "iso8859-3" | "iso88593" | "iso_8859-3" | "iso_8859-3:1988" | "l3" | "latin3" | "ISO-8859-3"
  | "csisolatin4" | "iso-8859-4" | "iso-ir-110" | "iso8859-4" | "iso88594" | "iso_8859-4" | "iso_8859-4:1988" | "l4" | "latin4" | "ISO-8859-4"
  | "csisolatincyrillic" | "cyrillic" | "iso-8859-5" | "iso-ir-144" | "iso8859-5" | "iso88595" | "iso_8859-5" | "iso_8859-5:1988" | "ISO-8859-5"
  | "arabic" | "asmo-708" | "csiso88596e" | "csiso88596i" | "csisolatinarabic" | "ecma-114" | "iso-8859-6" | "iso-8859-6-e" | "iso-8859-6-i" | "iso-ir-127" | "iso8859-6" | "iso88596" | "iso_8859-6" | "iso_8859-6:1987" | "ISO-8859-6"
  | "csisolatingreek" | "ecma-118" | "elot_928" | "greek" | "greek8" | "iso-8859-7" | "iso-ir-126" | "iso8859-7" | "iso88597" | "iso_8859-7" | "iso_8859-7:1987" | "sun_eu_greek" | "ISO-8859-7"
  | "csiso88598e" | "csisolatinhebrew" | "hebrew" | "iso-8859-8" | "iso-8859-8-e" | "iso-ir-138" | "iso8859-8" | "iso88598" | "iso_8859-8" | "iso_8859-8:1988" | "visual" | "ISO-8859-8"
  | "csiso88598i" | "iso-8859-8-i" | "logical" | "ISO-8859-8-I"
  | "csisolatin6" | "iso-8859-10" | "iso-ir-157" | "iso8859-10" | "iso885910" | "l6" | "latin6" | "ISO-8859-10"
  | "iso-8859-13" | "iso8859-13" | "iso885913" | "ISO-8859-13"
  | "iso-8859-14" | "iso8859-14" | "iso885914" | "ISO-8859-14"
  | "csisolatin9" | "iso-8859-15" | "iso8859-15" | "iso885915" | "iso_8859-15" | "l9" | "ISO-8859-15"
  | "iso-8859-16" | "ISO-8859-16"
  | "cskoi8r" | "koi" | "koi8" | "koi8-r" | "koi8_r" | "KOI8-R"
  | "koi8-ru" | "koi8-u" | "KOI8-U"
  | "csmacintosh" | "mac" | "macintosh" | "x-mac-roman"
  | "dos-874" | "iso-8859-11" | "iso8859-11" | "iso885911" | "tis-620" | "windows-874"
  | "cp1250" | "windows-1250" | "x-cp1250"
  | "cp1251" | "windows-1251" | "x-cp1251"
  | "ansi_x3.4-1968" | "ascii" | "cp1252" | "cp819" | "csisolatin1" | "ibm819" | "iso-8859-1" | "iso-ir-100" | "iso8859-1" | "iso88591" | "iso_8859-1" | "iso_8859-1:1987" | "l1" | "latin1" | "us-ascii" | "windows-1252" | "x-cp1252"
  | "cp1253" | "windows-1253" | "x-cp1253"
  | "cp1254" | "csisolatin5" | "iso-8859-9" | "iso-ir-148" | "iso8859-9" | "iso88599" | "iso_8859-9" | "iso_8859-9:1989" | "l5" | "latin5" | "windows-1254" | "x-cp1254"
  | "cp1255" | "windows-1255" | "x-cp1255"
  | "cp1256" | "windows-1256" | "x-cp1256"
  | "cp1257" | "windows-1257" | "x-cp1257"
  | "cp1258" | "windows-1258" | "x-cp1258"
  | "x-mac-cyrillic" | "x-mac-ukrainian"
  | "chinese" | "csgb2312" | "csiso58gb231280" | "gb2312" | "gb_2312" | "gb_2312-80" | "gbk" | "iso-ir-58" | "x-gbk" | "GBK"
  | "gb18030"
  | "big5" | "big5-hkscs" | "cn-big5" | "csbig5" | "x-x-big5" | "Big5"
  | "cseucpkdfmtjapanese" | "euc-jp" | "x-euc-jp" | "EUC-JP"
  | "csiso2022jp" | "iso-2022-jp" | "ISO-2022-JP"
  | "csshiftjis" | "ms932" | "ms_kanji" | "shift-jis" | "shift_jis" | "sjis" | "windows-31j" | "x-sjis" | "Shift_JIS"
  | "cseuckr" | "csksc56011987" | "euc-kr" | "iso-ir-149" | "korean" | "ks_c_5601-1987" | "ks_c_5601-1989" | "ksc5601" | "ksc_5601" | "windows-949" | "EUC-KR"
  | "unicodefffe" | "utf-16be" | "UTF-16BE"
  | "csunicode" | "iso-10646-ucs-2" | "ucs-2" | "unicode" | "unicodefeff" | "utf-16" | "utf-16le" | "UTF-16LE"
  | "x-user-defined";

/**
 * A `TextDecoder` label: a WHATWG label, in lower or upper case, or an
 * encoding's name as the standard writes it (`"Shift_JIS"`). Kode matches any
 * spelling ASCII case-insensitively, with ASCII whitespace trimmed; an unknown
 * label or one of `replacement`'s throws `EINVALID_ENCODING` (RangeError).
 */
type TextDecoderLabel = TextDecoderWhatwgLabel | Uppercase<TextDecoderWhatwgLabel>;

/** The `encoding` of a `TextDecoder`: the encoding's name in lower case. */
type TextDecoderEncoding =
  | "utf-8"
  | "ibm866"
  | "iso-8859-2"
  | "iso-8859-3"
  | "iso-8859-4"
  | "iso-8859-5"
  | "iso-8859-6"
  | "iso-8859-7"
  | "iso-8859-8"
  | "iso-8859-8-i"
  | "iso-8859-10"
  | "iso-8859-13"
  | "iso-8859-14"
  | "iso-8859-15"
  | "iso-8859-16"
  | "koi8-r"
  | "koi8-u"
  | "macintosh"
  | "windows-874"
  | "windows-1250"
  | "windows-1251"
  | "windows-1252"
  | "windows-1253"
  | "windows-1254"
  | "windows-1255"
  | "windows-1256"
  | "windows-1257"
  | "windows-1258"
  | "x-mac-cyrillic"
  | "gbk"
  | "gb18030"
  | "big5"
  | "euc-jp"
  | "iso-2022-jp"
  | "shift_jis"
  | "euc-kr"
  | "utf-16be"
  | "utf-16le"
  | "x-user-defined";

/** Options of the `TextDecoder` constructor. */
interface TextDecoderOptions {
  /** Throw a TypeError with code `EINVALID_ENCODING` on invalid input instead of inserting U+FFFD (default false). */
  fatal?: boolean | undefined;
  /** Keep a leading byte order mark (UTF-8, UTF-16LE, UTF-16BE) instead of dropping it (default false). */
  ignoreBOM?: boolean | undefined;
}

/** Options of `TextDecoder.decode`. */
interface TextDecodeOptions {
  /**
   * More input follows: a sequence cut at the end of this input is kept for
   * the next call instead of being decoded as U+FFFD. The next call without
   * `stream` ends the stream (and flushes what is left).
   */
  stream?: boolean | undefined;
}

/** A decoder for one WHATWG encoding (UTF-8, UTF-16LE/BE, the single-byte and the legacy multi-byte encodings). */
interface TextDecoder {
  /** The encoding's name in lower case (`"utf-8"`, `"windows-1252"`, `"shift_jis"`). */
  readonly encoding: TextDecoderEncoding;
  /** Whether invalid input throws. */
  readonly fatal: boolean;
  /** Whether a leading BOM is kept. */
  readonly ignoreBOM: boolean;
  /** Decodes `input` (`undefined` gives `""`); throws `EINVALID_ARG` for a non-binary input, `EINVALID_ENCODING` (TypeError) for invalid bytes when fatal. */
  decode(input?: Kode.BinaryData, options?: TextDecodeOptions | null): string;
}

/** The `TextDecoder` constructor. */
declare var TextDecoder: {
  /** The prototype of every TextDecoder. */
  prototype: TextDecoder;
  /** Creates a decoder for `label` (default `"utf-8"`); an unknown label throws `EINVALID_ENCODING` (RangeError). */
  new (label?: TextDecoderLabel, options?: TextDecoderOptions | null): TextDecoder;
};

/** A cancellation signal (from `AbortController`, `Kode.timeout`, `AbortSignal.abort/timeout/any`, or a scope); an `EventTarget` firing `"abort"`. */
interface AbortSignal extends EventTarget {
  /** Whether the signal has aborted. */
  readonly aborted: boolean;
  /** Why it aborted: the value given to `abort()`, else a `DOMException` named `"AbortError"`; `undefined` before. */
  readonly reason: any;
  /** The `"abort"` event handler (an event handler attribute: it runs in the place of its first assignment among the listeners). */
  onabort: ((this: AbortSignal, event: Event) => any) | null;
  /** Throws `reason` if the signal has aborted. */
  throwIfAborted(): void;
  addEventListener(type: "abort", listener: ((this: AbortSignal, event: Event) => any) | { handleEvent(event: Event): any } | null, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

/** The `AbortSignal` class; signals cannot be constructed directly (`new AbortSignal()` throws a `TypeError`). */
declare var AbortSignal: {
  /** The prototype of every AbortSignal. */
  prototype: AbortSignal;
  /** A signal that has already aborted with `reason` (default: a `DOMException` `"AbortError"`). */
  abort(reason?: any): AbortSignal;
  /** A signal that aborts after `ms` with a `DOMException` `"TimeoutError"`; its timer does not keep the run alive. */
  timeout(ms: number): AbortSignal;
  /** A signal that aborts when the first of `signals` does, with its reason. */
  any(signals: Iterable<AbortSignal>): AbortSignal;
};

/** Owns a signal and aborts it on demand. */
interface AbortController {
  /** The controller's signal. */
  readonly signal: AbortSignal;
  /** Aborts the signal with `reason` (default: a `DOMException` `"AbortError"`); later calls do nothing. */
  abort(reason?: any): void;
}

/** The `AbortController` constructor. */
declare var AbortController: {
  /** The prototype of every AbortController. */
  prototype: AbortController;
  /** Creates a controller with a fresh signal. */
  new (): AbortController;
};

// ---------------------------------------------------------------------------
// Web platform (WinterTC, issue 14 so far): URL, URLPattern, events, DOMException,
// base64, MessageChannel, crypto (getRandomValues, randomUUID, subtle), performance,
// navigator, Headers, Blob, File, streams
// ---------------------------------------------------------------------------

/** A WHATWG URL (the URL Standard). `new URL(bad)` throws a `TypeError` with `code: "EINVALID_URL"`. */
interface URL {
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  /** Live: changing it changes `search`, and the other way round. */
  readonly searchParams: URLSearchParams;
  username: string;
  toJSON(): string;
  toString(): string;
}

/** The `URL` constructor. */
declare var URL: {
  prototype: URL;
  new (url: string | URL, base?: string | URL): URL;
  /** Whether `new URL(url, base)` would succeed. */
  canParse(url: string | URL, base?: string | URL): boolean;
  /** The URL, or `null` where the constructor would throw. */
  parse(url: string | URL, base?: string | URL): URL | null;
  /** A `blob:null/<uuid>` URL that `fetch` resolves to `blob` until revoked. */
  createObjectURL(blob: Blob): string;
  /** Forgets a `createObjectURL` URL. */
  revokeObjectURL(url: string): void;
};

/** The input of `URLPattern`, `test` and `exec`: a URL string, or components (any missing one is `*`, or taken from `baseURL`). */
interface URLPatternInit {
  protocol?: string;
  username?: string;
  password?: string;
  hostname?: string;
  port?: string;
  pathname?: string;
  search?: string;
  hash?: string;
  baseURL?: string;
}

type URLPatternInput = string | URLPatternInit;

interface URLPatternOptions {
  /** Match `pathname`, `search` and `hash` without regard to case. */
  ignoreCase?: boolean;
}

interface URLPatternComponentResult {
  input: string;
  /** Named and numbered groups; `undefined` for an optional group that did not match. */
  groups: Record<string, string | undefined>;
}

interface URLPatternResult {
  /** The arguments `exec` was given. */
  inputs: [URLPatternInput] | [URLPatternInput, string];
  protocol: URLPatternComponentResult;
  username: URLPatternComponentResult;
  password: URLPatternComponentResult;
  hostname: URLPatternComponentResult;
  port: URLPatternComponentResult;
  pathname: URLPatternComponentResult;
  search: URLPatternComponentResult;
  hash: URLPatternComponentResult;
}

/**
 * A WHATWG URL pattern. Regexp groups are ECMAScript regular expressions with the `v` flag. An invalid pattern
 * throws a `TypeError` with `code: "EINVALID_URL_PATTERN"`; an input that is no URL simply does not match.
 */
interface URLPattern {
  test(input?: URLPatternInput, baseURL?: string): boolean;
  exec(input?: URLPatternInput, baseURL?: string): URLPatternResult | null;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  /** Whether some component has a `(regexp)` group. */
  readonly hasRegExpGroups: boolean;
}

declare var URLPattern: {
  prototype: URLPattern;
  new (input: URLPatternInput, baseURL: string, options?: URLPatternOptions): URLPattern;
  new (input?: URLPatternInput, options?: URLPatternOptions): URLPattern;
};

/** `application/x-www-form-urlencoded` name/value pairs, in order. */
interface URLSearchParams {
  readonly size: number;
  append(name: string, value: string): void;
  delete(name: string, value?: string): void;
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string, value?: string): boolean;
  set(name: string, value: string): void;
  sort(): void;
  toString(): string;
  forEach(callback: (value: string, key: string, parent: URLSearchParams) => void, thisArg?: any): void;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

/** The `URLSearchParams` constructor. */
declare var URLSearchParams: {
  prototype: URLSearchParams;
  new (init?: string | Iterable<readonly [string, string]> | Record<string, string> | URLSearchParams): URLSearchParams;
};

/** WebIDL's exception: an `Error` with a `name` (e.g. `"InvalidCharacterError"`) and its legacy `code`. */
interface DOMException extends Error {
  readonly name: string;
  readonly message: string;
  /** The legacy code of `name` (0 for names without one). */
  readonly code: number;
}

/** The `DOMException` constructor, with the 25 legacy code constants. */
declare var DOMException: {
  prototype: DOMException;
  new (message?: string, options?: string | { name?: string; cause?: unknown }): DOMException;
  readonly INDEX_SIZE_ERR: 1;
  readonly DOMSTRING_SIZE_ERR: 2;
  readonly HIERARCHY_REQUEST_ERR: 3;
  readonly WRONG_DOCUMENT_ERR: 4;
  readonly INVALID_CHARACTER_ERR: 5;
  readonly NO_DATA_ALLOWED_ERR: 6;
  readonly NO_MODIFICATION_ALLOWED_ERR: 7;
  readonly NOT_FOUND_ERR: 8;
  readonly NOT_SUPPORTED_ERR: 9;
  readonly INUSE_ATTRIBUTE_ERR: 10;
  readonly INVALID_STATE_ERR: 11;
  readonly SYNTAX_ERR: 12;
  readonly INVALID_MODIFICATION_ERR: 13;
  readonly NAMESPACE_ERR: 14;
  readonly INVALID_ACCESS_ERR: 15;
  readonly VALIDATION_ERR: 16;
  readonly TYPE_MISMATCH_ERR: 17;
  readonly SECURITY_ERR: 18;
  readonly NETWORK_ERR: 19;
  readonly ABORT_ERR: 20;
  readonly URL_MISMATCH_ERR: 21;
  readonly QUOTA_EXCEEDED_ERR: 22;
  readonly TIMEOUT_ERR: 23;
  readonly INVALID_NODE_TYPE_ERR: 24;
  readonly DATA_CLONE_ERR: 25;
};

interface EventInit {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
}

/** A DOM event. Kode has no node tree: an event's path is its one target. */
interface Event {
  readonly type: string;
  readonly target: EventTarget | null;
  readonly currentTarget: EventTarget | null;
  readonly eventPhase: number;
  readonly bubbles: boolean;
  readonly cancelable: boolean;
  readonly composed: boolean;
  readonly defaultPrevented: boolean;
  readonly isTrusted: boolean;
  readonly timeStamp: number;
  returnValue: boolean;
  cancelBubble: boolean;
  composedPath(): EventTarget[];
  preventDefault(): void;
  stopPropagation(): void;
  stopImmediatePropagation(): void;
  readonly NONE: 0;
  readonly CAPTURING_PHASE: 1;
  readonly AT_TARGET: 2;
  readonly BUBBLING_PHASE: 3;
}

declare var Event: {
  prototype: Event;
  new (type: string, init?: EventInit): Event;
  readonly NONE: 0;
  readonly CAPTURING_PHASE: 1;
  readonly AT_TARGET: 2;
  readonly BUBBLING_PHASE: 3;
};

type EventListenerOrEventListenerObject = ((event: Event) => void) | { handleEvent(event: Event): void };

interface AddEventListenerOptions {
  capture?: boolean;
  once?: boolean;
  passive?: boolean;
  /** Removes the listener when it aborts. */
  signal?: AbortSignal;
}

/** Listener lists and dispatch. A throwing listener is reported (`reportError`): unless a global `error` listener cancels it, it is an uncaught error and ends the run. */
interface EventTarget {
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | { capture?: boolean }): void;
  /** Returns `!event.defaultPrevented`. */
  dispatchEvent(event: Event): boolean;
}

declare var EventTarget: {
  prototype: EventTarget;
  new (): EventTarget;
};

interface CustomEvent<T = any> extends Event {
  readonly detail: T;
}

declare var CustomEvent: {
  prototype: CustomEvent;
  new <T>(type: string, init?: EventInit & { detail?: T }): CustomEvent<T>;
};

interface ErrorEvent extends Event {
  readonly message: string;
  readonly filename: string;
  readonly lineno: number;
  readonly colno: number;
  readonly error: any;
}

declare var ErrorEvent: {
  prototype: ErrorEvent;
  new (type: string, init?: EventInit & { message?: string; filename?: string; lineno?: number; colno?: number; error?: any }): ErrorEvent;
};

interface PromiseRejectionEvent extends Event {
  readonly promise: Promise<any>;
  readonly reason: any;
}

declare var PromiseRejectionEvent: {
  prototype: PromiseRejectionEvent;
  new (type: string, init: EventInit & { promise: Promise<any>; reason?: any }): PromiseRejectionEvent;
};

/** The global object (`globalThis`, also `self`) is an `EventTarget`: `"error"` ({@link ErrorEvent}) for uncaught and reported errors, `"unhandledrejection"` ({@link PromiseRejectionEvent}); canceling the event (`preventDefault()`) keeps the run alive and silent. */
declare function addEventListener(type: "error", listener: (this: typeof globalThis, event: ErrorEvent) => void, options?: boolean | AddEventListenerOptions): void;
declare function addEventListener(type: "unhandledrejection", listener: (this: typeof globalThis, event: PromiseRejectionEvent) => void, options?: boolean | AddEventListenerOptions): void;
declare function addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
declare function removeEventListener(type: string, listener: EventListenerOrEventListenerObject | ((event: any) => void) | null, options?: boolean | { capture?: boolean }): void;
declare function dispatchEvent(event: Event): boolean;
/** Reports `error` as uncaught: an `"error"` event at the global; unless a listener cancels it, the run ends with exit code 1. */
declare function reportError(error: any): void;
/** The global object. */
declare var self: typeof globalThis;

interface MessageEventInit<T = any> extends EventInit {
  data?: T;
  origin?: string;
  lastEventId?: string;
  source?: MessagePort | null;
  ports?: Iterable<MessagePort>;
}

/** A message delivered to a `MessagePort` (`isTrusted` true), or one made by script. */
interface MessageEvent<T = any> extends Event {
  /** The structured clone of what was posted (`null` by default). */
  readonly data: T;
  /** Always `""` for messages between ports. */
  readonly origin: string;
  readonly lastEventId: string;
  readonly source: MessagePort | null;
  /** The ports transferred with the message, in order (frozen). */
  readonly ports: ReadonlyArray<MessagePort>;
  initMessageEvent(type: string, bubbles?: boolean, cancelable?: boolean, data?: any, origin?: string, lastEventId?: string, source?: MessagePort | null, ports?: MessagePort[]): void;
}

declare var MessageEvent: {
  prototype: MessageEvent;
  new <T>(type: string, init?: MessageEventInit<T>): MessageEvent<T>;
};

/**
 * One end of a `MessageChannel`. Messages arrive as tasks, after the current microtasks, once the port is started
 * (`start()`, or setting `onmessage`). A port keeps the process alive only while a message to it is waiting to be
 * delivered: an idle port, even with a listener, does not (unlike Node's).
 */
interface MessagePort extends EventTarget {
  /** Sends the structured clone of `message` to the other end; `transfer` lists ArrayBuffers and ports to move. */
  postMessage(message: any, transfer: Transferable[]): void;
  postMessage(message: any, options?: StructuredSerializeOptions): void;
  start(): void;
  /** Disentangles both ends; messages still queued for this port are dropped. */
  close(): void;
  onmessage: ((this: MessagePort, event: MessageEvent) => any) | null;
  onmessageerror: ((this: MessagePort, event: MessageEvent) => any) | null;
}

/** `new MessagePort()` throws: ports come from a `MessageChannel` or a transfer. */
declare var MessagePort: {
  prototype: MessagePort;
};

/** Two entangled ports. */
interface MessageChannel {
  readonly port1: MessagePort;
  readonly port2: MessagePort;
}

declare var MessageChannel: {
  prototype: MessageChannel;
  new (): MessageChannel;
};

/** Forgiving-base64 decoding to a binary string; bad input throws a `DOMException` `"InvalidCharacterError"`. */
declare function atob(data: string): string;
/** Base64 of a binary string; a code point above U+00FF throws a `DOMException` `"InvalidCharacterError"`. */
declare function btoa(data: string): string;

/** The integer typed arrays `crypto.getRandomValues` fills. */
type IntegerTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Web Cryptography API's `Crypto`. */
interface Crypto {
  /** The one `SubtleCrypto` (the same object each time). */
  readonly subtle: SubtleCrypto;
  /**
   * Fills `array` in place from the OS CSPRNG and returns it. Another view type
   * throws a `DOMException` `"TypeMismatchError"`; more than 65536 bytes, `"QuotaExceededError"`.
   */
  getRandomValues<T extends IntegerTypedArray>(array: T): T;
  /** A random (version 4) UUID, lowercase: `"xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx"`. */
  randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
}
/** The interface object, for `instanceof`; `new Crypto()` throws a `TypeError` ("Illegal constructor"). */
declare var Crypto: {
  prototype: Crypto;
  new (): never;
};
declare var crypto: Crypto;

// --- crypto.subtle (Web Cryptography API Level 2) --------------------------------------------------
// Every method returns a promise; failures reject with a `TypeError` (argument conversion) or a
// `DOMException` named as the standard says: "NotSupportedError", "SyntaxError",
// "InvalidAccessError", "DataError", "OperationError".

/** An `ArrayBuffer` or a view of one (not a `SharedArrayBuffer`); its bytes are copied when the method is called. */
type BufferSource = ArrayBufferView | ArrayBuffer;
type KeyFormat = "raw" | "spki" | "pkcs8" | "jwk";
type KeyType = "public" | "private" | "secret";
type KeyUsage = "encrypt" | "decrypt" | "sign" | "verify" | "deriveKey" | "deriveBits" | "wrapKey" | "unwrapKey";
/** Kode implements "P-256" and "P-384". */
type NamedCurve = string;
/** An algorithm's name (matched in any ASCII case) or its parameters. */
type AlgorithmIdentifier = Algorithm | string;
/** "SHA-1", "SHA-256", "SHA-384" or "SHA-512", as a name or `{ name }`. */
type HashAlgorithmIdentifier = AlgorithmIdentifier;

interface Algorithm {
  name: string;
}
/** What `CryptoKey.algorithm` describes; the subtypes add each family's members. */
interface KeyAlgorithm {
  name: string;
}
interface AesKeyAlgorithm extends KeyAlgorithm {
  length: number;
}
interface HmacKeyAlgorithm extends KeyAlgorithm {
  hash: KeyAlgorithm;
  length: number;
}
interface EcKeyAlgorithm extends KeyAlgorithm {
  namedCurve: NamedCurve;
}
interface RsaHashedKeyAlgorithm extends KeyAlgorithm {
  modulusLength: number;
  publicExponent: Uint8Array;
  hash: KeyAlgorithm;
}

/** AES-GCM, AES-CBC, AES-CTR, AES-KW keys of 128, 192 or 256 bits. */
interface AesKeyGenParams extends Algorithm {
  length: number;
}
interface AesDerivedKeyParams extends Algorithm {
  length: number;
}
/** `iv`: 16 bytes. */
interface AesCbcParams extends Algorithm {
  iv: BufferSource;
}
/** `counter`: 16 bytes; `length`: how many of its rightmost bits count (1-128). */
interface AesCtrParams extends Algorithm {
  counter: BufferSource;
  length: number;
}
/** `iv`: 12 or 16 bytes in Kode; `tagLength`: 32, 64, 96, 104, 112, 120 or 128 (the default). */
interface AesGcmParams extends Algorithm {
  iv: BufferSource;
  additionalData?: BufferSource;
  tagLength?: number;
}
/** `length` in bits; the hash's block size when absent. */
interface HmacKeyGenParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
  length?: number;
}
interface HmacImportParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
  length?: number;
}
interface EcKeyGenParams extends Algorithm {
  namedCurve: NamedCurve;
}
interface EcKeyImportParams extends Algorithm {
  namedCurve: NamedCurve;
}
interface EcdsaParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
}
/** ECDH and X25519: the peer's public key. */
interface EcdhKeyDeriveParams extends Algorithm {
  public: CryptoKey;
}
/** RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP: `modulusLength` in bits (256-16384, a multiple of 8). */
interface RsaHashedKeyGenParams extends Algorithm {
  modulusLength: number;
  publicExponent: Uint8Array;
  hash: HashAlgorithmIdentifier;
}
interface RsaHashedImportParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
}
/** `saltLength` in bytes. */
interface RsaPssParams extends Algorithm {
  saltLength: number;
}
/** Kode takes only a UTF-8 `label`. */
interface RsaOaepParams extends Algorithm {
  label?: BufferSource;
}
interface HkdfParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
  salt: BufferSource;
  info: BufferSource;
}
interface Pbkdf2Params extends Algorithm {
  hash: HashAlgorithmIdentifier;
  salt: BufferSource;
  iterations: number;
}

interface RsaOtherPrimesInfo {
  d?: string;
  r?: string;
  t?: string;
}
/** A JSON Web Key (RFC 7517); key members are base64url without padding. */
interface JsonWebKey {
  alg?: string;
  crv?: string;
  d?: string;
  dp?: string;
  dq?: string;
  e?: string;
  ext?: boolean;
  k?: string;
  key_ops?: string[];
  kty?: string;
  n?: string;
  oth?: RsaOtherPrimesInfo[];
  p?: string;
  q?: string;
  qi?: string;
  use?: string;
  x?: string;
  y?: string;
}

/**
 * A key: its material stays in Kode (freed when the `CryptoKey` is collected). `algorithm` and
 * `usages` are cached objects; changing them does not change the key. `structuredClone` of a key
 * throws a `DataCloneError` `DOMException`.
 */
interface CryptoKey {
  readonly type: KeyType;
  readonly extractable: boolean;
  readonly algorithm: KeyAlgorithm;
  /** De-duplicated, in the standard's order. */
  readonly usages: KeyUsage[];
}
/** The interface object, for `instanceof`; `new CryptoKey()` throws a `TypeError`. */
declare var CryptoKey: {
  prototype: CryptoKey;
  new (): never;
};
interface CryptoKeyPair {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

/** `crypto.subtle`: the Web Cryptography API's operations, each run off the JavaScript thread. */
interface SubtleCrypto {
  encrypt(algorithm: AlgorithmIdentifier | RsaOaepParams | AesCtrParams | AesCbcParams | AesGcmParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  decrypt(algorithm: AlgorithmIdentifier | RsaOaepParams | AesCtrParams | AesCbcParams | AesGcmParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  sign(algorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  verify(algorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
  digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer>;
  /** Ed25519, X25519, RSA and EC algorithms make a key pair. */
  generateKey(algorithm: "Ed25519" | "X25519" | RsaHashedKeyGenParams | EcKeyGenParams, extractable: boolean, keyUsages: readonly KeyUsage[]): Promise<CryptoKeyPair>;
  /** AES and HMAC make one secret key. */
  generateKey(algorithm: AesKeyGenParams | HmacKeyGenParams, extractable: boolean, keyUsages: readonly KeyUsage[]): Promise<CryptoKey>;
  generateKey(algorithm: AlgorithmIdentifier, extractable: boolean, keyUsages: readonly KeyUsage[]): Promise<CryptoKeyPair | CryptoKey>;
  deriveKey(
    algorithm: AlgorithmIdentifier | EcdhKeyDeriveParams | HkdfParams | Pbkdf2Params,
    baseKey: CryptoKey,
    derivedKeyType: AlgorithmIdentifier | AesDerivedKeyParams | HmacImportParams | HkdfParams | Pbkdf2Params,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKey>;
  /** `length` in bits; `null` (the default) is all of an ECDH or X25519 secret. */
  deriveBits(algorithm: AlgorithmIdentifier | EcdhKeyDeriveParams | HkdfParams | Pbkdf2Params, baseKey: CryptoKey, length?: number | null): Promise<ArrayBuffer>;
  importKey(
    format: "jwk",
    keyData: JsonWebKey,
    algorithm: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams | AesKeyAlgorithm,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKey>;
  importKey(
    format: Exclude<KeyFormat, "jwk">,
    keyData: BufferSource,
    algorithm: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams | AesKeyAlgorithm,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKey>;
  exportKey(format: "jwk", key: CryptoKey): Promise<JsonWebKey>;
  exportKey(format: Exclude<KeyFormat, "jwk">, key: CryptoKey): Promise<ArrayBuffer>;
  exportKey(format: KeyFormat, key: CryptoKey): Promise<ArrayBuffer | JsonWebKey>;
  wrapKey(format: KeyFormat, key: CryptoKey, wrappingKey: CryptoKey, wrapAlgorithm: AlgorithmIdentifier | RsaOaepParams | AesCtrParams | AesCbcParams | AesGcmParams): Promise<ArrayBuffer>;
  unwrapKey(
    format: KeyFormat,
    wrappedKey: BufferSource,
    unwrappingKey: CryptoKey,
    unwrapAlgorithm: AlgorithmIdentifier | RsaOaepParams | AesCtrParams | AesCbcParams | AesGcmParams,
    unwrappedKeyAlgorithm: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams | AesKeyAlgorithm,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKey>;
}
/** The interface object, for `instanceof`; `new SubtleCrypto()` throws a `TypeError`. */
declare var SubtleCrypto: {
  prototype: SubtleCrypto;
  new (): never;
};

/** A Performance Timeline entry (`new PerformanceEntry()` throws a `TypeError`). */
interface PerformanceEntry {
  readonly name: string;
  readonly entryType: string;
  /** Milliseconds since the time origin. */
  readonly startTime: number;
  readonly duration: number;
  toJSON(): { name: string; entryType: string; startTime: number; duration: number };
}
declare var PerformanceEntry: {
  prototype: PerformanceEntry;
  new (): never;
};

interface PerformanceMarkOptions {
  /** Structured-cloned into the entry's `detail`. */
  detail?: any;
  /** Milliseconds since the time origin, not negative; default `performance.now()`. */
  startTime?: number;
}
/** A User Timing mark (`entryType` `"mark"`, `duration` 0). */
interface PerformanceMark extends PerformanceEntry {
  readonly entryType: "mark";
  /** A structured clone of the option, `null` when none was given. */
  readonly detail: any;
}
declare var PerformanceMark: {
  prototype: PerformanceMark;
  /** Makes a mark without queuing it (`performance.mark` queues one). */
  new (markName: string, markOptions?: PerformanceMarkOptions): PerformanceMark;
};

interface PerformanceMeasureOptions {
  detail?: any;
  /** A mark name or a time in milliseconds since the time origin. */
  start?: string | number;
  duration?: number;
  end?: string | number;
}
/** A User Timing measure (`entryType` `"measure"`). */
interface PerformanceMeasure extends PerformanceEntry {
  readonly entryType: "measure";
  readonly detail: any;
}
declare var PerformanceMeasure: {
  prototype: PerformanceMeasure;
  new (): never;
};

/** High Resolution Time and User Timing. */
interface Performance {
  /** Milliseconds since `timeOrigin` on a monotonic clock, with sub-millisecond precision. */
  now(): number;
  /** The time origin (when the run started) in milliseconds since the Unix epoch. */
  readonly timeOrigin: number;
  toJSON(): { timeOrigin: number };
  /** Queues a mark; a negative `startTime` is a `TypeError`. */
  mark(markName: string, markOptions?: PerformanceMarkOptions): PerformanceMark;
  /**
   * Queues a measure between two marks or times (start defaults to 0, end to now). A mark
   * name that was never marked throws a `DOMException` `"SyntaxError"`; options together
   * with `endMark`, options without `start` or `end`, or `start`, `end` and `duration` all
   * together are a `TypeError`.
   */
  measure(measureName: string, startOrMeasureOptions?: string | PerformanceMeasureOptions | null, endMark?: string): PerformanceMeasure;
  clearMarks(markName?: string): void;
  clearMeasures(measureName?: string): void;
  /** Every queued entry, by `startTime`. */
  getEntries(): PerformanceEntry[];
  getEntriesByName(name: string, type?: string): PerformanceEntry[];
  getEntriesByType(type: "mark"): PerformanceMark[];
  getEntriesByType(type: "measure"): PerformanceMeasure[];
  getEntriesByType(type: string): PerformanceEntry[];
}
declare var Performance: {
  prototype: Performance;
  new (): never;
};
declare var performance: Performance;

/** The user agent: Kode itself. */
interface Navigator {
  /** `"Kode/<version>"`, e.g. `"Kode/0.1.0"`. */
  readonly userAgent: string;
  /** The number of threads the OS lets this process run in parallel (at least 1). */
  readonly hardwareConcurrency: number;
}
declare var Navigator: {
  prototype: Navigator;
  new (): never;
};
declare var navigator: Navigator;

/** An HTTP header list (the Fetch Standard's `Headers`). Names are case-insensitive; an invalid name or value is a `TypeError`, and so is a change to the immutable headers of a fetched response, `Response.error()` or `Response.redirect()`. */
interface Headers {
  append(name: string, value: string): void;
  delete(name: string): void;
  /** The values of `name` joined with `", "`, or `null`. */
  get(name: string): string | null;
  /** Each `Set-Cookie` value on its own. */
  getSetCookie(): string[];
  has(name: string): boolean;
  set(name: string, value: string): void;
  forEach(callback: (value: string, name: string, headers: Headers) => void, thisArg?: any): void;
  /** Sorted by lowercase name, values of a name combined (`set-cookie` values kept apart). */
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}
/** What a `Headers` can be made from. */
type HeadersInit = Headers | Iterable<[string, string] | readonly string[]> | Record<string, string>;
declare var Headers: {
  prototype: Headers;
  new (init?: HeadersInit): Headers;
};

/** A part of a `Blob`: text (stored as UTF-8), bytes or another blob. */
type BlobPart = string | ArrayBuffer | ArrayBufferView | Blob;
interface BlobPropertyBag {
  /** `"native"` turns each line break of string parts into `"\n"`. Default `"transparent"`. */
  endings?: "transparent" | "native";
  /** Lowercased; `""` unless printable ASCII. */
  type?: string;
}
/** Immutable bytes with a MIME type (the File API). */
interface Blob {
  readonly size: number;
  readonly type: string;
  /** Negative indices count from the end. */
  slice(start?: number, end?: number, contentType?: string): Blob;
  /** The bytes as a byte stream. */
  stream(): ReadableStream<Uint8Array>;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array>;
}
declare var Blob: {
  prototype: Blob;
  new (blobParts?: Iterable<BlobPart>, options?: BlobPropertyBag): Blob;
};
interface FilePropertyBag extends BlobPropertyBag {
  /** Milliseconds since the epoch; default `Date.now()`. */
  lastModified?: number;
}
/** A `Blob` with a name and a modification time. */
interface File extends Blob {
  readonly name: string;
  readonly lastModified: number;
}
declare var File: {
  prototype: File;
  new (fileBits: Iterable<BlobPart>, fileName: string, options?: FilePropertyBag): File;
};

/** A form's entries (XMLHttpRequest's `FormData`): strings and `File`s, in order. */
interface FormData {
  append(name: string, value: string | Blob): void;
  append(name: string, value: Blob, filename?: string): void;
  delete(name: string): void;
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
  has(name: string): boolean;
  set(name: string, value: string | Blob): void;
  set(name: string, value: Blob, filename?: string): void;
  forEach(callback: (value: FormDataEntryValue, name: string, parent: FormData) => void, thisArg?: any): void;
  entries(): IterableIterator<[string, FormDataEntryValue]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<FormDataEntryValue>;
  [Symbol.iterator](): IterableIterator<[string, FormDataEntryValue]>;
}
type FormDataEntryValue = File | string;
declare var FormData: {
  prototype: FormData;
  /** Kode has no HTML form: an argument is a `TypeError`. */
  new (): FormData;
};

/** What a body can be made from. */
type BodyInit = string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream<Uint8Array>;
/** The body mixin: each body can be read once (`bodyUsed`); `clone()` first to read it twice. */
interface Body {
  /** The body as a byte stream (`null` for none); reading it uses the body. */
  readonly body: ReadableStream<Uint8Array> | null;
  readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array>;
  blob(): Promise<Blob>;
  /** multipart/form-data or application/x-www-form-urlencoded, by Content-Type; otherwise a `TypeError`. */
  formData(): Promise<FormData>;
  json(): Promise<any>;
  text(): Promise<string>;
}
type RequestInfo = Request | string | URL;
interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  signal?: AbortSignal | null;
  redirect?: "follow" | "error" | "manual";
  mode?: "same-origin" | "no-cors" | "cors";
  credentials?: "omit" | "same-origin" | "include";
  cache?: "default" | "no-store" | "reload" | "no-cache" | "force-cache" | "only-if-cached";
  referrer?: string;
  referrerPolicy?: string;
  integrity?: string;
  keepalive?: boolean;
  /** Required (`"half"`) when the body is a `ReadableStream`. */
  duplex?: "half";
  window?: null;
}
/** An HTTP request (the Fetch standard's `Request`). */
interface Request extends Body {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly destination: string;
  readonly referrer: string;
  readonly referrerPolicy: string;
  readonly mode: string;
  readonly credentials: string;
  readonly cache: string;
  readonly redirect: string;
  readonly integrity: string;
  readonly keepalive: boolean;
  readonly isReloadNavigation: boolean;
  readonly isHistoryNavigation: boolean;
  /** Aborts when the signal it was made with (or its input's) aborts. */
  readonly signal: AbortSignal;
  readonly duplex: "half";
  clone(): Request;
}
declare var Request: {
  prototype: Request;
  /** A relative URL, a forbidden method (CONNECT, TRACE, TRACK) or a body on GET/HEAD is a `TypeError`. */
  new (input: RequestInfo, init?: RequestInit): Request;
};
interface ResponseInit {
  /** 200 to 599 (else a `RangeError`); default 200. */
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}
/** An HTTP response (the Fetch standard's `Response`). */
interface Response extends Body {
  readonly type: "basic" | "cors" | "default" | "error" | "opaque" | "opaqueredirect";
  readonly url: string;
  readonly redirected: boolean;
  readonly status: number;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: Headers;
  clone(): Response;
}
declare var Response: {
  prototype: Response;
  new (body?: BodyInit | null, init?: ResponseInit): Response;
  /** A network error: type `"error"`, status 0, immutable headers. */
  error(): Response;
  /** A redirect to an absolute `url`; `status` is 301, 302 (default), 303, 307 or 308. */
  redirect(url: string | URL, status?: number): Response;
  /** `JSON.stringify(data)` with Content-Type `application/json`. */
  json(data: any, init?: ResponseInit): Response;
};
/**
 * Fetches `data:` and `blob:` URLs. Failures reject with a `TypeError` whose
 * `cause` has a Kode `code`: `ENETWORK` (a bad `data:` URL, an unknown or
 * revoked `blob:` URL), `EUNSUPPORTED` (`http:`, `https:`, `file:`: not yet).
 */
declare function fetch(input: RequestInfo, init?: RequestInit): Promise<Response>;

/** V8's WebAssembly JS API (the common members); `compileStreaming`/`instantiateStreaming` take a `Response` (or a promise of one) with Content-Type `application/wasm`. */
declare namespace WebAssembly {
  type BufferSource = ArrayBuffer | ArrayBufferView;
  type Imports = Record<string, Record<string, any>>;
  interface ModuleExportDescriptor {
    name: string;
    kind: "function" | "table" | "memory" | "global" | "tag";
  }
  class Module {
    constructor(bytes: BufferSource);
    static exports(module: Module): ModuleExportDescriptor[];
    static imports(module: Module): (ModuleExportDescriptor & { module: string })[];
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, any>;
  }
  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}
  interface WebAssemblyInstantiatedSource {
    module: Module;
    instance: Instance;
  }
  function validate(bytes: BufferSource): boolean;
  function compile(bytes: BufferSource): Promise<Module>;
  function instantiate(bytes: BufferSource, imports?: Imports): Promise<WebAssemblyInstantiatedSource>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
  function compileStreaming(source: Response | PromiseLike<Response>): Promise<Module>;
  function instantiateStreaming(source: Response | PromiseLike<Response>, imports?: Imports): Promise<WebAssemblyInstantiatedSource>;
}

// ---------------------------------------------------------------------------
// Web streams (the WHATWG Streams Standard), TextEncoderStream,
// TextDecoderStream, CompressionStream, DecompressionStream
// ---------------------------------------------------------------------------

/** Measures a chunk for a queuing strategy (a finite, non-negative number). */
type QueuingStrategySize<T = any> = (chunk: T) => number;
/** How much a stream queues before it signals backpressure. */
interface QueuingStrategy<T = any> {
  /** The queue size (in `size` units) at which `desiredSize` reaches 0; default 1 (0 for byte streams and a TransformStream's readable side). NaN or negative is a RangeError. */
  highWaterMark?: number;
  /** Default: every chunk counts 1. Not allowed for byte streams. */
  size?: QueuingStrategySize<T>;
}
interface QueuingStrategyInit {
  highWaterMark: number;
}
/** Counts bytes: `size(chunk)` is `chunk.byteLength`. */
interface ByteLengthQueuingStrategy extends QueuingStrategy<ArrayBufferView> {
  readonly highWaterMark: number;
  readonly size: QueuingStrategySize<ArrayBufferView>;
}
declare var ByteLengthQueuingStrategy: {
  prototype: ByteLengthQueuingStrategy;
  new (init: QueuingStrategyInit): ByteLengthQueuingStrategy;
};
/** Counts chunks: `size()` is always 1. */
interface CountQueuingStrategy extends QueuingStrategy {
  readonly highWaterMark: number;
  readonly size: QueuingStrategySize;
}
declare var CountQueuingStrategy: {
  prototype: CountQueuingStrategy;
  new (init: QueuingStrategyInit): CountQueuingStrategy;
};

/** What `ReadableStreamDefaultReader.read()` resolves with. */
type ReadableStreamReadResult<T> = { done: false; value: T } | { done: true; value: T | undefined };

/** The source of a `ReadableStream` of any chunks. A throw or rejection from `start`/`pull` errors the stream. */
interface UnderlyingDefaultSource<R = any> {
  start?: (controller: ReadableStreamDefaultController<R>) => any;
  /** Called while `desiredSize > 0` (or a read waits), never again before its promise settles. */
  pull?: (controller: ReadableStreamDefaultController<R>) => void | PromiseLike<void>;
  /** Hears of `cancel(reason)` by the consumer; what it returns settles that cancel. */
  cancel?: (reason?: any) => void | PromiseLike<void>;
  type?: undefined;
}
/** The source of a readable byte stream (`type: "bytes"`). */
interface UnderlyingByteSource {
  start?: (controller: ReadableByteStreamController) => any;
  pull?: (controller: ReadableByteStreamController) => void | PromiseLike<void>;
  cancel?: (reason?: any) => void | PromiseLike<void>;
  type: "bytes";
  /** Gives default readers a `byobRequest` too, over a buffer of this many bytes. */
  autoAllocateChunkSize?: number;
}
type UnderlyingSource<R = any> = UnderlyingDefaultSource<R> | UnderlyingByteSource;

interface ReadableStreamGetReaderOptions {
  /** `"byob"` for a `ReadableStreamBYOBReader` (byte streams only). */
  mode?: "byob";
}
interface ReadableStreamIteratorOptions {
  /** Leave the stream open (only release it) when the loop ends early. */
  preventCancel?: boolean;
}
interface StreamPipeOptions {
  /** Do not close the destination when the source closes. */
  preventClose?: boolean;
  /** Do not abort the destination when the source errors. */
  preventAbort?: boolean;
  /** Do not cancel the source when the destination errors or closes. */
  preventCancel?: boolean;
  /** Aborting it stops the pipe: the destination is aborted and the source cancelled with its reason (unless prevented). */
  signal?: AbortSignal;
}
/** Anything `pipeThrough` can pipe through: a `TransformStream`, or any such pair. */
interface ReadableWritablePair<R = any, W = any> {
  readable: ReadableStream<R>;
  writable: WritableStream<W>;
}

/** A source of chunks (the WHATWG Streams Standard). Async iterable: `for await` reads it, and breaking out cancels it. */
interface ReadableStream<R = any> {
  /** Whether a reader (or a pipe, tee or iterator) holds the stream. */
  readonly locked: boolean;
  /** Cancels the stream (the reason goes to the source's `cancel`); rejects with a TypeError while locked. */
  cancel(reason?: any): Promise<void>;
  /** Locks the stream to a new reader; a TypeError if it is locked already. */
  getReader(options: { mode: "byob" }): ReadableStreamBYOBReader;
  getReader(options?: ReadableStreamGetReaderOptions): ReadableStreamDefaultReader<R>;
  /** Pipes into `transform.writable` and returns `transform.readable`. */
  pipeThrough<T>(transform: ReadableWritablePair<T, R>, options?: StreamPipeOptions): ReadableStream<T>;
  /** Pipes every chunk into `destination`, with backpressure; settles when the pipe ends. */
  pipeTo(destination: WritableStream<R>, options?: StreamPipeOptions): Promise<void>;
  /** Two streams of the same chunks (copies, for a byte stream). */
  tee(): [ReadableStream<R>, ReadableStream<R>];
  values(options?: ReadableStreamIteratorOptions): AsyncIterableIterator<R>;
  [Symbol.asyncIterator](options?: ReadableStreamIteratorOptions): AsyncIterableIterator<R>;
}
declare var ReadableStream: {
  prototype: ReadableStream;
  new (underlyingSource: UnderlyingByteSource, strategy?: { highWaterMark?: number }): ReadableStream<Uint8Array>;
  new <R = any>(underlyingSource?: UnderlyingDefaultSource<R>, strategy?: QueuingStrategy<R>): ReadableStream<R>;
  /** A stream of what an async iterable (or iterable) yields; cancelling it calls the iterator's `return`. */
  from<R>(asyncIterable: AsyncIterable<R> | Iterable<R | PromiseLike<R>>): ReadableStream<R>;
};

/** Reads chunks one at a time. */
interface ReadableStreamDefaultReader<R = any> {
  /** Fulfils when the stream closes; rejects when it errors or the lock is released. */
  readonly closed: Promise<void>;
  cancel(reason?: any): Promise<void>;
  read(): Promise<ReadableStreamReadResult<R>>;
  /** Unlocks the stream; pending reads reject with a TypeError. */
  releaseLock(): void;
}
declare var ReadableStreamDefaultReader: {
  prototype: ReadableStreamDefaultReader;
  new <R = any>(stream: ReadableStream<R>): ReadableStreamDefaultReader<R>;
};

interface ReadableStreamBYOBReaderReadOptions {
  /** Fulfil only once this many elements are filled (or the stream ends); default 1. */
  min?: number;
}
/** Reads a byte stream into the caller's own buffers ("bring your own buffer"). */
interface ReadableStreamBYOBReader {
  readonly closed: Promise<void>;
  cancel(reason?: any): Promise<void>;
  /** Fills `view`'s memory; the result is a new view of the same type over it (`view`'s buffer is detached). */
  read<T extends ArrayBufferView>(view: T, options?: ReadableStreamBYOBReaderReadOptions): Promise<ReadableStreamReadResult<T>>;
  releaseLock(): void;
}
declare var ReadableStreamBYOBReader: {
  prototype: ReadableStreamBYOBReader;
  new (stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader;
};

/** Given to a default source's `start` and `pull`. */
interface ReadableStreamDefaultController<R = any> {
  /** The high water mark minus the queue's size; `null` once errored, 0 once closed. */
  readonly desiredSize: number | null;
  close(): void;
  enqueue(chunk?: R): void;
  error(e?: any): void;
}
declare var ReadableStreamDefaultController: {
  prototype: ReadableStreamDefaultController;
  /** Not constructible: a TypeError. */
  new (): never;
};
/** Given to a byte source's `start` and `pull`. */
interface ReadableByteStreamController {
  /** The BYOB read waiting for bytes, or `null`. */
  readonly byobRequest: ReadableStreamBYOBRequest | null;
  readonly desiredSize: number | null;
  close(): void;
  /** Queues the bytes of `chunk`; its buffer is transferred (detached). */
  enqueue(chunk: ArrayBufferView): void;
  error(e?: any): void;
}
declare var ReadableByteStreamController: {
  prototype: ReadableByteStreamController;
  new (): never;
};
/** A BYOB read a byte source answers by writing into `view`. */
interface ReadableStreamBYOBRequest {
  /** Where to write; `null` once answered. */
  readonly view: Uint8Array | null;
  /** `bytesWritten` bytes were written into `view`. */
  respond(bytesWritten: number): void;
  /** The bytes are in `view`, a view of the same memory. */
  respondWithNewView(view: ArrayBufferView): void;
}
declare var ReadableStreamBYOBRequest: {
  prototype: ReadableStreamBYOBRequest;
  new (): never;
};

/** The sink of a `WritableStream`. A throw or rejection from `start`/`write`/`close` errors the stream. */
interface UnderlyingSink<W = any> {
  start?: (controller: WritableStreamDefaultController) => any;
  /** Called for one chunk at a time, the next only after its promise fulfils. */
  write?: (chunk: W, controller: WritableStreamDefaultController) => void | PromiseLike<void>;
  close?: () => void | PromiseLike<void>;
  /** Hears of `abort(reason)`, after the write in progress (see `controller.signal` to stop it sooner). */
  abort?: (reason?: any) => void | PromiseLike<void>;
  type?: undefined;
}
/** A destination for chunks (the WHATWG Streams Standard). */
interface WritableStream<W = any> {
  readonly locked: boolean;
  /** Errors the stream, drops queued writes and tells the sink; rejects with a TypeError while locked. */
  abort(reason?: any): Promise<void>;
  /** Closes after the queued writes; rejects with a TypeError while locked or closing. */
  close(): Promise<void>;
  getWriter(): WritableStreamDefaultWriter<W>;
}
declare var WritableStream: {
  prototype: WritableStream;
  new <W = any>(underlyingSink?: UnderlyingSink<W>, strategy?: QueuingStrategy<W>): WritableStream<W>;
};
/** Writes to a locked `WritableStream`. */
interface WritableStreamDefaultWriter<W = any> {
  readonly closed: Promise<void>;
  /** The high water mark minus the queue's size; `null` when errored or erroring. A TypeError once released. */
  readonly desiredSize: number | null;
  /** Fulfils while `desiredSize > 0`: await it before each write to honour backpressure. */
  readonly ready: Promise<void>;
  abort(reason?: any): Promise<void>;
  close(): Promise<void>;
  releaseLock(): void;
  write(chunk?: W): Promise<void>;
}
declare var WritableStreamDefaultWriter: {
  prototype: WritableStreamDefaultWriter;
  new <W = any>(stream: WritableStream<W>): WritableStreamDefaultWriter<W>;
};
/** Given to a sink's `start` and `write`. */
interface WritableStreamDefaultController {
  /** Aborts when the stream is aborted, so a write in progress can stop. */
  readonly signal: AbortSignal;
  error(e?: any): void;
}
declare var WritableStreamDefaultController: {
  prototype: WritableStreamDefaultController;
  new (): never;
};

/** What a `TransformStream` does with each chunk. Without `transform`, chunks pass through unchanged. */
interface Transformer<I = any, O = any> {
  start?: (controller: TransformStreamDefaultController<O>) => any;
  transform?: (chunk: I, controller: TransformStreamDefaultController<O>) => void | PromiseLike<void>;
  /** Called when the writable side closes, after the queued transforms. */
  flush?: (controller: TransformStreamDefaultController<O>) => void | PromiseLike<void>;
  /** Called when the readable side is cancelled or the writable side aborted. */
  cancel?: (reason: any) => void | PromiseLike<void>;
  readableType?: undefined;
  writableType?: undefined;
}
/** A writable side whose chunks come out, transformed, on a readable side. */
interface TransformStream<I = any, O = any> {
  readonly readable: ReadableStream<O>;
  readonly writable: WritableStream<I>;
}
declare var TransformStream: {
  prototype: TransformStream;
  /** The strategies default to `{ highWaterMark: 1 }` (writable) and `{ highWaterMark: 0 }` (readable). */
  new <I = any, O = any>(transformer?: Transformer<I, O>, writableStrategy?: QueuingStrategy<I>, readableStrategy?: QueuingStrategy<O>): TransformStream<I, O>;
};
/** Given to a transformer's methods. */
interface TransformStreamDefaultController<O = any> {
  /** The readable side's desired size. */
  readonly desiredSize: number | null;
  enqueue(chunk?: O): void;
  /** Errors both sides. */
  error(reason?: any): void;
  /** Closes the readable side and errors the writable side. */
  terminate(): void;
}
declare var TransformStreamDefaultController: {
  prototype: TransformStreamDefaultController;
  new (): never;
};

/** Strings in, UTF-8 bytes out; a surrogate pair split across chunks is kept whole. */
interface TextEncoderStream extends TransformStream<string, Uint8Array> {
  readonly encoding: "utf-8";
}
declare var TextEncoderStream: {
  prototype: TextEncoderStream;
  new (): TextEncoderStream;
};
/** Bytes in, text out (any `TextDecoder` encoding); a sequence split across chunks is kept whole. With `fatal`, invalid bytes error the stream (TypeError, `EINVALID_ENCODING`). */
interface TextDecoderStream extends TransformStream<Kode.BinaryData, string> {
  readonly encoding: TextDecoderEncoding;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
}
declare var TextDecoderStream: {
  prototype: TextDecoderStream;
  new (label?: TextDecoderLabel, options?: TextDecoderOptions | null): TextDecoderStream;
};
/** `"gzip"` (RFC 1952), `"deflate"` (the zlib format, RFC 1950), `"deflate-raw"` (RFC 1951). */
type CompressionFormat = "deflate" | "deflate-raw" | "gzip";
/** Bytes in, compressed bytes out. */
interface CompressionStream extends TransformStream<Kode.BinaryData, Uint8Array> {}
declare var CompressionStream: {
  prototype: CompressionStream;
  new (format: CompressionFormat): CompressionStream;
};
/** Compressed bytes in, bytes out. Corrupt input, input that ends early and bytes after the end (a second gzip member too) error the stream with a TypeError, code `ECORRUPT_DATA`. */
interface DecompressionStream extends TransformStream<Kode.BinaryData, Uint8Array> {}
declare var DecompressionStream: {
  prototype: DecompressionStream;
  new (format: CompressionFormat): DecompressionStream;
};

// ---------------------------------------------------------------------------
// CommonJS module scope (§2)
// ---------------------------------------------------------------------------

/** Loads a module: `kode:*` builtins, relative/absolute files, or packages from `node_modules`. */
declare var require: Kode.Require;
/** The current module's record. */
declare var module: Kode.Module;
/** The current module's exports object (same as `module.exports` until that is replaced). */
declare var exports: any;
/** Absolute path of the current module file (`"[eval]"` under `kode -e`). */
declare var __filename: string;
/** Directory of the current module file (`"."` under `kode -e`). */
declare var __dirname: string;

// ---------------------------------------------------------------------------
// ES module scope (§2.2)
// ---------------------------------------------------------------------------

/** `import.meta` in an ES module (`.mjs`, package.json `"type": "module"`, or detected `import`/`export` syntax). */
interface ImportMeta {
  /** The module's `file:` URL, percent-encoded (`file:///app/main.mjs`). */
  readonly url: string;
  /** The module's absolute path (its path beside the bundle when packed). */
  readonly filename: string;
  /** The directory of `filename`. */
  readonly dirname: string;
  /** True in the entry module only. */
  readonly main: boolean;
  /** Resolves `specifier` as an `import` from this module would: a `file:` URL, or `"kode:NAME"` for a builtin; throws `EMODULE_NOT_FOUND` when it does not resolve. */
  resolve(specifier: string): string;
}

// ---------------------------------------------------------------------------
// kode:fs
// ---------------------------------------------------------------------------

/** Promise-based file operations on Tokio; errors carry `code`, `operation` (`"kode:fs.<name>"`) and `path`. Bad arguments reject with `EINVALID_ARG`. */
declare module "kode:fs" {
  /**
   * A path: a string, or the raw bytes of a path whose names are not UTF-8
   * (as `list` gives them in `DirEntry.rawName`, like Node's Buffer paths).
   * Must not be empty or contain NUL. Results and errors show a byte path as
   * text, with U+FFFD for bytes that are not UTF-8.
   */
  export type PathLike = string | Uint8Array;

  /** The kind of a file system entry (symlinks are not followed by `info` and `list`). */
  export type FileKind = "file" | "directory" | "symlink" | "other";

  /** Metadata of a file system entry. */
  export interface FileInfo {
    /** The path as the program gave it (a byte path as lossy text). */
    path: string;
    /** What the entry is. */
    kind: FileKind;
    /** Size in bytes. */
    size: number;
    /** Last modification, in ms since the Unix epoch; `null` when unavailable. */
    modifiedMs: number | null;
    /** MIME type guessed from the extension, for files only; else `null`. */
    mimeType: string | null;
  }

  /** Options of `read`. */
  export interface ReadOptions extends Kode.SignalOptions {
    /** `"text"` (default, strict UTF-8) or `"bytes"`. */
    as?: "text" | "bytes" | undefined;
  }

  /** The result of `read` in text mode. */
  export interface ReadTextResult {
    /** The file's content decoded as UTF-8 (a leading BOM is dropped). */
    text: string;
    /** Metadata of the file that was read (through any symlink). */
    info: FileInfo;
  }

  /** The result of `read` with `as: "bytes"`. */
  export interface ReadBytesResult {
    /** The file's content. */
    bytes: Uint8Array;
    /** Metadata of the file that was read (through any symlink). */
    info: FileInfo;
  }

  /** Options of `write`. */
  export interface WriteOptions extends Kode.SignalOptions {
    /** `"parents"` creates missing parent directories; `"none"` (default) does not. */
    create?: "none" | "parents" | undefined;
  }

  /** The result of `write`. */
  export interface WriteResult {
    /** Number of bytes written. */
    bytesWritten: number;
    /** Metadata of the written file; `null` only if it could not be read back. */
    info: FileInfo | null;
  }

  /** An entry of `list`. */
  export interface DirEntry {
    /** The entry's file name; for a name that is not UTF-8, shown with U+FFFD replacements (see `rawName`). */
    name: string;
    /** What the entry is (symlinks are not followed). */
    kind: FileKind;
    /**
     * Only for a name that is not UTF-8: its bytes. Join them to the
     * directory's bytes with `/` to pass the entry to any `kode:fs` function.
     */
    rawName?: Uint8Array;
  }

  /** Options of `remove`. */
  export interface RemoveOptions {
    /** Also remove a non-empty directory and everything in it (default false). */
    recursive?: boolean | undefined;
  }

  /** Options of `mkdir`. */
  export interface MkdirOptions {
    /** Create missing parents and accept an existing directory (default false). */
    parents?: boolean | undefined;
  }

  /** Options of `open`: at least one of `read`, `write` and `append` must be `true`. */
  export interface OpenOptions extends Kode.SignalOptions {
    /** Open for reading (`read()`, `readable`, `for await`). */
    read?: boolean | undefined;
    /** Open for writing (`write()`, `writable`); without `create` the file must exist and is written from its start, not truncated. */
    write?: boolean | undefined;
    /** Open for writing at the end of the file (implies `write`). */
    append?: boolean | undefined;
    /**
     * Needs `write` or `append`. `true`: create a missing file, and truncate an existing one unless
     * appending; `"new"`: create the file, `EEXIST` if it exists; `false` (default): it must exist.
     */
    create?: boolean | "new" | undefined;
    /** The most bytes one `read()` gives, 1 to 16 MiB (default 65536). */
    chunkSize?: number | undefined;
    /**
     * Owns the handle: an abort before the file is open rejects `open` with `ECANCELED`; an abort
     * later closes the handle. Pass a scope's `signal` to close the handle when the scope ends.
     */
    signal?: AbortSignal | null | undefined;
  }

  /**
   * An open file (a resource with a 64-bit id). Reading, the host reads at most a few chunks ahead of
   * the program and no further until `read()` takes one, so an endless file (`/dev/zero`) costs a few
   * chunks of memory; writing, writes happen in call order. A handle open for both keeps one position
   * for reads and one for writes on a regular file, and reads nothing ahead. The handle is closed by
   * `close()`, once every direction it was opened for is done (its reading ended: to the end, a
   * cancel, `break`, an error; its `writable` closed or failed), by aborting `writable`, by the abort
   * of its `signal`, and at exit; any use after that rejects with `ECLOSED`.
   */
  export interface FileHandle extends AsyncIterable<Uint8Array> {
    /** The path as `open` was given it (a byte path as lossy text). */
    readonly path: string;
    /** Whether the handle is closed. */
    readonly closed: boolean;
    /**
     * The file's chunks as a byte `ReadableStream` (default and BYOB readers; the same stream each
     * time). Throws a `TypeError` `EINVALID_ARG` on a handle not opened for reading.
     */
    readonly readable: ReadableStream<Uint8Array>;
    /**
     * A `WritableStream` of `Uint8Array`s whose sink is `write()` (the same stream each time); any
     * other chunk errors it with a `TypeError` `EINVALID_ARG`. Throws a `TypeError` `EINVALID_ARG` on
     * a handle not opened for writing.
     */
    readonly writable: WritableStream<Uint8Array>;
    /**
     * The next chunk (at most `chunkSize` bytes; a pipe gives what it has), or `null` at the end of the
     * file (and after it). Concurrent reads are answered in call order. Rejects with `ECLOSED` (also a
     * read pending when the handle closes), `EINVALID_ARG` (not opened for reading) or the OS error of
     * the read (`EIO`, ...).
     */
    read(): Promise<Uint8Array | null>;
    /**
     * Writes all of `data` (a string as UTF-8) and resolves with its byte count once written; writes
     * happen in call order. Rejects with `ECLOSED`, `EINVALID_ARG` (not opened for writing, other
     * data) or the OS error of the write (`ENOSPC`, `EPIPE`, `EIO`, ...).
     */
    write(data: string | Uint8Array): Promise<number>;
    /** The open file's metadata now (`fstat`; `path` as given to `open`); rejects with `ECLOSED`. */
    info(): Promise<FileInfo>;
    /** Closes the file; writes already made still complete, reads still pending reject with `ECLOSED`. Closing again does nothing. */
    close(): void;
    /** Yields every chunk to the end of the file, then ends the reading (also when the loop exits early). */
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
  }

  /**
   * Opens a file for reading, writing or both (see `FileHandle`); rejects with `ENOENT`, `EEXIST`
   * (`create: "new"`), `EACCES`, `EISDIR`, `ECANCELED`, `EINVALID_ARG` (no direction, a non-boolean
   * flag, a bad `create` or `chunkSize`).
   */
  export function open(path: PathLike, options: OpenOptions): Promise<FileHandle>;

  /** Reads a file as bytes, at most 2 GiB - 1 of them (Node's limit; also for endless files such as `/dev/zero`); rejects with `ENOENT`, `EACCES`, `EISDIR`, `EFBIG` (longer), `ECANCELED`, `EINVALID_ARG`. */
  export function read(path: PathLike, options: ReadOptions & { as: "bytes" }): Promise<ReadBytesResult>;
  /** Reads a file as UTF-8 text; rejects with `ENOENT`, `EACCES`, `EISDIR`, `EINVALID_ENCODING` (not UTF-8), `ESTRING_TOO_LONG` (over V8's string limit, 2^29 - 24 bytes of UTF-8), `ECANCELED`, `EINVALID_ARG`. */
  export function read(path: PathLike, options?: (ReadOptions & { as?: "text" | undefined }) | null): Promise<ReadTextResult>;
  /** Reads a file as text or bytes per `options.as`; rejects with `ENOENT`, `EACCES`, `EISDIR`, `EINVALID_ENCODING`, `ESTRING_TOO_LONG`, `EFBIG`, `ECANCELED`, `EINVALID_ARG`. */
  export function read(path: PathLike, options?: ReadOptions | null): Promise<ReadTextResult | ReadBytesResult>;

  /**
   * Writes a string (as UTF-8) or bytes atomically (through symlinks): the data goes to an unnamed
   * temporary file beside the target, which is renamed over it when complete. That rename is the commit
   * point: an abort before it rejects with `ECANCELED` (with `path` and the abort reason as `cause`) and
   * leaves the old content; once it happened the write resolves even if the signal aborted meanwhile.
   * A process that ends mid-write leaves no temporary file. A `ReadableStream` of `Uint8Array`s is
   * written the same way, one chunk at a time (the next is pulled once the last is written); an abort,
   * the stream's error (the write rejects with it), a chunk that is not a `Uint8Array` (`TypeError`
   * `EINVALID_ARG`) or a failed write leaves the old content and cancels the stream. Rejects with
   * `ENOENT` (missing parent), `EISDIR`, `ENOTDIR`, `EACCES`, `ENOSPC`, `ECANCELED`, `EINVALID_ARG`
   * (also a `TypeError` for a locked stream).
   */
  export function write(path: PathLike, data: string | Uint8Array | ReadableStream<Uint8Array>, options?: WriteOptions | null): Promise<WriteResult>;

  /** Metadata of `path` without following a final symlink, or `null` when it does not exist; rejects with `EACCES`, `EINVALID_ARG`. */
  export function info(path: PathLike): Promise<FileInfo | null>;

  /** The entries of a directory, sorted by name (bytewise); rejects with `ENOENT`, `ENOTDIR`, `EACCES`, `EINVALID_ARG`. */
  export function list(path: PathLike): Promise<DirEntry[]>;

  /** Removes a file, symlink or (empty, unless `recursive`) directory; rejects with `ENOENT`, `ENOTEMPTY`, `EACCES`, `EINVALID_ARG`. */
  export function remove(path: PathLike, options?: RemoveOptions | null): Promise<void>;

  /** Creates a directory; rejects with `EEXIST`, `ENOENT` (missing parent), `ENOTDIR`, `EACCES`, `EINVALID_ARG`. */
  export function mkdir(path: PathLike, options?: MkdirOptions | null): Promise<void>;

  /** Renames `from` to `to` (error `path` is `from`, `dest` is `to`); rejects with `ENOENT`, `EXDEV`, `EISDIR`, `ENOTDIR`, `ENOTEMPTY`, `EACCES`, `EINVALID_ARG`. */
  export function rename(from: PathLike, to: PathLike): Promise<void>;

  /** Reads a file as strict UTF-8 text; rejects with `ENOENT`, `EACCES`, `EISDIR`, `EINVALID_ENCODING`, `ESTRING_TOO_LONG` (over V8's string limit), `ECANCELED`, `EINVALID_ARG`. */
  export function readText(path: PathLike, options?: Kode.SignalOptions | null): Promise<string>;

  /** Legacy: reads a file as UTF-8 text and calls `callback(err)` or `callback(null, text)` on a later turn; throws `EINVALID_ARG` for a non-function callback. */
  export function readFile(
    path: PathLike,
    callback: (...result: [error: KodeError, text: undefined] | [error: null, text: string]) => void,
  ): void;
}

// ---------------------------------------------------------------------------
// kode:path
// ---------------------------------------------------------------------------

/** POSIX path strings, equal to Node's `path.posix`; non-string arguments throw `EINVALID_ARG` (TypeError). */
declare module "kode:path" {
  /** The parts of a path, as `parse` returns them. */
  export interface ParsedPath {
    /** `"/"` for an absolute path, else `""`. */
    root: string;
    /** The directory part. */
    dir: string;
    /** The last name, extension included. */
    base: string;
    /** The extension, dot included, or `""`. */
    ext: string;
    /** The last name without its extension. */
    name: string;
  }

  /** Input of `format`: `dir` (else `root`) plus `base` (else `name` + `ext`). */
  export interface FormatInputPathObject {
    /** Used when `dir` is empty. */
    root?: string | undefined;
    /** The directory; joined to the name with `"/"` unless it equals `root`. */
    dir?: string | undefined;
    /** The file name; when empty, `name` + `ext` are used. */
    base?: string | undefined;
    /** The extension; a missing leading dot is added. */
    ext?: string | undefined;
    /** The name without extension. */
    name?: string | undefined;
  }

  /** The path separator, `"/"`. */
  export const sep: "/";
  /** The `PATH` list delimiter, `":"`. */
  export const delimiter: ":";
  /** Joins the non-empty paths with `"/"` and normalizes the result (`"."` for none). */
  export function join(...paths: string[]): string;
  /** Resolves `"."`, `".."` and repeated slashes, keeping a trailing slash. */
  export function normalize(path: string): string;
  /** The directory part of `path` (`"."` when there is none). */
  export function dirname(path: string): string;
  /** The last name of `path`, without `suffix` when it ends with it. */
  export function basename(path: string, suffix?: string): string;
  /** The extension of the last name, dot included, or `""`. */
  export function extname(path: string): string;
  /** Whether `path` starts with `"/"`. */
  export function isAbsolute(path: string): boolean;
  /** Resolves right to left to an absolute, normalized path, using the working directory if needed. */
  export function resolve(...paths: string[]): string;
  /** The relative path from `from` to `to` (both resolved first). */
  export function relative(from: string, to: string): string;
  /** Splits `path` into `{ root, dir, base, ext, name }`. */
  export function parse(path: string): ParsedPath;
  /** Builds a path from its parts; throws `EINVALID_ARG` unless given a non-array object. */
  export function format(pathObject: FormatInputPathObject): string;
}

// ---------------------------------------------------------------------------
// kode:crypto
// ---------------------------------------------------------------------------

/** SHA-2 digests and the operating system's secure random number generator. */
declare module "kode:crypto" {
  /** The canonical names of the supported hash algorithms. */
  export type HashAlgorithm = "sha256" | "sha384" | "sha512";

  /** Accepted spellings: Node's (`sha256`) and WebCrypto's (`SHA-256`); the runtime ignores ASCII case entirely. */
  export type HashAlgorithmName =
    | HashAlgorithm
    | "sha-256"
    | "sha-384"
    | "sha-512"
    | "SHA256"
    | "SHA384"
    | "SHA512"
    | "SHA-256"
    | "SHA-384"
    | "SHA-512";

  /** The canonical (lowercase Node) name of an accepted spelling. */
  export type CanonicalHashAlgorithm<A extends string> = Lowercase<A> extends "sha256" | "sha-256"
    ? "sha256"
    : Lowercase<A> extends "sha384" | "sha-384"
      ? "sha384"
      : Lowercase<A> extends "sha512" | "sha-512"
        ? "sha512"
        : HashAlgorithm;

  /** The result of `hash`. */
  export interface HashResult<A extends HashAlgorithm = HashAlgorithm> {
    /** The canonical algorithm name. */
    algorithm: A;
    /** The digest as lowercase hex. */
    hex: string;
  }

  /** Hashes `data` (a string is hashed as UTF-8); throws `EUNSUPPORTED_ALGORITHM` for an unknown algorithm, `EINVALID_ARG` for bad arguments. */
  export function hash<A extends HashAlgorithmName>(algorithm: A, data: string | Kode.BinaryData): HashResult<CanonicalHashAlgorithm<A>>;
  /** `n` (integer, 0 to 64 MiB) random bytes; throws `EINVALID_ARG` (TypeError for a non-number, RangeError otherwise). */
  export function randomBytes(n: number): Uint8Array;
  /** A random RFC 4122 version 4 UUID, lowercase. */
  export function randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
}

// ---------------------------------------------------------------------------
// kode:encoding
// ---------------------------------------------------------------------------

/** UTF-8, base64 and hex; errors are TypeErrors with `code` `EINVALID_ARG` or `EINVALID_ENCODING` and `operation` `"kode:encoding.<name>"`. */
declare module "kode:encoding" {
  /** Options of `decodeUtf8`. */
  export interface DecodeUtf8Options {
    /** Throw on invalid UTF-8 (default TRUE, unlike TextDecoder); `false` inserts U+FFFD. */
    fatal?: boolean | undefined;
    /** Keep a leading byte order mark instead of dropping it (default false). */
    ignoreBOM?: boolean | undefined;
  }

  /** Encodes a string as UTF-8 (lone surrogates become U+FFFD); throws `EINVALID_ARG` for a non-string. */
  export function encodeUtf8(text: string): Uint8Array;
  /** Decodes UTF-8, strictly by default; throws `EINVALID_ENCODING` for invalid bytes, `EINVALID_ARG` for bad arguments. */
  export function decodeUtf8(bytes: Kode.BinaryData, options?: DecodeUtf8Options | null): string;
  /** Standard base64 with `=` padding (a string is encoded as UTF-8 first); throws `EINVALID_ARG`. */
  export function encodeBase64(data: string | Kode.BinaryData): string;
  /** Decodes strict RFC 4648 base64 (padding required, no whitespace); throws `EINVALID_ENCODING`, `EINVALID_ARG`. */
  export function decodeBase64(text: string): Uint8Array;
  /** Lowercase hex (a string is encoded as UTF-8 first); throws `EINVALID_ARG`. */
  export function encodeHex(data: string | Kode.BinaryData): string;
  /** Decodes hex digits of either case, even length, nothing else; throws `EINVALID_ENCODING`, `EINVALID_ARG`. */
  export function decodeHex(text: string): Uint8Array;
}

// ---------------------------------------------------------------------------
// kode:net
// ---------------------------------------------------------------------------

/**
 * TCP and TLS sockets in the shape of the WinterTC Sockets API
 * (https://sockets-api.proposal.wintertc.org/), and TCP/TLS listeners. Errors carry `code`,
 * `operation` (`"kode:net.connect"`, `"kode:net.listen"`, `"kode:net.Socket.read"`, ...) and
 * `address` (`"host:port"`). Bad arguments throw a `TypeError` `EINVALID_ARG` at once.
 */
declare module "kode:net" {
  /** `"host:port"` (`"[::1]:443"` for IPv6) or `{ hostname, port }`. */
  export type SocketAddress = string | { hostname: string; port: number };

  /** TLS settings of a client: the certificates to trust besides the system's roots, and the name to check. */
  export interface ClientTlsOptions {
    /** PEM certificates (each string may hold several) trusted besides the system's roots. */
    caCerts?: string[] | undefined;
    /** The name the server's certificate must be valid for (default: the host name); an IP address works too. */
    serverName?: string | undefined;
  }

  /** Options of `connect`. */
  export interface ConnectOptions extends Kode.SignalOptions {
    /**
     * `"off"` (plain TCP), `"on"` (TLS from the start) or `"starttls"` (plain until `startTls()`).
     * Default: `"on"` when `tls` is given, else `"off"`.
     */
    secureTransport?: "off" | "on" | "starttls" | undefined;
    /** TLS (`secureTransport: "on"` unless `"starttls"` is asked); an object also configures it. */
    tls?: boolean | ClientTlsOptions | undefined;
    /** The TLS server name (WinterTC's spelling of `tls.serverName`). */
    sni?: string | undefined;
    /** ALPN protocols to offer (TLS only); the one chosen is `SocketInfo.alpn`. */
    alpn?: string[] | undefined;
    /**
     * `false` (default): when the peer ends its side (FIN), this socket's writing side ends too and
     * the socket closes once both are done. `true`: the writable stays usable until it is closed.
     */
    allowHalfOpen?: boolean | undefined;
  }

  /** What `opened` resolves with. */
  export interface SocketInfo {
    /** The peer's address, `"ip:port"`. */
    remoteAddress: string;
    /** Our end's address, `"ip:port"`. */
    localAddress: string;
    /** The ALPN protocol agreed on, or `null`. */
    alpn: string | null;
  }

  /** Options of `startTls`. */
  export interface StartTlsOptions {
    /** The name the certificate must be valid for (default: `tls.serverName`, else the host name of `connect`). */
    hostname?: string | undefined;
    /** PEM certificates to trust besides the system's roots (default: `tls.caCerts` of `connect`). */
    caCerts?: string[] | undefined;
    /** ALPN protocols to offer (default: those of `connect`). */
    alpn?: string[] | undefined;
  }

  /**
   * A TCP (or TLS) connection. A resource: listed by `Kode.activeOperations()` as
   * `"kode:net.connect"` (or `"kode:net.accept"` for an accepted one) with its address; closed by
   * `close()`, when both sides are done, when its `signal` aborts (a `Kode.scope`'s signal: when the
   * scope ends), and at exit.
   */
  export interface Socket {
    /**
     * The bytes the peer sends, as a byte stream (default and BYOB readers); the host reads at most
     * 4 chunks of 64 KiB ahead of the program. Ends at the peer's FIN (or after `close()`); errors
     * with the connection's error (`ECONNRESET`, ...). Cancelling it ends this socket's reading side.
     */
    readonly readable: ReadableStream<Uint8Array>;
    /**
     * Writes bytes (any `ArrayBuffer` or view; a string is a `TypeError` `EINVALID_ARG`: encode it
     * first); each write settles once its bytes are out. Closing or aborting it ends the writing side
     * (TCP FIN, after a TLS close_notify) while the reading goes on. Writes fail with `ECLOSED` once
     * the socket or its writing side is closed, or with the connection's error (`EPIPE`, ...).
     */
    readonly writable: WritableStream<Uint8Array>;
    /**
     * Resolves once connected (and the TLS handshake is done); rejects with `ECONNREFUSED`,
     * `ENOTFOUND`, `ETIMEDOUT`, `ECERT`, `ETLS`, `ECANCELED` (the signal aborted, or `close()` was
     * called first), ... Marked as handled: an unobserved failure is no unhandled rejection.
     */
    readonly opened: Promise<SocketInfo>;
    /**
     * Resolves once the socket is closed and its descriptor released (after `close()`, both sides
     * done, or an abort once open); rejects with the error that broke it (the opening's too).
     * Marked as handled.
     */
    readonly closed: Promise<void>;
    /** True once `startTls()` was called on this socket. */
    readonly upgraded: boolean;
    /** How this socket was opened (`"on"` for one `startTls()` made, and for one a TLS listener accepted). */
    readonly secureTransport: "off" | "on" | "starttls";
    /**
     * Closes at once: reads end, writes not yet out are dropped, an opening still under way is
     * canceled. Returns `closed`. Closing again does nothing.
     */
    close(reason?: unknown): Promise<void>;
    /**
     * STARTTLS, for a socket opened with `secureTransport: "starttls"` (else a `TypeError`
     * `EINVALID_ARG`, also on a second call): returns a new socket whose streams run TLS over this
     * connection once the writes made are out. This socket is done: its streams end and `closed`
     * resolves once the connection has moved. Bytes read ahead and not yet delivered are dropped.
     */
    startTls(options?: StartTlsOptions | null): Socket;
  }

  /** Connects to `address` and returns the socket at once; see `Socket.opened` for the outcome. */
  export function connect(address: SocketAddress, options?: ConnectOptions | null): Socket;

  /** TLS settings of a listener. */
  export interface ListenTlsOptions {
    /** The certificate chain, PEM. */
    cert: string;
    /** Its private key, PEM (PKCS#8, PKCS#1 or SEC1). */
    key: string;
    /** ALPN protocols to agree to, in order of preference. */
    alpn?: string[] | undefined;
  }

  /** Options of `listen`. */
  export interface ListenOptions extends Kode.SignalOptions {
    /** The address to bind (default `"0.0.0.0"`: every IPv4 interface; tests should use `"127.0.0.1"`). */
    hostname?: string | undefined;
    /** The port (default 0: one the OS picks, named by `addr.port`). */
    port?: number | undefined;
    /** Serve TLS: each accepted socket has completed its handshake; one that fails is dropped. */
    tls?: ListenTlsOptions | undefined;
    /** `allowHalfOpen` of the accepted sockets (see `ConnectOptions`). */
    allowHalfOpen?: boolean | undefined;
  }

  /**
   * A listening socket. A resource: listed by `Kode.activeOperations()` as `"kode:net.listen"`
   * with its address; a pending `accept()` keeps the program alive. Closed by `close()`, when its
   * `signal` aborts (which also closes the sockets it accepted), and at exit.
   */
  export interface Listener {
    /** The address it is bound to (the port the OS chose for port 0). */
    readonly addr: { readonly hostname: string; readonly port: number };
    /** The next connection, as an open socket; rejects with `ECLOSED` once the listener is closed. */
    accept(): Promise<Socket>;
    /** Stops listening (pending accepts reject with `ECLOSED`); resolves once the socket is closed. Accepted sockets stay open. */
    close(): Promise<void>;
    /** Yields each accepted socket until the listener closes; leaving the loop early closes it. */
    [Symbol.asyncIterator](): AsyncIterator<Socket>;
  }

  /** Binds at once and returns the listener; throws `EADDRINUSE`, `EACCES`, `ENOTFOUND`, `ETLS` (bad PEM), `ECANCELED`, `EINVALID_ARG`. */
  export function listen(options?: ListenOptions | null): Listener;

  /** The class of sockets, for `instanceof` (constructing one throws: use `connect` or a listener). */
  export const Socket: abstract new () => Socket;
  /** The class of listeners, for `instanceof` (constructing one throws: use `listen`). */
  export const Listener: abstract new () => Listener;
}

declare module "kode:subprocess" {
  /** What one of the child's standard streams is connected to: a pipe to Kode, Kode's own, or nothing (`/dev/null`). */
  export type StdioMode = "pipe" | "inherit" | "null";

  /** A signal by name (`"SIGTERM"`, `"SIGKILL"`, `"SIGUSR1"`, ...: the POSIX names) or by number. */
  export type SignalName =
    | "SIGHUP" | "SIGINT" | "SIGQUIT" | "SIGILL" | "SIGTRAP" | "SIGABRT" | "SIGBUS" | "SIGFPE"
    | "SIGKILL" | "SIGUSR1" | "SIGSEGV" | "SIGUSR2" | "SIGPIPE" | "SIGALRM" | "SIGTERM" | "SIGCHLD"
    | "SIGCONT" | "SIGSTOP" | "SIGTSTP" | "SIGTTIN" | "SIGTTOU" | "SIGURG" | "SIGXCPU" | "SIGXFSZ"
    | "SIGVTALRM" | "SIGPROF" | "SIGWINCH" | "SIGIO" | "SIGSYS";

  /** How a child ended. */
  export interface Status {
    /** Its exit code; `null` when a signal ended it. */
    code: number | null;
    /** The name of the signal that ended it (`"SIGTERM"`; `"SIG<n>"` for one without a name), else `null`. */
    signal: SignalName | (string & {}) | null;
  }

  /** Options of `spawn` and `run`. */
  export interface CommonOptions {
    /** The child's working directory, relative to Kode's; a missing one is `ENOENT` with it as `path`. A relative command with a `/` is found from there. */
    cwd?: string | null | undefined;
    /** Variables added to (or replacing) the environment Kode started with. */
    env?: Record<string, string> | null | undefined;
    /** Start from an empty environment: only `env` (default false). */
    clearEnv?: boolean | undefined;
    /** `"inherit"` (default for `spawn`), `"pipe"` or `"null"`. */
    stdout?: StdioMode | undefined;
    /** `"inherit"` (default for `spawn`), `"pipe"` or `"null"`. */
    stderr?: StdioMode | undefined;
    /**
     * When it aborts, the child gets SIGTERM, then SIGKILL after `killGrace` ms if it is still running,
     * and its stdin is closed; already aborted, nothing starts (`ECANCELED`). Pass a scope's `signal` to
     * end the child with the scope, or `Kode.interrupt` to end it on Ctrl-C.
     */
    signal?: AbortSignal | null | undefined;
    /** Between SIGTERM and SIGKILL, in ms (0 to 1e12, default 2000). */
    killGrace?: number | undefined;
    /** Its own process group; not killed when Kode exits, and does not keep Kode alive (default false). */
    detached?: boolean | undefined;
  }

  /** Options of `spawn`. */
  export interface SpawnOptions extends CommonOptions {
    /** `"inherit"` (default), `"pipe"` (then `stdin` is a `WritableStream`; close it when done) or `"null"`. */
    stdin?: StdioMode | undefined;
  }

  /** Options of `run`: `stdout` and `stderr` default to `"pipe"`. */
  export interface RunOptions extends CommonOptions {
    /**
     * `"inherit"` (default), `"null"`, or the input itself: written to the child, then its stdin is
     * closed (a child that exits without reading all of it is no error). A string that names a mode is
     * that mode: send such a text as bytes.
     */
    stdin?: "inherit" | "null" | (string & {}) | Uint8Array | undefined;
  }

  /**
   * A started child (a resource listed by `Kode.activeOperations()` as `"kode:subprocess.spawn"`). It
   * keeps Kode alive until it has ended (unless detached); at exit one still running is killed
   * (SIGKILL) and reaped.
   */
  export interface Subprocess {
    /** The child's process id. */
    readonly pid: number;
    /** Its stdin when `"pipe"`: a `WritableStream` of `Uint8Array`s (others error it with `EINVALID_ARG`); closing it closes the pipe. A write to a child that closed its stdin rejects with `EPIPE`. */
    readonly stdin: WritableStream<Uint8Array> | null;
    /** Its stdout when `"pipe"`: a byte `ReadableStream` (default and BYOB readers). Read it: a child whose pipe is full waits. */
    readonly stdout: ReadableStream<Uint8Array> | null;
    /** Its stderr when `"pipe"`, as `stdout`. */
    readonly stderr: ReadableStream<Uint8Array> | null;
    /** Resolves once the child has ended (the same promise each time). */
    readonly status: Promise<Status>;
    /** Sends `signal` (default `"SIGTERM"`); nothing once the child has ended. An unknown signal throws a `TypeError` `EINVALID_ARG`. */
    kill(signal?: SignalName | number): void;
  }

  /** What `run` resolves with. */
  export interface Output extends Status {
    /** All of stdout; `null` unless piped. */
    stdout: Uint8Array | null;
    /** All of stderr; `null` unless piped. */
    stderr: Uint8Array | null;
  }

  /**
   * Starts `command` (looked up in `PATH` unless it has a `/`) with `args`, at once. Throws `ENOENT`
   * (with the command as `path`; operation `"kode:subprocess.spawn"`) for a missing program, `EACCES`
   * for one that is not executable, `ECANCELED` for an aborted signal, `EINVALID_ARG` for bad arguments.
   */
  export function spawn(command: string, args?: readonly string[] | null, options?: SpawnOptions | null): Subprocess;
  export function spawn(command: string, options: SpawnOptions): Subprocess;

  /**
   * Runs `command` to its end and collects its output (stdout and stderr piped by default). Rejects
   * with what `spawn` throws, or `ECANCELED` at once when `signal` aborts (the child is terminated).
   */
  export function run(command: string, args?: readonly string[] | null, options?: RunOptions | null): Promise<Output>;
  export function run(command: string, options: RunOptions): Promise<Output>;
}
