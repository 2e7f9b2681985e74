//! `WebAssembly.compileStreaming` and `WebAssembly.instantiateStreaming`.
//! V8 defines both, natively, on an isolate that has a streaming callback
//! (installed here with the isolate, before any context exists, so start-up
//! runs no JavaScript for them). The callback hands the source (a `Response`
//! or a promise of one) to a JavaScript handler, `wasmStreaming` in
//! `runtime/js/fetch.js` (reached through `00_core.js`), which checks it as
//! the WebAssembly Web API says and feeds the body's bytes back through these
//! ops.

mod ops;

use super::extension::{ops, Extension};
use ops::{
    install, op_wasm_streaming_abort, op_wasm_streaming_feed, op_wasm_streaming_finish,
    op_wasm_streaming_handler,
};

pub const EXTENSION: Extension = Extension {
    name: "wasm",
    bootstrap: &[],
    modules: &[],
    ops: ops![
        op_wasm_streaming_handler,
        op_wasm_streaming_feed,
        op_wasm_streaming_finish,
        op_wasm_streaming_abort
    ],
    state: Some(install),
};
