//! The native functions JavaScript calls, by area; `crate::ext` declares
//! which area has which.
//! Ops convert arguments and do the work; policy and validation live in JS.

pub mod args;
pub mod clone;
pub mod crypto;
pub mod encoding;
pub mod fs;
pub mod globals;
pub mod inspect;
pub mod modules;
pub mod text;

use crate::error::{codes, KodeError};

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
