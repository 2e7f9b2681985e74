//! Async host operations on Tokio. An op runs as a task on a current-thread
//! runtime that is created on first use (programs without I/O never pay for
//! it); its result comes back to the event loop as a `Completion`.
//!
//! The runtime only runs inside [`Tasks::wait`]. A task woken or spawned
//! from JavaScript (outside it) would be scheduled from "another thread":
//! one `eventfd` write per wake, at every response a server sends. So ops
//! started from JavaScript, and the wakes ops ask for ([`Tasks::defer`]),
//! wait for the next [`Tasks::wait`], which performs them inside the
//! runtime, where scheduling is a queue push. Nothing runs any later for
//! it: outside `wait` no task runs at all.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use crate::error::{codes, KodeError};
use crate::value::OpValue;

/// An op's id: from the run's one id space (`ResourceTable::next_id`), which
/// JavaScript holds as a number, exact up to 2^53.
pub type OpId = u64;

pub type Completion = (OpId, Result<OpValue, KodeError>);

/// The largest id a JavaScript number holds exactly.
const MAX_ID: f64 = 9_007_199_254_740_992.0;

/// Decodes an op or resource id: a JavaScript number that is a whole number
/// from 0 to 2^53 (`EINVALID_ARG` otherwise).
pub fn op_id(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Result<OpId, KodeError> {
    let number = value
        .is_number()
        .then(|| value.number_value(scope))
        .flatten();
    match number {
        Some(n) if n.fract() == 0.0 && (0.0..=MAX_ID).contains(&n) => Ok(n as OpId),
        _ => Err(KodeError::type_error(
            codes::EINVALID_ARG,
            "an op or resource id must be a whole number from 0 to 2^53",
        )),
    }
}

type Job = Box<dyn FnOnce()>;
type Task = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

pub struct Tasks {
    runtime: Option<tokio::runtime::Runtime>,
    /// Wakes to perform inside the runtime at the next [`Tasks::wait`].
    deferred: Vec<Job>,
    /// Ops started since the last [`Tasks::wait`], spawned there.
    starting: Vec<(OpId, Task)>,
    sender: mpsc::UnboundedSender<Completion>,
    receiver: mpsc::UnboundedReceiver<Completion>,
    /// The task's abort handle (none when it could not start), and the flag a
    /// blocking job polls to stop early.
    in_flight: HashMap<OpId, (Option<AbortHandle>, Arc<AtomicBool>)>,
    /// The ops in flight that do not keep the process alive ([`Tasks::spawn_unref`]).
    unrefed: HashSet<OpId>,
    /// No host operation may start (`kode pack --warm`); their promises stay pending.
    refused: bool,
    /// Ops that did not start because host work is refused.
    refused_starts: usize,
    /// Checks that the OS grants the threads the runtime needs ([`spawn_probe`]; tests inject a refusal).
    probe: fn() -> io::Result<()>,
}

impl Default for Tasks {
    fn default() -> Self {
        let (sender, receiver) = mpsc::unbounded_channel();
        Tasks {
            runtime: None,
            deferred: Vec::new(),
            starting: Vec::new(),
            sender,
            receiver,
            in_flight: HashMap::new(),
            unrefed: HashSet::new(),
            refused: false,
            refused_starts: 0,
            probe: spawn_probe,
        }
    }
}

impl Tasks {
    /// The Tokio runtime, started on first use; `ERESOURCE` when the OS
    /// refuses the threads it needs (a low `ulimit -u`, say).
    fn runtime(&mut self) -> Result<&tokio::runtime::Runtime, KodeError> {
        if self.runtime.is_none() {
            self.runtime = Some(start_runtime(self.probe).map_err(|err| {
                KodeError::new(
                    codes::ERESOURCE,
                    format!(
                        "cannot start the I/O runtime: {} ({})",
                        kode_pack::fs::io_detail(&err),
                        crate::error::io_code(&err)
                    ),
                )
            })?);
        }
        Ok(self.runtime.as_ref().expect("just set"))
    }

    /// Enters the Tokio runtime (starting it if needed), for an op that
    /// registers a socket with its reactor at once (`kode:net.listen` binds
    /// synchronously). Refused while `kode pack --warm` evaluates a program.
    pub fn enter(&mut self) -> Result<tokio::runtime::EnterGuard<'_>, KodeError> {
        if self.refused {
            return Err(KodeError::new(
                codes::ERESOURCE,
                "host I/O is not available while `kode pack` evaluates the program (--warm, --snapshot)",
            ));
        }
        Ok(self.runtime()?.enter())
    }

    /// Starts op `id`; its result arrives through `wait`.
    pub fn spawn<F>(&mut self, id: OpId, future: F)
    where
        F: Future<Output = Result<OpValue, KodeError>> + Send + 'static,
    {
        self.start(id, future, Arc::default());
    }

    /// Starts op `id` like [`Tasks::spawn`], but it does not keep the process
    /// alive: a run with nothing else to do ends while it is pending (a
    /// signal listener, the status of a detached child).
    pub fn spawn_unref<F>(&mut self, id: OpId, future: F)
    where
        F: Future<Output = Result<OpValue, KodeError>> + Send + 'static,
    {
        self.start(id, future, Arc::default());
        if self.in_flight.contains_key(&id) {
            self.unrefed.insert(id);
        }
    }

    /// Starts op `id` as a job on Tokio's blocking pool; `job` should stop
    /// early when its flag turns true (the op was cancelled).
    pub fn spawn_blocking<F>(&mut self, id: OpId, job: F)
    where
        F: FnOnce(&AtomicBool) -> Result<OpValue, KodeError> + Send + 'static,
    {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let future = async move {
            tokio::task::spawn_blocking(move || job(&flag))
                .await
                .unwrap_or_else(|_| Err(KodeError::new(codes::EIO, "a host operation panicked")))
        };
        self.start(id, future, cancel);
    }

    fn start<F>(&mut self, id: OpId, future: F, cancel: Arc<AtomicBool>)
    where
        F: Future<Output = Result<OpValue, KodeError>> + Send + 'static,
    {
        if self.refused {
            self.refused_starts += 1;
            return;
        }
        let sender = self.sender.clone();
        match self.runtime() {
            // Spawned by the next `wait` (its abort handle set then).
            Ok(_) => self.starting.push((
                id,
                Box::pin(async move {
                    let _ = sender.send((id, future.await));
                }),
            )),
            Err(err) => {
                // The op fails like any other: its promise rejects with the error.
                let _ = self.sender.send((id, Err(err)));
            }
        }
        self.in_flight.insert(id, (None, cancel));
    }

    /// Runs `job` (a send that wakes a Tokio task: a response for hyper) at
    /// the next [`Tasks::wait`], inside the runtime; at once when there is
    /// no runtime, which then has no task to wake.
    pub fn defer(&mut self, job: impl FnOnce() + 'static) {
        if self.runtime.is_some() {
            self.deferred.push(Box::new(job));
        } else {
            job();
        }
    }

    /// Work that only the next [`Tasks::wait`] performs: ops to spawn,
    /// wakes to deliver. The event loop waits (without blocking, if it has
    /// other work) when there is any, even with no op in flight.
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty() || !self.starting.is_empty()
    }

    /// Starts `future` on the I/O runtime as work no op waits for (a
    /// server's accept loop): what keeps the process alive is the op that
    /// takes its results, not the task.
    pub fn spawn_detached<F>(&mut self, future: F) -> Result<(), KodeError>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.runtime()?.spawn(future);
        Ok(())
    }

    /// Drops op `id`: an async task stops at its next await point, a blocking
    /// job at its next check of the flag; any result is discarded.
    pub fn cancel(&mut self, id: OpId) {
        self.unrefed.remove(&id);
        self.starting.retain(|(starting, _)| *starting != id);
        if let Some((handle, flag)) = self.in_flight.remove(&id) {
            flag.store(true, Ordering::Relaxed);
            if let Some(handle) = handle {
                handle.abort();
            }
        }
    }

    pub fn refuse(&mut self) {
        self.refused = true;
    }

    /// How many ops were refused (never started, never to finish).
    pub fn refused_starts(&self) -> usize {
        self.refused_starts
    }

    /// No op is in flight, not even one that does not keep the process alive.
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_empty()
    }

    /// Some op in flight keeps the process alive.
    pub fn has_refed(&self) -> bool {
        self.in_flight.len() > self.unrefed.len()
    }

    /// Blocks until an op completes or `deadline` passes; returns every completion ready.
    pub fn wait(&mut self, deadline: Option<Instant>) -> Vec<Completion> {
        let mut ready = Vec::new();
        let deferred = std::mem::take(&mut self.deferred);
        let starting = std::mem::take(&mut self.starting);
        if let Some(runtime) = &self.runtime {
            let in_flight = &mut self.in_flight;
            let receiver = &mut self.receiver;
            let first = runtime.block_on(async {
                // Inside the runtime: these wakes and spawns are queue pushes.
                for job in deferred {
                    job();
                }
                for (id, task) in starting {
                    let handle = tokio::spawn(task);
                    if let Some(entry) = in_flight.get_mut(&id) {
                        entry.0 = Some(handle.abort_handle());
                    }
                }
                if let Ok(first) = receiver.try_recv() {
                    return Some(first);
                }
                match deadline {
                    Some(deadline) => tokio::select! {
                        completion = receiver.recv() => completion,
                        () = tokio::time::sleep_until(deadline.into()) => None,
                    },
                    None => receiver.recv().await,
                }
            });
            ready.extend(first);
        } else if let Ok(first) = self.receiver.try_recv() {
            ready.push(first);
        }
        while let Ok(more) = self.receiver.try_recv() {
            ready.push(more);
        }
        // A cancelled op may still have finished: its result is not reported.
        ready.retain(|(id, _)| {
            self.unrefed.remove(id);
            self.in_flight.remove(id).is_some()
        });
        ready
    }

    /// Lets the process exit without joining threads stuck in blocking calls
    /// (a read from a FIFO that never gets a writer, say).
    pub fn shutdown(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// How long an idle blocking-pool thread stays (practically for the whole run,
/// see [`start_runtime`]).
const BLOCKING_KEEP_ALIVE: Duration = Duration::from_secs(365 * 24 * 3600);

/// Builds the current-thread runtime and starts its first blocking-pool thread
/// (which `tokio::fs` needs), or says why the OS refused.
///
/// Tokio panics (an abort in release builds) when the blocking pool has no
/// thread at all and cannot spawn one; once one thread lives, a refused spawn
/// only queues the job. So: `probe` first shows that two threads can be
/// created (one for Tokio, one to spare while the probe's own slot is being
/// released), then the pool gets its first thread, which is kept alive.
fn start_runtime(probe: fn() -> io::Result<()>) -> io::Result<tokio::runtime::Runtime> {
    probe()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .enable_io()
        .thread_keep_alive(BLOCKING_KEEP_ALIVE)
        .build()?;
    drop(runtime.spawn_blocking(|| ()));
    Ok(runtime)
}

/// Creates two threads that live at the same time, then joins them.
fn spawn_probe() -> io::Result<()> {
    let spawn = || {
        std::thread::Builder::new()
            .name("kode-probe".into())
            .spawn(|| ())
    };
    let first = spawn()?;
    let second = spawn();
    let _ = first.join();
    let _ = second?.join();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_runtime_rejects_the_op_with_eresource() {
        fn refuse() -> io::Result<()> {
            Err(io::Error::from_raw_os_error(libc::EAGAIN))
        }
        let mut tasks = Tasks {
            probe: refuse,
            ..Tasks::default()
        };
        tasks.spawn(7u64, async { Ok(OpValue::Undefined) });
        assert!(!tasks.is_idle());
        let ready = tasks.wait(None);
        assert_eq!(ready.len(), 1);
        let err = ready[0].1.as_ref().unwrap_err();
        assert_eq!(err.code, "ERESOURCE");
        assert_eq!(
            err.message,
            "cannot start the I/O runtime: resource temporarily unavailable (EAGAIN)"
        );
        assert!(tasks.is_idle());
        assert!(tasks.runtime.is_none());
    }

    #[test]
    fn ids_past_32_bits_complete_under_their_own_id() {
        let mut tasks = Tasks::default();
        let big: OpId = (1 << 53) - 1;
        tasks.spawn(big, async { Ok(OpValue::Number(1.0)) });
        tasks.spawn(1u64 << 32, async { Ok(OpValue::Number(2.0)) });
        let mut ids: Vec<OpId> = Vec::new();
        while !tasks.is_idle() {
            ids.extend(tasks.wait(None).into_iter().map(|(id, _)| id));
        }
        ids.sort_unstable();
        assert_eq!(ids, [1 << 32, big]);
        tasks.shutdown();
    }

    #[test]
    fn an_op_cancelled_before_the_next_wait_never_starts() {
        let mut tasks = Tasks::default();
        let started = Arc::new(AtomicBool::new(false));
        let flag = started.clone();
        tasks.spawn(1, async move {
            flag.store(true, Ordering::SeqCst);
            Ok(OpValue::Undefined)
        });
        assert!(tasks.has_deferred());
        tasks.cancel(1);
        assert!(!tasks.has_deferred());
        assert!(tasks.wait(Some(Instant::now())).is_empty());
        assert!(!started.load(Ordering::SeqCst));
        tasks.shutdown();
    }

    #[test]
    fn deferred_work_runs_inside_the_runtime_at_the_next_wait() {
        let mut tasks = Tasks::default();
        // Without a runtime there is nothing to wake: the job runs at once.
        let ran = Arc::new(AtomicBool::new(false));
        let flag = ran.clone();
        tasks.defer(move || flag.store(true, Ordering::SeqCst));
        assert!(ran.load(Ordering::SeqCst));
        tasks.spawn(1, async { Ok(OpValue::Undefined) });
        let inside = Arc::new(AtomicBool::new(false));
        let flag = inside.clone();
        tasks.defer(move || {
            flag.store(
                tokio::runtime::Handle::try_current().is_ok(),
                Ordering::SeqCst,
            );
        });
        assert!(!inside.load(Ordering::SeqCst));
        let ready = tasks.wait(None);
        assert!(inside.load(Ordering::SeqCst));
        assert_eq!(ready.len(), 1);
        assert!(!tasks.has_deferred());
        tasks.shutdown();
    }

    #[test]
    fn an_unrefed_op_is_waited_on_but_keeps_nothing_alive() {
        let mut tasks = Tasks::default();
        let (send, receive) = tokio::sync::oneshot::channel::<()>();
        tasks.spawn_unref(1, async move {
            let _ = receive.await;
            Ok(OpValue::Number(1.0))
        });
        assert!(!tasks.is_idle(), "it is in flight");
        assert!(!tasks.has_refed(), "but keeps nothing alive");
        tasks.spawn(2, async { Ok(OpValue::Number(2.0)) });
        assert!(tasks.has_refed());
        let ready: Vec<OpId> = tasks.wait(None).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ready, [2]);
        assert!(!tasks.has_refed() && !tasks.is_idle());
        // Its completion still arrives through `wait`.
        send.send(()).unwrap();
        let ready: Vec<OpId> = tasks.wait(None).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ready, [1]);
        assert!(tasks.is_idle());
        // A cancelled one is forgotten too.
        tasks.spawn_unref(3, std::future::pending());
        tasks.cancel(3);
        assert!(tasks.is_idle() && !tasks.has_refed());
        tasks.shutdown();
    }

    #[test]
    fn a_started_runtime_runs_blocking_jobs() {
        let runtime = start_runtime(spawn_probe).unwrap();
        assert_eq!(
            runtime.block_on(runtime.spawn_blocking(|| 41 + 1)).unwrap(),
            42
        );
    }
}
