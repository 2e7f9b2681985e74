//! Ops behind `MessagePort.postMessage` and `structuredClone(value, {
//! transfer })`. JavaScript checks the transfer list (kinds, duplicates,
//! detached ports) and keeps the serialized record: `[bytes, shared
//! buffers, wasm modules]` from `messaging_serialize`, plus the buffers
//! `messaging_detach` returns, until the message is delivered.

use crate::error::{codes, KodeError};
use crate::ext::args::{op, Bytes};
use crate::structured::{self, Serialized, Transfer};

/// The items of an array JavaScript built, each a `T`.
fn items<'s, T>(
    scope: &mut v8::PinScope<'s, '_>,
    array: v8::Local<'s, v8::Array>,
) -> Result<Vec<v8::Local<'s, T>>, KodeError>
where
    v8::Local<'s, v8::Value>: TryInto<v8::Local<'s, T>>,
{
    (0..array.length())
        .map(|index| {
            array
                .get_index(scope, index)
                .and_then(|item| item.try_into().ok())
                .ok_or_else(|| {
                    KodeError::type_error(
                        codes::EINVALID_ARG,
                        "a transfer list item has the wrong type",
                    )
                })
        })
        .collect()
}

op! {
    /// `messaging_brand(port)`: marks a new `MessagePort` as a host object
    /// of the serializer (transferable, never cloned).
    fn op_messaging_brand<'s>(scope, port: v8::Local<'s, v8::Object>) -> Result<(), KodeError> {
        let brand = structured::transferable(scope);
        let yes = v8::Boolean::new(scope, true).into();
        port.set_private(scope, brand, yes);
        Ok(())
    }
}

op! {
    /// `messaging_serialize(value, buffers, ports, makeError)` →
    /// `[bytes, sharedBuffers, modules]`; `undefined` when it threw (a
    /// data-clone error is `makeError(message)`). The buffers are not
    /// detached yet.
    fn op_messaging_serialize<'s>(
        scope,
        value: v8::Local<'s, v8::Value>,
        buffers: v8::Local<'s, v8::Array>,
        ports: v8::Local<'s, v8::Array>,
        make_error: v8::Local<'s, v8::Function>,
    ) -> Result<Option<v8::Local<'s, v8::Array>>, KodeError> {
        let transfer = Transfer { buffers: items(scope, buffers)?, ports: items(scope, ports)? };
        let Some(serialized) = structured::serialize(scope, value, &transfer, make_error) else {
            return Ok(None);
        };
        let bytes = crate::v8_util::uint8_array(scope, serialized.bytes);
        let shared: Vec<v8::Local<v8::Value>> = serialized.shared.iter().map(|b| (*b).into()).collect();
        let shared = v8::Array::new_with_elements(scope, &shared).into();
        let modules: Vec<v8::Local<v8::Value>> = serialized.modules.iter().map(|m| (*m).into()).collect();
        let modules = v8::Array::new_with_elements(scope, &modules).into();
        Ok(Some(v8::Array::new_with_elements(scope, &[bytes, shared, modules])))
    }
}

op! {
    /// `messaging_detach(buffers)`: detaches each (checked) buffer and
    /// returns new ones over the same memory, in order.
    fn op_messaging_detach<'s>(scope, buffers: v8::Local<'s, v8::Array>)
        -> Result<v8::Local<'s, v8::Array>, KodeError>
    {
        let buffers = items::<v8::ArrayBuffer>(scope, buffers)?;
        let moved: Vec<v8::Local<v8::Value>> =
            structured::detach(scope, &buffers).into_iter().map(Into::into).collect();
        Ok(v8::Array::new_with_elements(scope, &moved))
    }
}

op! {
    /// `messaging_deserialize(bytes, buffers, sharedBuffers, modules, ports)`
    /// → the value; `undefined` when reading it threw.
    fn op_messaging_deserialize<'s>(
        scope,
        bytes: Bytes,
        buffers: v8::Local<'s, v8::Array>,
        shared: v8::Local<'s, v8::Array>,
        modules: v8::Local<'s, v8::Array>,
        ports: v8::Local<'s, v8::Array>,
    ) -> Result<Option<v8::Local<'s, v8::Value>>, KodeError> {
        let serialized = Serialized { bytes: bytes.0, shared: items(scope, shared)?, modules: items(scope, modules)? };
        let buffers = items::<v8::ArrayBuffer>(scope, buffers)?;
        let ports = items::<v8::Object>(scope, ports)?;
        Ok(structured::deserialize(scope, &serialized, &buffers, &ports))
    }
}
