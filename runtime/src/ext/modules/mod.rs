//! Modules: CommonJS (`require`, the module cache and wrapper in
//! `01_modules.js`, over ops that resolve, load and compile modules; the
//! `builtin` op is declared with the list in `ext/mod.rs`) and native ES
//! modules (`esm.rs`: the module map and V8's module callbacks, installed
//! with the isolate).

mod ops;

use super::extension::{ops, Extension, Script};
use ops::{op_compile, op_esm_main, op_esm_require, op_load, op_resolve};

pub const EXTENSION: Extension = Extension {
    name: "modules",
    bootstrap: &[Script {
        specifier: "kode:internal/modules.js",
        source: include_str!("../../../js/01_modules.js"),
    }],
    // The ES module hooks (`esm.rs`), compiled when a program first imports.
    modules: &[Script {
        specifier: crate::esm::ESM_JS,
        source: crate::esm::ESM_SOURCE,
    }],
    ops: ops![op_resolve, op_load, op_compile, op_esm_main, op_esm_require],
    state: Some(crate::esm::install),
};
