//! Resource limits: `--max-heap-mb` turns heap exhaustion into `EHEAP_LIMIT`
//! instead of a V8 out-of-memory crash; `--max-cpu-ms` bounds a runaway
//! program (`ETIMEOUT`) with `TerminateExecution` from a watchdog thread.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    pub max_heap_mb: Option<u32>,
    pub max_cpu_ms: Option<u64>,
}

const NONE: u8 = 0;
const HEAP: u8 = 1;
const CPU: u8 = 2;

/// Which limit stopped the run, shared with the heap callback and the watchdog.
#[derive(Default)]
pub struct Tripped(AtomicU8);

impl Tripped {
    /// The uncaught error to report when a limit ended the run.
    pub fn report(&self, limits: &Limits) -> Option<String> {
        let (code, what) = match self.0.load(Ordering::SeqCst) {
            HEAP => (
                "EHEAP_LIMIT",
                format!(
                    "the JavaScript heap exceeded its limit of {} MB",
                    limits.max_heap_mb.unwrap_or(0)
                ),
            ),
            CPU => (
                "ETIMEOUT",
                format!(
                    "the program used more than {} ms of CPU time",
                    limits.max_cpu_ms.unwrap_or(0)
                ),
            ),
            _ => return None,
        };
        Some(format!("Uncaught Error: {what} {{\n  code: '{code}'\n}}"))
    }

    fn trip(&self, which: u8) {
        let _ = self
            .0
            .compare_exchange(NONE, which, Ordering::SeqCst, Ordering::SeqCst);
    }
}

pub struct HeapGuard {
    tripped: Arc<Tripped>,
    handle: v8::IsolateHandle,
}

/// Installs the near-heap-limit callback. The returned box must outlive the isolate.
pub fn guard_heap(isolate: &mut v8::Isolate, tripped: Arc<Tripped>) -> Box<HeapGuard> {
    let guard = Box::new(HeapGuard {
        tripped,
        handle: isolate.thread_safe_handle(),
    });
    let data = &*guard as *const HeapGuard as *mut std::ffi::c_void;
    isolate.add_near_heap_limit_callback(near_heap_limit, data);
    guard
}

/// V8 is about to run out of heap: stop the program, and give V8 room to
/// unwind (it would abort the process if the limit stayed where it is).
unsafe extern "C" fn near_heap_limit(
    data: *mut std::ffi::c_void,
    current: usize,
    _initial: usize,
) -> usize {
    // SAFETY: `data` points at the `HeapGuard` boxed by `guard_heap`, alive as long as the isolate.
    let guard = unsafe { &*(data as *const HeapGuard) };
    guard.tripped.trip(HEAP);
    guard.handle.terminate_execution();
    current * 2
}

/// Stops the watchdog when dropped.
pub struct Watchdog {
    done: Arc<AtomicBool>,
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

/// Starts a thread that terminates JS once the process has used `max_ms` of CPU.
pub fn watch_cpu(max_ms: u64, handle: v8::IsolateHandle, tripped: Arc<Tripped>) -> Watchdog {
    let done = Arc::new(AtomicBool::new(false));
    let stop = done.clone();
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            if cpu_time_ms() >= max_ms {
                tripped.trip(CPU);
                handle.terminate_execution();
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
    Watchdog { done }
}

/// CPU time used by the whole process, in milliseconds.
fn cpu_time_ms() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a valid out-pointer.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } != 0 {
        return 0;
    }
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_name_the_limit() {
        let limits = Limits {
            max_heap_mb: Some(64),
            max_cpu_ms: Some(100),
        };
        let tripped = Tripped::default();
        assert_eq!(tripped.report(&limits), None);
        tripped.trip(CPU);
        tripped.trip(HEAP);
        let report = tripped.report(&limits).unwrap();
        assert!(
            report.contains("100 ms of CPU time") && report.contains("ETIMEOUT"),
            "{report}"
        );
    }

    #[test]
    fn cpu_time_advances() {
        let before = cpu_time_ms();
        let mut x = 0u64;
        for i in 0..50_000_000u64 {
            x = x.wrapping_add(i * i);
        }
        assert!(x > 0 && cpu_time_ms() >= before);
    }
}
