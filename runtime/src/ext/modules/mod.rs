//! CommonJS: `require`, the module cache and wrapper (`01_modules.js`), over
//! ops that resolve, load and compile modules and builtins.

use super::{ops, Extension, Script};
use crate::ops::modules::{op_builtin, op_compile, op_load, op_resolve};

pub const EXTENSION: Extension = Extension {
    name: "modules",
    bootstrap: &[Script {
        specifier: "kode:internal/modules.js",
        source: include_str!("../../../js/01_modules.js"),
    }],
    modules: &[],
    ops: ops![op_resolve, op_load, op_compile, op_builtin],
    state: None,
};
