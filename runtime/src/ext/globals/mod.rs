//! The globals every program has: `console` output, `Kode.exit`, timers,
//! `structuredClone`, `Kode.cwd` (bootstrap script `00_core.js`).

mod clone;
mod ops;

pub use ops::lazy_global;

use super::extension::{ops, Extension, Script};
use clone::{op_structured_clone, op_structured_clone_refuse};
use ops::{
    op_cwd, op_define_lazy, op_exit, op_print, op_promise_state, op_task_queue, op_timer_cancel,
    op_timer_start,
};

pub const EXTENSION: Extension = Extension {
    name: "globals",
    bootstrap: &[Script {
        specifier: "kode:internal/core.js",
        source: include_str!("../../../js/00_core.js"),
    }],
    modules: &[],
    ops: ops![
        op_print,
        op_exit,
        op_timer_start,
        op_timer_cancel,
        op_task_queue,
        op_promise_state,
        op_cwd,
        op_structured_clone,
        op_structured_clone_refuse,
        op_define_lazy,
    ],
    state: None,
};
