//! The ops behind `kode:subprocess`.

use std::time::Duration;

use super::child::{self, SpawnOptions, StdioMode, Subprocess, SPAWN};
use super::pipes::{Input, Output};
use super::signals;
use crate::error::{codes, KodeError};
use crate::ext::args::op;
use crate::resources::table;
use crate::state::state;

const KILL: &str = "kode:subprocess.kill";

/// The strings of a JavaScript array the caller's JS has checked
/// (`operation` names the call in the error for anything else).
pub(crate) fn strings(
    scope: &mut v8::PinScope,
    array: v8::Local<v8::Array>,
    operation: &'static str,
) -> Result<Vec<String>, KodeError> {
    (0..array.length())
        .map(|i| {
            array
                .get_index(scope, i)
                .filter(|value| value.is_string())
                .map(|value| value.to_rust_string_lossy(scope))
                .ok_or_else(|| {
                    KodeError::type_error(codes::EINVALID_ARG, "expected an array of strings")
                        .operation(operation)
                })
        })
        .collect()
}

op! {
    /// `subprocess_spawn(argv, cwd, env, clearEnv, stdio, detached)` starts
    /// `argv[0]` with the rest as arguments; `env` is `[name, value, ...]`
    /// added to (or, with `clearEnv`, instead of) Kode's environment; `stdio`
    /// packs two bits per stream (stdin, stdout << 2, stderr << 4: 0
    /// inherit, 1 null, 2 pipe). Returns `[rid, pid, stdinRid, stdoutRid,
    /// stderrRid]`, a pipe not asked for being `null`.
    fn op_subprocess_spawn<'s>(
        scope,
        argv: v8::Local<'s, v8::Array>,
        cwd: Option<String>,
        env: v8::Local<'s, v8::Array>,
        clear_env: bool,
        stdio: u32,
        detached: bool,
    ) as "kode:subprocess.spawn" -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let argv = strings(scope, argv, SPAWN)?;
        let env = strings(scope, env, SPAWN)?;
        let env = env.chunks_exact(2).map(|pair| (pair[0].clone(), pair[1].clone())).collect();
        let options = SpawnOptions {
            argv,
            cwd: cwd.map(Into::into),
            env,
            clear_env,
            stdio: [0, 2, 4].map(|shift| StdioMode::from_bits(stdio >> shift)),
            detached,
        };
        let state = state(scope);
        let mut state = state.borrow_mut();
        // The reaper and the pipes are tasks on the runtime, started now.
        let _runtime = state.tasks.enter().map_err(|err| err.operation(SPAWN))?;
        let spawned = child::spawn(options)?;
        let child::Spawned { child, pid, stdin, stdout, stderr } = spawned;
        let ids = {
            let table = table(scope);
            let mut table = table.borrow_mut();
            // The child first: at exit it is killed before its pipes close.
            let rid = table.insert(Box::new(child));
            let stdin = stdin.map(|pipe| table.insert(Box::new(Input::start(pipe, pid))));
            let stdout = stdout.map(|pipe| table.insert(Box::new(Output::start(pipe, "stdout", pid))));
            let stderr = stderr.map(|pipe| table.insert(Box::new(Output::start(pipe, "stderr", pid))));
            [Some(rid), Some(u64::from(pid)), stdin, stdout, stderr]
        };
        drop(_runtime);
        drop(state);
        let items: Vec<v8::Local<v8::Value>> = ids
            .iter()
            .map(|id| match id {
                Some(id) => v8::Number::new(scope, *id as f64).into(),
                None => v8::null(scope).into(),
            })
            .collect();
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}

op! {
    /// `subprocess_wait(opId, rid)`: op `opId` resolves with `{ code,
    /// signal }` once child `rid` has ended. It keeps the run alive unless
    /// the child is detached.
    fn op_subprocess_wait<'s>(scope, id: u64, rid: u64) -> Result<(), KodeError> {
        let (wait, detached) = {
            let table = table(scope);
            let table = table.borrow();
            let child = table.get::<Subprocess>(rid).ok_or_else(|| {
                KodeError::new(codes::ECLOSED, format!("resource {rid} is not a child process")).operation(SPAWN)
            })?;
            (child.wait(), child.detached())
        };
        let state = state(scope);
        let mut state = state.borrow_mut();
        if detached {
            state.tasks.spawn_unref(id, wait);
        } else {
            state.tasks.spawn(id, wait);
        }
        Ok(())
    }
}

/// A signal given by name (`"SIGTERM"`) or number (15); `EINVALID_ARG` for any other.
fn signal_number(
    scope: &mut v8::PinScope,
    value: v8::Local<v8::Value>,
) -> Result<libc::c_int, KodeError> {
    let known = if value.is_string() {
        signals::number(&value.to_rust_string_lossy(scope))
    } else if value.is_number() {
        let n = value.number_value(scope).unwrap_or(f64::NAN);
        let signo = n as libc::c_int;
        (f64::from(signo) == n && signals::is_known(signo)).then_some(signo)
    } else {
        None
    };
    known.ok_or_else(|| {
        let shown = value.to_rust_string_lossy(scope);
        KodeError::type_error(
            codes::EINVALID_ARG,
            format!(
                "{KILL}: unknown signal {shown:?} (use a name such as \"SIGTERM\" or its number)"
            ),
        )
        .operation(KILL)
    })
}

op! {
    /// `subprocess_kill(rid, signal)`: sends `signal` (a name or a number)
    /// to child `rid`; nothing once it has ended. An unknown signal throws
    /// `EINVALID_ARG`.
    fn op_subprocess_kill<'s>(scope, rid: u64, signal: v8::Local<'s, v8::Value>) -> Result<(), KodeError> {
        let signo = signal_number(scope, signal)?;
        if let Some(child) = table(scope).borrow().get::<Subprocess>(rid) {
            child.kill(signo);
        }
        Ok(())
    }
}

op! {
    /// `subprocess_terminate(rid, graceMs)`: `SIGTERM` to child `rid` now,
    /// `SIGKILL` after `graceMs` if it is still running.
    fn op_subprocess_terminate<'s>(scope, rid: u64, grace_ms: f64) -> Result<(), KodeError> {
        let grace = Duration::from_secs_f64(grace_ms.clamp(0.0, 1e12) / 1000.0);
        if let Some(child) = table(scope).borrow().get::<Subprocess>(rid) {
            child.terminate(grace);
        }
        Ok(())
    }
}
