//! The process-wide V8 set-up: flags, the platform, and the stack every run
//! gets. A leaf: runs, pack's code caches and tests all start here.

use std::sync::Once;

/// Runs happen on a thread with this much stack so deep but legitimate
/// recursion (a 2000-module require chain) fits.
pub const THREAD_STACK: usize = 64 * 1024 * 1024;

/// Flags are part of the code-cache key: pack and run must set the same ones.
/// The stack limit (KiB) leaves V8 4 MiB short of the thread's stack. No
/// minor-GC task: V8 posts one when the young generation is 80% full, and
/// a program that ends there ran it at exit for nothing (TypeScript's
/// snapshot app: a ~3.5 ms scavenge in 1 start of 2); young collections
/// still happen when the generation is full (HTTP servers measured equal).
pub const V8_FLAGS: &str = "--stack-size=61440 --no-minor-gc-task";

/// Added in `kode pack --snapshot`'s child, before [`init_v8`]: the hash
/// and random seeds an application heap is made with.
pub const SNAPSHOT_MAKER_FLAGS: &str = "--random-seed=1234 --hash-seed=1234";

/// Initialises V8 once per process.
pub fn init_v8() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        v8::V8::set_flags_from_string(V8_FLAGS);
        let platform = v8::new_default_platform(0, false).make_shared();
        v8::V8::initialize_platform(platform);
        v8::V8::initialize();
    });
}
