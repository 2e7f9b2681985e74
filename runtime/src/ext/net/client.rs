//! What connecting sockets share: addresses as text, ALPN lists, and the
//! TLS client side (`crate::tls` configurations, the handshake).

use std::sync::Arc;

use rustls::pki_types::ServerName;
use rustls::ClientConfig;

use super::socket::{failure, net_error, BoxIo};
use crate::error::{codes, KodeError};

/// `host:port`, with an IPv6 literal in brackets.
pub fn display_address(hostname: &str, port: u16) -> String {
    if hostname.contains(':') {
        format!("[{hostname}]:{port}")
    } else {
        format!("{hostname}:{port}")
    }
}

/// The ALPN protocol names of an array of strings (JavaScript checked them).
pub fn alpn_list(
    scope: &mut v8::PinScope,
    list: Option<v8::Local<v8::Array>>,
) -> Result<Vec<Vec<u8>>, KodeError> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    (0..list.length())
        .map(|i| {
            list.get_index(scope, i)
                .filter(|value| value.is_string())
                .map(|value| value.to_rust_string_lossy(scope).into_bytes())
                .ok_or_else(|| {
                    KodeError::type_error(codes::EINVALID_ARG, "alpn must be an array of strings")
                })
        })
        .collect()
}

/// A client configuration (system roots plus `ca_certs`), its errors naming
/// `operation` and `address`.
pub fn client_config(
    ca_certs: Option<String>,
    alpn: Vec<Vec<u8>>,
    operation: &str,
    address: &str,
) -> Result<Arc<ClientConfig>, KodeError> {
    let alpn: Vec<&[u8]> = alpn.iter().map(Vec::as_slice).collect();
    let ca_certs: Vec<String> = ca_certs.into_iter().collect();
    crate::tls::client_config(&ca_certs, &alpn)
        .map_err(|err| failure(&err.code, &err.message, operation, address))
}

/// The TLS name a client checks the server's certificate against: a DNS
/// name or an IP address (`EINVALID_ARG` for anything else).
pub fn server_name(name: &str, operation: &str) -> Result<ServerName<'static>, KodeError> {
    ServerName::try_from(name.to_string()).map_err(|_| {
        KodeError::type_error(
            codes::EINVALID_ARG,
            format!("{operation}: {name:?} is not a valid TLS server name"),
        )
        .operation(operation)
    })
}

/// A TLS client handshake over `io`; the TLS stream and the protocol ALPN chose.
pub async fn tls_client(
    io: BoxIo,
    config: Arc<ClientConfig>,
    name: ServerName<'static>,
    operation: &str,
    address: &str,
) -> Result<(BoxIo, Option<Vec<u8>>), KodeError> {
    let tls = tokio_rustls::TlsConnector::from(config)
        .connect(name, io)
        .await
        .map_err(|err| net_error(&err, operation, address))?;
    let alpn = tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
    Ok((Box::new(tls), alpn))
}
