//! Abort signals, timeouts and structured scopes (`02_async.js`). Its one op,
//! `cancel`, belongs to `fs`, which owns the state it touches.

use super::extension::{Extension, Script};

pub const EXTENSION: Extension = Extension {
    name: "scopes",
    bootstrap: &[Script {
        specifier: "kode:internal/async.js",
        source: include_str!("../../../js/02_async.js"),
    }],
    modules: &[],
    ops: &[],
    state: None,
};
