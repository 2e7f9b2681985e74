//! `kode:path`: POSIX path manipulation, all in JavaScript (it asks the
//! `globals` area's `cwd` op for `resolve`).

use super::extension::{Extension, Script};

pub const EXTENSION: Extension = Extension {
    name: "path",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:path",
        source: include_str!("../../../js/path.js"),
    }],
    ops: &[],
    state: None,
};
