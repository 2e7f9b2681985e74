//! Process-level ops: output, exit, timers, queued tasks, promise introspection.

use std::time::{Duration, Instant};

use crate::error::{codes, KodeError};
use crate::ext::args::{op, TextOrBytes};
use crate::output::{self, Stream};
use crate::state::state;

op! {
    /// `print(data, fd)`: writes `data` (a string as UTF-8, or bytes: what
    /// `Kode.stdout` and `Kode.stderr` write) to stdout (1) or stderr (2). A
    /// write that fails ends the run (see [`crate::output`]): quietly with
    /// exit code 0 for a closed pipe (`kode app | head`), else with exit code
    /// 1 after one line on the other stream.
    fn op_print<'s>(scope, data: TextOrBytes, fd: i32) -> Result<(), KodeError> {
        {
            let state = state(scope);
            let mut state = state.borrow_mut();
            if let Some(count) = state.snapshot_output.as_mut() {
                *count += data.0.len();
                return Ok(());
            }
            if state.warming.is_some() {
                return Ok(());
            }
        }
        let stream = if fd == 2 { Stream::Stderr } else { Stream::Stdout };
        if let Err(failure) = output::write(stream, &data.0) {
            state(scope).borrow_mut().exit_code = Some(failure.exit_code());
            scope.terminate_execution();
        }
        Ok(())
    }
}

op! {
    /// `exit(code)`: records the code and unwinds all JS at once.
    fn op_exit<'s>(scope, code: i32) -> Result<(), KodeError> {
        state(scope).borrow_mut().exit_code = Some(code);
        scope.terminate_execution();
        Ok(())
    }
}

op! {
    /// `timer_start(id, ms, unref)`: arms (or re-arms) timer `id`.
    fn op_timer_start<'s>(scope, id: u64, ms: f64, unref: bool) -> Result<(), KodeError> {
        let delay = Duration::from_secs_f64(ms.clamp(0.0, 1e12) / 1000.0);
        state(scope)
            .borrow_mut()
            .timers
            .start(id, Instant::now(), delay, !unref);
        Ok(())
    }
}

op! {
    /// `timer_cancel(id)`.
    fn op_timer_cancel<'s>(scope, id: u64) -> Result<(), KodeError> {
        state(scope).borrow_mut().timers.cancel(id);
        Ok(())
    }
}

op! {
    /// `task_queue()`: JavaScript queued one more task (`internal.queueTask`);
    /// the event loop runs it on its next turn through the `runTask` hook.
    fn op_task_queue<'s>(scope) -> Result<(), KodeError> {
        state(scope).borrow_mut().queued_tasks += 1;
        Ok(())
    }
}

op! {
    /// `cwd()`: the working directory, for `kode:path.resolve`.
    fn op_cwd<'s>(scope) -> Result<v8::Local<'s, v8::String>, KodeError> {
        let cwd = std::env::current_dir()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "/".into());
        Ok(crate::v8_util::v8_str(scope, &cwd))
    }
}

op! {
    /// `promise_state(p)` → `[state, value]` with state 0 pending, 1
    /// fulfilled, 2 rejected; `undefined` for anything but a promise.
    fn op_promise_state<'s>(scope, value: v8::Local<'s, v8::Value>) -> Result<v8::Local<'s, v8::Value>, KodeError> {
        let Ok(promise) = v8::Local::<v8::Promise>::try_from(value) else {
            return Ok(v8::undefined(scope).into());
        };
        let (code, value) = match promise.state() {
            v8::PromiseState::Pending => (0, v8::undefined(scope).into()),
            v8::PromiseState::Fulfilled => (1, promise.result(scope)),
            v8::PromiseState::Rejected => (2, promise.result(scope)),
        };
        let code = v8::Integer::new(scope, code).into();
        Ok(v8::Array::new_with_elements(scope, &[code, value]).into())
    }
}

op! {
    /// `define_lazy(target, specifier, names)`: each of `names` becomes a
    /// lazy data property of `target` (writable, configurable, not
    /// enumerable): the first read loads internal module `specifier` and
    /// takes the name from its exports, and V8 keeps that as a plain value;
    /// a write before any read just sets the value. One small accessor per
    /// name in the bootstrap snapshot, where JavaScript getter/setter pairs
    /// cost four objects.
    fn op_define_lazy<'s>(scope, target: v8::Local<'s, v8::Object>, specifier: v8::Local<'s, v8::Value>, names: v8::Local<'s, v8::Array>) -> Result<(), KodeError> {
        // The accessor lives in the snapshot's isolate part, shared by
        // contexts: its data must be a string, never an object of this
        // context (the serializer would copy the whole context along).
        if !specifier.is_string() {
            return Err(KodeError::type_error(codes::EINVALID_ARG, "define_lazy: the specifier is not a string"));
        }
        for index in 0..names.length() {
            let Some(name) = names.get_index(scope, index) else {
                return Ok(());
            };
            let Ok(name) = v8::Local::<v8::Name>::try_from(name) else {
                return Err(KodeError::type_error(codes::EINVALID_ARG, "define_lazy: a name is not a string"));
            };
            target.set_lazy_data_property_with_data(
                scope,
                name,
                lazy_global,
                specifier,
                v8::PropertyAttribute::DONT_ENUM,
                v8::SideEffectType::HasSideEffect,
                v8::SideEffectType::HasSideEffect,
            );
        }
        Ok(())
    }
}

/// The getter of a [`op_define_lazy`] property:
/// `internal.loadInternal(specifier)[name]`. An exception from loading
/// stays pending for the reader.
pub fn lazy_global(
    scope: &mut v8::PinScope,
    name: v8::Local<v8::Name>,
    args: v8::PropertyCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let load = crate::esm::kept_internal(scope).and_then(|(_, internal)| {
        let key = crate::v8_util::v8_str(scope, "loadInternal");
        let load = internal.get(scope, key.into())?;
        Some((internal, v8::Local::<v8::Function>::try_from(load).ok()?))
    });
    let Some((internal, load)) = load else {
        // Read while the bootstrap snapshot is made, before `internal` is
        // kept: a bug in Kode's bootstrap, not a value to cache.
        let message = crate::v8_util::v8_str(
            scope,
            "kode internal error: a lazy global was read during bootstrap",
        );
        let error = v8::Exception::error(scope, message);
        scope.throw_exception(error);
        return;
    };
    let Some(exports) = load.call(scope, internal.into(), &[args.data()]) else {
        return;
    };
    let Ok(exports) = v8::Local::<v8::Object>::try_from(exports) else {
        return;
    };
    if let Some(value) = exports.get(scope, name.into()) {
        rv.set(value);
    }
}
