//! `structuredClone` without a transfer list, on the serializer
//! `crate::structured` shares with `MessagePort` (a transfer list goes
//! through the `messaging` area).

use crate::error::KodeError;
use crate::ext::args::op;
use crate::structured::{self, Transfer};

op! {
    /// `structured_clone(value, makeError)`: a copy of `value`; a value that
    /// cannot be cloned throws `makeError(message)` (the `DataCloneError`).
    /// `None` when that, or a getter of the value, threw.
    fn op_structured_clone<'s>(scope, value: v8::Local<'s, v8::Value>, make_error: v8::Local<'s, v8::Function>)
        -> Result<Option<v8::Local<'s, v8::Value>>, KodeError>
    {
        let transfer = Transfer { buffers: Vec::new(), ports: Vec::new() };
        let Some(serialized) = structured::serialize(scope, value, &transfer, make_error) else {
            return Ok(None);
        };
        Ok(structured::deserialize(scope, &serialized, &[], &[]))
    }
}

op! {
    /// `structured_clone_refuse(object)`: `structuredClone` and `postMessage`
    /// of `object` (and of anything holding it) throw the data-clone error.
    fn op_structured_clone_refuse<'s>(scope, object: v8::Local<'s, v8::Value>) -> Result<(), KodeError> {
        if let Ok(object) = v8::Local::<v8::Object>::try_from(object) {
            let key = structured::refused(scope);
            let mark = v8::Boolean::new(scope, true).into();
            object.set_private(scope, key, mark);
        }
        Ok(())
    }
}
