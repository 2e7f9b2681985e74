//! Resource limits.
//!
//! `--max-heap-mb N` bounds the JavaScript heap (V8's old-generation limit)
//! and, through [`HeapGuard`]'s `ArrayBuffer` allocator, the memory behind
//! `ArrayBuffer`s and typed arrays: a backing store that would take the heap
//! (as measured after the last GC) plus all live backing stores past N MB is
//! refused. When either runs out, V8's near-heap-limit callback (V8 also calls
//! it from the last-resort GC of a refused `ArrayBuffer`) marks the run as
//! tripped, terminates JavaScript (uncatchable: no `catch` or `finally` runs)
//! and raises the heap limit once, to [`HEADROOM`] past the heap's size, so
//! V8 can unwind. If the
//! program is still allocating past that (a long builtin that does not check
//! for interrupts), the second call ends the process with the same report.
//!
//! `--max-cpu-ms N` starts a watchdog thread that terminates JavaScript once
//! the process has used N ms of CPU time (`ETIMEOUT`).
//!
//! Termination takes effect at V8's next interrupt check (a function entry or
//! a loop back-edge). A builtin such as `Array.prototype.fill` over 2e8
//! elements checks none until it returns, so every trip also arms a backstop:
//! if the run has not reported the error [`GRACE`] after the trip, the
//! backstop prints it and ends the process (exit 1).

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a tripped limit may take to end the run before the backstop does.
pub const GRACE: Duration = Duration::from_millis(500);

/// How far the heap limit is raised, once, so that V8 can unwind after a trip.
pub const HEADROOM: usize = 16 * 1024 * 1024;

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
pub struct Tripped {
    which: AtomicU8,
    /// Whether the report was printed; held while printing, so it prints once.
    reported: Mutex<bool>,
}

impl Tripped {
    /// The uncaught error to report when a limit ended the run.
    pub fn report(&self, limits: &Limits) -> Option<String> {
        let (code, what) = match self.which.load(Ordering::SeqCst) {
            HEAP => (
                crate::error::codes::EHEAP_LIMIT,
                format!(
                    "the JavaScript heap exceeded its limit of {} MB",
                    limits.max_heap_mb.unwrap_or(0)
                ),
            ),
            CPU => (
                crate::error::codes::ETIMEOUT,
                format!(
                    "the program used more than {} ms of CPU time",
                    limits.max_cpu_ms.unwrap_or(0)
                ),
            ),
            _ => return None,
        };
        Some(format!("Uncaught Error: {what} {{\n  code: '{code}'\n}}"))
    }

    /// Prints the report if a limit tripped (once per run, whichever thread
    /// gets there first) and says whether one did.
    pub fn print_report(&self, limits: &Limits) -> bool {
        let Some(report) = self.report(limits) else {
            return false;
        };
        let mut reported = self.reported.lock().unwrap_or_else(|e| e.into_inner());
        if !*reported {
            use std::io::Write;
            let _ = std::io::stdout().flush();
            write_stderr(&report);
            *reported = true;
        }
        true
    }

    /// Marks the run as stopped by `which`; true for the first trip only.
    fn trip(&self, which: u8) -> bool {
        self.which
            .compare_exchange(NONE, which, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    /// Ends the process with the report (exit 1), unless the run already
    /// printed it (it is then on its way out). `flush_stdout` only on the JS
    /// thread: elsewhere the stdout lock may be held by a blocked write.
    fn exit_now(&self, limits: &Limits, flush_stdout: bool) {
        let mut reported = self.reported.lock().unwrap_or_else(|e| e.into_inner());
        if *reported {
            return;
        }
        if flush_stdout {
            use std::io::Write;
            let _ = std::io::stdout().flush();
        }
        if let Some(report) = self.report(limits) {
            write_stderr(&report);
        }
        *reported = true;
        // SAFETY: ends the process without running anything else; the lock
        // stays held so no other thread prints a second report.
        unsafe { libc::_exit(1) }
    }

    /// Trips `which` and, on the first trip, arms the backstop thread.
    fn trip_and_arm(self: &Arc<Self>, which: u8, limits: Limits) {
        if !self.trip(which) {
            return;
        }
        let tripped = self.clone();
        // Without the thread the trip still ends the run, just not bounded in time.
        let _ = std::thread::Builder::new()
            .name("kode-limit-backstop".into())
            .spawn(move || {
                std::thread::sleep(GRACE);
                tripped.exit_now(&limits, false);
            });
    }
}

/// One `write(2)` loop on fd 2, without the `Stderr` lock.
fn write_stderr(report: &str) {
    let text = format!("{report}\n");
    let mut bytes = text.as_bytes();
    while !bytes.is_empty() {
        // SAFETY: a valid buffer of `bytes.len()` bytes.
        let n = unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

/// The bytes `ArrayBuffer` backing stores may use: the limit minus the JS
/// heap measured after the last GC.
pub struct Budget {
    limit: usize,
    buffers: AtomicUsize,
    heap_used: AtomicUsize,
}

impl Budget {
    pub fn new(max_heap_mb: u32) -> Arc<Self> {
        Arc::new(Budget {
            limit: max_heap_mb as usize * 1024 * 1024,
            buffers: AtomicUsize::new(0),
            heap_used: AtomicUsize::new(0),
        })
    }

    fn reserve(&self, len: usize) -> bool {
        let heap = self.heap_used.load(Ordering::Relaxed);
        self.buffers
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                let total = used.checked_add(len)?;
                (total.saturating_add(heap) <= self.limit).then_some(total)
            })
            .is_ok()
    }

    fn release(&self, len: usize) {
        self.buffers.fetch_sub(len, Ordering::SeqCst);
    }
}

unsafe extern "C" fn buffer_allocate(budget: &Budget, len: usize) -> *mut std::ffi::c_void {
    if !budget.reserve(len) {
        return std::ptr::null_mut();
    }
    // SAFETY: plain calloc; V8 frees it through `buffer_free` with the same length.
    let data = unsafe { libc::calloc(len.max(1), 1) };
    if data.is_null() {
        budget.release(len);
    }
    data
}

unsafe extern "C" fn buffer_allocate_uninitialized(
    budget: &Budget,
    len: usize,
) -> *mut std::ffi::c_void {
    if !budget.reserve(len) {
        return std::ptr::null_mut();
    }
    // SAFETY: plain malloc; V8 frees it through `buffer_free` with the same length.
    let data = unsafe { libc::malloc(len.max(1)) };
    if data.is_null() {
        budget.release(len);
    }
    data
}

unsafe extern "C" fn buffer_free(budget: &Budget, data: *mut std::ffi::c_void, len: usize) {
    // SAFETY: `data` came from `buffer_allocate*` (malloc/calloc).
    unsafe { libc::free(data) };
    budget.release(len);
}

unsafe extern "C" fn buffer_drop(budget: *const Budget) {
    // SAFETY: the pointer is the `Arc::into_raw` of `buffer_allocator`.
    drop(unsafe { Arc::from_raw(budget) });
}

static BUFFER_VTABLE: v8::RustAllocatorVtable<Budget> = v8::RustAllocatorVtable {
    allocate: buffer_allocate,
    allocate_uninitialized: buffer_allocate_uninitialized,
    free: buffer_free,
    drop: buffer_drop,
};

/// An `ArrayBuffer` allocator that refuses what does not fit `budget`. V8
/// then collects garbage and retries, and finally calls the near-heap-limit
/// callback from its last-resort GC: the run ends with `EHEAP_LIMIT`.
pub fn buffer_allocator(budget: Arc<Budget>) -> v8::UniqueRef<v8::Allocator> {
    // SAFETY: the handle is an `Arc<Budget>` released by `buffer_drop`, and
    // the vtable's functions take exactly that handle.
    unsafe { v8::new_rust_allocator(Arc::into_raw(budget), &BUFFER_VTABLE) }
}

pub struct HeapGuard {
    tripped: Arc<Tripped>,
    limits: Limits,
    handle: v8::IsolateHandle,
    budget: Arc<Budget>,
    /// Set by the first near-heap-limit call, the only one that raises the limit.
    raised: AtomicBool,
}

/// For the OOM handler, which gets no data pointer: the run's trip state.
static OOM_GUARD: std::sync::OnceLock<(Arc<Tripped>, Limits)> = std::sync::OnceLock::new();

/// Installs the near-heap-limit callback, the GC hook that measures the heap
/// for `budget`, and an OOM handler that reports `EHEAP_LIMIT` should V8 run
/// out of memory anyway. The returned box must outlive the isolate.
pub fn guard_heap(
    isolate: &mut v8::Isolate,
    tripped: Arc<Tripped>,
    limits: Limits,
    budget: Arc<Budget>,
) -> Box<HeapGuard> {
    let _ = OOM_GUARD.set((tripped.clone(), limits));
    let guard = Box::new(HeapGuard {
        tripped,
        limits,
        handle: isolate.thread_safe_handle(),
        budget,
        raised: AtomicBool::new(false),
    });
    let data = &*guard as *const HeapGuard as *mut std::ffi::c_void;
    isolate.add_near_heap_limit_callback(near_heap_limit, data);
    isolate.add_gc_epilogue_callback(after_gc, data, v8::GCType::kGCTypeAll);
    isolate.set_oom_error_handler(out_of_memory);
    guard
}

/// V8 is about to run out of heap (or could not fit an `ArrayBuffer`): stop
/// the program. The first call raises the limit to `HEADROOM` past the limit
/// or the heap's size after the last GC, whichever is larger, so V8 can
/// unwind; a second one means the program kept allocating while terminating,
/// and ends the process.
unsafe extern "C" fn near_heap_limit(
    data: *mut std::ffi::c_void,
    current: usize,
    _initial: usize,
) -> usize {
    // SAFETY: `data` points at the `HeapGuard` boxed by `guard_heap`, alive as long as the isolate.
    let guard = unsafe { &*(data as *const HeapGuard) };
    guard.tripped.trip_and_arm(HEAP, guard.limits);
    guard.handle.terminate_execution();
    if guard.raised.swap(true, Ordering::SeqCst) {
        // Called on the JS thread (inside a GC), so stdout can be flushed.
        guard.tripped.exit_now(&guard.limits, true);
        return current;
    }
    // The heap may already be past the limit (one large allocation): the
    // headroom counts from whichever is larger.
    let used = guard.budget.heap_used.load(Ordering::Relaxed);
    current.max(used).saturating_add(HEADROOM)
}

unsafe extern "C" fn after_gc(
    isolate: v8::UnsafeRawIsolatePtr,
    _type: v8::GCType,
    _flags: v8::GCCallbackFlags,
    data: *mut std::ffi::c_void,
) {
    // SAFETY: `data` is the `HeapGuard` (see `near_heap_limit`); the isolate
    // pointer is the isolate being collected, on its own thread.
    let guard = unsafe { &*(data as *const HeapGuard) };
    let mut isolate = unsafe { v8::Isolate::from_raw_isolate_ptr(isolate) };
    let used = isolate.get_heap_statistics().used_heap_size();
    guard.budget.heap_used.store(used, Ordering::Relaxed);
}

/// V8 gave up (an allocation larger than the headroom, for instance): report
/// the limit instead of V8's crash. V8 has printed its GC trace by now.
unsafe extern "C" fn out_of_memory(_location: *const std::ffi::c_char, _details: &v8::OomDetails) {
    if let Some((tripped, limits)) = OOM_GUARD.get() {
        tripped.trip(HEAP);
        tripped.exit_now(limits, true);
    }
    // SAFETY: V8 must not continue after an OOM; end the process.
    unsafe { libc::_exit(1) }
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

/// Starts a thread that terminates JS once the process has used `max_ms` of
/// CPU; the backstop then bounds a long builtin to `GRACE` more.
pub fn watch_cpu(limits: Limits, handle: v8::IsolateHandle, tripped: Arc<Tripped>) -> Watchdog {
    let max_ms = limits.max_cpu_ms.unwrap_or(u64::MAX);
    let done = Arc::new(AtomicBool::new(false));
    let stop = done.clone();
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            if cpu_time_ms() >= max_ms {
                tripped.trip_and_arm(CPU, limits);
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
        assert!(tripped.trip(CPU));
        assert!(!tripped.trip(HEAP));
        let report = tripped.report(&limits).unwrap();
        assert!(
            report.contains("100 ms of CPU time") && report.contains("ETIMEOUT"),
            "{report}"
        );
    }

    #[test]
    fn budget_counts_buffers_and_heap() {
        let budget = Budget::new(1);
        assert!(budget.reserve(600 * 1024));
        assert!(!budget.reserve(600 * 1024), "two buffers past 1 MB");
        budget.release(600 * 1024);
        budget.heap_used.store(700 * 1024, Ordering::Relaxed);
        assert!(!budget.reserve(600 * 1024), "heap plus buffer past 1 MB");
        assert!(budget.reserve(300 * 1024));
        assert!(!budget.reserve(usize::MAX), "no overflow");
    }

    /// This thread's own CPU time in milliseconds: a clock independent of
    /// the one under test.
    fn thread_cpu_ms() -> u64 {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid clock id and a valid out-pointer.
        assert_eq!(
            unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) },
            0
        );
        ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
    }

    #[test]
    fn cpu_time_counts_every_thread_in_milliseconds() {
        const SPIN_MS: u64 = 50;
        let before = cpu_time_ms();
        // Another thread burns SPIN_MS of its own CPU time while this one
        // waits: the process's CPU time must grow by at least that much (a
        // clock of the calling thread only, or a broken one, stays behind).
        std::thread::spawn(|| {
            let start = thread_cpu_ms();
            let mut x = 0u64;
            while thread_cpu_ms() - start < SPIN_MS {
                x = std::hint::black_box(x.wrapping_add(1));
            }
        })
        .join()
        .unwrap();
        let spent = cpu_time_ms() - before;
        // Whole milliseconds on both clocks: allow 1 ms of truncation.
        assert!(spent + 1 >= SPIN_MS, "{spent} ms of process CPU time");
        // Microseconds or nanoseconds would read 1000x too much. (Other
        // tests run beside this one, so the bound is loose: they cannot use
        // 20 s of CPU time while one thread spins for 50 ms.)
        assert!(spent < 20_000, "{spent} ms of process CPU time");
    }
}
