//! Header lists between hyper and JavaScript. Fetch's header values are
//! byte strings: each byte is one UTF-16 code unit (latin1) in JavaScript.

use std::rc::Rc;

use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::Method;
use smallvec::SmallVec;

use crate::error::{codes, KodeError};
use crate::ext::args::Rest;
use crate::value::{InsertResource, ToJs};

/// Bytes as a latin1 string.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Bytes as a JavaScript byte string (each byte one latin1 code unit), or
/// null for more than a V8 string holds (hyper's own limits come first).
pub fn byte_string<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8]) -> v8::Local<'s, v8::Value> {
    match v8::String::new_from_one_byte(scope, bytes, v8::NewStringType::Normal) {
        Some(text) => text.into(),
        None => v8::null(scope).into(),
    }
}

/// HTTP's methods and the header names most messages carry.
const METHODS: [Method; 7] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::HEAD,
    Method::OPTIONS,
    Method::PATCH,
];
const NAMES: [HeaderName; 14] = [
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
    header::DATE,
    header::SERVER,
];

/// V8 strings for [`METHODS`] and [`NAMES`], made once per isolate: a
/// handle to one costs a fraction of a new string.
pub struct Words {
    methods: Vec<v8::Global<v8::String>>,
    names: Vec<v8::Global<v8::String>>,
}

impl Words {
    /// The isolate's words, made on first use.
    pub fn of(scope: &mut v8::PinScope) -> Rc<Words> {
        if let Some(words) = scope.get_slot::<Rc<Words>>() {
            return words.clone();
        }
        let global = |scope: &mut v8::PinScope, text: &str| {
            let text = v8::String::new_from_one_byte(
                scope,
                text.as_bytes(),
                v8::NewStringType::Internalized,
            )
            .expect("a short word fits");
            v8::Global::new(scope, text)
        };
        let words = Rc::new(Words {
            methods: METHODS.iter().map(|m| global(scope, m.as_str())).collect(),
            names: NAMES.iter().map(|n| global(scope, n.as_str())).collect(),
        });
        scope.set_slot(words.clone());
        words
    }

    pub fn method<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        method: &Method,
    ) -> v8::Local<'s, v8::Value> {
        word(scope, &METHODS, &self.methods, method, Method::as_str)
    }

    fn name<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        name: &HeaderName,
    ) -> v8::Local<'s, v8::Value> {
        word(scope, &NAMES, &self.names, name, HeaderName::as_str)
    }
}

/// `value`'s string: its twin's in `strings` when `known` has one.
fn word<'s, T: PartialEq>(
    scope: &mut v8::PinScope<'s, '_>,
    known: &[T],
    strings: &[v8::Global<v8::String>],
    value: &T,
    text: fn(&T) -> &str,
) -> v8::Local<'s, v8::Value> {
    match known.iter().position(|known| known == value) {
        Some(i) => v8::Local::new(scope, &strings[i]).into(),
        None => byte_string(scope, text(value).as_bytes()),
    }
}

/// `[name, value, name, value, ...]` as JavaScript strings, names
/// lower-case as hyper keeps them, written straight from hyper's bytes.
/// `items` is scratch space a batch reuses.
pub fn header_list<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    words: &Words,
    headers: &HeaderMap,
    items: &mut SmallVec<[v8::Local<'s, v8::Value>; 32]>,
) -> v8::Local<'s, v8::Value> {
    items.clear();
    for (name, value) in headers {
        items.push(words.name(scope, name));
        items.push(byte_string(scope, value.as_bytes()));
    }
    v8::Array::new_with_elements(scope, items).into()
}

/// Appends the headers to `block` as `name\nvalue\nname\nvalue`, which
/// becomes one JavaScript byte string that fetch.js splits when the
/// headers are first read: one string per request, where a handler that
/// never reads them made two per header. A line feed cannot be part of a
/// name or value: `HeaderName` and `HeaderValue` refuse control bytes.
pub fn write_header_block(headers: &HeaderMap, block: &mut Vec<u8>) {
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 {
            block.push(b'\n');
        }
        block.extend_from_slice(name.as_str().as_bytes());
        block.push(b'\n');
        block.extend_from_slice(value.as_bytes());
    }
}

/// A fetched response's header list, made into JavaScript on the JS thread.
pub struct HeaderList(pub HeaderMap);

impl ToJs for HeaderList {
    fn to_js<'s>(
        self: Box<Self>,
        scope: &mut v8::PinScope<'s, '_>,
        _: InsertResource,
    ) -> v8::Local<'s, v8::Value> {
        let words = Words::of(scope);
        header_list(scope, &words, &self.0, &mut SmallVec::new())
    }
}

/// The content types Kode's own bodies declare (fetch.js `extractBody`,
/// `Response.json`): sent without a copy. serve.js numbers them in this
/// order (`KODE_TYPES`).
const KODE_VALUES: [&str; 3] = [
    "text/plain;charset=UTF-8",
    "application/json",
    "application/x-www-form-urlencoded;charset=UTF-8",
];

/// `KODE_VALUES[kind - 1]`, for `kind` from 1, made at compile time:
/// `from_static` checks every byte, which at run time cost more than the
/// rest of a response's header map.
fn kode_value(kind: usize) -> Option<HeaderValue> {
    Some(match kind {
        1 => const { HeaderValue::from_static(KODE_VALUES[0]) },
        2 => const { HeaderValue::from_static(KODE_VALUES[1]) },
        3 => const { HeaderValue::from_static(KODE_VALUES[2]) },
        _ => return None,
    })
}

/// `content-type: KODE_VALUES[kind - 1]` as a response's only header, for
/// `kind` from 1; `None` past the list.
pub fn kode_type(kind: u32) -> Option<HeaderMap> {
    let value = kode_value(usize::try_from(kind).ok()?)?;
    let mut map = HeaderMap::with_capacity(1);
    map.insert(header::CONTENT_TYPE, value);
    Some(map)
}

/// Where a flat `[name, value, ...]` list of JavaScript strings comes
/// from: an array, or an op's spread arguments.
pub trait HeaderSource<'s> {
    fn len(&self) -> u32;
    fn get(&self, scope: &mut v8::PinScope<'s, '_>, index: u32)
        -> Option<v8::Local<'s, v8::Value>>;
}

impl<'s> HeaderSource<'s> for v8::Local<'s, v8::Array> {
    fn len(&self) -> u32 {
        self.length()
    }

    fn get(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        index: u32,
    ) -> Option<v8::Local<'s, v8::Value>> {
        self.get_index(scope, index)
    }
}

impl<'s> HeaderSource<'s> for Rest<'_, 's> {
    fn len(&self) -> u32 {
        self.count()
    }

    fn get(&self, _: &mut v8::PinScope<'s, '_>, index: u32) -> Option<v8::Local<'s, v8::Value>> {
        Some(Rest::get(self, index))
    }
}

/// A flat `[name, value, ...]` list of JavaScript strings (a `Headers`
/// object's, so already valid byte strings) as a `HeaderMap`; `context`
/// names the operation in the error for a value hyper would refuse.
pub fn header_map<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    list: impl HeaderSource<'s>,
    context: &str,
) -> Result<HeaderMap, KodeError> {
    let length = list.len();
    // `http` holds a bounded number of distinct names and panics past it
    // (`with_capacity`, `append`): a list that long is refused, not a crash.
    let mut map = HeaderMap::try_with_capacity(length as usize / 2).unwrap_or_default();
    // Buffers for every name and value (hyper copies what it keeps): on
    // the stack for the usual short ones.
    let mut scratch = Scratch {
        stack: [0; 256],
        heap: Vec::new(),
    };
    let mut i = 0;
    while i + 1 < length {
        let name = string_at(scope, &list, i);
        let value = string_at(scope, &list, i + 1);
        i += 2;
        let (Some(name), Some(value)) = (name, value) else {
            continue;
        };
        let Ok(header) = HeaderName::from_bytes(one_byte(scope, name, &mut scratch)) else {
            return Err(refused(scope, name, context));
        };
        let bytes = one_byte(scope, value, &mut scratch);
        let known = KODE_VALUES
            .iter()
            .position(|known| known.as_bytes() == bytes);
        let value = match known.and_then(|i| kode_value(i + 1)) {
            Some(known) => known,
            None => match HeaderValue::from_bytes(bytes) {
                Ok(value) => value,
                Err(_) => return Err(refused(scope, name, context)),
            },
        };
        map.try_append(header, value)
            .map_err(|_| too_many(context))?;
    }
    Ok(map)
}

fn string_at<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    list: &impl HeaderSource<'s>,
    index: u32,
) -> Option<v8::Local<'s, v8::String>> {
    let value = list.get(scope, index)?;
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

/// The error for a header list with more distinct names than a `HeaderMap` holds.
fn too_many(context: &str) -> KodeError {
    KodeError::type_error(
        codes::EINVALID_ARG,
        format!("{context}: too many distinct header names for one message"),
    )
}

/// The error for the header `name`, which hyper would not send.
fn refused(scope: &mut v8::PinScope, name: v8::Local<v8::String>, context: &str) -> KodeError {
    let name = name.to_rust_string_lossy(scope);
    KodeError::type_error(
        codes::EINVALID_ARG,
        format!("{context}: the header {name:?} cannot be sent"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lists_and_blocks_reach_javascript_byte_for_byte() {
        crate::platform::init_v8();
        let isolate = &mut v8::Isolate::new(Default::default());
        v8::scope!(let scope, isolate);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        let mut headers = HeaderMap::new();
        headers.append("host", HeaderValue::from_static("a.test"));
        headers.append("x-kode", HeaderValue::from_bytes(&[0x63, 0xe9]).unwrap());
        headers.append("x-kode", HeaderValue::from_static("2"));
        let words = Words::of(scope);
        let list = header_list(scope, &words, &headers, &mut SmallVec::new());
        let list: v8::Local<v8::Array> = list.try_into().unwrap();
        let texts: Vec<String> = (0..list.length())
            .map(|i| {
                list.get_index(scope, i)
                    .unwrap()
                    .to_rust_string_lossy(scope)
            })
            .collect();
        assert_eq!(
            texts,
            ["host", "a.test", "x-kode", "c\u{e9}", "x-kode", "2"]
        );
        // Known methods come from the isolate's words, others are made.
        for method in [Method::GET, Method::from_bytes(b"PROPFIND").unwrap()] {
            let text = words.method(scope, &method).to_rust_string_lossy(scope);
            assert_eq!(text, method.as_str());
        }
        // One string for a served request, split at line feeds by fetch.js.
        let mut block = Vec::new();
        let mut headers = HeaderMap::new();
        write_header_block(&headers, &mut block);
        assert_eq!(block, b"");
        headers.append("host", HeaderValue::from_static("a.test:80"));
        headers.append("x-kode", HeaderValue::from_bytes(&[0x63, 0xe9]).unwrap());
        headers.append("x-kode", HeaderValue::from_static(""));
        block.extend_from_slice(b"kept ");
        write_header_block(&headers, &mut block);
        assert_eq!(block, b"kept host\na.test:80\nx-kode\nc\xe9\nx-kode\n");
        // What the split relies on.
        assert!(HeaderValue::from_bytes(b"a\nb").is_err());
    }

    #[test]
    fn kode_types_are_numbered_from_one() {
        for (i, text) in KODE_VALUES.iter().enumerate() {
            let map = kode_type(i as u32 + 1).unwrap();
            assert_eq!(map.len(), 1);
            assert_eq!(map[header::CONTENT_TYPE], *text);
        }
        assert!(kode_type(0).is_none());
        assert!(kode_type(KODE_VALUES.len() as u32 + 1).is_none());
    }

    #[test]
    fn latin1_keeps_every_byte() {
        assert_eq!(latin1(b"plain"), "plain");
        assert_eq!(latin1(&[0x63, 0xe9]), "c\u{e9}");
        assert_eq!(latin1(&[0xc3, 0xa9]), "\u{c3}\u{a9}");
    }
}
