//! `fetch` over the network (SPEC §4.7): hyper-util's pooled client,
//! HTTP/1.1 and HTTP/2 (ALPN), HTTPS through rustls with the system roots.
//! One request per op; redirects, modes and the Response object are
//! fetch.js's (the Fetch standard's algorithm), this side sends one request
//! and streams back one response, decoding gzip, deflate and br.

use std::cell::RefCell;
use std::time::Duration;

use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::body::{incoming_stream, Body, BodyErrors, Decoder};
use super::headers::HeaderList;
use crate::error::{codes, KodeError};
use crate::resources::{NewResource, StreamResource};
use crate::tls;
use crate::value::OpValue;

pub const FETCH: &str = "fetch";

type Connector = hyper_rustls::HttpsConnector<HttpConnector>;

thread_local! {
    /// The run's one client (one isolate per thread): its pool is shared by
    /// every fetch. Made on the first network fetch.
    static CLIENT: RefCell<Option<Client<Connector, Body>>> = const { RefCell::new(None) };
}

/// How long an idle pooled connection is kept.
const IDLE: Duration = Duration::from_secs(30);

fn new_client() -> Result<Client<Connector, Body>, KodeError> {
    // The connector sets ALPN itself (h2, http/1.1).
    let config = tls::client_config(&[], &[])?;
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config((*config).clone())
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .wrap_connector(http);
    Ok(Client::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(IDLE)
        .build(https))
}

pub fn client() -> Result<Client<Connector, Body>, KodeError> {
    CLIENT.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Some(new_client()?);
        }
        Ok(cell.as_ref().expect("just set").clone())
    })
}

/// Statuses whose responses have no body (and HEAD's).
fn bodiless(method: &http::Method, status: u16) -> bool {
    method == http::Method::HEAD || matches!(status, 101 | 103 | 204 | 205 | 304)
}

/// Sends `request` and resolves with `[status, statusText, headers, bodyRid | null]`.
pub async fn send(
    client: Client<Connector, Body>,
    request: http::Request<Body>,
) -> Result<OpValue, KodeError> {
    let url = request.uri().to_string();
    let method = request.method().clone();
    let response = client
        .request(request)
        .await
        .map_err(|err| request_error(&err, &url))?;
    let status = response.status();
    let (parts, body) = response.into_parts();
    let decoder = parts
        .headers
        .get(http::header::CONTENT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .and_then(Decoder::for_encoding);
    let body = if bodiless(&method, status.as_u16()) || http_body::Body::is_end_stream(&body) {
        OpValue::Null
    } else {
        let errors = BodyErrors {
            operation: FETCH,
            url: url.clone(),
        };
        let stream = incoming_stream(body, decoder, 2, errors);
        OpValue::Resource(NewResource(Box::new(StreamResource {
            stream,
            name: "fetch response body",
            detail: url,
        })))
    };
    Ok(OpValue::Array(vec![
        OpValue::Number(f64::from(status.as_u16())),
        OpValue::text(status.canonical_reason().unwrap_or("")).unwrap_or(OpValue::Null),
        OpValue::Native(Box::new(HeaderList(parts.headers))),
        body,
    ]))
}

/// A failed request as Kode's error: the code of the deepest cause that
/// has one (`ECONNREFUSED`, `ECERT`, `ENOTFOUND`, ...), else `EHTTP`.
fn request_error(err: &hyper_util::client::legacy::Error, url: &str) -> KodeError {
    let mut code = None;
    let mut detail = err.to_string();
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(err);
    while let Some(cause) = source {
        detail = cause.to_string();
        if detail.starts_with("dns error") {
            code = Some(codes::ENOTFOUND);
        } else if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
            code = Some(tls::rustls_code(tls));
        } else if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            // The resolver's own failure says less than "dns error" did.
            if code != Some(codes::ENOTFOUND) {
                code = Some(tls::error_code(io));
            }
            if io.raw_os_error().is_some() {
                detail = kode_pack::fs::io_detail(io);
            }
        }
        source = cause.source();
    }
    let code = code.unwrap_or(codes::EHTTP);
    KodeError::new(code, format!("{code}: {detail}, {FETCH} {url}"))
        .operation(FETCH)
        .field("url", url)
}
