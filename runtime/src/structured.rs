//! HTML's structured serialization on V8's own `ValueSerializer`: what
//! `structuredClone` (the `globals` area) and `MessagePort.postMessage` (the
//! `messaging` area) share. The clone semantics are V8's; this adds what the
//! embedder decides:
//! - transferred `ArrayBuffer`s are written as references (by index in the
//!   transfer list) and read back from buffers that took over their memory;
//! - `MessagePort`s are host objects (branded with [`transferable`]): only a
//!   transferred one may appear in a value, written as its index among the
//!   transferred ports and read back as the port the receiver made;
//! - `SharedArrayBuffer`s and `WebAssembly.Module`s are shared within the
//!   isolate: the record keeps the originals and reading makes new objects
//!   over the same memory or compiled module (there are no other agents);
//! - a value that cannot be cloned throws what `make_error` returns (the
//!   standard's `DataCloneError` DOMException, made in JavaScript).

use std::cell::RefCell;
use std::rc::Rc;

use v8::{ValueDeserializerHelper, ValueSerializerHelper};

/// The brand of objects the serializer treats as host objects (today only
/// `MessagePort`); JavaScript cannot see or forge a private key.
pub fn transferable<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = crate::v8_util::v8_str(scope, "kode.transferable");
    v8::Private::for_api(scope, Some(name))
}

/// The mark of platform objects `structuredClone` refuses (a `CryptoKey`:
/// serializable by its standard, not cloned by Kode yet); without it V8
/// would copy one as an empty plain object.
pub fn refused<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = crate::v8_util::v8_str(scope, "kode.structuredClone.refused");
    v8::Private::for_api(scope, Some(name))
}

/// What a value was serialized with: the transfer list, split by kind.
pub struct Transfer<'s> {
    pub buffers: Vec<v8::Local<'s, v8::ArrayBuffer>>,
    pub ports: Vec<v8::Local<'s, v8::Object>>,
}

/// A serialized value: V8's bytes and the objects they refer to by index.
pub struct Serialized<'s> {
    pub bytes: Vec<u8>,
    pub shared: Vec<v8::Local<'s, v8::SharedArrayBuffer>>,
    pub modules: Vec<v8::Local<'s, v8::WasmModuleObject>>,
}

/// Calls `make_error(message)` and throws what it returns.
fn throw_clone_error(
    scope: &mut v8::PinScope<'_, '_>,
    make_error: &v8::Global<v8::Function>,
    message: &str,
) {
    let make_error = v8::Local::new(scope, make_error);
    let message = crate::v8_util::v8_str(scope, message).into();
    let undefined = v8::undefined(scope).into();
    // If making the error throws, that exception is the one pending.
    if let Some(error) = make_error.call(scope, undefined, &[message]) {
        scope.throw_exception(error);
    }
}

/// The shared objects a value refers to, in the order the bytes number them.
#[derive(Default)]
struct Shared {
    buffers: Vec<v8::Global<v8::SharedArrayBuffer>>,
    modules: Vec<v8::Global<v8::WasmModuleObject>>,
}

struct Writer {
    make_error: v8::Global<v8::Function>,
    brand: v8::Global<v8::Private>,
    ports: Vec<v8::Global<v8::Object>>,
    shared: Rc<RefCell<Shared>>,
}

impl v8::ValueSerializerImpl for Writer {
    fn throw_data_clone_error<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        message: v8::Local<'s, v8::String>,
    ) {
        let message = message.to_rust_string_lossy(scope);
        throw_clone_error(scope, &self.make_error, &message);
    }

    fn has_custom_host_object(&self, _isolate: &v8::Isolate) -> bool {
        true
    }

    fn is_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
    ) -> Option<bool> {
        let brand = v8::Local::new(scope, &self.brand);
        if object.has_private(scope, brand)? {
            return Some(true);
        }
        let refused = refused(scope);
        object.has_private(scope, refused)
    }

    fn write_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
        serializer: &dyn ValueSerializerHelper,
    ) -> Option<bool> {
        let index = self
            .ports
            .iter()
            .position(|port| v8::Local::new(scope, port).strict_equals(object.into()));
        match index {
            Some(index) => {
                serializer.write_uint32(index as u32);
                Some(true)
            }
            None => {
                let refused = refused(scope);
                let message = if object.has_private(scope, refused) == Some(true) {
                    let name = object.get_constructor_name().to_rust_string_lossy(scope);
                    format!("#<{name}> could not be cloned.")
                } else {
                    "A MessagePort could not be cloned: it can only be transferred.".to_string()
                };
                throw_clone_error(scope, &self.make_error, &message);
                None
            }
        }
    }

    fn get_shared_array_buffer_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        buffer: v8::Local<'s, v8::SharedArrayBuffer>,
    ) -> Option<u32> {
        let buffers = &mut self.shared.borrow_mut().buffers;
        buffers.push(v8::Global::new(scope, buffer));
        Some(buffers.len() as u32 - 1)
    }

    fn get_wasm_module_transfer_id(
        &self,
        scope: &mut v8::PinScope<'_, '_>,
        module: v8::Local<v8::WasmModuleObject>,
    ) -> Option<u32> {
        let modules = &mut self.shared.borrow_mut().modules;
        modules.push(v8::Global::new(scope, module));
        Some(modules.len() as u32 - 1)
    }
}

/// Serializes `value` with `transfer` (StructuredSerializeWithTransfer up to
/// the transfer itself): `None` when an exception is pending. Transferred
/// buffers are checked (detached or not detachable is a data-clone error)
/// but left as they are: [`detach`] moves them once the caller has checked
/// the rest of its list.
pub fn serialize<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    value: v8::Local<'s, v8::Value>,
    transfer: &Transfer<'s>,
    make_error: v8::Local<'s, v8::Function>,
) -> Option<Serialized<'s>> {
    let context = scope.get_current_context();
    let brand = transferable(scope);
    let shared = Rc::new(RefCell::new(Shared::default()));
    let writer = Writer {
        make_error: v8::Global::new(scope, make_error),
        brand: v8::Global::new(scope, brand),
        ports: transfer
            .ports
            .iter()
            .map(|port| v8::Global::new(scope, *port))
            .collect(),
        shared: shared.clone(),
    };
    let make_error = writer.make_error.clone();
    let serializer = v8::ValueSerializer::new(scope, Box::new(writer));
    serializer.write_header();
    for (index, buffer) in transfer.buffers.iter().enumerate() {
        serializer.transfer_array_buffer(index as u32, *buffer);
    }
    if serializer.write_value(context, value) != Some(true) {
        return None;
    }
    for (index, buffer) in transfer.buffers.iter().enumerate() {
        let problem = if buffer.was_detached() {
            "is detached"
        } else if !buffer.is_detachable() {
            "cannot be detached"
        } else {
            continue;
        };
        let message =
            format!("The ArrayBuffer at index {index} {problem} and could not be transferred.");
        throw_clone_error(scope, &make_error, &message);
        return None;
    }
    let bytes = serializer.release();
    drop(serializer);
    let shared = shared.take();
    Some(Serialized {
        bytes,
        shared: shared
            .buffers
            .iter()
            .map(|b| v8::Local::new(scope, b))
            .collect(),
        modules: shared
            .modules
            .iter()
            .map(|m| v8::Local::new(scope, m))
            .collect(),
    })
}

/// Detaches each buffer (checked by [`serialize`]) and returns, in order, a
/// new buffer over the same memory: what the receiver's copy will use.
pub fn detach<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    buffers: &[v8::Local<'s, v8::ArrayBuffer>],
) -> Vec<v8::Local<'s, v8::ArrayBuffer>> {
    buffers
        .iter()
        .map(|buffer| {
            let store = buffer.get_backing_store();
            buffer.detach(None);
            v8::ArrayBuffer::with_backing_store(scope, &store)
        })
        .collect()
}

struct Reader {
    ports: Vec<v8::Global<v8::Object>>,
    shared: Shared,
}

impl v8::ValueDeserializerImpl for Reader {
    fn read_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        deserializer: &dyn ValueDeserializerHelper,
    ) -> Option<v8::Local<'s, v8::Object>> {
        let mut index = 0;
        // An index out of range makes V8 throw its "Unable to deserialize".
        if !deserializer.read_uint32(&mut index) {
            return None;
        }
        let port = self.ports.get(index as usize)?;
        Some(v8::Local::new(scope, port))
    }

    fn get_shared_array_buffer_from_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        id: u32,
    ) -> Option<v8::Local<'s, v8::SharedArrayBuffer>> {
        let buffer = v8::Local::new(scope, self.shared.buffers.get(id as usize)?);
        let store = buffer.get_backing_store();
        Some(v8::SharedArrayBuffer::with_backing_store(scope, &store))
    }

    fn get_wasm_module_from_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        id: u32,
    ) -> Option<v8::Local<'s, v8::WasmModuleObject>> {
        let module = v8::Local::new(scope, self.shared.modules.get(id as usize)?);
        let compiled = module.get_compiled_module();
        v8::WasmModuleObject::from_compiled_module(scope, &compiled)
    }
}

/// Reads back what [`serialize`] wrote (StructuredDeserializeWithTransfer):
/// `buffers` are the ones [`detach`] returned, `ports` the receiver's new
/// ports, in transfer-list order. `None` when an exception is pending.
pub fn deserialize<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    serialized: &Serialized<'s>,
    buffers: &[v8::Local<'s, v8::ArrayBuffer>],
    ports: &[v8::Local<'s, v8::Object>],
) -> Option<v8::Local<'s, v8::Value>> {
    let context = scope.get_current_context();
    let reader = Reader {
        ports: ports
            .iter()
            .map(|port| v8::Global::new(scope, *port))
            .collect(),
        shared: Shared {
            buffers: serialized
                .shared
                .iter()
                .map(|b| v8::Global::new(scope, *b))
                .collect(),
            modules: serialized
                .modules
                .iter()
                .map(|m| v8::Global::new(scope, *m))
                .collect(),
        },
    };
    let deserializer = v8::ValueDeserializer::new(scope, Box::new(reader), &serialized.bytes);
    if deserializer.read_header(context) != Some(true) {
        return None;
    }
    for (index, buffer) in buffers.iter().enumerate() {
        deserializer.transfer_array_buffer(index as u32, *buffer);
    }
    deserializer.read_value(context)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval<'s>(scope: &mut v8::PinScope<'s, '_>, code: &str) -> v8::Local<'s, v8::Value> {
        let source = crate::v8_util::v8_str(scope, code);
        let script = v8::Script::compile(scope, source, None).expect("compiles");
        script.run(scope).expect("runs")
    }

    #[test]
    fn a_transferred_buffer_moves_and_keeps_its_bytes() {
        crate::platform::init_v8();
        let isolate = &mut v8::Isolate::new(Default::default());
        v8::scope!(let scope, isolate);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        let value = eval(
            scope,
            "globalThis.b = new Uint8Array([7, 8, 9]).buffer; ({ b, view: new Uint8Array(b, 1) })",
        );
        let buffer: v8::Local<v8::ArrayBuffer> = eval(scope, "b").try_into().unwrap();
        let make_error: v8::Local<v8::Function> = eval(scope, "(m) => m").try_into().unwrap();
        let transfer = Transfer {
            buffers: vec![buffer],
            ports: Vec::new(),
        };
        let serialized = serialize(scope, value, &transfer, make_error).expect("serializes");
        assert!(
            !buffer.was_detached(),
            "serialize leaves the buffer to detach"
        );
        let moved = detach(scope, &transfer.buffers);
        assert!(buffer.was_detached());
        let copy = deserialize(scope, &serialized, &moved, &[]).expect("deserializes");
        let global = scope.get_current_context().global(scope);
        let key = crate::v8_util::v8_str(scope, "copy");
        global.set(scope, key.into(), copy);
        let check = eval(scope, "copy.b.byteLength === 3 && copy.view.buffer === copy.b && copy.view[1] === 9 && b.byteLength === 0");
        assert!(check.is_true());
    }

    #[test]
    fn uncloneable_values_and_untransferred_ports_throw_the_made_error() {
        crate::platform::init_v8();
        let isolate = &mut v8::Isolate::new(Default::default());
        v8::scope!(let scope, isolate);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        let port = v8::Object::new(scope);
        let brand = transferable(scope);
        let yes = v8::Boolean::new(scope, true).into();
        port.set_private(scope, brand, yes);
        let make_error: v8::Local<v8::Function> =
            eval(scope, "(m) => 'made: ' + m").try_into().unwrap();
        let function = eval(scope, "(function f() {})");
        let none = Transfer {
            buffers: Vec::new(),
            ports: Vec::new(),
        };
        for (value, expected) in [
            (function, "made: function f() {} could not be cloned."),
            (
                port.into(),
                "made: A MessagePort could not be cloned: it can only be transferred.",
            ),
        ] {
            v8::tc_scope!(let tc, scope);
            assert!(serialize(tc, value, &none, make_error).is_none());
            let thrown = tc.exception().expect("thrown").to_rust_string_lossy(tc);
            assert_eq!(thrown, expected);
        }
        // Transferred, the same port is written and read back as the receiver's.
        let with_port = Transfer {
            buffers: Vec::new(),
            ports: vec![port],
        };
        let serialized = serialize(scope, port.into(), &with_port, make_error).expect("serializes");
        let received = v8::Object::new(scope);
        let read = deserialize(scope, &serialized, &[], &[received]).expect("deserializes");
        assert!(read.strict_equals(received.into()));
    }

    #[test]
    fn bytes_that_do_not_deserialize_throw() {
        crate::platform::init_v8();
        let isolate = &mut v8::Isolate::new(Default::default());
        v8::scope!(let scope, isolate);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        let make_error: v8::Local<v8::Function> = eval(scope, "(m) => m").try_into().unwrap();
        let value = eval(scope, "({ a: [1, 2, 3] })");
        let none = Transfer {
            buffers: Vec::new(),
            ports: Vec::new(),
        };
        let mut serialized = serialize(scope, value, &none, make_error).expect("serializes");
        serialized.bytes.truncate(serialized.bytes.len() - 3);
        v8::tc_scope!(let tc, scope);
        assert!(deserialize(tc, &serialized, &[], &[]).is_none());
        assert!(tc.has_caught());
    }
}
