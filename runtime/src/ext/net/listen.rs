//! `kode:net.listen`: a TCP listener, bound at once, held as a resource
//! ([`Listener`]); `net_accept` takes the next connection.
//!
//! A TLS listener runs each handshake as a task of its own, so a slow or
//! silent client does not hold back the next: `net_accept` resolves with
//! the first connection whose handshake is done. A connection whose
//! handshake fails (a client that rejects the certificate, a client that is
//! not TLS) is dropped; `accept` waits for the next. Handshakes still
//! running when the listener closes are dropped with it.

use std::any::Any;
use std::net::ToSocketAddrs;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch, Mutex};
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

use super::client::{alpn_list, display_address};
use super::socket::{failure, net_error, opened, stopped, BoxIo, Socket, Tracked};
use crate::error::{codes, KodeError};
use crate::ext::args::op;
use crate::resources::{table, Resource};
use crate::state::state;
use crate::value::OpValue;

pub const LISTEN: &str = "kode:net.listen";
const ACCEPT: &str = "kode:net.Listener.accept";
/// What `Kode.activeOperations()` calls an accepted connection.
const ACCEPTED: &str = "kode:net.accept";

/// A handshake's result: the socket and its ALPN protocol, `None` when it failed.
type Handshake = Option<(Socket, Option<Vec<u8>>)>;

struct Shared {
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    handshakes: Mutex<JoinSet<Handshake>>,
    stop: watch::Sender<bool>,
    /// Dropped with the listening socket, which closes it.
    _released: oneshot::Sender<()>,
}

/// A listening socket.
pub struct Listener {
    address: String,
    shared: Arc<Shared>,
    released: std::sync::Mutex<Option<oneshot::Receiver<()>>>,
}

impl Listener {
    /// What resolves once the listening socket is closed (taken once).
    pub fn released(&self) -> Option<oneshot::Receiver<()>> {
        self.released
            .lock()
            .ok()
            .and_then(|mut released| released.take())
    }
}

impl Resource for Listener {
    fn name(&self) -> &'static str {
        LISTEN
    }

    fn detail(&self) -> String {
        self.address.clone()
    }

    /// Pending accepts reject with `ECLOSED`; the socket closes once they let go.
    fn close(&mut self) {
        self.shared.stop.send_replace(true);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn closed(address: &str) -> KodeError {
    failure(codes::ECLOSED, "the listener is closed", ACCEPT, address)
}

/// Binds the first of `hostname`'s addresses that can be bound.
fn bind(hostname: &str, port: u16, address: &str) -> Result<std::net::TcpListener, KodeError> {
    let addrs = (hostname, port).to_socket_addrs().map_err(|err| {
        failure(
            codes::ENOTFOUND,
            &kode_pack::fs::io_detail(&err),
            LISTEN,
            address,
        )
    })?;
    let mut last = None;
    for addr in addrs {
        match std::net::TcpListener::bind(addr) {
            Ok(listener) => return Ok(listener),
            Err(err) => last = Some(err),
        }
    }
    Err(match last {
        Some(err) => net_error(&err, LISTEN, address),
        None => failure(
            codes::ENOTFOUND,
            &format!("{hostname} has no address"),
            LISTEN,
            address,
        ),
    })
}

/// The next connection: `[rid, remoteAddress, localAddress, alpn]`.
async fn accept(shared: Arc<Shared>, address: String) -> Result<OpValue, KodeError> {
    let mut handshakes = tokio::select! {
        biased;
        () = stopped(&shared.stop) => return Err(closed(&address)),
        handshakes = shared.handshakes.lock() => handshakes,
    };
    loop {
        tokio::select! {
            biased;
            () = stopped(&shared.stop) => return Err(closed(&address)),
            Some(done) = handshakes.join_next(), if !handshakes.is_empty() => {
                if let Ok(Some((socket, alpn))) = done {
                    return Ok(opened(socket, alpn));
                }
            }
            accepted = shared.listener.accept() => {
                let (stream, peer) = accepted.map_err(|err| net_error(&err, ACCEPT, &address))?;
                let _ = stream.set_nodelay(true);
                let local = stream
                    .local_addr()
                    .map_err(|err| net_error(&err, ACCEPT, &address))?;
                let peers = (peer.to_string(), local.to_string());
                let (tracked, released) = Tracked::new(stream);
                let io: BoxIo = Box::new(tracked);
                let Some(acceptor) = shared.tls.clone() else {
                    let socket = Socket::start(ACCEPTED, peers.0.clone(), peers, io, Some(released));
                    return Ok(opened(socket, None));
                };
                handshakes.spawn(async move {
                    let tls = acceptor.accept(io).await.ok()?;
                    let alpn = tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
                    let socket = Socket::start(ACCEPTED, peers.0.clone(), peers, Box::new(tls), Some(released));
                    Some((socket, alpn))
                });
            }
        }
    }
}

op! {
    /// `net_listen(hostname, port, cert, key, alpn)` → `[rid, hostname, port]`:
    /// binds at once (port 0: a free one, which the result names); with
    /// `cert` and `key` (PEM) connections are TLS, offering `alpn`.
    fn op_net_listen<'s>(
        scope,
        hostname: String,
        port: u32,
        cert: Option<String>,
        key: Option<String>,
        alpn: Option<v8::Local<'s, v8::Array>>,
    ) as "kode:net.listen" -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let port = u16::try_from(port).map_err(|_| {
            KodeError::type_error(codes::EINVALID_ARG, format!("{LISTEN}: port {port} is out of range"))
                .operation(LISTEN)
        })?;
        let requested = display_address(&hostname, port);
        let alpn = alpn_list(scope, alpn)?;
        let tls = match (cert, key) {
            (Some(cert), Some(key)) => {
                let alpn: Vec<&[u8]> = alpn.iter().map(Vec::as_slice).collect();
                let config = crate::tls::server_config(&cert, &key, &alpn)
                    .map_err(|err| failure(&err.code, &err.message, LISTEN, &requested))?;
                Some(TlsAcceptor::from(config))
            }
            (None, None) => None,
            _ => {
                return Err(KodeError::type_error(
                    codes::EINVALID_ARG,
                    format!("{LISTEN}: tls needs both cert and key"),
                )
                .operation(LISTEN))
            }
        };
        let bound = bind(&hostname, port, &requested)?;
        let local = bound
            .local_addr()
            .and_then(|local| bound.set_nonblocking(true).map(|()| local))
            .map_err(|err| net_error(&err, LISTEN, &requested))?;
        let listener = {
            let state = state(scope);
            let mut state = state.borrow_mut();
            let _runtime = state.tasks.enter()?;
            TcpListener::from_std(bound).map_err(|err| net_error(&err, LISTEN, &requested))?
        };
        let (sender, receiver) = oneshot::channel();
        let address = local.to_string();
        let host = local.ip().to_string();
        let resource = Listener {
            address,
            shared: Arc::new(Shared {
                listener,
                tls,
                handshakes: Mutex::new(JoinSet::new()),
                stop: watch::Sender::new(false),
                _released: sender,
            }),
            released: std::sync::Mutex::new(Some(receiver)),
        };
        let rid = table(scope).borrow_mut().insert(Box::new(resource));
        let items = [
            v8::Number::new(scope, rid as f64).into(),
            crate::v8_util::v8_str(scope, &host).into(),
            v8::Number::new(scope, f64::from(local.port())).into(),
        ];
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}

op! {
    /// `net_accept(opId, rid)`: op `opId` resolves with the next connection
    /// of listener `rid` (`[rid, remoteAddress, localAddress, alpn]`), or
    /// rejects with `ECLOSED` once the listener closes.
    fn op_net_accept<'s>(scope, id: u64, rid: u64) -> Result<(), KodeError> {
        let (shared, address) = {
            let table = table(scope);
            let table = table.borrow();
            let listener = table.get::<Listener>(rid).ok_or_else(|| {
                KodeError::new(codes::ECLOSED, format!("resource {rid} is not an open listener"))
                    .operation(ACCEPT)
            })?;
            (listener.shared.clone(), listener.address.clone())
        };
        state(scope).borrow_mut().tasks.spawn(id, accept(shared, address));
        Ok(())
    }
}
