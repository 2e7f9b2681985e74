//! `kode:encoding`: strict UTF-8, base64 and hex.

mod ops;

use super::extension::{ops, Extension, Script};
use ops::{
    op_encoding_decode_base64, op_encoding_decode_hex, op_encoding_decode_utf8,
    op_encoding_encode_base64, op_encoding_encode_hex,
};

pub const EXTENSION: Extension = Extension {
    name: "encoding",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:encoding",
        source: include_str!("../../../js/encoding.js"),
    }],
    ops: ops![
        op_encoding_decode_utf8,
        op_encoding_encode_base64,
        op_encoding_decode_base64,
        op_encoding_encode_hex,
        op_encoding_decode_hex,
    ],
    state: None,
};
