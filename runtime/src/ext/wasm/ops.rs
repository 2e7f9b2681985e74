//! The streaming callback and the ops that feed V8's streaming compiler.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::error::{codes, KodeError};
use crate::ext::args::{op, Bytes};

/// Compilations waiting for their bytes, by id, and the JavaScript handler.
#[derive(Default)]
struct Streams {
    handler: Option<v8::Global<v8::Function>>,
    pending: HashMap<u64, v8::WasmStreaming<false>>,
    last_id: u64,
}

type Shared = Rc<RefCell<Streams>>;

pub fn install(isolate: &mut v8::Isolate) {
    isolate.set_slot(Shared::default());
    isolate.set_wasm_streaming_callback(streaming_callback);
}

fn streams(isolate: &v8::Isolate) -> Shared {
    isolate
        .get_slot::<Shared>()
        .expect("the wasm area installs its state with the isolate")
        .clone()
}

/// V8 calls this from `compileStreaming(source)`: the compilation waits in
/// the table until the handler feeds it or aborts it.
fn streaming_callback<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<'s, v8::Value>,
    streaming: v8::WasmStreaming<false>,
) {
    let shared = streams(scope);
    let Some(handler) = shared.borrow().handler.clone() else {
        let message = v8::String::new(scope, "WebAssembly streaming is not available").unwrap();
        let error = v8::Exception::type_error(scope, message);
        streaming.abort(Some(error));
        return;
    };
    let id = {
        let mut streams = shared.borrow_mut();
        streams.last_id += 1;
        let id = streams.last_id;
        streams.pending.insert(id, streaming);
        id
    };
    let handler = v8::Local::new(scope, handler);
    let id_value = v8::Number::new(scope, id as f64).into();
    let undefined = v8::undefined(scope).into();
    // The handler is an async function: it reports failures through
    // `wasm_streaming_abort`, never by throwing.
    handler.call(scope, undefined, &[source, id_value]);
}

fn take(isolate: &v8::Isolate, id: u64) -> Result<v8::WasmStreaming<false>, KodeError> {
    streams(isolate)
        .borrow_mut()
        .pending
        .remove(&id)
        .ok_or_else(|| {
            KodeError::new(
                codes::EINVALID_ARG,
                format!("no WebAssembly compilation {id}"),
            )
        })
}

op! {
    /// `wasm_streaming_handler(fn)`: the JavaScript that answers `compileStreaming`.
    fn op_wasm_streaming_handler<'s>(scope, handler: v8::Local<'s, v8::Value>) -> Result<(), KodeError> {
        let handler = v8::Local::<v8::Function>::try_from(handler)
            .map_err(|_| KodeError::type_error(codes::EINVALID_ARG, "the handler is not a function"))?;
        let handler = v8::Global::new(scope, handler);
        streams(scope).borrow_mut().handler = Some(handler);
        Ok(())
    }
}

op! {
    /// `wasm_streaming_feed(id, bytes)`: more of compilation `id`'s module.
    fn op_wasm_streaming_feed<'s>(scope, id: u64, bytes: Bytes) -> Result<(), KodeError> {
        let shared = streams(scope);
        let mut streams = shared.borrow_mut();
        let streaming = streams
            .pending
            .get_mut(&id)
            .ok_or_else(|| KodeError::new(codes::EINVALID_ARG, format!("no WebAssembly compilation {id}")))?;
        streaming.on_bytes_received(&bytes.0);
        Ok(())
    }
}

op! {
    /// `wasm_streaming_finish(id)`: every byte was fed; V8 settles the promise.
    fn op_wasm_streaming_finish<'s>(scope, id: u64) -> Result<(), KodeError> {
        take(scope, id)?.finish();
        Ok(())
    }
}

op! {
    /// `wasm_streaming_abort(id, error)`: the compilation rejects with `error`.
    fn op_wasm_streaming_abort<'s>(scope, id: u64, error: v8::Local<'s, v8::Value>) -> Result<(), KodeError> {
        take(scope, id)?.abort(Some(error));
        Ok(())
    }
}
