//! The Web platform's `crypto` (`getRandomValues`, `randomUUID`; `subtle` is
//! the `subtle` area's, loaded by its getter), `performance` (High Resolution Time and User Timing) and
//! `navigator` (`userAgent`, `hardwareConcurrency`): all
//! JavaScript (`runtime/js/web.js`, the internal module `kode:internal/web`),
//! compiled on the first touch of one of these globals (`00_core.js` installs
//! them with `defineLazy`). Randomness comes from `kode:crypto` and the
//! monotonic clock from the events area's `events_now`, so each has one
//! implementation; this area adds the wall-clock time of the time origin and
//! the facts `navigator` reports.

mod ops;

use super::extension::{ops, Extension, Script};
use ops::{install_wall_origin, op_web_navigator, op_web_time_origin};

pub const EXTENSION: Extension = Extension {
    name: "web",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/web",
        source: include_str!("../../../js/web.js"),
    }],
    ops: ops![op_web_time_origin, op_web_navigator],
    state: Some(install_wall_origin),
};
