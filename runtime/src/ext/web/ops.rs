//! The op of the web area: the wall-clock time of the run's time origin
//! (`performance.timeOrigin`).

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
