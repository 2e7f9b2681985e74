//! Graceful shutdown for a server's connections.
//!
//! hyper-util's `GracefulShutdown` polls a `watch` channel at every
//! wake-up of every connection (a lock and a waker update each time,
//! ~2% of a hello request's instructions by callgrind). Here a wake-up
//! costs one atomic load: a connection hands its waker over once, and
//! shutting down wakes every waker handed over.

use std::collections::HashMap;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

use hyper_util::server::graceful::GracefulConnection;

/// The connections of one server, and whether they are asked to finish.
#[derive(Default)]
pub struct Drain {
    stopping: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    next: u64,
    /// Each live connection's waker (none before its first poll).
    live: HashMap<u64, Option<Waker>>,
    /// `stop`'s waker, woken when the last connection goes.
    done: Option<Waker>,
}

impl Drain {
    /// A place for one connection (taken at accept, before a TLS handshake):
    /// `stop` waits until the ticket is dropped.
    pub fn enter(self: &Arc<Self>) -> Ticket {
        let mut state = self.state.lock().expect("not poisoned");
        let id = state.next;
        state.next += 1;
        state.live.insert(id, None);
        Ticket {
            drain: self.clone(),
            id,
            waker: None,
        }
    }

    /// Asks every connection to finish the requests it carries and close
    /// (one that starts later closes at its first poll); resolves once every
    /// ticket is dropped.
    pub async fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let wakers: Vec<Waker> = {
            let state = self.state.lock().expect("not poisoned");
            state.live.values().flatten().cloned().collect()
        };
        for waker in wakers {
            waker.wake();
        }
        std::future::poll_fn(|cx| {
            let mut state = self.state.lock().expect("not poisoned");
            if state.live.is_empty() {
                return Poll::Ready(());
            }
            state.done = Some(cx.waker().clone());
            Poll::Pending
        })
        .await;
    }

    #[cfg(test)]
    fn live(&self) -> usize {
        self.state.lock().expect("not poisoned").live.len()
    }
}

/// One connection's place in its server's [`Drain`].
pub struct Ticket {
    drain: Arc<Drain>,
    id: u64,
    /// The waker handed over last: a task's waker rarely changes.
    waker: Option<Waker>,
}

impl Ticket {
    /// Runs `connection`, shutting it down gracefully once the drain stops.
    pub async fn watch<C: GracefulConnection>(mut self, connection: C) -> C::Output {
        let mut connection = pin!(connection);
        let mut asked = false;
        std::future::poll_fn(|cx| {
            if !asked {
                self.hand_over(cx.waker());
                // After handing the waker over: `stop` sets the flag before it
                // takes the wakers, so either it wakes this one or the flag
                // is seen here.
                if self.drain.stopping.load(Ordering::SeqCst) {
                    asked = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
            connection.as_mut().poll(cx)
        })
        .await
    }

    fn hand_over(&mut self, waker: &Waker) {
        if self
            .waker
            .as_ref()
            .is_some_and(|known| known.will_wake(waker))
        {
            return;
        }
        self.waker = Some(waker.clone());
        let mut state = self.drain.state.lock().expect("not poisoned");
        state.live.insert(self.id, Some(waker.clone()));
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut state = self.drain.state.lock().expect("not poisoned");
        state.live.remove(&self.id);
        if state.live.is_empty() {
            if let Some(done) = state.done.take() {
                done.wake();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_waits_for_every_ticket() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let drain = Arc::new(Drain::default());
            // Nothing live: at once.
            drain.stop().await;
            let drain = Arc::new(Drain::default());
            let first = drain.enter();
            let second = drain.enter();
            assert_eq!(drain.live(), 2);
            let stopping = drain.clone();
            let stopped = tokio::spawn(async move { stopping.stop().await });
            tokio::task::yield_now().await;
            assert!(!stopped.is_finished());
            drop(first);
            tokio::task::yield_now().await;
            assert!(!stopped.is_finished());
            drop(second);
            stopped.await.unwrap();
            assert_eq!(drain.live(), 0);
        });
    }
}
