//! `TextDecoder` for every WHATWG encoding, on `encoding_rs`: label lookup,
//! one-shot decodes and streamed decodes (`decode(bytes, { stream: true })`).
//!
//! A streamed decode keeps an `encoding_rs::Decoder` (the bytes of an
//! unfinished sequence, a pending UTF-16 surrogate, ISO-2022-JP's mode,
//! whether the BOM was seen) between calls. It lives here, in the isolate's
//! [`DecoderStreams`] slot, under an id from the run's id space that the
//! `TextDecoder` holds; it is dropped by the call that ends the stream (any
//! call without `stream: true`, whether it returns or throws), by
//! `text_decoder_free` when the `TextDecoder` is garbage collected mid-stream
//! (a `FinalizationRegistry` in `00_core.js`), or with the isolate.

use std::cell::RefCell;
use std::collections::HashMap;

use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};

use crate::error::{codes, try_v8_str, KodeError};
use crate::ext::args::{op, Bytes};

/// The decoders of the streams in progress, by id.
#[derive(Default)]
pub struct DecoderStreams(RefCell<HashMap<u64, Decoder>>);

pub fn install(isolate: &mut v8::Isolate) {
    isolate.set_slot(DecoderStreams::default());
}

fn streams(isolate: &v8::Isolate) -> &RefCell<HashMap<u64, Decoder>> {
    &isolate
        .get_slot::<DecoderStreams>()
        .expect("the text area installs its state with the isolate")
        .0
}

/// The Encoding Standard's "get an encoding" (ASCII whitespace trimmed, ASCII
/// case-insensitive), without `replacement`, which `TextDecoder` refuses.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(label.as_bytes())
}

/// A decoder as `TextDecoder` makes one: a leading BOM of the encoding itself
/// (UTF-8, UTF-16LE, UTF-16BE) is removed unless `ignore_bom`; no sniffing.
fn new_decoder(encoding: &'static Encoding, ignore_bom: bool) -> Decoder {
    if ignore_bom {
        encoding.new_decoder_without_bom_handling()
    } else {
        encoding.new_decoder_with_bom_removal()
    }
}

/// Decodes `bytes`; `last` flushes what an unfinished sequence left (U+FFFD,
/// or the error when `fatal`). A fatal error reports the offset in `bytes`
/// where the bad sequence starts.
fn decode(
    decoder: &mut Decoder,
    bytes: &[u8],
    last: bool,
    fatal: bool,
) -> Result<String, KodeError> {
    let mut out = String::new();
    let mut input = bytes;
    loop {
        let room = if fatal {
            decoder.max_utf8_buffer_length_without_replacement(input.len())
        } else {
            decoder.max_utf8_buffer_length(input.len())
        };
        out.reserve(room.unwrap_or(input.len().saturating_mul(3)).max(4));
        let read = if fatal {
            let (result, read) =
                decoder.decode_to_string_without_replacement(input, &mut out, last);
            match result {
                DecoderResult::InputEmpty => return Ok(out),
                DecoderResult::OutputFull => read,
                DecoderResult::Malformed(bad, after) => {
                    let name = decoder.encoding().name();
                    let consumed = bytes.len() - input.len() + read;
                    let offset = consumed.saturating_sub(bad as usize + after as usize);
                    return Err(KodeError::type_error(
                        codes::EINVALID_ENCODING,
                        format!("The encoded data is not valid {name} (invalid byte at offset {offset})"),
                    ));
                }
            }
        } else {
            let (result, read, _) = decoder.decode_to_string(input, &mut out, last);
            match result {
                CoderResult::InputEmpty => return Ok(out),
                CoderResult::OutputFull => read,
            }
        };
        input = &input[read..];
    }
}

op! {
    /// `text_encoding(label)` → the encoding's name in lowercase (what
    /// `TextDecoder.prototype.encoding` returns), `undefined` for an unknown label
    /// and for `replacement`'s.
    fn op_text_encoding<'s>(scope, label: String) -> Result<Option<v8::Local<'s, v8::String>>, KodeError> {
        encoding_for_label(&label)
            .map(|encoding| try_v8_str(scope, &encoding.name().to_ascii_lowercase()))
            .transpose()
    }
}

op! {
    /// `text_decode(id, encoding, bytes, fatal, ignoreBOM, stream)`: decodes
    /// with stream `id`'s decoder (a new one if it has none; id 0 is never a
    /// stream). With `stream` the decoder is kept for the next call; without
    /// it the decode is the last and the decoder is dropped.
    fn op_text_decode<'s>(scope, id: u64, encoding: String, bytes: Bytes, fatal: bool, ignore_bom: bool, stream: bool)
        as "TextDecoder.decode" -> Result<v8::Local<'s, v8::String>, KodeError>
    {
        let Some(encoding) = encoding_for_label(&encoding) else {
            return Err(KodeError::range_error(
                codes::EINVALID_ENCODING,
                format!("The \"{encoding}\" encoding is not supported"),
            ));
        };
        let text = {
            let mut streams = streams(scope).borrow_mut();
            let mut decoder = streams.remove(&id).unwrap_or_else(|| new_decoder(encoding, ignore_bom));
            let text = decode(&mut decoder, &bytes.0, !stream, fatal);
            if stream && id != 0 {
                streams.insert(id, decoder);
            }
            text?
        };
        try_v8_str(scope, &text)
    }
}

op! {
    /// `text_decoder_free(id)`: drops stream `id`'s decoder (its `TextDecoder`
    /// was collected mid-stream); nothing if it has none.
    fn op_text_decoder_free<'s>(scope, id: u64) -> Result<(), KodeError> {
        streams(scope).borrow_mut().remove(&id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str) -> Option<&'static str> {
        encoding_for_label(name).map(Encoding::name)
    }

    fn stream(
        encoding: &str,
        chunks: &[&[u8]],
        fatal: bool,
        ignore_bom: bool,
    ) -> Result<String, KodeError> {
        let mut decoder = new_decoder(encoding_for_label(encoding).unwrap(), ignore_bom);
        let mut text = String::new();
        for chunk in chunks {
            text += &decode(&mut decoder, chunk, false, fatal)?;
        }
        text += &decode(&mut decoder, b"", true, fatal)?;
        Ok(text)
    }

    #[test]
    fn labels_are_trimmed_and_case_insensitive() {
        assert_eq!(label(" \t\n\x0c\rUTF8 \r"), Some("UTF-8"));
        assert_eq!(label("Latin1"), Some("windows-1252"));
        assert_eq!(label("ascii"), Some("windows-1252"));
        assert_eq!(label("utf-16"), Some("UTF-16LE"));
        assert_eq!(label("x-user-defined"), Some("x-user-defined"));
        assert_eq!(label("replacement"), None);
        assert_eq!(label("iso-2022-kr"), None);
        assert_eq!(label("utf-32"), None);
        assert_eq!(
            label("\u{b}utf-8"),
            None,
            "vertical tab is not ASCII whitespace"
        );
    }

    #[test]
    fn streams_keep_partial_sequences() {
        let euro: &[&[u8]] = &[b"\xE2", b"\x82", b"\xACx"];
        assert_eq!(stream("utf-8", euro, true, false).unwrap(), "\u{20AC}x");
        let bom: &[&[u8]] = &[b"\xFF", b"\xFEa", b"\x00\x3D\xD8", b"\x00\xDE"];
        assert_eq!(stream("utf-16le", bom, true, false).unwrap(), "a\u{1F600}");
        assert_eq!(
            stream("utf-16le", bom, true, true).unwrap(),
            "\u{FEFF}a\u{1F600}"
        );
        let cut: &[&[u8]] = &[b"a\xE2\x82"];
        assert_eq!(stream("utf-8", cut, false, false).unwrap(), "a\u{FFFD}");
        let err = stream("utf-8", cut, true, false).unwrap_err();
        assert_eq!(err.code, "EINVALID_ENCODING");
        assert!(err.message.contains("offset 0"), "{}", err.message);
    }

    #[test]
    fn fatal_offset_counts_from_the_chunk() {
        let mut decoder = new_decoder(encoding_for_label("utf-8").unwrap(), false);
        let err = decode(&mut decoder, b"ab\xFFc", false, true).unwrap_err();
        assert_eq!(
            err.message,
            "The encoded data is not valid UTF-8 (invalid byte at offset 2)"
        );
        assert_eq!(err.class, crate::error::ErrorClass::TypeError);
    }

    #[test]
    fn single_byte() {
        assert_eq!(
            stream("windows-1252", &[b"\x80"], true, false).unwrap(),
            "\u{20AC}"
        );
        assert_eq!(
            stream("iso-8859-2", &[b"\xA1\xB1"], true, false).unwrap(),
            "\u{104}\u{105}"
        );
    }
}
