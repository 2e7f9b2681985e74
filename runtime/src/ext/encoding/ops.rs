//! Ops behind `kode:encoding` (UTF-8, base64, hex) and the argument
//! conversions that `kode:crypto` shares with it.
//!
//! Every `EINVALID_ENCODING` error is a `TypeError`, like the one a fatal
//! `TextDecoder` throws, and names its operation (`kode:encoding.decodeHex`).
//!
//! `decodeBase64` is strict RFC 4648 §4: the standard alphabet, `=` padding
//! to a multiple of 4, no whitespace or line breaks, and zero unused bits in
//! the last symbol. It accepts exactly the strings `encodeBase64` produces,
//! so every input has one meaning. (WHATWG's forgiving-base64, used by
//! `atob`, also skips ASCII whitespace and allows missing padding; callers
//! who need that strip whitespace and pad first.)

use base64::engine::general_purpose::STANDARD;
use base64::{DecodeError, Engine};

use crate::error::{codes, try_v8_str, KodeError};
use crate::ext::args::{op, Binary, Data};

/// Reads argument `index` as a string; anything else is a `TypeError`.
fn locate(text: &str, at: usize) -> Option<(usize, char)> {
    let ch = text.get(at..)?.chars().next()?;
    Some((text[..at].encode_utf16().count(), ch))
}

fn invalid(operation: &str, message: String) -> KodeError {
    KodeError::type_error(codes::EINVALID_ENCODING, message).operation(operation)
}

pub fn encode_base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Strict RFC 4648 base64 (see the module comment).
pub fn decode_base64(text: &str) -> Result<Vec<u8>, KodeError> {
    const OPERATION: &str = "kode:encoding.decodeBase64";
    STANDARD.decode(text).map_err(|err| {
        let message = match err {
            DecodeError::InvalidByte(at, byte) => match locate(text, at) {
                Some((index, '=')) => format!(
                    "Invalid base64: misplaced \"=\" at index {index} (padding may only complete the last group of 4)"
                ),
                Some((index, ch)) => format!(
                    "Invalid base64: {ch:?} at index {index} is not in the standard alphabet"
                ),
                None => format!("Invalid base64: unexpected byte 0x{byte:02x}"),
            },
            DecodeError::InvalidLength(_) => format!(
                "Invalid base64: a length of {} is not a multiple of 4",
                text.encode_utf16().count()
            ),
            DecodeError::InvalidLastSymbol(at, _) => match locate(text, at) {
                Some((index, ch)) => format!(
                    "Invalid base64: {ch:?} at index {index} has non-zero unused bits \
                     (not canonical base64)"
                ),
                None => "Invalid base64: the last symbol has non-zero unused bits".to_string(),
            },
            DecodeError::InvalidPadding => {
                "Invalid base64: missing or wrong \"=\" padding (the length must be a multiple of 4)"
                    .to_string()
            }
        };
        invalid(OPERATION, message)
    })
}

/// Hex digits in either case, two per byte; nothing else (no `0x`, no spaces).
pub fn decode_hex(text: &str) -> Result<Vec<u8>, KodeError> {
    const OPERATION: &str = "kode:encoding.decodeHex";
    let not_a_digit = |(index, ch): (usize, char)| {
        format!("Invalid hex: {ch:?} at index {index} is not a hex digit")
    };
    hex::decode(text).map_err(|err| {
        let message = match err {
            hex::FromHexError::InvalidHexCharacter { index, .. } => match locate(text, index) {
                Some(found) => not_a_digit(found),
                None => "Invalid hex: the input holds a non-hex character".to_string(),
            },
            // The crate counts UTF-8 bytes; name a stray character before blaming the length.
            hex::FromHexError::OddLength | hex::FromHexError::InvalidStringLength => {
                match text.char_indices().find(|(_, ch)| !ch.is_ascii_hexdigit()) {
                    Some((at, ch)) => not_a_digit((text[..at].encode_utf16().count(), ch)),
                    None => format!("Invalid hex: an odd number of digits ({})", text.len()),
                }
            }
        };
        invalid(OPERATION, message)
    })
}

op! {
    /// `encoding_decode_utf8(bytes, fatal, ignoreBOM)`.
    fn op_encoding_decode_utf8<'s>(scope, bytes: Binary, fatal: bool, ignore_bom: bool)
        as "kode:encoding.decodeUtf8" -> Result<v8::Local<'s, v8::String>, KodeError>
    {
        const OPERATION: &str = "kode:encoding.decodeUtf8";
        let text = crate::utf8::decode_utf8(&bytes.0, fatal, ignore_bom)
            .map_err(|err| err.operation(OPERATION))?;
        try_v8_str(scope, &text).map_err(|err| err.operation(OPERATION))
    }
}

op! {
    /// `encoding_encode_base64(data)`.
    fn op_encoding_encode_base64<'s>(scope, data: Data)
        as "kode:encoding.encodeBase64" -> Result<v8::Local<'s, v8::String>, KodeError>
    {
        try_v8_str(scope, &encode_base64(&data.0))
            .map_err(|e| e.operation("kode:encoding.encodeBase64"))
    }
}

op! {
    /// `encoding_decode_base64(text)`.
    fn op_encoding_decode_base64<'s>(scope, text: String)
        as "kode:encoding.decodeBase64" -> Result<Vec<u8>, KodeError>
    {
        decode_base64(&text)
    }
}

op! {
    /// `encoding_encode_hex(data)`.
    fn op_encoding_encode_hex<'s>(scope, data: Data)
        as "kode:encoding.encodeHex" -> Result<v8::Local<'s, v8::String>, KodeError>
    {
        try_v8_str(scope, &hex::encode(data.0)).map_err(|e| e.operation("kode:encoding.encodeHex"))
    }
}

op! {
    /// `encoding_decode_hex(text)`.
    fn op_encoding_decode_hex<'s>(scope, text: String)
        as "kode:encoding.decodeHex" -> Result<Vec<u8>, KodeError>
    {
        decode_hex(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorClass;

    fn base64_error(text: &str) -> String {
        let err = decode_base64(text).unwrap_err();
        assert_eq!(err.class, ErrorClass::TypeError);
        assert_eq!(err.code, "EINVALID_ENCODING");
        assert_eq!(err.operation.as_deref(), Some("kode:encoding.decodeBase64"));
        err.message
    }

    #[test]
    fn base64_rfc_4648_test_vectors_round_trip() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode_base64(plain.as_bytes()), encoded);
            assert_eq!(decode_base64(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode_base64(&[0xfb, 0xff]), "+/8=");
        assert_eq!(decode_base64("+/8=").unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn base64_is_strict() {
        assert!(base64_error("Zm9v!").contains("'!' at index 4"));
        assert!(base64_error("-_8=").contains("'-' at index 0"));
        assert!(base64_error("Zm9vé").contains("'é' at index 4"));
        assert!(base64_error("Zg=a").contains("\"=\" at index 2"));
        base64_error("Zg"); // missing padding
        base64_error("Zg="); // short padding
        base64_error("Zm8=="); // too much padding
        base64_error("Zm9vY"); // a lone trailing symbol
        base64_error("Zm9v\nYg=="); // no line breaks
        base64_error(" Zm9v"); // no whitespace
        assert!(base64_error("Zh==").contains("unused bits")); // not canonical
    }

    #[test]
    fn hex_decodes_either_case_and_rejects_the_rest() {
        assert_eq!(decode_hex("").unwrap(), b"");
        assert_eq!(
            decode_hex("00ff7F80aB").unwrap(),
            [0x00, 0xff, 0x7f, 0x80, 0xab]
        );
        for (text, part) in [
            ("abc", "odd number of digits (3)"),
            ("zz", "'z' at index 0"),
            ("0g", "'g' at index 1"),
            ("0x00", "'x' at index 1"),
            ("00 ", "' ' at index 2"),
            ("a\u{e9}", "'é' at index 1"), // odd in UTF-8 bytes, even in UTF-16 units
            ("012", "odd number of digits (3)"),
            ("ab\u{e9}", "'é' at index 2"),
        ] {
            let err = decode_hex(text).unwrap_err();
            assert_eq!(err.code, "EINVALID_ENCODING");
            assert_eq!(err.class, ErrorClass::TypeError);
            assert_eq!(err.operation.as_deref(), Some("kode:encoding.decodeHex"));
            assert!(err.message.contains(part), "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn locate_reports_utf16_indices() {
        assert_eq!(locate("ab!", 2), Some((2, '!')));
        assert_eq!(locate("\u{1F600}!", 4), Some((2, '!')));
        assert_eq!(locate("é", 1), None); // inside a character
        assert_eq!(locate("ab", 2), None);
    }
}
