//! The ops behind `AsyncLocalStorage` (node:async_hooks): V8's
//! continuation-preserved embedder data, a value V8 captures when a promise
//! reaction is created and restores when it runs, so a store set before an
//! `await` is there after it. Timers and `process.nextTick` carry it by hand.

use crate::error::KodeError;
use crate::ext::args::op;

op! {
    /// `async_context_get()` → the current async context (undefined: none).
    fn op_async_context_get<'s>(scope) -> Result<v8::Local<'s, v8::Value>, KodeError> {
        Ok(scope.get_continuation_preserved_embedder_data())
    }
}

op! {
    /// `async_context_set(value)`: what promise reactions created from now on carry.
    fn op_async_context_set<'s>(scope, value: v8::Local<'s, v8::Value>) -> Result<(), KodeError> {
        scope.set_continuation_preserved_embedder_data(value);
        Ok(())
    }
}
