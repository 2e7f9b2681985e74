//! Header lists between hyper and JavaScript. Fetch's header values are
//! byte strings: each byte is one UTF-16 code unit (latin1) in JavaScript.

use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::Method;

use crate::error::{codes, KodeError};
use crate::value::OpValue;

/// Bytes as a latin1 string.
pub fn latin1(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    push_latin1(&mut text, bytes);
    text
}

/// Appends bytes as latin1 text.
pub fn push_latin1(text: &mut String, bytes: &[u8]) {
    if bytes.is_ascii() {
        // ASCII is UTF-8 as it stands.
        text.push_str(std::str::from_utf8(bytes).unwrap_or_default());
    } else {
        text.extend(bytes.iter().map(|&b| char::from(b)));
    }
}

/// Names most requests carry: sent to JavaScript without a copy.
static COMMON_NAMES: [HeaderName; 12] = [
    header::HOST,
    header::USER_AGENT,
    header::ACCEPT,
    header::ACCEPT_ENCODING,
    header::ACCEPT_LANGUAGE,
    header::CONNECTION,
    header::CONTENT_TYPE,
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
    header::COOKIE,
    header::AUTHORIZATION,
    header::CACHE_CONTROL,
];

static METHODS: [Method; 7] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::HEAD,
    Method::OPTIONS,
    Method::PATCH,
];

/// A request's method as text, without a copy for HTTP's own.
pub fn method_text(method: &Method) -> OpValue {
    word_or_text(&METHODS, method, Method::as_str)
}

fn name_text(name: &HeaderName) -> OpValue {
    word_or_text(&COMMON_NAMES, name, HeaderName::as_str)
}

/// `value`'s text, borrowed from its twin in `known` when it has one.
fn word_or_text<T: PartialEq>(known: &'static [T], value: &T, text: fn(&T) -> &str) -> OpValue {
    match known.iter().find(|k| *k == value) {
        Some(twin) => OpValue::word(text(twin)),
        None => OpValue::text(text(value)).unwrap_or(OpValue::Null),
    }
}

/// `[name, value, name, value, ...]`, names lower-case as hyper keeps them.
pub fn header_list(headers: &HeaderMap) -> OpValue {
    let mut list = Vec::with_capacity(headers.len() * 2);
    for (name, value) in headers {
        list.push(name_text(name));
        list.push(OpValue::text(latin1(value.as_bytes())).unwrap_or(OpValue::Null));
    }
    OpValue::Array(list)
}

/// A flat `[name, value, ...]` list of JavaScript strings (a `Headers`
/// object's, so already valid byte strings) as a `HeaderMap`; `context`
/// names the operation in the error for a value hyper would refuse.
pub fn header_map(
    scope: &mut v8::PinScope,
    list: v8::Local<v8::Array>,
    context: &str,
) -> Result<HeaderMap, KodeError> {
    let length = list.length();
    let mut map = HeaderMap::with_capacity(length as usize / 2);
    // Buffers for every name and value (hyper copies what it keeps): on
    // the stack for the usual short ones.
    let mut scratch = Scratch {
        stack: [0; 256],
        heap: Vec::new(),
    };
    let mut i = 0;
    while i + 1 < length {
        let name = string_at(scope, list, i);
        let value = string_at(scope, list, i + 1);
        i += 2;
        let (Some(name), Some(value)) = (name, value) else {
            continue;
        };
        let Ok(name) = HeaderName::from_bytes(one_byte(scope, name, &mut scratch)) else {
            return Err(refused(scope, list, i - 2, context));
        };
        let Ok(value) = HeaderValue::from_bytes(one_byte(scope, value, &mut scratch)) else {
            return Err(refused(scope, list, i - 2, context));
        };
        map.append(name, value);
    }
    Ok(map)
}

fn string_at<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    list: v8::Local<v8::Array>,
    index: u32,
) -> Option<v8::Local<'s, v8::String>> {
    let value = list.get_index(scope, index)?;
    v8::Local::<v8::String>::try_from(value).ok()
}

struct Scratch {
    stack: [u8; 256],
    heap: Vec<u8>,
}

/// A byte string's bytes, written into `scratch`.
fn one_byte<'b>(
    scope: &mut v8::PinScope,
    text: v8::Local<v8::String>,
    scratch: &'b mut Scratch,
) -> &'b [u8] {
    let length = text.length();
    let buffer = match scratch.stack.get_mut(..length) {
        Some(short) => short,
        None => {
            scratch.heap.clear();
            scratch.heap.resize(length, 0);
            &mut scratch.heap[..]
        }
    };
    text.write_one_byte_v2(scope, 0, buffer, v8::WriteFlags::empty());
    buffer
}

/// The error for the header at `index`, which hyper would not send.
fn refused(
    scope: &mut v8::PinScope,
    list: v8::Local<v8::Array>,
    index: u32,
    context: &str,
) -> KodeError {
    let name = list
        .get_index(scope, index)
        .map(|v| v.to_rust_string_lossy(scope))
        .unwrap_or_default();
    KodeError::type_error(
        codes::EINVALID_ARG,
        format!("{context}: the header {name:?} cannot be sent"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_borrowed_and_others_copied() {
        let text = |value: OpValue| match value {
            OpValue::Text(text) => text.as_str().to_string(),
            other => panic!("not text: {other:?}"),
        };
        assert_eq!(text(method_text(&Method::GET)), "GET");
        assert_eq!(
            text(method_text(&Method::from_bytes(b"PROPFIND").unwrap())),
            "PROPFIND"
        );
        assert_eq!(text(name_text(&header::HOST)), "host");
        assert_eq!(
            text(name_text(&HeaderName::from_static("x-kode"))),
            "x-kode"
        );
    }

    #[test]
    fn latin1_keeps_every_byte() {
        assert_eq!(latin1(b"plain"), "plain");
        assert_eq!(latin1(&[0x63, 0xe9]), "c\u{e9}");
        assert_eq!(latin1(&[0xc3, 0xa9]), "\u{c3}\u{a9}");
    }
}
