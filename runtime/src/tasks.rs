//! Async host operations on Tokio. An op runs as a task on a current-thread
//! runtime that is created on first use (programs without I/O never pay for
//! it); its result comes back to the event loop as a `Completion`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use crate::error::KodeError;
use crate::value::OpValue;

pub type Completion = (u32, Result<OpValue, KodeError>);

pub struct Tasks {
    runtime: Option<tokio::runtime::Runtime>,
    sender: mpsc::UnboundedSender<Completion>,
    receiver: mpsc::UnboundedReceiver<Completion>,
    /// The task's abort handle, and the flag a blocking job polls to stop early.
    in_flight: HashMap<u32, (AbortHandle, Arc<AtomicBool>)>,
    /// No host operation may start (`kode pack --warm`); their promises stay pending.
    refused: bool,
}

impl Default for Tasks {
    fn default() -> Self {
        let (sender, receiver) = mpsc::unbounded_channel();
        Tasks {
            runtime: None,
            sender,
            receiver,
            in_flight: HashMap::new(),
            refused: false,
        }
    }
}

impl Tasks {
    fn runtime(&mut self) -> &tokio::runtime::Runtime {
        self.runtime.get_or_insert_with(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .expect("start the Tokio runtime")
        })
    }

    /// Starts op `id`; its result arrives through `wait`.
    pub fn spawn<F>(&mut self, id: u32, future: F)
    where
        F: Future<Output = Result<OpValue, KodeError>> + Send + 'static,
    {
        self.start(id, future, Arc::default());
    }

    /// Starts op `id` as a job on Tokio's blocking pool; `job` should stop
    /// early when its flag turns true (the op was cancelled).
    pub fn spawn_blocking<F>(&mut self, id: u32, job: F)
    where
        F: FnOnce(&AtomicBool) -> Result<OpValue, KodeError> + Send + 'static,
    {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let future = async move {
            tokio::task::spawn_blocking(move || job(&flag))
                .await
                .unwrap_or_else(|_| Err(KodeError::new("EIO", "a host operation panicked")))
        };
        self.start(id, future, cancel);
    }

    fn start<F>(&mut self, id: u32, future: F, cancel: Arc<AtomicBool>)
    where
        F: Future<Output = Result<OpValue, KodeError>> + Send + 'static,
    {
        if self.refused {
            return;
        }
        let sender = self.sender.clone();
        let handle = self.runtime().spawn(async move {
            let _ = sender.send((id, future.await));
        });
        self.in_flight.insert(id, (handle.abort_handle(), cancel));
    }

    /// Drops op `id`: an async task stops at its next await point, a blocking
    /// job at its next check of the flag; any result is discarded.
    pub fn cancel(&mut self, id: u32) {
        if let Some((handle, flag)) = self.in_flight.remove(&id) {
            flag.store(true, Ordering::Relaxed);
            handle.abort();
        }
    }

    pub fn refuse(&mut self) {
        self.refused = true;
    }

    pub fn is_idle(&self) -> bool {
        self.in_flight.is_empty()
    }

    /// Blocks until an op completes or `deadline` passes; returns every completion ready.
    pub fn wait(&mut self, deadline: Option<Instant>) -> Vec<Completion> {
        let mut ready = Vec::new();
        if let Ok(first) = self.receiver.try_recv() {
            ready.push(first);
        } else if let Some(runtime) = &self.runtime {
            let receiver = &mut self.receiver;
            let first = runtime.block_on(async {
                match deadline {
                    Some(deadline) => tokio::select! {
                        completion = receiver.recv() => completion,
                        () = tokio::time::sleep_until(deadline.into()) => None,
                    },
                    None => receiver.recv().await,
                }
            });
            ready.extend(first);
        }
        while let Ok(more) = self.receiver.try_recv() {
            ready.push(more);
        }
        // A cancelled op may still have finished: its result is not reported.
        ready.retain(|(id, _)| self.in_flight.remove(id).is_some());
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
