//! Kode's packer side: module resolution over a file system abstraction
//! (no V8 here).

pub mod cjs_exports;
pub mod codes;
pub mod deps;
pub mod diagnostics;
pub mod format;
pub mod fs;
pub mod graph;
pub mod json;
pub mod kpk;
pub mod leading;
pub mod node_globals;
pub mod parse;
pub mod resolve;
pub mod source_map;
pub mod transpile;
pub mod tsconfig;

pub use cjs_exports::cjs_export_names;
pub use format::module_format;

/// The `kode:` builtins the resolver tests accept. The real list is the
/// runtime's (`kode_runtime::builtin_names`), passed in as data: this crate
/// has no V8 and does not know the runtime.
#[cfg(test)]
pub(crate) const TEST_BUILTINS: &[&str] = &[
    "kode:fs",
    "kode:path",
    "kode:crypto",
    "kode:encoding",
    "node:fs",
    "node:fs/promises",
    "node:path",
];
