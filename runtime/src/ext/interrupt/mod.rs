//! `Kode.interrupt` (SPEC §4.2): an `AbortSignal` that aborts on the first
//! SIGINT or SIGTERM. Nothing is installed until the program first touches
//! it (a lazy getter on `Kode` in `00_core.js` loads `interrupt.js`, the
//! internal module `kode:internal/interrupt`): a program that never looks
//! is killed by those signals as before.

mod ops;

use super::extension::{ops, Extension, Script};
use ops::op_interrupt_listen;

pub const EXTENSION: Extension = Extension {
    name: "interrupt",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/interrupt",
        source: include_str!("interrupt.js"),
    }],
    ops: ops![op_interrupt_listen],
    state: None,
};
