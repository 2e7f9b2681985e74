//! The socket resource without V8: reads and writes through its chunk
//! stream and sink, half-close, closing with a write stuck on a peer that
//! does not read, the hand-over STARTTLS uses, TLS names and roots, and the
//! shape of errors.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::client::{client_config, display_address, server_name, tls_client};
use super::connect::resolve;
use super::socket::{net_error, Socket, Tracked, WRITE};
use crate::error::{codes, KodeError};
use crate::resources::Resource;
use crate::value::OpValue;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A socket over one end of a loopback connection, and the other end.
async fn pair() -> (Socket, TcpStream, tokio::sync::oneshot::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let peer = TcpStream::connect(listener.local_addr().unwrap())
        .await
        .unwrap();
    let (ours, remote) = listener.accept().await.unwrap();
    let peers = (remote.to_string(), ours.local_addr().unwrap().to_string());
    let (tracked, released) = Tracked::new(ours);
    let socket = Socket::start("test", remote.to_string(), peers, Box::new(tracked), None);
    (socket, peer, released)
}

async fn read(socket: &Socket) -> OpValue {
    socket
        .read()
        .expect("a socket delivers chunks")
        .await
        .unwrap()
}

#[test]
fn a_socket_streams_both_ways_and_half_closes() {
    runtime().block_on(async {
        let (mut socket, mut peer, released) = pair().await;
        let written = socket.write(b"ping".to_vec()).unwrap().await.unwrap();
        assert!(matches!(written, OpValue::Number(n) if n == 4.0));
        let mut got = [0; 4];
        peer.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"ping");

        // Our FIN reaches the peer; its data still reaches us.
        socket.shutdown().await.unwrap();
        assert_eq!(peer.read(&mut got).await.unwrap(), 0, "EOF after shutdown");
        peer.write_all(b"pong").await.unwrap();
        peer.shutdown().await.unwrap();
        let mut received = Vec::new();
        loop {
            match read(&socket).await {
                OpValue::Bytes(bytes) => received.extend(bytes),
                OpValue::Null => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(received, b"pong");

        socket.close();
        drop(socket);
        released
            .await
            .expect_err("the descriptor is closed: the sender is gone");
    });
}

#[test]
fn closing_fails_a_stuck_write_and_releases_the_descriptor() {
    runtime().block_on(async {
        let (mut socket, peer, released) = pair().await;
        // More than loopback buffers hold: the write waits for a reader that never comes.
        let stuck = socket.write(vec![7; 64 << 20]).unwrap();
        let stuck = tokio::spawn(stuck);
        for _ in 0..100 {
            tokio::task::yield_now().await;
        }
        assert!(!stuck.is_finished());
        socket.close();
        let err = stuck.await.unwrap().unwrap_err();
        assert_eq!(err.code, codes::ECLOSED);
        assert_eq!(err.operation.as_deref(), Some(WRITE));
        drop(socket);
        released.await.expect_err("the descriptor is closed");
        drop(peer);
    });
}

#[test]
fn detach_hands_the_connection_over_after_the_writes_made() {
    runtime().block_on(async {
        let (mut socket, mut peer, released) = pair().await;
        let first = socket.write(b"one ".to_vec()).unwrap();
        let detached = socket.detach();
        socket.close();
        first.await.unwrap();
        let mut moved = detached.await.unwrap();
        assert_eq!(moved.name, "test");
        moved.io.write_all(b"two").await.unwrap();
        let mut got = [0; 7];
        peer.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"one two");
        // Closing the old socket left the connection open; dropping it closes it.
        drop(socket);
        drop(moved);
        released
            .await
            .expect_err("closed once the new owner lets go");
    });
}

fn self_signed() -> (String, String) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    (cert.cert.pem(), cert.signing_key.serialize_pem())
}

/// A TLS handshake as a client of a server with a fresh self-signed
/// certificate for "localhost", trusting `ca_certs`; the ALPN protocol chosen.
fn handshake(ca_certs: Option<String>, name: &str) -> Result<Option<Vec<u8>>, KodeError> {
    let (cert, key) = self_signed();
    let server = crate::tls::server_config(&cert, &key, &[b"kode-test"]).unwrap();
    let ca_certs = ca_certs.map(|pem| if pem.is_empty() { cert.clone() } else { pem });
    runtime().block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let serve = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            // The client may refuse the certificate: that is the server's error too.
            let _ = tokio_rustls::TlsAcceptor::from(server).accept(stream).await;
        });
        let stream = TcpStream::connect(&address).await.unwrap();
        let config = client_config(ca_certs, vec![b"kode-test".to_vec()], "test", &address)?;
        let name = server_name(name, "test")?;
        let result = tls_client(Box::new(stream), config, name, "test", &address).await;
        serve.await.unwrap();
        result.map(|(_, alpn)| alpn)
    })
}

#[test]
fn tls_trusts_the_given_roots_for_the_right_name_only() {
    // An empty string stands for the server's own certificate.
    let alpn = handshake(Some(String::new()), "localhost").unwrap();
    assert_eq!(alpn.as_deref(), Some(&b"kode-test"[..]));
    let untrusted = handshake(None, "localhost").unwrap_err();
    assert_eq!(untrusted.code, codes::ECERT, "{}", untrusted.message);
    let wrong_name = handshake(Some(String::new()), "example.com").unwrap_err();
    assert_eq!(wrong_name.code, codes::ECERT, "{}", wrong_name.message);
    assert_eq!(
        server_name("not a name!", "test").unwrap_err().code,
        codes::EINVALID_ARG
    );
    assert!(server_name("127.0.0.1", "test").is_ok());
}

#[test]
fn errors_name_the_operation_and_the_address() {
    let refused = std::io::Error::from_raw_os_error(libc::ECONNREFUSED);
    let err = net_error(&refused, "kode:net.connect", "127.0.0.1:9");
    assert_eq!(err.code, codes::ECONNREFUSED);
    assert_eq!(
        err.message,
        "ECONNREFUSED: connection refused, kode:net.connect 127.0.0.1:9"
    );
    assert_eq!(err.operation.as_deref(), Some("kode:net.connect"));
    assert_eq!(err.fields, [("address", "127.0.0.1:9".to_string())]);
    // A name that cannot be looked up at all (no DNS query is made for it).
    let err = runtime()
        .block_on(resolve("bad\0name", 80, "kode:net.connect", "bad:80"))
        .unwrap_err();
    assert_eq!(err.code, codes::ENOTFOUND);
    assert_eq!(display_address("::1", 80), "[::1]:80");
    assert_eq!(display_address("localhost", 80), "localhost:80");
}
