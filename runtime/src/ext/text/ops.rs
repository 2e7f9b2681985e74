//! UTF-8 ops behind `TextEncoder`, `TextDecoder` and `Kode.text`.

use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::utf8::decode_utf8;

op! {
    /// `utf8_encode(str)` → `Uint8Array`; lone surrogates become U+FFFD, as
    /// the WHATWG encoder requires.
    fn op_utf8_encode<'s>(scope, text: v8::Local<'s, v8::Value>) -> Result<Vec<u8>, KodeError> {
        Ok(text.to_rust_string_lossy(scope).into_bytes())
    }
}

op! {
    /// `utf8_encode_into(str, u8)` → `[read (UTF-16 units), written (bytes)]`;
    /// never splits a character.
    fn op_utf8_encode_into<'s>(scope, text: v8::Local<'s, v8::Value>, view: v8::Local<'s, v8::Uint8Array>)
        as "TextEncoder.encodeInto" -> Result<v8::Local<'s, v8::Array>, KodeError>
    {
        let text = text.to_rust_string_lossy(scope);
        let capacity = view.byte_length();
        let (mut read, mut written) = (0usize, 0usize);
        let mut out = Vec::with_capacity(capacity.min(text.len()));
        for ch in text.chars() {
            let len = ch.len_utf8();
            if written + len > capacity {
                break;
            }
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            written += len;
            read += ch.len_utf16();
        }
        write_into(scope, view, &out);
        let read = v8::Number::new(scope, read as f64).into();
        let written = v8::Number::new(scope, written as f64).into();
        Ok(v8::Array::new_with_elements(scope, &[read, written]))
    }
}

fn write_into(scope: &mut v8::PinScope, view: v8::Local<v8::Uint8Array>, bytes: &[u8]) {
    let Some(buffer) = view.buffer(scope) else {
        return;
    };
    let offset = view.byte_offset();
    let store = buffer.get_backing_store();
    if let Some(data) = store.data() {
        // SAFETY: `offset + bytes.len()` lies inside the view, which lies inside the live backing store.
        unsafe {
            let dst = (data.as_ptr() as *mut u8).add(offset);
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len());
        }
    }
}

op! {
    /// `utf8_decode(bytes, fatal, ignoreBOM)`.
    fn op_utf8_decode<'s>(scope, bytes: Bytes, fatal: bool, ignore_bom: bool)
        -> Result<v8::Local<'s, v8::String>, KodeError>
    {
        let text = decode_utf8(&bytes.0, fatal, ignore_bom)?;
        crate::error::try_v8_str(scope, &text).map_err(|err| err.operation("TextDecoder.decode"))
    }
}
