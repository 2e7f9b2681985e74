//! Leaf helpers over the `v8` crate: strings, object properties, byte
//! arrays. Nothing here knows about Kode's state, errors or ops, so every
//! other module may use it.

/// The longest text, in UTF-8 bytes, that becomes a V8 string. V8 checks the
/// byte length against `v8::String::kMaxLength` (2^29 - 24 on 64-bit) before
/// decoding, so this is exact: shorter always succeeds, longer always fails.
pub const MAX_STRING_BYTES: usize = v8::String::MAX_LENGTH;

/// A V8 string for Kode's own text (names, keys, messages). Text a user
/// controls goes through `error::try_v8_str`, which refuses what V8 cannot hold.
pub fn v8_str<'s>(scope: &mut v8::PinScope<'s, '_>, text: &str) -> v8::Local<'s, v8::String> {
    // Strings longer than V8's limit are the only failure; they cannot come from a file we read.
    v8::String::new(scope, text).unwrap_or_else(|| v8::String::empty(scope))
}

/// `object[key] = value`.
pub fn set_property(
    scope: &mut v8::PinScope,
    object: v8::Local<v8::Object>,
    key: &str,
    value: v8::Local<v8::Value>,
) {
    let key = v8_str(scope, key);
    object.set(scope, key.into(), value);
}

/// A `Uint8Array` that takes over `bytes` without copying.
pub fn uint8_array<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    bytes: Vec<u8>,
) -> v8::Local<'s, v8::Value> {
    let len = bytes.len();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    let buffer = v8::ArrayBuffer::with_backing_store(scope, &store);
    v8::Uint8Array::new(scope, buffer, 0, len)
        .expect("Uint8Array")
        .into()
}
