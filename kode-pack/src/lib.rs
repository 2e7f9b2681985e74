//! Kode's packer side: module resolution over a file system abstraction
//! (no V8 here).

pub mod deps;
pub mod diagnostics;
pub mod fs;
pub mod graph;
pub mod json;
pub mod kpk;
pub mod parse;
pub mod resolve;

/// Names of the `kode:NAME` builtins.
pub const BUILTINS: &[&str] = &["fs", "path", "crypto", "encoding"];
