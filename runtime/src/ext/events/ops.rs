//! The one op of the events area: the clock behind `Event.timeStamp`.

use std::time::Instant;

use crate::error::KodeError;
use crate::ext::args::op;

/// When the isolate was made: the run's time origin (HTML's "time origin"),
/// from which `Event.timeStamp` counts.
struct TimeOrigin(Instant);

pub fn install_time_origin(isolate: &mut v8::Isolate) {
    isolate.set_slot(TimeOrigin(Instant::now()));
}

op! {
    /// `events_now()` → milliseconds since the time origin, with sub-millisecond
    /// precision (a monotonic clock, unlike `Date.now()`).
    fn op_events_now<'s>(scope) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        let origin = scope
            .get_slot::<TimeOrigin>()
            .expect("the events area installs its state with the isolate")
            .0;
        Ok(v8::Number::new(scope, origin.elapsed().as_secs_f64() * 1000.0))
    }
}
