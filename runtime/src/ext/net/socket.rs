//! An open TCP (or TLS) connection, held as a resource ([`Socket`]).
//!
//! The connection is split into a read half, streamed through a
//! [`ChunkStream`] (the host reads at most [`READ_AHEAD`] chunks ahead of
//! the program), and a write half that takes the program's writes through a
//! [`ChunkSink`], one at a time in call order. Both halves wrap a [`Tracked`]
//! TCP stream, which says when it is dropped: `net_close` settles only once
//! the descriptor is really closed, so a program that awaits `closed` can
//! count its descriptors.
//!
//! Closing the socket stops the reading, fails the writes still queued
//! (`ECLOSED`) and drops the connection. [`Socket::shutdown`] ends the
//! writing (TCP FIN, after a TLS close_notify) once the queued writes are
//! out, and leaves the reading as it is. [`Socket::detach`] takes the
//! connection out, for STARTTLS to give it to a new socket.

use std::any::Any;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf, ReadHalf, WriteHalf};
use tokio::net::TcpStream;
use tokio::sync::{oneshot, watch, Mutex};

use crate::error::{codes, KodeError};
use crate::resources::{ChunkFuture, ChunkSink, ChunkStream, NewResource, Resource};
use crate::value::OpValue;

/// The most a read delivers at once...
const CHUNK: usize = 64 * 1024;

/// ...and how many chunks the host reads before the program asks for them.
pub const READ_AHEAD: usize = 4;

pub const READ: &str = "kode:net.Socket.read";
pub const WRITE: &str = "kode:net.Socket.write";
pub const START_TLS: &str = "kode:net.Socket.startTls";
pub const SHUTDOWN: &str = "kode:net.Socket.shutdown";

/// Anything a socket can run over: TCP, or TLS over TCP.
pub trait Io: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Io for T {}

pub type BoxIo = Box<dyn Io>;

/// A TCP stream that tells, by dropping its sender, that its descriptor is closed.
pub struct Tracked {
    stream: TcpStream,
    _released: oneshot::Sender<()>,
}

impl Tracked {
    /// The stream, and what resolves once it is dropped (closed).
    pub fn new(stream: TcpStream) -> (Tracked, oneshot::Receiver<()>) {
        let (sender, receiver) = oneshot::channel();
        (
            Tracked {
                stream,
                _released: sender,
            },
            receiver,
        )
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// An error of the connection to `address`, worded like a file's:
/// `ECONNRESET: connection reset by peer, kode:net.Socket.read 127.0.0.1:8080`.
/// TLS failures are `ECERT` or `ETLS` (`crate::tls::error_code`).
pub fn net_error(err: &io::Error, operation: &str, address: &str) -> KodeError {
    let code = crate::tls::error_code(err);
    let detail = kode_pack::fs::io_detail(err);
    failure(code, &detail, operation, address)
}

/// An error with `code`, its `operation` and the `address` it concerns.
pub fn failure(code: &str, detail: &str, operation: &str, address: &str) -> KodeError {
    KodeError::new(code, format!("{code}: {detail}, {operation} {address}"))
        .operation(operation)
        .field("address", address)
}

fn closed_error(operation: &str, address: &str) -> KodeError {
    failure(codes::ECLOSED, "the socket is closed", operation, address)
}

/// What the socket's tasks share.
struct Conn {
    reader: Mutex<Option<ReadHalf<BoxIo>>>,
    writer: Mutex<Option<WriteHalf<BoxIo>>>,
    /// True once the socket is closed: queued writes fail at once.
    stop: watch::Sender<bool>,
    /// Resolves once the connection's descriptor is closed.
    released: std::sync::Mutex<Option<oneshot::Receiver<()>>>,
    /// The connection moves to another socket (`startTls`): closing this
    /// one must not stop it.
    moving: AtomicBool,
}

/// Resolves once `stop` is true (or gone).
pub async fn stopped(stop: &watch::Sender<bool>) {
    let mut watching = stop.subscribe();
    let _ = watching.wait_for(|stopped| *stopped).await;
}

/// An open connection.
pub struct Socket {
    name: &'static str,
    address: String,
    /// The peer's and our own `host:port`, for `opened`.
    remote: String,
    local: String,
    conn: Arc<Conn>,
    stream: ChunkStream,
    sink: ChunkSink,
}

impl Socket {
    /// Starts the reading and the writing of `io`; must run inside the Tokio
    /// runtime. `name` is what `Kode.activeOperations()` lists
    /// (`kode:net.connect`, `kode:net.accept`), `address` its detail.
    pub fn start(
        name: &'static str,
        address: String,
        (remote, local): (String, String),
        io: BoxIo,
        released: Option<oneshot::Receiver<()>>,
    ) -> Socket {
        let (reader, writer) = tokio::io::split(io);
        let conn = Arc::new(Conn {
            reader: Mutex::new(Some(reader)),
            writer: Mutex::new(Some(writer)),
            stop: watch::Sender::new(false),
            released: std::sync::Mutex::new(released),
            moving: AtomicBool::new(false),
        });
        let stream = ChunkStream::start(
            READ_AHEAD,
            read_chunk(conn.clone(), address.clone()),
            closed_error(READ, &address),
        );
        let sink = ChunkSink::start(
            write_chunk(conn.clone(), address.clone()),
            closed_error(WRITE, &address),
        );
        Socket {
            name,
            address,
            remote,
            local,
            conn,
            stream,
            sink,
        }
    }
}

impl Socket {
    /// What resolves once the descriptor is closed (given once).
    pub fn released(&self) -> Option<oneshot::Receiver<()>> {
        self.conn
            .released
            .lock()
            .ok()
            .and_then(|mut released| released.take())
    }

    /// Ends the writing once the writes made before are out: a TLS
    /// close_notify, then TCP FIN. The reading goes on.
    pub fn shutdown(&self) -> impl Future<Output = Result<OpValue, KodeError>> + Send + 'static {
        let (conn, address) = (self.conn.clone(), self.address.clone());
        let flushed = self.sink.write(Vec::new());
        async move {
            flushed.await?;
            let shutdown = async {
                let mut writer = conn.writer.lock().await;
                match writer.as_mut() {
                    Some(writer) => writer
                        .shutdown()
                        .await
                        .map_err(|err| net_error(&err, SHUTDOWN, &address)),
                    None => Ok(()),
                }
            };
            tokio::select! {
                biased;
                () = stopped(&conn.stop) => Err(closed_error(SHUTDOWN, &address)),
                done = shutdown => done.map(|()| OpValue::Undefined),
            }
        }
    }

    /// Hands the connection over to another socket (STARTTLS): closing this
    /// one then leaves the connection alone. The future gives it back once
    /// the writes made before are out and this socket's tasks let go of it;
    /// bytes read ahead and not yet delivered are dropped.
    pub fn detach(&self) -> impl Future<Output = Result<Detached, KodeError>> + Send + 'static {
        self.conn.moving.store(true, Ordering::Release);
        let (conn, name, address) = (self.conn.clone(), self.name, self.address.clone());
        let peers = (self.remote.clone(), self.local.clone());
        let flushed = self.sink.write(Vec::new());
        async move {
            flushed.await?;
            // The stream's producer lets go of the read half when its task ends.
            let reader = conn.reader.lock().await.take();
            let writer = conn.writer.lock().await.take();
            let (Some(reader), Some(writer)) = (reader, writer) else {
                return Err(closed_error(START_TLS, &address));
            };
            let released = conn
                .released
                .lock()
                .ok()
                .and_then(|mut released| released.take());
            Ok(Detached {
                io: reader.unsplit(writer),
                released,
                name,
                address,
                peers,
            })
        }
    }
}

/// A connection taken out of a socket ([`Socket::detach`]), with what
/// [`Socket::start`] needs to make a new one of it.
pub struct Detached {
    pub io: BoxIo,
    pub released: Option<oneshot::Receiver<()>>,
    pub name: &'static str,
    pub address: String,
    pub peers: (String, String),
}

type Produced = Pin<Box<dyn Future<Output = Result<Option<OpValue>, KodeError>> + Send>>;

type Consumed = Pin<Box<dyn Future<Output = Result<(), KodeError>> + Send>>;

/// The stream's producer: the next chunk the peer sent, `None` at its end.
/// A TLS peer that closes without close_notify ends the stream as TCP would.
fn read_chunk(conn: Arc<Conn>, address: String) -> impl FnMut() -> Produced + Send + 'static {
    move || {
        let (conn, address) = (conn.clone(), address.clone());
        Box::pin(async move {
            let mut reader = conn.reader.lock().await;
            let Some(reader) = reader.as_mut() else {
                return Ok(None);
            };
            let mut buf = vec![0; CHUNK];
            let n = match reader.read(&mut buf).await {
                Ok(n) => n,
                Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => 0,
                Err(err) => return Err(net_error(&err, READ, &address)),
            };
            if n == 0 {
                return Ok(None);
            }
            buf.truncate(n);
            if n < CHUNK / 4 {
                // A few bytes should not hold a whole chunk's memory.
                buf.shrink_to_fit();
            }
            Ok(Some(OpValue::Bytes(buf)))
        })
    }
}

/// The sink's writer: all of one chunk, flushed (TLS buffers records).
fn write_chunk(
    conn: Arc<Conn>,
    address: String,
) -> impl FnMut(Vec<u8>) -> Consumed + Send + 'static {
    move |bytes| {
        let (conn, address) = (conn.clone(), address.clone());
        Box::pin(async move {
            let write = async {
                let mut writer = conn.writer.lock().await;
                let writer = writer
                    .as_mut()
                    .ok_or_else(|| closed_error(WRITE, &address))?;
                let written = match writer.write_all(&bytes).await {
                    Ok(()) => writer.flush().await,
                    Err(err) => Err(err),
                };
                written.map_err(|err| net_error(&err, WRITE, &address))
            };
            tokio::select! {
                biased;
                () = stopped(&conn.stop) => Err(closed_error(WRITE, &address)),
                written = write => written,
            }
        })
    }
}

impl Resource for Socket {
    fn name(&self) -> &'static str {
        self.name
    }

    fn detail(&self) -> String {
        self.address.clone()
    }

    /// Stops the reading (pending reads reject with `ECLOSED`) and fails the
    /// writes still queued; the connection closes once its tasks let go.
    fn close(&mut self) {
        self.stream.close();
        self.sink.close();
        if !self.conn.moving.load(Ordering::Acquire) {
            self.conn.stop.send_replace(true);
        }
    }

    fn read(&self) -> Option<ChunkFuture> {
        Some(self.stream.read())
    }

    fn write(&self, bytes: Vec<u8>) -> Option<ChunkFuture> {
        Some(self.sink.write(bytes))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `[rid, remoteAddress, localAddress, alpn]`, what `connect`, `accept` and
/// `startTls` resolve with.
pub fn opened(socket: Socket, alpn: Option<Vec<u8>>) -> OpValue {
    let text = |text: &str| OpValue::text(text).unwrap_or(OpValue::Null);
    let alpn = match alpn {
        Some(protocol) => text(&String::from_utf8_lossy(&protocol)),
        None => OpValue::Null,
    };
    let (remote, local) = (text(&socket.remote), text(&socket.local));
    OpValue::Array(vec![
        OpValue::Resource(NewResource(Box::new(socket))),
        remote,
        local,
        alpn,
    ])
}
