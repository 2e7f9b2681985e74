//! Resources: host handles that outlive one op (an open file today; sockets,
//! listeners, child processes and streams later), kept in a per-isolate
//! [`ResourceTable`] under 64-bit ids that are never reused in a run.
//!
//! A resource is closed exactly once: when JavaScript closes it
//! (`resource_close(id)`; closing an id again does nothing), when the signal
//! that owns it aborts (a `Kode.scope` ending aborts `scope.signal`; the JS
//! side registers that close), or at exit, when the event loop drops the table
//! ([`close_all`]). `Kode.activeOperations()` lists the open ones
//! (`resource_list`).
//!
//! Ops that deliver many results over time read from a [`ChunkStream`]: a
//! producer task fills a bounded channel and waits for room before it
//! produces the next chunk, so when JavaScript stops pulling
//! (`resource_read(op_id, id)`), the host stops reading. Ids come from the
//! run's one counter (`next_id`), shared with op and timer ids, so every id
//! `Kode.activeOperations()` shows is unique. Resources that take many writes
//! (`resource_write(op_id, id, bytes)`) hand them to a [`ChunkSink`], whose
//! writer task writes them one at a time, in call order.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;

use tokio::sync::{mpsc, oneshot, Semaphore};
use tokio::task::AbortHandle;

use crate::error::{codes, KodeError};
use crate::value::OpValue;
pub use crate::value::{Chunk, ChunkFuture, NewResource, Resource};

struct Entry {
    resource: Box<dyn Resource>,
    opened: SystemTime,
}

/// The open resources of one isolate, by id. A hash map: a served request
/// is a resource, so an insert and a removal happen per request, and ids
/// only need their order when they are listed or closed all at once.
#[derive(Default)]
pub struct ResourceTable {
    last_id: u64,
    open: FxHashMap<u64, Entry>,
}

impl ResourceTable {
    /// The next id of the run's one id space (ops, timers, resources).
    pub fn next_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    /// Adds an open resource under a fresh id.
    pub fn insert(&mut self, resource: Box<dyn Resource>) -> u64 {
        let id = self.next_id();
        let opened = SystemTime::now();
        self.open.insert(id, Entry { resource, opened });
        id
    }

    /// Open resource `id`, if it is one of kind `T`.
    pub fn get<T: Resource>(&self, id: u64) -> Option<&T> {
        self.open
            .get(&id)
            .and_then(|entry| entry.resource.as_any().downcast_ref())
    }

    /// Open resource `id`, of any kind.
    pub fn get_any(&self, id: u64) -> Option<&dyn Resource> {
        self.open.get(&id).map(|entry| &*entry.resource)
    }

    /// Removes `id` from the table, for the caller to close once the table
    /// is no longer borrowed ([`close`]); `None` if it is not open.
    pub fn take(&mut self, id: u64) -> Option<Box<dyn Resource>> {
        self.open.remove(&id).map(|entry| entry.resource)
    }

    /// Closes every open resource, in id order.
    pub fn close_all(&mut self) {
        let mut open: Vec<(u64, Entry)> = self.open.drain().collect();
        open.sort_unstable_by_key(|(id, _)| *id);
        for (_, mut entry) in open {
            entry.resource.close();
        }
    }

    /// `(id, name, detail, opened ms since the epoch)` of each open resource, by id.
    pub fn list(&self) -> impl Iterator<Item = (u64, &'static str, String, f64)> + '_ {
        let mut open: Vec<(&u64, &Entry)> = self.open.iter().collect();
        open.sort_unstable_by_key(|(id, _)| **id);
        open.into_iter().map(|(id, entry)| {
            let opened_ms = entry
                .opened
                .duration_since(UNIX_EPOCH)
                .map_or(0.0, |d| d.as_millis() as f64);
            (
                *id,
                entry.resource.name(),
                entry.resource.detail(),
                opened_ms,
            )
        })
    }
}

impl Drop for ResourceTable {
    fn drop(&mut self) {
        self.close_all();
    }
}

/// The table in the isolate slot (the `resources` area's state).
type Shared = Rc<RefCell<ResourceTable>>;

pub fn install(isolate: &mut v8::Isolate) {
    isolate.set_slot::<Shared>(Shared::default());
}

/// The isolate's table. Borrow it briefly: never across a call into JS.
/// How many resources are open.
pub fn open_count(isolate: &v8::Isolate) -> usize {
    isolate
        .get_slot::<Shared>()
        .map_or(0, |table| table.borrow().open.len())
}

pub fn table(isolate: &v8::Isolate) -> Shared {
    isolate
        .get_slot::<Shared>()
        .expect("the resources area installs its table with the isolate")
        .clone()
}

/// Closes every resource still open: the event loop calls it when the run
/// ends (normally, by `Kode.exit` or an uncaught error).
pub fn close_all(isolate: &v8::Isolate) {
    if let Some(table) = isolate.get_slot::<Shared>() {
        table.borrow_mut().close_all();
    }
}

/// Closes resource `id`; says whether it was open (closing twice is no
/// error). It leaves the table first: a resource's close may use the table.
pub fn close(isolate: &v8::Isolate, id: u64) -> bool {
    let taken = table(isolate).borrow_mut().take(id);
    match taken {
        Some(mut resource) => {
            resource.close();
            true
        }
        None => false,
    }
}

/// Puts a resource an op made into the table; its id as a JS number.
pub fn insert_js<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    resource: NewResource,
) -> v8::Local<'s, v8::Value> {
    let id = table(scope).borrow_mut().insert(resource.0);
    v8::Number::new(scope, id as f64).into()
}

// --- streams ------------------------------------------------------------------

/// The reading end of a stream of chunks, for a resource to hold. Its
/// producer task runs on the ops' Tokio runtime and makes at most
/// `read_ahead` chunks more than have been asked for: each `read` asks for
/// one, and the producer waits for a request (and for room in the channel)
/// before it produces the next. With a read-ahead of 0 it produces only what
/// is asked for (a file also written through the same handle: a read made
/// after a write sees it). Closing (or dropping) the stream stops the
/// producer at its next await point, and every read still pending rejects
/// with the stream's `closed` error.
pub struct ChunkStream {
    chunks: Arc<tokio::sync::Mutex<mpsc::Receiver<Chunk>>>,
    /// One permit for each chunk the producer may make now.
    demand: Arc<Semaphore>,
    closed: Arc<AtomicBool>,
    closed_error: KodeError,
    producer: AbortHandle,
}

impl ChunkStream {
    /// Starts `produce` as the stream's producer; must run inside the Tokio
    /// runtime (in an op's future). Each call of `produce` yields the next
    /// chunk, `None` at the end, or an error that ends the stream.
    /// `closed_error` is what reads get after the stream is closed.
    pub fn start<P, F>(read_ahead: usize, produce: P, closed_error: KodeError) -> ChunkStream
    where
        P: FnMut() -> F + Send + 'static,
        F: Future<Output = Result<Option<OpValue>, KodeError>> + Send + 'static,
    {
        let (sender, receiver) = mpsc::channel(read_ahead.max(1));
        let demand = Arc::new(Semaphore::new(read_ahead));
        let producer = tokio::spawn(pump(sender, demand.clone(), produce)).abort_handle();
        ChunkStream {
            chunks: Arc::new(tokio::sync::Mutex::new(receiver)),
            demand,
            closed: Arc::default(),
            closed_error,
            producer,
        }
    }

    /// The next chunk. Concurrent reads are answered in the order they were made.
    pub fn read(&self) -> ChunkFuture {
        self.demand.add_permits(1);
        let chunks = self.chunks.clone();
        let closed = self.closed.clone();
        let closed_error = self.closed_error.clone();
        Box::pin(async move {
            let mut receiver = chunks.lock().await;
            // Ends with `None` once the producer finished or was stopped.
            let next = receiver.recv().await;
            if closed.load(Ordering::Acquire) {
                return Err(closed_error);
            }
            next.unwrap_or(Ok(OpValue::Null))
        })
    }

    /// Every chunk still to come, joined: one future instead of a read per
    /// chunk. A stream of anything but bytes cannot be joined: an error,
    /// not a silent end.
    pub fn read_all(&self) -> ChunkFuture {
        let chunks = self.chunks.clone();
        let demand = self.demand.clone();
        let closed = self.closed.clone();
        let closed_error = self.closed_error.clone();
        Box::pin(async move {
            let mut receiver = chunks.lock().await;
            let mut all = Vec::new();
            loop {
                demand.add_permits(1);
                let next = receiver.recv().await;
                if closed.load(Ordering::Acquire) {
                    return Err(closed_error);
                }
                match next {
                    Some(Ok(OpValue::Bytes(bytes))) if all.is_empty() => all = bytes,
                    Some(Ok(OpValue::Bytes(bytes))) => all.extend_from_slice(&bytes),
                    None => return Ok(OpValue::Bytes(all)),
                    Some(Ok(_)) => {
                        return Err(KodeError::type_error(
                            codes::EINVALID_ARG,
                            "a stream whose chunks are not bytes cannot be read whole",
                        ))
                    }
                    Some(Err(err)) => return Err(err),
                }
            }
        })
    }

    /// Stops the producer; reads pending or made later fail with the closed error.
    pub fn close(&mut self) {
        self.closed.store(true, Ordering::Release);
        self.producer.abort();
    }
}

impl Drop for ChunkStream {
    fn drop(&mut self) {
        self.close();
    }
}

/// The producer loop: a request and room first, then the chunk. With no
/// request or a full channel the loop is parked, so nothing more is read
/// until a reader asks.
async fn pump<P, F>(sender: mpsc::Sender<Chunk>, demand: Arc<Semaphore>, mut produce: P)
where
    P: FnMut() -> F,
    F: Future<Output = Result<Option<OpValue>, KodeError>>,
{
    loop {
        let Ok(request) = demand.acquire().await else {
            return;
        };
        request.forget();
        // Fails when the reading end is gone: nobody will read again.
        let Ok(room) = sender.reserve().await else {
            return;
        };
        match produce().await {
            Ok(Some(chunk)) => room.send(Ok(chunk)),
            // Dropping the sender ends the stream: reads get `null`.
            Ok(None) => return,
            Err(err) => {
                room.send(Err(err));
                return;
            }
        }
    }
}

/// A resource that only delivers chunks (`resource_read`): an incoming
/// body, standard input. `name` and `detail` are what
/// `Kode.activeOperations()` lists.
pub struct StreamResource {
    pub stream: ChunkStream,
    pub name: &'static str,
    pub detail: String,
}

impl Resource for StreamResource {
    fn name(&self) -> &'static str {
        self.name
    }

    fn detail(&self) -> String {
        self.detail.clone()
    }

    fn close(&mut self) {
        self.stream.close();
    }

    fn read(&self) -> Option<ChunkFuture> {
        Some(self.stream.read())
    }

    fn read_all(&self) -> Option<ChunkFuture> {
        Some(self.stream.read_all())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// One write waiting for the writer: its bytes, and where its result goes.
struct WriteJob {
    bytes: Vec<u8>,
    done: oneshot::Sender<Chunk>,
}

/// The writing end of a resource, for a resource to hold: the mirror of
/// [`ChunkStream`]. Its writer task runs on the ops' Tokio runtime and hands
/// each write to `consume`, one at a time, in the order `write` was called
/// (a write is queued when it is made, not when its future is first
/// polled); each write's future settles with the number of bytes once they
/// are written, or with the error `consume` gave (`EPIPE`, `ENOSPC`, ...).
///
/// The queue has no bound of its own: a write's bytes were copied out of
/// JavaScript when it was made, so holding them here or in a future waiting
/// for room costs the same. The backpressure is the write's future, which
/// settles only once the bytes are written: a `WritableStream` over the sink
/// waits for it before it takes more (its high-water mark is the bound).
///
/// Closing stops taking writes (`write` then fails with the closed error);
/// the writes made before still complete, in order, and the writer task then
/// ends, dropping `consume` and what it holds (the file).
pub struct ChunkSink {
    jobs: Option<mpsc::UnboundedSender<WriteJob>>,
    closed_error: KodeError,
}

impl ChunkSink {
    /// Starts `consume` as the sink's writer; must run inside the Tokio
    /// runtime (in an op's future). `closed_error` is what writes get after
    /// the sink is closed.
    pub fn start<C, F>(consume: C, closed_error: KodeError) -> ChunkSink
    where
        C: FnMut(Vec<u8>) -> F + Send + 'static,
        F: Future<Output = Result<(), KodeError>> + Send + 'static,
    {
        let (jobs, receiver) = mpsc::unbounded_channel();
        tokio::spawn(drain(receiver, consume));
        ChunkSink {
            jobs: Some(jobs),
            closed_error,
        }
    }

    /// Queues all of `bytes`; the future settles with their count once written.
    pub fn write(&self, bytes: Vec<u8>) -> ChunkFuture {
        let closed_error = self.closed_error.clone();
        let len = bytes.len();
        let (done, result) = oneshot::channel();
        let queued = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(WriteJob { bytes, done }).is_ok());
        Box::pin(async move {
            if !queued {
                return Err(closed_error);
            }
            match result.await {
                Ok(Ok(_)) => Ok(OpValue::Number(len as f64)),
                Ok(Err(err)) => Err(err),
                // The writer is gone: the runtime is shutting down.
                Err(_) => Err(closed_error),
            }
        })
    }

    /// Takes no more writes; those already made still complete.
    pub fn close(&mut self) {
        self.jobs = None;
    }
}

/// The writer loop: one write at a time, in order, until the sink is closed
/// and its queue empty.
async fn drain<C, F>(mut jobs: mpsc::UnboundedReceiver<WriteJob>, mut consume: C)
where
    C: FnMut(Vec<u8>) -> F,
    F: Future<Output = Result<(), KodeError>>,
{
    while let Some(WriteJob { bytes, done }) = jobs.recv().await {
        let result = consume(bytes).await.map(|()| OpValue::Undefined);
        let _ = done.send(result);
    }
}

/// `ECLOSED`, for a use of `what` after it was closed.
pub fn closed_error(operation: &str, what: &str) -> KodeError {
    KodeError::new(codes::ECLOSED, format!("{what} is closed")).operation(operation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::any::Any;
    use std::sync::atomic::AtomicUsize;

    /// Counts its closes.
    struct Counted(Arc<AtomicUsize>);

    impl Resource for Counted {
        fn name(&self) -> &'static str {
            "test.Counted"
        }
        fn detail(&self) -> String {
            String::new()
        }
        fn close(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    /// What [`close`] does, on a table outside an isolate.
    fn close_in(table: &mut ResourceTable, id: u64) -> bool {
        table
            .take(id)
            .map(|mut resource| resource.close())
            .is_some()
    }

    #[test]
    fn ids_are_never_reused_and_a_second_close_does_nothing() {
        let closes = Arc::new(AtomicUsize::new(0));
        let mut table = ResourceTable::default();
        let a = table.insert(Box::new(Counted(closes.clone())));
        let op = table.next_id();
        let b = table.insert(Box::new(Counted(closes.clone())));
        assert!(a < op && op < b);
        assert!(close_in(&mut table, a));
        assert!(!close_in(&mut table, a), "a second close is a no-op");
        assert_eq!(closes.load(Ordering::SeqCst), 1);
        let c = table.insert(Box::new(Counted(closes.clone())));
        assert!(c > b, "a closed id is not given again");
        assert!(table.get::<Counted>(b).is_some());
        assert!(table.get::<Counted>(a).is_none());
        let listed: Vec<u64> = table.list().map(|(id, ..)| id).collect();
        assert_eq!(listed, [b, c]);
    }

    #[test]
    fn dropping_the_table_closes_what_is_open() {
        let closes = Arc::new(AtomicUsize::new(0));
        let mut table = ResourceTable::default();
        for _ in 0..3 {
            table.insert(Box::new(Counted(closes.clone())));
        }
        close_in(&mut table, 2);
        assert_eq!(closes.load(Ordering::SeqCst), 1);
        drop(table);
        assert_eq!(closes.load(Ordering::SeqCst), 3, "each closed once");
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    }

    /// Lets every task run as far as it can without waiting on anything outside.
    fn settle(runtime: &tokio::runtime::Runtime) {
        runtime.block_on(async {
            for _ in 0..1000 {
                tokio::task::yield_now().await;
            }
        });
    }

    /// A producer of an endless stream that counts the chunks it made.
    fn counting_stream(read_ahead: usize, produced: Arc<AtomicUsize>) -> ChunkStream {
        ChunkStream::start(
            read_ahead,
            move || {
                let n = produced.fetch_add(1, Ordering::SeqCst);
                async move { Ok(Some(OpValue::Number(n as f64))) }
            },
            KodeError::new(codes::ECLOSED, "closed"),
        )
    }

    #[test]
    fn the_producer_stops_at_its_read_ahead_while_nobody_reads() {
        let runtime = runtime();
        let produced = Arc::new(AtomicUsize::new(0));
        let stream = runtime.block_on(async { counting_stream(4, produced.clone()) });
        settle(&runtime);
        // An unbounded producer would have made one chunk per yield.
        assert_eq!(produced.load(Ordering::SeqCst), 4);
        settle(&runtime);
        assert_eq!(produced.load(Ordering::SeqCst), 4);

        // Each chunk read makes room for exactly one more.
        for expected in 0..3 {
            match runtime.block_on(stream.read()) {
                Ok(OpValue::Number(n)) => assert_eq!(n, f64::from(expected)),
                other => panic!("unexpected {other:?}"),
            }
        }
        settle(&runtime);
        assert_eq!(produced.load(Ordering::SeqCst), 7);
    }

    #[test]
    fn without_read_ahead_only_what_is_asked_for_is_made() {
        let runtime = runtime();
        let produced = Arc::new(AtomicUsize::new(0));
        let stream = runtime.block_on(async { counting_stream(0, produced.clone()) });
        settle(&runtime);
        assert_eq!(produced.load(Ordering::SeqCst), 0);
        let reads = [stream.read(), stream.read()];
        for (expected, read) in reads.into_iter().enumerate() {
            match runtime.block_on(read) {
                Ok(OpValue::Number(n)) => assert_eq!(n, expected as f64),
                other => panic!("unexpected {other:?}"),
            }
        }
        settle(&runtime);
        assert_eq!(produced.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_closed_stream_stops_its_producer_and_fails_reads() {
        let runtime = runtime();
        let produced = Arc::new(AtomicUsize::new(0));
        let mut stream = runtime.block_on(async { counting_stream(2, produced.clone()) });
        settle(&runtime);
        let pending = stream.read();
        stream.close();
        let err = runtime.block_on(pending).unwrap_err();
        assert_eq!(err.code, codes::ECLOSED);
        settle(&runtime);
        let after = produced.load(Ordering::SeqCst);
        assert_eq!(
            after, 2,
            "nothing was read, so only the read-ahead was made"
        );
        // The reading end stays; the producer is gone, so nothing more comes.
        assert!(runtime.block_on(stream.read()).is_err());
        settle(&runtime);
        assert_eq!(produced.load(Ordering::SeqCst), after);
    }

    /// A sink whose writer records what it wrote; a write of `b"fail"` fails,
    /// and a write waits `bytes[0]` scheduler turns first (later writes may
    /// be quicker than earlier ones).
    fn recording_sink(
        written: Arc<std::sync::Mutex<Vec<Vec<u8>>>>,
        dropped: Arc<AtomicUsize>,
    ) -> ChunkSink {
        struct OnDrop(Arc<AtomicUsize>);
        impl Drop for OnDrop {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let guard = OnDrop(dropped);
        ChunkSink::start(
            move |bytes: Vec<u8>| {
                let _held = &guard;
                let written = written.clone();
                async move {
                    for _ in 0..bytes.first().copied().unwrap_or(0) {
                        tokio::task::yield_now().await;
                    }
                    if bytes == b"fail" {
                        return Err(KodeError::new(codes::ENOSPC, "full"));
                    }
                    written.lock().unwrap().push(bytes);
                    Ok(())
                }
            },
            KodeError::new(codes::ECLOSED, "closed"),
        )
    }

    #[test]
    fn writes_happen_in_call_order_and_settle_with_their_count() {
        let runtime = runtime();
        let written = Arc::default();
        let dropped = Arc::new(AtomicUsize::new(0));
        let sink =
            runtime.block_on(async { recording_sink(Arc::clone(&written), dropped.clone()) });
        // Made in this order; awaited in the reverse one.
        let writes: Vec<_> = [vec![9, 1], vec![1], b"fail".to_vec(), vec![5, 5, 5]]
            .into_iter()
            .map(|bytes| sink.write(bytes))
            .collect();
        let mut results: Vec<_> = writes
            .into_iter()
            .rev()
            .map(|write| runtime.block_on(write))
            .collect();
        results.reverse();
        let counts: Vec<_> = results
            .iter()
            .map(|result| match result {
                Ok(OpValue::Number(n)) => Ok(*n),
                Ok(other) => panic!("unexpected {other:?}"),
                Err(err) => Err(err.code.clone()),
            })
            .collect();
        assert_eq!(
            counts,
            [Ok(2.0), Ok(1.0), Err("ENOSPC".to_string()), Ok(3.0)]
        );
        assert_eq!(
            *written.lock().unwrap(),
            [vec![9, 1], vec![1], vec![5, 5, 5]]
        );
    }

    #[test]
    fn a_closed_sink_finishes_what_was_written_and_takes_no_more() {
        let runtime = runtime();
        let written = Arc::default();
        let dropped = Arc::new(AtomicUsize::new(0));
        let mut sink =
            runtime.block_on(async { recording_sink(Arc::clone(&written), dropped.clone()) });
        let before = sink.write(vec![3, 3]);
        sink.close();
        let after = sink.write(vec![4]);
        assert!(matches!(runtime.block_on(before), Ok(OpValue::Number(n)) if n == 2.0));
        assert_eq!(runtime.block_on(after).unwrap_err().code, codes::ECLOSED);
        assert_eq!(*written.lock().unwrap(), [vec![3, 3]]);
        // The writer ended and let go of what it held (a file's descriptor).
        settle(&runtime);
        assert_eq!(dropped.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_finished_stream_reads_null_after_its_chunks() {
        let runtime = runtime();
        let mut left = 2;
        let stream = runtime.block_on(async {
            ChunkStream::start(
                8,
                move || {
                    let chunk = (left > 0).then(|| OpValue::Number(f64::from(left)));
                    left -= 1;
                    async move { Ok(chunk) }
                },
                KodeError::new(codes::ECLOSED, "closed"),
            )
        });
        let mut seen = Vec::new();
        loop {
            match runtime.block_on(stream.read()).unwrap() {
                OpValue::Number(n) => seen.push(n),
                OpValue::Null => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(seen, [2.0, 1.0]);
        assert!(matches!(runtime.block_on(stream.read()), Ok(OpValue::Null)));
    }

    /// A stream of `pieces`, then the end (`endless`: the last piece forever).
    fn bytes_stream(pieces: Vec<Vec<u8>>, endless: bool) -> ChunkStream {
        let mut pieces = pieces.into_iter();
        let mut last = Vec::new();
        ChunkStream::start(
            0,
            move || {
                let next = pieces.next().inspect(|piece| last = piece.clone());
                let chunk = next.or_else(|| endless.then(|| last.clone()));
                async move { Ok(chunk.map(OpValue::Bytes)) }
            },
            KodeError::new(codes::ECLOSED, "closed"),
        )
    }

    #[test]
    fn read_all_joins_the_chunks_and_fails_once_closed() {
        let runtime = runtime();
        let stream =
            runtime.block_on(async { bytes_stream(vec![vec![1, 2], vec![], vec![3]], false) });
        match runtime.block_on(stream.read_all()) {
            Ok(OpValue::Bytes(all)) => assert_eq!(all, [1, 2, 3]),
            other => panic!("unexpected {other:?}"),
        }
        let mut endless = runtime.block_on(async { bytes_stream(vec![vec![7; 100]], true) });
        let pending = endless.read_all();
        endless.close();
        assert_eq!(runtime.block_on(pending).unwrap_err().code, codes::ECLOSED);
        let numbers = runtime.block_on(async { counting_stream(0, Arc::default()) });
        let err = runtime.block_on(numbers.read_all()).unwrap_err();
        assert_eq!(err.code, codes::EINVALID_ARG);
    }
}
