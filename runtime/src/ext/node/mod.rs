//! The Node layer (SPEC §5): `node:*` modules for packages written for Node,
//! all in JavaScript over Kode's own builtins and ops. Every module is lazy:
//! a program that names none of them loads none of them.
//!
//! The application's own files reach these only as `node:NAME`; files under
//! `node_modules` also by the bare name, and get `process`, `Buffer`,
//! `global`, `setImmediate` and `clearImmediate` as free variables (see
//! `kode_pack::node_globals`).

use super::extension::{Extension, Script};

/// One `node:NAME` module from `runtime/js/node/FILE`.
macro_rules! node_module {
    ($specifier:literal, $file:literal) => {
        Script {
            specifier: $specifier,
            source: include_str!(concat!("../../../js/node/", $file)),
        }
    };
}

pub const EXTENSION: Extension = Extension {
    name: "node",
    bootstrap: &[],
    modules: &[
        // Shared helpers: ENODE_UNSUPPORTED members, Node's error shapes.
        node_module!("kode:internal/node/support", "support.js"),
        node_module!("node:path", "path.js"),
    ],
    ops: &[],
    state: None,
};
