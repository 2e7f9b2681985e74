//! `kode:net.connect`: resolve the host name, connect to the first address
//! that accepts, and run the TLS handshake when asked.

use std::net::SocketAddr;
use std::sync::Arc;

use rustls::pki_types::ServerName;
use rustls::ClientConfig;
use tokio::net::TcpStream;

use super::client::{alpn_list, client_config, display_address, server_name, tls_client};
use super::socket::{failure, net_error, opened, BoxIo, Socket, Tracked};
use crate::error::{codes, KodeError};
use crate::ext::args::op;
use crate::state::state;
use crate::value::OpValue;

pub const CONNECT: &str = "kode:net.connect";

/// The addresses `hostname` resolves to (`ENOTFOUND` when none).
pub async fn resolve(
    hostname: &str,
    port: u16,
    operation: &str,
    address: &str,
) -> Result<Vec<SocketAddr>, KodeError> {
    let not_found = |detail: String| failure(codes::ENOTFOUND, &detail, operation, address);
    let found: Vec<SocketAddr> = tokio::net::lookup_host((hostname, port))
        .await
        .map_err(|err| not_found(kode_pack::fs::io_detail(&err)))?
        .collect();
    if found.is_empty() {
        return Err(not_found(format!("{hostname} has no address")));
    }
    Ok(found)
}

/// Connects to `hostname:port` (each address in turn; the last failure is
/// the error), then shakes hands over TLS when `tls` has a configuration.
async fn connect(
    hostname: String,
    port: u16,
    address: String,
    tls: Option<(Arc<ClientConfig>, ServerName<'static>)>,
) -> Result<OpValue, KodeError> {
    let mut last = None;
    let mut stream = None;
    for addr in resolve(&hostname, port, CONNECT, &address).await? {
        match TcpStream::connect(addr).await {
            Ok(connected) => {
                stream = Some(connected);
                break;
            }
            Err(err) => last = Some(err),
        }
    }
    let stream = match (stream, last) {
        (Some(stream), _) => stream,
        (None, Some(err)) => return Err(net_error(&err, CONNECT, &address)),
        (None, None) => unreachable!("resolve gives at least one address"),
    };
    // Small writes of request/response protocols go out at once.
    let _ = stream.set_nodelay(true);
    let on_err = |err: std::io::Error| net_error(&err, CONNECT, &address);
    let peers = (
        stream.peer_addr().map_err(on_err)?.to_string(),
        stream.local_addr().map_err(on_err)?.to_string(),
    );
    let (tracked, released) = Tracked::new(stream);
    let io: BoxIo = Box::new(tracked);
    let (io, alpn) = match tls {
        Some((config, name)) => tls_client(io, config, name, CONNECT, &address).await?,
        None => (io, None),
    };
    let socket = Socket::start(CONNECT, address, peers, io, Some(released));
    Ok(opened(socket, alpn))
}

op! {
    /// `net_connect(opId, hostname, port, tls, serverName, caCerts, alpn)`:
    /// op `opId` resolves with `[rid, remoteAddress, localAddress, alpn]`
    /// once connected (and, with `tls`, once the handshake is done: the
    /// server's certificate must be valid for `serverName`, default the host
    /// name, and chain to a system root or to one of `caCerts`, PEM).
    fn op_net_connect<'s>(
        scope,
        id: u64,
        hostname: String,
        port: u32,
        tls: bool,
        name: Option<String>,
        ca_certs: Option<String>,
        alpn: Option<v8::Local<'s, v8::Array>>,
    ) as "kode:net.connect" -> Result<(), KodeError> {
        let port = u16::try_from(port).map_err(|_| {
            KodeError::type_error(codes::EINVALID_ARG, format!("{CONNECT}: port {port} is out of range"))
                .operation(CONNECT)
        })?;
        let address = display_address(&hostname, port);
        let alpn = alpn_list(scope, alpn)?;
        let tls = if tls {
            let name = server_name(name.as_deref().unwrap_or(&hostname), CONNECT)?;
            Some((client_config(ca_certs, alpn, CONNECT, &address)?, name))
        } else {
            None
        };
        state(scope).borrow_mut().tasks.spawn(id, connect(hostname, port, address, tls));
        Ok(())
    }
}
