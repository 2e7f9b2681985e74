//! TLS for `fetch`, `Kode.serve` and `kode:net` (SPEC §4.5, §4.7): rustls
//! with the ring provider. Clients trust the system's root certificates
//! (`rustls-native-certs`, which honours `SSL_CERT_FILE`/`SSL_CERT_DIR`),
//! or webpki-roots' Mozilla list when the system has none, plus any
//! `caCerts` the program passes. Servers take a certificate chain and a
//! private key as PEM strings.

use std::io;
use std::sync::{Arc, OnceLock};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ClientConfig, RootCertStore, ServerConfig};

use crate::error::{codes, KodeError};

/// ALPN for HTTP: HTTP/2 first, then HTTP/1.1.
pub const ALPN_HTTP: &[&[u8]] = &[b"h2", b"http/1.1"];

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The system's roots, read once per process (parsing them costs a few
/// milliseconds); webpki-roots when the system store is empty or missing.
fn system_roots() -> &'static RootCertStore {
    static ROOTS: OnceLock<RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut roots = RootCertStore::empty();
        let found = rustls_native_certs::load_native_certs();
        let (added, _ignored) = roots.add_parsable_certificates(found.certs);
        if added == 0 {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        roots
    })
}

/// Parses every certificate in a PEM string; `what` names the option for
/// the error (`ETLS` when it holds none or a bad one).
pub fn certificates(pem: &str, what: &str) -> Result<Vec<CertificateDer<'static>>, KodeError> {
    let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| {
            KodeError::new(
                codes::ETLS,
                format!("{what}: not valid PEM certificates ({err})"),
            )
        })?;
    if certs.is_empty() {
        return Err(KodeError::new(
            codes::ETLS,
            format!("{what}: no \"BEGIN CERTIFICATE\" block in the PEM text"),
        ));
    }
    Ok(certs)
}

/// A client configuration: the system roots plus `ca_certs` (PEM strings),
/// offering `alpn`.
pub fn client_config(ca_certs: &[String], alpn: &[&[u8]]) -> Result<Arc<ClientConfig>, KodeError> {
    let mut roots = system_roots().clone();
    for pem in ca_certs {
        for cert in certificates(pem, "caCerts")? {
            roots
                .add(cert)
                .map_err(|err| KodeError::new(codes::ETLS, format!("caCerts: {err}")))?;
        }
    }
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|err| KodeError::new(codes::ETLS, err.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Ok(Arc::new(config))
}

/// A server configuration from a PEM certificate chain and private key
/// (PKCS#8, PKCS#1 or SEC1), offering `alpn`.
pub fn server_config(
    cert_pem: &str,
    key_pem: &str,
    alpn: &[&[u8]],
) -> Result<Arc<ServerConfig>, KodeError> {
    let chain = certificates(cert_pem, "tls.cert")?;
    let key = PrivateKeyDer::from_pem_slice(key_pem.as_bytes()).map_err(|err| {
        KodeError::new(
            codes::ETLS,
            format!("tls.key: not a PEM private key ({err})"),
        )
    })?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|err| KodeError::new(codes::ETLS, err.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|err| {
            KodeError::new(
                codes::ETLS,
                format!("tls: the key does not fit the certificate ({err})"),
            )
        })?;
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Ok(Arc::new(config))
}

/// The code of a failed TLS handshake or record: `ECERT` when a certificate
/// was rejected (by us or, through its alert, by the peer), `ETLS` for other
/// TLS failures, else the I/O error's POSIX code.
pub fn error_code(mut err: &io::Error) -> &'static str {
    // Connectors wrap io::Errors in io::Errors, and `source()` skips what an
    // io::Error wraps: unwrap them here.
    while let Some(inner) = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<io::Error>())
    {
        err = inner;
    }
    match err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        Some(tls) => rustls_code(tls),
        None => crate::error::io_code(err),
    }
}

/// `ECERT` for a rejected certificate, `ETLS` for any other TLS failure.
pub fn rustls_code(err: &rustls::Error) -> &'static str {
    use rustls::AlertDescription as Alert;
    match err {
        rustls::Error::InvalidCertificate(_)
        | rustls::Error::AlertReceived(
            Alert::BadCertificate
            | Alert::UnknownCA
            | Alert::CertificateExpired
            | Alert::CertificateUnknown
            | Alert::CertificateRevoked
            | Alert::UnsupportedCertificate,
        ) => codes::ECERT,
        _ => codes::ETLS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn self_signed() -> (String, String) {
        let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
        (cert.cert.pem(), cert.signing_key.serialize_pem())
    }

    #[test]
    fn a_server_config_takes_a_pem_chain_and_key() {
        let (cert, key) = self_signed();
        let config = server_config(&cert, &key, ALPN_HTTP).unwrap();
        assert_eq!(
            config.alpn_protocols,
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        assert!(client_config(&[cert], &[]).is_ok());
    }

    #[test]
    fn bad_pem_is_etls_naming_the_option() {
        let (cert, key) = self_signed();
        let err = server_config("not pem", &key, &[]).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.message.contains("tls.cert")),
            (codes::ETLS, true)
        );
        let err = server_config(&cert, "nope", &[]).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.message.contains("tls.key")),
            (codes::ETLS, true)
        );
        let (_, other_key) = self_signed();
        assert_eq!(
            server_config(&cert, &other_key, &[]).unwrap_err().code,
            codes::ETLS
        );
        assert_eq!(
            client_config(&["x".into()], &[]).unwrap_err().code,
            codes::ETLS
        );
    }

    #[test]
    fn certificate_failures_are_ecert() {
        let bad = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        );
        assert_eq!(error_code(&bad), codes::ECERT);
        let other = io::Error::new(io::ErrorKind::InvalidData, rustls::Error::DecryptError);
        assert_eq!(error_code(&other), codes::ETLS);
        let nested = io::Error::other(io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::Expired),
        ));
        assert_eq!(error_code(&nested), codes::ECERT);
        let refused = io::Error::from_raw_os_error(111);
        assert_eq!(error_code(&refused), codes::ECONNREFUSED);
    }
}
