//! The WHATWG Streams Standard as globals (`ReadableStream`, `WritableStream`,
//! `TransformStream`, their readers, writers and controllers, the queuing
//! strategies), with the Encoding Standard's `TextEncoderStream` and
//! `TextDecoderStream` and the Compression Standard's `CompressionStream` and
//! `DecompressionStream`. All JavaScript but compression, in four internal
//! modules compiled on first need (`00_core.js` installs the globals with
//! `defineLazy`):
//!
//! - `kode:internal/streams` (`runtime/js/streams.js`): readable streams,
//!   readers, tee, from, async iteration, the queuing strategies, and the
//!   `internals` other Kode modules use (documented at its top);
//! - `kode:internal/streams-bytes`: byte streams (BYOB);
//! - `kode:internal/streams-writable`: writable streams and pipeTo;
//! - `kode:internal/streams-transform`: transform streams and the text and
//!   compression streams.
//!
//! Compression runs on `flate2` (`flate.rs`); `ops.rs` keeps each stream's
//! compressor under an id and says when it is freed.

mod flate;
mod ops;
#[cfg(test)]
mod tests;

use super::extension::{ops, Extension, Script};
use ops::{
    op_streams_flate_finish, op_streams_flate_free, op_streams_flate_open, op_streams_flate_write,
};

pub const EXTENSION: Extension = Extension {
    name: "streams",
    bootstrap: &[],
    modules: &[
        Script {
            specifier: "kode:internal/streams",
            source: include_str!("../../../js/streams.js"),
        },
        Script {
            specifier: "kode:internal/streams-bytes",
            source: include_str!("../../../js/streams_bytes.js"),
        },
        Script {
            specifier: "kode:internal/streams-writable",
            source: include_str!("../../../js/streams_writable.js"),
        },
        Script {
            specifier: "kode:internal/streams-transform",
            source: include_str!("../../../js/streams_transform.js"),
        },
    ],
    ops: ops![
        op_streams_flate_open,
        op_streams_flate_write,
        op_streams_flate_finish,
        op_streams_flate_free,
    ],
    state: Some(ops::install),
};
