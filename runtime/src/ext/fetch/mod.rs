//! The Fetch standard's `Headers` and the File API's `Blob` and `File` as
//! globals: all JavaScript (`runtime/js/fetch_types.js`, the internal module
//! `kode:internal/fetch-types`), compiled on the first touch of one of these
//! globals (`00_core.js` installs them with `defineLazy`). A blob's bytes are
//! a JavaScript `Uint8Array`, so the area has no ops; `Request`, `Response`
//! and `fetch` of `data:`/`blob:` URLs will join it.

use super::extension::{Extension, Script};

pub const EXTENSION: Extension = Extension {
    name: "fetch",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/fetch-types",
        source: include_str!("../../../js/fetch_types.js"),
    }],
    ops: &[],
    state: None,
};
