//! `structuredClone` on V8's own serializer, so the clone semantics are V8's.

use v8::{ValueDeserializerHelper, ValueSerializerHelper};

use super::finish;
use crate::error::{codes, KodeError};

struct Host;

impl v8::ValueSerializerImpl for Host {
    fn throw_data_clone_error<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        message: v8::Local<'s, v8::String>,
    ) {
        let message = message.to_rust_string_lossy(scope);
        let error = KodeError::new(codes::EDATA_CLONE, message)
            .operation("structuredClone")
            .field("name", "DataCloneError");
        error.throw(scope);
    }
}

impl v8::ValueDeserializerImpl for Host {}

pub fn op_structured_clone(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let context = scope.get_current_context();
    let serializer = v8::ValueSerializer::new(scope, Box::new(Host));
    serializer.write_header();
    if serializer.write_value(context, args.get(0)) != Some(true) {
        return; // the data-clone error is already thrown
    }
    let bytes = serializer.release();
    let deserializer = v8::ValueDeserializer::new(scope, Box::new(Host), &bytes);
    if deserializer.read_header(context) != Some(true) {
        let err = KodeError::new(
            codes::EDATA_CLONE,
            "structuredClone: cannot read back the value",
        )
        .operation("structuredClone");
        return finish(scope, rv, Err(err));
    }
    if let Some(value) = deserializer.read_value(context) {
        rv.set(value);
    }
}
