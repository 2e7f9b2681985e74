//! The V8 side of a run: platform, isolate, context, bootstrap, and the calls
//! from Rust into JS. The event loop drives it through `Session`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::v8_str;
use crate::options::{Main, RunOptions};
use crate::snapshot_texts::AppHeap;
use crate::state::{state, SharedState, State};
use crate::{ext, limits};

/// The JS functions Rust calls, captured from the bootstrap's `internal` object.
pub struct Hooks {
    pub run_main: v8::Global<v8::Function>,
    pub fire_timer: v8::Global<v8::Function>,
    pub run_task: v8::Global<v8::Function>,
    pub complete_ops: v8::Global<v8::Function>,
    pub format_uncaught: v8::Global<v8::Function>,
    /// `uncaught(error)` / `unhandledRejection(promise, reason)`: dispatch the
    /// global `error` / `unhandledrejection` event; true when a listener
    /// canceled it (the run goes on, silently).
    pub uncaught: v8::Global<v8::Function>,
    pub unhandled_rejection: v8::Global<v8::Function>,
}

/// Why JS stopped running: `Err(code)` ends the process with `code`.
pub type Flow<T = ()> = Result<T, i32>;

pub fn new_isolate(state: State) -> (v8::OwnedIsolate, SharedState) {
    new_isolate_from(state, None)
}

/// An isolate started from `snapshot` (an application's, made on top of
/// this build's bootstrap snapshot) instead of the bootstrap snapshot.
pub fn new_isolate_from(
    state: State,
    snapshot: Option<AppHeap>,
) -> (v8::OwnedIsolate, SharedState) {
    let mut params = match snapshot {
        Some(heap) => crate::references::create_params_with(heap.blob, heap.references),
        None => crate::references::create_params(),
    };
    let budget = state.limits.max_heap_mb.map(limits::Budget::new);
    if let (Some(mb), Some(budget)) = (state.limits.max_heap_mb, &budget) {
        params = params
            .heap_limits(0, mb as usize * 1024 * 1024)
            .array_buffer_allocator(limits::buffer_allocator(budget.clone()));
    }
    let mut isolate = v8::Isolate::new(params);
    crate::trace::phase("isolate created");
    if let Some(budget) = budget {
        let tripped = state.tripped.clone();
        // The slot keeps the guard alive as long as the isolate.
        let guard = limits::guard_heap(&mut isolate, tripped, state.limits, budget);
        isolate.set_slot(guard);
    }
    let shared = prepare(&mut isolate, state);
    (isolate, shared)
}

/// What every isolate gets before JS runs, the snapshot maker's too: V8's
/// callbacks, the run's state and every area's state (isolate-level, so no
/// snapshot carries them).
pub fn prepare(isolate: &mut v8::Isolate, state: State) -> SharedState {
    isolate.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
    isolate.set_promise_reject_callback(promise_reject_callback);
    let shared = Rc::new(RefCell::new(state));
    isolate.set_slot(shared.clone());
    ext::install_state(isolate);
    shared
}

extern "C" fn promise_reject_callback(message: v8::PromiseRejectMessage) {
    v8::callback_scope!(unsafe scope, &message);
    let state = state(scope);
    let promise = message.get_promise();
    match message.get_event() {
        v8::PromiseRejectEvent::PromiseRejectWithNoHandler => {
            let value = message
                .get_value()
                .unwrap_or_else(|| v8::undefined(scope).into());
            let entry = (
                v8::Global::new(scope, promise),
                v8::Global::new(scope, value),
            );
            state.borrow_mut().rejections.push(entry);
        }
        v8::PromiseRejectEvent::PromiseHandlerAddedAfterReject => {
            let mut state = state.borrow_mut();
            state.rejections.retain(|(p, _)| p != &promise);
        }
        _ => {}
    }
}

/// Bootstraps the current context, from the bootstrap snapshot when the
/// context came from one, else by running the scripts; then gives it this
/// process's facts (`internal.start(info)`) and returns the hooks.
pub fn bootstrap(scope: &mut v8::PinScope, options: &RunOptions) -> Result<Hooks, String> {
    v8::tc_scope!(let tc, scope);
    let (ops, internal) = match crate::snapshot::bootstrapped_objects(tc) {
        Some(objects) => {
            crate::trace::phase("bootstrap from snapshot");
            objects
        }
        None => run_bootstrap_scripts(tc)?,
    };
    if !crate::error::register_error_builder(tc, internal) {
        return Err("bootstrap hook buildError missing".to_string());
    }
    let info = info_object(tc, options);
    let start = hook(tc, internal, "start")?;
    let start = v8::Local::new(tc, start);
    let undefined = v8::undefined(tc).into();
    if start.call(tc, undefined, &[info.into()]).is_none() {
        let error = exception_text(tc);
        return Err(format!("bootstrap start threw: {error}"));
    }
    crate::trace::phase("started");
    crate::esm::keep_internal(tc, ops, internal);
    crate::esm::restore_map(tc)?;
    Ok(Hooks {
        run_main: hook(tc, internal, "runMain")?,
        fire_timer: hook(tc, internal, "fireTimer")?,
        run_task: hook(tc, internal, "runTask")?,
        complete_ops: hook(tc, internal, "completeOps")?,
        format_uncaught: hook(tc, internal, "formatUncaught")?,
        uncaught: hook(tc, internal, "uncaught")?,
        unhandled_rejection: hook(tc, internal, "unhandledRejection")?,
    })
}

/// Runs the bootstrap scripts in a snapshot-making isolate and returns the
/// blob: V8 flags are the ones every run sets, the context is the default
/// one, its data holds `ops` and `internal`, and compiled functions keep
/// their bytecode. For kode-run's build script: a failure is a bug in
/// Kode's own JavaScript, returned as the message. V8 crashes when a
/// snapshot is made while other isolates run: call it alone in a process.
pub fn make_bootstrap_snapshot() -> Result<Vec<u8>, String> {
    crate::platform::init_v8();
    let mut creator = v8::Isolate::snapshot_creator(Some(crate::references::table()), None);
    let modules = Box::new(crate::modules::DiskModules::new(ext::builtin_names()));
    // The same per-isolate state a run has, for ops the scripts call.
    let state = prepare(&mut creator, State::new(modules, limits::Limits::default()));
    {
        v8::scope!(let scope, &mut creator);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        let (ops, internal) = run_bootstrap_scripts(scope)?;
        crate::snapshot::keep_objects(scope, context, ops, internal)?;
    }
    drop(state);
    let blob = finish_snapshot(creator)?;
    // V8 rehashes a rehashable snapshot's tables with each process's own
    // seed (--rehash-snapshot, on by default); otherwise every process
    // would share the seed baked in here.
    if !blob.can_be_rehashed() {
        return Err("V8 made a snapshot that cannot be rehashed".to_string());
    }
    Ok(blob.to_vec())
}

/// Ends a snapshot maker prepared by [`prepare`]: its blob, functions with
/// their bytecode. No Rust state may hold handles into the heap being
/// serialized (V8 aborts: "handle not serialized"), so the run's state goes
/// and every area's state is installed afresh (the old, with its handles,
/// dropped).
pub fn finish_snapshot(mut creator: v8::OwnedIsolate) -> Result<v8::StartupData, String> {
    crate::error::unregister_error_builder(&mut creator);
    ext::install_state(&mut creator);
    creator.remove_slot::<SharedState>();
    creator
        .create_blob(v8::FunctionCodeHandling::Keep)
        .ok_or_else(|| "V8 made no snapshot".to_string())
}

/// Code caches of every lazily loaded builtin module, made in an isolate
/// started from `blob` (V8 takes a cache only under the snapshot it was
/// made with), as the table `snapshot::encode_caches` writes. For
/// kode-run's build script, after [`make_bootstrap_snapshot`].
pub fn make_builtin_caches(blob: Vec<u8>) -> Result<Vec<u8>, String> {
    crate::platform::init_v8();
    let mut isolate = v8::Isolate::new(crate::references::create_params_from(blob));
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let mut entries = Vec::new();
    for script in ext::module_scripts() {
        let name = script.specifier;
        let origin = ext::builtin_origin(name);
        let (compiled, _) = crate::compile::compile_internal(scope, &origin, script.source, None)
            .ok_or_else(|| format!("builtin {name} does not compile"))?;
        let cache = compiled
            .get_unbound_script(scope)
            .create_code_cache()
            .ok_or_else(|| format!("V8 made no code cache for builtin {name}"))?;
        entries.push((name, cache.to_vec()));
    }
    Ok(crate::snapshot::encode_caches(&entries))
}

fn hook(
    scope: &mut v8::PinScope,
    internal: v8::Local<v8::Object>,
    name: &str,
) -> Result<v8::Global<v8::Function>, String> {
    let function = internal_function(scope, internal, name)?;
    Ok(v8::Global::new(scope, function))
}

/// `internal[name]`, a function the bootstrap defined.
pub fn internal_function<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    internal: v8::Local<v8::Object>,
    name: &str,
) -> Result<v8::Local<'s, v8::Function>, String> {
    let key = v8_str(scope, name);
    let value = internal
        .get(scope, key.into())
        .ok_or_else(|| format!("bootstrap hook {name} missing"))?;
    v8::Local::<v8::Function>::try_from(value)
        .map_err(|_| format!("bootstrap hook {name} is not a function"))
}

/// Runs the bootstrap scripts in the current context (into the snapshot at
/// build time; at run time only where no snapshot is in use: unit tests)
/// and returns their `ops` and `internal` objects.
pub fn run_bootstrap_scripts<'s>(
    scope: &mut v8::PinScope<'s, '_>,
) -> Result<(v8::Local<'s, v8::Object>, v8::Local<'s, v8::Object>), String> {
    v8::tc_scope!(let tc, scope);
    let ops = ext::install_ops(tc);
    crate::trace::phase("ops installed");
    let internal = v8::Object::new(tc);
    for script in ext::bootstrap_scripts() {
        let (name, source) = (script.specifier, script.source);
        let function = crate::compile::run_internal(tc, name, source)
            .and_then(|value| v8::Local::<v8::Function>::try_from(value).ok());
        let Some(function) = function else {
            return Err(format!(
                "bootstrap script {name} failed: {}",
                exception_text(tc)
            ));
        };
        let undefined = v8::undefined(tc).into();
        let args = [ops.into(), internal.into()];
        if function.call(tc, undefined, &args).is_none() {
            let error = exception_text(tc);
            return Err(format!("bootstrap script {name} threw: {error}"));
        }
        // Errors thrown by ops in later scripts are built by core.js's builder.
        crate::error::register_error_builder(tc, internal);
        crate::trace::phase(name);
    }
    Ok((ops, internal))
}

fn exception_text(tc: &mut v8::PinnedRef<v8::TryCatch<v8::HandleScope>>) -> String {
    match tc.exception() {
        Some(e) => e.to_rust_string_lossy(tc),
        None => "(no exception)".to_string(),
    }
}

/// `{ args, executable, script, env, cwd, main: [kind, value] }` for the bootstrap.
fn info_object<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    options: &RunOptions,
) -> v8::Local<'s, v8::Object> {
    let values: Vec<v8::Local<v8::Value>> = options
        .args
        .iter()
        .map(|a| v8_str(scope, a).into())
        .collect();
    let args = v8::Array::new_with_elements(scope, &values).into();
    let executable = v8_str(scope, &options.executable).into();
    let script = v8_str(scope, &options.script).into();
    // Made in one call, not one property set each (dozens of variables, at
    // every start); a name given twice keeps its last value.
    let (mut names, mut values) = (Vec::new(), Vec::new());
    for (key, value) in std::env::vars_os() {
        names.push(v8_str(scope, &key.to_string_lossy()).into());
        values.push(v8_str(scope, &value.to_string_lossy()).into());
    }
    let null = v8::null(scope).into();
    let env = v8::Object::with_prototype_and_properties(scope, null, &names, &values).into();
    let cwd = std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "/".into());
    let cwd = v8_str(scope, &cwd).into();
    let (kind, value) = match &options.main {
        Main::File(path) => ("file", path.to_string_lossy().into_owned()),
        Main::Eval(code) => ("eval", code.clone()),
        Main::Bundle(_) => unreachable!("the event loop turns a bundle into its entry file"),
    };
    let kind = v8_str(scope, kind).into();
    let value = v8_str(scope, &value).into();
    let main = v8::Array::new_with_elements(scope, &[kind, value]).into();
    let names: Vec<v8::Local<v8::Name>> = ["args", "executable", "script", "env", "cwd", "main"]
        .into_iter()
        .map(|name| v8_str(scope, name).into())
        .collect();
    let info = v8::Object::with_prototype_and_properties(
        scope,
        null,
        &names,
        &[args, executable, script, env, cwd, main],
    );
    crate::trace::phase("info built");
    info
}

/// Calls a hook; an exception that escapes it is reported and ends the run.
pub fn call(
    scope: &mut v8::PinScope,
    hooks: &Hooks,
    function: &v8::Global<v8::Function>,
    args: &[v8::Local<v8::Value>],
) -> Flow {
    v8::tc_scope!(let tc, scope);
    let function = v8::Local::new(tc, function);
    let undefined = v8::undefined(tc).into();
    if function.call(tc, undefined, args).is_some() {
        return Ok(());
    }
    if let Some(code) = stopped(tc) {
        return Err(code);
    }
    let exception = tc.exception().unwrap_or_else(|| v8::undefined(tc).into());
    tc.reset();
    if canceled(tc, &hooks.uncaught, &[exception])? {
        return Ok(());
    }
    report_uncaught(tc, hooks, exception);
    Err(1)
}

/// `process.nextTick` callbacks run before promise reactions, as in Node:
/// the queue is drained (by node:process's JS) ahead of each checkpoint.
fn run_node_ticks(scope: &mut v8::PinScope, hooks: &Hooks) -> Flow {
    let run = {
        let state = state(scope);
        let mut state = state.borrow_mut();
        if !std::mem::take(&mut state.node.ticks_pending) {
            return Ok(());
        }
        state.node.run_ticks.clone()
    };
    match run {
        Some(run) => call(scope, hooks, &run, &[]),
        None => Ok(()),
    }
}

/// Calls a global-event hook: `Ok(true)` when a listener canceled the event.
/// A listener may end the run (`Kode.exit`); one that throws makes the event
/// count as not canceled.
fn canceled(
    scope: &mut v8::PinScope,
    hook: &v8::Global<v8::Function>,
    args: &[v8::Local<v8::Value>],
) -> Result<bool, i32> {
    v8::tc_scope!(let tc, scope);
    let function = v8::Local::new(tc, hook);
    let undefined = v8::undefined(tc).into();
    let result = function.call(tc, undefined, args);
    if let Some(code) = stopped(tc) {
        return Err(code);
    }
    tc.reset();
    Ok(result.is_some_and(|value| value.is_true()))
}

/// Runs all pending microtasks, then fails the run on `Kode.exit` or an unhandled rejection.
/// Each rejection first goes to the global `unhandledrejection` listeners;
/// one they cancel is dropped and the checkpoint goes on.
pub fn checkpoint(scope: &mut v8::PinScope, hooks: &Hooks) -> Flow {
    loop {
        run_node_ticks(scope, hooks)?;
        scope.perform_microtask_checkpoint();
        if let Some(code) = stopped(scope) {
            return Err(code);
        }
        let state = state(scope);
        let rejection = {
            let mut state = state.borrow_mut();
            if state.rejections.is_empty() {
                if state.node.ticks_pending {
                    // Microtasks queued ticks: Node runs them, then microtasks again.
                    continue;
                }
                return Ok(());
            }
            state.rejections.remove(0)
        };
        let promise = v8::Local::new(scope, rejection.0).into();
        let value = v8::Local::new(scope, rejection.1);
        if !canceled(scope, &hooks.unhandled_rejection, &[promise, value])? {
            report_uncaught(scope, hooks, value);
            return Err(1);
        }
    }
}

/// The exit code when JS was stopped rather than failed: `Kode.exit`, or a
/// resource limit (reported here, as an uncaught error).
fn stopped(isolate: &v8::Isolate) -> Option<i32> {
    let state = state(isolate);
    let state = state.borrow();
    if let Some(code) = state.exit_code {
        return Some(code);
    }
    state.tripped.print_report(&state.limits).then_some(1)
}

fn report_uncaught(scope: &mut v8::PinScope, hooks: &Hooks, exception: v8::Local<v8::Value>) {
    if state(scope).borrow().warming.is_some() {
        return;
    }
    v8::tc_scope!(let tc, scope);
    let format = v8::Local::new(tc, &hooks.format_uncaught);
    let undefined = v8::undefined(tc).into();
    let text = match format.call(tc, undefined, &[exception]) {
        Some(text) => text.to_rust_string_lossy(tc),
        // The formatter itself failed (e.g. a hostile getter): fall back to V8's own text.
        None => format!("Uncaught {}", exception.to_rust_string_lossy(tc)),
    };
    // Checked like all output: a report that cannot be written is said on stdout.
    let _ = crate::output::write_line(crate::output::Stream::Stderr, text.trim_end_matches('\n'));
}
