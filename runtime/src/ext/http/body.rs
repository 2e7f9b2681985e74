//! Bodies between hyper and JavaScript, both ways.
//!
//! Outgoing (a served response, a fetch upload): [`Body`] is either all the
//! bytes at once (hyper then sends a Content-Length) or a channel that a
//! [`BodySink`] resource fills from a `ReadableStream`, one chunk at a time:
//! a write settles once hyper has room for it, which is the backpressure.
//! Incoming (a served request, a fetch response): [`incoming_stream`] turns
//! hyper's body into a [`ChunkStream`] that reads ahead a bounded amount,
//! decoding `Content-Encoding` on the way when asked to.

use std::any::Any;
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body as HttpBody, Frame, SizeHint};
use http_body_util::BodyExt;
use tokio::sync::mpsc;

use crate::error::{codes, KodeError};
use crate::resources::{closed_error, ChunkFuture, ChunkStream, Resource};
use crate::value::OpValue;

type Piece = Result<Bytes, io::Error>;

/// An outgoing body.
pub enum Body {
    Full(Option<Bytes>),
    Channel(mpsc::Receiver<Piece>),
    /// A served request's body sent back unread: hyper's chunks as they come.
    Echo(hyper::body::Incoming),
}

impl Body {
    pub fn empty() -> Body {
        Body::Full(None)
    }

    pub fn bytes(bytes: Vec<u8>) -> Body {
        if bytes.is_empty() {
            Body::empty()
        } else {
            Body::Full(Some(Bytes::from(bytes)))
        }
    }

    /// An incoming body sent straight back out (an echo): its chunks go
    /// from one hyper body to the other on the I/O runtime, with the same
    /// one-chunk backpressure, and never through JavaScript.
    pub fn piped(stream: ChunkStream, tasks: &mut crate::tasks::Tasks) -> Result<Body, KodeError> {
        let (sender, receiver) = mpsc::channel(1);
        tasks.spawn_detached(async move {
            loop {
                let piece = match stream.read().await {
                    Ok(OpValue::Bytes(bytes)) => Ok(Bytes::from(bytes)),
                    Ok(_) => break,
                    Err(err) => Err(io::Error::other(err.message)),
                };
                let failed = piece.is_err();
                if sender.send(piece).await.is_err() || failed {
                    break;
                }
            }
        })?;
        Ok(Body::Channel(receiver))
    }

    /// A streamed body and the sink resource that feeds it.
    pub fn channel(name: &'static str, detail: String) -> (Body, BodySink) {
        // One chunk in flight: a write waits until hyper took the one before.
        let (sender, receiver) = mpsc::channel(1);
        let sink = BodySink {
            sender: std::sync::Mutex::new(Some(sender)),
            name,
            detail,
        };
        (Body::Channel(receiver), sink)
    }
}

impl HttpBody for Body {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Channel(receiver) => receiver
                .poll_recv(cx)
                .map(|piece| piece.map(|piece| piece.map(Frame::data))),
            Body::Echo(incoming) => Pin::new(incoming).poll_frame(cx).map_err(io::Error::other),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Body::Full(bytes) => bytes.is_none(),
            Body::Channel(_) => false,
            Body::Echo(incoming) => incoming.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Channel(_) => SizeHint::default(),
            Body::Echo(incoming) => incoming.size_hint(),
        }
    }
}

/// The writing end of a streamed outgoing body: `resource_write` sends a
/// chunk, `resource_close` ends the body, [`BodySink::fail`] breaks it (the
/// peer sees the connection reset or the stream cancelled, not a clean end).
pub struct BodySink {
    sender: std::sync::Mutex<Option<mpsc::Sender<Piece>>>,
    name: &'static str,
    detail: String,
}

impl BodySink {
    pub fn fail(&self, reason: &str) {
        if let Some(sender) = self.sender.lock().expect("not poisoned").take() {
            let _ = sender.try_send(Err(io::Error::other(reason.to_string())));
        }
    }
}

impl Resource for BodySink {
    fn name(&self) -> &'static str {
        self.name
    }

    fn detail(&self) -> String {
        self.detail.clone()
    }

    fn close(&mut self) {
        self.sender.lock().expect("not poisoned").take();
    }

    fn write(&self, bytes: Vec<u8>) -> Option<ChunkFuture> {
        let sender = self.sender.lock().expect("not poisoned").clone();
        let name = self.name;
        Some(Box::pin(async move {
            let len = bytes.len();
            let gone = || {
                KodeError::new(codes::EPIPE, format!("{name}: the peer is gone")).operation(name)
            };
            let sender = sender.ok_or_else(|| closed_error(name, "the body"))?;
            sender
                .send(Ok(Bytes::from(bytes)))
                .await
                .map_err(|_| gone())?;
            Ok(OpValue::Number(len as f64))
        }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `Content-Encoding` decoder (push style: compressed bytes in, plain out).
pub enum Decoder {
    Gzip(Box<flate2::write::GzDecoder<Vec<u8>>>),
    Deflate(Box<flate2::write::ZlibDecoder<Vec<u8>>>),
    Brotli(Box<brotli::DecompressorWriter<Vec<u8>>>),
}

impl Decoder {
    /// The decoder for a response's `Content-Encoding`, if Kode decodes it.
    pub fn for_encoding(encoding: &str) -> Option<Decoder> {
        match encoding.trim().to_ascii_lowercase().as_str() {
            "gzip" | "x-gzip" => Some(Decoder::Gzip(Box::new(flate2::write::GzDecoder::new(
                Vec::new(),
            )))),
            "deflate" => Some(Decoder::Deflate(Box::new(flate2::write::ZlibDecoder::new(
                Vec::new(),
            )))),
            "br" => Some(Decoder::Brotli(Box::new(brotli::DecompressorWriter::new(
                Vec::new(),
                16 * 1024,
            )))),
            _ => None,
        }
    }

    fn push(&mut self, input: &[u8]) -> io::Result<Vec<u8>> {
        match self {
            Decoder::Gzip(d) => {
                d.write_all(input)?;
                Ok(std::mem::take(d.get_mut()))
            }
            Decoder::Deflate(d) => {
                d.write_all(input)?;
                Ok(std::mem::take(d.get_mut()))
            }
            Decoder::Brotli(d) => {
                d.write_all(input)?;
                Ok(std::mem::take(d.get_mut()))
            }
        }
    }

    fn finish(self) -> io::Result<Vec<u8>> {
        match self {
            Decoder::Gzip(d) => d.finish(),
            Decoder::Deflate(d) => d.finish(),
            Decoder::Brotli(d) => d
                .into_inner()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "truncated brotli data")),
        }
    }
}

/// How an incoming body's failures read: the operation and what it was.
#[derive(Clone)]
pub struct BodyErrors {
    pub operation: &'static str,
    pub url: String,
}

impl BodyErrors {
    fn broken(&self, detail: String) -> KodeError {
        KodeError::new(
            codes::EHTTP,
            format!(
                "{}: the body of {} broke off: {detail}",
                self.operation, self.url
            ),
        )
        .operation(self.operation)
        .field("url", self.url.clone())
    }

    fn corrupt(&self, err: io::Error) -> KodeError {
        KodeError::new(
            codes::ECORRUPT_DATA,
            format!(
                "{}: the body of {} does not decode: {err}",
                self.operation, self.url
            ),
        )
        .operation(self.operation)
        .field("url", self.url.clone())
    }
}

/// All of an incoming body (no decoding) as one chunk; must run inside the
/// I/O runtime.
pub async fn collect<B>(mut body: B, errors: BodyErrors) -> Result<OpValue, KodeError>
where
    B: HttpBody<Data = Bytes> + Unpin,
    B::Error: std::fmt::Display,
{
    let mut all = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| errors.broken(err.to_string()))?;
        if let Ok(data) = frame.into_data() {
            all.extend_from_slice(&data);
        }
    }
    Ok(OpValue::Bytes(all))
}

/// Chunks of an incoming body, at most `read_ahead` ahead of the reader;
/// must be called inside the I/O runtime.
pub fn incoming_stream<B>(
    body: B,
    decoder: Option<Decoder>,
    read_ahead: usize,
    errors: BodyErrors,
) -> ChunkStream
where
    B: HttpBody<Data = Bytes> + Send + Unpin + 'static,
    B::Error: std::fmt::Display,
{
    let closed = closed_error(errors.operation, "the body");
    let source = Arc::new(tokio::sync::Mutex::new((body, decoder)));
    ChunkStream::start(
        read_ahead,
        move || {
            let source = source.clone();
            let errors = errors.clone();
            async move {
                let mut source = source.lock().await;
                let (body, decoder) = &mut *source;
                loop {
                    match body.frame().await {
                        Some(Ok(frame)) => {
                            let Ok(data) = frame.into_data() else {
                                continue;
                            };
                            let out = match decoder {
                                Some(decoder) => {
                                    decoder.push(&data).map_err(|err| errors.corrupt(err))?
                                }
                                None => data.to_vec(),
                            };
                            if !out.is_empty() {
                                return Ok(Some(OpValue::Bytes(out)));
                            }
                        }
                        Some(Err(err)) => return Err(errors.broken(err.to_string())),
                        None => {
                            let rest = match decoder.take() {
                                Some(decoder) => {
                                    decoder.finish().map_err(|err| errors.corrupt(err))?
                                }
                                None => Vec::new(),
                            };
                            return Ok((!rest.is_empty()).then_some(OpValue::Bytes(rest)));
                        }
                    }
                }
            }
        },
        closed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoders_round_trip_in_pieces() {
        let text = b"hello hello hello hello, compressed".repeat(100);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        let gz = gz.finish().unwrap();
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
            w.write_all(&text).unwrap();
        }
        for (name, data) in [("gzip", gz), ("br", br)] {
            let mut decoder = Decoder::for_encoding(name).unwrap();
            let mut out = Vec::new();
            for piece in data.chunks(7) {
                out.extend(decoder.push(piece).unwrap());
            }
            out.extend(decoder.finish().unwrap());
            assert_eq!(out, text, "{name}");
        }
        assert!(Decoder::for_encoding("zstd").is_none());
    }

    #[test]
    fn collect_joins_the_pieces_or_reports_the_break() {
        let errors = BodyErrors {
            operation: "Kode.serve request body",
            url: "http://h/p".into(),
        };
        let body = |pieces: Vec<Piece>| {
            let (sender, receiver) = mpsc::channel(pieces.len().max(1));
            for piece in pieces {
                sender.try_send(piece).unwrap();
            }
            Body::Channel(receiver)
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let whole = runtime.block_on(collect(
            body(vec![
                Ok(Bytes::from_static(b"ab")),
                Ok(Bytes::from_static(b"cd")),
            ]),
            errors.clone(),
        ));
        assert!(matches!(whole, Ok(OpValue::Bytes(ref bytes)) if bytes == b"abcd"));
        let broken = runtime.block_on(collect(
            body(vec![
                Ok(Bytes::from_static(b"ab")),
                Err(io::Error::other("reset")),
            ]),
            errors,
        ));
        let err = broken.err().unwrap();
        assert_eq!(err.code, codes::EHTTP);
        assert_eq!(
            err.message,
            "Kode.serve request body: the body of http://h/p broke off: reset"
        );
    }

    #[test]
    fn a_truncated_gzip_body_is_an_error() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&[7u8; 5000]).unwrap();
        let gz = gz.finish().unwrap();
        let mut decoder = Decoder::for_encoding("gzip").unwrap();
        decoder.push(&gz[..gz.len() / 2]).unwrap();
        assert!(decoder.finish().is_err());
    }
}
