//! `Kode.serve` (SPEC §4.7): hyper's HTTP/1.1 and HTTP/2 server (HTTP/2
//! over TLS through ALPN, or h2c with prior knowledge) on the ops' Tokio
//! runtime, TLS by rustls.
//!
//! The server is a resource. Its accept loop runs as a detached task; each
//! request becomes a [`Pending`] in a bounded queue (a full queue stops the
//! connections from reading more: backpressure when JavaScript is slow),
//! and `http_serve_next` hands JavaScript every request queued at that
//! moment in one batch, each as a `ServedRequest` resource that holds the
//! way back to hyper. Shutting down stops accepting, lets the connections
//! finish the requests they carry (`drain.rs`), and then `http_serve_next`
//! resolves `null`.

use std::any::Any;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use smallvec::SmallVec;
use tokio::sync::{mpsc, oneshot};

use super::body::{collect, incoming_stream, Body, BodyErrors};
use super::coarse_timer::CoarseTimer;
use super::drain::Drain;
use super::headers::{byte_string, latin1, write_header_block, Words};
use crate::error::{codes, io_code, KodeError};
use crate::resources::{ChunkFuture, ChunkStream, NewResource, Resource};
use crate::value::{InsertResource, OpValue, ToJs};

pub const SERVE: &str = "Kode.serve";

/// Requests waiting for JavaScript, at most; then connections wait.
const QUEUE: usize = 1024;

/// The most requests one `http_serve_next` hands over.
const BATCH: usize = 128;

/// Fields of one request in `http_serve_next`'s flat result.
pub const FIELDS: usize = 7;

pub type Responder = oneshot::Sender<hyper::Response<Body>>;

/// A request on its way to JavaScript, boxed: the queue, the batch and
/// the futures between move a pointer (callgrind: ~1% fewer instructions
/// per request than moving the ~150 bytes).
type Queued = Box<Pending>;

/// A request on its way to JavaScript, its head copied out of hyper's
/// parts when hyper hands the request over (see [`Pending::new`]).
struct Pending {
    method: http::Method,
    /// The URL, then the headers as `write_header_block` writes them.
    head: Vec<u8>,
    /// Where the URL ends in `head`, and where its path starts.
    url_end: usize,
    path_start: usize,
    body: Option<Incoming>,
    respond: Responder,
    remote: Remote,
}

impl Pending {
    /// The request for the queue, and where its response will come from.
    ///
    /// The URL and headers are copied now, and hyper's parts dropped: they
    /// share hyper's read buffer, and hyper reads ahead (to see a client
    /// go away) before the request's future first runs. While anything
    /// shares the buffer, that read allocates a fresh 8 KiB one; once the
    /// parts are gone it reuses its own. One small copy per request saves
    /// an 8 KiB allocation and free.
    fn new(
        request: hyper::Request<Incoming>,
        site: &Site,
        remote: Remote,
    ) -> (Queued, oneshot::Receiver<hyper::Response<Body>>) {
        use http_body::Body as _;
        let (parts, body) = request.into_parts();
        // The URL's bytes (a Host header's are latin1, as every header value).
        let addr;
        let host = if let Some(authority) = parts.uri.authority() {
            authority.as_str().as_bytes()
        } else if let Some(host) = parts.headers.get(http::header::HOST) {
            host.as_bytes()
        } else {
            addr = site.addr.to_string();
            addr.as_bytes()
        };
        let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let block: usize = (parts.headers.iter())
            .map(|(name, value)| name.as_str().len() + value.len() + 2)
            .sum();
        let mut head = Vec::with_capacity(site.scheme.len() + 3 + host.len() + path.len() + block);
        head.extend_from_slice(site.scheme.as_bytes());
        head.extend_from_slice(b"://");
        head.extend_from_slice(host);
        let path_start = head.len();
        head.extend_from_slice(path.as_bytes());
        let url_end = head.len();
        write_header_block(&parts.headers, &mut head);
        let (respond, response) = oneshot::channel();
        let pending = Box::new(Pending {
            method: parts.method,
            head,
            url_end,
            path_start,
            body: (!body.is_end_stream()).then_some(body),
            respond,
            remote,
        });
        (pending, response)
    }
}

/// What every URL of a server starts with.
struct Site {
    scheme: &'static str,
    addr: SocketAddr,
}

/// The client's address, its host written once per connection.
#[derive(Clone)]
struct Remote {
    host: Arc<str>,
    port: u16,
}

/// A listening server.
pub struct Server {
    pub addr: SocketAddr,
    /// `http://host:port/` (or `https:`): what `Kode.activeOperations()` shows.
    url: String,
    queue: Arc<tokio::sync::Mutex<mpsc::Receiver<Queued>>>,
    stop: Mutex<Option<oneshot::Sender<()>>>,
}

impl Server {
    /// Stops accepting; the connections finish what they carry.
    pub fn shutdown(&self) {
        if let Some(stop) = self.stop.lock().expect("not poisoned").take() {
            let _ = stop.send(());
        }
    }

    /// The next batch of requests, flat (`FIELDS` values each), or `null`
    /// once the server has shut down and every connection is done.
    pub fn next(
        &self,
    ) -> impl std::future::Future<Output = Result<OpValue, KodeError>> + Send + 'static {
        let queue = self.queue.clone();
        async move {
            let first = queue.lock().await.recv().await;
            let Some(first) = first else {
                return Ok(OpValue::Null);
            };
            Ok(OpValue::Native(Box::new(Batch { first, queue })))
        }
    }
}

/// Requests for JavaScript: the first, and the others queued by the time
/// the JS thread takes them, written into V8 values one by one (no list
/// of requests between: a batch's worth of memory allocated and freed at
/// once undoes malloc's per-thread caches).
struct Batch {
    first: Queued,
    queue: Arc<tokio::sync::Mutex<mpsc::Receiver<Queued>>>,
}

impl ToJs for Batch {
    /// Flat: `[rid, method, url, headers, hasBody, remoteHost, remotePort]`
    /// for each request (the headers as `write_header_block` writes them).
    fn to_js<'s>(
        self: Box<Self>,
        scope: &mut v8::PinScope<'s, '_>,
        insert: InsertResource,
    ) -> v8::Local<'s, v8::Value> {
        let Batch { first, queue } = *self;
        // On the stack for up to 36 requests.
        let mut out = SmallVec::<[v8::Local<v8::Value>; 256]>::new();
        let mut scratch = Scratch {
            words: Words::of(scope),
            host: None,
        };
        push_request(scope, insert, &mut out, &mut scratch, first);
        // Nothing else takes from the queue: `http_serve_next` runs one
        // at a time, and this one's wait is over.
        if let Ok(mut queue) = queue.try_lock() {
            while out.len() < BATCH * FIELDS {
                let Ok(pending) = queue.try_recv() else { break };
                push_request(scope, insert, &mut out, &mut scratch, pending);
            }
        }
        v8::Array::new_with_elements(scope, &out).into()
    }
}

/// What a batch reuses from one request to the next.
struct Scratch<'s> {
    words: std::rc::Rc<Words>,
    /// The last client address written: most requests of a batch share it.
    host: Option<(Arc<str>, v8::Local<'s, v8::Value>)>,
}

impl Resource for Server {
    fn name(&self) -> &'static str {
        SERVE
    }

    fn detail(&self) -> String {
        self.url.clone()
    }

    fn close(&mut self) {
        self.shutdown();
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

// Boxed on purpose (see `Queued`), unboxed here at its last stop.
#[allow(clippy::boxed_local)]
fn push_request<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    insert: InsertResource,
    out: &mut SmallVec<[v8::Local<'s, v8::Value>; 256]>,
    scratch: &mut Scratch<'s>,
    pending: Queued,
) {
    let Pending {
        method,
        head,
        url_end,
        path_start,
        body,
        respond,
        remote,
    } = *pending;
    let url = &head[..url_end];
    let has_body = body.is_some();
    let body = match body {
        Some(incoming) => RequestBody::Unread(incoming),
        None => RequestBody::None,
    };
    // The resource's place; it is made last, from the moved parts.
    let at = out.len();
    out.push(v8::undefined(scope).into());
    out.push(scratch.words.method(scope, &method));
    out.push(byte_string(scope, url));
    out.push(byte_string(scope, &head[url_end..]));
    out.push(v8::Boolean::new(scope, has_body).into());
    let host = match &scratch.host {
        Some((text, host)) if *text == remote.host => *host,
        _ => {
            let host = byte_string(scope, remote.host.as_bytes());
            scratch.host = Some((remote.host.clone(), host));
            host
        }
    };
    out.push(host);
    out.push(v8::Number::new(scope, f64::from(remote.port)).into());
    // The head moves along for `detail` (its path), where a copy allocates.
    let request = ServedRequest {
        respond: Mutex::new(Respond::Waiting(respond)),
        body: Mutex::new(body),
        method,
        head,
        path: path_start..url_end,
    };
    out[at] = insert(scope, NewResource(Box::new(request)));
}

/// A served request's body: hyper's until JavaScript reads it (a body sent
/// back unread goes from hyper to hyper, without a copy), then chunks.
#[derive(Default)]
pub enum RequestBody {
    #[default]
    None,
    Unread(Incoming),
    Read(ChunkStream),
}

/// One request JavaScript is answering: the way back to hyper, and the
/// request body.
pub struct ServedRequest {
    respond: Mutex<Respond>,
    body: Mutex<RequestBody>,
    /// For `Kode.activeOperations()` (`GET /path`) and the errors of a
    /// body read, written out only then: the method, the URL as
    /// `head[..path.end]` and its path as `head[path]`.
    method: http::Method,
    head: Vec<u8>,
    path: std::ops::Range<usize>,
}

impl ServedRequest {
    /// The errors of a body read (they name the request's URL).
    fn body_errors(&self) -> BodyErrors {
        BodyErrors {
            operation: "Kode.serve request body",
            url: latin1(&self.head[..self.path.end]),
        }
    }

    /// The request body, unread, for a response that sends it back
    /// (`new Response(request.body)`): it no longer belongs to the request.
    pub fn take_body(&self) -> RequestBody {
        std::mem::take(&mut *self.body.lock().expect("not poisoned"))
    }

    /// The way back to hyper; `None` once the request was answered.
    pub fn take_responder(&self) -> Option<Responder> {
        let mut respond = self.respond.lock().expect("not poisoned");
        match std::mem::replace(&mut *respond, Respond::Answered) {
            Respond::Waiting(responder) => Some(responder),
            Respond::Watched(watch) => watch.take(),
            Respond::Answered => None,
        }
    }

    /// Resolves true when the client went away before the response was
    /// handed to it, false once it was.
    pub fn gone(
        &self,
    ) -> impl std::future::Future<Output = Result<OpValue, KodeError>> + Send + 'static {
        let mut respond = self.respond.lock().expect("not poisoned");
        let watch = match std::mem::replace(&mut *respond, Respond::Answered) {
            Respond::Waiting(responder) => {
                Some(Arc::new(Watch(Mutex::new((Some(responder), None)))))
            }
            Respond::Watched(watch) => Some(watch),
            Respond::Answered => None,
        };
        if let Some(watch) = &watch {
            *respond = Respond::Watched(watch.clone());
        }
        async move {
            let gone = match watch {
                Some(watch) => std::future::poll_fn(|cx| watch.poll_gone(cx)).await,
                None => false,
            };
            Ok(OpValue::Bool(gone))
        }
    }
}

/// Where a request's way back to hyper is.
enum Respond {
    Waiting(Responder),
    /// JavaScript asked whether the client goes away (`request.signal`):
    /// the responder is shared with that question.
    Watched(Arc<Watch>),
    Answered,
}

/// A responder someone watches, and that watcher's waker. A client that
/// goes away makes hyper drop the request's task, and with it the
/// receiving end of the responder: the responder sees itself closed.
struct Watch(Mutex<(Option<Responder>, Option<std::task::Waker>)>);

impl Watch {
    /// Takes the responder, telling the watcher the client was answered.
    fn take(&self) -> Option<Responder> {
        let mut watch = self.0.lock().expect("not poisoned");
        if let Some(waker) = watch.1.take() {
            waker.wake();
        }
        watch.0.take()
    }

    /// Ready true once the client went away unanswered, false once the
    /// responder was taken (answered, or the request closed).
    fn poll_gone(&self, cx: &mut std::task::Context) -> std::task::Poll<bool> {
        let mut watch = self.0.lock().expect("not poisoned");
        let Some(responder) = watch.0.as_mut() else {
            return std::task::Poll::Ready(false);
        };
        if responder.poll_closed(cx).is_ready() {
            return std::task::Poll::Ready(true);
        }
        watch.1 = Some(cx.waker().clone());
        std::task::Poll::Pending
    }
}

impl Resource for ServedRequest {
    fn name(&self) -> &'static str {
        "Kode.serve request"
    }

    fn detail(&self) -> String {
        let path = String::from_utf8_lossy(&self.head[self.path.clone()]);
        format!("{} {path}", self.method)
    }

    fn close(&mut self) {
        if let RequestBody::Read(mut stream) =
            std::mem::take(self.body.get_mut().expect("not poisoned"))
        {
            stream.close();
        }
        // Never answered: hyper's side of the channel answers 500.
        drop(self.take_responder());
    }

    fn read(&self) -> Option<ChunkFuture> {
        let mut body = self.body.lock().expect("not poisoned");
        // The first read turns hyper's body into chunks.
        *body = match std::mem::take(&mut *body) {
            RequestBody::Unread(incoming) => {
                RequestBody::Read(incoming_stream(incoming, None, 2, self.body_errors()))
            }
            other => other,
        };
        match &*body {
            RequestBody::Read(stream) => Some(stream.read()),
            _ => None,
        }
    }

    fn read_all(&self) -> Option<ChunkFuture> {
        let mut body = self.body.lock().expect("not poisoned");
        match std::mem::take(&mut *body) {
            // Unread: hyper's body straight into one buffer, no chunk stream.
            RequestBody::Unread(incoming) => Some(Box::pin(collect(incoming, self.body_errors()))),
            other => {
                *body = other;
                None
            }
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn plain_response(status: u16) -> hyper::Response<Body> {
    let mut response = hyper::Response::new(Body::empty());
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response
}

/// Binds `hostname:port` (port 0: any free port) and starts serving on the
/// I/O runtime through `spawn`. TLS when `tls` has a configuration.
pub fn listen(
    hostname: &str,
    port: u16,
    tls: Option<Arc<rustls::ServerConfig>>,
    spawn: impl FnOnce(
        std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>,
    ) -> Result<(), KodeError>,
) -> Result<Server, KodeError> {
    let bind_error = |err: std::io::Error| {
        let code = io_code(&err);
        KodeError::new(
            code,
            format!(
                "{code}: {}, {SERVE} {hostname}:{port}",
                kode_pack::fs::io_detail(&err)
            ),
        )
        .operation(SERVE)
        .field("hostname", hostname)
        .field("port", port.to_string())
    };
    let listener = std::net::TcpListener::bind((hostname, port)).map_err(bind_error)?;
    listener.set_nonblocking(true).map_err(bind_error)?;
    let addr = listener.local_addr().map_err(bind_error)?;
    let (sender, receiver) = mpsc::channel(QUEUE);
    let (stop, stopped) = oneshot::channel();
    let secure = tls.is_some();
    let site = Site {
        scheme: if secure { "https" } else { "http" },
        addr,
    };
    spawn(Box::pin(accept_loop(listener, tls, site, sender, stopped)))?;
    let host = match addr {
        SocketAddr::V6(v6) => format!("[{}]", v6.ip()),
        SocketAddr::V4(v4) => v4.ip().to_string(),
    };
    Ok(Server {
        addr,
        url: format!(
            "{}://{host}:{}/",
            if secure { "https" } else { "http" },
            addr.port()
        ),
        queue: Arc::new(tokio::sync::Mutex::new(receiver)),
        stop: Mutex::new(Some(stop)),
    })
}

async fn accept_loop(
    listener: std::net::TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    site: Site,
    queue: mpsc::Sender<Queued>,
    mut stopped: oneshot::Receiver<()>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    let drain = Arc::new(Drain::default());
    let mut builder = auto::Builder::new(TokioExecutor::new());
    // Not `pipeline_flush`: it lifts the write buffer's bound, and a body
    // streamed to a slow client would then pile up in memory.
    builder.http1().timer(CoarseTimer::new());
    builder.http2().timer(TokioTimer::new());
    let builder = Arc::new(builder);
    let site = Arc::new(site);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of descriptors, say: the next accept may work.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = &mut stopped => break,
        };
        let _ = stream.set_nodelay(true);
        let remote = Remote {
            host: remote.ip().to_string().into(),
            port: remote.port(),
        };
        let queue = queue.clone();
        let site = site.clone();
        let service = service_fn(move |request: hyper::Request<Incoming>| {
            // Now, not in the future: see `Pending::new`.
            let (pending, response) = Pending::new(request, &site, remote.clone());
            let queue = queue.clone();
            async move { Ok::<_, Infallible>(handle(queue, pending, response).await) }
        });
        let ticket = drain.enter();
        let builder = builder.clone();
        match &acceptor {
            None => {
                let connection = builder
                    .serve_connection(TokioIo::new(stream), service)
                    .into_owned();
                tokio::spawn(async move {
                    let _ = ticket.watch(connection).await;
                });
            }
            Some(acceptor) => {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    // A failed handshake concerns that client only.
                    let Ok(stream) = acceptor.accept(stream).await else {
                        return;
                    };
                    let connection = builder
                        .serve_connection(TokioIo::new(stream), service)
                        .into_owned();
                    let _ = ticket.watch(connection).await;
                });
            }
        }
    }
    drop(listener);
    drop(queue);
    drain.stop().await;
}

async fn handle(
    queue: mpsc::Sender<Queued>,
    pending: Queued,
    response: oneshot::Receiver<hyper::Response<Body>>,
) -> hyper::Response<Body> {
    // Room in the queue is the usual case: no permit to wait for.
    let full = match queue.try_send(pending) {
        Ok(()) => None,
        Err(mpsc::error::TrySendError::Full(pending)) => Some(pending),
        Err(mpsc::error::TrySendError::Closed(_)) => return plain_response(503),
    };
    if let Some(pending) = full {
        if queue.send(pending).await.is_err() {
            return plain_response(503);
        }
    }
    let response = response.await;
    // The program never answered (it closed the request, or exited).
    response.unwrap_or_else(|_| plain_response(500))
}

/// The code for a response JavaScript could not build.
pub fn bad_response(message: String) -> KodeError {
    KodeError::type_error(codes::EINVALID_ARG, message).operation(SERVE)
}
