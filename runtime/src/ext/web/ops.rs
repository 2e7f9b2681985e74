//! Ops of the web area: the wall-clock time of the run's time origin
//! (`performance.timeOrigin`) and the facts `navigator` reports.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::KodeError;
use crate::ext::args::op;

/// Milliseconds since the Unix epoch when the isolate was made. Installed
/// after the events area's monotonic origin (`events_now` counts from
/// it), so the two name the same moment to within microseconds.
struct WallOrigin(f64);

pub fn install_wall_origin(isolate: &mut v8::Isolate) {
    // A clock set before 1970 reads as the epoch itself.
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    isolate.set_slot(WallOrigin(since_epoch.as_secs_f64() * 1000.0));
}

op! {
    /// `web_time_origin()` → the time origin in milliseconds since the Unix
    /// epoch, with sub-millisecond precision.
    fn op_web_time_origin<'s>(scope) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        let origin = scope
            .get_slot::<WallOrigin>()
            .expect("the web area installs its state with the isolate")
            .0;
        Ok(v8::Number::new(scope, origin))
    }
}

/// `navigator.userAgent`: `Kode/<version of this crate>`.
fn user_agent() -> String {
    format!("Kode/{}", env!("CARGO_PKG_VERSION"))
}

/// `navigator.hardwareConcurrency`: the parallelism the OS grants this
/// process (affinity and cgroup quotas included), at least 1.
fn hardware_concurrency() -> u32 {
    std::thread::available_parallelism()
        .map(|n| u32::try_from(n.get()).unwrap_or(u32::MAX))
        .unwrap_or(1)
}

op! {
    /// `web_navigator()` → `[userAgent, hardwareConcurrency]`.
    fn op_web_navigator<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let agent = crate::v8_util::v8_str(scope, &user_agent()).into();
        let cores = v8::Integer::new_from_unsigned(scope, hardware_concurrency()).into();
        Ok(v8::Array::new_with_elements(scope, &[agent, cores]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_kode_and_its_version() {
        let agent = user_agent();
        let version = agent.strip_prefix("Kode/").expect("starts with Kode/");
        assert_eq!(version.split('.').count(), 3, "{agent}");
    }

    #[test]
    fn hardware_concurrency_is_at_least_one() {
        assert!(hardware_concurrency() >= 1);
    }
}
