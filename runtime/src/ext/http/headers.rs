//! Header lists between hyper and JavaScript. Fetch's header values are
//! byte strings: each byte is one UTF-16 code unit (latin1) in JavaScript.

use http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::{codes, KodeError};
use crate::value::OpValue;

/// Bytes as a latin1 string.
pub fn latin1(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) if text.is_ascii() => text.to_string(),
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// `[name, value, name, value, ...]`, names lower-case as hyper keeps them.
pub fn header_list(headers: &HeaderMap) -> OpValue {
    let mut list = Vec::with_capacity(headers.len() * 2);
    for (name, value) in headers {
        list.push(OpValue::text(name.as_str()).unwrap_or(OpValue::Null));
        list.push(OpValue::text(latin1(value.as_bytes())).unwrap_or(OpValue::Null));
    }
    OpValue::Array(list)
}

/// A flat `[name, value, ...]` list of JavaScript strings (a `Headers`
/// object's, so already valid) as a `HeaderMap`; `context` names the
/// operation in the error for a value hyper would refuse.
pub fn header_map(
    scope: &mut v8::PinScope,
    list: v8::Local<v8::Array>,
    context: &str,
) -> Result<HeaderMap, KodeError> {
    let length = list.length();
    let mut map = HeaderMap::with_capacity(length as usize / 2);
    let mut i = 0;
    while i + 1 < length {
        let name = list
            .get_index(scope, i)
            .map(|v| v.to_rust_string_lossy(scope));
        let value = list.get_index(scope, i + 1).map(|v| {
            let text = v8::Local::<v8::String>::try_from(v).ok();
            text.map(|t| {
                let mut bytes = vec![0u8; t.length()];
                t.write_one_byte_v2(scope, 0, &mut bytes, v8::WriteFlags::empty());
                bytes
            })
        });
        i += 2;
        let (Some(name), Some(Some(value))) = (name, value) else {
            continue;
        };
        let bad = || {
            KodeError::type_error(
                codes::EINVALID_ARG,
                format!("{context}: the header {name:?} cannot be sent"),
            )
        };
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
        let value = HeaderValue::from_bytes(&value).map_err(|_| bad())?;
        map.append(name, value);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_keeps_every_byte() {
        assert_eq!(latin1(b"plain"), "plain");
        assert_eq!(latin1(&[0x63, 0xe9]), "c\u{e9}");
        assert_eq!(latin1(&[0xc3, 0xa9]), "\u{c3}\u{a9}");
    }
}
