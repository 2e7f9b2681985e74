// stdio.js: kode:internal/stdio - Kode.stdin, Kode.stdout and Kode.stderr
// (SPEC 4.2), loaded by the first touch of one of them (getters on Kode in
// 00_core.js). Each is a Web stream of bytes with an isTerminal() method.
//
// Kode.stdin is a byte ReadableStream over descriptor 0. Nothing reads it
// until the program pulls: then the host opens it (a resource, listed by
// Kode.activeOperations() as "Kode.stdin") and reads at most a few chunks
// ahead of the program. A pending read keeps the process alive; a program
// that never pulls never reads stdin and exits when it is done.
//
// Kode.stdout and Kode.stderr are WritableStreams of Uint8Arrays (a string
// is a TypeError, as in Deno: encode text first, e.g. with TextEncoderStream).
// Each chunk is written at once through console.log's own checked output
// (op print), so a write whose promise has settled is out, in order with
// console output; a closed pipe or a full disk ends the run as it does for
// console.log (SPEC 1). Closing or aborting them leaves the descriptors
// open: console output keeps working.
(function (ops, internal) {
  "use strict";

  const { buildError, hostOp, describeValue } = internal;
  const { createReadable, createWritable } = internal.loadInternal("kode:internal/streams").internals;

  function withIsTerminal(stream, fd) {
    Object.defineProperty(stream, "isTerminal", {
      value: function isTerminal() {
        return ops.stdio_is_terminal(fd);
      },
      writable: true,
      enumerable: false,
      configurable: true,
    });
    return stream;
  }

  // --- stdin ---------------------------------------------------------------------
  const DETAIL = "fd 0";
  let rid;
  let ended = false;

  function closeStdin() {
    ended = true;
    if (rid !== undefined) ops.resource_close(rid);
  }

  async function pullStdin() {
    if (rid === undefined) {
      const opened = await hostOp("Kode.stdin.open", DETAIL, undefined, (id) => ops.stdio_stdin_open(id));
      if (ended) {
        // Cancelled while it opened: read nothing (a read would hold the run).
        ops.resource_close(opened);
        return null;
      }
      rid = opened;
    }
    let chunk;
    try {
      chunk = await hostOp("Kode.stdin.read", DETAIL, undefined, (id) => ops.resource_read(id, rid));
    } catch (error) {
      closeStdin();
      throw error;
    }
    if (chunk === null) closeStdin();
    return chunk;
  }

  const stdin = withIsTerminal(createReadable(pullStdin, closeStdin, { type: "bytes" }), 0);

  // --- stdout, stderr ---------------------------------------------------------------

  function output(name, fd) {
    const operation = `Kode.${name}.write`;
    const write = (chunk) => {
      if (!(chunk instanceof Uint8Array)) {
        const hint = typeof chunk === "string" ? ": encode text first, e.g. with TextEncoderStream" : "";
        throw buildError(TypeError, "EINVALID_ARG", `${operation}: each chunk must be a Uint8Array (got ${describeValue(chunk)})${hint}`, { operation });
      }
      ops.print(chunk, fd);
    };
    return withIsTerminal(createWritable(write), fd);
  }

  return { stdin, stdout: output("stdout", 1), stderr: output("stderr", 2) };
});
