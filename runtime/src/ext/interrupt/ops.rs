//! The op behind `Kode.interrupt`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use tokio::signal::unix::{signal, SignalKind};

use crate::error::{codes, io_code, KodeError};
use crate::ext::args::op;
use crate::state::state;
use crate::value::OpValue;

const OPERATION: &str = "Kode.interrupt";

fn os_error(err: &std::io::Error) -> KodeError {
    let code = io_code(err);
    let detail = kode_pack::fs::io_detail(err);
    KodeError::new(code, format!("{code}: {detail}, {OPERATION}")).operation(OPERATION)
}

/// Set by the first SIGINT or SIGTERM once Kode listens for them.
static SEEN: AtomicBool = AtomicBool::new(false);

/// From now on, a SIGINT or SIGTERM that follows another ends the process at
/// once with 128 + its number (130, 143), whatever the program is doing (a
/// busy loop never gets back to the event loop). Installed once per process.
fn second_signal_exits() -> Result<(), KodeError> {
    static INSTALLED: OnceLock<Result<(), KodeError>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            for signo in [libc::SIGINT, libc::SIGTERM] {
                let action = move || {
                    if SEEN.swap(true, Ordering::SeqCst) {
                        // SAFETY: _exit is async-signal-safe.
                        unsafe { libc::_exit(128 + signo) };
                    }
                };
                // SAFETY: the action only swaps an atomic and calls _exit,
                // both async-signal-safe.
                unsafe { signal_hook_registry::register(signo, action) }
                    .map_err(|err| os_error(&err))?;
            }
            Ok(())
        })
        .clone()
}

op! {
    /// `interrupt_listen(opId)`: installs the SIGINT and SIGTERM handlers
    /// now (a signal that arrives before the op is first polled is not
    /// lost); op `opId` resolves with the name of the first signal. The op
    /// does not keep the run alive.
    fn op_interrupt_listen<'s>(scope, id: u64) -> Result<(), KodeError> {
        let state = state(scope);
        let mut state = state.borrow_mut();
        let (mut interrupt, mut terminate) = {
            let _runtime = state.tasks.enter().map_err(|err| err.operation(OPERATION))?;
            let listen = |kind| signal(kind).map_err(|err| os_error(&err));
            (listen(SignalKind::interrupt())?, listen(SignalKind::terminate())?)
        };
        second_signal_exits()?;
        state.tasks.spawn_unref(id, async move {
            let name = tokio::select! {
                Some(()) = interrupt.recv() => "SIGINT",
                Some(()) = terminate.recv() => "SIGTERM",
                else => return Err(KodeError::new(codes::EIO, "the signal driver stopped").operation(OPERATION)),
            };
            Ok(OpValue::word(name))
        });
        Ok(())
    }
}
