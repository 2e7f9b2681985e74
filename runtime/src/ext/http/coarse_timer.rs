//! hyper's timer for `Kode.serve`'s HTTP/1 connections, whose one use is
//! the header read timeout (30 s from the start of each request head).
//!
//! Tokio's own timer wakes its driver with an `eventfd` write whenever a new
//! deadline is registered: one syscall per request on a keep-alive
//! connection, about a tenth of a busy server's work. Here a deadline is
//! an entry in a list that one task checks every [`TICK`]: registering is
//! a push, and a timeout fires up to one tick late, which a 30-second guard
//! against slow clients does not mind. The ticking task runs only while
//! some sleep is waiting.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

/// How often waiting deadlines are checked.
const TICK: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct CoarseTimer {
    wheel: Arc<Mutex<Wheel>>,
    tick: Duration,
}

#[derive(Default)]
struct Wheel {
    /// Waiting sleeps (dropped ones are pruned at the next tick).
    sleeps: Vec<Weak<Entry>>,
    ticking: bool,
}

struct Entry(Mutex<EntryState>);

struct EntryState {
    deadline: Instant,
    waker: Option<Waker>,
    /// In the wheel's list (a sleep that fired, or was never polled, is not).
    listed: bool,
}

struct CoarseSleep {
    entry: Arc<Entry>,
    timer: CoarseTimer,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding these locks leaves plain data behind.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl CoarseTimer {
    pub fn new() -> Self {
        Self::with_tick(TICK)
    }

    fn with_tick(tick: Duration) -> Self {
        CoarseTimer {
            wheel: Arc::default(),
            tick,
        }
    }

    /// Puts `entry` in the list unless it is there, and starts the ticking
    /// task if it is idle. Called from a poll, so inside the runtime;
    /// outside one (never, from hyper) the sleep stays unlisted and cannot
    /// fire. The wheel is locked before the entry, as in [`Self::wake_due`].
    fn list(&self, entry: &Arc<Entry>) {
        let mut wheel = lock(&self.wheel);
        let mut state = lock(&entry.0);
        if state.listed {
            return;
        }
        if !wheel.ticking {
            let Ok(runtime) = tokio::runtime::Handle::try_current() else {
                return;
            };
            wheel.ticking = true;
            runtime.spawn(self.clone().ticks());
        }
        wheel.sleeps.push(Arc::downgrade(entry));
        state.listed = true;
    }

    async fn ticks(self) {
        loop {
            tokio::time::sleep(self.tick).await;
            if !self.wake_due(Instant::now()) {
                return;
            }
        }
    }

    /// Wakes and unlists every sleep due at `now`, prunes dropped ones;
    /// false (and the ticking stops) once nothing is waiting.
    fn wake_due(&self, now: Instant) -> bool {
        let mut due = Vec::new();
        let waiting = {
            let mut wheel = lock(&self.wheel);
            wheel.sleeps.retain(|weak| {
                let Some(entry) = weak.upgrade() else {
                    return false;
                };
                let mut state = lock(&entry.0);
                if state.deadline > now {
                    return true;
                }
                state.listed = false;
                due.extend(state.waker.take());
                false
            });
            wheel.ticking = !wheel.sleeps.is_empty();
            wheel.ticking
        };
        for waker in due {
            waker.wake();
        }
        waiting
    }
}

impl hyper::rt::Timer for CoarseTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn hyper::rt::Sleep>> {
        self.sleep_until(Instant::now() + duration)
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn hyper::rt::Sleep>> {
        let entry = Entry(Mutex::new(EntryState {
            deadline,
            waker: None,
            listed: false,
        }));
        Box::pin(CoarseSleep {
            entry: Arc::new(entry),
            timer: self.clone(),
        })
    }

    fn reset(&self, sleep: &mut Pin<Box<dyn hyper::rt::Sleep>>, new_deadline: Instant) {
        match sleep.as_mut().downcast_mut_pin::<CoarseSleep>() {
            Some(coarse) => lock(&coarse.entry.0).deadline = new_deadline,
            None => *sleep = self.sleep_until(new_deadline),
        }
    }
}

impl Future for CoarseSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        {
            let mut state = lock(&this.entry.0);
            if state.deadline <= Instant::now() {
                return Poll::Ready(());
            }
            match &state.waker {
                Some(waker) if waker.will_wake(cx.waker()) => {}
                _ => state.waker = Some(cx.waker().clone()),
            }
        }
        this.timer.list(&this.entry);
        Poll::Pending
    }
}

impl hyper::rt::Sleep for CoarseSleep {}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::rt::Timer;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn a_sleep_fires_once_its_deadline_passed() {
        let timer = CoarseTimer::with_tick(Duration::from_millis(5));
        runtime().block_on(async {
            let sleep = timer.sleep(Duration::from_millis(10));
            // Bounded: a sleep that never fires fails instead of hanging.
            let fired = tokio::time::timeout(Duration::from_secs(30), sleep).await;
            assert!(fired.is_ok());
        });
        // Nothing waits any more: the ticking task stopped.
        assert!(!lock(&timer.wheel).ticking);
    }

    #[test]
    fn a_reset_to_a_passed_deadline_is_ready_at_once() {
        let timer = CoarseTimer::new();
        runtime().block_on(async {
            let mut sleep = timer.sleep(Duration::from_secs(3600));
            let mut cx = Context::from_waker(Waker::noop());
            assert!(sleep.as_mut().poll(&mut cx).is_pending());
            timer.reset(&mut sleep, Instant::now() - Duration::from_millis(1));
            assert!(sleep.as_mut().poll(&mut cx).is_ready());
        });
    }

    #[test]
    fn dropped_sleeps_are_pruned_and_the_ticking_stops() {
        let timer = CoarseTimer::new();
        runtime().block_on(async {
            let mut cx = Context::from_waker(Waker::noop());
            for _ in 0..3 {
                let mut sleep = timer.sleep(Duration::from_secs(3600));
                assert!(sleep.as_mut().poll(&mut cx).is_pending());
            }
            assert_eq!(lock(&timer.wheel).sleeps.len(), 3);
            let mut kept = timer.sleep(Duration::from_secs(3600));
            assert!(kept.as_mut().poll(&mut cx).is_pending());
            assert!(timer.wake_due(Instant::now()));
            assert_eq!(lock(&timer.wheel).sleeps.len(), 1);
            drop(kept);
            assert!(!timer.wake_due(Instant::now()));
            assert!(!lock(&timer.wheel).ticking);
        });
    }

    #[test]
    fn a_due_sleep_is_woken_and_unlisted() {
        let timer = CoarseTimer::new();
        runtime().block_on(async {
            let mut cx = Context::from_waker(Waker::noop());
            let mut sleep = timer.sleep(Duration::from_secs(60));
            assert!(sleep.as_mut().poll(&mut cx).is_pending());
            assert!(!timer.wake_due(Instant::now() + Duration::from_secs(61)));
            assert!(lock(&timer.wheel).sleeps.is_empty());
            // Reset for later and polled again: listed anew.
            timer.reset(&mut sleep, Instant::now() + Duration::from_secs(60));
            assert!(sleep.as_mut().poll(&mut cx).is_pending());
            assert_eq!(lock(&timer.wheel).sleeps.len(), 1);
        });
    }
}
