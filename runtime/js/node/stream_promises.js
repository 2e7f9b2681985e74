// stream_promises.js: node:stream/promises, the promise forms of pipeline
// and finished (the same functions as require("node:stream").promises).
(function (ops, internal) {
  "use strict";
  const { promises } = internal.loadInternal("kode:internal/node/support").builtin("node:stream");
  return { finished: promises.finished, pipeline: promises.pipeline };
})
