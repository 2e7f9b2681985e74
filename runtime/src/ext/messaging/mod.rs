//! HTML's channel messaging: `MessageChannel`, `MessagePort`, `MessageEvent`
//! (`runtime/js/messaging.js`, the internal module `kode:internal/messaging`,
//! loaded on the first touch of one of them: `00_core.js` installs them with
//! `defineLazy`), and `structuredClone`'s transfer list. The ports, their
//! queues and the task that delivers each message are JavaScript; the ops
//! are the serializer's (`crate::structured`).

mod ops;

use super::extension::{ops, Extension, Script};
use ops::{
    op_messaging_brand, op_messaging_deserialize, op_messaging_detach, op_messaging_serialize,
};

pub const EXTENSION: Extension = Extension {
    name: "messaging",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/messaging",
        source: include_str!("../../../js/messaging.js"),
    }],
    ops: ops![
        op_messaging_brand,
        op_messaging_serialize,
        op_messaging_detach,
        op_messaging_deserialize,
    ],
    state: None,
};
