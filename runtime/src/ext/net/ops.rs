//! The ops on an open socket: half-close, STARTTLS, and a close that
//! settles once the descriptor is closed (sockets and listeners alike).

use super::client::{alpn_list, client_config, server_name, tls_client};
use super::listen::Listener;
use super::socket::{opened, Detached, Socket, SHUTDOWN, START_TLS};
use crate::error::{codes, KodeError};
use crate::ext::args::op;
use crate::resources::{close, table};
use crate::state::state;
use crate::value::OpValue;

/// The open socket `rid`, or `ECLOSED` naming `operation`.
fn with_socket<T>(
    scope: &mut v8::PinScope,
    rid: u64,
    operation: &str,
    f: impl FnOnce(&Socket) -> T,
) -> Result<T, KodeError> {
    let table = table(scope);
    let table = table.borrow();
    let socket = table.get::<Socket>(rid).ok_or_else(|| {
        KodeError::new(
            codes::ECLOSED,
            format!("resource {rid} is not an open socket"),
        )
        .operation(operation)
    })?;
    Ok(f(socket))
}

op! {
    /// `net_close(opId, rid)`: closes socket or listener `rid`; op `opId`
    /// resolves once its descriptor is closed (at once when `rid` is not open).
    fn op_net_close<'s>(scope, id: u64, rid: u64) -> Result<(), KodeError> {
        let released = {
            let table = table(scope);
            let table = table.borrow();
            match table.get::<Socket>(rid) {
                Some(socket) => socket.released(),
                None => table.get::<Listener>(rid).and_then(Listener::released),
            }
        };
        close(scope, rid);
        state(scope).borrow_mut().tasks.spawn(id, async move {
            if let Some(released) = released {
                let _ = released.await;
            }
            Ok(OpValue::Undefined)
        });
        Ok(())
    }
}

op! {
    /// `net_shutdown(opId, rid)`: op `opId` resolves once the writes made
    /// before are out and the writing side is shut down (TLS close_notify,
    /// then TCP FIN); the reading goes on.
    fn op_net_shutdown<'s>(scope, id: u64, rid: u64) -> Result<(), KodeError> {
        let shutdown = with_socket(scope, rid, SHUTDOWN, Socket::shutdown)?;
        state(scope).borrow_mut().tasks.spawn(id, shutdown);
        Ok(())
    }
}

op! {
    /// `net_start_tls(opId, rid, serverName, caCerts, alpn)`: takes the
    /// connection of socket `rid` (which closes; see [`Socket::detach`]),
    /// runs a TLS client handshake over it for `serverName`, trusting the
    /// system roots plus `caCerts` (PEM), and resolves like `net_connect`
    /// with the new socket.
    fn op_net_start_tls<'s>(
        scope,
        id: u64,
        rid: u64,
        name: String,
        ca_certs: Option<String>,
        alpn: Option<v8::Local<'s, v8::Array>>,
    ) as "kode:net.Socket.startTls" -> Result<(), KodeError> {
        let alpn = alpn_list(scope, alpn)?;
        let tls_name = server_name(&name, START_TLS)?;
        let detached = with_socket(scope, rid, START_TLS, Socket::detach)?;
        close(scope, rid);
        state(scope).borrow_mut().tasks.spawn(id, async move {
            let Detached { io, released, name, address, peers } = detached.await?;
            let config = client_config(ca_certs, alpn, START_TLS, &address)?;
            let (tls, alpn) = tls_client(io, config, tls_name, START_TLS, &address).await?;
            Ok(opened(Socket::start(name, address, peers, tls, released), alpn))
        });
        Ok(())
    }
}
