//! hyper's timer for `Kode.serve`'s HTTP/1 connections, whose one use is
//! the header read timeout (30 s from the start of each request head).
//!
//! Tokio's own timer wakes its driver with an `eventfd` write whenever a new
//! deadline is registered: one syscall per request on a keep-alive
//! connection, about a tenth of a busy server's work. Here a deadline is
//! a slot in a table that one task checks every [`TICK`]: registering
//! takes a free slot, and a timeout fires up to one tick late, which a
//! 30-second guard against slow clients does not mind. The ticking task
//! runs only while some sleep is waiting.
//!
//! hyper asks for a new sleep at every request head, so a sleep costs one
//! allocation (the box hyper wants) and the table's slots are reused: a
//! sleep names its slot by index and generation, and a slot whose
//! generation moved on has fired (or was freed by its own sleep).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
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
    slots: Vec<Slot>,
    /// Indices of the empty slots.
    free: Vec<usize>,
    /// How many slots hold a waiting sleep.
    waiting: usize,
    ticking: bool,
}

#[derive(Default)]
struct Slot {
    generation: u64,
    waiting: Option<(Instant, Waker)>,
}

/// Where a polled, not yet fired sleep waits: its slot and the slot's
/// generation when it was taken.
#[derive(Clone, Copy)]
struct Place {
    index: usize,
    generation: u64,
}

struct CoarseSleep {
    timer: CoarseTimer,
    deadline: Instant,
    place: Option<Place>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding this lock leaves plain data behind.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Wheel {
    /// The deadline and waker of the sleep at `place`, if the slot is still its.
    fn waiting(&mut self, place: Place) -> Option<&mut (Instant, Waker)> {
        self.slots
            .get_mut(place.index)
            .filter(|slot| slot.generation == place.generation)
            .and_then(|slot| slot.waiting.as_mut())
    }

    fn take(&mut self, deadline: Instant, waker: Waker) -> Place {
        let index = self.free.pop().unwrap_or_else(|| {
            self.slots.push(Slot::default());
            self.slots.len() - 1
        });
        let slot = &mut self.slots[index];
        slot.waiting = Some((deadline, waker));
        self.waiting += 1;
        Place {
            index,
            generation: slot.generation,
        }
    }

    /// Empties slot `index` (which must hold a sleep) for reuse; the
    /// generation moves on, so the sleep that had it sees it fired or gone.
    fn release(&mut self, index: usize) -> Option<Waker> {
        let slot = &mut self.slots[index];
        let (_, waker) = slot.waiting.take()?;
        slot.generation += 1;
        self.free.push(index);
        self.waiting -= 1;
        Some(waker)
    }
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

    /// Starts the ticking task if it is idle. Called from a poll, so inside
    /// the runtime; outside one (never, from hyper) nothing ticks and the
    /// sleep cannot fire.
    fn start_ticking(&self, wheel: &mut Wheel) {
        if wheel.ticking {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            wheel.ticking = true;
            runtime.spawn(self.clone().ticks());
        }
    }

    async fn ticks(self) {
        loop {
            tokio::time::sleep(self.tick).await;
            if !self.wake_due(Instant::now()) {
                return;
            }
        }
    }

    /// Wakes and releases every sleep due at `now`; false (and the ticking
    /// stops) once nothing is waiting.
    fn wake_due(&self, now: Instant) -> bool {
        let mut due = Vec::new();
        let waiting = {
            let mut wheel = lock(&self.wheel);
            for index in 0..wheel.slots.len() {
                if matches!(&wheel.slots[index].waiting, Some((deadline, _)) if *deadline <= now) {
                    due.extend(wheel.release(index));
                }
            }
            wheel.ticking = wheel.waiting > 0;
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
        Box::pin(CoarseSleep {
            timer: self.clone(),
            deadline,
            place: None,
        })
    }

    fn reset(&self, sleep: &mut Pin<Box<dyn hyper::rt::Sleep>>, new_deadline: Instant) {
        let Some(coarse) = sleep.as_mut().downcast_mut_pin::<CoarseSleep>() else {
            *sleep = self.sleep_until(new_deadline);
            return;
        };
        let coarse = coarse.get_mut();
        coarse.deadline = new_deadline;
        if let Some(place) = coarse.place {
            let mut wheel = lock(&coarse.timer.wheel);
            match wheel.waiting(place) {
                Some((deadline, _)) => *deadline = new_deadline,
                // Fired: the next poll waits anew.
                None => coarse.place = None,
            }
        }
    }
}

impl Future for CoarseSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let mut wheel = lock(&this.timer.wheel);
        if let Some(place) = this.place {
            let Some((_, waker)) = wheel.waiting(place) else {
                // The tick found it due.
                this.place = None;
                return Poll::Ready(());
            };
            if !waker.will_wake(cx.waker()) {
                *waker = cx.waker().clone();
            }
            return Poll::Pending;
        }
        if this.deadline <= Instant::now() {
            return Poll::Ready(());
        }
        this.place = Some(wheel.take(this.deadline, cx.waker().clone()));
        this.timer.start_ticking(&mut wheel);
        Poll::Pending
    }
}

impl Drop for CoarseSleep {
    fn drop(&mut self) {
        if let Some(place) = self.place {
            let mut wheel = lock(&self.timer.wheel);
            if wheel.waiting(place).is_some() {
                wheel.release(place.index);
            }
        }
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
    fn a_sleep_reset_to_a_passed_deadline_fires_at_the_next_tick() {
        let timer = CoarseTimer::new();
        runtime().block_on(async {
            let mut sleep = timer.sleep(Duration::from_secs(3600));
            let mut cx = Context::from_waker(Waker::noop());
            assert!(sleep.as_mut().poll(&mut cx).is_pending());
            timer.reset(&mut sleep, Instant::now() - Duration::from_millis(1));
            // The next tick finds it due.
            assert!(!timer.wake_due(Instant::now()));
            assert!(sleep.as_mut().poll(&mut cx).is_ready());
        });
    }

    #[test]
    fn dropped_sleeps_free_their_slots_and_the_ticking_stops() {
        let timer = CoarseTimer::new();
        runtime().block_on(async {
            let mut cx = Context::from_waker(Waker::noop());
            for _ in 0..3 {
                let mut sleep = timer.sleep(Duration::from_secs(3600));
                assert!(sleep.as_mut().poll(&mut cx).is_pending());
            }
            assert_eq!(lock(&timer.wheel).waiting, 0);
            let mut kept = timer.sleep(Duration::from_secs(3600));
            assert!(kept.as_mut().poll(&mut cx).is_pending());
            // One slot, reused by every sleep in turn.
            assert_eq!(lock(&timer.wheel).slots.len(), 1);
            assert!(timer.wake_due(Instant::now()));
            assert_eq!(lock(&timer.wheel).waiting, 1);
            drop(kept);
            assert!(!timer.wake_due(Instant::now()));
            assert!(!lock(&timer.wheel).ticking);
        });
    }

    #[test]
    fn a_due_sleep_is_woken_and_its_slot_reused_by_others() {
        let timer = CoarseTimer::new();
        runtime().block_on(async {
            let mut cx = Context::from_waker(Waker::noop());
            let mut sleep = timer.sleep(Duration::from_secs(60));
            assert!(sleep.as_mut().poll(&mut cx).is_pending());
            assert!(!timer.wake_due(Instant::now() + Duration::from_secs(61)));
            assert_eq!(lock(&timer.wheel).waiting, 0);
            // Another sleep takes the freed slot; the fired one is not fooled by it.
            let mut other = timer.sleep(Duration::from_secs(3600));
            assert!(other.as_mut().poll(&mut cx).is_pending());
            assert!(sleep.as_mut().poll(&mut cx).is_ready());
            assert!(other.as_mut().poll(&mut cx).is_pending());
            // Reset for later and polled again: it waits anew, in its own slot.
            timer.reset(&mut sleep, Instant::now() + Duration::from_secs(60));
            assert!(sleep.as_mut().poll(&mut cx).is_pending());
            assert_eq!(lock(&timer.wheel).waiting, 2);
            drop(sleep);
            drop(other);
            assert_eq!(lock(&timer.wheel).waiting, 0);
        });
    }
}
