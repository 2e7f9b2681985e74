//! `kode:subprocess` (SPEC §4.6): child processes. `spawn` starts one at
//! once (a resource listed by `Kode.activeOperations()` with its command
//! line and pid) with each standard stream inherited, discarded or piped (a
//! pipe is a resource of its own, streamed); `status` settles when the
//! child ends; an aborted signal or the end of the owning scope sends
//! `SIGTERM`, then `SIGKILL` after a grace period. `run` collects the
//! output. The module (`subprocess.js`) loads on first import.

mod child;
pub(crate) mod ops;
mod pipes;
pub(crate) mod signals;

use super::extension::{ops, Extension, Script};
use ops::{op_subprocess_kill, op_subprocess_spawn, op_subprocess_terminate, op_subprocess_wait};

pub const EXTENSION: Extension = Extension {
    name: "subprocess",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:subprocess",
        source: include_str!("subprocess.js"),
    }],
    ops: ops![
        op_subprocess_spawn,
        op_subprocess_wait,
        op_subprocess_kill,
        op_subprocess_terminate,
    ],
    state: None,
};
