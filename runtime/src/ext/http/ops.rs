//! The ops behind `Kode.serve` and network `fetch`.

use std::cell::RefCell;

use super::body::{Body, BodySink};
use super::client::{self, FETCH};
use super::headers::{header_map, kode_type};
use super::server::{self, RequestBody, ServedRequest, Server, SERVE};
use crate::error::{codes, KodeError};
use crate::ext::args::{op, TextOrBytes};
use crate::resources::{insert_js, table, NewResource};
use crate::state::state;
use crate::tls;

fn not_open(operation: &str, id: u64) -> KodeError {
    crate::resources::closed_error(operation, &format!("resource {id}"))
}

op! {
    /// `http_serve(hostname, port, cert, key)`: binds and starts serving
    /// (TLS when `cert` and `key` are PEM strings); `[rid, address, port]`.
    fn op_http_serve<'s>(scope, hostname: String, port: u32, cert: Option<String>, key: Option<String>)
        -> Result<v8::Local<'s, v8::Array>, KodeError>
    {
        let port = u16::try_from(port)
            .map_err(|_| KodeError::type_error(codes::EINVALID_ARG, format!("{SERVE}: port {port} is out of range")))?;
        let tls = match (cert, key) {
            (Some(cert), Some(key)) => Some(tls::server_config(&cert, &key, tls::ALPN_HTTP)?),
            _ => None,
        };
        let shared = state(scope);
        let server = server::listen(&hostname, port, tls, |future| {
            shared.borrow_mut().tasks.spawn_detached(future)
        })?;
        let address = server.addr.ip().to_string();
        let port = server.addr.port();
        let rid = table(scope).borrow_mut().insert(Box::new(server));
        let items = [
            v8::Number::new(scope, rid as f64).into(),
            crate::error::v8_str(scope, &address).into(),
            v8::Number::new(scope, f64::from(port)).into(),
        ];
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}

op! {
    /// `http_serve_next(opId, rid)`: op `opId` resolves with the requests
    /// queued now (flat, `server::FIELDS` each), or `null` once the server
    /// has shut down and its connections are done.
    fn op_http_serve_next<'s>(scope, op_id: u64, rid: u64) -> Result<(), KodeError> {
        let next = table(scope)
            .borrow()
            .get::<Server>(rid)
            .map(Server::next)
            .ok_or_else(|| not_open(SERVE, rid))?;
        state(scope).borrow_mut().tasks.spawn(op_id, next);
        Ok(())
    }
}

op! {
    /// `http_serve_shutdown(rid)`: stops accepting; in-flight requests finish.
    fn op_http_serve_shutdown<'s>(scope, rid: u64) -> Result<(), KodeError> {
        // The resource stays open (and listed) until `http_serve_next` says
        // the last connection is done; serve.js closes it then.
        if let Some(server) = table(scope).borrow().get::<Server>(rid) {
            server.shutdown();
        }
        Ok(())
    }
}

op! {
    /// `http_respond(rid, status, body, stream, close, type, ...headers)`:
    /// answers request `rid` (the header list flat and spread: no array to
    /// read element by element). With `type` n > 0 the one header is
    /// `content-type: KODE_VALUES[n - 1]` (headers.rs), what most responses
    /// carry, and no list is read. `body` is bytes, a string or null; with `stream` true
    /// the body comes later through the returned sink resource
    /// (`resource_write`, `resource_close`, `http_body_fail`). With `close`,
    /// the request resource is closed too (its body is not being read):
    /// one op per request on the common path.
    fn op_http_respond<'s>(scope, rid: u64, status: u32, body: Option<TextOrBytes>, stream: bool, close: bool, kind: u32; ..headers)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        let headers = match kind {
            0 => header_map(scope, headers, SERVE)?,
            _ => kode_type(kind).ok_or_else(|| server::bad_response(format!("{SERVE}: no content type {kind}")))?,
        };
        let status = response_status(status)?;
        let (body, sink) = outgoing(body, stream, "Kode.serve response body", || format!("request {rid}"));
        send(scope, rid, status, headers, body)?;
        if close {
            crate::resources::close(scope, rid);
        }
        Ok(sink_js(scope, sink))
    }
}

op! {
    /// `http_respond_echo(rid, status, headers)`: answers request `rid` with
    /// its own body, unread (`new Response(request.body)`), piped from hyper
    /// to hyper without JavaScript; the request resource is closed.
    fn op_http_respond_echo<'s>(scope, rid: u64, status: u32, headers: v8::Local<'s, v8::Array>)
        -> Result<(), KodeError>
    {
        let headers = header_map(scope, headers, SERVE)?;
        let status = response_status(status)?;
        let stream = table(scope)
            .borrow()
            .get::<ServedRequest>(rid)
            .map(ServedRequest::take_body)
            .ok_or_else(|| not_open(SERVE, rid))?;
        let body = match stream {
            RequestBody::Unread(incoming) => Body::Echo(incoming),
            RequestBody::Read(stream) => Body::piped(stream, &mut state(scope).borrow_mut().tasks)?,
            RequestBody::None => Body::empty(),
        };
        send(scope, rid, status, headers, body)?;
        crate::resources::close(scope, rid);
        Ok(())
    }
}

/// An outgoing body (a response, an upload): the bytes given, or with
/// `stream` a channel and the sink resource JavaScript fills it through.
fn outgoing(
    bytes: Option<TextOrBytes>,
    stream: bool,
    name: &'static str,
    detail: impl FnOnce() -> String,
) -> (Body, Option<BodySink>) {
    if stream {
        let (body, sink) = Body::channel(name, detail());
        (body, Some(sink))
    } else {
        (Body::bytes(bytes.map(|b| b.0).unwrap_or_default()), None)
    }
}

/// The sink's resource id for JavaScript, or undefined without one.
fn sink_js<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    sink: Option<BodySink>,
) -> v8::Local<'s, v8::Value> {
    match sink {
        Some(sink) => insert_js(scope, NewResource(Box::new(sink))),
        None => v8::undefined(scope).into(),
    }
}

/// A response's status from JavaScript's number.
fn response_status(status: u32) -> Result<http::StatusCode, KodeError> {
    u16::try_from(status)
        .ok()
        .and_then(|s| http::StatusCode::from_u16(s).ok())
        .ok_or_else(|| server::bad_response(format!("{SERVE}: status {status} cannot be sent")))
}

/// Hands request `rid` its response.
fn send(
    scope: &mut v8::PinScope,
    rid: u64,
    status: http::StatusCode,
    headers: http::HeaderMap,
    body: Body,
) -> Result<(), KodeError> {
    let mut response = hyper::Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    let responder = table(scope)
        .borrow()
        .get::<ServedRequest>(rid)
        .map(ServedRequest::take_responder)
        .ok_or_else(|| not_open(SERVE, rid))?;
    let Some(responder) = responder else {
        return Err(KodeError::new(
            codes::EINVALID_ARG,
            format!("{SERVE}: request {rid} was answered already"),
        ));
    };
    // Handed over at the next wait, inside the runtime (see tasks.rs), with
    // the others answered in this turn.
    let first = OUTGOING.with(|outgoing| {
        let mut outgoing = outgoing.borrow_mut();
        outgoing.push((responder, response));
        outgoing.len() == 1
    });
    if first {
        let flush = HandOver;
        state(scope).borrow_mut().tasks.defer(move || drop(flush));
    }
    Ok(())
}

type Outgoing = Vec<(server::Responder, hyper::Response<Body>)>;

thread_local! {
    /// Responses answered since the last wait of this thread's isolate:
    /// one deferred job hands all of them over, so a response costs no
    /// boxed job of its own.
    static OUTGOING: RefCell<Outgoing> = const { RefCell::new(Vec::new()) };
}

/// Hands the answered responses to hyper when dropped: when its deferred
/// job runs, or when the job is dropped unrun (the isolate ends), so the
/// list never keeps responses that no job will send.
struct HandOver;

impl Drop for HandOver {
    fn drop(&mut self) {
        // `try_with`: during the thread's own teardown the list is gone,
        // and so is every connection it was for.
        let _ = OUTGOING.try_with(|outgoing| {
            for (responder, response) in outgoing.borrow_mut().drain(..) {
                // The connection may be gone by now: nothing to tell anyone.
                let _ = responder.send(response);
            }
        });
    }
}

op! {
    /// `http_request_gone(opId, rid)`: op `opId` resolves true when the
    /// client of request `rid` goes away before its response was handed
    /// over, false once it was.
    fn op_http_request_gone<'s>(scope, op_id: u64, rid: u64) -> Result<(), KodeError> {
        let gone = table(scope)
            .borrow()
            .get::<ServedRequest>(rid)
            .map(ServedRequest::gone)
            .ok_or_else(|| not_open(SERVE, rid))?;
        state(scope).borrow_mut().tasks.spawn(op_id, gone);
        Ok(())
    }
}

op! {
    /// `http_body_fail(rid)`: breaks a streamed outgoing body (its source
    /// errored): the peer sees it cut, not a clean end.
    fn op_http_body_fail<'s>(scope, rid: u64) -> Result<(), KodeError> {
        if let Some(sink) = table(scope).borrow().get::<BodySink>(rid) {
            sink.fail("the body's stream errored");
        }
        crate::resources::close(scope, rid);
        Ok(())
    }
}

op! {
    /// `http_fetch(opId, method, url, headers, body, stream)`: op `opId`
    /// resolves with `[status, statusText, headers, bodyRid | null]`; with
    /// `stream` true the request body comes through the returned sink.
    fn op_http_fetch<'s>(scope, op_id: u64, method: String, url: String, headers: v8::Local<'s, v8::Array>, body: Option<TextOrBytes>, stream: bool)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        let bad = |what: &str| KodeError::type_error(codes::EINVALID_ARG, format!("{FETCH}: {what}")).operation(FETCH);
        let method = http::Method::from_bytes(method.as_bytes()).map_err(|_| bad("the method cannot be sent"))?;
        let uri: http::Uri = url.parse().map_err(|_| bad(&format!("{url} cannot be requested")))?;
        let headers = header_map(scope, headers, FETCH)?;
        let (body, sink) = outgoing(body, stream, "fetch request body", || url.clone());
        let mut request = http::Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        let client = client::client()?;
        state(scope).borrow_mut().tasks.spawn(op_id, client::send(client, request));
        Ok(sink_js(scope, sink))
    }
}
