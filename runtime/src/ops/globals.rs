//! Process-level ops: output, exit, timers, promise introspection.

use std::time::{Duration, Instant};

use super::{arg_string, finish};
use crate::output::{self, Stream};
use crate::state::state;
use crate::tasks::op_id;

/// `print(text, fd)`: writes `text` to stdout (1) or stderr (2). A write that
/// fails ends the run (see [`crate::output`]): quietly with exit code 0 for a
/// closed pipe (`kode app | head`), else with exit code 1 after one line on
/// the other stream.
pub fn op_print(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    rv: v8::ReturnValue<v8::Value>,
) {
    let result = arg_string(scope, &args, 0).map(|text| {
        if state(scope).borrow().warming.is_some() {
            return v8::undefined(scope).into();
        }
        let stream = match args.get(1).int32_value(scope) {
            Some(2) => Stream::Stderr,
            _ => Stream::Stdout,
        };
        if let Err(failure) = output::write(stream, text.as_bytes()) {
            state(scope).borrow_mut().exit_code = Some(failure.exit_code());
            scope.terminate_execution();
        }
        v8::undefined(scope).into()
    });
    finish(scope, rv, result);
}

/// `exit(code)`: records the code and unwinds all JS at once.
pub fn op_exit(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let code = args.get(0).int32_value(scope).unwrap_or(0);
    state(scope).borrow_mut().exit_code = Some(code);
    scope.terminate_execution();
}

/// `timer_start(id, ms, unref)`: arms (or re-arms) timer `id`.
pub fn op_timer_start(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let id = match op_id(scope, args.get(0)) {
        Ok(id) => id,
        Err(err) => return err.throw(scope),
    };
    let ms = args.get(1).number_value(scope).unwrap_or(0.0);
    let refed = !args.get(2).is_true();
    let delay = Duration::from_secs_f64(ms.clamp(0.0, 1e12) / 1000.0);
    state(scope)
        .borrow_mut()
        .timers
        .start(id, Instant::now(), delay, refed);
}

/// `cwd()`: the working directory, for `kode:path.resolve`.
pub fn op_cwd(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let cwd = std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "/".into());
    rv.set(crate::error::v8_str(scope, &cwd).into());
}

pub fn op_timer_cancel(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let id = match op_id(scope, args.get(0)) {
        Ok(id) => id,
        Err(err) => return err.throw(scope),
    };
    state(scope).borrow_mut().timers.cancel(id);
}

/// `promise_state(p)` → `[state, value]` with state 0 pending, 1 fulfilled, 2 rejected.
pub fn op_promise_state(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(promise) = v8::Local::<v8::Promise>::try_from(args.get(0)) else {
        return;
    };
    let (code, value) = match promise.state() {
        v8::PromiseState::Pending => (0, v8::undefined(scope).into()),
        v8::PromiseState::Fulfilled => (1, promise.result(scope)),
        v8::PromiseState::Rejected => (2, promise.result(scope)),
    };
    let code = v8::Integer::new(scope, code).into();
    rv.set(v8::Array::new_with_elements(scope, &[code, value]).into());
}
