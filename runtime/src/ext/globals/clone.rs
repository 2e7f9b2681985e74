//! `structuredClone` on V8's own serializer, so the clone semantics are V8's.

use v8::{ValueDeserializerHelper, ValueSerializerHelper};

use crate::error::{codes, KodeError};
use crate::ext::args::op;

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

op! {
    /// `structured_clone(value)`: `None` when the serializer threw the data-clone error.
    fn op_structured_clone<'s>(scope, value: v8::Local<'s, v8::Value>)
        -> Result<Option<v8::Local<'s, v8::Value>>, KodeError>
    {
        let context = scope.get_current_context();
        let serializer = v8::ValueSerializer::new(scope, Box::new(Host));
        serializer.write_header();
        if serializer.write_value(context, value) != Some(true) {
            return Ok(None); // the data-clone error is already thrown
        }
        let bytes = serializer.release();
        let deserializer = v8::ValueDeserializer::new(scope, Box::new(Host), &bytes);
        if deserializer.read_header(context) != Some(true) {
            let err = KodeError::new(
                codes::EDATA_CLONE,
                "structuredClone: cannot read back the value",
            )
            .operation("structuredClone");
            return Err(err);
        }
        Ok(deserializer.read_value(context))
    }
}
