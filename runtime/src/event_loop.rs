//! The event loop: run the main module, then alternate microtask checkpoints
//! and due timers until nothing is left to do (Node's order for the common cases).

use std::time::Instant;

use crate::isolate::{self, Flow, Hooks};
use crate::modules::DiskModules;
use crate::state::{SharedState, State};
use crate::RunOptions;

pub fn run(options: RunOptions) -> i32 {
    isolate::init_v8();
    let (mut isolate, state) = isolate::new_isolate(State::new(Box::new(DiskModules::new())));
    let code = {
        v8::scope!(let scope, &mut isolate);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        match isolate::bootstrap(scope, &options) {
            Ok(hooks) => match drive(scope, &hooks, &state) {
                Ok(()) => 0,
                Err(code) => code,
            },
            Err(message) => {
                eprintln!("kode: internal error: {message}");
                70
            }
        }
    };
    use std::io::Write;
    let _ = std::io::stdout().flush();
    code
}

fn drive(scope: &mut v8::PinScope, hooks: &Hooks, state: &SharedState) -> Flow {
    isolate::call(scope, hooks, &hooks.run_main, &[])?;
    loop {
        isolate::checkpoint(scope, hooks)?;
        let Some(deadline) = state.borrow().timers.next_deadline() else {
            return Ok(());
        };
        let now = Instant::now();
        if deadline > now {
            std::thread::sleep(deadline - now);
        }
        // Timers due at the start of this turn run now, each followed by its
        // microtasks; timers they create wait for the next turn.
        let now = Instant::now();
        loop {
            let due = state.borrow_mut().timers.pop_due(now);
            let Some(id) = due else { break };
            let id = v8::Integer::new_from_unsigned(scope, id).into();
            isolate::call(scope, hooks, &hooks.fire_timer, &[id])?;
            isolate::checkpoint(scope, hooks)?;
        }
    }
}
