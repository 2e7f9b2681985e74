//! `node_spawn_sync`: the one blocking call behind `child_process.spawnSync`,
//! `execSync` and `execFileSync`. The JS thread waits for the child, as in
//! Node; stdin gets `input` then EOF, and piped output is collected on
//! helper threads so a child that fills one pipe cannot deadlock the other.

use std::io::{self, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::fs::os_error;
use crate::error::{codes, KodeError};
use crate::ext::args::{op, Bytes};
use crate::ext::subprocess::{ops::strings, signals};
use crate::resources::insert_js;
use crate::value::OpValue;

const SPAWN_SYNC: &str = "child_process.spawnSync";

/// 0 inherit, 1 ignore, 2 pipe (two bits per stream, as for kode:subprocess).
fn stdio(bits: u32) -> Stdio {
    match bits & 3 {
        0 => Stdio::inherit(),
        1 => Stdio::null(),
        _ => Stdio::piped(),
    }
}

/// Reads a pipe to its end on a thread; once past `limit` bytes it stops
/// and raises `over` (the waiter then kills the child).
fn collect(
    pipe: Option<impl Read + Send + 'static>,
    limit: usize,
    over: Arc<AtomicBool>,
) -> Option<std::thread::JoinHandle<Vec<u8>>> {
    let mut pipe = pipe?;
    Some(std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut chunk = [0u8; 65536];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    // The read that crosses the limit is kept whole, as Node keeps it.
                    all.extend_from_slice(&chunk[..n]);
                    if all.len() > limit {
                        over.store(true, Ordering::Relaxed);
                        break;
                    }
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        all
    }))
}

op! {
    /// `node_spawn_sync(argv, cwd, env, stdio, input, timeoutMs, killSignal,
    /// maxBuffer, detached)`: runs the child to its end. Returns `{ pid,
    /// status, signal, stdout, stderr, timedOut, overflowed }`, or `{ code,
    /// errno }` when it could not start (spawnSync reports that in its
    /// result, it does not throw). `env` is the child's whole environment
    /// as `[name, value, ...]`.
    fn op_node_spawn_sync<'s>(
        scope,
        argv: v8::Local<'s, v8::Array>,
        cwd: Option<String>,
        env: v8::Local<'s, v8::Array>,
        stdio_bits: u32,
        input: Option<Bytes>,
        timeout_ms: f64,
        kill_signal: String,
        max_buffer: f64,
        detached: bool,
    ) as "child_process.spawnSync" -> Result<v8::Local<'s, v8::Value>, KodeError> {
        let argv = strings(scope, argv, SPAWN_SYNC)?;
        let env = strings(scope, env, SPAWN_SYNC)?;
        let signo = signals::number(&kill_signal).ok_or_else(|| {
            KodeError::type_error(codes::EINVALID_ARG, format!("unknown signal {kill_signal}")).operation(SPAWN_SYNC)
        })?;
        let mut command = Command::new(&argv[0]);
        command.args(&argv[1..]).env_clear();
        for pair in env.chunks_exact(2) {
            command.env(&pair[0], &pair[1]);
        }
        if let Some(cwd) = cwd {
            command.current_dir(cwd);
        }
        if detached {
            command.process_group(0);
        }
        command.stdin(stdio(stdio_bits)).stdout(stdio(stdio_bits >> 2)).stderr(stdio(stdio_bits >> 4));
        let value = match command.spawn() {
            Err(err) => {
                let err = os_error(&err);
                let errno = err.fields.iter().find(|(name, _)| *name == "errno").map(|(_, v)| v.clone());
                OpValue::Object(vec![
                    ("code", OpValue::text(err.code).unwrap_or(OpValue::Null)),
                    ("errno", OpValue::Number(errno.and_then(|e| e.parse().ok()).unwrap_or(0.0))),
                ])
            }
            Ok(mut child) => {
                let pid = child.id();
                let writer = child.stdin.take().map(|mut pipe| {
                    let input = input.map(|bytes| bytes.0).unwrap_or_default();
                    // A child that exits without reading is not an error (EPIPE).
                    std::thread::spawn(move || drop(pipe.write_all(&input)))
                });
                let over = Arc::new(AtomicBool::new(false));
                let limit = if max_buffer.is_finite() { max_buffer.max(0.0) as usize } else { usize::MAX };
                let out = collect(child.stdout.take(), limit, over.clone());
                let err = collect(child.stderr.take(), limit, over.clone());
                let deadline = (timeout_ms > 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout_ms / 1000.0));
                let mut timed_out = false;
                let mut killed = false;
                let status = loop {
                    match child.try_wait() {
                        Ok(Some(status)) => break Some(status),
                        Ok(None) => {}
                        Err(_) => break None,
                    }
                    let late = deadline.is_some_and(|d| Instant::now() >= d);
                    if !killed && (late || over.load(Ordering::Relaxed)) {
                        timed_out = late;
                        killed = true;
                        // SAFETY: signalling the child we started and have not reaped.
                        unsafe { libc::kill(pid as libc::pid_t, signo) };
                    }
                    std::thread::sleep(Duration::from_millis(2));
                };
                if let Some(writer) = writer {
                    let _ = writer.join();
                }
                let stdout = out.map(|t| t.join().unwrap_or_default());
                let stderr = err.map(|t| t.join().unwrap_or_default());
                let (code, signal) = match status {
                    Some(status) => (
                        status.code().map_or(OpValue::Null, |c| OpValue::Number(c.into())),
                        status.signal().map_or(OpValue::Null, |s| OpValue::text(signals::name(s)).unwrap_or(OpValue::Null)),
                    ),
                    None => (OpValue::Null, OpValue::Null),
                };
                OpValue::Object(vec![
                    ("pid", OpValue::Number(pid.into())),
                    ("status", code),
                    ("signal", signal),
                    ("stdout", stdout.map_or(OpValue::Null, OpValue::Bytes)),
                    ("stderr", stderr.map_or(OpValue::Null, OpValue::Bytes)),
                    ("timedOut", OpValue::Bool(timed_out)),
                    ("overflowed", OpValue::Bool(over.load(Ordering::Relaxed))),
                ])
            }
        };
        Ok(value.into_js(scope, insert_js))
    }
}
