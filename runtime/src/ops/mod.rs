//! The op table: every native function JavaScript can call, in one place.
//! Ops convert arguments and do the work; policy and validation live in JS.

mod clone;
mod core;
mod crypto;
mod encoding;
mod fs;
mod inspect;
mod modules;
mod text;

pub use crate::v8_util::uint8_array;

use crate::error::{codes, v8_str, KodeError};

/// `(JS name, callback)`. JS names equal the Rust names without the `op_` prefix.
macro_rules! op_table {
    ($($name:ident => $f:path),* $(,)?) => {
        /// Builds the `ops` object handed to the bootstrap scripts.
        pub fn install<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
            let ops = v8::Object::new(scope);
            $(
                let function = v8::Function::new(scope, $f).expect("op function");
                let key = v8_str(scope, stringify!($name));
                ops.set(scope, key.into(), function.into());
            )*
            ops
        }
    };
}

op_table! {
    print => core::op_print,
    exit => core::op_exit,
    timer_start => core::op_timer_start,
    timer_cancel => core::op_timer_cancel,
    promise_state => core::op_promise_state,
    proxy_details => inspect::op_proxy_details,
    structured_clone => clone::op_structured_clone,
    resolve => modules::op_resolve,
    load => modules::op_load,
    compile => modules::op_compile,
    builtin => modules::op_builtin,
    utf8_encode => text::op_utf8_encode,
    utf8_encode_into => text::op_utf8_encode_into,
    utf8_decode => text::op_utf8_decode,
    crypto_hash => crypto::op_crypto_hash,
    crypto_random_bytes => crypto::op_crypto_random_bytes,
    crypto_random_uuid => crypto::op_crypto_random_uuid,
    encoding_decode_utf8 => encoding::op_encoding_decode_utf8,
    encoding_encode_base64 => encoding::op_encoding_encode_base64,
    encoding_decode_base64 => encoding::op_encoding_decode_base64,
    encoding_encode_hex => encoding::op_encoding_encode_hex,
    encoding_decode_hex => encoding::op_encoding_decode_hex,
    cwd => core::op_cwd,
    cancel => fs::op_cancel,
    fs_read => fs::op_fs_read,
    fs_read_text => fs::op_fs_read_text,
    fs_write => fs::op_fs_write,
    fs_info => fs::op_fs_info,
    fs_list => fs::op_fs_list,
    fs_remove => fs::op_fs_remove,
    fs_mkdir => fs::op_fs_mkdir,
    fs_rename => fs::op_fs_rename,
}

/// Sets the return value or throws the error: the tail of every fallible op.
pub fn finish<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    mut rv: v8::ReturnValue<v8::Value>,
    result: Result<v8::Local<'s, v8::Value>, KodeError>,
) {
    match result {
        Ok(value) => rv.set(value),
        Err(err) => err.throw(scope),
    }
}

pub fn arg_string(
    scope: &mut v8::PinScope<'_, '_>,
    args: &v8::FunctionCallbackArguments,
    index: i32,
) -> Result<String, KodeError> {
    let value = args.get(index);
    if !value.is_string() {
        return Err(KodeError::type_error(
            codes::EINVALID_ARG,
            format!("argument {index} must be a string"),
        ));
    }
    Ok(value.to_rust_string_lossy(scope))
}

pub fn arg_bytes(args: &v8::FunctionCallbackArguments, index: i32) -> Result<Vec<u8>, KodeError> {
    let value = args.get(index);
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).map_err(|_| {
        KodeError::type_error(
            codes::EINVALID_ARG,
            format!("argument {index} must be a Uint8Array"),
        )
    })?;
    let mut bytes = vec![0; view.byte_length()];
    view.copy_contents(&mut bytes);
    Ok(bytes)
}
