//! Console formatting (`util.inspect`-style), loaded on the first formatted
//! value; internal, so programs cannot require it.

mod ops;

use super::extension::{ops, Extension, Script};
use ops::op_proxy_details;

pub const EXTENSION: Extension = Extension {
    name: "inspect",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/inspect",
        source: include_str!("../../../js/inspect.js"),
    }],
    ops: ops![op_proxy_details],
    state: None,
};
