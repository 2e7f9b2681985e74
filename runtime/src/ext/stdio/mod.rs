//! `Kode.stdin`, `Kode.stdout` and `Kode.stderr` (SPEC §4.2): byte streams
//! over the process's descriptors 0, 1 and 2. All of it loads on the first
//! touch of one of them (`runtime/js/stdio.js`, the internal module
//! `kode:internal/stdio`, behind lazy getters on `Kode` in `00_core.js`), and
//! stdin is not read before the program pulls from it. Writes to stdout and
//! stderr go through `console.log`'s own op (`print`), so both keep one order
//! and one policy for a closed pipe or a full disk (`crate::output`).

mod ops;

use super::extension::{ops, Extension, Script};
use ops::{op_stdio_is_terminal, op_stdio_stdin_open};

pub const EXTENSION: Extension = Extension {
    name: "stdio",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/stdio",
        source: include_str!("../../../js/stdio.js"),
    }],
    ops: ops![op_stdio_stdin_open, op_stdio_is_terminal],
    state: None,
};
