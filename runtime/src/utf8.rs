//! WHATWG UTF-8 decoding, shared by `TextDecoder`, `kode:encoding` and
//! `kode:fs` text reads.

use crate::error::{codes, KodeError};

/// WHATWG UTF-8 decode: strips one leading BOM unless `ignore_bom`; invalid
/// sequences become U+FFFD (maximal subparts), or an error when `fatal`.
pub fn decode_utf8(bytes: &[u8], fatal: bool, ignore_bom: bool) -> Result<String, KodeError> {
    let (skipped, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) if !ignore_bom => (3, rest),
        _ => (0, bytes),
    };
    if fatal {
        std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| {
            // The offset counts from the start of the input, BOM included.
            let offset = skipped + e.valid_up_to();
            KodeError::type_error(
                codes::EINVALID_ENCODING,
                format!("The encoded data is not valid UTF-8 (invalid byte at offset {offset})"),
            )
        })
    } else {
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::decode_utf8;

    #[test]
    fn bom_and_replacement() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFhi", false, false).unwrap(), "hi");
        assert_eq!(
            decode_utf8(b"\xEF\xBB\xBFhi", false, true).unwrap(),
            "\u{FEFF}hi"
        );
        assert_eq!(decode_utf8(b"a\xFFb", false, false).unwrap(), "a\u{FFFD}b");
        // Maximal subpart: a truncated 3-byte sequence is one replacement character.
        assert_eq!(decode_utf8(b"\xE2\x82", false, false).unwrap(), "\u{FFFD}");
        let err = decode_utf8(b"a\xFF", true, false).unwrap_err();
        assert_eq!(err.code, "EINVALID_ENCODING");
        let err = decode_utf8(b"\xEF\xBB\xBFa\xFF", true, false).unwrap_err();
        assert!(err.message.ends_with("offset 4)"), "{}", err.message);
    }
}
