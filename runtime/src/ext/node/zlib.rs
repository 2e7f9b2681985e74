//! Ops behind `node:zlib`: Node's compression modes on `flate2` (deflate,
//! zlib, gzip) and `brotli`, one chunk at a time with zlib's flush kinds.
//!
//! `node_zlib_new` makes a codec under an id from the run's id space, kept
//! in this isolate's slot (made on first use) until `node_zlib_free`. The
//! JavaScript frees it when the stream ends or is destroyed, and through a
//! `FinalizationRegistry` when a stream is dropped half way.
//!
//! Failures are `ECORRUPT_DATA` errors with `zlibCode` (zlib's "Z_DATA_ERROR"
//! names, or "brotli_..." for brotli's) and `zlibErrno` fields, which
//! `zlib.js` turns into Node's error shape.
//! Messages follow zlib's where the cause is known (a bad header, a bad
//! checksum, truncated input); other corrupt data keeps flate2's message.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::rc::Rc;

use flate2::write::{DeflateDecoder, DeflateEncoder, GzEncoder, ZlibDecoder, ZlibEncoder};
use flate2::Compression;

use crate::error::{codes, KodeError};
use crate::ext::args::{op, Binary};

// Node's modes (zlib's binding numbers them so).
const DEFLATE: u32 = 1;
const INFLATE: u32 = 2;
const GZIP: u32 = 3;
const GUNZIP: u32 = 4;
const DEFLATERAW: u32 = 5;
const INFLATERAW: u32 = 6;
const UNZIP: u32 = 7;
const BROTLI_DECODE: u32 = 8;
const BROTLI_ENCODE: u32 = 9;

// zlib's flush kinds; brotli's operations map onto the same numbers below.
const Z_NO_FLUSH: i32 = 0;
const Z_FINISH: i32 = 4;
const BROTLI_OPERATION_PROCESS: i32 = 0;
const BROTLI_OPERATION_FINISH: i32 = 2;

enum Codec {
    Deflate(ZlibEncoder<Vec<u8>>),
    Gzip(GzEncoder<Vec<u8>>),
    DeflateRaw(DeflateEncoder<Vec<u8>>),
    Inflate(Inflater),
    BrotliEncode(Box<brotli::CompressorWriter<Vec<u8>>>),
    BrotliDecode(Box<brotli::DecompressorWriter<Vec<u8>>>),
    /// After a finishing write: nothing more is accepted.
    Ended,
}

/// What an inflater expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wrapper {
    Zlib,
    Gzip,
    Raw,
    /// Unzip: gzip or zlib, told by the first bytes.
    Detect,
}

/// A decompressor of zlib, gzip (members one after another, as Node reads
/// them) or raw deflate data.
struct Inflater {
    wrapper: Wrapper,
    /// Header bytes seen before the decoder starts (to check them as zlib does).
    header: Vec<u8>,
    decoder: Option<Decoder>,
    out: Vec<u8>,
    /// The data has ended: what follows is ignored (zlib, raw) or must be
    /// another gzip member.
    done: bool,
}

enum Decoder {
    Zlib(ZlibDecoder<Vec<u8>>),
    Raw(DeflateDecoder<Vec<u8>>),
    Gzip(GzipMember),
}

/// One gzip member after its header: the deflate body on flate2, then the
/// 8-byte trailer (CRC-32 and length), checked here so that a short trailer
/// reads as truncated input, as zlib reports it.
struct GzipMember {
    body: DeflateDecoder<Vec<u8>>,
    crc: flate2::Crc,
    /// Decoded bytes, already counted in `crc`.
    output: Vec<u8>,
    trailer: Vec<u8>,
    body_done: bool,
}

impl GzipMember {
    fn new() -> GzipMember {
        GzipMember {
            body: DeflateDecoder::new(Vec::new()),
            crc: flate2::Crc::new(),
            output: Vec::new(),
            trailer: Vec::with_capacity(8),
            body_done: false,
        }
    }

    /// Bytes taken; 0 once the member (trailer included) is complete.
    fn write(&mut self, input: &[u8]) -> Result<usize, ZError> {
        if !self.body_done {
            loop {
                match self.body.write(input) {
                    Ok(0) if !input.is_empty() => {
                        self.body_done = true;
                        break;
                    }
                    Ok(n) => {
                        self.collect();
                        return Ok(n);
                    }
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(err) => return Err(from_io(err)),
                }
            }
            self.body.try_finish().map_err(from_io)?;
            self.collect();
        }
        let take = (8 - self.trailer.len()).min(input.len());
        self.trailer.extend_from_slice(&input[..take]);
        if take == 0 {
            return Ok(0);
        }
        if self.trailer.len() == 8 {
            self.check()?;
        }
        Ok(take)
    }

    fn collect(&mut self) {
        let out = std::mem::take(self.body.get_mut());
        self.crc.update(&out);
        self.output.extend(out);
    }

    fn check(&self) -> Result<(), ZError> {
        let word =
            |i: usize| u32::from_le_bytes(self.trailer[i..i + 4].try_into().expect("4 bytes"));
        if word(0) != self.crc.sum() {
            return Err(data_error("incorrect data check"));
        }
        if word(4) != self.crc.amount() {
            return Err(data_error("incorrect length check"));
        }
        Ok(())
    }

    fn complete(&self) -> bool {
        self.trailer.len() == 8
    }
}

impl Decoder {
    fn flush(&mut self) -> Result<(), ZError> {
        match self {
            Decoder::Zlib(w) => w.flush().map_err(from_io),
            Decoder::Raw(w) => w.flush().map_err(from_io),
            Decoder::Gzip(m) => {
                if !m.body_done {
                    m.body.flush().map_err(from_io)?;
                    m.collect();
                }
                Ok(())
            }
        }
    }

    /// Bytes taken; 0 once the data has ended.
    fn write(&mut self, input: &[u8]) -> Result<usize, ZError> {
        let result = match self {
            Decoder::Zlib(w) => w.write(input),
            Decoder::Raw(w) => w.write(input),
            Decoder::Gzip(m) => return m.write(input),
        };
        match result {
            Ok(n) => Ok(n),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => Ok(usize::MAX),
            Err(err) => Err(from_io(err)),
        }
    }

    fn take(&mut self) -> Vec<u8> {
        std::mem::take(match self {
            Decoder::Zlib(w) => w.get_mut(),
            Decoder::Raw(w) => w.get_mut(),
            Decoder::Gzip(m) => &mut m.output,
        })
    }

    fn try_finish(&mut self) -> Result<(), ZError> {
        match self {
            Decoder::Zlib(w) => w.try_finish().map_err(from_io),
            Decoder::Raw(w) => w.try_finish().map_err(from_io),
            Decoder::Gzip(m) => {
                if !m.body_done {
                    m.body.try_finish().map_err(from_io)?;
                    m.collect();
                }
                if m.complete() {
                    Ok(())
                } else {
                    Err(buf_error())
                }
            }
        }
    }
}

/// The length of the gzip header at the start of `buf` (RFC 1952 2.3), or
/// None while it is incomplete.
fn gzip_header_len(buf: &[u8]) -> Result<Option<usize>, ZError> {
    if buf.len() >= 2 && (buf[0] != 0x1f || buf[1] != 0x8b) {
        return Err(data_error("incorrect header check"));
    }
    if buf.len() >= 3 && buf[2] != 8 {
        return Err(data_error("unknown compression method"));
    }
    if buf.len() < 10 {
        return Ok(None);
    }
    let flags = buf[3];
    if flags & 0xe0 != 0 {
        return Err(data_error("unknown header flags set"));
    }
    let mut at = 10;
    if flags & 0x04 != 0 {
        if buf.len() < at + 2 {
            return Ok(None);
        }
        at += 2 + usize::from(u16::from_le_bytes([buf[at], buf[at + 1]]));
    }
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            match buf
                .get(at..)
                .and_then(|rest| rest.iter().position(|&b| b == 0))
            {
                Some(zero) => at += zero + 1,
                None => return Ok(None),
            }
        }
    }
    if flags & 0x02 != 0 {
        at += 2;
    }
    Ok((buf.len() >= at).then_some(at))
}

/// A zlib-style failure: Node's code, errno and message.
struct ZError {
    code: &'static str,
    errno: i32,
    message: String,
}

fn data_error(message: impl Into<String>) -> ZError {
    ZError {
        code: "Z_DATA_ERROR",
        errno: -3,
        message: message.into(),
    }
}

fn buf_error() -> ZError {
    ZError {
        code: "Z_BUF_ERROR",
        errno: -5,
        message: "unexpected end of file".into(),
    }
}

/// flate2's error, in zlib's words where they match.
fn from_io(err: io::Error) -> ZError {
    if err.kind() == io::ErrorKind::UnexpectedEof {
        return buf_error();
    }
    let text = err.to_string();
    if text.contains("checksum") {
        data_error("incorrect data check")
    } else if text.contains("header") {
        data_error("incorrect header check")
    } else {
        data_error(text)
    }
}

impl Inflater {
    fn new(wrapper: Wrapper) -> Inflater {
        Inflater {
            wrapper,
            header: Vec::new(),
            decoder: None,
            out: Vec::new(),
            done: false,
        }
    }

    /// Checks the header bytes as zlib does, then makes the decoder.
    fn start(&mut self) -> Result<bool, ZError> {
        match self.wrapper {
            Wrapper::Raw => {
                self.decoder = Some(Decoder::Raw(DeflateDecoder::new(Vec::new())));
            }
            Wrapper::Detect => {
                if self.header.len() < 2 {
                    return Ok(false);
                }
                self.wrapper = if self.header[0] == 0x1f && self.header[1] == 0x8b {
                    Wrapper::Gzip
                } else {
                    Wrapper::Zlib
                };
                return self.start();
            }
            Wrapper::Zlib => {
                if self.header.len() < 2 {
                    return Ok(false);
                }
                let (cmf, flg) = (self.header[0], self.header[1]);
                if (u16::from(cmf) << 8 | u16::from(flg)) % 31 != 0 {
                    return Err(data_error("incorrect header check"));
                }
                if cmf & 0x0f != 8 {
                    return Err(data_error("unknown compression method"));
                }
                if cmf >> 4 > 7 {
                    return Err(data_error("invalid window size"));
                }
                if flg & 0x20 != 0 {
                    return Err(ZError {
                        code: "Z_NEED_DICT",
                        errno: 2,
                        message: "Missing dictionary".into(),
                    });
                }
                self.decoder = Some(Decoder::Zlib(ZlibDecoder::new(Vec::new())));
            }
            Wrapper::Gzip => {
                let Some(len) = gzip_header_len(&self.header)? else {
                    return Ok(false);
                };
                let rest = self.header.split_off(len);
                self.header = rest;
                self.decoder = Some(Decoder::Gzip(GzipMember::new()));
            }
        }
        let header = std::mem::take(&mut self.header);
        self.feed(&header)?;
        Ok(true)
    }

    /// Gives bytes to the decoder; after the end of the data, a gzip stream
    /// may start another member (zero bytes are padding), other formats
    /// ignore what follows.
    fn feed(&mut self, mut input: &[u8]) -> Result<(), ZError> {
        while !input.is_empty() {
            if self.done {
                if self.wrapper != Wrapper::Gzip || input[0] == 0 {
                    return Ok(());
                }
                // Another gzip member.
                self.done = false;
                self.decoder = None;
                self.header.clear();
            }
            let Some(decoder) = self.decoder.as_mut() else {
                // Gather the header, a byte at a time for gzip's variable one.
                let need = match self.wrapper {
                    Wrapper::Gzip => 1,
                    _ => 2usize.saturating_sub(self.header.len()).max(1),
                };
                let take = need.min(input.len());
                self.header.extend_from_slice(&input[..take]);
                input = &input[take..];
                self.start()?;
                continue;
            };
            match decoder.write(input)? {
                0 => {
                    decoder.try_finish()?;
                    self.out.extend(decoder.take());
                    self.done = true;
                }
                usize::MAX => {}
                n => input = &input[n..],
            }
        }
        if let Some(decoder) = self.decoder.as_mut() {
            if !self.done {
                decoder.flush()?;
            }
            self.out.extend(decoder.take());
        }
        Ok(())
    }

    /// The end of the input: the data must be complete.
    fn finish(&mut self) -> Result<(), ZError> {
        if self.done {
            return Ok(());
        }
        match self.decoder.as_mut() {
            None => Err(buf_error()),
            Some(decoder) => {
                decoder.try_finish()?;
                self.out.extend(decoder.take());
                Ok(())
            }
        }
    }
}

/// Brotli encoder parameters by Node's numbers (`BROTLI_PARAM_*`).
fn brotli_params(pairs: &[(u32, u32)]) -> Result<brotli::enc::BrotliEncoderParams, ZError> {
    // Node's defaults: quality 11, window 22.
    let mut params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    for &(key, value) in pairs {
        match key {
            0 => {
                params.mode = match value {
                    1 => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
                    2 => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_FONT,
                    _ => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_GENERIC,
                }
            }
            1 => params.quality = value.min(11) as i32,
            2 => params.lgwin = value.clamp(10, 24) as i32,
            3 => params.lgblock = value as i32,
            4 => params.disable_literal_context_modeling = i32::from(value != 0),
            5 => params.size_hint = value as usize,
            6 => params.large_window = value != 0,
            // NPOSTFIX / NDIRECT tune the distance code; the defaults serve.
            7 | 8 => {}
            _ => {
                return Err(ZError {
                    code: "brotli_invalid_param",
                    errno: 0,
                    message: format!("{key} is not a valid Brotli parameter"),
                })
            }
        }
    }
    Ok(params)
}

impl Codec {
    fn new(mode: u32, level: i32, brotli: &[(u32, u32)]) -> Result<Codec, ZError> {
        let level = if (0..=9).contains(&level) {
            Compression::new(level as u32)
        } else {
            Compression::default()
        };
        Ok(match mode {
            DEFLATE => Codec::Deflate(ZlibEncoder::new(Vec::new(), level)),
            GZIP => Codec::Gzip(GzEncoder::new(Vec::new(), level)),
            DEFLATERAW => Codec::DeflateRaw(DeflateEncoder::new(Vec::new(), level)),
            INFLATE => Codec::Inflate(Inflater::new(Wrapper::Zlib)),
            GUNZIP => Codec::Inflate(Inflater::new(Wrapper::Gzip)),
            INFLATERAW => Codec::Inflate(Inflater::new(Wrapper::Raw)),
            UNZIP => Codec::Inflate(Inflater::new(Wrapper::Detect)),
            BROTLI_ENCODE => {
                let params = brotli_params(brotli)?;
                Codec::BrotliEncode(Box::new(brotli::CompressorWriter::with_params(
                    Vec::new(),
                    16 * 1024,
                    &params,
                )))
            }
            BROTLI_DECODE => Codec::BrotliDecode(Box::new(brotli::DecompressorWriter::new(
                Vec::new(),
                16 * 1024,
            ))),
            _ => return Err(data_error(format!("unknown mode {mode}"))),
        })
    }

    /// Takes one chunk with a flush kind; returns the output it produced.
    fn write(&mut self, input: &[u8], flush: i32) -> Result<Vec<u8>, ZError> {
        let brotli_finish = flush == BROTLI_OPERATION_FINISH;
        let finish = flush == Z_FINISH;
        let encoder_error = |err: io::Error| data_error(err.to_string());
        let result = match self {
            Codec::Ended => {
                if input.is_empty() {
                    Ok(Vec::new())
                } else {
                    Err(ZError {
                        code: "Z_STREAM_ERROR",
                        errno: -2,
                        message: "the compressed data has ended".into(),
                    })
                }
            }
            Codec::Inflate(inflater) => {
                inflater.feed(input)?;
                if finish {
                    inflater.finish()?;
                }
                Ok(std::mem::take(&mut inflater.out))
            }
            Codec::BrotliDecode(decoder) => {
                decoder.write_all(input).map_err(|_| brotli_failed())?;
                let out = std::mem::take(decoder.get_mut());
                if brotli_finish {
                    let Codec::BrotliDecode(decoder) = std::mem::replace(self, Codec::Ended) else {
                        unreachable!("matched above")
                    };
                    let rest = decoder.into_inner().map_err(|_| buf_error())?;
                    return Ok([out, rest].concat());
                }
                Ok(out)
            }
            Codec::BrotliEncode(encoder) => {
                encoder.write_all(input).map_err(encoder_error)?;
                if brotli_finish {
                    let Codec::BrotliEncode(encoder) = std::mem::replace(self, Codec::Ended) else {
                        unreachable!("matched above")
                    };
                    return Ok(encoder.into_inner());
                }
                if flush != BROTLI_OPERATION_PROCESS {
                    encoder.flush().map_err(encoder_error)?;
                }
                Ok(std::mem::take(encoder.get_mut()))
            }
            Codec::Deflate(w) => encode(w, input, flush, |w| w.try_finish(), |w| w.get_mut()),
            Codec::Gzip(w) => encode(w, input, flush, |w| w.try_finish(), |w| w.get_mut()),
            Codec::DeflateRaw(w) => encode(w, input, flush, |w| w.try_finish(), |w| w.get_mut()),
        };
        let zlib_like = !matches!(self, Codec::BrotliDecode(_) | Codec::BrotliEncode(_));
        if finish && zlib_like && result.is_ok() {
            *self = Codec::Ended;
        }
        result
    }
}

fn brotli_failed() -> ZError {
    ZError {
        code: "brotli_decode_failed",
        errno: -14,
        message: "Decompression failed".into(),
    }
}

/// An encoder's chunk: written, then flushed (sync, full, partial, block)
/// or finished as asked; zlib's Z_NO_FLUSH keeps what deflate holds back.
fn encode<W: Write>(
    w: &mut W,
    input: &[u8],
    flush: i32,
    finish: impl FnOnce(&mut W) -> io::Result<()>,
    out: impl FnOnce(&mut W) -> &mut Vec<u8>,
) -> Result<Vec<u8>, ZError> {
    let err = |e: io::Error| data_error(e.to_string());
    w.write_all(input).map_err(err)?;
    if flush == Z_FINISH {
        finish(w).map_err(err)?;
    } else if flush != Z_NO_FLUSH {
        w.flush().map_err(err)?;
    }
    Ok(std::mem::take(out(w)))
}

#[derive(Default)]
struct Codecs(Rc<RefCell<HashMap<u64, Codec>>>);

/// This isolate's codecs (the slot is made on first use).
fn codecs(scope: &mut v8::PinScope) -> Rc<RefCell<HashMap<u64, Codec>>> {
    if scope.get_slot::<Codecs>().is_none() {
        scope.set_slot(Codecs::default());
    }
    scope.get_slot::<Codecs>().expect("just set").0.clone()
}

fn to_js(err: ZError) -> KodeError {
    KodeError::new(codes::ECORRUPT_DATA, err.message)
        .operation("node:zlib")
        .field("zlibCode", err.code)
        .field("zlibErrno", err.errno.to_string())
}

fn unknown_handle() -> KodeError {
    KodeError::type_error(codes::EINVALID_ARG, "The zlib handle is closed").operation("node:zlib")
}

op! {
    /// `node_zlib_new(mode, level, brotliParams)` → a codec's id.
    /// `brotliParams` is a flat list of Node's (key, value) pairs.
    fn op_node_zlib_new<'s>(scope, mode: u32, level: i32, brotli: Option<v8::Local<'s, v8::Array>>) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        let mut pairs = Vec::new();
        if let Some(list) = brotli {
            let mut i = 0;
            while i + 1 < list.length() {
                let key = list.get_index(scope, i).and_then(|v| v.uint32_value(scope)).unwrap_or(u32::MAX);
                let value = list.get_index(scope, i + 1).and_then(|v| v.uint32_value(scope)).unwrap_or(0);
                pairs.push((key, value));
                i += 2;
            }
        }
        let codec = Codec::new(mode, level, &pairs).map_err(to_js)?;
        let id = crate::resources::table(scope).borrow_mut().next_id();
        codecs(scope).borrow_mut().insert(id, codec);
        Ok(v8::Number::new(scope, id as f64))
    }
}

op! {
    /// `node_zlib_write(id, chunk, flush)` → the output of the chunk.
    fn op_node_zlib_write<'s>(scope, id: u64, chunk: Binary, flush: i32) -> Result<Vec<u8>, KodeError> {
        let codecs = codecs(scope);
        let mut codecs = codecs.borrow_mut();
        let codec = codecs.get_mut(&id).ok_or_else(unknown_handle)?;
        codec.write(&chunk.0, flush).map_err(to_js)
    }
}

op! {
    /// `node_zlib_free(id)`: drops codec `id`, if there is one.
    fn op_node_zlib_free<'s>(scope, id: u64) -> Result<(), KodeError> {
        codecs(scope).borrow_mut().remove(&id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mode: u32, chunks: &[&[u8]]) -> Result<Vec<u8>, String> {
        let mut codec = Codec::new(mode, -1, &[]).map_err(|e| e.message)?;
        let mut out = Vec::new();
        for chunk in chunks {
            out.extend(codec.write(chunk, Z_NO_FLUSH).map_err(|e| e.message)?);
        }
        let last = if mode >= BROTLI_DECODE {
            BROTLI_OPERATION_FINISH
        } else {
            Z_FINISH
        };
        out.extend(codec.write(&[], last).map_err(|e| e.message)?);
        Ok(out)
    }

    #[test]
    fn round_trips() {
        let data: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 97).to_le_bytes())
            .collect();
        for (enc, dec) in [
            (DEFLATE, INFLATE),
            (GZIP, GUNZIP),
            (DEFLATERAW, INFLATERAW),
            (DEFLATE, UNZIP),
            (GZIP, UNZIP),
            (BROTLI_ENCODE, BROTLI_DECODE),
        ] {
            let packed = run(enc, &[&data[..100], &data[100..]]).unwrap();
            let bytes: Vec<&[u8]> = packed.chunks(7).collect();
            assert_eq!(run(dec, &bytes).unwrap(), data, "{enc} -> {dec}");
        }
    }

    #[test]
    fn gzip_members_and_padding() {
        let a = run(GZIP, &[b"one "]).unwrap();
        let b = run(GZIP, &[b"two"]).unwrap();
        assert_eq!(
            run(GUNZIP, &[&[a.clone(), b].concat()]).unwrap(),
            b"one two"
        );
        assert_eq!(
            run(GUNZIP, &[&[a.clone(), vec![0; 5]].concat()]).unwrap(),
            b"one "
        );
        assert_eq!(
            run(GUNZIP, &[&[a, b"junk".to_vec()].concat()]).unwrap_err(),
            "incorrect header check"
        );
    }

    #[test]
    fn zlib_errors() {
        assert_eq!(
            run(INFLATE, &[b"hello world"]).unwrap_err(),
            "incorrect header check"
        );
        assert_eq!(
            run(GUNZIP, &[b"hello world"]).unwrap_err(),
            "incorrect header check"
        );
        assert_eq!(run(INFLATE, &[]).unwrap_err(), "unexpected end of file");
        let z = run(DEFLATE, &[b"hello hello"]).unwrap();
        assert_eq!(
            run(INFLATE, &[&z[..z.len() - 3]]).unwrap_err(),
            "unexpected end of file"
        );
        let mut bad = z.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        // A bad Adler-32 is a data error (flate2 words it its own way).
        assert!(run(INFLATE, &[&bad]).is_err());
        let gz = run(GZIP, &[b"hello hello"]).unwrap();
        let mut bad_crc = gz.clone();
        let at = bad_crc.len() - 8;
        bad_crc[at] ^= 1;
        assert_eq!(
            run(GUNZIP, &[&bad_crc]).unwrap_err(),
            "incorrect data check"
        );
        assert_eq!(
            run(GUNZIP, &[&gz[..gz.len() - 3]]).unwrap_err(),
            "unexpected end of file"
        );
        assert_eq!(
            run(INFLATE, &[&[z.clone(), b"trailing".to_vec()].concat()]).unwrap(),
            b"hello hello"
        );
    }
}
