//! `structuredClone` on V8's own serializer, so the clone semantics are V8's.

use v8::{ValueDeserializerHelper, ValueSerializerHelper};

use crate::error::{codes, KodeError};
use crate::ext::args::op;

struct Host;

fn data_clone_error(message: String) -> KodeError {
    KodeError::new(codes::EDATA_CLONE, message)
        .operation("structuredClone")
        .field("name", "DataCloneError")
}

/// The private symbol on platform objects that `structuredClone` refuses: a
/// `CryptoKey` is serializable by its standard but Kode does not clone one
/// yet, and without the mark V8 would copy it as an empty plain object.
fn refused<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = v8::String::new(scope, "kode.structuredClone.refused");
    v8::Private::for_api(scope, name)
}

impl v8::ValueSerializerImpl for Host {
    fn throw_data_clone_error<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        message: v8::Local<'s, v8::String>,
    ) {
        let message = message.to_rust_string_lossy(scope);
        data_clone_error(message).throw(scope);
    }

    fn has_custom_host_object(&self, _: &v8::Isolate) -> bool {
        true
    }

    fn is_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
    ) -> Option<bool> {
        let key = refused(scope);
        object.has_private(scope, key)
    }

    fn write_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
        _: &dyn v8::ValueSerializerHelper,
    ) -> Option<bool> {
        let name = object.get_constructor_name().to_rust_string_lossy(scope);
        data_clone_error(format!("#<{name}> could not be cloned.")).throw(scope);
        None
    }
}

op! {
    /// `structured_clone_refuse(object)`: `structuredClone` of `object` (and
    /// of anything holding it) throws the data-clone error.
    fn op_structured_clone_refuse<'s>(scope, object: v8::Local<'s, v8::Value>) -> Result<(), KodeError> {
        if let Ok(object) = v8::Local::<v8::Object>::try_from(object) {
            let key = refused(scope);
            let mark = v8::Boolean::new(scope, true).into();
            object.set_private(scope, key, mark);
        }
        Ok(())
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
