//! The DOM's events and WebIDL's exceptions as globals: `DOMException`,
//! `Event`, `EventTarget`, `CustomEvent`, `ErrorEvent`,
//! `PromiseRejectionEvent`, and HTML's `atob`/`btoa` (which throw
//! `DOMException`s). All JavaScript (`runtime/js/events.js`, the internal
//! module `kode:internal/events`), compiled on the first touch of any of
//! these globals: `00_core.js` installs them with `defineLazy`. The global
//! object becomes an `EventTarget` when it loads (`error` and
//! `unhandledrejection` events, `reportError`). `AbortController` and
//! `AbortSignal` (an `EventTarget`) are `runtime/js/abort.js`.

mod ops;

use super::extension::{ops, Extension, Script};
use ops::{install_time_origin, op_events_now};

pub const EXTENSION: Extension = Extension {
    name: "events",
    bootstrap: &[],
    modules: &[
        Script {
            specifier: "kode:internal/events",
            source: include_str!("../../../js/events.js"),
        },
        Script {
            specifier: "kode:internal/abort",
            source: include_str!("../../../js/abort.js"),
        },
    ],
    ops: ops![op_events_now],
    state: Some(install_time_origin),
};
