//! `kode:net` (SPEC §4.5): TCP sockets and listeners on `tokio::net`, TLS on
//! rustls (`crate::tls`), in the shape of the WinterTC Sockets API
//! (`connect` returns a socket at once; its `opened` settles later).
//!
//! - `connect.rs`: `net_connect` (DNS, TCP, and the TLS handshake when asked);
//! - `listen.rs`: `net_listen` binds at once, `net_accept` takes the next
//!   connection (after its TLS handshake, for a TLS listener);
//! - `socket.rs`: the open connection as a resource (a chunk stream for
//!   reads, a chunk sink for writes);
//! - `ops.rs`: `net_shutdown` (half-close), `net_start_tls` (STARTTLS) and
//!   `net_close`, which settles once the descriptor is closed;
//! - `client.rs`: addresses, ALPN lists and the TLS client handshake.
//!
//! The module's JavaScript is `net.js` (public specifier `kode:net`),
//! compiled on first import.

mod client;
mod connect;
mod listen;
mod ops;
mod socket;

use super::extension::{ops, Extension, Script};
use connect::op_net_connect;
use listen::{op_net_accept, op_net_listen};
use ops::{op_net_close, op_net_shutdown, op_net_start_tls};

pub const EXTENSION: Extension = Extension {
    name: "net",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:net",
        source: include_str!("net.js"),
    }],
    ops: ops![
        op_net_connect,
        op_net_listen,
        op_net_accept,
        op_net_close,
        op_net_shutdown,
        op_net_start_tls,
    ],
    state: None,
};

#[cfg(test)]
mod tests;
