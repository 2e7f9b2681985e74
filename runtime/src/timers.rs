//! Timer bookkeeping for the event loop. JS owns the callbacks; Rust owns the
//! deadlines. Equal deadlines fire in creation order (the sequence number).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

type Key = (Instant, u64);

#[derive(Default)]
pub struct Timers {
    queue: BTreeMap<Key, u64>,
    /// Deadline key and whether the timer keeps the process alive.
    by_id: HashMap<u64, (Key, bool)>,
    refed: usize,
    next_seq: u64,
}

impl Timers {
    /// (Re)arms timer `id` to fire `delay` after `now`. An unrefed timer
    /// (`Kode.timeout`) does not keep the process alive on its own.
    pub fn start(&mut self, id: u64, now: Instant, delay: Duration, refed: bool) {
        self.cancel(id);
        let key = (now + delay, self.next_seq);
        self.next_seq += 1;
        self.queue.insert(key, id);
        self.by_id.insert(id, (key, refed));
        self.refed += usize::from(refed);
    }

    pub fn cancel(&mut self, id: u64) -> bool {
        match self.by_id.remove(&id) {
            Some((key, refed)) => {
                self.refed -= usize::from(refed);
                self.queue.remove(&key).is_some()
            }
            None => false,
        }
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.queue.keys().next().map(|(at, _)| *at)
    }

    /// Removes and returns the earliest timer due at `now`, if any.
    pub fn pop_due(&mut self, now: Instant) -> Option<u64> {
        let (&key, &id) = self.queue.iter().next()?;
        if key.0 > now {
            return None;
        }
        self.cancel(id);
        Some(id)
    }

    /// Whether some timer keeps the process alive.
    pub fn has_refed(&self) -> bool {
        self.refed > 0
    }

    /// How many timers are pending (refed or not).
    pub fn len(&self) -> usize {
        self.queue.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_deadlines_fire_in_creation_order() {
        let now = Instant::now();
        let mut t = Timers::default();
        t.start(3, now, Duration::from_millis(5), true);
        t.start(1, now, Duration::from_millis(1), true);
        t.start(2, now, Duration::from_millis(1), true);
        let later = now + Duration::from_millis(10);
        assert_eq!(t.pop_due(later), Some(1));
        assert_eq!(t.pop_due(later), Some(2));
        assert_eq!(t.pop_due(later), Some(3));
        assert_eq!(t.pop_due(later), None);
        assert!(!t.has_refed());
    }

    #[test]
    fn cancel_and_rearm() {
        let now = Instant::now();
        let mut t = Timers::default();
        t.start(1, now, Duration::from_millis(1), true);
        t.start(2, now, Duration::from_millis(2), false);
        assert!(t.has_refed());
        assert!(t.cancel(1));
        assert!(!t.has_refed());
        assert!(!t.cancel(1));
        assert_eq!(t.next_deadline(), Some(now + Duration::from_millis(2)));
        t.start(2, now, Duration::from_millis(7), true);
        assert_eq!(t.len(), 1);
        assert_eq!(t.pop_due(now + Duration::from_millis(3)), None);
        assert_eq!(t.pop_due(now + Duration::from_millis(7)), Some(2));
    }

    #[test]
    fn ids_past_32_bits_stay_distinct() {
        // Timer ids come from the run's 64-bit id space, shared with ops and resources.
        let now = Instant::now();
        let mut t = Timers::default();
        let (low, high) = (5, (1 << 32) + 5);
        t.start(high, now, Duration::from_millis(1), true);
        t.start(low, now, Duration::from_millis(2), true);
        assert_eq!(t.len(), 2);
        assert_eq!(t.pop_due(now + Duration::from_millis(5)), Some(high));
        assert_eq!(t.pop_due(now + Duration::from_millis(5)), Some(low));
    }
}
