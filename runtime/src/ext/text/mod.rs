//! `TextEncoder`, `TextDecoder` and `Kode.text` (the classes in
//! `runtime/js/text.js`, loaded on first touch): UTF-8 directly (`ops.rs`, the path
//! `Kode.text` and a plain UTF-8 `decode` take) and every other WHATWG
//! encoding, and every streamed decode, through `encoding_rs` (`decoder.rs`,
//! which also says where a stream's state lives and when it is freed).

mod decoder;
mod ops;

use super::extension::{ops, Extension, Script};
use decoder::{op_text_decode, op_text_decoder_free, op_text_encoding};
use ops::{op_utf8_decode, op_utf8_encode, op_utf8_encode_into};

pub const EXTENSION: Extension = Extension {
    name: "text",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/text",
        source: include_str!("../../../js/text.js"),
    }],
    ops: ops![
        op_utf8_encode,
        op_utf8_encode_into,
        op_utf8_decode,
        op_text_encoding,
        op_text_decode,
        op_text_decoder_free,
    ],
    state: Some(decoder::install),
};
