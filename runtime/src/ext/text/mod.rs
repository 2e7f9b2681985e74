//! UTF-8 ops behind `TextEncoder`, `TextDecoder` and `Kode.text` (the
//! classes themselves are in `00_core.js`).

mod ops;

use super::extension::{ops, Extension};
use ops::{op_utf8_decode, op_utf8_encode, op_utf8_encode_into};

pub const EXTENSION: Extension = Extension {
    name: "text",
    bootstrap: &[],
    modules: &[],
    ops: ops![op_utf8_encode, op_utf8_encode_into, op_utf8_decode],
    state: None,
};
