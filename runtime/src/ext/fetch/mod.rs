//! The Fetch standard's `Headers`, `Request`, `Response` and `fetch` (of
//! `data:` and `blob:` URLs), XMLHttpRequest's `FormData`, and the File API's
//! `Blob` and `File` as globals: all JavaScript, each module compiled on the
//! first touch of one of its globals (`00_core.js` installs them with
//! `defineLazy`):
//! - `runtime/js/fetch_types.js`: `Headers`, `Blob`, `File`;
//! - `runtime/js/mime.js`: MIME type parsing and the `data:` URL processor;
//! - `runtime/js/form_data.js`: `FormData`, multipart encoding and parsing;
//! - `runtime/js/fetch.js`: `Request`, `Response`, the body mixin, `fetch`.
//!
//! A body's bytes are a JavaScript `Uint8Array`, so the area has no ops; the
//! network schemes come with Kode's HTTP client.

use super::extension::{Extension, Script};

pub const EXTENSION: Extension = Extension {
    name: "fetch",
    bootstrap: &[],
    modules: &[
        Script {
            specifier: "kode:internal/fetch-types",
            source: include_str!("../../../js/fetch_types.js"),
        },
        Script {
            specifier: "kode:internal/mime",
            source: include_str!("../../../js/mime.js"),
        },
        Script {
            specifier: "kode:internal/form-data",
            source: include_str!("../../../js/form_data.js"),
        },
        Script {
            specifier: "kode:internal/fetch",
            source: include_str!("../../../js/fetch.js"),
        },
    ],
    ops: &[],
    state: None,
};
