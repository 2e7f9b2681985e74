// interrupt.js: kode:internal/interrupt - Kode.interrupt (SPEC 4.2), loaded
// by the first touch of Kode.interrupt (a getter in 00_core.js), which is
// when Kode starts listening for SIGINT and SIGTERM. The signal aborts on the
// first of them with an Error { code: "EINTERRUPTED", operation:
// "Kode.interrupt", signal: "SIGINT" | "SIGTERM" } as its reason; a second
// one ends the process at once with 130 (SIGINT) or 143 (SIGTERM), which the
// host does from the signal handler itself. Listening keeps nothing alive and
// is not listed by Kode.activeOperations(): it is a listener, not work.
(function (ops, internal) {
  "use strict";

  const { buildError, hostOp } = internal;
  const abort = internal.loadInternal("kode:internal/abort").internals;
  const signal = abort.newSignal();

  let failure;
  // The op has no operation name: that keeps it out of Kode.activeOperations().
  const received = hostOp(null, "", undefined, (id) => {
    try {
      ops.interrupt_listen(id);
    } catch (error) {
      failure = error;
      throw error;
    }
  });
  if (failure !== undefined) {
    // The getter throws (and the next touch tries again).
    received.catch(() => {});
    throw failure;
  }
  received.then((name) => {
    const reason = buildError(Error, "EINTERRUPTED", `Interrupted by ${name}`, { operation: "Kode.interrupt", signal: name });
    abort.abort(signal, reason);
  });

  return { signal };
})
