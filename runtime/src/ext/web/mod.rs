//! The Web platform's `crypto` (`getRandomValues`, `randomUUID`; no `subtle`
//! yet): all JavaScript (`runtime/js/web.js`, the internal module
//! `kode:internal/web`), compiled on the first touch of one of these globals
//! (`00_core.js` installs them with `defineLazy`). Randomness comes from
//! `kode:crypto`, so it has one implementation.

use super::extension::{Extension, Script};

pub const EXTENSION: Extension = Extension {
    name: "web",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/web",
        source: include_str!("../../../js/web.js"),
    }],
    ops: &[],
    state: None,
};
