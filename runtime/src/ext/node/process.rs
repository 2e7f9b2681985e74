//! The ops behind `node:process`: facts about the process, Node's tick
//! queue and exit events (hooks the event loop calls), signals, clocks.

use std::sync::OnceLock;
use std::time::Instant;

use tokio::signal::unix::{signal, SignalKind};

use crate::error::{codes, io_code, KodeError};
use crate::ext::args::op;
use crate::state::state;
use crate::v8_util::{set_property, v8_str};
use crate::value::OpValue;

/// When the process started, as `process.hrtime` and `uptime` count.
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// Node's name for the CPU Kode was built for.
fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        "powerpc64" => "ppc64",
        other => other,
    }
}

fn os_error(err: &std::io::Error, operation: &'static str) -> KodeError {
    let code = io_code(err);
    let detail = kode_pack::fs::io_detail(err);
    KodeError::new(code, format!("{code}: {detail}, {operation}")).operation(operation)
}

op! {
    /// `node_process_info()` → `{ arch, platform, pid, ppid, execPath, uid,
    /// gid, euid, egid, v8, kode }`: what does not change while Kode runs.
    fn op_node_process_info<'s>(scope) -> Result<v8::Local<'s, v8::Object>, KodeError> {
        origin();
        let info = v8::Object::new(scope);
        let text = |scope: &mut v8::PinScope<'s, '_>, value: &str| v8_str(scope, value).into();
        let exec_path = std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (key, value) in [
            ("arch", node_arch().to_string()),
            ("platform", std::env::consts::OS.to_string()),
            ("execPath", exec_path),
            ("v8", v8::V8::get_version().to_string()),
            ("kode", env!("CARGO_PKG_VERSION").to_string()),
        ] {
            let value = text(scope, &value);
            set_property(scope, info, key, value);
        }
        // SAFETY: these calls only read process attributes.
        let ids = unsafe {
            [
                ("pid", libc::getpid() as f64),
                ("ppid", libc::getppid() as f64),
                ("uid", libc::getuid() as f64),
                ("gid", libc::getgid() as f64),
                ("euid", libc::geteuid() as f64),
                ("egid", libc::getegid() as f64),
            ]
        };
        for (key, value) in ids {
            let value = v8::Number::new(scope, value).into();
            set_property(scope, info, key, value);
        }
        Ok(info)
    }
}

op! {
    /// `node_getgroups()` → the supplementary group ids, then the effective
    /// group id if it is not among them (as Node's `process.getgroups`).
    fn op_node_getgroups<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        // SAFETY: getgroups(0, null) only counts; the second call fills a
        // buffer of exactly that many entries.
        let mut groups = unsafe {
            let count = libc::getgroups(0, std::ptr::null_mut()).max(0) as usize;
            let mut groups = vec![0 as libc::gid_t; count];
            let got = libc::getgroups(count as libc::c_int, groups.as_mut_ptr()).max(0) as usize;
            groups.truncate(got);
            groups
        };
        // SAFETY: getegid has no memory effects.
        let egid = unsafe { libc::getegid() };
        if !groups.contains(&egid) {
            groups.push(egid);
        }
        let values: Vec<_> = groups
            .into_iter()
            .map(|g| v8::Number::new(scope, g as f64).into())
            .collect();
        Ok(v8::Array::new_with_elements(scope, &values))
    }
}

op! {
    /// `node_hooks(runTicks, exit)`: the functions the event loop calls to
    /// drain `process.nextTick`'s queue before each microtask checkpoint,
    /// and to emit `beforeExit`/`exit` (`exit(kind, code)` → the exit code).
    fn op_node_hooks<'s>(scope, ticks: v8::Local<'s, v8::Function>, exit: v8::Local<'s, v8::Function>)
        -> Result<(), KodeError>
    {
        let ticks = v8::Global::new(scope, ticks);
        let exit = v8::Global::new(scope, exit);
        let state = state(scope);
        let mut state = state.borrow_mut();
        state.node.run_ticks = Some(ticks);
        state.node.exit = Some(exit);
        Ok(())
    }
}

op! {
    /// `node_tick()`: the tick queue is no longer empty.
    fn op_node_tick<'s>(scope) -> Result<(), KodeError> {
        state(scope).borrow_mut().node.ticks_pending = true;
        Ok(())
    }
}

op! {
    /// `node_chdir(path)`: the working directory of the whole process.
    fn op_node_chdir<'s>(scope, path: String) as "process.chdir" -> Result<(), KodeError> {
        std::env::set_current_dir(&path).map_err(|err| {
            os_error(&err, "process.chdir").path(std::path::Path::new(&path))
        })
    }
}

op! {
    /// `node_hrtime()` → nanoseconds since the process started (monotonic).
    fn op_node_hrtime<'s>(scope) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        Ok(v8::Number::new(scope, origin().elapsed().as_nanos() as f64))
    }
}

op! {
    /// `node_memory()` → `[rss, heapTotal, heapUsed, external]` in bytes.
    fn op_node_memory<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let stats = scope.get_heap_statistics();
        // Resident pages from /proc (Linux); 0 where it cannot be read.
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
            // SAFETY: sysconf only reads a system constant.
            .map_or(0.0, |pages| pages * unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as f64);
        let values = [
            rss,
            stats.total_heap_size() as f64,
            stats.used_heap_size() as f64,
            stats.external_memory() as f64,
        ]
        .map(|n| v8::Number::new(scope, n).into());
        Ok(v8::Array::new_with_elements(scope, &values))
    }
}

op! {
    /// `node_cpu_usage()` → `[user, system]` CPU time in microseconds.
    fn op_node_cpu_usage<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        // SAFETY: getrusage writes into the zeroed struct it is given.
        let usage = unsafe {
            let mut usage: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_SELF, &mut usage);
            usage
        };
        let micros = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
        let values = [micros(usage.ru_utime), micros(usage.ru_stime)]
            .map(|n| v8::Number::new(scope, n).into());
        Ok(v8::Array::new_with_elements(scope, &values))
    }
}

op! {
    /// `node_kill(pid, signo)`: sends a signal (0 checks the process exists).
    fn op_node_kill<'s>(scope, pid: i32, signo: i32) as "process.kill" -> Result<(), KodeError> {
        // SAFETY: kill has no memory effects.
        match unsafe { libc::kill(pid, signo) } {
            0 => Ok(()),
            _ => Err(os_error(&std::io::Error::last_os_error(), "process.kill")),
        }
    }
}

op! {
    /// `node_umask(mask)` → the previous mask; a negative `mask` only reads it.
    fn op_node_umask<'s>(scope, mask: i32) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        // SAFETY: umask has no memory effects; reading it means setting it back.
        let old = unsafe {
            if mask < 0 {
                let old = libc::umask(0);
                libc::umask(old);
                old
            } else {
                libc::umask(mask as libc::mode_t)
            }
        };
        Ok(v8::Number::new(scope, old as f64))
    }
}

op! {
    /// `node_signal(opId, signo)`: op `opId` resolves when the process next
    /// receives signal `signo` (JS listens again for the one after). Once
    /// listened to, the signal no longer has its default action: node:process
    /// ends the process itself when no listener is left. Keeps nothing alive.
    fn op_node_signal<'s>(scope, id: u64, signo: i32) as "process.on" -> Result<(), KodeError> {
        let state = state(scope);
        let mut state = state.borrow_mut();
        let mut stream = {
            let _runtime = state.tasks.enter().map_err(|err| err.operation("process.on"))?;
            signal(SignalKind::from_raw(signo)).map_err(|err| os_error(&err, "process.on"))?
        };
        state.tasks.spawn_unref(id, async move {
            match stream.recv().await {
                Some(()) => Ok(OpValue::Number(signo.into())),
                None => Err(KodeError::new(codes::EIO, "the signal driver stopped").operation("process.on")),
            }
        });
        Ok(())
    }
}
