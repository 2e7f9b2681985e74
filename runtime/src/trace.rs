//! `KODE_TRACE=startup`: the time from process start to each start-up phase, on
//! stderr. Off by default, costs one environment lookup. Other topics
//! (`cache`, `builtins`) ask [`enabled`].

use std::sync::OnceLock;
use std::time::Instant;

fn started() -> Option<&'static Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    START
        .get_or_init(|| enabled("startup").then(Instant::now))
        .as_ref()
}

/// Starts the clock (call first thing in `main`).
pub fn begin() {
    let _ = started();
}

pub fn phase(name: &str) {
    if let Some(start) = started() {
        eprintln!(
            "kode: startup {:>8.3} ms  {name}",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Whether `KODE_TRACE` (comma-separated topics) names `topic`.
pub fn enabled(topic: &str) -> bool {
    static TOPICS: OnceLock<String> = OnceLock::new();
    TOPICS
        .get_or_init(|| std::env::var("KODE_TRACE").unwrap_or_default())
        .split(',')
        .any(|t| t == topic)
}
