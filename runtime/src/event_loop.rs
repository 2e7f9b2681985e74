//! The event loop: run the main module, then alternate microtask checkpoints,
//! V8's own foreground tasks, queued tasks (message delivery), due timers
//! and finished ops until nothing is left to do (Node's order for the common
//! cases). A WebAssembly compile in
//! flight keeps the loop alive.

use std::time::{Duration, Instant};

use crate::isolate::{self, Flow, Hooks};
use crate::limits;
use crate::modules::{DiskModules, ModuleSource};
use crate::options::{Main, RunOptions};
use crate::state::{SharedState, State};

pub fn run(mut options: RunOptions) -> i32 {
    crate::trace::phase("thread started");
    crate::platform::init_v8();
    crate::trace::phase("v8 initialized");
    let mut app_snapshot = None;
    let mut texts_check = None;
    let modules: Box<dyn ModuleSource> =
        match std::mem::replace(&mut options.main, Main::Eval(String::new())) {
            Main::Bundle(mut bundle) => {
                options.main = Main::File(bundle.entry_path());
                app_snapshot = bundle.take_snapshot();
                texts_check = bundle.take_texts_check();
                bundle
            }
            main => {
                options.main = main;
                Box::new(DiskModules::new(crate::ext::builtin_names()))
            }
        };
    let limits = options.limits;
    let (mut isolate, state) = isolate::new_isolate_from(State::new(modules, limits), app_snapshot);
    let tripped = state.borrow().tripped.clone();
    let _watchdog = limits
        .max_cpu_ms
        .map(|_| limits::watch_cpu(limits, isolate.thread_safe_handle(), tripped));
    let code = {
        crate::trace::phase("state installed");
        v8::scope!(let scope, &mut isolate);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        crate::trace::phase("context created");
        // The heap's module texts were hashed on another core while V8
        // made the isolate; nothing has read them yet, and no JavaScript
        // runs before they are known intact.
        let verdict = texts_check.map_or(Ok(()), |check| check());
        match verdict.map(|()| isolate::bootstrap(scope, &options)) {
            Ok(Ok(hooks)) => {
                let code = match drive(scope, &hooks, &state) {
                    Ok(()) => 0,
                    Err(code) => code,
                };
                node_exit(scope, &state, code)
            }
            Ok(Err(message)) => {
                eprintln!("kode: internal error: {message}");
                70
            }
            Err(reason) => {
                eprintln!("{reason}");
                1
            }
        }
    };
    crate::trace::phase("event loop done");
    // Every resource still open is closed (its producer stopped) before the
    // I/O runtime goes away.
    crate::resources::close_all(&isolate);
    state.borrow_mut().tasks.shutdown();
    use std::io::Write;
    let _ = std::io::stdout().flush();
    // The process exits next: tearing the heap down would only cost time.
    std::mem::forget(isolate);
    code
}

/// `process.on("beforeExit")`: emitted when the loop runs dry (only once a
/// package loaded node:process); true when its listeners started new work,
/// and the loop goes on, as in Node.
fn node_before_exit(scope: &mut v8::PinScope, hooks: &Hooks, state: &SharedState) -> Flow<bool> {
    let Some(exit) = state.borrow().node.exit.clone() else {
        return Ok(false);
    };
    let kind = v8::String::new(scope, "beforeExit")
        .expect("short string")
        .into();
    let code = v8::Integer::new(scope, 0).into();
    isolate::call(scope, hooks, &exit, &[kind, code])?;
    isolate::checkpoint(scope, hooks)?;
    Ok(keeps_alive(&state.borrow()))
}

/// Whether anything left keeps the run going: a ref'd op, a queued task,
/// a ref'd timer (an unref'd op is waited on but keeps nothing alive).
fn keeps_alive(state: &State) -> bool {
    state.tasks.has_refed() || state.queued_tasks > 0 || state.timers.has_refed()
}

/// `process.on("exit")`: the listeners run with the exit code and may
/// change it (`process.exitCode`), whatever ended the run but a limit.
fn node_exit(scope: &mut v8::PinScope, state: &SharedState, code: i32) -> i32 {
    let exit = {
        let state = state.borrow();
        if state.tripped.report(&state.limits).is_some() {
            return code;
        }
        match state.node.exit.clone() {
            Some(exit) => exit,
            None => return code,
        }
    };
    scope.cancel_terminate_execution();
    v8::tc_scope!(let tc, scope);
    let exit = v8::Local::new(tc, exit);
    let undefined = v8::undefined(tc).into();
    let kind = v8::String::new(tc, "exit").expect("short string").into();
    let given = v8::Integer::new(tc, code).into();
    match exit.call(tc, undefined, &[kind, given]) {
        Some(result) => result.int32_value(tc).unwrap_or(code),
        // A listener threw (node:process reported it) or called process.exit().
        None => state.borrow().exit_code.unwrap_or(1),
    }
}

/// While V8 compiles WebAssembly in the background and ops or timers are
/// pending too, the loop wakes this often to run the task that finishes the
/// compile (V8's default platform cannot wake a wait on our ops).
const V8_POLL: Duration = Duration::from_millis(2);

fn drive(scope: &mut v8::PinScope, hooks: &Hooks, state: &SharedState) -> Flow {
    crate::trace::phase("bootstrap done");
    let platform = v8::V8::get_current_platform();
    isolate::call(scope, hooks, &hooks.run_main, &[])?;
    crate::trace::phase("main module done");
    loop {
        // Each turn's handles (completion values, timer ids) are released at
        // its end: a server's loop runs for hours.
        v8::scope!(let scope, scope);
        isolate::checkpoint(scope, hooks)?;
        let ran_v8_tasks = run_v8_tasks(scope, hooks, &platform)?;
        run_queued_tasks(scope, hooks, state)?;
        let (deadline, waiting_on_ops, queued, alive) = {
            let state = state.borrow();
            // An unref'd op (a signal listener) is waited on but keeps nothing alive.
            let waiting_on_ops = !state.tasks.is_idle() || state.tasks.has_deferred();
            let queued = state.queued_tasks > 0;
            (
                state.timers.next_deadline(),
                waiting_on_ops,
                queued,
                keeps_alive(&state),
            )
        };
        // Background work that will post a task, e.g. `WebAssembly.compile`.
        let v8_busy = scope.has_pending_background_tasks();
        if !alive && !v8_busy {
            if ran_v8_tasks {
                // A task may have posted another one: look again.
                continue;
            }
            // An ES entry whose top-level `await` can no longer settle ends
            // as in Node: a warning and exit code 13.
            if let Some(code) = crate::esm::unsettled_main(scope) {
                return Err(code);
            }
            if node_before_exit(scope, hooks, state)? {
                continue;
            }
            return Ok(());
        }
        if !alive {
            // Only V8 is working: sleep until it posts its task, and run it.
            v8::Platform::pump_message_loop(&platform, scope, true);
            continue;
        }
        let deadline = match (deadline, v8_busy) {
            // Tasks wait for the next turn: look at I/O and timers without blocking.
            _ if queued => Some(Instant::now()),
            (Some(d), true) => Some(d.min(Instant::now() + V8_POLL)),
            (None, true) => Some(Instant::now() + V8_POLL),
            (deadline, false) => deadline,
        };
        let completions = if waiting_on_ops {
            state.borrow_mut().tasks.wait(deadline)
        } else {
            // Only timers are pending: no need for Tokio at all.
            if let Some(wait) = deadline.and_then(|d| d.checked_duration_since(Instant::now())) {
                std::thread::sleep(wait);
            }
            Vec::new()
        };
        // Timers due at the start of this turn run now, each followed by its
        // microtasks; timers they create wait for the next turn.
        let now = Instant::now();
        loop {
            let due = state.borrow_mut().timers.pop_due(now);
            let Some(id) = due else { break };
            let id = v8::Number::new(scope, id as f64).into();
            isolate::call(scope, hooks, &hooks.fire_timer, &[id])?;
            isolate::checkpoint(scope, hooks)?;
        }
        if !completions.is_empty() {
            // One call and one microtask checkpoint for every op that
            // finished this turn, not one each.
            let mut batch = Vec::with_capacity(completions.len() * 3);
            for (id, result) in completions {
                // Ids are 64-bit; a JS number holds them exactly up to 2^53.
                batch.push(v8::Number::new(scope, id as f64).into());
                let (ok, value) = match result {
                    Ok(value) => (true, value.into_js(scope, crate::resources::insert_js)),
                    Err(err) => (false, err.to_js(scope)),
                };
                batch.push(v8::Boolean::new(scope, ok).into());
                batch.push(value);
            }
            let batch = v8::Array::new_with_elements(scope, &batch).into();
            isolate::call(scope, hooks, &hooks.complete_ops, &[batch])?;
            isolate::checkpoint(scope, hooks)?;
        }
    }
}

/// Runs the tasks JavaScript queued before this turn began (message
/// delivery), oldest first, each followed by its microtasks. Tasks they queue
/// wait for the next turn, after due timers and finished ops, so a pair of
/// ports answering each other cannot starve the rest.
fn run_queued_tasks(scope: &mut v8::PinScope, hooks: &Hooks, state: &SharedState) -> Flow {
    let count = std::mem::take(&mut state.borrow_mut().queued_tasks);
    for _ in 0..count {
        isolate::call(scope, hooks, &hooks.run_task, &[])?;
        isolate::checkpoint(scope, hooks)?;
    }
    Ok(())
}

/// Runs the tasks V8 has posted to this isolate's foreground (finished
/// WebAssembly compiles, GC steps, `FinalizationRegistry` callbacks), each
/// followed by its microtasks. Says whether any ran.
fn run_v8_tasks(
    scope: &mut v8::PinScope,
    hooks: &Hooks,
    platform: &v8::SharedRef<v8::Platform>,
) -> Result<bool, i32> {
    let mut ran = false;
    while v8::Platform::pump_message_loop(platform, scope, false) {
        ran = true;
        isolate::checkpoint(scope, hooks)?;
    }
    Ok(ran)
}
